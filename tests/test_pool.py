"""psycopg2.pool: simple and threaded connection pools on a real server."""

import threading
import time

import pytest

import psycopg2
from psycopg2 import extensions as ext
from psycopg2 import pool

POOL_CLASSES = [pool.SimpleConnectionPool, pool.ThreadedConnectionPool]


@pytest.fixture
def make_pool(dsn):
    """Factory of pools over the test server, all closed at teardown."""
    made = []

    def make_pool(minconn, maxconn, cls=pool.SimpleConnectionPool, **kwargs):
        p = cls(minconn, maxconn, dsn, **kwargs)
        made.append(p)
        return p

    yield make_pool
    for p in made:
        if not p.closed:
            p.closeall()


@pytest.fixture
def admin(make_conn):
    conn = make_conn()
    conn.autocommit = True
    return conn


def kill_backend(admin, conn):
    """Make the server end `conn`'s session, as a crash or restart would."""
    cur = admin.cursor()
    # with a timeout, pg_terminate_backend waits for the backend to exit
    cur.execute("select pg_terminate_backend(%s, 10000)", [conn.info.backend_pid])
    assert cur.fetchone() == (True,)
    # the client only notices on its next use of the connection
    with pytest.raises(psycopg2.OperationalError):
        conn.cursor().execute("select 1")


def is_usable(conn):
    cur = conn.cursor()
    cur.execute("select 1")
    return cur.fetchone() == (1,)


# --- module --------------------------------------------------------------------

def test_pool_error_is_a_psycopg2_error():
    assert issubclass(pool.PoolError, psycopg2.Error)
    assert pool.PoolError.__module__ == "psycopg2.pool"


def test_class_hierarchy():
    for cls in POOL_CLASSES:
        assert issubclass(cls, pool.AbstractConnectionPool)


# --- opening -------------------------------------------------------------------

@pytest.mark.parametrize("cls", POOL_CLASSES)
def test_minconn_connections_opened_at_start(make_pool, cls):
    p = make_pool(2, 5, cls)
    assert len(p._pool) == 2
    assert all(not c.closed for c in p._pool)
    assert (p.minconn, p.maxconn, p.closed) == (2, 5, False)


def test_no_connection_until_needed_with_minconn_zero(dsn):
    # arguments are only used when the first connection is opened
    p = pool.SimpleConnectionPool(0, 1, dsn, no_such_option="x")
    assert p._pool == []
    with pytest.raises(psycopg2.ProgrammingError):
        p.getconn()


def test_connect_arguments_passed_through(make_pool, dsn):
    p = make_pool(1, 2, application_name="pool_test_app")
    conn = p.getconn()
    assert conn.get_parameter_status("application_name") == "pool_test_app"
    assert p._args == (dsn,)
    assert p._kwargs == {"application_name": "pool_test_app"}


def test_connection_factory_argument(make_pool):
    class MyConnection(ext.connection):
        pass

    p = make_pool(1, 2, connection_factory=MyConnection)
    assert isinstance(p.getconn(), MyConnection)


def test_connection_failure_at_start_propagates(pgharness):
    port = pgharness.free_port()
    with pytest.raises(psycopg2.OperationalError):
        pool.SimpleConnectionPool(1, 2, f"host=127.0.0.1 port={port} connect_timeout=5")


def test_abstract_pool_has_only_the_private_api(dsn):
    p = pool.AbstractConnectionPool(1, 2, dsn)
    try:
        assert not hasattr(p, "getconn")
        conn = p._getconn()
        p._putconn(conn)
        assert p._pool == [conn]
    finally:
        p._closeall()


# --- getconn -------------------------------------------------------------------

@pytest.mark.parametrize("cls", POOL_CLASSES)
def test_getconn_hands_out_idle_connections_first(make_pool, cls):
    p = make_pool(2, 4, cls)
    idle = list(p._pool)
    got = [p.getconn(), p.getconn()]
    assert sorted(map(id, got)) == sorted(map(id, idle))
    assert p._pool == []
    assert all(is_usable(c) for c in got)


def test_getconn_reuses_the_last_returned(make_pool):
    p = make_pool(2, 4)
    a, b = p.getconn(), p.getconn()
    p.putconn(a)
    p.putconn(b)
    assert p.getconn() is b
    assert p.getconn() is a


@pytest.mark.parametrize("cls", POOL_CLASSES)
def test_getconn_opens_up_to_maxconn(make_pool, cls):
    p = make_pool(1, 3, cls)
    conns = [p.getconn() for _ in range(3)]
    assert len({id(c) for c in conns}) == 3
    with pytest.raises(pool.PoolError) as excinfo:
        p.getconn()
    assert str(excinfo.value) == "connection pool exhausted"


def test_minconn_above_maxconn(make_pool):
    # no check: minconn connections are opened anyway
    p = make_pool(3, 1)
    assert len(p._pool) == 3


@pytest.mark.parametrize("cls", POOL_CLASSES)
def test_getconn_by_key(make_pool, cls):
    p = make_pool(1, 3, cls)
    a = p.getconn("a")
    assert p.getconn("a") is a
    b = p.getconn("b")
    assert b is not a
    p.putconn(a, "a")
    p.putconn(b)  # the pool knows b's key
    assert p._used == {} and p._rused == {}


def test_getconn_key_survives_exhaustion(make_pool):
    p = make_pool(0, 1)
    a = p.getconn("k")
    with pytest.raises(pool.PoolError, match="exhausted"):
        p.getconn()
    assert p.getconn("k") is a  # a key in use is not a new connection


# --- putconn -------------------------------------------------------------------

@pytest.mark.parametrize("cls", POOL_CLASSES)
def test_putconn_rolls_back_open_transaction(make_pool, cls):
    p = make_pool(1, 2, cls)
    conn = p.getconn()
    conn.cursor().execute("create temp table rolled_back (x int)")
    assert conn.info.transaction_status == ext.TRANSACTION_STATUS_INTRANS
    p.putconn(conn)
    assert not conn.closed
    assert conn.info.transaction_status == ext.TRANSACTION_STATUS_IDLE
    cur = conn.cursor()
    cur.execute("select to_regclass('pg_temp.rolled_back')")
    assert cur.fetchone() == (None,)


def test_putconn_rolls_back_failed_transaction(make_pool):
    p = make_pool(1, 2)
    conn = p.getconn()
    with pytest.raises(psycopg2.errors.DivisionByZero):
        conn.cursor().execute("select 1 / 0")
    assert conn.info.transaction_status == ext.TRANSACTION_STATUS_INERROR
    p.putconn(conn)
    assert conn.info.transaction_status == ext.TRANSACTION_STATUS_IDLE
    assert p.getconn() is conn
    assert is_usable(conn)


def test_putconn_keeps_autocommit_connection(make_pool):
    p = make_pool(1, 2)
    conn = p.getconn()
    conn.autocommit = True
    conn.cursor().execute("select 1")
    p.putconn(conn)
    assert not conn.closed
    assert p._pool == [conn]


@pytest.mark.parametrize("cls", POOL_CLASSES)
def test_putconn_closes_connections_above_minconn(make_pool, cls):
    p = make_pool(1, 5, cls)
    conns = [p.getconn() for _ in range(4)]
    for conn in conns:
        p.putconn(conn)
    assert [c.closed for c in conns] == [0, 1, 1, 1]
    assert p._pool == [conns[0]]
    assert p._used == {}


def test_putconn_close_true(make_pool):
    p = make_pool(2, 3)
    conn = p.getconn()
    p.putconn(conn, close=True)
    assert conn.closed
    assert conn not in p._pool
    assert len(p._pool) == 1


def test_putconn_drops_connection_closed_by_user(make_pool):
    p = make_pool(1, 2)
    conn = p.getconn()
    conn.close()
    p.putconn(conn)
    assert p._pool == [] and p._used == {}
    fresh = p.getconn()  # a new connection takes its place
    assert fresh is not conn and is_usable(fresh)


def test_putconn_drops_broken_connection(make_pool, admin):
    p = make_pool(1, 2)
    conn = p.getconn()
    kill_backend(admin, conn)
    assert conn.closed == 2
    p.putconn(conn)
    assert p._pool == [] and p._used == {}
    assert is_usable(p.getconn())


def test_putconn_closes_broken_connection_above_minconn(make_pool, admin):
    p = make_pool(0, 2)
    conn = p.getconn()
    kill_backend(admin, conn)
    p.putconn(conn)
    assert conn.closed == 1
    assert p._pool == []


@pytest.mark.parametrize("cls", POOL_CLASSES)
def test_putconn_unknown_connection(make_pool, make_conn, cls):
    p = make_pool(1, 2, cls)
    for stranger in (make_conn(), None):
        with pytest.raises(pool.PoolError) as excinfo:
            p.putconn(stranger)
        assert str(excinfo.value) == "trying to put unkeyed connection"


def test_putconn_twice(make_pool):
    p = make_pool(1, 2)
    conn = p.getconn()
    p.putconn(conn)
    with pytest.raises(pool.PoolError, match="trying to put unkeyed connection"):
        p.putconn(conn)


def test_putconn_with_wrong_key(make_pool):
    p = make_pool(1, 2)
    conn = p.getconn()
    with pytest.raises(KeyError):
        p.putconn(conn, "not-a-key")


def test_threaded_putconn_without_connection(make_pool):
    # conn defaults to None in the threaded pool: an unkeyed connection
    p = make_pool(1, 2, pool.ThreadedConnectionPool)
    with pytest.raises(pool.PoolError, match="trying to put unkeyed connection"):
        p.putconn()


# --- closeall ------------------------------------------------------------------

@pytest.mark.parametrize("cls", POOL_CLASSES)
def test_closeall_closes_idle_and_used(make_pool, cls):
    p = make_pool(2, 4, cls)
    idle = list(p._pool)
    used = [p.getconn("x"), p.getconn(), p.getconn()]
    p.closeall()
    assert p.closed
    assert all(c.closed for c in idle + used)


@pytest.mark.parametrize("cls", POOL_CLASSES)
def test_closed_pool_refuses_everything(make_pool, cls):
    p = make_pool(1, 2, cls)
    conn = p.getconn()
    p.closeall()
    for operation in (p.getconn, lambda: p.putconn(conn), p.closeall):
        with pytest.raises(pool.PoolError) as excinfo:
            operation()
        assert str(excinfo.value) == "connection pool is closed"


# --- threads -------------------------------------------------------------------

class _Holders:
    """Tracks which connections threads hold, to catch double hand-outs."""

    def __init__(self):
        self.lock = threading.Lock()
        self.held = set()  # ids of the connections held right now
        self.most = 0      # the most held at once

    def take(self, conn):
        with self.lock:
            assert id(conn) not in self.held, "connection handed out twice"
            self.held.add(id(conn))
            self.most = max(self.most, len(self.held))

    def give_back(self, conn):
        with self.lock:
            self.held.discard(id(conn))


def _borrow_and_query(p, n, rounds, holders):
    """Borrow a connection `rounds` times, retrying while the pool is full."""
    done = 0
    while done < rounds:
        try:
            conn = p.getconn()
        except pool.PoolError as e:
            assert str(e) == "connection pool exhausted"
            time.sleep(0.001)  # all connections are busy: try again soon
            continue
        holders.take(conn)
        cur = conn.cursor()
        cur.execute("select %s", [n])
        assert cur.fetchone() == (n,)
        holders.give_back(conn)
        p.putconn(conn)  # left in a transaction: rolled back
        done += 1


def run_threads(target, n):
    """Run target(i) in n threads; return the exceptions they raised."""
    errors = []

    def guarded(i):
        try:
            target(i)
        except Exception as e:  # reported by the main thread
            errors.append(e)

    threads = [threading.Thread(target=guarded, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not any(t.is_alive() for t in threads)
    return errors


def test_threaded_pool_16_threads(make_pool):
    """16 threads share 4 connections; each holds one, uses it, gives it back."""
    p = make_pool(2, 4, pool.ThreadedConnectionPool)
    holders = _Holders()
    errors = run_threads(lambda n: _borrow_and_query(p, n, 20, holders), 16)
    assert errors == []
    assert 1 <= holders.most <= 4
    assert p._used == {} and p._rused == {}
    assert len(p._pool) == 2
    for conn in p._pool:
        assert conn.info.transaction_status == ext.TRANSACTION_STATUS_IDLE


def test_threaded_pool_keyed_per_thread(make_pool):
    """Each of 16 threads gets its own connection by key, then returns it."""
    p = make_pool(0, 16, pool.ThreadedConnectionPool)
    barrier = threading.Barrier(16)
    pids = {}

    def worker(n):
        key = f"thread-{n}"
        conn = p.getconn(key)
        assert p.getconn(key) is conn
        pids[n] = conn.info.backend_pid
        barrier.wait(30)  # all 16 connections are out at once
        p.putconn(conn, key)

    assert run_threads(worker, 16) == []
    assert len(set(pids.values())) == 16
    # minconn is 0: every returned connection was closed
    assert p._used == {} and p._pool == []


def test_threaded_closeall_while_connections_out(make_pool):
    p = make_pool(1, 4, pool.ThreadedConnectionPool)
    out = []
    assert run_threads(lambda n: out.append(p.getconn()), 4) == []
    p.closeall()
    assert len(out) == 4 and all(c.closed for c in out)
    with pytest.raises(pool.PoolError, match="connection pool is closed"):
        p.putconn(out[0])
