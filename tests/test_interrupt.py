"""Ctrl-C during a blocking query, and cancel() from another thread.

psycopg2 2.9 lets a query run to its end on Ctrl-C (without a wait
callback): here the query is cancelled on the server and KeyboardInterrupt
is raised at once, with the connection still usable.
"""

import signal
import threading
import time

import pytest

import psycopg2
import psycopg2.extensions as ext
from plugins.interrupts import Interrupter, interrupted

pytestmark = pytest.mark.skipif(
    threading.current_thread() is not threading.main_thread(),
    reason="signals need the main thread")


def backend_busy(dsn, pid):
    """The state of backend pid, seen from another connection."""
    with psycopg2.connect(dsn) as other:
        cur = other.cursor()
        cur.execute("select state from pg_stat_activity where pid = %s",
                    (pid,))
        row = cur.fetchone()
    other.close()
    return row and row[0] == "active"


@pytest.mark.parametrize("autocommit", [False, True])
def test_ctrl_c_cancels_query(conn, dsn, autocommit, guarded_sigint):
    conn.autocommit = autocommit
    cur = conn.cursor()
    timer = interrupted(conn, dsn, guarded_sigint)
    t0 = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        cur.execute("select pg_sleep(10)")
    timer.join()
    assert time.monotonic() - t0 < 5
    assert conn.closed == 0
    assert not backend_busy(dsn, conn.get_backend_pid())
    if autocommit:
        assert conn.info.transaction_status == ext.TRANSACTION_STATUS_IDLE
    else:
        assert conn.info.transaction_status == ext.TRANSACTION_STATUS_INERROR
        conn.rollback()
    cur.execute("select 1")
    assert cur.fetchone() == (1,)


def test_handler_that_does_not_raise(conn, dsn):
    # A SIGINT handler of the application's runs; the query is cancelled
    # all the same and fails with QueryCanceledError.
    seen = []
    old = signal.signal(signal.SIGINT, lambda *a: seen.append(a[0]))
    try:
        timer = Interrupter(dsn, conn.get_backend_pid())
        timer.start()
        with pytest.raises(ext.QueryCanceledError):
            conn.cursor().execute("select pg_sleep(10)")
        timer.join()
    finally:
        signal.signal(signal.SIGINT, old)
    assert seen == [signal.SIGINT]
    conn.rollback()


def test_ignored_sigint_does_not_cancel(conn, dsn):
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        timer = Interrupter(dsn, conn.get_backend_pid())
        timer.start()
        cur = conn.cursor()
        cur.execute("select pg_sleep(2), 1")
        timer.join()
        assert timer.sent == 1
        assert cur.fetchone() == ("", 1)
    finally:
        signal.signal(signal.SIGINT, old)


def test_ctrl_c_while_fetching_named_cursor(conn, dsn, guarded_sigint):
    cur = conn.cursor("slow_named")
    cur.execute("select pg_sleep(10) from generate_series(1, 2)")
    timer = interrupted(conn, dsn, guarded_sigint)
    with pytest.raises(KeyboardInterrupt):
        cur.fetchone()
    timer.join()
    conn.rollback()


def test_second_ctrl_c_gives_up_frozen_server(private_server,
                                              guarded_sigint):
    # The server does not answer at all: the first Ctrl-C's cancel cannot
    # help, the second one abandons the connection.
    dsn = private_server.dsn()
    conn = psycopg2.connect(dsn)
    cur = conn.cursor()
    timer = interrupted(conn, dsn, guarded_sigint, signals=2,
                        then=private_server.freeze)
    t0 = time.monotonic()
    try:
        with pytest.raises(KeyboardInterrupt):
            cur.execute("select pg_sleep(30)")
        assert time.monotonic() - t0 < 10
        assert conn.closed == 2
    finally:
        timer.join()
        private_server.thaw()
    with pytest.raises(psycopg2.InterfaceError):
        cur.execute("select 1")


def test_cancel_from_another_thread(conn):
    cur = conn.cursor()
    timer = threading.Timer(0.3, conn.cancel)
    timer.start()
    with pytest.raises(ext.QueryCanceledError):
        cur.execute("select pg_sleep(10)")
    timer.join()
    conn.rollback()
    cur.execute("select 2")
    assert cur.fetchone() == (2,)


def test_cancel_racing_with_completion(conn):
    # cancel() sent while short queries come and go: each query either
    # completes or fails with QueryCanceledError; the connection survives.
    cur = conn.cursor()
    conn.autocommit = True
    stop = threading.Event()

    def canceller():
        while not stop.is_set():
            conn.cancel()
            time.sleep(0.001)

    t = threading.Thread(target=canceller)
    t.start()
    done = cancelled = 0
    try:
        for i in range(300):
            try:
                cur.execute("select %s", (i,))
                assert cur.fetchone() == (i,)
                done += 1
            except ext.QueryCanceledError:
                cancelled += 1
    finally:
        stop.set()
        t.join()
    assert done + cancelled == 300
    cur.execute("select 'alive'")
    assert cur.fetchone() == ("alive",)
