/* cursor.h - the cursor object.
 *
 * A cursor keeps the PGresult of its last query and builds Python rows from
 * it on fetch. The typecaster of each column is resolved once per result
 * (curs->casts), never once per value.
 */
#ifndef PSYCOPG_CURSOR_H
#define PSYCOPG_CURSOR_H 1

#include "psycopg.h"
#include "connection.h"

struct cursorObject {
    PyObject_HEAD
    connectionObject *conn;   /* strong reference */

    PyObject *name;           /* str: named (server-side) cursor, or NULL */
    char *qname;              /* name quoted as an identifier, or NULL */
    int closed;
    int notuples;             /* last result carried no rows (not a SELECT) */
    int withhold;
    int scrollable;           /* -1 not set, 0 NO SCROLL, 1 SCROLL */
    int declared;             /* named cursor: DECLARE has run */

    long rowcount;
    long rownumber;           /* position of the next row (whole result set) */
    long resrow;              /* index of the next row inside pgres */
    long arraysize;
    long itersize;
    long mark;                /* conn->mark when the named cursor was declared */
    Oid lastoid;

    PGresult *pgres;          /* result of the last query, or NULL */
    int nfields;
    typecastObject **casts;   /* nfields casters, strong references */

    PyObject *description;    /* tuple of Column, or None */
    PyObject *query;          /* bytes of the last query sent, or None */
    PyObject *statusmessage;  /* str, or None */

    PyObject *string_types;   /* per-cursor typecasters, or NULL */
    PyObject *binary_types;
    PyObject *tzinfo_factory; /* callable(timedelta) -> tzinfo; None = naive */
    PyObject *row_factory;    /* used by extras cursors (issue 4); NULL = tuple */

    PyObject *copyfile;       /* COPY (issue 5) */
    Py_ssize_t copysize;

    PyObject *weakreflist;
};

extern PyTypeObject cursorType;

/* Raise InterfaceError if the cursor is closed (or was never initialised:
 * no connection); evaluates to NULL. */
#define EXC_IF_CURS_CLOSED(self) \
    if ((self)->closed || (self)->conn == NULL || (self)->conn->closed) { \
        PyErr_SetString(psyco_state.InterfaceError, "cursor already closed"); \
        return NULL; }

/* Raise InterfaceError if the cursor has no connection (never initialised:
 * cursor.__new__ without __init__). */
#define EXC_IF_CURS_UNINIT(self) \
    if ((self)->conn == NULL) { \
        PyErr_SetString(psyco_state.InterfaceError, \
                        "the cursor is not initialised"); \
        return NULL; }

/* cursor_int.c */
void curs_clear_result(cursorObject *self);
void curs_reset_failed(cursorObject *self);
int curs_set_result(cursorObject *self, PGresult *res);
/* The row at resrow (a tuple, or what row_factory makes), or NULL with
 * an exception; advances resrow and rownumber either way (psycopg2). */
PyObject *curs_next_row(cursorObject *self);
/* The next `size` rows (size < 0: all that are left) of pgres as a new
 * list; advances resrow and rownumber. */
PyObject *curs_fetch_rows(cursorObject *self, long size);
int curs_execute(cursorObject *self, PyObject *query, PyObject *vars);
/* The query as execute() merges it (mogrify). New bytes or NULL. */
PyObject *curs_mogrify(cursorObject *self, PyObject *query, PyObject *vars);
/* cursor_many.c: executemany, pipelined inside transactions. */
int curs_executemany(cursorObject *self, PyObject *query, PyObject *vars_list);
/* The query as bytes: str (encoded), bytes, or a sql.Composable. */
PyObject *curs_query_bytes(cursorObject *self, PyObject *query);
/* Named cursors: run FETCH FORWARD <count> (count < 0: ALL) into pgres. */
int curs_named_fetch(cursorObject *self, long count);
/* Raise ProgrammingError if there is nothing to fetch from. */
int curs_check_fetchable(cursorObject *self);
PyObject *curs_get_description(cursorObject *self);
int curs_close(cursorObject *self);
int curs_scroll(cursorObject *self, long value, const char *mode);

/* cursor_copy.c: the COPY methods (entries of the cursor method table). */
#define curs_copy_from_doc \
"copy_from(file, table, sep='\\t', null='\\\\N', size=8192, columns=None)" \
" -- copy table from file (an object with read())."
#define curs_copy_to_doc \
"copy_to(file, table, sep='\\t', null='\\\\N', columns=None)" \
" -- copy table to file (an object with write())."
#define curs_copy_expert_doc \
"copy_expert(sql, file, size=8192) -- run a COPY statement with file as" \
" STDIN (read(size)) or STDOUT (write())."
PyObject *psyco_curs_copy_from(cursorObject *self, PyObject *args,
                               PyObject *kwargs);
PyObject *psyco_curs_copy_to(cursorObject *self, PyObject *args,
                             PyObject *kwargs);
PyObject *psyco_curs_copy_expert(cursorObject *self, PyObject *args,
                                 PyObject *kwargs);

#endif /* PSYCOPG_CURSOR_H */
