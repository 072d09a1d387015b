/* connection_int.c - connection logic (no Python argument parsing). */
#include "psycopg.h"
#include "connection.h"
#include "pqpath.h"
#include "error.h"

#include <ctype.h>

#define MAX_NOTICES 50

struct pending_notice {
    struct pending_notice *next;
    char msg[];
};

/* libpq's notice receiver: runs inside libpq calls, with the GIL released,
 * so it only queues the text; conn_notice_flush turns it into Python. */
static void
notice_receiver(void *arg, const PGresult *res)
{
    connectionObject *conn = arg;
    const char *msg = PQresultErrorMessage(res);
    size_t n = strlen(msg);
    struct pending_notice *p = malloc(sizeof *p + n + 1);

    if (p == NULL)
        return;   /* out of memory: losing a notice beats crashing */
    memcpy(p->msg, msg, n + 1);
    pthread_mutex_lock(&conn->notice_lock);
    p->next = conn->pending_notices;   /* newest first; flush reverses */
    conn->pending_notices = p;
    pthread_mutex_unlock(&conn->notice_lock);
}

/* Detach the queued notices, oldest first. */
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

/* Keep only the newest MAX_NOTICES in a plain list (as psycopg2 does). */
static void
trim_notices(PyObject *list)
{
    Py_ssize_t n;

    if (!PyList_CheckExact(list))
        return;
    n = PyList_GET_SIZE(list);
    if (n > MAX_NOTICES)
        PyList_SetSlice(list, 0, n - MAX_NOTICES, NULL);
}

void
conn_notice_flush(connectionObject *self)
{
    struct pending_notice *p, *next;
    PyObject *msg, *rv, *exc_type, *exc_value, *exc_tb;

    if (self->pending_notices == NULL)   /* racy hint; re-read under lock */
        return;
    /* Keep an exception being raised by the caller. */
    PyErr_Fetch(&exc_type, &exc_value, &exc_tb);
    for (p = take_notices(self); p; p = next) {
        next = p->next;
        msg = PyUnicode_Decode(p->msg, (Py_ssize_t)strlen(p->msg),
                               self->codec ? self->codec : "utf_8", "replace");
        free(p);
        if (msg == NULL || self->notice_list == NULL) {
            Py_XDECREF(msg);
            PyErr_Clear();
            continue;
        }
        rv = PyObject_CallMethod(self->notice_list, "append", "O", msg);
        Py_DECREF(msg);
        /* A container that refuses notices loses them, as in psycopg2:
         * the query that produced them must not fail for it. */
        if (rv == NULL)
            PyErr_Clear();
        Py_XDECREF(rv);
    }
    if (self->notice_list)
        trim_notices(self->notice_list);
    PyErr_Restore(exc_type, exc_value, exc_tb);
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

/* Read what the server reported at startup; fix DateStyle if needed. */
static int
conn_setup(connectionObject *self)
{
    const char *datestyle;

    self->server_version = PQserverVersion(self->pgconn);
    self->protocol = PQprotocolVersion(self->pgconn);
    self->equote_at_connect = 1;
    conn_refresh_equote(self);
    self->equote_at_connect = self->equote;
    if (conn_setup_encoding(self) < 0)
        return -1;
    /* The date/time typecasters read ISO output only. */
    datestyle = PQparameterStatus(self->pgconn, "DateStyle");
    if (datestyle == NULL || strncmp(datestyle, "ISO", 3) != 0)
        if (pq_execute_command(self, "SET DATESTYLE TO 'ISO'", NULL) < 0)
            return -1;
    self->status = CONN_STATUS_READY;
    return 0;
}

int
conn_connect(connectionObject *self, const char *dsn, long async_)
{
    PGconn *pgconn;

    if (async_) {
        PyErr_SetString(psyco_state.NotSupportedError,
                        "asynchronous connections are not supported yet");
        return -1;
    }
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
    PQsetNoticeReceiver(pgconn, notice_receiver, self);
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
