"""psycopg2-cluster: a PostgreSQL driver, drop-in compatible with psycopg2.

`connect()` opens a connection; the DB-API 2.0 names (exceptions, type
objects and constructors) are exported here as in psycopg2.
"""

from psycopg2._psycopg import (  # noqa: F401  (re-exported API)
    BINARY, NUMBER, STRING, DATETIME, ROWID,
    Binary, Date, Time, Timestamp,
    DateFromTicks, TimeFromTicks, TimestampFromTicks,
    Error, Warning, DataError, DatabaseError, ProgrammingError,
    IntegrityError, InterfaceError, InternalError, NotSupportedError,
    OperationalError,
    _connect, apilevel, threadsafety, paramstyle,
    __version__, __libpq_version__,
)

from psycopg2 import extensions as _ext
from psycopg2 import errors  # noqa: F401  (psycopg2.errors is always loaded)
from psycopg2.cluster._properties import PROPERTY_NAMES as _CLUSTER_PROPERTIES


def connect(dsn=None, connection_factory=None, cursor_factory=None, **kwargs):
    """Open a connection to a PostgreSQL server.

    `dsn` is a libpq connection string or URL; keyword arguments are libpq
    options too (they override the same options in `dsn`). `async`/`async_`
    ask for an asynchronous connection. Returns an instance of
    `connection_factory` (default `extensions.connection`).

    The YugabyteDB smart-driver properties (`load_balance=true`,
    `topology_keys`, ...) spread connections over the nodes of a cluster;
    see `psycopg2.cluster`.
    """
    # both spellings are removed: neither is a libpq option
    async_flag = kwargs.pop("async", False)
    async_flag = kwargs.pop("async_", False) or async_flag
    if _mentions_cluster_property(dsn, kwargs):
        from psycopg2.cluster import _connect as _balanced
        conn = _balanced.connect(dsn, kwargs, connection_factory,
                                 bool(async_flag))
    else:
        dsn = _ext.make_dsn(dsn, **kwargs)
        conn = _connect(dsn, connection_factory=connection_factory,
                        async_=bool(async_flag))
    if cursor_factory is not None:
        conn.cursor_factory = cursor_factory
    return conn


def _mentions_cluster_property(dsn, kwargs):
    """Cheap test that keeps plain connects off the cluster code path."""
    if any(key in _CLUSTER_PROPERTIES for key in kwargs):
        return True
    return isinstance(dsn, str) and any(name in dsn
                                        for name in _CLUSTER_PROPERTIES)
