"""Server-side (named) cursors: DECLARE/FETCH, itersize batches, withhold,
scrollable, lifetime and error cases."""

import pytest

import psycopg2
import psycopg2.errors as errors
import psycopg2.extensions as ext

OURS = "psycopg2-cluster" in (psycopg2.__doc__ or "")


def server_cursors(conn):
    """Cursors open in conn's session: [(name, holdable, scrollable)]."""
    cur = conn.cursor()
    cur.execute(
        "select name, is_holdable, is_scrollable from pg_cursors order by name")
    rows = cur.fetchall()
    cur.close()
    return rows


@pytest.fixture
def observer(make_conn):
    """An autocommit connection watching another session's activity."""
    c = make_conn()
    c.autocommit = True
    return c


def fetch_statements(observer, conn):
    """Last statement run by conn's backend, as seen from observer."""
    cur = observer.cursor()
    cur.execute("select query from pg_stat_activity where pid = %s",
                (conn.get_backend_pid(),))
    return cur.fetchone()[0]


# -------------------------------------------------------------- basics


def test_initial_attributes(conn):
    cur = conn.cursor("nc")
    assert cur.name == "nc"
    assert cur.itersize == 2000
    assert cur.arraysize == 1
    assert cur.scrollable is None
    assert cur.withhold is False
    assert cur.rowcount == -1
    assert cur.rownumber == 0
    assert cur.description is None
    assert cur.query is None
    assert cur.statusmessage is None
    assert cur.closed is False
    assert cur.connection is conn


def test_name_keyword(conn):
    assert conn.cursor(name="kw").name == "kw"
    assert conn.cursor(None).name is None


def test_declare_on_execute(conn):
    cur = conn.cursor("decl")
    assert server_cursors(conn) == []
    cur.execute("select generate_series(1, 10) as n")
    assert cur.query == \
        b'DECLARE "decl" CURSOR WITHOUT HOLD FOR select generate_series(1, 10) as n'
    assert cur.statusmessage == "DECLARE CURSOR"
    assert cur.rowcount == -1
    assert cur.description is None
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_INTRANS
    assert server_cursors(conn) == [("decl", False, False)]


def test_declare_with_params(conn):
    cur = conn.cursor("wp")
    cur.execute("select %s::int + %s", (1, 2))
    assert cur.query == b'DECLARE "wp" CURSOR WITHOUT HOLD FOR select 1::int + 2'
    assert cur.fetchone() == (3,)


@pytest.mark.parametrize("kwargs, declare", [
    ({}, b'DECLARE "x" CURSOR WITHOUT HOLD FOR select 1'),
    ({"scrollable": True}, b'DECLARE "x" SCROLL CURSOR WITHOUT HOLD FOR select 1'),
    ({"scrollable": False},
     b'DECLARE "x" NO SCROLL CURSOR WITHOUT HOLD FOR select 1'),
    ({"withhold": True}, b'DECLARE "x" CURSOR WITH HOLD FOR select 1'),
    ({"withhold": True, "scrollable": True},
     b'DECLARE "x" SCROLL CURSOR WITH HOLD FOR select 1'),
])
def test_declare_options(conn, kwargs, declare):
    cur = conn.cursor("x", **kwargs)
    cur.execute("select 1")
    assert cur.query == declare
    assert cur.fetchone() == (1,)
    cur.close()


def test_fetchone_fetchmany_fetchall(conn):
    cur = conn.cursor("f")
    cur.execute("select generate_series(1, 10) as n")
    assert cur.fetchone() == (1,)
    assert cur.rowcount == 1
    assert cur.rownumber == 1
    assert cur.statusmessage == "FETCH 1"
    assert cur.fetchmany(3) == [(2,), (3,), (4,)]
    assert cur.rowcount == 3
    assert cur.statusmessage == "FETCH 3"
    assert cur.fetchall() == [(5,), (6,), (7,), (8,), (9,), (10,)]
    assert cur.rowcount == 6
    assert cur.fetchone() is None
    assert cur.fetchall() == []
    assert cur.fetchmany(2) == []
    assert cur.rowcount == 0


def test_fetchmany_arraysize(conn):
    cur = conn.cursor("fa")
    cur.arraysize = 4
    cur.execute("select generate_series(1, 6)")
    assert cur.fetchmany() == [(1,), (2,), (3,), (4,)]
    assert cur.fetchmany() == [(5,), (6,)]
    assert cur.fetchmany() == []


def test_fetch_statement_sent(conn, observer):
    cur = conn.cursor("fs")
    cur.execute("select generate_series(1, 10)")
    cur.fetchone()
    assert fetch_statements(observer, conn) == 'FETCH FORWARD 1 FROM "fs"'
    cur.fetchmany(3)
    assert fetch_statements(observer, conn) == 'FETCH FORWARD 3 FROM "fs"'
    cur.fetchall()
    assert fetch_statements(observer, conn) == 'FETCH FORWARD ALL FROM "fs"'


def test_description_after_first_fetch(conn):
    cur = conn.cursor("desc")
    cur.execute("select 1 as a, 'x'::text as b")
    assert cur.description is None
    assert cur.fetchone() == (1, "x")
    assert [(d.name, d.type_code) for d in cur.description] == \
        [("a", 23), ("b", 25)]


def test_empty_result(conn):
    cur = conn.cursor("zero")
    cur.execute("select 1 where false")
    assert cur.fetchall() == []
    assert cur.rowcount == 0
    assert cur.fetchone() is None
    assert list(cur) == []


# -------------------------------------------------------- iteration


def test_iteration(conn):
    cur = conn.cursor("it")
    cur.execute("select generate_series(1, 5)")
    assert [r[0] for r in cur] == [1, 2, 3, 4, 5]
    assert list(cur) == []


def test_iteration_itersize_batches(conn):
    cur = conn.cursor("its")
    cur.itersize = 3
    assert cur.itersize == 3
    cur.execute("select generate_series(1, 10)")
    got = [(r[0], cur.rownumber, cur.rowcount) for r in cur]
    # rows come in batches of itersize: rownumber counts within the batch
    # and rowcount is the size of the last FETCH
    assert got == [
        (1, 1, 3), (2, 2, 3), (3, 3, 3),
        (4, 1, 3), (5, 2, 3), (6, 3, 3),
        (7, 1, 3), (8, 2, 3), (9, 3, 3),
        (10, 1, 1)]


def test_iteration_fetch_statement(conn, observer):
    cur = conn.cursor("itf")
    cur.itersize = 7
    cur.execute("select generate_series(1, 20)")
    it = iter(cur)
    assert next(it) == (1,)
    assert fetch_statements(observer, conn) == 'FETCH FORWARD 7 FROM "itf"'
    for _ in range(6):
        next(it)
    # the batch is consumed from the buffer: no new FETCH yet
    assert fetch_statements(observer, conn) == 'FETCH FORWARD 7 FROM "itf"'
    assert next(it) == (8,)
    assert fetch_statements(observer, conn) == 'FETCH FORWARD 7 FROM "itf"'
    assert cur.rownumber == 1


def test_iteration_large(conn):
    cur = conn.cursor("big")
    cur.itersize = 1000
    cur.execute("select generate_series(1, 25000)")
    total = 0
    count = 0
    for (n,) in cur:
        total += n
        count += 1
    assert count == 25000
    assert total == 25000 * 25001 // 2


# ---------------------------------------------------- transactions


def test_withhold_survives_commit(conn):
    cur = conn.cursor("wh", withhold=True)
    assert cur.withhold is True
    cur.execute("select generate_series(1, 10)")
    assert server_cursors(conn) == [("wh", True, False)]
    assert cur.fetchone() == (1,)
    conn.commit()
    assert cur.fetchone() == (2,)
    assert cur.fetchall() == [(i,) for i in range(3, 11)]
    assert server_cursors(conn) == [("wh", True, False)]
    cur.close()
    assert server_cursors(conn) == []


def test_without_hold_invalid_after_commit(conn):
    cur = conn.cursor("nw")
    cur.execute("select generate_series(1, 10)")
    assert cur.fetchone() == (1,)
    conn.commit()
    with pytest.raises(psycopg2.ProgrammingError) as excinfo:
        cur.fetchone()
    assert type(excinfo.value) is psycopg2.ProgrammingError
    assert str(excinfo.value) == "named cursor isn't valid anymore"


def test_without_hold_invalid_after_rollback(conn):
    cur = conn.cursor("nr")
    cur.execute("select generate_series(1, 10)")
    conn.rollback()
    with pytest.raises(psycopg2.ProgrammingError):
        cur.fetchall()


def test_autocommit_needs_withhold(conn):
    conn.autocommit = True
    cur = conn.cursor("ac")
    with pytest.raises(psycopg2.ProgrammingError) as excinfo:
        cur.execute("select generate_series(1, 5)")
    assert str(excinfo.value) == \
        "can't use a named cursor outside of transactions"
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE


def test_autocommit_withhold(conn):
    conn.autocommit = True
    cur = conn.cursor("ac2", withhold=True)
    cur.execute("select generate_series(1, 5)")
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE
    assert cur.fetchone() == (1,)
    assert server_cursors(conn) == [("ac2", True, False)]
    assert cur.fetchall() == [(2,), (3,), (4,), (5,)]
    cur.close()
    assert server_cursors(conn) == []


def test_fetch_before_execute(conn):
    cur = conn.cursor("early")
    with pytest.raises(errors.InvalidCursorName) as excinfo:
        cur.fetchone()
    assert excinfo.value.pgcode == "34000"
    conn.rollback()
    # the cursor is now unusable
    with pytest.raises(psycopg2.ProgrammingError) as excinfo:
        cur.execute("select 1")
    assert str(excinfo.value) == "named cursor isn't valid anymore"


# ------------------------------------------------------------ scroll


def test_scrollable_backwards(conn):
    cur = conn.cursor("sc", scrollable=True)
    assert cur.scrollable is True
    cur.execute("select generate_series(1, 10)")
    assert server_cursors(conn) == [("sc", False, True)]
    assert cur.fetchmany(5) == [(1,), (2,), (3,), (4,), (5,)]
    cur.scroll(-3)
    assert cur.fetchone() == (3,)
    cur.scroll(0, "absolute")
    assert cur.fetchone() == (1,)
    cur.scroll(8, "absolute")
    assert cur.fetchall() == [(9,), (10,)]
    cur.scroll(2, mode="absolute")
    assert cur.fetchone() == (3,)


def test_scrollable_past_end_no_error(conn):
    cur = conn.cursor("sce", scrollable=True)
    cur.execute("select generate_series(1, 10)")
    cur.scroll(50)
    assert cur.fetchone() is None
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_INTRANS


@pytest.mark.parametrize("kwargs", [{"scrollable": False}, {}])
def test_not_scrollable_backwards(conn, kwargs):
    cur = conn.cursor("nsc", **kwargs)
    cur.execute("select generate_series(1, 10)")
    assert server_cursors(conn) == [("nsc", False, False)]
    cur.fetchmany(5)
    with pytest.raises(errors.ObjectNotInPrerequisiteState) as excinfo:
        cur.scroll(-3)
    assert excinfo.value.pgcode == "55000"
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_INERROR
    conn.rollback()


def test_not_scrollable_forward(conn):
    cur = conn.cursor("fwd", scrollable=False)
    cur.execute("select generate_series(1, 10)")
    cur.fetchone()
    cur.scroll(2)
    assert cur.fetchone() == (4,)
    cur.scroll(100)
    assert cur.fetchone() is None
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_INTRANS


def test_scroll_other_mode_is_relative(conn):
    # unlike client-side cursors, any mode but 'absolute' moves relatively
    cur = conn.cursor("sbm", scrollable=True)
    cur.execute("select generate_series(1, 10)")
    cur.fetchone()
    cur.scroll(2, "sideways")
    assert cur.fetchone() == (4,)


def test_set_scrollable_withhold_before_execute(conn):
    cur = conn.cursor("setb")
    cur.withhold = True
    cur.scrollable = True
    assert cur.withhold is True
    assert cur.scrollable is True
    cur.execute("select 1")
    assert cur.query == b'DECLARE "setb" SCROLL CURSOR WITH HOLD FOR select 1'
    assert server_cursors(conn) == [("setb", True, True)]


def test_withhold_scrollable_on_unnamed(conn):
    cur = conn.cursor()
    with pytest.raises(psycopg2.ProgrammingError) as excinfo:
        cur.withhold = True
    assert str(excinfo.value) == "trying to set .withhold on unnamed cursor"
    with pytest.raises(psycopg2.ProgrammingError) as excinfo:
        cur.scrollable = True
    assert str(excinfo.value) == "trying to set .scrollable on unnamed cursor"
    # setting the defaults is fine
    cur.withhold = False
    cur.scrollable = None


# ------------------------------------------------------- misuse


def test_execute_after_failed_declare(conn):
    cur = conn.cursor("fd")
    with pytest.raises(errors.DivisionByZero):
        cur.execute("select 1/0")
    conn.rollback()
    with pytest.raises(psycopg2.ProgrammingError,
                       match="can't call .execute.. on named cursors more"):
        cur.execute("select 1")


def test_execute_after_bad_parameters(conn):
    cur = conn.cursor("bp")
    with pytest.raises(IndexError):
        cur.execute("select %s", ())
    cur.execute("select 1")   # nothing was sent: not executed yet
    assert cur.fetchone() == (1,)


def test_execute_twice(conn):
    cur = conn.cursor("tw")
    cur.execute("select 1")
    with pytest.raises(psycopg2.ProgrammingError) as excinfo:
        cur.execute("select 2")
    assert str(excinfo.value) == \
        "can't call .execute() on named cursors more than once"
    # the first query is still there
    assert cur.fetchone() == (1,)


def test_executemany_refused(conn):
    cur = conn.cursor("em")
    with pytest.raises(psycopg2.ProgrammingError) as excinfo:
        cur.executemany("select %s", [(1,)])
    assert str(excinfo.value) == "can't call .executemany() on named cursors"


def test_callproc_refused(conn):
    cur = conn.cursor("cp")
    with pytest.raises(psycopg2.ProgrammingError) as excinfo:
        cur.callproc("now")
    assert str(excinfo.value) == "can't call .callproc() on named cursors"


def test_non_select(conn):
    cur = conn.cursor("ddl")
    with pytest.raises(errors.SyntaxError):
        cur.execute("create temp table zz (x int)")
    conn.rollback()


def test_query_error_in_declare(conn):
    cur = conn.cursor("qe")
    with pytest.raises(errors.UndefinedTable):
        cur.execute("select * from nosuchtable_named")
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_INERROR
    conn.rollback()


def test_error_during_fetch(conn):
    cur = conn.cursor("fe")
    cur.execute("select 1 / (3 - g) from generate_series(1, 5) g")
    assert cur.fetchone() == (0,)
    with pytest.raises(errors.DivisionByZero):
        cur.fetchall()
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_INERROR
    conn.rollback()


# ---------------------------------------------------------- close


def test_close(conn):
    cur = conn.cursor("cl")
    cur.execute("select generate_series(1, 3)")
    assert server_cursors(conn) == [("cl", False, False)]
    cur.close()
    assert cur.closed is True
    assert server_cursors(conn) == []
    cur.close()
    with pytest.raises(psycopg2.InterfaceError) as excinfo:
        cur.fetchone()
    assert str(excinfo.value) == "cursor already closed"


def test_close_unexecuted(conn):
    cur = conn.cursor("cu")
    cur.close()
    assert cur.closed is True
    with pytest.raises(psycopg2.InterfaceError):
        cur.execute("select 1")
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE


def test_close_in_failed_transaction(conn):
    cur = conn.cursor("cft")
    cur.execute("select 1")
    with pytest.raises(psycopg2.DataError):
        conn.cursor().execute("select 1/0")
    cur.close()   # must not raise
    assert cur.closed is True
    conn.rollback()


@pytest.mark.parametrize("end", ["commit", "rollback"])
def test_close_after_the_transaction(conn, end):
    cur = conn.cursor("cat")
    cur.execute("select 1")
    getattr(conn, end)()
    if OURS:
        # closing something the server already dropped is not an error
        cur.close()
        assert cur.closed is True
    else:
        with pytest.raises(psycopg2.ProgrammingError,
                           match="named cursor isn't valid anymore"):
            cur.close()
        assert cur.closed is False


def test_with_closes(conn):
    with conn.cursor("ctx") as cur:
        cur.execute("select 1")
        assert server_cursors(conn) == [("ctx", False, False)]
    assert cur.closed is True
    assert server_cursors(conn) == []


def test_closed_with_connection(make_conn):
    c = make_conn()
    cur = c.cursor("cc")
    cur.execute("select 1")
    c.close()
    assert cur.closed is True


# ------------------------------------------------------------- names


@pytest.mark.parametrize("name", [
    'q"uo te', "Mixed Case", "select", "ünï€", "with-dash", "a'b"])
def test_names_needing_quoting(conn, name):
    cur = conn.cursor(name)
    cur.execute("select 42")
    assert cur.name == name
    assert server_cursors(conn) == [(name, False, False)]
    assert cur.fetchone() == (42,)
    cur.close()
    assert server_cursors(conn) == []


def test_two_named_cursors(conn):
    a = conn.cursor("a")
    b = conn.cursor("b")
    a.execute("select generate_series(1, 3)")
    b.execute("select generate_series(10, 12)")
    assert a.fetchone() == (1,)
    assert b.fetchone() == (10,)
    assert a.fetchall() == [(2,), (3,)]
    assert b.fetchall() == [(11,), (12,)]


def test_same_name_twice(conn):
    a = conn.cursor("dup")
    b = conn.cursor("dup")
    a.execute("select 1")
    with pytest.raises(errors.DuplicateCursor):
        b.execute("select 2")
    conn.rollback()


def test_named_cursor_factory(conn):
    class MyCursor(ext.cursor):
        pass

    cur = conn.cursor("fac", cursor_factory=MyCursor)
    assert isinstance(cur, MyCursor)
    assert cur.name == "fac"
    cur.execute("select 5")
    assert cur.fetchone() == (5,)
