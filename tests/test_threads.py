"""Threads: threadsafety level 2 (connections shared between threads, each
thread with its own cursors) and the GIL released while waiting on libpq."""

import threading
import time

import pytest

import psycopg2
import psycopg2.extensions as ext


def _run_threads(n, target, timeout=60):
    """Run target(i) in n threads; return the exceptions they raised."""
    errors = []
    start = threading.Barrier(n)

    def wrapper(i):
        try:
            start.wait(timeout)
            target(i)
        except BaseException as e:  # collected and reported by the caller
            errors.append((i, e))

    threads = [threading.Thread(target=wrapper, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout)
    alive = [t for t in threads if t.is_alive()]
    assert not alive, "%d threads still running" % len(alive)
    return errors


def test_shared_connection_many_threads(conn):
    conn.autocommit = True
    n_threads = 16
    n_queries = 150

    def work(i):
        cur = conn.cursor()
        for j in range(n_queries):
            cur.execute("select %s, %s, repeat(%s, %s)",
                        (i, j, chr(ord("a") + i), j % 50))
            row = cur.fetchone()
            expected = (i, j, chr(ord("a") + i) * (j % 50))
            if row != expected:
                raise AssertionError("thread %d got %r, expected %r"
                                     % (i, row, expected))
            assert cur.fetchone() is None
        cur.close()

    errors = _run_threads(n_threads, work)
    assert errors == []
    assert conn.closed == 0


def test_shared_connection_in_transaction(conn):
    # all the threads' statements go into the one open transaction
    n_threads = 8

    def work(i):
        cur = conn.cursor()
        for j in range(50):
            cur.execute("select %s * 1000 + %s", (i, j))
            assert cur.fetchone() == (i * 1000 + j,)

    errors = _run_threads(n_threads, work)
    assert errors == []
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_INTRANS
    conn.rollback()


def test_shared_connection_many_rows(conn):
    conn.autocommit = True

    def work(i):
        cur = conn.cursor()
        for _ in range(20):
            cur.execute("select g, %s from generate_series(1, 500) g", (i,))
            rows = cur.fetchall()
            assert rows == [(g, i) for g in range(1, 501)]

    errors = _run_threads(8, work)
    assert errors == []


def test_shared_connection_errors_in_threads(conn):
    conn.autocommit = True

    def work(i):
        cur = conn.cursor()
        for j in range(50):
            if (i + j) % 3 == 0:
                try:
                    cur.execute("select 1/0")
                except psycopg2.DataError as e:
                    assert e.pgcode == "22012"
                    assert e.cursor is cur
                else:
                    raise AssertionError("no error")
            else:
                cur.execute("select %s", (i,))
                assert cur.fetchone() == (i,)

    errors = _run_threads(8, work)
    assert errors == []


def test_shared_connection_waits_for_sleeper(conn):
    conn.autocommit = True
    sleeping = threading.Event()
    done = {}

    def sleeper():
        cur = conn.cursor()
        sleeping.set()
        cur.execute("select pg_sleep(1), 'slept'")
        done["sleeper"] = (time.monotonic(), cur.fetchone()[1])

    t = threading.Thread(target=sleeper)
    t0 = time.monotonic()
    t.start()
    sleeping.wait(5)
    time.sleep(0.2)   # let the sleeper enter pg_sleep

    results = []

    def other(i):
        cur = conn.cursor()
        cur.execute("select %s", (i,))
        results.append((i, cur.fetchone()[0], time.monotonic()))

    others = [threading.Thread(target=other, args=(i,)) for i in range(4)]
    for o in others:
        o.start()
    for o in others:
        o.join(10)
    t.join(10)
    assert done["sleeper"][1] == "slept"
    assert sorted(r[:2] for r in results) == [(i, i) for i in range(4)]
    # the others could only run once the connection was free again
    for _, _, when in results:
        assert when - t0 >= 0.9


def test_thread_per_connection(dsn):
    n_threads = 10

    def work(i):
        c = psycopg2.connect(dsn)
        try:
            cur = c.cursor()
            for j in range(50):
                cur.execute("select %s, pg_backend_pid()", (i * 100 + j,))
                v, pid = cur.fetchone()
                assert v == i * 100 + j
                assert pid == c.get_backend_pid()
            c.commit()
        finally:
            c.close()

    errors = _run_threads(n_threads, work)
    assert errors == []


def test_connect_in_threads(dsn):
    def work(i):
        for _ in range(5):
            c = psycopg2.connect(dsn, application_name="thr%d" % i)
            cur = c.cursor()
            cur.execute("show application_name")
            assert cur.fetchone() == ("thr%d" % i,)
            c.close()

    errors = _run_threads(8, work)
    assert errors == []


def test_parallel_sleeps_own_connections(dsn):
    # queries on different connections overlap: libpq waits without the GIL
    conns = [psycopg2.connect(dsn) for _ in range(5)]
    try:
        def work(i):
            cur = conns[i].cursor()
            cur.execute("select pg_sleep(1)")

        t0 = time.monotonic()
        errors = _run_threads(5, work)
        elapsed = time.monotonic() - t0
        assert errors == []
        # serialised they would take 5 s
        assert elapsed < 3.5, elapsed
    finally:
        for c in conns:
            c.close()


class Counter:
    """A pure Python thread counting as fast as it can."""

    def __init__(self):
        self.n = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run)

    def _run(self):
        while not self._stop.is_set():
            self.n += 1

    def __enter__(self):
        self._thread.start()
        time.sleep(0.05)
        # counting rate while the main thread sleeps without the GIL
        before = self.n
        time.sleep(0.2)
        self.rate = (self.n - before) / 0.2
        assert self.rate > 0
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def assert_ran_for(self, before, seconds):
        # holding the GIL would let the counter run only for a switch
        # interval or two (5-10 ms), far less than this
        ran = (self.n - before) / self.rate
        assert ran > seconds, "counter ran for only %.3f s" % ran


def test_gil_released_during_query(conn):
    cur = conn.cursor()
    with Counter() as counter:
        before = counter.n
        cur.execute("select pg_sleep(1)")
        # a pure Python thread kept running while we waited on the server
        counter.assert_ran_for(before, 0.5)


def test_gil_released_during_connect(private_server):
    # connecting to a server that stopped answering must not freeze Python
    private_server.freeze()
    try:
        with Counter() as counter:
            before = counter.n
            with pytest.raises(psycopg2.OperationalError):
                psycopg2.connect(private_server.dsn(), connect_timeout=2)
            counter.assert_ran_for(before, 1.0)
    finally:
        private_server.thaw()


def test_cancel_from_other_thread_shared(conn):
    conn.autocommit = True
    cur = conn.cursor()
    res = {}

    def run():
        try:
            cur.execute("select pg_sleep(10)")
        except Exception as e:
            res["e"] = e

    t = threading.Thread(target=run)
    t0 = time.monotonic()
    t.start()
    time.sleep(0.3)
    conn.cancel()
    t.join(10)
    assert not t.is_alive()
    assert time.monotonic() - t0 < 5
    assert isinstance(res.get("e"), ext.QueryCanceledError)
    cur.execute("select 1")
    assert cur.fetchone() == (1,)


def test_close_cursors_in_threads(conn):
    conn.autocommit = True

    def work(i):
        for _ in range(100):
            with conn.cursor() as cur:
                cur.execute("select %s", (i,))
                assert cur.fetchone() == (i,)

    errors = _run_threads(8, work)
    assert errors == []
