/* column_type.c - psycopg2.extensions.Column: one item of
 * cursor.description.
 *
 * The DB-API wants description items to be 7-item sequences; Column is one
 * (length, indexing, slicing, comparison with tuples) and also names the
 * items, plus table_oid and table_column which are not part of the 7. */

#include "psycopg.h"
#include "error.h"
#include "connection.h"

/* The number of items seen as a sequence, and the number of fields. */
#define COLUMN_SEQ_LEN 7
#define COLUMN_NFIELDS 9

/* Indexes of the fields, in sequence order. */
enum { F_NAME, F_TYPE_CODE, F_DISPLAY_SIZE, F_INTERNAL_SIZE, F_PRECISION,
       F_SCALE, F_NULL_OK, F_TABLE_OID, F_TABLE_COLUMN };

typedef struct {
    PyObject_HEAD
    PyObject *f[COLUMN_NFIELDS];  /* NULL reads as None */
} columnObject;

static PyObject **
column_fields(columnObject *self)
{
    return self->f;
}

static PyObject *
field_or_none(PyObject *o)
{
    return Py_NewRef(o ? o : Py_None);
}

/* The first 7 fields as a tuple: what Column compares and indexes as. */
static PyObject *
column_as_tuple(columnObject *self)
{
    PyObject **f = column_fields(self);
    PyObject *t;
    int i;

    if (!(t = PyTuple_New(COLUMN_SEQ_LEN)))
        return NULL;
    for (i = 0; i < COLUMN_SEQ_LEN; i++)
        PyTuple_SET_ITEM(t, i, field_or_none(f[i]));
    return t;
}

static int
column_init(columnObject *self, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {
        "name", "type_code", "display_size", "internal_size", "precision",
        "scale", "null_ok", "table_oid", "table_column", NULL};
    PyObject *v[COLUMN_NFIELDS] = {NULL};
    PyObject **f = column_fields(self);
    int i;

    if (!PyArg_ParseTupleAndKeywords(args, kwds, "|OOOOOOOOO", kwlist,
            &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7], &v[8]))
        return -1;
    for (i = 0; i < COLUMN_NFIELDS; i++)
        Py_XSETREF(f[i], Py_XNewRef(v[i]));
    return 0;
}

static PyObject *
column_repr(columnObject *self)
{
    PyObject *name = self->f[F_NAME] ? self->f[F_NAME] : Py_None;
    PyObject *type_code =
        self->f[F_TYPE_CODE] ? self->f[F_TYPE_CODE] : Py_None;

    return PyUnicode_FromFormat("Column(name=%R, type_code=%R)",
                                name, type_code);
}

static PyObject *
column_richcompare(columnObject *self, PyObject *other, int op)
{
    PyObject *t, *rv;

    if (!(t = column_as_tuple(self)))
        return NULL;
    rv = PyObject_RichCompare(t, other, op);
    Py_DECREF(t);
    return rv;
}

static Py_ssize_t
column_len(columnObject *self PSYCO_UNUSED)
{
    return COLUMN_SEQ_LEN;
}

/* Used by iteration and `in` (the sequence protocol). */
static PyObject *
column_item(columnObject *self, Py_ssize_t i)
{
    if (i < 0 || i >= COLUMN_SEQ_LEN) {
        PyErr_SetString(PyExc_IndexError, "tuple index out of range");
        return NULL;
    }
    return field_or_none(column_fields(self)[i]);
}

/* Indexing and slicing behave exactly as on the equivalent tuple. */
static PyObject *
column_subscript(columnObject *self, PyObject *key)
{
    PyObject *t, *rv;

    if (!(t = column_as_tuple(self)))
        return NULL;
    rv = PyObject_GetItem(t, key);
    Py_DECREF(t);
    return rv;
}

#define column_getstate_doc \
"__getstate__() -- pickle support: the 7 DB-API items as a tuple."

static PyObject *
column_getstate(columnObject *self, PyObject *dummy PSYCO_UNUSED)
{
    return column_as_tuple(self);
}

#define column_setstate_doc \
"__setstate__(state) -- pickle support: set the fields from a tuple."

static PyObject *
column_setstate(columnObject *self, PyObject *state)
{
    PyObject **f = column_fields(self);
    Py_ssize_t i, n;

    if (state == Py_None)
        Py_RETURN_NONE;
    if (!PyTuple_Check(state)) {
        PyErr_SetString(PyExc_TypeError, "state is not a tuple");
        return NULL;
    }
    /* Shorter tuples set the leading fields; extra items are ignored. */
    n = PyTuple_GET_SIZE(state);
    if (n > COLUMN_NFIELDS)
        n = COLUMN_NFIELDS;
    for (i = 0; i < n; i++)
        Py_XSETREF(f[i], Py_NewRef(PyTuple_GET_ITEM(state, i)));
    Py_RETURN_NONE;
}

static int
column_traverse(columnObject *self, visitproc visit, void *arg)
{
    PyObject **f = column_fields(self);
    int i;

    for (i = 0; i < COLUMN_NFIELDS; i++)
        Py_VISIT(f[i]);
    return 0;
}

static int
column_clear(columnObject *self)
{
    PyObject **f = column_fields(self);
    int i;

    for (i = 0; i < COLUMN_NFIELDS; i++)
        Py_CLEAR(f[i]);
    return 0;
}

static void
column_dealloc(columnObject *self)
{
    PyObject_GC_UnTrack(self);
    column_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyMethodDef column_methods[] = {
    {"__getstate__", (PyCFunction)column_getstate, METH_NOARGS,
     column_getstate_doc},
    {"__setstate__", (PyCFunction)column_setstate, METH_O,
     column_setstate_doc},
    {NULL, NULL, 0, NULL}
};

#define MEMBER(field, index, doc) {#field, T_OBJECT, \
    offsetof(columnObject, f) + (index) * sizeof(PyObject *), READONLY, doc}

static PyMemberDef column_members[] = {
    MEMBER(name, F_NAME, "The name of the column."),
    MEMBER(type_code, F_TYPE_CODE,
           "The OID of the PostgreSQL type of the column."),
    MEMBER(display_size, F_DISPLAY_SIZE,
           "Not computed by psycopg2: always None."),
    MEMBER(internal_size, F_INTERNAL_SIZE,
           "The size of the type on the server in bytes, or its declared\n"
           "length; negative for variable-size types."),
    MEMBER(precision, F_PRECISION,
           "The total number of digits of a NUMERIC column, else None."),
    MEMBER(scale, F_SCALE,
           "The number of digits after the decimal point of a NUMERIC\n"
           "column, else None."),
    MEMBER(null_ok, F_NULL_OK, "Not computed by psycopg2: always None."),
    MEMBER(table_oid, F_TABLE_OID,
           "The OID of the table the column comes from, or None."),
    MEMBER(table_column, F_TABLE_COLUMN,
           "The number (from 1) of the column in its table, or None."),
    {NULL, 0, 0, 0, NULL}
};

/* No tp_hash: with tp_richcompare set, PyType_Ready makes the type
 * unhashable (__hash__ = None), as a mutable-looking tuple-like should be. */
static PySequenceMethods column_as_sequence = {
    .sq_length = (lenfunc)column_len,
    .sq_item = (ssizeargfunc)column_item,
};

static PyMappingMethods column_as_mapping = {
    .mp_length = (lenfunc)column_len,
    .mp_subscript = (binaryfunc)column_subscript,
};

#define column_doc \
"Column(name=None, type_code=None, ...) -- a column of a query result.\n\n" \
"A 7-item sequence, as the DB-API asks for cursor.description items,\n" \
"whose items are also readable by name, plus table_oid and table_column."

PyTypeObject columnType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "psycopg2.extensions.Column",
    .tp_basicsize = sizeof(columnObject),
    .tp_dealloc = (destructor)column_dealloc,
    .tp_repr = (reprfunc)column_repr,
    .tp_as_sequence = &column_as_sequence,
    .tp_as_mapping = &column_as_mapping,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = column_doc,
    .tp_traverse = (traverseproc)column_traverse,
    .tp_clear = (inquiry)column_clear,
    .tp_richcompare = (richcmpfunc)column_richcompare,
    .tp_methods = column_methods,
    .tp_members = column_members,
    .tp_init = (initproc)column_init,
    .tp_new = PyType_GenericNew,
};

/* ---- building a Column from a result ----------------------------------- */

#define NUMERICOID 1700
#define VARHDRSZ 4

/* Precision and scale packed in a NUMERIC type modifier. An unconstrained
 * NUMERIC (typmod -1) reads as 65535 for both, as psycopg2 shows it. */
static void
numeric_typmod(int fmod, long *precision, long *scale)
{
    if (fmod >= VARHDRSZ)
        fmod -= VARHDRSZ;
    *precision = (fmod >> 16) & 0xFFFF;
    *scale = fmod & 0xFFFF;
}

/* The size of the type, or for variable-size types with a modifier (e.g.
 * varchar(n), bit(n), arrays of those) the declared length. */
static long
internal_size(Oid type, int fsize, int fmod, long precision)
{
    if (type == NUMERICOID && fmod != -1)
        return precision;
    if (fsize == -1 && fmod != -1)
        return fmod - VARHDRSZ;
    return fsize;
}

/* Fill the fields other than name from the result. */
static int
column_fill(columnObject *c, PGresult *res, int col)
{
    Oid type = PQftype(res, col), table = PQftable(res, col);
    int fmod = PQfmod(res, col), tcol = PQftablecol(res, col);
    long precision = 0, scale = 0;

    if (type == NUMERICOID) {
        numeric_typmod(fmod, &precision, &scale);
        if (!(c->f[F_PRECISION] = PyLong_FromLong(precision))
                || !(c->f[F_SCALE] = PyLong_FromLong(scale)))
            return -1;
    }
    if (!(c->f[F_TYPE_CODE] = PyLong_FromUnsignedLong(type)))
        return -1;
    if (!(c->f[F_INTERNAL_SIZE] = PyLong_FromLong(
            internal_size(type, PQfsize(res, col), fmod, precision))))
        return -1;
    /* 0 is InvalidOid / no table column: the column is an expression. */
    if (table != 0 && !(c->f[F_TABLE_OID] = PyLong_FromUnsignedLong(table)))
        return -1;
    if (tcol != 0 && !(c->f[F_TABLE_COLUMN] = PyLong_FromLong(tcol)))
        return -1;
    return 0;
}

PyObject *
psyco_column_new(connectionObject *conn, PGresult *res, int col)
{
    columnObject *c;
    const char *name = PQfname(res, col);

    if (!(c = PyObject_GC_New(columnObject, &columnType)))
        return NULL;
    memset(column_fields(c), 0, COLUMN_NFIELDS * sizeof(PyObject *));
    PyObject_GC_Track(c);
    /* Names come in the client encoding; a bad byte must never make the
     * fetch fail, hence "replace". */
    c->f[F_NAME] = PyUnicode_Decode(name, (Py_ssize_t)strlen(name),
                                    conn && conn->codec ? conn->codec : "utf_8",
                                    "replace");
    if (!c->f[F_NAME] || column_fill(c, res, col) < 0) {
        Py_DECREF(c);
        return NULL;
    }
    return (PyObject *)c;
}
