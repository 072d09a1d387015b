"""The connection object: lifecycle, transactions, session characteristics,
encoding, server information, notices, info, context manager, reset/cancel,
behaviour when the server goes away."""

import collections
import select
import time

import pytest

import psycopg2
import psycopg2.errors as errors
import psycopg2.extensions as ext


def _one(conn, sql, args=None):
    cur = conn.cursor()
    cur.execute(sql, args)
    row = cur.fetchone()
    cur.close()
    return row[0]


def _session_state(conn):
    """(isolation, read only, deferrable) of the current transaction."""
    cur = conn.cursor()
    cur.execute(
        "select current_setting('transaction_isolation'),"
        " current_setting('transaction_read_only'),"
        " current_setting('transaction_deferrable')")
    row = cur.fetchone()
    cur.close()
    return row


@pytest.fixture
def table(dsn):
    """A fresh committed table visible to other connections.

    Dropped at teardown by a connection of its own, after terminating any
    test connection still holding a lock on it (so teardown never waits).
    """
    admin = psycopg2.connect(dsn)
    admin.autocommit = True
    name = "test_conn_%d" % admin.get_backend_pid()
    cur = admin.cursor()
    cur.execute("drop table if exists %s" % name)
    cur.execute("create table %s (id int)" % name)
    yield name
    cur.execute(
        "select pg_terminate_backend(pid) from pg_locks"
        " where relation = %s::regclass and pid <> pg_backend_pid()",
        (name,))
    cur.execute("set lock_timeout = '10s'")
    cur.execute("drop table if exists %s" % name)
    admin.close()


# ------------------------------------------------------------ close


def test_closed_attribute(make_conn):
    c = make_conn()
    assert c.closed == 0
    c.close()
    assert c.closed == 1


def test_double_close(make_conn):
    c = make_conn()
    c.close()
    c.close()
    assert c.closed == 1


def test_use_after_close(make_conn):
    c = make_conn()
    c.close()
    for f in [c.cursor, c.commit, c.rollback, c.get_backend_pid, c.fileno, c.reset, c.cancel,
              c.get_dsn_parameters, lambda: c.get_parameter_status("x"),
              lambda: c.set_client_encoding("utf8"),
              lambda: c.set_session(readonly=True),
              lambda: c.set_isolation_level(1),
              lambda: setattr(c, "autocommit", True)]:
        with pytest.raises(psycopg2.InterfaceError) as excinfo:
            f()
        assert str(excinfo.value) == "connection already closed"
    assert c.get_transaction_status() == ext.TRANSACTION_STATUS_UNKNOWN


def test_attributes_after_close(make_conn, dsn):
    c = make_conn()
    c.close()
    # some attributes keep answering
    assert c.dsn == dsn
    assert c.autocommit is False
    assert c.encoding == "UTF8"
    assert c.server_version > 0


def test_cursor_closed_with_connection(make_conn):
    c = make_conn()
    cur = c.cursor()
    assert cur.closed is False
    c.close()
    assert cur.closed is True
    with pytest.raises(psycopg2.InterfaceError):
        cur.execute("select 1")


def test_repr(make_conn, dsn):
    c = make_conn()
    assert "closed: 0" in repr(c)
    assert dsn in repr(c)
    c.close()
    assert "closed: 1" in repr(c)


# ------------------------------------------------------- transactions


def test_commit_makes_visible(make_conn, conn, table):
    other = make_conn()
    cur = conn.cursor()
    cur.execute("insert into %s values (1)" % table)
    assert _one(other, "select count(*) from %s" % table) == 0
    other.rollback()
    conn.commit()
    assert _one(other, "select count(*) from %s" % table) == 1


def test_rollback_discards(conn, table):
    cur = conn.cursor()
    cur.execute("insert into %s values (1)" % table)
    assert _one(conn, "select count(*) from %s" % table) == 1
    conn.rollback()
    assert _one(conn, "select count(*) from %s" % table) == 0


def test_commit_rollback_without_transaction(conn):
    conn.commit()
    conn.rollback()
    assert conn.status == ext.STATUS_READY
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE


def test_close_rolls_back(make_conn, conn, table):
    other = make_conn()
    cur = other.cursor()
    cur.execute("insert into %s values (1)" % table)
    other.close()
    assert _one(conn, "select count(*) from %s" % table) == 0


def test_status_and_transaction_status(conn):
    assert conn.status == ext.STATUS_READY
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE
    cur = conn.cursor()
    cur.execute("select 1")
    assert conn.status == ext.STATUS_BEGIN
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_INTRANS
    with pytest.raises(psycopg2.DataError):
        cur.execute("select 1/0")
    assert conn.status == ext.STATUS_BEGIN
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_INERROR
    conn.rollback()
    assert conn.status == ext.STATUS_READY
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE
    cur.execute("select 1")
    conn.commit()
    assert conn.status == ext.STATUS_READY
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE


def test_autocommit_default(conn):
    assert conn.autocommit is False


def test_autocommit_on(conn, make_conn, table):
    conn.autocommit = True
    assert conn.autocommit is True
    cur = conn.cursor()
    cur.execute("insert into %s values (1)" % table)
    assert conn.status == ext.STATUS_READY
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE
    other = make_conn()
    assert _one(other, "select count(*) from %s" % table) == 1
    # explicit transactions are possible
    cur.execute("begin")
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_INTRANS
    assert conn.status == ext.STATUS_READY
    cur.execute("rollback")
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE


def test_autocommit_off_again(conn):
    conn.autocommit = True
    conn.autocommit = False
    assert conn.autocommit is False
    _one(conn, "select 1")
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_INTRANS


def test_autocommit_truthiness(conn):
    conn.autocommit = 1
    assert conn.autocommit is True
    conn.autocommit = ""
    assert conn.autocommit is False


def test_autocommit_in_transaction(conn):
    _one(conn, "select 1")
    with pytest.raises(psycopg2.ProgrammingError) as excinfo:
        conn.autocommit = True
    assert str(excinfo.value) == "set_session cannot be used inside a transaction"
    assert conn.autocommit is False


def test_autocommit_in_failed_transaction(conn):
    cur = conn.cursor()
    with pytest.raises(psycopg2.Error):
        cur.execute("select 1/0")
    with pytest.raises(psycopg2.ProgrammingError):
        conn.autocommit = True


# -------------------------------------------------- isolation level


@pytest.mark.parametrize("value, level, server", [
    (1, 1, "read committed"),
    (2, 2, "repeatable read"),
    (3, 3, "serializable"),
    (4, 4, "read uncommitted"),
    ("read committed", 1, "read committed"),
    ("READ COMMITTED", 1, "read committed"),
    ("repeatable read", 2, "repeatable read"),
    ("serializable", 3, "serializable"),
    ("read uncommitted", 4, "read uncommitted"),
    (ext.ISOLATION_LEVEL_SERIALIZABLE, 3, "serializable"),
    ("default", None, "read committed"),
    ("DEFAULT", None, "read committed"),
    (None, None, "read committed"),
])
def test_isolation_level_attribute(conn, value, level, server):
    assert conn.isolation_level is None
    conn.isolation_level = value
    assert conn.isolation_level == level
    assert _session_state(conn)[0] == server
    conn.rollback()
    # it persists across transactions
    assert _session_state(conn)[0] == server


@pytest.mark.parametrize("value", [0, 5, -1])
def test_isolation_level_out_of_range(conn, value):
    with pytest.raises(ValueError) as excinfo:
        conn.isolation_level = value
    assert str(excinfo.value) == "isolation_level must be between 1 and 4"


def test_isolation_level_bad_string(conn):
    with pytest.raises(ValueError) as excinfo:
        conn.isolation_level = "foo"
    assert str(excinfo.value) == "bad value for isolation_level: 'foo'"


def test_isolation_level_bad_type(conn):
    with pytest.raises(TypeError):
        conn.isolation_level = 1.5


def test_isolation_level_in_transaction(conn):
    _one(conn, "select 1")
    with pytest.raises(psycopg2.ProgrammingError):
        conn.isolation_level = 3
    assert conn.isolation_level is None


def test_isolation_level_default_follows_server(make_conn):
    c = make_conn(options="-c default_transaction_isolation=serializable")
    assert c.isolation_level is None
    assert _session_state(c)[0] == "serializable"
    c.rollback()
    c.isolation_level = "read committed"
    assert _session_state(c)[0] == "read committed"
    c.rollback()
    c.isolation_level = "default"
    assert _session_state(c)[0] == "serializable"


@pytest.mark.parametrize("level, server", [
    (1, "read committed"), (2, "repeatable read"), (3, "serializable"),
    (4, "read uncommitted")])
def test_set_isolation_level(conn, level, server):
    conn.set_isolation_level(level)
    assert conn.isolation_level == level
    assert conn.autocommit is False
    assert _session_state(conn)[0] == server


def test_set_isolation_level_autocommit(conn):
    conn.set_isolation_level(ext.ISOLATION_LEVEL_AUTOCOMMIT)
    assert conn.autocommit is True
    assert conn.isolation_level is None
    _one(conn, "select 1")
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE
    conn.set_isolation_level(ext.ISOLATION_LEVEL_SERIALIZABLE)
    assert conn.autocommit is False
    assert conn.isolation_level == 3


@pytest.mark.parametrize("level", [5, -1])
def test_set_isolation_level_bad(conn, level):
    with pytest.raises(ValueError) as excinfo:
        conn.set_isolation_level(level)
    assert str(excinfo.value) == "isolation level must be between 0 and 4"


def test_set_isolation_level_aborts_transaction(conn, table):
    cur = conn.cursor()
    cur.execute("insert into %s values (1)" % table)
    assert conn.status == ext.STATUS_BEGIN
    conn.set_isolation_level(2)
    assert conn.status == ext.STATUS_READY
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE
    assert _one(conn, "select count(*) from %s" % table) == 0


# ------------------------------------------------ readonly / deferrable


@pytest.mark.parametrize("value, attr, server", [
    (True, True, "on"), (False, False, "off"), (None, None, "off"),
    ("default", None, "off"), ("DEFAULT", None, "off"),
    (1, True, "on"), (0, False, "off")])
def test_readonly(conn, value, attr, server):
    assert conn.readonly is None
    conn.readonly = value
    assert conn.readonly is attr
    assert _session_state(conn)[1] == server


@pytest.mark.parametrize("value, attr, server", [
    (True, True, "on"), (False, False, "off"), (None, None, "off"),
    ("default", None, "off"), (1, True, "on")])
def test_deferrable(conn, value, attr, server):
    assert conn.deferrable is None
    conn.deferrable = value
    assert conn.deferrable is attr
    assert _session_state(conn)[2] == server


@pytest.mark.parametrize("attr", ["readonly", "deferrable"])
def test_readonly_deferrable_bad_string(conn, attr):
    with pytest.raises(ValueError) as excinfo:
        setattr(conn, attr, "on")
    assert str(excinfo.value) == \
        "the only string accepted is 'default'; got on"


@pytest.mark.parametrize("attr", ["readonly", "deferrable"])
def test_readonly_deferrable_in_transaction(conn, attr):
    _one(conn, "select 1")
    with pytest.raises(psycopg2.ProgrammingError) as excinfo:
        setattr(conn, attr, True)
    assert str(excinfo.value) == "set_session cannot be used inside a transaction"
    assert getattr(conn, attr) is None


def test_readonly_write_fails(conn, table):
    conn.readonly = True
    cur = conn.cursor()
    cur.execute("select count(*) from %s" % table)
    with pytest.raises(errors.ReadOnlySqlTransaction) as excinfo:
        cur.execute("insert into %s values (1)" % table)
    assert isinstance(excinfo.value, psycopg2.InternalError)
    assert excinfo.value.pgcode == "25006"
    conn.rollback()
    conn.readonly = False
    cur.execute("insert into %s values (1)" % table)
    conn.commit()


def test_readonly_autocommit(conn, table):
    conn.autocommit = True
    conn.readonly = True
    cur = conn.cursor()
    cur.execute("show default_transaction_read_only")
    assert cur.fetchone() == ("on",)
    with pytest.raises(errors.ReadOnlySqlTransaction):
        cur.execute("insert into %s values (1)" % table)
    conn.readonly = None
    cur.execute("show default_transaction_read_only")
    assert cur.fetchone() == ("off",)
    cur.execute("insert into %s values (1)" % table)


def test_isolation_level_autocommit(conn):
    conn.autocommit = True
    conn.isolation_level = "serializable"
    cur = conn.cursor()
    cur.execute("show default_transaction_isolation")
    assert cur.fetchone() == ("serializable",)
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE


# ---------------------------------------------------------- set_session


def test_set_session_all(conn):
    conn.set_session(isolation_level="serializable", readonly=True,
                     deferrable=True, autocommit=False)
    assert (conn.isolation_level, conn.readonly, conn.deferrable,
            conn.autocommit) == (3, True, True, False)
    assert _session_state(conn) == ("serializable", "on", "on")


def test_set_session_positional(conn):
    conn.set_session("repeatable read", True, False, False)
    assert (conn.isolation_level, conn.readonly, conn.deferrable) == \
        (2, True, False)
    assert _session_state(conn) == ("repeatable read", "on", "off")


def test_set_session_partial_keeps_others(conn):
    conn.set_session(readonly=True, deferrable=True)
    conn.set_session(isolation_level=ext.ISOLATION_LEVEL_REPEATABLE_READ)
    assert (conn.isolation_level, conn.readonly, conn.deferrable) == \
        (2, True, True)
    assert _session_state(conn) == ("repeatable read", "on", "on")


def test_set_session_default(conn):
    conn.set_session("serializable", True, True)
    conn.set_session(isolation_level="default", readonly="default",
                     deferrable="default")
    assert (conn.isolation_level, conn.readonly, conn.deferrable) == \
        (None, None, None)
    assert _session_state(conn) == ("read committed", "off", "off")


def test_set_session_none_means_unchanged(conn):
    conn.set_session("serializable", True)
    conn.set_session(isolation_level=None, readonly=None, deferrable=None,
                     autocommit=None)
    assert conn.isolation_level == 3
    assert conn.readonly is True
    assert conn.deferrable is None
    assert conn.autocommit is False
    assert _session_state(conn) == ("serializable", "on", "off")


def test_set_session_autocommit(conn):
    conn.set_session(autocommit=True)
    assert conn.autocommit is True
    conn.set_session(readonly=True)
    assert conn.autocommit is True
    conn.set_session(autocommit=False)
    assert conn.autocommit is False


@pytest.mark.parametrize("kwargs, exc", [
    (dict(isolation_level="bad"), ValueError),
    (dict(isolation_level=7), ValueError),
    (dict(isolation_level=0), ValueError),
    (dict(readonly="bad"), ValueError),
    (dict(deferrable="bad"), ValueError),
    (dict(foo=1), TypeError),
])
def test_set_session_bad(conn, kwargs, exc):
    with pytest.raises(exc):
        conn.set_session(**kwargs)
    assert (conn.isolation_level, conn.readonly, conn.deferrable) == \
        (None, None, None)


def test_set_session_too_many_args(conn):
    with pytest.raises(TypeError):
        conn.set_session("serializable", True, True, False, 1)


def test_set_session_in_transaction(conn):
    _one(conn, "select 1")
    with pytest.raises(psycopg2.ProgrammingError) as excinfo:
        conn.set_session(readonly=True)
    assert str(excinfo.value) == "set_session cannot be used inside a transaction"


def test_set_session_applies_next_transaction(conn):
    conn.set_session(readonly=True)
    assert _session_state(conn)[1] == "on"
    conn.commit()
    conn.set_session(readonly=False)
    assert _session_state(conn)[1] == "off"


# ------------------------------------------------------------ encoding


def test_encoding_default(conn):
    assert conn.encoding == "UTF8"
    assert conn.get_parameter_status("client_encoding") == "UTF8"


@pytest.mark.parametrize("name, attr, server", [
    ("utf8", "UTF8", "UTF8"), ("UTF8", "UTF8", "UTF8"),
    ("utf-8", "UTF8", "UTF8"),
    ("latin1", "LATIN1", "LATIN1"), ("LATIN-1", "LATIN1", "LATIN1"),
    # the attribute keeps the normalised name given, the server its own
    ("iso-8859-1", "ISO88591", "LATIN1"), ("iso_8859_1", "ISO88591", "LATIN1"),
    ("win1252", "WIN1252", "WIN1252"),
    ("SQL_ASCII", "SQLASCII", "SQL_ASCII"), ("sql-ascii", "SQLASCII", "SQL_ASCII"),
    ("EUC_JP", "EUCJP", "EUC_JP"), ("koi8-r", "KOI8R", "KOI8R"),
])
def test_set_client_encoding(conn, name, attr, server):
    conn.set_client_encoding(name)
    assert conn.encoding == attr
    assert _one(conn, "show client_encoding") == server
    assert conn.get_parameter_status("client_encoding") == server


def test_set_client_encoding_roundtrip(conn):
    conn.set_client_encoding("latin1")
    assert _one(conn, "select %s", ("àèì",)) == "àèì"
    assert _one(conn, "select chr(233)") == "é"
    conn.set_client_encoding("utf8")
    assert _one(conn, "select %s", ("€",)) == "€"


def test_set_client_encoding_unrepresentable(conn):
    conn.set_client_encoding("latin1")
    cur = conn.cursor()
    with pytest.raises(UnicodeEncodeError):
        cur.execute("select %s", ("€",))


def test_set_client_encoding_invalid(conn):
    with pytest.raises(errors.InvalidParameterValue) as excinfo:
        conn.set_client_encoding("nosuchencoding")
    assert isinstance(excinfo.value, psycopg2.DataError)
    assert excinfo.value.pgcode == "22023"
    assert conn.encoding == "UTF8"
    assert conn.status == ext.STATUS_READY
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE
    assert _one(conn, "show client_encoding") == "UTF8"


def test_set_client_encoding_aborts_transaction(conn, table):
    cur = conn.cursor()
    cur.execute("insert into %s values (1)" % table)
    conn.set_client_encoding("latin1")
    assert conn.status == ext.STATUS_READY
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE
    assert _one(conn, "select count(*) from %s" % table) == 0


def test_encoding_from_options(make_conn):
    c = make_conn(client_encoding="latin1")
    assert c.encoding == "LATIN1"


# ---------------------------------------------------- server information


def test_server_version(conn):
    v = conn.server_version
    assert isinstance(v, int)
    assert 150000 <= v < 160000
    num = int(_one(conn, "show server_version_num"))
    assert v == num
    assert conn.info.server_version == v


def test_protocol_version(conn):
    assert conn.protocol_version == 3
    assert conn.info.protocol_version == 3


def test_get_backend_pid(conn):
    pid = conn.get_backend_pid()
    assert isinstance(pid, int)
    assert pid == _one(conn, "select pg_backend_pid()")
    assert conn.info.backend_pid == pid


def test_backend_pid_differs(make_conn):
    assert make_conn().get_backend_pid() != make_conn().get_backend_pid()


def test_get_parameter_status(conn):
    assert conn.get_parameter_status("client_encoding") == "UTF8"
    assert conn.get_parameter_status("server_version").startswith("15.")
    assert conn.get_parameter_status("integer_datetimes") == "on"
    assert conn.get_parameter_status("nosuchparameter") is None
    cur = conn.cursor()
    cur.execute("set application_name to 'changed_app'")
    assert conn.get_parameter_status("application_name") == "changed_app"


def test_get_parameter_status_type(conn):
    with pytest.raises(TypeError):
        conn.get_parameter_status(1)


def test_get_dsn_parameters(conn, dsn):
    params = conn.get_dsn_parameters()
    assert isinstance(params, dict)
    parsed = ext.parse_dsn(dsn)
    for k in ("user", "host", "port"):
        assert params[k] == parsed[k]
    assert params["dbname"] == parsed.get("dbname", parsed["user"])
    assert "password" not in params
    assert params == conn.info.dsn_parameters


def test_dsn_hides_password(pw_dsn):
    c = psycopg2.connect(pw_dsn)
    try:
        password = ext.parse_dsn(pw_dsn)["password"]
        assert password not in c.dsn
        assert "password=xxx" in c.dsn
        expected = dict(ext.parse_dsn(pw_dsn), password="xxx")
        assert ext.parse_dsn(c.dsn) == expected
        assert "password" not in c.get_dsn_parameters()
        assert password not in repr(c)
    finally:
        c.close()


def test_dsn_hides_password_keyword(pw_dsn):
    p = ext.parse_dsn(pw_dsn)
    password = p.pop("password")
    c = psycopg2.connect(password=password, **p)
    try:
        assert password not in c.dsn
        assert ext.parse_dsn(c.dsn)["password"] == "xxx"
    finally:
        c.close()


def test_dsn_hides_password_url(pw_dsn):
    p = ext.parse_dsn(pw_dsn)
    url = "postgresql://%s:%s@%s:%s/%s" % (
        p["user"], p["password"], p["host"], p["port"],
        p.get("dbname", "postgres"))
    c = psycopg2.connect(url)
    try:
        assert p["password"] not in c.dsn
        assert "password=xxx" in c.dsn
    finally:
        c.close()


def test_dsn_without_password_unchanged(conn, dsn):
    assert conn.dsn == dsn


# -------------------------------------------------------------- notices


def test_notices(conn):
    assert conn.notices == []
    cur = conn.cursor()
    cur.execute("do $$begin raise notice 'hello %', 42; end$$")
    assert conn.notices == ["NOTICE:  hello 42\n"]
    cur.execute("do $$begin raise warning 'w1'; raise info 'i1'; end$$")
    assert conn.notices == [
        "NOTICE:  hello 42\n", "WARNING:  w1\n", "INFO:  i1\n"]


def test_notices_client_min_messages(conn):
    cur = conn.cursor()
    cur.execute("set client_min_messages = warning")
    cur.execute("do $$begin raise warning 'w'; raise notice 'n'; end$$")
    assert conn.notices == ["WARNING:  w\n"]


def test_notices_limit(conn):
    cur = conn.cursor()
    cur.execute("do $$begin raise notice 'first'; end$$")
    cur.execute(
        "do $$begin for i in 1..60 loop raise notice 'n%', i; end loop; end$$")
    assert len(conn.notices) == 50
    assert conn.notices[0] == "NOTICE:  n11\n"
    assert conn.notices[-1] == "NOTICE:  n60\n"


def test_notices_deque(conn):
    conn.notices = collections.deque(maxlen=3)
    cur = conn.cursor()
    cur.execute(
        "do $$begin for i in 1..60 loop raise notice 'n%', i; end loop; end$$")
    assert isinstance(conn.notices, collections.deque)
    assert list(conn.notices) == [
        "NOTICE:  n58\n", "NOTICE:  n59\n", "NOTICE:  n60\n"]


def test_notices_custom_object(conn):
    class Collector:
        def __init__(self):
            self.got = []

        def append(self, msg):
            self.got.append(msg)

    coll = Collector()
    conn.notices = coll
    cur = conn.cursor()
    cur.execute(
        "do $$begin for i in 1..70 loop raise notice 'n%', i; end loop; end$$")
    assert len(coll.got) == 70
    assert coll.got[0] == "NOTICE:  n1\n"
    assert coll.got[-1] == "NOTICE:  n70\n"


def test_notices_on_error(conn):
    cur = conn.cursor()
    with pytest.raises(psycopg2.DataError):
        cur.execute(
            "do $$begin raise notice 'before'; perform 1/0; end$$")
    assert conn.notices == ["NOTICE:  before\n"]


def test_notices_autocommit(conn):
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("drop table if exists no_such_table_for_notice")
    assert len(conn.notices) == 1
    assert conn.notices[0].startswith("NOTICE:  ")
    assert "no_such_table_for_notice" in conn.notices[0]


# ----------------------------------------------------------------- info


def test_info(conn, dsn):
    info = conn.info
    assert isinstance(info, ext.ConnectionInfo)
    parsed = ext.parse_dsn(dsn)
    assert info.dbname == parsed.get("dbname", parsed["user"])
    assert info.user == parsed["user"]
    assert info.host == parsed["host"]
    assert info.port == int(parsed["port"])
    assert info.options == ""
    assert info.backend_pid == conn.get_backend_pid()
    assert info.server_version == conn.server_version
    assert info.protocol_version == 3
    assert info.status == 0
    assert info.error_message is None
    assert info.socket == conn.fileno()
    assert info.needs_password is False
    assert info.ssl_in_use is False


def test_info_transaction_status(conn):
    assert conn.info.transaction_status == ext.TRANSACTION_STATUS_IDLE
    _one(conn, "select 1")
    assert conn.info.transaction_status == ext.TRANSACTION_STATUS_INTRANS
    cur = conn.cursor()
    with pytest.raises(psycopg2.Error):
        cur.execute("select 1/0")
    assert conn.info.transaction_status == ext.TRANSACTION_STATUS_INERROR
    conn.rollback()
    assert conn.info.transaction_status == ext.TRANSACTION_STATUS_IDLE


def test_info_parameter_status(conn):
    info = conn.info
    assert info.parameter_status("client_encoding") == "UTF8"
    assert info.parameter_status("server_version") == \
        conn.get_parameter_status("server_version")
    assert info.parameter_status("nosuchparameter") is None


def test_info_password(pw_dsn):
    c = psycopg2.connect(pw_dsn)
    try:
        assert c.info.password == ext.parse_dsn(pw_dsn)["password"]
        assert c.info.used_password is True
        assert c.info.user == ext.parse_dsn(pw_dsn)["user"]
    finally:
        c.close()


def test_info_no_password(conn):
    assert conn.info.password == ""
    assert conn.info.used_password is False


def test_info_options(make_conn):
    c = make_conn(options="-c search_path=foo")
    assert c.info.options == "-c search_path=foo"


# ------------------------------------------------------ context manager


def test_with_commits(conn, make_conn, table):
    with conn as c:
        assert c is conn
        conn.cursor().execute("insert into %s values (1)" % table)
    assert conn.closed == 0
    assert conn.status == ext.STATUS_READY
    other = make_conn()
    assert _one(other, "select count(*) from %s" % table) == 1


def test_with_rolls_back_on_exception(conn, table):
    with pytest.raises(ZeroDivisionError):
        with conn:
            conn.cursor().execute("insert into %s values (1)" % table)
            1 / 0
    assert conn.closed == 0
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE
    assert _one(conn, "select count(*) from %s" % table) == 0


def test_with_rolls_back_on_db_error(conn, table):
    with pytest.raises(psycopg2.DataError):
        with conn:
            cur = conn.cursor()
            cur.execute("insert into %s values (1)" % table)
            cur.execute("select 1/0")
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE
    assert _one(conn, "select count(*) from %s" % table) == 0


def test_with_reusable(conn, table):
    for i in range(3):
        with conn:
            conn.cursor().execute("insert into %s values (%%s)" % table, (i,))
    assert _one(conn, "select count(*) from %s" % table) == 3


def test_with_commit_error(conn, make_conn, table):
    # a deferred constraint failing at commit propagates from __exit__
    cur = conn.cursor()
    cur.execute(
        "alter table %s add constraint u_%s unique (id)"
        " deferrable initially deferred" % (table, table))
    conn.commit()
    with pytest.raises(errors.UniqueViolation):
        with conn:
            cur.execute("insert into %s values (1), (1)" % table)
    assert conn.closed == 0
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE


def test_with_autocommit(conn, table):
    conn.autocommit = True
    with conn:
        conn.cursor().execute("insert into %s values (1)" % table)
    assert conn.autocommit is True
    assert _one(conn, "select count(*) from %s" % table) == 1


def test_with_closed_connection(make_conn):
    c = make_conn()
    c.close()
    with pytest.raises(psycopg2.InterfaceError) as excinfo:
        with c:
            pass
    assert str(excinfo.value) == "connection already closed"


def test_with_close_inside(make_conn):
    c = make_conn()
    with pytest.raises(psycopg2.InterfaceError):
        with c:
            c.close()


def test_enter_exit_direct(conn):
    assert conn.__enter__() is conn
    assert conn.__exit__(None, None, None) is None


# ----------------------------------------------- cancel / reset / fileno


def test_cancel_idle(conn):
    conn.cancel()
    assert _one(conn, "select 1") == 1


def test_cancel_from_thread(conn):
    import threading
    cur = conn.cursor()
    timer = threading.Timer(0.3, conn.cancel)
    timer.start()
    t0 = time.monotonic()
    try:
        with pytest.raises(errors.QueryCanceled) as excinfo:
            cur.execute("select pg_sleep(10)")
    finally:
        timer.join()
    assert time.monotonic() - t0 < 5
    assert isinstance(excinfo.value, ext.QueryCanceledError)
    assert excinfo.value.pgcode == "57014"
    conn.rollback()
    assert _one(conn, "select 2") == 2


def test_reset(conn):
    pid = conn.get_backend_pid()
    cur = conn.cursor()
    cur.execute("set application_name = 'before_reset'")
    conn.reset()
    assert conn.status == ext.STATUS_READY
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE
    assert conn.get_backend_pid() == pid
    # RESET ALL was sent
    assert _one(conn, "show application_name") != "before_reset"


def test_reset_rolls_back(conn, table):
    cur = conn.cursor()
    cur.execute("insert into %s values (1)" % table)
    conn.reset()
    assert _one(conn, "select count(*) from %s" % table) == 0


def test_reset_in_failed_transaction(conn):
    cur = conn.cursor()
    with pytest.raises(psycopg2.DataError):
        cur.execute("select 1/0")
    conn.reset()
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE
    assert _one(conn, "select 1") == 1


def test_reset_session_defaults(conn):
    conn.set_session(isolation_level=3, readonly=True, deferrable=True)
    conn.reset()
    assert (conn.isolation_level, conn.readonly, conn.deferrable,
            conn.autocommit) == (None, None, None, False)
    assert _session_state(conn) == ("read committed", "off", "off")


def test_reset_resets_autocommit(conn):
    conn.autocommit = True
    conn.reset()
    assert conn.autocommit is False
    _one(conn, "select 1")
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_INTRANS


def test_fileno(conn):
    fd = conn.fileno()
    assert isinstance(fd, int)
    assert fd >= 0
    # it is a socket that select() accepts
    r, w, x = select.select([], [fd], [], 1)
    assert w == [fd]


# ------------------------------------------------------ subclassing


def test_subclass_extra_attributes(dsn):
    class Counting(ext.connection):
        def __init__(self, dsn, *args, **kwargs):
            super().__init__(dsn, *args, **kwargs)
            self.created_cursors = 0
            self.label = "counting"

        def cursor(self, *args, **kwargs):
            self.created_cursors += 1
            return super().cursor(*args, **kwargs)

    c = psycopg2.connect(dsn, connection_factory=Counting)
    try:
        assert isinstance(c, ext.connection)
        assert c.label == "counting"
        cur = c.cursor()
        c.cursor()
        assert c.created_cursors == 2
        cur.execute("select 1")
        assert cur.fetchone() == (1,)
        c.new_attr = [1, 2]
        assert c.new_attr == [1, 2]
    finally:
        c.close()
    assert c.closed == 1


def test_subclass_direct_instantiation(dsn):
    class Sub(ext.connection):
        pass

    c = Sub(dsn)
    try:
        assert c.closed == 0
        assert _one(c, "select 3") == 3
    finally:
        c.close()


def test_connection_direct_instantiation(dsn):
    c = ext.connection(dsn)
    try:
        assert _one(c, "select 4") == 4
    finally:
        c.close()


def test_cursor_factory_attribute(conn):
    class MyCursor(ext.cursor):
        pass

    conn.cursor_factory = MyCursor
    assert type(conn.cursor()) is MyCursor
    conn.cursor_factory = None
    assert type(conn.cursor()) is ext.cursor


# ---------------------------------------------- server going away


def _assert_server_gone(excinfo):
    assert type(excinfo.value) is psycopg2.OperationalError
    assert "server closed the connection unexpectedly" in str(excinfo.value)
    assert excinfo.value.pgcode is None


def test_server_restart_idle(private_server):
    c = psycopg2.connect(private_server.dsn())
    try:
        cur = c.cursor()
        cur.execute("select 1")
        c.rollback()
        private_server.restart()
        with pytest.raises(psycopg2.OperationalError) as excinfo:
            cur.execute("select 1")
        _assert_server_gone(excinfo)
        assert c.closed == 2
        # the connection is now unusable
        with pytest.raises(psycopg2.InterfaceError):
            c.cursor()
        with pytest.raises(psycopg2.InterfaceError):
            cur.execute("select 1")
        c.close()
        assert c.closed == 1
        # a new connection works
        c2 = psycopg2.connect(private_server.dsn())
        assert _one(c2, "select 5") == 5
        c2.close()
    finally:
        c.close()


def test_server_restart_in_transaction(private_server):
    c = psycopg2.connect(private_server.dsn())
    try:
        cur = c.cursor()
        cur.execute("select 1")
        private_server.restart()
        with pytest.raises(psycopg2.OperationalError) as excinfo:
            c.commit()
        _assert_server_gone(excinfo)
        assert c.closed == 2
    finally:
        c.close()


def test_server_restart_autocommit(private_server):
    c = psycopg2.connect(private_server.dsn())
    try:
        c.autocommit = True
        cur = c.cursor()
        private_server.restart()
        with pytest.raises(psycopg2.OperationalError) as excinfo:
            cur.execute("select 1")
        _assert_server_gone(excinfo)
        assert c.closed == 2
    finally:
        c.close()


def test_server_killed(private_server):
    c = psycopg2.connect(private_server.dsn())
    try:
        cur = c.cursor()
        private_server.kill()
        with pytest.raises(psycopg2.OperationalError) as excinfo:
            cur.execute("select 1")
        _assert_server_gone(excinfo)
        assert c.closed == 2
        with pytest.raises(psycopg2.OperationalError):
            psycopg2.connect(private_server.dsn(), connect_timeout=3)
    finally:
        c.close()


def test_backend_terminated(conn, make_conn):
    victim = make_conn()
    cur = victim.cursor()
    _one(conn, "select pg_terminate_backend(%s)", (victim.get_backend_pid(),))
    conn.rollback()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        if _one(conn, "select count(*) from pg_stat_activity where pid = %s",
                (victim.get_backend_pid(),)) == 0:
            break
        conn.rollback()
        time.sleep(0.05)
    with pytest.raises(psycopg2.OperationalError):
        cur.execute("select 1")
    assert victim.closed == 2
    victim.close()
    assert victim.closed == 1
