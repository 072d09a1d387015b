/* adapters.h - the adapter objects of Python -> SQL and their C writers.
 *
 * Every adapter type (AsIs, QuotedString, Binary, Boolean, Int, Float,
 * Decimal, List, datetime, SQL_IN, NoneAdapter) shares one object layout, so
 * allocation, GC and the ISQLQuote conformance live in one place
 * (adapter_base.c).
 *
 * Each type also exposes a "writer": a C function appending the SQL literal
 * of a value to a psyco_buf. getquoted() is a thin shell over the writer, and
 * the fast path of microprotocol_quote_into() calls the writer directly, so
 * both produce the same bytes by construction.
 */
#ifndef PSYCOPG_ADAPTERS_H
#define PSYCOPG_ADAPTERS_H 1

#include "psycopg.h"
#include "utils.h"
#include "connection.h"

typedef struct {
    PyObject_HEAD
    PyObject *wrapped;   /* the object being adapted (`adapted`), or NULL */
    PyObject *buffer;    /* cached getquoted() result (QuotedString, Binary) */
    PyObject *conn;      /* connection given to prepare(), or NULL */
    PyObject *encoding;  /* QuotedString: Python codec name (str) */
    int type;            /* datetime adapter: PSYCO_DT_* */
} adapterObject;

/* Kinds of the datetime adapter, as psycopg2 numbers them. */
#define PSYCO_DT_TIME 0
#define PSYCO_DT_DATE 1
#define PSYCO_DT_TIMESTAMP 2
#define PSYCO_DT_INTERVAL 3

extern PyTypeObject isqlquoteType;
extern PyTypeObject asisType;
extern PyTypeObject qstringType;
extern PyTypeObject binaryType;
extern PyTypeObject pbooleanType;
extern PyTypeObject pintType;
extern PyTypeObject pfloatType;
extern PyTypeObject pdecimalType;
extern PyTypeObject listType;
extern PyTypeObject pydatetimeType;
extern PyTypeObject sqlinType;
extern PyTypeObject noneadapterType;

/* The four datetime adapter factories (DateFromPy, ...): the objects
 * registered in the adapter registry, so the fast path can recognise them. */
extern PyObject *psyco_DateFromPy;
extern PyObject *psyco_TimeFromPy;
extern PyObject *psyco_TimestampFromPy;
extern PyObject *psyco_IntervalFromPy;

/* The adapted object; None if a subclass __init__ never set it. */
#define ADAPTER_WRAPPED(a) ((a)->wrapped ? (a)->wrapped : Py_None)

/* adapter_base.c: shared slots of the adapter types. */
void adapter_dealloc(PyObject *self);
int adapter_traverse(PyObject *self, visitproc visit, void *arg);
int adapter_clear(PyObject *self);
int adapter_init(PyObject *self, PyObject *args, PyObject *kwds);
PyObject *adapter_conform(PyObject *self, PyObject *args);
PyObject *adapter_str(PyObject *self);
PyObject *adapter_prepare(PyObject *self, PyObject *args);
/* Run a writer on a fresh buffer and return its bytes (getquoted bodies). */
typedef int (*adapter_writer)(psyco_buf *buf, adapterObject *self);
PyObject *adapter_getquoted_with(adapterObject *self, adapter_writer w);
extern PyMemberDef adapter_adapted_member[];

#define ADAPTER_CONFORM_METHOD \
    {"__conform__", adapter_conform, METH_VARARGS, NULL}

/* Static type definition shared by the adapter types: only the name, doc
 * and method/member/getset tables differ. */
#define ADAPTER_TYPE(var, tpname, doc, methods, members, getset) \
PyTypeObject var = { \
    PyVarObject_HEAD_INIT(NULL, 0) \
    .tp_name = tpname, \
    .tp_basicsize = sizeof(adapterObject), \
    .tp_dealloc = adapter_dealloc, \
    .tp_str = adapter_str, \
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC, \
    .tp_doc = doc, \
    .tp_traverse = adapter_traverse, \
    .tp_clear = adapter_clear, \
    .tp_methods = methods, \
    .tp_members = members, \
    .tp_getset = getset, \
    .tp_init = adapter_init, \
    .tp_alloc = PyType_GenericAlloc, \
    .tp_new = PyType_GenericNew, \
    .tp_free = PyObject_GC_Del, \
}

/* Ready `type` and add it to the module as `name`. */
int adapter_add_type(PyObject *module, const char *name, PyTypeObject *type);

/* Writers. All return 0, or -1 with an exception set. */
int asis_write(psyco_buf *buf, PyObject *obj);
int pboolean_write(psyco_buf *buf, int value);
int pint_write(psyco_buf *buf, PyObject *obj);         /* any int-able */
int pint_write_exact(psyco_buf *buf, PyObject *obj);   /* exact int */
int pfloat_write(psyco_buf *buf, PyObject *obj);       /* any float-able */
int pfloat_write_double(psyco_buf *buf, double d);
int pdecimal_write(psyco_buf *buf, PyObject *obj);
/* Quote bytes as a string literal (escaping with conn's libpq settings). */
int qstring_write_bytes(psyco_buf *buf, const char *s, Py_ssize_t len,
                        connectionObject *conn);
/* Quote a str: encoded in conn's encoding (latin-1 without connection,
 * as psycopg2's QuotedString does). */
int qstring_write_unicode(psyco_buf *buf, PyObject *str,
                          connectionObject *conn);
int binary_write(psyco_buf *buf, PyObject *obj, connectionObject *conn);
/* Nested lists: `nested` selects ARRAY[] for an empty list. Returns 1 when
 * the list was written in the all-NULL '{...}' form, 0 otherwise. */
int list_write(psyco_buf *buf, PyObject *list, connectionObject *conn,
               int nested);
int pydatetime_write(psyco_buf *buf, PyObject *obj, int type);
int sqlin_write(psyco_buf *buf, PyObject *seq, connectionObject *conn);

/* microprotocols.c: quote one value. With none_via_registry, None goes
 * through the adapter registry (as SQL_IN items do); otherwise None is
 * always NULL (as in query arguments and list items). */
int microprotocol_quote_item(psyco_buf *buf, PyObject *obj,
                             connectionObject *conn, int none_via_registry);

/* Per-file module setup, called by microprotocols_init. */
int adapter_asis_init(PyObject *module);
int adapter_qstring_init(PyObject *module);
int adapter_binary_init(PyObject *module);
int adapter_pboolean_init(PyObject *module);
int adapter_pint_init(PyObject *module);
int adapter_pfloat_init(PyObject *module);
int adapter_pdecimal_init(PyObject *module);
int adapter_list_init(PyObject *module);
int adapter_datetime_init(PyObject *module);
int adapter_sqlin_init(PyObject *module);

#endif /* PSYCOPG_ADAPTERS_H */
