"""Misuse of the C core: wrong argument types and counts, read-only and
deleted attributes, closed and uninitialised objects, hostile queries and
parameters.  Every case must end in a clear exception of the class
psycopg2 2.9 raises -- never a crash, a hang or a silently wrong result.

Cases where psycopg2 2.9 itself crashes are marked `ref_crashes`: on the
reference they are skipped, here they must raise a sensible exception.
"""

import gc
import sys
import weakref

import pytest

import psycopg2
import psycopg2.extensions as ext

# Only psycopg2-cluster says so in its package docstring.
OURS = "psycopg2-cluster" in (psycopg2.__doc__ or "")
ref_crashes = pytest.mark.skipif(
    not OURS, reason="psycopg2 2.9 itself crashes on this misuse")

HUGE = 2 ** 80
SURROGATE = "\udc80"


def need(obj, name):
    """Skip when the driver does not implement `name` yet."""
    if not hasattr(obj, name):
        pytest.skip(f"{type(obj).__name__}.{name} not implemented")
    return getattr(obj, name)


def still_usable(conn):
    if conn.closed:
        return
    conn.rollback()
    cur = conn.cursor()
    cur.execute("select 42")
    assert cur.fetchone() == (42,)


@pytest.fixture
def cur(conn):
    c = conn.cursor()
    yield c
    c.close()


# ------------------------------------------------- connection methods

CONN_BAD_CALLS = [
    ("cursor", (1,), TypeError),
    ("cursor", (None, 1), TypeError),
    ("cursor", ("x", 5), TypeError),
    ("cursor", ("x", None, 1, 2, 3), TypeError),
    ("commit", (1,), TypeError),
    ("rollback", (1,), TypeError),
    ("close", (1,), TypeError),
    ("cancel", (1,), TypeError),
    ("set_session", ("x",), ValueError),
    ("set_isolation_level", (99,), ValueError),
    ("set_isolation_level", (-1,), ValueError),
    ("set_isolation_level", (HUGE,), (ValueError, OverflowError)),
    ("set_client_encoding", (None,), TypeError),
    ("set_client_encoding", (1,), TypeError),
    ("set_client_encoding", (b"utf8",), TypeError),
    ("set_client_encoding", ("nope",), psycopg2.DataError),
    ("set_client_encoding", (SURROGATE,), (UnicodeError, psycopg2.DataError)),
    ("get_parameter_status", (None,), TypeError),
    ("get_parameter_status", (1,), TypeError),
    ("get_parameter_status", (), TypeError),
    ("get_transaction_status", (1,), TypeError),
    ("get_backend_pid", (1,), TypeError),
    ("get_dsn_parameters", (1,), TypeError),
    ("reset", (1,), TypeError),
    ("fileno", (1,), TypeError),
    ("isexecuting", (1,), TypeError),
    ("poll", (1,), TypeError),
    ("__enter__", (1,), TypeError),
    ("__exit__", (), TypeError),
    ("__exit__", (1,), TypeError),
    ("xid", (), TypeError),
    ("xid", ("a", "b", "c"), TypeError),
    ("xid", (1, "b" * 100, "c"), ValueError),
    ("xid", (HUGE, "b", "c"), OverflowError),
    ("tpc_begin", (None,), TypeError),
    ("tpc_begin", (1,), TypeError),
    ("tpc_prepare", (1,), TypeError),
    ("tpc_commit", (1, 2), TypeError),
    ("tpc_rollback", (1, 2), TypeError),
    ("tpc_recover", (1,), TypeError),
    ("lobject", ("x",), TypeError),
    ("lobject", (0, 1), TypeError),
]


@pytest.mark.parametrize(
    "meth, args, exc", CONN_BAD_CALLS,
    ids=[f"{m}{a!r}"[:40] for m, a, _ in CONN_BAD_CALLS])
def test_connection_bad_arguments(conn, meth, args, exc):
    with pytest.raises(exc):
        need(conn, meth)(*args)
    still_usable(conn)


def test_connection_unknown_keywords(conn):
    with pytest.raises(TypeError):
        conn.cursor(nope=1)
    with pytest.raises(TypeError):
        conn.set_session(nope=1)
    with pytest.raises(TypeError):
        conn.commit(x=1)
    still_usable(conn)


CONN_READONLY_ATTRS = [
    "closed", "dsn", "status", "encoding", "server_version",
    "protocol_version", "async_", "info", "binary_types", "string_types",
]


@pytest.mark.parametrize("attr", CONN_READONLY_ATTRS)
def test_connection_readonly_attributes(conn, attr):
    need(conn, attr)
    before = getattr(conn, attr)
    with pytest.raises(AttributeError):
        setattr(conn, attr, 1)
    with pytest.raises(AttributeError):
        delattr(conn, attr)
    with pytest.raises(AttributeError):
        setattr(conn, attr, None)
    assert type(getattr(conn, attr)) is type(before)
    still_usable(conn)


def test_connection_methods_readonly(conn):
    with pytest.raises(AttributeError):
        conn.commit = 1
    with pytest.raises(AttributeError):
        del conn.cursor


@ref_crashes
@pytest.mark.parametrize("attr", ["autocommit", "isolation_level",
                                  "readonly", "deferrable"])
def test_connection_delete_session_attribute(conn, attr):
    before = getattr(conn, attr)
    with pytest.raises((AttributeError, TypeError)):
        delattr(conn, attr)
    assert getattr(conn, attr) == before
    still_usable(conn)


@pytest.mark.parametrize("attr, value, exc", [
    ("isolation_level", "x", ValueError),
    ("isolation_level", 99, ValueError),
    ("isolation_level", 0, ValueError),
    ("isolation_level", HUGE, (OverflowError, ValueError)),
    ("isolation_level", 1.5, (TypeError, ValueError)),
    ("readonly", "x", ValueError),
    ("deferrable", "x", ValueError),
])
def test_connection_bad_session_values(conn, attr, value, exc):
    before = getattr(conn, attr)
    with pytest.raises(exc):
        setattr(conn, attr, value)
    assert getattr(conn, attr) == before
    still_usable(conn)


def test_connection_autocommit_truthiness(conn):
    # psycopg2 takes any object's truth value
    conn.autocommit = HUGE
    assert conn.autocommit is True
    conn.autocommit = "x"
    assert conn.autocommit is True
    conn.autocommit = None
    assert conn.autocommit is False

    class Bad:
        def __bool__(self):
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        conn.autocommit = Bad()
    assert conn.autocommit is False
    still_usable(conn)


def test_session_attribute_in_transaction(conn):
    conn.cursor().execute("select 1")
    for attr, value in [("autocommit", True), ("isolation_level", 1),
                        ("readonly", True), ("deferrable", True)]:
        with pytest.raises(psycopg2.ProgrammingError):
            setattr(conn, attr, value)
    with pytest.raises(psycopg2.ProgrammingError):
        conn.set_session(readonly=True)
    still_usable(conn)


def test_cursor_factory_attribute_misuse(conn):
    conn.cursor_factory = 1
    with pytest.raises(TypeError):
        conn.cursor()
    del conn.cursor_factory
    assert conn.cursor_factory is None
    assert isinstance(conn.cursor(), ext.cursor)
    conn.cursor_factory = lambda *a, **k: 42
    with pytest.raises(TypeError):
        conn.cursor()
    conn.cursor_factory = None
    still_usable(conn)


@pytest.mark.parametrize("factory", [
    lambda *a, **k: 42,
    lambda *a, **k: None,
    lambda *a, **k: object(),
    int,
])
def test_cursor_factory_returns_non_cursor(conn, factory):
    with pytest.raises(TypeError):
        conn.cursor(cursor_factory=factory)
    still_usable(conn)


def test_cursor_factory_raises(conn):
    def factory(*a, **k):
        raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        conn.cursor(cursor_factory=factory)
    still_usable(conn)


# ----------------------------------------------- notices and notifies

def _notice(cur, n=1):
    cur.execute("do $$begin for i in 1..%s loop raise notice 'n%%', i; "
                "end loop; end$$" % n)


@pytest.mark.parametrize("value", [None, 1, "x", (), object()])
def test_notices_replaced_by_non_list(conn, cur, value):
    conn.notices = value
    try:
        _notice(cur)
    except AttributeError:
        pass    # psycopg2 ignores it; reporting it is acceptable too
    assert conn.notices is value
    conn.notices = []
    _notice(cur)
    assert len(conn.notices) == 1
    still_usable(conn)


def test_notices_deleted(conn, cur):
    del conn.notices
    _notice(cur)     # no crash: the notice goes nowhere
    gc.collect()
    conn.notices = []
    _notice(cur)
    assert len(conn.notices) == 1


def test_notices_append_raises(conn, cur):
    class L(list):
        def append(self, x):
            raise ZeroDivisionError

    conn.notices = L()
    try:
        _notice(cur, 3)
    except ZeroDivisionError:
        pass
    cur.execute("select 1")
    assert cur.fetchone() == (1,)


def test_notices_custom_container(conn, cur):
    import collections
    conn.notices = collections.deque(maxlen=3)
    _notice(cur, 10)
    assert len(conn.notices) == 3
    assert "n10" in conn.notices[-1]


@pytest.mark.parametrize("value", ["delete", None, 1])
def test_notifies_replaced(conn, cur, value):
    conn.autocommit = True
    cur.execute("listen misuse_ch")
    cur.execute("notify misuse_ch, 'probe'")
    assert conn.notifies    # the probe arrived: notifications work
    if value == "delete":
        del conn.notifies
    else:
        conn.notifies = value
    cur.execute("listen misuse_ch")
    try:
        cur.execute("notify misuse_ch, 'x'")
        cur.execute("select 1")
        assert cur.fetchone() == (1,)
    except AttributeError:
        pass
    conn.notifies = []
    cur.execute("notify misuse_ch, 'y'")
    assert [n.payload for n in conn.notifies][-1:] == ["y"]
    cur.execute("unlisten *")


# --------------------------------------------------- cursor methods

CURSOR_BAD_CALLS = [
    ("execute", (), TypeError),
    ("execute", (None,), psycopg2.ProgrammingError),
    ("execute", (1,), TypeError),
    ("execute", (1.5,), TypeError),
    ("execute", ([1],), TypeError),
    ("execute", (object(),), TypeError),
    ("execute", (bytearray(b"select 1"),), TypeError),
    ("execute", ("select '" + SURROGATE + "'",), UnicodeEncodeError),
    ("execute", ("select %s", 1), TypeError),
    ("execute", ("select %s", "ab"), TypeError),
    ("execute", ("select %s", b"ab"), TypeError),
    ("execute", ("select %(a)s", [1]), TypeError),
    ("execute", ("select %s", {"a": 1}), TypeError),
    ("execute", ("select %s", (1, 2)), TypeError),
    ("execute", ("select %s %s", (1,)), IndexError),
    ("execute", ("select %(a)s", {}), KeyError),
    ("execute", ("select %(a)s", {"b": 1}), KeyError),
    ("execute", ("select %s %(a)s", {"a": 1}), TypeError),
    ("execute", ("select %x", (1,)), ValueError),
    ("execute", ("select %", (1,)), ValueError),
    ("execute", ("select %(a", {"a": 1}), psycopg2.ProgrammingError),
    ("execute", ("select %s", (object(),)), psycopg2.ProgrammingError),
    ("execute", ("select %s", (SURROGATE,)), UnicodeEncodeError),
    ("execute", ("select %s", ("\x00",)), ValueError),
    ("execute", ("select 1", None, 1), TypeError),
    ("execute", ("select 1",), None),
    ("execute", ("select 1\x00 + 'junk'",), None),   # libpq stops at NUL
    ("execute", (b"select 1",), None),
    ("executemany", ("select %s", None), TypeError),
    ("executemany", ("select %s", 1), TypeError),
    ("executemany", ("select %s", [1]), TypeError),
    ("executemany", ("select %s", [(1,), (object(),)]), psycopg2.ProgrammingError),
    ("executemany", ("select %s", iter([(1,), 2])), TypeError),
    ("executemany", (1, []), None),
    ("executemany", (), TypeError),
    ("callproc", (None,), TypeError),
    ("callproc", (1,), TypeError),
    ("callproc", ("now", 1), TypeError),
    ("callproc", ("now", {1: 2}), TypeError),
    ("callproc", (SURROGATE,), UnicodeEncodeError),
    ("callproc", ("now", [object()]), psycopg2.ProgrammingError),
    ("callproc", ("no_such_fn_misuse",), psycopg2.ProgrammingError),
    ("mogrify", (), TypeError),
    ("mogrify", (None,), psycopg2.ProgrammingError),
    ("mogrify", (1,), TypeError),
    ("mogrify", ("select %s", 1), TypeError),
    ("mogrify", ("select %s", [object()]), psycopg2.ProgrammingError),
    ("mogrify", ("select %s", [SURROGATE]), UnicodeEncodeError),
    ("fetchmany", ("x",), TypeError),
    ("fetchmany", (HUGE,), (OverflowError, psycopg2.ProgrammingError)),
    ("fetchmany", (1, 2), TypeError),
    ("fetchone", (1,), TypeError),
    ("fetchall", (1,), TypeError),
    ("scroll", (), TypeError),
    ("scroll", ("x",), TypeError),
    ("scroll", (None,), TypeError),
    ("scroll", (1.5,), TypeError),
    ("scroll", (HUGE,), (OverflowError, psycopg2.ProgrammingError)),
    ("scroll", (1, "nope"), psycopg2.ProgrammingError),
    ("scroll", (1, None), (TypeError, psycopg2.ProgrammingError)),
    ("setinputsizes", (), TypeError),
    ("setoutputsize", (), TypeError),
    ("setinputsizes", (1,), None),
    ("setoutputsize", (1, 2), None),
    ("close", (1,), TypeError),
    ("nextset", (), psycopg2.NotSupportedError),
    ("cast", (), TypeError),
    ("cast", (1,), TypeError),
    ("cast", (23, 1), TypeError),
    ("cast", (23, 1, 2), TypeError),
    ("__enter__", (1,), TypeError),
    ("copy_from", (None, "t"), TypeError),
    ("copy_from", (1, "t"), TypeError),
    ("copy_to", (None, "t"), TypeError),
    ("copy_expert", ("copy (select 1) to stdout", 1), TypeError),
    ("copy_expert", ("copy (select 1) to stdout", object()), TypeError),
]


@pytest.mark.parametrize(
    "meth, args, exc", CURSOR_BAD_CALLS,
    ids=[f"{m}{a!r}"[:40] for m, a, _ in CURSOR_BAD_CALLS])
def test_cursor_bad_arguments(conn, cur, meth, args, exc):
    fn = need(cur, meth)
    if exc is None:
        fn(*args)
    else:
        with pytest.raises(exc):
            fn(*args)
    assert not cur.closed
    still_usable(conn)


@pytest.mark.parametrize("n", [-1, -100, 0, None])
def test_fetchmany_odd_sizes(cur, n):
    cur.execute("select generate_series(1, 5)")
    got = cur.fetchmany(n)
    assert isinstance(got, list)
    rest = cur.fetchall()
    assert len(got) + len(rest) == 5


def test_scroll_out_of_range(cur):
    cur.execute("select generate_series(1, 3)")
    with pytest.raises((IndexError, psycopg2.ProgrammingError)):
        cur.scroll(10)
    with pytest.raises((IndexError, psycopg2.ProgrammingError)):
        cur.scroll(-1, "absolute")
    with pytest.raises((IndexError, psycopg2.ProgrammingError, OverflowError)):
        cur.scroll(-(2 ** 62))
    with pytest.raises((IndexError, psycopg2.ProgrammingError, OverflowError)):
        cur.scroll(2 ** 63 - 1)
    assert cur.fetchall() == [(1,), (2,), (3,)]


def test_fetch_without_result(cur):
    for fn in (cur.fetchone, cur.fetchall, lambda: cur.fetchmany(2)):
        with pytest.raises(psycopg2.ProgrammingError):
            fn()
    cur.execute("set application_name = 'misuse'")
    for fn in (cur.fetchone, cur.fetchall, lambda: cur.fetchmany(2)):
        with pytest.raises(psycopg2.ProgrammingError):
            fn()
    with pytest.raises(psycopg2.ProgrammingError):
        next(iter(cur))


@pytest.mark.parametrize("attr, value, exc", [
    ("arraysize", "x", TypeError),
    ("arraysize", None, TypeError),
    ("arraysize", 1.5, TypeError),
    ("arraysize", HUGE, OverflowError),
    ("itersize", "x", TypeError),
    ("itersize", None, TypeError),
    ("itersize", HUGE, OverflowError),
    ("rownumber", "x", (TypeError, AttributeError)),
    ("rownumber", HUGE, (OverflowError, AttributeError)),
])
def test_cursor_bad_attribute_values(cur, attr, value, exc):
    with pytest.raises(exc):
        setattr(cur, attr, value)
    # psycopg2 leaves -1 behind on a failed set; any int will do
    assert isinstance(getattr(cur, attr), int)
    cur.execute("select 1")
    assert cur.fetchone() == (1,)


@pytest.mark.parametrize("attr", ["arraysize", "itersize"])
def test_cursor_negative_sizes(cur, attr):
    # psycopg2 stores them; fetching must not crash or loop
    setattr(cur, attr, -1)
    cur.execute("select generate_series(1, 4)")
    assert len(cur.fetchmany()) + len(cur.fetchall()) == 4
    setattr(cur, attr, 0)
    cur.execute("select generate_series(1, 4)")
    assert len(cur.fetchmany()) + len(cur.fetchall()) == 4
    assert len(list(cur)) == 0


@pytest.mark.parametrize("attr", ["arraysize", "itersize"])
def test_cursor_delete_size(cur, attr):
    with pytest.raises((AttributeError, TypeError)):
        delattr(cur, attr)
    assert isinstance(getattr(cur, attr), int)


CURSOR_READONLY_ATTRS = [
    "rowcount", "description", "connection", "query", "statusmessage",
    "lastrowid", "closed", "name", "pgresult_ptr", "typecaster",
]


@pytest.mark.parametrize("attr", CURSOR_READONLY_ATTRS)
def test_cursor_readonly_attributes(cur, attr):
    need(cur, attr)
    cur.execute("select 1")
    before = getattr(cur, attr)
    with pytest.raises(AttributeError):
        setattr(cur, attr, 1)
    with pytest.raises(AttributeError):
        delattr(cur, attr)
    assert getattr(cur, attr) == before
    assert cur.fetchone() == (1,)


@pytest.mark.parametrize("attr", ["string_types", "binary_types"])
@pytest.mark.parametrize("value", [
    1, None, "delete", pytest.param({23: 1}, marks=ref_crashes)])
def test_cursor_typecaster_dicts_replaced(conn, cur, attr, value):
    # writable in psycopg2 (read-only is acceptable); fetching must not
    # crash whatever they hold
    try:
        if value == "delete":
            delattr(cur, attr)
        else:
            setattr(cur, attr, value)
    except AttributeError:
        pass
    try:
        cur.execute("select 1, 'x', '\\x00'::bytea")
        cur.fetchone()
    except (TypeError, psycopg2.Error):
        pass
    still_usable(conn)


def test_cursor_settable_misc(cur):
    cur.tzinfo_factory = 1          # a plain member in psycopg2
    cur.row_factory = None
    del cur.tzinfo_factory
    cur.execute("select 1")
    assert cur.fetchone() == (1,)


def test_cursor_row_factory_misuse(cur):
    cur.row_factory = 1
    cur.execute("select 1")
    with pytest.raises(TypeError):
        cur.fetchone()

    def bad(cur):
        raise ZeroDivisionError

    cur.row_factory = bad
    cur.execute("select 1")
    with pytest.raises(ZeroDivisionError):
        cur.fetchall()
    cur.row_factory = None
    cur.execute("select 1")
    assert cur.fetchone() == (1,)


@pytest.mark.parametrize("meth, args", [
    ("withhold", "x"), ("scrollable", "x"),
])
def test_named_only_attributes_on_unnamed(cur, meth, args):
    with pytest.raises(psycopg2.ProgrammingError):
        setattr(cur, meth, True)


# ---------------------------------------------- closed connection / cursor

CONN_METHODS_ON_CLOSED = [
    ("cursor", ()), ("commit", ()), ("rollback", ()),
    ("set_session", ()), ("set_isolation_level", (1,)),
    ("set_client_encoding", ("utf8",)), ("get_transaction_status", None),
    ("get_backend_pid", ()), ("get_dsn_parameters", ()),
    ("get_parameter_status", ("TimeZone",)), ("fileno", ()),
    ("reset", ()), ("cancel", ()), ("__enter__", ()),
    ("tpc_begin", ("x",)), ("tpc_prepare", ()), ("tpc_commit", ()),
    ("tpc_rollback", ()), ("tpc_recover", ()), ("lobject", ()),
    ("poll", ()), ("xid", None), ("close", None), ("isexecuting", None),
]


@pytest.mark.parametrize(
    "meth, args", CONN_METHODS_ON_CLOSED,
    ids=[m for m, _ in CONN_METHODS_ON_CLOSED])
def test_closed_connection_methods(make_conn, meth, args):
    conn = make_conn()
    conn.close()
    fn = need(conn, meth)
    if args is None:      # fine on a closed connection
        try:
            fn(*((1, "a", "b") if meth == "xid" else ()))
        except psycopg2.InterfaceError:
            pass
    else:
        with pytest.raises(psycopg2.InterfaceError):
            fn(*args)
    assert conn.closed


@pytest.mark.parametrize("attr, value", [
    ("autocommit", True), ("isolation_level", 1), ("readonly", True),
    ("deferrable", True),
])
def test_closed_connection_set_attributes(make_conn, attr, value):
    conn = make_conn()
    conn.close()
    with pytest.raises(psycopg2.InterfaceError):
        setattr(conn, attr, value)


def test_closed_connection_read_attributes(make_conn):
    conn = make_conn()
    conn.close()
    for attr in ["closed", "dsn", "status", "encoding", "notices",
                 "notifies", "async_", "cursor_factory", "autocommit",
                 "isolation_level", "readonly", "deferrable",
                 "server_version", "protocol_version"]:
        try:
            getattr(conn, attr)
        except psycopg2.InterfaceError:
            pass
    assert conn.closed == 1
    conn.close()
    repr(conn)
    str(conn)


CURSOR_CALLS_ON_CLOSED = [
    ("execute", ("select 1",)), ("executemany", ("select 1", [()])),
    ("callproc", ("now",)), ("fetchone", ()), ("fetchall", ()),
    ("fetchmany", (1,)), ("scroll", (0,)), ("__next__", ()),
    ("__enter__", ()), ("copy_expert", ("copy (select 1) to stdout", None)),
]


@pytest.mark.parametrize("closed_by", ["cursor", "connection"])
@pytest.mark.parametrize(
    "meth, args", CURSOR_CALLS_ON_CLOSED,
    ids=[m for m, _ in CURSOR_CALLS_ON_CLOSED])
def test_closed_cursor_methods(make_conn, closed_by, meth, args):
    conn = make_conn()
    cur = conn.cursor()
    cur.execute("select 1")
    if closed_by == "cursor":
        cur.close()
    else:
        conn.close()
    fn = need(cur, meth)
    if meth == "__enter__":
        fn()    # psycopg2 does not check here
        return
    with pytest.raises(psycopg2.InterfaceError):
        fn(*args)


@pytest.mark.parametrize("closed_by", ["cursor", "connection"])
def test_closed_cursor_harmless_calls(make_conn, closed_by):
    conn = make_conn()
    cur = conn.cursor()
    cur.execute("select 1")
    if closed_by == "cursor":
        cur.close()
    else:
        conn.close()
    cur.close()
    cur.close()
    repr(cur)
    for attr in ["rowcount", "description", "query", "statusmessage",
                 "closed", "connection", "arraysize", "itersize", "name",
                 "rownumber", "lastrowid"]:
        getattr(cur, attr)
    cur.arraysize = 10
    for fn, args in [(cur.setinputsizes, (1,)), (cur.setoutputsize, (1,)),
                     (cur.mogrify, ("select %s", [1]))]:
        try:
            fn(*args)
        except psycopg2.InterfaceError:
            pass


def test_cursor_of_closed_connection_iter(make_conn):
    conn = make_conn()
    cur = conn.cursor()
    cur.execute("select generate_series(1, 3)")
    conn.close()
    with pytest.raises(psycopg2.InterfaceError):
        list(cur)


# ---------------------------------------- orphan cursors and lifetimes

def test_cursor_keeps_connection_alive(dsn):
    conn = psycopg2.connect(dsn)
    wr = weakref.ref(conn)
    cur = conn.cursor()
    del conn
    gc.collect()
    cur.execute("select 1")
    assert cur.fetchone() == (1,)
    assert cur.connection is wr()
    cur.connection.close()
    with pytest.raises(psycopg2.InterfaceError):
        cur.execute("select 1")
    del cur
    gc.collect()
    assert wr() is None


def test_cursor_outlives_connection_in_cycle(dsn):
    class C(ext.connection):
        pass

    conn = psycopg2.connect(dsn, connection_factory=C)
    cur = conn.cursor()
    cur.execute("select generate_series(1, 10)")
    conn.cyc = cur
    wr_conn = weakref.ref(conn)
    del conn
    gc.collect()
    assert cur.fetchmany(3) == [(1,), (2,), (3,)]
    cur.connection.close()
    with pytest.raises(psycopg2.InterfaceError):
        cur.fetchone()
    del cur
    gc.collect()
    assert wr_conn() is None


def test_connection_subclass_cycle_collected(dsn):
    class C(ext.connection):
        pass

    conn = psycopg2.connect(dsn, connection_factory=C)
    cur = conn.cursor()
    conn.me = conn
    conn.cur = cur
    cur.execute("select 1")
    wr = weakref.ref(conn)
    del conn, cur
    gc.collect()
    assert wr() is None


def test_many_cursors_dropped(conn):
    curs = [conn.cursor() for _ in range(200)]
    for i, c in enumerate(curs):
        c.execute("select %s", (i,))
    del curs
    gc.collect()
    still_usable(conn)


# --------------------------------------------- uninitialised objects

def _all_calls(obj):
    """(name, callable) of the public methods of obj's type."""
    for name in sorted(dir(type(obj))):
        if name.startswith("_") and name not in ("__enter__", "__exit__",
                                                 "__iter__", "__next__"):
            continue
        yield name


CALL_ARGS = {
    "execute": ("select 1",), "executemany": ("select 1", [()]),
    "callproc": ("now",), "mogrify": ("select 1",), "fetchmany": (1,),
    "scroll": (0,), "cast": (23, "1"), "setinputsizes": (1,),
    "setoutputsize": (1,), "copy_from": (None, "t"), "copy_to": (None, "t"),
    "copy_expert": ("x", None), "__exit__": (None, None, None),
    "set_client_encoding": ("utf8",), "get_parameter_status": ("x",),
    "set_isolation_level": (1,), "xid": (1, "a", "b"), "tpc_begin": ("x",),
    "cursor": (), "lobject": (),
}

OK_EXC = (psycopg2.Error, TypeError, ValueError, AttributeError,
          SystemError)


def _poke(obj):
    for name in _all_calls(obj):
        try:
            val = getattr(obj, name)
        except OK_EXC:
            continue
        if callable(val):
            try:
                val(*CALL_ARGS.get(name, ()))
            except OK_EXC:
                pass
    for name in ("closed", "dsn", "status", "autocommit", "notices",
                 "rowcount", "connection", "description", "query"):
        try:
            getattr(obj, name)
        except OK_EXC:
            pass
    repr(obj)
    str(obj)


@ref_crashes
def test_uninitialised_connection():
    conn = ext.connection.__new__(ext.connection)
    _poke(conn)
    with pytest.raises(OK_EXC):
        conn.cursor()
    with pytest.raises(OK_EXC):
        conn.commit()
    for attr, value in [("autocommit", True), ("isolation_level", 1),
                        ("readonly", True)]:
        try:
            setattr(conn, attr, value)
        except OK_EXC:
            pass
    del conn
    gc.collect()


@ref_crashes
def test_uninitialised_cursor(conn):
    cur = ext.cursor.__new__(ext.cursor)
    _poke(cur)
    with pytest.raises(OK_EXC):
        cur.execute("select 1")
    with pytest.raises(OK_EXC):
        cur.fetchone()
    cur.arraysize = 3
    del cur
    gc.collect()


@ref_crashes
def test_cursor_on_uninitialised_connection():
    conn = ext.connection.__new__(ext.connection)
    with pytest.raises(OK_EXC):
        cur = ext.cursor(conn)
        cur.execute("select 1")


@pytest.mark.parametrize("conn_arg", [None, 1, "dsn", object()])
def test_cursor_constructor_bad_connection(conn_arg):
    with pytest.raises(TypeError):
        ext.cursor(conn_arg)


def test_cursor_constructor_bad_args(conn):
    with pytest.raises(TypeError):
        ext.cursor()
    with pytest.raises(TypeError):
        ext.cursor(conn, 1)
    with pytest.raises(TypeError):
        ext.cursor(conn, None, 1, 2)
    still_usable(conn)


@pytest.mark.parametrize("dsn_arg", [None, 1, b"x", object()])
def test_connection_constructor_bad_dsn(dsn_arg):
    with pytest.raises((TypeError, psycopg2.OperationalError,
                        psycopg2.ProgrammingError)):
        ext.connection(dsn_arg)


def test_connection_constructor_bad_dsn_string():
    # psycopg2.connect() parses the dsn first: ProgrammingError
    with pytest.raises(psycopg2.ProgrammingError):
        psycopg2.connect("nosuchoption=1")
    with pytest.raises(psycopg2.ProgrammingError):
        psycopg2.connect("'")
    # psycopg2 2.9 raises InternalError("the connection string is not
    # valid") when the class is called directly
    with pytest.raises(psycopg2.InternalError):
        ext.connection("nosuchoption=1")
    with pytest.raises(ValueError):
        ext.connection("host=\x00")
    with pytest.raises(ValueError):
        ext.connection("host=127.0.0.1 \x00x=1")
    with pytest.raises(UnicodeEncodeError):
        ext.connection("host=" + SURROGATE)
    with pytest.raises(psycopg2.InternalError):
        ext.connection("'")


# -------------------------------------------------- __init__ twice

@ref_crashes
def test_connection_init_twice(dsn):
    conn = psycopg2.connect(dsn)
    pid = conn.get_backend_pid()
    try:
        conn.__init__(dsn)
    except OK_EXC:
        pass
    # whatever happened, the object is consistent and closes cleanly
    if not conn.closed:
        cur = conn.cursor()
        cur.execute("select pg_backend_pid()")
        cur.fetchone()
        assert isinstance(conn.get_backend_pid(), int)
    conn.close()
    conn.close()
    del conn
    gc.collect()
    assert pid


@ref_crashes
def test_connection_init_twice_bad_dsn(dsn):
    conn = psycopg2.connect(dsn)
    try:
        conn.__init__("port=1 host=127.0.0.1 connect_timeout=2")
    except OK_EXC:
        pass
    try:
        still_usable(conn)
    except psycopg2.Error:
        pass
    conn.close()


def test_cursor_init_twice(conn, make_conn):
    cur = conn.cursor()
    cur.execute("select 1")
    other = make_conn()
    try:
        cur.__init__(other)
    except OK_EXC:
        pass
    cur.execute("select 2")
    assert cur.fetchone() == (2,)
    cur.close()
    still_usable(conn)
    still_usable(other)


# -------------------------------------------------------- subclasses

@ref_crashes
def test_connection_subclass_without_super_init(dsn):
    class C(ext.connection):
        def __init__(self, dsn, *args, **kwargs):
            self.x = 1

    conn = psycopg2.connect(dsn, connection_factory=C)
    with pytest.raises(OK_EXC):
        cur = conn.cursor()
        cur.execute("select 1")
    try:
        conn.close()
    except OK_EXC:
        pass
    del conn
    gc.collect()


@ref_crashes
def test_cursor_subclass_without_super_init(conn):
    class K(ext.cursor):
        def __init__(self, *args, **kwargs):
            self.x = 1

    with pytest.raises(OK_EXC):
        cur = conn.cursor(cursor_factory=K)
        cur.execute("select 1")
        cur.fetchone()
    still_usable(conn)


def test_connection_factory_raises(dsn):
    class Boom(Exception):
        pass

    def factory(*args, **kwargs):
        raise Boom

    class C(ext.connection):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            raise Boom

    with pytest.raises(Boom):
        psycopg2.connect(dsn, connection_factory=factory)
    with pytest.raises(Boom):
        psycopg2.connect(dsn, connection_factory=C)
    gc.collect()


@pytest.mark.parametrize("factory", [
    lambda *a, **k: 42, dict, lambda *a, **k: None,
])
def test_connection_factory_non_connection(dsn, factory):
    # psycopg2.connect() returns whatever the factory returns
    try:
        psycopg2.connect(dsn, connection_factory=factory)
    except (TypeError, ValueError):
        pass
    with pytest.raises((TypeError, AttributeError)):
        psycopg2.connect(dsn, connection_factory=lambda *a, **k: 42,
                         cursor_factory=ext.cursor)


# -------------------------------------------------------- bad queries

class FakeComposable:
    def __init__(self, fn):
        self.fn = fn

    def as_string(self, context):
        return self.fn()


def _sql_mod():
    try:
        import psycopg2.sql as sql
    except ImportError:
        pytest.skip("psycopg2.sql not implemented")
    return sql


@pytest.mark.parametrize("result, exc", [
    (ZeroDivisionError, ZeroDivisionError),
    (42, TypeError),
    (None, (TypeError, psycopg2.ProgrammingError)),
    (b"select 1", None),
    ("select " + SURROGATE, UnicodeEncodeError),
])
def test_composable_as_string_misbehaves(conn, cur, result, exc):
    sql = _sql_mod()

    class Bad(sql.Composable):
        def as_string(self, context):
            if isinstance(result, type):
                raise result
            return result

    q = Bad(None)
    if exc is None:
        cur.execute(q)
        assert cur.fetchone() == (1,)
    else:
        with pytest.raises(exc):
            cur.execute(q)
        with pytest.raises(exc):
            cur.mogrify(q)
    still_usable(conn)


def test_duck_typed_composable(conn, cur):
    # psycopg2 only takes str, bytes and sql.Composable (TypeError);
    # accepting any object with as_string() is tolerated
    for fn in (lambda: 1 / 0, lambda: 42, lambda: None):
        with pytest.raises((TypeError, ZeroDivisionError)):
            cur.execute(FakeComposable(fn))
    try:
        cur.execute(FakeComposable(lambda: "select 1"))
    except TypeError:
        pass
    still_usable(conn)


@pytest.mark.parametrize("query", [
    SURROGATE, "select '\ud800'", "select 1 -- " + SURROGATE * 3,
])
def test_unencodable_query(conn, cur, query):
    with pytest.raises(UnicodeEncodeError):
        cur.execute(query)
    still_usable(conn)


def test_query_with_invalid_utf8_bytes(conn, cur):
    with pytest.raises(psycopg2.DataError):
        cur.execute(b"select '\xff\xfe'")
    still_usable(conn)


def test_empty_queries(conn, cur):
    for q in ("", b""):
        with pytest.raises(psycopg2.ProgrammingError):
            cur.execute(q)
    still_usable(conn)


def test_huge_query(conn, cur):
    big = "x" * (10 * 1024 * 1024)
    cur.execute("select length(%s)", (big,))
    assert cur.fetchone() == (len(big),)
    cur.execute("select length('" + big + "')")
    assert cur.fetchone() == (len(big),)
    assert len(cur.query) > len(big)
    with pytest.raises(psycopg2.ProgrammingError):
        cur.execute("select " + "x" * (10 * 1024 * 1024))
    still_usable(conn)


def test_huge_mogrify_many_params(cur):
    params = list(range(10000))
    q = "select " + ",".join(["%s"] * len(params))
    out = cur.mogrify(q, params)
    assert out.endswith(b"9999")
    cur.execute("select array_length(array[" + ",".join(["%s"] * 10000)
                + "], 1)", params)
    assert cur.fetchone() == (10000,)
    named = {f"p{i}": i for i in range(10000)}
    q = "select array_length(array[%s], 1)" % ",".join(
        f"%(p{i})s" for i in range(10000))
    cur.execute(q, named)
    assert cur.fetchone() == (10000,)


def test_too_many_columns(conn, cur):
    q = "select " + ",".join(["%s"] * 2000)
    with pytest.raises(psycopg2.OperationalError):
        cur.execute(q, list(range(2000)))   # limit 1664 columns (54011)
    still_usable(conn)


# ------------------------------------------------------ bad parameters

class BadSeq:
    def __init__(self, fail_len=False, fail_item=False, length=1):
        self.fail_len = fail_len
        self.fail_item = fail_item
        self.length = length

    def __len__(self):
        if self.fail_len:
            raise ZeroDivisionError("len")
        return self.length

    def __getitem__(self, i):
        if self.fail_item:
            raise ZeroDivisionError("item")
        if i >= self.length:
            raise IndexError(i)
        return i


class BadMap(dict):
    def __getitem__(self, k):
        raise ZeroDivisionError("map")


# psycopg2 2.9 raises SystemError on a failing/huge __len__
ref_systemerror = pytest.mark.skipif(
    not OURS, reason="psycopg2 2.9 raises SystemError")


@pytest.mark.parametrize("params, exc", [
    pytest.param(BadSeq(fail_len=True), (ZeroDivisionError, TypeError),
                 marks=ref_systemerror),
    (BadSeq(fail_item=True), (ZeroDivisionError, TypeError)),
    (BadSeq(length=-1), (ValueError, TypeError, IndexError)),
    pytest.param(BadSeq(length=HUGE), (OverflowError, TypeError),
                 marks=ref_systemerror),
    (BadSeq(length=5), TypeError),
])
def test_parameters_sequence_raises(conn, cur, params, exc):
    for fn in (cur.execute, cur.mogrify):
        with pytest.raises(exc):
            fn("select %s", params)
    with pytest.raises(exc):
        cur.executemany("select %s", [params])
    still_usable(conn)


def test_parameters_mapping_raises(conn, cur):
    for fn in (cur.execute, cur.mogrify):
        with pytest.raises(ZeroDivisionError):
            fn("select %(a)s", BadMap(a=1))
    still_usable(conn)


def test_parameters_iterable_raises(conn, cur):
    def gen():
        yield (1,)
        raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        cur.executemany("select %s", gen())
    still_usable(conn)


class Thing:
    pass


class BadQuoted:
    def __init__(self, result):
        self.result = result

    def getquoted(self):
        if isinstance(self.result, type):
            raise self.result("getquoted")
        return self.result


@pytest.fixture
def thing_adapter():
    yield
    ext.adapters.pop((Thing, ext.ISQLQuote), None)


@pytest.mark.parametrize("adapter, exc", [
    (lambda obj: 1 / 0, ZeroDivisionError),
    (lambda obj: None, (TypeError, psycopg2.ProgrammingError, AttributeError)),
    (lambda obj: 42, (TypeError, AttributeError, psycopg2.ProgrammingError)),
    (lambda obj: BadQuoted(ZeroDivisionError), ZeroDivisionError),
    (lambda obj: BadQuoted(42), ValueError),
    (lambda obj: BadQuoted(None), ValueError),
    (lambda obj: BadQuoted("1"), None),   # str is accepted too
    (lambda obj: BadQuoted(SURROGATE), UnicodeEncodeError),
    (lambda obj: BadQuoted(b"1"), None),
    (lambda obj: BadQuoted(bytearray(b"1")), ValueError),
])
def test_adapter_misbehaves(conn, cur, thing_adapter, adapter, exc):
    ext.register_adapter(Thing, adapter)
    for fn in (cur.mogrify, cur.execute):
        if exc is None:
            fn("select %s", (Thing(),))
        else:
            with pytest.raises(exc):
                fn("select %s", (Thing(),))
    still_usable(conn)


def test_adapter_prepare_raises(conn, cur, thing_adapter):
    class Q(BadQuoted):
        def prepare(self, conn):
            raise ZeroDivisionError("prepare")

    ext.register_adapter(Thing, lambda obj: Q(b"1"))
    with pytest.raises(ZeroDivisionError):
        cur.execute("select %s", [Thing()])
    still_usable(conn)


def test_conform_raises(conn, cur):
    class C:
        def __conform__(self, proto):
            raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        cur.execute("select %s", [C()])
    still_usable(conn)


# -------------------------------------------------- nested and cyclic

def _nested(depth):
    v = 1
    for _ in range(depth):
        v = [v]
    return v


@pytest.mark.parametrize("depth", [5, 1000, 100000])
def test_deeply_nested_list(conn, cur, depth):
    v = _nested(depth)
    try:
        q = cur.mogrify("select %s", (v,))
    except (RecursionError, psycopg2.ProgrammingError, MemoryError,
            ValueError):
        pass
    else:
        assert q.count(b"ARRAY[") == depth
        if depth <= 5:     # PostgreSQL allows 6 dimensions
            cur.execute("select %s", (v,))
            assert cur.fetchone() == (v,)
    still_usable(conn)


def test_self_referencing_list(conn, cur):
    lst = []
    lst.append(lst)
    with pytest.raises((RecursionError, ValueError,
                        psycopg2.ProgrammingError)):
        cur.execute("select %s", (lst,))
    with pytest.raises((RecursionError, ValueError,
                        psycopg2.ProgrammingError)):
        cur.mogrify("select %s", [[1, lst]])
    still_usable(conn)


def test_self_referencing_params(conn, cur):
    d = {}
    d["a"] = d
    with pytest.raises(psycopg2.ProgrammingError):
        cur.execute("select %(a)s", d)
    still_usable(conn)


@ref_crashes
def test_list_mutated_during_adaptation(conn, cur, thing_adapter):
    lst = [1, 2, 3]

    class Grow:
        def getquoted(self):
            lst.extend(range(1000))
            return b"0"

    ext.register_adapter(Thing, lambda obj: Grow())
    lst.append(Thing())
    try:
        cur.mogrify("select %s", (lst,))
    except OK_EXC:
        pass

    lst2 = [Thing(), 1, 2, 3]

    class Shrink:
        def getquoted(self):
            del lst2[:]
            return b"0"

    ext.register_adapter(Thing, lambda obj: Shrink())
    try:
        cur.mogrify("select %s", (lst2,))
    except OK_EXC:
        pass
    still_usable(conn)


def test_params_mutated_during_adaptation(conn, cur, thing_adapter):
    params = [None, 1, 2]

    class Clear:
        def getquoted(self):
            params.clear()
            return b"0"

    ext.register_adapter(Thing, lambda obj: Clear())
    params[0] = Thing()
    try:
        cur.execute("select %s, %s, %s", params)
    except OK_EXC + (IndexError,):
        pass
    still_usable(conn)


def test_connection_closed_inside_adapter(make_conn, thing_adapter):
    conn = make_conn()
    cur = conn.cursor()

    class Closer:
        def getquoted(self):
            conn.close()
            return b"1"

    ext.register_adapter(Thing, lambda obj: Closer())
    with pytest.raises((psycopg2.InterfaceError, psycopg2.OperationalError)):
        cur.execute("select %s", [Thing()])
    assert conn.closed


def test_cursor_closed_inside_adapter(conn, cur, thing_adapter):
    class Closer:
        def getquoted(self):
            cur.close()
            return b"1"

    ext.register_adapter(Thing, lambda obj: Closer())
    try:
        cur.execute("select %s", [Thing()])
    except psycopg2.InterfaceError:
        pass
    with pytest.raises(psycopg2.InterfaceError):
        cur.execute("select 1")
    still_usable(conn)


def test_query_during_adaptation(conn, cur, thing_adapter):
    class Reenter:
        def getquoted(self):
            cur.execute("select 2")
            return b"1"

    ext.register_adapter(Thing, lambda obj: Reenter())
    try:
        cur.execute("select %s", [Thing()])
        assert cur.fetchone() in [(1,), (2,)]
    except psycopg2.Error:
        pass
    still_usable(conn)


# ------------------------------------------------ typecaster misuse

def test_typecaster_raises(conn, cur):
    def boom(value, cur):
        raise ZeroDivisionError

    T = ext.new_type((23,), "BOOMINT", boom)
    ext.register_type(T, cur)
    cur.execute("select 1::int4")
    with pytest.raises(ZeroDivisionError):
        cur.fetchone()
    cur2 = conn.cursor()
    cur2.execute("select 1::int4")
    assert cur2.fetchone() == (1,)


@pytest.mark.parametrize("args, exc", [
    ((), TypeError),
    ((None, "X", None), TypeError),
    (("x", "X", None), TypeError),
    (((23,), 1, None), TypeError),
])
def test_new_type_bad_args(args, exc):
    with pytest.raises(exc):
        ext.new_type(*args)


def test_register_type_bad_args(conn, cur):
    with pytest.raises(TypeError):
        ext.register_type(1)
    with pytest.raises(TypeError):
        ext.register_type(ext.UNICODE, 1)
    with pytest.raises(TypeError):
        ext.register_type(None, conn)
