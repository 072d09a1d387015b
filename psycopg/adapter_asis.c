/* adapter_asis.c - AsIs: the str() of the object, unquoted (None -> NULL). */
#include "psycopg.h"
#include "adapters.h"

int
asis_write(psyco_buf *buf, PyObject *obj)
{
    PyObject *s;
    const char *utf8;
    Py_ssize_t len;
    int rv = -1;

    if (obj == Py_None)
        return buf_append(buf, "NULL", 4);
    if (!(s = PyObject_Str(obj)))
        return -1;
    if ((utf8 = PyUnicode_AsUTF8AndSize(s, &len)))
        rv = buf_append(buf, utf8, len);
    Py_DECREF(s);
    return rv;
}

static int
asis_writer(psyco_buf *buf, adapterObject *self)
{
    return asis_write(buf, ADAPTER_WRAPPED(self));
}

static PyObject *
asis_getquoted(PyObject *self, PyObject *args PSYCO_UNUSED)
{
    return adapter_getquoted_with((adapterObject *)self, asis_writer);
}

static PyMethodDef asis_methods[] = {
    {"getquoted", asis_getquoted, METH_NOARGS,
     "getquoted() -> wrapped object value as SQL-quoted string"},
    ADAPTER_CONFORM_METHOD,
    {NULL, NULL, 0, NULL}
};

ADAPTER_TYPE(asisType, "psycopg2.extensions.AsIs",
             "AsIs(str) -> new AsIs adapter object",
             asis_methods, adapter_adapted_member, NULL);

int
adapter_asis_init(PyObject *module)
{
    return adapter_add_type(module, "AsIs", &asisType);
}
