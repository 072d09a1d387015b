/* typecast_array.c - SQL -> Python for arrays: '{1,2,NULL}' -> [1, 2, None].
 *
 * One pass over the literal, recursive over the braces (depth is bounded).
 * Elements without backslashes are handed to the base caster in place,
 * as a pointer into the literal: the C casters never rely on a NUL after
 * their value. Escaped elements are unescaped into a scratch buffer.
 * Every array uses ',' as delimiter, as in psycopg2 (box[] uses ';' and
 * has no built-in caster).
 */
#include "typecast_int.h"

/* psycopg2 accepts at most this nesting of braces. */
#define MAX_DEPTH 17

typedef struct {
    const char *s;
    Py_ssize_t len;
    Py_ssize_t i;             /* read position */
    typecastObject *base;
    cursorObject *curs;
    char *buf;                /* scratch for unescaped elements (PyMem) */
    Py_ssize_t bufcap;
} aparser;

static PyObject *
array_error(const char *msg)
{
    PyErr_SetString(psyco_state.DataError, msg);
    return NULL;
}

static int
buf_fit(aparser *p, Py_ssize_t n)
{
    char *nb;

    if (n <= p->bufcap)
        return 0;
    if (!(nb = PyMem_Realloc(p->buf, (size_t)n))) {
        PyErr_NoMemory();
        return -1;
    }
    p->buf = nb;
    p->bufcap = n;
    return 0;
}

/* Copy s[from:to] into the scratch buffer dropping the escaping
 * backslashes. Returns the length written, or -1. */
static Py_ssize_t
unescape(aparser *p, Py_ssize_t from, Py_ssize_t to)
{
    Py_ssize_t i, n = 0;

    if (buf_fit(p, to - from) < 0)
        return -1;
    for (i = from; i < to; i++) {
        if (p->s[i] == '\\' && i + 1 < to)
            i++;
        p->buf[n++] = p->s[i];
    }
    return n;
}

/* A quoted element; p->i on the opening quote. Sets *start and *n to the
 * element's bytes (in the literal or in the scratch buffer). */
static int
scan_quoted(aparser *p, const char **start, Py_ssize_t *n)
{
    Py_ssize_t from = ++p->i;
    int escaped = 0;

    for (; p->i < p->len && p->s[p->i] != '"'; p->i++) {
        if (p->s[p->i] == '\\') {
            escaped = 1;
            p->i++;
        }
    }
    if (p->i >= p->len) {
        array_error("unterminated quoted string in array");
        return -1;
    }
    *start = p->s + from;
    *n = p->i - from;
    p->i++;                       /* the closing quote */
    if (escaped) {
        if ((*n = unescape(p, from, p->i - 1)) < 0)
            return -1;
        *start = p->buf;
    }
    return 0;
}

/* An unquoted element: up to the next ',' or '}', taken as is (the server
 * sends no spaces around elements). NULL in any case is SQL NULL. */
static int
scan_plain(aparser *p, const char **start, Py_ssize_t *n)
{
    Py_ssize_t from = p->i;
    int escaped = 0;

    for (; p->i < p->len && p->s[p->i] != ',' && p->s[p->i] != '}'; p->i++) {
        if (p->s[p->i] == '\\') {
            escaped = 1;
            if (p->i + 1 < p->len)
                p->i++;
        }
    }
    *start = p->s + from;
    *n = p->i - from;
    if (escaped) {
        if ((*n = unescape(p, from, p->i)) < 0)
            return -1;
        *start = p->buf;
    }
    else if (*n == 4 && PyOS_strnicmp(*start, "null", 4) == 0)
        *start = NULL;
    return 0;
}

static PyObject *
parse_element(aparser *p)
{
    const char *start;
    Py_ssize_t n;
    int rv;

    rv = (p->s[p->i] == '"') ? scan_quoted(p, &start, &n)
                             : scan_plain(p, &start, &n);
    if (rv < 0)
        return NULL;
    return typecast_cast(p->base, start, n, p->curs);
}

/* One brace level; p->i on its '{'. Returns a new list. */
static PyObject *
parse_level(aparser *p, int depth)
{
    PyObject *list = NULL, *item;

    if (depth > MAX_DEPTH)
        return array_error("excessive array dimensions");
    if (!(list = PyList_New(0)))
        return NULL;
    p->i++;
    while (p->i < p->len && p->s[p->i] != '}') {
        if (p->s[p->i] == '{')
            item = parse_level(p, depth + 1);
        else
            item = parse_element(p);
        if (!item || PyList_Append(list, item) < 0) {
            Py_XDECREF(item);
            goto error;
        }
        Py_DECREF(item);
        if (p->i < p->len && p->s[p->i] == ',')
            p->i++;
    }
    if (p->i >= p->len) {
        array_error("unbalanced braces in array");
        goto error;
    }
    p->i++;                       /* the closing brace */
    return list;

error:
    Py_DECREF(list);
    return NULL;
}

/* Skip explicit bounds such as "[2:3]=" or "[1:2][0:1]=": Python lists
 * start at 0, so the bounds are dropped. */
static void
skip_bounds(aparser *p)
{
    if (p->len == 0 || p->s[0] != '[')
        return;
    while (p->i < p->len && p->s[p->i] == '[') {
        while (p->i < p->len && p->s[p->i] != ']')
            p->i++;
        if (p->i < p->len)
            p->i++;
    }
    /* Without the '=' the literal is malformed: leave i on what follows,
     * which is then refused as not starting with '{'. */
    if (p->i < p->len && p->s[p->i] == '=')
        p->i++;
    else
        p->i = 0;
}

PyObject *
typecast_array_cast(typecastObject *base, const char *s, Py_ssize_t len,
                    cursorObject *curs)
{
    aparser p = {s, len, 0, base, curs, NULL, 0};
    PyObject *rv = NULL;

    skip_bounds(&p);
    if (p.i >= len || s[p.i] != '{') {
        array_error("array does not start with '{'");
        goto exit;
    }
    if (!(rv = parse_level(&p, 1)))
        goto exit;
    if (p.i != len) {
        Py_CLEAR(rv);
        array_error("unbalanced braces in array");
    }

exit:
    PyMem_Free(p.buf);
    return rv;
}
