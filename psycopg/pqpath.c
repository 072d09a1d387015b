/* pqpath.c - the libpq boundary: sending queries, reading results, and
 * turning failures into DB-API exceptions. See pqpath.h for the GIL/lock
 * contract every function here follows. */
#include "psycopg.h"
#include "pqpath.h"
#include "error.h"

#include <stdlib.h>

/* What a locked section reports back once the GIL is held again. */
typedef struct {
    PGresult *res;      /* result to handle, or NULL */
    char *errmsg;       /* libpq's message when there is no result (malloc) */
    int closed;         /* pgconn was gone when the lock was taken */
    int lost;           /* libpq reports the connection bad */
} pq_outcome;

PGresult *
pq_exec_locked(connectionObject *conn, const char *query)
{
    return PQexec(conn->pgconn, query);
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

/* Open a transaction if the connection needs one; returns the failed
 * BEGIN result, or NULL if all is well (lock held, GIL released). */
static PGresult *
pq_begin_if_needed_locked(connectionObject *conn, int *failed)
{
    char stmt[128];
    PGresult *res;

    *failed = 0;
    if (conn->autocommit
            || PQtransactionStatus(conn->pgconn) != PQTRANS_IDLE)
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

/* Run query (and BEGIN if `begin`) with the GIL released. */
static void
pq_run(connectionObject *conn, const char *query, int begin,
       pq_outcome *out)
{
    int failed = 0;

    memset(out, 0, sizeof *out);
    Py_BEGIN_ALLOW_THREADS
    pthread_mutex_lock(&conn->lock);
    if (conn->pgconn == NULL) {
        out->closed = 1;
    }
    else {
        if (begin)
            out->res = pq_begin_if_needed_locked(conn, &failed);
        if (!failed)
            out->res = pq_exec_locked(conn, query);
        if (out->res != NULL && (PQresultStatus(out->res) == PGRES_COPY_IN
                || PQresultStatus(out->res) == PGRES_COPY_OUT))
            pq_discard_copy_locked(conn, out->res);
        out->lost = PQstatus(conn->pgconn) == CONNECTION_BAD;
        /* Copied now: once the lock is released another thread may
         * overwrite the connection's message. */
        if (out->res == NULL)
            out->errmsg = strdup(PQerrorMessage(conn->pgconn));
    }
    pthread_mutex_unlock(&conn->lock);
    Py_END_ALLOW_THREADS
}

/* Turn a failed outcome into an exception; takes the result. Returns -1. */
static int
pq_fail(connectionObject *conn, cursorObject *curs, pq_outcome *out)
{
    if (out->closed) {
        PQclear(out->res);
        PyErr_SetString(psyco_state.InterfaceError,
                        "connection already closed");
        return -1;
    }
    if (out->lost)
        conn_mark_broken(conn);
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

int
pq_execute(cursorObject *curs, const char *query)
{
    connectionObject *conn = curs->conn;
    pq_outcome out;

    pq_run(conn, query, 1, &out);
    conn_notice_flush(conn);
    if (out.closed || out.res == NULL)
        return pq_fail(conn, curs, &out);
    switch (PQresultStatus(out.res)) {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
        return curs_set_result(curs, out.res);
    case PGRES_EMPTY_QUERY:
        PQclear(out.res);
        PyErr_SetString(psyco_state.ProgrammingError,
                        "can't execute an empty query");
        return -1;
    case PGRES_COPY_IN:
    case PGRES_COPY_OUT:
        return pq_refuse_copy(out.res);
    default:
        return pq_fail(conn, curs, &out);
    }
}

int
pq_execute_command(connectionObject *conn, const char *query,
                   cursorObject *curs)
{
    pq_outcome out;
    ExecStatusType st;

    pq_run(conn, query, 0, &out);
    conn_notice_flush(conn);
    if (out.closed || out.res == NULL)
        return pq_fail(conn, curs, &out);
    st = PQresultStatus(out.res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        return pq_fail(conn, curs, &out);
    PQclear(out.res);
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

#ifdef LIBPQ_HAS_PIPELINING

/* What one pipelined batch reports back once the GIL is held again:
 * out.res is the first failed result, if any. */
typedef struct {
    pq_outcome out;
    long rowcount;      /* sum of the counts; -1 once one has none */
} pq_batch;

/* Read the results of one query of the pipeline into batch. */
static void
pq_read_one_locked(connectionObject *conn, pq_batch *batch)
{
    PGresult *res;
    const char *tuples;

    while ((res = PQgetResult(conn->pgconn)) != NULL) {
        switch (PQresultStatus(res)) {
        case PGRES_COMMAND_OK:
        case PGRES_TUPLES_OK:
            tuples = PQcmdTuples(res);
            if (batch->rowcount >= 0)
                batch->rowcount = (tuples && *tuples)
                    ? batch->rowcount + atol(tuples) : -1;
            PQclear(res);
            break;
        case PGRES_PIPELINE_ABORTED:   /* after an error: skipped */
            PQclear(res);
            break;
        default:
            if (batch->out.res == NULL)
                batch->out.res = res;
            else
                PQclear(res);
        }
    }
}

/* Send the queries, a sync, then read every result (lock held, GIL
 * released). The server stops at the first error, as if they had been
 * run one by one. */
static void
pq_pipeline_locked(connectionObject *conn, const char *const *queries, int n,
                   pq_batch *batch)
{
    PGresult *res;
    int i, sent = 0;

    if (PQenterPipelineMode(conn->pgconn)) {
        for (sent = 0; sent < n; sent++)
            if (!PQsendQueryParams(conn->pgconn, queries[sent], 0, NULL,
                                   NULL, NULL, NULL, 0))
                break;
        if (sent == n && PQpipelineSync(conn->pgconn)) {
            for (i = 0; i < n; i++)
                pq_read_one_locked(conn, batch);
            res = PQgetResult(conn->pgconn);   /* the sync */
            PQclear(res);
        }
        PQexitPipelineMode(conn->pgconn);
    }
    if (sent < n && batch->out.res == NULL)
        batch->out.errmsg = strdup(PQerrorMessage(conn->pgconn));
    batch->out.lost = PQstatus(conn->pgconn) == CONNECTION_BAD;
}

int
pq_execute_pipeline(cursorObject *curs, const char *const *queries, int n,
                    long *rowcount)
{
    connectionObject *conn = curs->conn;
    pq_batch batch;
    pq_outcome *out = &batch.out;
    int failed_begin = 0;

    memset(&batch, 0, sizeof batch);
    Py_BEGIN_ALLOW_THREADS
    pthread_mutex_lock(&conn->lock);
    if (conn->pgconn == NULL)
        out->closed = 1;
    else {
        out->res = pq_begin_if_needed_locked(conn, &failed_begin);
        if (!failed_begin)
            pq_pipeline_locked(conn, queries, n, &batch);
        else if (out->res == NULL)
            out->errmsg = strdup(PQerrorMessage(conn->pgconn));
    }
    pthread_mutex_unlock(&conn->lock);
    Py_END_ALLOW_THREADS
    conn_notice_flush(conn);
    *rowcount = batch.rowcount;
    if (!out->closed && out->res == NULL && out->errmsg == NULL)
        return 0;
    return pq_fail(conn, curs, out);
}

#endif /* LIBPQ_HAS_PIPELINING */
