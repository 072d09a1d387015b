/* cursor_type.c - the Python methods and attributes of cursor. */
#include "psycopg.h"
#include "cursor.h"
#include "pqpath.h"
#include "typecast.h"
#include "microprotocols.h"
#include "utils.h"

/* Refuse an operation a named cursor does not support. */
#define EXC_IF_NAMED(self, what) \
    if ((self)->name) { \
        PyErr_SetString(psyco_state.ProgrammingError, \
                        "can't call ." what "() on named cursors"); \
        return NULL; }

/* --- fetching ---------------------------------------------------------- */

/* Rows still unread in pgres. */
static long
rows_left(cursorObject *self)
{
    return self->pgres ? PQntuples(self->pgres) - self->resrow : 0;
}

/* Next row from pgres, or None at the end. */
static PyObject *
next_buffered_row(cursorObject *self)
{
    if (rows_left(self) <= 0)
        Py_RETURN_NONE;
    return curs_next_row(self);
}

#define curs_fetchone_doc "fetchone() -> tuple or None -- the next row."

static PyObject *
psyco_curs_fetchone(cursorObject *self, PyObject *dummy PSYCO_UNUSED)
{
    EXC_IF_CURS_CLOSED(self);
    if (self->name) {
        if (curs_named_fetch(self, 1) < 0)
            return NULL;
    }
    else if (curs_check_fetchable(self) < 0)
        return NULL;
    return next_buffered_row(self);
}

#define curs_fetchmany_doc \
"fetchmany(size=self.arraysize) -> list -- the next rows."

static PyObject *
psyco_curs_fetchmany(cursorObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"size", NULL};
    PyObject *size_obj = Py_None;
    long size;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|O", kwlist, &size_obj))
        return NULL;
    EXC_IF_CURS_CLOSED(self);
    if (size_obj == Py_None)
        size = self->arraysize;
    else if ((size = PyLong_AsLong(size_obj)) == -1 && PyErr_Occurred())
        return NULL;
    if (self->name) {
        if (curs_named_fetch(self, size) < 0)
            return NULL;
    }
    else if (curs_check_fetchable(self) < 0)
        return NULL;
    return curs_fetch_rows(self, size);
}

#define curs_fetchall_doc "fetchall() -> list -- all the remaining rows."

static PyObject *
psyco_curs_fetchall(cursorObject *self, PyObject *dummy PSYCO_UNUSED)
{
    EXC_IF_CURS_CLOSED(self);
    if (self->name) {
        if (curs_named_fetch(self, -1) < 0)
            return NULL;
    }
    else if (curs_check_fetchable(self) < 0)
        return NULL;
    return curs_fetch_rows(self, -1);
}

static PyObject *
cursor_iter(cursorObject *self)
{
    EXC_IF_CURS_CLOSED(self);
    return Py_NewRef((PyObject *)self);
}

/* Named cursors read ahead itersize rows at a time. */
static PyObject *
cursor_next(cursorObject *self)
{
    PyObject *row;

    EXC_IF_CURS_CLOSED(self);
    if (self->name) {
        if (rows_left(self) <= 0 && curs_named_fetch(self, self->itersize) < 0)
            return NULL;
    }
    else if (curs_check_fetchable(self) < 0)
        return NULL;
    row = next_buffered_row(self);
    if (row == Py_None) {
        Py_DECREF(row);
        return NULL;   /* StopIteration */
    }
    return row;
}

/* --- executing --------------------------------------------------------- */

#define curs_execute_doc \
"execute(query, vars=None) -- run a query with parameters merged in."

static PyObject *
psyco_curs_execute(cursorObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"query", "vars", NULL};
    PyObject *query, *vars = Py_None;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|O", kwlist, &query,
            &vars))
        return NULL;
    EXC_IF_CURS_CLOSED(self);
    EXC_IF_TPC_PREPARED(self->conn, execute);
    /* Once its DECLARE was sent, even if the server refused it (as
     * psycopg2: only a query that never left keeps the cursor open). */
    if (self->name && (self->declared
                       || (self->query && self->query != Py_None))) {
        PyErr_SetString(psyco_state.ProgrammingError,
                        "can't call .execute() on named cursors more than once");
        return NULL;
    }
    if (curs_execute(self, query, vars) < 0)
        return NULL;
    Py_RETURN_NONE;
}

#define curs_executemany_doc \
"executemany(query, vars_list) -- run a query once per parameter set."

static PyObject *
psyco_curs_executemany(cursorObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"query", "vars_list", NULL};
    PyObject *query, *vars_list;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OO", kwlist, &query,
            &vars_list))
        return NULL;
    EXC_IF_CURS_CLOSED(self);
    EXC_IF_NAMED(self, "executemany");
    EXC_IF_TPC_PREPARED(self->conn, executemany);
    EXC_IF_ASYNC(self->conn, executemany);
    if (curs_executemany(self, query, vars_list) < 0)
        return NULL;
    Py_RETURN_NONE;
}

/* Append `"name":=%(name)s` for a callproc keyword argument. */
static int
append_named_arg(psyco_buf *b, PGconn *pgconn, PyObject *key)
{
    PyObject *name;
    char *ident;
    int err;

    if (!PyUnicode_Check(key)) {
        PyErr_SetString(PyExc_TypeError,
                        "callproc parameter names must be strings");
        return -1;
    }
    if ((name = PyUnicode_AsUTF8String(key)) == NULL)
        return -1;
    ident = PQescapeIdentifier(pgconn, PyBytes_AS_STRING(name),
                               (size_t)PyBytes_GET_SIZE(name));
    if (ident == NULL) {
        Py_DECREF(name);
        PyErr_SetString(psyco_state.ProgrammingError, PQerrorMessage(pgconn));
        return -1;
    }
    err = buf_append_str(b, ident) < 0 || buf_append_str(b, ":=%(") < 0
        || buf_append_bytes(b, name) < 0 || buf_append_str(b, ")s") < 0;
    PQfreemem(ident);
    Py_DECREF(name);
    return err ? -1 : 0;
}

/* SQL text calling procname with %s / "name":=%(name)s placeholders. */
static PyObject *
callproc_query(PGconn *pgconn, const char *procname, PyObject *params)
{
    psyco_buf b;
    PyObject *keys = NULL;
    Py_ssize_t i, n = 0;
    int err, named = PyDict_Check(params);

    if (named) {
        if ((keys = PyDict_Keys(params)) == NULL)
            return NULL;
        n = PyList_GET_SIZE(keys);
    }
    else if (params != Py_None && (n = PySequence_Size(params)) < 0)
        return NULL;
    buf_init(&b);
    err = buf_append_str(&b, "SELECT * FROM ") < 0
        || buf_append_str(&b, procname) < 0 || buf_append_char(&b, '(') < 0;
    for (i = 0; i < n && !err; i++) {
        err = (i && buf_append_char(&b, ',') < 0)
            || (named ? append_named_arg(&b, pgconn, PyList_GET_ITEM(keys, i))
                      : buf_append_str(&b, "%s")) < 0;
    }
    Py_XDECREF(keys);
    if (err || buf_append_char(&b, ')') < 0) {
        buf_free(&b);
        return NULL;
    }
    return buf_to_bytes(&b);
}

#define curs_callproc_doc \
"callproc(procname, parameters=None) -- call a function; returns parameters."

static PyObject *
psyco_curs_callproc(cursorObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"procname", "parameters", NULL};
    const char *procname;
    PyObject *params = Py_None, *query;
    int rv;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "s|O", kwlist, &procname,
            &params))
        return NULL;
    EXC_IF_CURS_CLOSED(self);
    EXC_IF_NAMED(self, "callproc");
    EXC_IF_TPC_PREPARED(self->conn, callproc);
    if ((query = callproc_query(self->conn->pgconn, procname, params)) == NULL)
        return NULL;
    rv = curs_execute(self, query, params);
    Py_DECREF(query);
    if (rv < 0)
        return NULL;
    /* psycopg2 returns the parameters, but None for a mapping. */
    return Py_NewRef(PyDict_Check(params) ? Py_None : params);
}

#define curs_mogrify_doc \
"mogrify(query, vars=None) -> bytes -- the query as execute() would send it."

static PyObject *
psyco_curs_mogrify(cursorObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"query", "vars", NULL};
    PyObject *query, *vars = Py_None;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|O", kwlist, &query,
            &vars))
        return NULL;
    /* No round trip: allowed on a closed cursor, as in psycopg2. */
    EXC_IF_CURS_UNINIT(self);
    return curs_mogrify(self, query, vars);
}

#define curs_cast_doc \
"cast(oid, s) -> value -- convert s as the typecaster for oid would."

static PyObject *
psyco_curs_cast(cursorObject *self, PyObject *args)
{
    unsigned int oid;
    PyObject *s, *bytes = NULL, *rv;
    typecastObject *cast;

    if (!PyArg_ParseTuple(args, "IO", &oid, &s))
        return NULL;
    EXC_IF_CURS_UNINIT(self);
    if ((cast = typecast_lookup(self, (Oid)oid)) == NULL)
        return NULL;
    if (s == Py_None)
        rv = typecast_cast(cast, NULL, 0, self);
    else if ((bytes = PyUnicode_Check(s) ? conn_encode(self->conn, s)
                                         : PyBytes_FromObject(s)) == NULL)
        rv = NULL;
    else
        rv = typecast_cast(cast, PyBytes_AS_STRING(bytes),
                           PyBytes_GET_SIZE(bytes), self);
    Py_XDECREF(bytes);
    Py_DECREF(cast);
    return rv;
}

#define curs_scroll_doc \
"scroll(value, mode='relative') -- move the position in the result."

static PyObject *
psyco_curs_scroll(cursorObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"value", "mode", NULL};
    long value;
    const char *mode = "relative";

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "l|s", kwlist, &value,
            &mode))
        return NULL;
    EXC_IF_CURS_CLOSED(self);
    if (curs_scroll(self, value, mode) < 0)
        return NULL;
    Py_RETURN_NONE;
}

#define curs_close_doc "close() -- close the cursor."

static PyObject *
psyco_curs_close(cursorObject *self, PyObject *dummy PSYCO_UNUSED)
{
    if (curs_close(self) < 0)
        return NULL;
    Py_RETURN_NONE;
}

#define curs_nextset_doc "nextset() -- not supported by PostgreSQL."

static PyObject *
psyco_curs_nextset(cursorObject *self, PyObject *dummy PSYCO_UNUSED)
{
    EXC_IF_CURS_CLOSED(self);
    PyErr_SetString(psyco_state.NotSupportedError,
                    "not supported by PostgreSQL");
    return NULL;
}

#define curs_setinputsizes_doc "setinputsizes(sizes) -- does nothing (DB-API)."

static PyObject *
psyco_curs_setinputsizes(cursorObject *self, PyObject *args)
{
    PyObject *sizes;

    if (!PyArg_ParseTuple(args, "O", &sizes))
        return NULL;
    EXC_IF_CURS_CLOSED(self);
    Py_RETURN_NONE;
}

#define curs_setoutputsize_doc \
"setoutputsize(size, column=None) -- does nothing (DB-API)."

static PyObject *
psyco_curs_setoutputsize(cursorObject *self, PyObject *args)
{
    long size;
    int column = 0;

    if (!PyArg_ParseTuple(args, "l|i", &size, &column))
        return NULL;
    EXC_IF_CURS_CLOSED(self);
    Py_RETURN_NONE;
}

static PyObject *
psyco_curs_enter(cursorObject *self, PyObject *dummy PSYCO_UNUSED)
{
    return Py_NewRef((PyObject *)self);   /* even closed, as psycopg2 */
}

static PyObject *
psyco_curs_exit(cursorObject *self, PyObject *args PSYCO_UNUSED)
{
    /* Closing must not hide the block's own exception. */
    if (curs_close(self) < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyMethodDef cursor_methods[] = {
    {"execute", (PyCFunction)(void (*)(void))psyco_curs_execute,
     METH_VARARGS | METH_KEYWORDS, curs_execute_doc},
    {"executemany", (PyCFunction)(void (*)(void))psyco_curs_executemany,
     METH_VARARGS | METH_KEYWORDS, curs_executemany_doc},
    {"callproc", (PyCFunction)(void (*)(void))psyco_curs_callproc,
     METH_VARARGS | METH_KEYWORDS, curs_callproc_doc},
    {"mogrify", (PyCFunction)(void (*)(void))psyco_curs_mogrify,
     METH_VARARGS | METH_KEYWORDS, curs_mogrify_doc},
    {"fetchone", (PyCFunction)psyco_curs_fetchone, METH_NOARGS,
     curs_fetchone_doc},
    {"fetchmany", (PyCFunction)(void (*)(void))psyco_curs_fetchmany,
     METH_VARARGS | METH_KEYWORDS, curs_fetchmany_doc},
    {"fetchall", (PyCFunction)psyco_curs_fetchall, METH_NOARGS,
     curs_fetchall_doc},
    {"scroll", (PyCFunction)(void (*)(void))psyco_curs_scroll,
     METH_VARARGS | METH_KEYWORDS, curs_scroll_doc},
    {"cast", (PyCFunction)psyco_curs_cast, METH_VARARGS, curs_cast_doc},
    {"close", (PyCFunction)psyco_curs_close, METH_NOARGS, curs_close_doc},
    {"nextset", (PyCFunction)psyco_curs_nextset, METH_NOARGS,
     curs_nextset_doc},
    {"setinputsizes", (PyCFunction)psyco_curs_setinputsizes, METH_VARARGS,
     curs_setinputsizes_doc},
    {"setoutputsize", (PyCFunction)psyco_curs_setoutputsize, METH_VARARGS,
     curs_setoutputsize_doc},
    {"copy_from", (PyCFunction)(void (*)(void))psyco_curs_copy_from,
     METH_VARARGS | METH_KEYWORDS, curs_copy_from_doc},
    {"copy_to", (PyCFunction)(void (*)(void))psyco_curs_copy_to,
     METH_VARARGS | METH_KEYWORDS, curs_copy_to_doc},
    {"copy_expert", (PyCFunction)(void (*)(void))psyco_curs_copy_expert,
     METH_VARARGS | METH_KEYWORDS, curs_copy_expert_doc},
    {"__enter__", (PyCFunction)psyco_curs_enter, METH_NOARGS, NULL},
    {"__exit__", (PyCFunction)psyco_curs_exit, METH_VARARGS, NULL},
    {NULL, NULL, 0, NULL}
};

/* --- attributes -------------------------------------------------------- */

static PyObject *
curs_get_description_attr(cursorObject *self, void *c PSYCO_UNUSED)
{
    return curs_get_description(self);
}

static PyObject *
curs_get_lastrowid(cursorObject *self, void *c PSYCO_UNUSED)
{
    return PyLong_FromUnsignedLong(self->lastoid);
}

static PyObject *
curs_get_closed(cursorObject *self, void *c PSYCO_UNUSED)
{
    return PyBool_FromLong(self->closed
                           || (self->conn && self->conn->closed));
}

static PyObject *
curs_get_withhold(cursorObject *self, void *c PSYCO_UNUSED)
{
    return PyBool_FromLong(self->withhold);
}

static int
curs_set_withhold(cursorObject *self, PyObject *value, void *c PSYCO_UNUSED)
{
    int truth;

    if (value == NULL || (truth = PyObject_IsTrue(value)) < 0) {
        if (value == NULL)
            PyErr_SetString(PyExc_AttributeError, "can't delete withhold");
        return -1;
    }
    if (truth && self->name == NULL) {
        PyErr_SetString(psyco_state.ProgrammingError,
                        "trying to set .withhold on unnamed cursor");
        return -1;
    }
    self->withhold = truth;
    return 0;
}

static PyObject *
curs_get_scrollable(cursorObject *self, void *c PSYCO_UNUSED)
{
    if (self->scrollable == -1)
        Py_RETURN_NONE;
    return PyBool_FromLong(self->scrollable);
}

static int
curs_set_scrollable(cursorObject *self, PyObject *value, void *c PSYCO_UNUSED)
{
    int truth;

    if (value == NULL) {
        PyErr_SetString(PyExc_AttributeError, "can't delete scrollable");
        return -1;
    }
    if (value == Py_None) {
        self->scrollable = -1;
        return 0;
    }
    if ((truth = PyObject_IsTrue(value)) < 0)
        return -1;
    if (self->name == NULL) {
        PyErr_SetString(psyco_state.ProgrammingError,
                        "trying to set .scrollable on unnamed cursor");
        return -1;
    }
    self->scrollable = truth;
    return 0;
}

/* pgresult_ptr: the last PGresult's address, for C code reached through
 * ctypes (psycopg2 API); None if there is none or the cursor is closed. */
static PyObject *
curs_get_pgresult_ptr(cursorObject *self, void *closure PSYCO_UNUSED)
{
    if (self->pgres == NULL || self->closed)
        Py_RETURN_NONE;
    return PyLong_FromVoidPtr(self->pgres);
}

/* typecaster: in psycopg2 the caster running at the moment, which Python
 * code never sees set: always None. */
static PyObject *
curs_get_typecaster(cursorObject *self PSYCO_UNUSED,
                    void *closure PSYCO_UNUSED)
{
    Py_RETURN_NONE;
}

static struct PyGetSetDef cursor_getset[] = {
    {"description", (getter)curs_get_description_attr, NULL,
     "Column descriptions of the last result, or None.", NULL},
    {"lastrowid", (getter)curs_get_lastrowid, NULL,
     "OID of the last row inserted, if any.", NULL},
    {"closed", (getter)curs_get_closed, NULL, "True if closed.", NULL},
    {"pgresult_ptr", (getter)curs_get_pgresult_ptr, NULL,
     "The address of the last PGresult, or None.", NULL},
    {"typecaster", (getter)curs_get_typecaster, NULL,
     "The typecaster running (None outside of a cast).", NULL},
    {"withhold", (getter)curs_get_withhold, (setter)curs_set_withhold,
     "True: the named cursor survives commit.", NULL},
    {"scrollable", (getter)curs_get_scrollable, (setter)curs_set_scrollable,
     "True/False: (NO) SCROLL for the named cursor; None: default.", NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

#define OFF(x) offsetof(cursorObject, x)
static struct PyMemberDef cursor_members[] = {
    {"connection", T_OBJECT, OFF(conn), READONLY, "The cursor's connection."},
    {"name", T_OBJECT, OFF(name), READONLY, "Name of a named cursor."},
    {"arraysize", T_LONG, OFF(arraysize), 0, "Rows fetched by fetchmany()."},
    {"itersize", T_LONG, OFF(itersize), 0,
     "Rows fetched per round trip when iterating a named cursor."},
    {"rowcount", T_LONG, OFF(rowcount), READONLY,
     "Rows produced or affected by the last statement (-1: unknown)."},
    {"rownumber", T_LONG, OFF(rownumber), READONLY,
     "Position of the next row to fetch."},
    {"query", T_OBJECT, OFF(query), READONLY, "The last query sent."},
    {"statusmessage", T_OBJECT, OFF(statusmessage), READONLY,
     "The status of the last statement."},
    {"tzinfo_factory", T_OBJECT, OFF(tzinfo_factory), 0,
     "Factory of tzinfo for timestamptz values."},
    {"row_factory", T_OBJECT, OFF(row_factory), 0,
     "Called with the cursor to make each row, then filled by index."},
    {"string_types", T_OBJECT, OFF(string_types), READONLY,
     "Typecasters registered on this cursor."},
    {"binary_types", T_OBJECT, OFF(binary_types), READONLY,
     "Binary typecasters registered on this cursor."},
    {NULL, 0, 0, 0, NULL}
};

/* --- life cycle -------------------------------------------------------- */

/* Quote the cursor name as an identifier (NULL name: nothing to do). */
static int
set_name(cursorObject *self, PyObject *name)
{
    PyObject *bytes;
    char *quoted;

    if (name == Py_None)
        return 0;
    if (PyBytes_Check(name)) {  /* psycopg2 takes bytes; .name is a str */
        bytes = Py_NewRef(name);
        name = conn_decode(self->conn, PyBytes_AS_STRING(bytes),
                           PyBytes_GET_SIZE(bytes));
    }
    else if (PyUnicode_Check(name)) {
        name = Py_NewRef(name);
        bytes = conn_encode(self->conn, name);
    }
    else {
        PyErr_Format(PyExc_TypeError,
                     "Expected bytes or unicode string, got %s instead",
                     Py_TYPE(name)->tp_name);
        return -1;
    }
    if (name == NULL || bytes == NULL) {
        Py_XDECREF(name);
        Py_XDECREF(bytes);
        return -1;
    }
    quoted = PQescapeIdentifier(self->conn->pgconn, PyBytes_AS_STRING(bytes),
                                (size_t)PyBytes_GET_SIZE(bytes));
    Py_DECREF(bytes);
    if (quoted == NULL) {
        PyErr_SetString(psyco_state.ProgrammingError,
                        PQerrorMessage(self->conn->pgconn));
        Py_DECREF(name);
        return -1;
    }
    self->qname = PyMem_Malloc(strlen(quoted) + 1);
    if (self->qname)
        strcpy(self->qname, quoted);
    PQfreemem(quoted);
    if (self->qname == NULL) {
        PyErr_NoMemory();
        Py_DECREF(name);
        return -1;
    }
    self->name = name;  /* the reference taken above */
    return 0;
}

static int
cursor_init(cursorObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"conn", "name", NULL};
    PyObject *conn, *name = Py_None;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O!|O", kwlist,
            &connectionType, &conn, &name))
        return -1;
    if (self->conn) {
        PyErr_SetString(psyco_state.InterfaceError,
                        "the cursor is already initialised");
        return -1;
    }
    self->conn = (connectionObject *)Py_NewRef(conn);
    if (self->conn->closed) {
        PyErr_SetString(psyco_state.InterfaceError,
                        "connection already closed");
        return -1;
    }
    if (set_name(self, name) < 0)
        return -1;
    self->mark = self->conn->mark;
    self->tzinfo_factory = Py_NewRef(psyco_state.timezone_type);
    return 0;
}

static PyObject *
cursor_new(PyTypeObject *type, PyObject *args PSYCO_UNUSED,
           PyObject *kwargs PSYCO_UNUSED)
{
    cursorObject *self = (cursorObject *)type->tp_alloc(type, 0);

    if (self == NULL)
        return NULL;
    self->arraysize = 1;
    self->itersize = 2000;
    self->rowcount = -1;
    self->scrollable = -1;
    self->query = Py_NewRef(Py_None);
    self->statusmessage = Py_NewRef(Py_None);
    return (PyObject *)self;
}

static int
cursor_traverse(cursorObject *self, visitproc visit, void *arg)
{
    Py_VISIT(self->conn);
    Py_VISIT(self->name);
    Py_VISIT(self->description);
    Py_VISIT(self->query);
    Py_VISIT(self->statusmessage);
    Py_VISIT(self->string_types);
    Py_VISIT(self->binary_types);
    Py_VISIT(self->tzinfo_factory);
    Py_VISIT(self->row_factory);
    Py_VISIT(self->copyfile);
    return 0;
}

static int
cursor_clear(cursorObject *self)
{
    Py_CLEAR(self->conn);
    Py_CLEAR(self->name);
    Py_CLEAR(self->description);
    Py_CLEAR(self->query);
    Py_CLEAR(self->statusmessage);
    Py_CLEAR(self->string_types);
    Py_CLEAR(self->binary_types);
    Py_CLEAR(self->tzinfo_factory);
    Py_CLEAR(self->row_factory);
    Py_CLEAR(self->copyfile);
    return 0;
}

static void
cursor_dealloc(cursorObject *self)
{
    PyObject_GC_UnTrack(self);
    if (self->weakreflist)
        PyObject_ClearWeakRefs((PyObject *)self);
    /* No CLOSE on the server from here: a collected named cursor dies with
     * its transaction, and dealloc must not block or raise. */
    curs_clear_result(self);
    cursor_clear(self);
    PyMem_Free(self->qname);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *
cursor_repr(cursorObject *self)
{
    return PyUnicode_FromFormat("<cursor object at %p; closed: %d>", self,
                                self->closed);
}

#define cursor_doc "cursor(conn, name=None) -- a cursor over a connection."

PyTypeObject cursorType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "psycopg2.extensions.cursor",
    .tp_basicsize = sizeof(cursorObject),
    .tp_dealloc = (destructor)cursor_dealloc,
    .tp_repr = (reprfunc)cursor_repr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = cursor_doc,
    .tp_traverse = (traverseproc)cursor_traverse,
    .tp_clear = (inquiry)cursor_clear,
    .tp_weaklistoffset = offsetof(cursorObject, weakreflist),
    .tp_iter = (getiterfunc)cursor_iter,
    .tp_iternext = (iternextfunc)cursor_next,
    .tp_methods = cursor_methods,
    .tp_members = cursor_members,
    .tp_getset = cursor_getset,
    .tp_init = (initproc)cursor_init,
    .tp_new = cursor_new,
};
