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

/* The rows go; description and rowcount stay. */
static void
curs_drop_rows(cursorObject *self)
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
    self->resrow = 0;
}

void
curs_clear_result(cursorObject *self)
{
    curs_drop_rows(self);
    Py_CLEAR(self->description);
}

/* What a statement the server refused leaves, as in psycopg2: no result,
 * an empty status message, rowcount -1. */
void
curs_reset_failed(cursorObject *self)
{
    PyObject *empty = PyUnicode_New(0, 0);   /* the cached "" */

    curs_clear_result(self);
    self->rowcount = -1;
    self->rownumber = 0;
    if (empty)
        Py_XSETREF(self->statusmessage, empty);
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

/* Rows are built column by column through a plan made once per fetch
 * call: the C function of each built-in caster is called directly (NULL:
 * the generic typecast_cast, for Python and array casters). */
typedef struct {
    typecast_cfunc fn;
    typecastObject *t;            /* borrowed from casts below */
} colplan;

/* Up to this many columns the plan is kept on the stack. */
#define PLAN_STACK 32

/* What one fetch call reads. Python code run by a caster or row_factory
 * may execute another query on this very cursor, which frees its result:
 * when it can run, the result and casters are taken from the cursor for
 * the duration of the fetch (detached), so that they stay valid here. */
typedef struct {
    PGresult *res;
    typecastObject **casts;
    int nfields;
    int factory;                  /* rows are made by row_factory */
    int detached;
    colplan *plan;
    colplan stackbuf[PLAN_STACK];
} fetchctx;

static int
fetch_make_plan(fetchctx *f)
{
    int i, python = f->factory;

    f->plan = f->stackbuf;
    if (f->nfields > PLAN_STACK
            && !(f->plan = PyMem_Calloc((size_t)f->nfields, sizeof *f->plan))) {
        PyErr_NoMemory();
        return -1;
    }
    for (i = 0; i < f->nfields; i++) {
        typecastObject *t = f->casts[i];
        f->plan[i].t = t;
        f->plan[i].fn = (t->ccast && !t->pcast && !t->bcast) ? t->ccast : NULL;
        python = python || f->plan[i].fn == NULL;
    }
    return python;
}

/* Prepare a fetch from the cursor's result. 0 on success. */
static int
fetch_begin(cursorObject *self, fetchctx *f)
{
    PyObject *desc;
    int python;

    f->res = self->pgres;
    f->casts = self->casts;
    f->nfields = self->nfields;
    f->factory = self->row_factory && self->row_factory != Py_None;
    f->detached = 0;
    if ((python = fetch_make_plan(f)) <= 0)
        return python;
    /* Python code may read the description: made now, while it can be. */
    if ((desc = curs_get_description(self)) == NULL)
        return -1;
    Py_DECREF(desc);
    self->pgres = NULL;
    self->casts = NULL;
    self->nfields = 0;
    f->detached = 1;
    return 0;
}

/* 1 if Python code ran another query on the cursor during the fetch. */
static int
fetch_disturbed(cursorObject *self, fetchctx *f)
{
    return f->detached && (self->pgres != NULL || self->casts != NULL);
}

/* Give the result back to the cursor, unless it has another one now. */
static void
fetch_end(cursorObject *self, fetchctx *f)
{
    int i;

    if (f->plan != f->stackbuf)
        PyMem_Free(f->plan);
    if (!f->detached)
        return;
    if (!fetch_disturbed(self, f)) {
        self->pgres = f->res;
        self->casts = f->casts;
        self->nfields = f->nfields;
        return;
    }
    PQclear(f->res);
    for (i = 0; i < f->nfields; i++)
        Py_XDECREF(f->casts[i]);
    PyMem_Free(f->casts);
}

/* The converted value of one field (a new reference). */
static inline PyObject *
fetch_value(cursorObject *self, const fetchctx *f, int row, int col)
{
    const colplan *c = &f->plan[col];
    const char *v = PQgetvalue(f->res, row, col);

    /* libpq gives "" for NULL: only an empty value needs the check. */
    if (v[0] == '\0' && PQgetisnull(f->res, row, col)) {
        if (c->fn)
            Py_RETURN_NONE;
        return typecast_cast(c->t, NULL, 0, self);  /* Python: gets None */
    }
    if (c->fn)
        return c->fn(v, PQgetlength(f->res, row, col), self);
    return typecast_cast(c->t, v, PQgetlength(f->res, row, col), self);
}

/* A row made by row_factory(cursor), filled by index (as psycopg2 does,
 * so that DictRow-like objects receive their values). */
static PyObject *
fetch_factory_row(cursorObject *self, const fetchctx *f, int row)
{
    PyObject *obj, *value, *index;
    int i, rv;

    obj = PyObject_CallOneArg(self->row_factory, (PyObject *)self);
    for (i = 0; obj && i < f->nfields; i++) {
        if ((value = fetch_value(self, f, row, i)) == NULL
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

/* 1 if the collector can never find a cycle through v (the type test
 * alone, inline, settles the usual int/str/float/datetime values). */
static inline int
value_is_atomic(PyObject *v)
{
    if (!PyType_IS_GC(Py_TYPE(v)))
        return 1;
#if PY_VERSION_HEX >= 0x03090000
    return !PyObject_GC_IsTracked(v);
#else
    return 0;
#endif
}

static PyObject *
fetch_tuple(cursorObject *self, const fetchctx *f, int row)
{
    int i, n = f->nfields, atomic = 1;
    PyObject *tuple, *value;

    if ((tuple = PyTuple_New(n)) == NULL)
        return NULL;
    for (i = 0; i < n; i++) {
        if ((value = fetch_value(self, f, row, i)) == NULL) {
            Py_DECREF(tuple);
            return NULL;
        }
        PyTuple_SET_ITEM(tuple, i, value);
        atomic = atomic && value_is_atomic(value);
    }
    /* What the collector itself does to such tuples at its first pass;
     * done now, a big result never costs it a traversal. */
    if (atomic)
        PyObject_GC_UnTrack(tuple);
    return tuple;
}

/* Row `row` of the fetch; consumed even if it fails (as in psycopg2). */
static PyObject *
fetch_row(cursorObject *self, fetchctx *f)
{
    int row = (int)self->resrow;
    PyObject *rv;

    rv = f->factory ? fetch_factory_row(self, f, row)
                    : fetch_tuple(self, f, row);
    if (fetch_disturbed(self, f)) {
        Py_XDECREF(rv);
        PyErr_SetString(psyco_state.ProgrammingError,
                        "the cursor ran another query while fetching");
        return NULL;
    }
    self->resrow++;
    self->rownumber++;
    return rv;
}

PyObject *
curs_next_row(cursorObject *self)
{
    fetchctx f;
    PyObject *rv = NULL;

    if (fetch_begin(self, &f) == 0)
        rv = fetch_row(self, &f);
    fetch_end(self, &f);
    return rv;
}

/* Below this many rows the collector is left alone (see below). */
#define GC_PAUSE_MIN_ROWS 256

/* 1 if building the rows runs no Python code: no row_factory, and every
 * caster C code alone. */
static int
fetch_runs_no_python(cursorObject *self, const fetchctx *f)
{
    int i;

    if (f->factory || f->detached)
        return 0;
    for (i = 0; i < f->nfields; i++)
        if (!typecast_runs_no_python(f->casts[i], self))
            return 0;
    return 1;
}

/* Building many rows allocates many tracked objects (tuples, and values
 * such as memoryviews): every few hundred the collector runs, finds
 * nothing to free (nothing is released here) and, as the list grows,
 * re-traverses every row built so far at each full collection. It is
 * paused for the loop when no Python code can run inside it (so nothing
 * else can see or change the collector's state), and resumed after: a
 * pending collection then happens once. Returns 1 if it paused it. */
static int
fetch_gc_pause(cursorObject *self, const fetchctx *f, long nrows)
{
#if PY_VERSION_HEX >= 0x030A0000
    if (nrows >= GC_PAUSE_MIN_ROWS && fetch_runs_no_python(self, f))
        return PyGC_Disable();
#else
    (void)self, (void)f, (void)nrows;
#endif
    return 0;
}

static void
fetch_gc_resume(int paused)
{
#if PY_VERSION_HEX >= 0x030A0000
    if (paused)
        PyGC_Enable();
#else
    (void)paused;
#endif
}

/* Fill list (of n NULL slots) with the next n rows. */
static int
fetch_fill(cursorObject *self, fetchctx *f, PyObject *list, long n)
{
    PyObject *row;
    long i;

    for (i = 0; i < n; i++) {
        if ((row = fetch_row(self, f)) == NULL)
            return -1;
        PyList_SET_ITEM(list, i, row);
    }
    return 0;
}

PyObject *
curs_fetch_rows(cursorObject *self, long size)
{
    fetchctx f;
    PyObject *list = NULL;
    long n = self->pgres ? PQntuples(self->pgres) - self->resrow : 0;
    int paused;

    if (n < 0)
        n = 0;
    if (size >= 0 && size < n)
        n = size;
    /* Sized now: a list grown row by row would be copied over and over. */
    if (fetch_begin(self, &f) == 0 && (list = PyList_New(n)) != NULL) {
        paused = fetch_gc_pause(self, &f, n);
        if (fetch_fill(self, &f, list, n) < 0)
            Py_CLEAR(list);     /* unfilled slots are NULL: that is fine */
        fetch_gc_resume(paused);
    }
    fetch_end(self, &f);
    return list;
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

/* The query as bytes, refusing what psycopg2 refuses before anything
 * changes on the cursor (None, an empty query, a wrong type). New bytes
 * or NULL. */
static PyObject *
curs_checked_query(cursorObject *self, PyObject *query)
{
    PyObject *qbytes;

    if (query == Py_None)
        return psyco_raise(psyco_state.ProgrammingError,
                           "can't execute an empty query");
    if ((qbytes = curs_query_bytes(self, query)) == NULL)
        return NULL;
    if (PyBytes_GET_SIZE(qbytes) == 0) {
        Py_DECREF(qbytes);
        return psyco_raise(psyco_state.ProgrammingError,
                           "can't execute an empty query");
    }
    return qbytes;
}

/* The checked query with vars merged in. New bytes or NULL. */
static PyObject *
curs_merge(cursorObject *self, PyObject *qbytes, PyObject *vars)
{
    /* The server may have changed standard_conforming_strings. */
    conn_refresh_equote(self->conn);
    return psyco_merge_query(qbytes, vars, self->conn);
}

/* The query with vars merged in, as execute() would send it (before any
 * DECLARE). New bytes or NULL. */
PyObject *
curs_mogrify(cursorObject *self, PyObject *query, PyObject *vars)
{
    PyObject *qbytes = curs_checked_query(self, query), *merged;

    if (qbytes == NULL)
        return NULL;
    merged = curs_merge(self, qbytes, vars);
    Py_DECREF(qbytes);
    return merged;
}

/* After parameters that could not be merged, as psycopg2: the old rows
 * can no longer be fetched, though description and rowcount still
 * describe them. Keeps the pending exception. */
static void
curs_forget_rows(cursorObject *self)
{
    PyObject *type, *value, *tb, *desc;

    PyErr_Fetch(&type, &value, &tb);
    /* made now, from the rows, for it outlives them */
    if ((desc = curs_get_description(self)) == NULL)
        PyErr_Clear();
    Py_XDECREF(desc);
    curs_drop_rows(self);
    PyErr_Restore(type, value, tb);
}

int
curs_execute(cursorObject *self, PyObject *query, PyObject *vars)
{
    PyObject *qbytes, *merged, *sent = NULL;
    int rv = -1;

    if ((qbytes = curs_checked_query(self, query)) == NULL)
        return -1;
    /* Until the query is sent, there is no "last query". */
    Py_XSETREF(self->query, Py_NewRef(Py_None));
    merged = curs_merge(self, qbytes, vars);
    Py_DECREF(qbytes);
    if (merged == NULL) {
        curs_forget_rows(self);
        goto exit;
    }
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
