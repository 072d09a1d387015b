"""connection._on_close: the private hook psycopg2.cluster counts with.

It must fire exactly once whichever way a connection ends: close(), found
broken, garbage collected, or collected as part of a reference cycle.
"""

import gc

import pytest

import psycopg2


def hooked(make, events, label):
    conn = make()
    conn._on_close = lambda: events.append(label)
    return conn


def test_fires_once_on_close(make_conn):
    events = []
    conn = hooked(make_conn, events, "close")
    conn.close()
    conn.close()
    assert events == ["close"]
    assert conn._on_close is None


def test_fires_on_garbage_collection(dsn):
    events = []
    conn = hooked(lambda: psycopg2.connect(dsn), events, "gc")
    del conn
    assert events == ["gc"]


def test_fires_when_a_cycle_is_collected(dsn):
    class Conn(psycopg2.extensions.connection):
        pass

    events = []
    conn = hooked(lambda: Conn(dsn), events, "cycle")
    conn.myself = conn
    del conn
    gc.collect()
    assert events == ["cycle"]


def test_fires_once_when_found_broken(private_server):
    events = []
    conn = hooked(lambda: psycopg2.connect(private_server.dsn()), events,
                  "broken")
    private_server.kill()
    with pytest.raises(psycopg2.OperationalError):
        conn.cursor().execute("select 1")
    assert conn.closed == 2
    assert events == ["broken"]
    conn.close()
    assert events == ["broken"]


@pytest.mark.filterwarnings(
    "ignore::pytest.PytestUnraisableExceptionWarning")
def test_hook_errors_do_not_break_close(make_conn):
    conn = make_conn()
    conn._on_close = lambda: 1 / 0
    conn.close()   # reported as unraisable, never raised from close()
    assert conn.closed == 1
