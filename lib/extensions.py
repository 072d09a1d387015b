"""psycopg2.extensions: the driver's non DB-API interface.

Connection and cursor classes, the adaptation (Python -> SQL) and
typecasting (SQL -> Python) registries, and the module's constants.
"""

import re as _re

from psycopg2._psycopg import (  # noqa: F401  (re-exported API)
    connection, cursor, Column, ConnectionInfo, Diagnostics, Notify,
    lobject, Xid,
    QueryCanceledError, TransactionRollbackError,
    parse_dsn, quote_ident, libpq_version, encodings, encrypt_password,
    set_wait_callback, get_wait_callback,
    # Python -> SQL
    adapt, adapters, ISQLQuote, AsIs, QuotedString, Binary, Boolean, Int,
    Float, SQL_IN, NoneAdapter,
    DateFromPy, TimeFromPy, TimestampFromPy, IntervalFromPy,
    # SQL -> Python
    register_type, new_type, new_array_type, string_types, binary_types,
    BOOLEAN, BYTES, DATE, DECIMAL, FLOAT, INTEGER, INTERVAL, LONGINTEGER,
    TIME, UNICODE,
    PYDATE, PYDATETIME, PYDATETIMETZ, PYINTERVAL, PYTIME,
    BINARYARRAY, BOOLEANARRAY, BYTESARRAY, DATEARRAY, DATETIMEARRAY,
    DECIMALARRAY, FLOATARRAY, INTEGERARRAY, INTERVALARRAY,
    LONGINTEGERARRAY, ROWIDARRAY, STRINGARRAY, TIMEARRAY, UNICODEARRAY,
    PYDATEARRAY, PYDATETIMEARRAY, PYDATETIMETZARRAY, PYINTERVALARRAY,
    PYTIMEARRAY,
)

# The json casters live in the registry (OIDs of json, json[], jsonb, jsonb[]).
JSON = string_types[114]
JSONARRAY = string_types[199]
JSONB = string_types[3802]
JSONBARRAY = string_types[3807]


def register_adapter(typ, callable):
    """Adapt objects of type `typ` with `callable` (returns an ISQLQuote)."""
    adapters[(typ, ISQLQuote)] = callable


# Isolation levels (ISOLATION_LEVEL_DEFAULT: whatever the server says).
ISOLATION_LEVEL_AUTOCOMMIT = 0
ISOLATION_LEVEL_READ_UNCOMMITTED = 4
ISOLATION_LEVEL_READ_COMMITTED = 1
ISOLATION_LEVEL_REPEATABLE_READ = 2
ISOLATION_LEVEL_SERIALIZABLE = 3
ISOLATION_LEVEL_DEFAULT = None

# connection.status values.
STATUS_SETUP = 0
STATUS_READY = 1
STATUS_BEGIN = 2
STATUS_IN_TRANSACTION = STATUS_BEGIN
STATUS_SYNC = 3
STATUS_ASYNC = 4
STATUS_PREPARED = 5

# connection.poll() results.
POLL_OK = 0
POLL_READ = 1
POLL_WRITE = 2
POLL_ERROR = 3

# connection.get_transaction_status() values (libpq's PQtransactionStatus).
TRANSACTION_STATUS_IDLE = 0
TRANSACTION_STATUS_ACTIVE = 1
TRANSACTION_STATUS_INTRANS = 2
TRANSACTION_STATUS_INERROR = 3
TRANSACTION_STATUS_UNKNOWN = 4

_needs_quotes = _re.compile(r"\s")


def _param_escape(value):
    """Quote a libpq connection-string value when it needs it."""
    if not value:
        return "''"
    value = value.replace("\\", "\\\\").replace("'", "\\'")
    if _needs_quotes.search(value):
        return "'" + value + "'"
    return value


def _merged_options(dsn, kwargs):
    """The options of `dsn` updated with `kwargs`: None values dropped,
    `database` taken as `dbname`. Values are kept as given."""
    if "database" in kwargs:
        if "dbname" in kwargs:
            raise TypeError(
                "you can't specify both 'database' and 'dbname' arguments")
        kwargs = dict(kwargs)
        kwargs["dbname"] = kwargs.pop("database")
    options = parse_dsn(dsn) if dsn is not None else {}
    options.update((k, v) for k, v in kwargs.items() if v is not None)
    return options


def make_dsn(dsn=None, **kwargs):
    """Return a connection string from a `dsn` and libpq keyword options.

    Options given as keywords replace those in `dsn`; None values are
    dropped; `database` is an alias of `dbname`. The result is checked by
    libpq's parser (ProgrammingError if invalid).
    """
    if dsn is None and not kwargs:
        return ""
    if not kwargs:
        parse_dsn(dsn)  # raises ProgrammingError on a bad string
        return dsn
    options = _merged_options(dsn, kwargs)
    result = " ".join(f"{key}={_param_escape(str(value))}"
                      for key, value in options.items())
    parse_dsn(result)
    return result


# Last, because it uses this module: importing the range module registers
# the built-in range typecasters (int4range ... tstzrange and their arrays),
# as psycopg2 does at import.
from psycopg2._range import Range  # noqa: F401,E402
