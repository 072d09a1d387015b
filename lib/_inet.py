"""The `Inet` wrapper for PostgreSQL inet values (deprecated in psycopg2:
`psycopg2.extras.register_ipaddress` gives the standard `ipaddress` types).
"""

import warnings

from psycopg2._casters import oid_pair, register_with_array
from psycopg2._psycopg import ISQLQuote, adapt

INET_OID = 869
INETARRAY_OID = 1041


class Inet:
    """An inet value: wraps the address as a string, sent as ``...::inet``."""

    __module__ = "psycopg2.extras"  # where psycopg2 users find it

    def __init__(self, addr):
        self.addr = addr

    def __repr__(self):
        return f"{self.__class__.__name__}({self.addr!r})"

    def __str__(self):
        return str(self.addr)

    def __conform__(self, proto):
        if proto is ISQLQuote:
            return self
        return None

    def prepare(self, conn):
        self._conn = conn

    def getquoted(self):
        """The address adapted as usual, followed by ``::inet``.

        As in psycopg2, adapting an address whose adapter needs the
        connection (e.g. a string) requires `prepare()` first.
        """
        adapted = adapt(self.addr)
        if hasattr(adapted, "prepare"):
            adapted.prepare(self._conn)
        return adapted.getquoted() + b"::inet"


def _cast_inet(value, cur):
    """inet text -> Inet (None for NULL or '')."""
    if not value:
        return None
    return Inet(value)


def register_inet(oid=None, conn_or_curs=None):
    """Read inet and inet[] values as `Inet` objects (deprecated).

    `oid` is the inet OID or a pair (inet OID, inet[] OID).  Registered on
    `conn_or_curs`, or globally when None.  Returns the inet typecaster.
    """
    warnings.warn("the inet adapter is deprecated, it's not very useful",
                  DeprecationWarning)
    oid, array_oid = oid_pair(oid, INET_OID, INETARRAY_OID)
    return register_with_array(oid, array_oid, ("INET", "INETARRAY"),
                               _cast_inet, conn_or_curs)

