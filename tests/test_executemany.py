"""executemany: psycopg2's results whether statements go one by one or,
inside a transaction, through libpq's pipeline mode (chunks of 500)."""

import pytest

import psycopg2
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


@pytest.mark.parametrize("n", [0, 1, 499, 500, 501, 1234])
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
    # several statements per string: not for the pipeline, same result
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
