"""Module-level API of psycopg2: connect(), DB-API globals, DSN helpers,
quote_ident, DB-API type objects and constructors, exception hierarchy."""

import datetime
import re

import pytest

import psycopg2
import psycopg2.extensions as ext


def _params(conn):
    """Connection parameters as the server sees them."""
    cur = conn.cursor()
    cur.execute(
        "select current_database(), current_user,"
        " current_setting('application_name')"
    )
    row = cur.fetchone()
    cur.close()
    return row


# ---------------------------------------------------------------- connect()


def test_connect_kv_dsn(dsn):
    conn = psycopg2.connect(dsn)
    try:
        assert isinstance(conn, ext.connection)
        assert conn.closed == 0
        assert conn.dsn == dsn
        assert _params(conn)[0] == ext.parse_dsn(dsn).get("dbname", "postgres")
    finally:
        conn.close()


def test_connect_url(dsn):
    p = ext.parse_dsn(dsn)
    url = "postgresql://%s@%s:%s/template1?application_name=urltest" % (
        p["user"], p["host"], p["port"])
    conn = psycopg2.connect(url)
    try:
        # no keyword: the DSN is kept as given
        assert conn.dsn == url
        assert _params(conn) == ("template1", p["user"], "urltest")
    finally:
        conn.close()


def test_connect_url_plus_keywords(dsn):
    p = ext.parse_dsn(dsn)
    url = "postgresql://%s@%s:%s/template1" % (p["user"], p["host"], p["port"])
    conn = psycopg2.connect(url, application_name="kw", dbname="postgres")
    try:
        assert _params(conn) == ("postgres", p["user"], "kw")
        # keywords force a key/value rewrite of the dsn
        assert ext.parse_dsn(conn.dsn) == {
            "user": p["user"], "dbname": "postgres", "host": p["host"],
            "port": p["port"], "application_name": "kw"}
        assert not conn.dsn.startswith("postgresql://")
    finally:
        conn.close()


def test_connect_keywords_only(dsn):
    p = ext.parse_dsn(dsn)
    conn = psycopg2.connect(
        host=p["host"], port=int(p["port"]), user=p["user"],
        dbname="template1", application_name="kwonly")
    try:
        assert _params(conn) == ("template1", p["user"], "kwonly")
        assert conn.dsn == "host=%s port=%s user=%s dbname=template1 " \
            "application_name=kwonly" % (p["host"], p["port"], p["user"])
    finally:
        conn.close()


def test_connect_database_keyword_is_dbname(dsn):
    p = ext.parse_dsn(dsn)
    conn = psycopg2.connect(
        host=p["host"], port=p["port"], user=p["user"], database="template1")
    try:
        assert _params(conn)[0] == "template1"
        assert "dbname=template1" in conn.dsn
        assert "database" not in conn.dsn
    finally:
        conn.close()


def test_connect_keywords_override_dsn(dsn):
    conn = psycopg2.connect(
        dsn + " dbname=postgres application_name=fromdsn",
        dbname="template1", application_name="fromkw")
    try:
        assert _params(conn)[0] == "template1"
        assert _params(conn)[2] == "fromkw"
        parsed = ext.parse_dsn(conn.dsn)
        assert parsed["dbname"] == "template1"
        assert parsed["application_name"] == "fromkw"
    finally:
        conn.close()


def test_connect_empty_dsn_with_keywords(dsn):
    p = ext.parse_dsn(dsn)
    conn = psycopg2.connect(
        dsn="", host=p["host"], port=p["port"], user=p["user"],
        dbname="template1")
    try:
        assert _params(conn)[0] == "template1"
        assert ext.parse_dsn(conn.dsn) == {
            "host": p["host"], "port": p["port"], "user": p["user"],
            "dbname": "template1"}
    finally:
        conn.close()


def test_connect_none_keywords_are_dropped(dsn):
    conn = psycopg2.connect(dsn, application_name=None, sslmode=None)
    try:
        assert "application_name" not in conn.dsn
        assert "sslmode" not in conn.dsn
        assert conn.closed == 0
    finally:
        conn.close()


def test_connect_connection_factory(dsn):
    class MyConn(ext.connection):
        extra = "hello"

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.created = True

    conn = psycopg2.connect(dsn, connection_factory=MyConn)
    try:
        assert type(conn) is MyConn
        assert conn.extra == "hello"
        assert conn.created is True
        cur = conn.cursor()
        cur.execute("select 40 + 2")
        assert cur.fetchone() == (42,)
        assert cur.connection is conn
    finally:
        conn.close()


def test_connect_connection_factory_keywords(dsn):
    class MyConn(ext.connection):
        pass

    p = ext.parse_dsn(dsn)
    conn = psycopg2.connect(
        connection_factory=MyConn, host=p["host"], port=p["port"],
        user=p["user"], dbname="template1")
    try:
        assert isinstance(conn, MyConn)
        assert _params(conn)[0] == "template1"
    finally:
        conn.close()


def test_connect_cursor_factory(dsn):
    class MyCursor(ext.cursor):
        pass

    conn = psycopg2.connect(dsn, cursor_factory=MyCursor)
    try:
        assert conn.cursor_factory is MyCursor
        cur = conn.cursor()
        assert type(cur) is MyCursor
        # an explicit factory still wins
        assert type(conn.cursor(cursor_factory=ext.cursor)) is ext.cursor
        # cursor_factory is not passed to libpq
        assert "cursor_factory" not in conn.dsn
    finally:
        conn.close()


def test_connect_default_cursor_factory(conn):
    assert conn.cursor_factory is None
    assert type(conn.cursor()) is ext.cursor


def test_connect_invalid_dsn():
    with pytest.raises(psycopg2.ProgrammingError) as excinfo:
        psycopg2.connect("foo bar")
    assert type(excinfo.value) is psycopg2.ProgrammingError
    assert str(excinfo.value).startswith("invalid dsn: ")
    assert '"foo"' in str(excinfo.value)


def test_connect_unknown_option_in_dsn(dsn):
    with pytest.raises(psycopg2.ProgrammingError) as excinfo:
        psycopg2.connect(dsn + " nosuchoption=1")
    assert str(excinfo.value) == \
        'invalid dsn: invalid connection option "nosuchoption"\n'


def test_connect_unknown_keyword(dsn):
    with pytest.raises(psycopg2.ProgrammingError) as excinfo:
        psycopg2.connect(dsn, nosuchkeyword="x")
    assert str(excinfo.value) == \
        'invalid dsn: invalid connection option "nosuchkeyword"\n'


def test_connect_database_and_dbname_conflict():
    with pytest.raises(TypeError):
        psycopg2.connect(database="a", dbname="b")


def test_connect_closed_port():
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()   # nobody listens there now
    with pytest.raises(psycopg2.OperationalError) as excinfo:
        psycopg2.connect(host="127.0.0.1", port=port, user="postgres",
                         connect_timeout=5)
    assert type(excinfo.value) is psycopg2.OperationalError
    assert "Connection refused" in str(excinfo.value)
    assert excinfo.value.pgcode is None


def test_connect_bad_password(pw_dsn):
    p = ext.parse_dsn(pw_dsn)
    with pytest.raises(psycopg2.OperationalError) as excinfo:
        psycopg2.connect(pw_dsn, password="wrong" + p["password"])
    assert "password authentication failed" in str(excinfo.value)


def test_connect_with_password(pw_dsn):
    conn = psycopg2.connect(pw_dsn)
    try:
        cur = conn.cursor()
        cur.execute("select current_user")
        assert cur.fetchone() == (ext.parse_dsn(pw_dsn)["user"],)
    finally:
        conn.close()


def test_connect_async_keyword(dsn):
    conn = psycopg2.connect(dsn, async_=True)
    try:
        assert conn.async_ == 1
    finally:
        conn.close()



# ------------------------------------------------------ DB-API module globals


def test_apilevel():
    assert psycopg2.apilevel == "2.0"


def test_threadsafety():
    assert psycopg2.threadsafety == 2


def test_paramstyle():
    assert psycopg2.paramstyle == "pyformat"


def test_version_format():
    v = psycopg2.__version__
    assert isinstance(v, str)
    m = re.match(r"^2\.9\.\d+(\S*) \(([^)]*)\)$", v)
    assert m, v
    flags = m.group(2).split()
    assert "dt" in flags
    assert "dec" in flags
    assert "pq3" in flags
    assert "ext" in flags


def test_libpq_version():
    v = psycopg2.__libpq_version__
    assert isinstance(v, int)
    assert v >= 100000
    assert ext.libpq_version() == v
    assert isinstance(ext.libpq_version(), int)


# ------------------------------------------------------------- parse_dsn


def test_parse_dsn_kv():
    assert ext.parse_dsn("dbname=test user=tester password=secret") == {
        "dbname": "test", "user": "tester", "password": "secret"}


def test_parse_dsn_quoted_values():
    d = ext.parse_dsn(r"dbname='a b' user='o\'x' password='\\w'")
    assert d == {"dbname": "a b", "user": "o'x", "password": "\\w"}


def test_parse_dsn_url():
    d = ext.parse_dsn(
        "postgresql://us%20er:pw@example.com:5433/my%20db"
        "?sslmode=require&application_name=app")
    assert d == {
        "user": "us er", "password": "pw", "host": "example.com",
        "port": "5433", "dbname": "my db", "sslmode": "require",
        "application_name": "app"}


def test_parse_dsn_short_url():
    assert ext.parse_dsn("postgres://") == {}
    assert ext.parse_dsn("postgresql://h/") == {"host": "h"}


def test_parse_dsn_empty():
    assert ext.parse_dsn("") == {}


def test_parse_dsn_bytes():
    assert ext.parse_dsn(b"dbname=x port=1") == {"dbname": "x", "port": "1"}


def test_parse_dsn_bad():
    with pytest.raises(psycopg2.ProgrammingError) as excinfo:
        ext.parse_dsn("dbname=x foo")
    assert str(excinfo.value).startswith("invalid dsn: ")
    with pytest.raises(psycopg2.ProgrammingError):
        ext.parse_dsn("dbname='unterminated")
    with pytest.raises(psycopg2.ProgrammingError):
        ext.parse_dsn("nosuchoption=3")


def test_parse_dsn_bad_url():
    with pytest.raises(psycopg2.ProgrammingError):
        ext.parse_dsn("postgresql://h/db?nosuchoption=1")


def test_parse_dsn_wrong_type():
    with pytest.raises(TypeError):
        ext.parse_dsn(123)
    with pytest.raises(TypeError):
        ext.parse_dsn(None)


def test_parse_dsn_keyword():
    assert ext.parse_dsn(dsn="port=7") == {"port": "7"}


# ------------------------------------------------------------- make_dsn


def test_make_dsn_empty():
    assert ext.make_dsn() == ""
    assert ext.make_dsn("") == ""
    assert ext.make_dsn(None) == ""


def test_make_dsn_unchanged_without_kwargs():
    # with no keyword the dsn is returned as it is (only validated)
    assert ext.make_dsn("dbname=x   user=y") == "dbname=x   user=y"
    assert ext.make_dsn("postgresql://h/db") == "postgresql://h/db"


def test_make_dsn_validates():
    with pytest.raises(psycopg2.ProgrammingError):
        ext.make_dsn("foo bar")
    with pytest.raises(psycopg2.ProgrammingError):
        ext.make_dsn(nosuch="a")
    with pytest.raises(psycopg2.ProgrammingError):
        ext.make_dsn("dbname=x", nosuch="a")


def test_make_dsn_kwargs_only():
    assert ext.make_dsn(user="u", dbname="d", host="h") == \
        "user=u dbname=d host=h"
    assert ext.make_dsn(port=5432) == "port=5432"


def test_make_dsn_merge():
    assert ext.make_dsn("dbname=x", user="u") == "dbname=x user=u"


def test_make_dsn_override():
    assert ext.make_dsn("dbname=x", dbname="y") == "dbname=y"
    d = ext.make_dsn("dbname=x user=a host=h", user="b")
    assert ext.parse_dsn(d) == {"dbname": "x", "user": "b", "host": "h"}


def test_make_dsn_url_plus_kwargs():
    d = ext.make_dsn("postgresql://h/db", user="u")
    assert d == "dbname=db host=h user=u"


def test_make_dsn_database_alias():
    assert ext.make_dsn(database="y") == "dbname=y"
    with pytest.raises(TypeError):
        ext.make_dsn(database="y", dbname="z")


def test_make_dsn_none_dropped():
    assert ext.make_dsn(dbname="x", user=None) == "dbname=x"
    assert ext.make_dsn("dbname=x", user=None) == "dbname=x"


def test_make_dsn_quoting():
    assert ext.make_dsn(dbname="") == "dbname=''"
    assert ext.make_dsn(dbname="a b") == "dbname='a b'"
    assert ext.make_dsn(password="a b'c\\d") == r"password='a b\'c\\d'"
    assert ext.make_dsn(password="it's") == r"password=it\'s"
    assert ext.make_dsn(password="back\\slash") == r"password=back\\slash"
    # and it round-trips through libpq's parser
    for value in ["a b", "it's", "back\\slash", "", " ", "x=y", "ünï"]:
        assert ext.parse_dsn(ext.make_dsn(password=value)) == \
            {"password": value}


def test_make_dsn_connectable(dsn):
    conn = psycopg2.connect(ext.make_dsn(dsn, application_name="made dsn"))
    try:
        assert _params(conn)[2] == "made dsn"
    finally:
        conn.close()


# ------------------------------------------------------------ quote_ident


def test_quote_ident_conn(conn):
    assert ext.quote_ident("a", conn) == '"a"'
    assert ext.quote_ident("Ab Cd", conn) == '"Ab Cd"'
    assert ext.quote_ident("select", conn) == '"select"'
    assert ext.quote_ident("", conn) == '""'
    assert type(ext.quote_ident("a", conn)) is str


def test_quote_ident_cursor(conn):
    cur = conn.cursor()
    assert ext.quote_ident("abc", cur) == '"abc"'
    assert ext.quote_ident("a b", cur) == '"a b"'


def test_quote_ident_embedded_quotes(conn):
    assert ext.quote_ident('a"b', conn) == '"a""b"'
    assert ext.quote_ident('"', conn) == '""""'
    assert ext.quote_ident("it's", conn) == '"it\'s"'


def test_quote_ident_unicode(conn):
    assert ext.quote_ident("ünï€", conn) == '"ünï€"'


def test_quote_ident_usable(conn):
    cur = conn.cursor()
    for name in ['a"b', "Mixed Case", "ünï€", "select", "x'y"]:
        cur.execute("select 1 as %s" % ext.quote_ident(name, cur))
        assert cur.description[0].name == name


def test_quote_ident_bytes(conn):
    assert ext.quote_ident(b"abc", conn) == '"abc"'


def test_quote_ident_bad_args(conn):
    with pytest.raises(TypeError):
        ext.quote_ident(1, conn)
    with pytest.raises(TypeError):
        ext.quote_ident("a", None)
    with pytest.raises(TypeError):
        ext.quote_ident("a", "conn")
    with pytest.raises(TypeError):
        ext.quote_ident("a")


def test_quote_ident_closed_connection(make_conn):
    c = make_conn()
    c.close()
    with pytest.raises(psycopg2.InterfaceError):
        ext.quote_ident("a", c)


# ------------------------------------------ DB-API types and constructors


def test_date_constructor():
    d = psycopg2.Date(2020, 1, 2)
    assert d.adapted == datetime.date(2020, 1, 2)
    assert d.getquoted() == b"'2020-01-02'::date"


def test_time_constructor():
    t = psycopg2.Time(13, 14, 15)
    assert t.adapted == datetime.time(13, 14, 15)
    assert t.getquoted() == b"'13:14:15'::time"


def test_timestamp_constructor():
    ts = psycopg2.Timestamp(2020, 1, 2, 3, 4, 5)
    assert ts.adapted == datetime.datetime(2020, 1, 2, 3, 4, 5)
    assert ts.getquoted() == b"'2020-01-02T03:04:05'::timestamp"
    assert psycopg2.Timestamp(2020, 1, 2).getquoted() == \
        b"'2020-01-02T00:00:00'::timestamp"


def test_from_ticks():
    t = 86400 * 365 + 3600 * 5 + 7
    assert psycopg2.DateFromTicks(t).adapted == datetime.date.fromtimestamp(t)
    ts = psycopg2.TimestampFromTicks(t).adapted
    assert ts.replace(tzinfo=None) == datetime.datetime.fromtimestamp(t)
    tm = psycopg2.TimeFromTicks(t).adapted
    assert tm.replace(tzinfo=None) == \
        datetime.datetime.fromtimestamp(t).time().replace(tzinfo=None)


def test_binary_constructor(conn):
    b = psycopg2.Binary(b"a\x00b")
    assert b.adapted == b"a\x00b"
    assert isinstance(b, ext.Binary)
    # without a connection: escape format
    assert b.getquoted() == b"'a\\000b'::bytea"
    # with a (>= 9.0) connection: hex format
    b = psycopg2.Binary(b"a\x00b")
    b.prepare(conn)
    assert b.getquoted() == b"'\\x610062'::bytea"


def test_constructors_roundtrip(conn):
    cur = conn.cursor()
    cur.execute("select %s, %s, %s, %s", (
        psycopg2.Date(2020, 1, 2), psycopg2.Time(1, 2, 3),
        psycopg2.Timestamp(2020, 1, 2, 3, 4, 5), psycopg2.Binary(b"\x00\xff")))
    d, t, ts, b = cur.fetchone()
    assert d == datetime.date(2020, 1, 2)
    assert t == datetime.time(1, 2, 3)
    assert ts == datetime.datetime(2020, 1, 2, 3, 4, 5)
    assert isinstance(b, memoryview)
    assert bytes(b) == b"\x00\xff"


def test_type_objects_values():
    assert psycopg2.STRING.name == "STRING"
    assert psycopg2.NUMBER.name == "NUMBER"
    assert set(psycopg2.STRING.values) == {19, 18, 25, 1042, 1043}
    assert set(psycopg2.BINARY.values) == {17}
    assert set(psycopg2.DATETIME.values) == {1114}
    assert set(psycopg2.ROWID.values) == {26}
    assert {20, 21, 23, 700, 701, 1700} <= set(psycopg2.NUMBER.values)


def test_type_objects_compare(conn):
    cur = conn.cursor()
    cur.execute(
        "select 1, 'a'::text, 'a'::bytea, 1.5::numeric, 26::oid,"
        " 'x'::varchar, 'x'::char, 1.0::float4, 2::int2,"
        " '2020-01-01 10:00'::timestamp")
    names = ["STRING", "BINARY", "NUMBER", "DATETIME", "ROWID"]
    got = [[n for n in names if d.type_code == getattr(psycopg2, n)]
           for d in cur.description]
    assert got == [
        ["NUMBER"], ["STRING"], ["BINARY"], ["NUMBER"], ["ROWID"],
        ["STRING"], ["STRING"], ["NUMBER"], ["NUMBER"], ["DATETIME"]]
    # the comparison works both ways
    assert psycopg2.NUMBER == 23
    assert psycopg2.NUMBER != 25
    assert 25 != psycopg2.NUMBER


def test_module_names():
    for name in [
            "connect", "apilevel", "threadsafety", "paramstyle",
            "Date", "Time", "Timestamp", "DateFromTicks", "TimeFromTicks",
            "TimestampFromTicks", "Binary", "STRING", "BINARY", "NUMBER",
            "DATETIME", "ROWID", "Warning", "Error", "InterfaceError",
            "DatabaseError", "DataError", "OperationalError",
            "IntegrityError", "InternalError", "ProgrammingError",
            "NotSupportedError", "extensions", "errors"]:
        assert hasattr(psycopg2, name), name
    assert psycopg2.Binary is ext.Binary


# ------------------------------------------------------------ exceptions


def test_exception_hierarchy():
    assert issubclass(psycopg2.Warning, Exception)
    assert not issubclass(psycopg2.Warning, psycopg2.Error)
    assert issubclass(psycopg2.Error, Exception)
    assert psycopg2.Error.__bases__ == (Exception,)
    assert psycopg2.InterfaceError.__bases__ == (psycopg2.Error,)
    assert psycopg2.DatabaseError.__bases__ == (psycopg2.Error,)
    for name in ["DataError", "OperationalError", "IntegrityError",
                 "InternalError", "ProgrammingError", "NotSupportedError"]:
        assert getattr(psycopg2, name).__bases__ == (psycopg2.DatabaseError,)
    assert ext.QueryCanceledError.__bases__ == (psycopg2.OperationalError,)
    assert ext.TransactionRollbackError.__bases__ == \
        (psycopg2.OperationalError,)


def test_exception_module_names():
    for name in ["Warning", "Error", "InterfaceError", "DatabaseError",
                 "DataError", "OperationalError", "IntegrityError",
                 "InternalError", "ProgrammingError", "NotSupportedError"]:
        cls = getattr(psycopg2, name)
        assert cls.__module__ == "psycopg2"
        assert cls.__name__ == name
    assert ext.QueryCanceledError.__module__ == "psycopg2.extensions"
    assert ext.TransactionRollbackError.__module__ == "psycopg2.extensions"


def test_exception_attributes_default():
    e = psycopg2.Error("hello")
    assert str(e) == "hello"
    assert e.pgerror is None
    assert e.pgcode is None
    assert e.cursor is None
    assert isinstance(e.diag, ext.Diagnostics)
    assert e.diag.sqlstate is None


def test_extension_types():
    assert ext.connection.__name__ == "connection"
    assert ext.connection.__module__ == "psycopg2.extensions"
    assert ext.cursor.__module__ == "psycopg2.extensions"
    assert ext.Column.__module__ == "psycopg2.extensions"
    assert ext.ConnectionInfo.__module__ == "psycopg2.extensions"


def test_isolation_constants():
    assert ext.ISOLATION_LEVEL_AUTOCOMMIT == 0
    assert ext.ISOLATION_LEVEL_READ_UNCOMMITTED == 4
    assert ext.ISOLATION_LEVEL_READ_COMMITTED == 1
    assert ext.ISOLATION_LEVEL_REPEATABLE_READ == 2
    assert ext.ISOLATION_LEVEL_SERIALIZABLE == 3
    assert ext.ISOLATION_LEVEL_DEFAULT is None


def test_status_constants():
    assert ext.STATUS_SETUP == 0
    assert ext.STATUS_READY == 1
    assert ext.STATUS_BEGIN == 2
    assert ext.STATUS_IN_TRANSACTION == 2
    assert ext.STATUS_PREPARED == 5
    assert ext.TRANSACTION_STATUS_IDLE == 0
    assert ext.TRANSACTION_STATUS_ACTIVE == 1
    assert ext.TRANSACTION_STATUS_INTRANS == 2
    assert ext.TRANSACTION_STATUS_INERROR == 3
    assert ext.TRANSACTION_STATUS_UNKNOWN == 4
    assert (ext.POLL_OK, ext.POLL_READ, ext.POLL_WRITE, ext.POLL_ERROR) == \
        (0, 1, 2, 3)


def test_adapt_basics():
    assert ext.adapt(None).getquoted() == b"NULL"
    assert ext.adapt(1).getquoted() == b"1"
    assert ext.adapt(True).getquoted() == b"true"
    assert ext.adapt("it's").getquoted() == b"'it''s'"
    assert ext.QuotedString("it's").getquoted() == b"'it''s'"
    assert ext.AsIs("x + 1").getquoted() == b"x + 1"

