/* adapter_pint.c - Int: the decimal digits of int(obj).
 *
 * Negative numbers get a leading space so that a literal following a '-'
 * in the query ("x -%s") never forms a "--" comment. */
#include "psycopg.h"
#include "adapters.h"
#include <stdio.h>

int
pint_write_exact(psyco_buf *buf, PyObject *obj)
{
    char tmp[32];
    long long v;
    int overflow, n, rv = -1;
    PyObject *s;
    const char *digits;
    Py_ssize_t len;

    v = PyLong_AsLongLongAndOverflow(obj, &overflow);
    if (v == -1 && PyErr_Occurred())
        return -1;
    if (!overflow) {
        n = snprintf(tmp, sizeof(tmp), v < 0 ? " %lld" : "%lld", v);
        return buf_append(buf, tmp, n);
    }
    /* Beyond 64 bits: let Python produce the digits. */
    if (!(s = PyLong_Type.tp_repr(obj)))
        return -1;
    if ((digits = PyUnicode_AsUTF8AndSize(s, &len))) {
        rv = 0;
        if (digits[0] == '-')
            rv = buf_append_char(buf, ' ');
        if (rv == 0)
            rv = buf_append(buf, digits, len);
    }
    Py_DECREF(s);
    return rv;
}

int
pint_write(psyco_buf *buf, PyObject *obj)
{
    PyObject *n;
    int rv;

    if (!(n = PyNumber_Long(obj)))
        return -1;
    rv = pint_write_exact(buf, n);
    Py_DECREF(n);
    return rv;
}

static int
pint_writer(psyco_buf *buf, adapterObject *self)
{
    return pint_write(buf, ADAPTER_WRAPPED(self));
}

static PyObject *
pint_getquoted(PyObject *self, PyObject *args PSYCO_UNUSED)
{
    return adapter_getquoted_with((adapterObject *)self, pint_writer);
}

static PyMethodDef pint_methods[] = {
    {"getquoted", pint_getquoted, METH_NOARGS,
     "getquoted() -> wrapped object value as SQL-quoted string"},
    ADAPTER_CONFORM_METHOD,
    {NULL, NULL, 0, NULL}
};

ADAPTER_TYPE(pintType, "psycopg2.extensions.Int",
             "Int(str) -> new Int adapter object",
             pint_methods, adapter_adapted_member, NULL);

int
adapter_pint_init(PyObject *module)
{
    return adapter_add_type(module, "Int", &pintType);
}
