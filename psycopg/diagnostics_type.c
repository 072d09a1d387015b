/* diagnostics_type.c - psycopg2.extensions.Diagnostics: the fields of the
 * server's error report kept by a psycopg2.Error (PQresultErrorField). */

#include "psycopg.h"
#include "error.h"
#include "connection.h"
#include "cursor.h"

typedef struct {
    PyObject_HEAD
    errorObject *err;   /* strong reference; NULL before __init__ */
} diagnosticsObject;

/* The connection whose encoding decodes the report: the one of the error's
 * cursor, if there is one (borrowed; NULL means UTF-8). */
static connectionObject *
diag_connection(errorObject *err)
{
    if (err->cursor && PyObject_TypeCheck(err->cursor, &cursorType))
        return ((cursorObject *)err->cursor)->conn;
    return NULL;
}

static PyObject *
diag_decode(connectionObject *conn, const char *s)
{
    Py_ssize_t len = (Py_ssize_t)strlen(s);

    /* errors=replace: a diagnostic must be readable whatever the bytes. */
    if (conn && conn->cdecoder)
        return conn->cdecoder(s, len, "replace");
    if (conn && conn->codec)
        return PyUnicode_Decode(s, len, conn->codec, "replace");
    return PyUnicode_DecodeUTF8(s, len, "replace");
}

/* Getter of every field: the closure is the PG_DIAG_* code. */
static PyObject *
diag_get_field(diagnosticsObject *self, void *closure)
{
    int code = (int)(Py_intptr_t)closure;
    const char *value;

    if (!self->err || !self->err->pgres)
        Py_RETURN_NONE;
    if (!(value = PQresultErrorField(self->err->pgres, code)))
        Py_RETURN_NONE;
    return diag_decode(diag_connection(self->err), value);
}

static int
diag_init(diagnosticsObject *self, PyObject *args, PyObject *kwds PSYCO_UNUSED)
{
    PyObject *err;

    if (!PyArg_ParseTuple(args, "O", &err))
        return -1;
    if (!PyObject_TypeCheck(err, &errorType)) {
        PyErr_SetString(PyExc_TypeError,
                        "The argument must be a psycopg2.Error");
        return -1;
    }
    Py_XSETREF(self->err, (errorObject *)Py_NewRef(err));
    return 0;
}

static int
diag_traverse(diagnosticsObject *self, visitproc visit, void *arg)
{
    Py_VISIT(self->err);
    return 0;
}

static int
diag_clear(diagnosticsObject *self)
{
    Py_CLEAR(self->err);
    return 0;
}

static void
diag_dealloc(diagnosticsObject *self)
{
    PyObject_GC_UnTrack(self);
    diag_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

#define FIELD(name, code) \
    {name, (getter)diag_get_field, NULL, NULL, (void *)(Py_intptr_t)(code)}

/* PG_DIAG_SEVERITY_NONLOCALIZED is only defined by libpq >= 9.6. */
#ifndef PG_DIAG_SEVERITY_NONLOCALIZED
#define PG_DIAG_SEVERITY_NONLOCALIZED 'V'
#endif

static PyGetSetDef diag_getsets[] = {
    FIELD("severity", PG_DIAG_SEVERITY),
    FIELD("severity_nonlocalized", PG_DIAG_SEVERITY_NONLOCALIZED),
    FIELD("sqlstate", PG_DIAG_SQLSTATE),
    FIELD("message_primary", PG_DIAG_MESSAGE_PRIMARY),
    FIELD("message_detail", PG_DIAG_MESSAGE_DETAIL),
    FIELD("message_hint", PG_DIAG_MESSAGE_HINT),
    FIELD("statement_position", PG_DIAG_STATEMENT_POSITION),
    FIELD("internal_position", PG_DIAG_INTERNAL_POSITION),
    FIELD("internal_query", PG_DIAG_INTERNAL_QUERY),
    FIELD("context", PG_DIAG_CONTEXT),
    FIELD("schema_name", PG_DIAG_SCHEMA_NAME),
    FIELD("table_name", PG_DIAG_TABLE_NAME),
    FIELD("column_name", PG_DIAG_COLUMN_NAME),
    FIELD("datatype_name", PG_DIAG_DATATYPE_NAME),
    FIELD("constraint_name", PG_DIAG_CONSTRAINT_NAME),
    FIELD("source_file", PG_DIAG_SOURCE_FILE),
    FIELD("source_line", PG_DIAG_SOURCE_LINE),
    FIELD("source_function", PG_DIAG_SOURCE_FUNCTION),
    {NULL, NULL, NULL, NULL, NULL}
};

#define diagnostics_doc \
"Diagnostics(error) -- the fields of the error report of the server.\n\n" \
"Returned by `psycopg2.Error.diag`. Each attribute is one field of the\n" \
"report (see PQresultErrorField in the libpq documentation), as a str,\n" \
"or None when the server did not send it."

PyTypeObject diagnosticsType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "psycopg2.extensions.Diagnostics",
    .tp_basicsize = sizeof(diagnosticsObject),
    .tp_dealloc = (destructor)diag_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = diagnostics_doc,
    .tp_traverse = (traverseproc)diag_traverse,
    .tp_clear = (inquiry)diag_clear,
    .tp_getset = diag_getsets,
    .tp_init = (initproc)diag_init,
    .tp_new = PyType_GenericNew,
};
