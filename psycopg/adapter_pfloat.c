/* adapter_pfloat.c - Float: repr() of the number; NaN and infinities as
 * typed string literals (PostgreSQL has no bare keyword for them). */
#include "psycopg.h"
#include "adapters.h"
#include <math.h>

/* Non-finite values; 1 if written, 0 if d is finite, -1 on error. */
static int
pfloat_write_special(psyco_buf *buf, double d)
{
    if (isnan(d))
        return buf_append_str(buf, "'NaN'::float") ? -1 : 1;
    if (isinf(d))
        return buf_append_str(buf, d > 0 ? "'Infinity'::float"
                                         : "'-Infinity'::float") ? -1 : 1;
    return 0;
}

/* Append the text of a number, a space first if it is negative. */
static int
append_signed(psyco_buf *buf, const char *s, Py_ssize_t len)
{
    if (s[0] == '-' && buf_append_char(buf, ' ') < 0)
        return -1;
    return buf_append(buf, s, len);
}

int
pfloat_write_double(psyco_buf *buf, double d)
{
    char *s;
    int rv;

    if ((rv = pfloat_write_special(buf, d)) != 0)
        return rv < 0 ? -1 : 0;
    /* 'r' is repr(): the shortest text that reads back the same double. */
    if (!(s = PyOS_double_to_string(d, 'r', 0, Py_DTSF_ADD_DOT_0, NULL)))
        return -1;
    rv = append_signed(buf, s, (Py_ssize_t)strlen(s));
    PyMem_Free(s);
    return rv;
}

/* Any object: the special values from float(obj), otherwise its repr(),
 * so float subclasses keep their own representation. */
int
pfloat_write(psyco_buf *buf, PyObject *obj)
{
    double d;
    PyObject *r;
    const char *s;
    Py_ssize_t len;
    int rv;

    d = PyFloat_AsDouble(obj);
    if (d == -1.0 && PyErr_Occurred())
        return -1;
    if ((rv = pfloat_write_special(buf, d)) != 0)
        return rv < 0 ? -1 : 0;
    if (!(r = PyObject_Repr(obj)))
        return -1;
    rv = -1;
    if ((s = PyUnicode_AsUTF8AndSize(r, &len)))
        rv = append_signed(buf, s, len);
    Py_DECREF(r);
    return rv;
}

static int
pfloat_writer(psyco_buf *buf, adapterObject *self)
{
    return pfloat_write(buf, ADAPTER_WRAPPED(self));
}

static PyObject *
pfloat_getquoted(PyObject *self, PyObject *args PSYCO_UNUSED)
{
    return adapter_getquoted_with((adapterObject *)self, pfloat_writer);
}

static PyMethodDef pfloat_methods[] = {
    {"getquoted", pfloat_getquoted, METH_NOARGS,
     "getquoted() -> wrapped object value as SQL-quoted string"},
    ADAPTER_CONFORM_METHOD,
    {NULL, NULL, 0, NULL}
};

ADAPTER_TYPE(pfloatType, "psycopg2.extensions.Float",
             "Float(str) -> new Float adapter object",
             pfloat_methods, adapter_adapted_member, NULL);

int
adapter_pfloat_init(PyObject *module)
{
    return adapter_add_type(module, "Float", &pfloatType);
}
