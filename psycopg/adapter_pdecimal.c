/* adapter_pdecimal.c - Decimal: str() of a finite number; any non-finite
 * value (NaN, sNaN, +-Infinity) becomes 'NaN'::numeric, as psycopg2 2.9. */
#include "psycopg.h"
#include "adapters.h"

/* 1 if obj is finite, 0 if not, -1 on error. Objects without is_finite()
 * are asked _isnan(), the older decimal API. */
static int
pdecimal_is_finite(PyObject *obj)
{
    PyObject *r;
    int rv;

    r = PyObject_CallMethod(obj, "is_finite", NULL);
    if (r == NULL) {
        if (!PyErr_ExceptionMatches(PyExc_AttributeError))
            return -1;
        PyErr_Clear();
        if (!(r = PyObject_CallMethod(obj, "_isnan", NULL)))
            return -1;
        rv = PyObject_IsTrue(r);
        Py_DECREF(r);
        return rv < 0 ? -1 : !rv;
    }
    rv = PyObject_IsTrue(r);
    Py_DECREF(r);
    return rv;
}

int
pdecimal_write(psyco_buf *buf, PyObject *obj)
{
    PyObject *s;
    const char *text;
    Py_ssize_t len;
    int finite, rv = -1;

    if ((finite = pdecimal_is_finite(obj)) < 0)
        return -1;
    if (!finite)
        return buf_append_str(buf, "'NaN'::numeric");
    if (!(s = PyObject_Str(obj)))
        return -1;
    if ((text = PyUnicode_AsUTF8AndSize(s, &len))) {
        rv = 0;
        if (text[0] == '-')
            rv = buf_append_char(buf, ' ');
        if (rv == 0)
            rv = buf_append(buf, text, len);
    }
    Py_DECREF(s);
    return rv;
}

static int
pdecimal_writer(psyco_buf *buf, adapterObject *self)
{
    return pdecimal_write(buf, ADAPTER_WRAPPED(self));
}

static PyObject *
pdecimal_getquoted(PyObject *self, PyObject *args PSYCO_UNUSED)
{
    return adapter_getquoted_with((adapterObject *)self, pdecimal_writer);
}

static PyMethodDef pdecimal_methods[] = {
    {"getquoted", pdecimal_getquoted, METH_NOARGS,
     "getquoted() -> wrapped object value as SQL-quoted string"},
    ADAPTER_CONFORM_METHOD,
    {NULL, NULL, 0, NULL}
};

ADAPTER_TYPE(pdecimalType, "psycopg2._psycopg.Decimal",
             "Decimal(str) -> new Decimal adapter object",
             pdecimal_methods, adapter_adapted_member, NULL);

int
adapter_pdecimal_init(PyObject *module)
{
    return adapter_add_type(module, "Decimal", &pdecimalType);
}
