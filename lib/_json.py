"""JSON support: the `Json` adapter and the json/jsonb typecasters.

`Json` wraps a Python object so that it is sent to PostgreSQL as a JSON
literal.  `register_json` (and the shortcuts `register_default_json`,
`register_default_jsonb`) install typecasters that parse json values, and
arrays of them, with a chosen function.
"""

import json

from psycopg2._psycopg import (
    ISQLQuote, ProgrammingError, QuotedString, new_array_type, new_type,
    register_type)

_STATUS_READY = 1  # connection.status outside a transaction

# Built-in type OIDs (stable since PostgreSQL 9.2 / 9.4).
JSON_OID = 114
JSONARRAY_OID = 199
JSONB_OID = 3802
JSONBARRAY_OID = 3807


class Json:
    """Adapt a Python object to a PostgreSQL JSON literal.

    The object is serialized by `dumps()`: the function given to the
    constructor, `json.dumps` by default.  Subclasses may override `dumps()`
    instead.
    """

    def __init__(self, adapted, dumps=None):
        self.adapted = adapted
        self._conn = None
        self._dumps = dumps or json.dumps

    def __conform__(self, proto):
        if proto is ISQLQuote:
            return self
        return None

    def dumps(self, obj):
        """Serialize `obj` to a JSON string (override to customize)."""
        return self._dumps(obj)

    def prepare(self, conn):
        """Quote for `conn` (its client encoding) from now on."""
        self._conn = conn

    def getquoted(self):
        """The JSON text of the object as a quoted SQL string (bytes)."""
        quoted = QuotedString(self.dumps(self.adapted))
        if self._conn is not None:
            quoted.prepare(self._conn)
        return quoted.getquoted()

    def __str__(self):
        return self.getquoted().decode("ascii", "replace")


def register_json(conn_or_curs=None, globally=False, loads=None,
                  oid=None, array_oid=None, name="json"):
    """Make values of the type `name` (and arrays of it) parsed by `loads`.

    `loads` defaults to `json.loads`.  When `oid` is not given, the OIDs of
    the type and of its array type are read from the server through
    `conn_or_curs`.  The typecasters are registered globally when `globally`
    is true (or no connection or cursor is given), else on `conn_or_curs`
    only.  Returns the pair (typecaster, array typecaster); the latter is
    None when no array OID is known.
    """
    if oid is None:
        oid, array_oid = _lookup_type_oids(conn_or_curs, name)
    caster, array_caster = _make_json_casters(oid, array_oid, loads, name)
    scope = None if globally else conn_or_curs
    register_type(caster, scope)
    if array_caster is not None:
        register_type(array_caster, scope)
    return caster, array_caster


def register_default_json(conn_or_curs=None, globally=False, loads=None):
    """`register_json` for the built-in json type (no server lookup)."""
    return register_json(conn_or_curs=conn_or_curs, globally=globally,
                         loads=loads, oid=JSON_OID, array_oid=JSONARRAY_OID)


def register_default_jsonb(conn_or_curs=None, globally=False, loads=None):
    """`register_json` for the built-in jsonb type (no server lookup)."""
    return register_json(conn_or_curs=conn_or_curs, globally=globally,
                         loads=loads, oid=JSONB_OID,
                         array_oid=JSONBARRAY_OID, name="jsonb")


def _make_json_casters(oid, array_oid, loads, name):
    """Typecasters named NAME and NAMEARRAY that parse values with `loads`."""
    parse = loads or json.loads

    def cast_json(value, cur):
        if value is None:
            return None
        return parse(value)

    caster = new_type((oid,), name.upper(), cast_json)
    array_caster = None
    if array_oid is not None:
        array_caster = new_array_type(
            (array_oid,), f"{name.upper()}ARRAY", caster)
    return caster, array_caster


def _lookup_type_oids(conn_or_curs, name):
    """(oid, array oid) of the type called `name`, read from the server.

    The lookup leaves the connection's transaction state as it found it:
    a transaction it had to open is rolled back.
    """
    if conn_or_curs is None:
        raise ProgrammingError("no connection or cursor provided")
    conn = getattr(conn_or_curs, "connection", conn_or_curs)
    was_idle = conn.status == _STATUS_READY
    cur = conn.cursor()
    try:
        cur.execute(
            "SELECT oid, typarray FROM pg_catalog.pg_type"
            " WHERE typname = %s ORDER BY oid LIMIT 1", (name,))
        row = cur.fetchone()
    finally:
        cur.close()
    if was_idle and not conn.autocommit:
        conn.rollback()
    if row is None:
        raise conn.ProgrammingError(f"{name} data type not found")
    return row
