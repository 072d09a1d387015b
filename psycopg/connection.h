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
    int async_;              /* created with async_=True (issue 5) */
    int entered;             /* inside a `with conn:` block */

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

    /* Notices collected by libpq's receiver while the GIL was released;
     * moved to notice_list once the GIL is held again. (notice_lock) */
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
void conn_notice_flush(connectionObject *self);
void conn_mark_broken(connectionObject *self);
/* Call and drop close_hook, if set (the cluster layer's connection count). */
void conn_fire_close_hook(connectionObject *self);
int conn_cancel(connectionObject *self);
int conn_reset(connectionObject *self);
int conn_refresh_equote(connectionObject *self);
/* The Python codec for a PostgreSQL encoding name (any spelling), or NULL. */
const char *conn_codec_for(const char *pgenc);
/* dict of every known PostgreSQL encoding name -> Python codec. */
PyObject *conn_encodings_dict(void);

#endif /* PSYCOPG_CONNECTION_H */
