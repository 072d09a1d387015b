/* connection_int.c - connection logic (no Python argument parsing). */
#include "psycopg.h"
#include "connection.h"
#include "pqpath.h"
#include "error.h"
#include "notify.h"

#include <ctype.h>

#define MAX_NOTICES 50

/* What the server sent besides results, waiting for the GIL to become
 * Python objects: a notice (notify == NULL, its text in msg) or a
 * notification. One queue for both, in arrival order, guarded by
 * conn->notice_lock (a leaf lock, taken inside conn->lock too). */
struct pending_notice {
    struct pending_notice *next;
    PGnotify *notify;   /* owned (PQfreemem); NULL for a notice */
    char msg[];
};

/* Queue p; newest first, take_notices reverses. */
static void
queue_pending(connectionObject *conn, struct pending_notice *p)
{
    pthread_mutex_lock(&conn->notice_lock);
    p->next = conn->pending_notices;
    conn->pending_notices = p;
    pthread_mutex_unlock(&conn->notice_lock);
}

/* libpq's notice receiver: runs inside libpq calls, with the GIL released,
 * so it only queues the text; conn_notice_flush turns it into Python. */
static void
notice_receiver(void *arg, const PGresult *res)
{
    const char *msg = PQresultErrorMessage(res);
    size_t n = strlen(msg);
    struct pending_notice *p = malloc(sizeof *p + n + 1);

    if (p == NULL)
        return;   /* out of memory: losing a notice beats crashing */
    p->notify = NULL;
    memcpy(p->msg, msg, n + 1);
    queue_pending(arg, p);
}

/* Move the notifications libpq has parsed to the queue (lock held, GIL
 * released). Queued while conn->lock is still held, so that two threads
 * draining in turn keep the server's order. */
void
conn_take_notifies_locked(connectionObject *conn)
{
    struct pending_notice *p;
    PGnotify *item;

    if (conn->pgconn == NULL)
        return;
    while ((item = PQnotifies(conn->pgconn)) != NULL) {
        if ((p = malloc(sizeof *p + 1)) == NULL) {
            PQfreemem(item);   /* out of memory: lose it, keep the rest */
            return;
        }
        p->notify = item;
        p->msg[0] = '\0';
        queue_pending(conn, p);
    }
}

/* Detach the queued notices and notifications, oldest first. */
static struct pending_notice *
take_notices(connectionObject *conn)
{
    struct pending_notice *p, *prev = NULL, *next;

    pthread_mutex_lock(&conn->notice_lock);
    p = conn->pending_notices;
    conn->pending_notices = NULL;
    pthread_mutex_unlock(&conn->notice_lock);
    for (; p; p = next) {
        next = p->next;
        p->next = prev;
        prev = p;
    }
    return prev;
}

/* Text from the server in the connection encoding; errors=replace, as
 * psycopg2 does: a message must arrive whatever its bytes. */
static PyObject *
conn_decode_replace(connectionObject *conn, const char *s)
{
    Py_ssize_t len = (Py_ssize_t)strlen(s);

    if (conn->cdecoder)
        return conn->cdecoder(s, len, "replace");
    return PyUnicode_Decode(s, len, conn->codec ? conn->codec : "utf-8",
                            "replace");
}

/* Keep only the newest MAX_NOTICES in a list (a subclass too, as psycopg2
 * does); any other container keeps everything. */
static void
trim_notices(PyObject *list)
{
    Py_ssize_t n;

    if (!PyList_Check(list))
        return;
    n = PyList_GET_SIZE(list);
    if (n > MAX_NOTICES && PyList_SetSlice(list, 0, n - MAX_NOTICES, NULL) < 0)
        PyErr_Clear();
}

/* The Python object for a queued item: a str or a Notify. */
static PyObject *
pending_to_python(connectionObject *conn, struct pending_notice *p)
{
    PyObject *channel, *payload = NULL, *rv = NULL;

    if (p->notify == NULL)
        return conn_decode_replace(conn, p->msg);
    if (!(channel = conn_decode_replace(conn, p->notify->relname)))
        goto exit;
    if (!(payload = conn_decode_replace(conn, p->notify->extra
                                              ? p->notify->extra : "")))
        goto exit;
    rv = psyco_notify_new(p->notify->be_pid, channel, payload);
exit:
    Py_XDECREF(channel);
    Py_XDECREF(payload);
    return rv;
}

/* Call `append` (a bound method) with the object for p. 0 on success, -1
 * with an exception set. */
static int
deliver_one(connectionObject *conn, PyObject *append, struct pending_notice *p)
{
    PyObject *obj, *rv = NULL;

    if ((obj = pending_to_python(conn, p)) != NULL) {
        rv = PyObject_CallOneArg(append, obj);
        Py_DECREF(obj);
    }
    Py_XDECREF(rv);
    return rv ? 0 : -1;
}

/* The append method of conn.notices or conn.notifies; NULL (no exception)
 * if the attribute was deleted or has none. */
static PyObject *
get_append(PyObject *target)
{
    PyObject *append;

    if (target == NULL)
        return NULL;
    if ((append = PyObject_GetAttrString(target, "append")) == NULL)
        PyErr_Clear();
    return append;
}

static void
free_pending(struct pending_notice *p)
{
    if (p->notify)
        PQfreemem(p->notify);
    free(p);
}

/* Put `kept` (newest first) back, as the oldest items of the queue. */
static void
requeue_oldest(connectionObject *conn, struct pending_notice *kept)
{
    struct pending_notice **tail;

    if (kept == NULL)
        return;
    pthread_mutex_lock(&conn->notice_lock);
    for (tail = &conn->pending_notices; *tail; tail = &(*tail)->next)
        ;
    *tail = kept;
    pthread_mutex_unlock(&conn->notice_lock);
}

enum { DELIVER, DROP, KEEP };

/* Deliver the queue to conn.notices ([0]) and conn.notifies ([1]). What a
 * container cannot take is handled as psycopg2 does, so that the query
 * that brought it never fails for it: without an append method everything
 * is dropped; when append raises, that item is dropped and so are the
 * following notices, but the following notifications wait for the next
 * exchange. -1 (with MemoryError set) only when out of memory. Called with
 * no exception set. */
static int
deliver_pending(connectionObject *conn)
{
    struct pending_notice *p, *next, *kept = NULL;
    PyObject *append[2];
    int state[2], kind, rv = 0, notices = 0;

    append[0] = get_append(conn->notice_list);
    append[1] = get_append(conn->notifies);
    state[0] = append[0] ? DELIVER : DROP;
    state[1] = append[1] ? DELIVER : DROP;
    for (p = take_notices(conn); p; p = next) {
        next = p->next;
        kind = p->notify != NULL;
        notices |= !kind;
        if (state[kind] == KEEP) {
            p->next = kept;
            kept = p;
            continue;
        }
        if (state[kind] == DELIVER && deliver_one(conn, append[kind], p) < 0) {
            if (PyErr_ExceptionMatches(PyExc_MemoryError))
                rv = -1;
            PyErr_Clear();
            state[kind] = kind ? KEEP : DROP;
        }
        free_pending(p);
    }
    requeue_oldest(conn, kept);
    if (notices && conn->notice_list)   /* trimmed only when some came */
        trim_notices(conn->notice_list);
    Py_XDECREF(append[0]);
    Py_XDECREF(append[1]);
    if (rv < 0)
        PyErr_NoMemory();
    return rv;
}

int
conn_notifies_process(connectionObject *conn)
{
    Py_BEGIN_ALLOW_THREADS
    pthread_mutex_lock(&conn->lock);
    conn_take_notifies_locked(conn);
    pthread_mutex_unlock(&conn->lock);
    Py_END_ALLOW_THREADS
    if (conn->pending_notices == NULL)   /* racy hint; re-read under lock */
        return 0;
    return deliver_pending(conn);
}

/* Deliver the queue, keeping the caller's exception. */
static void
deliver_keeping_exception(connectionObject *self, int drain)
{
    PyObject *exc_type, *exc_value, *exc_tb;
    int rv;

    PyErr_Fetch(&exc_type, &exc_value, &exc_tb);
    if (drain)
        rv = conn_notifies_process(self);
    else
        rv = self->pending_notices ? deliver_pending(self) : 0;
    if (rv < 0)
        PyErr_Clear();   /* out of memory: some messages are lost */
    PyErr_Restore(exc_type, exc_value, exc_tb);
}

void
conn_notice_flush(connectionObject *self)
{
    deliver_keeping_exception(self, 1);
}

void
conn_notice_deliver(connectionObject *self)
{
    deliver_keeping_exception(self, 0);
}

/* Strings get the E'' prefix when standard_conforming_strings is off.
 * psycopg2 decides once, at connect; a later SET then gives it either
 * harmless output (on -> off: libpq doubles the backslashes) or corrupt
 * output (off -> on: E'' without doubled backslashes). Requiring "off"
 * both at connect and now keeps psycopg2's bytes in the first case and
 * fixes the second. */
int
conn_refresh_equote(connectionObject *self)
{
    const char *scs;

    if (self->pgconn == NULL)
        return 0;
    scs = PQparameterStatus(self->pgconn, "standard_conforming_strings");
    self->equote = self->equote_at_connect && !(scs && strcmp(scs, "on") == 0);
    return 0;
}

int
conn_read_startup(connectionObject *self)
{
    const char *datestyle;

    self->server_version = PQserverVersion(self->pgconn);
    self->protocol = PQprotocolVersion(self->pgconn);
    self->equote_at_connect = 1;
    conn_refresh_equote(self);
    self->equote_at_connect = self->equote;
    PQsetNoticeReceiver(self->pgconn, notice_receiver, self);
    if (conn_setup_encoding(self) < 0)
        return -1;
    /* The date/time typecasters read ISO output only. */
    datestyle = PQparameterStatus(self->pgconn, "DateStyle");
    return datestyle == NULL || strncmp(datestyle, "ISO", 3) != 0;
}

/* Read what the server reported at startup; fix DateStyle if needed. */
static int
conn_setup(connectionObject *self)
{
    int need_datestyle = conn_read_startup(self);

    if (need_datestyle < 0)
        return -1;
    if (need_datestyle
            && pq_execute_command(self, "SET DATESTYLE TO 'ISO'", NULL) < 0)
        return -1;
    self->status = CONN_STATUS_READY;
    return 0;
}

/* Green mode: connect without blocking, the wait callback waits. */
static int
conn_connect_green(connectionObject *self, const char *dsn)
{
    if (conn_connect_start(self, dsn) < 0)
        return -1;
    return conn_green_wait(self);
}

int
conn_connect(connectionObject *self, const char *dsn, long async_)
{
    PGconn *pgconn;

    if (async_)
        return conn_connect_start(self, dsn);
    if (conn_is_green(self))
        return conn_connect_green(self, dsn);
    Py_BEGIN_ALLOW_THREADS
    pgconn = PQconnectdb(dsn);
    Py_END_ALLOW_THREADS
    if (pgconn == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    if (PQstatus(pgconn) != CONNECTION_OK) {
        PyErr_SetString(psyco_state.OperationalError, PQerrorMessage(pgconn));
        PQfinish(pgconn);
        return -1;
    }
    self->pgconn = pgconn;
    self->cancel = PQgetCancel(pgconn);
    self->closed = 0;
    if (conn_setup(self) < 0) {
        conn_close(self);
        return -1;
    }
    return 0;
}

void
conn_close(connectionObject *self)
{
    PGconn *pgconn;
    PGcancel *cancel;

    if (!self->locks_ready)
        return;
    Py_BEGIN_ALLOW_THREADS
    pthread_mutex_lock(&self->lock);
    pgconn = self->pgconn;
    self->pgconn = NULL;
    pthread_mutex_lock(&self->cancel_lock);
    cancel = self->cancel;
    self->cancel = NULL;
    pthread_mutex_unlock(&self->cancel_lock);
    if (pgconn)
        PQfinish(pgconn);
    if (cancel)
        PQfreeCancel(cancel);
    PQclear(self->async_result);
    self->async_result = NULL;
    self->async_status = ASYNC_DONE;
    pthread_mutex_unlock(&self->lock);
    Py_END_ALLOW_THREADS
    self->closed = 1;
    /* Notices that came with the last statements are still owed. */
    conn_notice_flush(self);
    conn_fire_close_hook(self);
}

void
conn_mark_broken(connectionObject *self)
{
    self->closed = 2;
    conn_fire_close_hook(self);
}

void
conn_fire_close_hook(connectionObject *self)
{
    PyObject *hook = self->close_hook, *rv, *exc_type, *exc_value, *exc_tb;

    if (hook == NULL)
        return;
    self->close_hook = NULL;   /* once only, even if the hook re-enters */
    PyErr_Fetch(&exc_type, &exc_value, &exc_tb);
    if ((rv = PyObject_CallNoArgs(hook)) == NULL)
        PyErr_WriteUnraisable(hook);
    Py_XDECREF(rv);
    Py_DECREF(hook);
    PyErr_Restore(exc_type, exc_value, exc_tb);
}

int
conn_commit(connectionObject *self)
{
    return pq_commit(self);
}

int
conn_rollback(connectionObject *self)
{
    return pq_abort(self);
}

/* In autocommit mode the characteristics must reach the server as session
 * defaults, since no BEGIN will carry them. */
static int
conn_apply_session_defaults(connectionObject *self)
{
    static const char *levels[] = {"DEFAULT", "'read committed'",
        "'repeatable read'", "'serializable'", "'read uncommitted'"};
    char query[256];
    int lvl = self->isolevel >= 1 && self->isolevel <= 4 ? self->isolevel : 0;

    snprintf(query, sizeof query,
             "SET default_transaction_isolation TO %s;"
             "SET default_transaction_read_only TO %s;"
             "SET default_transaction_deferrable TO %s",
             levels[lvl],
             self->readonly == SESSION_FLAG_DEFAULT ? "DEFAULT"
                : self->readonly ? "on" : "off",
             self->deferrable == SESSION_FLAG_DEFAULT ? "DEFAULT"
                : self->deferrable ? "on" : "off");
    return pq_execute_command(self, query, NULL);
}

/* Arguments are the new values; -1 means "leave unchanged". */
int
conn_set_session(connectionObject *self, int autocommit, int isolevel,
                 int readonly, int deferrable)
{
    int touched_characteristics = isolevel != -1 || readonly != -1
        || deferrable != -1;

    if (isolevel != -1)
        self->isolevel = isolevel;
    if (readonly != -1)
        self->readonly = readonly;
    if (deferrable != -1)
        self->deferrable = deferrable;
    if (autocommit != -1)
        self->autocommit = autocommit;
    if (self->autocommit && touched_characteristics)
        return conn_apply_session_defaults(self);
    return 0;
}

int
conn_set_client_encoding(connectionObject *self, const char *enc)
{
    char query[128];
    char clean[64];
    size_t n = 0;

    /* Only letters and digits matter to PostgreSQL; keeping only those
     * also makes the name safe to put in the statement. */
    for (; *enc && n + 1 < sizeof clean; enc++)
        if (isalnum((unsigned char)*enc))
            clean[n++] = (char)toupper((unsigned char)*enc);
    clean[n] = '\0';
    if (pq_abort(self) < 0)
        return -1;
    snprintf(query, sizeof query, "SET client_encoding = '%s'", clean);
    if (pq_execute_command(self, query, NULL) < 0)
        return -1;
    if (conn_setup_encoding(self) < 0)
        return -1;
    /* psycopg2 then shows the name as the user spelled it (normalised). */
    return conn_set_encoding_name(self, clean);
}

int
conn_cancel(connectionObject *self)
{
    char errbuf[256];
    int ok = 1;

    Py_BEGIN_ALLOW_THREADS
    pthread_mutex_lock(&self->cancel_lock);
    if (self->cancel)
        ok = PQcancel(self->cancel, errbuf, sizeof errbuf);
    pthread_mutex_unlock(&self->cancel_lock);
    Py_END_ALLOW_THREADS
    if (!ok) {
        PyErr_SetString(psyco_state.OperationalError, errbuf);
        return -1;
    }
    return 0;
}

int
conn_reset(connectionObject *self)
{
    if (pq_abort(self) < 0)
        return -1;
    if (pq_execute_command(self,
            "RESET ALL; SET SESSION AUTHORIZATION DEFAULT", NULL) < 0)
        return -1;
    self->autocommit = 0;
    self->isolevel = ISOLATION_LEVEL_DEFAULT;
    self->readonly = SESSION_FLAG_DEFAULT;
    self->deferrable = SESSION_FLAG_DEFAULT;
    self->status = CONN_STATUS_READY;
    return conn_refresh_equote(self) < 0 ? -1 : conn_setup_encoding(self);
}

