/* microprotocols.h - Python -> SQL: the adapter registry and query merging.
 *
 * psycopg2's model: adapt(obj) looks up psyco_state.adapters by
 * (type(obj), ISQLQuote), then the type's MRO, then obj.__conform__(ISQLQuote);
 * the result is an adapter object whose getquoted() returns the SQL literal
 * as bytes, and whose optional prepare(conn) is called first with the
 * connection (strings need its encoding, bytea its escaping).
 *
 * Speed: for the built-in Python types, while the registry still holds the
 * built-in adapter for that exact type, the literal is written straight into
 * the query buffer by C code, with no adapter object created. Output is the
 * same bytes the adapter objects produce.
 */
#ifndef PSYCOPG_MICROPROTOCOLS_H
#define PSYCOPG_MICROPROTOCOLS_H 1

#include "psycopg.h"
#include "utils.h"

/* Module setup: creates the ISQLQuote type and the adapter types (AsIs,
 * QuotedString, Binary, Boolean, Int, Float, Decimal, ..., List, DateTime
 * adapters), registers the built-in adapters in psyco_state.adapters and
 * adds the public names and the `adapters` dict to the module. */
int microprotocols_init(PyObject *module);

/* adapt(obj, proto=ISQLQuote, alt=NULL): new reference to the adapter, or
 * NULL with ProgrammingError "can't adapt type 'X'" set. */
PyObject *microprotocols_adapt(PyObject *obj, PyObject *proto, PyObject *alt);

/* The SQL literal of obj as bytes (adapt + prepare(conn) + getquoted).
 * conn may be NULL: then prepare() is not called, str adapters use their
 * own encoding (latin-1 by default, as QuotedString) and escaping uses
 * libpq's connection-less PQescapeString/PQescapeBytea. New reference. */
PyObject *microprotocol_getquoted(PyObject *obj, connectionObject *conn);

/* Append the SQL literal of obj to buf (fast path for built-in types,
 * otherwise microprotocol_getquoted). 0 on success, -1 with exception. */
int microprotocol_quote_into(psyco_buf *buf, PyObject *obj,
                             connectionObject *conn);

/* Merge `vars` into `query` (bytes) with psycopg2's rules:
 *   vars None       -> the query unchanged ('%' not interpreted);
 *   sequence        -> %s placeholders, %% -> %;
 *   mapping         -> %(name)s placeholders, %% -> %;
 * with psycopg2's exceptions for mismatches. Returns new bytes or NULL. */
PyObject *psyco_merge_query(PyObject *query, PyObject *vars,
                            connectionObject *conn);

/* Module-level function adapt(obj, protocol=ISQLQuote, alternate=None). */
PyObject *psyco_microprotocols_adapt(PyObject *self, PyObject *args);

#endif /* PSYCOPG_MICROPROTOCOLS_H */
