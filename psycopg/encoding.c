/* encoding.c - PostgreSQL client encodings and their Python codecs.
 *
 * PostgreSQL accepts an encoding name in any case and ignores everything
 * but letters and digits ("utf-8" is UTF8), so lookups compare names in
 * that normal form. */
#include "psycopg.h"
#include "connection.h"

#include <ctype.h>

typedef struct {
    const char *pgname;
    const char *codec;
} encoding_entry;

/* PostgreSQL's client encodings and their aliases -> Python codec names.
 * MULE_INTERNAL and EUC_TW have no Python codec. */
static const encoding_entry encoding_table[] = {
    {"SQL_ASCII", "ascii"},
    {"UTF8", "utf_8"}, {"UNICODE", "utf_8"},
    {"LATIN1", "iso8859_1"}, {"LATIN2", "iso8859_2"},
    {"LATIN3", "iso8859_3"}, {"LATIN4", "iso8859_4"},
    {"LATIN5", "iso8859_9"}, {"LATIN6", "iso8859_10"},
    {"LATIN7", "iso8859_13"}, {"LATIN8", "iso8859_14"},
    {"LATIN9", "iso8859_15"}, {"LATIN10", "iso8859_16"},
    {"ISO_8859_1", "iso8859_1"}, {"ISO_8859_2", "iso8859_2"},
    {"ISO_8859_3", "iso8859_3"}, {"ISO_8859_5", "iso8859_5"},
    {"ISO_8859_6", "iso8859_6"}, {"ISO_8859_7", "iso8859_7"},
    {"ISO_8859_8", "iso8859_8"}, {"ISO_8859_9", "iso8859_9"},
    {"ISO_8859_10", "iso8859_10"}, {"ISO_8859_13", "iso8859_13"},
    {"ISO_8859_14", "iso8859_14"}, {"ISO_8859_15", "iso8859_15"},
    {"ISO_8859_16", "iso8859_16"},
    {"WIN866", "cp866"}, {"ALT", "cp866"}, {"WIN874", "cp874"},
    {"WIN1250", "cp1250"}, {"WIN1251", "cp1251"}, {"WIN", "cp1251"},
    {"WIN1252", "cp1252"}, {"WIN1253", "cp1253"}, {"WIN1254", "cp1254"},
    {"WIN1255", "cp1255"}, {"WIN1256", "cp1256"}, {"WIN1257", "cp1257"},
    {"WIN1258", "cp1258"}, {"ABC", "cp1258"}, {"TCVN", "cp1258"},
    {"TCVN5712", "cp1258"}, {"VSCII", "cp1258"},
    {"KOI8R", "koi8_r"}, {"KOI8", "koi8_r"}, {"KOI8U", "koi8_u"},
    {"EUC_JP", "euc_jp"}, {"EUC_KR", "euc_kr"}, {"EUC_CN", "euccn"},
    {"EUC_JIS_2004", "euc_jis_2004"},
    {"SJIS", "cp932"}, {"Mskanji", "cp932"}, {"ShiftJIS", "cp932"},
    {"WIN932", "cp932"}, {"Windows932", "cp932"},
    {"SHIFT_JIS_2004", "shift_jis_2004"},
    {"GBK", "gbk"}, {"WIN936", "gbk"}, {"Windows936", "gbk"},
    {"GB18030", "gb18030"}, {"BIG5", "big5"},
    {"WIN950", "cp950"}, {"Windows950", "cp950"},
    {"UHC", "cp949"}, {"WIN949", "cp949"}, {"Windows949", "cp949"},
    {"JOHAB", "johab"},
    {NULL, NULL}
};

/* Write the normal form of `name` (letters and digits, upper case). */
static void
normalize_name(const char *name, char *out, size_t size)
{
    size_t n = 0;

    for (; *name && n + 1 < size; name++)
        if (isalnum((unsigned char)*name))
            out[n++] = (char)toupper((unsigned char)*name);
    out[n] = '\0';
}

const char *
conn_codec_for(const char *pgenc)
{
    char want[64], have[64];
    const encoding_entry *e;

    normalize_name(pgenc, want, sizeof want);
    for (e = encoding_table; e->pgname; e++) {
        normalize_name(e->pgname, have, sizeof have);
        if (strcmp(want, have) == 0)
            return e->codec;
    }
    return NULL;
}

/* Add `key: codec` to the dict; -1 on error. */
static int
add_name(PyObject *d, const char *key, const char *codec)
{
    PyObject *v = PyUnicode_FromString(codec);
    int rv;

    if (v == NULL)
        return -1;
    rv = PyDict_SetItemString(d, key, v);
    Py_DECREF(v);
    return rv;
}

PyObject *
conn_encodings_dict(void)
{
    PyObject *d = PyDict_New();
    const encoding_entry *e;
    char norm[64];

    if (d == NULL)
        return NULL;
    /* Both spellings: the documented name and its normal form. */
    for (e = encoding_table; e->pgname; e++) {
        normalize_name(e->pgname, norm, sizeof norm);
        if (add_name(d, e->pgname, e->codec) < 0
                || add_name(d, norm, e->codec) < 0) {
            Py_DECREF(d);
            return NULL;
        }
    }
    return d;
}

/* A decoder CPython implements natively for the codec, or NULL. */
static psyco_decoder
native_decoder(const char *codec)
{
    if (strcmp(codec, "utf_8") == 0)
        return PyUnicode_DecodeUTF8;
    if (strcmp(codec, "iso8859_1") == 0)
        return PyUnicode_DecodeLatin1;
    if (strcmp(codec, "ascii") == 0)
        return PyUnicode_DecodeASCII;
    return NULL;
}

/* A PyMem copy of s, or NULL with MemoryError set. */
static char *
copy_string(const char *s)
{
    char *copy = PyMem_Malloc(strlen(s) + 1);

    if (copy == NULL)
        PyErr_NoMemory();
    else
        strcpy(copy, s);
    return copy;
}

int
conn_set_encoding_name(connectionObject *self, const char *name)
{
    char *copy = copy_string(name);

    if (copy == NULL)
        return -1;
    PyMem_Free(self->encoding);
    self->encoding = copy;
    return 0;
}

int
conn_setup_encoding(connectionObject *self)
{
    const char *pgenc = PQparameterStatus(self->pgconn, "client_encoding");
    const char *codec;
    char *codec_copy;
    char clean[64];

    if (pgenc == NULL)
        pgenc = "SQL_ASCII";
    /* psycopg2 shows the name in its normal form (SQLASCII, EUCJP), in
     * conn.encoding and in the error alike. */
    normalize_name(pgenc, clean, sizeof clean);
    if ((codec = conn_codec_for(pgenc)) == NULL) {
        PyErr_Format(psyco_state.OperationalError,
                     "no Python encoding for PostgreSQL encoding '%s'", clean);
        return -1;
    }
    if ((codec_copy = copy_string(codec)) == NULL)
        return -1;
    PyMem_Free(self->codec);
    self->codec = codec_copy;
    self->cdecoder = native_decoder(codec);
    return conn_set_encoding_name(self, clean);
}

PyObject *
conn_encode(connectionObject *conn, PyObject *str)
{
    const char *codec = conn ? conn->codec : NULL;

    if (codec == NULL || strcmp(codec, "utf_8") == 0)
        return PyUnicode_AsUTF8String(str);
    if (strcmp(codec, "iso8859_1") == 0)
        return PyUnicode_AsLatin1String(str);
    if (strcmp(codec, "ascii") == 0)
        return PyUnicode_AsASCIIString(str);
    return PyUnicode_AsEncodedString(str, codec, "strict");
}
