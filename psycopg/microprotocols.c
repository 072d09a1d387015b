/* microprotocols.c - the adapter registry, adapt(), ISQLQuote, and the
 * quoting fast path (see microprotocols.h). */
#include "psycopg.h"
#include "microprotocols.h"
#include "adapters.h"
#include "connection.h"
#include <datetime.h>

/* ---- ISQLQuote: the protocol type (also usable as a base class) ---- */

typedef struct {
    PyObject_HEAD
    PyObject *wrapped;
} isqlquoteObject;

static int
isqlquote_init(PyObject *self, PyObject *args, PyObject *kwds PSYCO_UNUSED)
{
    PyObject *obj;

    if (!PyArg_ParseTuple(args, "O", &obj))
        return -1;
    Py_XSETREF(((isqlquoteObject *)self)->wrapped, Py_NewRef(obj));
    return 0;
}

static int
isqlquote_traverse(PyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(((isqlquoteObject *)self)->wrapped);
    if (Py_TYPE(self)->tp_flags & Py_TPFLAGS_HEAPTYPE)
        Py_VISIT(Py_TYPE(self));
    return 0;
}

static int
isqlquote_clear(PyObject *self)
{
    Py_CLEAR(((isqlquoteObject *)self)->wrapped);
    return 0;
}

static void
isqlquote_dealloc(PyObject *self)
{
    PyTypeObject *tp = Py_TYPE(self);

    PyObject_GC_UnTrack(self);
    isqlquote_clear(self);
    tp->tp_free(self);
    if (tp->tp_flags & Py_TPFLAGS_HEAPTYPE)
        Py_DECREF(tp);
}

/* The abstract methods: subclasses override them; the base returns None. */
static PyObject *
isqlquote_none(PyObject *self PSYCO_UNUSED, PyObject *args PSYCO_UNUSED)
{
    Py_RETURN_NONE;
}

static PyMethodDef isqlquote_methods[] = {
    {"getquoted", isqlquote_none, METH_NOARGS,
     "getquoted() -- return SQL-quoted representation of this object"},
    {"getbinary", isqlquote_none, METH_NOARGS,
     "getbinary() -- return SQL-quoted binary representation of this object"},
    {"getbuffer", isqlquote_none, METH_NOARGS,
     "getbuffer() -- return this object"},
    {NULL, NULL, 0, NULL}
};

static PyMemberDef isqlquote_members[] = {
    {"_wrapped", T_OBJECT, offsetof(isqlquoteObject, wrapped), READONLY, NULL},
    {NULL, 0, 0, 0, NULL}
};

#define isqlquote_doc "Abstract ISQLQuote protocol\n\n" \
    "An object conform to this protocol should expose a ``getquoted()`` method\n" \
    "returning the SQL representation of the object.\n\n"

PyTypeObject isqlquoteType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "psycopg2.extensions.ISQLQuote",
    .tp_basicsize = sizeof(isqlquoteObject),
    .tp_dealloc = isqlquote_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = isqlquote_doc,
    .tp_traverse = isqlquote_traverse,
    .tp_clear = isqlquote_clear,
    .tp_methods = isqlquote_methods,
    .tp_members = isqlquote_members,
    .tp_init = isqlquote_init,
    .tp_alloc = PyType_GenericAlloc,
    .tp_new = PyType_GenericNew,
    .tp_free = PyObject_GC_Del,
};

/* ---- adapt() ---- */

/* Registered adapter for (type, proto): borrowed reference, NULL if none
 * (check PyErr_Occurred). */
static PyObject *
registry_get(PyObject *type, PyObject *proto)
{
    PyObject *key, *adapter;

    if (!(key = PyTuple_Pack(2, type, proto)))
        return NULL;
    adapter = PyDict_GetItemWithError(psyco_state.adapters, key);
    Py_DECREF(key);
    return adapter;
}

/* The registry entry for the type or, failing that, for the nearest class
 * of its MRO (so int subclasses use Int). Borrowed; NULL if none. */
static PyObject *
registry_lookup(PyTypeObject *type, PyObject *proto)
{
    PyObject *adapter, *mro = type->tp_mro;
    Py_ssize_t i;

    adapter = registry_get((PyObject *)type, proto);
    if (adapter || PyErr_Occurred() || mro == NULL)
        return adapter;
    for (i = 1; i < PyTuple_GET_SIZE(mro); i++) {
        adapter = registry_get(PyTuple_GET_ITEM(mro, i), proto);
        if (adapter || PyErr_Occurred())
            return adapter;
    }
    return NULL;
}

/* Call holder.<name>(arg) if the attribute exists (and, with
 * none_is_absent, is not None: how psycopg2 treats __adapt__/__conform__).
 * Returns a new reference, Py_None (new reference) when absent or when it
 * returned None, NULL on error. */
static PyObject *
call_hook_ex(PyObject *holder, const char *name, PyObject *arg,
             int none_is_absent)
{
    PyObject *meth, *rv;

    if (!(meth = PyObject_GetAttrString(holder, name))) {
        if (!PyErr_ExceptionMatches(PyExc_AttributeError))
            return NULL;
        PyErr_Clear();
        Py_RETURN_NONE;
    }
    if (meth == Py_None && none_is_absent)
        return meth;
    rv = PyObject_CallOneArg(meth, arg);
    Py_DECREF(meth);
    return rv;
}

#define call_hook(holder, name, arg) call_hook_ex(holder, name, arg, 1)

PyObject *
microprotocols_adapt(PyObject *obj, PyObject *proto, PyObject *alt)
{
    PyObject *adapter, *rv;

    if (proto == NULL)
        proto = psyco_state.ISQLQuote;
    /* 1. the registry, by type then by MRO */
    if ((adapter = registry_lookup(Py_TYPE(obj), proto)))
        return PyObject_CallOneArg(adapter, obj);
    if (PyErr_Occurred())
        return NULL;
    /* 2. the protocol adapts the object (PEP 246) */
    if (!(rv = call_hook(proto, "__adapt__", obj)))
        return NULL;
    if (rv != Py_None)
        return rv;
    Py_DECREF(rv);
    /* 3. the object conforms itself */
    if (!(rv = call_hook(obj, "__conform__", proto)))
        return NULL;
    if (rv != Py_None)
        return rv;
    Py_DECREF(rv);
    if (alt)
        return Py_NewRef(alt);
    return psyco_raise(psyco_state.ProgrammingError, "can't adapt type '%s'",
                       Py_TYPE(obj)->tp_name);
}

/* adapt(obj, protocol=ISQLQuote, alternate=None). psycopg2 accepts the
 * third argument but does not use it: an unadaptable object raises. */
PyObject *
psyco_microprotocols_adapt(PyObject *self PSYCO_UNUSED, PyObject *args)
{
    PyObject *obj, *proto = NULL, *alt = NULL;

    if (!PyArg_ParseTuple(args, "O|OO", &obj, &proto, &alt))
        return NULL;
    return microprotocols_adapt(obj, proto, NULL);
}

/* The bytes an adapter's getquoted() gave: bytes as they are, str encoded
 * for the connection, anything else refused. Steals `res`. */
static PyObject *
ensure_bytes(PyObject *res, connectionObject *conn)
{
    PyObject *b;

    if (res == NULL || PyBytes_CheckExact(res))
        return res;
    if (PyUnicode_Check(res)) {
        b = conn_encode(conn, res);
        Py_DECREF(res);
        return b;
    }
    PyErr_Format(PyExc_ValueError, "only bytes values expected, got %s",
                 Py_TYPE(res)->tp_name);
    Py_DECREF(res);
    return NULL;
}

PyObject *
microprotocol_getquoted(PyObject *obj, connectionObject *conn)
{
    PyObject *adapted, *r, *res = NULL;

    if (!(adapted = microprotocols_adapt(obj, psyco_state.ISQLQuote, NULL)))
        return NULL;
    /* Only with a connection: unprepared adapters use their defaults. */
    if (conn) {
        if (!(r = call_hook_ex(adapted, "prepare", (PyObject *)conn, 0)))
            goto exit;
        Py_DECREF(r);
    }
    res = ensure_bytes(PyObject_CallMethod(adapted, "getquoted", NULL), conn);
exit:
    Py_DECREF(adapted);
    return res;
}

/* ---- the fast path ----
 *
 * For each built-in type, the adapter registered at import. While the
 * registry still maps the exact type to it, the literal is written by C
 * code straight into the buffer. A user who registers another adapter for
 * the type gets the generic path: the check is one dict lookup per value,
 * with the key tuple built once. */

enum {
    FK_FLOAT, FK_INT, FK_BOOL, FK_STR, FK_BYTES, FK_BYTEARRAY,
    FK_MEMORYVIEW, FK_LIST, FK_DATE, FK_TIME, FK_DATETIME, FK_DELTA,
    FK_TUPLE, FK_NONE, FK_DECIMAL, FK_COUNT
};

static struct {
    PyTypeObject *type;
    PyObject *adapter;   /* borrowed: the type objects/functions are immortal
                            for the life of the module */
    PyObject *key;       /* (type, ISQLQuote), strong */
} fast[FK_COUNT];

/* Which fast kind obj's exact type is, or -1. Most frequent first. */
static int
fast_kind(PyTypeObject *tp)
{
    int k;

    if (tp == &PyUnicode_Type) return FK_STR;
    if (tp == &PyLong_Type) return FK_INT;
    if (tp == &PyFloat_Type) return FK_FLOAT;
    if (tp == &PyBool_Type) return FK_BOOL;
    for (k = FK_BYTES; k < FK_COUNT; k++)
        if (fast[k].type == tp)
            return k;
    return -1;
}

/* 1 if the registry still holds the built-in adapter, 0 if not, -1 error. */
static int
fast_still_registered(int k)
{
    PyObject *cur = PyDict_GetItemWithError(psyco_state.adapters, fast[k].key);

    if (cur == NULL && PyErr_Occurred())
        return -1;
    return cur == fast[k].adapter;
}

static int
fast_write(psyco_buf *buf, PyObject *obj, int k, connectionObject *conn)
{
    switch (k) {
    case FK_STR: return qstring_write_unicode(buf, obj, conn);
    case FK_INT: return pint_write_exact(buf, obj);
    case FK_FLOAT: return pfloat_write_double(buf, PyFloat_AS_DOUBLE(obj));
    case FK_BOOL: return pboolean_write(buf, obj == Py_True);
    case FK_BYTES: case FK_BYTEARRAY: case FK_MEMORYVIEW:
        return binary_write(buf, obj, conn);
    case FK_LIST: return list_write(buf, obj, conn, 0) < 0 ? -1 : 0;
    case FK_DATE: return pydatetime_write(buf, obj, PSYCO_DT_DATE);
    case FK_TIME: return pydatetime_write(buf, obj, PSYCO_DT_TIME);
    case FK_DATETIME: return pydatetime_write(buf, obj, PSYCO_DT_TIMESTAMP);
    case FK_DELTA: return pydatetime_write(buf, obj, PSYCO_DT_INTERVAL);
    case FK_TUPLE: return sqlin_write(buf, obj, conn);
    case FK_NONE: return buf_append(buf, "NULL", 4);
    case FK_DECIMAL: return pdecimal_write(buf, obj);
    }
    return -1;
}

static int
quote_slow(psyco_buf *buf, PyObject *obj, connectionObject *conn)
{
    PyObject *q;
    int rv;

    if (!(q = microprotocol_getquoted(obj, conn)))
        return -1;
    rv = buf_append_bytes(buf, q);
    Py_DECREF(q);
    return rv;
}

int
microprotocol_quote_item(psyco_buf *buf, PyObject *obj,
                         connectionObject *conn, int none_via_registry)
{
    int k, r;

    /* psycopg2 writes NULL for None whatever adapter is registered. */
    if (obj == Py_None && !none_via_registry)
        return buf_append(buf, "NULL", 4);
    if ((k = fast_kind(Py_TYPE(obj))) >= 0) {
        if ((r = fast_still_registered(k)) < 0)
            return -1;
        if (r)
            return fast_write(buf, obj, k, conn);
    }
    return quote_slow(buf, obj, conn);
}

int
microprotocol_quote_into(psyco_buf *buf, PyObject *obj,
                         connectionObject *conn)
{
    return microprotocol_quote_item(buf, obj, conn, 0);
}

/* ---- module setup ---- */

static int
fast_set(int k, PyTypeObject *type, PyObject *adapter)
{
    fast[k].type = type;
    fast[k].adapter = adapter;
    if (!(fast[k].key = PyTuple_Pack(2, (PyObject *)type,
                                     psyco_state.ISQLQuote)))
        return -1;
    return PyDict_SetItem(psyco_state.adapters, fast[k].key, adapter);
}

/* Register the built-in adapters, in psycopg2's registry order. */
static int
register_builtins(void)
{
    PyDateTime_IMPORT;
    if (PyDateTimeAPI == NULL || psyco_state.decimal_type == NULL
            || !PyType_Check(psyco_state.decimal_type)) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ImportError, "decimal.Decimal not found");
        return -1;
    }
#define ADD(k, t, a) if (fast_set(k, (PyTypeObject *)(t), (PyObject *)(a)) < 0) return -1
    ADD(FK_FLOAT, &PyFloat_Type, &pfloatType);
    ADD(FK_INT, &PyLong_Type, &pintType);
    ADD(FK_BOOL, &PyBool_Type, &pbooleanType);
    ADD(FK_STR, &PyUnicode_Type, &qstringType);
    ADD(FK_BYTES, &PyBytes_Type, &binaryType);
    ADD(FK_BYTEARRAY, &PyByteArray_Type, &binaryType);
    ADD(FK_MEMORYVIEW, &PyMemoryView_Type, &binaryType);
    ADD(FK_LIST, &PyList_Type, &listType);
    ADD(FK_DATE, PyDateTimeAPI->DateType, psyco_DateFromPy);
    ADD(FK_TIME, PyDateTimeAPI->TimeType, psyco_TimeFromPy);
    ADD(FK_DATETIME, PyDateTimeAPI->DateTimeType, psyco_TimestampFromPy);
    ADD(FK_DELTA, PyDateTimeAPI->DeltaType, psyco_IntervalFromPy);
    ADD(FK_TUPLE, &PyTuple_Type, &sqlinType);
    ADD(FK_NONE, Py_TYPE(Py_None), &noneadapterType);
    ADD(FK_DECIMAL, psyco_state.decimal_type, &pdecimalType);
#undef ADD
    return 0;
}

int
microprotocols_init(PyObject *module)
{
    if (!psyco_state.adapters && !(psyco_state.adapters = PyDict_New()))
        return -1;
    if (PyModule_AddObjectRef(module, "adapters", psyco_state.adapters) < 0)
        return -1;
    if (adapter_add_type(module, "ISQLQuote", &isqlquoteType) < 0)
        return -1;
    psyco_state.ISQLQuote = Py_NewRef((PyObject *)&isqlquoteType);
    if (adapter_asis_init(module) < 0 || adapter_qstring_init(module) < 0
            || adapter_binary_init(module) < 0
            || adapter_pboolean_init(module) < 0
            || adapter_pint_init(module) < 0
            || adapter_pfloat_init(module) < 0
            || adapter_pdecimal_init(module) < 0
            || adapter_list_init(module) < 0
            || adapter_datetime_init(module) < 0
            || adapter_sqlin_init(module) < 0)
        return -1;
    return register_builtins();
}
