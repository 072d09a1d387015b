"""Green mode: extensions.set_wait_callback() routes every wait through a
callback (what gevent/eventlet integrations install).

Checked against psycopg2 2.9.13; deliberate differences are commented.
"""

import threading
import time

import pytest

import psycopg2
import psycopg2.errors
import psycopg2.extensions as ext
from psycopg2.extras import wait_select
from plugins.interrupts import interrupted


@pytest.fixture(autouse=True)
def no_callback_after():
    yield
    ext.set_wait_callback(None)


class Recorder:
    """A wait callback that records what it saw, then waits with select."""

    def __init__(self):
        self.calls = []

    def __call__(self, conn):
        self.calls.append((conn.async_, conn.isexecuting()))
        wait_select(conn)


def test_set_and_get():
    assert ext.get_wait_callback() is None
    ext.set_wait_callback(wait_select)
    assert ext.get_wait_callback() is wait_select
    ext.set_wait_callback(None)
    assert ext.get_wait_callback() is None


def test_set_refuses_non_callable():
    # psycopg2 accepts anything and fails at the first query instead.
    with pytest.raises(TypeError, match="callable"):
        ext.set_wait_callback(42)
    with pytest.raises(TypeError):
        ext.set_wait_callback()
    assert ext.get_wait_callback() is None


def test_every_wait_goes_through_the_callback(dsn):
    rec = Recorder()
    ext.set_wait_callback(rec)
    conn = psycopg2.connect(dsn)
    try:
        assert len(rec.calls) == 1      # the connect
        assert conn.async_ == 0 and conn.status == ext.STATUS_READY
        rec.calls.clear()
        cur = conn.cursor()
        cur.execute("select %s", (1,))
        assert cur.fetchall() == [(1,)]
        assert len(rec.calls) == 2      # BEGIN, then the query
        assert rec.calls[0] == (0, False)
        rec.calls.clear()
        conn.commit()
        assert len(rec.calls) == 1
    finally:
        conn.close()


def test_named_cursor_fetches_through_callback(dsn):
    rec = Recorder()
    ext.set_wait_callback(rec)
    conn = psycopg2.connect(dsn)
    try:
        cur = conn.cursor("green_named")
        cur.execute("select generate_series(1, 5)")
        rec.calls.clear()
        assert cur.fetchmany(2) == [(1,), (2,)]
        assert cur.fetchall() == [(3,), (4,), (5,)]
        assert len(rec.calls) >= 2
    finally:
        conn.close()


def test_query_error_keeps_connection(dsn):
    ext.set_wait_callback(wait_select)
    conn = psycopg2.connect(dsn)
    try:
        cur = conn.cursor()
        with pytest.raises(psycopg2.errors.DivisionByZero):
            cur.execute("select 1/0")
        assert conn.closed == 0
        conn.rollback()
        cur.execute("select 1; select 2")
        assert cur.fetchall() == [(2,)]
    finally:
        conn.close()


def test_callback_raising_breaks_connection(dsn):
    ext.set_wait_callback(wait_select)
    conn = psycopg2.connect(dsn)

    def boom(conn):
        raise ZeroDivisionError("boom")

    ext.set_wait_callback(boom)
    cur = conn.cursor()
    with pytest.raises(ZeroDivisionError, match="boom"):
        cur.execute("select 1")
    assert conn.closed == 2     # as psycopg2: the query may be half done
    assert not conn.isexecuting()
    ext.set_wait_callback(wait_select)
    with pytest.raises(psycopg2.InterfaceError):
        cur.execute("select 1")


def test_callback_raising_at_connect(dsn):
    def boom(conn):
        raise RuntimeError("no connect for you")

    ext.set_wait_callback(boom)
    with pytest.raises(RuntimeError, match="no connect for you"):
        psycopg2.connect(dsn)


def test_callback_returning_early(dsn):
    # psycopg2 then fails with odd errors ("server didn't return client
    # encoding", "another command is already in progress"); here the
    # connection is given up with a message that says what happened.
    ext.set_wait_callback(lambda conn: None)
    with pytest.raises(psycopg2.OperationalError,
                       match="wait callback returned before"):
        psycopg2.connect(dsn)
    ext.set_wait_callback(wait_select)
    conn = psycopg2.connect(dsn)
    try:
        ext.set_wait_callback(lambda conn: None)
        with pytest.raises(psycopg2.OperationalError,
                           match="wait callback returned before"):
            conn.cursor().execute("select 1")
        assert conn.closed == 2
    finally:
        conn.close()


def test_connection_made_before_callback(dsn):
    conn = psycopg2.connect(dsn)
    try:
        rec = Recorder()
        ext.set_wait_callback(rec)
        cur = conn.cursor()
        cur.execute("select 5")
        assert cur.fetchone() == (5,)
        assert rec.calls
    finally:
        conn.close()


def test_cancel_from_thread(dsn):
    ext.set_wait_callback(wait_select)
    conn = psycopg2.connect(dsn)
    try:
        timer = threading.Timer(0.3, conn.cancel)
        timer.start()
        t0 = time.monotonic()
        with pytest.raises(ext.QueryCanceledError):
            conn.cursor().execute("select pg_sleep(10)")
        assert time.monotonic() - t0 < 5
        timer.join()
        conn.rollback()
        cur = conn.cursor()
        cur.execute("select 6")
        assert cur.fetchone() == (6,)
    finally:
        conn.close()


@pytest.mark.skipif(threading.current_thread() is not threading.main_thread(),
                    reason="signals need the main thread")
def test_ctrl_c_in_wait_select_cancels(dsn, guarded_sigint):
    # wait_select answers KeyboardInterrupt with a cancel: the query ends
    # with QueryCanceledError (psycopg2's documented behaviour).
    ext.set_wait_callback(wait_select)
    conn = psycopg2.connect(dsn)
    timer = interrupted(conn, dsn, guarded_sigint)
    try:
        t0 = time.monotonic()
        with pytest.raises(ext.QueryCanceledError):
            conn.cursor().execute("select pg_sleep(10)")
        assert time.monotonic() - t0 < 5
        conn.rollback()
    finally:
        timer.join()
        conn.close()


def test_threads_each_with_a_connection(dsn):
    ext.set_wait_callback(wait_select)
    errors = []

    def work(i):
        try:
            conn = psycopg2.connect(dsn)
            cur = conn.cursor()
            for j in range(50):
                cur.execute("select %s + %s", (i, j))
                assert cur.fetchone() == (i + j,)
            conn.close()
        except Exception as e:  # noqa: BLE001  (reported below)
            errors.append(e)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_executemany_through_callback(dsn):
    rec = Recorder()
    ext.set_wait_callback(rec)
    conn = psycopg2.connect(dsn)
    try:
        cur = conn.cursor()
        cur.execute("create temp table g (x int)")
        rec.calls.clear()
        cur.executemany("insert into g values (%s)", [(i,) for i in range(5)])
        assert cur.rowcount == 5
        assert rec.calls    # nothing blocked outside the callback
        cur.execute("select count(*) from g")
        assert cur.fetchone() == (5,)
    finally:
        conn.close()


def test_no_leak(dsn, assert_no_leak):
    ext.set_wait_callback(wait_select)
    conn = psycopg2.connect(dsn)
    cur = conn.cursor()

    def step():
        cur.execute("select %s", ("x",))
        cur.fetchall()

    try:
        assert_no_leak(step, n=3000)
    finally:
        conn.close()
