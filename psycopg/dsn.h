/* dsn.h - connection strings: parsing, hiding the password, quoting. */
#ifndef PSYCOPG_DSN_H
#define PSYCOPG_DSN_H 1

#include "psycopg.h"

/* The DSN rebuilt from libpq's parse, password shown as "xxx". New str. */
PyObject *psyco_dsn_hidden(const char *dsn);

/* dict of the options that have a value (password left out if asked). */
PyObject *psyco_options_dict(PQconninfoOption *opts, int hide_password);

/* Module functions. */
PyObject *psyco_parse_dsn(PyObject *self, PyObject *args, PyObject *kwargs);
PyObject *psyco_quote_ident(PyObject *self, PyObject *args, PyObject *kwargs);
/* password.c */
PyObject *psyco_encrypt_password(PyObject *self, PyObject *args,
                                 PyObject *kwargs);

#endif /* PSYCOPG_DSN_H */
