/* utils.h - small helpers shared by the C files: a growable byte buffer. */
#ifndef PSYCOPG_UTILS_H
#define PSYCOPG_UTILS_H 1

#include "psycopg.h"

/* A growable byte buffer. Starts in an inline area; grows on the heap.
 * Usage: psyco_buf b; buf_init(&b); buf_append(&b, ...); ...;
 *        PyObject *bytes = buf_to_bytes(&b);  (also frees) or buf_free(&b). */
typedef struct {
    char *data;
    Py_ssize_t len;
    Py_ssize_t cap;
    char inline_area[512];
} psyco_buf;

void buf_init(psyco_buf *b);
void buf_free(psyco_buf *b);
/* Make room for `extra` more bytes; -1 with MemoryError set on failure. */
int buf_reserve(psyco_buf *b, Py_ssize_t extra);
/* Return a new bytes object with the content and free the buffer. */
PyObject *buf_to_bytes(psyco_buf *b);

static inline int
buf_append(psyco_buf *b, const char *s, Py_ssize_t n)
{
    if (b->len + n > b->cap && buf_reserve(b, n) < 0)
        return -1;
    memcpy(b->data + b->len, s, (size_t)n);
    b->len += n;
    return 0;
}

static inline int
buf_append_char(psyco_buf *b, char c)
{
    if (b->len + 1 > b->cap && buf_reserve(b, 1) < 0)
        return -1;
    b->data[b->len++] = c;
    return 0;
}

static inline int
buf_append_str(psyco_buf *b, const char *s)
{
    return buf_append(b, s, (Py_ssize_t)strlen(s));
}

/* Append the content of a bytes object. */
static inline int
buf_append_bytes(psyco_buf *b, PyObject *bytes)
{
    return buf_append(b, PyBytes_AS_STRING(bytes), PyBytes_GET_SIZE(bytes));
}

#endif /* PSYCOPG_UTILS_H */
