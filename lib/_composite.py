"""Composite types (CREATE TYPE ... AS (...)) cast to Python objects."""

from collections import namedtuple

from psycopg2._psycopg import (
    DataError, ProgrammingError, new_type, new_array_type, register_type,
)
from psycopg2._range import (
    _solve_conn_curs, _catalog_query, _find_type_oid, _IS_COMPOSITE,
)


class CompositeCaster:
    """Cast a PostgreSQL composite type to a namedtuple (`type`).

    Subclass it and override `make()` to build other objects.
    """

    __module__ = 'psycopg2.extras'

    def __init__(self, name, oid, attrs, array_oid=None, schema=None):
        self.name = name
        self.schema = schema
        self.oid = oid
        self.array_oid = array_oid
        self.attnames = [attr[0] for attr in attrs]
        self.atttypes = [attr[1] for attr in attrs]
        self._create_type(name, self.attnames)
        self.typecaster = new_type((oid,), name, self.parse)
        if array_oid:
            self.array_typecaster = new_array_type(
                (array_oid,), f"{name}ARRAY", self.typecaster)
        else:
            self.array_typecaster = None

    def parse(self, s, curs):
        """Return the Python object for the text form `s` of a value."""
        if s is None:
            return None
        tokens = self.tokenize(s)
        if len(tokens) != len(self.atttypes):
            raise DataError(
                f"expecting {len(self.atttypes)} components for the type "
                f"{self.name}, {len(tokens)} found instead")
        values = [curs.cast(oid, token)
                  for oid, token in zip(self.atttypes, tokens)]
        return self.make(values)

    def make(self, values):
        """Build the Python object from the list of attribute values."""
        return self._ctor(values)

    @classmethod
    def tokenize(cls, s):
        """Split the text form of a record into its fields (None: NULL)."""
        if not s.startswith('('):
            return []
        tokens = []
        pos = 1
        while pos <= len(s):
            token, pos = _read_field(s, pos)
            tokens.append(token)
            if pos >= len(s) or s[pos] != ',':
                break
            pos += 1
        return tokens

    def _create_type(self, name, attnames):
        self.type = namedtuple(name, attnames, module='psycopg2.extras')
        self._ctor = self.type._make

    @classmethod
    def _from_db(cls, name, conn_or_curs):
        """Look up the composite type `name` and return its caster."""
        conn, curs = _solve_conn_curs(conn_or_curs)
        with _catalog_query(conn):
            oid = _find_type_oid(curs, name, _IS_COMPOSITE)
            rows = _fetch_attributes(curs, oid) if oid is not None else []
        if not rows:
            raise ProgrammingError(f"PostgreSQL type '{name}' not found")
        oid, array_oid, schema, typname = rows[0][:4]
        attrs = [(row[4], row[5]) for row in rows]
        return cls(typname, oid, attrs, array_oid=array_oid, schema=schema)


def _read_field(s, pos):
    """Read one field of a record starting at `pos`: (value, next pos)."""
    if pos < len(s) and s[pos] == '"':
        return _read_quoted(s, pos + 1)
    end = pos
    while end < len(s) and s[end] not in ',)':
        end += 1
    return (s[pos:end] or None), end


def _read_quoted(s, pos):
    """Read a double-quoted field ("" and \\x escapes) after its quote."""
    chars = []
    while pos < len(s):
        char = s[pos]
        if char == '\\' and pos + 1 < len(s):
            chars.append(s[pos + 1])
            pos += 2
        elif char == '"' and s.startswith('""', pos):
            chars.append('"')
            pos += 2
        elif char == '"':
            pos += 1
            break
        else:
            chars.append(char)
            pos += 1
    while pos < len(s) and s[pos] not in ',)':
        pos += 1
    return ''.join(chars), pos


def _fetch_attributes(curs, oid):
    curs.execute(
        "SELECT t.oid, t.typarray, n.nspname, t.typname, a.attname,"
        " a.atttypid"
        " FROM pg_catalog.pg_type t"
        " JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
        " JOIN pg_catalog.pg_attribute a ON a.attrelid = t.typrelid"
        " WHERE t.oid = %s AND a.attnum > 0 AND NOT a.attisdropped"
        " ORDER BY a.attnum", (oid,))
    return curs.fetchall()


def register_composite(name, conn_or_curs, globally=False, factory=None):
    """Cast the composite type `name` (and its array) to Python objects
    built by `factory` (default `CompositeCaster`: namedtuples).

    The casters are registered on `conn_or_curs` unless `globally`.
    Return the caster.
    """
    if factory is None:
        factory = CompositeCaster
    caster = factory._from_db(name, conn_or_curs)
    scope = None if globally else conn_or_curs
    register_type(caster.typecaster, scope)
    if caster.array_typecaster is not None:
        register_type(caster.array_typecaster, scope)
    return caster
