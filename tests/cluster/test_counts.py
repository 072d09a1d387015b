"""Connection counts of the load table: exact under threads and churn.

A connection stops counting when it is closed, garbage collected or found
broken, whatever class it is; N threads connecting at once spread within
one of even.  Checked both in the driver's load table and on the servers
(pg_stat_activity of the fake nodes).
"""

import gc
import random
import threading

import pytest

import psycopg2
import psycopg2.extensions
from psycopg2.cluster import _connect

N_THREADS = 16


def table_counts():
    """Counts of the one cluster in use, without a refresh (no I/O)."""
    (cluster,) = _connect._clusters.values()
    return [row.connections for row in cluster.state.snapshot()]


def run_threads(n, target):
    errors = []

    def guarded(i):
        try:
            target(i)
        except BaseException as exc:  # reported by the caller
            errors.append(exc)

    threads = [threading.Thread(target=guarded, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not any(t.is_alive() for t in threads), "threads still running"
    return errors


def test_threads_connecting_at_once_spread_evenly(yb, lb):
    lb.prime(yb)
    dsn = lb.dsn(yb)
    all_open = threading.Barrier(N_THREADS + 1)
    release = threading.Event()
    start = threading.Barrier(N_THREADS)

    def worker(i):
        start.wait()
        conn = psycopg2.connect(dsn)
        try:
            all_open.wait(30)
            release.wait(30)
        finally:
            conn.close()

    box = {}

    def observe():
        all_open.wait(30)
        try:
            box["table"] = table_counts()
            box["servers"] = lb.counts(yb)
        finally:
            release.set()

    watcher = threading.Thread(target=observe)
    watcher.start()
    errors = run_threads(N_THREADS, worker)
    watcher.join(30)
    assert not errors
    for counts in (box["table"], box["servers"]):
        assert sum(counts) == N_THREADS
        assert max(counts) - min(counts) <= 1, counts
    assert box["table"] == box["servers"]
    assert table_counts() == [0] * 6
    assert lb.wait(yb, [0] * 6) == [0] * 6


@pytest.mark.parametrize("mode, nodes", [("only-rr", [4, 5]),
                                         ("only-primary", [0, 1, 2, 3])])
def test_threads_spread_within_mode(yb, lb, mode, nodes):
    lb.prime(yb)
    dsn = lb.dsn(yb, f"load_balance={mode}")
    start = threading.Barrier(N_THREADS)
    conns = []
    lock = threading.Lock()

    def worker(i):
        start.wait()
        conn = psycopg2.connect(dsn)
        with lock:
            conns.append(conn)

    try:
        assert not run_threads(N_THREADS, worker)
        counts = lb.counts(yb)
        assert [c for i, c in enumerate(counts) if i not in nodes] == [0] * (6 - len(nodes))
        used = [counts[i] for i in nodes]
        assert sum(used) == N_THREADS and max(used) - min(used) <= 1, counts
    finally:
        for conn in conns:
            conn.close()
    assert table_counts() == [0] * 6


def test_counts_exact_after_many_cycles(yb, lb):
    """16 threads open and end connections in every way, also while other
    threads refresh the node set: no drift."""
    lb.prime(yb)
    factory = lb.counting_factory()
    dsns = [lb.dsn(yb), lb.dsn(yb, "load_balance=true yb_servers_refresh_interval=0"),
            lb.dsn(yb, "load_balance=prefer-rr")]

    def worker(i):
        rnd = random.Random(i)
        held = []
        for cycle in range(24):
            kwargs = {"connection_factory": factory} if cycle % 4 == 3 else {}
            held.append(psycopg2.connect(dsns[(i + cycle) % 3], **kwargs))
            if len(held) < 3:
                continue
            conn = held.pop(rnd.randrange(len(held)))
            how = cycle % 3
            if how == 0:
                conn.close()
            elif how == 1:
                del conn            # dropped: collected at once (refcount)
            elif isinstance(conn, factory):
                conn.self_ref = conn    # a cycle: left to the collector
                del conn
            else:
                conn.close()
        for conn in held:
            conn.close()

    errors = run_threads(N_THREADS, worker)
    assert not errors, errors[:3]
    gc.collect()
    assert factory.attempts == N_THREADS * 6
    assert table_counts() == [0] * 6
    assert lb.wait(yb, [0] * 6) == [0] * 6
    # and the counts still steer new connections evenly
    lb.many(12, lb.dsn(yb))
    assert table_counts() == [2] * 6


def test_dropped_connections_are_uncounted(yb, lb):
    lb.prime(yb)
    dsn = lb.dsn(yb)
    conns = [psycopg2.connect(dsn) for _ in range(12)]
    assert table_counts() == [2] * 6
    del conns
    assert table_counts() == [0] * 6
    assert lb.wait(yb, [0] * 6) == [0] * 6


def test_connections_in_reference_cycles_are_uncounted(yb, lb):
    lb.prime(yb)
    dsn = lb.dsn(yb)

    class Conn(psycopg2.extensions.connection):
        pass

    conns = [psycopg2.connect(dsn, connection_factory=Conn) for _ in range(6)]
    for conn in conns:
        conn.me = conn
    assert table_counts() == [1] * 6
    del conns, conn
    gc.collect()
    assert table_counts() == [0] * 6


def test_closed_twice_counts_once(yb, lb):
    lb.prime(yb)
    dsn = lb.dsn(yb)
    conns = lb.many(12, dsn)
    for conn in conns[:6]:
        conn.close()
        conn.close()
    assert sum(table_counts()) == 6
    lb.many(6, dsn)
    assert table_counts() == [2] * 6
    assert lb.counts(yb) == [2] * 6


def test_broken_connections_are_uncounted(yb, lb):
    lb.prime(yb)
    dsn = lb.dsn(yb)
    conns = lb.many(12, dsn)
    assert table_counts() == [2] * 6
    yb.kill(3)
    broken = [c for c in conns if c.info.host == yb[3].host]
    assert len(broken) == 2
    for conn in broken:
        with pytest.raises(psycopg2.OperationalError):
            conn.cursor().execute("select 1")
        assert conn.closed == 2
    assert table_counts() == [2, 2, 2, 0, 2, 2]
    for conn in broken:
        conn.close()                # already uncounted: no double release
    assert table_counts() == [2, 2, 2, 0, 2, 2]
    # node 3 has the fewest but is dead: the next connect goes elsewhere
    conn = lb.connect(dsn)
    assert conn.info.host != yb[3].host
    assert sum(table_counts()) == 11


def test_custom_connection_factory_counted(yb, lb):
    lb.prime(yb)

    class MyConn(psycopg2.extensions.connection):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.made_by_test = True

    conns = lb.many(6, lb.dsn(yb), connection_factory=MyConn,
                    cursor_factory=psycopg2.extensions.cursor)
    assert all(type(c) is MyConn and c.made_by_test for c in conns)
    assert table_counts() == [1] * 6
    assert lb.counts(yb) == [1] * 6
    for conn in conns[:3]:
        conn.close()
    assert sum(table_counts()) == 3
    lb.many(3, lb.dsn(yb), connection_factory=MyConn)
    assert table_counts() == [1] * 6


def test_failed_connects_leave_no_count(yb, lb):
    lb.prime(yb)
    yb.stop(5)
    bad = lb.dsn(yb, user="pwuser", password="wrong")
    for _ in range(6):
        with pytest.raises(psycopg2.OperationalError):
            psycopg2.connect(bad)
    lb.many(5, lb.dsn(yb))
    counts = table_counts()
    assert counts == [1, 1, 1, 1, 1, 0]


def test_universe_change_resets_counts_without_going_negative(yb, lb):
    """The contact host now answers for another universe: the old table is
    dropped; closing the old connections afterwards changes nothing."""
    lb.prime(yb)
    dsn = lb.dsn(yb, "load_balance=true yb_servers_refresh_interval=0")
    old = lb.many(6, dsn)
    saved = yb.universe_uuid
    try:
        yb.universe_uuid = "00000000-0000-0000-0000-0000000000aa"
        yb.sync()
        lb.connect(dsn)
        assert sum(table_counts()) == 1
        for conn in old:
            conn.close()
        counts = table_counts()
        assert sum(counts) == 1 and min(counts) == 0
    finally:
        yb.universe_uuid = saved
        yb.sync()
