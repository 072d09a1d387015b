/* adapter_list.c - List: a Python list as an ARRAY[...] constructor.
 *
 * psycopg2's rules, kept byte for byte:
 *   []                      -> '{}'     (an untyped empty array literal)
 *   nested []               -> ARRAY[]
 *   only NULLs (at any depth, e.g. [None], [[None], None])
 *                           -> '{NULL,...}' / '{{NULL},NULL}': ARRAY[NULL]
 *                              would have no element type;
 *   otherwise               -> ARRAY[a,b,...], an all-NULL sublist kept as
 *                              its quoted '{...}' literal.
 */
#include "psycopg.h"
#include "adapters.h"

/* Write the all-NULL form of a list known to hold only None and such lists;
 * `nested` lists are written without the surrounding quotes. */
static int
list_write_nulls(psyco_buf *buf, PyObject *list, int nested)
{
    Py_ssize_t i;
    PyObject *item;

    if (!nested && buf_append_char(buf, '\'') < 0)
        return -1;
    if (buf_append_char(buf, '{') < 0)
        return -1;
    for (i = 0; i < PyList_GET_SIZE(list); i++) {
        item = PyList_GET_ITEM(list, i);
        if (i > 0 && buf_append_char(buf, ',') < 0)
            return -1;
        if (item == Py_None) {
            if (buf_append(buf, "NULL", 4) < 0)
                return -1;
        }
        else if (list_write_nulls(buf, item, 1) < 0)
            return -1;
    }
    if (buf_append_char(buf, '}') < 0)
        return -1;
    return nested ? 0 : buf_append_char(buf, '\'');
}

/* One element in ARRAY form. Returns 1 if it counts as NULL for the
 * all-NULL rule, 0 if not, -1 on error. */
static int
list_write_item(psyco_buf *buf, PyObject *item, connectionObject *conn)
{
    if (item == Py_None)
        return buf_append(buf, "NULL", 4) < 0 ? -1 : 1;
    if (PyList_Check(item))
        return list_write(buf, item, conn, 1);
    return microprotocol_quote_item(buf, item, conn, 0) < 0 ? -1 : 0;
}

static int
list_write_array(psyco_buf *buf, PyObject *list, connectionObject *conn)
{
    Py_ssize_t i;
    PyObject *item;
    int all_null = 1, r;

    if (buf_append(buf, "ARRAY[", 6) < 0)
        return -1;
    /* Re-read the size: an element's adapter may run Python code. */
    for (i = 0; i < PyList_GET_SIZE(list); i++) {
        if (i > 0 && buf_append_char(buf, ',') < 0)
            return -1;
        item = Py_NewRef(PyList_GET_ITEM(list, i));
        r = list_write_item(buf, item, conn);
        Py_DECREF(item);
        if (r < 0)
            return -1;
        if (r == 0)
            all_null = 0;
    }
    if (buf_append_char(buf, ']') < 0)
        return -1;
    return all_null;
}

int
list_write(psyco_buf *buf, PyObject *list, connectionObject *conn,
           int nested)
{
    Py_ssize_t start = buf->len;
    int r;

    if (PyList_GET_SIZE(list) == 0)
        return nested ? buf_append(buf, "ARRAY[]", 7) : buf_append(buf, "'{}'", 4);
    if (Py_EnterRecursiveCall(" while quoting a list"))
        return -1;
    r = list_write_array(buf, list, conn);
    Py_LeaveRecursiveCall();
    if (r != 1)
        return r;
    /* Only NULLs: no Python code ran for them, so rewrite in place. Even
     * nested, the literal is quoted: inside ARRAY[...] it stays a string;
     * if the enclosing list is all NULLs too, it rewrites everything. */
    buf->len = start;
    return list_write_nulls(buf, list, 0) < 0 ? -1 : 1;
}

static int
list_writer(psyco_buf *buf, adapterObject *self)
{
    return list_write(buf, self->wrapped, (connectionObject *)self->conn, 0)
        < 0 ? -1 : 0;
}

static PyObject *
list_getquoted(PyObject *self, PyObject *args PSYCO_UNUSED)
{
    adapterObject *a = (adapterObject *)self;

    if (a->wrapped == NULL)
        return PyBytes_FromString("NULL");
    return adapter_getquoted_with(a, list_writer);
}

static int
list_init(PyObject *self, PyObject *args, PyObject *kwds PSYCO_UNUSED)
{
    PyObject *obj;

    if (!PyArg_ParseTuple(args, "O!", &PyList_Type, &obj))
        return -1;
    Py_XSETREF(((adapterObject *)self)->wrapped, Py_NewRef(obj));
    return 0;
}

static PyMethodDef list_methods[] = {
    {"getquoted", list_getquoted, METH_NOARGS,
     "getquoted() -> wrapped object value as SQL date/time"},
    {"prepare", adapter_prepare, METH_VARARGS,
     "prepare(conn) -> set encoding to conn->encoding"},
    ADAPTER_CONFORM_METHOD,
    {NULL, NULL, 0, NULL}
};

ADAPTER_TYPE(listType, "psycopg2._psycopg.List",
             "List(list) -> new list wrapper object",
             list_methods, adapter_adapted_member, NULL);

int
adapter_list_init(PyObject *module)
{
    listType.tp_init = list_init;
    return adapter_add_type(module, "List", &listType);
}
