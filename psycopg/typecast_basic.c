/* typecast_basic.c - SQL -> Python for scalars: bool, numbers, text,
 * bytea, json.
 *
 * Every function gets the text form of one non-NULL value. The common
 * cases are parsed in C; anything unusual is handed to the same CPython
 * routine int()/float() use, so that odd input gives exactly their result
 * or error message.
 */
#include "typecast_int.h"

char *
typecast_cstr(const char *s, Py_ssize_t len, char *buf, Py_ssize_t bufsize)
{
    char *p = buf;

    if (len >= bufsize) {
        p = PyMem_Malloc((size_t)len + 1);
        if (p == NULL) {
            PyErr_NoMemory();
            return NULL;
        }
    }
    memcpy(p, s, (size_t)len);
    p[len] = '\0';
    return p;
}

PyObject *
typecast_BOOLEAN_cast(const char *s, Py_ssize_t len, cursorObject *curs)
{
    PyObject *str;

    /* The server sends 't' or 'f'; the first letter decides, as in
     * psycopg2 ('true' works too). */
    if (len > 0 && (s[0] == 't' || s[0] == 'T'))
        Py_RETURN_TRUE;
    if (len > 0 && (s[0] == 'f' || s[0] == 'F'))
        Py_RETURN_FALSE;

    str = conn_decode(typecast_conn(curs), s, len);
    if (str) {
        PyErr_Format(psyco_state.InterfaceError,
                     "can't parse boolean: '%U'", str);
        Py_DECREF(str);
    }
    return NULL;
}

/* int(): the slow path, for big numbers and for errors (its message). */
static PyObject *
integer_fallback(const char *s, Py_ssize_t len)
{
    char buf[64];
    char *p;
    PyObject *rv;

    if (!(p = typecast_cstr(s, len, buf, sizeof(buf))))
        return NULL;
    rv = PyLong_FromString(p, NULL, 10);
    typecast_cstr_free(p, buf);
    return rv;
}

PyObject *
typecast_INTEGER_cast(const char *s, Py_ssize_t len,
                      cursorObject *curs PSYCO_UNUSED)
{
    const char *p = s, *end = s + len;
    int neg = 0;
    long long v = 0;

    if (p < end && (*p == '-' || *p == '+'))
        neg = (*p++ == '-');
    /* 18 digits always fit in a long long: no overflow test per digit. */
    if (p == end || end - p > 18)
        return integer_fallback(s, len);
    for (; p < end; p++) {
        if (*p < '0' || *p > '9')
            return integer_fallback(s, len);
        v = v * 10 + (*p - '0');
    }
    return PyLong_FromLongLong(neg ? -v : v);
}

/* float(): the slow path for inputs PyOS_string_to_double refuses
 * (spaces, underscores) and for the error message. */
static PyObject *
float_fallback(const char *s, Py_ssize_t len)
{
    PyObject *str, *rv;

    if (!(str = PyUnicode_DecodeUTF8(s, len, "replace")))
        return NULL;
    rv = PyFloat_FromString(str);
    Py_DECREF(str);
    return rv;
}

PyObject *
typecast_FLOAT_cast(const char *s, Py_ssize_t len,
                    cursorObject *curs PSYCO_UNUSED)
{
    char buf[64];
    char *p, *endp = NULL;
    double d;

    if (!(p = typecast_cstr(s, len, buf, sizeof(buf))))
        return NULL;
    /* NULL overflow exception: 1e999 gives inf, as float() does. */
    d = PyOS_string_to_double(p, &endp, NULL);
    if ((d == -1.0 && PyErr_Occurred()) || endp != p + len) {
        PyErr_Clear();
        typecast_cstr_free(p, buf);
        return float_fallback(s, len);
    }
    typecast_cstr_free(p, buf);
    return PyFloat_FromDouble(d);
}

PyObject *
typecast_DECIMAL_cast(const char *s, Py_ssize_t len, cursorObject *curs)
{
    PyObject *str, *rv;

    /* Decimal has no C API: the text goes through its constructor, which
     * also knows NaN and +/-Infinity. */
    if (!(str = conn_decode(typecast_conn(curs), s, len)))
        return NULL;
    rv = PyObject_CallOneArg(psyco_state.decimal_type, str);
    Py_DECREF(str);
    return rv;
}

PyObject *
typecast_STRING_cast(const char *s, Py_ssize_t len, cursorObject *curs)
{
    return conn_decode(typecast_conn(curs), s, len);
}

PyObject *
typecast_BYTES_cast(const char *s, Py_ssize_t len,
                    cursorObject *curs PSYCO_UNUSED)
{
    return PyBytes_FromStringAndSize(s, len);
}

PyObject *
typecast_JSON_cast(const char *s, Py_ssize_t len, cursorObject *curs)
{
    PyObject *str, *rv, *loads;

    if (!(str = conn_decode(typecast_conn(curs), s, len)))
        return NULL;
    loads = psyco_json_loads();
    rv = loads ? PyObject_CallOneArg(loads, str) : NULL;
    Py_DECREF(str);
    return rv;
}

/* bytea ----------------------------------------------------------------- */

static int
hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* 'hex' output (\x0a1b...). Characters that are not hex digits are
 * skipped and an odd last digit is dropped, as psycopg2 does. */
static Py_ssize_t
bytea_unhex(const char *s, Py_ssize_t len, char *out)
{
    Py_ssize_t i, n = 0;
    int hi = -1, v;

    for (i = 0; i < len; i++) {
        if ((v = hex_value(s[i])) < 0)
            continue;
        if (hi < 0)
            hi = v;
        else {
            out[n++] = (char)((hi << 4) | v);
            hi = -1;
        }
    }
    return n;
}

static int
is_octal(char c, char max)
{
    return c >= '0' && c <= max;
}

/* 'escape' output: \\ is a backslash, \ooo an octal byte; a backslash
 * before anything else is dropped. A lone backslash at the very end
 * stands for a NUL byte (psycopg2 reads the string terminator there). */
static Py_ssize_t
bytea_unescape(const char *s, Py_ssize_t len, char *out)
{
    Py_ssize_t i = 0, n = 0;

    while (i < len) {
        if (s[i] != '\\') {
            out[n++] = s[i++];
        }
        else if (i + 1 == len) {
            out[n++] = '\0';
            i++;
        }
        else if (s[i + 1] == '\\') {
            out[n++] = '\\';
            i += 2;
        }
        else if (i + 3 < len && is_octal(s[i + 1], '3')
                 && is_octal(s[i + 2], '7') && is_octal(s[i + 3], '7')) {
            out[n++] = (char)(((s[i + 1] - '0') << 6)
                              | ((s[i + 2] - '0') << 3) | (s[i + 3] - '0'));
            i += 4;
        }
        else {
            i++;
        }
    }
    return n;
}

PyObject *
typecast_BINARY_cast(const char *s, Py_ssize_t len,
                     cursorObject *curs PSYCO_UNUSED)
{
    PyObject *bytes = NULL, *rv = NULL;
    Py_ssize_t n;
    int hex = (len >= 2 && s[0] == '\\' && s[1] == 'x');

    /* Both formats only shrink: len bytes are always enough. */
    if (!(bytes = PyBytes_FromStringAndSize(NULL, hex ? len / 2 : len)))
        goto exit;
    if (hex)
        n = bytea_unhex(s + 2, len - 2, PyBytes_AS_STRING(bytes));
    else
        n = bytea_unescape(s, len, PyBytes_AS_STRING(bytes));
    if (_PyBytes_Resize(&bytes, n) < 0)
        goto exit;
    /* psycopg2 returns a memoryview; here it views a read-only bytes. */
    rv = PyMemoryView_FromObject(bytes);

exit:
    Py_XDECREF(bytes);
    return rv;
}
