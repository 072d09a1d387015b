"""executemany: psycopg2's results whether statements go one by one or,
inside a transaction, in batches (up to 1000 statements or 1 MiB joined
into one simple-protocol query, each statement with its own result)."""

import pytest

import psycopg2
import psycopg2.extensions as ext
from psycopg2 import errors


@pytest.fixture
def table(conn):
    cur = conn.cursor()
    cur.execute("create temp table em (id int primary key, t text)")
    conn.commit()   # survives the rollbacks of the tests
    return cur


def count(cur):
    cur.execute("select count(*), coalesce(sum(id), 0) from em")
    return cur.fetchone()


@pytest.mark.parametrize("n", [0, 1, 999, 1000, 1001, 2345])
def test_inserts_across_chunks(table, n):
    table.executemany("insert into em values (%s, %s)",
                      [(i, "r%d" % i) for i in range(n)])
    assert table.rowcount == n
    assert count(table) == (n, n * (n - 1) // 2)


def test_query_is_the_last_statement(table):
    table.executemany("insert into em values (%(id)s, %(t)s)",
                      [{"id": 1, "t": "a"}, {"id": 2, "t": "it's"}])
    assert table.query == b"insert into em values (2, 'it''s')"


def test_update_and_delete_counts(table):
    table.executemany("insert into em values (%s, 'x')", [(i,) for i in range(10)])
    table.executemany("update em set t = %s where id < %s", [("a", 3), ("b", 7)])
    assert table.rowcount == 3 + 7
    table.executemany("delete from em where id = %s;", [(1,), (2,), (99,)])
    assert table.rowcount == 2


def test_results_are_not_fetchable(table):
    table.executemany("insert into em values (%s, 'x') returning id", [(1,), (2,)])
    with pytest.raises(psycopg2.ProgrammingError):
        table.fetchone()


def test_error_stops_the_rest_and_fails_the_transaction(conn, table):
    rows = [(i, "x") for i in range(700)]
    rows.insert(600, (5, "duplicate"))
    with pytest.raises(errors.UniqueViolation):
        table.executemany("insert into em values (%s, %s)", rows)
    assert conn.get_transaction_status() == \
        psycopg2.extensions.TRANSACTION_STATUS_INERROR
    conn.rollback()
    assert count(table) == (0, 0)


def test_autocommit_keeps_rows_before_the_error(make_conn):
    conn = make_conn()
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("drop table if exists em_auto")
    cur.execute("create table em_auto (id int primary key)")
    try:
        with pytest.raises(errors.UniqueViolation):
            cur.executemany("insert into em_auto values (%s)",
                            [(1,), (2,), (1,), (3,)])
        cur.execute("select array_agg(id order by id) from em_auto")
        assert cur.fetchone()[0] == [1, 2]   # committed one by one; 3 never ran
    finally:
        cur.execute("drop table em_auto")


def test_multi_statement_template(table):
    # several statements per string: not batched, same result
    table.executemany("insert into em values (%s, 'a'); insert into em values (%s, 'b')",
                      [(1, 2), (3, 4)])
    assert count(table) == (4, 10)


def test_bad_parameters_run_the_rows_before(conn, table):
    # as one by one: the rows before the one that cannot be adapted ran,
    # and the transaction is still usable
    with pytest.raises(psycopg2.ProgrammingError):
        table.executemany("insert into em values (%s, %s)",
                          [(1, "a"), (2, "b"), (3, object()), (4, "d")])
    assert count(table) == (2, 3)


def test_bad_parameters_in_a_later_chunk(conn, table):
    rows = [(i, "x") for i in range(700)] + [(700, object())]
    with pytest.raises(psycopg2.ProgrammingError):
        table.executemany("insert into em values (%s, %s)", rows)
    assert count(table) == (700, 700 * 699 // 2)


def test_batches_split_by_size(table):
    # 3 MiB of parameters: several batches cut by bytes, not by count
    big = "x" * 100000
    table.executemany("insert into em values (%s, %s)", [(i, big) for i in range(30)])
    assert table.rowcount == 30
    table.execute("select count(*), sum(length(t)) from em")
    assert table.fetchone() == (30, 30 * 100000)


def test_trailing_comment_in_the_template(table):
    table.executemany("insert into em values (%s, 'x') -- a comment", [(1,), (2,)])
    assert table.rowcount == 2
    assert count(table) == (2, 3)


def test_cursor_state_after_success(table):
    table.executemany("insert into em values (%s, %s)", [(1, "a"), (2, "b")])
    assert table.statusmessage == "INSERT 0 1"
    assert table.query == b"insert into em values (2, 'b')"
    assert table.description is None
    assert table.rownumber == 0


def test_failing_statement_is_the_query(conn, table):
    rows = [(i, "x") for i in range(1500)]
    rows.insert(1200, (7, "again"))
    with pytest.raises(errors.UniqueViolation) as exc:
        table.executemany("insert into em values (%s, %s)", rows)
    assert exc.value.cursor is table
    assert table.query == b"insert into em values (7, 'again')"
    assert table.rowcount == -1


def test_unmergeable_parameters_leave_no_query(conn, table):
    table.executemany("insert into em values (%s, 'x')", [(1,), (2,), (3,)])
    with pytest.raises(psycopg2.ProgrammingError):
        table.executemany("update em set t = %s where id >= %s",
                          [("a", 1), ("b", 2), ("c", object())])
    assert table.query is None
    assert table.rowcount == 2            # the last statement's count
    assert table.statusmessage == "UPDATE 2"


def test_iterator_error_runs_the_rows_before(conn, table):
    def rows():
        yield (1, "a")
        yield (2, "b")
        raise KeyError("stop")

    with pytest.raises(KeyError):
        table.executemany("insert into em values (%s, %s)", rows())
    assert table.query == b"insert into em values (2, 'b')"
    assert count(table) == (2, 3)


def test_empty_parameters_keep_the_previous_result(table):
    table.execute("select 1")
    table.executemany("insert into em values (%s, %s)", [])
    assert table.rowcount == 0
    assert table.query == b"select 1"
    assert table.description[0].name == "?column?"
    assert table.fetchone() is None       # rowcount 0: nothing left to fetch


def test_notices_of_every_statement(conn, table):
    table.execute("""
        create function em_notice() returns trigger language plpgsql as
        $$ begin raise notice 'row %', new.id; return new; end $$;
        create trigger em_notice before insert on em
        for each row execute function em_notice()""")
    del conn.notices[:]
    table.executemany("insert into em values (%s, 'x')", [(i,) for i in range(3)])
    assert conn.notices == ["NOTICE:  row %d\n" % i for i in range(3)]


def test_standard_conforming_strings_off(conn, table):
    table.execute("set standard_conforming_strings to off")
    table.executemany("insert into em values (%s, %s)", [(1, "a\\b'c"), (2, "d")])
    table.execute("select t from em order by id")
    assert table.fetchall() == [("a\\b'c",), ("d",)]


def test_returning_statements(table):
    table.executemany("insert into em values (%s, 'x') returning id * 10",
                      [(1,), (2,), (3,)])
    assert table.rowcount == 3
    with pytest.raises(psycopg2.ProgrammingError):
        table.fetchall()


def test_transaction_is_opened(conn, table):
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE
    table.executemany("insert into em values (%s, 'x')", [(1,), (2,)])
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_INTRANS
    conn.rollback()
    assert count(table) == (0, 0)


def test_no_leak(conn, table, assert_no_leak):
    rows = [(i, "r%d" % i) for i in range(50)]

    def once():
        table.executemany("insert into em values (%s, %s)", rows)
        conn.rollback()
    assert_no_leak(once, n=300, warmup=30, limit_kb=1024)
