/* xid.h - psycopg2.extensions.Xid: a two-phase commit transaction id.
 *
 * An XA id (format_id, gtrid, bqual) becomes the PostgreSQL transaction
 * id "<format_id>_<base64 gtrid>_<base64 bqual>"; any other transaction id
 * string (one not made by an Xid) is kept "unparsed": format_id and bqual
 * None, gtrid the whole string.
 */
#ifndef PSYCOPG_XID_H
#define PSYCOPG_XID_H 1

#include "psycopg.h"
#include "connection.h"

typedef struct {
    PyObject_HEAD
    PyObject *format_id;   /* int, or None when unparsed */
    PyObject *gtrid;       /* str: the global id, or the whole unparsed id */
    PyObject *bqual;       /* str, or None when unparsed */
    /* Filled by tpc_recover() from pg_prepared_xacts, else None. */
    PyObject *prepared;
    PyObject *owner;
    PyObject *database;
} xidObject;

extern PyTypeObject xidType;

/* The Xid for a transaction id string: parsed if it has the XA form and
 * valid parts, else unparsed. New reference; TypeError if s is no str. */
xidObject *xid_from_string(PyObject *s);

/* The Xid for an argument of tpc_*(): an Xid as it is, a str through
 * xid_from_string(). New reference; TypeError otherwise. */
xidObject *xid_ensure(PyObject *obj);

/* The transaction id sent to the server (new str). */
PyObject *xid_get_tid(xidObject *self);

#endif /* PSYCOPG_XID_H */
