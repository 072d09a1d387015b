"""Two-phase commit: the Xid type and the connection's tpc_* methods.

psycopg2's model (DB-API two-phase commit extension over PostgreSQL's
PREPARE TRANSACTION): tpc_begin(xid) opens a transaction tied to xid;
tpc_prepare() hands it to the server (status STATUS_PREPARED); tpc_commit()
/ tpc_rollback() end it, in one phase when it was not prepared. With an
xid argument they finish a transaction prepared elsewhere (recovery), and
tpc_recover() lists what is prepared on the server.

Every prepared transaction made here has a transaction id starting with
PREFIX (or an XA id whose gtrid does) and is rolled back at teardown, so
that the shared server's max_prepared_transactions slots stay free.
Deliberate differences from psycopg2 2.9 are marked `only_ours`.
"""

import datetime
import pickle
import threading
import uuid
import weakref

import pytest

import psycopg2
import psycopg2.errors as errors
import psycopg2.extensions as ext
from psycopg2.extensions import Xid

# Only psycopg2-cluster says so in its package docstring.
OURS = "psycopg2-cluster" in (psycopg2.__doc__ or "")
only_ours = pytest.mark.skipif(
    not OURS, reason="deliberate difference from psycopg2 2.9 (see comment)")

PREFIX = "tpctst"           # 6 characters: base64 'dHBjdHN0'
PREFIX_B64 = "dHBjdHN0"


def is_ours(gid):
    return gid.startswith(PREFIX) or f"_{PREFIX_B64}" in gid


def prepared_gids(dsn):
    c = psycopg2.connect(dsn)
    try:
        c.autocommit = True
        cur = c.cursor()
        cur.execute("select gid, database from pg_prepared_xacts")
        return [(gid, db) for gid, db in cur.fetchall() if is_ours(gid)]
    finally:
        c.close()


@pytest.fixture(autouse=True)
def cleanup_prepared(dsn):
    yield
    for gid, db in prepared_gids(dsn):
        c = psycopg2.connect(dsn, dbname=db)
        try:
            c.autocommit = True
            c.cursor().execute("rollback prepared %s", (gid,))
        finally:
            c.close()


@pytest.fixture
def table(make_conn):
    """A table for the data of the transactions (prepared transactions
    cannot use temporary tables)."""
    name = "tpc_" + uuid.uuid4().hex[:10]
    c = make_conn()
    c.autocommit = True
    c.cursor().execute(f"create table {name} (data text)")
    yield name
    c.cursor().execute(f"drop table if exists {name}")


@pytest.fixture
def other(make_conn):
    """A second connection, autocommit, to look from outside."""
    c = make_conn()
    c.autocommit = True
    return c


def count(conn, table):
    cur = conn.cursor()
    cur.execute(f"select count(*) from {table}")
    return cur.fetchone()[0]


def server_gids(conn):
    cur = conn.cursor()
    cur.execute("select gid from pg_prepared_xacts")
    return sorted(r[0] for r in cur.fetchall() if is_ours(r[0]))


def uid():
    return uuid.uuid4().hex[:12]


def new_xid(conn, fmt=42):
    return conn.xid(fmt, f"{PREFIX}-{uid()}", "bq")


# ------------------------------------------------------------- the Xid


def test_exported():
    assert ext.Xid is psycopg2._psycopg.Xid
    assert Xid.__name__ == "Xid"
    assert Xid.__module__ == "psycopg2.extensions"


def test_xid(conn):
    x = conn.xid(42, "gtrid", "bqual")
    assert type(x) is Xid
    assert (x.format_id, x.gtrid, x.bqual) == (42, "gtrid", "bqual")
    assert (x.prepared, x.owner, x.database) == (None, None, None)
    assert str(x) == "42_Z3RyaWQ=_YnF1YWw="
    assert repr(x) == "<Xid: (42, 'gtrid', 'bqual')>"
    assert len(x) == 3
    assert (x[0], x[1], x[2], x[-1], x[-3]) == (42, "gtrid", "bqual",
                                                 "bqual", 42)
    assert tuple(x) == (42, "gtrid", "bqual")
    fmt, gtrid, bqual = x
    assert (fmt, gtrid, bqual) == (42, "gtrid", "bqual")
    with pytest.raises(IndexError, match="index out of range"):
        x[3]
    with pytest.raises(TypeError):
        x[0:2]


def test_xid_constructor():
    assert str(Xid(1, "a", "b")) == "1_YQ==_Yg=="
    assert str(Xid(format_id=1, gtrid="a", bqual="b")) == "1_YQ==_Yg=="
    assert str(Xid(0, "", "")) == "0__"
    assert str(Xid(2 ** 31 - 1, "a b", "~")) == "2147483647_YSBi_fg=="
    assert str(Xid(True, "a", "b")) == "1_YQ==_Yg=="

    class MyXid(Xid):
        pass

    assert str(MyXid(1, "a", "b")) == "1_YQ==_Yg=="


def test_xid_identity_semantics(conn):
    # no value comparison, as psycopg2
    x = conn.xid(1, "a", "b")
    assert x != conn.xid(1, "a", "b")
    assert x != (1, "a", "b")
    assert x == x
    hash(x)


@pytest.mark.parametrize("args, exc, msg", [
    ((-1, "a", "b"), ValueError,
     "format_id must be a non-negative 32-bit integer"),
    ((2 ** 31, "a", "b"), OverflowError, "signed integer is greater"),
    ((2 ** 80, "a", "b"), OverflowError, "too large"),
    ((1, "a" * 65, "b"), ValueError,
     "gtrid must be a string no longer than 64 characters"),
    ((1, "a", "b" * 65), ValueError,
     "bqual must be a string no longer than 64 characters"),
    ((1, "è", "b"), ValueError,
     r"gtrid must contain only printable characters\."),
    ((1, "a\x01", "b"), ValueError, "gtrid must contain only printable"),
    ((1, "a", "\x7f"), ValueError, "bqual must contain only printable"),
    ((1, b"a", "b"), TypeError, "must be str, not bytes"),
    ((1, 2, "b"), TypeError, "must be str, not int"),
    ((1, "a", None), TypeError, "must be str, not None"),
    (("1", "a", "b"), TypeError, "cannot be interpreted as an integer"),
    ((1.0, "a", "b"), TypeError, "cannot be interpreted as an integer"),
    ((), TypeError, "format_id"),
    (("a",), TypeError, "cannot be interpreted as an integer"),
])
def test_xid_bad_arguments(conn, args, exc, msg):
    with pytest.raises(exc, match=msg):
        conn.xid(*args)
    with pytest.raises(exc, match=msg):
        Xid(*args)


def test_xid_part_lengths(conn):
    x = conn.xid(1, "a" * 64, "b" * 64)
    assert Xid.from_string(str(x)).gtrid == "a" * 64


def test_xid_readonly(conn):
    x = conn.xid(1, "a", "b")
    for attr in ("format_id", "gtrid", "bqual", "prepared", "owner",
                 "database"):
        with pytest.raises(AttributeError):
            setattr(x, attr, "z")
    with pytest.raises(AttributeError):
        x.foo = 1
    with pytest.raises(TypeError):
        weakref.ref(x)
    with pytest.raises(TypeError):
        pickle.dumps(x)


def test_xid_on_closed_connection(make_conn):
    c = make_conn()
    c.close()
    with pytest.raises(psycopg2.InterfaceError):
        c.xid(1, "a", "b")


def test_from_string_roundtrip(conn):
    x = conn.xid(7, "g t!", "~b")
    y = Xid.from_string(str(x))
    assert type(y) is Xid
    assert (y.format_id, y.gtrid, y.bqual) == (7, "g t!", "~b")
    assert repr(y) == "<Xid: (7, 'g t!', '~b')>"


@pytest.mark.parametrize("s", [
    "hello world", "", "a" * 300, "-1_Z3RyaWQ=_YnF1YWw=", "+1_YQ==_Yg==",
    " 1_YQ==_Yg==", "42_QQ=_Yg==", "42_wA==_Yg==", "1_AQ==_Yg==",
    "99999999999999999999_YQ==_Yg==", "2147483648_YQ==_Yg==", "1_a_b_c",
    "_YQ==_Yg==", "1_YQ==", "1_YQ-_Yg==", "1_Y_Z", "è", "a\x00b",
    "1_" + "YWFh" * 30 + "_Yg==",
])
def test_from_string_unparsed(s):
    x = Xid.from_string(s)
    assert (x.format_id, x.gtrid, x.bqual) == (None, s, None)
    assert str(x) == s
    assert repr(x) == f"<Xid: {s!r} (unparsed)>"
    assert tuple(x) == (None, s, None)


@pytest.mark.parametrize("s, parts, tid", [
    ("1_YQ==_Yg==", (1, "a", "b"), "1_YQ==_Yg=="),
    ("01_YQ==_Yg==", (1, "a", "b"), "1_YQ==_Yg=="),
    ("1__", (1, "", ""), "1__"),
    ("1_YWJj_", (1, "abc", ""), "1_YWJj_"),
    ("1_YQ==_Yg==\n", (1, "a", "b"), "1_YQ==_Yg=="),
    ("1_YQ==_Yg== ", (1, "a", "b"), "1_YQ==_Yg=="),
    ("1_YW Jj_Yg==", (1, "abc", "b"), "1_YWJj_Yg=="),     # lenient base64
    ("\u0661_YQ==_Yg==", (1, "a", "b"), "1_YQ==_Yg=="),  # any decimal digit
    ("2147483647_YQ==_Yg==", (2147483647, "a", "b"),
     "2147483647_YQ==_Yg=="),
])
def test_from_string_parsed(s, parts, tid):
    x = Xid.from_string(s)
    assert (x.format_id, x.gtrid, x.bqual) == parts
    assert str(x) == tid


def test_from_string_subclass_of_str():
    class S(str):
        pass

    assert tuple(Xid.from_string(S("1_YQ==_Yg=="))) == (1, "a", "b")


def test_from_string_is_static():
    class MyXid(Xid):
        pass

    assert type(MyXid.from_string("x")) is Xid


@pytest.mark.parametrize("value", [1, None, 1.5, (1, "a", "b")])
def test_from_string_bad_type(value):
    with pytest.raises(TypeError, match="not a valid transaction id"):
        Xid.from_string(value)


@only_ours
def test_from_string_bytes():
    # psycopg2 makes an Xid whose gtrid is bytes
    with pytest.raises(TypeError, match="not a valid transaction id"):
        Xid.from_string(b"abc")


# ---------------------------------------------------- the happy paths


def test_two_phase_commit(conn, other, table):
    x = new_xid(conn)
    assert conn.status == ext.STATUS_READY
    conn.tpc_begin(x)
    assert conn.status == ext.STATUS_BEGIN
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_INTRANS
    conn.cursor().execute(f"insert into {table} values ('2pc')")
    conn.tpc_prepare()
    assert conn.status == ext.STATUS_PREPARED
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE
    assert server_gids(other) == [str(x)]
    assert count(other, table) == 0
    conn.tpc_commit()
    assert conn.status == ext.STATUS_READY
    assert server_gids(other) == []
    assert count(other, table) == 1
    # the connection works normally afterwards
    conn.cursor().execute("select 1")
    conn.commit()


def test_two_phase_rollback(conn, other, table):
    conn.tpc_begin(new_xid(conn))
    conn.cursor().execute(f"insert into {table} values ('2pc')")
    conn.tpc_prepare()
    conn.tpc_rollback()
    assert conn.status == ext.STATUS_READY
    assert server_gids(other) == []
    assert count(other, table) == 0


@pytest.mark.parametrize("finish, rows", [("tpc_commit", 1),
                                          ("tpc_rollback", 0)])
def test_one_phase(conn, other, table, finish, rows):
    conn.tpc_begin(new_xid(conn))
    conn.cursor().execute(f"insert into {table} values ('1pc')")
    getattr(conn, finish)()
    assert conn.status == ext.STATUS_READY
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE
    assert count(other, table) == rows
    assert server_gids(other) == []


def test_string_transaction_id(conn, other, table):
    gid = f"{PREFIX} plain id {uid()}"
    conn.tpc_begin(gid)
    conn.cursor().execute(f"insert into {table} values ('x')")
    conn.tpc_prepare()
    assert server_gids(other) == [gid]
    conn.tpc_commit()
    assert count(other, table) == 1


def test_xid_subclass(conn, other):
    class MyXid(Xid):
        pass

    x = MyXid(3, f"{PREFIX}-{uid()}", "b")
    conn.tpc_begin(x)
    conn.tpc_prepare()
    assert server_gids(other) == [str(x)]
    conn.tpc_rollback()


def test_prepare_empty_transaction(conn, other):
    x = new_xid(conn)
    conn.tpc_begin(x)
    conn.tpc_prepare()
    assert server_gids(other) == [str(x)]
    conn.tpc_commit()
    assert server_gids(other) == []


def test_quotes_in_transaction_id(conn, other):
    gid = f"{PREFIX} it's a \\ test {uid()}"
    conn.tpc_begin(gid)
    conn.tpc_prepare()
    assert server_gids(other) == [gid]
    conn.tpc_rollback()
    assert server_gids(other) == []


def test_session_characteristics_apply(conn):
    conn.set_session(isolation_level="SERIALIZABLE", readonly=True)
    conn.tpc_begin(new_xid(conn))
    cur = conn.cursor()
    cur.execute("show transaction_isolation")
    assert cur.fetchone()[0] == "serializable"
    cur.execute("show transaction_read_only")
    assert cur.fetchone()[0] == "on"
    conn.tpc_rollback()


def test_lobject_in_tpc(conn, other):
    conn.tpc_begin(new_xid(conn))
    lo = conn.lobject(0, "wb")
    lo.write(b"2pc data")
    conn.tpc_prepare()
    conn.tpc_commit()
    other.autocommit = False
    assert other.lobject(lo.oid, "rb").read() == b"2pc data"
    other.lobject(lo.oid).unlink()
    other.commit()


# ------------------------------------------------------------ recovery


def prepare_elsewhere(make_conn, xid_or_gid, table=None):
    c = make_conn()
    c.tpc_begin(xid_or_gid)
    if table:
        c.cursor().execute(f"insert into {table} values ('recovered')")
    c.tpc_prepare()
    c.close()        # the prepared transaction survives the session


def test_recover(conn, make_conn):
    x = new_xid(conn, fmt=7)
    gid = f"{PREFIX}-plain-{uid()}"
    prepare_elsewhere(make_conn, x)
    prepare_elsewhere(make_conn, gid)
    before = datetime.datetime.now(datetime.timezone.utc)
    found = {str(r): r for r in conn.tpc_recover() if is_ours(str(r))}
    assert set(found) == {str(x), gid}
    r = found[str(x)]
    assert type(r) is Xid
    assert (r.format_id, r.gtrid, r.bqual) == (7, x.gtrid, "bq")
    assert isinstance(r.prepared, datetime.datetime)
    assert r.prepared.tzinfo is not None
    assert r.prepared <= before
    assert r.owner == "postgres"
    assert r.database == "postgres"
    u = found[gid]
    assert (u.format_id, u.gtrid, u.bqual) == (None, gid, None)
    assert u.owner == "postgres"


@pytest.mark.parametrize("finish, rows", [("tpc_commit", 1),
                                          ("tpc_rollback", 0)])
def test_finish_recovered(conn, other, table, make_conn, finish, rows):
    x = new_xid(conn)
    prepare_elsewhere(make_conn, x, table)
    recovered = [r for r in conn.tpc_recover() if str(r) == str(x)]
    assert len(recovered) == 1
    getattr(conn, finish)(recovered[0])
    assert count(other, table) == rows
    assert server_gids(other) == []
    assert conn.status == ext.STATUS_READY


def test_finish_by_string(conn, other, table, make_conn):
    gid = f"{PREFIX}-{uid()}"
    prepare_elsewhere(make_conn, gid, table)
    conn.tpc_commit(gid)
    assert count(other, table) == 1
    x = new_xid(conn)
    prepare_elsewhere(make_conn, x)
    conn.tpc_rollback(str(x))       # the string of an XA id works too
    assert server_gids(other) == []


def test_finish_in_autocommit(conn, other, make_conn):
    gid = f"{PREFIX}-{uid()}"
    prepare_elsewhere(make_conn, gid)
    conn.autocommit = True
    assert gid in [str(r) for r in conn.tpc_recover()]
    conn.tpc_rollback(gid)
    assert server_gids(other) == []


def test_finish_unknown(conn):
    with pytest.raises(errors.UndefinedObject) as exc:
        conn.tpc_commit(f"{PREFIX}-nope")
    assert exc.value.pgcode == "42704"
    assert "does not exist" in str(exc.value)
    assert conn.status == ext.STATUS_READY
    with pytest.raises(errors.UndefinedObject):
        conn.tpc_rollback(conn.xid(1, "nope", "x"))
    conn.cursor().execute("select 1")


def test_recover_keeps_connection_state(conn):
    conn.tpc_recover()
    assert conn.status == ext.STATUS_READY
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE
    cur = conn.cursor()
    cur.execute("select 1")
    conn.tpc_recover()
    assert conn.status == ext.STATUS_BEGIN
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_INTRANS
    conn.rollback()
    conn.autocommit = True
    conn.tpc_recover()
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE


def test_recover_with_cursor_factory(make_conn, dsn):
    import psycopg2.extras

    conn = make_conn(cursor_factory=psycopg2.extras.DictCursor)
    gid = f"{PREFIX}-{uid()}"
    prepare_elsewhere(make_conn, gid)
    assert gid in [str(r) for r in conn.tpc_recover()]


def test_recover_other_database(conn, make_conn, fresh_dsn):
    x = new_xid(conn, fmt=9)
    prepare_elsewhere(lambda: make_conn(fresh_dsn), x)
    mine = [r for r in conn.tpc_recover() if str(r) == str(x)]
    assert mine[0].database == psycopg2.extensions.parse_dsn(
        fresh_dsn)["dbname"]
    with pytest.raises(errors.FeatureNotSupported,
                       match="belongs to another database"):
        conn.tpc_rollback(mine[0])
    make_conn(fresh_dsn).tpc_rollback(mine[0])


# --------------------------------------------------- the state rules


def test_commit_rollback_refused(conn):
    conn.tpc_begin(new_xid(conn))
    for meth in ("commit", "rollback"):
        with pytest.raises(psycopg2.ProgrammingError, match=f"{meth} cannot "
                           "be used during a two-phase transaction"):
            getattr(conn, meth)()
    conn.tpc_prepare()
    for meth in ("commit", "rollback"):
        with pytest.raises(psycopg2.ProgrammingError, match=f"{meth} cannot "
                           "be used during a two-phase transaction"):
            getattr(conn, meth)()
    conn.tpc_rollback()
    conn.commit()
    conn.rollback()


def test_with_block_refused(conn):
    conn.tpc_begin(new_xid(conn))
    with pytest.raises(psycopg2.ProgrammingError, match="commit cannot be "
                       "used during a two-phase transaction"):
        with conn:
            pass
    with pytest.raises(psycopg2.ProgrammingError, match="rollback cannot be "
                       "used during a two-phase transaction"):
        conn.__exit__(ValueError, ValueError(), None)
    assert conn.status == ext.STATUS_BEGIN
    conn.tpc_rollback()


def test_begin_refused(conn):
    cur = conn.cursor()
    cur.execute("select 1")
    with pytest.raises(psycopg2.ProgrammingError, match="tpc_begin cannot "
                       "be used inside a transaction"):
        conn.tpc_begin(new_xid(conn))
    conn.rollback()
    conn.tpc_begin(new_xid(conn))
    with pytest.raises(psycopg2.ProgrammingError, match="tpc_begin cannot "
                       "be used inside a transaction"):
        conn.tpc_begin(new_xid(conn))
    conn.tpc_prepare()
    with pytest.raises(psycopg2.ProgrammingError, match="tpc_begin cannot "
                       "be used inside a transaction"):
        conn.tpc_begin(new_xid(conn))
    conn.tpc_rollback()


def test_begin_in_autocommit(conn):
    conn.autocommit = True
    with pytest.raises(psycopg2.ProgrammingError, match="tpc_begin can't be "
                       "called in autocommit mode"):
        conn.tpc_begin(new_xid(conn))
    with pytest.raises(TypeError, match="not a valid transaction id"):
        conn.tpc_begin(5)        # the xid is checked first
    assert conn.status == ext.STATUS_READY


def test_begin_in_user_transaction_in_autocommit(conn):
    conn.autocommit = True
    conn.cursor().execute("begin")
    with pytest.raises(psycopg2.ProgrammingError):
        conn.tpc_begin(new_xid(conn))
    conn.cursor().execute("rollback")


@pytest.mark.parametrize("value", [None, 1, 1.5, (1, "a", "b")])
def test_begin_bad_xid(conn, value):
    with pytest.raises(TypeError, match="not a valid transaction id"):
        conn.tpc_begin(value)
    assert conn.status == ext.STATUS_READY


@only_ours
def test_begin_bytes(conn):
    # psycopg2 accepts bytes (and shows them as gtrid in tpc_recover-like
    # objects): refused here, a transaction id is text.
    with pytest.raises(TypeError, match="not a valid transaction id"):
        conn.tpc_begin(f"{PREFIX}".encode())


def test_prepare_refused(conn):
    with pytest.raises(psycopg2.ProgrammingError, match="prepare must be "
                       "called inside a two-phase transaction"):
        conn.tpc_prepare()
    conn.tpc_begin(new_xid(conn))
    conn.tpc_prepare()
    with pytest.raises(psycopg2.ProgrammingError, match="tpc_prepare cannot "
                       "be used with a prepared two-phase transaction"):
        conn.tpc_prepare()
    conn.tpc_rollback()


def test_finish_without_tpc(conn):
    msg = ("tpc_commit/tpc_rollback with no parameter must be called in a "
           "two-phase transaction")
    for meth in ("tpc_commit", "tpc_rollback"):
        with pytest.raises(psycopg2.ProgrammingError, match=msg):
            getattr(conn, meth)()
    conn.autocommit = True
    with pytest.raises(psycopg2.ProgrammingError, match=msg):
        conn.tpc_commit()


def test_finish_with_xid_inside_transaction(conn):
    msg = ("tpc_commit/tpc_rollback with a xid must be called outside a "
           "transaction")
    conn.cursor().execute("select 1")
    with pytest.raises(psycopg2.ProgrammingError, match=msg):
        conn.tpc_commit(f"{PREFIX}-x")
    conn.rollback()
    x = new_xid(conn)
    conn.tpc_begin(x)
    conn.tpc_prepare()
    with pytest.raises(psycopg2.ProgrammingError, match=msg):
        conn.tpc_rollback(x)
    conn.tpc_rollback()


@pytest.mark.parametrize("value", [None, 5])
def test_finish_bad_xid(conn, value):
    # an explicit None is not "no argument", as in psycopg2
    conn.cursor().execute("select 1")
    for meth in ("tpc_commit", "tpc_rollback"):
        with pytest.raises(TypeError, match="not a valid transaction id"):
            getattr(conn, meth)(value)


def test_bad_call_shapes(conn):
    with pytest.raises(TypeError):
        conn.tpc_prepare(1)
    with pytest.raises(TypeError):
        conn.tpc_commit(1, 2)
    with pytest.raises(TypeError):
        conn.tpc_recover(1)
    with pytest.raises(TypeError, match="no keyword arguments"):
        conn.tpc_begin(xid="x")
    with pytest.raises(TypeError, match="no keyword arguments"):
        conn.tpc_rollback(xid=None)
    assert str(conn.xid(format_id=1, gtrid="a", bqual="b")) == "1_YQ==_Yg=="


PREPARED_REFUSALS = [
    (lambda c: c.cursor().execute("select 1"), "execute"),
    (lambda c: c.cursor().executemany("select %s", [(1,)]), "executemany"),
    (lambda c: c.cursor().callproc("now"), "callproc"),
    (lambda c: c.cursor("named").execute("select 1"), "execute"),
    (lambda c: c.set_isolation_level(1), '"isolation_level"'),
    (lambda c: c.set_client_encoding("utf8"), "set_client_encoding"),
    (lambda c: c.cancel(), "cancel"),
    (lambda c: c.lobject(), "lobject"),
    (lambda c: c.tpc_recover(), "tpc_recover"),
]


@pytest.mark.parametrize("call, what", PREPARED_REFUSALS,
                         ids=[w + str(i) for i, (_, w)
                              in enumerate(PREPARED_REFUSALS)])
def test_refused_when_prepared(conn, call, what):
    conn.tpc_begin(new_xid(conn))
    conn.tpc_prepare()
    with pytest.raises(psycopg2.ProgrammingError,
                       match=f"{what} cannot be used with a prepared "
                       "two-phase transaction"):
        call(conn)
    # nothing was started under the prepared transaction
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE
    assert conn.status == ext.STATUS_PREPARED
    conn.tpc_rollback()


def test_copy_refused_when_prepared(conn):
    import io

    conn.tpc_begin(new_xid(conn))
    conn.tpc_prepare()
    cur = conn.cursor()
    for meth, args in [("copy_expert", ("copy (select 1) to stdout",
                                        io.StringIO())),
                       ("copy_to", (io.StringIO(), "pg_class")),
                       ("copy_from", (io.StringIO(), "pg_class"))]:
        with pytest.raises(psycopg2.ProgrammingError, match=f"{meth} cannot "
                           "be used with a prepared two-phase transaction"):
            getattr(cur, meth)(*args)
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE
    conn.tpc_rollback()


def test_session_changes_refused(conn):
    for step in ("begin", "prepare"):
        if step == "begin":
            conn.tpc_begin(new_xid(conn))
        else:
            conn.tpc_prepare()
        for attr, value in [("autocommit", True), ("readonly", True),
                            ("isolation_level", 1)]:
            with pytest.raises(psycopg2.ProgrammingError, match="set_session "
                               "cannot be used inside a transaction"):
                setattr(conn, attr, value)
        with pytest.raises(psycopg2.ProgrammingError, match="set_session "
                           "cannot be used inside a transaction"):
            conn.set_session(readonly=True)
    conn.tpc_rollback()
    conn.autocommit = True


def test_mogrify_and_cursor_allowed_when_prepared(conn):
    conn.tpc_begin(new_xid(conn))
    conn.tpc_prepare()
    cur = conn.cursor()
    assert cur.mogrify("select %s", (1,)) == b"select 1"
    assert conn.xid(1, "a", "b")
    conn.tpc_rollback()


def test_named_cursor_invalid_after_prepare(conn):
    conn.tpc_begin(new_xid(conn))
    cur = conn.cursor("tpcnamed")
    cur.execute("select generate_series(1, 10)")
    cur.fetchone()
    conn.tpc_prepare()
    with pytest.raises(psycopg2.ProgrammingError,
                       match="named cursor isn't valid anymore"):
        cur.fetchone()
    conn.tpc_rollback()


def test_reset_abandons_tpc(conn, other):
    conn.tpc_begin(new_xid(conn))
    conn.reset()
    assert conn.status == ext.STATUS_READY
    with pytest.raises(psycopg2.ProgrammingError, match="no parameter"):
        conn.tpc_commit()
    x = new_xid(conn)
    conn.tpc_begin(x)
    conn.tpc_prepare()
    conn.reset()
    assert conn.status == ext.STATUS_READY
    with pytest.raises(psycopg2.ProgrammingError, match="no parameter"):
        conn.tpc_rollback()
    # the prepared transaction stays on the server, to be recovered
    assert server_gids(other) == [str(x)]
    conn.tpc_rollback(x)


def test_set_isolation_level_ends_transaction(conn):
    # psycopg2 rolls the transaction back but keeps the xid: tpc_commit()
    # and tpc_rollback() then report an unexpected state.
    conn.tpc_begin(new_xid(conn))
    conn.set_isolation_level(1)
    assert conn.status == ext.STATUS_READY
    with pytest.raises(psycopg2.InterfaceError,
                       match="unexpected state in tpc_commit/tpc_rollback"):
        conn.tpc_rollback()
    # a new two-phase transaction can start
    conn.tpc_begin(new_xid(conn))
    conn.tpc_rollback()


def test_close_during_tpc(make_conn, other):
    c = make_conn()
    c.tpc_begin(new_xid(c))
    c.cursor().execute("select 1")
    c.close()
    assert server_gids(other) == []     # not prepared: rolled back


# ---------------------------------------------------------- failures


def test_prepare_duplicate_id(conn, make_conn, other):
    gid = f"{PREFIX}-dup-{uid()}"
    prepare_elsewhere(make_conn, gid)
    conn.tpc_begin(gid)
    with pytest.raises(errors.DuplicateObject, match="already in use"):
        conn.tpc_prepare()
    # the server ended the transaction; tpc_rollback ends the tpc
    assert conn.status == ext.STATUS_BEGIN
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE
    conn.tpc_rollback()
    assert conn.status == ext.STATUS_READY
    assert server_gids(other) == [gid]
    conn.tpc_rollback(gid)


def test_prepare_id_too_long(conn):
    conn.tpc_begin(f"{PREFIX}" + "x" * 300)
    with pytest.raises(errors.InvalidParameterValue, match="too long"):
        conn.tpc_prepare()
    conn.tpc_rollback()
    assert conn.status == ext.STATUS_READY


@only_ours
def test_prepare_nul_in_id(conn):
    # psycopg2 cuts the id at the NUL and prepares another transaction id
    conn.tpc_begin(Xid.from_string(f"{PREFIX}\x00x"))
    with pytest.raises(ValueError):
        conn.tpc_prepare()
    conn.tpc_rollback()


def test_one_phase_commit_of_failed_transaction(conn, other, table):
    conn.tpc_begin(new_xid(conn))
    cur = conn.cursor()
    cur.execute(f"insert into {table} values ('x')")
    with pytest.raises(psycopg2.DataError):
        cur.execute("select 1/0")
    conn.tpc_commit()       # COMMIT of a failed transaction rolls back
    assert conn.status == ext.STATUS_READY
    assert count(other, table) == 0


@only_ours
def test_prepare_failed_transaction(conn, other):
    # psycopg2 sends PREPARE, the server silently rolls back, psycopg2
    # believes the transaction prepared and every tpc_commit/tpc_rollback
    # then fails (the connection is stuck until reset()).
    conn.tpc_begin(new_xid(conn))
    cur = conn.cursor()
    with pytest.raises(psycopg2.DataError):
        cur.execute("select 1/0")
    with pytest.raises(errors.InFailedSqlTransaction,
                       match="cannot be prepared"):
        conn.tpc_prepare()
    assert conn.status == ext.STATUS_BEGIN
    conn.tpc_rollback()
    assert conn.status == ext.STATUS_READY
    assert server_gids(other) == []
    cur.execute("select 1")


def test_closed_connection(make_conn):
    c = make_conn()
    c.close()
    for call in (lambda: c.tpc_begin("x"), c.tpc_prepare, c.tpc_commit,
                 c.tpc_rollback, c.tpc_recover, lambda: c.tpc_commit("x")):
        with pytest.raises(psycopg2.InterfaceError,
                           match="connection already closed"):
            call()


def test_async_connection(dsn):
    import select

    try:
        a = psycopg2.connect(dsn, async_=True)
    except psycopg2.NotSupportedError:
        pytest.skip("no asynchronous connections")
    try:
        while a.poll() != ext.POLL_OK:
            select.select([a.fileno()], [a.fileno()], [], 10)
        for name, args in [("tpc_begin", ("x",)), ("tpc_prepare", ()),
                           ("tpc_commit", ()), ("tpc_rollback", ()),
                           ("tpc_recover", ())]:
            with pytest.raises(psycopg2.ProgrammingError, match=f"{name} "
                               "cannot be used in asynchronous mode"):
                getattr(a, name)(*args)
        with pytest.raises(psycopg2.ProgrammingError, match="lobject cannot "
                           "be used in asynchronous mode"):
            a.lobject()
        assert str(a.xid(1, "a", "b")) == "1_YQ==_Yg=="
    finally:
        a.close()


# ----------------------------------------------- threads and memory


def test_threads(make_conn, other, table):
    """Each thread runs whole two-phase transactions on its own
    connection, recovery runs on a shared one meanwhile."""
    shared = make_conn()
    errs = []

    def work(n):
        try:
            c = make_conn()
            for i in range(5):
                c.tpc_begin(c.xid(n, f"{PREFIX}-t{n}-{i}-{uid()}", "b"))
                c.cursor().execute(f"insert into {table} values ('t')")
                c.tpc_prepare()
                shared.tpc_recover()
                c.tpc_commit()
        except Exception as e:      # pragma: no cover - reported below
            errs.append(e)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errs
    assert count(other, table) == 15


def test_no_leak_xid(conn, assert_no_leak):
    def once():
        x = conn.xid(42, "gtrid", "bqual")
        str(x)
        repr(x)
        tuple(x)
        Xid.from_string(str(x))
        Xid.from_string("unparsed id")
        Xid.from_string("1_!!_QQ=")
        for bad in ((1, "a" * 65, "b"), (-1, "a", "b"), (1, b"a", "b")):
            try:
                Xid(*bad)
            except (ValueError, TypeError):
                pass
        try:
            conn.tpc_commit(None)
        except TypeError:
            pass

    # 10000 cycles: leaking 50 bytes per cycle would be 500 kB
    assert_no_leak(once, n=10000, warmup=500, limit_kb=400)


@pytest.mark.slow
def test_no_leak_tpc(conn, assert_no_leak):
    def once():
        conn.tpc_begin(conn.xid(42, f"{PREFIX}-leak", "b" * 60))
        conn.cursor().execute("select 1")
        conn.tpc_prepare()
        conn.tpc_commit()
        conn.tpc_begin(f"{PREFIX}-leak-plain")
        conn.tpc_rollback()
        conn.tpc_recover()

    # 500 cycles of ~8 round trips; leaking an Xid (~200 bytes) per cycle
    # would be 100 kB, the recovered list more
    assert_no_leak(once, n=500, warmup=50, limit_kb=256)
