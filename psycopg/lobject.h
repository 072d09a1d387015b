/* lobject.h - the large object (psycopg2.extensions.lobject).
 *
 * A large object is opened inside a transaction: its descriptor (fd) lives
 * until the transaction ends. The object remembers conn->mark at opening;
 * once the connection's transaction is over (the mark moved) every method
 * needing the descriptor refuses to run.
 *
 * Locking: lobject_int.c makes every lo_* call with the GIL released and
 * conn->lock held (pqpath.h contract); lobject_type.c only parses
 * arguments and checks state, with the GIL.
 */
#ifndef PSYCOPG_LOBJECT_H
#define PSYCOPG_LOBJECT_H 1

#include "psycopg.h"
#include "connection.h"

/* Mode bits (lobject->mode). */
#define LOBJECT_READ 1
#define LOBJECT_WRITE 2
#define LOBJECT_BINARY 4
#define LOBJECT_TEXT 8

typedef struct {
    PyObject_HEAD
    connectionObject *conn;  /* strong reference; NULL until initialised */
    long mark;               /* conn->mark when opened */
    int mode;                /* LOBJECT_* bits; no READ/WRITE: mode 'n' */
    const char *smode;       /* the mode as shown ("rt", "rwb", "n", ...):
                                a static string; NULL until initialised */
    Oid oid;
    int fd;                  /* lo descriptor, -1 when not open */
} lobjectObject;

extern PyTypeObject lobjectType;

/* connection.lobject(): defined in lobject_type.c. */
PyObject *psyco_conn_lobject(connectionObject *self, PyObject *args,
                             PyObject *kwargs);
#define psyco_conn_lobject_doc \
"lobject(oid=0, mode='', new_oid=0, new_file=None, lobject_factory=None)\n" \
"-- a large object: an existing one (oid), a new one (new_oid, 0: any\n" \
"free oid) or one imported from the client file new_file."

/* The large object is open and its transaction still current. */
#define lobject_is_valid(self) \
    ((self)->fd >= 0 && (self)->conn->mark == (self)->mark)

/* lobject_int.c: the operations, GIL held on entry and exit; -1 (or a
 * negative value) with a DB-API exception set on failure. Each opens a
 * transaction first if the connection has none. */

/* Create (oid 0: with new_oid, or by importing new_file) and open the
 * object according to self->mode. Fills self->oid, self->fd, self->mark. */
int lobject_open(lobjectObject *self, Oid new_oid, const char *new_file);
/* Close the descriptor (if the transaction is still current). */
int lobject_close(lobjectObject *self);
/* Close, then delete the object from the database. */
int lobject_unlink(lobjectObject *self);
/* Write the object into the client file `filename`. */
int lobject_export(lobjectObject *self, const char *filename);
/* Read at most len bytes into buf; the count read. */
Py_ssize_t lobject_read(lobjectObject *self, char *buf, size_t len);
/* Bytes from the position to the end; the position is kept. */
long long lobject_remaining(lobjectObject *self);
Py_ssize_t lobject_write(lobjectObject *self, const char *buf, size_t len);
long long lobject_seek(lobjectObject *self, long long pos, int whence);
long long lobject_tell(lobjectObject *self);
int lobject_truncate(lobjectObject *self, long long len);

#endif /* PSYCOPG_LOBJECT_H */
