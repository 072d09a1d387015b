/* pqpath_copy.c - the libpq side of COPY: the only code moving COPY data.
 * See pqpath.h for the steps of a COPY and the GIL/lock contract.
 *
 * Blocking mode waits inside the locked primitives (pq_wait_locked: Ctrl-C
 * cancels the COPY); green mode leaves the lock and lets the wait
 * callback wait (pq_green_step), then tries again. */
#include "psycopg.h"
#include "pqpath.h"
#include "error.h"

#include <limits.h>
#include <stdlib.h>

/* What a locked step needs next in green mode. */
#define COPY_READY 0
#define COPY_WAIT_WRITE 1   /* libpq's output buffer is full */
#define COPY_WAIT_ROW 2     /* no whole row has arrived yet */

/* Queue len bytes (at most INT_MAX). 1 queued, 0 no room (green mode
 * only: wait for the socket), -1 failed. */
static int
copy_put_once_locked(connectionObject *conn, const char *data, int len,
                     int green)
{
    int rv;

    for (;;) {
        if ((rv = PQputCopyData(conn->pgconn, data, len)) != 0 || green)
            return rv;
        /* A non-blocking connection without a callback: wait here. */
        if (pq_wait_locked(conn, 1) < 0 || PQflush(conn->pgconn) < 0)
            return -1;
    }
}

/* Take a row: > 0 its length, -1 end of the data, -2 failed; 0 none yet
 * (green mode only). Blocking mode waits here, interruptibly. */
static int
copy_get_once_locked(connectionObject *conn, char **data, int green)
{
    int n;

    if (conn->copy_row_len != 0) {   /* read by poll() in green mode */
        *data = conn->copy_row;
        n = conn->copy_row_len;
        conn->copy_row = NULL;
        conn->copy_row_len = 0;
        return n;
    }
    while ((n = PQgetCopyData(conn->pgconn, data, 1)) == 0 && !green)
        if (pq_wait_locked(conn, 0) < 0 || !PQconsumeInput(conn->pgconn))
            return -2;
    return n;
}

static int
result_ok(const PGresult *res)
{
    ExecStatusType st = PQresultStatus(res);

    return st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
}

/* Leave the COPY state that res reports: end a copy in with
 * PQputCopyEnd(abort_msg), read and drop the rest of a copy out.
 * -1 if libpq failed. */
static int
copy_leave_locked(connectionObject *conn, const PGresult *res,
                  const char *abort_msg)
{
    char *data;
    int n;

    if (PQresultStatus(res) == PGRES_COPY_IN)
        return PQputCopyEnd(conn->pgconn, abort_msg) == 1
            && pq_flush_locked(conn) == 0 ? 0 : -1;
    while ((n = copy_get_once_locked(conn, &data, 0)) > 0)
        PQfreemem(data);
    return n == -2 ? -1 : 0;
}

/* Blocking mode: end whatever COPY is in progress and read every result
 * left (as PQexec does before a new query). */
static void
copy_finish_locked(connectionObject *conn, const char *abort_msg,
                   pq_outcome *out)
{
    PGresult *res;
    ExecStatusType st;
    int failed;

    while ((res = pq_next_result_locked(conn)) != NULL) {
        st = PQresultStatus(res);
        if (st == PGRES_COPY_IN || st == PGRES_COPY_OUT) {
            failed = copy_leave_locked(conn, res, abort_msg);
            PQclear(res);
            /* libpq would keep reporting the same COPY state. */
            if (failed)
                break;
        }
        else
            pq_keep_result(&out->res, res);
    }
    pq_finish_outcome_locked(conn, out);
}

/* What a data step leaves for the GIL-holding side (once per row: no
 * copy of libpq's message here, pq_copy_end reports failures). */
static void
copy_step_finish_locked(connectionObject *conn, pq_outcome *out)
{
    conn_take_notifies_locked(conn);
    out->lost = PQstatus(conn->pgconn) == CONNECTION_BAD;
    out->interrupts = conn->interrupts;
    conn->interrupts = 0;
}

/* The common end of a step: report Ctrl-C and lost connections. -1 if an
 * exception was raised. */
static int
copy_step_done(connectionObject *conn, pq_outcome *out)
{
    if (conn->pending_notices)
        conn_notice_deliver(conn);
    if (out->interrupts && pq_raise_interrupt(conn, out) < 0)
        return -1;
    if (out->lost)
        conn_mark_broken(conn);
    return 0;
}

int
pq_copy_start(cursorObject *curs, const char *query)
{
    pq_outcome out;
    int rv = -1;

    pq_run(curs->conn, query, PQ_BEGIN | PQ_KEEP_COPY, &out);
    conn_notice_deliver(curs->conn);
    if (out.pyerr || out.closed || out.busy || out.res == NULL)
        return pq_fail(curs->conn, curs, &out);
    switch (PQresultStatus(out.res)) {
    case PGRES_COPY_IN:
        rv = PQ_COPY_IN;
        break;
    case PGRES_COPY_OUT:
        rv = PQ_COPY_OUT;
        break;
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
        /* Not a COPY: copy_expert() then behaves as execute(). */
        rv = curs_set_result(curs, out.res) < 0 ? -1 : PQ_COPY_NONE;
        out.res = NULL;
        break;
    case PGRES_EMPTY_QUERY:
        PyErr_SetString(psyco_state.ProgrammingError,
                        "can't execute an empty query");
        break;
    default:
        return pq_fail(curs->conn, curs, &out);
    }
    PQclear(out.res);
    free(out.errmsg);
    return rv;
}

/* One locked attempt at sending data: *sent advances over what went. */
static int
copy_put_step(connectionObject *conn, const char **data, Py_ssize_t *len,
              int green, pq_outcome *out)
{
    int chunk, rv = 1, need = COPY_READY;

    Py_BEGIN_ALLOW_THREADS
    pthread_mutex_lock(&conn->lock);
    if (conn->pgconn == NULL)
        rv = 0;
    /* libpq takes an int length: send huge chunks in pieces. */
    while (rv == 1 && *len > 0) {
        chunk = *len > INT_MAX / 2 ? INT_MAX / 2 : (int)*len;
        rv = copy_put_once_locked(conn, *data, chunk, green);
        if (rv == 1) {
            *data += chunk;
            *len -= chunk;
        }
        else if (rv == 0)
            need = COPY_WAIT_WRITE;
    }
    if (conn->pgconn != NULL)
        copy_step_finish_locked(conn, out);
    pthread_mutex_unlock(&conn->lock);
    Py_END_ALLOW_THREADS
    return rv < 0 ? -1 : need;
}

int
pq_copy_put(cursorObject *curs, const char *data, Py_ssize_t len)
{
    connectionObject *conn = curs->conn;
    int green = conn_is_green(conn), need;
    pq_outcome out;

    for (;;) {
        memset(&out, 0, sizeof out);
        need = copy_put_step(conn, &data, &len, green, &out);
        if (copy_step_done(conn, &out) < 0)
            return -1;
        if (need != COPY_WAIT_WRITE)
            return need == COPY_READY && conn->pgconn != NULL ? 1 : 0;
        if (pq_green_step(conn, ASYNC_WRITE) < 0)
            return -1;
    }
}

/* Append a row of n bytes. -1 out of memory (nothing Python: no GIL). */
static int
copy_rows_append(pq_copy_rows *rows, const char *data, int n)
{
    void *grown;

    if (rows->len + n > rows->cap) {
        Py_ssize_t cap = rows->cap ? rows->cap : PQ_COPY_ROWS_BYTES;

        while (cap < rows->len + n)
            cap *= 2;
        if ((grown = realloc(rows->data, cap)) == NULL)
            return -1;
        rows->data = grown;
        rows->cap = cap;
    }
    if (rows->count == rows->count_cap) {
        Py_ssize_t cap = rows->count_cap ? rows->count_cap * 2 : 1024;

        if ((grown = realloc(rows->ends, cap * sizeof *rows->ends)) == NULL)
            return -1;
        rows->ends = grown;
        rows->count_cap = cap;
    }
    memcpy(rows->data + rows->len, data, n);
    rows->len += n;
    rows->ends[rows->count++] = rows->len;
    return 0;
}

/* Take rows while libpq has whole ones (reading the socket once more if
 * it has none): the first waits in blocking mode. Returns what the last
 * PQgetCopyData said (0 none available now, -1 end, -2 failed), or -3 out
 * of memory. One lock and GIL trip for many rows: the point of batching. */
static int
copy_get_rows_locked(connectionObject *conn, pq_copy_rows *rows, int green)
{
    char *data;
    int n = copy_get_once_locked(conn, &data, green), read_socket = 0;

    while (n > 0) {
        if (copy_rows_append(rows, data, n) < 0) {
            PQfreemem(data);
            return -3;
        }
        PQfreemem(data);
        if (rows->len >= PQ_COPY_ROWS_BYTES)
            return 0;
        n = PQgetCopyData(conn->pgconn, &data, 1);
        if (n == 0 && !read_socket) {
            read_socket = 1;
            n = PQconsumeInput(conn->pgconn)
                ? PQgetCopyData(conn->pgconn, &data, 1) : -2;
        }
    }
    return n;
}

/* One locked attempt at taking rows. */
static int
copy_get_step(connectionObject *conn, pq_copy_rows *rows, int green,
              pq_outcome *out)
{
    int n = -2;

    Py_BEGIN_ALLOW_THREADS
    pthread_mutex_lock(&conn->lock);
    if (conn->pgconn != NULL) {
        n = copy_get_rows_locked(conn, rows, green);
        copy_step_finish_locked(conn, out);
    }
    pthread_mutex_unlock(&conn->lock);
    Py_END_ALLOW_THREADS
    return n;
}

Py_ssize_t
pq_copy_get_rows(cursorObject *curs, pq_copy_rows *rows)
{
    connectionObject *conn = curs->conn;
    int green = conn_is_green(conn), n;
    pq_outcome out;

    rows->len = rows->count = 0;
    /* The end (or a failure) came with the previous rows. */
    if (rows->state != PQ_ROWS_MORE)
        return 0;
    for (;;) {
        memset(&out, 0, sizeof out);
        n = copy_get_step(conn, rows, green, &out);
        if (copy_step_done(conn, &out) < 0)
            return -1;
        if (n == -3) {
            PyErr_NoMemory();
            return -1;
        }
        if (n < 0)
            rows->state = n == -1 ? PQ_ROWS_END : PQ_ROWS_FAILED;
        if (rows->count > 0 || n < 0)
            return rows->count;
        if (pq_green_step(conn, ASYNC_COPY_OUT) < 0)
            return -1;
    }
}

void
pq_copy_rows_free(pq_copy_rows *rows)
{
    free(rows->data);
    free(rows->ends);
    memset(rows, 0, sizeof *rows);
}

/* The row count of the final result ("COPY n"), -1 if none. */
static long
copy_rowcount(PGresult *res)
{
    const char *tuples = PQcmdTuples(res);

    return (tuples && *tuples) ? atol(tuples) : -1;
}

/* Green mode: which COPY state the connection is in (PGRES_COPY_IN or
 * PGRES_COPY_OUT), or something else once a copy out has ended. A COPY
 * state is reported without waiting. */
static ExecStatusType
copy_state_green(connectionObject *conn)
{
    PGresult *res = NULL;
    ExecStatusType st = PGRES_COMMAND_OK;

    Py_BEGIN_ALLOW_THREADS
    pthread_mutex_lock(&conn->lock);
    if (conn->pgconn != NULL) {
        conn->keep_copy = 0;
        if (!PQisBusy(conn->pgconn)
                && (res = PQgetResult(conn->pgconn)) != NULL) {
            st = PQresultStatus(res);
            if (st == PGRES_COPY_IN || st == PGRES_COPY_OUT)
                PQclear(res);
            else   /* a final result already: poll() adds the rest */
                conn->async_result = res;
        }
    }
    pthread_mutex_unlock(&conn->lock);
    Py_END_ALLOW_THREADS
    return st;
}

/* Green mode: PQputCopyEnd under the lock. 1 queued, 0 no room yet,
 * -1 failed (out filled). */
static int
copy_put_end_green(connectionObject *conn, const char *abort_msg,
                   pq_outcome *out)
{
    int rv = -1;

    Py_BEGIN_ALLOW_THREADS
    pthread_mutex_lock(&conn->lock);
    if (conn->pgconn == NULL)
        out->closed = 1;
    else if ((rv = PQputCopyEnd(conn->pgconn, abort_msg)) < 0)
        pq_finish_outcome_locked(conn, out);
    pthread_mutex_unlock(&conn->lock);
    Py_END_ALLOW_THREADS
    return rv;
}

/* Green mode: leave the COPY (end a copy in, drain a copy out), then let
 * poll() gather the final results through the wait callback. */
static int
copy_end_green(cursorObject *curs, const char *abort_msg, pq_outcome *out)
{
    connectionObject *conn = curs->conn;
    ExecStatusType st = copy_state_green(conn);
    Py_ssize_t n;
    int sent;

    if (st == PGRES_COPY_IN) {
        while ((sent = copy_put_end_green(conn, abort_msg, out)) == 0)
            if (pq_green_step(conn, ASYNC_WRITE) < 0)
                return -1;
        if (sent < 0)
            return pq_fail(conn, curs, out);
    }
    else if (st == PGRES_COPY_OUT) {
        pq_copy_rows rows = {0};

        while ((n = pq_copy_get_rows(curs, &rows)) > 0)
            ;
        pq_copy_rows_free(&rows);
        if (n < 0)
            return -1;
    }
    if (conn->pgconn == NULL || pq_green_step(conn, ASYNC_WRITE) < 0)
        return -1;
    return pq_take_result(conn, &out->res);
}

int
pq_copy_end(cursorObject *curs, const char *abort_msg)
{
    connectionObject *conn = curs->conn;
    pq_outcome out;
    int rv = -1;

    memset(&out, 0, sizeof out);
    curs->rowcount = -1;
    if (conn_is_green(conn) && conn->pgconn != NULL) {
        if (copy_end_green(curs, abort_msg, &out) < 0)
            return -1;
    }
    else {
        Py_BEGIN_ALLOW_THREADS
        pthread_mutex_lock(&conn->lock);
        if (conn->pgconn == NULL)
            out.closed = 1;
        else
            copy_finish_locked(conn, abort_msg, &out);
        pthread_mutex_unlock(&conn->lock);
        Py_END_ALLOW_THREADS
        if (copy_step_done(conn, &out) < 0) {
            PQclear(out.res);
            free(out.errmsg);
            return -1;
        }
    }
    if (out.closed || out.res == NULL || !result_ok(out.res))
        return pq_fail(conn, curs, &out);
    curs->rowcount = copy_rowcount(out.res);
    rv = 0;
    PQclear(out.res);
    free(out.errmsg);
    return rv;
}

int
pq_standard_strings(connectionObject *conn)
{
    const char *scs = NULL;
    int on = 1;

    Py_BEGIN_ALLOW_THREADS
    pthread_mutex_lock(&conn->lock);
    if (conn->pgconn)
        scs = PQparameterStatus(conn->pgconn, "standard_conforming_strings");
    /* Read under the lock: another thread may be changing it. */
    on = scs == NULL || strcmp(scs, "on") == 0;
    pthread_mutex_unlock(&conn->lock);
    Py_END_ALLOW_THREADS
    return on;
}
