"""Asynchronous connections: connect(async_=True), poll(), isexecuting().

Checked against psycopg2 2.9.13; deliberate differences are commented.
"""

import gc
import select
import time
import weakref

import pytest

import psycopg2
import psycopg2.errors
import psycopg2.extensions as ext
from psycopg2.extras import wait_select


def wait(conn, timeout=10):
    """Drive conn with poll() and select(), failing the test on a hang."""
    deadline = time.monotonic() + timeout
    while True:
        state = conn.poll()
        if state == ext.POLL_OK:
            return
        left = deadline - time.monotonic()
        assert left > 0, "poll() did not finish"
        if state == ext.POLL_READ:
            select.select([conn.fileno()], [], [], left)
        elif state == ext.POLL_WRITE:
            select.select([], [conn.fileno()], [], left)
        else:
            pytest.fail(f"unexpected poll state {state}")


@pytest.fixture
def aconn(dsn):
    c = psycopg2.connect(dsn, async_=True)
    wait(c)
    yield c
    c.close()


def test_connect_steps(dsn):
    c = psycopg2.connect(dsn, async_=True)
    try:
        assert c.async_ == 1 and getattr(c, "async") == 1
        assert c.isexecuting()
        assert c.status == ext.STATUS_SETUP
        # libpq's rule: the first wait is for the socket to be writable
        assert c.poll() == ext.POLL_WRITE
        states = []
        while True:
            s = c.poll()
            states.append(s)
            if s == ext.POLL_OK:
                break
            select.select([c.fileno()] if s == ext.POLL_READ else [],
                          [c.fileno()] if s == ext.POLL_WRITE else [], [], 5)
        assert set(states) <= {ext.POLL_OK, ext.POLL_READ, ext.POLL_WRITE}
        assert not c.isexecuting()
        assert c.status == ext.STATUS_READY
        assert c.autocommit is True
        assert c.poll() == ext.POLL_OK
        assert c.server_version > 0
        assert c.encoding == "UTF8"
    finally:
        c.close()


@pytest.mark.parametrize("how", ["async_", "async", "factory"])
def test_connect_spellings(dsn, how):
    if how == "async_":
        c = psycopg2.connect(dsn, async_=True)
    elif how == "async":
        c = psycopg2.connect(dsn, **{"async": True})
    else:
        c = ext.connection(dsn, async_=1)
    try:
        wait(c)
        assert c.async_
        cur = c.cursor()
        cur.execute("select 42")
        wait(c)
        assert cur.fetchone() == (42,)
    finally:
        c.close()


def test_execute_poll_fetch(aconn):
    cur = aconn.cursor()
    cur.execute("select pg_sleep(0.1), %s::int", (7,))
    assert aconn.isexecuting()
    assert cur.rowcount == -1 and cur.description is None
    with pytest.raises(psycopg2.ProgrammingError, match="no results to fetch"):
        cur.fetchone()
    assert aconn.get_transaction_status() == ext.TRANSACTION_STATUS_ACTIVE
    wait(aconn)
    assert not aconn.isexecuting()
    assert cur.fetchall() == [("", 7)]
    assert cur.rowcount == 1
    assert cur.statusmessage == "SELECT 1"
    assert cur.query == b"select pg_sleep(0.1), 7::int"


def test_one_query_at_a_time(aconn):
    cur = aconn.cursor()
    cur.execute("select pg_sleep(0.1)")
    msg = "execute cannot be used while an asynchronous query is underway"
    with pytest.raises(psycopg2.ProgrammingError, match=msg):
        cur.execute("select 1")
    with pytest.raises(psycopg2.ProgrammingError, match=msg):
        aconn.cursor().execute("select 1")
    # mogrify sends nothing: allowed
    assert cur.mogrify("select %s", (1,)) == b"select 1"
    wait(aconn)
    cur.execute("select 2")
    wait(aconn)
    assert cur.fetchone() == (2,)


def test_callproc(aconn):
    cur = aconn.cursor()
    cur.callproc("abs", (-3,))
    wait(aconn)
    assert cur.fetchall() == [(3,)]


@pytest.mark.parametrize("call, message", [
    (lambda c: c.commit(), "commit cannot be used in asynchronous mode"),
    (lambda c: c.rollback(), "rollback cannot be used in asynchronous mode"),
    (lambda c: c.set_session(readonly=True),
     "set_session cannot be used in asynchronous mode"),
    (lambda c: setattr(c, "autocommit", False),
     "set_session cannot be used in asynchronous mode"),
    (lambda c: setattr(c, "readonly", True),
     "set_session cannot be used in asynchronous mode"),
    (lambda c: setattr(c, "deferrable", True),
     "set_session cannot be used in asynchronous mode"),
    (lambda c: setattr(c, "isolation_level", 1),
     "set_session cannot be used in asynchronous mode"),
    (lambda c: c.set_isolation_level(1),
     '"isolation_level" cannot be used in asynchronous mode'),
    (lambda c: c.set_client_encoding("LATIN1"),
     "set_client_encoding cannot be used in asynchronous mode"),
    (lambda c: c.reset(), "reset cannot be used in asynchronous mode"),
    (lambda c: c.cursor("named"),
     "asynchronous connections cannot produce named cursors"),
    (lambda c: c.cursor().executemany("select %s", [(1,)]),
     "executemany cannot be used in asynchronous mode"),
])
def test_refused_in_async_mode(aconn, call, message):
    with pytest.raises(psycopg2.ProgrammingError) as exc:
        call(aconn)
    assert str(exc.value) == message
    # still usable
    cur = aconn.cursor()
    cur.execute("select 1")
    wait(aconn)
    assert cur.fetchone() == (1,)


def test_error_raised_by_poll(aconn):
    cur = aconn.cursor()
    cur.execute("select 1/0")
    with pytest.raises(psycopg2.errors.DivisionByZero) as exc:
        wait(aconn)
    assert exc.value.pgcode == "22012"
    assert exc.value.cursor is cur
    assert not aconn.isexecuting()
    with pytest.raises(psycopg2.ProgrammingError, match="no results to fetch"):
        cur.fetchone()
    cur.execute("select 2")
    wait(aconn)
    assert cur.fetchone() == (2,)


def test_several_statements(aconn):
    cur = aconn.cursor()
    cur.execute("select 1; select 2")
    wait(aconn)
    assert cur.fetchall() == [(2,)]
    cur.execute("select 1/0; select 2")
    with pytest.raises(psycopg2.errors.DivisionByZero):
        wait(aconn)


def test_empty_query(aconn):
    # psycopg2 sends it and raises from poll(); here execute() refuses it
    # at once, as it does on an ordinary connection.
    cur = aconn.cursor()
    with pytest.raises(psycopg2.ProgrammingError,
                       match="can't execute an empty query"):
        cur.execute("")
        wait(aconn)
    assert not aconn.isexecuting()


def test_unadaptable_parameter_sends_nothing(aconn):
    cur = aconn.cursor()
    with pytest.raises(psycopg2.ProgrammingError, match="can't adapt"):
        cur.execute("select %s", (object(),))
    assert not aconn.isexecuting()


def test_copy_by_execute_leaves_connection_usable(aconn):
    # psycopg2 raises the same error but then reports "another command is
    # already in progress" forever; here the COPY is drained.
    cur = aconn.cursor()
    cur.execute("copy (select 1) to stdout")
    with pytest.raises(psycopg2.ProgrammingError, match="copy_to"):
        wait(aconn)
    cur.execute("select 3")
    wait(aconn)
    assert cur.fetchone() == (3,)


def test_cancel(aconn):
    cur = aconn.cursor()
    cur.execute("select pg_sleep(10)")
    t0 = time.monotonic()
    assert aconn.poll() == ext.POLL_READ
    time.sleep(0.2)     # a cancel arriving before the query is ignored
    aconn.cancel()
    with pytest.raises(psycopg2.extensions.QueryCanceledError):
        wait(aconn)
    assert time.monotonic() - t0 < 5
    cur.execute("select 4")
    wait(aconn)
    assert cur.fetchone() == (4,)


def test_cursor_collected_while_running(aconn):
    cur = aconn.cursor()
    cur.execute("select 1")
    ref = weakref.ref(cur)
    del cur
    gc.collect()
    assert ref() is None
    with pytest.raises(psycopg2.InterfaceError,
                       match="the asynchronous cursor has disappeared"):
        wait(aconn)
    assert not aconn.isexecuting()


def test_cursor_closed_while_running(aconn):
    cur = aconn.cursor()
    cur.execute("select 1")
    cur.close()
    assert cur.closed
    wait(aconn)   # the result is dropped quietly
    assert not aconn.isexecuting()


def test_execute_before_connected(dsn):
    c = psycopg2.connect(dsn, async_=True)
    try:
        with pytest.raises(psycopg2.OperationalError,
                           match="asynchronous connection attempt underway"):
            c.cursor().execute("select 1")
        wait(c)
    finally:
        c.close()


def test_connect_refused(pgharness):
    port = pgharness.free_port()
    c = psycopg2.connect(f"host=127.0.0.1 port={port} dbname=x",
                         async_=True)
    with pytest.raises(psycopg2.OperationalError, match="refused"):
        wait(c)
    # psycopg2 leaves closed == 0 on a connection that never came up; here
    # it is 2, so using it gives "connection already closed".
    assert c.closed == 2
    with pytest.raises(psycopg2.InterfaceError):
        c.poll()


def test_connect_bad_database(pg_server):
    c = psycopg2.connect(pg_server.dsn(dbname="no_such_db"), async_=True)
    with pytest.raises(psycopg2.OperationalError,
                       match='database "no_such_db" does not exist'):
        wait(c)
    assert c.closed == 2


def test_connect_sets_datestyle(pg_server):
    # The server's DateStyle is not ISO: the async connect sends
    # SET DATESTYLE itself, through poll().
    c = psycopg2.connect(pg_server.dsn() + " options='-c datestyle=German'",
                         async_=True)
    try:
        wait(c)
        assert c.get_parameter_status("DateStyle").startswith("ISO")
        cur = c.cursor()
        cur.execute("select '2020-01-31'::date")
        wait(c)
        import datetime
        assert cur.fetchone() == (datetime.date(2020, 1, 31),)
    finally:
        c.close()


def test_big_query_is_flushed(aconn):
    cur = aconn.cursor()
    payload = "x" * (4 * 1024 * 1024)
    cur.execute("select length(%s)", (payload,))
    wait(aconn)
    assert cur.fetchone() == (len(payload),)


def test_notifications_by_poll(aconn, make_conn):
    cur = aconn.cursor()
    cur.execute("listen async_chan")
    wait(aconn)
    other = make_conn()
    other.autocommit = True
    other.cursor().execute("notify async_chan, 'hello'")
    deadline = time.monotonic() + 5
    while not aconn.notifies and time.monotonic() < deadline:
        select.select([aconn], [], [], 1)
        assert aconn.poll() == ext.POLL_OK
    n = aconn.notifies.pop()
    assert (n.channel, n.payload) == ("async_chan", "hello")


def test_poll_on_sync_connection(conn, make_conn):
    # poll() collects notifications on an ordinary connection too
    conn.autocommit = True
    conn.cursor().execute("listen sync_chan")
    assert conn.poll() == ext.POLL_OK
    assert not conn.isexecuting()
    other = make_conn()
    other.autocommit = True
    other.cursor().execute("notify sync_chan")
    deadline = time.monotonic() + 5
    while not conn.notifies and time.monotonic() < deadline:
        select.select([conn], [], [], 1)
        conn.poll()
    assert conn.notifies[0].channel == "sync_chan"


def test_wait_select_drives_async(aconn):
    cur = aconn.cursor()
    cur.execute("select generate_series(1, 1000)")
    wait_select(aconn)
    assert len(cur.fetchall()) == 1000


def test_closed_connection(dsn):
    c = psycopg2.connect(dsn, async_=True)
    wait(c)
    c.cursor().execute("select pg_sleep(0.2)")
    c.close()
    with pytest.raises(psycopg2.InterfaceError,
                       match="connection already closed"):
        c.poll()


def test_server_dies_during_query(private_server):
    c = psycopg2.connect(private_server.dsn(), async_=True)
    wait(c)
    cur = c.cursor()
    cur.execute("select pg_sleep(30)")
    private_server.kill()
    with pytest.raises(psycopg2.OperationalError):
        wait(c)
    assert c.closed == 2


def test_no_leak(aconn, assert_no_leak):
    cur = aconn.cursor()

    def step():
        cur.execute("select %s, 'x'", (1,))
        wait(aconn)
        cur.fetchall()

    assert_no_leak(step, n=3000)
