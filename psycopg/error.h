/* error.h - DB-API exceptions, the one mapping from libpq errors to them,
 * and the small read-only types describing results and connections
 * (Diagnostics, Column, ConnectionInfo). */
#ifndef PSYCOPG_ERROR_H
#define PSYCOPG_ERROR_H 1

#include "psycopg.h"

/* psycopg2.Error: an Exception subclass carrying the server's report. */
typedef struct {
    PyBaseExceptionObject exc;
    PyObject *pgerror;   /* str or None */
    PyObject *pgcode;    /* str or None */
    PyObject *cursor;    /* cursor or None */
    PGresult *pgres;     /* owned; source of diag, NULL if none */
} errorObject;

extern PyTypeObject errorType;
extern PyTypeObject diagnosticsType;
extern PyTypeObject columnType;
extern PyTypeObject connInfoType;

/* Module setup: creates the DB-API classes into psyco_state and the module,
 * one class per SQLSTATE (psyco_state.sqlstate_errors, module attribute
 * `sqlstate_errors`), and readies Diagnostics, Column, ConnectionInfo. */
int error_init(PyObject *module);

/* The exception class for a SQLSTATE (borrowed reference): the psycopg2.errors
 * class if the code is known, else the DB-API class for its two-letter
 * class, else DatabaseError. */
PyObject *psyco_exc_for_sqlstate(const char *sqlstate);

/* Raise the exception for a failed operation and return NULL-friendly -1.
 *   res: the failed PGresult, or NULL (then the message is `msg` if given,
 *        else PQerrorMessage of the connection). Ownership of res passes to
 *        the exception (kept for .diag); the caller must not PQclear it.
 *   Class: from the result's SQLSTATE; without one, OperationalError
 *        (the connection is lost or unusable) - also when exc is NULL.
 *   Sets pgerror, pgcode, cursor (curs may be NULL) on the exception.
 *   The message is decoded in the connection encoding with errors=replace. */
int psyco_raise_from_result(connectionObject *conn, cursorObject *curs,
                            PGresult *res, const char *msg);

/* A Column describing field `col` of `res`. New reference. */
PyObject *psyco_column_new(connectionObject *conn, PGresult *res, int col);

/* A ConnectionInfo for conn. New reference. */
PyObject *psyco_conninfo_new(connectionObject *conn);

#endif /* PSYCOPG_ERROR_H */
