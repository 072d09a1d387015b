"""Cursors returning rows as dicts or named tuples, and logging connections.

Re-exported by psycopg2.extras: DictCursorBase, DictConnection, DictCursor,
DictRow, RealDictConnection, RealDictCursor, RealDictRow,
NamedTupleConnection, NamedTupleCursor, LoggingConnection, LoggingCursor,
MinTimeLoggingConnection, MinTimeLoggingCursor.

How rows are built: a cursor whose `row_factory` is set calls
`row_factory(cursor)` for every row and stores each value with
`row[i] = value`.  The dict cursors use that; the named tuple cursor wraps
the plain tuples instead.
"""

import copyreg as _copyreg
import logging as _logging
import os as _os
import re as _re
import time as _time
from collections import OrderedDict as _OrderedDict
from collections import namedtuple as _namedtuple
from functools import lru_cache as _lru_cache

from psycopg2._psycopg import ProgrammingError as _ProgrammingError
from psycopg2.extensions import connection as _connection
from psycopg2.extensions import cursor as _cursor
from psycopg2.extensions import encodings as _encodings

# Where the row classes say they live (pickling and error messages).
_PUBLIC_MODULE = "psycopg2.extras"


def _column_names(cursor):
    return [column[0] for column in cursor.description]


# --- dict-like cursors --------------------------------------------------

class DictCursorBase(_cursor):
    """Base class for all dict-like cursors."""

    def __init__(self, *args, **kwargs):
        try:
            row_factory = kwargs.pop("row_factory")
        except KeyError:
            raise NotImplementedError(
                "DictCursorBase can't be instantiated without a row factory.")
        super().__init__(*args, **kwargs)
        self._query_executed = False
        self._prefetch = False
        self.row_factory = row_factory

    def execute(self, query, vars=None):
        self._start_query()
        return super().execute(query, vars)

    def callproc(self, procname, vars=None):
        self._start_query()
        return super().callproc(procname, vars)

    def _build_index_if_new_query(self):
        if self._query_executed:
            self._build_index()

    def fetchone(self):
        return self._fetch_with_index(super().fetchone)

    def fetchmany(self, size=None):
        return self._fetch_with_index(super().fetchmany, size)

    def fetchall(self):
        return self._fetch_with_index(super().fetchall)

    def _fetch_with_index(self, fetch, *args):
        # Named cursors know their columns only after the first fetch:
        # cursors that can fill the index afterwards fetch first.
        if not self._prefetch:
            self._build_index_if_new_query()
        rows = fetch(*args)
        if self._prefetch:
            self._build_index_if_new_query()
        return rows

    def __iter__(self):
        if not self._prefetch:
            self._build_index_if_new_query()
        rows = super().__iter__()
        try:
            first = next(rows)
        except StopIteration:
            return
        if self._prefetch:
            self._build_index_if_new_query()
        yield first
        yield from rows


class DictCursor(DictCursorBase):
    """A cursor whose rows are `DictRow`: lists also indexed by column name."""

    def __init__(self, *args, **kwargs):
        kwargs["row_factory"] = DictRow
        super().__init__(*args, **kwargs)
        self._prefetch = True

    def _start_query(self):
        self.index = _OrderedDict()
        self._query_executed = True

    def _build_index(self):
        # Filled in place: rows already fetched share this mapping.
        if self.description is None:
            return
        for position, name in enumerate(_column_names(self)):
            self.index[name] = position
        self._query_executed = False


class DictRow(list):
    """A row as a list, whose items can also be read by column name."""

    __slots__ = ("_index",)

    def __init__(self, cursor):
        self._index = cursor.index
        self[:] = [None] * len(cursor.description)

    def _position(self, key):
        if isinstance(key, (int, slice)):
            return key
        return self._index[key]

    def __getitem__(self, key):
        return super().__getitem__(self._position(key))

    def __setitem__(self, key, value):
        super().__setitem__(self._position(key), value)

    def __contains__(self, name):
        return name in self._index

    def keys(self):
        return iter(self._index)

    def values(self):
        return (super(DictRow, self).__getitem__(position)
                for position in self._index.values())

    def items(self):
        return ((name, super(DictRow, self).__getitem__(position))
                for name, position in self._index.items())

    def get(self, x, default=None):   # psycopg2's parameter name
        try:
            return self[x]
        except Exception:
            return default

    def copy(self):
        return _OrderedDict(self.items())

    def __getstate__(self):
        return self[:], self._index.copy()

    def __setstate__(self, state):
        values, index = state
        self[:] = values
        self._index = index

    def __reduce__(self):
        return (_copyreg._reconstructor, (type(self), list, list(self)),
                self.__getstate__())


class DictConnection(_connection):
    """A connection that uses `DictCursor` automatically."""

    def cursor(self, *args, **kwargs):
        kwargs.setdefault("cursor_factory", self.cursor_factory or DictCursor)
        return super().cursor(*args, **kwargs)


class RealDictCursor(DictCursorBase):
    """A cursor whose rows are `RealDictRow`: dicts keyed by column name,
    in column order.  Items cannot be read by position."""

    def __init__(self, *args, **kwargs):
        kwargs["row_factory"] = RealDictRow
        super().__init__(*args, **kwargs)

    def _start_query(self):
        self.column_mapping = []
        self._query_executed = True

    def _build_index(self):
        if self.description is None:
            return
        self.column_mapping = _column_names(self)
        self._query_executed = False


class RealDictRow(_OrderedDict):
    """A row as a dict keyed by column name, in column order.

    Built from a cursor, the row maps the positions the cursor stores to
    column names until its last column is stored; afterwards it is a plain
    ordered dict.
    """

    def __init__(self, *args, **kwargs):
        cursor = None
        if args and isinstance(args[0], _cursor):
            cursor, args = args[0], args[1:]
        super().__init__(*args, **kwargs)
        if cursor is not None:
            self._pending_names = _column_names(cursor)

    def __setitem__(self, key, value):
        names = self.__dict__.get("_pending_names")
        if names is not None:
            if key == len(names) - 1:
                del self._pending_names
            key = names[key]
        super().__setitem__(key, value)


class RealDictConnection(_connection):
    """A connection that uses `RealDictCursor` automatically."""

    def cursor(self, *args, **kwargs):
        kwargs.setdefault(
            "cursor_factory", self.cursor_factory or RealDictCursor)
        return super().cursor(*args, **kwargs)


# --- named tuple cursor -------------------------------------------------

# ASCII space and punctuation other than "_" cannot be in a field name.
_NOT_IN_FIELD_NAME = _re.compile(r"[ -/:-@\[-^`{-~]")


def _field_name(column_name):
    """The field name standing for a column (namedtuple rejects names that
    start with "_" or a digit, and punctuation)."""
    name = _NOT_IN_FIELD_NAME.sub("_", column_name)
    if name[:1] in tuple("0123456789_"):
        name = "f" + name
    return name


@_lru_cache(maxsize=1024)
def _record_class(column_names):
    fields = [_field_name(name) for name in column_names]
    return _namedtuple("Record", fields, module=_PUBLIC_MODULE)


class NamedTupleCursor(_cursor):
    """A cursor whose rows are named tuples (class `Record`): items can be
    read by position or as attributes named after the columns."""

    Record = None
    MAX_CACHE = 1024

    def execute(self, query, vars=None):
        self.Record = None
        return super().execute(query, vars)

    def executemany(self, query, vars):
        self.Record = None
        return super().executemany(query, vars)

    def callproc(self, procname, vars=None):
        self.Record = None
        return super().callproc(procname, vars)

    def _make_nt(self):
        return _record_class(tuple(_column_names(self)))

    def _record(self):
        if self.Record is None:
            self.Record = self._make_nt()
        return self.Record

    def fetchone(self):
        values = super().fetchone()
        if values is None:
            return None
        return self._record()._make(values)

    def fetchmany(self, size=None):
        return self._records(super().fetchmany(size))

    def fetchall(self):
        return self._records(super().fetchall())

    def _records(self, rows):
        make = self._record()._make
        return [make(values) for values in rows]

    def __iter__(self):
        rows = super().__iter__()
        try:
            first = next(rows)
        except StopIteration:
            return
        make = self._record()._make
        yield make(first)
        for values in rows:
            yield make(values)


class NamedTupleConnection(_connection):
    """A connection that uses `NamedTupleCursor` automatically."""

    def cursor(self, *args, **kwargs):
        kwargs.setdefault(
            "cursor_factory", self.cursor_factory or NamedTupleCursor)
        return super().cursor(*args, **kwargs)


# --- logging ------------------------------------------------------------

_LOGGER_TYPES = (_logging.Logger, _logging.LoggerAdapter)


class LoggingConnection(_connection):
    """A connection that logs every query it runs to a file-like object or
    to a `logging` logger."""

    def initialize(self, logobj):
        """Log to `logobj`: a `logging.Logger` or `LoggerAdapter` (messages
        at DEBUG level), or any object with a write() method."""
        self._logobj = logobj
        if isinstance(logobj, _LOGGER_TYPES):
            self.log = self._logtologger
        else:
            self.log = self._logtofile

    def filter(self, msg, curs):
        """Return what to log for query `msg` run by `curs` (falsy: log
        nothing).  Override to drop or decorate queries; this one logs
        the query as it is."""
        return msg

    def _as_text(self, msg):
        if isinstance(msg, bytes):
            return msg.decode(_encodings[self.encoding])
        return msg

    def _logtofile(self, msg, curs):
        msg = self.filter(msg, curs)
        if msg:
            self._logobj.write(self._as_text(msg) + _os.linesep)

    def _logtologger(self, msg, curs):
        msg = self.filter(msg, curs)
        if msg:
            self._logobj.debug(msg)

    def _check(self):
        if not hasattr(self, "_logobj"):
            raise _ProgrammingError(
                "LoggingConnection object has not been initialize()d")

    def cursor(self, *args, **kwargs):
        self._check()
        kwargs.setdefault(
            "cursor_factory", self.cursor_factory or LoggingCursor)
        return super().cursor(*args, **kwargs)


class LoggingCursor(_cursor):
    """A cursor that logs its queries through its connection's log()."""

    def execute(self, query, vars=None):
        try:
            return super().execute(query, vars)
        finally:
            self.connection.log(self.query, self)

    def callproc(self, procname, vars=None):
        try:
            return super().callproc(procname, vars)
        finally:
            self.connection.log(self.query, self)


class MinTimeLoggingConnection(LoggingConnection):
    """A LoggingConnection that logs only the queries that took longer
    than `mintime` milliseconds, with their execution time.  Its cursors
    are `MinTimeLoggingCursor`."""

    def initialize(self, logobj, mintime=0):
        LoggingConnection.initialize(self, logobj)
        self._mintime = mintime

    def filter(self, msg, curs):
        elapsed_ms = (_time.time() - curs.timestamp) * 1000
        if elapsed_ms > self._mintime:
            return "%s%s  (execution time: %s ms)" % (
                self._as_text(msg), _os.linesep, elapsed_ms)

    def cursor(self, *args, **kwargs):
        kwargs.setdefault(
            "cursor_factory", self.cursor_factory or MinTimeLoggingCursor)
        return LoggingConnection.cursor(self, *args, **kwargs)


class MinTimeLoggingCursor(LoggingCursor):
    """The cursor of `MinTimeLoggingConnection`: notes when each query
    started."""

    def execute(self, query, vars=None):
        self.timestamp = _time.time()
        return LoggingCursor.execute(self, query, vars)

    def callproc(self, procname, vars=None):
        self.timestamp = _time.time()
        return LoggingCursor.callproc(self, procname, vars)


def _present_as_public_module():
    """psycopg2.extras re-exports these names: say they live there, so that
    class reprs and pickles name psycopg2.extras, as psycopg2 does."""
    for public in (DictCursorBase, DictCursor, DictRow, DictConnection,
                   RealDictCursor, RealDictRow, RealDictConnection,
                   NamedTupleCursor, NamedTupleConnection, LoggingConnection,
                   LoggingCursor, MinTimeLoggingConnection,
                   MinTimeLoggingCursor):
        public.__module__ = _PUBLIC_MODULE


_present_as_public_module()
