/* psycopg.h - common definitions for every C file of psycopg2._psycopg.
 *
 * Include this first in every .c file: it sets PY_SSIZE_T_CLEAN and pulls in
 * Python.h before any system header, as the C API requires.
 */
#ifndef PSYCOPG_H
#define PSYCOPG_H 1

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include <libpq-fe.h>
#include <pthread.h>
#include <string.h>

/* Forward declarations, so headers can refer to each other's objects. */
typedef struct connectionObject connectionObject;
typedef struct cursorObject cursorObject;
typedef struct typecastObject typecastObject;

#include "module_state.h"

/* Py_NewRef arrived in Python 3.10. */
#if PY_VERSION_HEX < 0x030A0000
static inline PyObject *Py_NewRef(PyObject *o) { Py_INCREF(o); return o; }
#endif

/* Name under which every type of the module is shown. */
#define PSYCO_MODNAME "psycopg2._psycopg"

/* Tell the compiler a parameter is unused on purpose (keeps -Wextra quiet). */
#define PSYCO_UNUSED __attribute__((unused))

/* Raise exc with a printf-style message; always returns NULL (for `return`). */
PyObject *psyco_raise(PyObject *exc, const char *fmt, ...);

#endif /* PSYCOPG_H */
