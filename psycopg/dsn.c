/* dsn.c - connection strings: parsing with libpq, hiding the password,
 * and quote_ident (which needs a connection's escaping rules). */
#include "psycopg.h"
#include "dsn.h"
#include "utils.h"
#include "connection.h"
#include "cursor.h"

/* Parse with libpq; on failure raise ProgrammingError "invalid dsn: ...". */
static PQconninfoOption *
parse_or_raise(const char *dsn)
{
    char *err = NULL;
    PQconninfoOption *opts = PQconninfoParse(dsn, &err);

    if (opts == NULL) {
        if (err) {
            PyErr_Format(psyco_state.ProgrammingError, "invalid dsn: %s", err);
            PQfreemem(err);
        }
        else
            PyErr_NoMemory();
    }
    return opts;
}

/* Append value quoted as libpq wants it when it needs quoting. */
static int
append_value(psyco_buf *b, const char *v)
{
    int quote = *v == '\0' || strpbrk(v, " \t\n\r\\'") != NULL;

    if (!quote)
        return buf_append_str(b, v);
    if (buf_append_char(b, '\'') < 0)
        return -1;
    for (; *v; v++) {
        if ((*v == '\'' || *v == '\\') && buf_append_char(b, '\\') < 0)
            return -1;
        if (buf_append_char(b, *v) < 0)
            return -1;
    }
    return buf_append_char(b, '\'');
}

PyObject *
psyco_dsn_hidden(const char *dsn)
{
    PQconninfoOption *opts, *o;
    psyco_buf b;
    PyObject *bytes, *rv = NULL;
    int err = 0;

    if ((opts = parse_or_raise(dsn)) == NULL)
        return NULL;
    /* Without a password the string is shown as given (URLs stay URLs). */
    for (o = opts; o->keyword; o++)
        if (strcmp(o->keyword, "password") == 0 && o->val != NULL)
            break;
    if (o->keyword == NULL) {
        PQconninfoFree(opts);
        return PyUnicode_DecodeUTF8(dsn, (Py_ssize_t)strlen(dsn), "replace");
    }
    buf_init(&b);
    for (o = opts; o->keyword && !err; o++) {
        if (o->val == NULL)
            continue;
        err = (b.len && buf_append_char(&b, ' ') < 0)
            || buf_append_str(&b, o->keyword) < 0
            || buf_append_char(&b, '=') < 0
            || append_value(&b, strcmp(o->keyword, "password") == 0
                                ? "xxx" : o->val) < 0;
    }
    PQconninfoFree(opts);
    if (err) {
        buf_free(&b);
        return NULL;
    }
    if ((bytes = buf_to_bytes(&b)) != NULL) {
        rv = PyUnicode_DecodeUTF8(PyBytes_AS_STRING(bytes),
                                  PyBytes_GET_SIZE(bytes), "replace");
        Py_DECREF(bytes);
    }
    return rv;
}

PyObject *
psyco_options_dict(PQconninfoOption *opts, int hide_password)
{
    PQconninfoOption *o;
    PyObject *d = PyDict_New(), *v;

    for (o = opts; d && o->keyword; o++) {
        if (o->val == NULL
                || (hide_password && strcmp(o->keyword, "password") == 0))
            continue;
        v = PyUnicode_FromString(o->val);
        if (v == NULL || PyDict_SetItemString(d, o->keyword, v) < 0)
            Py_CLEAR(d);
        Py_XDECREF(v);
    }
    return d;
}

#define parse_dsn_doc \
"parse_dsn(dsn) -> dict -- the options of a connection string or URL."

PyObject *
psyco_parse_dsn(PyObject *self PSYCO_UNUSED, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"dsn", NULL};
    PyObject *dsn_obj, *bytes = NULL, *d = NULL;
    PQconninfoOption *opts = NULL;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O", kwlist, &dsn_obj))
        return NULL;
    if (PyUnicode_Check(dsn_obj))
        bytes = PyUnicode_AsUTF8String(dsn_obj);
    else if (PyBytes_Check(dsn_obj))
        bytes = Py_NewRef(dsn_obj);
    else
        PyErr_Format(PyExc_TypeError,
                     "Expected bytes or unicode string, got %s instead",
                     Py_TYPE(dsn_obj)->tp_name);
    if (bytes == NULL)
        return NULL;
    if ((opts = parse_or_raise(PyBytes_AS_STRING(bytes))) != NULL)
        d = psyco_options_dict(opts, 0);
    if (opts)
        PQconninfoFree(opts);
    Py_DECREF(bytes);
    return d;
}

/* The connection behind a connection-or-cursor scope, borrowed. */
static connectionObject *
scope_connection(PyObject *scope)
{
    if (PyObject_TypeCheck(scope, &connectionType))
        return (connectionObject *)scope;
    if (PyObject_TypeCheck(scope, &cursorType))
        return ((cursorObject *)scope)->conn;
    PyErr_SetString(PyExc_TypeError,
                    "argument 2 must be a connection or a cursor");
    return NULL;
}

#define quote_ident_doc \
"quote_ident(str, scope) -> str -- quote an identifier for a connection."

PyObject *
psyco_quote_ident(PyObject *self PSYCO_UNUSED, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"ident", "scope", NULL};
    PyObject *ident, *scope, *bytes = NULL, *rv = NULL;
    connectionObject *conn;
    char *quoted;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OO", kwlist, &ident,
            &scope))
        return NULL;
    if ((conn = scope_connection(scope)) == NULL)
        return NULL;
    EXC_IF_CONN_CLOSED(conn);
    if (PyUnicode_Check(ident))
        bytes = conn_encode(conn, ident);
    else if (PyBytes_Check(ident))
        bytes = Py_NewRef(ident);
    else
        PyErr_Format(PyExc_TypeError,
                     "Expected bytes or unicode string, got %s instead",
                     Py_TYPE(ident)->tp_name);
    if (bytes == NULL)
        return NULL;
    quoted = PQescapeIdentifier(conn->pgconn, PyBytes_AS_STRING(bytes),
                                (size_t)PyBytes_GET_SIZE(bytes));
    if (quoted == NULL) {
        PyErr_SetString(psyco_state.ProgrammingError,
                        PQerrorMessage(conn->pgconn));
        goto exit;
    }
    rv = conn_decode(conn, quoted, (Py_ssize_t)strlen(quoted));
    PQfreemem(quoted);
exit:
    Py_DECREF(bytes);
    return rv;
}
