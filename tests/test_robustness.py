"""The C core under hostile conditions: servers killed or frozen under a
running query, connections shared and closed across threads, cancel races,
garbage collection from other threads, error and notice floods.

Nothing may crash, hang past its own timeouts, or lose data: failures
surface as DB-API exceptions (OperationalError, InterfaceError, ...).
"""

import gc
import os
import random
import signal
import threading
import time
import weakref

import pytest

import psycopg2
import psycopg2.extensions as ext

OK_ERRORS = (psycopg2.InterfaceError, psycopg2.OperationalError)

# Only psycopg2-cluster says so in its package docstring.
OURS = "psycopg2-cluster" in (psycopg2.__doc__ or "")
# psycopg2 2.9 keeps the GIL in cancel(): a cancel blocked on a hung
# postmaster freezes the whole process.
ref_hangs = pytest.mark.skipif(
    not OURS, reason="psycopg2 2.9 holds the GIL in cancel() and hangs")


def run_in_thread(fn, *args):
    """Start fn(*args) in a daemon thread; returns (thread, box) where box
    gets "result" or "error" when fn ends."""
    box = {}

    def target():
        try:
            box["result"] = fn(*args)
        except BaseException as e:   # noqa: BLE001 - reported to the test
            box["error"] = e

    t = threading.Thread(target=target, daemon=True)
    t.start()
    return t, box


def query(conn, sql, params=None):
    cur = conn.cursor()
    cur.execute(sql, params)
    return cur.fetchall()


def assert_usable(conn):
    conn.rollback()
    for attempt in range(3):   # a late cancel may hit the first query
        try:
            assert query(conn, "select 42") == [(42,)]
            return
        except ext.QueryCanceledError:
            conn.rollback()
            time.sleep(0.1)
    raise AssertionError("connection not usable")


# ------------------------------------------------- server killed / frozen

def test_server_killed_during_query(private_server):
    conn = psycopg2.connect(private_server.dsn())
    t, box = run_in_thread(query, conn, "select pg_sleep(5)")
    time.sleep(0.5)
    private_server.kill()
    t.join(10)
    assert not t.is_alive(), "query did not notice the server died"
    assert isinstance(box.get("error"), psycopg2.OperationalError), box
    assert conn.closed == 2
    with pytest.raises(psycopg2.InterfaceError):
        conn.cursor()
    with pytest.raises(psycopg2.InterfaceError):
        conn.commit()
    conn.close()
    assert conn.closed


def test_server_killed_while_idle(private_server):
    conn = psycopg2.connect(private_server.dsn())
    cur = conn.cursor()
    cur.execute("select generate_series(1, 100)")
    private_server.kill()
    # the result already read is still there
    assert len(cur.fetchall()) == 100
    with pytest.raises(psycopg2.OperationalError):
        cur.execute("select 1")
    assert conn.closed == 2
    with pytest.raises(psycopg2.InterfaceError):
        cur.execute("select 1")
    # rollback on a broken connection: psycopg2 raises InterfaceError
    with pytest.raises(psycopg2.InterfaceError):
        conn.rollback()
    conn.close()


def test_server_killed_in_transaction_then_restarted(private_server):
    dsn = private_server.dsn()
    conn = psycopg2.connect(dsn)
    cur = conn.cursor()
    cur.execute("set synchronous_commit = on")   # the harness turns it off
    cur.execute("create table t (x int)")
    conn.commit()
    cur.execute("insert into t values (1)")
    private_server.kill()
    with pytest.raises(psycopg2.OperationalError):
        conn.commit()
    assert conn.closed == 2
    private_server.start()
    conn2 = psycopg2.connect(dsn)
    # the uncommitted insert is lost, the committed table is there
    assert query(conn2, "select count(*) from t") == [(0,)]
    conn2.close()


def test_server_restarted_connections_broken(private_server):
    conns = [psycopg2.connect(private_server.dsn()) for _ in range(5)]
    private_server.restart("immediate")
    for c in conns:
        with pytest.raises(psycopg2.OperationalError):
            query(c, "select 1")
        assert c.closed == 2
    fresh = psycopg2.connect(private_server.dsn())
    assert query(fresh, "select 1") == [(1,)]
    fresh.close()
    for c in conns:
        c.close()


def test_connect_to_frozen_server_times_out(private_server):
    private_server.freeze()
    try:
        t0 = time.monotonic()
        with pytest.raises(psycopg2.OperationalError):
            psycopg2.connect(private_server.dsn(), connect_timeout=2)
        assert time.monotonic() - t0 < 15
    finally:
        private_server.thaw()
    c = psycopg2.connect(private_server.dsn(), connect_timeout=5)
    assert query(c, "select 1") == [(1,)]
    c.close()


# Server.freeze() stops the postmaster's process group; backends run in
# sessions of their own, so a connection's backend is stopped by pid.

def test_query_on_frozen_backend(private_server):
    dsn = private_server.dsn(keepalives=1, keepalives_idle=1,
                             keepalives_interval=1, keepalives_count=2,
                             connect_timeout=5)
    conn = psycopg2.connect(dsn)
    pid = conn.get_backend_pid()
    os.kill(pid, signal.SIGSTOP)
    try:
        t, box = run_in_thread(query, conn, "select 1")
        # the blocked query releases the GIL: we keep running
        t_end = time.monotonic() + 1.0
        n = 0
        while time.monotonic() < t_end:
            n += 1
        assert n > 1000
        assert t.is_alive()
        # a second thread's statement waits for the connection, no crash
        t2, box2 = run_in_thread(query, conn, "select 2")
        time.sleep(0.3)
        assert t2.is_alive()
    finally:
        os.kill(pid, signal.SIGCONT)
    t.join(10)
    t2.join(10)
    assert not t.is_alive() and not t2.is_alive()
    assert box == {"result": [(1,)]}
    assert box2 == {"result": [(2,)]}
    assert_usable(conn)
    conn.close()


@ref_hangs
def test_cancel_on_frozen_server_then_thaw(private_server):
    conn = psycopg2.connect(private_server.dsn())
    t, box = run_in_thread(query, conn, "select pg_sleep(3)")
    time.sleep(0.3)
    private_server.freeze()
    try:
        tc, boxc = run_in_thread(conn.cancel)
        time.sleep(0.5)
    finally:
        private_server.thaw()
    t.join(10)
    tc.join(10)
    assert not t.is_alive() and not tc.is_alive()
    assert "error" not in boxc, boxc
    err = box.get("error")
    assert err is None or isinstance(err, ext.QueryCanceledError), box
    assert_usable(conn)
    conn.close()


def test_frozen_backend_then_killed(private_server):
    conn = psycopg2.connect(private_server.dsn())
    pid = conn.get_backend_pid()
    os.kill(pid, signal.SIGSTOP)
    t, box = run_in_thread(query, conn, "select 1")
    time.sleep(0.3)
    assert t.is_alive()
    os.kill(pid, signal.SIGKILL)
    t.join(10)
    assert not t.is_alive()
    assert isinstance(box.get("error"), psycopg2.OperationalError), box
    assert conn.closed == 2
    conn.close()


def test_statement_timeout_option(private_server):
    conn = psycopg2.connect(private_server.dsn(),
                            options="-c statement_timeout=300")
    t0 = time.monotonic()
    with pytest.raises(ext.QueryCanceledError):
        query(conn, "select pg_sleep(5)")
    assert time.monotonic() - t0 < 3
    assert_usable(conn)
    conn.close()


# ----------------------------------------------------------- threads

def test_close_while_executing(make_conn):
    for delay in (0.0, 0.01, 0.05, 0.2):
        conn = make_conn()
        t, box = run_in_thread(query, conn, "select pg_sleep(0.1), 1")
        time.sleep(delay)
        conn.close()
        t.join(10)
        assert not t.is_alive()
        if "error" in box:
            assert isinstance(box["error"], OK_ERRORS), box
        else:
            assert box["result"] == [("", 1)] or box["result"][0][1] == 1
        assert conn.closed


def test_close_while_fetching(make_conn):
    for delay in (0.0, 0.005, 0.02):
        conn = make_conn()
        cur = conn.cursor()
        cur.execute("select generate_series(1, 200000)")

        def fetch():
            n = 0
            while True:
                rows = cur.fetchmany(100)
                if not rows:
                    return n
                n += len(rows)

        t, box = run_in_thread(fetch)
        time.sleep(delay)
        conn.close()
        t.join(10)
        assert not t.is_alive()
        if "error" in box:
            assert isinstance(box["error"], OK_ERRORS), box
        else:
            # the result was already client side: all rows, none lost
            assert box["result"] in (200000,) or box["result"] > 0


def test_close_from_many_threads(make_conn):
    for _ in range(10):
        conn = make_conn()
        cur = conn.cursor()
        barrier = threading.Barrier(6)

        def closer():
            barrier.wait(5)
            conn.close()

        def user():
            barrier.wait(5)
            try:
                cur.execute("select 1")
                cur.fetchone()
            except OK_ERRORS:
                pass

        ts = [run_in_thread(closer) for _ in range(4)]
        ts += [run_in_thread(user) for _ in range(2)]
        for t, box in ts:
            t.join(10)
            assert not t.is_alive()
            assert "error" not in box, box
        assert conn.closed


def test_threads_share_connection_with_committer(conn):
    stop = threading.Event()
    errors = []

    def worker(i):
        cur = conn.cursor()
        n = 0
        while not stop.is_set():
            cur.execute("select %s, %s::text", (i, str(n)))
            row = cur.fetchone()
            if row != (i, str(n)):
                errors.append((i, n, row))
            n += 1
        return n

    def committer():
        n = 0
        while not stop.is_set():
            (conn.commit if n % 2 else conn.rollback)()
            n += 1
        return n

    ts = [run_in_thread(worker, i) for i in range(8)]
    ts.append(run_in_thread(committer))
    time.sleep(2)
    stop.set()
    for t, box in ts:
        t.join(15)
        assert not t.is_alive()
        assert "error" not in box, box
        assert box["result"] > 0
    assert errors == []
    assert_usable(conn)


def test_cancel_races_query_completion(conn):
    outcomes = {"ok": 0, "canceled": 0}
    rnd = random.Random(42)
    cur = conn.cursor()
    for i in range(100):
        delay = rnd.choice([0, 0.0005, 0.001, 0.003, 0.01])
        t, box = run_in_thread(
            lambda: (cur.execute("select pg_sleep(0.005), %s", (i,)),
                     cur.fetchone())[1])
        time.sleep(delay)
        conn.cancel()
        t.join(10)
        assert not t.is_alive()
        if "error" in box:
            assert isinstance(box["error"], ext.QueryCanceledError), box
            outcomes["canceled"] += 1
        else:
            assert box["result"] == ("", i) or box["result"][1] == i
            outcomes["ok"] += 1
        conn.rollback()
    assert sum(outcomes.values()) == 100
    time.sleep(0.1)
    assert_usable(conn)


def test_cancel_idle_and_closed(make_conn):
    conn = make_conn()
    for _ in range(20):
        conn.cancel()           # nothing running: harmless
    assert_usable(conn)
    conn.close()
    with pytest.raises(psycopg2.InterfaceError):
        conn.cancel()


def test_cancel_from_many_threads(conn):
    t, box = run_in_thread(query, conn, "select pg_sleep(5)")
    time.sleep(0.2)
    cancels = [run_in_thread(conn.cancel) for _ in range(8)]
    for tc, b in cancels:
        tc.join(10)
        assert "error" not in b, b
    t.join(10)
    assert not t.is_alive()
    assert isinstance(box.get("error"), ext.QueryCanceledError), box
    assert_usable(conn)


def test_gc_connections_in_other_threads(dsn):
    conns = [psycopg2.connect(dsn) for _ in range(16)]
    refs = [weakref.ref(c) for c in conns]
    for c in conns:
        c.cursor().execute("select 1")   # open transaction, live result
    holder = [conns]
    del conns, c

    def drop(lst, i):
        lst[i] = None     # last reference dies in this thread
        gc.collect()

    lst = holder.pop()
    ts = [run_in_thread(drop, lst, i) for i in range(len(lst))]
    for t, box in ts:
        t.join(10)
        assert "error" not in box, box
    gc.collect()
    assert all(r() is None for r in refs)


def test_connections_made_in_threads_collected_in_main(dsn):
    made = []

    class C(ext.connection):
        pass

    def make_sub():
        c = psycopg2.connect(dsn, connection_factory=C)
        cur = c.cursor()
        cur.execute("select 1")
        c.cycle = [c, cur]      # only the collector can free it
        made.append(weakref.ref(c))

    ts = [run_in_thread(make_sub) for _ in range(8)]
    for t, box in ts:
        t.join(20)
        assert "error" not in box, box
    gc.collect()
    assert len(made) == 8
    assert all(r() is None for r in made)


def test_gc_in_threads_while_querying(dsn):
    stop = threading.Event()

    class C(ext.connection):
        pass

    def churn():
        n = 0
        while not stop.is_set():
            c = psycopg2.connect(dsn, connection_factory=C)
            c.me = c
            cur = c.cursor()
            cur.execute("select %s", (n,))
            assert cur.fetchone() == (n,)
            del c, cur
            if n % 3 == 0:
                gc.collect()
            n += 1
        return n

    ts = [run_in_thread(churn) for _ in range(4)]
    time.sleep(2)
    stop.set()
    for t, box in ts:
        t.join(20)
        assert not t.is_alive()
        assert "error" not in box, box
    gc.collect()


# ---------------------------------------------------------------- memory

@pytest.mark.slow
def test_failing_executes_kept_then_cleared(conn, assert_no_leak):
    conn.autocommit = True
    cur = conn.cursor()
    kept = []

    def batch():
        for i in range(1000):
            try:
                cur.execute("select 1/0 where %s > 0", (i + 1,))
            except psycopg2.DataError as e:
                kept.append(e)
        assert len(kept) == 1000
        assert kept[-1].pgcode == "22012"
        kept.clear()

    # 22 batches: 22k failing executes
    assert_no_leak(batch, n=20, warmup=2, limit_kb=2048)


def test_exceptions_hold_cursor_not_forever(dsn):
    conn = psycopg2.connect(dsn)
    cur = conn.cursor()
    wr_conn, wr_cur = weakref.ref(conn), weakref.ref(cur)
    errs = []
    for _ in range(50):
        try:
            cur.execute("select 1/0")
        except psycopg2.DataError as e:
            errs.append(e)
        conn.rollback()
    assert errs[0].cursor is cur
    del conn, cur
    gc.collect()
    assert wr_conn() is not None        # the exceptions keep them alive
    errs.clear()
    gc.collect()
    assert wr_cur() is None
    assert wr_conn() is None


def test_cycle_through_traceback_collected(dsn):
    class C(ext.connection):
        pass

    def fail():
        conn = psycopg2.connect(dsn, connection_factory=C)
        cur = conn.cursor()
        try:
            cur.execute("select 1/0")
        except psycopg2.Error as e:
            conn.err = e      # conn -> exc -> traceback -> frame -> conn
        return weakref.ref(conn)

    refs = [fail() for _ in range(10)]
    gc.collect()
    assert all(r() is None for r in refs)


def test_cycle_through_cursor_connection_collected(dsn):
    class C(ext.connection):
        pass

    class K(ext.cursor):
        pass

    conn = psycopg2.connect(dsn, connection_factory=C)
    curs = [conn.cursor(cursor_factory=K) for _ in range(10)]
    for c in curs:
        c.execute("select 1")
        c.self = c
    conn.curs = curs
    wr = weakref.ref(conn)
    wrs = [weakref.ref(c) for c in curs]
    del conn, curs, c
    gc.collect()
    assert wr() is None
    assert all(r() is None for r in wrs)


def test_unclosed_connection_collected_closes_backend(dsn, make_conn):
    admin = make_conn()
    admin.autocommit = True
    conn = psycopg2.connect(dsn)
    pid = conn.get_backend_pid()
    del conn
    gc.collect()
    for _ in range(50):
        rows = query(admin, "select count(*) from pg_stat_activity "
                            "where pid = %s", (pid,))
        if rows == [(0,)]:
            break
        time.sleep(0.05)
    assert rows == [(0,)]


def test_notices_flood(conn):
    cur = conn.cursor()
    cur.execute("""
        do $$ begin
          for i in 1..10000 loop raise notice 'flood %', i; end loop;
        end $$""")
    assert len(conn.notices) == 50
    assert "flood 10000" in conn.notices[-1]
    assert "flood 9951" in conn.notices[0]
    cur.execute("select 1")
    assert cur.fetchone() == (1,)


def test_notices_flood_with_error(conn):
    cur = conn.cursor()
    with pytest.raises(psycopg2.InternalError):
        cur.execute("""
            do $$ begin
              for i in 1..5000 loop raise notice 'n %', i; end loop;
              raise exception 'after the flood';
            end $$""")
    assert len(conn.notices) == 50
    conn.rollback()
    assert_usable(conn)


def test_notices_flood_from_threads(conn):
    def flood():
        cur = conn.cursor()
        for _ in range(5):
            cur.execute("do $$ begin for i in 1..500 loop "
                        "raise notice 'x %', i; end loop; end $$")

    ts = [run_in_thread(flood) for _ in range(4)]
    for t, box in ts:
        t.join(30)
        assert not t.is_alive()
        assert "error" not in box, box
    assert len(conn.notices) == 50
