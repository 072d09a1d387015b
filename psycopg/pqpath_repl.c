/* pqpath_repl.c - the libpq side of streaming replication: START_REPLICATION,
 * the COPY BOTH messages, standby status updates ("feedback").
 *
 * Follows the contract of pqpath.h: the pq_* functions are called with the
 * GIL and without conn->lock; the static *_locked helpers run with the GIL
 * released and the lock held, and never touch the Python C API. What a
 * locked section learned is carried out of it in a repl_outcome.
 *
 * Wire formats (PostgreSQL "Streaming Replication Protocol"), integers in
 * network byte order:
 *   XLogData          'w' data_start:8 wal_end:8 send_time:8 payload
 *   keepalive         'k' wal_end:8 send_time:8 reply_requested:1
 *   status update     'r' write:8 flush:8 apply:8 send_time:8 reply:1
 */
#include "psycopg.h"
#include "pqpath.h"
#include "replication.h"
#include "error.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <time.h>

#define XLOGDATA_HEADER 25    /* 'w' + 3 * 8 */
#define KEEPALIVE_SIZE 18     /* 'k' + 2 * 8 + 1 */
#define FEEDBACK_SIZE 34      /* 'r' + 4 * 8 + 1 */

/* What happened inside a locked section. */
typedef enum {
    REPL_NOTHING,            /* no whole message yet */
    REPL_MESSAGE,            /* an XLogData message in buf */
    REPL_ENDED,              /* the server ended the stream (res: its result) */
    REPL_STARTED,            /* START_REPLICATION entered COPY BOTH */
    REPL_FAILED,             /* res or errmsg says why */
    REPL_CLOSED              /* the connection was closed */
} repl_status;

typedef struct {
    repl_status status;
    PGresult *res;           /* result to report, or NULL */
    char *errmsg;            /* copy of the libpq message (malloc), or NULL */
    int lost;                /* libpq reports the connection bad */
    char *buf;               /* REPL_MESSAGE: the message (PQfreemem) */
    int len;                 /* its length */
} repl_outcome;

int64_t
repl_now_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int64_t
repl_mono_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static uint64_t
get_be64(const char *p)
{
    const unsigned char *u = (const unsigned char *)p;
    uint64_t v = 0;
    int i;

    for (i = 0; i < 8; i++)
        v = (v << 8) | u[i];
    return v;
}

static void
put_be64(char *p, uint64_t v)
{
    int i;

    for (i = 7; i >= 0; i--) {
        p[i] = (char)(v & 0xff);
        v >>= 8;
    }
}

/* Record libpq's view of a failure (lock held). */
static void
fail_locked(connectionObject *conn, repl_outcome *out, const char *msg)
{
    out->status = REPL_FAILED;
    out->lost = PQstatus(conn->pgconn) == CONNECTION_BAD;
    if (out->res == NULL && out->errmsg == NULL)
        out->errmsg = strdup(msg ? msg : PQerrorMessage(conn->pgconn));
}

/* Send a standby status update with the cursor's positions. */
static int
feedback_locked(replicationCursorObject *repl, int reply, repl_outcome *out)
{
    connectionObject *conn = repl->cur.conn;
    char msg[FEEDBACK_SIZE];
    int64_t now = repl_now_us();

    msg[0] = 'r';
    put_be64(msg + 1, repl->write_lsn);
    put_be64(msg + 9, repl->flush_lsn);
    put_be64(msg + 17, repl->apply_lsn);
    put_be64(msg + 25, (uint64_t)(now - REPL_PG_EPOCH_OFFSET * 1000000));
    msg[33] = reply ? 1 : 0;
    /* On a blocking connection PQflush waits until all is sent; on a
     * non-blocking one it may leave data queued (1), sent with the next
     * call: not an error. */
    if (PQputCopyData(conn->pgconn, msg, FEEDBACK_SIZE) != 1
            || PQflush(conn->pgconn) < 0) {
        fail_locked(conn, out, NULL);
        return -1;
    }
    repl->feedback_time = now;
    repl->feedback_mono = repl_mono_us();
    return 0;
}

/* A keepalive: note the server's WAL end, answer if asked. */
static int
keepalive_locked(replicationCursorObject *repl, const char *buf, int len,
                 repl_outcome *out)
{
    uint64_t wal_end;

    if (len < KEEPALIVE_SIZE) {
        fail_locked(repl->cur.conn, out, "short keepalive message");
        return -1;
    }
    wal_end = get_be64(buf + 1);
    repl->wal_end = wal_end;
    /* The client has confirmed everything it was sent: nothing it has
     * not seen lies before wal_end, so the server may forget up to there
     * (else the slot keeps WAL forever and a shutdown waits for us). */
    if (repl->flush_lsn >= repl->last_msg_data_start
            && wal_end > repl->flush_lsn)
        repl->flush_lsn = wal_end;
    if (buf[17])
        return feedback_locked(repl, 0, out);
    return 0;
}

/* The server ended the COPY: collect its final results. */
static void
stream_end_locked(replicationCursorObject *repl, repl_outcome *out)
{
    connectionObject *conn = repl->cur.conn;
    PGresult *res;
    ExecStatusType st;

    repl->started = 0;
    out->status = REPL_ENDED;
    while ((res = PQgetResult(conn->pgconn)) != NULL) {
        st = PQresultStatus(res);
        /* A CopyDone of the server (end of a timeline) leaves our half of
         * the COPY open: libpq would return this result forever. */
        if (st == PGRES_COPY_IN) {
            PQclear(res);
            if (PQputCopyEnd(conn->pgconn, NULL) != 1)
                break;
            continue;
        }
        if (out->res == NULL && st != PGRES_COMMAND_OK
                && st != PGRES_TUPLES_OK)
            out->res = res;   /* the first error is the one to tell */
        else
            PQclear(res);
    }
    if (out->res != NULL)
        fail_locked(conn, out, NULL);
}

/* Read one message if a whole one is buffered (after reading the socket
 * once). 1: got one in *buf; 0: none yet; -1: failed or ended (out set). */
static int
get_copy_data_locked(replicationCursorObject *repl, char **buf, int *consumed,
                     repl_outcome *out)
{
    PGconn *pgconn = repl->cur.conn->pgconn;
    int len;

    for (;;) {
        len = PQgetCopyData(pgconn, buf, 1);
        if (len > 0) {
            out->len = len;
            return 1;
        }
        if (len == -1) {
            stream_end_locked(repl, out);
            return -1;
        }
        if (len < -1) {
            fail_locked(repl->cur.conn, out, NULL);
            return -1;
        }
        if (*consumed)
            return 0;
        *consumed = 1;
        if (!PQconsumeInput(pgconn)) {
            fail_locked(repl->cur.conn, out, NULL);
            return -1;
        }
    }
}

/* Read messages until an XLogData one, or until none is left. */
static void
read_locked(replicationCursorObject *repl, repl_outcome *out)
{
    char *buf = NULL;
    int consumed = 0, rv;

    if (repl->feedback_mono == 0
            || repl_mono_us() - repl->feedback_mono >= repl->interval_us)
        if (feedback_locked(repl, 0, out) < 0)
            return;
    while ((rv = get_copy_data_locked(repl, &buf, &consumed, out)) == 1) {
        repl->io_time = repl_now_us();
        if (buf[0] == 'w' && out->len >= XLOGDATA_HEADER) {
            repl->last_msg_data_start = get_be64(buf + 1);
            repl->wal_end = get_be64(buf + 9);
            out->status = REPL_MESSAGE;
            out->buf = buf;
            return;
        }
        if (buf[0] == 'k')
            rv = keepalive_locked(repl, buf, out->len, out);
        else {
            fail_locked(repl->cur.conn, out,
                        "unrecognized replication message");
            rv = -1;
        }
        PQfreemem(buf);
        buf = NULL;
        if (rv < 0)
            return;
    }
    if (rv == 0)
        out->status = REPL_NOTHING;
}

/* Turn a failed outcome into an exception (GIL held). Returns -1. */
static int
repl_fail(replicationCursorObject *repl, repl_outcome *out)
{
    connectionObject *conn = repl->cur.conn;

    if (out->status == REPL_CLOSED) {
        PyErr_SetString(psyco_state.InterfaceError,
                        "connection already closed");
        return -1;
    }
    if (out->lost) {
        repl->started = 0;
        conn_mark_broken(conn);
    }
    psyco_raise_from_result(conn, (cursorObject *)repl, out->res,
                            out->errmsg ? out->errmsg : "out of memory");
    out->res = NULL;
    free(out->errmsg);
    out->errmsg = NULL;
    return -1;
}

/* Run the locked section `fn` with the GIL released and the lock held. */
static void
run_locked(replicationCursorObject *repl, repl_outcome *out,
           void (*fn)(replicationCursorObject *, repl_outcome *, void *),
           void *arg)
{
    connectionObject *conn = repl->cur.conn;

    memset(out, 0, sizeof *out);
    Py_BEGIN_ALLOW_THREADS
    pthread_mutex_lock(&conn->lock);
    if (conn->pgconn == NULL)
        out->status = REPL_CLOSED;
    else {
        fn(repl, out, arg);
        conn_take_notifies_locked(conn);
    }
    pthread_mutex_unlock(&conn->lock);
    Py_END_ALLOW_THREADS
    conn_notice_deliver(conn);
}

/* A COPY TO/FROM given as the replication command: end it, so that the
 * connection stays usable, and report it as a failure. */
static void
refuse_copy_locked(connectionObject *conn, repl_outcome *out)
{
    PGresult *res;
    char *data;

    if (PQresultStatus(out->res) == PGRES_COPY_IN)
        PQputCopyEnd(conn->pgconn, "not a replication command");
    else
        while (PQgetCopyData(conn->pgconn, &data, 0) > 0)
            PQfreemem(data);
    while ((res = PQgetResult(conn->pgconn)) != NULL)
        PQclear(res);
    PQclear(out->res);
    out->res = NULL;
    fail_locked(conn, out, "COPY is not a replication command");
}

static void
start_section(replicationCursorObject *repl, repl_outcome *out, void *arg)
{
    connectionObject *conn = repl->cur.conn;
    ExecStatusType st;

    /* PQexec, not pq_exec_locked: it stops at the COPY BOTH result, while
     * a result loop would wait for a stream that never ends. */
    if ((out->res = PQexec(conn->pgconn, (const char *)arg)) == NULL) {
        fail_locked(conn, out, NULL);
        return;
    }
    st = PQresultStatus(out->res);
    if (st == PGRES_COPY_IN || st == PGRES_COPY_OUT) {
        refuse_copy_locked(conn, out);
        return;
    }
    if (st != PGRES_COPY_BOTH && st != PGRES_COMMAND_OK
            && st != PGRES_TUPLES_OK) {
        fail_locked(conn, out, NULL);
        return;
    }
    /* A command that streams nothing (IDENTIFY_SYSTEM...) is accepted
     * and its result dropped, as psycopg2 does. */
    out->status = st == PGRES_COPY_BOTH ? REPL_STARTED : REPL_NOTHING;
    PQclear(out->res);
    out->res = NULL;
}

int
pq_start_replication(replicationCursorObject *repl, const char *command)
{
    repl_outcome out;

    run_locked(repl, &out, start_section, (void *)command);
    if (out.status == REPL_NOTHING)
        return 0;
    if (out.status != REPL_STARTED) {
        if (out.res != NULL && PQresultStatus(out.res) == PGRES_EMPTY_QUERY) {
            PQclear(out.res);
            PyErr_SetString(psyco_state.ProgrammingError,
                            "can't execute an empty query");
            return -1;
        }
        return repl_fail(repl, &out);
    }
    return 1;
}

static void
read_section(replicationCursorObject *repl, repl_outcome *out,
             void *arg PSYCO_UNUSED)
{
    read_locked(repl, out);
}

/* The ReplicationMessage for the XLogData message in out->buf. */
static PyObject *
build_message(replicationCursorObject *repl, repl_outcome *out)
{
    const char *buf = out->buf, *data = buf + XLOGDATA_HEADER;
    int size = out->len - XLOGDATA_HEADER;
    PyObject *payload, *msg = NULL;

    if (repl->decode)
        payload = conn_decode(repl->cur.conn, data, size);
    else
        payload = PyBytes_FromStringAndSize(data, size);
    if (payload != NULL) {
        msg = repl_message_new((PyObject *)repl, payload, size,
                               get_be64(buf + 1), get_be64(buf + 9),
                               (int64_t)get_be64(buf + 17));
        Py_DECREF(payload);
    }
    return msg;
}

PyObject *
pq_read_replication_message(replicationCursorObject *repl)
{
    repl_outcome out;
    PyObject *msg;

    run_locked(repl, &out, read_section, NULL);
    switch (out.status) {
    case REPL_MESSAGE:
        msg = build_message(repl, &out);
        PQfreemem(out.buf);
        return msg;
    case REPL_NOTHING:
    case REPL_ENDED:
        Py_RETURN_NONE;
    default:
        repl_fail(repl, &out);
        return NULL;
    }
}

static void
feedback_section(replicationCursorObject *repl, repl_outcome *out, void *arg)
{
    if (feedback_locked(repl, *(int *)arg, out) == 0)
        out->status = REPL_NOTHING;
}

int
pq_send_replication_feedback(replicationCursorObject *repl, int reply)
{
    repl_outcome out;

    run_locked(repl, &out, feedback_section, &reply);
    if (out.status == REPL_NOTHING)
        return 0;
    return repl_fail(repl, &out);
}

/* The connection's socket, -1 if closed (the lock is only held to read
 * it: nobody else may use the connection while we wait). */
static int
repl_socket(connectionObject *conn)
{
    int fd = -1;

    Py_BEGIN_ALLOW_THREADS
    pthread_mutex_lock(&conn->lock);
    if (conn->pgconn != NULL)
        fd = PQsocket(conn->pgconn);
    pthread_mutex_unlock(&conn->lock);
    Py_END_ALLOW_THREADS
    return fd;
}

int
pq_wait_replication(replicationCursorObject *repl, int64_t timeout_us)
{
    struct pollfd pfd;
    int rv, err;

    if ((pfd.fd = repl_socket(repl->cur.conn)) < 0) {
        PyErr_SetString(psyco_state.InterfaceError,
                        "connection already closed");
        return -1;
    }
    pfd.events = POLLIN;
    if (timeout_us < 0)
        timeout_us = 0;
    Py_BEGIN_ALLOW_THREADS
    rv = poll(&pfd, 1, (int)((timeout_us + 999) / 1000));
    err = errno;
    Py_END_ALLOW_THREADS
    if (rv >= 0)
        return 0;
    if (err == EINTR)   /* a signal: its Python handler may raise */
        return PyErr_CheckSignals();
    errno = err;
    PyErr_SetFromErrno(psyco_state.OperationalError);
    return -1;
}
