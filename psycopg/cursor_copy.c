/* cursor_copy.c - cursor.copy_from(), copy_to() and copy_expert(): argument
 * handling, the COPY statement, and the loops moving data between the
 * Python file object and the server (libpq's side is in pqpath_copy.c).
 *
 * The file object is always called with the GIL held and without the
 * connection lock (it may do anything, even use the connection). */
#include "psycopg.h"
#include "cursor.h"
#include "pqpath.h"
#include "utils.h"

/* Raise the errors psycopg2 raises before any COPY. */
static int
copy_check_cursor(cursorObject *self, const char *meth)
{
    if (self->closed || self->conn == NULL || self->conn->closed) {
        PyErr_SetString(psyco_state.InterfaceError, "cursor already closed");
        return -1;
    }
    if (self->conn->async_) {
        PyErr_Format(psyco_state.ProgrammingError,
                     "%s cannot be used in asynchronous mode", meth);
        return -1;
    }
    if (self->conn->status == CONN_STATUS_PREPARED) {   /* tpc_prepare() */
        PyErr_Format(psyco_state.ProgrammingError, "%s cannot be used "
                     "with a prepared two-phase transaction", meth);
        return -1;
    }
    return 0;
}

/* --- the statement of copy_from() / copy_to() -------------------------- */

/* name (str, or bytes for columns) in the connection encoding. New bytes
 * without NUL characters, or NULL. */
static PyObject *
copy_name_bytes(cursorObject *self, PyObject *name)
{
    PyObject *b;

    if (PyBytes_Check(name))
        b = Py_NewRef(name);
    else if (PyUnicode_Check(name))
        b = conn_encode(self->conn, name);
    else
        return psyco_raise(PyExc_TypeError,
                           "Expected bytes or unicode string, got %s instead",
                           Py_TYPE(name)->tp_name);
    if (b && memchr(PyBytes_AS_STRING(b), '\0', PyBytes_GET_SIZE(b))) {
        Py_DECREF(b);
        return psyco_raise(PyExc_ValueError, "embedded null character");
    }
    return b;
}

/* Append s between quote characters, doubling the quote (and, when
 * `backslash`, the backslashes: a literal without standard strings). */
static int
append_quoted(psyco_buf *b, PyObject *s, char quote, int backslash)
{
    const char *p = PyBytes_AS_STRING(s), *end = p + PyBytes_GET_SIZE(s);

    if (buf_append_char(b, quote) < 0)
        return -1;
    for (; p < end; p++) {
        if (*p == quote || (backslash && *p == '\\'))
            if (buf_append_char(b, *p) < 0)
                return -1;
        if (buf_append_char(b, *p) < 0)
            return -1;
    }
    return buf_append_char(b, quote);
}

/* Append name quoted as an identifier (psycopg2 2.9 quotes the table name
 * whole: "schema.table" is one identifier, as there). */
static int
append_ident(psyco_buf *b, cursorObject *self, PyObject *name)
{
    PyObject *s = copy_name_bytes(self, name);
    int rv;

    if (s == NULL)
        return -1;
    rv = append_quoted(b, s, '"', 0);
    Py_DECREF(s);
    return rv;
}

/* Append "(col1,col2,...)" for any iterable of column names. An empty one
 * gives "()", which the server refuses as psycopg2's broken statement. */
static int
append_columns(psyco_buf *b, cursorObject *self, PyObject *columns)
{
    PyObject *it, *col;
    int rv = -1, first = 1;

    if ((it = PyObject_GetIter(columns)) == NULL)
        return -1;
    if (buf_append_char(b, '(') < 0)
        goto exit;
    while ((col = PyIter_Next(it)) != NULL) {
        if ((!first && buf_append_char(b, ',') < 0)
                || append_ident(b, self, col) < 0) {
            Py_DECREF(col);
            goto exit;
        }
        Py_DECREF(col);
        first = 0;
    }
    if (!PyErr_Occurred() && buf_append_char(b, ')') == 0)
        rv = 0;
exit:
    Py_DECREF(it);
    return rv;
}

/* Append the string option as a literal, as psycopg2 quotes it. */
static int
append_literal(psyco_buf *b, cursorObject *self, PyObject *str, int scs)
{
    PyObject *s = copy_name_bytes(self, str);
    int rv;

    if (s == NULL)
        return -1;
    rv = append_quoted(b, s, '\'', !scs);
    Py_DECREF(s);
    return rv;
}

/* COPY "table"(columns) <direction> WITH DELIMITER AS 'sep' NULL AS 'null'
 * New bytes, or NULL. */
static PyObject *
copy_statement(cursorObject *self, PyObject *table, PyObject *columns,
               const char *direction, PyObject *sep, PyObject *null)
{
    int scs = pq_standard_strings(self->conn);
    psyco_buf b;

    buf_init(&b);
    if (buf_append_str(&b, "COPY ") < 0
            || append_ident(&b, self, table) < 0
            || (columns != Py_None && append_columns(&b, self, columns) < 0)
            || buf_append_str(&b, direction) < 0
            || buf_append_str(&b, " WITH DELIMITER AS ") < 0
            || append_literal(&b, self, sep, scs) < 0
            || buf_append_str(&b, " NULL AS ") < 0
            || append_literal(&b, self, null, scs) < 0) {
        buf_free(&b);
        return NULL;
    }
    return buf_to_bytes(&b);
}

/* --- moving the data --------------------------------------------------- */

/* 1 if file's type is exactly one of the `io` classes named and its
 * `method` is the class's own, 0 if not, -1 error. Exact types only, and
 * no method set on the instance: either may change what we rely on. */
static int
copy_is_io_type(PyObject *file, const char *const *names, const char *method)
{
    PyObject *io, *type, *meth;
    int found = 0;

    if ((io = PyImport_ImportModule("io")) == NULL)
        return -1;
    for (; *names && !found; names++) {
        if ((type = PyObject_GetAttrString(io, *names)) == NULL) {
            found = -1;
            break;
        }
        found = (PyObject *)Py_TYPE(file) == type;
        Py_DECREF(type);
    }
    Py_DECREF(io);
    if (found != 1)
        return found;
    if ((meth = PyObject_GetAttrString(file, method)) == NULL)
        return -1;
    /* the class's C method, bound to this file */
    found = PyCFunction_Check(meth) && PyCFunction_GET_SELF(meth) == file;
    Py_DECREF(meth);
    return found;
}

/* End the COPY after the error now set: the COPY is aborted (copy in) or
 * drained (copy out) so the connection stays usable, and the error is
 * raised as it is, whatever the server answers. Returns -1. */
static int
copy_abort(cursorObject *self, const char *what)
{
    PyObject *type, *value, *tb;
    char msg[256];

    PyErr_Fetch(&type, &value, &tb);
    /* The server logs this: the exception type only, never its text
     * (it may hold data). */
    snprintf(msg, sizeof msg, "error in %s call: %s", what,
             type ? ((PyTypeObject *)type)->tp_name : "?");
    if (pq_copy_end(self, msg) < 0)
        PyErr_Clear();
    self->rowcount = -1;
    PyErr_Restore(type, value, tb);
    return -1;
}

/* Send one chunk returned by read(): str is encoded in the connection
 * encoding, bytes-like objects go as they are. 1 sent, 2 end of the file
 * (empty chunk), 0 the COPY cannot go on (libpq side), -1 Python error. */
static int
copy_send_chunk(cursorObject *self, PyObject *chunk)
{
    PyObject *encoded = NULL;
    Py_buffer view;
    int rv;

    if (PyUnicode_Check(chunk)) {
        if ((encoded = conn_encode(self->conn, chunk)) == NULL)
            return -1;
        chunk = encoded;
    }
    else if (!PyObject_CheckBuffer(chunk)) {
        PyErr_Format(PyExc_TypeError,
                     "read() must return str or bytes, not %s",
                     Py_TYPE(chunk)->tp_name);
        return -1;
    }
    if (PyObject_GetBuffer(chunk, &view, PyBUF_SIMPLE) < 0) {
        Py_XDECREF(encoded);
        return -1;
    }
    /* An empty chunk is the end of the file. */
    rv = view.len == 0 ? 2 : pq_copy_put(self, view.buf, view.len);
    PyBuffer_Release(&view);
    Py_XDECREF(encoded);
    return rv;
}

/* The bytes of an io.BytesIO after its position go straight from its
 * content, without read() copying each chunk into a new object; then the
 * position moves past them, as the read() calls would have moved it.
 * getvalue() gives the content without copying it when the BytesIO was
 * made from a bytes object (getbuffer() would copy it to make it
 * writable).
 *
 * Why the pieces are a little longer than `size` when that is a multiple
 * of 4 KiB: libpq copies each piece into its output buffer, and a copy
 * whose destination is a few bytes (1-31) past its source modulo 4 KiB
 * runs up to 15 times slower (4K aliasing in memcpy's rep movsb). Pieces
 * starting at the same page offset would all be slow when the buffers
 * happen to lie that way; rotating the offset makes it one piece in 64.
 * 1 all sent, 0 the COPY cannot go on, -1 Python error. */
static int
copy_in_bytesio(cursorObject *self, PyObject *file, Py_ssize_t size)
{
    PyObject *value, *pos_obj, *moved;
    Py_ssize_t pos, len, piece = size, n;
    int rv = 1;

    if (size % 4096 == 0 && size < PY_SSIZE_T_MAX - 64)
        piece += 64;
    if ((pos_obj = PyObject_CallMethod(file, "tell", NULL)) == NULL)
        return -1;
    pos = PyLong_AsSsize_t(pos_obj);
    Py_DECREF(pos_obj);
    if (pos < 0 || (value = PyObject_CallMethod(file, "getvalue", NULL))
            == NULL)
        return -1;
    if (!PyBytes_Check(value)) {
        Py_DECREF(value);
        PyErr_SetString(PyExc_TypeError, "getvalue() did not return bytes");
        return -1;
    }
    len = PyBytes_GET_SIZE(value);
    for (; rv == 1 && pos < len; pos += n) {
        n = len - pos < piece ? len - pos : piece;
        rv = pq_copy_put(self, PyBytes_AS_STRING(value) + pos, n);
    }
    Py_DECREF(value);
    if ((moved = PyObject_CallMethod(file, "seek", "n", pos)) == NULL)
        return -1;
    Py_DECREF(moved);
    return rv;
}

/* file.read(size) until it returns an empty chunk. 2 all sent, 0 the COPY
 * cannot go on, -1 Python error. */
static int
copy_in_read(cursorObject *self, PyObject *file, Py_ssize_t size)
{
    PyObject *read, *size_obj, *chunk;
    int rv = 1;

    if ((read = PyObject_GetAttrString(file, "read")) == NULL)
        return -1;
    if ((size_obj = PyLong_FromSsize_t(size)) == NULL)
        rv = -1;
    while (rv == 1) {
        if ((chunk = PyObject_CallOneArg(read, size_obj)) == NULL)
            rv = -1;
        else {
            rv = copy_send_chunk(self, chunk);
            Py_DECREF(chunk);
        }
    }
    Py_DECREF(read);
    Py_XDECREF(size_obj);
    return rv;
}

/* COPY FROM STDIN: the data of the file, then the end of the COPY. */
static int
copy_in(cursorObject *self, PyObject *file, Py_ssize_t size)
{
    static const char *const bytesio[] = {"BytesIO", NULL};
    int rv = size > 0 ? copy_is_io_type(file, bytesio, "read") : 0;

    if (rv == 1)
        rv = copy_in_bytesio(self, file, size);
    else if (rv == 0)
        rv = copy_in_read(self, file, size);
    if (rv < 0)
        return copy_abort(self, ".read()");
    /* After a failed put, never let the server keep a partial COPY (the
     * reason, if the server gave one, is what gets raised). */
    return pq_copy_end(self, rv == 0 ? "COPY data could not be sent" : NULL);
}

/* The io.TextIOBase instances receive str, other files bytes. -1 error. */
static int
copy_wants_text(PyObject *file)
{
    PyObject *io, *base;
    int rv = -1;

    if ((io = PyImport_ImportModule("io")) == NULL)
        return -1;
    if ((base = PyObject_GetAttrString(io, "TextIOBase")) != NULL) {
        rv = PyObject_IsInstance(file, base);
        Py_DECREF(base);
    }
    Py_DECREF(io);
    return rv;
}

/* The files whose content is the same whether they get one write() per
 * row, as psycopg2 does, or one write() for many rows. */
static int
copy_writes_joined(PyObject *file)
{
    static const char *const joinable[] = {"BytesIO", "StringIO",
        "BufferedWriter", "BufferedRandom", "TextIOWrapper", NULL};

    return copy_is_io_type(file, joinable, "write");
}

/* Pass len bytes of rows to write(), as str or bytes. 0 ok, -1 Python
 * error; 1 when they are not valid text (nothing was written). */
static int
copy_write_data(cursorObject *self, PyObject *write, int text,
                const char *data, Py_ssize_t len)
{
    PyObject *obj, *rv;

    if (text)
        obj = conn_decode(self->conn, data, len);
    else
        obj = PyBytes_FromStringAndSize(data, len);
    if (obj == NULL)
        return text && PyErr_ExceptionMatches(PyExc_UnicodeDecodeError)
            ? 1 : -1;
    rv = PyObject_CallOneArg(write, obj);
    Py_DECREF(obj);
    Py_XDECREF(rv);
    return rv ? 0 : -1;
}

/* Write the rows received: joined in one write() when the file allows it,
 * else one write() per row. A decoding error is raised at the row that
 * has it, after the rows before it were written, as psycopg2 does. */
static int
copy_write_rows(cursorObject *self, PyObject *write, int text, int joined,
                const pq_copy_rows *rows)
{
    Py_ssize_t i, start = 0;
    int rv;

    if (joined) {
        if ((rv = copy_write_data(self, write, text, rows->data,
                                  rows->len)) <= 0)
            return rv;
        PyErr_Clear();   /* a bad row somewhere: find it row by row */
    }
    for (i = 0; i < rows->count; i++) {
        if (copy_write_data(self, write, text, rows->data + start,
                            rows->ends[i] - start) != 0)
            return -1;
        start = rows->ends[i];
    }
    return 0;
}

/* COPY TO STDOUT: the rows go to file.write(). */
static int
copy_out(cursorObject *self, PyObject *file)
{
    PyObject *write;
    pq_copy_rows rows = {0};
    Py_ssize_t count = 0;
    int text, joined = -1, rv = 0;

    if ((write = PyObject_GetAttrString(file, "write")) == NULL
            || (text = copy_wants_text(file)) < 0
            || (joined = copy_writes_joined(file)) < 0) {
        Py_XDECREF(write);
        return copy_abort(self, ".write()");
    }
    while (rv == 0 && (count = pq_copy_get_rows(self, &rows)) > 0)
        rv = copy_write_rows(self, write, text, joined, &rows);
    pq_copy_rows_free(&rows);
    Py_DECREF(write);
    if (rv < 0)
        return copy_abort(self, ".write()");
    if (count < 0)   /* Ctrl-C, or the wait callback failed */
        return copy_abort(self, "COPY");
    return pq_copy_end(self, NULL);
}

/* Run query (bytes) and move the data of the COPY it starts, if any. */
static int
curs_copy(cursorObject *self, PyObject *query, PyObject *file,
          Py_ssize_t size)
{
    PyObject *empty;
    int kind, rv;

    /* psycopg2 shows an empty status after a COPY. */
    if ((empty = PyUnicode_FromString("")) == NULL)
        return -1;
    Py_XSETREF(self->query, Py_NewRef(query));
    curs_clear_result(self);
    self->rowcount = -1;
    self->rownumber = 0;
    self->lastoid = InvalidOid;
    self->notuples = 1;
    if ((kind = pq_copy_start(self, PyBytes_AS_STRING(query))) <= 0) {
        Py_DECREF(empty);
        return kind;   /* an error, or not a COPY: done */
    }
    Py_XSETREF(self->statusmessage, empty);
    /* The file in use, while the COPY runs (seen by the GC). */
    Py_XSETREF(self->copyfile, Py_NewRef(file));
    self->copysize = size;
    if (kind == PQ_COPY_IN)
        rv = copy_in(self, file, size);
    else
        rv = copy_out(self, file);
    Py_CLEAR(self->copyfile);
    return rv;
}

/* --- the methods ------------------------------------------------------- */

/* psycopg2 refuses a file without the method before anything else. */
static int
copy_check_file(PyObject *file, const char *meth)
{
    if (PyObject_HasAttrString(file, meth))
        return 0;
    PyErr_Format(PyExc_TypeError, "argument 1 must have a .%s() method",
                 meth);
    return -1;
}

/* Shared by copy_from and copy_to: checks, statement, COPY. */
static PyObject *
copy_table(cursorObject *self, const char *meth, PyObject *file,
           PyObject *table, PyObject *sep, PyObject *null, Py_ssize_t size,
           PyObject *columns)
{
    int in = strcmp(meth, "copy_from") == 0;
    PyObject *query;
    int rv;

    if (copy_check_file(file, in ? "read" : "write") < 0
            || copy_check_cursor(self, meth) < 0)
        return NULL;
    query = copy_statement(self, table, columns,
                           in ? " FROM stdin" : " TO stdout", sep, null);
    if (query == NULL)
        return NULL;
    rv = curs_copy(self, query, file, size);
    Py_DECREF(query);
    if (rv < 0)
        return NULL;
    Py_RETURN_NONE;
}

/* The sep / null options: the argument given, else psycopg2's default.
 * New reference or NULL. */
static PyObject *
copy_option(PyObject *given, const char *deflt)
{
    return given ? Py_NewRef(given) : PyUnicode_FromString(deflt);
}

/* copy_from and copy_to: parse, then copy_table. */
static PyObject *
copy_table_method(cursorObject *self, PyObject *args, PyObject *kwargs,
                  const char *meth)
{
    static char *kw_from[] = {"file", "table", "sep", "null", "size",
                              "columns", NULL};
    static char *kw_to[] = {"file", "table", "sep", "null", "columns", NULL};
    PyObject *file, *table, *columns = Py_None, *sep_arg = NULL,
             *null_arg = NULL, *sep, *null, *rv = NULL;
    Py_ssize_t size = 8192;
    int parsed;

    if (strcmp(meth, "copy_from") == 0)
        parsed = PyArg_ParseTupleAndKeywords(args, kwargs, "OU|UUnO", kw_from,
                &file, &table, &sep_arg, &null_arg, &size, &columns);
    else
        parsed = PyArg_ParseTupleAndKeywords(args, kwargs, "OU|UUO", kw_to,
                &file, &table, &sep_arg, &null_arg, &columns);
    if (!parsed)
        return NULL;
    sep = copy_option(sep_arg, "\t");
    null = copy_option(null_arg, "\\N");
    if (sep && null)
        rv = copy_table(self, meth, file, table, sep, null, size, columns);
    Py_XDECREF(sep);
    Py_XDECREF(null);
    return rv;
}

PyObject *
psyco_curs_copy_from(cursorObject *self, PyObject *args, PyObject *kwargs)
{
    return copy_table_method(self, args, kwargs, "copy_from");
}

PyObject *
psyco_curs_copy_to(cursorObject *self, PyObject *args, PyObject *kwargs)
{
    return copy_table_method(self, args, kwargs, "copy_to");
}

/* copy_expert: any statement; the file needs read() for a COPY FROM STDIN,
 * write() for a COPY TO STDOUT (looked up once the server said which). */
PyObject *
psyco_curs_copy_expert(cursorObject *self, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"sql", "file", "size", NULL};
    PyObject *sql, *file, *query;
    Py_ssize_t size = 8192;
    int rv;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OO|n", kwlist, &sql,
            &file, &size))
        return NULL;
    if (copy_check_cursor(self, "copy_expert") < 0)
        return NULL;
    if (sql == Py_None)
        return psyco_raise(psyco_state.ProgrammingError,
                           "can't execute an empty query");
    if ((query = curs_query_bytes(self, sql)) == NULL)
        return NULL;
    if (PyBytes_GET_SIZE(query) == 0) {
        PyErr_SetString(psyco_state.ProgrammingError,
                        "can't execute an empty query");
        rv = -1;
    }
    else if (!PyObject_HasAttrString(file, "read")
            && !PyObject_HasAttrString(file, "write")) {
        PyErr_SetString(PyExc_TypeError,
                        "file must be a readable file-like object for"
                        " COPY FROM; a writable file-like object for"
                        " COPY TO.");
        rv = -1;
    }
    else
        rv = curs_copy(self, query, file, size);
    Py_DECREF(query);
    if (rv < 0)
        return NULL;
    Py_RETURN_NONE;
}
