/* typecast_datetime.c - SQL -> Python for date, time, timestamp[tz] and
 * interval.
 *
 * The server is expected to use DateStyle ISO and IntervalStyle postgres
 * (the defaults, and what psycopg2 parses). The parsers are small state
 * machines that read the text once and build the object with the datetime
 * C API; range errors come from the datetime constructors themselves, so
 * they read exactly as in Python.
 *
 * Lenient on purpose: like psycopg2, a field accumulates any character as
 * a digit (c - '0'), so garbage gives a ValueError from the constructor
 * rather than a parse error, and only a missing field is a DataError.
 */
#include "typecast_int.h"
#include <datetime.h>

/* Accumulated fields are clamped far beyond any valid value, so that
 * garbage input cannot overflow (the constructor then rejects it). */
#define FIELD_CAP 100000000000LL
#define UNSET (-1LL)

int
typecast_datetime_init(void)
{
    /* datetime.h keeps its API pointer per compilation unit. */
    PyDateTime_IMPORT;
    return PyDateTimeAPI ? 0 : -1;
}

static inline long long
field_add(long long acc, char c)
{
    if (acc == UNSET)
        acc = 0;
    if (acc > FIELD_CAP || acc < -FIELD_CAP)
        return acc;
    return acc * 10 + (c - '0');
}

static inline int
field_int(long long v)
{
    return v > INT_MAX ? INT_MAX : (v < INT_MIN ? INT_MIN : (int)v);
}

static int
is_word(const char *s, Py_ssize_t len, const char *w)
{
    size_t n = strlen(w);
    return (size_t)len == n && memcmp(s, w, n) == 0;
}

/* Drop a trailing " BC"; the year is then negated (and refused by the
 * constructor: Python has no year 0 or before). */
static Py_ssize_t
strip_bc(const char *s, Py_ssize_t len, int *bc)
{
    *bc = (len >= 3 && memcmp(s + len - 3, " BC", 3) == 0);
    return *bc ? len - 3 : len;
}

/* Parse Y-M-D into f. '-', ' ' and 'T' end a field; the third separator
 * ends the date. Returns the offset where a time part starts, len if the
 * string ended first, -1 with DataError set if fewer than 3 fields. */
static Py_ssize_t
parse_date(const char *s, Py_ssize_t len, long long f[3])
{
    Py_ssize_t i;
    int idx = 0;
    long long acc = UNSET;

    f[0] = f[1] = f[2] = UNSET;
    for (i = 0; i < len; i++) {
        char c = s[i];
        if (c == '-' || c == ' ' || c == 'T') {
            f[idx++] = acc;
            acc = UNSET;
            if (idx == 3)
                return i + 1;
        }
        else
            acc = field_add(acc, c);
    }
    if (idx < 2) {
        PyErr_SetString(psyco_state.DataError, "unable to parse date");
        return -1;
    }
    f[idx] = acc;
    return len;
}

typedef struct {
    long long h, m, s, us;
    int has_tz;
    long long tzoff;          /* seconds east of UTC */
} ptime;

/* The "+HH[:MM[:SS]]" tail; spaces are ignored. */
static void
parse_tz(const char *s, Py_ssize_t len, ptime *t)
{
    Py_ssize_t i;
    long long f[3] = {UNSET, UNSET, UNSET};
    int idx = 0, sign = (s[0] == '-') ? -1 : 1;

    for (i = 1; i < len; i++) {
        if (s[i] == ' ')
            continue;
        if (s[i] == ':') {
            if (idx < 2)
                idx++;
            continue;
        }
        f[idx] = field_add(f[idx], s[i]);
    }
    t->has_tz = 1;
    t->tzoff = sign * ((f[0] == UNSET ? 0 : f[0]) * 3600
                       + (f[1] == UNSET ? 0 : f[1]) * 60
                       + (f[2] == UNSET ? 0 : f[2]));
}

/* Scale the fraction digits to microseconds; 6 digits or more are taken
 * as they are (psycopg2 does so: 7 digits give an out of range error). */
static long long
frac_to_us(long long frac, int nd)
{
    for (; nd < 6; nd++)
        frac *= 10;
    return frac;
}

/* Parse HH:MM:SS[.ffffff][+tz]. -1 with DataError if the seconds field
 * is never reached. */
static int
parse_time(const char *s, Py_ssize_t len, ptime *t)
{
    Py_ssize_t i;
    long long f[3] = {UNSET, UNSET, UNSET}, frac = 0;
    int idx = 0, nd = -1;          /* nd >= 0: inside the fraction */

    t->has_tz = 0;
    t->tzoff = 0;
    for (i = 0; i < len; i++) {
        char c = s[i];
        if (c == ' ')
            continue;
        if (c == '+' || c == '-') {
            parse_tz(s + i, len - i, t);
            break;
        }
        if (c == '.') {
            nd = 0;
            frac = 0;
        }
        else if (nd >= 0) {
            if (nd++ < 10)
                frac = frac * 10 + (c - '0');
        }
        else if (c == ':') {
            if (idx < 2)
                idx++;
        }
        else
            f[idx] = field_add(f[idx], c);
    }
    if (idx < 2) {
        PyErr_SetString(psyco_state.DataError, "unable to parse time");
        return -1;
    }
    t->h = f[0], t->m = f[1], t->s = f[2];
    t->us = nd > 0 ? frac_to_us(frac, nd) : 0;
    /* 24:00:00 is midnight; a leap second rolls into the next minute. */
    if (t->h == 24)
        t->h = 0;
    if (t->s == 60) {
        t->s = 0;
        t->m++;
    }
    return 0;
}

/* tzinfo objects ---------------------------------------------------------- */

/* datetime.timezone objects for offsets in whole quarter hours, built on
 * first use: most results use one or two offsets over and over. Owned
 * here for the life of the process, like the module state. */
#define TZ_SLOTS 96
static PyObject *tz_cache[2 * TZ_SLOTS + 1];

static PyObject *
tz_call(PyObject *factory, long long offset)
{
    PyObject *delta, *rv;

    if (!(delta = PyDelta_FromDSU(0, field_int(offset), 0)))
        return NULL;
    rv = PyObject_CallOneArg(factory, delta);
    Py_DECREF(delta);
    return rv;
}

static PyObject *
tz_default(long long offset)
{
    PyObject **slot;

    if (offset % 900 != 0 || offset <= -86400 || offset >= 86400)
        return tz_call(psyco_state.timezone_type, offset);
    slot = &tz_cache[offset / 900 + TZ_SLOTS];
    if (*slot == NULL
        && !(*slot = tz_call(psyco_state.timezone_type, offset)))
        return NULL;
    return Py_NewRef(*slot);
}

/* The tzinfo for `offset` seen through curs->tzinfo_factory: the default
 * (NULL, or datetime.timezone itself) is cached; None means naive. */
static PyObject *
tz_for(cursorObject *curs, long long offset)
{
    PyObject *factory = curs ? curs->tzinfo_factory : NULL;

    if (factory == Py_None)
        Py_RETURN_NONE;
    if (factory == NULL || factory == psyco_state.timezone_type)
        return tz_default(offset);
    return tz_call(factory, offset);
}

int
typecast_tz_is_c(cursorObject *curs)
{
    PyObject *factory = curs ? curs->tzinfo_factory : NULL;

    return factory == NULL || factory == Py_None
        || factory == psyco_state.timezone_type;
}

/* fast paths ------------------------------------------------------------- */

/* The server's own ISO output ("2024-01-31 12:30:05.25+05:30") read at
 * fixed positions. Anything else (BC, years past 9999, hour 24, a leap
 * second, more than 6 fraction digits, other DateStyles) is left to the
 * lenient parsers above, which also give the errors. */

static inline int
digits2(const char *p)
{
    unsigned a = (unsigned)(p[0] - '0'), b = (unsigned)(p[1] - '0');

    return (a > 9 || b > 9) ? -1 : (int)(a * 10 + b);
}

/* YYYY-MM-DD at s (len >= 10). */
static int
fast_date(const char *s, int *y, int *m, int *d)
{
    int hi = digits2(s), lo = digits2(s + 2);

    if (hi < 0 || lo < 0 || s[4] != '-' || s[7] != '-')
        return 0;
    *y = hi * 100 + lo;
    *m = digits2(s + 5);
    *d = digits2(s + 8);
    return *y > 0 && *m >= 0 && *d >= 0;
}

/* [+-]HH[:MM[:SS]] filling the whole of s. */
static int
fast_tz(const char *s, Py_ssize_t len, long long *off)
{
    int f[3] = {0, 0, 0}, i;

    if (len != 3 && len != 6 && len != 9)
        return 0;
    if (s[0] != '+' && s[0] != '-')
        return 0;
    for (i = 0; 3 * i < len; i++) {
        if ((i > 0 && s[3 * i] != ':') || (f[i] = digits2(s + 3 * i + 1)) < 0)
            return 0;
    }
    *off = (s[0] == '-' ? -1 : 1) * (f[0] * 3600LL + f[1] * 60 + f[2]);
    return 1;
}

/* HH:MM:SS[.f{1,6}][tz] filling the whole of s. */
static int
fast_time(const char *s, Py_ssize_t len, ptime *t)
{
    Py_ssize_t i = 8;
    int nd = 0;

    if (len < 8 || s[2] != ':' || s[5] != ':')
        return 0;
    t->h = digits2(s), t->m = digits2(s + 3), t->s = digits2(s + 6);
    if (t->h < 0 || t->h > 23 || t->m < 0 || t->s < 0 || t->s > 59)
        return 0;
    t->us = 0;
    if (i < len && s[i] == '.') {
        for (i++; i < len && s[i] >= '0' && s[i] <= '9' && nd < 7; i++, nd++)
            t->us = t->us * 10 + (s[i] - '0');
        if (nd == 0 || nd > 6)
            return 0;
        t->us = frac_to_us(t->us, nd);
    }
    t->has_tz = i < len;
    t->tzoff = 0;
    return !t->has_tz || fast_tz(s + i, len - i, &t->tzoff);
}

/* casters ------------------------------------------------------------------ */

PyObject *
typecast_DATE_cast(const char *s, Py_ssize_t len,
                   cursorObject *curs PSYCO_UNUSED)
{
    long long f[3];
    int bc;

    int y, m, d;

    if (len == 10 && fast_date(s, &y, &m, &d))
        return PyDate_FromDate(y, m, d);
    if (is_word(s, len, "infinity"))
        return PyDate_FromDate(9999, 12, 31);
    if (is_word(s, len, "-infinity"))
        return PyDate_FromDate(1, 1, 1);
    len = strip_bc(s, len, &bc);
    if (parse_date(s, len, f) < 0)
        return NULL;
    return PyDate_FromDate(field_int(bc ? -f[0] : f[0]), field_int(f[1]),
                           field_int(f[2]));
}

static PyObject *
make_time(const ptime *t, cursorObject *curs)
{
    PyObject *tz, *rv;

    tz = t->has_tz ? tz_for(curs, t->tzoff) : Py_NewRef(Py_None);
    if (!tz)
        return NULL;
    rv = PyDateTimeAPI->Time_FromTime(
        field_int(t->h), field_int(t->m), field_int(t->s), field_int(t->us),
        tz, PyDateTimeAPI->TimeType);
    Py_DECREF(tz);
    return rv;
}

PyObject *
typecast_TIME_cast(const char *s, Py_ssize_t len, cursorObject *curs)
{
    ptime t;
    int bc;

    if (fast_time(s, len, &t))
        return make_time(&t, curs);
    len = strip_bc(s, len, &bc);
    if (parse_time(s, len, &t) < 0)
        return NULL;
    return make_time(&t, curs);
}

/* datetime.max / min: naive for timestamp; for timestamptz UTC, unless
 * the cursor wants naive datetimes (tzinfo_factory None). */
static PyObject *
datetime_infinity(int positive, int aware, cursorObject *curs)
{
    PyObject *tz = Py_None;

    if (aware && !(curs && curs->tzinfo_factory == Py_None))
        tz = PyDateTime_TimeZone_UTC;
    if (positive)
        return PyDateTimeAPI->DateTime_FromDateAndTime(
            9999, 12, 31, 23, 59, 59, 999999, tz, PyDateTimeAPI->DateTimeType);
    return PyDateTimeAPI->DateTime_FromDateAndTime(
        1, 1, 1, 0, 0, 0, 0, tz, PyDateTimeAPI->DateTimeType);
}

/* The datetime for date fields f and time t (f[0] negated for BC). */
static PyObject *
make_datetime(const long long f[3], int bc, const ptime *t,
              cursorObject *curs)
{
    PyObject *tz, *rv;

    tz = t->has_tz ? tz_for(curs, t->tzoff) : Py_NewRef(Py_None);
    if (!tz)
        return NULL;
    rv = PyDateTimeAPI->DateTime_FromDateAndTime(
        field_int(bc ? -f[0] : f[0]), field_int(f[1]), field_int(f[2]),
        field_int(t->h), field_int(t->m), field_int(t->s), field_int(t->us),
        tz, PyDateTimeAPI->DateTimeType);
    Py_DECREF(tz);
    return rv;
}

static PyObject *
datetime_fast(const char *s, Py_ssize_t len, cursorObject *curs)
{
    long long f[3];
    int y, m, d;
    ptime t;

    if (len < 19 || s[10] != ' ' || !fast_date(s, &y, &m, &d)
            || !fast_time(s + 11, len - 11, &t))
        return NULL;
    f[0] = y, f[1] = m, f[2] = d;
    return make_datetime(f, 0, &t, curs);
}

static PyObject *
datetime_cast(const char *s, Py_ssize_t len, cursorObject *curs, int aware)
{
    long long f[3];
    ptime t = {0, 0, 0, 0, 0, 0};
    Py_ssize_t pos;
    PyObject *rv;
    int bc;

    if ((rv = datetime_fast(s, len, curs)) || PyErr_Occurred())
        return rv;
    if (is_word(s, len, "infinity"))
        return datetime_infinity(1, aware, curs);
    if (is_word(s, len, "-infinity"))
        return datetime_infinity(0, aware, curs);
    len = strip_bc(s, len, &bc);
    if ((pos = parse_date(s, len, f)) < 0)
        return NULL;
    /* The offset (if any) decides whether the result is aware, whatever
     * the column type: psycopg2 does the same. */
    if (pos < len && parse_time(s + pos, len - pos, &t) < 0)
        return NULL;
    return make_datetime(f, bc, &t, curs);
}

PyObject *
typecast_DATETIME_cast(const char *s, Py_ssize_t len, cursorObject *curs)
{
    return datetime_cast(s, len, curs, 0);
}

PyObject *
typecast_DATETIMETZ_cast(const char *s, Py_ssize_t len, cursorObject *curs)
{
    return datetime_cast(s, len, curs, 1);
}

/* interval ----------------------------------------------------------------- */

typedef struct {
    long long years, months, days, secs, us;
    int recognized;           /* any unit or time part seen */
} pinterval;

static int
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* An unsigned component; PostgreSQL's own fields fit in an int. */
static int
read_component(const char *s, Py_ssize_t len, Py_ssize_t *i, long long *v)
{
    *v = 0;
    for (; *i < len && is_digit(s[*i]); (*i)++) {
        *v = *v * 10 + (s[*i] - '0');
        if (*v > INT_MAX) {
            PyErr_SetString(PyExc_OverflowError, "interval component too big");
            return -1;
        }
    }
    return 0;
}

/* The fraction of seconds, i after the '.', in microseconds, as psycopg2
 * reads it: the digits are one component (too big past INT_MAX), scaled
 * as if there were at most 9 of them, and rounded half up in double
 * precision (so 0.5139075 s gives 513907 us, 0.1234565 s 123457 us). */
static int
read_fraction(const char *s, Py_ssize_t len, Py_ssize_t *i, long long *us)
{
    long long v, denom = 1;
    Py_ssize_t from = *i;
    volatile double scaled;     /* no fused multiply-add: exact steps */

    if (read_component(s, len, i, &v) < 0)
        return -1;
    for (; from < *i && denom < 1000000000; from++)
        denom *= 10;
    scaled = (double)v / (double)denom * 1000000.0;
    *us = (long long)(scaled + 0.5);
    return 0;
}

/* The HH:MM[:SS[.ffffff]] part, i at the first ':'. */
static int
read_clock(const char *s, Py_ssize_t len, Py_ssize_t *i, long long h,
           int sign, pinterval *iv)
{
    long long m = 0, sec = 0, us = 0;

    (*i)++;
    if (read_component(s, len, i, &m) < 0)
        return -1;
    if (*i < len && s[*i] == ':') {
        (*i)++;
        if (read_component(s, len, i, &sec) < 0)
            return -1;
    }
    if (*i < len && s[*i] == '.') {
        (*i)++;
        if (read_fraction(s, len, i, &us) < 0)
            return -1;
    }
    iv->secs += sign * (h * 3600 + m * 60 + sec);
    iv->us += sign * us;
    iv->recognized = 1;
    return 0;
}

/* The unit word after a number: years, mons, days count (a month is 30
 * days, a year 365, as psycopg2 counts them); other words are ignored. */
static void
read_unit(const char *s, Py_ssize_t len, Py_ssize_t *i, long long v,
          pinterval *iv)
{
    Py_ssize_t w;

    for (; *i < len && (s[*i] == '.' || is_digit(s[*i])); (*i)++)
        ;                       /* a verbose "6.789 secs": not counted */
    for (; *i < len && s[*i] == ' '; (*i)++)
        ;
    for (w = *i; *i < len && ((s[*i] | 0x20) >= 'a' && (s[*i] | 0x20) <= 'z');
         (*i)++)
        ;
    if (*i > w && s[w] == 'y')
        iv->years += v;
    else if (*i - w >= 3 && memcmp(s + w, "mon", 3) == 0)
        iv->months += v;
    else if (*i > w && s[w] == 'd')
        iv->days += v;
    else
        return;
    iv->recognized = 1;
}

static int
parse_interval(const char *s, Py_ssize_t len, pinterval *iv)
{
    Py_ssize_t i = 0;
    long long v;
    int sign;

    while (i < len) {
        sign = 1;
        if (s[i] == '-' || s[i] == '+')
            sign = (s[i++] == '-') ? -1 : 1;
        if (i >= len || !is_digit(s[i])) {
            i++;                /* spaces, '@', "ago" and other words */
            continue;
        }
        if (read_component(s, len, &i, &v) < 0)
            return -1;
        if (i < len && s[i] == ':') {
            if (read_clock(s, len, &i, v, sign, iv) < 0)
                return -1;
        }
        else
            read_unit(s, len, &i, sign * v, iv);
    }
    return 0;
}

static PyObject *
make_delta(long long days, long long secs, long long us)
{
    days += secs / 86400;
    secs %= 86400;
    if (days >= INT_MIN && days <= INT_MAX)
        return PyDelta_FromDSU((int)days, (int)secs, (int)us);
    /* Out of C int range: let timedelta() word the error. */
    return PyObject_CallFunction((PyObject *)PyDateTimeAPI->DeltaType,
                                 "LLL", days, secs, us);
}

/* A bare number is taken as microseconds, via int() for its errors. */
static PyObject *
interval_fallback(const char *s, Py_ssize_t len)
{
    char buf[64];
    char *p;
    PyObject *v, *rv = NULL;

    if (!(p = typecast_cstr(s, len, buf, sizeof(buf))))
        return NULL;
    v = PyLong_FromString(p, NULL, 10);
    typecast_cstr_free(p, buf);
    if (v) {
        rv = PyObject_CallFunction((PyObject *)PyDateTimeAPI->DeltaType,
                                   "iiO", 0, 0, v);
        Py_DECREF(v);
    }
    return rv;
}

PyObject *
typecast_INTERVAL_cast(const char *s, Py_ssize_t len,
                       cursorObject *curs PSYCO_UNUSED)
{
    pinterval iv = {0, 0, 0, 0, 0, 0};

    if (len > 0 && s[0] == 'P') {
        PyErr_SetString(psyco_state.NotSupportedError,
                        "iso_8601 intervalstyle currently not supported");
        return NULL;
    }
    if (parse_interval(s, len, &iv) < 0)
        return NULL;
    if (!iv.recognized)
        return interval_fallback(s, len);
    return make_delta(iv.years * 365 + iv.months * 30 + iv.days,
                      iv.secs, iv.us);
}
