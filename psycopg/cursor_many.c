/* cursor_many.c - executemany(): one statement per parameter set.
 *
 * psycopg2 runs them one by one, a network round trip each. Inside a
 * transaction, single INSERT/UPDATE/DELETE/MERGE statements go through
 * libpq's pipeline mode instead: a chunk of them is sent at once and the
 * results read afterwards. The outcome is the same as one by one: the
 * server stops at the first error, the transaction is then failed, and
 * rowcount is the sum of the counts. Outside a transaction (autocommit)
 * each statement must commit on its own and a failure must stop the rest,
 * which a pipeline cannot give, so those run one by one.
 */
#include "psycopg.h"
#include "cursor.h"
#include "pqpath.h"
#include "microprotocols.h"

#include <ctype.h>

/* Statements per pipeline round trip. Their results are small (a command
 * tag each), so a chunk never fills the socket while it is sent. */
#define PIPELINE_CHUNK 500

/* Sum of counts: -1 as soon as one statement has none. */
static long
add_count(long total, long count)
{
    return (total < 0 || count < 0) ? -1 : total + count;
}

static int
executemany_one_by_one(cursorObject *self, PyObject *query, PyObject *iter,
                       long *total)
{
    PyObject *vars;

    while ((vars = PyIter_Next(iter)) != NULL) {
        int rv = curs_execute(self, query, vars);

        Py_DECREF(vars);
        if (rv < 0)
            return -1;
        *total = add_count(*total, self->rowcount);
    }
    return PyErr_Occurred() ? -1 : 0;
}

#ifdef LIBPQ_HAS_PIPELINING

/* A single data-changing statement (a trailing ';' allowed): safe for the
 * extended protocol, which refuses several statements in one string. */
static int
is_pipelinable(PyObject *qbytes)
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

/* Merge up to PIPELINE_CHUNK parameter sets into chunk[]; returns how
 * many merged (0 at the end). When a set fails to merge, *failed is set
 * and the exception is pending: the sets before it still have to run. */
static int
merge_chunk(cursorObject *self, PyObject *qbytes, PyObject *iter,
            PyObject **chunk, int *failed)
{
    PyObject *vars;
    int n = 0;

    *failed = 0;
    while (n < PIPELINE_CHUNK && (vars = PyIter_Next(iter)) != NULL) {
        chunk[n] = psyco_merge_query(qbytes, vars, self->conn);
        Py_DECREF(vars);
        if (chunk[n] == NULL)
            break;
        n++;
    }
    *failed = PyErr_Occurred() != NULL;
    return n;
}

/* Send one merged chunk; keeps its last query as cursor.query. */
static int
send_chunk(cursorObject *self, PyObject **chunk, int n, long *total)
{
    const char *queries[PIPELINE_CHUNK];
    long count = 0;
    int i, rv;

    for (i = 0; i < n; i++)
        queries[i] = PyBytes_AS_STRING(chunk[i]);
    Py_XSETREF(self->query, Py_NewRef(chunk[n - 1]));
    rv = pq_execute_pipeline(self, queries, n, &count);
    for (i = 0; i < n; i++)
        Py_DECREF(chunk[i]);
    if (rv == 0)
        *total = add_count(*total, count);
    return rv;
}

/* Run the sets merged before a merge failure, then raise that failure
 * (unless the server failed first: that error came earlier in order). */
static int
send_then_raise(cursorObject *self, PyObject **chunk, int n, long *total)
{
    PyObject *type, *value, *tb;

    if (n == 0)
        return -1;
    PyErr_Fetch(&type, &value, &tb);
    if (send_chunk(self, chunk, n, total) < 0) {
        Py_XDECREF(type);
        Py_XDECREF(value);
        Py_XDECREF(tb);
        return -1;
    }
    PyErr_Restore(type, value, tb);
    return -1;
}

static int
executemany_pipelined(cursorObject *self, PyObject *qbytes, PyObject *iter,
                      long *total)
{
    PyObject *chunk[PIPELINE_CHUNK];
    int n, failed;

    conn_refresh_equote(self->conn);
    curs_clear_result(self);
    for (;;) {
        n = merge_chunk(self, qbytes, iter, chunk, &failed);
        if (failed)
            return send_then_raise(self, chunk, n, total);
        if (n == 0)
            return 0;
        if (send_chunk(self, chunk, n, total) < 0)
            return -1;
    }
}

#endif /* LIBPQ_HAS_PIPELINING */

int
curs_executemany(cursorObject *self, PyObject *query, PyObject *vars_list)
{
    PyObject *iter = NULL, *qbytes = NULL;
    long total = 0;
    int rv = -1;

    if ((iter = PyObject_GetIter(vars_list)) == NULL)
        goto exit;
#ifdef LIBPQ_HAS_PIPELINING
    /* A query that does not convert is left to the one-by-one path: it
     * raises on the first parameter set, and an empty list runs nothing
     * (as in psycopg2). */
    if (query != Py_None && !self->conn->autocommit
            && (qbytes = curs_query_bytes(self, query)) == NULL)
        PyErr_Clear();
    if (qbytes && PyBytes_GET_SIZE(qbytes) && is_pipelinable(qbytes))
        rv = executemany_pipelined(self, qbytes, iter, &total);
    else
#endif
        rv = executemany_one_by_one(self, query, iter, &total);
    if (rv == 0) {
        /* Results of executemany are not fetchable (DB-API). */
        curs_clear_result(self);
        self->rowcount = total;
    }
exit:
    Py_XDECREF(qbytes);
    Py_XDECREF(iter);
    return rv;
}
