"""LISTEN/NOTIFY: the Notify type and connection.notifies.

A Notify is a (pid, channel, payload) record that still behaves as the
2-tuple (pid, channel) of very old psycopg2 versions. Connections append one
to `notifies` for every notification libpq has received after each exchange
with the server (a query, a commit, poll()).
"""

import collections
import gc
import pickle
import select
import threading
import time
import weakref

import pytest

import psycopg2
import psycopg2.extensions as ext
from psycopg2.extensions import Notify

# Only psycopg2-cluster says so in its package docstring.
OURS = "psycopg2-cluster" in (psycopg2.__doc__ or "")
only_ours = pytest.mark.skipif(
    not OURS, reason="deliberate difference from psycopg2 2.9 (see comment)")


# ------------------------------------------------------------ the type


def test_exported():
    assert ext.Notify is psycopg2._psycopg.Notify
    assert Notify.__module__ == "psycopg2.extensions"
    assert Notify.__name__ == "Notify"
    assert not hasattr(psycopg2, "Notify")


def test_constructor():
    n = Notify(10, "chan", "pay")
    assert (n.pid, n.channel, n.payload) == (10, "chan", "pay")
    assert Notify(10, "chan").payload == ""
    n = Notify(pid=1, channel="c", payload="p")
    assert (n.pid, n.channel, n.payload) == (1, "c", "p")
    # no type checks, as in psycopg2
    n = Notify("a", None, 3)
    assert (n.pid, n.channel, n.payload) == ("a", None, 3)


@pytest.mark.parametrize("args, kwargs, msg", [
    ((), {}, "missing required argument 'pid'"),
    ((1,), {}, "missing required argument 'channel'"),
    ((1, "a", "b", "c"), {}, "at most 3 arguments"),
    ((1, "a"), {"x": 1}, "invalid keyword argument"),
    ((1, "a"), {"pid": 2}, "given by name ('pid') and position"),
])
def test_constructor_bad_args(args, kwargs, msg):
    with pytest.raises(TypeError, match=msg.replace("(", r"\(")
                       .replace(")", r"\)")):
        Notify(*args, **kwargs)


def test_reinit():
    n = Notify(1, "a", "b")
    n.__init__(2, "c")
    assert repr(n) == "Notify(2, 'c', '')"


@pytest.mark.parametrize("attr", ["pid", "channel", "payload"])
def test_readonly(attr):
    n = Notify(1, "a", "b")
    with pytest.raises(AttributeError, match="readonly attribute"):
        setattr(n, attr, 2)
    with pytest.raises(AttributeError, match="readonly attribute"):
        delattr(n, attr)
    with pytest.raises(AttributeError):
        n.other = 1


def test_repr():
    assert repr(Notify(10, "chan")) == "Notify(10, 'chan', '')"
    assert str(Notify(10, "chan", "pay")) == "Notify(10, 'chan', 'pay')"
    assert repr(Notify(1, b"c", None)) == "Notify(1, b'c', None)"

    class Sub(Notify):
        pass

    # psycopg2 shows "Notify" for subclasses too
    assert repr(Sub(1, "x")) == "Notify(1, 'x', '')"


def test_repr_raising():
    class Bad:
        def __repr__(self):
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        repr(Notify(1, Bad()))


def test_sequence():
    n = Notify(10, "chan", "pay")
    assert len(n) == 2
    assert (n[0], n[1], n[-1], n[-2]) == (10, "chan", "chan", 10)
    assert n[True] == "chan"
    pid, channel = n
    assert (pid, channel) == (10, "chan")
    assert tuple(n) == (10, "chan")
    assert list(n) == [10, "chan"]
    assert bool(Notify(0, ""))


@pytest.mark.parametrize("index, exc, msg", [
    (2, IndexError, "index out of range"),
    ("a", TypeError, "sequence index must be integer, not 'str'"),
    (slice(0, 1), TypeError, "sequence index must be integer, not 'slice'"),
    (1.0, TypeError, "sequence index must be integer, not 'float'"),
    (2 ** 70, IndexError, "cannot fit 'int' into an index-sized integer"),
])
def test_sequence_bad_index(index, exc, msg):
    with pytest.raises(exc, match=msg):
        Notify(1, "a")[index]


@only_ours
def test_negative_index_out_of_range():
    # psycopg2 2.9 adjusts negative indexes twice: n[-3] gives the channel.
    # We raise IndexError, as a tuple does.
    with pytest.raises(IndexError):
        Notify(1, "a")[-3]


def test_compare_with_tuple():
    n = Notify(10, "chan", "pay")
    # against a tuple only (pid, channel) counts
    assert n == (10, "chan")
    assert (10, "chan") == n
    assert not n != (10, "chan")
    assert n != (10, "chan", "pay")
    assert n != (10,)
    assert n < (10, "chan", "x")
    assert n > (9, "z")
    assert n >= (10,)
    assert (9, "a") < n
    assert n in [(10, "chan")]


def test_compare_notifies():
    n = Notify(10, "chan")
    # between Notify the payload counts too
    assert n == Notify(10, "chan", "")
    assert n != Notify(10, "chan", "pay")
    assert n < Notify(10, "chan", "pay")
    assert Notify(2, "a") > Notify(1, "z")
    assert sorted([Notify(2, "a"), Notify(1, "b", "z"), Notify(1, "b", "a")]) \
        == [Notify(1, "b", "a"), Notify(1, "b", "z"), Notify(2, "a")]
    x = Notify(1, "a", "b")
    assert x == x and not x != x


def test_compare_other_types_eq():
    n = Notify(10, "chan")
    for other in [None, 5, "x", [10, "chan"]]:
        assert not n == other


@only_ours
def test_compare_other_types():
    # psycopg2 2.9 answers False to every operator here, `!=` and `<`
    # included; we give Python's usual answers instead.
    n = Notify(10, "chan")
    for other in [None, 5, "x", [10, "chan"]]:
        assert n != other
        with pytest.raises(TypeError):
            n < other


def test_hash():
    # equal objects hash equal: with an empty payload, as its 2-tuple
    for payload in ["", 0, None, []]:
        assert hash(Notify(1, "a", payload)) == hash((1, "a"))
    assert hash(Notify(1, "a", "x")) == hash((1, "a", "x"))
    assert hash(Notify(1, "a", "x")) != hash((1, "a"))
    assert Notify(1, "a") in {(1, "a")}
    assert Notify(1, "a", "x") not in {(1, "a")}
    d = dict.fromkeys([Notify(1, "a"), (1, "a"), Notify(1, "a", "x")])
    assert len(d) == 2


def test_hash_unhashable():
    with pytest.raises(TypeError, match="unhashable"):
        hash(Notify(1, [], "x"))
    with pytest.raises(TypeError, match="unhashable"):
        hash(Notify(1, "a", [1]))


def test_subclass():
    class Sub(Notify):
        def __init__(self, *args):
            super().__init__(*args)
            self.extra = 1

    s = Sub(1, "x")
    assert s.extra == 1
    assert s == (1, "x") and s == Notify(1, "x")
    assert hash(s) == hash((1, "x"))


def test_not_picklable():
    # as psycopg2 2.9
    for proto in range(pickle.HIGHEST_PROTOCOL + 1):
        with pytest.raises(TypeError, match="cannot pickle"):
            pickle.dumps(Notify(1, "a"), proto)


@only_ours
def test_new_without_init():
    # psycopg2 2.9 crashes on repr() of such an object
    n = Notify.__new__(Notify)
    assert repr(n) == "Notify(None, None, None)"
    assert (n.pid, n.channel, n.payload) == (None, None, None)
    assert n == (None, None)
    hash(n)


@only_ours
def test_gc_cycle():
    # psycopg2 2.9's Notify does not take part in garbage collection,
    # so a cycle through it is never freed.
    class Chan:
        pass

    c = Chan()
    c.notify = Notify(1, c, c)
    ref = weakref.ref(c)
    del c
    gc.collect()
    assert ref() is None


def test_no_leak(assert_no_leak):
    def once():
        n = Notify(12345, "channel", "payload")
        assert n == (12345, "channel")
        hash(n), repr(n), tuple(n)

    assert_no_leak(once, n=20000, warmup=1000, limit_kb=1024)


# ------------------------------------------------ collecting notifications


@pytest.fixture
def listener(conn):
    conn.autocommit = True
    conn.cursor().execute("listen test_ch")
    yield conn
    if not conn.closed:
        conn.rollback()
        conn.autocommit = True
        conn.cursor().execute("unlisten *")


@pytest.fixture
def sender(make_conn):
    c = make_conn()
    c.autocommit = True
    return c


def _notify(conn, payload=None, channel="test_ch"):
    cur = conn.cursor()
    cur.execute("select pg_notify(%s, %s)", (channel, payload or ""))


def _wait_notifies(conn, n, timeout=5.0):
    """Wait with select() + poll() until conn.notifies holds n items."""
    deadline = time.monotonic() + timeout
    while len(conn.notifies) < n:
        left = deadline - time.monotonic()
        assert left > 0, f"got {conn.notifies!r}, waiting for {n}"
        select.select([conn], [], [], left)
        assert conn.poll() == ext.POLL_OK
    return conn.notifies


def test_default_list(conn):
    assert conn.notifies == []
    assert type(conn.notifies) is list


def test_self_notify(listener):
    cur = listener.cursor()
    cur.execute("notify test_ch, 'hello'")
    assert listener.notifies == [
        Notify(listener.info.backend_pid, "test_ch", "hello")]
    n = listener.notifies[0]
    assert type(n) is Notify
    assert n.pid == listener.info.backend_pid == listener.get_backend_pid()
    cur.execute("notify test_ch")
    assert listener.notifies[-1].payload == ""
    assert listener.notifies[-1] == (listener.get_backend_pid(), "test_ch")


def test_not_listening(conn):
    conn.autocommit = True
    conn.cursor().execute("notify test_ch_nobody, 'x'")
    assert conn.notifies == []


def test_channel_names(listener):
    cur = listener.cursor()
    cur.execute('listen "Mixed Case ch"')
    cur.execute("notify \"Mixed Case ch\", 'a'; notify test_ch, 'b'")
    assert [(n.channel, n.payload) for n in listener.notifies] == [
        ("Mixed Case ch", "a"), ("test_ch", "b")]


def test_many_in_order(listener):
    cur = listener.cursor()
    cur.execute(
        "select pg_notify('test_ch', g::text) from generate_series(1, 200) g")
    got = listener.notifies
    assert [n.payload for n in got] == [str(i) for i in range(1, 201)]
    # notifies is never trimmed (unlike notices)
    assert len(got) == 200


def test_from_other_connection_poll(listener, sender):
    _notify(sender, "a")
    _notify(sender, "b", channel="test_ch_other")   # not listened to
    _notify(sender)
    got = _wait_notifies(listener, 2)
    pid = sender.info.backend_pid
    assert got == [Notify(pid, "test_ch", "a"), Notify(pid, "test_ch", "")]


def test_poll_without_notification(listener):
    assert listener.poll() == ext.POLL_OK
    assert listener.notifies == []


def test_poll_docs_loop(listener, sender):
    # the loop of psycopg2's documentation: select on the connection,
    # poll(), then pop the notifications
    for i in range(3):
        _notify(sender, str(i))
    seen = []
    deadline = time.monotonic() + 5
    while len(seen) < 3 and time.monotonic() < deadline:
        if select.select([listener], [], [], 1) == ([], [], []):
            continue
        listener.poll()
        while listener.notifies:
            seen.append(listener.notifies.pop(0).payload)
    assert seen == ["0", "1", "2"]


def test_from_other_connection_next_query(listener, sender):
    # without poll(), a notification arrives with the next exchange
    _notify(sender, "q")
    cur = listener.cursor()
    deadline = time.monotonic() + 5
    while not listener.notifies:
        assert time.monotonic() < deadline
        time.sleep(0.01)
        cur.execute("select 1")
        assert cur.fetchone() == (1,)
    assert listener.notifies == [
        Notify(sender.info.backend_pid, "test_ch", "q")]


def test_sent_in_transaction(listener, sender):
    # the server sends them when the sender commits
    sender.autocommit = False
    _notify(sender, "tx")
    time.sleep(0.1)
    listener.poll()
    assert listener.notifies == []
    sender.commit()
    assert [n.payload for n in _wait_notifies(listener, 1)] == ["tx"]


def test_self_notify_in_transaction(listener):
    listener.autocommit = False
    cur = listener.cursor()
    cur.execute("notify test_ch, 'dup'; notify test_ch, 'dup'")
    assert listener.notifies == []
    listener.commit()     # delivered with the COMMIT, duplicates folded
    assert [n.payload for n in listener.notifies] == ["dup"]
    cur.execute("notify test_ch, 'gone'")
    listener.rollback()
    assert [n.payload for n in listener.notifies] == ["dup"]


def test_executemany(listener):
    listener.autocommit = False
    cur = listener.cursor()
    cur.executemany("select pg_notify('test_ch', %s)", [("a",), ("b",)])
    listener.commit()
    assert [n.payload for n in listener.notifies] == ["a", "b"]


def test_encoding_latin1(listener):
    listener.set_client_encoding("LATIN1")
    listener.cursor().execute("notify test_ch, 'é'")
    assert listener.notifies[-1].payload == "é"


def test_encoding_undecodable(listener):
    # UTF-8 bytes seen through SQL_ASCII: replaced, as in psycopg2
    listener.set_client_encoding("SQL_ASCII")
    listener.cursor().execute("select pg_notify('test_ch', chr(233))")
    assert listener.notifies[-1].payload == "\ufffd\ufffd"
    listener.set_client_encoding("UTF8")
    listener.cursor().execute("select pg_notify('test_ch', chr(233))")
    assert listener.notifies[-1].payload == "é"


def test_unicode_channel(listener):
    cur = listener.cursor()
    cur.execute('listen "canal_é"')
    cur.execute("notify \"canal_é\", '€'")
    assert listener.notifies[-1].channel == "canal_é"
    assert listener.notifies[-1].payload == "€"


def test_long_payload(listener):
    payload = "x" * 7999    # the server's limit is 8000 bytes
    listener.cursor().execute("select pg_notify('test_ch', %s)", (payload,))
    assert listener.notifies[-1].payload == payload


# ------------------------------------------------- replaced containers


def test_deque(listener):
    listener.notifies = collections.deque(maxlen=2)
    listener.cursor().execute(
        "notify test_ch, '1'; notify test_ch, '2'; notify test_ch, '3'")
    assert isinstance(listener.notifies, collections.deque)
    assert [n.payload for n in listener.notifies] == ["2", "3"]


def test_custom_object(listener):
    class Collector:
        def __init__(self):
            self.got = []

        def append(self, n):
            self.got.append(n)

    listener.notifies = coll = Collector()
    listener.cursor().execute(
        "select pg_notify('test_ch', g::text) from generate_series(1, 60) g")
    assert len(coll.got) == 60
    assert all(type(n) is Notify for n in coll.got)


def test_list_subclass_not_trimmed(listener):
    class L(list):
        pass

    listener.notifies = L()
    listener.cursor().execute(
        "select pg_notify('test_ch', g::text) from generate_series(1, 60) g")
    assert len(listener.notifies) == 60


@pytest.mark.parametrize("value", [None, 1, "x", ()])
def test_not_a_container(listener, value):
    # silently ignored, as in psycopg2
    listener.notifies = value
    cur = listener.cursor()
    cur.execute("notify test_ch, 'x'")
    assert listener.notifies is value
    cur.execute("select 1")
    assert cur.fetchone() == (1,)


def test_deleted(listener):
    del listener.notifies
    assert listener.notifies is None
    cur = listener.cursor()
    cur.execute("notify test_ch, 'x'")
    listener.notifies = []
    cur.execute("notify test_ch, 'y'")
    assert [n.payload for n in listener.notifies] == ["y"]


def test_append_raises(listener):
    class Refusing(list):
        calls = 0

        def append(self, n):
            self.calls += 1
            if self.calls == 1:
                raise ZeroDivisionError
            super().append(n)

    listener.notifies = coll = Refusing()
    cur = listener.cursor()
    # the query does not fail; as in psycopg2 the refused notification is
    # lost and the following ones wait for the next exchange
    cur.execute("notify test_ch, '1'; notify test_ch, '2'; notify test_ch, '3'")
    assert cur.statusmessage == "NOTIFY"
    assert coll.calls == 1 and coll == []
    cur.execute("notify test_ch, '4'")
    assert [n.payload for n in coll] == ["2", "3", "4"]


def test_append_raises_with_query_error(listener):
    class Refusing(list):
        def append(self, n):
            raise ZeroDivisionError

    listener.notifies = Refusing()
    cur = listener.cursor()
    # the query's own error wins over the container's
    with pytest.raises(psycopg2.errors.DivisionByZero):
        cur.execute("select pg_notify('test_ch', 'x'); select 1/0")


def test_closed_connection(listener):
    listener.cursor().execute("notify test_ch, 'x'")
    listener.close()
    assert [n.payload for n in listener.notifies] == ["x"]
    with pytest.raises(psycopg2.InterfaceError):
        listener.poll()


# --------------------------------------------------------------- threads


def test_threads_share_listener(listener, sender):
    # several threads querying the listener while another connection
    # notifies: every notification is collected once, none lost
    stop = threading.Event()
    errors = []

    def work():
        try:
            cur = listener.cursor()
            while not stop.is_set():
                cur.execute("select 1")
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(3)]
    for t in threads:
        t.start()
    try:
        for i in range(50):
            _notify(sender, str(i))
        deadline = time.monotonic() + 10
        while len(listener.notifies) < 50 and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert not errors
    assert [n.payload for n in listener.notifies] == [
        str(i) for i in range(50)]


# ----------------------------------------------------------------- leaks


def test_collect_no_leak(listener, assert_no_leak):
    cur = listener.cursor()

    def once():
        cur.execute(
            "select pg_notify('test_ch', repeat('p', 100)),"
            " pg_notify('test_ch', 'q')")
        del listener.notifies[:]

    # 2 notifications of ~150 bytes a call: leaking them is ~1 MB
    assert_no_leak(once, n=3000, warmup=300, limit_kb=512)


def test_refused_no_leak(listener, assert_no_leak):
    class Refusing(list):
        def append(self, n):
            raise ZeroDivisionError

    cur = listener.cursor()
    refusing = Refusing()
    plain = []

    def once():
        # one notification dropped, two kept for the next exchange
        listener.notifies = refusing
        cur.execute("notify test_ch, '1'; notify test_ch, '2';"
                    " notify test_ch, '3'")
        listener.notifies = plain
        cur.execute("select 1")
        assert len(plain) == 2
        del plain[:]

    assert_no_leak(once, n=3000, warmup=300, limit_kb=512)
