/* psycopgmodule.c - the psycopg2._psycopg module: wires the types,
 * registries and exceptions together and defines the module functions.
 *
 * Multi-phase init with static types: the state is process-wide, built by
 * the first exec; loading the module again under another name (e.g.
 * `import _psycopg` from inside the package directory) fills the new module
 * with the same objects. */
#include "psycopg.h"
#include "connection.h"
#include "cursor.h"
#include "typecast.h"
#include "microprotocols.h"
#include "error.h"
#include "notify.h"
#include "dsn.h"
#include "lobject.h"
#include "xid.h"
#include "replication.h"

#ifndef PSYCOPG_VERSION
#define PSYCOPG_VERSION "2.9.10 (dt dec pq3 ext lo64)"
#endif

psyco_state_t psyco_state;

/* The first module object built; later loads copy its namespace. */
static PyObject *first_module = NULL;

#define connect_doc \
"_connect(dsn, connection_factory=None, async_=False) -- open a connection."

static PyObject *
psyco_connect(PyObject *self PSYCO_UNUSED, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"dsn", "connection_factory", "async", "async_",
                             NULL};
    PyObject *dsn, *factory = Py_None;
    int async_ = 0, async_kw = 0;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|Opp", kwlist, &dsn,
            &factory, &async_, &async_kw))
        return NULL;
    if (factory == Py_None)
        factory = (PyObject *)&connectionType;
    if (async_ || async_kw)
        return PyObject_CallFunction(factory, "Oi", dsn, 1);
    return PyObject_CallOneArg(factory, dsn);
}

#define set_wait_callback_doc \
"set_wait_callback(f) -- green mode: f(conn) waits for every operation\n" \
"of a connection (calling conn.poll()) instead of blocking. None: off."

static PyObject *
psyco_set_wait_callback(PyObject *self PSYCO_UNUSED, PyObject *f)
{
    /* Stricter than psycopg2, which accepts anything and fails later. */
    if (f != Py_None && !PyCallable_Check(f)) {
        PyErr_Format(PyExc_TypeError,
                     "the wait callback must be callable or None, not %s",
                     Py_TYPE(f)->tp_name);
        return NULL;
    }
    Py_XSETREF(psyco_state.wait_callback, f == Py_None ? NULL : Py_NewRef(f));
    Py_RETURN_NONE;
}

#define get_wait_callback_doc \
"get_wait_callback() -- the wait callback of green mode, or None."

static PyObject *
psyco_get_wait_callback(PyObject *self PSYCO_UNUSED,
                        PyObject *dummy PSYCO_UNUSED)
{
    if (psyco_state.wait_callback == NULL)
        Py_RETURN_NONE;
    return Py_NewRef(psyco_state.wait_callback);
}

#define libpq_version_doc "libpq_version() -> int -- the libpq in use."

static PyObject *
psyco_libpq_version(PyObject *self PSYCO_UNUSED, PyObject *dummy PSYCO_UNUSED)
{
    return PyLong_FromLong(PQlibVersion());
}

/* The dict of string typecasters for a registration scope. */
static PyObject *
scope_string_types(PyObject *scope)
{
    PyObject **slot;

    if (scope == NULL || scope == Py_None)
        return psyco_state.string_types;
    if (PyObject_TypeCheck(scope, &connectionType))
        slot = &((connectionObject *)scope)->string_types;
    else if (PyObject_TypeCheck(scope, &cursorType))
        slot = &((cursorObject *)scope)->string_types;
    else {
        PyErr_SetString(PyExc_TypeError,
                        "argument 2 must be a connection, cursor or None");
        return NULL;
    }
    if (*slot == NULL)
        *slot = PyDict_New();
    return *slot;
}

#define register_type_doc \
"register_type(obj, conn_or_curs=None) -- register a typecaster."

static PyObject *
psyco_register_type(PyObject *self PSYCO_UNUSED, PyObject *args)
{
    PyObject *caster, *scope = NULL, *types, *oid;
    Py_ssize_t i;

    if (!PyArg_ParseTuple(args, "O!|O", &typecastType, &caster, &scope))
        return NULL;
    if ((types = scope_string_types(scope)) == NULL)
        return NULL;
    for (i = 0; i < PyTuple_GET_SIZE(((typecastObject *)caster)->values);
            i++) {
        oid = PyTuple_GET_ITEM(((typecastObject *)caster)->values, i);
        if (PyDict_SetItem(types, oid, caster) < 0)
            return NULL;
    }
    Py_RETURN_NONE;
}

static PyMethodDef psyco_methods[] = {
    {"_connect", (PyCFunction)(void (*)(void))psyco_connect,
     METH_VARARGS | METH_KEYWORDS, connect_doc},
    {"parse_dsn", (PyCFunction)(void (*)(void))psyco_parse_dsn,
     METH_VARARGS | METH_KEYWORDS,
     "parse_dsn(dsn) -> dict -- the options of a connection string or URL."},
    {"quote_ident", (PyCFunction)(void (*)(void))psyco_quote_ident,
     METH_VARARGS | METH_KEYWORDS,
     "quote_ident(str, scope) -> str -- quote an SQL identifier."},
    {"libpq_version", (PyCFunction)psyco_libpq_version, METH_NOARGS,
     libpq_version_doc},
    {"set_wait_callback", (PyCFunction)psyco_set_wait_callback, METH_O,
     set_wait_callback_doc},
    {"get_wait_callback", (PyCFunction)psyco_get_wait_callback, METH_NOARGS,
     get_wait_callback_doc},
    {"encrypt_password", (PyCFunction)(void (*)(void))psyco_encrypt_password,
     METH_VARARGS | METH_KEYWORDS,
     "encrypt_password(password, user, scope=None, algorithm=None) -> str"},
    {"register_type", (PyCFunction)psyco_register_type, METH_VARARGS,
     register_type_doc},
    {"adapt", (PyCFunction)psyco_microprotocols_adapt, METH_VARARGS,
     "adapt(obj, protocol=ISQLQuote, alternate=None) -- the adapter of obj."},
    {"new_type", (PyCFunction)(void (*)(void))typecast_new_type,
     METH_VARARGS | METH_KEYWORDS,
     "new_type(oids, name, castobj=None) -- a new typecaster."},
    {"new_array_type", (PyCFunction)(void (*)(void))typecast_new_array_type,
     METH_VARARGS | METH_KEYWORDS,
     "new_array_type(oids, name, base_caster) -- a new array typecaster."},
    {NULL, NULL, 0, NULL}
};

/* Import module `mod` and return its attribute `attr` (new reference). */
static PyObject *
import_attr(const char *mod, const char *attr)
{
    PyObject *m = PyImport_ImportModule(mod), *rv;

    if (m == NULL)
        return NULL;
    rv = PyObject_GetAttrString(m, attr);
    Py_DECREF(m);
    return rv;
}

PyObject *
psyco_json_loads(void)
{
    /* Imported on first use: importing json at module load would find
     * the package's own _json.py when the module is loaded from inside
     * the package directory, shadowing the stdlib's _json. */
    if (psyco_state.json_loads == NULL)
        psyco_state.json_loads = import_attr("json", "loads");
    return psyco_state.json_loads;
}

/* The ident of the thread that runs signal handlers: Ctrl-C is only
 * looked for there while waiting for the server. */
static int
init_main_thread(void)
{
    PyObject *thread = NULL, *ident = NULL, *main_thread;

    if ((main_thread = import_attr("threading", "main_thread")) == NULL)
        return -1;
    thread = PyObject_CallNoArgs(main_thread);
    Py_DECREF(main_thread);
    if (thread != NULL)
        ident = PyObject_GetAttrString(thread, "ident");
    Py_XDECREF(thread);
    if (ident == NULL)
        return -1;
    psyco_state.main_thread = PyLong_AsUnsignedLong(ident);
    Py_DECREF(ident);
    return PyErr_Occurred() ? -1 : 0;
}

static int
init_cached_objects(void)
{
    if (init_main_thread() < 0)
        return -1;
    psyco_state.decimal_type = import_attr("decimal", "Decimal");
    psyco_state.timezone_type = import_attr("datetime", "timezone");
    return (psyco_state.decimal_type && psyco_state.timezone_type) ? 0 : -1;
}

static int
add_constants(PyObject *m)
{
    int lv = PQlibVersion();
    PyObject *encodings;

    if (PyModule_AddStringConstant(m, "apilevel", "2.0") < 0
            || PyModule_AddIntConstant(m, "threadsafety", 2) < 0
            || PyModule_AddStringConstant(m, "paramstyle", "pyformat") < 0
            || PyModule_AddStringConstant(m, "__version__", PSYCOPG_VERSION) < 0
            || PyModule_AddIntConstant(m, "__libpq_version__", lv) < 0)
        return -1;
    if ((encodings = conn_encodings_dict()) == NULL)
        return -1;
    return PyModule_AddObject(m, "encodings", encodings) < 0
        ? (Py_DECREF(encodings), -1) : 0;
}

/* Large objects and the transaction ids of two-phase commit. */
static int
add_lotpc_types(PyObject *m)
{
    if (PyType_Ready(&lobjectType) < 0 || PyType_Ready(&xidType) < 0)
        return -1;
    if (PyModule_AddObjectRef(m, "lobject", (PyObject *)&lobjectType) < 0
            || PyModule_AddObjectRef(m, "Xid", (PyObject *)&xidType) < 0)
        return -1;
    return 0;
}

static int
add_types(PyObject *m)
{
    if (add_lotpc_types(m) < 0)
        return -1;
    if (PyType_Ready(&connectionType) < 0 || PyType_Ready(&cursorType) < 0
            || PyType_Ready(&notifyType) < 0)
        return -1;
    if (PyModule_AddObjectRef(m, "connection", (PyObject *)&connectionType) < 0
            || PyModule_AddObjectRef(m, "cursor", (PyObject *)&cursorType) < 0
            || PyModule_AddObjectRef(m, "Notify", (PyObject *)&notifyType) < 0)
        return -1;
    return 0;
}

static int
psyco_exec(PyObject *m)
{
    if (first_module) {
        /* Same process, another name: share the one state. */
        return PyDict_Update(PyModule_GetDict(m),
                             PyModule_GetDict(first_module));
    }
    if (init_cached_objects() < 0 || error_init(m) < 0 || add_types(m) < 0
            || typecast_init(m) < 0 || microprotocols_init(m) < 0
            || add_constants(m) < 0 || replication_init(m) < 0)
        return -1;
    first_module = Py_NewRef(m);
    return 0;
}

static PyModuleDef_Slot psyco_slots[] = {
    {Py_mod_exec, (void *)psyco_exec},
    {0, NULL}
};

static struct PyModuleDef psyco_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "_psycopg",
    .m_doc = "psycopg2-cluster: the C core of the PostgreSQL driver.",
    .m_size = 0,
    .m_methods = psyco_methods,
    .m_slots = psyco_slots,
};

PyMODINIT_FUNC
PyInit__psycopg(void)
{
    return PyModuleDef_Init(&psyco_module);
}
