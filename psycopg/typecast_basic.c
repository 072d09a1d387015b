/* typecast_basic.c - SQL -> Python for scalars: bool, numbers, text,
 * bytea, json.
 *
 * Every function gets the text form of one non-NULL value. The common
 * cases are parsed in C; anything unusual is handed to the same CPython
 * routine int()/float() use, so that odd input gives exactly their result
 * or error message.
 */
#include "typecast_int.h"

#include <float.h>

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

/* 1 if the 8 bytes at p are all ASCII digits; their value in *v. The
 * classic SWAR reduction: pairs, then quads, then the whole word. */
static inline int
digits8(const char *p, unsigned long long *v)
{
    unsigned long long w;

    memcpy(&w, p, 8);
#if PY_LITTLE_ENDIAN
    if ((w & 0xF0F0F0F0F0F0F0F0ULL) != 0x3030303030303030ULL
            || ((w + 0x0606060606060606ULL) & 0xF0F0F0F0F0F0F0F0ULL)
               != 0x3030303030303030ULL)
        return 0;
    w -= 0x3030303030303030ULL;
    w = (w * 10 + (w >> 8)) & 0x00FF00FF00FF00FFULL;
    w = (w * 100 + (w >> 16)) & 0x0000FFFF0000FFFFULL;
    *v = (w * 10000 + (w >> 32)) & 0xFFFFFFFFULL;
    return 1;
#else
    (void)v;
    return 0;
#endif
}

PyObject *
typecast_INTEGER_cast(const char *s, Py_ssize_t len,
                      cursorObject *curs PSYCO_UNUSED)
{
    const char *p = s, *end = s + len;
    int neg = 0;
    unsigned long long v = 0, eight;
    unsigned d;

    if (p < end && (*p == '-' || *p == '+'))
        neg = (*p++ == '-');
    /* 18 digits always fit in a long long: no overflow test per digit. */
    if (p == end || end - p > 18)
        return integer_fallback(s, len);
    for (; end - p >= 8 && digits8(p, &eight); p += 8)
        v = v * 100000000ULL + eight;
    for (; p < end; p++) {
        if ((d = (unsigned)(unsigned char)*p - '0') > 9)
            return integer_fallback(s, len);
        v = v * 10 + d;
    }
    return PyLong_FromLongLong(neg ? -(long long)v : (long long)v);
}

#if (defined(__x86_64__) || defined(__i386__)) && LDBL_MANT_DIG == 64
#define HAVE_FAST_FLOAT 1

/* Exact powers of ten in x87 extended precision (5^27 < 2^64). */
static const long double pow10_ext[] = {
    1e0L, 1e1L, 1e2L, 1e3L, 1e4L, 1e5L, 1e6L, 1e7L, 1e8L, 1e9L, 1e10L,
    1e11L, 1e12L, 1e13L, 1e14L, 1e15L, 1e16L, 1e17L, 1e18L, 1e19L, 1e20L,
    1e21L, 1e22L, 1e23L, 1e24L, 1e25L, 1e26L, 1e27L};

/* The digits of [-]ddd[.ddd][e[+-]dd] as an integer w and a power of ten
 * q (value = w * 10^q). 0 if the text has another shape or more than 19
 * significant digits. */
static int
float_decompose(const char *s, Py_ssize_t len, int *neg,
                unsigned long long *w, int *q)
{
    const char *p = s, *end = s + len;
    int ndigits = 0, seen = 0, exp = 0, eneg = 0, edigits = 0;

    *w = 0, *q = 0;
    if ((*neg = (p < end && *p == '-')))
        p++;
    for (; p < end && ((*p >= '0' && *p <= '9') || (*p == '.' && !seen)); p++) {
        if (*p == '.') {
            seen = 1;
            continue;
        }
        if (*w || *p != '0')
            ndigits++;          /* leading zeros are not significant */
        *w = *w * 10 + (unsigned long long)(*p - '0');
        *q -= seen;
    }
    if (ndigits > 19 || p == s + *neg || (seen && p == s + *neg + 1))
        return 0;
    if (p < end && (*p == 'e' || *p == 'E')) {
        if (++p < end && (*p == '-' || *p == '+'))
            eneg = (*p++ == '-');
        for (; p < end && *p >= '0' && *p <= '9' && edigits < 5; p++, edigits++)
            exp = exp * 10 + (*p - '0');
        if (edigits == 0)
            return 0;
        *q += eneg ? -exp : exp;
    }
    return p == end;
}

/* The correctly rounded double for w * 10^q when the x87 can tell it:
 * w and 10^q are exact in 64 bits and one multiplication or division
 * rounds once to 64 bits; rounding that to 53 bits is then correct unless
 * it landed exactly on a halfway point between two doubles (low 11 bits
 * 10000000000), which is left to the slow path. 0 if not decided. */
static int
float_from_parts(unsigned long long w, int q, double *out)
{
    long double r;
    unsigned long long mant;

    if (q < -27 || q > 27)
        return 0;
    r = (long double)w;
    r = q < 0 ? r / pow10_ext[-q] : r * pow10_ext[q];
    memcpy(&mant, &r, sizeof mant);     /* x87: the 64-bit mantissa first */
    if ((mant & 0x7FF) == 0x400)
        return 0;
    *out = (double)r;
    return 1;
}
#endif

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

/* What float() makes of the text, through CPython's own parser. */
static PyObject *
float_parse(const char *s, Py_ssize_t len)
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
typecast_FLOAT_cast(const char *s, Py_ssize_t len,
                    cursorObject *curs PSYCO_UNUSED)
{
#ifdef HAVE_FAST_FLOAT
    unsigned long long w;
    int q, neg;
    double d;

    /* The server's shortest round-trip output (at most 17 digits) nearly
     * always takes this path; anything else gets CPython's parser. */
    if (float_decompose(s, len, &neg, &w, &q) && float_from_parts(w, q, &d))
        return PyFloat_FromDouble(neg ? -d : d);
#endif
    return float_parse(s, len);
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

int
typecast_decimal_is_c(void)
{
    PyObject *t = psyco_state.decimal_type, *new_;

    /* _decimal's constructor is a C slot; _pydecimal's a Python function. */
    if (t == NULL || !PyType_Check(t))
        return 0;
    new_ = PyDict_GetItemString(((PyTypeObject *)t)->tp_dict, "__new__");
    return new_ != NULL && PyCFunction_Check(new_);
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

/* json --------------------------------------------------------------- */

/* The scanner of a default json.JSONDecoder (the C one of the stdlib's
 * _json when available): json.loads() is Python code around it that costs
 * several times the parse itself (two regex matches, three calls). Built
 * on first use and kept for the life of the process, like the module
 * state. NULL with an exception set on failure. */
static PyObject *json_scan_once;

static PyObject *
json_scanner(void)
{
    PyObject *mod, *decoder = NULL;

    if (json_scan_once)
        return json_scan_once;
    if (!(mod = PyImport_ImportModule("json")))
        return NULL;
    decoder = PyObject_CallMethod(mod, "JSONDecoder", NULL);
    if (decoder)
        json_scan_once = PyObject_GetAttrString(decoder, "scan_once");
    Py_XDECREF(decoder);
    Py_DECREF(mod);
    return json_scan_once;
}

int
typecast_json_is_c(void)
{
    PyObject *scan = json_scanner();

    if (scan == NULL) {
        PyErr_Clear();
        return 0;
    }
    return !PyFunction_Check(scan) && !PyMethod_Check(scan);
}

/* json's whitespace: what its decoder skips around the document. */
static Py_ssize_t
json_skip_ws(PyObject *str, Py_ssize_t i)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(str);
    int kind = PyUnicode_KIND(str);
    const void *data = PyUnicode_DATA(str);
    Py_UCS4 c;

    for (; i < n; i++) {
        c = PyUnicode_READ(kind, data, i);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
    }
    return i;
}

/* What json.loads(str) returns when the document is well formed; NULL
 * without an exception otherwise (a BOM, no value, extra data, any
 * error), so that the caller asks json.loads() for its exact error. */
static PyObject *
json_fast_loads(PyObject *str)
{
    PyObject *scan, *res, *obj = NULL;
    Py_ssize_t start, end;

    if (!(scan = json_scanner()))
        goto exit;
    if (PyUnicode_GET_LENGTH(str) > 0 && PyUnicode_READ_CHAR(str, 0) == 0xFEFF)
        goto exit;
    start = json_skip_ws(str, 0);
    if (!(res = PyObject_CallFunction(scan, "On", str, start)))
        goto exit;
    if (PyTuple_Check(res) && PyTuple_GET_SIZE(res) == 2
            && PyLong_Check(PyTuple_GET_ITEM(res, 1))) {
        end = PyLong_AsSsize_t(PyTuple_GET_ITEM(res, 1));
        if (end >= 0 && json_skip_ws(str, end) == PyUnicode_GET_LENGTH(str))
            obj = Py_NewRef(PyTuple_GET_ITEM(res, 0));
    }
    Py_DECREF(res);

exit:
    PyErr_Clear();
    return obj;
}

PyObject *
typecast_JSON_cast(const char *s, Py_ssize_t len, cursorObject *curs)
{
    PyObject *str, *rv, *loads;

    if (!(str = conn_decode(typecast_conn(curs), s, len)))
        return NULL;
    if (!(rv = json_fast_loads(str))) {
        loads = psyco_json_loads();
        rv = loads ? PyObject_CallOneArg(loads, str) : NULL;
    }
    Py_DECREF(str);
    return rv;
}

/* bytea ----------------------------------------------------------------- */

/* Value of each byte as a hex digit, -1 if it is not one (filled on
 * first use, under the GIL). */
static signed char hex_digits[256];
static int hex_ready;

static void
hex_digits_init(void)
{
    int c;

    hex_ready = 1;
    for (c = 0; c < 256; c++)
        hex_digits[c] = -1;
    for (c = 0; c < 10; c++)
        hex_digits['0' + c] = (signed char)c;
    for (c = 0; c < 6; c++) {
        hex_digits['a' + c] = (signed char)(10 + c);
        hex_digits['A' + c] = (signed char)(10 + c);
    }
}

/* 'hex' output (\x0a1b...) as the server sends it: pairs of digits and
 * nothing else. Returns the bytes written, -1 at the first other byte. */
static Py_ssize_t
bytea_unhex_strict(const unsigned char *s, Py_ssize_t len, char *out)
{
    Py_ssize_t i;
    int hi, lo;

    for (i = 0; i + 1 < len; i += 2) {
        hi = hex_digits[s[i]];
        lo = hex_digits[s[i + 1]];
        if ((hi | lo) < 0)
            return -1;
        out[i / 2] = (char)((hi << 4) | lo);
    }
    return i == len ? len / 2 : -1;
}

/* Any other 'hex' text: characters that are not hex digits are skipped
 * and an odd last digit is dropped, as psycopg2 does. */
static Py_ssize_t
bytea_unhex(const unsigned char *s, Py_ssize_t len, char *out)
{
    Py_ssize_t i, n = 0;
    int hi = -1, v;

    for (i = 0; i < len; i++) {
        if ((v = hex_digits[s[i]]) < 0)
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

/* The bytes of a bytea value: hex digits decoded straight into a bytes
 * of the exact size in the usual case. New reference or NULL. */
static PyObject *
bytea_decode(const char *s, Py_ssize_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    PyObject *bytes;
    Py_ssize_t n;
    int hex = (len >= 2 && s[0] == '\\' && s[1] == 'x');

    if (hex && (len - 2) % 2 == 0) {
        if (!(bytes = PyBytes_FromStringAndSize(NULL, (len - 2) / 2)))
            return NULL;
        if (bytea_unhex_strict(u + 2, len - 2, PyBytes_AS_STRING(bytes)) >= 0)
            return bytes;
        Py_DECREF(bytes);
    }
    /* Both formats only shrink: len bytes are always enough. */
    if (!(bytes = PyBytes_FromStringAndSize(NULL, hex ? len / 2 : len)))
        return NULL;
    if (hex)
        n = bytea_unhex(u + 2, len - 2, PyBytes_AS_STRING(bytes));
    else
        n = bytea_unescape(s, len, PyBytes_AS_STRING(bytes));
    if (_PyBytes_Resize(&bytes, n) < 0)
        return NULL;
    return bytes;
}

PyObject *
typecast_BINARY_cast(const char *s, Py_ssize_t len,
                     cursorObject *curs PSYCO_UNUSED)
{
    PyObject *bytes, *rv;

    if (!hex_ready)
        hex_digits_init();
    if (!(bytes = bytea_decode(s, len)))
        return NULL;
    /* psycopg2 returns a memoryview; here it views a read-only bytes. */
    rv = PyMemoryView_FromObject(bytes);
    Py_DECREF(bytes);
    return rv;
}
