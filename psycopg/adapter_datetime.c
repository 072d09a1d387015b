/* adapter_datetime.c - the datetime adapter (psycopg2._psycopg.datetime)
 * and the DB-API date/time constructors.
 *
 * Literals are the ISO text with a cast: '2020-01-02'::date,
 * '01:02:03'::time / timetz, '2020-01-02T03:04:05'::timestamp / timestamptz,
 * '1 days 5.000000 seconds'::interval. Exact naive values are formatted in
 * C; subclasses and aware values use their own isoformat(), as psycopg2. */
#include "psycopg.h"
#include "adapters.h"
#include <datetime.h>
#include <math.h>
#include <time.h>
#include <stdio.h>
#include <limits.h>

PyObject *psyco_DateFromPy;
PyObject *psyco_TimeFromPy;
PyObject *psyco_TimestampFromPy;
PyObject *psyco_IntervalFromPy;

static int
fmt_append(psyco_buf *buf, const char *tmp, int n)
{
    return buf_append(buf, tmp, n);
}

static int
write_date_c(psyco_buf *buf, PyObject *d)
{
    char tmp[32];
    int n = snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d",
                     PyDateTime_GET_YEAR(d), PyDateTime_GET_MONTH(d),
                     PyDateTime_GET_DAY(d));
    return fmt_append(buf, tmp, n);
}

static int
write_hms_c(psyco_buf *buf, int h, int m, int s, int us)
{
    char tmp[32];
    int n = us ? snprintf(tmp, sizeof(tmp), "%02d:%02d:%02d.%06d", h, m, s, us)
               : snprintf(tmp, sizeof(tmp), "%02d:%02d:%02d", h, m, s);
    return fmt_append(buf, tmp, n);
}

/* The text of obj.isoformat() (any object: subclasses, aware values). */
static int
write_isoformat(psyco_buf *buf, PyObject *obj)
{
    PyObject *iso;
    const char *s;
    Py_ssize_t len;
    int rv = -1;

    if (!(iso = PyObject_CallMethod(obj, "isoformat", NULL)))
        return -1;
    if ((s = PyUnicode_AsUTF8AndSize(iso, &len)))
        rv = buf_append(buf, s, len);
    Py_DECREF(iso);
    return rv;
}

static int
write_interval(psyco_buf *buf, PyObject *obj)
{
    char tmp[80];
    int n;

    if (!PyDelta_Check(obj)) {
        PyErr_Format(PyExc_TypeError, "can't adapt %s as interval",
                     Py_TYPE(obj)->tp_name);
        return -1;
    }
    n = snprintf(tmp, sizeof(tmp), "'%d days %d.%06d seconds'::interval",
                 PyDateTime_DELTA_GET_DAYS(obj),
                 PyDateTime_DELTA_GET_SECONDS(obj),
                 PyDateTime_DELTA_GET_MICROSECONDS(obj));
    return fmt_append(buf, tmp, n);
}

static int
write_date(psyco_buf *buf, PyObject *obj)
{
    int r;

    if (buf_append_char(buf, '\'') < 0)
        return -1;
    r = PyDate_CheckExact(obj) ? write_date_c(buf, obj)
                               : write_isoformat(buf, obj);
    return r < 0 ? -1 : buf_append_str(buf, "'::date");
}

/* TIME and TIMESTAMP: the cast depends on the presence of a tzinfo. */
static int
write_time_or_ts(psyco_buf *buf, PyObject *obj, int type)
{
    PyObject *tz;
    int naive, r;

    if (!(tz = PyObject_GetAttrString(obj, "tzinfo")))
        return -1;
    naive = (tz == Py_None);
    Py_DECREF(tz);
    if (buf_append_char(buf, '\'') < 0)
        return -1;
    if (naive && type == PSYCO_DT_TIME && PyTime_CheckExact(obj))
        r = write_hms_c(buf, PyDateTime_TIME_GET_HOUR(obj),
                        PyDateTime_TIME_GET_MINUTE(obj),
                        PyDateTime_TIME_GET_SECOND(obj),
                        PyDateTime_TIME_GET_MICROSECOND(obj));
    else if (naive && type == PSYCO_DT_TIMESTAMP && PyDateTime_CheckExact(obj))
        r = (write_date_c(buf, obj) < 0 || buf_append_char(buf, 'T') < 0
             || write_hms_c(buf, PyDateTime_DATE_GET_HOUR(obj),
                            PyDateTime_DATE_GET_MINUTE(obj),
                            PyDateTime_DATE_GET_SECOND(obj),
                            PyDateTime_DATE_GET_MICROSECOND(obj)) < 0) ? -1 : 0;
    else
        r = write_isoformat(buf, obj);
    if (r < 0)
        return -1;
    if (type == PSYCO_DT_TIME)
        return buf_append_str(buf, naive ? "'::time" : "'::timetz");
    return buf_append_str(buf, naive ? "'::timestamp" : "'::timestamptz");
}

int
pydatetime_write(psyco_buf *buf, PyObject *obj, int type)
{
    switch (type) {
    case PSYCO_DT_DATE:
        return write_date(buf, obj);
    case PSYCO_DT_TIME:
    case PSYCO_DT_TIMESTAMP:
        return write_time_or_ts(buf, obj, type);
    default:
        return write_interval(buf, obj);
    }
}

/* The adapter type. */

static int
pydatetime_writer(psyco_buf *buf, adapterObject *self)
{
    return pydatetime_write(buf, ADAPTER_WRAPPED(self), self->type);
}

static PyObject *
pydatetime_getquoted(PyObject *self, PyObject *args PSYCO_UNUSED)
{
    return adapter_getquoted_with((adapterObject *)self, pydatetime_writer);
}

static int
pydatetime_init(PyObject *self, PyObject *args, PyObject *kwds PSYCO_UNUSED)
{
    PyObject *obj;
    int type = PSYCO_DT_TIMESTAMP;

    if (!PyArg_ParseTuple(args, "O|i", &obj, &type))
        return -1;
    Py_XSETREF(((adapterObject *)self)->wrapped, Py_NewRef(obj));
    ((adapterObject *)self)->type = type;
    return 0;
}

static PyMethodDef pydatetime_methods[] = {
    {"getquoted", pydatetime_getquoted, METH_NOARGS,
     "getquoted() -> wrapped object value as SQL date/time"},
    ADAPTER_CONFORM_METHOD,
    {NULL, NULL, 0, NULL}
};

static PyMemberDef pydatetime_members[] = {
    {"adapted", T_OBJECT, offsetof(adapterObject, wrapped), READONLY, NULL},
    {"type", T_INT, offsetof(adapterObject, type), READONLY, NULL},
    {NULL, 0, 0, 0, NULL}
};

ADAPTER_TYPE(pydatetimeType, "psycopg2._psycopg.datetime",
             "datetime(datetime, type) -> new datetime wrapper object",
             pydatetime_methods, pydatetime_members, NULL);

/* New adapter around obj; steals the reference to obj (NULL-safe). */
static PyObject *
pydatetime_wrap(PyObject *obj, int type)
{
    adapterObject *a;

    if (obj == NULL)
        return NULL;
    a = (adapterObject *)PyType_GenericAlloc(&pydatetimeType, 0);
    if (a == NULL) {
        Py_DECREF(obj);
        return NULL;
    }
    a->wrapped = obj;
    a->type = type;
    return (PyObject *)a;
}

/* Factories registered for the datetime types: type-checked wrappers. */

static PyObject *
wrap_checked(PyObject *args, PyTypeObject *tp, int type)
{
    PyObject *obj;

    if (!PyArg_ParseTuple(args, "O!", tp, &obj))
        return NULL;
    return pydatetime_wrap(Py_NewRef(obj), type);
}

static PyObject *
psyco_DateFromPy_impl(PyObject *self PSYCO_UNUSED, PyObject *args)
{
    return wrap_checked(args, PyDateTimeAPI->DateType, PSYCO_DT_DATE);
}

static PyObject *
psyco_TimeFromPy_impl(PyObject *self PSYCO_UNUSED, PyObject *args)
{
    return wrap_checked(args, PyDateTimeAPI->TimeType, PSYCO_DT_TIME);
}

static PyObject *
psyco_TimestampFromPy_impl(PyObject *self PSYCO_UNUSED, PyObject *args)
{
    return wrap_checked(args, PyDateTimeAPI->DateTimeType,
                        PSYCO_DT_TIMESTAMP);
}

static PyObject *
psyco_IntervalFromPy_impl(PyObject *self PSYCO_UNUSED, PyObject *args)
{
    return wrap_checked(args, PyDateTimeAPI->DeltaType, PSYCO_DT_INTERVAL);
}

/* DB-API constructors. Seconds are a float: split into whole seconds
 * (floored, so a negative value is reported as a bad second) and rounded
 * microseconds. Out-of-range values are clamped just outside the valid
 * range so that datetime raises its own message. */
static void
split_seconds(double s, int *sec, int *us)
{
    double fl = floor(s);

    *sec = fl < -1.0 ? -1 : fl > 60.0 ? 60 : (int)fl;
    *us = (int)lround((s - fl) * 1000000.0);
}

static PyObject *
make_time(int h, int m, double s, PyObject *tz)
{
    int sec, us;

    split_seconds(s, &sec, &us);
    return PyDateTimeAPI->Time_FromTime(h, m, sec, us, tz,
                                        PyDateTimeAPI->TimeType);
}

static PyObject *
make_timestamp(int y, int mo, int d, int h, int mi, double s, PyObject *tz)
{
    int sec, us;

    split_seconds(s, &sec, &us);
    return PyDateTimeAPI->DateTime_FromDateAndTime(y, mo, d, h, mi, sec, us,
        tz, PyDateTimeAPI->DateTimeType);
}

#define Date_doc "Date(year, month, day) -> new date\n\n" \
    "Build an object holding a date value."

static PyObject *
psyco_Date(PyObject *self PSYCO_UNUSED, PyObject *args)
{
    int y, m, d;

    if (!PyArg_ParseTuple(args, "iii", &y, &m, &d))
        return NULL;
    return pydatetime_wrap(PyDate_FromDate(y, m, d), PSYCO_DT_DATE);
}

#define Time_doc "Time(hour, minutes, seconds, tzinfo=None) -> new time\n\n" \
    "Build an object holding a time value."

static PyObject *
psyco_Time(PyObject *self PSYCO_UNUSED, PyObject *args)
{
    int h, m;
    double s;
    PyObject *tz = Py_None;

    if (!PyArg_ParseTuple(args, "iid|O", &h, &m, &s, &tz))
        return NULL;
    return pydatetime_wrap(make_time(h, m, s, tz), PSYCO_DT_TIME);
}

#define Timestamp_doc "Timestamp(year, month, day, hour, minutes, seconds, " \
    "tzinfo=None) -> new timestamp\n\nBuild an object holding a timestamp value."

static PyObject *
psyco_Timestamp(PyObject *self PSYCO_UNUSED, PyObject *args)
{
    int y, mo, d, h = 0, mi = 0;
    double s = 0.0;
    PyObject *tz = Py_None;

    if (!PyArg_ParseTuple(args, "iii|iidO", &y, &mo, &d, &h, &mi, &s, &tz))
        return NULL;
    return pydatetime_wrap(make_timestamp(y, mo, d, h, mi, s, tz),
                           PSYCO_DT_TIMESTAMP);
}

/* Local broken-down time of `ticks` seconds since the epoch; *frac gets
 * the sub-second part. -1 with InterfaceError if out of range. */
static int
ticks_to_tm(PyObject *args, struct tm *tm, double *frac)
{
    double ticks, fl;
    time_t t;

    if (!PyArg_ParseTuple(args, "d", &ticks))
        return -1;
    fl = floor(ticks);
    /* time_t is 64-bit: reject what would overflow the conversion. */
    if (!(fl > -9.2e18 && fl < 9.2e18))
        goto fail;
    t = (time_t)fl;
    if (localtime_r(&t, tm) == NULL)
        goto fail;
    *frac = ticks - fl;
    return 0;
fail:
    PyErr_SetString(psyco_state.InterfaceError, "failed localtime call");
    return -1;
}

#define TICKS_DOC "\n\nTicks are the number of seconds since the epoch; " \
    "see the documentation of the standard Python time module for details)."
#define DateFromTicks_doc "DateFromTicks(ticks) -> new date\n\n" \
    "Build an object holding a date value from the given ticks value." TICKS_DOC

static PyObject *
psyco_DateFromTicks(PyObject *self PSYCO_UNUSED, PyObject *args)
{
    struct tm tm;
    double frac;

    if (ticks_to_tm(args, &tm, &frac) < 0)
        return NULL;
    return pydatetime_wrap(
        PyDate_FromDate(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday),
        PSYCO_DT_DATE);
}

#define TimeFromTicks_doc "TimeFromTicks(ticks) -> new time\n\n" \
    "Build an object holding a time value from the given ticks value." TICKS_DOC

static PyObject *
psyco_TimeFromTicks(PyObject *self PSYCO_UNUSED, PyObject *args)
{
    struct tm tm;
    double frac;

    if (ticks_to_tm(args, &tm, &frac) < 0)
        return NULL;
    return pydatetime_wrap(
        make_time(tm.tm_hour, tm.tm_min, tm.tm_sec + frac, Py_None),
        PSYCO_DT_TIME);
}

#define TimestampFromTicks_doc "TimestampFromTicks(ticks) -> new timestamp\n\n" \
    "Build an object holding a timestamp value from the given ticks value." \
    TICKS_DOC

/* Aware, in the local zone: timezone(utcoffset, zone abbreviation). */
static PyObject *
psyco_TimestampFromTicks(PyObject *self PSYCO_UNUSED, PyObject *args)
{
    struct tm tm;
    double frac;
    PyObject *delta = NULL, *name = NULL, *tz = NULL, *ts = NULL;

    if (ticks_to_tm(args, &tm, &frac) < 0)
        return NULL;
    if (!(delta = PyDelta_FromDSU(0, (int)tm.tm_gmtoff, 0)))
        goto exit;
    if (!(name = PyUnicode_DecodeLocale(tm.tm_zone ? tm.tm_zone : "", NULL)))
        goto exit;
    if (!(tz = PyTimeZone_FromOffsetAndName(delta, name)))
        goto exit;
    ts = make_timestamp(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                        tm.tm_hour, tm.tm_min, tm.tm_sec + frac, tz);
exit:
    Py_XDECREF(delta);
    Py_XDECREF(name);
    Py_XDECREF(tz);
    return pydatetime_wrap(ts, PSYCO_DT_TIMESTAMP);
}

static PyMethodDef factory_defs[] = {
    {"DateFromPy", psyco_DateFromPy_impl, METH_VARARGS,
     "DateFromPy(datetime.date) -> new wrapper"},
    {"TimeFromPy", psyco_TimeFromPy_impl, METH_VARARGS,
     "TimeFromPy(datetime.time) -> new wrapper"},
    {"TimestampFromPy", psyco_TimestampFromPy_impl, METH_VARARGS,
     "TimestampFromPy(datetime.datetime) -> new wrapper"},
    {"IntervalFromPy", psyco_IntervalFromPy_impl, METH_VARARGS,
     "IntervalFromPy(datetime.timedelta) -> new wrapper"},
};

static PyMethodDef ctor_defs[] = {
    {"Date", psyco_Date, METH_VARARGS, Date_doc},
    {"Time", psyco_Time, METH_VARARGS, Time_doc},
    {"Timestamp", psyco_Timestamp, METH_VARARGS, Timestamp_doc},
    {"DateFromTicks", psyco_DateFromTicks, METH_VARARGS, DateFromTicks_doc},
    {"TimeFromTicks", psyco_TimeFromTicks, METH_VARARGS, TimeFromTicks_doc},
    {"TimestampFromTicks", psyco_TimestampFromTicks, METH_VARARGS,
     TimestampFromTicks_doc},
    {NULL, NULL, 0, NULL}
};

/* A module-level builtin function, added to the module; returns a new
 * reference (kept by the caller when the object must stay identifiable). */
static PyObject *
add_function(PyObject *module, PyMethodDef *def)
{
    PyObject *modname, *f;

    if (!(modname = PyModule_GetNameObject(module)))
        return NULL;
    f = PyCFunction_NewEx(def, NULL, modname);
    Py_DECREF(modname);
    if (f && PyModule_AddObjectRef(module, def->ml_name, f) < 0)
        Py_CLEAR(f);
    return f;
}

int
adapter_datetime_init(PyObject *module)
{
    PyObject **factories[] = {&psyco_DateFromPy, &psyco_TimeFromPy,
                              &psyco_TimestampFromPy, &psyco_IntervalFromPy};
    PyMethodDef *def;
    PyObject *f;
    size_t i;

    /* datetime.h's API pointer is per compilation unit. */
    PyDateTime_IMPORT;
    if (PyDateTimeAPI == NULL)
        return -1;
    /* Not a module attribute in psycopg2: reachable as type(adapt(date)). */
    pydatetimeType.tp_init = pydatetime_init;
    if (PyType_Ready(&pydatetimeType) < 0)
        return -1;
    for (i = 0; i < sizeof(factories) / sizeof(factories[0]); i++)
        if (!(*factories[i] = add_function(module, &factory_defs[i])))
            return -1;
    for (def = ctor_defs; def->ml_name; def++) {
        if (!(f = add_function(module, def)))
            return -1;
        Py_DECREF(f);
    }
    return 0;
}
