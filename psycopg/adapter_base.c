/* adapter_base.c - slots shared by every adapter type (see adapters.h). */
#include "psycopg.h"
#include "adapters.h"
#include "microprotocols.h"

int
adapter_clear(PyObject *self)
{
    adapterObject *a = (adapterObject *)self;

    Py_CLEAR(a->wrapped);
    Py_CLEAR(a->buffer);
    Py_CLEAR(a->conn);
    Py_CLEAR(a->encoding);
    return 0;
}

int
adapter_traverse(PyObject *self, visitproc visit, void *arg)
{
    adapterObject *a = (adapterObject *)self;

    Py_VISIT(a->wrapped);
    Py_VISIT(a->buffer);
    Py_VISIT(a->conn);
    Py_VISIT(a->encoding);
    /* Heap subclasses own a reference to their type. */
    if (Py_TYPE(self)->tp_flags & Py_TPFLAGS_HEAPTYPE)
        Py_VISIT(Py_TYPE(self));
    return 0;
}

void
adapter_dealloc(PyObject *self)
{
    PyTypeObject *tp = Py_TYPE(self);

    PyObject_GC_UnTrack(self);
    adapter_clear(self);
    tp->tp_free(self);
    if (tp->tp_flags & Py_TPFLAGS_HEAPTYPE)
        Py_DECREF(tp);
}

/* Type(obj): keywords are ignored, as psycopg2 does (only the positional
 * count is checked). */
int
adapter_init(PyObject *self, PyObject *args, PyObject *kwds PSYCO_UNUSED)
{
    PyObject *obj;

    if (!PyArg_ParseTuple(args, "O", &obj))
        return -1;
    Py_XSETREF(((adapterObject *)self)->wrapped, Py_NewRef(obj));
    return 0;
}

/* __conform__(proto): the adapter is its own ISQLQuote adaptation. */
PyObject *
adapter_conform(PyObject *self, PyObject *args)
{
    PyObject *proto;

    if (!PyArg_ParseTuple(args, "O", &proto))
        return NULL;
    if (proto == psyco_state.ISQLQuote)
        return Py_NewRef(self);
    Py_RETURN_NONE;
}

/* str(adapter): the literal, decoded leniently (it may be in any client
 * encoding, and str() must not fail on that). */
PyObject *
adapter_str(PyObject *self)
{
    PyObject *quoted, *rv = NULL;

    quoted = PyObject_CallMethod(self, "getquoted", NULL);
    if (quoted == NULL)
        goto exit;
    if (!PyBytes_Check(quoted)) {
        rv = PyObject_Str(quoted);
        goto exit;
    }
    rv = PyUnicode_DecodeUTF8(PyBytes_AS_STRING(quoted),
                              PyBytes_GET_SIZE(quoted), "replace");
exit:
    Py_XDECREF(quoted);
    return rv;
}

/* prepare(conn): remember the connection for the next getquoted(). A
 * literal already cached by getquoted() stays: psycopg2 keeps returning it
 * (same bytes from a reused Binary/QuotedString whatever it is prepared
 * with later). */
PyObject *
adapter_prepare(PyObject *self, PyObject *args)
{
    adapterObject *a = (adapterObject *)self;
    PyObject *conn;

    if (!PyArg_ParseTuple(args, "O!", &connectionType, &conn))
        return NULL;
    Py_XSETREF(a->conn, Py_NewRef(conn));
    Py_RETURN_NONE;
}

PyObject *
adapter_getquoted_with(adapterObject *self, adapter_writer w)
{
    psyco_buf buf;

    buf_init(&buf);
    if (w(&buf, self) < 0) {
        buf_free(&buf);
        return NULL;
    }
    return buf_to_bytes(&buf);
}

PyMemberDef adapter_adapted_member[] = {
    {"adapted", T_OBJECT, offsetof(adapterObject, wrapped), READONLY, NULL},
    {NULL, 0, 0, 0, NULL}
};

int
adapter_add_type(PyObject *module, const char *name, PyTypeObject *type)
{
    if (PyType_Ready(type) < 0)
        return -1;
    return PyModule_AddObjectRef(module, name, (PyObject *)type);
}
