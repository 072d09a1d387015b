/* connection_async.c - connections that do not block: asynchronous mode
 * (connect(async_=True), the caller drives every step with poll()) and
 * green mode (a wait callback set with set_wait_callback() waits in
 * place of libpq, by calling poll() until it returns POLL_OK). */
#include "psycopg.h"
#include "connection.h"
#include "pqpath.h"
#include "error.h"

int
conn_is_green(connectionObject *self)
{
    return psyco_state.wait_callback != NULL && !self->async_;
}

/* The operation being waited for is over. */
static int
conn_idle(connectionObject *self)
{
    return !CONN_CONNECTING(self) && self->async_status == ASYNC_DONE;
}

/* Close without ceremony: the connection is in a state nobody knows. */
static void
conn_close_broken(connectionObject *self)
{
    conn_close(self);
    self->closed = 2;
}

int
conn_green_wait(connectionObject *self)
{
    PyObject *callback = psyco_state.wait_callback, *rv;

    if (callback == NULL) {
        PyErr_SetString(psyco_state.OperationalError,
                        "the wait callback was removed while waiting");
        goto broken;
    }
    Py_INCREF(callback);   /* it may unset itself */
    rv = PyObject_CallOneArg(callback, (PyObject *)self);
    Py_DECREF(callback);
    if (rv == NULL)
        goto broken;
    Py_DECREF(rv);
    if (self->pgconn == NULL) {
        PyErr_SetString(psyco_state.OperationalError,
                        "the connection was closed while waiting");
        goto broken;
    }
    if (!conn_idle(self)) {
        PyErr_SetString(psyco_state.OperationalError,
                        "the wait callback returned before the operation "
                        "was complete");
        goto broken;
    }
    return 0;
broken:
    /* psycopg2 does the same: the query may be half sent or half read. */
    conn_close_broken(self);
    return -1;
}

int
conn_connect_start(connectionObject *self, const char *dsn)
{
    PGconn *pgconn;

    Py_BEGIN_ALLOW_THREADS
    pgconn = PQconnectStart(dsn);
    Py_END_ALLOW_THREADS
    if (pgconn == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    if (PQstatus(pgconn) == CONNECTION_BAD) {
        PyErr_SetString(psyco_state.OperationalError, PQerrorMessage(pgconn));
        PQfinish(pgconn);
        return -1;
    }
    self->pgconn = pgconn;
    self->closed = 0;
    self->status = CONN_STATUS_SETUP;   /* CONNECTING at the first poll() */
    return 0;
}

/* The connection is up: finish what conn_connect does after PQconnectdb,
 * sending SET DATESTYLE without waiting if it is needed. */
static int
conn_connected(connectionObject *self)
{
    int need_datestyle;

    self->cancel = PQgetCancel(self->pgconn);
    if (self->async_)
        self->autocommit = 1;   /* asynchronous connections always are */
    if (PQsetnonblocking(self->pgconn, 1) != 0) {
        PyErr_SetString(psyco_state.OperationalError,
                        PQerrorMessage(self->pgconn));
        return -1;
    }
    if ((need_datestyle = conn_read_startup(self)) < 0)
        return -1;
    if (!need_datestyle) {
        self->status = CONN_STATUS_READY;
        return PSYCO_POLL_OK;
    }
    if (!PQsendQuery(self->pgconn, "SET DATESTYLE TO 'ISO'")) {
        PyErr_SetString(psyco_state.OperationalError,
                        PQerrorMessage(self->pgconn));
        return -1;
    }
    self->async_status = ASYNC_WRITE;
    self->status = CONN_STATUS_DATESTYLE;
    return conn_poll(self);
}

/* A PQconnectPoll step. */
static int
conn_poll_connect(connectionObject *self)
{
    PostgresPollingStatusType st;

    Py_BEGIN_ALLOW_THREADS
    pthread_mutex_lock(&self->lock);
    st = PQconnectPoll(self->pgconn);
    pthread_mutex_unlock(&self->lock);
    Py_END_ALLOW_THREADS
    switch (st) {
    case PGRES_POLLING_OK:
        return conn_connected(self);
    case PGRES_POLLING_READING:
        return PSYCO_POLL_READ;
    case PGRES_POLLING_WRITING:
        return PSYCO_POLL_WRITE;
    default:
        PyErr_SetString(psyco_state.OperationalError,
                        PQerrorMessage(self->pgconn));
        return -1;
    }
}

/* SET DATESTYLE is answered: the connection is ready. */
static int
conn_datestyle_done(connectionObject *self)
{
    PGresult *res;

    if (pq_take_result(self, &res) < 0)
        return -1;
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        psyco_raise_from_result(self, NULL, res, NULL);
        return -1;
    }
    PQclear(res);
    self->status = CONN_STATUS_READY;
    return PSYCO_POLL_OK;
}

/* One poll() step for a connection that is up. */
static int
conn_poll_query(connectionObject *self)
{
    int done = 0, rv = pq_poll(self, &done);

    if (rv != PSYCO_POLL_OK || !done)
        return rv;
    if (self->status == CONN_STATUS_DATESTYLE)
        return conn_datestyle_done(self);
    /* Green mode: the waiting side takes the results. */
    if (self->async_ && pq_deliver_async(self) < 0)
        return -1;
    return PSYCO_POLL_OK;
}

int
conn_poll(connectionObject *self)
{
    int rv;

    /* libpq: wait for the socket to be writable before the first
     * PQconnectPoll. */
    if (self->status == CONN_STATUS_SETUP) {
        self->status = CONN_STATUS_CONNECTING;
        return PSYCO_POLL_WRITE;
    }
    if (self->status == CONN_STATUS_CONNECTING) {
        rv = conn_poll_connect(self);
        if (rv < 0 && self->pgconn != NULL)
            conn_close_broken(self);   /* a failed connect is over */
        return rv;
    }
    rv = conn_poll_query(self);
    if (rv < 0 && self->status == CONN_STATUS_DATESTYLE)
        conn_close_broken(self);
    return rv;
}
