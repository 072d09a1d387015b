"""execute_batch / execute_values (psycopg2 2.9 behaviour).

What the server received is read back from ``cur.query`` (the last page
sent) and from the table the statements filled.
"""

import pytest

import psycopg2
from psycopg2 import sql

try:
    from psycopg2.extras import _split_sql, execute_batch, execute_values
except ImportError:  # until psycopg2.extras re-exports them
    from psycopg2._batch import _split_sql, execute_batch, execute_values


@pytest.fixture
def cur(conn):
    cur = conn.cursor()
    cur.execute("create temp table t (id int, v text)")
    return cur


def table(cur):
    cur.execute("select id, v from t order by id, v")
    return cur.fetchall()


# execute_batch

def test_batch_joins_a_page_with_semicolons(cur):
    execute_batch(cur, "insert into t values (%s, %s)",
                  [(i, str(i)) for i in range(5)], page_size=2)
    assert cur.query == b"insert into t values (4, '4')"
    assert table(cur) == [(i, str(i)) for i in range(5)]


def test_batch_full_page_query(cur):
    execute_batch(cur, "insert into t values (%s,%s)",
                  [(i, str(i)) for i in range(4)], page_size=2)
    assert cur.query == (b"insert into t values (2,'2');"
                         b"insert into t values (3,'3')")
    assert cur.rowcount == 1
    assert cur.statusmessage == "INSERT 0 1"


def test_batch_results_of_last_statement(cur):
    assert execute_batch(cur, "select %s", [(2,), (3,)]) is None
    assert cur.query == b"select 2;select 3"
    assert cur.fetchall() == [(3,)]


def test_batch_empty_argslist_sends_nothing(cur):
    cur.execute("select 42")
    execute_batch(cur, "insert into t values (%s, %s)", [])
    assert cur.query == b"select 42"


def test_batch_mappings_iterator_and_composable(cur):
    execute_batch(cur, "insert into t values (%(a)s, %(b)s)",
                  iter([{"a": 1, "b": "x"}]))
    query = sql.SQL("insert into {} values (%s, %s)").format(
        sql.Identifier("t"))
    execute_batch(cur, query, [(2, "y"), (3, "z")])
    assert cur.query == (b"insert into \"t\" values (2, 'y');"
                         b"insert into \"t\" values (3, 'z')")
    assert table(cur) == [(1, "x"), (2, "y"), (3, "z")]


def test_batch_page_size_zero_sends_an_empty_query(cur):
    with pytest.raises(psycopg2.ProgrammingError,
                       match="can't execute an empty query"):
        execute_batch(cur, "select %s", [(1,)], page_size=0)


def test_batch_bad_args_raise_like_mogrify(cur):
    with pytest.raises(TypeError):
        execute_batch(cur, "select %s", [1])


# execute_values

def test_values_pages(cur):
    assert execute_values(cur, "insert into t values %s",
                          [(i, str(i)) for i in range(5)], page_size=2) is None
    assert cur.query == b"insert into t values (4,'4')"
    assert table(cur) == [(i, str(i)) for i in range(5)]


def test_values_page_query(cur):
    execute_values(cur, "select * from (values %s) x", [[1, 2], [3, 4]])
    assert cur.query == b"select * from (values (1,2),(3,4)) x"
    assert cur.fetchall() == [(1, 2), (3, 4)]


def test_values_fetch_collects_every_page(cur):
    rows = execute_values(cur, "insert into t values %s returning id",
                          ((i, "a") for i in range(5)), page_size=2,
                          fetch=True)
    assert rows == [(i,) for i in range(5)]


def test_values_empty_argslist(cur):
    cur.execute("select 42")
    assert execute_values(cur, "insert into t values %s", []) is None
    assert execute_values(cur, "insert into t values %s", [],
                          fetch=True) == []
    assert cur.query == b"select 42"


def test_values_fetch_without_results(cur):
    with pytest.raises(psycopg2.ProgrammingError, match="no results to fetch"):
        execute_values(cur, "insert into t values %s", [(1, "a")], fetch=True)


@pytest.mark.parametrize("template", [
    "(%s, %s || 'x')", b"(%s, %s || 'x')", sql.SQL("(%s, %s || 'x')")])
def test_values_template(cur, template):
    execute_values(cur, "insert into t values %s", [(1, "w")],
                   template=template)
    assert cur.query == b"insert into t values (1, 'w' || 'x')"


def test_values_named_template(cur):
    execute_values(cur, "insert into t values %s", [{"a": 1, "b": "z"}],
                   template="(%(a)s, %(b)s)")
    assert cur.query == b"insert into t values (1, 'z')"


def test_values_bytes_and_composable_query(cur):
    execute_values(cur, b"insert into t values %s", [(1, "w")])
    query = sql.SQL("insert into {} values %s").format(sql.Identifier("t"))
    execute_values(cur, query, [(2, "v")])
    assert cur.query == b"insert into \"t\" values (2,'v')"
    assert table(cur) == [(1, "w"), (2, "v")]


def test_values_percent_escapes_in_query(cur):
    execute_values(cur, "select %s where '%%' = '%%' ", [(1, "w")])
    assert cur.query == b"select (1,'w') where '%' = '%' "


def test_values_encoding(conn):
    conn.set_client_encoding("LATIN1")
    cur = conn.cursor()
    rows = execute_values(cur, "select * from (values %s) x(a, b)",
                          [(1, "é")], template="(%s, %s || 'é')", fetch=True)
    assert rows == [(1, "éé")]
    assert cur.query == b"select * from (values (1, '\xe9' || '\xe9')) x(a, b)"


def test_values_named_cursor(conn):
    cur = conn.cursor("named")
    execute_values(cur, "select * from (values %s) x", [(1,)])
    assert cur.fetchall() == [(1,)]


@pytest.mark.parametrize("query, message", [
    ("insert into t values (1, 2)",
     "the query doesn't contain any '%s' placeholder"),
    ("insert into t values %s, %s",
     "the query contains more than one '%s' placeholder"),
    ("insert %(x)s values %s", "unsupported format character: '('"),
    ("insert into t values %s %d", "unsupported format character: 'd'"),
])
def test_values_bad_query(cur, query, message):
    with pytest.raises(ValueError) as excinfo:
        execute_values(cur, query, [(1, "w")])
    assert str(excinfo.value) == message


@pytest.mark.parametrize("template, args, exc, message", [
    ("(%s)", (1, "w"), TypeError,
     "not all arguments converted during string formatting"),
    ("(%s,%s,%s)", (1, "w"), IndexError, "tuple index out of range"),
    ("(%(a)s)", (1, "w"), TypeError,
     "tuple indices must be integers or slices, not str"),
    (None, {"a": 1}, TypeError, "dict is not a sequence"),
    (None, 1, TypeError, "object of type 'int' has no len()"),
])
def test_values_bad_template(cur, template, args, exc, message):
    with pytest.raises(exc) as excinfo:
        execute_values(cur, "insert into t values %s", [args],
                       template=template)
    assert str(excinfo.value) == message


def test_values_rows_of_different_lengths(cur):
    with pytest.raises(IndexError, match="tuple index out of range"):
        execute_values(cur, "insert into t values %s", [(1, "a"), (2,)])


def test_values_page_size_zero(cur):
    with pytest.raises(IndexError, match="list index out of range"):
        execute_values(cur, "select %s", [(1,)], page_size=0)


# _split_sql

@pytest.mark.parametrize("query, before, after", [
    (b"a %s b %% c", [b"a "], [b" b ", b"%", b" c"]),
    (b"%s", [b""], [b""]),
    (b"a %s %", [b"a "], [b" %"]),
])
def test_split_sql(query, before, after):
    assert _split_sql(query) == (before, after)


def test_split_sql_escaped_percents():
    before, after = _split_sql(b"a %% %s %% b%%c")
    assert b"".join(before) == b"a % "
    assert b"".join(after) == b" % b%c"


def test_split_sql_wants_bytes():
    with pytest.raises(TypeError):
        _split_sql("a %s")
