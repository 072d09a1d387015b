/* typecast.c - the typecaster type (psycopg2._psycopg.type), the built-in
 * casters and the registry lookup.
 */
#include "typecast_int.h"

/* object life ------------------------------------------------------------- */

typecastObject *
typecast_create(PyObject *name, PyObject *values, typecast_cfunc ccast,
                PyObject *pcast, typecastObject *bcast)
{
    typecastObject *self = PyObject_GC_New(typecastObject, &typecastType);

    if (self == NULL)
        return NULL;
    self->name = Py_NewRef(name);
    self->values = Py_NewRef(values);
    self->ccast = ccast;
    self->pcast = Py_XNewRef(pcast);
    self->bcast = (typecastObject *)Py_XNewRef((PyObject *)bcast);
    PyObject_GC_Track(self);
    return self;
}

static int
typecast_traverse(typecastObject *self, visitproc visit, void *arg)
{
    Py_VISIT(self->name);
    Py_VISIT(self->values);
    Py_VISIT(self->pcast);
    Py_VISIT((PyObject *)self->bcast);
    return 0;
}

static int
typecast_clear(typecastObject *self)
{
    Py_CLEAR(self->name);
    Py_CLEAR(self->values);
    Py_CLEAR(self->pcast);
    Py_CLEAR(self->bcast);
    return 0;
}

static void
typecast_dealloc(typecastObject *self)
{
    PyObject_GC_UnTrack(self);
    typecast_clear(self);
    PyObject_GC_Del(self);
}

static PyObject *
typecast_repr(typecastObject *self)
{
    return PyUnicode_FromFormat("<%s '%U' at %p>", Py_TYPE(self)->tp_name,
                                self->name, self);
}

/* comparison -------------------------------------------------------------- */

/* 1 if v is one of self's OIDs, 0 if not, -1 on error. */
static int
typecast_has_value(typecastObject *self, PyObject *v)
{
    return PySequence_Contains(self->values, v);
}

/* Two casters match when they share an OID; anything else is turned into
 * an int (int() rules, errors included) and matched against the OIDs. */
static int
typecast_matches(typecastObject *self, PyObject *other)
{
    PyObject *v;
    Py_ssize_t i;
    int rv;

    if (PyObject_TypeCheck(other, &typecastType)) {
        PyObject *ov = ((typecastObject *)other)->values;
        for (i = 0; i < PyTuple_GET_SIZE(ov); i++) {
            rv = typecast_has_value(self, PyTuple_GET_ITEM(ov, i));
            if (rv != 0)
                return rv;
        }
        return 0;
    }
    if (!(v = PyNumber_Long(other)))
        return -1;
    rv = typecast_has_value(self, v);
    Py_DECREF(v);
    return rv;
}

/* psycopg2 semantics: == is "matches", every other operator (even < and
 * >) is "does not match". This keeps `INTEGER == 23` and `23 != INTEGER`
 * as DB-API type objects expect. */
static PyObject *
typecast_richcompare(PyObject *self, PyObject *other, int op)
{
    int m = typecast_matches((typecastObject *)self, other);

    if (m < 0)
        return NULL;
    return PyBool_FromLong(op == Py_EQ ? m : !m);
}

/* calling from Python -------------------------------------------------- */

static cursorObject *
as_cursor(PyObject *obj)
{
    return PyObject_TypeCheck(obj, &cursorType) ? (cursorObject *)obj : NULL;
}

/* A Python caster gets the value as str: bytes are decoded. */
static PyObject *
call_python(typecastObject *self, PyObject *value, PyObject *cursor)
{
    PyObject *str, *rv;

    if (PyUnicode_Check(value))
        return PyObject_CallFunctionObjArgs(self->pcast, value, cursor, NULL);
    if (!PyBytes_Check(value))
        return PyErr_Format(PyExc_TypeError,
                            "a bytes-like object is required, not '%s'",
                            Py_TYPE(value)->tp_name);
    str = conn_decode(typecast_conn(as_cursor(cursor)),
                      PyBytes_AS_STRING(value), PyBytes_GET_SIZE(value));
    if (!str)
        return NULL;
    rv = PyObject_CallFunctionObjArgs(self->pcast, str, cursor, NULL);
    Py_DECREF(str);
    return rv;
}

/* A C caster (or array) gets bytes: str is encoded as the connection
 * would have sent it. */
static PyObject *
call_c(typecastObject *self, PyObject *value, cursorObject *curs)
{
    PyObject *bytes, *rv;

    if (PyUnicode_Check(value)) {
        if (!(bytes = conn_encode(typecast_conn(curs), value)))
            return NULL;
    }
    else if (PyBytes_Check(value))
        bytes = Py_NewRef(value);
    else
        return PyErr_Format(PyExc_TypeError,
                            "a bytes-like object is required, not '%s'",
                            Py_TYPE(value)->tp_name);
    rv = typecast_cast(self, PyBytes_AS_STRING(bytes),
                       PyBytes_GET_SIZE(bytes), curs);
    Py_DECREF(bytes);
    return rv;
}

/* caster(value, cursor): value is str, bytes or None (None -> None). */
static PyObject *
typecast_call(typecastObject *self, PyObject *args,
              PyObject *kwds PSYCO_UNUSED)
{
    PyObject *value, *cursor;

    if (!PyArg_ParseTuple(args, "OO", &value, &cursor))
        return NULL;
    if (value == Py_None)
        Py_RETURN_NONE;
    if (self->pcast)
        return call_python(self, value, cursor);
    return call_c(self, value, as_cursor(cursor));
}

/* casting from C ------------------------------------------------------------ */

static PyObject *
cast_python(typecastObject *t, const char *s, Py_ssize_t len,
            cursorObject *curs)
{
    PyObject *str, *rv;
    PyObject *cursor = curs ? (PyObject *)curs : Py_None;

    if (s == NULL)
        str = Py_NewRef(Py_None);
    else if (!(str = conn_decode(typecast_conn(curs), s, len)))
        return NULL;
    rv = PyObject_CallFunctionObjArgs(t->pcast, str, cursor, NULL);
    Py_DECREF(str);
    return rv;
}

PyObject *
typecast_cast_slow(typecastObject *t, const char *s, Py_ssize_t len,
                   cursorObject *curs)
{
    if (t->pcast)
        return cast_python(t, s, len, curs);
    if (!t->bcast && !t->ccast)     /* new_type() without castobj */
        return psyco_raise(psyco_state.Error,
                           "internal error: no casting function found");
    if (s == NULL)
        Py_RETURN_NONE;
    if (t->bcast)
        return typecast_array_cast(t->bcast, s, len, curs);
    return t->ccast(s, len, curs);
}

int
typecast_runs_no_python(typecastObject *t, cursorObject *curs)
{
    connectionObject *conn = typecast_conn(curs);

    while (t->bcast && !t->pcast)       /* an array: its elements decide */
        t = t->bcast;
    if (t->pcast || !t->ccast)
        return 0;
    /* Text is decoded by the connection: a codec of the codecs module
     * may be written in Python. */
    if (conn && !conn->cdecoder)
        return 0;
    if (t->ccast == typecast_JSON_cast)
        return typecast_json_is_c();
    if (t->ccast == typecast_DECIMAL_cast)
        return typecast_decimal_is_c();
    if (t->ccast == typecast_DATETIMETZ_cast || t->ccast == typecast_TIME_cast
            || t->ccast == typecast_DATETIME_cast)
        return typecast_tz_is_c(curs);
    return 1;
}

/* registry lookup -------------------------------------------------------- */

/* Borrowed caster for key in dict d (NULL dict allowed); NULL if absent
 * or on error (check PyErr_Occurred). Non-caster values are ignored. */
static PyObject *
lookup_in(PyObject *d, PyObject *key)
{
    PyObject *v;

    if (d == NULL || !PyDict_Check(d))
        return NULL;
    v = PyDict_GetItemWithError(d, key);
    if (v && !PyObject_TypeCheck(v, &typecastType))
        return NULL;
    return v;
}

typecastObject *
typecast_lookup(cursorObject *curs, Oid oid)
{
    PyObject *key, *v = NULL;

    if (!(key = PyLong_FromUnsignedLong(oid)))
        return NULL;
    if (curs)
        v = lookup_in(curs->string_types, key);
    if (!v && !PyErr_Occurred() && curs && curs->conn)
        v = lookup_in(curs->conn->string_types, key);
    if (!v && !PyErr_Occurred())
        v = lookup_in(psyco_state.string_types, key);
    Py_DECREF(key);
    if (PyErr_Occurred())
        return NULL;
    if (!v)
        v = (PyObject *)psyco_state.default_cast;
    return (typecastObject *)Py_NewRef(v);
}

/* new_type / new_array_type --------------------------------------------- */

PyObject *
typecast_new_type(PyObject *self PSYCO_UNUSED, PyObject *args,
                  PyObject *kwds)
{
    static char *kwlist[] = {"values", "name", "castobj", NULL};
    PyObject *values, *name = NULL, *castobj = NULL;

    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O!|O!O", kwlist,
                                     &PyTuple_Type, &values,
                                     &PyUnicode_Type, &name, &castobj))
        return NULL;
    if (name == NULL)
        return psyco_raise(PyExc_TypeError,
                           "Expected bytes or unicode string, "
                           "got NoneType instead");
    if (castobj == Py_None)
        castobj = NULL;
    return (PyObject *)typecast_create(name, values, NULL, castobj, NULL);
}

PyObject *
typecast_new_array_type(PyObject *self PSYCO_UNUSED, PyObject *args,
                        PyObject *kwds)
{
    static char *kwlist[] = {"values", "name", "baseobj", NULL};
    PyObject *values, *name, *base;

    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O!O!O!", kwlist,
                                     &PyTuple_Type, &values,
                                     &PyUnicode_Type, &name,
                                     &typecastType, &base))
        return NULL;
    return (PyObject *)typecast_create(name, values, NULL, NULL,
                                       (typecastObject *)base);
}

/* the type ------------------------------------------------------------------ */

static PyMemberDef typecast_members[] = {
    {"name", T_OBJECT, offsetof(typecastObject, name), READONLY, NULL},
    {"values", T_OBJECT, offsetof(typecastObject, values), READONLY, NULL},
    {NULL, 0, 0, 0, NULL}
};

#define typecast_doc "psycopg type-casting object"

/* tp_richcompare without tp_hash: the type is unhashable, as in psycopg2
 * (its equality with ints could not agree with any hash). */
PyTypeObject typecastType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = PSYCO_MODNAME ".type",
    .tp_basicsize = sizeof(typecastObject),
    .tp_dealloc = (destructor)typecast_dealloc,
    .tp_repr = (reprfunc)typecast_repr,
    .tp_call = (ternaryfunc)typecast_call,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = typecast_doc,
    .tp_traverse = (traverseproc)typecast_traverse,
    .tp_clear = (inquiry)typecast_clear,
    .tp_richcompare = typecast_richcompare,
    .tp_members = typecast_members,
};

/* built-in casters ------------------------------------------------------- */

typedef struct {
    const char *name;
    const Oid *oids;          /* 0-terminated */
    typecast_cfunc cast;      /* scalar: its C function */
    const char *base;         /* array: the name of its element caster */
    int flags;
} typecast_def;

#define TC_EXPORT 1           /* a psycopg2._psycopg attribute */
#define TC_REGISTER 2         /* in string_types under its OIDs */
#define TC_BOTH (TC_EXPORT | TC_REGISTER)

#define OIDS(...) ((const Oid[]){__VA_ARGS__, 0})

/* Names, OIDs and registration as in psycopg2 2.9. Where OIDs overlap
 * (STRING/UNICODE/BYTES, DATE/PYDATE, ...) only one caster is registered.
 * JSON casters are registered but not exported: psycopg2 exposes them
 * from psycopg2.extensions (the Python layer). Scalars come before the
 * arrays that use them. */
static const typecast_def builtin_defs[] = {
    {"BOOLEAN", OIDS(16), typecast_BOOLEAN_cast, NULL, TC_BOTH},
    {"BINARY", OIDS(17), typecast_BINARY_cast, NULL, TC_BOTH},
    {"UNICODE", OIDS(19, 18, 25, 1042, 1043), typecast_STRING_cast, NULL, TC_EXPORT},
    {"BYTES", OIDS(19, 18, 25, 1042, 1043), typecast_BYTES_cast, NULL, TC_EXPORT},
    {"STRING", OIDS(19, 18, 25, 1042, 1043), typecast_STRING_cast, NULL, TC_BOTH},
    {"LONGINTEGER", OIDS(20), typecast_INTEGER_cast, NULL, TC_BOTH},
    {"INTEGER", OIDS(23, 21), typecast_INTEGER_cast, NULL, TC_BOTH},
    {"NUMBER", OIDS(20, 23, 21, 701, 700, 1700), typecast_FLOAT_cast, NULL, TC_EXPORT},
    {"ROWID", OIDS(26), typecast_INTEGER_cast, NULL, TC_BOTH},
    {"FLOAT", OIDS(701, 700), typecast_FLOAT_cast, NULL, TC_BOTH},
    {"DECIMAL", OIDS(1700), typecast_DECIMAL_cast, NULL, TC_BOTH},
    {"UNKNOWN", OIDS(705), typecast_STRING_cast, NULL, TC_BOTH},
    {"JSON", OIDS(114), typecast_JSON_cast, NULL, TC_REGISTER},
    {"JSONB", OIDS(3802), typecast_JSON_cast, NULL, TC_REGISTER},
    {"PYDATE", OIDS(1082), typecast_DATE_cast, NULL, TC_EXPORT},
    {"DATE", OIDS(1082), typecast_DATE_cast, NULL, TC_BOTH},
    {"PYTIME", OIDS(1083, 1266), typecast_TIME_cast, NULL, TC_EXPORT},
    {"TIME", OIDS(1083, 1266), typecast_TIME_cast, NULL, TC_BOTH},
    {"PYDATETIME", OIDS(1114), typecast_DATETIME_cast, NULL, TC_EXPORT},
    {"DATETIME", OIDS(1114), typecast_DATETIME_cast, NULL, TC_BOTH},
    {"PYDATETIMETZ", OIDS(1184), typecast_DATETIMETZ_cast, NULL, TC_EXPORT},
    {"DATETIMETZ", OIDS(1184), typecast_DATETIMETZ_cast, NULL, TC_BOTH},
    {"PYINTERVAL", OIDS(704, 1186), typecast_INTERVAL_cast, NULL, TC_EXPORT},
    {"INTERVAL", OIDS(704, 1186), typecast_INTERVAL_cast, NULL, TC_BOTH},

    {"BOOLEANARRAY", OIDS(1000), NULL, "BOOLEAN", TC_BOTH},
    {"BINARYARRAY", OIDS(1001), NULL, "BINARY", TC_BOTH},
    {"UNICODEARRAY", OIDS(1002, 1003, 1009, 1014, 1015), NULL, "UNICODE", TC_EXPORT},
    {"BYTESARRAY", OIDS(1002, 1003, 1009, 1014, 1015), NULL, "BYTES", TC_EXPORT},
    {"STRINGARRAY", OIDS(1002, 1003, 1009, 1014, 1015), NULL, "STRING", TC_BOTH},
    {"LONGINTEGERARRAY", OIDS(1016), NULL, "LONGINTEGER", TC_BOTH},
    {"INTEGERARRAY", OIDS(1005, 1006, 1007), NULL, "INTEGER", TC_BOTH},
    {"ROWIDARRAY", OIDS(1028, 1013), NULL, "ROWID", TC_BOTH},
    {"FLOATARRAY", OIDS(1021, 1022), NULL, "FLOAT", TC_BOTH},
    {"DECIMALARRAY", OIDS(1231), NULL, "DECIMAL", TC_BOTH},
    {"INETARRAY", OIDS(1041), NULL, "UNICODE", TC_BOTH},
    {"CIDRARRAY", OIDS(651), NULL, "UNICODE", TC_BOTH},
    {"MACADDRARRAY", OIDS(1040), NULL, "UNICODE", TC_BOTH},
    {"JSONARRAY", OIDS(199), NULL, "JSON", TC_REGISTER},
    {"JSONBARRAY", OIDS(3807), NULL, "JSONB", TC_REGISTER},
    {"PYDATEARRAY", OIDS(1182), NULL, "PYDATE", TC_EXPORT},
    {"DATEARRAY", OIDS(1182), NULL, "DATE", TC_BOTH},
    {"PYTIMEARRAY", OIDS(1183, 1270), NULL, "PYTIME", TC_EXPORT},
    {"TIMEARRAY", OIDS(1183, 1270), NULL, "TIME", TC_BOTH},
    {"PYDATETIMEARRAY", OIDS(1115), NULL, "PYDATETIME", TC_EXPORT},
    {"DATETIMEARRAY", OIDS(1115), NULL, "DATETIME", TC_BOTH},
    {"PYDATETIMETZARRAY", OIDS(1185), NULL, "PYDATETIMETZ", TC_EXPORT},
    {"DATETIMETZARRAY", OIDS(1185), NULL, "DATETIMETZ", TC_BOTH},
    {"PYINTERVALARRAY", OIDS(1187), NULL, "PYINTERVAL", TC_EXPORT},
    {"INTERVALARRAY", OIDS(1187), NULL, "INTERVAL", TC_BOTH},
    {NULL, NULL, NULL, NULL, 0}
};

static PyObject *
oids_tuple(const Oid *oids)
{
    Py_ssize_t n = 0, i;
    PyObject *t;

    while (oids[n])
        n++;
    if (!(t = PyTuple_New(n)))
        return NULL;
    for (i = 0; i < n; i++) {
        PyObject *v = PyLong_FromUnsignedLong(oids[i]);
        if (!v) {
            Py_DECREF(t);
            return NULL;
        }
        PyTuple_SET_ITEM(t, i, v);
    }
    return t;
}

/* Build one caster; `made` (name -> caster) supplies array bases. */
static typecastObject *
build_caster(const typecast_def *def, PyObject *made)
{
    PyObject *name = NULL, *values = NULL, *base = NULL;
    typecastObject *rv = NULL;

    if (def->base && !(base = PyDict_GetItemString(made, def->base))) {
        PyErr_Format(PyExc_SystemError, "typecaster %s defined before %s",
                     def->name, def->base);
        goto exit;
    }
    if (!(name = PyUnicode_FromString(def->name)))
        goto exit;
    if (!(values = oids_tuple(def->oids)))
        goto exit;
    rv = typecast_create(name, values, def->cast, NULL,
                         (typecastObject *)base);   /* base: borrowed */

exit:
    Py_XDECREF(name);
    Py_XDECREF(values);
    return rv;
}

/* Register t in dict d under each of its OIDs. */
static int
register_caster(PyObject *d, typecastObject *t)
{
    Py_ssize_t i;

    for (i = 0; i < PyTuple_GET_SIZE(t->values); i++)
        if (PyDict_SetItem(d, PyTuple_GET_ITEM(t->values, i),
                           (PyObject *)t) < 0)
            return -1;
    return 0;
}

static int
add_caster(PyObject *module, PyObject *made, const typecast_def *def)
{
    typecastObject *t;
    int rv = -1;

    if (!(t = build_caster(def, made)))
        return -1;
    if (PyDict_SetItemString(made, def->name, (PyObject *)t) < 0)
        goto exit;
    if ((def->flags & TC_REGISTER)
        && register_caster(psyco_state.string_types, t) < 0)
        goto exit;
    if ((def->flags & TC_EXPORT)
        && PyModule_AddObjectRef(module, def->name, (PyObject *)t) < 0)
        goto exit;
    rv = 0;

exit:
    Py_DECREF(t);
    return rv;
}

/* The caster for OIDs in no registry: text as str. Not exported. */
static int
make_default_cast(void)
{
    PyObject *name = NULL, *values = NULL;
    int rv = -1;

    if (!(name = PyUnicode_FromString("DEFAULT")))
        goto exit;
    if (!(values = PyTuple_New(0)))
        goto exit;
    psyco_state.default_cast =
        typecast_create(name, values, typecast_STRING_cast, NULL, NULL);
    if (psyco_state.default_cast)
        rv = 0;

exit:
    Py_XDECREF(name);
    Py_XDECREF(values);
    return rv;
}

static int
make_registries(PyObject *module)
{
    if (!(psyco_state.string_types = PyDict_New()))
        return -1;
    if (!(psyco_state.binary_types = PyDict_New()))
        return -1;
    if (PyModule_AddObjectRef(module, "string_types",
                              psyco_state.string_types) < 0)
        return -1;
    return PyModule_AddObjectRef(module, "binary_types",
                                 psyco_state.binary_types);
}

int
typecast_init(PyObject *module)
{
    PyObject *made = NULL;
    const typecast_def *def;
    int rv = -1;

    if (PyType_Ready(&typecastType) < 0)
        goto exit;
    if (typecast_datetime_init() < 0)
        goto exit;
    if (make_registries(module) < 0 || make_default_cast() < 0)
        goto exit;
    if (!(made = PyDict_New()))
        goto exit;
    for (def = builtin_defs; def->name; def++)
        if (add_caster(module, made, def) < 0)
            goto exit;
    rv = 0;

exit:
    Py_XDECREF(made);
    return rv;
}
