/* typecast.h - SQL -> Python: typecaster objects and their registry.
 *
 * A typecaster converts the text form of a PostgreSQL value into a Python
 * object. Built-in casters are C functions (ccast); user casters made by
 * new_type() wrap a Python callable (pcast) called as pcast(str|None, cursor).
 * Array casters (new_array_type) parse the array literal and convert every
 * element with their base caster (bcast).
 *
 * Lookup order for a column's OID: cursor's string_types, then the
 * connection's, then the global psyco_state.string_types, then
 * psyco_state.default_cast (text -> str).
 */
#ifndef PSYCOPG_TYPECAST_H
#define PSYCOPG_TYPECAST_H 1

#include "psycopg.h"

/* Convert `len` bytes at `s` (never NULL here; not NUL-terminated in
 * general, but libpq values are) to a new Python object, or NULL with an
 * exception set. `curs` may be NULL (caster called from Python without a
 * cursor): use UTF-8 and the default tzinfo_factory then. */
typedef PyObject *(*typecast_cfunc)(const char *s, Py_ssize_t len,
                                    cursorObject *curs);

struct typecastObject {
    PyObject_HEAD
    PyObject *name;          /* str */
    PyObject *values;        /* tuple of int OIDs */
    typecast_cfunc ccast;    /* C conversion, or NULL */
    PyObject *pcast;         /* Python callable, or NULL */
    typecastObject *bcast;   /* base caster for array elements, or NULL */
};

extern PyTypeObject typecastType;

/* Module setup: creates every built-in caster, registers them in
 * psyco_state.string_types / binary_types, sets psyco_state.default_cast,
 * and adds the public names (INTEGER, UNICODE, DATETIME, ...) and the
 * dicts `string_types` / `binary_types` to the module. 0 on success. */
int typecast_init(PyObject *module);

/* The caster for `oid` as seen by `curs` (lookup order above).
 * Returns a new reference; never NULL unless an exception is set. */
typecastObject *typecast_lookup(cursorObject *curs, Oid oid);

/* Convert one value; s == NULL means SQL NULL. Returns a new reference. */
PyObject *typecast_cast_slow(typecastObject *t, const char *s, Py_ssize_t len,
                             cursorObject *curs);

static inline PyObject *
typecast_cast(typecastObject *t, const char *s, Py_ssize_t len,
              cursorObject *curs)
{
    if (t->ccast) {
        if (s == NULL)
            Py_RETURN_NONE;
        return t->ccast(s, len, curs);
    }
    return typecast_cast_slow(t, s, len, curs);
}

/* 1 if converting values with t through curs can run no Python code
 * (a built-in C caster, arrays of them, the default tzinfo_factory, a
 * client encoding CPython decodes natively): the fetch loop may then
 * pause the garbage collector. Never fails. */
int typecast_runs_no_python(typecastObject *t, cursorObject *curs);

/* Factories used by the module functions new_type / new_array_type. */
PyObject *typecast_new_type(PyObject *self, PyObject *args, PyObject *kwds);
PyObject *typecast_new_array_type(PyObject *self, PyObject *args,
                                  PyObject *kwds);

#endif /* PSYCOPG_TYPECAST_H */
