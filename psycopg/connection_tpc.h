/* connection_tpc.h - two-phase commit methods of connection (their code
 * is in connection_tpc.c; connection_type.c lists them in its method
 * table with CONNECTION_TPC_METHODS).
 *
 * State: conn->tpc_xid is the Xid from tpc_begin() until tpc_commit() or
 * tpc_rollback() (or reset()); conn->status is CONN_STATUS_BEGIN until
 * tpc_prepare(), then CONN_STATUS_PREPARED (the transaction then belongs
 * to the server, the session is idle and refuses most work).
 */
#ifndef PSYCOPG_CONNECTION_TPC_H
#define PSYCOPG_CONNECTION_TPC_H 1

#include "psycopg.h"
#include "connection.h"

PyObject *psyco_conn_xid(connectionObject *self, PyObject *args,
                         PyObject *kwargs);
PyObject *psyco_conn_tpc_begin(connectionObject *self, PyObject *args);
PyObject *psyco_conn_tpc_prepare(connectionObject *self, PyObject *dummy);
PyObject *psyco_conn_tpc_commit(connectionObject *self, PyObject *args);
PyObject *psyco_conn_tpc_rollback(connectionObject *self, PyObject *args);
PyObject *psyco_conn_tpc_recover(connectionObject *self, PyObject *dummy);

#define conn_xid_doc \
"xid(format_id, gtrid, bqual) -> Xid -- a transaction id for tpc_begin()."

#define conn_tpc_begin_doc \
"tpc_begin(xid) -- begin a two-phase transaction (xid: an Xid or a str)."

#define conn_tpc_prepare_doc \
"tpc_prepare() -- first phase: prepare the two-phase transaction."

#define conn_tpc_commit_doc \
"tpc_commit([xid]) -- commit the two-phase transaction (one phase if not\n" \
"prepared); with an xid, commit that prepared transaction (recovery,\n" \
"outside a transaction)."

#define conn_tpc_rollback_doc \
"tpc_rollback([xid]) -- roll back the two-phase transaction; with an\n" \
"xid, roll back that prepared transaction (recovery)."

#define conn_tpc_recover_doc \
"tpc_recover() -> list of Xid -- the transactions prepared on the server."

#define CONNECTION_TPC_METHODS \
    {"xid", (PyCFunction)(void (*)(void))psyco_conn_xid, \
     METH_VARARGS | METH_KEYWORDS, conn_xid_doc}, \
    {"tpc_begin", (PyCFunction)psyco_conn_tpc_begin, METH_VARARGS, \
     conn_tpc_begin_doc}, \
    {"tpc_prepare", (PyCFunction)psyco_conn_tpc_prepare, METH_NOARGS, \
     conn_tpc_prepare_doc}, \
    {"tpc_commit", (PyCFunction)psyco_conn_tpc_commit, METH_VARARGS, \
     conn_tpc_commit_doc}, \
    {"tpc_rollback", (PyCFunction)psyco_conn_tpc_rollback, METH_VARARGS, \
     conn_tpc_rollback_doc}, \
    {"tpc_recover", (PyCFunction)psyco_conn_tpc_recover, METH_NOARGS, \
     conn_tpc_recover_doc}

#endif /* PSYCOPG_CONNECTION_TPC_H */
