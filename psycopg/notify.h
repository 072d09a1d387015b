/* notify.h - psycopg2.extensions.Notify: one asynchronous notification
 * (LISTEN/NOTIFY) received by a connection. */
#ifndef PSYCOPG_NOTIFY_H
#define PSYCOPG_NOTIFY_H 1

#include "psycopg.h"

extern PyTypeObject notifyType;

/* A new Notify(pid, channel, payload); steals nothing. NULL on error. */
PyObject *psyco_notify_new(long pid, PyObject *channel, PyObject *payload);

#endif /* PSYCOPG_NOTIFY_H */
