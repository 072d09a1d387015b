/* lobject_type.c - the Python methods of lobject, and connection.lobject().
 *
 * Argument parsing and state checks only; the lo_* calls are in
 * lobject_int.c. */
#include "psycopg.h"
#include "lobject.h"

#include <limits.h>

/* read() sizes up to this are read at once; larger (or unbounded) reads
 * first ask how much is left, so the buffer is never larger than the data. */
#define SMALL_READ (1 << 20)

/* --- checks ------------------------------------------------------------ */

static int
lo_refuse_closed(void)
{
    PyErr_SetString(psyco_state.InterfaceError, "lobject already closed");
    return -1;
}

/* The connection may hold a large object: open, synchronous, not between
 * tpc_prepare and tpc_commit, in a transaction (not autocommit). */
static int
lo_check_conn(connectionObject *conn)
{
    if (conn->closed) {
        PyErr_SetString(psyco_state.InterfaceError,
                        "connection already closed");
        return -1;
    }
    if (conn->async_) {
        PyErr_SetString(psyco_state.ProgrammingError,
                        "lobject cannot be used in asynchronous mode");
        return -1;
    }
    if (conn->status == CONN_STATUS_PREPARED) {
        PyErr_SetString(psyco_state.ProgrammingError, "lobject cannot be "
                        "used with a prepared two-phase transaction");
        return -1;
    }
    if (conn->autocommit) {
        PyErr_SetString(psyco_state.ProgrammingError,
                        "can't use a lobject outside of transactions");
        return -1;
    }
    return 0;
}

/* The descriptor is usable: open, the connection in a transaction, and
 * still the transaction that opened it. */
static int
lo_check_open(lobjectObject *self)
{
    if (self->conn == NULL || self->fd < 0 || self->conn->closed)
        return lo_refuse_closed();
    if (self->conn->autocommit) {
        PyErr_SetString(psyco_state.ProgrammingError,
                        "can't use a lobject outside of transactions");
        return -1;
    }
    if (self->conn->mark != self->mark) {
        PyErr_SetString(psyco_state.ProgrammingError,
                        "lobject isn't valid anymore");
        return -1;
    }
    return 0;
}

/* For the methods working on the oid (unlink, export): an initialised
 * object on an open connection, no prepared transaction pending (the
 * operation would open a new transaction under it). */
static int
lo_check_oid_usable(lobjectObject *self, const char *what)
{
    if (self->conn == NULL)
        return lo_refuse_closed();
    if (self->conn->closed) {
        PyErr_SetString(psyco_state.InterfaceError,
                        "connection already closed");
        return -1;
    }
    if (self->conn->status == CONN_STATUS_PREPARED) {
        PyErr_Format(psyco_state.ProgrammingError, "%s cannot be used "
                     "with a prepared two-phase transaction", what);
        return -1;
    }
    return 0;
}

/* --- modes and oids ---------------------------------------------------- */

/* Parse [r|w|rw|n][t|b] ("" is "r", text is the default) into *bits.
 * -1 with ValueError for anything else. */
static int
parse_mode(const char *s, int *bits)
{
    const char *p = s;
    int m = LOBJECT_READ;

    if (strncmp(p, "rw", 2) == 0)
        m = LOBJECT_READ | LOBJECT_WRITE, p += 2;
    else if (*p == 'r')
        p++;
    else if (*p == 'w')
        m = LOBJECT_WRITE, p++;
    else if (*p == 'n')
        m = 0, p++;
    if (*p == 'b')
        m |= LOBJECT_BINARY, p++;
    else if (*p == 't')
        p++;
    if (*p) {
        PyErr_Format(PyExc_ValueError, "bad mode for lobject: '%s'", s);
        return -1;
    }
    *bits = (m & LOBJECT_BINARY) ? m : m | LOBJECT_TEXT;
    return 0;
}

/* The mode as psycopg2 shows it. */
static const char *
mode_string(int m)
{
    int bin = (m & LOBJECT_BINARY) != 0;

    switch (m & (LOBJECT_READ | LOBJECT_WRITE)) {
    case LOBJECT_READ:
        return bin ? "rb" : "rt";
    case LOBJECT_WRITE:
        return bin ? "wb" : "wt";
    case LOBJECT_READ | LOBJECT_WRITE:
        return bin ? "rwb" : "rwt";
    default:
        return "n";
    }
}

/* PyArg converter: an int that is a valid Oid (0 .. 2**32-1). */
static int
oid_converter(PyObject *obj, void *addr)
{
    PyObject *num = PyNumber_Index(obj);
    long long v;
    int overflow;

    if (num == NULL)
        return 0;
    v = PyLong_AsLongLongAndOverflow(num, &overflow);
    Py_DECREF(num);
    if (v == -1 && PyErr_Occurred())
        return 0;
    /* psycopg2 wraps such values around silently (-1 is oid 4294967295,
     * 2**32 is 0: a new object): refusing them is safer. */
    if (overflow || v < 0 || v > 0xFFFFFFFFLL) {
        PyErr_SetString(PyExc_OverflowError,
                        "an oid must be between 0 and 4294967295");
        return 0;
    }
    *(Oid *)addr = (Oid)v;
    return 1;
}

/* --- methods ----------------------------------------------------------- */

#define lobj_close_doc "close() -- close the large object."

static PyObject *
psyco_lobj_close(lobjectObject *self, PyObject *dummy PSYCO_UNUSED)
{
    /* A descriptor of an ended transaction is gone already: nothing to
     * send (psycopg2 then leaves `closed` False; here it becomes True). */
    if (self->conn == NULL || self->conn->closed || self->fd < 0
            || self->conn->autocommit || self->conn->mark != self->mark) {
        self->fd = -1;
        Py_RETURN_NONE;
    }
    if (lobject_close(self) < 0)
        return NULL;
    Py_RETURN_NONE;
}

/* Read size bytes at most (the caller has bounded size by the data). */
static PyObject *
read_bytes(lobjectObject *self, Py_ssize_t size)
{
    PyObject *buf = PyBytes_FromStringAndSize(NULL, size);
    Py_ssize_t got = 0, n, chunk;

    if (buf == NULL)
        return NULL;
    while (got < size) {
        /* lo_read takes at most INT_MAX bytes at a time. */
        chunk = size - got > INT_MAX ? INT_MAX : size - got;
        /* The buffer is ours alone: safe to fill with the GIL released. */
        n = lobject_read(self, PyBytes_AS_STRING(buf) + got, (size_t)chunk);
        if (n < 0) {
            Py_DECREF(buf);
            return NULL;
        }
        got += n;
        if (n < chunk)
            break;
    }
    if (got < size)
        _PyBytes_Resize(&buf, got);   /* NULL with MemoryError on failure */
    return buf;
}

#define lobj_read_doc \
"read(size=-1) -- read at most size bytes (all if negative): str in text\n" \
"mode (decoded in the connection encoding), bytes in binary mode."

static PyObject *
psyco_lobj_read(lobjectObject *self, PyObject *args)
{
    Py_ssize_t size = -1;
    long long left;
    PyObject *data, *text;

    if (!PyArg_ParseTuple(args, "|n", &size))
        return NULL;
    if (lo_check_open(self) < 0)
        return NULL;
    if (size < 0 || size > SMALL_READ) {
        if ((left = lobject_remaining(self)) < 0)
            return NULL;
        if (left > PY_SSIZE_T_MAX)
            return PyErr_NoMemory();
        if (size < 0 || size > left)
            size = (Py_ssize_t)left;
    }
    if ((data = read_bytes(self, size)) == NULL
            || (self->mode & LOBJECT_BINARY))
        return data;
    text = conn_decode(self->conn, PyBytes_AS_STRING(data),
                       PyBytes_GET_SIZE(data));
    Py_DECREF(data);
    return text;
}

/* Write all of bytes; the count written, or -1. */
static Py_ssize_t
write_all(lobjectObject *self, PyObject *bytes)
{
    const char *s = PyBytes_AS_STRING(bytes);
    Py_ssize_t len = PyBytes_GET_SIZE(bytes), done = 0, n, chunk;

    do {
        chunk = len - done > INT_MAX ? INT_MAX : len - done;
        /* bytes is immutable and referenced: safe without the GIL. */
        if ((n = lobject_write(self, s + done, (size_t)chunk)) < 0)
            return -1;
        done += n;
    } while (done < len && n > 0);
    return done;
}

#define lobj_write_doc \
"write(data) -> int -- write bytes, or a str encoded in the connection\n" \
"encoding; returns the number of bytes written."

static PyObject *
psyco_lobj_write(lobjectObject *self, PyObject *args)
{
    PyObject *obj, *bytes;
    Py_ssize_t written;

    if (!PyArg_ParseTuple(args, "O", &obj))
        return NULL;
    if (lo_check_open(self) < 0)
        return NULL;
    if (PyUnicode_Check(obj))
        bytes = conn_encode(self->conn, obj);
    else if (PyBytes_Check(obj))
        bytes = Py_NewRef(obj);
    else
        return psyco_raise(PyExc_TypeError, "lobject.write requires a "
                           "string; got %s instead", Py_TYPE(obj)->tp_name);
    if (bytes == NULL)
        return NULL;
    written = write_all(self, bytes);
    Py_DECREF(bytes);
    return written < 0 ? NULL : PyLong_FromSsize_t(written);
}

#define lobj_seek_doc \
"seek(offset, whence=0) -> int -- move the position (whence: 0 from the\n" \
"start, 1 from the position, 2 from the end); returns the new position."

static PyObject *
psyco_lobj_seek(lobjectObject *self, PyObject *args)
{
    Py_ssize_t offset;
    int whence = SEEK_SET;
    long long pos;

    if (!PyArg_ParseTuple(args, "n|i", &offset, &whence))
        return NULL;
    if (lo_check_open(self) < 0)
        return NULL;
    if ((pos = lobject_seek(self, offset, whence)) < 0)
        return NULL;
    return PyLong_FromLongLong(pos);
}

#define lobj_tell_doc "tell() -> int -- the current position."

static PyObject *
psyco_lobj_tell(lobjectObject *self, PyObject *dummy PSYCO_UNUSED)
{
    long long pos;

    if (lo_check_open(self) < 0)
        return NULL;
    if ((pos = lobject_tell(self)) < 0)
        return NULL;
    return PyLong_FromLongLong(pos);
}

#define lobj_truncate_doc "truncate(len=0) -- cut the object to len bytes."

static PyObject *
psyco_lobj_truncate(lobjectObject *self, PyObject *args)
{
    Py_ssize_t len = 0;

    if (!PyArg_ParseTuple(args, "|n", &len))
        return NULL;
    if (lo_check_open(self) < 0)
        return NULL;
    if (lobject_truncate(self, len) < 0)
        return NULL;
    Py_RETURN_NONE;
}

#define lobj_export_doc \
"export(file_name) -- write the object into a file on the client."

static PyObject *
psyco_lobj_export(lobjectObject *self, PyObject *args)
{
    const char *filename;

    if (!PyArg_ParseTuple(args, "s", &filename))
        return NULL;
    if (lo_check_oid_usable(self, "export") < 0)
        return NULL;
    if (self->conn->autocommit) {
        PyErr_SetString(psyco_state.ProgrammingError,
                        "can't use a lobject outside of transactions");
        return NULL;
    }
    if (lobject_export(self, filename) < 0)
        return NULL;
    Py_RETURN_NONE;
}

#define lobj_unlink_doc "unlink() -- close and delete the large object."

static PyObject *
psyco_lobj_unlink(lobjectObject *self, PyObject *dummy PSYCO_UNUSED)
{
    if (lo_check_oid_usable(self, "unlink") < 0)
        return NULL;
    if (lobject_unlink(self) < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyMethodDef lobject_methods[] = {
    {"read", (PyCFunction)psyco_lobj_read, METH_VARARGS, lobj_read_doc},
    {"write", (PyCFunction)psyco_lobj_write, METH_VARARGS, lobj_write_doc},
    {"seek", (PyCFunction)psyco_lobj_seek, METH_VARARGS, lobj_seek_doc},
    {"tell", (PyCFunction)psyco_lobj_tell, METH_NOARGS, lobj_tell_doc},
    {"close", (PyCFunction)psyco_lobj_close, METH_NOARGS, lobj_close_doc},
    {"unlink", (PyCFunction)psyco_lobj_unlink, METH_NOARGS, lobj_unlink_doc},
    {"export", (PyCFunction)psyco_lobj_export, METH_VARARGS,
     lobj_export_doc},
    {"truncate", (PyCFunction)psyco_lobj_truncate, METH_VARARGS,
     lobj_truncate_doc},
    {NULL, NULL, 0, NULL}
};

/* --- attributes -------------------------------------------------------- */

static PyObject *
lobj_get_closed(lobjectObject *self, void *closure PSYCO_UNUSED)
{
    return PyBool_FromLong(self->conn == NULL || self->fd < 0
                           || self->conn->closed);
}

static struct PyGetSetDef lobject_getset[] = {
    {"closed", (getter)lobj_get_closed, NULL,
     "True if the large object is closed.", NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

static struct PyMemberDef lobject_members[] = {
    {"oid", T_UINT, offsetof(lobjectObject, oid), READONLY,
     "The oid of the large object."},
    {"mode", T_STRING, offsetof(lobjectObject, smode), READONLY,
     "The open mode: r, w, rw or n, then t (text) or b (binary)."},
    {NULL, 0, 0, 0, NULL}
};

/* --- life cycle -------------------------------------------------------- */

static PyObject *
lobject_new(PyTypeObject *type, PyObject *args PSYCO_UNUSED,
            PyObject *kwargs PSYCO_UNUSED)
{
    lobjectObject *self = (lobjectObject *)type->tp_alloc(type, 0);

    if (self != NULL)
        self->fd = -1;
    return (PyObject *)self;
}

static int
lobject_init(lobjectObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"conn", "oid", "mode", "new_oid", "new_file",
                             NULL};
    connectionObject *conn;
    Oid oid = InvalidOid, new_oid = InvalidOid;
    const char *mode = NULL, *new_file = NULL;
    int bits;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O!|O&zO&z", kwlist,
            &connectionType, &conn, oid_converter, &oid, &mode,
            oid_converter, &new_oid, &new_file))
        return -1;
    if (self->conn != NULL) {
        PyErr_SetString(psyco_state.InterfaceError,
                        "the lobject is already initialised");
        return -1;
    }
    if (lo_check_conn(conn) < 0 || parse_mode(mode ? mode : "", &bits) < 0)
        return -1;
    /* A new object is opened for writing (which allows reading too). */
    if (oid == InvalidOid)
        bits = LOBJECT_WRITE | (bits & (LOBJECT_BINARY | LOBJECT_TEXT));
    self->conn = (connectionObject *)Py_NewRef((PyObject *)conn);
    self->oid = oid;
    self->mode = bits;
    self->smode = mode_string(bits);
    return lobject_open(self, new_oid, new_file);
}

static int
lobject_traverse(lobjectObject *self, visitproc visit, void *arg)
{
    Py_VISIT(self->conn);
    return 0;
}

static int
lobject_clear(lobjectObject *self)
{
    Py_CLEAR(self->conn);
    return 0;
}

/* Close a descriptor still open, as psycopg2 does, so that a loop making
 * many objects in one transaction does not pile them up on the server.
 * Errors are dropped: there is nobody to report them to. */
static void
lobject_close_quietly(lobjectObject *self)
{
    PyObject *type, *value, *tb;

    if (self->conn == NULL || self->conn->closed || self->conn->autocommit
            || !lobject_is_valid(self))
        return;
    PyErr_Fetch(&type, &value, &tb);
    if (lobject_close(self) < 0)
        PyErr_Clear();
    PyErr_Restore(type, value, tb);
}

static void
lobject_dealloc(lobjectObject *self)
{
    PyObject_GC_UnTrack(self);
    lobject_close_quietly(self);
    lobject_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *
lobject_repr(lobjectObject *self)
{
    return PyUnicode_FromFormat("<lobject object at %p; closed: %d>", self,
        self->conn == NULL || self->fd < 0 || self->conn->closed);
}

#define lobject_doc \
"lobject(conn, oid=0, mode='', new_oid=0, new_file=None) -- a database\n" \
"large object (use connection.lobject() to make one)."

PyTypeObject lobjectType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "psycopg2.extensions.lobject",
    .tp_basicsize = sizeof(lobjectObject),
    .tp_dealloc = (destructor)lobject_dealloc,
    .tp_repr = (reprfunc)lobject_repr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = lobject_doc,
    .tp_traverse = (traverseproc)lobject_traverse,
    .tp_clear = (inquiry)lobject_clear,
    .tp_methods = lobject_methods,
    .tp_members = lobject_members,
    .tp_getset = lobject_getset,
    .tp_init = (initproc)lobject_init,
    .tp_new = lobject_new,
};

/* --- connection.lobject() ---------------------------------------------- */

PyObject *
psyco_conn_lobject(connectionObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"oid", "mode", "new_oid", "new_file",
                             "lobject_factory", NULL};
    Oid oid = InvalidOid, new_oid = InvalidOid;
    const char *mode = "", *new_file = NULL;
    PyObject *factory = Py_None, *lo;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|O&zO&zO", kwlist,
            oid_converter, &oid, &mode, oid_converter, &new_oid, &new_file,
            &factory))
        return NULL;
    if (lo_check_conn(self) < 0)
        return NULL;
    /* None is the default (psycopg2 would try to call it). */
    if (factory == Py_None)
        factory = (PyObject *)&lobjectType;
    /* The factory gets new_file only when given, as in psycopg2. */
    lo = new_file
        ? PyObject_CallFunction(factory, "OIzIs", self, oid, mode, new_oid,
                                new_file)
        : PyObject_CallFunction(factory, "OIzI", self, oid, mode, new_oid);
    if (lo != NULL && !PyObject_TypeCheck(lo, &lobjectType)) {
        Py_DECREF(lo);
        return psyco_raise(PyExc_TypeError, "lobject factory must be "
                           "subclass of psycopg2.extensions.lobject");
    }
    return lo;
}
