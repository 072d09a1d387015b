/* querymerge.c - merge query arguments into a query: psyco_merge_query().
 *
 * psycopg2 merges in two phases: (1) walk the query, fetch and quote the
 * value of every placeholder (vars[i] for "%s"-like, vars[key] for
 * "%(key)s"); (2) format the query with the quoted values, with its own
 * '%' formatter that only knows "%s", "%(key)s" and "%%". Its errors are
 * those of each phase, phase 1 first (an IndexError before an unsupported
 * format character appearing earlier in the query).
 *
 * Here both phases run in one pass that writes the output directly: phase 2
 * errors are recorded and raised only if phase 1 completes. The two phases
 * only disagree on where a key ends when it contains '(' (phase 2 counts
 * nested parentheses) or on "%(key)%" (phase 2 writes a '%'); for those
 * rare queries the exact two-phase algorithm runs instead (merge_slow).
 */
#include "psycopg.h"
#include "microprotocols.h"
#include "connection.h"

#define MODE_NONE 0
#define MODE_POS 1
#define MODE_NAMED 2
#define DIVERGED 1   /* scan result: use the two-phase path */

typedef struct {
    Py_ssize_t start, len;   /* literal of a named value, in out */
} span;

typedef struct {
    const char *q;
    Py_ssize_t qlen;
    PyObject *vars;
    connectionObject *conn;
    psyco_buf out;
    int mode;
    int slow;               /* phase 1 of the two-phase path: no output */
    Py_ssize_t npos;        /* positional values fetched */
    PyObject *seen;         /* dict key -> index in spans (fast) or bytes (slow) */
    span *spans;
    Py_ssize_t nspans, capspans;
    PyObject *defer_type;   /* first phase 2 error: class (borrowed) ... */
    PyObject *defer_msg;    /* ... and message (str, owned) */
} merger;

/* ---- phase 2 errors, raised now or deferred ---- */

static PyObject *
bad_char_message(const char *q, Py_ssize_t at, PyObject **exc)
{
    unsigned char c = (unsigned char)q[at];

    /* psycopg2 formats the byte as a signed char: bytes >= 0x80 become
     * negative code points, which Python rejects with this message. */
    if (c >= 0x80) {
        *exc = PyExc_OverflowError;
        return PyUnicode_FromString("character argument not in range(0x110000)");
    }
    *exc = PyExc_ValueError;
    return PyUnicode_FromFormat(
        "unsupported format character '%c' (0x%x) at index %zd",
        (int)c, (unsigned int)c, at);
}

static PyObject *
raise_bad_char(const char *q, Py_ssize_t at)
{
    PyObject *exc, *msg = bad_char_message(q, at, &exc);

    if (msg) {
        PyErr_SetObject(exc, msg);
        Py_DECREF(msg);
    }
    return NULL;
}

/* Record a phase 2 error (the first one only); takes msg. */
static int
defer(merger *m, PyObject *exc, PyObject *msg)
{
    if (msg == NULL)
        return -1;
    if (m->defer_msg) {
        Py_DECREF(msg);
        return 0;
    }
    m->defer_type = exc;
    m->defer_msg = msg;
    return 0;
}

/* The character at `at` must be the 's' ending a placeholder: returns 1 if
 * it is, 0 if a phase 2 error was deferred instead, -1 on failure.
 * Sets *next to where scanning resumes. */
static int
check_conversion(merger *m, Py_ssize_t at, Py_ssize_t *next)
{
    PyObject *exc, *msg;

    if (at >= m->qlen) {
        *next = m->qlen;
        return defer(m, PyExc_ValueError,
                     PyUnicode_FromString("incomplete format"));
    }
    if (m->q[at] == 's') {
        *next = at + 1;
        return 1;
    }
    *next = at;
    msg = bad_char_message(m->q, at, &exc);
    return defer(m, exc, msg);
}

/* ---- phase 1: values ---- */

static int
mixed_formats(void)
{
    PyErr_SetString(psyco_state.ProgrammingError,
                    "argument formats can't be mixed");
    return -1;
}

/* Quote obj at the end of out (in the slow path, into a scratch buffer:
 * phase 1 still quotes, for its errors). */
static int
quote_value(merger *m, PyObject *obj)
{
    psyco_buf scratch;
    int rv;

    if (!m->slow)
        return microprotocol_quote_into(&m->out, obj, m->conn);
    buf_init(&scratch);
    rv = microprotocol_quote_into(&scratch, obj, m->conn);
    buf_free(&scratch);
    return rv;
}

/* "%" at pc, not followed by '%' or '(': the next positional value. */
static int
merge_positional(merger *m, Py_ssize_t pc, Py_ssize_t *next)
{
    PyObject *item;
    int rv;

    if (m->mode == MODE_NAMED)
        return mixed_formats();
    m->mode = MODE_POS;
    if (!(item = PySequence_GetItem(m->vars, m->npos)))
        return -1;
    m->npos++;
    rv = quote_value(m, item);
    Py_DECREF(item);
    if (rv < 0)
        return -1;
    return check_conversion(m, pc + 1, next) < 0 ? -1 : 0;
}

static int
add_span(merger *m, Py_ssize_t start)
{
    span *sp;
    Py_ssize_t cap;

    if (m->nspans == m->capspans) {
        cap = m->capspans ? 2 * m->capspans : 8;
        if (!(sp = PyMem_Realloc(m->spans, cap * sizeof(span)))) {
            PyErr_NoMemory();
            return -1;
        }
        m->spans = sp;
        m->capspans = cap;
    }
    m->spans[m->nspans].start = start;
    m->spans[m->nspans].len = m->out.len - start;
    m->nspans++;
    return 0;
}

/* Copy the literal of a key already quoted. */
static int
repeat_span(merger *m, PyObject *index)
{
    span sp = m->spans[PyLong_AsSsize_t(index)];

    if (buf_reserve(&m->out, sp.len) < 0)
        return -1;
    memcpy(m->out.data + m->out.len, m->out.data + sp.start, (size_t)sp.len);
    m->out.len += sp.len;
    return 0;
}

/* First occurrence of a key: quote it and remember where (fast path) or
 * keep its literal for phase 2 (slow path). */
static int
quote_new_key(merger *m, PyObject *key, PyObject *value)
{
    Py_ssize_t start = m->out.len;
    PyObject *mark;
    psyco_buf tmp;
    int rv;

    if (m->slow) {
        buf_init(&tmp);
        if (microprotocol_quote_into(&tmp, value, m->conn) < 0) {
            buf_free(&tmp);
            return -1;
        }
        mark = buf_to_bytes(&tmp);
    }
    else {
        if (microprotocol_quote_into(&m->out, value, m->conn) < 0
                || add_span(m, start) < 0)
            return -1;
        mark = PyLong_FromSsize_t(m->nspans - 1);
    }
    if (mark == NULL)
        return -1;
    rv = PyDict_SetItem(m->seen, key, mark);
    Py_DECREF(mark);
    return rv;
}

static int
fetch_named(merger *m, PyObject *key)
{
    PyObject *value, *mark;
    int rv;

    /* psycopg2 reads vars[key] at every occurrence, quotes it once. */
    if (!(value = PyObject_GetItem(m->vars, key)))
        return -1;
    mark = PyDict_GetItemWithError(m->seen, key);
    if (mark)
        rv = m->slow ? 0 : repeat_span(m, mark);
    else
        rv = PyErr_Occurred() ? -1 : quote_new_key(m, key, value);
    Py_DECREF(value);
    return rv;
}

/* "%(" at pc. Returns 0, DIVERGED, or -1. */
static int
merge_named(merger *m, Py_ssize_t pc, Py_ssize_t *next)
{
    const char *kstart = m->q + pc + 2, *close;
    PyObject *key;
    Py_ssize_t klen, after;
    int rv;

    close = memchr(kstart, ')', (size_t)(m->qlen - (pc + 2)));
    if (close == NULL) {
        PyErr_SetString(psyco_state.ProgrammingError,
                        "incomplete placeholder: '%(' without ')'");
        return -1;
    }
    if (m->mode == MODE_POS)
        return mixed_formats();
    m->mode = MODE_NAMED;
    klen = close - kstart;
    after = close + 1 - m->q;
    if (!m->slow && (memchr(kstart, '(', (size_t)klen)
                     || (after < m->qlen && m->q[after] == '%')))
        return DIVERGED;
    if (!(key = PyUnicode_DecodeUTF8(kstart, klen, "strict")))
        return -1;
    rv = fetch_named(m, key);
    Py_DECREF(key);
    if (rv < 0)
        return -1;
    if (m->slow) {
        *next = after;
        return 0;
    }
    return check_conversion(m, after, next) < 0 ? -1 : 0;
}

/* The pass over the query. 0, DIVERGED or -1. */
static int
merge_scan(merger *m)
{
    Py_ssize_t i = 0, pc;
    const char *p;
    int r;

    while (i < m->qlen && (p = memchr(m->q + i, '%', (size_t)(m->qlen - i)))) {
        pc = p - m->q;
        if (!m->slow && buf_append(&m->out, m->q + i, pc - i) < 0)
            return -1;
        if (pc + 1 < m->qlen && m->q[pc + 1] == '%') {
            if (!m->slow && buf_append_char(&m->out, '%') < 0)
                return -1;
            i = pc + 2;
            continue;
        }
        if (pc + 1 < m->qlen && m->q[pc + 1] == '(')
            r = merge_named(m, pc, &i);
        else
            r = merge_positional(m, pc, &i);
        if (r != 0)
            return r;
    }
    if (!m->slow && i < m->qlen)
        return buf_append(&m->out, m->q + i, m->qlen - i);
    return 0;
}

/* After the scan: the deferred error, or the argument count check that
 * phase 2 does for sequences. */
static int
merge_finish(merger *m)
{
    Py_ssize_t n;

    if (m->defer_msg) {
        PyErr_SetObject(m->defer_type, m->defer_msg);
        return -1;
    }
    if (m->mode != MODE_POS)
        return 0;
    if ((n = PyObject_Length(m->vars)) < 0)
        return -1;
    if (m->npos < n) {
        PyErr_SetString(PyExc_TypeError,
                        "not all arguments converted during string formatting");
        return -1;
    }
    if (m->npos > n) {
        PyErr_SetString(PyExc_TypeError, "not enough arguments for format string");
        return -1;
    }
    return 0;
}

/* ---- phase 2 of the two-phase path (named values only) ---- */

/* "%(key)c" at pc: parse the key as phase 2 does (balanced parentheses). */
static int
format_named(merger *m, Py_ssize_t pc, Py_ssize_t *next)
{
    Py_ssize_t j = pc + 2, depth = 1;
    PyObject *key, *val;

    for (; j < m->qlen && depth > 0; j++) {
        if (m->q[j] == '(')
            depth++;
        else if (m->q[j] == ')')
            depth--;
    }
    if (depth > 0) {
        PyErr_SetString(PyExc_ValueError, "incomplete format key");
        return -1;
    }
    if (!(key = PyUnicode_DecodeUTF8(m->q + pc + 2, j - 1 - (pc + 2), "strict")))
        return -1;
    val = PyDict_GetItemWithError(m->seen, key);
    if (val == NULL && !PyErr_Occurred())
        PyErr_SetObject(PyExc_KeyError, key);
    Py_DECREF(key);
    if (val == NULL)
        return -1;
    if (j >= m->qlen) {
        PyErr_SetString(PyExc_ValueError, "incomplete format");
        return -1;
    }
    *next = j + 1;
    if (m->q[j] == 's')
        return buf_append_bytes(&m->out, val);
    if (m->q[j] == '%')
        return buf_append_char(&m->out, '%');
    raise_bad_char(m->q, j);
    return -1;
}

static int
format_phase2(merger *m)
{
    Py_ssize_t i = 0, pc;
    const char *p;

    while (i < m->qlen && (p = memchr(m->q + i, '%', (size_t)(m->qlen - i)))) {
        pc = p - m->q;
        if (buf_append(&m->out, m->q + i, pc - i) < 0)
            return -1;
        if (pc + 1 >= m->qlen) {
            PyErr_SetString(PyExc_ValueError, "incomplete format");
            return -1;
        }
        if (m->q[pc + 1] == '%') {
            if (buf_append_char(&m->out, '%') < 0)
                return -1;
            i = pc + 2;
        }
        else if (m->q[pc + 1] == '(') {
            if (format_named(m, pc, &i) < 0)
                return -1;
        }
        else {
            /* Not reached: phase 1 rejects positional after named. */
            raise_bad_char(m->q, pc + 1);
            return -1;
        }
    }
    return buf_append(&m->out, m->q + i, m->qlen - i);
}

/* The exact algorithm, for the queries where the phases disagree. */
static int
merge_slow(merger *m)
{
    m->slow = 1;
    m->mode = MODE_NONE;
    m->npos = 0;
    m->out.len = 0;
    PyDict_Clear(m->seen);
    if (merge_scan(m) < 0)
        return -1;
    m->slow = 0;
    return format_phase2(m);
}

PyObject *
psyco_merge_query(PyObject *query, PyObject *vars, connectionObject *conn)
{
    merger m;
    PyObject *rv = NULL;
    int r;

    /* No arguments: '%' is not special at all. */
    if (vars == NULL || vars == Py_None)
        return Py_NewRef(query);
    memset(&m, 0, sizeof(m));
    m.q = PyBytes_AS_STRING(query);
    m.qlen = PyBytes_GET_SIZE(query);
    m.vars = vars;
    m.conn = conn;
    buf_init(&m.out);
    if (!(m.seen = PyDict_New()))
        goto exit;
    r = merge_scan(&m);
    if (r == DIVERGED)
        r = merge_slow(&m);
    else if (r == 0)
        r = merge_finish(&m);
    if (r == 0)
        rv = buf_to_bytes(&m.out);
exit:
    if (rv == NULL)
        buf_free(&m.out);
    Py_XDECREF(m.seen);
    Py_XDECREF(m.defer_msg);
    PyMem_Free(m.spans);
    return rv;
}
