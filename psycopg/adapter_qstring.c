/* adapter_qstring.c - QuotedString: a string literal, escaped by libpq.
 *
 * Without a connection the text is encoded in latin-1 and escaped with
 * libpq's connection-less PQescapeString, as psycopg2 does; prepare(conn)
 * switches to the connection's encoding and PQescapeStringConn. */
#include "psycopg.h"
#include "adapters.h"

#define NUL_MESSAGE "A string literal cannot contain NUL (0x00) characters."

/* conn->pgconn is read without conn->lock: escaping does no I/O, and the
 * GIL held here is what every other user of this connection needs too. */
int
qstring_write_bytes(psyco_buf *buf, const char *s, Py_ssize_t len,
                    connectionObject *conn)
{
    char *dst;
    size_t n;
    int err = 0;

    /* libpq would stop at the NUL and silently truncate the value. */
    if (memchr(s, '\0', (size_t)len)) {
        PyErr_SetString(PyExc_ValueError, NUL_MESSAGE);
        return -1;
    }
    /* Worst case: every byte doubled, plus E, two quotes and libpq's NUL. */
    if (buf_reserve(buf, 2 * len + 4) < 0)
        return -1;
    dst = buf->data + buf->len;
    if (conn && conn->equote)
        *dst++ = 'E';
    *dst++ = '\'';
    if (conn && conn->pgconn)
        n = PQescapeStringConn(conn->pgconn, dst, s, (size_t)len, &err);
    else
        n = PQescapeString(dst, s, (size_t)len);
    dst += n;
    *dst++ = '\'';
    buf->len = dst - buf->data;
    return 0;
}

static int
conn_is_utf8(connectionObject *conn)
{
    return conn->encoding && strcmp(conn->encoding, "UTF8") == 0;
}

int
qstring_write_unicode(psyco_buf *buf, PyObject *str, connectionObject *conn)
{
    PyObject *bytes;
    const char *s;
    Py_ssize_t len;
    int rv;

    /* UTF-8: the str object caches its UTF-8 form, no copy needed. */
    if (conn && conn_is_utf8(conn)) {
        if (!(s = PyUnicode_AsUTF8AndSize(str, &len)))
            return -1;
        return qstring_write_bytes(buf, s, len, conn);
    }
    bytes = conn ? conn_encode(conn, str) : PyUnicode_AsLatin1String(str);
    if (bytes == NULL)
        return -1;
    rv = qstring_write_bytes(buf, PyBytes_AS_STRING(bytes),
                             PyBytes_GET_SIZE(bytes), conn);
    Py_DECREF(bytes);
    return rv;
}

/* The codec used by getquoted(): the attribute, latin1 until prepared. */
static PyObject *
qstring_get_encoding(PyObject *self, void *closure PSYCO_UNUSED)
{
    adapterObject *a = (adapterObject *)self;

    if (a->encoding)
        return Py_NewRef(a->encoding);
    return PyUnicode_FromString("latin1");
}

static int
qstring_set_encoding(PyObject *self, PyObject *value,
                     void *closure PSYCO_UNUSED)
{
    adapterObject *a = (adapterObject *)self;
    PyObject *name;

    if (value == NULL) {
        PyErr_SetString(PyExc_TypeError, "can't delete encoding");
        return -1;
    }
    if (PyBytes_Check(value))
        name = PyUnicode_FromEncodedObject(value, "ascii", "strict");
    else if (PyUnicode_Check(value))
        name = Py_NewRef(value);
    else {
        PyErr_Format(PyExc_TypeError,
            "Expected bytes or unicode string, got %s instead",
            Py_TYPE(value)->tp_name);
        return -1;
    }
    if (name == NULL)
        return -1;
    Py_XSETREF(a->encoding, name);
    return 0;
}

static int
qstring_writer(psyco_buf *buf, adapterObject *self)
{
    PyObject *obj = ADAPTER_WRAPPED(self), *enc = NULL, *bytes = NULL;
    int rv = -1;

    if (PyUnicode_Check(obj)) {
        if (!(enc = qstring_get_encoding((PyObject *)self, NULL)))
            goto exit;
        bytes = PyUnicode_AsEncodedString(obj, PyUnicode_AsUTF8(enc), NULL);
    }
    else if (PyBytes_Check(obj))
        bytes = Py_NewRef(obj);
    else
        PyErr_SetString(PyExc_TypeError, "can't quote non-string object");
    if (bytes == NULL)
        goto exit;
    rv = qstring_write_bytes(buf, PyBytes_AS_STRING(bytes),
                             PyBytes_GET_SIZE(bytes),
                             (connectionObject *)self->conn);
exit:
    Py_XDECREF(enc);
    Py_XDECREF(bytes);
    return rv;
}

static PyObject *
qstring_getquoted(PyObject *self, PyObject *args PSYCO_UNUSED)
{
    adapterObject *a = (adapterObject *)self;

    if (a->buffer == NULL)
        a->buffer = adapter_getquoted_with(a, qstring_writer);
    return Py_XNewRef(a->buffer);
}

/* prepare(conn): escape for this connection, in its encoding. */
static PyObject *
qstring_prepare(PyObject *self, PyObject *args)
{
    adapterObject *a = (adapterObject *)self;
    connectionObject *conn;
    PyObject *rv;

    if (!(rv = adapter_prepare(self, args)))
        return NULL;
    conn = (connectionObject *)a->conn;
    if (conn->codec) {
        PyObject *name = PyUnicode_FromString(conn->codec);
        if (name == NULL) {
            Py_DECREF(rv);
            return NULL;
        }
        Py_XSETREF(a->encoding, name);
    }
    return rv;
}

static PyMethodDef qstring_methods[] = {
    {"getquoted", qstring_getquoted, METH_NOARGS,
     "getquoted() -> wrapped object value as SQL-quoted string"},
    {"prepare", qstring_prepare, METH_VARARGS,
     "prepare(conn) -> set encoding to conn->encoding and store conn"},
    ADAPTER_CONFORM_METHOD,
    {NULL, NULL, 0, NULL}
};

static PyMemberDef qstring_members[] = {
    {"adapted", T_OBJECT, offsetof(adapterObject, wrapped), READONLY, NULL},
    {"buffer", T_OBJECT, offsetof(adapterObject, buffer), READONLY, NULL},
    {NULL, 0, 0, 0, NULL}
};

static PyGetSetDef qstring_getset[] = {
    {"encoding", qstring_get_encoding, qstring_set_encoding,
     "current encoding of the adapter", NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

ADAPTER_TYPE(qstringType, "psycopg2.extensions.QuotedString",
             "QuotedString(str) -> new quoted object",
             qstring_methods, qstring_members, qstring_getset);

int
adapter_qstring_init(PyObject *module)
{
    return adapter_add_type(module, "QuotedString", &qstringType);
}
