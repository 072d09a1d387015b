/* connection_type.c - the Python methods and attributes of connection. */
#include "psycopg.h"
#include "connection.h"
#include "cursor.h"
#include "pqpath.h"
#include "error.h"
#include "dsn.h"
#include "connection_tpc.h"
#include "lobject.h"

#include <ctype.h>

#define ISOLEVEL_UNCHANGED (-1)

/* --- helpers ----------------------------------------------------------- */

/* Raise ProgrammingError if a transaction is open (session changes are
 * refused then, as in psycopg2). */
static int
refuse_in_transaction(connectionObject *self, const char *what)
{
    if ((self->pgconn && PQtransactionStatus(self->pgconn) != PQTRANS_IDLE)
            || self->status == CONN_STATUS_PREPARED) {
        PyErr_Format(psyco_state.ProgrammingError,
                     "%s cannot be used inside a transaction", what);
        return -1;
    }
    return 0;
}

/* Case-insensitive compare of a Python str/bytes with a C string. */
static int
text_equals(PyObject *obj, const char *want, int *error)
{
    PyObject *bytes = NULL;
    const char *s;
    int eq;

    *error = 0;
    if (PyUnicode_Check(obj))
        bytes = PyUnicode_AsUTF8String(obj);
    else {
        bytes = obj;
        Py_INCREF(bytes);
    }
    if (bytes == NULL) {
        *error = 1;
        return 0;
    }
    s = PyBytes_AS_STRING(bytes);
    eq = strlen(s) == strlen(want) && strcasecmp(s, want) == 0;
    Py_DECREF(bytes);
    return eq;
}

/* Parse an isolation level: int 1..4, a level name, 'DEFAULT' or None
 * (None means ISOLATION_LEVEL_DEFAULT here). -2 on error. */
static int
parse_isolevel(PyObject *v)
{
    static const struct { const char *name; int level; } names[] = {
        {"READ UNCOMMITTED", ISOLATION_LEVEL_READ_UNCOMMITTED},
        {"READ COMMITTED", ISOLATION_LEVEL_READ_COMMITTED},
        {"REPEATABLE READ", ISOLATION_LEVEL_REPEATABLE_READ},
        {"SERIALIZABLE", ISOLATION_LEVEL_SERIALIZABLE},
        {"DEFAULT", ISOLATION_LEVEL_DEFAULT}, {NULL, 0}};
    long level;
    int i, err;

    if (v == Py_None)
        return ISOLATION_LEVEL_DEFAULT;
    if (PyLong_Check(v)) {
        level = PyLong_AsLong(v);
        if (level == -1 && PyErr_Occurred())
            return -2;
        if (level < 1 || level > 4) {
            PyErr_SetString(PyExc_ValueError,
                            "isolation_level must be between 1 and 4");
            return -2;
        }
        return (int)level;
    }
    if (!PyUnicode_Check(v) && !PyBytes_Check(v)) {
        PyErr_Format(PyExc_TypeError,
                     "Expected bytes or unicode string, got %s instead",
                     Py_TYPE(v)->tp_name);
        return -2;
    }
    for (i = 0; names[i].name; i++) {
        if (text_equals(v, names[i].name, &err))
            return names[i].level;
        if (err)
            return -2;
    }
    PyErr_Format(PyExc_ValueError, "bad value for isolation_level: %R", v);
    return -2;
}

/* Parse readonly/deferrable: a truth value or 'default'. -2 on error. */
static int
parse_session_flag(PyObject *v, const char *what)
{
    int err, truth;

    if (v == Py_None)
        return SESSION_FLAG_DEFAULT;
    if (PyUnicode_Check(v) || PyBytes_Check(v)) {
        if (text_equals(v, "default", &err))
            return SESSION_FLAG_DEFAULT;
        if (!err)
            PyErr_Format(PyExc_ValueError,
                         "the only string accepted is 'default'; got %S", v);
        return -2;
    }
    truth = PyObject_IsTrue(v);
    if (truth < 0)
        return -2;
    (void)what;
    return truth ? SESSION_FLAG_ON : SESSION_FLAG_OFF;
}

static PyObject *
flag_to_python(int flag)
{
    if (flag == SESSION_FLAG_DEFAULT)
        Py_RETURN_NONE;
    return PyBool_FromLong(flag);
}

/* --- methods ----------------------------------------------------------- */

#define conn_cursor_doc \
"cursor(name=None, cursor_factory=None, withhold=False, scrollable=None)\n" \
"-- new cursor; with a name, a server-side cursor."

static PyObject *
psyco_conn_cursor(connectionObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"name", "cursor_factory", "withhold",
                             "scrollable", NULL};
    PyObject *name = Py_None, *factory = Py_None, *withhold = Py_False;
    PyObject *scrollable = Py_None, *curs = NULL;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|OOOO", kwlist, &name,
            &factory, &withhold, &scrollable))
        return NULL;
    EXC_IF_CONN_CLOSED(self);
    if (self->async_ && name != Py_None) {
        PyErr_SetString(psyco_state.ProgrammingError,
                        "asynchronous connections cannot produce named cursors");
        return NULL;
    }
    if (factory == Py_None)
        factory = self->cursor_factory;
    if (factory == NULL || factory == Py_None)
        factory = (PyObject *)&cursorType;
    curs = PyObject_CallFunctionObjArgs(factory, (PyObject *)self, name, NULL);
    if (curs == NULL)
        return NULL;
    if (!PyObject_TypeCheck(curs, &cursorType)) {
        PyErr_SetString(PyExc_TypeError, "cursor factory must be subclass "
                        "of psycopg2.extensions.cursor");
        goto error;
    }
    if (PyObject_SetAttrString(curs, "withhold", withhold) < 0
            || PyObject_SetAttrString(curs, "scrollable", scrollable) < 0)
        goto error;
    return curs;
error:
    Py_DECREF(curs);
    return NULL;
}

#define conn_close_doc "close() -- close the connection."

static PyObject *
psyco_conn_close(connectionObject *self, PyObject *dummy PSYCO_UNUSED)
{
    conn_close(self);
    Py_RETURN_NONE;
}

#define conn_commit_doc "commit() -- commit the current transaction."

static PyObject *
psyco_conn_commit(connectionObject *self, PyObject *dummy PSYCO_UNUSED)
{
    EXC_IF_CONN_CLOSED(self);
    EXC_IF_ASYNC(self, commit);
    EXC_IF_IN_TPC(self, commit);
    if (conn_commit(self) < 0)
        return NULL;
    Py_RETURN_NONE;
}

#define conn_rollback_doc "rollback() -- roll back the current transaction."

static PyObject *
psyco_conn_rollback(connectionObject *self, PyObject *dummy PSYCO_UNUSED)
{
    EXC_IF_CONN_CLOSED(self);
    EXC_IF_ASYNC(self, rollback);
    EXC_IF_IN_TPC(self, rollback);
    if (conn_rollback(self) < 0)
        return NULL;
    Py_RETURN_NONE;
}

#define conn_set_session_doc \
"set_session(isolation_level=None, readonly=None, deferrable=None, " \
"autocommit=None)\n-- set the session characteristics (None: unchanged)."

static PyObject *
psyco_conn_set_session(connectionObject *self, PyObject *args,
                       PyObject *kwargs)
{
    static char *kwlist[] = {"isolation_level", "readonly", "deferrable",
                             "autocommit", NULL};
    PyObject *isolevel = Py_None, *readonly = Py_None;
    PyObject *deferrable = Py_None, *autocommit = Py_None;
    int c_iso = -1, c_ro = -1, c_def = -1, c_auto = -1;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|OOOO", kwlist,
            &isolevel, &readonly, &deferrable, &autocommit))
        return NULL;
    EXC_IF_CONN_CLOSED(self);
    EXC_IF_ASYNC(self, set_session);
    if (refuse_in_transaction(self, "set_session") < 0)
        return NULL;
    if (isolevel != Py_None && (c_iso = parse_isolevel(isolevel)) == -2)
        return NULL;
    if (readonly != Py_None
            && (c_ro = parse_session_flag(readonly, "readonly")) == -2)
        return NULL;
    if (deferrable != Py_None
            && (c_def = parse_session_flag(deferrable, "deferrable")) == -2)
        return NULL;
    if (autocommit != Py_None && (c_auto = PyObject_IsTrue(autocommit)) < 0)
        return NULL;
    if (conn_set_session(self, c_auto, c_iso, c_ro, c_def) < 0)
        return NULL;
    Py_RETURN_NONE;
}

#define conn_set_isolation_level_doc \
"set_isolation_level(level) -- set the isolation level (0: autocommit)."

static PyObject *
psyco_conn_set_isolation_level(connectionObject *self, PyObject *args)
{
    PyObject *level_obj = Py_None;
    long level = ISOLATION_LEVEL_DEFAULT;
    int rv;

    if (!PyArg_ParseTuple(args, "|O", &level_obj))
        return NULL;
    EXC_IF_CONN_CLOSED(self);
    EXC_IF_ASYNC(self, "isolation_level");
    EXC_IF_TPC_PREPARED(self, "isolation_level");
    if (level_obj != Py_None) {
        if (!PyLong_Check(level_obj)) {
            PyErr_SetString(PyExc_TypeError, "isolation level must be an int");
            return NULL;
        }
        level = PyLong_AsLong(level_obj);
        if (level < 0 || level > 4) {
            PyErr_SetString(PyExc_ValueError,
                            "isolation level must be between 0 and 4");
            return NULL;
        }
    }
    /* psycopg2 ends the open transaction first. */
    if (conn_rollback(self) < 0)
        return NULL;
    /* 0 means autocommit (the level itself is left as it was). */
    if (level == 0)
        rv = conn_set_session(self, 1, -1, -1, -1);
    else
        rv = conn_set_session(self, 0, (int)level, -1, -1);
    if (rv < 0)
        return NULL;
    Py_RETURN_NONE;
}

#define conn_set_client_encoding_doc \
"set_client_encoding(encoding) -- set the client encoding."

static PyObject *
psyco_conn_set_client_encoding(connectionObject *self, PyObject *args)
{
    const char *enc;

    if (!PyArg_ParseTuple(args, "s", &enc))
        return NULL;
    EXC_IF_CONN_CLOSED(self);
    EXC_IF_ASYNC(self, set_client_encoding);
    EXC_IF_TPC_PREPARED(self, set_client_encoding);
    if (conn_set_client_encoding(self, enc) < 0)
        return NULL;
    Py_RETURN_NONE;
}

#define conn_get_transaction_status_doc \
"get_transaction_status() -- the backend transaction status (libpq)."

static PyObject *
psyco_conn_get_transaction_status(connectionObject *self,
                                  PyObject *dummy PSYCO_UNUSED)
{
    if (self->pgconn == NULL || self->closed == 1)
        return PyLong_FromLong(PQTRANS_UNKNOWN);
    return PyLong_FromLong(PQtransactionStatus(self->pgconn));
}

#define conn_get_parameter_status_doc \
"get_parameter_status(name) -- a parameter reported by the server, or None."

static PyObject *
psyco_conn_get_parameter_status(connectionObject *self, PyObject *args)
{
    const char *name, *value;

    if (!PyArg_ParseTuple(args, "s", &name))
        return NULL;
    EXC_IF_CONN_CLOSED(self);
    value = PQparameterStatus(self->pgconn, name);
    if (value == NULL)
        Py_RETURN_NONE;
    return conn_decode(self, value, (Py_ssize_t)strlen(value));
}

#define conn_get_dsn_parameters_doc \
"get_dsn_parameters() -- the connection parameters in use (no password)."

static PyObject *
psyco_conn_get_dsn_parameters(connectionObject *self,
                              PyObject *dummy PSYCO_UNUSED)
{
    PQconninfoOption *opts;
    PyObject *d;

    EXC_IF_CONN_CLOSED(self);
    if ((opts = PQconninfo(self->pgconn)) == NULL)
        return PyErr_NoMemory();
    d = psyco_options_dict(opts, 1);
    PQconninfoFree(opts);
    return d;
}

#define conn_get_backend_pid_doc "get_backend_pid() -- the server process id."

static PyObject *
psyco_conn_get_backend_pid(connectionObject *self, PyObject *dummy PSYCO_UNUSED)
{
    EXC_IF_CONN_CLOSED(self);
    return PyLong_FromLong(PQbackendPID(self->pgconn));
}

#define conn_cancel_doc "cancel() -- ask the server to cancel the running query."

static PyObject *
psyco_conn_cancel(connectionObject *self, PyObject *dummy PSYCO_UNUSED)
{
    EXC_IF_CONN_CLOSED(self);
    EXC_IF_TPC_PREPARED(self, cancel);
    if (conn_cancel(self) < 0)
        return NULL;
    Py_RETURN_NONE;
}

#define conn_reset_doc "reset() -- roll back and reset the session defaults."

static PyObject *
psyco_conn_reset(connectionObject *self, PyObject *dummy PSYCO_UNUSED)
{
    EXC_IF_CONN_CLOSED(self);
    EXC_IF_ASYNC(self, reset);
    Py_CLEAR(self->tpc_xid);   /* a prepared one stays on the server */
    if (conn_reset(self) < 0)
        return NULL;
    Py_RETURN_NONE;
}

#define conn_fileno_doc "fileno() -- the socket of the connection."

static PyObject *
psyco_conn_fileno(connectionObject *self, PyObject *dummy PSYCO_UNUSED)
{
    EXC_IF_CONN_CLOSED(self);
    return PyLong_FromLong(PQsocket(self->pgconn));
}

#define conn_isexecuting_doc \
"isexecuting() -- True while an asynchronous connect or query runs."

static PyObject *
psyco_conn_isexecuting(connectionObject *self, PyObject *dummy PSYCO_UNUSED)
{
    /* Green mode waits inside the driver: never "executing" for users. */
    return PyBool_FromLong(self->async_ && (CONN_CONNECTING(self)
                           || self->async_status != ASYNC_DONE));
}

#define conn_poll_doc \
"poll() -> POLL_OK, POLL_READ or POLL_WRITE -- one step of the pending\n" \
"asynchronous connect or query, without blocking; also collects the\n" \
"notifications that arrived."

static PyObject *
psyco_conn_poll(connectionObject *self, PyObject *dummy PSYCO_UNUSED)
{
    int rv;

    EXC_IF_CONN_CLOSED(self);
    if ((rv = conn_poll(self)) < 0)
        return NULL;
    return PyLong_FromLong(rv);
}

#define conn_enter_doc "__enter__ -> self"

static PyObject *
psyco_conn_enter(connectionObject *self, PyObject *dummy PSYCO_UNUSED)
{
    EXC_IF_CONN_CLOSED(self);
    self->entered = 1;
    return Py_NewRef((PyObject *)self);
}

#define conn_exit_doc \
"__exit__ -- commit if the block succeeded, else roll back; no close."

static PyObject *
psyco_conn_exit(connectionObject *self, PyObject *args)
{
    PyObject *type, *value, *tb;
    int rv;

    if (!PyArg_ParseTuple(args, "OOO", &type, &value, &tb))
        return NULL;
    self->entered = 0;
    EXC_IF_CONN_CLOSED(self);
    if (type == Py_None) {
        EXC_IF_IN_TPC(self, commit);
    }
    else {
        EXC_IF_IN_TPC(self, rollback);
    }
    rv = type == Py_None ? conn_commit(self) : conn_rollback(self);
    if (rv < 0)
        return NULL;
    Py_RETURN_NONE;   /* never swallow the block's exception */
}

#define conn_get_native_connection_doc \
    "get_native_connection() -- Return the internal PGconn* as a Python " \
    "Capsule."

static PyObject *
psyco_conn_get_native_connection(connectionObject *self,
                                 PyObject *args PSYCO_UNUSED)
{
    EXC_IF_CONN_CLOSED(self);
    return PyCapsule_New(self->pgconn,
                         "psycopg2.connection.native_connection", NULL);
}

static PyMethodDef connection_methods[] = {
    {"get_native_connection",
     (PyCFunction)psyco_conn_get_native_connection, METH_NOARGS,
     conn_get_native_connection_doc},
    {"cursor", (PyCFunction)(void (*)(void))psyco_conn_cursor,
     METH_VARARGS | METH_KEYWORDS, conn_cursor_doc},
    {"close", (PyCFunction)psyco_conn_close, METH_NOARGS, conn_close_doc},
    {"commit", (PyCFunction)psyco_conn_commit, METH_NOARGS, conn_commit_doc},
    {"rollback", (PyCFunction)psyco_conn_rollback, METH_NOARGS,
     conn_rollback_doc},
    {"set_session", (PyCFunction)(void (*)(void))psyco_conn_set_session,
     METH_VARARGS | METH_KEYWORDS, conn_set_session_doc},
    {"set_isolation_level", (PyCFunction)psyco_conn_set_isolation_level,
     METH_VARARGS, conn_set_isolation_level_doc},
    {"set_client_encoding", (PyCFunction)psyco_conn_set_client_encoding,
     METH_VARARGS, conn_set_client_encoding_doc},
    {"get_transaction_status",
     (PyCFunction)psyco_conn_get_transaction_status, METH_NOARGS,
     conn_get_transaction_status_doc},
    {"get_parameter_status", (PyCFunction)psyco_conn_get_parameter_status,
     METH_VARARGS, conn_get_parameter_status_doc},
    {"get_dsn_parameters", (PyCFunction)psyco_conn_get_dsn_parameters,
     METH_NOARGS, conn_get_dsn_parameters_doc},
    {"get_backend_pid", (PyCFunction)psyco_conn_get_backend_pid, METH_NOARGS,
     conn_get_backend_pid_doc},
    {"cancel", (PyCFunction)psyco_conn_cancel, METH_NOARGS, conn_cancel_doc},
    {"reset", (PyCFunction)psyco_conn_reset, METH_NOARGS, conn_reset_doc},
    {"fileno", (PyCFunction)psyco_conn_fileno, METH_NOARGS, conn_fileno_doc},
    {"isexecuting", (PyCFunction)psyco_conn_isexecuting, METH_NOARGS,
     conn_isexecuting_doc},
    {"poll", (PyCFunction)psyco_conn_poll, METH_NOARGS, conn_poll_doc},
    CONNECTION_TPC_METHODS,
    {"lobject", (PyCFunction)(void (*)(void))psyco_conn_lobject,
     METH_VARARGS | METH_KEYWORDS, psyco_conn_lobject_doc},
    {"__enter__", (PyCFunction)psyco_conn_enter, METH_NOARGS, conn_enter_doc},
    {"__exit__", (PyCFunction)psyco_conn_exit, METH_VARARGS, conn_exit_doc},
    {NULL, NULL, 0, NULL}
};

/* --- attributes -------------------------------------------------------- */

static PyObject *
conn_get_autocommit(connectionObject *self, void *closure PSYCO_UNUSED)
{
    return PyBool_FromLong(self->autocommit);
}

/* Common prologue of the session attribute setters. */
static int
session_setter_ok(connectionObject *self, PyObject *value, const char *what)
{
    if (value == NULL) {
        PyErr_Format(PyExc_AttributeError, "can't delete %s", what);
        return 0;
    }
    if (self->closed > 0) {
        PyErr_SetString(psyco_state.InterfaceError,
                        "connection already closed");
        return 0;
    }
    if (self->async_) {
        PyErr_SetString(psyco_state.ProgrammingError,
                        "set_session cannot be used in asynchronous mode");
        return 0;
    }
    return refuse_in_transaction(self, "set_session") == 0;
}

static int
conn_set_autocommit(connectionObject *self, PyObject *value,
                    void *closure PSYCO_UNUSED)
{
    int truth;

    if (!session_setter_ok(self, value, "autocommit"))
        return -1;
    if ((truth = PyObject_IsTrue(value)) < 0)
        return -1;
    return conn_set_session(self, truth, -1, -1, -1);
}

static PyObject *
conn_get_isolation_level(connectionObject *self, void *closure PSYCO_UNUSED)
{
    if (self->isolevel == ISOLATION_LEVEL_DEFAULT)
        Py_RETURN_NONE;
    return PyLong_FromLong(self->isolevel);
}

static int
conn_set_isolation_level_attr(connectionObject *self, PyObject *value,
                              void *closure PSYCO_UNUSED)
{
    int level;

    if (!session_setter_ok(self, value, "isolation_level"))
        return -1;
    if ((level = parse_isolevel(value)) == -2)
        return -1;
    return conn_set_session(self, -1, level, -1, -1);
}

static PyObject *
conn_get_readonly(connectionObject *self, void *closure PSYCO_UNUSED)
{
    return flag_to_python(self->readonly);
}

static int
conn_set_readonly(connectionObject *self, PyObject *value,
                  void *closure PSYCO_UNUSED)
{
    int flag;

    if (!session_setter_ok(self, value, "readonly"))
        return -1;
    if ((flag = parse_session_flag(value, "readonly")) == -2)
        return -1;
    return conn_set_session(self, -1, -1, flag, -1);
}

static PyObject *
conn_get_deferrable(connectionObject *self, void *closure PSYCO_UNUSED)
{
    return flag_to_python(self->deferrable);
}

static int
conn_set_deferrable(connectionObject *self, PyObject *value,
                    void *closure PSYCO_UNUSED)
{
    int flag;

    if (!session_setter_ok(self, value, "deferrable"))
        return -1;
    if ((flag = parse_session_flag(value, "deferrable")) == -2)
        return -1;
    return conn_set_session(self, -1, -1, -1, flag);
}

static PyObject *
conn_get_encoding(connectionObject *self, void *closure PSYCO_UNUSED)
{
    if (self->encoding == NULL)
        Py_RETURN_NONE;
    return PyUnicode_FromString(self->encoding);
}

/* The DSN with the password replaced by "xxx", in libpq's option order. */
static PyObject *
conn_get_dsn(connectionObject *self, void *closure PSYCO_UNUSED)
{
    if (self->dsn == NULL)
        Py_RETURN_NONE;
    return psyco_dsn_hidden(self->dsn);
}

static PyObject *
conn_get_info(connectionObject *self, void *closure PSYCO_UNUSED)
{
    return psyco_conninfo_new(self);
}

static PyObject *
conn_get_server_version(connectionObject *self, void *closure PSYCO_UNUSED)
{
    return PyLong_FromLong(self->server_version);
}

static PyObject *
conn_get_protocol_version(connectionObject *self, void *closure PSYCO_UNUSED)
{
    return PyLong_FromLong(self->protocol);
}

static PyObject *
conn_get_status(connectionObject *self, void *closure PSYCO_UNUSED)
{
    /* The driver's own view, as psycopg2: a BEGIN sent by the user in
     * autocommit mode leaves it READY. */
    return PyLong_FromLong(self->status);
}

/* Getters for the DB-API exception classes exposed on the connection. */
#define EXC_GETTER(name) \
    static PyObject *conn_get_exc_##name(connectionObject *s PSYCO_UNUSED, \
                                          void *c PSYCO_UNUSED) \
    { return Py_NewRef(psyco_state.name); }
EXC_GETTER(Error) EXC_GETTER(Warning) EXC_GETTER(InterfaceError)
EXC_GETTER(DatabaseError) EXC_GETTER(DataError) EXC_GETTER(OperationalError)
EXC_GETTER(IntegrityError) EXC_GETTER(InternalError)
EXC_GETTER(ProgrammingError) EXC_GETTER(NotSupportedError)
#define EXC_GETSET(name) \
    {#name, (getter)conn_get_exc_##name, NULL, #name " exception class", NULL}

/* pgconn_ptr: the PGconn's address, for C code reached through ctypes
 * (psycopg2 API); None once closed. */
static PyObject *
conn_get_pgconn_ptr(connectionObject *self, void *closure PSYCO_UNUSED)
{
    if (self->pgconn == NULL)
        Py_RETURN_NONE;
    return PyLong_FromVoidPtr(self->pgconn);
}

static struct PyGetSetDef connection_getset[] = {
    {"autocommit", (getter)conn_get_autocommit, (setter)conn_set_autocommit,
     "True if each statement is committed at once.", NULL},
    {"isolation_level", (getter)conn_get_isolation_level,
     (setter)conn_set_isolation_level_attr,
     "The transaction isolation level (None: server default).", NULL},
    {"readonly", (getter)conn_get_readonly, (setter)conn_set_readonly,
     "True/False for read-only/read-write transactions, None: default.",
     NULL},
    {"deferrable", (getter)conn_get_deferrable, (setter)conn_set_deferrable,
     "True/False for (not) deferrable transactions, None: default.", NULL},
    {"encoding", (getter)conn_get_encoding, NULL,
     "The client encoding (PostgreSQL name).", NULL},
    {"dsn", (getter)conn_get_dsn, NULL,
     "The connection string, with the password hidden.", NULL},
    {"info", (getter)conn_get_info, NULL, "A ConnectionInfo object.", NULL},
    {"server_version", (getter)conn_get_server_version, NULL,
     "The server version as an integer.", NULL},
    {"protocol_version", (getter)conn_get_protocol_version, NULL,
     "The frontend/backend protocol version.", NULL},
    {"status", (getter)conn_get_status, NULL,
     "The transaction status of the connection (STATUS_*).", NULL},
    {"pgconn_ptr", (getter)conn_get_pgconn_ptr, NULL,
     "The address of the PGconn, or None if closed.", NULL},
    EXC_GETSET(Error), EXC_GETSET(Warning), EXC_GETSET(InterfaceError),
    EXC_GETSET(DatabaseError), EXC_GETSET(DataError),
    EXC_GETSET(OperationalError), EXC_GETSET(IntegrityError),
    EXC_GETSET(InternalError), EXC_GETSET(ProgrammingError),
    EXC_GETSET(NotSupportedError),
    {NULL, NULL, NULL, NULL, NULL}
};

static struct PyMemberDef connection_members[] = {
    {"closed", T_LONG, offsetof(connectionObject, closed), READONLY,
     "0 if open, 1 if closed, 2 if broken."},
    {"async", T_INT, offsetof(connectionObject, async_), READONLY,
     "True if the connection is asynchronous."},
    {"async_", T_INT, offsetof(connectionObject, async_), READONLY,
     "True if the connection is asynchronous."},
    {"notices", T_OBJECT, offsetof(connectionObject, notice_list), 0,
     "Messages (notices, warnings) sent by the server."},
    {"notifies", T_OBJECT, offsetof(connectionObject, notifies), 0,
     "Notifications received from the server."},
    {"cursor_factory", T_OBJECT, offsetof(connectionObject, cursor_factory),
     0, "Default cursor factory of cursor()."},
    {"string_types", T_OBJECT, offsetof(connectionObject, string_types),
     READONLY, "Typecasters registered on this connection."},
    {"binary_types", T_OBJECT, offsetof(connectionObject, binary_types),
     READONLY, "Binary typecasters registered on this connection."},
    {"_on_close", T_OBJECT, offsetof(connectionObject, close_hook), 0,
     "Private: called once when the connection is closed, found broken or "
     "collected (used by psycopg2.cluster to keep exact counts)."},
    {NULL, 0, 0, 0, NULL}
};

/* --- life cycle -------------------------------------------------------- */

static PyObject *
connection_new(PyTypeObject *type, PyObject *args PSYCO_UNUSED,
               PyObject *kwargs PSYCO_UNUSED)
{
    connectionObject *self = (connectionObject *)type->tp_alloc(type, 0);

    if (self == NULL)
        return NULL;
    pthread_mutex_init(&self->lock, NULL);
    pthread_mutex_init(&self->cancel_lock, NULL);
    pthread_mutex_init(&self->notice_lock, NULL);
    self->locks_ready = 1;
    self->closed = 1;   /* not connected until __init__ succeeds */
    self->isolevel = ISOLATION_LEVEL_DEFAULT;
    self->readonly = SESSION_FLAG_DEFAULT;
    self->deferrable = SESSION_FLAG_DEFAULT;
    self->status = CONN_STATUS_SETUP;
    return (PyObject *)self;
}

/* Keep a private copy of the DSN. */
static int
store_dsn(connectionObject *self, const char *dsn)
{
    char *copy = PyMem_Malloc(strlen(dsn) + 1);

    if (copy == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    strcpy(copy, dsn);
    PyMem_Free(self->dsn);
    self->dsn = copy;
    return 0;
}

/* libpq can parse it (psycopg.connect() has checked, a direct call of
 * connection() has not). */
static int
dsn_is_valid(const char *dsn)
{
    char *err = NULL;
    PQconninfoOption *opts = PQconninfoParse(dsn, &err);

    if (err)
        PQfreemem(err);
    if (opts == NULL)
        return 0;
    PQconninfoFree(opts);
    return 1;
}

static int
connection_init(connectionObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"dsn", "async", "async_", NULL};
    const char *dsn;
    long async_ = 0, async_kw = 0;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "s|ll", kwlist, &dsn,
            &async_, &async_kw))
        return -1;
    if (self->pgconn != NULL) {
        PyErr_SetString(psyco_state.InterfaceError,
                        "the connection is already initialised");
        return -1;
    }
    if (!dsn_is_valid(dsn)) {
        PyErr_SetString(psyco_state.InternalError,
                        "the connection string is not valid");
        return -1;
    }
    if (store_dsn(self, dsn) < 0)
        return -1;
    if (self->notice_list == NULL && (self->notice_list = PyList_New(0)) == NULL)
        return -1;
    if (self->notifies == NULL && (self->notifies = PyList_New(0)) == NULL)
        return -1;
    if (self->string_types == NULL
            && (self->string_types = PyDict_New()) == NULL)
        return -1;
    if (self->binary_types == NULL
            && (self->binary_types = PyDict_New()) == NULL)
        return -1;
    self->async_ = (async_ || async_kw) ? 1 : 0;
    return conn_connect(self, dsn, self->async_);
}

static int
connection_traverse(connectionObject *self, visitproc visit, void *arg)
{
    Py_VISIT(self->notice_list);
    Py_VISIT(self->notifies);
    Py_VISIT(self->string_types);
    Py_VISIT(self->binary_types);
    Py_VISIT(self->cursor_factory);
    Py_VISIT(self->close_hook);
    Py_VISIT(self->async_cursor);
    Py_VISIT(self->tpc_xid);
    return 0;
}

static int
connection_clear(connectionObject *self)
{
    Py_CLEAR(self->notice_list);
    Py_CLEAR(self->notifies);
    Py_CLEAR(self->string_types);
    Py_CLEAR(self->binary_types);
    Py_CLEAR(self->cursor_factory);
    Py_CLEAR(self->close_hook);
    Py_CLEAR(self->async_cursor);
    Py_CLEAR(self->tpc_xid);
    return 0;
}

/* Runs before tp_clear breaks a reference cycle and before dealloc: the
 * close hook still sees a whole object. */
static void
connection_finalize(connectionObject *self)
{
    conn_fire_close_hook(self);
}

static void
connection_dealloc(connectionObject *self)
{
    if (PyObject_CallFinalizerFromDealloc((PyObject *)self) < 0)
        return;   /* resurrected by the hook */
    PyObject_GC_UnTrack(self);
    if (self->weakreflist)
        PyObject_ClearWeakRefs((PyObject *)self);
    connection_clear(self);   /* notices are not delivered any more */
    conn_close(self);   /* also frees the notices still queued */
    if (self->locks_ready) {
        pthread_mutex_destroy(&self->lock);
        pthread_mutex_destroy(&self->cancel_lock);
        pthread_mutex_destroy(&self->notice_lock);
    }
    PyMem_Free(self->dsn);
    PyMem_Free(self->encoding);
    PyMem_Free(self->codec);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *
connection_repr(connectionObject *self)
{
    PyObject *dsn = conn_get_dsn(self, NULL), *rv;

    if (dsn == NULL)
        return NULL;
    rv = PyUnicode_FromFormat("<connection object at %p; dsn: %R, closed: %ld>",
                              self, dsn, self->closed);
    Py_DECREF(dsn);
    return rv;
}

#define connection_doc \
"connection(dsn, async=False) -- a connection to a PostgreSQL server."

PyTypeObject connectionType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "psycopg2.extensions.connection",
    .tp_basicsize = sizeof(connectionObject),
    .tp_dealloc = (destructor)connection_dealloc,
    .tp_repr = (reprfunc)connection_repr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = connection_doc,
    .tp_traverse = (traverseproc)connection_traverse,
    .tp_clear = (inquiry)connection_clear,
    .tp_weaklistoffset = offsetof(connectionObject, weakreflist),
    .tp_methods = connection_methods,
    .tp_members = connection_members,
    .tp_getset = connection_getset,
    .tp_init = (initproc)connection_init,
    .tp_new = connection_new,
    .tp_finalize = (destructor)connection_finalize,
};
