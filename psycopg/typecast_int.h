/* typecast_int.h - private interface between the typecast*.c files.
 *
 * typecast.c owns the typecaster type and the registry; the other files
 * hold the conversion functions of one type family each. Nothing here is
 * meant for the rest of the module: use typecast.h there.
 */
#ifndef PSYCOPG_TYPECAST_INT_H
#define PSYCOPG_TYPECAST_INT_H 1

#include "psycopg.h"
#include "connection.h"
#include "cursor.h"
#include "typecast.h"

/* Build a caster object. `values` is a tuple (borrowed: a new reference is
 * taken); pcast and bcast may be NULL. Returns a new reference. */
typecastObject *typecast_create(PyObject *name, PyObject *values,
                                typecast_cfunc ccast, PyObject *pcast,
                                typecastObject *bcast);

/* The connection whose encoding applies to values read through `curs`. */
static inline connectionObject *
typecast_conn(cursorObject *curs)
{
    return curs ? curs->conn : NULL;
}

/* Copy len bytes into buf (size bufsize) and NUL-terminate them, or into
 * a PyMem buffer if they do not fit. Returns the NUL-terminated copy (to
 * release with typecast_cstr_free) or NULL with MemoryError set. Used by
 * parsers of the C library that need a terminator: libpq values have one,
 * array elements point inside their array and do not. */
char *typecast_cstr(const char *s, Py_ssize_t len, char *buf,
                    Py_ssize_t bufsize);

static inline void
typecast_cstr_free(char *p, char *buf)
{
    if (p != buf)
        PyMem_Free(p);
}

/* typecast_basic.c */
PyObject *typecast_BOOLEAN_cast(const char *s, Py_ssize_t len,
                                cursorObject *curs);
PyObject *typecast_INTEGER_cast(const char *s, Py_ssize_t len,
                                cursorObject *curs);
PyObject *typecast_FLOAT_cast(const char *s, Py_ssize_t len,
                              cursorObject *curs);
PyObject *typecast_DECIMAL_cast(const char *s, Py_ssize_t len,
                                cursorObject *curs);
PyObject *typecast_STRING_cast(const char *s, Py_ssize_t len,
                               cursorObject *curs);
PyObject *typecast_BYTES_cast(const char *s, Py_ssize_t len,
                              cursorObject *curs);
PyObject *typecast_BINARY_cast(const char *s, Py_ssize_t len,
                               cursorObject *curs);
PyObject *typecast_JSON_cast(const char *s, Py_ssize_t len,
                             cursorObject *curs);
/* 1 if json values are parsed by C code alone (the stdlib's C scanner,
 * resolved now if needed); 0 otherwise or on error (cleared). */
int typecast_json_is_c(void);
/* 1 if decimal.Decimal is the C implementation (_decimal). */
int typecast_decimal_is_c(void);

/* typecast_datetime.c: call typecast_datetime_init() before any of them
 * (it imports the datetime C API for that compilation unit). */
int typecast_datetime_init(void);
/* 1 if the tzinfo objects for curs are made without Python code. */
int typecast_tz_is_c(cursorObject *curs);
PyObject *typecast_DATE_cast(const char *s, Py_ssize_t len,
                             cursorObject *curs);
PyObject *typecast_TIME_cast(const char *s, Py_ssize_t len,
                             cursorObject *curs);
PyObject *typecast_DATETIME_cast(const char *s, Py_ssize_t len,
                                 cursorObject *curs);
PyObject *typecast_DATETIMETZ_cast(const char *s, Py_ssize_t len,
                                   cursorObject *curs);
PyObject *typecast_INTERVAL_cast(const char *s, Py_ssize_t len,
                                 cursorObject *curs);

/* typecast_array.c: parse an array literal and convert each element with
 * `base`. s is never NULL. Returns a new list. */
PyObject *typecast_array_cast(typecastObject *base, const char *s,
                              Py_ssize_t len, cursorObject *curs);

#endif /* PSYCOPG_TYPECAST_INT_H */
