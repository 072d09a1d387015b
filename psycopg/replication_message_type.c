/* replication_message_type.c - ReplicationMessage: one XLogData message of
 * a replication stream (built by pqpath_repl.c). */
#include "psycopg.h"
#include "replication.h"

PyObject *
repl_datetime_from_us(int64_t us)
{
    PyObject *mod, *cls = NULL, *rv = NULL;

    if ((mod = PyImport_ImportModule("datetime")) == NULL)
        return NULL;
    if ((cls = PyObject_GetAttrString(mod, "datetime")) != NULL)
        rv = PyObject_CallMethod(cls, "fromtimestamp", "d",
                                 (double)us / 1000000.0);
    Py_XDECREF(cls);
    Py_DECREF(mod);
    return rv;
}

PyObject *
repl_message_new(PyObject *cursor, PyObject *payload, int size,
                 uint64_t data_start, uint64_t wal_end, int64_t send_time)
{
    replicationMessageObject *self = PyObject_GC_New(
        replicationMessageObject, &replicationMessageType);

    if (self == NULL)
        return NULL;
    self->cursor = Py_NewRef(cursor);
    self->payload = Py_NewRef(payload);
    self->data_size = size;
    self->data_start = data_start;
    self->wal_end = wal_end;
    self->send_time = send_time;
    PyObject_GC_Track(self);
    return (PyObject *)self;
}

static int
message_init(replicationMessageObject *self, PyObject *args,
             PyObject *kwargs PSYCO_UNUSED)
{
    PyObject *cursor, *payload;

    if (!PyArg_ParseTuple(args, "O!O", &cursorType, &cursor, &payload))
        return -1;
    Py_XSETREF(self->cursor, Py_NewRef(cursor));
    Py_XSETREF(self->payload, Py_NewRef(payload));
    return 0;
}

static int
message_traverse(replicationMessageObject *self, visitproc visit, void *arg)
{
    Py_VISIT(self->cursor);
    Py_VISIT(self->payload);
    return 0;
}

static int
message_clear(replicationMessageObject *self)
{
    Py_CLEAR(self->cursor);
    Py_CLEAR(self->payload);
    return 0;
}

static void
message_dealloc(replicationMessageObject *self)
{
    PyObject_GC_UnTrack(self);
    message_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyObject *
message_repr(replicationMessageObject *self)
{
    char buf[160];

    /* LSNs as PostgreSQL shows them, high/low 32 bits in hex. */
    snprintf(buf, sizeof buf, "data_size: %d; data_start: %x/%x; "
             "wal_end: %x/%x; send_time: %lld", self->data_size,
             (unsigned)(self->data_start >> 32), (unsigned)self->data_start,
             (unsigned)(self->wal_end >> 32), (unsigned)self->wal_end,
             (long long)self->send_time);
    return PyUnicode_FromFormat("<ReplicationMessage object at %p; %s>",
                                self, buf);
}

#define message_send_time_doc \
"send_time - Timestamp of the replication message departure from the server."

static PyObject *
message_get_send_time(replicationMessageObject *self,
                      void *closure PSYCO_UNUSED)
{
    return repl_datetime_from_us(self->send_time
                                 + REPL_PG_EPOCH_OFFSET * 1000000);
}

static struct PyGetSetDef message_getset[] = {
    {"send_time", (getter)message_get_send_time, NULL,
     message_send_time_doc, NULL},
    {NULL, NULL, NULL, NULL, NULL}
};

#define OFF(f) offsetof(replicationMessageObject, f)

static struct PyMemberDef message_members[] = {
    {"cursor", T_OBJECT, OFF(cursor), READONLY,
     "Related ReplicationCursor object."},
    {"payload", T_OBJECT, OFF(payload), READONLY, "The actual message data."},
    {"data_size", T_INT, OFF(data_size), READONLY,
     "Raw size of the message data in bytes."},
    {"data_start", T_ULONGLONG, OFF(data_start), READONLY,
     "LSN position of the start of this message."},
    {"wal_end", T_ULONGLONG, OFF(wal_end), READONLY,
     "LSN position of the current end of WAL on the server."},
    {NULL, 0, 0, 0, NULL}
};

#define message_doc "A replication protocol message."

PyTypeObject replicationMessageType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "psycopg2.extensions.ReplicationMessage",
    .tp_basicsize = sizeof(replicationMessageObject),
    .tp_dealloc = (destructor)message_dealloc,
    .tp_repr = (reprfunc)message_repr,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = message_doc,
    .tp_traverse = (traverseproc)message_traverse,
    .tp_clear = (inquiry)message_clear,
    .tp_members = message_members,
    .tp_getset = message_getset,
    .tp_init = (initproc)message_init,
    .tp_new = PyType_GenericNew,
};
