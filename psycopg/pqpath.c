/* pqpath.c - the libpq boundary: sending queries, reading results, and
 * turning failures into DB-API exceptions. See pqpath.h for the GIL/lock
 * contract every function here follows.
 *
 * Queries are sent with PQsendQuery and their results gathered here, not
 * by PQexec, so that one code path serves the three modes:
 *   - blocking: wait on the socket with the GIL released; the main thread
 *     wakes up every PQ_TICK_MS to notice Ctrl-C, which cancels the query;
 *   - green: the wait callback waits (it calls connection.poll());
 *   - asynchronous: connection.poll() drives the query, the caller waits. */
#include "psycopg.h"
#include "pqpath.h"
#include "error.h"
#include "cursor.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>

/* How often a waiting main thread looks for Ctrl-C (milliseconds). */
#define PQ_TICK_MS 100

/* --- waiting (lock held, GIL released) --------------------------------- */

/* True if Ctrl-C arrived. The flag is consumed here and re-armed by
 * pq_raise_interrupt() once the lock is released, so Python's handler
 * never runs while the connection is locked. */
static int
pq_sigint_arrived(void)
{
    PyGILState_STATE gil = PyGILState_Ensure();
    int arrived = PyOS_InterruptOccurred();

    PyGILState_Release(gil);
    return arrived;
}

/* Send a cancel request from a thread of its own: PQcancel has no timeout,
 * and a server that does not answer must not hang the waiting thread. */
static void *
pq_cancel_thread(void *arg)
{
    PGcancel *cancel = arg;
    char errbuf[256];

    PQcancel(cancel, errbuf, sizeof errbuf);
    PQfreeCancel(cancel);
    return NULL;
}

static void
pq_cancel_locked(connectionObject *conn)
{
    PGcancel *cancel = PQgetCancel(conn->pgconn);
    pthread_t thread;
    pthread_attr_t attr;

    if (cancel == NULL)
        return;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    if (pthread_create(&thread, &attr, pq_cancel_thread, cancel) != 0)
        PQfreeCancel(cancel);   /* no thread: the second Ctrl-C gives up */
    pthread_attr_destroy(&attr);
}

/* Wait until the socket is readable (or writable). The first Ctrl-C
 * cancels the query and waiting goes on for the server's answer; a second
 * one gives up on the connection. 0 when ready, -1 to give up. */
int
pq_wait_locked(connectionObject *conn, int for_write)
{
    struct pollfd pfd;
    int main_thread = PyThread_get_thread_ident() == psyco_state.main_thread;
    int rv;

    pfd.fd = PQsocket(conn->pgconn);
    pfd.events = for_write ? POLLOUT : POLLIN;
    if (pfd.fd < 0)
        return -1;
    for (;;) {
        pfd.revents = 0;
        rv = poll(&pfd, 1, main_thread ? PQ_TICK_MS : -1);
        if (rv > 0)
            return 0;
        if (rv < 0 && errno != EINTR)
            return -1;
        if (main_thread && pq_sigint_arrived()) {
            if (conn->interrupts++ > 0)
                return -1;
            pq_cancel_locked(conn);
        }
    }
}

int
pq_flush_locked(connectionObject *conn)
{
    int rv;

    while ((rv = PQflush(conn->pgconn)) == 1)
        if (pq_wait_locked(conn, 1) < 0)
            return -1;
    return rv;
}

/* Read until a result can be taken without blocking. 0 on success. */
static int
pq_await_result_locked(connectionObject *conn)
{
    while (PQisBusy(conn->pgconn))
        if (pq_wait_locked(conn, 0) < 0 || !PQconsumeInput(conn->pgconn))
            return -1;
    return 0;
}

/* A COPY started by execute(): finish it so the connection stays usable.
 * Data coming out is thrown away; data going in is refused. */
static void
pq_discard_copy_locked(connectionObject *conn, PGresult *res)
{
    PGresult *next;
    char *data;

    if (PQresultStatus(res) == PGRES_COPY_IN)
        PQputCopyEnd(conn->pgconn, "COPY refused by the client");
    else if (PQresultStatus(res) == PGRES_COPY_OUT)
        while (PQgetCopyData(conn->pgconn, &data, 0) > 0)
            PQfreemem(data);
    while ((next = PQgetResult(conn->pgconn)) != NULL)
        PQclear(next);
}

static int
pq_is_copy(PGresult *res)
{
    ExecStatusType st = PQresultStatus(res);

    return st == PGRES_COPY_IN || st == PGRES_COPY_OUT
        || st == PGRES_COPY_BOTH;
}

void
pq_keep_result(PGresult **kept, PGresult *res)
{
    if (*kept && PQresultStatus(*kept) == PGRES_FATAL_ERROR) {
        PQclear(res);
        return;
    }
    PQclear(*kept);
    *kept = res;
}

PGresult *
pq_next_result_locked(connectionObject *conn)
{
    if (pq_await_result_locked(conn) < 0)
        return NULL;
    return PQgetResult(conn->pgconn);
}

/* Gather the results of the query just sent, waiting for them. A COPY
 * ends the gathering (its data comes next). NULL if libpq failed. */
static PGresult *
pq_gather_locked(connectionObject *conn)
{
    PGresult *res, *kept = NULL;

    if (pq_flush_locked(conn) < 0)
        return NULL;
    for (;;) {
        if (pq_await_result_locked(conn) < 0) {
            PQclear(kept);
            return NULL;
        }
        if ((res = PQgetResult(conn->pgconn)) == NULL)
            break;
        pq_keep_result(&kept, res);
        if (pq_is_copy(res) || PQstatus(conn->pgconn) == CONNECTION_BAD)
            break;
    }
    return kept;
}

PGresult *
pq_exec_locked(connectionObject *conn, const char *query)
{
    if (!PQsendQuery(conn->pgconn, query))
        return NULL;
    return pq_gather_locked(conn);
}

/* Build the BEGIN statement with the session characteristics set by
 * set_session() (sent with BEGIN, so the session defaults stay untouched). */
const char *
pq_begin_statement(connectionObject *conn, char *buf, size_t size)
{
    static const char *levels[] = {
        NULL, " ISOLATION LEVEL READ COMMITTED",
        " ISOLATION LEVEL REPEATABLE READ", " ISOLATION LEVEL SERIALIZABLE",
        " ISOLATION LEVEL READ UNCOMMITTED"};
    const char *level = "", *ro = "", *deferrable = "";

    if (conn->isolevel >= 1 && conn->isolevel <= 4)
        level = levels[conn->isolevel];
    if (conn->readonly != SESSION_FLAG_DEFAULT)
        ro = conn->readonly ? " READ ONLY" : " READ WRITE";
    if (conn->deferrable != SESSION_FLAG_DEFAULT)
        deferrable = conn->deferrable ? " DEFERRABLE" : " NOT DEFERRABLE";
    snprintf(buf, size, "BEGIN%s%s%s", level, ro, deferrable);
    return buf;
}

/* Does the connection need a BEGIN before the next query? */
static int
pq_needs_begin_locked(connectionObject *conn)
{
    return !conn->autocommit
        && PQtransactionStatus(conn->pgconn) == PQTRANS_IDLE;
}

PGresult *
pq_begin_if_needed_locked(connectionObject *conn, int *failed)
{
    char stmt[128];
    PGresult *res;

    *failed = 0;
    if (!pq_needs_begin_locked(conn))
        return NULL;
    res = pq_exec_locked(conn, pq_begin_statement(conn, stmt, sizeof stmt));
    if (res != NULL && PQresultStatus(res) == PGRES_COMMAND_OK) {
        PQclear(res);
        conn->status = CONN_STATUS_BEGIN;
        return NULL;
    }
    *failed = 1;
    return res;
}

/* --- outcomes (GIL held) ----------------------------------------------- */

/* Ctrl-C was seen while waiting: the query is cancelled (or the
 * connection given up, on a second one). Run Python's SIGINT handler now
 * that the connection is unlocked: by default it raises KeyboardInterrupt.
 * Returns -1 if the handler raised. */
int
pq_raise_interrupt(connectionObject *conn, pq_outcome *out)
{
    if (out->interrupts > 1) {
        conn_close(conn);
        conn->closed = 2;
    }
    PyErr_SetInterrupt();
    if (PyErr_CheckSignals() < 0) {
        out->pyerr = 1;
        return -1;
    }
    return 0;
}

/* Copy what the locked section leaves for the GIL-holding side. */
void
pq_finish_outcome_locked(connectionObject *conn, pq_outcome *out)
{
    conn_take_notifies_locked(conn);
    out->lost = PQstatus(conn->pgconn) == CONNECTION_BAD;
    out->interrupts = conn->interrupts;
    conn->interrupts = 0;
    /* Copied now: once the lock is released another thread may
     * overwrite the connection's message. */
    if (out->res == NULL && out->errmsg == NULL)
        out->errmsg = strdup(PQerrorMessage(conn->pgconn));
}

/* Whether a new query can go now: else out says why (closed, or an
 * asynchronous query still running). Lock held. */
static int
pq_can_send_locked(connectionObject *conn, pq_outcome *out)
{
    if (conn->pgconn == NULL)
        out->closed = 1;
    else if (conn->async_status != ASYNC_DONE)
        out->busy = 1;
    else
        return 1;
    return 0;
}

/* Run query (and BEGIN if asked) with the GIL released, blocking. */
static void
pq_run_blocking(connectionObject *conn, const char *query, int flags,
                pq_outcome *out)
{
    int failed = 0;

    Py_BEGIN_ALLOW_THREADS
    pthread_mutex_lock(&conn->lock);
    if (pq_can_send_locked(conn, out)) {
        if (flags & PQ_BEGIN)
            out->res = pq_begin_if_needed_locked(conn, &failed);
        if (!failed)
            out->res = pq_exec_locked(conn, query);
        /* A COPY interrupted by Ctrl-C will not be served: end it. */
        if (out->res != NULL && pq_is_copy(out->res)
                && (!(flags & PQ_KEEP_COPY) || conn->interrupts))
            pq_discard_copy_locked(conn, out->res);
        pq_finish_outcome_locked(conn, out);
    }
    pthread_mutex_unlock(&conn->lock);
    Py_END_ALLOW_THREADS
    if (out->interrupts)
        pq_raise_interrupt(conn, out);
}

/* Send query without waiting for its results. 0 if sent. keep_copy:
 * poll() stops at a COPY, leaving its data to the COPY code. */
static int
pq_send(connectionObject *conn, const char *query, int keep_copy,
        pq_outcome *out)
{
    Py_BEGIN_ALLOW_THREADS
    pthread_mutex_lock(&conn->lock);
    if (pq_can_send_locked(conn, out)) {
        if (PQsendQuery(conn->pgconn, query)) {
            conn->async_status = ASYNC_WRITE;
            conn->keep_copy = keep_copy;
        }
        else
            pq_finish_outcome_locked(conn, out);
    }
    pthread_mutex_unlock(&conn->lock);
    Py_END_ALLOW_THREADS
    return (out->closed || out->busy || out->errmsg) ? -1 : 0;
}

/* Take the results gathered by poll() for the query sent last. */
static void
pq_take_async_result(connectionObject *conn, pq_outcome *out)
{
    Py_BEGIN_ALLOW_THREADS
    pthread_mutex_lock(&conn->lock);
    if (conn->pgconn == NULL)
        out->closed = 1;
    else {
        out->res = conn->async_result;
        conn->async_result = NULL;
        pq_finish_outcome_locked(conn, out);
    }
    pthread_mutex_unlock(&conn->lock);
    Py_END_ALLOW_THREADS
}

/* Green mode: send query, let the wait callback wait, take the result. */
static void
pq_exec_green(connectionObject *conn, const char *query, int flags,
              pq_outcome *out)
{
    if (pq_send(conn, query, (flags & PQ_KEEP_COPY) != 0, out) < 0)
        return;
    if (conn_green_wait(conn) < 0) {
        out->pyerr = 1;
        return;
    }
    pq_take_async_result(conn, out);
}

/* Green mode: BEGIN first if needed, then query. */
/* pq_needs_begin_locked for the GIL-holding side. */
static int
pq_needs_begin(connectionObject *conn)
{
    int needed;

    Py_BEGIN_ALLOW_THREADS
    pthread_mutex_lock(&conn->lock);
    needed = conn->pgconn != NULL && pq_needs_begin_locked(conn);
    pthread_mutex_unlock(&conn->lock);
    Py_END_ALLOW_THREADS
    return needed;
}

static void
pq_run_green(connectionObject *conn, const char *query, int flags,
             pq_outcome *out)
{
    char stmt[128];

    if ((flags & PQ_BEGIN) && pq_needs_begin(conn)) {
        pq_exec_green(conn, pq_begin_statement(conn, stmt, sizeof stmt), 0,
                      out);
        if (out->res == NULL || PQresultStatus(out->res) != PGRES_COMMAND_OK)
            return;
        PQclear(out->res);
        out->res = NULL;
        conn->status = CONN_STATUS_BEGIN;
    }
    pq_exec_green(conn, query, flags, out);
}

void
pq_run(connectionObject *conn, const char *query, int flags,
       pq_outcome *out)
{
    memset(out, 0, sizeof *out);
    if (conn_is_green(conn))
        pq_run_green(conn, query, flags, out);
    else
        pq_run_blocking(conn, query, flags, out);
}

int
pq_fail(connectionObject *conn, cursorObject *curs, pq_outcome *out)
{
    if (out->pyerr || out->closed || out->busy) {
        PQclear(out->res);
        free(out->errmsg);
        if (out->closed)
            PyErr_SetString(psyco_state.InterfaceError,
                            "connection already closed");
        else if (out->busy)
            PyErr_SetString(psyco_state.ProgrammingError,
                            "execute cannot be used while an asynchronous "
                            "query is underway");
        return -1;
    }
    if (out->lost)
        conn_mark_broken(conn);
    if (curs)
        curs_reset_failed(curs);
    /* The exception keeps the result (for diag). */
    psyco_raise_from_result(conn, curs, out->res,
                            out->errmsg ? out->errmsg : "out of memory");
    free(out->errmsg);
    return -1;
}

/* Raise ProgrammingError for a COPY that execute() cannot serve. */
static int
pq_refuse_copy(PGresult *res)
{
    int in = PQresultStatus(res) == PGRES_COPY_IN;

    PQclear(res);
    PyErr_Format(psyco_state.ProgrammingError,
                 "can't execute COPY %s: use the %s() method instead",
                 in ? "FROM" : "TO", in ? "copy_from" : "copy_to");
    return -1;
}

/* Hand the outcome of a query to its cursor, or raise. */
static int
pq_deliver(connectionObject *conn, cursorObject *curs, pq_outcome *out)
{
    conn_notice_deliver(conn);
    if (out->pyerr || out->closed || out->busy || out->res == NULL)
        return pq_fail(conn, curs, out);
    switch (PQresultStatus(out->res)) {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
        free(out->errmsg);
        return curs_set_result(curs, out->res);
    case PGRES_EMPTY_QUERY:
        PQclear(out->res);
        free(out->errmsg);
        curs_reset_failed(curs);
        PyErr_SetString(psyco_state.ProgrammingError,
                        "can't execute an empty query");
        return -1;
    case PGRES_COPY_IN:
    case PGRES_COPY_OUT:
        free(out->errmsg);
        return pq_refuse_copy(out->res);
    default:
        return pq_fail(conn, curs, out);
    }
}

/* Asynchronous mode: send the query and return; poll() does the rest. */
static int
pq_execute_async(cursorObject *curs, const char *query)
{
    connectionObject *conn = curs->conn;
    pq_outcome out;
    PyObject *ref;

    if (CONN_CONNECTING(conn)) {
        PyErr_SetString(psyco_state.OperationalError,
                        "asynchronous connection attempt underway");
        return -1;
    }
    if ((ref = PyWeakref_NewRef((PyObject *)curs, NULL)) == NULL)
        return -1;
    memset(&out, 0, sizeof out);
    if (pq_send(conn, query, 0, &out) < 0) {
        Py_DECREF(ref);
        conn_notice_deliver(conn);
        return pq_fail(conn, curs, &out);
    }
    Py_XSETREF(conn->async_cursor, ref);
    return 0;
}

int
pq_execute(cursorObject *curs, const char *query)
{
    pq_outcome out;

    if (curs->conn->async_)
        return pq_execute_async(curs, query);
    pq_run(curs->conn, query, PQ_BEGIN, &out);
    return pq_deliver(curs->conn, curs, &out);
}

int
pq_execute_command(connectionObject *conn, const char *query,
                   cursorObject *curs)
{
    pq_outcome out;
    ExecStatusType st;

    pq_run(conn, query, 0, &out);
    conn_notice_deliver(conn);
    if (out.pyerr || out.closed || out.busy || out.res == NULL)
        return pq_fail(conn, curs, &out);
    st = PQresultStatus(out.res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        return pq_fail(conn, curs, &out);
    PQclear(out.res);
    free(out.errmsg);
    return 0;
}

/* End the transaction with COMMIT or ROLLBACK if one is open. */
static int
pq_end_transaction(connectionObject *conn, const char *command)
{
    int in_transaction;
    int rv;

    Py_BEGIN_ALLOW_THREADS
    pthread_mutex_lock(&conn->lock);
    in_transaction = conn->pgconn != NULL
        && PQtransactionStatus(conn->pgconn) != PQTRANS_IDLE;
    pthread_mutex_unlock(&conn->lock);
    Py_END_ALLOW_THREADS

    if (!in_transaction && conn->pgconn != NULL) {
        conn->status = CONN_STATUS_READY;
        return 0;
    }
    rv = pq_execute_command(conn, command, NULL);
    /* Whatever the outcome, the server has ended the transaction (a
     * failed COMMIT rolls back), and named cursors of it are gone. */
    conn->status = CONN_STATUS_READY;
    conn->mark++;
    return rv;
}

int
pq_commit(connectionObject *conn)
{
    return pq_end_transaction(conn, "COMMIT");
}

int
pq_abort(connectionObject *conn)
{
    return pq_end_transaction(conn, "ROLLBACK");
}

/* --- asynchronous polling ---------------------------------------------- */

/* Read what has arrived and gather the results that are complete, without
 * blocking. PSYCO_POLL_READ while more is due, OK when all are in
 * async_result, -1 if libpq failed. */
static int
pq_poll_read_locked(connectionObject *conn)
{
    PGresult *res;

    if (!PQconsumeInput(conn->pgconn))
        return -1;
    while (!PQisBusy(conn->pgconn)) {
        if ((res = PQgetResult(conn->pgconn)) == NULL) {
            conn->async_status = ASYNC_DONE;
            return PSYCO_POLL_OK;
        }
        if (pq_is_copy(res) && !conn->keep_copy)
            pq_discard_copy_locked(conn, res);   /* blocks: rare misuse */
        pq_keep_result(&conn->async_result, res);
        if (pq_is_copy(res)) {
            conn->async_status = ASYNC_DONE;
            return PSYCO_POLL_OK;
        }
    }
    return PSYCO_POLL_READ;
}

/* Green mode, in a COPY TO STDOUT: read until a row (or the end) is
 * there and keep it for pq_copy_get. */
static int
pq_poll_copy_out_locked(connectionObject *conn)
{
    char *row = NULL;
    int n;

    if (!PQconsumeInput(conn->pgconn))
        return -1;
    if ((n = PQgetCopyData(conn->pgconn, &row, 1)) == 0)
        return PSYCO_POLL_READ;
    conn->copy_row = row;
    conn->copy_row_len = n;
    conn->async_status = ASYNC_DONE;
    return PSYCO_POLL_OK;
}

/* One non-blocking step of the query sent without waiting. */
static int
pq_poll_locked(connectionObject *conn)
{
    int rv;

    switch (conn->async_status) {
    case ASYNC_WRITE:
        if ((rv = PQflush(conn->pgconn)) != 0)
            return rv > 0 ? PSYCO_POLL_WRITE : -1;
        conn->async_status = ASYNC_READ;
        /* fall through */
    case ASYNC_READ:
        return pq_poll_read_locked(conn);
    case ASYNC_COPY_OUT:
        return pq_poll_copy_out_locked(conn);
    default:
        /* Nothing running: read what came by itself (notifications). */
        return PQconsumeInput(conn->pgconn) ? PSYCO_POLL_OK : -1;
    }
}

int
pq_poll(connectionObject *conn, int *done)
{
    pq_outcome out;
    int rv = -1, was_running;

    memset(&out, 0, sizeof out);
    Py_BEGIN_ALLOW_THREADS
    pthread_mutex_lock(&conn->lock);
    if (conn->pgconn == NULL)
        out.closed = 1;
    else {
        was_running = conn->async_status != ASYNC_DONE;
        rv = pq_poll_locked(conn);
        *done = was_running && rv == PSYCO_POLL_OK;
        if (rv < 0)
            pq_finish_outcome_locked(conn, &out);
        else
            conn_take_notifies_locked(conn);
    }
    pthread_mutex_unlock(&conn->lock);
    Py_END_ALLOW_THREADS
    conn_notice_deliver(conn);
    if (rv < 0)
        return pq_fail(conn, NULL, &out);
    return rv;
}

/* The cursor the asynchronous query was for: new reference, or NULL with
 * InterfaceError if it was collected (a closed one is handed back too). */
static cursorObject *
pq_async_cursor(connectionObject *conn)
{
    PyObject *curs = NULL;

    if (conn->async_cursor)
        curs = PyWeakref_GetObject(conn->async_cursor);
    Py_CLEAR(conn->async_cursor);
    if (curs == NULL || curs == Py_None) {
        PyErr_SetString(psyco_state.InterfaceError,
                        "the asynchronous cursor has disappeared");
        return NULL;
    }
    return (cursorObject *)Py_NewRef(curs);
}

int
pq_deliver_async(connectionObject *conn)
{
    cursorObject *curs;
    pq_outcome out;
    int rv;

    memset(&out, 0, sizeof out);
    pq_take_async_result(conn, &out);
    if (out.closed)
        return pq_fail(conn, NULL, &out);
    if ((curs = pq_async_cursor(conn)) == NULL) {
        PQclear(out.res);
        free(out.errmsg);
        return -1;
    }
    if (curs->closed) {   /* closed meanwhile: nobody wants the rows */
        PQclear(out.res);
        free(out.errmsg);
        rv = 0;
    }
    else
        rv = pq_deliver(conn, curs, &out);
    Py_DECREF(curs);
    return rv;
}

int
pq_green_step(connectionObject *conn, int async_status)
{
    Py_BEGIN_ALLOW_THREADS
    pthread_mutex_lock(&conn->lock);
    if (conn->pgconn != NULL)
        conn->async_status = async_status;
    pthread_mutex_unlock(&conn->lock);
    Py_END_ALLOW_THREADS
    return conn_green_wait(conn);
}

int
pq_take_result(connectionObject *conn, PGresult **res)
{
    pq_outcome out;

    memset(&out, 0, sizeof out);
    pq_take_async_result(conn, &out);
    if (out.closed || out.res == NULL)
        return pq_fail(conn, NULL, &out);
    free(out.errmsg);
    *res = out.res;
    return 0;
}

/* --- executemany batches (see cursor_many.c) --------------------------- */

/* What one batch reports back once the GIL is held again. */
typedef struct {
    pq_outcome out;     /* out.res: the first failed result, if any */
    PGresult *last;     /* result of the last statement that ran */
    int done;           /* statements that ran without error */
    long rowcount;      /* sum of their counts; -1 once one has none */
} pq_batch;

/* Count the result of a statement that ran; takes res. */
static void
pq_batch_count(pq_batch *batch, PGresult *res)
{
    const char *tuples = PQcmdTuples(res);

    if (batch->rowcount >= 0)
        batch->rowcount = (tuples && *tuples)
            ? batch->rowcount + atol(tuples) : -1;
    batch->done++;
    PQclear(batch->last);
    batch->last = res;
}

/* Read one result per statement until the server is done, stopping early
 * if libpq fails (lock held, GIL released). After an error the server
 * skips the rest of the query string. */
static void
pq_batch_read_locked(connectionObject *conn, pq_batch *batch)
{
    PGresult *res;

    while (pq_await_result_locked(conn) == 0
            && (res = PQgetResult(conn->pgconn)) != NULL) {
        switch (PQresultStatus(res)) {
        case PGRES_COMMAND_OK:
        case PGRES_TUPLES_OK:
            pq_batch_count(batch, res);
            break;
        case PGRES_EMPTY_QUERY:
            PQclear(res);
            break;
        default:
            if (pq_is_copy(res))        /* not from a batchable statement */
                pq_discard_copy_locked(conn, res);
            if (batch->out.res == NULL && !pq_is_copy(res))
                batch->out.res = res;
            else
                PQclear(res);
        }
        if (PQstatus(conn->pgconn) == CONNECTION_BAD)
            break;
    }
}

/* BEGIN if needed, send the batch, read its results (GIL released). */
static void
pq_batch_run(connectionObject *conn, const char *sql, pq_batch *batch)
{
    pq_outcome *out = &batch->out;
    int failed = 0;

    Py_BEGIN_ALLOW_THREADS
    pthread_mutex_lock(&conn->lock);
    if (pq_can_send_locked(conn, out)) {
        out->res = pq_begin_if_needed_locked(conn, &failed);
        if (!failed && PQsendQuery(conn->pgconn, sql)
                && pq_flush_locked(conn) == 0)
            pq_batch_read_locked(conn, batch);
        pq_finish_outcome_locked(conn, out);
    }
    pthread_mutex_unlock(&conn->lock);
    Py_END_ALLOW_THREADS
    if (out->interrupts)
        pq_raise_interrupt(conn, out);
}

int
pq_execute_batch(cursorObject *curs, const char *sql, int n, int *done,
                 long *rowcount, PGresult **last)
{
    connectionObject *conn = curs->conn;
    pq_batch batch;
    pq_outcome *out = &batch.out;

    memset(&batch, 0, sizeof batch);
    pq_batch_run(conn, sql, &batch);
    conn_notice_deliver(conn);
    *done = batch.done;
    *rowcount = batch.rowcount;
    *last = batch.last;
    if (!out->pyerr && !out->closed && !out->busy && !out->lost
            && out->res == NULL && batch.done == n) {
        free(out->errmsg);
        return 0;
    }
    return pq_fail(conn, curs, out);
}
