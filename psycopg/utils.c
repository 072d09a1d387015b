/* utils.c - small helpers shared by the C files. */
#include "psycopg.h"
#include "utils.h"

#include <stdarg.h>

PyObject *
psyco_raise(PyObject *exc, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    PyErr_FormatV(exc, fmt, ap);
    va_end(ap);
    return NULL;
}

void
buf_init(psyco_buf *b)
{
    b->data = b->inline_area;
    b->len = 0;
    b->cap = (Py_ssize_t)sizeof(b->inline_area);
}

void
buf_free(psyco_buf *b)
{
    if (b->data != b->inline_area)
        PyMem_Free(b->data);
    buf_init(b);
}

int
buf_reserve(psyco_buf *b, Py_ssize_t extra)
{
    Py_ssize_t need = b->len + extra;
    Py_ssize_t cap = b->cap;
    char *data;

    if (need <= cap)
        return 0;
    /* Double until it fits: amortised O(1) appends. */
    while (cap < need) {
        if (cap > PY_SSIZE_T_MAX / 2) {
            PyErr_NoMemory();
            return -1;
        }
        cap *= 2;
    }
    if (b->data == b->inline_area) {
        data = PyMem_Malloc((size_t)cap);
        if (data)
            memcpy(data, b->inline_area, (size_t)b->len);
    }
    else {
        data = PyMem_Realloc(b->data, (size_t)cap);
    }
    if (data == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    b->data = data;
    b->cap = cap;
    return 0;
}

PyObject *
buf_to_bytes(psyco_buf *b)
{
    PyObject *rv = PyBytes_FromStringAndSize(b->data, b->len);

    buf_free(b);
    return rv;
}
