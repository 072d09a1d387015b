"""Client-side (unnamed) cursors: execute and fetch, attributes, description,
executemany, callproc, mogrify, scroll, errors and transaction state."""

import pickle

import pytest

import psycopg2
import psycopg2.errors as errors
import psycopg2.extensions as ext


@pytest.fixture
def cur(conn):
    c = conn.cursor()
    yield c
    c.close()


@pytest.fixture
def tmp_table(cur):
    cur.execute("create temp table tt (id serial primary key, v text)")
    return "tt"


# ------------------------------------------------------------ basics


def test_initial_attributes(conn, cur):
    assert cur.closed is False
    assert cur.connection is conn
    assert cur.name is None
    assert cur.arraysize == 1
    assert cur.itersize == 2000
    assert cur.rowcount == -1
    assert cur.rownumber == 0
    assert cur.lastrowid == 0
    assert cur.query is None
    assert cur.statusmessage is None
    assert cur.description is None
    assert cur.withhold is False
    assert cur.scrollable is None


def test_execute_fetchone(cur):
    cur.execute("select 1, 'a', null")
    assert cur.fetchone() == (1, "a", None)
    assert cur.fetchone() is None
    assert cur.fetchone() is None


def test_execute_returns_none(cur):
    assert cur.execute("select 1") is None


def test_fetchall(cur):
    cur.execute("select generate_series(1, 5)")
    rows = cur.fetchall()
    assert rows == [(1,), (2,), (3,), (4,), (5,)]
    assert isinstance(rows, list)
    assert all(type(r) is tuple for r in rows)
    assert cur.fetchall() == []


def test_fetchmany_default_arraysize(cur):
    cur.execute("select generate_series(1, 3)")
    assert cur.fetchmany() == [(1,)]
    assert cur.fetchmany() == [(2,)]
    assert cur.fetchmany() == [(3,)]
    assert cur.fetchmany() == []


def test_fetchmany_arraysize(cur):
    cur.arraysize = 4
    cur.execute("select generate_series(1, 10)")
    assert cur.fetchmany() == [(1,), (2,), (3,), (4,)]
    assert cur.fetchmany(2) == [(5,), (6,)]
    assert cur.fetchmany(size=1) == [(7,)]
    assert cur.fetchmany() == [(8,), (9,), (10,)]
    assert cur.fetchmany() == []


def test_fetchmany_more_than_available(cur):
    cur.execute("select generate_series(1, 3)")
    assert cur.fetchmany(100) == [(1,), (2,), (3,)]


def test_mixed_fetch(cur):
    cur.execute("select generate_series(1, 10) as n")
    assert cur.fetchone() == (1,)
    assert cur.rownumber == 1
    assert cur.fetchmany(3) == [(2,), (3,), (4,)]
    assert cur.rownumber == 4
    assert cur.fetchall() == [(i,) for i in range(5, 11)]
    assert cur.rownumber == 10
    assert cur.fetchone() is None
    assert cur.fetchmany(2) == []


def test_iteration(cur):
    cur.execute("select generate_series(1, 5)")
    assert iter(cur) is cur
    assert [r[0] for r in cur] == [1, 2, 3, 4, 5]
    assert list(cur) == []


def test_iteration_next(cur):
    cur.execute("select 1")
    assert next(cur) == (1,)
    with pytest.raises(StopIteration):
        next(cur)


def test_iteration_after_partial_fetch(cur):
    cur.execute("select generate_series(1, 4)")
    cur.fetchone()
    assert list(cur) == [(2,), (3,), (4,)]


def test_reexecute_discards_previous(cur):
    cur.execute("select generate_series(1, 5)")
    cur.fetchone()
    cur.execute("select 42")
    assert cur.fetchall() == [(42,)]
    assert cur.rownumber == 1


def test_parameters(cur):
    cur.execute("select %s, %s, %s", (1, "x", None))
    assert cur.fetchone() == (1, "x", None)
    cur.execute("select %(a)s, %(b)s, %(a)s", {"a": 10, "b": "y"})
    assert cur.fetchone() == (10, "y", 10)
    cur.execute("select %s", [[1, 2, 3]])
    assert cur.fetchone() == ([1, 2, 3],)


def test_percent_without_args(cur):
    # no arguments: the query goes as it is
    cur.execute("select 10 % 3, '%s'")
    assert cur.fetchone() == (1, "%s")


def test_percent_with_args(cur):
    cur.execute("select 10 %% 3, %s", (5,))
    assert cur.fetchone() == (1, 5)


def test_bytes_query(cur):
    cur.execute(b"select %s", (b"abc",))
    assert bytes(cur.fetchone()[0]) == b"abc"


def test_unicode_query(cur):
    cur.execute("select 'ünïcødé €', %s", ("∑",))
    assert cur.fetchone() == ("ünïcødé €", "∑")


# --------------------------------------------------------- attributes


def test_arraysize_settable(cur):
    cur.arraysize = 7
    assert cur.arraysize == 7


def test_itersize_settable(cur):
    cur.itersize = 10
    assert cur.itersize == 10


def test_rowcount_select(cur):
    cur.execute("select generate_series(1, 7)")
    assert cur.rowcount == 7
    cur.fetchall()
    assert cur.rowcount == 7
    cur.execute("select 1 where false")
    assert cur.rowcount == 0


def test_rowcount_dml(cur, tmp_table):
    cur.execute("insert into tt (v) values ('a'), ('b'), ('c')")
    assert cur.rowcount == 3
    assert cur.statusmessage == "INSERT 0 3"
    cur.execute("update tt set v = 'z' where id > 1")
    assert cur.rowcount == 2
    assert cur.statusmessage == "UPDATE 2"
    cur.execute("delete from tt where id = 99")
    assert cur.rowcount == 0
    assert cur.statusmessage == "DELETE 0"
    cur.execute("delete from tt")
    assert cur.rowcount == 3
    assert cur.statusmessage == "DELETE 3"


def test_rowcount_ddl(cur):
    cur.execute("create temp table ddl_t (x int)")
    assert cur.rowcount == -1
    assert cur.statusmessage == "CREATE TABLE"
    assert cur.description is None
    cur.execute("drop table ddl_t")
    assert cur.rowcount == -1
    assert cur.statusmessage == "DROP TABLE"


def test_rowcount_set(cur):
    cur.execute("set search_path to public")
    assert cur.rowcount == -1
    assert cur.statusmessage == "SET"


def test_returning(cur, tmp_table):
    cur.execute("insert into tt (v) values ('a'), ('b') returning id, v")
    assert cur.rowcount == 2
    assert cur.statusmessage == "INSERT 0 2"
    assert cur.fetchall() == [(1, "a"), (2, "b")]
    assert [d.name for d in cur.description] == ["id", "v"]


def test_rownumber(cur):
    cur.execute("select generate_series(1, 3)")
    assert cur.rownumber == 0
    cur.fetchone()
    assert cur.rownumber == 1
    cur.fetchall()
    assert cur.rownumber == 3
    cur.execute("select 1")
    assert cur.rownumber == 0


def test_rownumber_iteration(cur):
    cur.execute("select generate_series(1, 3)")
    seen = []
    for _ in cur:
        seen.append(cur.rownumber)
    assert seen == [1, 2, 3]


def test_lastrowid(cur, tmp_table):
    cur.execute("insert into tt (v) values ('a')")
    assert cur.lastrowid == 0


def test_query_attribute(cur):
    cur.execute("select %s::int, %s", (5, "it's"))
    assert cur.query == b"select 5::int, 'it''s'"
    assert isinstance(cur.query, bytes)
    cur.execute("select 1")
    assert cur.query == b"select 1"


def test_query_attribute_after_error(conn, cur):
    with pytest.raises(psycopg2.ProgrammingError):
        cur.execute("select * from nosuchtable_%s", (7,))
    assert cur.query == b"select * from nosuchtable_7"


def test_statusmessage(cur):
    cur.execute("select generate_series(1, 4)")
    assert cur.statusmessage == "SELECT 4"
    cur.execute("begin")
    assert cur.statusmessage == "BEGIN"


def test_description_select(cur):
    cur.execute("select 1 as a, 'x'::text as b")
    d = cur.description
    assert isinstance(d, tuple)
    assert len(d) == 2
    assert d[0].name == "a"
    assert d[0].type_code == 23
    assert d[1].name == "b"
    assert d[1].type_code == 25


def test_description_fields(cur):
    cur.execute(
        "create temp table d (a int4 not null, b numeric(10,2),"
        " c varchar(20), d text, e int8, f bool, g char(5), h float8,"
        " i numeric)")
    cur.execute("select * from d")
    desc = [tuple(c) for c in cur.description]
    assert desc == [
        ("a", 23, None, 4, None, None, None),
        ("b", 1700, None, 10, 10, 2, None),
        ("c", 1043, None, 20, None, None, None),
        ("d", 25, None, -1, None, None, None),
        ("e", 20, None, 8, None, None, None),
        ("f", 16, None, 1, None, None, None),
        ("g", 1042, None, 5, None, None, None),
        ("h", 701, None, 8, None, None, None),
        ("i", 1700, None, -1, 65535, 65535, None),
    ]
    col = cur.description[1]
    assert col.name == "b"
    assert col.type_code == 1700
    assert col.display_size is None
    assert col.internal_size == 10
    assert col.precision == 10
    assert col.scale == 2
    assert col.null_ok is None


def test_description_table_oid(cur):
    cur.execute("create temp table dto (x int, y text)")
    cur.execute("select 'dto'::regclass::oid")
    oid = cur.fetchone()[0]
    cur.execute("select y, x, 1 as z from dto")
    assert [(c.table_oid, c.table_column) for c in cur.description] == [
        (oid, 2), (oid, 1), (None, None)]


def test_description_expression_names(cur):
    cur.execute("select 1, 'a'::varchar(20), 12.5::numeric(10,2), null")
    assert [tuple(c) for c in cur.description] == [
        ("?column?", 23, None, 4, None, None, None),
        ("varchar", 1043, None, 20, None, None, None),
        ("numeric", 1700, None, 10, 10, 2, None),
        ("?column?", 25, None, -1, None, None, None),
    ]


def test_description_unicode_name(cur):
    cur.execute('select 1 as "ünï €"')
    assert cur.description[0].name == "ünï €"


def test_column_sequence_behaviour(cur):
    cur.execute("select 1 as a")
    col = cur.description[0]
    assert isinstance(col, ext.Column)
    assert len(col) == 7
    assert col[0] == "a"
    assert col[1] == 23
    assert col[-1] is None
    assert col[:2] == ("a", 23)
    assert col == ("a", 23, None, 4, None, None, None)
    name, type_code, *rest = col
    assert (name, type_code) == ("a", 23)
    assert rest == [None, 4, None, None, None]
    assert repr(col) == "Column(name='a', type_code=23)"


def test_column_readonly(cur):
    cur.execute("select 1 as a")
    with pytest.raises(AttributeError):
        cur.description[0].name = "b"


def test_column_pickle(cur):
    cur.execute("select 1 as a")
    col = pickle.loads(pickle.dumps(cur.description[0]))
    assert tuple(col) == ("a", 23, None, 4, None, None, None)
    assert col.name == "a"


def test_column_constructor():
    col = ext.Column("x", 25)
    assert col.name == "x"
    assert col.type_code == 25
    assert col.internal_size is None
    assert ext.Column().name is None


def test_description_empty_result(cur):
    cur.execute("select 1 as a where false")
    assert cur.description[0].name == "a"
    assert cur.fetchall() == []


def test_description_none_after_ddl(cur):
    cur.execute("select 1")
    assert cur.description is not None
    cur.execute("create temp table x_ddl (a int)")
    assert cur.description is None


# ---------------------------------------------------- fetch without rows


def test_fetch_before_execute(cur):
    for f in [cur.fetchone, cur.fetchall, cur.fetchmany, lambda: next(cur)]:
        with pytest.raises(psycopg2.ProgrammingError) as excinfo:
            f()
        assert str(excinfo.value) == "no results to fetch"


def test_fetch_after_ddl(cur):
    cur.execute("create temp table fad (a int)")
    for f in [cur.fetchone, cur.fetchall, lambda: cur.fetchmany(2),
              lambda: list(cur)]:
        with pytest.raises(psycopg2.ProgrammingError) as excinfo:
            f()
        assert str(excinfo.value) == "no results to fetch"


def test_fetch_after_insert(cur, tmp_table):
    cur.execute("insert into tt (v) values ('a')")
    with pytest.raises(psycopg2.ProgrammingError):
        cur.fetchone()


# ---------------------------------------------------- closed cursors


def test_close(cur):
    cur.close()
    assert cur.closed is True
    cur.close()
    assert cur.closed is True


def test_closed_cursor_raises(cur):
    cur.execute("select 1")
    cur.close()
    for f in [lambda: cur.execute("select 1"), cur.fetchone, cur.fetchall,
              cur.fetchmany, lambda: next(cur), lambda: cur.scroll(0),
              lambda: cur.executemany("select %s", [(1,)]),
              lambda: cur.callproc("now"),
              lambda: cur.setinputsizes([1])]:
        with pytest.raises(psycopg2.InterfaceError) as excinfo:
            f()
        assert str(excinfo.value) == "cursor already closed"


def test_closed_cursor_keeps_results_metadata(cur):
    cur.execute("select 1 as a")
    cur.close()
    assert cur.description[0].name == "a"
    assert cur.rowcount == 1
    assert cur.statusmessage == "SELECT 1"
    # mogrify needs no server round trip
    assert cur.mogrify("select %s", [1]) == b"select 1"


def test_cursor_of_closed_connection(make_conn):
    c = make_conn()
    cur = c.cursor()
    cur.execute("select 1")
    c.close()
    assert cur.closed is True
    with pytest.raises(psycopg2.InterfaceError):
        cur.execute("select 1")
    with pytest.raises(psycopg2.InterfaceError):
        cur.fetchone()
    # closing it is harmless
    cur.close()


def test_with_cursor_closes(conn):
    with conn.cursor() as cur:
        assert cur.closed is False
        cur.execute("select 1")
        assert cur.fetchone() == (1,)
    assert cur.closed is True
    assert conn.closed == 0
    # the transaction is not ended by the cursor context
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_INTRANS


def test_with_cursor_closes_on_error(conn):
    with pytest.raises(ZeroDivisionError):
        with conn.cursor() as cur:
            1 / 0
    assert cur.closed is True


def test_with_cursor_returns_self(conn):
    cur = conn.cursor()
    with cur as c2:
        assert c2 is cur


def test_cursor_connection_attribute(conn):
    cur = conn.cursor()
    assert cur.connection is conn
    with pytest.raises(AttributeError):
        cur.connection = None


def test_cursor_direct_instantiation(conn):
    cur = ext.cursor(conn)
    cur.execute("select 2")
    assert cur.fetchone() == (2,)
    assert cur.connection is conn


def test_cursor_factory_subclass(conn):
    class MyCursor(ext.cursor):
        def execute(self, query, vars=None):
            self.executed = getattr(self, "executed", 0) + 1
            return super().execute(query, vars)

        def fetchone(self):
            row = super().fetchone()
            return None if row is None else row + ("extra",)

    cur = conn.cursor(cursor_factory=MyCursor)
    assert isinstance(cur, MyCursor)
    cur.execute("select %s", (1,))
    cur.execute("select 2")
    assert cur.executed == 2
    assert cur.fetchone() == (2, "extra")
    assert cur.connection is conn


def test_cursor_repr(conn):
    cur = conn.cursor()
    assert repr(cur).startswith("<cursor object at 0x")
    assert "closed: 0" in repr(cur)
    cur.close()
    assert "closed: 0" not in repr(cur)


# ---------------------------------------------------------- executemany


def test_executemany_rowcount(cur, tmp_table):
    cur.executemany("insert into tt (v) values (%s)", [("x",), ("y",), ("z",)])
    assert cur.rowcount == 3
    cur.execute("select v from tt order by id")
    assert cur.fetchall() == [("x",), ("y",), ("z",)]


def test_executemany_rowcount_sum(cur, tmp_table):
    cur.execute("insert into tt (v) values ('a'), ('b'), ('c')")
    cur.executemany("update tt set v = %s where id = %s",
                    [("q", 1), ("q", 2), ("q", 99)])
    assert cur.rowcount == 2
    cur.executemany("update tt set v = %(v)s where id > %(id)s",
                    [{"v": "r", "id": 0}, {"v": "s", "id": 1}])
    assert cur.rowcount == 5


def test_executemany_no_results(cur, tmp_table):
    cur.executemany("insert into tt (v) values (%s)", [("x",)])
    with pytest.raises(psycopg2.ProgrammingError):
        cur.fetchone()


def test_executemany_select(cur):
    cur.executemany("select %s", [(1,), (2,), (3,)])
    assert cur.rowcount == 3
    with pytest.raises(psycopg2.ProgrammingError) as excinfo:
        cur.fetchone()
    assert str(excinfo.value) == "no results to fetch"


def test_executemany_empty(cur):
    cur.executemany("select %s", [])
    assert cur.rowcount == 0


def test_executemany_iterator(cur, tmp_table):
    cur.executemany("insert into tt (v) values (%s)",
                    ((str(i),) for i in range(5)))
    assert cur.rowcount == 5


def test_executemany_error_stops(cur, conn, tmp_table):
    conn.commit()
    with pytest.raises(errors.UniqueViolation):
        cur.executemany("insert into tt (id, v) values (%s, %s)",
                        [(1, "a"), (1, "b"), (2, "c")])
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_INERROR
    conn.rollback()
    cur.execute("select count(*) from tt")
    assert cur.fetchone() == (0,)


# ------------------------------------------------------------ callproc


@pytest.fixture
def funcs(cur):
    cur.execute(
        "create function pg_temp.addit(a int, b int) returns int"
        " language sql as 'select a + b'")
    cur.execute(
        "create function pg_temp.sets(n int) returns setof int"
        " language sql as 'select generate_series(1, n)'")
    cur.execute(
        "create function pg_temp.outs(a int, out x int, out y text)"
        " language sql as $$select a * 2, 'v'$$")
    cur.execute(
        "create function pg_temp.noargs() returns text"
        " language sql as $$select 'hi'::text$$")
    cur.execute("select nspname from pg_namespace"
                " where oid = pg_my_temp_schema()")
    return cur.fetchone()[0]


def test_callproc(cur, funcs):
    ret = cur.callproc(funcs + ".addit", (2, 3))
    assert ret == (2, 3)
    assert cur.fetchone() == (5,)
    assert cur.description[0].name == "addit"
    assert cur.query == ("SELECT * FROM %s.addit(2,3)" % funcs).encode()


def test_callproc_list_args(cur, funcs):
    ret = cur.callproc(funcs + ".addit", [4, 5])
    assert ret == [4, 5]
    assert cur.fetchall() == [(9,)]


def test_callproc_setof(cur, funcs):
    assert cur.callproc(funcs + ".sets", (3,)) == (3,)
    assert cur.fetchall() == [(1,), (2,), (3,)]
    assert cur.rowcount == 3


def test_callproc_out_params(cur, funcs):
    cur.callproc(funcs + ".outs", (5,))
    assert cur.fetchall() == [(10, "v")]
    assert [d.name for d in cur.description] == ["x", "y"]


def test_callproc_no_args(cur, funcs):
    assert cur.callproc(funcs + ".noargs") is None
    assert cur.fetchone() == ("hi",)
    assert cur.query == ("SELECT * FROM %s.noargs()" % funcs).encode()
    assert cur.callproc(funcs + ".noargs", ()) == ()


def test_callproc_dict(cur, funcs):
    assert cur.callproc(funcs + ".addit", {"a": 1, "b": 10}) is None
    assert cur.fetchone() == (11,)
    assert cur.query == (
        'SELECT * FROM %s.addit("a":=1,"b":=10)' % funcs).encode()


def test_callproc_missing(cur, conn):
    with pytest.raises(errors.UndefinedFunction):
        cur.callproc("nosuchfunction_xyz", (1,))
    conn.rollback()


def test_callproc_bad_args(cur):
    with pytest.raises(TypeError):
        cur.callproc("now", 5)


# ------------------------------------------------------------- mogrify


def test_mogrify(cur):
    assert cur.mogrify("select %s, %s", (1, "a")) == b"select 1, 'a'"
    assert cur.mogrify("select %(x)s, %(x)s", {"x": None}) == \
        b"select NULL, NULL"
    assert cur.mogrify("select 1") == b"select 1"
    assert cur.mogrify("select %s") == b"select %s"
    assert cur.mogrify("select %%s, %s", [1]) == b"select %s, 1"
    assert cur.mogrify("select %s", ("it's",)) == b"select 'it''s'"
    assert cur.mogrify("select %s", (True,)) == b"select true"
    assert cur.mogrify("select %s", [[1, 2]]) == b"select ARRAY[1,2]"
    assert cur.mogrify("select %s", [(1, 2)]) == b"select (1, 2)"
    assert cur.mogrify("select %s", [1.5]) == b"select 1.5"
    assert cur.mogrify(b"select %s", [b"ab"]) == b"select '\\x6162'::bytea"


def test_mogrify_matches_query(cur):
    args = (1, "x", None, [1, 2])
    q = cur.mogrify("select %s, %s, %s, %s", args)
    cur.execute("select %s, %s, %s, %s", args)
    assert cur.query == q


def test_mogrify_errors(cur):
    with pytest.raises(IndexError):
        cur.mogrify("select %s, %s", [1])
    with pytest.raises(TypeError):
        cur.mogrify("select %s", [1, 2])
    with pytest.raises(KeyError):
        cur.mogrify("select %(x)s", {})
    with pytest.raises(TypeError):
        cur.mogrify("select %s %(x)s", {"x": 1})
    with pytest.raises(ValueError):
        cur.mogrify("select %x", [1])
    with pytest.raises(TypeError):
        cur.mogrify("select %s", 1)
    with pytest.raises(psycopg2.ProgrammingError) as excinfo:
        cur.mogrify("select %s", [object()])
    assert str(excinfo.value) == "can't adapt type 'object'"


def test_execute_arg_errors(cur):
    with pytest.raises(IndexError):
        cur.execute("select %s, %s", [1])
    with pytest.raises(TypeError):
        cur.execute("select %s", [1, 2])
    with pytest.raises(TypeError):
        cur.execute("select %s", 1)


# --------------------------------------------------------------- scroll


def test_scroll_relative(cur):
    cur.execute("select generate_series(0, 9)")
    cur.scroll(2)
    assert cur.fetchone() == (2,)
    cur.scroll(-2)
    assert cur.fetchone() == (1,)
    cur.scroll(3, mode="relative")
    assert cur.fetchone() == (5,)
    assert cur.rownumber == 6


def test_scroll_absolute(cur):
    cur.execute("select generate_series(0, 9)")
    cur.fetchall()
    cur.scroll(0, "absolute")
    assert cur.fetchone() == (0,)
    cur.scroll(9, "absolute")
    assert cur.rownumber == 9
    assert cur.fetchone() == (9,)


def test_scroll_out_of_range(cur):
    cur.execute("select generate_series(0, 9)")
    cur.fetchmany(3)
    for args in [(100,), (-100,), (-4,), (10, "absolute"), (-1, "absolute")]:
        with pytest.raises(psycopg2.ProgrammingError) as excinfo:
            cur.scroll(*args)
        assert str(excinfo.value) == "scroll destination out of bounds"
        # position unchanged
        assert cur.rownumber == 3
    cur.scroll(6)
    assert cur.rownumber == 9
    with pytest.raises(psycopg2.ProgrammingError):
        cur.scroll(1)
    assert cur.fetchall() == [(9,)]


def test_scroll_bad_mode(cur):
    cur.execute("select 1")
    with pytest.raises(psycopg2.ProgrammingError) as excinfo:
        cur.scroll(0, "sideways")
    assert str(excinfo.value) == \
        "scroll mode must be 'relative' or 'absolute'"


def test_scroll_no_results(cur):
    with pytest.raises(psycopg2.ProgrammingError):
        cur.scroll(0)
    cur.execute("create temp table scroll_ddl (a int)")
    with pytest.raises(psycopg2.ProgrammingError):
        cur.scroll(0)


def test_setinputsizes_setoutputsize(cur):
    assert cur.setinputsizes([1, 2]) is None
    assert cur.setoutputsize(10) is None
    assert cur.setoutputsize(10, 1) is None
    cur.execute("select 1")
    assert cur.fetchone() == (1,)


# ----------------------------------------------- special queries


@pytest.mark.parametrize("query", ["", "   ", "-- only a comment"])
def test_empty_query(cur, query):
    with pytest.raises(psycopg2.ProgrammingError) as excinfo:
        cur.execute(query)
    assert str(excinfo.value) == "can't execute an empty query"


def test_multiple_statements_last_result(cur):
    cur.execute("select 1; select 2, 3")
    assert cur.fetchall() == [(2, 3)]
    assert cur.statusmessage == "SELECT 1"
    assert len(cur.description) == 2


def test_multiple_statements_ending_with_dml(cur, tmp_table):
    cur.execute("select 1 as a; insert into tt (v) values ('m')")
    assert cur.statusmessage == "INSERT 0 1"
    assert cur.rowcount == 1
    assert cur.description is None
    with pytest.raises(psycopg2.ProgrammingError):
        cur.fetchone()


def test_multiple_statements_ending_with_select(cur, tmp_table):
    cur.execute("insert into tt (v) values ('m'); select v from tt")
    assert cur.statusmessage == "SELECT 1"
    assert cur.fetchall() == [("m",)]


def test_multiple_statements_with_params(cur):
    cur.execute("select %s; select %s", (1, 2))
    assert cur.fetchall() == [(2,)]


# ----------------------------------------------- errors and state


def test_error_puts_transaction_in_error(conn, cur):
    cur.execute("select 1")
    with pytest.raises(errors.DivisionByZero):
        cur.execute("select 1/0")
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_INERROR
    with pytest.raises(errors.InFailedSqlTransaction) as excinfo:
        cur.execute("select 1")
    assert isinstance(excinfo.value, psycopg2.InternalError)
    assert excinfo.value.pgcode == "25P02"
    # another cursor of the same connection is affected too
    with pytest.raises(errors.InFailedSqlTransaction):
        conn.cursor().execute("select 1")
    conn.rollback()
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE
    cur.execute("select 2")
    assert cur.fetchone() == (2,)


def test_error_clears_results(cur, conn):
    cur.execute("select 1")
    with pytest.raises(psycopg2.Error):
        cur.execute("select 1/0")
    with pytest.raises(psycopg2.ProgrammingError):
        cur.fetchone()
    conn.rollback()


def test_error_autocommit_no_failed_state(conn):
    conn.autocommit = True
    cur = conn.cursor()
    with pytest.raises(errors.DivisionByZero):
        cur.execute("select 1/0")
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE
    cur.execute("select 3")
    assert cur.fetchone() == (3,)


def test_savepoint_recovery(conn, cur):
    cur.execute("select 1")
    cur.execute("savepoint sp")
    with pytest.raises(errors.UndefinedTable):
        cur.execute("select * from nosuchtable_sp")
    cur.execute("rollback to savepoint sp")
    cur.execute("select 4")
    assert cur.fetchone() == (4,)
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_INTRANS


def test_two_cursors_independent(conn):
    a = conn.cursor()
    b = conn.cursor()
    a.execute("select generate_series(1, 3)")
    b.execute("select 'x'")
    assert a.fetchone() == (1,)
    assert b.fetchone() == ("x",)
    assert a.fetchall() == [(2,), (3,)]


def test_large_result(cur):
    cur.execute("select g, repeat('x', 100) from generate_series(1, 50000) g")
    assert cur.rowcount == 50000
    n = 0
    for row in cur:
        n += 1
    assert n == 50000
    assert row == (50000, "x" * 100)


def test_null_values(cur):
    cur.execute("select null::int, null::text, null::bytea, null::bool")
    assert cur.fetchone() == (None, None, None, None)
