/* connection.h - the connection object.
 *
 * Locking contract (threadsafety = 2: threads share connections):
 *   - `lock` guards `pgconn` and every field marked (L) below;
 *   - take it only after releasing the GIL (Py_BEGIN_ALLOW_THREADS, then
 *     pthread_mutex_lock), never the other way round, so that a thread
 *     holding the lock can always get the GIL back;
 *   - functions with the `_locked` suffix expect the caller to hold it and
 *     must not touch the Python C API (the GIL is released).
 */
#ifndef PSYCOPG_CONNECTION_H
#define PSYCOPG_CONNECTION_H 1

#include "psycopg.h"

/* conn->status: where the connection stands with respect to transactions. */
#define CONN_STATUS_SETUP 0
#define CONN_STATUS_READY 1
#define CONN_STATUS_BEGIN 2
#define CONN_STATUS_PREPARED 5
/* Asynchronous connect (async or green mode) under way: */
#define CONN_STATUS_CONNECTING 20   /* PQconnectPoll not done yet */
#define CONN_STATUS_DATESTYLE 21    /* SET DATESTYLE sent, not answered */

/* conn->async_status: what the query sent without waiting still needs. */
#define ASYNC_DONE 0    /* nothing pending: its results are in async_result */
#define ASYNC_READ 1    /* results to read */
#define ASYNC_WRITE 2   /* query bytes still to flush */
#define ASYNC_COPY_OUT 3   /* green COPY TO: a row to read (copy_row) */

/* connection.poll() results, as psycopg2.extensions.POLL_*. */
#define PSYCO_POLL_OK 0
#define PSYCO_POLL_READ 1
#define PSYCO_POLL_WRITE 2
#define PSYCO_POLL_ERROR 3

/* Isolation levels, as psycopg2.extensions.ISOLATION_LEVEL_*. */
#define ISOLATION_LEVEL_AUTOCOMMIT 0
#define ISOLATION_LEVEL_READ_UNCOMMITTED 4
#define ISOLATION_LEVEL_READ_COMMITTED 1
#define ISOLATION_LEVEL_REPEATABLE_READ 2
#define ISOLATION_LEVEL_SERIALIZABLE 3
#define ISOLATION_LEVEL_DEFAULT 5

/* readonly / deferrable: unset means "server default". */
#define SESSION_FLAG_OFF 0
#define SESSION_FLAG_ON 1
#define SESSION_FLAG_DEFAULT 2

/* Fast decoder for a known client encoding (PyUnicode_DecodeUTF8 & co). */
typedef PyObject *(*psyco_decoder)(const char *s, Py_ssize_t size,
                                   const char *errors);

struct connectionObject {
    PyObject_HEAD
    pthread_mutex_t lock;
    pthread_mutex_t cancel_lock;   /* guards `cancel` (leaf lock, any GIL state) */
    pthread_mutex_t notice_lock;   /* guards `pending_notices` (leaf lock) */
    int locks_ready;               /* the mutexes above are initialised */

    PGconn *pgconn;          /* (L) NULL once closed */
    PGcancel *cancel;        /* for cancel() from any thread; see cancel_lock */
    char *dsn;               /* the DSN given to libpq: may hold a password, never shown */

    long closed;             /* 0 open, 1 closed by the user, 2 broken */
    long mark;               /* bumped at every commit/rollback (named cursors) */
    int status;              /* (L) CONN_STATUS_* */
    int server_version;
    int protocol;

    int autocommit;
    int isolevel;            /* ISOLATION_LEVEL_*; DEFAULT = server default */
    int readonly;            /* SESSION_FLAG_* */
    int deferrable;          /* SESSION_FLAG_* */

    int equote;              /* quote strings as E'...' (see conn_refresh_equote) */
    int equote_at_connect;   /* standard_conforming_strings was off at connect */
    int async_;              /* created with async_=True */
    int async_status;        /* (L) ASYNC_*: the query sent without waiting */
    PGresult *async_result;  /* (L) its result once gathered (last one, or
                                the first error), until taken */
    PyObject *async_cursor;  /* weakref to the cursor the async query is for */
    int interrupts;          /* (L) Ctrl-C seen while waiting for a result */
    int keep_copy;           /* (L) poll() stops at a COPY (green COPY) */
    char *copy_row;          /* (L) green COPY TO: row read by poll(), or */
    int copy_row_len;        /*     the end (-1) or a failure (-2) */
    int entered;             /* inside a `with conn:` block */
    PyObject *tpc_xid;       /* Xid of the two-phase transaction from
                                tpc_begin() to its end, else NULL */

    /* Client encoding: PostgreSQL name, Python codec name and, when the
     * codec is one CPython decodes natively, a direct decoder. */
    char *encoding;          /* e.g. "UTF8" */
    char *codec;             /* e.g. "utf-8" */
    psyco_decoder cdecoder;  /* NULL: use PyUnicode_Decode(codec) */

    PyObject *notice_list;   /* list (or object with append) of notice strings */
    PyObject *notifies;      /* list of Notify (issue 5) */
    PyObject *string_types;  /* per-connection typecasters: dict OID -> caster */
    PyObject *binary_types;
    PyObject *cursor_factory;
    PyObject *close_hook;    /* called once when closed, broken or collected */

    /* Notices collected by libpq's receiver and notifications taken from
     * PQnotifies while the GIL was released, in arrival order; moved to
     * notice_list / notifies once the GIL is held again. (notice_lock) */
    struct pending_notice *pending_notices;

    PyObject *weakreflist;
};

extern PyTypeObject connectionType;

/* Decode bytes from the server in the connection's client encoding.
 * conn may be NULL (typecasters called from Python without a cursor):
 * then UTF-8 is used. */
static inline PyObject *
conn_decode(connectionObject *conn, const char *s, Py_ssize_t len)
{
    if (conn == NULL)
        return PyUnicode_DecodeUTF8(s, len, "strict");
    if (conn->cdecoder)
        return conn->cdecoder(s, len, "strict");
    return PyUnicode_Decode(s, len, conn->codec, "strict");
}

/* Encode a str in the connection's client encoding (UTF-8 if conn is NULL).
 * Returns a new bytes object, or NULL with UnicodeEncodeError set. */
PyObject *conn_encode(connectionObject *conn, PyObject *str);

/* An asynchronous connect (async or green mode) is not finished: SETUP
 * until the first poll(), then CONNECTING and maybe DATESTYLE. */
#define CONN_CONNECTING(self) \
    ((self)->status == CONN_STATUS_SETUP \
     || (self)->status == CONN_STATUS_CONNECTING \
     || (self)->status == CONN_STATUS_DATESTYLE)

/* Raise ProgrammingError for a method refused in asynchronous mode. */
#define EXC_IF_ASYNC(self, what) \
    if ((self)->async_) { \
        PyErr_SetString(psyco_state.ProgrammingError, \
                        #what " cannot be used in asynchronous mode"); \
        return NULL; }

/* Two-phase commit: raise ProgrammingError for a method refused while a
 * transaction is prepared (tpc_prepare() done, tpc_commit() not yet)... */
#define EXC_IF_TPC_PREPARED(self, what) \
    if ((self)->status == CONN_STATUS_PREPARED) { \
        PyErr_SetString(psyco_state.ProgrammingError, #what " cannot be " \
                        "used with a prepared two-phase transaction"); \
        return NULL; }

/* ... or during the whole two-phase transaction (commit, rollback). */
#define EXC_IF_IN_TPC(self, what) \
    if ((self)->tpc_xid) { \
        PyErr_SetString(psyco_state.ProgrammingError, #what " cannot be " \
                        "used during a two-phase transaction"); \
        return NULL; }

/* Raise InterfaceError if the connection is closed; evaluates to NULL. */
#define EXC_IF_CONN_CLOSED(self) \
    if ((self)->closed > 0) { \
        PyErr_SetString(psyco_state.InterfaceError, "connection already closed"); \
        return NULL; }

/* connection_int.c: logic, no argument parsing. */
int conn_connect(connectionObject *self, const char *dsn, long async_);
void conn_close(connectionObject *self);
int conn_commit(connectionObject *self);
int conn_rollback(connectionObject *self);
int conn_set_session(connectionObject *self, int autocommit, int isolevel,
                     int readonly, int deferrable);
int conn_set_client_encoding(connectionObject *self, const char *enc);
int conn_setup_encoding(connectionObject *self);
/* Replace the encoding name shown by conn.encoding. */
int conn_set_encoding_name(connectionObject *self, const char *name);
/* Deliver what the server sent besides results: the queued notices to
 * conn.notices, then the notifications (conn_notifies_process). Called
 * with the GIL after every exchange with the server; keeps any exception
 * already set. */
void conn_notice_flush(connectionObject *self);
/* Append a Notify to conn.notifies for every notification libpq has
 * received. GIL held, conn->lock not held (taken here). -1 with an
 * exception set only when out of memory. */
int conn_notifies_process(connectionObject *conn);
/* Queue the notifications libpq has received (conn->lock held, GIL
 * released): locked sections call it before unlocking, then
 * conn_notice_deliver() needs no second trip through the lock. */
void conn_take_notifies_locked(connectionObject *conn);
/* conn_notice_flush without draining libpq: only what is queued. */
void conn_notice_deliver(connectionObject *self);
void conn_mark_broken(connectionObject *self);
/* Call and drop close_hook, if set (the cluster layer's connection count). */
void conn_fire_close_hook(connectionObject *self);
int conn_cancel(connectionObject *self);

/* connection_async.c: asynchronous and green mode. */
/* Start connecting without waiting (async_ or green mode). */
int conn_connect_start(connectionObject *self, const char *dsn);
/* One step of connection.poll(): PSYCO_POLL_* or -1 with an exception. */
int conn_poll(connectionObject *self);
/* Green mode: a wait callback is set and the connection is not async. */
int conn_is_green(connectionObject *self);
/* Green mode: call the wait callback until the connection's pending
 * operation is done; on failure the connection is closed as broken. */
int conn_green_wait(connectionObject *self);
/* Read the startup parameters; 1 if DateStyle must be set to ISO. */
int conn_read_startup(connectionObject *self);
int conn_reset(connectionObject *self);
int conn_refresh_equote(connectionObject *self);
/* The Python codec for a PostgreSQL encoding name (any spelling), or NULL. */
const char *conn_codec_for(const char *pgenc);
/* dict of every known PostgreSQL encoding name -> Python codec. */
PyObject *conn_encodings_dict(void);

#endif /* PSYCOPG_CONNECTION_H */
