/* replication_connection_type.c - ReplicationConnection: a connection
 * opened in replication mode (replication=database for logical,
 * replication=true for physical), always in autocommit, whose cursors are
 * psycopg2.extras.ReplicationCursor. Also wires the replication types
 * into the module (replication_init). */
#include "psycopg.h"
#include "replication.h"

/* psycopg2.extensions.make_dsn(dsn, replication=..., [dbname=...]): the
 * same string, with the same quoting, as a user building it would get. */
static PyObject *
replication_dsn(PyObject *dsn, long type)
{
    PyObject *mod, *make_dsn = NULL, *args = NULL, *kwargs = NULL, *rv = NULL;

    if (!PyUnicode_Check(dsn) && !PyBytes_Check(dsn))
        return psyco_raise(PyExc_TypeError,
                           "Expected bytes or unicode string, got %s instead",
                           Py_TYPE(dsn)->tp_name);
    if ((mod = PyImport_ImportModule("psycopg2.extensions")) == NULL)
        return NULL;
    if (!(make_dsn = PyObject_GetAttrString(mod, "make_dsn"))
            || !(args = PyTuple_Pack(1, dsn)))
        goto exit;
    /* A physical walsender serves no database: libpq wants the dummy
     * dbname "replication" for it. */
    kwargs = type == REPLICATION_LOGICAL
        ? Py_BuildValue("{ss}", "replication", "database")
        : Py_BuildValue("{ssss}", "replication", "true",
                        "dbname", "replication");
    if (kwargs)
        rv = PyObject_Call(make_dsn, args, kwargs);
exit:
    Py_XDECREF(kwargs);
    Py_XDECREF(args);
    Py_XDECREF(make_dsn);
    Py_DECREF(mod);
    return rv;
}

/* The default cursor factory: the Python class adding the slot methods. */
static PyObject *
replication_cursor_factory(void)
{
    PyObject *mod, *rv;

    if ((mod = PyImport_ImportModule("psycopg2._replication")) == NULL)
        return NULL;
    rv = PyObject_GetAttrString(mod, "ReplicationCursor");
    Py_DECREF(mod);
    return rv;
}

static int
replconn_init(replicationConnectionObject *self, PyObject *args,
              PyObject *kwargs)
{
    static char *kwlist[] = {"dsn", "async", "replication_type", NULL};
    PyObject *dsn, *newdsn = NULL, *newargs = NULL, *factory = NULL;
    int async_ = 0, rv = -1;
    long type = 0;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|il", kwlist, &dsn,
            &async_, &type))
        return -1;
    if (type != REPLICATION_PHYSICAL && type != REPLICATION_LOGICAL) {
        PyErr_SetString(PyExc_TypeError, "replication_type must be either "
                        "REPLICATION_PHYSICAL or REPLICATION_LOGICAL");
        return -1;
    }
    if (!(newdsn = replication_dsn(dsn, type))
            || !(factory = replication_cursor_factory())
            || !(newargs = Py_BuildValue("(Oi)", newdsn, async_)))
        goto exit;
    /* Replication commands cannot run in a transaction block. */
    self->conn.autocommit = 1;
    if (connectionType.tp_init((PyObject *)self, newargs, NULL) < 0)
        goto exit;
    self->type = type;
    Py_XSETREF(self->conn.cursor_factory, Py_NewRef(factory));
    rv = 0;
exit:
    Py_XDECREF(newargs);
    Py_XDECREF(factory);
    Py_XDECREF(newdsn);
    return rv;
}

static PyObject *
replconn_repr(replicationConnectionObject *self)
{
    PyObject *dsn = PyObject_GetAttrString((PyObject *)self, "dsn"), *rv;

    if (dsn == NULL)
        return NULL;
    rv = PyUnicode_FromFormat(
        "<ReplicationConnection object at %p; dsn: %R, closed: %ld>",
        self, dsn, self->conn.closed);
    Py_DECREF(dsn);
    return rv;
}

static PyObject *
replconn_get_type(replicationConnectionObject *self, void *c PSYCO_UNUSED)
{
    return PyLong_FromLong(self->type);
}

/* Entries without getter nor setter hide the connection's attributes and
 * methods that make no sense in replication mode: Python then reports
 * "attribute 'autocommit' of '...ReplicationConnection' objects is not
 * readable", as psycopg2 does. */
static struct PyGetSetDef replconn_getset[] = {
    {"autocommit", NULL, NULL, NULL, NULL},
    {"isolation_level", NULL, NULL, NULL, NULL},
    {"set_session", NULL, NULL, NULL, NULL},
    {"set_isolation_level", NULL, NULL, NULL, NULL},
    {"reset", NULL, NULL, NULL, NULL},
    {"replication_type", (getter)replconn_get_type, NULL,
     "replication_type -- the replication connection type", NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

#define replconn_doc "A replication connection."

/* tp_base (connectionType) is set by replication_init. */
PyTypeObject replicationConnectionType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "psycopg2.extensions.ReplicationConnection",
    .tp_basicsize = sizeof(replicationConnectionObject),
    .tp_repr = (reprfunc)replconn_repr,
    .tp_str = (reprfunc)replconn_repr,
    /* GC support (flag, traverse, clear) is inherited from tp_base. */
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = replconn_doc,
    .tp_getset = replconn_getset,
    .tp_init = (initproc)replconn_init,
};

int
replication_init(PyObject *module)
{
    replicationConnectionType.tp_base = &connectionType;
    replicationCursorType.tp_base = &cursorType;
    if (PyType_Ready(&replicationConnectionType) < 0
            || PyType_Ready(&replicationCursorType) < 0
            || PyType_Ready(&replicationMessageType) < 0)
        return -1;
    if (PyModule_AddObjectRef(module, "ReplicationConnection",
                              (PyObject *)&replicationConnectionType) < 0
            || PyModule_AddObjectRef(module, "ReplicationCursor",
                                     (PyObject *)&replicationCursorType) < 0
            || PyModule_AddObjectRef(module, "ReplicationMessage",
                                     (PyObject *)&replicationMessageType) < 0
            || PyModule_AddIntConstant(module, "REPLICATION_PHYSICAL",
                                       REPLICATION_PHYSICAL) < 0
            || PyModule_AddIntConstant(module, "REPLICATION_LOGICAL",
                                       REPLICATION_LOGICAL) < 0)
        return -1;
    return 0;
}
