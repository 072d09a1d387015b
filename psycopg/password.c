/* password.c - encrypt_password(): a password hashed as the server stores
 * it, so that ALTER ROLE ... PASSWORD never carries the clear text. */
#include "psycopg.h"
#include "connection.h"
#include "cursor.h"

#include <stdlib.h>

/* str or bytes -> new bytes (UTF-8); TypeError for anything else. */
static PyObject *
text_argument(PyObject *obj)
{
    if (PyUnicode_Check(obj))
        return PyUnicode_AsUTF8String(obj);
    if (PyBytes_Check(obj))
        return Py_NewRef(obj);
    PyErr_Format(PyExc_TypeError,
                 "Expected bytes or unicode string, got %s instead",
                 Py_TYPE(obj)->tp_name);
    return NULL;
}

/* The connection of a scope (None: NULL without error). */
static int
scope_connection(PyObject *scope, connectionObject **conn)
{
    *conn = NULL;
    if (scope == Py_None)
        return 0;
    if (PyObject_TypeCheck(scope, &connectionType))
        *conn = (connectionObject *)scope;
    else if (PyObject_TypeCheck(scope, &cursorType))
        *conn = ((cursorObject *)scope)->conn;
    if (*conn == NULL) {
        PyErr_SetString(PyExc_TypeError,
                        "the scope must be a connection or a cursor");
        return -1;
    }
    return 0;
}

/* Hash with the connection: without an algorithm libpq asks the server
 * for its password_encryption, a round trip, so the GIL is released. */
static char *
encrypt_with_connection(connectionObject *conn, const char *password,
                        const char *user, const char *algorithm)
{
    char *hashed = NULL, *message = NULL;

    Py_BEGIN_ALLOW_THREADS
    pthread_mutex_lock(&conn->lock);
    if (conn->pgconn) {
        hashed = PQencryptPasswordConn(conn->pgconn, password, user, algorithm);
        if (hashed == NULL)   /* copied while no other thread can change it */
            message = strdup(PQerrorMessage(conn->pgconn));
    }
    pthread_mutex_unlock(&conn->lock);
    Py_END_ALLOW_THREADS
    if (hashed == NULL)
        PyErr_Format(psyco_state.ProgrammingError,
                     "password encryption failed: %s",
                     message ? message : "connection already closed");
    free(message);
    return hashed;
}

/* encrypt_password(password, user, scope=None, algorithm=None) -> str:
 * md5 works without a scope; other algorithms, or the server's default
 * (algorithm None), need a connection or cursor. */
PyObject *
psyco_encrypt_password(PyObject *self PSYCO_UNUSED, PyObject *args,
                       PyObject *kwargs)
{
    static char *kwlist[] = {"password", "user", "scope", "algorithm", NULL};
    PyObject *password, *user, *scope = Py_None, *algorithm = Py_None;
    PyObject *pw = NULL, *us = NULL, *alg = NULL, *rv = NULL;
    connectionObject *conn;
    char *hashed = NULL;
    const char *alg_s;

    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OO|OO", kwlist, &password,
            &user, &scope, &algorithm))
        return NULL;
    if (!(pw = text_argument(password)) || !(us = text_argument(user)))
        goto exit;
    if (algorithm != Py_None && !(alg = text_argument(algorithm)))
        goto exit;
    if (scope_connection(scope, &conn) < 0)
        goto exit;
    alg_s = alg ? PyBytes_AS_STRING(alg) : NULL;
    /* md5 needs no server, so a closed connection does for it. */
    if (conn && (conn->closed || conn->pgconn == NULL)
            && !(alg_s && strcmp(alg_s, "md5") == 0)) {
        PyErr_SetString(psyco_state.InterfaceError, "connection already closed");
        goto exit;
    }
    if (conn == NULL || conn->closed || conn->pgconn == NULL) {
        /* Only md5 needs no knowledge of the server. */
        if (alg_s == NULL || strcmp(alg_s, "md5") != 0) {
            PyErr_SetString(psyco_state.ProgrammingError,
                            "password encryption (other than 'md5' algorithm) "
                            "requires a connection or cursor");
            goto exit;
        }
        hashed = PQencryptPassword(PyBytes_AS_STRING(pw), PyBytes_AS_STRING(us));
        if (hashed == NULL) {
            PyErr_NoMemory();
            goto exit;
        }
    }
    else if (!(hashed = encrypt_with_connection(conn, PyBytes_AS_STRING(pw),
                PyBytes_AS_STRING(us), alg_s)))
        goto exit;
    rv = PyUnicode_FromString(hashed);
exit:
    if (hashed)
        PQfreemem(hashed);
    Py_XDECREF(pw);
    Py_XDECREF(us);
    Py_XDECREF(alg);
    return rv;
}
