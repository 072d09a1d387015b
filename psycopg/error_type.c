/* error_type.c - psycopg2.Error, the DB-API exception classes, the classes
 * of psycopg2.errors, and the one mapping from a failed libpq operation to
 * the exception raised for it. */

#include "psycopg.h"
#include "error.h"
#include "connection.h"
#include "cursor.h"

#include <stddef.h>

#include "sqlstate_errors.h"

/* The psyco_state slot at byte offset `off` (offsets come from the tables). */
#define STATE_SLOT(off) ((PyObject **)((char *)&psyco_state + (off)))

static PyTypeObject *
base_exception_type(void)
{
    /* PyExc_Exception is a variable, so it cannot appear in a static type
     * initializer: the base is looked up (and set) at run time. */
    return (PyTypeObject *)PyExc_Exception;
}

/* ---- psycopg2.Error ---------------------------------------------------- */

static PyObject *
error_new(PyTypeObject *type, PyObject *args, PyObject *kwds)
{
    /* BaseException's constructor allocates the whole (zeroed) object, so
     * pgerror, pgcode, cursor and pgres start as NULL: shown as None. */
    return base_exception_type()->tp_new(type, args, kwds);
}

static int
error_tp_init(PyObject *self, PyObject *args, PyObject *kwds)
{
    return base_exception_type()->tp_init(self, args, kwds);
}

static int
error_traverse(errorObject *self, visitproc visit, void *arg)
{
    Py_VISIT(self->pgerror);
    Py_VISIT(self->pgcode);
    Py_VISIT(self->cursor);
    return base_exception_type()->tp_traverse((PyObject *)self, visit, arg);
}

static int
error_clear(errorObject *self)
{
    Py_CLEAR(self->pgerror);
    Py_CLEAR(self->pgcode);
    Py_CLEAR(self->cursor);
    return base_exception_type()->tp_clear((PyObject *)self);
}

static void
error_dealloc(errorObject *self)
{
    PyObject_GC_UnTrack(self);
    Py_CLEAR(self->pgerror);
    Py_CLEAR(self->pgcode);
    Py_CLEAR(self->cursor);
    if (self->pgres) {
        PQclear(self->pgres);
        self->pgres = NULL;
    }
    /* BaseException's dealloc frees the rest and the memory. */
    base_exception_type()->tp_dealloc((PyObject *)self);
}

static PyObject *
error_get_diag(errorObject *self, void *closure PSYCO_UNUSED)
{
    return PyObject_CallOneArg((PyObject *)&diagnosticsType, (PyObject *)self);
}

/* Add pgerror/pgcode to a state dict, skipping the ones that are unset. */
static int
error_fill_state(errorObject *self, PyObject *state)
{
    if (self->pgerror && self->pgerror != Py_None
            && PyDict_SetItemString(state, "pgerror", self->pgerror) < 0)
        return -1;
    if (self->pgcode && self->pgcode != Py_None
            && PyDict_SetItemString(state, "pgcode", self->pgcode) < 0)
        return -1;
    return 0;
}

#define error_reduce_doc \
"__reduce__() -- pickle support: pgerror and pgcode travel with the error."

static PyObject *
error_reduce(errorObject *self, PyObject *dummy PSYCO_UNUSED)
{
    PyObject *rv = NULL, *base = NULL, *state = NULL;

    /* BaseException gives (type, args) or, when the instance has a
     * __dict__, (type, args, __dict__): the latter is kept as it is. */
    if (!(base = PyObject_CallMethod(
            (PyObject *)base_exception_type(), "__reduce__", "O", self)))
        goto exit;
    if (!PyTuple_Check(base) || PyTuple_GET_SIZE(base) != 2) {
        rv = Py_NewRef(base);
        goto exit;
    }
    if (!(state = PyDict_New()) || error_fill_state(self, state) < 0)
        goto exit;
    rv = PyTuple_Pack(3, PyTuple_GET_ITEM(base, 0),
                      PyTuple_GET_ITEM(base, 1), state);
exit:
    Py_XDECREF(state);
    Py_XDECREF(base);
    return rv;
}

/* Replace *slot with the value of `key` in state, if the key is there. */
static int
error_set_from_state(PyObject **slot, PyObject *state, const char *key)
{
    PyObject *value = PyDict_GetItemString(state, key);  /* borrowed */

    if (value)
        Py_XSETREF(*slot, Py_NewRef(value));
    return 0;
}

#define error_setstate_doc \
"__setstate__(state) -- pickle support: restore pgerror and pgcode."

static PyObject *
error_setstate(errorObject *self, PyObject *state)
{
    if (state == Py_None)
        Py_RETURN_NONE;
    if (!PyDict_Check(state)) {
        PyErr_SetString(PyExc_TypeError, "state is not a dictionary");
        return NULL;
    }
    error_set_from_state(&self->pgerror, state, "pgerror");
    error_set_from_state(&self->pgcode, state, "pgcode");
    Py_RETURN_NONE;
}

static PyMethodDef error_methods[] = {
    {"__reduce__", (PyCFunction)error_reduce, METH_NOARGS, error_reduce_doc},
    {"__setstate__", (PyCFunction)error_setstate, METH_O, error_setstate_doc},
    {NULL, NULL, 0, NULL}
};

static PyMemberDef error_members[] = {
    {"pgerror", T_OBJECT, offsetof(errorObject, pgerror), READONLY,
     "The full error report of the server, or None."},
    {"pgcode", T_OBJECT, offsetof(errorObject, pgcode), READONLY,
     "The SQLSTATE of the error, or None."},
    {"cursor", T_OBJECT, offsetof(errorObject, cursor), READONLY,
     "The cursor that ran the failed query, or None."},
    {NULL, 0, 0, 0, NULL}
};

static PyGetSetDef error_getsets[] = {
    {"diag", (getter)error_get_diag, NULL,
     "The fields of the server's error report, as a Diagnostics.", NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

#define error_doc "Base class of the errors raised by psycopg2."

PyTypeObject errorType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "psycopg2.Error",
    .tp_basicsize = sizeof(errorObject),
    .tp_dealloc = (destructor)error_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = error_doc,
    .tp_traverse = (traverseproc)error_traverse,
    .tp_clear = (inquiry)error_clear,
    .tp_methods = error_methods,
    .tp_members = error_members,
    .tp_getset = error_getsets,
    .tp_dictoffset = offsetof(errorObject, exc.dict),
    .tp_init = error_tp_init,
    .tp_new = error_new,
};

/* ---- the DB-API classes ------------------------------------------------ */

typedef struct {
    const char *name;     /* dotted: module and class name */
    const char *doc;
    size_t slot;          /* where psyco_state keeps it */
    size_t base;          /* its base, already created; (size_t)-1: Exception */
} dbapi_class_t;

#define SLOT(f) offsetof(psyco_state_t, f)
#define NO_BASE ((size_t)-1)

/* In creation order: every base comes before its subclasses. Error is the
 * C type above and is stored separately. */
static const dbapi_class_t dbapi_classes[] = {
    {"psycopg2.Warning", "A warning reported by the database.",
     SLOT(Warning), NO_BASE},
    {"psycopg2.InterfaceError", "An error of the driver, not of the database.",
     SLOT(InterfaceError), SLOT(Error)},
    {"psycopg2.DatabaseError", "An error reported by the database.",
     SLOT(DatabaseError), SLOT(Error)},
    {"psycopg2.DataError", "An error in the processed data.",
     SLOT(DataError), SLOT(DatabaseError)},
    {"psycopg2.OperationalError",
     "An error in the operation of the database, not of the program.",
     SLOT(OperationalError), SLOT(DatabaseError)},
    {"psycopg2.IntegrityError", "A violated integrity constraint.",
     SLOT(IntegrityError), SLOT(DatabaseError)},
    {"psycopg2.InternalError", "An internal error of the database.",
     SLOT(InternalError), SLOT(DatabaseError)},
    {"psycopg2.ProgrammingError", "An error in the SQL or in its use.",
     SLOT(ProgrammingError), SLOT(DatabaseError)},
    {"psycopg2.NotSupportedError", "A feature the database does not support.",
     SLOT(NotSupportedError), SLOT(DatabaseError)},
    {"psycopg2.extensions.QueryCanceledError", "The query was canceled.",
     SLOT(QueryCanceledError), SLOT(OperationalError)},
    {"psycopg2.extensions.TransactionRollbackError",
     "The transaction was rolled back by the database (e.g. a deadlock).",
     SLOT(TransactionRollbackError), SLOT(OperationalError)},
    {NULL, NULL, 0, 0}
};

/* Add obj to the module under name, without stealing the caller's reference. */
static int
add_ref(PyObject *module, const char *name, PyObject *obj)
{
    Py_INCREF(obj);
    if (PyModule_AddObject(module, name, obj) < 0) {
        Py_DECREF(obj);
        return -1;
    }
    return 0;
}

static int
dbapi_classes_init(PyObject *module)
{
    const dbapi_class_t *c;
    PyObject *base, *cls;

    psyco_state.Error = Py_NewRef((PyObject *)&errorType);
    if (add_ref(module, "Error", psyco_state.Error) < 0)
        return -1;
    for (c = dbapi_classes; c->name; c++) {
        base = c->base == NO_BASE ? PyExc_Exception : *STATE_SLOT(c->base);
        cls = PyErr_NewExceptionWithDoc(c->name, c->doc, base, NULL);
        if (!cls)
            return -1;
        *STATE_SLOT(c->slot) = cls;  /* the state keeps this reference */
        if (add_ref(module, strrchr(c->name, '.') + 1, cls) < 0)
            return -1;
    }
    return 0;
}

/* ---- psycopg2.errors: one class per SQLSTATE --------------------------- */

static int
sqlstate_errors_init(PyObject *module)
{
    const sqlstate_error_t *e;
    PyObject *cls = NULL;
    char fullname[128];
    int rv = -1;

    if (!(psyco_state.sqlstate_errors = PyDict_New()))
        goto exit;
    for (e = sqlstate_errors_table; e->sqlstate; e++) {
        PyOS_snprintf(fullname, sizeof(fullname), "psycopg2.errors.%s",
                      e->name);
        if (!(cls = PyErr_NewException(fullname, *STATE_SLOT(e->base), NULL)))
            goto exit;
        if (PyDict_SetItemString(psyco_state.sqlstate_errors,
                                 e->sqlstate, cls) < 0)
            goto exit;
        Py_CLEAR(cls);
    }
    rv = add_ref(module, "sqlstate_errors", psyco_state.sqlstate_errors);
exit:
    Py_XDECREF(cls);
    return rv;
}

/* Ready the descriptive types and add them to the module. */
static int
info_types_init(PyObject *module)
{
    static PyTypeObject *types[] = {
        &diagnosticsType, &columnType, &connInfoType, NULL};
    PyTypeObject **t;

    for (t = types; *t; t++) {
        if (PyType_Ready(*t) < 0)
            return -1;
        if (add_ref(module, strrchr((*t)->tp_name, '.') + 1,
                    (PyObject *)*t) < 0)
            return -1;
    }
    return 0;
}

int
error_init(PyObject *module)
{
    errorType.tp_base = base_exception_type();
    if (PyType_Ready(&errorType) < 0)
        return -1;
    if (dbapi_classes_init(module) < 0)
        return -1;
    if (sqlstate_errors_init(module) < 0)
        return -1;
    return info_types_init(module);
}

/* ---- from libpq errors to exceptions ----------------------------------- */

PyObject *
psyco_exc_for_sqlstate(const char *sqlstate)
{
    PyObject *cls;
    int i;

    if (sqlstate == NULL || strlen(sqlstate) < 2)
        return psyco_state.DatabaseError;
    /* Borrowed; a missing key (or a failed lookup) falls through to the
     * class of the code. */
    cls = PyDict_GetItemString(psyco_state.sqlstate_errors, sqlstate);
    if (cls)
        return cls;
    for (i = 0; sqlstate_class_bases[i].cls[0]; i++) {
        if (strncmp(sqlstate_class_bases[i].cls, sqlstate, 2) == 0)
            return *STATE_SLOT(sqlstate_class_bases[i].base);
    }
    /* A class PostgreSQL does not define (custom codes given to RAISE):
     * psycopg2 goes by the first character, as for the classes 5x, Hx
     * (operator intervention, foreign data) and Fx, Px, Xx (internal). */
    switch (sqlstate[0]) {
    case '5': case 'H':
        return psyco_state.OperationalError;
    case 'F': case 'P': case 'X':
        return psyco_state.InternalError;
    }
    return psyco_state.DatabaseError;
}

/* Decode text from the server in the connection encoding. Never fails on
 * bad bytes (errors=replace): an error report must always get through. */
static PyObject *
decode_report(connectionObject *conn, const char *s)
{
    Py_ssize_t len = (Py_ssize_t)strlen(s);
    PyObject *rv;

    if (conn && conn->cdecoder)
        return conn->cdecoder(s, len, "replace");
    if (!conn || !conn->codec)
        return PyUnicode_DecodeUTF8(s, len, "replace");
    rv = PyUnicode_Decode(s, len, conn->codec, "replace");
    if (!rv && PyErr_ExceptionMatches(PyExc_LookupError)) {
        /* A codec Python does not know: better a mangled message than an
         * unrelated LookupError in place of the server's error. */
        PyErr_Clear();
        rv = PyUnicode_DecodeUTF8(s, len, "replace");
    }
    return rv;
}

/* The message without its "SEVERITY:  " prefix: the str() of the error. */
static const char *
strip_severity(PGresult *res, const char *msg)
{
    const char *sev;
    size_t n;

    if (!res || !(sev = PQresultErrorField(res, PG_DIAG_SEVERITY)))
        return msg;
    n = strlen(sev);
    if (strncmp(msg, sev, n) == 0 && strncmp(msg + n, ":  ", 3) == 0)
        return msg + n + 3;
    return msg;
}

/* The full text of the error: the result's report, else msg, else the
 * connection's last error. */
static const char *
report_text(connectionObject *conn, PGresult *res, const char *msg)
{
    const char *text = res ? PQresultErrorMessage(res) : NULL;

    if (text && *text)
        return text;
    if (msg)
        return msg;
    if (conn && conn->pgconn && *PQerrorMessage(conn->pgconn))
        return PQerrorMessage(conn->pgconn);
    return "unknown error";
}

/* Build the exception instance; takes ownership of *res when it succeeds
 * (sets *res to NULL). */
static PyObject *
build_error(connectionObject *conn, cursorObject *curs, PGresult **res,
            const char *msg)
{
    const char *text = report_text(conn, *res, msg);
    const char *code = *res ? PQresultErrorField(*res, PG_DIAG_SQLSTATE) : NULL;
    PyObject *cls = code ? psyco_exc_for_sqlstate(code)
                         : psyco_state.OperationalError;
    PyObject *pgerror = NULL, *str = NULL, *exc = NULL;
    errorObject *err;

    if (!(pgerror = decode_report(conn, text)))
        goto exit;
    if (!(str = decode_report(conn, strip_severity(*res, text))))
        goto exit;
    if (!(exc = PyObject_CallOneArg(cls, str)))
        goto exit;
    if (PyObject_TypeCheck(exc, &errorType)) {
        err = (errorObject *)exc;
        Py_XSETREF(err->pgerror, Py_NewRef(pgerror));
        Py_XSETREF(err->pgcode, code ? PyUnicode_FromString(code)
                                     : Py_NewRef(Py_None));
        Py_XSETREF(err->cursor, Py_NewRef(curs ? (PyObject *)curs : Py_None));
        if (!err->pgcode) {
            Py_CLEAR(exc);
            goto exit;
        }
        err->pgres = *res;
        *res = NULL;
    }
exit:
    Py_XDECREF(str);
    Py_XDECREF(pgerror);
    return exc;
}

int
psyco_raise_from_result(connectionObject *conn, cursorObject *curs,
                        PGresult *res, const char *msg)
{
    PyObject *exc = build_error(conn, curs, &res, msg);

    /* Whatever happened, the result is ours to free if nobody kept it. */
    if (res)
        PQclear(res);
    if (exc) {
        PyErr_SetObject((PyObject *)Py_TYPE(exc), exc);
        Py_DECREF(exc);
    }
    return -1;
}
