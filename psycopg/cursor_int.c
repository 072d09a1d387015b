/* cursor_int.c - cursor logic: results, rows, execute (no argument
 * parsing). */
#include "psycopg.h"
#include "cursor.h"
#include "pqpath.h"
#include "typecast.h"
#include "microprotocols.h"
#include "error.h"
#include "utils.h"

#include <stdlib.h>

void
curs_clear_result(cursorObject *self)
{
    int i;

    if (self->casts) {
        for (i = 0; i < self->nfields; i++)
            Py_XDECREF(self->casts[i]);
        PyMem_Free(self->casts);
        self->casts = NULL;
    }
    self->nfields = 0;
    if (self->pgres) {
        PQclear(self->pgres);
        self->pgres = NULL;
    }
    Py_CLEAR(self->description);
    self->resrow = 0;
}

/* Resolve the typecaster of every column once for this result. */
static int
curs_resolve_casts(cursorObject *self)
{
    int i, n = PQnfields(self->pgres);

    self->casts = PyMem_Calloc(n ? (size_t)n : 1, sizeof(typecastObject *));
    if (self->casts == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    self->nfields = n;
    for (i = 0; i < n; i++) {
        self->casts[i] = typecast_lookup(self, PQftype(self->pgres, i));
        if (self->casts[i] == NULL)
            return -1;
    }
    return 0;
}

/* The status message as a str (None if empty). */
static int
curs_set_statusmessage(cursorObject *self, PGresult *res)
{
    const char *status = PQcmdStatus(res);

    Py_CLEAR(self->statusmessage);
    if (status == NULL || *status == '\0')
        self->statusmessage = Py_NewRef(Py_None);
    else
        self->statusmessage = conn_decode(self->conn, status,
                                          (Py_ssize_t)strlen(status));
    return self->statusmessage ? 0 : -1;
}

/* Takes ownership of res. */
int
curs_set_result(cursorObject *self, PGresult *res)
{
    const char *tuples;

    curs_clear_result(self);
    self->pgres = res;
    self->rownumber = 0;
    self->lastoid = PQoidValue(res);
    if (curs_set_statusmessage(self, res) < 0)
        return -1;
    if (PQresultStatus(res) == PGRES_TUPLES_OK) {
        self->notuples = 0;
        self->rowcount = PQntuples(res);
        return curs_resolve_casts(self);
    }
    self->notuples = 1;
    tuples = PQcmdTuples(res);
    self->rowcount = (tuples && *tuples) ? atol(tuples) : -1;
    return 0;
}

/* The converted value of one field (a new reference). */
static inline PyObject *
curs_field_value(cursorObject *self, long row, int col)
{
    PGresult *res = self->pgres;

    if (PQgetisnull(res, (int)row, col))
        return typecast_cast(self->casts[col], NULL, 0, self);
    return typecast_cast(self->casts[col], PQgetvalue(res, (int)row, col),
                         PQgetlength(res, (int)row, col), self);
}

/* A row made by row_factory(cursor), filled by index (as psycopg2 does,
 * so that DictRow-like objects receive their values). */
static PyObject *
curs_build_factory_row(cursorObject *self, long row)
{
    PyObject *obj, *value, *index;
    int i, rv;

    obj = PyObject_CallOneArg(self->row_factory, (PyObject *)self);
    for (i = 0; obj && i < self->nfields; i++) {
        if ((value = curs_field_value(self, row, i)) == NULL
                || (index = PyLong_FromLong(i)) == NULL) {
            Py_XDECREF(value);
            Py_CLEAR(obj);
            break;
        }
        rv = PyObject_SetItem(obj, index, value);
        Py_DECREF(index);
        Py_DECREF(value);
        if (rv < 0)
            Py_CLEAR(obj);
    }
    return obj;
}

/* Build result row `row`: a tuple, or what row_factory makes. */
PyObject *
curs_build_row(cursorObject *self, long row)
{
    int i, n = self->nfields;
    PyObject *tuple, *value;

    if (self->row_factory && self->row_factory != Py_None)
        return curs_build_factory_row(self, row);
    if ((tuple = PyTuple_New(n)) == NULL)
        return NULL;
    for (i = 0; i < n; i++) {
        if ((value = curs_field_value(self, row, i)) == NULL) {
            Py_DECREF(tuple);
            return NULL;
        }
        PyTuple_SET_ITEM(tuple, i, value);
    }
    return tuple;
}

int
curs_check_fetchable(cursorObject *self)
{
    if (self->pgres == NULL || self->notuples) {
        if (self->name && !self->declared)
            PyErr_SetString(psyco_state.ProgrammingError,
                            "can't fetch from a named cursor before executing");
        else
            PyErr_SetString(psyco_state.ProgrammingError,
                            "no results to fetch");
        return -1;
    }
    return 0;
}

PyObject *
curs_get_description(cursorObject *self)
{
    PyObject *desc, *col;
    int i, n;

    if (self->description)
        return Py_NewRef(self->description);
    if (self->pgres == NULL || PQresultStatus(self->pgres) != PGRES_TUPLES_OK)
        Py_RETURN_NONE;
    n = PQnfields(self->pgres);
    if ((desc = PyTuple_New(n)) == NULL)
        return NULL;
    for (i = 0; i < n; i++) {
        if ((col = psyco_column_new(self->conn, self->pgres, i)) == NULL) {
            Py_DECREF(desc);
            return NULL;
        }
        PyTuple_SET_ITEM(desc, i, col);
    }
    self->description = desc;
    return Py_NewRef(desc);
}

/* Named cursors without hold die with the transaction they belong to
 * (the one open when they were created or executed). */
static int
curs_named_valid(cursorObject *self)
{
    if (!self->withhold && self->mark != self->conn->mark) {
        PyErr_SetString(psyco_state.ProgrammingError,
                        "named cursor isn't valid anymore");
        return -1;
    }
    return 0;
}

/* Checks before DECLARE: a cursor without hold needs a transaction. */
static int
curs_named_can_declare(cursorObject *self)
{
    if (curs_named_valid(self) < 0)
        return -1;
    if (self->conn->autocommit && !self->withhold) {
        PyErr_SetString(psyco_state.ProgrammingError,
                        "can't use a named cursor outside of transactions");
        return -1;
    }
    return 0;
}

/* `head` followed by the quoted cursor name, into buf; -1 if too long. */
static int
curs_named_statement(cursorObject *self, char *buf, size_t size,
                     const char *head)
{
    size_t hlen = strlen(head), nlen = strlen(self->qname);

    if (hlen + nlen + 1 > size) {
        PyErr_SetString(psyco_state.ProgrammingError, "cursor name too long");
        return -1;
    }
    memcpy(buf, head, hlen);
    memcpy(buf + hlen, self->qname, nlen + 1);
    return 0;
}

/* query as bytes in the connection encoding: str, bytes or a Composable
 * (anything with as_string(context)). */
PyObject *
curs_query_bytes(cursorObject *self, PyObject *query)
{
    PyObject *str, *rv;

    if (PyBytes_Check(query))
        return Py_NewRef(query);
    if (PyUnicode_Check(query))
        return conn_encode(self->conn, query);
    if (PyObject_HasAttrString(query, "as_string")) {
        str = PyObject_CallMethod(query, "as_string", "O", (PyObject *)self);
        if (str == NULL)
            return NULL;
        rv = curs_query_bytes(self, str);
        Py_DECREF(str);
        return rv;
    }
    PyErr_Format(PyExc_TypeError,
                 "argument 1 must be a string or unicode object: got %s instead",
                 Py_TYPE(query)->tp_name);
    return NULL;
}

/* DECLARE statement wrapping the merged query of a named cursor. */
static PyObject *
curs_declare_statement(cursorObject *self, PyObject *merged)
{
    psyco_buf b;

    buf_init(&b);
    if (buf_append_str(&b, "DECLARE ") < 0
            || buf_append_str(&b, self->qname) < 0
            || buf_append_str(&b, self->scrollable == -1 ? ""
                    : self->scrollable ? " SCROLL" : " NO SCROLL") < 0
            || buf_append_str(&b, " CURSOR ") < 0
            || buf_append_str(&b, self->withhold ? "WITH HOLD"
                                                 : "WITHOUT HOLD") < 0
            || buf_append_str(&b, " FOR ") < 0
            || buf_append_bytes(&b, merged) < 0) {
        buf_free(&b);
        return NULL;
    }
    return buf_to_bytes(&b);
}

/* The query with vars merged in, as execute() would send it (before any
 * DECLARE): refuses empty queries, as psycopg2. New bytes or NULL. */
PyObject *
curs_mogrify(cursorObject *self, PyObject *query, PyObject *vars)
{
    PyObject *qbytes, *merged = NULL;

    if (query == Py_None)
        return psyco_raise(psyco_state.ProgrammingError,
                           "can't execute an empty query");
    if ((qbytes = curs_query_bytes(self, query)) == NULL)
        return NULL;
    if (PyBytes_GET_SIZE(qbytes) == 0)
        PyErr_SetString(psyco_state.ProgrammingError,
                        "can't execute an empty query");
    else {
        /* The server may have changed standard_conforming_strings. */
        conn_refresh_equote(self->conn);
        merged = psyco_merge_query(qbytes, vars, self->conn);
    }
    Py_DECREF(qbytes);
    return merged;
}

int
curs_execute(cursorObject *self, PyObject *query, PyObject *vars)
{
    PyObject *merged = NULL, *sent = NULL;
    int rv = -1;

    /* Until the query is sent, there is no "last query". */
    Py_XSETREF(self->query, Py_NewRef(Py_None));
    if ((merged = curs_mogrify(self, query, vars)) == NULL)
        goto exit;
    if (self->name) {
        if (curs_named_can_declare(self) < 0
                || (sent = curs_declare_statement(self, merged)) == NULL)
            goto exit;
    }
    else
        sent = Py_NewRef(merged);
    Py_XSETREF(self->query, Py_NewRef(sent));
    curs_clear_result(self);
    if (pq_execute(self, PyBytes_AS_STRING(sent)) < 0)
        goto exit;
    if (self->name) {
        /* DECLARE carries no rows: the first FETCH brings them. */
        self->declared = 1;
        self->mark = self->conn->mark;
        self->rowcount = -1;
        curs_clear_result(self);
    }
    rv = 0;
exit:
    Py_XDECREF(merged);
    Py_XDECREF(sent);
    return rv;
}

/* Each FETCH result becomes the current result set: rowcount and
 * rownumber then describe that batch, as in psycopg2. */
int
curs_named_fetch(cursorObject *self, long count)
{
    char head[64], stmt[256];

    if (curs_named_valid(self) < 0)
        return -1;
    if (count < 0)
        strcpy(head, "FETCH FORWARD ALL FROM ");
    else
        snprintf(head, sizeof head, "FETCH FORWARD %ld FROM ", count);
    if (curs_named_statement(self, stmt, sizeof stmt, head) < 0)
        return -1;
    return pq_execute(self, stmt);
}

/* Server-side cursors move with MOVE; any mode but "absolute" is taken
 * as relative there, as psycopg2 does. */
static int
curs_named_scroll(cursorObject *self, long value, int absolute)
{
    char head[64], stmt[256];

    if (curs_named_valid(self) < 0)
        return -1;
    snprintf(head, sizeof head, "MOVE %s%ld FROM ",
             absolute ? "ABSOLUTE " : "", value);
    if (curs_named_statement(self, stmt, sizeof stmt, head) < 0)
        return -1;
    if (pq_execute(self, stmt) < 0)
        return -1;
    /* The MOVE result holds no rows: the next fetch runs FETCH. */
    curs_clear_result(self);
    return 0;
}

int
curs_scroll(cursorObject *self, long value, const char *mode)
{
    int absolute = strcmp(mode, "absolute") == 0;
    long target, nrows;

    if (self->name)
        return curs_named_scroll(self, value, absolute);
    if (!absolute && strcmp(mode, "relative") != 0) {
        PyErr_SetString(psyco_state.ProgrammingError,
                        "scroll mode must be 'relative' or 'absolute'");
        return -1;
    }
    if (curs_check_fetchable(self) < 0)
        return -1;
    nrows = PQntuples(self->pgres);
    target = absolute ? value : self->rownumber + value;
    if (target < 0 || target >= nrows) {
        PyErr_SetString(psyco_state.ProgrammingError,
                        "scroll destination out of bounds");
        return -1;
    }
    self->rownumber = self->resrow = target;
    return 0;
}

int
curs_close(cursorObject *self)
{
    connectionObject *conn = self->conn;
    char stmt[256];
    int rv = 0;

    if (self->closed)
        return 0;
    /* Close the server-side cursor while it still exists; in a failed
     * transaction the server refuses every statement, so skip it. */
    if (self->name && self->declared && conn && conn->closed == 0
            && conn->pgconn
            && PQtransactionStatus(conn->pgconn) != PQTRANS_INERROR
            && (self->withhold || self->mark == conn->mark)
            && curs_named_statement(self, stmt, sizeof stmt, "CLOSE ") == 0)
        rv = pq_execute_command(conn, stmt, self);
    /* The last result stays readable (description, rowcount). */
    self->closed = 1;
    return rv;
}
