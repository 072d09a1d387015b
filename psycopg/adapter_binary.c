/* adapter_binary.c - Binary: a bytea literal of any buffer object.
 *
 * With an open connection libpq picks the format the server reads (hex);
 * without one, PQescapeBytea uses libpq's process-wide defaults, exactly as
 * psycopg2 behaves. */
#include "psycopg.h"
#include "adapters.h"

static int
binary_append_escaped(psyco_buf *buf, const unsigned char *data, size_t len,
                      connectionObject *conn)
{
    unsigned char *to;
    size_t tolen = 0;
    int rv = -1;

    if (conn && conn->pgconn)
        to = PQescapeByteaConn(conn->pgconn, data, len, &tolen);
    else
        to = PQescapeBytea(data, len, &tolen);
    if (to == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    /* tolen counts libpq's terminating NUL. */
    if (conn && conn->equote && buf_append_char(buf, 'E') < 0)
        goto exit;
    if (buf_append_char(buf, '\'') < 0
            || buf_append(buf, (const char *)to, (Py_ssize_t)tolen - 1) < 0
            || buf_append(buf, "'::bytea", 8) < 0)
        goto exit;
    rv = 0;
exit:
    PQfreemem(to);
    return rv;
}

int
binary_write(psyco_buf *buf, PyObject *obj, connectionObject *conn)
{
    Py_buffer view;
    int rv;

    if (obj == Py_None)
        return buf_append(buf, "NULL", 4);
    if (PyObject_GetBuffer(obj, &view, PyBUF_CONTIG_RO) < 0) {
        PyErr_Clear();
        PyErr_Format(PyExc_TypeError, "can't escape %s to binary",
                     Py_TYPE(obj)->tp_name);
        return -1;
    }
    rv = binary_append_escaped(buf, (const unsigned char *)view.buf,
                               (size_t)view.len, conn);
    PyBuffer_Release(&view);
    return rv;
}

static int
binary_writer(psyco_buf *buf, adapterObject *self)
{
    return binary_write(buf, ADAPTER_WRAPPED(self),
                        (connectionObject *)self->conn);
}

static PyObject *
binary_getquoted(PyObject *self, PyObject *args PSYCO_UNUSED)
{
    adapterObject *a = (adapterObject *)self;

    if (a->buffer == NULL)
        a->buffer = adapter_getquoted_with(a, binary_writer);
    return Py_XNewRef(a->buffer);
}

static PyMethodDef binary_methods[] = {
    {"getquoted", binary_getquoted, METH_NOARGS,
     "getquoted() -> wrapped object value as SQL-quoted binary string"},
    {"prepare", adapter_prepare, METH_VARARGS,
     "prepare(conn) -> prepare for binary encoding using conn"},
    ADAPTER_CONFORM_METHOD,
    {NULL, NULL, 0, NULL}
};

static PyMemberDef binary_members[] = {
    {"adapted", T_OBJECT, offsetof(adapterObject, wrapped), READONLY, NULL},
    {"buffer", T_OBJECT, offsetof(adapterObject, buffer), READONLY, NULL},
    {NULL, 0, 0, 0, NULL}
};

ADAPTER_TYPE(binaryType, "psycopg2.extensions.Binary",
             "Binary(buffer) -> new binary object",
             binary_methods, binary_members, NULL);

int
adapter_binary_init(PyObject *module)
{
    return adapter_add_type(module, "Binary", &binaryType);
}
