/* adapter_sqlin.c - SQL_IN (a tuple as "(a, b)", for "x IN %s") and
 * NoneAdapter (None as NULL, for composite types).
 *
 * psycopg2 writes these two in Python; here they are C types with the same
 * names, attributes and output, so tuples get the C fast path too. */
#include "psycopg.h"
#include "adapters.h"

/* Items go through the registry (None too: a registered NoneType adapter
 * is honoured inside tuples, as in psycopg2). */
int
sqlin_write(psyco_buf *buf, PyObject *seq, connectionObject *conn)
{
    PyObject *it, *item;
    int first = 1, rv = -1;

    if (!(it = PyObject_GetIter(seq)))
        return -1;
    if (buf_append_char(buf, '(') < 0)
        goto exit;
    while ((item = PyIter_Next(it))) {
        int r = 0;
        if (!first)
            r = buf_append(buf, ", ", 2);
        if (r == 0)
            r = microprotocol_quote_item(buf, item, conn, 1);
        Py_DECREF(item);
        if (r < 0)
            goto exit;
        first = 0;
    }
    if (PyErr_Occurred())
        goto exit;
    rv = buf_append_char(buf, ')');
exit:
    Py_DECREF(it);
    return rv;
}

static int
sqlin_writer(psyco_buf *buf, adapterObject *self)
{
    return sqlin_write(buf, ADAPTER_WRAPPED(self),
                       (connectionObject *)self->conn);
}

static PyObject *
sqlin_getquoted(PyObject *self, PyObject *args PSYCO_UNUSED)
{
    return adapter_getquoted_with((adapterObject *)self, sqlin_writer);
}

/* str() is str(getquoted()), as in psycopg2's Python class. */
static PyObject *
sqlin_str(PyObject *self)
{
    PyObject *q, *rv;

    if (!(q = sqlin_getquoted(self, NULL)))
        return NULL;
    rv = PyObject_Str(q);
    Py_DECREF(q);
    return rv;
}

static PyMethodDef sqlin_methods[] = {
    {"getquoted", sqlin_getquoted, METH_NOARGS, NULL},
    {"prepare", adapter_prepare, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL}
};

static PyMemberDef sqlin_members[] = {
    {"_seq", T_OBJECT, offsetof(adapterObject, wrapped), 0, NULL},
    {"_conn", T_OBJECT, offsetof(adapterObject, conn), 0, NULL},
    {NULL, 0, 0, 0, NULL}
};

ADAPTER_TYPE(sqlinType, "psycopg2.extensions.SQL_IN",
             "Adapt any iterable to an SQL quotable object.",
             sqlin_methods, sqlin_members, NULL);

/* NoneAdapter.getquoted(_null=b"NULL"): returns its argument. */
static PyObject *
noneadapter_getquoted(PyObject *self PSYCO_UNUSED, PyObject *args,
                      PyObject *kwds)
{
    static char *kwlist[] = {"_null", NULL};
    PyObject *null = NULL;

    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|O:getquoted", kwlist,
                                     &null))
        return NULL;
    if (null)
        return Py_NewRef(null);
    return PyBytes_FromStringAndSize("NULL", 4);
}

static PyMethodDef noneadapter_methods[] = {
    {"getquoted", (PyCFunction)(void (*)(void))noneadapter_getquoted,
     METH_VARARGS | METH_KEYWORDS, NULL},
    {NULL, NULL, 0, NULL}
};

ADAPTER_TYPE(noneadapterType, "psycopg2.extensions.NoneAdapter",
             "Adapt None to NULL.\n\n"
             "    This adapter is not used normally as a fast path in mogrify uses NULL,\n"
             "    but it makes easier to adapt composite types.\n    ",
             noneadapter_methods, NULL, NULL);

int
adapter_sqlin_init(PyObject *module)
{
    sqlinType.tp_str = sqlin_str;
    /* A plain object's str(), like the Python class. */
    noneadapterType.tp_str = NULL;
    if (adapter_add_type(module, "SQL_IN", &sqlinType) < 0)
        return -1;
    return adapter_add_type(module, "NoneAdapter", &noneadapterType);
}
