/* cursor_many.c - executemany(): one statement per parameter set.
 *
 * psycopg2 runs them one by one, a network round trip each. Inside a
 * transaction, a single INSERT/UPDATE/DELETE/MERGE is instead merged with
 * many parameter sets at once and the statements, joined by ';', go to
 * the server as one simple-protocol query (pq_execute_batch): one round
 * trip per batch, and the server parses the batch in one go. Each
 * statement still gets its own result, so the outcome is psycopg2's: the
 * server stops at the first error, the transaction is then failed, and
 * rowcount is the sum of the counts. Outside a transaction (autocommit)
 * each statement must commit on its own and a failure must stop the rest,
 * which a multi-statement query cannot give (it is one implicit
 * transaction), so those run one by one; so do other statements (several
 * in one template, or ones with results that matter).
 *
 * The cursor is left as psycopg2 leaves it: query, statusmessage and
 * lastrowid of the last statement that ran (query None when a parameter
 * set failed to merge; the failing statement when the server refused it),
 * no result to fetch, and an empty parameter list changes nothing but
 * rowcount.
 */
#include "psycopg.h"
#include "cursor.h"
#include "pqpath.h"
#include "microprotocols.h"
#include "utils.h"

#include <ctype.h>

/* A batch ends at this many statements or bytes, whichever comes first:
 * enough to make the round trips negligible, small enough to bound the
 * memory of the client and of the server (which parses it whole). */
#define BATCH_MAX_STMTS 1000
#define BATCH_MAX_BYTES (1 << 20)

/* Between statements: the newline ends a trailing "--" comment. */
#define BATCH_SEP "\n;"

/* Sum of counts: -1 as soon as one statement has none. */
static long
add_count(long total, long count)
{
    return (total < 0 || count < 0) ? -1 : total + count;
}

static int
executemany_one_by_one(cursorObject *self, PyObject *query, PyObject *iter,
                       long *total, int *ran)
{
    PyObject *vars;

    while ((vars = PyIter_Next(iter)) != NULL) {
        int rv = curs_execute(self, query, vars);

        Py_DECREF(vars);
        (*ran)++;
        if (rv < 0)
            return -1;
        *total = add_count(*total, self->rowcount);
    }
    return PyErr_Occurred() ? -1 : 0;
}

/* A single data-changing statement (a trailing ';' allowed), nothing else
 * in the string: one statement, one result. */
static int
is_batchable(PyObject *qbytes)
{
    static const char *verbs[] = {"INSERT", "UPDATE", "DELETE", "MERGE", NULL};
    const char *q = PyBytes_AS_STRING(qbytes), *semi;
    size_t len;
    int i;

    while (isspace((unsigned char)*q))
        q++;
    if ((semi = strchr(q, ';')) != NULL)
        for (semi++; *semi; semi++)
            if (!isspace((unsigned char)*semi))
                return 0;
    for (i = 0; verbs[i]; i++) {
        len = strlen(verbs[i]);
        if (strncasecmp(q, verbs[i], len) == 0 && isspace((unsigned char)q[len]))
            return 1;
    }
    return 0;
}

/* The statements of one batch, joined in sql; statement i is
 * sql.data[start[i] : start[i + 1] - strlen(BATCH_SEP)]. */
typedef struct {
    psyco_buf sql;
    Py_ssize_t start[BATCH_MAX_STMTS + 1];
    int n;
} batch;

/* Why merging stopped before the end of the parameters. */
#define MERGE_OK 0
#define MERGE_ITER_FAILED 1     /* the iterator raised */
#define MERGE_FAILED 2          /* a parameter set did not merge */

static int
batch_add(batch *b, PyObject *stmt)
{
    if (buf_append_bytes(&b->sql, stmt) < 0
            || buf_append(&b->sql, BATCH_SEP, sizeof(BATCH_SEP) - 1) < 0)
        return -1;
    b->start[++b->n] = b->sql.len;
    return 0;
}

/* Merge parameter sets into b until it is full or they end. Returns
 * MERGE_*; on failure the exception is pending, and the statements merged
 * before it still have to run. */
static int
batch_fill(cursorObject *self, PyObject *qbytes, PyObject *iter, batch *b)
{
    PyObject *vars, *stmt;
    int rv;

    b->sql.len = 0;
    b->n = 0;
    b->start[0] = 0;
    while (b->n < BATCH_MAX_STMTS && b->sql.len < BATCH_MAX_BYTES) {
        if ((vars = PyIter_Next(iter)) == NULL)
            return PyErr_Occurred() ? MERGE_ITER_FAILED : MERGE_OK;
        stmt = psyco_merge_query(qbytes, vars, self->conn);
        Py_DECREF(vars);
        if (stmt == NULL)
            return MERGE_FAILED;
        rv = batch_add(b, stmt);
        Py_DECREF(stmt);
        if (rv < 0)
            return MERGE_FAILED;
    }
    return MERGE_OK;
}

static PyObject *
batch_statement(batch *b, int i)
{
    return PyBytes_FromStringAndSize(
        b->sql.data + b->start[i],
        b->start[i + 1] - b->start[i] - (Py_ssize_t)(sizeof(BATCH_SEP) - 1));
}

/* Leave the cursor as after statement i of b, whose result is last
 * (taken; NULL if none ran): query, statusmessage, lastrowid, no rows.
 * Keeps any pending exception. */
static void
batch_leave_cursor(cursorObject *self, batch *b, int i, PGresult *last)
{
    PyObject *type, *value, *tb, *query;

    PyErr_Fetch(&type, &value, &tb);
    if (last && curs_set_result(self, last) < 0)
        PyErr_Clear();  /* only statusmessage could not be decoded */
    curs_clear_result(self);
    if ((query = batch_statement(b, i)) != NULL)
        Py_XSETREF(self->query, query);
    else
        PyErr_Clear();
    PyErr_Restore(type, value, tb);
}

/* Run the statements of b, the sum of their counts added to *total. */
static int
batch_send(cursorObject *self, batch *b, long *total)
{
    PGresult *last = NULL;
    long count = 0;
    int done = 0, rv;

    if (buf_append_char(&b->sql, '\0') < 0)
        return -1;
    rv = pq_execute_batch(self, b->sql.data, b->n, &done, &count, &last);
    if (rv == 0) {
        batch_leave_cursor(self, b, b->n - 1, last);
        *total = add_count(*total, count);
        return 0;
    }
    /* Statement `done` failed (or the connection did). */
    batch_leave_cursor(self, b, done < b->n ? done : b->n - 1, last);
    curs_reset_failed(self);
    return -1;
}

/* Run the statements merged before a failure, then raise that failure
 * (unless the server failed first: that error came earlier in order). */
static int
batch_send_then_raise(cursorObject *self, batch *b, int why, long *total)
{
    PyObject *type, *value, *tb;
    int rv = 0;

    PyErr_Fetch(&type, &value, &tb);
    if (b->n > 0)
        rv = batch_send(self, b, total);
    if (rv < 0) {
        Py_XDECREF(type);
        Py_XDECREF(value);
        Py_XDECREF(tb);
        return -1;
    }
    /* As psycopg2: a set that does not merge leaves no last query. */
    if (why == MERGE_FAILED)
        Py_XSETREF(self->query, Py_NewRef(Py_None));
    PyErr_Restore(type, value, tb);
    return -1;
}

static int
executemany_batched(cursorObject *self, PyObject *qbytes, PyObject *iter,
                    long *total, int *ran)
{
    batch *b;
    int why, rv = -1;

    if ((b = PyMem_Malloc(sizeof *b)) == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    buf_init(&b->sql);
    conn_refresh_equote(self->conn);
    for (;;) {
        why = batch_fill(self, qbytes, iter, b);
        *ran += b->n;
        if (why != MERGE_OK) {
            batch_send_then_raise(self, b, why, total);
            break;
        }
        if (b->n == 0 || batch_send(self, b, total) < 0) {
            rv = b->n == 0 ? 0 : -1;
            break;
        }
    }
    buf_free(&b->sql);
    PyMem_Free(b);
    return rv;
}

/* The query as bytes if executemany can batch it, else NULL (no error). */
static PyObject *
batchable_query(cursorObject *self, PyObject *query)
{
    PyObject *qbytes;

    /* Autocommit: see the top of the file. Green mode: each query must go
     * through the wait callback. */
    if (query == Py_None || self->conn->autocommit
            || conn_is_green(self->conn))
        return NULL;
    /* A query that does not convert is left to the one-by-one path: it
     * raises on the first parameter set, and an empty list runs nothing
     * (as in psycopg2). */
    if ((qbytes = curs_query_bytes(self, query)) == NULL) {
        PyErr_Clear();
        return NULL;
    }
    if (PyBytes_GET_SIZE(qbytes) == 0 || !is_batchable(qbytes))
        Py_CLEAR(qbytes);
    return qbytes;
}

int
curs_executemany(cursorObject *self, PyObject *query, PyObject *vars_list)
{
    PyObject *iter = NULL, *qbytes = NULL;
    long total = 0;
    int rv = -1, ran = 0;

    if ((iter = PyObject_GetIter(vars_list)) == NULL)
        goto exit;
    if ((qbytes = batchable_query(self, query)) != NULL)
        rv = executemany_batched(self, qbytes, iter, &total, &ran);
    else
        rv = executemany_one_by_one(self, query, iter, &total, &ran);
    if (rv == 0) {
        /* Results of executemany are not fetchable (DB-API). With no
         * parameters at all psycopg2 keeps the previous result (its
         * description) but, its rowcount being 0, fetches no more rows. */
        if (ran)
            curs_clear_result(self);
        else if (self->pgres)
            self->resrow = PQntuples(self->pgres);
        self->rowcount = total;
    }
exit:
    Py_XDECREF(qbytes);
    Py_XDECREF(iter);
    return rv;
}
