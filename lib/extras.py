"""psycopg2.extras: convenience cursors, batch helpers and extra types.

The implementations live in one module per job; this module gathers the
names psycopg2.extras has always exported.
"""

from psycopg2._row_cursors import (  # noqa: F401  (re-exported API)
    DictCursorBase, DictConnection, DictCursor, DictRow,
    RealDictConnection, RealDictCursor, RealDictRow,
    NamedTupleConnection, NamedTupleCursor,
    LoggingConnection, LoggingCursor,
    MinTimeLoggingConnection, MinTimeLoggingCursor,
)
