/* replication_cursor_type.c - ReplicationCursor: starts a replication
 * stream and reads it (read_message, consume_stream), reporting progress
 * back to the server (send_feedback). The protocol is in pqpath_repl.c;
 * create/drop_replication_slot and start_replication are Python methods of
 * psycopg2.extras.ReplicationCursor (lib/_replication.py). */
#include "psycopg.h"
#include "replication.h"

#define NOT_REPLICATING ": not replicating, call start_replication first"

/* Raise ProgrammingError "<what>: not replicating, ..."; returns NULL. */
static PyObject *
not_replicating(const char *what)
{
    PyErr_Format(psyco_state.ProgrammingError, "%s" NOT_REPLICATING, what);
    return NULL;
}

/* Longest interval kept (a day): beyond it the feedback would never be
 * sent anyway, and the microseconds stay far from overflowing. */
#define MAX_INTERVAL_SECONDS 86400.0

/* Seconds (>= 1) to microseconds; -1 with ProgrammingError if below. */
static int64_t
interval_us(double seconds, const char *name)
{
    if (!(seconds >= 1.0)) {
        PyErr_Format(psyco_state.ProgrammingError, "%s must be >= 1 (sec)",
                     name);
        return -1;
    }
    if (seconds > MAX_INTERVAL_SECONDS)
        seconds = MAX_INTERVAL_SECONDS;
    return (int64_t)(seconds * 1000000.0);
}

#define start_replication_expert_doc \
"start_replication_expert(command, decode=False, status_interval=10) -- " \
"Start replication with a given command."

static PyObject *
psyco_repl_start_expert(replicationCursorObject *self, PyObject *args,
                        PyObject *kwargs)
{
    static char *kwlist[] = {"command", "decode", "status_interval", NULL};
    PyObject *command, *query = NULL, *rv = NULL;
    int decode = 0, started;
    double status_interval = 10;
    int64_t interval;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|id", kwlist, &command,
            &decode, &status_interval))
        return NULL;
    EXC_IF_CURS_CLOSED(&self->cur);
    if ((interval = interval_us(status_interval, "status_interval")) < 0)
        return NULL;
    if ((query = curs_query_bytes(&self->cur, command)) == NULL)
        return NULL;
    started = pq_start_replication(self, PyBytes_AS_STRING(query));
    if (started < 0)
        goto exit;
    if (started) {
        self->decode = decode ? 1 : 0;
        self->interval_us = interval;
        self->write_lsn = self->flush_lsn = self->apply_lsn = 0;
        self->wal_end = self->last_msg_data_start = 0;
        self->io_time = repl_now_us();
        self->feedback_time = self->feedback_mono = 0;  /* send one soon */
        self->consume_ok = 1;
        self->started = 1;
    }
    rv = Py_NewRef(Py_None);
exit:
    Py_DECREF(query);
    return rv;
}

/* consume_stream's loop: read, hand over, wait for the socket no longer
 * than until the next feedback is due. */
static PyObject *
consume_loop(replicationCursorObject *self, PyObject *consume)
{
    PyObject *msg, *rv;

    for (;;) {
        EXC_IF_CURS_CLOSED(&self->cur);   /* the callback may close it */
        if ((msg = pq_read_replication_message(self)) == NULL)
            return NULL;
        if (msg != Py_None) {
            rv = PyObject_CallOneArg(consume, msg);
            Py_DECREF(msg);
            if (rv == NULL)
                return NULL;
            Py_DECREF(rv);
            continue;
        }
        Py_DECREF(msg);
        if (!self->started)   /* the server ended the stream */
            Py_RETURN_NONE;
        if (pq_wait_replication(self, self->interval_us
                - (repl_mono_us() - self->feedback_mono)) < 0)
            return NULL;
    }
}

#define consume_stream_doc \
"consume_stream(consumer, keepalive_interval=None) -- Consume replication " \
"stream."

static PyObject *
psyco_repl_consume_stream(replicationCursorObject *self, PyObject *args,
                          PyObject *kwargs)
{
    static char *kwlist[] = {"consume", "keepalive_interval", NULL};
    PyObject *consume, *keepalive = Py_None, *rv;
    double seconds;
    int64_t interval = 0;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|O", kwlist, &consume,
            &keepalive))
        return NULL;
    EXC_IF_CURS_CLOSED(&self->cur);
    if (self->cur.conn->async_)
        return psyco_raise(psyco_state.ProgrammingError,
                           "consume_stream cannot be used in asynchronous mode");
    if (keepalive != Py_None) {
        /* The old name of status_interval, still honoured. */
        if (!PyFloat_Check(keepalive) && !PyLong_Check(keepalive))
            return psyco_raise(psyco_state.ProgrammingError,
                               "keepalive_interval must be int or float");
        if ((seconds = PyFloat_AsDouble(keepalive)) == -1.0 && PyErr_Occurred())
            return NULL;
        if ((interval = interval_us(seconds, "keepalive_interval")) < 0)
            return NULL;
    }
    if (self->consuming)
        return psyco_raise(psyco_state.ProgrammingError, "consume_stream "
                           "cannot be used when already in the consume loop");
    /* As psycopg2: one consume_stream per start_replication (read_message
     * goes on working). */
    if (!self->started || !self->consume_ok)
        return not_replicating("consume_stream");
    self->consume_ok = 0;
    if (interval)
        self->interval_us = interval;
    self->consuming = 1;
    rv = consume_loop(self, consume);
    self->consuming = 0;
    return rv;
}

#define read_message_doc \
"read_message() -- Try reading a replication message from the server " \
"(non-blocking)."

static PyObject *
psyco_repl_read_message(replicationCursorObject *self,
                        PyObject *dummy PSYCO_UNUSED)
{
    EXC_IF_CURS_CLOSED(&self->cur);
    /* psycopg2 fails here with a DatabaseError from deep down ("no COPY in
     * progress"); ProgrammingError (a DatabaseError) says what is wrong. */
    if (!self->started)
        return not_replicating("read_message");
    return pq_read_replication_message(self);
}

#define send_feedback_doc \
"send_feedback(write_lsn=0, flush_lsn=0, apply_lsn=0, reply=False, " \
"force=False) -- Update a replication feedback, optionally request a " \
"reply or force sending a feedback message regardless of the timeout."

static PyObject *
psyco_repl_send_feedback(replicationCursorObject *self, PyObject *args,
                         PyObject *kwargs)
{
    static char *kwlist[] = {"write_lsn", "flush_lsn", "apply_lsn", "reply",
                             "force", NULL};
    unsigned long long write_lsn = 0, flush_lsn = 0, apply_lsn = 0;
    int reply = 0, force = 0;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|KKKii", kwlist,
            &write_lsn, &flush_lsn, &apply_lsn, &reply, &force))
        return NULL;
    EXC_IF_CURS_CLOSED(&self->cur);
    /* Positions only move forward; they go out with the next feedback
     * (status_interval), or now if asked. */
    if (write_lsn > self->write_lsn)
        self->write_lsn = write_lsn;
    if (flush_lsn > self->flush_lsn)
        self->flush_lsn = flush_lsn;
    if (apply_lsn > self->apply_lsn)
        self->apply_lsn = apply_lsn;
    if (!reply && !force)
        Py_RETURN_NONE;
    if (!self->started)
        return not_replicating("send_feedback");
    if (pq_send_replication_feedback(self, reply) < 0)
        return NULL;
    Py_RETURN_NONE;
}

static PyMethodDef repl_cursor_methods[] = {
    {"start_replication_expert",
     (PyCFunction)(void (*)(void))psyco_repl_start_expert,
     METH_VARARGS | METH_KEYWORDS, start_replication_expert_doc},
    {"consume_stream", (PyCFunction)(void (*)(void))psyco_repl_consume_stream,
     METH_VARARGS | METH_KEYWORDS, consume_stream_doc},
    {"read_message", (PyCFunction)psyco_repl_read_message, METH_NOARGS,
     read_message_doc},
    {"send_feedback", (PyCFunction)(void (*)(void))psyco_repl_send_feedback,
     METH_VARARGS | METH_KEYWORDS, send_feedback_doc},
    {NULL, NULL, 0, NULL}
};

static PyObject *
repl_get_io_timestamp(replicationCursorObject *self, void *c PSYCO_UNUSED)
{
    return repl_datetime_from_us(self->io_time);
}

static PyObject *
repl_get_feedback_timestamp(replicationCursorObject *self,
                            void *c PSYCO_UNUSED)
{
    return repl_datetime_from_us(self->feedback_time);
}

static struct PyGetSetDef repl_cursor_getset[] = {
    {"io_timestamp", (getter)repl_get_io_timestamp, NULL,
     "io_timestamp -- the timestamp of latest IO with the server", NULL},
    {"feedback_timestamp", (getter)repl_get_feedback_timestamp, NULL,
     "feedback_timestamp -- the timestamp of the latest feedback message "
     "sent to the server", NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

static struct PyMemberDef repl_cursor_members[] = {
    {"wal_end", T_ULONGLONG, offsetof(replicationCursorObject, wal_end),
     READONLY, "LSN position of the current end of WAL on the server."},
    {NULL, 0, 0, 0, NULL}
};

static PyObject *
repl_cursor_repr(replicationCursorObject *self)
{
    return PyUnicode_FromFormat("<ReplicationCursor object at %p; closed: %d>",
                                self, self->cur.closed);
}

#define repl_cursor_doc "A database replication cursor."

/* tp_base (cursorType) is set by replication_init: the object layout,
 * life cycle and cursor methods are the cursor's. */
PyTypeObject replicationCursorType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "psycopg2.extensions.ReplicationCursor",
    .tp_basicsize = sizeof(replicationCursorObject),
    .tp_repr = (reprfunc)repl_cursor_repr,
    /* GC support (flag, traverse, clear) is inherited from tp_base. */
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = repl_cursor_doc,
    .tp_methods = repl_cursor_methods,
    .tp_members = repl_cursor_members,
    .tp_getset = repl_cursor_getset,
};
