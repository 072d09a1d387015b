/* lobject_int.c - large object operations over libpq's lo_* functions.
 *
 * Every operation is a small "step" run by lo_run() with the GIL released
 * and conn->lock held (the pqpath.h contract): it opens a transaction
 * first when the connection needs one, and copies libpq's error message
 * before the lock is released (another thread may overwrite it). The
 * exception is raised once the GIL is back. */
#include "psycopg.h"
#include "lobject.h"
#include "pqpath.h"
#include "error.h"

#include <stdlib.h>
#include <stdio.h>   /* SEEK_SET, SEEK_END */

/* The open-mode flags of libpq/libpq-fs.h, whose header is not always
 * installed with libpq (their values are fixed by the server). */
#define LO_INV_WRITE 0x00020000
#define LO_INV_READ 0x00040000

typedef struct lo_call lo_call;

/* One operation, run with the lock held. Returns -1 when libpq reports a
 * failure (its message is then in PQerrorMessage). */
typedef int (*lo_step)(PGconn *pgconn, lo_call *c);

struct lo_call {
    /* inputs */
    Oid oid;
    int fd;
    int open_mode;        /* LO_INV_* to open with, 0: do not open */
    Oid new_oid;
    const char *file;
    char *rbuf;
    const char *wbuf;
    size_t len;
    long long pos;
    int whence;
    /* outputs */
    long long result;
    /* what went wrong */
    int closed;           /* the connection was closed */
    int failed;           /* the step or the BEGIN failed */
    int lost;             /* libpq reports the connection bad */
    PGresult *begin_res;  /* the failed BEGIN, if it produced a result */
    char *errmsg;         /* libpq's message (malloc), or NULL */
};

static void
lo_run_locked(connectionObject *conn, lo_step step, lo_call *c)
{
    int begin_failed = 0;

    if (conn->pgconn == NULL) {
        c->closed = 1;
        return;
    }
    c->begin_res = pq_begin_if_needed_locked(conn, &begin_failed);
    c->failed = begin_failed || step(conn->pgconn, c) < 0;
    if (!c->failed)
        return;
    if (c->begin_res == NULL)
        c->errmsg = strdup(PQerrorMessage(conn->pgconn));
    c->lost = PQstatus(conn->pgconn) == CONNECTION_BAD;
}

/* lo_* functions give no result, only libpq's message: OperationalError
 * with that text, pgerror and pgcode None (as psycopg2). The message is
 * in the connection encoding; bad bytes must not hide the error. */
static void
lo_raise(connectionObject *conn, const char *msg)
{
    Py_ssize_t len = (Py_ssize_t)strlen(msg);
    PyObject *text = PyUnicode_Decode(msg, len,
                                      conn->codec ? conn->codec : "utf-8",
                                      "replace");

    if (text == NULL) {     /* a codec Python does not know */
        PyErr_Clear();
        text = PyUnicode_DecodeUTF8(msg, len, "replace");
    }
    if (text != NULL) {
        PyErr_SetObject(psyco_state.OperationalError, text);
        Py_DECREF(text);
    }
}

/* Turn the outcome into 0 or an exception (-1). */
static int
lo_outcome(connectionObject *conn, lo_call *c)
{
    if (c->closed) {
        PyErr_SetString(psyco_state.InterfaceError,
                        "connection already closed");
        return -1;
    }
    if (!c->failed)
        return 0;
    if (c->lost)
        conn_mark_broken(conn);
    if (c->begin_res)   /* the failed BEGIN: its class, pgcode, diag */
        return psyco_raise_from_result(conn, NULL, c->begin_res, NULL);
    lo_raise(conn, c->errmsg ? c->errmsg : "out of memory");
    free(c->errmsg);
    return -1;
}

static int
lo_run(lobjectObject *self, lo_step step, lo_call *c)
{
    connectionObject *conn = self->conn;

    Py_BEGIN_ALLOW_THREADS
    pthread_mutex_lock(&conn->lock);
    lo_run_locked(conn, step, c);
    pthread_mutex_unlock(&conn->lock);
    Py_END_ALLOW_THREADS
    conn_notice_flush(conn);
    return lo_outcome(conn, c);
}

/* --- steps (lock held, GIL released) ----------------------------------- */

static int
step_open(PGconn *pgconn, lo_call *c)
{
    if (c->oid == InvalidOid) {
        c->oid = c->file ? lo_import_with_oid(pgconn, c->file, c->new_oid)
                         : lo_create(pgconn, c->new_oid);
        if (c->oid == InvalidOid)
            return -1;
    }
    if (c->open_mode == 0)
        return 0;
    c->fd = lo_open(pgconn, c->oid, c->open_mode);
    return c->fd < 0 ? -1 : 0;
}

static int
step_close(PGconn *pgconn, lo_call *c)
{
    return lo_close(pgconn, c->fd) < 0 ? -1 : 0;
}

static int
step_unlink(PGconn *pgconn, lo_call *c)
{
    if (c->fd >= 0 && lo_close(pgconn, c->fd) < 0)
        return -1;
    return lo_unlink(pgconn, c->oid) < 0 ? -1 : 0;
}

static int
step_export(PGconn *pgconn, lo_call *c)
{
    return lo_export(pgconn, c->oid, c->file) < 0 ? -1 : 0;
}

static int
step_read(PGconn *pgconn, lo_call *c)
{
    return (c->result = lo_read(pgconn, c->fd, c->rbuf, c->len)) < 0 ? -1 : 0;
}

static int
step_write(PGconn *pgconn, lo_call *c)
{
    return (c->result = lo_write(pgconn, c->fd, c->wbuf, c->len)) < 0
        ? -1 : 0;
}

static int
step_seek(PGconn *pgconn, lo_call *c)
{
    c->result = lo_lseek64(pgconn, c->fd, c->pos, c->whence);
    return c->result < 0 ? -1 : 0;
}

static int
step_tell(PGconn *pgconn, lo_call *c)
{
    return (c->result = lo_tell64(pgconn, c->fd)) < 0 ? -1 : 0;
}

static int
step_truncate(PGconn *pgconn, lo_call *c)
{
    return lo_truncate64(pgconn, c->fd, c->pos) < 0 ? -1 : 0;
}

/* The size of what is left: end - position, the position unchanged. */
static int
step_remaining(PGconn *pgconn, lo_call *c)
{
    pg_int64 where, end;

    if ((where = lo_tell64(pgconn, c->fd)) < 0
            || (end = lo_lseek64(pgconn, c->fd, 0, SEEK_END)) < 0
            || lo_lseek64(pgconn, c->fd, where, SEEK_SET) < 0)
        return -1;
    c->result = end > where ? end - where : 0;
    return 0;
}

/* --- operations (GIL held) --------------------------------------------- */

int
lobject_open(lobjectObject *self, Oid new_oid, const char *new_file)
{
    lo_call c = {0};

    c.oid = self->oid;
    c.new_oid = new_oid;
    c.file = new_file;
    c.fd = -1;
    if (self->mode & LOBJECT_READ)
        c.open_mode |= LO_INV_READ;
    if (self->mode & LOBJECT_WRITE)
        c.open_mode |= LO_INV_WRITE;
    if (lo_run(self, step_open, &c) < 0)
        return -1;
    self->oid = c.oid;
    self->fd = c.fd;
    self->mark = self->conn->mark;
    return 0;
}

int
lobject_close(lobjectObject *self)
{
    lo_call c = {0};

    /* Closed from now on, even if the server fails to close it: the
     * descriptor dies with the transaction anyway. */
    c.fd = self->fd;
    self->fd = -1;
    return lo_run(self, step_close, &c);
}

int
lobject_unlink(lobjectObject *self)
{
    lo_call c = {0};

    c.oid = self->oid;
    c.fd = lobject_is_valid(self) ? self->fd : -1;
    self->fd = -1;
    return lo_run(self, step_unlink, &c);
}

int
lobject_export(lobjectObject *self, const char *filename)
{
    lo_call c = {0};

    c.oid = self->oid;
    c.file = filename;
    return lo_run(self, step_export, &c);
}

Py_ssize_t
lobject_read(lobjectObject *self, char *buf, size_t len)
{
    lo_call c = {0};

    c.fd = self->fd;
    c.rbuf = buf;
    c.len = len;
    return lo_run(self, step_read, &c) < 0 ? -1 : (Py_ssize_t)c.result;
}

long long
lobject_remaining(lobjectObject *self)
{
    lo_call c = {0};

    c.fd = self->fd;
    return lo_run(self, step_remaining, &c) < 0 ? -1 : c.result;
}

Py_ssize_t
lobject_write(lobjectObject *self, const char *buf, size_t len)
{
    lo_call c = {0};

    c.fd = self->fd;
    c.wbuf = buf;
    c.len = len;
    return lo_run(self, step_write, &c) < 0 ? -1 : (Py_ssize_t)c.result;
}

long long
lobject_seek(lobjectObject *self, long long pos, int whence)
{
    lo_call c = {0};

    c.fd = self->fd;
    c.pos = pos;
    c.whence = whence;
    return lo_run(self, step_seek, &c) < 0 ? -1 : c.result;
}

long long
lobject_tell(lobjectObject *self)
{
    lo_call c = {0};

    c.fd = self->fd;
    return lo_run(self, step_tell, &c) < 0 ? -1 : c.result;
}

int
lobject_truncate(lobjectObject *self, long long len)
{
    lo_call c = {0};

    c.fd = self->fd;
    c.pos = len;
    return lo_run(self, step_truncate, &c);
}
