"""Dict, real dict, named tuple and logging cursors of psycopg2.extras."""

import copy
import io
import logging
import pickle

import pytest

import psycopg2
from psycopg2.extensions import cursor as plain_cursor

try:
    from psycopg2.extras import (
        DictConnection, DictCursor, DictCursorBase, DictRow,
        LoggingConnection, LoggingCursor, MinTimeLoggingConnection,
        MinTimeLoggingCursor, NamedTupleConnection, NamedTupleCursor,
        RealDictConnection, RealDictCursor, RealDictRow)
except ImportError:  # until extras re-exports them
    from psycopg2._row_cursors import (
        DictConnection, DictCursor, DictCursorBase, DictRow,
        LoggingConnection, LoggingCursor, MinTimeLoggingConnection,
        MinTimeLoggingCursor, NamedTupleConnection, NamedTupleCursor,
        RealDictConnection, RealDictCursor, RealDictRow)

SERIES = "select g, g * 10 as t from generate_series(1, 5) as g"


def named(conn, factory, **kwargs):
    return conn.cursor("rowcurs", cursor_factory=factory, **kwargs)


# --- DictCursor / DictRow ------------------------------------------------

def test_dict_row_by_index_and_name(conn):
    cur = conn.cursor(cursor_factory=DictCursor)
    cur.execute("select 1 as a, 'x' as b")
    row = cur.fetchone()
    assert type(row) is DictRow and isinstance(row, list)
    assert row == [1, "x"] and repr(row) == "[1, 'x']"
    assert (row[0], row["a"], row[-1], row["b"]) == (1, 1, "x", "x")
    assert row[0:1] == [1] and type(row[0:1]) is list


def test_dict_row_mapping_methods(conn):
    cur = conn.cursor(cursor_factory=DictCursor)
    cur.execute("select 1 as a, 'x' as b")
    row = cur.fetchone()
    assert list(row.keys()) == ["a", "b"]
    assert list(row.values()) == [1, "x"]
    assert list(row.items()) == [("a", 1), ("b", "x")]
    assert list(row) == [1, "x"]
    assert "a" in row and "x" not in row and 1 not in row
    assert (row.get("b"), row.get("zz"), row.get("zz", 5)) == ("x", None, 5)
    assert (row.get(0), row.get(9), row.get(["unhashable"])) == (1, None, None)
    assert row.copy() == {"a": 1, "b": "x"}
    assert type(row.copy()).__name__ == "OrderedDict"


def test_dict_row_errors_and_assignment(conn):
    cur = conn.cursor(cursor_factory=DictCursor)
    cur.execute("select 1 as a, 2 as b")
    row = cur.fetchone()
    with pytest.raises(KeyError):
        row["zz"]
    with pytest.raises(IndexError):
        row[10]
    row["b"] = 20
    row[0] = 10
    assert row == [10, 20]
    assert not hasattr(row, "__dict__")


def test_dict_row_duplicate_names_use_last(conn):
    cur = conn.cursor(cursor_factory=DictCursor)
    cur.execute("select 1 as a, 'x' as b, 3 as a")
    row = cur.fetchone()
    assert row["a"] == 3 and list(row.keys()) == ["a", "b"]
    assert list(row.values()) == [3, "x"] and len(row) == 3


def test_dict_row_pickle_and_copy(conn):
    cur = conn.cursor(cursor_factory=DictCursor)
    cur.execute("select 1 as a, 'x' as b")
    row = cur.fetchone()
    for clone in (pickle.loads(pickle.dumps(row)), copy.copy(row),
                  copy.deepcopy(row)):
        assert type(clone) is DictRow and clone == [1, "x"]
        assert clone["b"] == "x" and list(clone.keys()) == ["a", "b"]


def test_dict_cursor_attributes(conn):
    cur = conn.cursor(cursor_factory=DictCursor)
    assert isinstance(cur, DictCursorBase) and cur.row_factory is DictRow
    cur.execute("select 1 as q, 2 as w")
    assert dict(cur.index) == {} and cur._query_executed
    cur.fetchone()
    assert list(cur.index.items()) == [("q", 0), ("w", 1)]


def test_dict_cursor_new_execute_rebuilds_index(conn):
    cur = conn.cursor(cursor_factory=DictCursor)
    cur.execute("select 1 as a")
    first = cur.fetchone()
    cur.execute("select 2 as b, 3 as c")
    second = cur.fetchall()[0]
    assert first["a"] == 1 and "b" not in first
    assert second["c"] == 3 and "a" not in second


def test_dict_cursor_fetch_methods(conn):
    cur = conn.cursor(cursor_factory=DictCursor)
    cur.execute(SERIES)
    assert [r["g"] for r in cur.fetchmany(2)] == [1, 2]
    assert cur.fetchone()["t"] == 30
    assert [r["t"] for r in cur.fetchall()] == [40, 50]
    assert cur.fetchone() is None and cur.fetchall() == []
    cur.execute(SERIES)
    assert [r["g"] for r in cur] == [1, 2, 3, 4, 5]


def test_dict_cursor_callproc(conn):
    cur = conn.cursor(cursor_factory=DictCursor)
    cur.callproc("abs", (-2,))
    assert cur.fetchone()["abs"] == 2


def test_dict_cursor_base_needs_row_factory(conn):
    with pytest.raises(NotImplementedError) as exc:
        DictCursorBase(conn)
    assert str(exc.value) == (
        "DictCursorBase can't be instantiated without a row factory.")


@pytest.mark.parametrize("factory", [DictCursor, RealDictCursor,
                                     NamedTupleCursor])
def test_no_results_to_fetch(conn, factory):
    cur = conn.cursor(cursor_factory=factory)
    cur.execute("create temp table no_rows (x int)")
    for fetch in (cur.fetchone, cur.fetchall, cur.fetchmany,
                  lambda: list(cur)):
        with pytest.raises(psycopg2.ProgrammingError,
                           match="no results to fetch"):
            fetch()


@pytest.mark.parametrize("factory", [DictCursor, RealDictCursor,
                                     NamedTupleCursor])
def test_empty_result(conn, factory):
    cur = conn.cursor(cursor_factory=factory)
    cur.execute("select 1 as a where false")
    assert cur.fetchone() is None and cur.fetchall() == []
    assert cur.fetchmany(3) == [] and list(cur) == []


# --- RealDictCursor / RealDictRow ------------------------------------------

def test_real_dict_row(conn):
    cur = conn.cursor(cursor_factory=RealDictCursor)
    cur.execute("select 1 as a, 'x' as b, 3 as a, 4 as c")
    row = cur.fetchone()
    assert type(row) is RealDictRow and isinstance(row, dict)
    assert repr(row) == "RealDictRow([('a', 3), ('b', 'x'), ('c', 4)])"
    assert list(row) == ["a", "b", "c"] and row == {"a": 3, "b": "x", "c": 4}
    assert vars(row) == {}
    assert cur.column_mapping == ["a", "b", "a", "c"]


def test_real_dict_row_pickle_and_copy(conn):
    cur = conn.cursor(cursor_factory=RealDictCursor)
    cur.execute("select 2 as z, 1 as a")
    row = cur.fetchone()
    for clone in (pickle.loads(pickle.dumps(row)), copy.copy(row),
                  copy.deepcopy(row)):
        assert type(clone) is RealDictRow
        assert repr(clone) == "RealDictRow([('z', 2), ('a', 1)])"


def test_real_dict_row_as_plain_dict():
    assert repr(RealDictRow()) == "RealDictRow()"
    assert RealDictRow(a=1) == {"a": 1}
    assert list(RealDictRow([("c", 3), ("b", 2)])) == ["c", "b"]
    with pytest.raises(TypeError):
        RealDictRow(1, 2)


def test_real_dict_row_from_cursor_positions(conn):
    cur = conn.cursor(cursor_factory=RealDictCursor)
    cur.execute("select 1 as q, 2 as w")
    row = RealDictRow(cur)
    row[0] = "x"
    row[1] = "y"
    assert repr(row) == "RealDictRow([('q', 'x'), ('w', 'y')])"
    row[0] = 5  # complete: positions are plain keys again
    assert row[0] == 5 and row["q"] == "x"


def test_real_dict_cursor_fetch_methods(conn):
    cur = conn.cursor(cursor_factory=RealDictCursor)
    assert cur.row_factory is RealDictRow
    cur.execute(SERIES)
    assert cur.fetchone() == {"g": 1, "t": 10}
    assert [r["g"] for r in cur.fetchmany(2)] == [2, 3]
    assert [r["t"] for r in cur.fetchall()] == [40, 50]
    cur.execute("select 7 as only")
    assert list(cur) == [{"only": 7}]
    cur.callproc("abs", (-2,))
    assert cur.fetchall() == [{"abs": 2}]


# --- named cursors ------------------------------------------------------

@pytest.mark.parametrize("factory", [DictCursor, RealDictCursor,
                                     NamedTupleCursor])
def test_named_cursor_fetches(conn, factory):
    cur = named(conn, factory, scrollable=True)
    cur.execute(SERIES)
    assert first_value(cur.fetchone()) == 1
    assert [first_value(r) for r in cur.fetchmany(2)] == [2, 3]
    assert [first_value(r) for r in cur.fetchall()] == [4, 5]
    assert cur.fetchall() == [] and cur.fetchone() is None
    cur.scroll(0, "absolute")
    assert value_of(cur.fetchone(), "t") == 10


@pytest.mark.parametrize("factory", [DictCursor, RealDictCursor,
                                     NamedTupleCursor])
def test_named_cursor_iteration_with_itersize(conn, factory):
    cur = named(conn, factory)
    cur.itersize = 2
    cur.execute(SERIES)
    rows = list(cur)
    assert [value_of(r, "t") for r in rows] == [10, 20, 30, 40, 50]


@pytest.mark.parametrize("factory", [DictCursor, RealDictCursor,
                                     NamedTupleCursor])
def test_named_cursor_first_fetchall(conn, factory):
    cur = named(conn, factory)
    cur.execute(SERIES)
    assert [value_of(r, "g") for r in cur.fetchall()] == [1, 2, 3, 4, 5]


def test_named_dict_cursor_index_after_first_fetch(conn):
    cur = named(conn, DictCursor)
    cur.execute("select 1 as a, 2 as b")
    row = cur.fetchone()
    assert row["b"] == 2 and row._index is cur.index


def first_value(row):
    return list(row.values())[0] if isinstance(row, dict) else row[0]


def value_of(row, name):
    if isinstance(row, tuple):
        return getattr(row, name)
    return row[name]


# --- connections ---------------------------------------------------------

@pytest.mark.parametrize("conn_factory, cursor_factory", [
    (DictConnection, DictCursor),
    (RealDictConnection, RealDictCursor),
    (NamedTupleConnection, NamedTupleCursor),
])
def test_connection_default_cursor(make_conn, conn_factory, cursor_factory):
    conn = make_conn(connection_factory=conn_factory)
    assert type(conn.cursor()) is cursor_factory
    assert type(conn.cursor("n")) is cursor_factory
    assert type(conn.cursor(cursor_factory=plain_cursor)) is plain_cursor
    conn.cursor_factory = plain_cursor
    assert type(conn.cursor()) is plain_cursor


# --- NamedTupleCursor ----------------------------------------------------

def test_named_tuple_row(conn):
    cur = conn.cursor(cursor_factory=NamedTupleCursor)
    assert cur.Record is None and NamedTupleCursor.MAX_CACHE == 1024
    cur.execute("select 1 as a, 'x' as b")
    assert cur.Record is None
    row = cur.fetchone()
    assert repr(row) == "Record(a=1, b='x')"
    assert (row.a, row[1], row._asdict()) == (1, "x", {"a": 1, "b": "x"})
    assert type(row) is cur.Record and type(row).__name__ == "Record"
    assert type(row).__module__ == "psycopg2.extras"


@pytest.mark.parametrize("column, field", [
    ("?column?", "f_column_"), ("_x", "f_x"), ("1abc", "f1abc"),
    ("a b", "a_b"), ("x-y", "x_y"), ("a.b", "a_b"), ("__b", "f__b"),
    (" ", "f_"), ("9", "f9"), ("select", "select"), ("Àé", "Àé"),
    ("a__b", "a__b"), ("x٣", "x٣"),
])
def test_named_tuple_field_names(conn, column, field):
    cur = conn.cursor(cursor_factory=NamedTupleCursor)
    cur.execute('select 1 as "%s"' % column)
    assert cur.fetchone()._fields == (field,)


@pytest.mark.parametrize("query, message", [
    ('select 1 as "class"',
     "Type names and field names cannot be a keyword: 'class'"),
    ('select 1 as "€x"',
     "Type names and field names must be valid identifiers: '€x'"),
    ("select 1 as a, 2 as a", "Encountered duplicate field name: 'a'"),
    ("select 1, 2", "Encountered duplicate field name: 'f_column_'"),
])
def test_named_tuple_bad_names(conn, query, message):
    cur = conn.cursor(cursor_factory=NamedTupleCursor)
    cur.execute(query)
    with pytest.raises(ValueError) as exc:
        cur.fetchone()
    assert str(exc.value) == message


def test_named_tuple_class_cached_by_names(make_conn):
    conn = make_conn()
    one = conn.cursor(cursor_factory=NamedTupleCursor)
    other = conn.cursor(cursor_factory=NamedTupleCursor)
    one.execute("select 1 as a, 2 as b")
    other.execute("select 'x'::text as a, 2.5 as b")
    assert type(one.fetchone()) is type(other.fetchone())
    other.execute("select 1 as b, 2 as a")
    assert type(other.fetchone()) is not one.Record


def test_named_tuple_fetch_methods(conn):
    cur = conn.cursor(cursor_factory=NamedTupleCursor)
    cur.execute(SERIES)
    assert [r.g for r in cur.fetchmany(2)] == [1, 2]
    assert cur.fetchone().t == 30
    assert [r.t for r in cur.fetchall()] == [40, 50]
    cur.execute(SERIES)
    assert [r.g for r in cur] == [1, 2, 3, 4, 5]
    cur.callproc("abs", (-2,))
    assert cur.fetchone().abs == 2


def test_named_tuple_record_reset_by_execute(conn):
    cur = conn.cursor(cursor_factory=NamedTupleCursor)
    cur.execute("select 1 as a")
    cur.fetchone()
    cur.execute("select 1 as b")
    assert cur.Record is None and cur.fetchone()._fields == ("b",)
    cur.executemany("select %s", [(1,)])
    assert cur.Record is None


def test_named_tuple_not_picklable(conn):
    cur = conn.cursor(cursor_factory=NamedTupleCursor)
    cur.execute("select 1 as a")
    with pytest.raises(pickle.PicklingError, match="Record"):
        pickle.dumps(cur.fetchone())


# --- logging -------------------------------------------------------------

def test_logging_needs_initialize(make_conn):
    for factory in (LoggingConnection, MinTimeLoggingConnection):
        conn = make_conn(connection_factory=factory)
        with pytest.raises(psycopg2.ProgrammingError) as exc:
            conn.cursor()
        assert str(exc.value) == (
            "LoggingConnection object has not been initialize()d")


def test_logging_to_file(make_conn):
    conn = make_conn(connection_factory=LoggingConnection)
    out = io.StringIO()
    conn.initialize(out)
    cur = conn.cursor()
    assert type(cur) is LoggingCursor
    cur.execute("select %s", (1,))
    cur.execute(b"select 'b'")
    cur.execute("select 'é'\n")
    cur.executemany("select %s", [(1,), (2,)])  # not logged
    cur.callproc("abs", (-3,))
    assert out.getvalue() == (
        "select 1\nselect 'b'\nselect 'é'\n\nSELECT * FROM abs( -3)\n")


def test_logging_failed_query_is_logged(make_conn):
    conn = make_conn(connection_factory=LoggingConnection)
    out = io.StringIO()
    conn.initialize(out)
    with pytest.raises(psycopg2.errors.UndefinedColumn):
        conn.cursor().execute("select nothere")
    assert out.getvalue() == "select nothere\n"


def test_logging_decodes_with_connection_encoding(make_conn):
    conn = make_conn(connection_factory=LoggingConnection)
    out = io.StringIO()
    conn.initialize(out)
    conn.set_client_encoding("LATIN1")
    conn.cursor().execute("select 'é'")
    assert out.getvalue() == "select 'é'\n"


class CapturingHandler(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def logger():
    log = logging.getLogger("test_extras_cursors")
    handler = CapturingHandler()
    log.addHandler(handler)
    log.setLevel(logging.DEBUG)
    log.records = handler.records
    yield log
    log.removeHandler(handler)


def test_logging_to_logger(make_conn, logger):
    conn = make_conn(connection_factory=LoggingConnection)
    conn.initialize(logger)
    conn.cursor().execute("select 1")
    conn.cursor("nm").execute("select 2")
    [plain, declare] = logger.records
    assert (plain.levelno, plain.msg) == (logging.DEBUG, b"select 1")
    assert declare.msg == b'DECLARE "nm" CURSOR WITHOUT HOLD FOR select 2'


def test_logging_to_logger_adapter(make_conn, logger):
    conn = make_conn(connection_factory=LoggingConnection)
    conn.initialize(logging.LoggerAdapter(logger, {}))
    conn.cursor().execute("select 1")
    assert [r.msg for r in logger.records] == [b"select 1"]


class FilteringConnection(LoggingConnection):
    def filter(self, msg, curs):
        return {b"select 'skip'": None, b"select 'str'": "STR"}.get(msg, msg)


def test_logging_filter(make_conn):
    conn = make_conn(connection_factory=FilteringConnection)
    out = io.StringIO()
    conn.initialize(out)
    cur = conn.cursor()
    for word in ("skip", "str", "keep"):
        cur.execute("select '%s'" % word)
    assert out.getvalue() == "STR\nselect 'keep'\n"
    assert conn.filter("m", cur) == "m"


def test_logging_connection_cursor_factory(make_conn):
    conn = make_conn(connection_factory=LoggingConnection)
    conn.initialize(io.StringIO())
    assert type(conn.cursor(cursor_factory=DictCursor)) is DictCursor
    conn.cursor_factory = RealDictCursor
    assert type(conn.cursor()) is RealDictCursor


def test_min_time_logging(make_conn):
    conn = make_conn(connection_factory=MinTimeLoggingConnection)
    out = io.StringIO()
    conn.initialize(out, mintime=30)
    cur = conn.cursor()
    assert type(cur) is MinTimeLoggingCursor
    cur.execute("select 1")
    cur.execute("select pg_sleep(0.05)")
    cur.callproc("pg_sleep", (0.04,))
    lines = out.getvalue().split("\n")
    assert lines[0] == "select pg_sleep(0.05)"
    assert lines[2] == "SELECT * FROM pg_sleep(0.04)"
    for line in (lines[1], lines[3]):
        assert line.startswith("  (execution time: ") and line.endswith(" ms)")
        assert float(line.split(": ")[1][:-4]) >= 40
    assert lines[4:] == [""]


def test_min_time_logging_default_logs_all(make_conn, logger):
    conn = make_conn(connection_factory=MinTimeLoggingConnection)
    conn.initialize(logger)
    conn.cursor().execute("select 'é'")
    [record] = logger.records
    assert record.msg.startswith("select 'é'\n  (execution time: ")
