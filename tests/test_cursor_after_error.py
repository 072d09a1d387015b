"""What a failed execute leaves on the cursor, as psycopg2 2.9 leaves it.

- The server refused the statement (or it was blank): no result, an empty
  status message, rowcount -1, the failed statement as `query`.
- The parameters could not be merged: `query` is None; the previous
  result's description, rowcount and status stay, but its rows can no
  longer be fetched.
- The query itself was refused before anything happened (None, empty, not
  a string): the cursor is untouched.
"""

import pytest

import psycopg2
import psycopg2.errors as errors


@pytest.fixture
def cur(conn):
    conn.autocommit = True
    c = conn.cursor()
    c.execute("create temp table t (a int)")
    return c


def run_two_rows(cur):
    cur.execute("select 1 union select 2 order by 1")
    cur.fetchone()


def state(cur):
    return (cur.statusmessage, cur.rowcount, cur.rownumber, cur.description)


REFUSED = ("", -1, 0, None)


@pytest.mark.parametrize("stmt, exc", [
    ("select 1/0", errors.DivisionByZero),
    ("selec 1", errors.SyntaxError),
    ("select * from nosuchtable", errors.UndefinedTable),
    ("  ", psycopg2.ProgrammingError),   # the server's empty query
])
def test_server_refused(cur, stmt, exc):
    run_two_rows(cur)
    with pytest.raises(exc):
        cur.execute(stmt)
    assert state(cur) == REFUSED
    assert cur.query == stmt.encode()
    with pytest.raises(psycopg2.ProgrammingError, match="no results to fetch"):
        cur.fetchone()


def test_fresh_cursor_refused(conn):
    cur = conn.cursor()
    assert cur.statusmessage is None
    with pytest.raises(errors.DivisionByZero):
        cur.execute("select 1/0")
    assert state(cur) == REFUSED


def test_named_cursor_refused(conn):
    cur = conn.cursor("nc")
    with pytest.raises(errors.DivisionByZero):
        cur.execute("select 1/0")
    assert state(cur) == REFUSED
    assert cur.query.startswith(b'DECLARE "nc" CURSOR')


def test_callproc_refused(cur):
    run_two_rows(cur)
    with pytest.raises(errors.UndefinedFunction):
        cur.callproc("nosuchproc", (1,))
    assert state(cur) == REFUSED
    assert cur.query == b"SELECT * FROM nosuchproc(1)"


@pytest.mark.parametrize("autocommit", [True, False])
def test_executemany_refused(conn, autocommit):
    conn.autocommit = autocommit
    cur = conn.cursor()
    cur.execute("create temp table t (a int)")
    cur.execute("insert into t values (1), (2)")
    with pytest.raises(errors.InvalidTextRepresentation):
        cur.executemany("insert into t values (%s)", [(1,), ("x",), (3,)])
    assert state(cur) == REFUSED
    assert cur.query == b"insert into t values ('x')"


@pytest.mark.parametrize("args, exc", [
    (("select %(x)s", {}), KeyError),
    (("select %s", ()), IndexError),
    (("select %s", (object(),)), psycopg2.ProgrammingError),
])
def test_parameters_refused_keep_the_result(cur, args, exc):
    run_two_rows(cur)
    before = state(cur)
    with pytest.raises(exc):
        cur.execute(*args)
    assert state(cur) == before
    assert cur.query is None
    with pytest.raises(psycopg2.ProgrammingError, match="no results to fetch"):
        cur.fetchone()


@pytest.mark.parametrize("query, exc", [
    (None, psycopg2.ProgrammingError),
    ("", psycopg2.ProgrammingError),
    (b"", psycopg2.ProgrammingError),
    (1, TypeError),
])
def test_query_refused_touches_nothing(cur, query, exc):
    run_two_rows(cur)
    before = state(cur)
    with pytest.raises(exc):
        cur.execute(query)
    assert state(cur) == before
    assert cur.query == b"select 1 union select 2 order by 1"
    assert cur.fetchone() == (2,)


def test_success_after_failure(cur):
    with pytest.raises(errors.DivisionByZero):
        cur.execute("select 1/0")
    cur.execute("insert into t values (1), (2), (3)")
    assert state(cur) == ("INSERT 0 3", 3, 0, None)


def test_description_outlives_the_rows(cur):
    cur.execute("select 1 as x")   # description not read yet
    with pytest.raises(KeyError):
        cur.execute("select %(x)s", {})
    assert [c.name for c in cur.description] == ["x"]
    assert cur.rowcount == 1
