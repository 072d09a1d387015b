/* xid_type.c - psycopg2.extensions.Xid: a transaction id of two-phase
 * commit (see xid.h for the string forms). */
#include "psycopg.h"
#include "xid.h"

#include <limits.h>

/* PostgreSQL transaction ids are at most 200 bytes: two parts of 64
 * characters (88 in base64) and a format id fit. */
#define XID_PART_MAX 64

/* gtrid and bqual: printable ASCII, XID_PART_MAX characters at most. */
static int
xid_check_part(PyObject *s, const char *name)
{
    Py_ssize_t i, n = PyUnicode_GET_LENGTH(s);
    Py_UCS4 ch;

    if (n > XID_PART_MAX) {
        PyErr_Format(PyExc_ValueError,
                     "%s must be a string no longer than 64 characters", name);
        return -1;
    }
    for (i = 0; i < n; i++) {
        ch = PyUnicode_READ_CHAR(s, i);
        if (ch < 0x20 || ch > 0x7e) {
            PyErr_Format(PyExc_ValueError,
                         "%s must contain only printable characters.", name);
            return -1;
        }
    }
    return 0;
}

/* A new Xid with the given parts (borrowed), checked by the caller. */
static xidObject *
xid_alloc(PyTypeObject *type, PyObject *format_id, PyObject *gtrid,
          PyObject *bqual)
{
    xidObject *self = (xidObject *)type->tp_alloc(type, 0);

    if (self == NULL)
        return NULL;
    self->format_id = Py_NewRef(format_id);
    self->gtrid = Py_NewRef(gtrid);
    self->bqual = Py_NewRef(bqual);
    self->prepared = Py_NewRef(Py_None);
    self->owner = Py_NewRef(Py_None);
    self->database = Py_NewRef(Py_None);
    return self;
}

/* Everything is set here, so that no Xid exists half made (psycopg2
 * crashes on an Xid made by __new__ alone). */
static PyObject *
xid_new(PyTypeObject *type, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"format_id", "gtrid", "bqual", NULL};
    int format_id;
    PyObject *gtrid, *bqual, *fid;
    xidObject *self;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "iUU", kwlist,
            &format_id, &gtrid, &bqual))
        return NULL;
    if (format_id < 0) {
        PyErr_SetString(PyExc_ValueError,
                        "format_id must be a non-negative 32-bit integer");
        return NULL;
    }
    if (xid_check_part(gtrid, "gtrid") < 0
            || xid_check_part(bqual, "bqual") < 0)
        return NULL;
    if ((fid = PyLong_FromLong(format_id)) == NULL)
        return NULL;
    self = xid_alloc(type, fid, gtrid, bqual);
    Py_DECREF(fid);
    return (PyObject *)self;
}

/* --- string forms ------------------------------------------------------ */

/* The standard base64 of the UTF-8 bytes of s, as a str. */
static PyObject *
base64_str(PyObject *s)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const unsigned char *p;
    Py_ssize_t n, i, j = 0;
    unsigned long v;
    Py_UCS1 *out;
    PyObject *rv;

    if ((p = (const unsigned char *)PyUnicode_AsUTF8AndSize(s, &n)) == NULL)
        return NULL;
    if ((rv = PyUnicode_New((n + 2) / 3 * 4, 127)) == NULL)
        return NULL;
    out = PyUnicode_1BYTE_DATA(rv);
    for (i = 0; i < n; i += 3) {
        v = (unsigned long)p[i] << 16;
        if (i + 1 < n)
            v |= (unsigned long)p[i + 1] << 8;
        if (i + 2 < n)
            v |= p[i + 2];
        out[j++] = alphabet[(v >> 18) & 63];
        out[j++] = alphabet[(v >> 12) & 63];
        out[j++] = i + 1 < n ? alphabet[(v >> 6) & 63] : '=';
        out[j++] = i + 2 < n ? alphabet[v & 63] : '=';
    }
    return rv;
}

PyObject *
xid_get_tid(xidObject *self)
{
    PyObject *g = NULL, *b = NULL, *rv = NULL;

    if (self->format_id == Py_None)
        return Py_NewRef(self->gtrid);
    if ((g = base64_str(self->gtrid)) != NULL
            && (b = base64_str(self->bqual)) != NULL)
        rv = PyUnicode_FromFormat("%S_%U_%U", self->format_id, g, b);
    Py_XDECREF(g);
    Py_XDECREF(b);
    return rv;
}

/* One base64 part of a transaction id, decoded to a str. Like psycopg2,
 * binascii's lenient decoder (characters outside the alphabet skipped);
 * ValueError if it is not valid or not ASCII. */
static PyObject *
decode_part(PyObject *part)
{
    PyObject *binascii, *raw, *rv;

    if ((binascii = PyImport_ImportModule("binascii")) == NULL)
        return NULL;
    raw = PyObject_CallMethod(binascii, "a2b_base64", "O", part);
    Py_DECREF(binascii);
    if (raw == NULL)
        return NULL;
    rv = PyUnicode_DecodeASCII(PyBytes_AS_STRING(raw), PyBytes_GET_SIZE(raw),
                               "strict");
    Py_DECREF(raw);
    return rv;
}

/* Non-empty and made of decimal digits only (any script, as \d). */
static int
is_decimal(PyObject *s)
{
    Py_ssize_t i, n = PyUnicode_GET_LENGTH(s);

    for (i = 0; i < n; i++)
        if (!Py_UNICODE_ISDECIMAL(PyUnicode_READ_CHAR(s, i)))
            return 0;
    return n > 0;
}

/* The format id of a parsed id: its int if in range, NULL (no exception
 * unless out of memory) otherwise. */
static PyObject *
parse_format_id(PyObject *digits)
{
    PyObject *fid;
    long v;
    int overflow;

    if (!is_decimal(digits)
            || (fid = PyLong_FromUnicodeObject(digits, 10)) == NULL)
        return NULL;
    v = PyLong_AsLongAndOverflow(fid, &overflow);
    if (!overflow && v >= 0 && v <= INT_MAX)
        return fid;
    Py_DECREF(fid);
    return NULL;
}

/* The Xid of "<format_id>_<b64 gtrid>_<b64 bqual>" with valid parts;
 * NULL otherwise, with ValueError, or no exception at all. */
static xidObject *
xid_parse(PyObject *s)
{
    PyObject *sep, *parts, *fid = NULL, *gtrid = NULL, *bqual = NULL;
    xidObject *rv = NULL;

    if ((sep = PyUnicode_FromString("_")) == NULL)
        return NULL;
    parts = PyUnicode_Split(s, sep, -1);
    Py_DECREF(sep);
    if (parts == NULL || PyList_GET_SIZE(parts) != 3)
        goto exit;
    if ((fid = parse_format_id(PyList_GET_ITEM(parts, 0))) == NULL
            || (gtrid = decode_part(PyList_GET_ITEM(parts, 1))) == NULL
            || (bqual = decode_part(PyList_GET_ITEM(parts, 2))) == NULL)
        goto exit;
    if (xid_check_part(gtrid, "gtrid") == 0
            && xid_check_part(bqual, "bqual") == 0)
        rv = xid_alloc(&xidType, fid, gtrid, bqual);
exit:
    Py_XDECREF(parts);
    Py_XDECREF(fid);
    Py_XDECREF(gtrid);
    Py_XDECREF(bqual);
    return rv;
}

xidObject *
xid_from_string(PyObject *s)
{
    xidObject *rv;

    /* psycopg2 also takes bytes, giving an Xid whose gtrid is bytes:
     * refused here (a transaction id is text). */
    if (!PyUnicode_Check(s)) {
        PyErr_SetString(PyExc_TypeError, "not a valid transaction id");
        return NULL;
    }
    if ((rv = xid_parse(s)) != NULL)
        return rv;
    if (PyErr_Occurred()) {
        if (!PyErr_ExceptionMatches(PyExc_ValueError))
            return NULL;
        PyErr_Clear();
    }
    /* Not an XA id: keep the whole string. */
    return xid_alloc(&xidType, Py_None, s, Py_None);
}

xidObject *
xid_ensure(PyObject *obj)
{
    if (PyObject_TypeCheck(obj, &xidType))
        return (xidObject *)Py_NewRef(obj);
    return xid_from_string(obj);
}

/* --- Python interface -------------------------------------------------- */

#define xid_from_string_doc \
"from_string(s) -> Xid -- the Xid of a transaction id string: parsed if\n" \
"it was made from an Xid, else unparsed (format_id and bqual None, gtrid\n" \
"the whole string)."

static PyObject *
psyco_xid_from_string(PyObject *dummy PSYCO_UNUSED, PyObject *s)
{
    return (PyObject *)xid_from_string(s);
}

static PyObject *
xid_str(xidObject *self)
{
    return xid_get_tid(self);
}

static PyObject *
xid_repr(xidObject *self)
{
    if (self->format_id == Py_None)
        return PyUnicode_FromFormat("<Xid: %R (unparsed)>", self->gtrid);
    return PyUnicode_FromFormat("<Xid: (%R, %R, %R)>", self->format_id,
                                self->gtrid, self->bqual);
}

static Py_ssize_t
xid_len(xidObject *self PSYCO_UNUSED)
{
    return 3;
}

/* Unpacks as (format_id, gtrid, bqual). */
static PyObject *
xid_getitem(xidObject *self, Py_ssize_t i)
{
    switch (i) {
    case 0:
        return Py_NewRef(self->format_id);
    case 1:
        return Py_NewRef(self->gtrid);
    case 2:
        return Py_NewRef(self->bqual);
    default:
        PyErr_SetString(PyExc_IndexError, "index out of range");
        return NULL;
    }
}

static PySequenceMethods xid_as_sequence = {
    .sq_length = (lenfunc)xid_len,
    .sq_item = (ssizeargfunc)xid_getitem,
};

static PyMethodDef xid_methods[] = {
    {"from_string", (PyCFunction)psyco_xid_from_string, METH_O | METH_STATIC,
     xid_from_string_doc},
    {NULL, NULL, 0, NULL}
};

static struct PyMemberDef xid_members[] = {
    {"format_id", T_OBJECT, offsetof(xidObject, format_id), READONLY,
     "Format ID of an XA transaction id (None if unparsed)."},
    {"gtrid", T_OBJECT, offsetof(xidObject, gtrid), READONLY,
     "Global transaction id (the whole id if unparsed)."},
    {"bqual", T_OBJECT, offsetof(xidObject, bqual), READONLY,
     "Branch qualifier (None if unparsed)."},
    {"prepared", T_OBJECT, offsetof(xidObject, prepared), READONLY,
     "When the transaction was prepared (tpc_recover() only)."},
    {"owner", T_OBJECT, offsetof(xidObject, owner), READONLY,
     "The user who prepared the transaction (tpc_recover() only)."},
    {"database", T_OBJECT, offsetof(xidObject, database), READONLY,
     "The database of the transaction (tpc_recover() only)."},
    {NULL, 0, 0, 0, NULL}
};

static int
xid_traverse(xidObject *self, visitproc visit, void *arg)
{
    Py_VISIT(self->format_id);
    Py_VISIT(self->gtrid);
    Py_VISIT(self->bqual);
    Py_VISIT(self->prepared);
    Py_VISIT(self->owner);
    Py_VISIT(self->database);
    return 0;
}

/* No tp_clear: like a tuple, an Xid is immutable and its own fields
 * (ints, strs, a datetime) cannot lead back to it. */
static void
xid_dealloc(xidObject *self)
{
    PyObject_GC_UnTrack(self);
    Py_XDECREF(self->format_id);
    Py_XDECREF(self->gtrid);
    Py_XDECREF(self->bqual);
    Py_XDECREF(self->prepared);
    Py_XDECREF(self->owner);
    Py_XDECREF(self->database);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

#define xid_doc \
"Xid(format_id, gtrid, bqual) -- a transaction id of two-phase commit.\n\n" \
"Made by connection.xid() and returned by connection.tpc_recover(); it\n" \
"unpacks as (format_id, gtrid, bqual) and its str() is the transaction\n" \
"id sent to the server."

PyTypeObject xidType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "psycopg2.extensions.Xid",
    .tp_basicsize = sizeof(xidObject),
    .tp_dealloc = (destructor)xid_dealloc,
    .tp_repr = (reprfunc)xid_repr,
    .tp_as_sequence = &xid_as_sequence,
    .tp_str = (reprfunc)xid_str,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = xid_doc,
    .tp_traverse = (traverseproc)xid_traverse,
    .tp_methods = xid_methods,
    .tp_members = xid_members,
    .tp_new = xid_new,
};
