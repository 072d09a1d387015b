"""The hstore extension: dicts adapted to hstore and hstore cast to dicts."""

import re

from psycopg2._psycopg import (
    InterfaceError, ProgrammingError, adapt, encodings,
    new_type, new_array_type, register_type,
)
from psycopg2.extensions import register_adapter
from psycopg2._range import _solve_conn_curs, _catalog_query

# One "key"=>"value" pair (value may be NULL) and the comma after it.
_HSTORE_PAIR = re.compile(r"""
    "((?:[^"\\]|\\.)*)"
    \s*=>\s*
    (?:NULL|"((?:[^"\\]|\\.)*)")
    (?:\s*,\s*|$)
    """, re.VERBOSE)

_BACKSLASH_ESCAPE = re.compile(r'\\(.)')


def _unescape(text):
    return _BACKSLASH_ESCAPE.sub(r'\1', text)


class HstoreAdapter:
    """Adapt a dict to an hstore expression."""

    __module__ = 'psycopg2.extras'

    def __init__(self, wrapped):
        self.wrapped = wrapped

    def prepare(self, conn):
        self.conn = conn
        if conn.info.server_version < 90000:
            self.getquoted = self._getquoted_8

    def _quote(self, value):
        adapter = adapt(value)
        if hasattr(adapter, 'prepare'):
            adapter.prepare(self.conn)
        return adapter.getquoted()

    def _getquoted_8(self):
        """hstore as a concatenation of (key => value) pairs."""
        if not self.wrapped:
            return b"''::hstore"
        pairs = []
        for key, value in self.wrapped.items():
            quoted_value = b'NULL' if value is None else self._quote(value)
            pairs.append(b"(" + self._quote(key) + b" => " + quoted_value
                         + b")")
        return b"(" + b"||".join(pairs) + b")"

    def _getquoted_9(self):
        """hstore(ARRAY[keys], ARRAY[values])."""
        if not self.wrapped:
            return b"''::hstore"
        keys = self._quote(list(self.wrapped.keys()))
        values = self._quote(list(self.wrapped.values()))
        return b"hstore(" + keys + b", " + values + b")"

    getquoted = _getquoted_9

    @classmethod
    def parse(cls, s, cur, _bsdec=None):
        """Return a dict from the text form of an hstore."""
        if s is None:
            return None
        result = {}
        start = 0
        for match in _HSTORE_PAIR.finditer(s):
            if match.start() != start:
                raise InterfaceError(
                    f"error parsing hstore pair at char {start}")
            key, value = match.groups()
            result[_unescape(key)] = (
                None if value is None else _unescape(value))
            start = match.end()
        if start < len(s):
            raise InterfaceError(
                f"error parsing hstore: unparsed data after char {start}")
        return result

    @classmethod
    def parse_unicode(cls, s, cur):
        """Like `parse` from bytes in the connection's encoding."""
        if s is None:
            return None
        s = s.decode(encodings[cur.connection.encoding])
        return cls.parse(s, cur)

    @classmethod
    def get_oids(cls, conn_or_curs):
        """Return (oids of hstore, oids of hstore[]) in the database."""
        conn, curs = _solve_conn_curs(conn_or_curs)
        with _catalog_query(conn):
            curs.execute(
                "SELECT t.oid, t.typarray FROM pg_catalog.pg_type t"
                " WHERE t.typname = 'hstore'")
            rows = curs.fetchall()
        return (tuple(row[0] for row in rows),
                tuple(row[1] for row in rows))


def register_hstore(conn_or_curs, globally=False, unicode=False,
                    oid=None, array_oid=None):
    """Cast hstore (and hstore[]) to dict and adapt dicts to hstore.

    The OIDs are looked up in the database unless `oid` is given. The
    casters are registered on `conn_or_curs` unless `globally`; dicts are
    adapted everywhere. `unicode` is accepted for compatibility (values
    are always str).
    """
    if oid is None:
        oid, array_oid = HstoreAdapter.get_oids(conn_or_curs)
        if not oid:
            raise ProgrammingError(
                "hstore type not found in the database. please install it "
                "from your 'contrib/hstore.sql' file")
    oids = _as_oid_tuple(oid)
    array_oids = _as_oid_tuple(array_oid) if array_oid is not None else ()
    scope = None if globally else conn_or_curs
    hstore_caster = new_type(oids, "HSTORE", HstoreAdapter.parse)
    register_type(hstore_caster, scope)
    if array_oids:
        register_type(new_array_type(array_oids, "HSTOREARRAY",
                                     hstore_caster), scope)
    register_adapter(dict, HstoreAdapter)


def _as_oid_tuple(oid):
    if isinstance(oid, int):
        return (oid,)
    return tuple(value for value in oid if value)
