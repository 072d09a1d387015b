/* connection_tpc.c - two-phase commit (DB-API tpc_* extension) over
 * PostgreSQL's PREPARE TRANSACTION / COMMIT PREPARED / ROLLBACK PREPARED.
 * See connection_tpc.h for the states. Commands go through pqpath.c. */
#include "psycopg.h"
#include "connection_tpc.h"
#include "cursor.h"
#include "pqpath.h"
#include "error.h"
#include "xid.h"
#include "adapters.h"
#include "utils.h"

#define RECOVER_QUERY \
    "SELECT gid, prepared, owner, database FROM pg_prepared_xacts"

/* The server has a transaction open (or failed) on this session. Read
 * without conn->lock: libpq only reports what it last saw, no I/O. */
static int
server_in_transaction(connectionObject *self)
{
    return self->pgconn != NULL
        && PQtransactionStatus(self->pgconn) != PQTRANS_IDLE;
}

static PyObject *
refuse_async(const char *what)
{
    return psyco_raise(psyco_state.ProgrammingError,
                       "%s cannot be used in asynchronous mode", what);
}

/* Run "<command> '<transaction id>'". */
static int
tpc_command(connectionObject *self, const char *command, xidObject *xid)
{
    PyObject *tid;
    psyco_buf b;
    int rv = -1;

    buf_init(&b);
    if ((tid = xid_get_tid(xid)) == NULL)
        goto exit;
    if (buf_append_str(&b, command) < 0 || buf_append_char(&b, ' ') < 0
            || qstring_write_unicode(&b, tid, self) < 0
            || buf_append_char(&b, '\0') < 0)
        goto exit;
    rv = pq_execute_command(self, b.data, NULL);
exit:
    buf_free(&b);
    Py_XDECREF(tid);
    return rv;
}

PyObject *
psyco_conn_xid(connectionObject *self, PyObject *args, PyObject *kwargs)
{
    EXC_IF_CONN_CLOSED(self);
    return PyObject_Call((PyObject *)&xidType, args, kwargs);
}

/* Open the transaction at once (as psycopg2), remembering its xid. */
static int
tpc_begin(connectionObject *self, xidObject *xid)
{
    char stmt[128];

    if (pq_execute_command(self, pq_begin_statement(self, stmt, sizeof stmt),
                           NULL) < 0)
        return -1;
    self->status = CONN_STATUS_BEGIN;
    Py_XSETREF(self->tpc_xid, Py_NewRef((PyObject *)xid));
    return 0;
}

PyObject *
psyco_conn_tpc_begin(connectionObject *self, PyObject *args)
{
    PyObject *arg;
    xidObject *xid;
    int rv = -1;

    if (!PyArg_ParseTuple(args, "O", &arg))
        return NULL;
    EXC_IF_CONN_CLOSED(self);
    if (self->async_)
        return refuse_async("tpc_begin");
    if (self->status != CONN_STATUS_READY || server_in_transaction(self))
        return psyco_raise(psyco_state.ProgrammingError,
                           "tpc_begin cannot be used inside a transaction");
    if ((xid = xid_ensure(arg)) == NULL)
        return NULL;
    if (self->autocommit)
        PyErr_SetString(psyco_state.ProgrammingError,
                        "tpc_begin can't be called in autocommit mode");
    else
        rv = tpc_begin(self, xid);
    Py_DECREF(xid);
    if (rv < 0)
        return NULL;
    Py_RETURN_NONE;
}

PyObject *
psyco_conn_tpc_prepare(connectionObject *self, PyObject *dummy PSYCO_UNUSED)
{
    EXC_IF_CONN_CLOSED(self);
    if (self->async_)
        return refuse_async("tpc_prepare");
    EXC_IF_TPC_PREPARED(self, tpc_prepare);
    if (self->tpc_xid == NULL)
        return psyco_raise(psyco_state.ProgrammingError,
                           "prepare must be called inside a two-phase "
                           "transaction");
    /* The server would answer PREPARE with a silent rollback, and
     * psycopg2 would then believe it prepared, stuck until reset(): the
     * failed transaction stays as it is, to be ended by tpc_rollback(). */
    if (self->pgconn && PQtransactionStatus(self->pgconn) == PQTRANS_INERROR)
        return psyco_raise(psyco_exc_for_sqlstate("25P02"),
                           "the transaction has failed and cannot be "
                           "prepared: end it with tpc_rollback()");
    if (tpc_command(self, "PREPARE TRANSACTION",
                    (xidObject *)self->tpc_xid) < 0)
        return NULL;
    /* The transaction now belongs to the server: cursors and large
     * objects of it are gone. */
    self->status = CONN_STATUS_PREPARED;
    self->mark++;
    Py_RETURN_NONE;
}

/* tpc_commit()/tpc_rollback() of the current two-phase transaction. */
static int
tpc_finish_current(connectionObject *self, int commit)
{
    int rv;

    if (self->tpc_xid == NULL) {
        PyErr_SetString(psyco_state.ProgrammingError, "tpc_commit/"
                        "tpc_rollback with no parameter must be called in a "
                        "two-phase transaction");
        return -1;
    }
    if (self->status == CONN_STATUS_BEGIN) {
        /* Not prepared: one phase. Whatever the outcome the transaction
         * is over, so is the two-phase one. */
        rv = commit ? pq_commit(self) : pq_abort(self);
        Py_CLEAR(self->tpc_xid);
        return rv;
    }
    if (self->status != CONN_STATUS_PREPARED) {
        /* Ended behind tpc's back (e.g. set_isolation_level()). */
        PyErr_SetString(psyco_state.InterfaceError,
                        "unexpected state in tpc_commit/tpc_rollback");
        return -1;
    }
    /* A failure keeps the state: the prepared transaction may be there. */
    if (tpc_command(self, commit ? "COMMIT PREPARED" : "ROLLBACK PREPARED",
                    (xidObject *)self->tpc_xid) < 0)
        return -1;
    self->status = CONN_STATUS_READY;
    self->mark++;
    Py_CLEAR(self->tpc_xid);
    return 0;
}

/* tpc_commit(xid)/tpc_rollback(xid): recovery of a prepared transaction. */
static int
tpc_finish_other(connectionObject *self, PyObject *arg, int commit)
{
    xidObject *xid;
    int rv = -1;

    if ((xid = xid_ensure(arg)) == NULL)
        return -1;
    if (self->status != CONN_STATUS_READY || server_in_transaction(self))
        PyErr_SetString(psyco_state.ProgrammingError, "tpc_commit/"
                        "tpc_rollback with a xid must be called outside a "
                        "transaction");
    else
        rv = tpc_command(self, commit ? "COMMIT PREPARED"
                                      : "ROLLBACK PREPARED", xid);
    Py_DECREF(xid);
    return rv;
}

static PyObject *
tpc_finish(connectionObject *self, PyObject *args, int commit)
{
    const char *name = commit ? "tpc_commit" : "tpc_rollback";
    PyObject *arg = NULL;
    int rv;

    if (!PyArg_ParseTuple(args, commit ? "|O:tpc_commit" : "|O:tpc_rollback",
                          &arg))
        return NULL;
    EXC_IF_CONN_CLOSED(self);
    if (self->async_)
        return refuse_async(name);
    /* An explicit None is no xid (psycopg2 refuses it too). */
    rv = arg ? tpc_finish_other(self, arg, commit)
             : tpc_finish_current(self, commit);
    if (rv < 0)
        return NULL;
    Py_RETURN_NONE;
}

PyObject *
psyco_conn_tpc_commit(connectionObject *self, PyObject *args)
{
    return tpc_finish(self, args, 1);
}

PyObject *
psyco_conn_tpc_rollback(connectionObject *self, PyObject *args)
{
    return tpc_finish(self, args, 0);
}

/* The Xid of one row (gid, prepared, owner, database). */
static PyObject *
recovered_xid(PyObject *row)
{
    xidObject *xid;

    if (!PyTuple_Check(row) || PyTuple_GET_SIZE(row) != 4)
        return psyco_raise(psyco_state.InternalError,
                           "unexpected row from pg_prepared_xacts");
    if ((xid = xid_from_string(PyTuple_GET_ITEM(row, 0))) == NULL)
        return NULL;
    Py_XSETREF(xid->prepared, Py_NewRef(PyTuple_GET_ITEM(row, 1)));
    Py_XSETREF(xid->owner, Py_NewRef(PyTuple_GET_ITEM(row, 2)));
    Py_XSETREF(xid->database, Py_NewRef(PyTuple_GET_ITEM(row, 3)));
    return (PyObject *)xid;
}

/* The rows of pg_prepared_xacts as a list of Xid. */
static PyObject *
recover_xids(connectionObject *self)
{
    PyObject *curs, *rows = NULL, *list = NULL, *xid, *rv;
    Py_ssize_t i;

    /* A plain cursor: the connection's cursor_factory may build other
     * rows than tuples. */
    if ((curs = PyObject_CallOneArg((PyObject *)&cursorType,
                                    (PyObject *)self)) == NULL)
        return NULL;
    if ((rv = PyObject_CallMethod(curs, "execute", "s", RECOVER_QUERY)))
        rows = PyObject_CallMethod(curs, "fetchall", NULL);
    Py_XDECREF(rv);
    if (rows == NULL || (list = PyList_New(0)) == NULL)
        goto exit;
    for (i = 0; i < PyList_GET_SIZE(rows); i++) {
        if ((xid = recovered_xid(PyList_GET_ITEM(rows, i))) == NULL
                || PyList_Append(list, xid) < 0) {
            Py_XDECREF(xid);
            Py_CLEAR(list);
            goto exit;
        }
        Py_DECREF(xid);
    }
exit:
    Py_DECREF(curs);
    Py_XDECREF(rows);
    return list;
}

PyObject *
psyco_conn_tpc_recover(connectionObject *self, PyObject *dummy PSYCO_UNUSED)
{
    /* The query opens a transaction if none was: end it after, as
     * psycopg2 does, so recovery leaves the connection as it was. */
    int was_ready;
    PyObject *list;

    EXC_IF_CONN_CLOSED(self);
    if (self->async_)
        return refuse_async("tpc_recover");
    EXC_IF_TPC_PREPARED(self, tpc_recover);
    was_ready = self->status == CONN_STATUS_READY && !self->autocommit
        && !server_in_transaction(self);
    if ((list = recover_xids(self)) == NULL)
        return NULL;
    if (was_ready && conn_rollback(self) < 0)
        Py_CLEAR(list);
    return list;
}
