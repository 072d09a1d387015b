/* adapter_pboolean.c - Boolean: true / false from the truth value. */
#include "psycopg.h"
#include "adapters.h"

int
pboolean_write(psyco_buf *buf, int value)
{
    return value ? buf_append(buf, "true", 4) : buf_append(buf, "false", 5);
}

static int
pboolean_writer(psyco_buf *buf, adapterObject *self)
{
    int v = PyObject_IsTrue(ADAPTER_WRAPPED(self));

    return v < 0 ? -1 : pboolean_write(buf, v);
}

static PyObject *
pboolean_getquoted(PyObject *self, PyObject *args PSYCO_UNUSED)
{
    return adapter_getquoted_with((adapterObject *)self, pboolean_writer);
}

static PyMethodDef pboolean_methods[] = {
    {"getquoted", pboolean_getquoted, METH_NOARGS,
     "getquoted() -> wrapped object value as SQL-quoted string"},
    ADAPTER_CONFORM_METHOD,
    {NULL, NULL, 0, NULL}
};

ADAPTER_TYPE(pbooleanType, "psycopg2.extensions.Boolean",
             "Boolean(str) -> new Boolean adapter object",
             pboolean_methods, adapter_adapted_member, NULL);

int
adapter_pboolean_init(PyObject *module)
{
    return adapter_add_type(module, "Boolean", &pbooleanType);
}
