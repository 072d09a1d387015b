/* notify_type.c - psycopg2.extensions.Notify: one notification received
 * from the server (NOTIFY, pg_notify()), collected in connection.notifies.
 *
 * For code written against very old psycopg2 versions, where notifies
 * held (pid, channel) tuples, a Notify still behaves as that 2-tuple:
 * len() is 2, [0] and [1] are pid and channel, it unpacks to two values,
 * compares equal to (pid, channel) and hashes like it when the payload is
 * empty. Between two Notify the payload counts too. */

#include "psycopg.h"
#include "notify.h"

typedef struct {
    PyObject_HEAD
    PyObject *pid;       /* any object: the constructor checks no type */
    PyObject *channel;
    PyObject *payload;
} notifyObject;

/* Every field starts as None, so that an object made by __new__ alone
 * (never initialised) is still safe to use. */
static PyObject *
notify_tp_new(PyTypeObject *type, PyObject *args PSYCO_UNUSED,
              PyObject *kwds PSYCO_UNUSED)
{
    notifyObject *self = (notifyObject *)type->tp_alloc(type, 0);

    if (self == NULL)
        return NULL;
    self->pid = Py_NewRef(Py_None);
    self->channel = Py_NewRef(Py_None);
    self->payload = Py_NewRef(Py_None);
    return (PyObject *)self;
}

static int
notify_init(notifyObject *self, PyObject *args, PyObject *kwds)
{
    static char *kwlist[] = {"pid", "channel", "payload", NULL};
    PyObject *pid, *channel, *payload = NULL;

    if (!PyArg_ParseTupleAndKeywords(args, kwds, "OO|O", kwlist,
                                     &pid, &channel, &payload))
        return -1;
    if (payload == NULL) {
        if ((payload = PyUnicode_FromStringAndSize(NULL, 0)) == NULL)
            return -1;
    }
    else
        Py_INCREF(payload);
    Py_XSETREF(self->pid, Py_NewRef(pid));
    Py_XSETREF(self->channel, Py_NewRef(channel));
    Py_XSETREF(self->payload, payload);
    return 0;
}

PyObject *
psyco_notify_new(long pid, PyObject *channel, PyObject *payload)
{
    notifyObject *self;
    PyObject *pypid = PyLong_FromLong(pid);

    if (pypid == NULL)
        return NULL;
    self = (notifyObject *)notify_tp_new(&notifyType, NULL, NULL);
    if (self == NULL) {
        Py_DECREF(pypid);
        return NULL;
    }
    Py_SETREF(self->pid, pypid);
    Py_SETREF(self->channel, Py_NewRef(channel));
    Py_SETREF(self->payload, Py_NewRef(payload));
    return (PyObject *)self;
}

/* ---- the tuple face --------------------------------------------------- */

/* (pid, channel) or, with_payload, (pid, channel, payload). */
static PyObject *
notify_as_tuple(notifyObject *self, int with_payload)
{
    if (with_payload)
        return PyTuple_Pack(3, self->pid, self->channel, self->payload);
    return PyTuple_Pack(2, self->pid, self->channel);
}

static Py_ssize_t
notify_len(PyObject *self PSYCO_UNUSED)
{
    return 2;
}

/* Negative indexes arrive already adjusted by len(). */
static PyObject *
notify_item(notifyObject *self, Py_ssize_t i)
{
    if (i == 0)
        return Py_NewRef(self->pid);
    if (i == 1)
        return Py_NewRef(self->channel);
    PyErr_SetString(PyExc_IndexError, "index out of range");
    return NULL;
}

/* Another Notify: compare (pid, channel, payload); a tuple: compare it with
 * (pid, channel). psycopg2 answers False to any operator with anything
 * else, even to `!=`; returning NotImplemented instead gives Python's
 * usual answers (== False, != True, ordering raises TypeError). */
static PyObject *
notify_richcompare(notifyObject *self, PyObject *other, int op)
{
    PyObject *mine = NULL, *theirs = NULL, *rv = NULL;

    if (PyObject_TypeCheck(other, &notifyType)) {
        mine = notify_as_tuple(self, 1);
        theirs = notify_as_tuple((notifyObject *)other, 1);
    }
    else if (PyTuple_Check(other)) {
        mine = notify_as_tuple(self, 0);
        theirs = Py_NewRef(other);
    }
    else
        Py_RETURN_NOTIMPLEMENTED;
    if (mine && theirs)
        rv = PyObject_RichCompare(mine, theirs, op);
    Py_XDECREF(mine);
    Py_XDECREF(theirs);
    return rv;
}

/* Equal objects hash equal: a Notify with an empty payload equals its
 * (pid, channel) tuple, so it hashes as that tuple. */
static Py_hash_t
notify_hash(notifyObject *self)
{
    PyObject *t;
    Py_hash_t rv = -1;
    int has_payload = PyObject_IsTrue(self->payload);

    if (has_payload < 0)
        return -1;
    if ((t = notify_as_tuple(self, has_payload)) != NULL) {
        rv = PyObject_Hash(t);
        Py_DECREF(t);
    }
    return rv;
}

/* Always "Notify(...)", for subclasses too, as psycopg2 shows it. */
static PyObject *
notify_repr(notifyObject *self)
{
    return PyUnicode_FromFormat("Notify(%R, %R, %R)",
                                self->pid, self->channel, self->payload);
}

/* ---- the type --------------------------------------------------------- */

static int
notify_traverse(notifyObject *self, visitproc visit, void *arg)
{
    Py_VISIT(self->pid);
    Py_VISIT(self->channel);
    Py_VISIT(self->payload);
    return 0;
}

/* Breaks cycles with None rather than NULL: a finalizer of another object
 * of the cycle may still look at this one. */
static int
notify_clear(notifyObject *self)
{
    Py_XSETREF(self->pid, Py_NewRef(Py_None));
    Py_XSETREF(self->channel, Py_NewRef(Py_None));
    Py_XSETREF(self->payload, Py_NewRef(Py_None));
    return 0;
}

static void
notify_dealloc(notifyObject *self)
{
    PyObject_GC_UnTrack(self);
    Py_CLEAR(self->pid);
    Py_CLEAR(self->channel);
    Py_CLEAR(self->payload);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static PyMemberDef notify_members[] = {
    {"pid", T_OBJECT, offsetof(notifyObject, pid), READONLY,
     "Process id of the server backend that sent the notification."},
    {"channel", T_OBJECT, offsetof(notifyObject, channel), READONLY,
     "The channel the notification was sent on (LISTEN name)."},
    {"payload", T_OBJECT, offsetof(notifyObject, payload), READONLY,
     "The text sent with the notification ('' when there was none)."},
    {NULL, 0, 0, 0, NULL}
};

static PySequenceMethods notify_as_sequence = {
    .sq_length = notify_len,
    .sq_item = (ssizeargfunc)notify_item,
};

#define notify_doc \
"Notify(pid, channel, payload='') -- a notification from the server.\n\n" \
"Connections append one to `connection.notifies` for every NOTIFY\n" \
"received on a channel they LISTEN to. For backward compatibility it\n" \
"also behaves as the tuple (pid, channel)."

PyTypeObject notifyType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "psycopg2.extensions.Notify",
    .tp_basicsize = sizeof(notifyObject),
    .tp_dealloc = (destructor)notify_dealloc,
    .tp_repr = (reprfunc)notify_repr,
    .tp_as_sequence = &notify_as_sequence,
    .tp_hash = (hashfunc)notify_hash,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE | Py_TPFLAGS_HAVE_GC,
    .tp_doc = notify_doc,
    .tp_traverse = (traverseproc)notify_traverse,
    .tp_clear = (inquiry)notify_clear,
    .tp_richcompare = (richcmpfunc)notify_richcompare,
    .tp_members = notify_members,
    .tp_init = (initproc)notify_init,
    .tp_new = notify_tp_new,
};
