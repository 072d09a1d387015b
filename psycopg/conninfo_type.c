/* conninfo_type.c - psycopg2.extensions.ConnectionInfo: the status
 * functions of libpq for one connection (connection.info).
 *
 * The getters are simple libpq reads and take no connection lock. Once the
 * connection is closed conn->pgconn is NULL, and libpq's status functions
 * accept NULL and answer "nothing" (NULL, 0, -1, CONNECTION_BAD...): that
 * is what psycopg2 shows for a closed connection, so they are called as
 * they are. Only dsn_parameters refuses a closed connection. */

#include "psycopg.h"
#include "error.h"
#include "dsn.h"
#include "connection.h"

typedef struct {
    PyObject_HEAD
    connectionObject *conn;   /* strong reference; NULL before __init__ */
} connInfoObject;

/* The PGconn to query: NULL when closed (or before __init__). */
static PGconn *
info_pgconn(connInfoObject *self)
{
    return self->conn ? self->conn->pgconn : NULL;
}

/* A string from libpq, decoded in the connection encoding; NULL -> None. */
static PyObject *
info_text(connInfoObject *self, const char *s)
{
    if (!s)
        Py_RETURN_NONE;
    return conn_decode(self->conn, s, (Py_ssize_t)strlen(s));
}

/* ---- string attributes ------------------------------------------------- */

static PyObject *
info_get_dbname(connInfoObject *self, void *c PSYCO_UNUSED)
{
    return info_text(self, PQdb(info_pgconn(self)));
}

static PyObject *
info_get_user(connInfoObject *self, void *c PSYCO_UNUSED)
{
    return info_text(self, PQuser(info_pgconn(self)));
}

static PyObject *
info_get_password(connInfoObject *self, void *c PSYCO_UNUSED)
{
    return info_text(self, PQpass(info_pgconn(self)));
}

static PyObject *
info_get_host(connInfoObject *self, void *c PSYCO_UNUSED)
{
    return info_text(self, PQhost(info_pgconn(self)));
}

static PyObject *
info_get_options(connInfoObject *self, void *c PSYCO_UNUSED)
{
    return info_text(self, PQoptions(info_pgconn(self)));
}

static PyObject *
info_get_port(connInfoObject *self, void *c PSYCO_UNUSED)
{
    const char *port = PQport(info_pgconn(self));

    if (!port || !*port)
        Py_RETURN_NONE;
    return PyLong_FromLong(strtol(port, NULL, 10));
}

static PyObject *
info_get_error_message(connInfoObject *self, void *c PSYCO_UNUSED)
{
    const char *msg = PQerrorMessage(info_pgconn(self));

    /* An empty message means no error: None, as documented by psycopg2. */
    if (!msg || !*msg)
        Py_RETURN_NONE;
    return info_text(self, msg);
}

/* ---- numeric and boolean attributes ------------------------------------ */

static PyObject *
info_get_status(connInfoObject *self, void *c PSYCO_UNUSED)
{
    return PyLong_FromLong((long)PQstatus(info_pgconn(self)));
}

static PyObject *
info_get_transaction_status(connInfoObject *self, void *c PSYCO_UNUSED)
{
    return PyLong_FromLong((long)PQtransactionStatus(info_pgconn(self)));
}

static PyObject *
info_get_protocol_version(connInfoObject *self, void *c PSYCO_UNUSED)
{
    return PyLong_FromLong(PQprotocolVersion(info_pgconn(self)));
}

static PyObject *
info_get_server_version(connInfoObject *self, void *c PSYCO_UNUSED)
{
    return PyLong_FromLong(PQserverVersion(info_pgconn(self)));
}

static PyObject *
info_get_socket(connInfoObject *self, void *c PSYCO_UNUSED)
{
    return PyLong_FromLong(PQsocket(info_pgconn(self)));
}

static PyObject *
info_get_backend_pid(connInfoObject *self, void *c PSYCO_UNUSED)
{
    return PyLong_FromLong(PQbackendPID(info_pgconn(self)));
}

static PyObject *
info_get_needs_password(connInfoObject *self, void *c PSYCO_UNUSED)
{
    return PyBool_FromLong(PQconnectionNeedsPassword(info_pgconn(self)));
}

static PyObject *
info_get_used_password(connInfoObject *self, void *c PSYCO_UNUSED)
{
    return PyBool_FromLong(PQconnectionUsedPassword(info_pgconn(self)));
}

static PyObject *
info_get_ssl_in_use(connInfoObject *self, void *c PSYCO_UNUSED)
{
    return PyBool_FromLong(PQsslInUse(info_pgconn(self)));
}

/* ---- collections ------------------------------------------------------- */

static PyObject *
info_get_ssl_attribute_names(connInfoObject *self, void *c PSYCO_UNUSED)
{
    const char *const *names = PQsslAttributeNames(info_pgconn(self));
    PyObject *rv = NULL, *s = NULL;

    if (!(rv = PyList_New(0)))
        goto exit;
    for (; names && *names; names++) {
        if (!(s = PyUnicode_FromString(*names)) || PyList_Append(rv, s) < 0) {
            Py_CLEAR(rv);
            goto exit;
        }
        Py_CLEAR(s);
    }
exit:
    Py_XDECREF(s);
    return rv;
}

static PyObject *
info_get_dsn_parameters(connInfoObject *self, void *c PSYCO_UNUSED)
{
    PQconninfoOption *opts = NULL;
    PyObject *rv = NULL;

    if (!self->conn || self->conn->closed > 0 || !self->conn->pgconn) {
        PyErr_SetString(psyco_state.InterfaceError,
                        "connection already closed");
        goto exit;
    }
    if (!(opts = PQconninfo(self->conn->pgconn))) {
        PyErr_NoMemory();
        goto exit;
    }
    rv = psyco_options_dict(opts, 1);
exit:
    if (opts)
        PQconninfoFree(opts);
    return rv;
}

/* ---- methods ----------------------------------------------------------- */

#define info_parameter_status_doc \
"parameter_status(name) -> str or None\n\n" \
"The current value of a parameter the server reports (PQparameterStatus),\n" \
"or None if the server did not report it."

static PyObject *
info_parameter_status(connInfoObject *self, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"name", NULL};
    const char *name;

    if (!PyArg_ParseTupleAndKeywords(args, kwds, "s", kwlist, &name))
        return NULL;
    return info_text(self, PQparameterStatus(info_pgconn(self), name));
}

#define info_ssl_attribute_doc \
"ssl_attribute(name) -> str or None\n\n" \
"An SSL attribute of the connection (PQsslAttribute), or None if unknown.\n" \
"The valid names are in ssl_attribute_names."

static PyObject *
info_ssl_attribute(connInfoObject *self, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"name", NULL};
    const char *name;

    if (!PyArg_ParseTupleAndKeywords(args, kwds, "s", kwlist, &name))
        return NULL;
    return info_text(self, PQsslAttribute(info_pgconn(self), name));
}

static PyMethodDef info_methods[] = {
    {"ssl_attribute", (PyCFunction)(void (*)(void))info_ssl_attribute,
     METH_VARARGS | METH_KEYWORDS, info_ssl_attribute_doc},
    {"parameter_status", (PyCFunction)(void (*)(void))info_parameter_status,
     METH_VARARGS | METH_KEYWORDS, info_parameter_status_doc},
    {NULL, NULL, 0, NULL}
};

#define GET(name, doc) {#name, (getter)info_get_##name, NULL, doc, NULL}

static PyGetSetDef info_getsets[] = {
    GET(dbname, "The database name (PQdb)."),
    GET(user, "The user name (PQuser)."),
    GET(password, "The password (PQpass)."),
    GET(host, "The server host: a name, an address, or the directory of a\n"
              "Unix socket (PQhost)."),
    GET(port, "The server port as an int (PQport)."),
    GET(options, "The command-line options sent to the server (PQoptions)."),
    GET(dsn_parameters, "The connection parameters in effect, defaults\n"
                        "included and password excluded, as a dict "
                        "(PQconninfo)."),
    GET(status, "The status of the connection, an int (PQstatus)."),
    GET(transaction_status, "The transaction status, one of the\n"
                            "psycopg2.extensions.TRANSACTION_STATUS_* "
                            "(PQtransactionStatus)."),
    GET(protocol_version, "The frontend/backend protocol version "
                          "(PQprotocolVersion)."),
    GET(server_version, "The server version as an int, e.g. 150004 "
                        "(PQserverVersion)."),
    GET(error_message, "The last error message of the connection, or None\n"
                       "(PQerrorMessage)."),
    GET(socket, "The file descriptor of the socket (PQsocket)."),
    GET(backend_pid, "The process id of the server backend (PQbackendPID)."),
    GET(used_password, "True if the authentication used a password\n"
                       "(PQconnectionUsedPassword)."),
    GET(needs_password, "True if the authentication asked for a password\n"
                        "and none was available "
                        "(PQconnectionNeedsPassword)."),
    GET(ssl_in_use, "True if the connection uses SSL (PQsslInUse)."),
    GET(ssl_attribute_names, "The names accepted by ssl_attribute(), as a "
                             "list\n(PQsslAttributeNames)."),
    {NULL, NULL, NULL, NULL, NULL}
};

/* ---- type -------------------------------------------------------------- */

static int
info_init(connInfoObject *self, PyObject *args, PyObject *kwds PSYCO_UNUSED)
{
    PyObject *conn;

    if (!PyArg_ParseTuple(args, "O", &conn))
        return -1;
    if (!PyObject_TypeCheck(conn, &connectionType)) {
        PyErr_SetString(PyExc_TypeError,
                        "The argument must be a psycopg2 connection");
        return -1;
    }
    Py_XSETREF(self->conn, (connectionObject *)Py_NewRef(conn));
    return 0;
}

static int
info_traverse(connInfoObject *self, visitproc visit, void *arg)
{
    Py_VISIT(self->conn);
    return 0;
}

static int
info_clear(connInfoObject *self)
{
    Py_CLEAR(self->conn);
    return 0;
}

static void
info_dealloc(connInfoObject *self)
{
    PyObject_GC_UnTrack(self);
    info_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

#define conninfo_doc \
"ConnectionInfo(connection) -- details of the libpq connection.\n\n" \
"Exposes the status functions of libpq for a connection; usually read as\n" \
"`connection.info`."

PyTypeObject connInfoType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "psycopg2.extensions.ConnectionInfo",
    .tp_basicsize = sizeof(connInfoObject),
    .tp_dealloc = (destructor)info_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = conninfo_doc,
    .tp_traverse = (traverseproc)info_traverse,
    .tp_clear = (inquiry)info_clear,
    .tp_methods = info_methods,
    .tp_getset = info_getsets,
    .tp_init = (initproc)info_init,
    .tp_new = PyType_GenericNew,
};

PyObject *
psyco_conninfo_new(connectionObject *conn)
{
    return PyObject_CallOneArg((PyObject *)&connInfoType, (PyObject *)conn);
}
