"""ConnectionInfo (connection.info) and Diagnostics (Error.diag) in full.

Every ConnectionInfo attribute on an open, a broken and a closed
connection, and every Diagnostics field with a server error that fills it.
(The basics are in test_connection.py and test_errors.py.)
"""

import pickle
import time

import pytest

import psycopg2
import psycopg2.errors as errors
import psycopg2.extensions as ext
from psycopg2.extensions import ConnectionInfo, Diagnostics

# Only psycopg2-cluster says so in its package docstring.
OURS = "psycopg2-cluster" in (psycopg2.__doc__ or "")
ref_crashes = pytest.mark.skipif(
    not OURS, reason="psycopg2 2.9 itself crashes on this misuse")

STRING_ATTRS = ["dbname", "user", "password", "host", "options"]


# ------------------------------------------------------- ConnectionInfo


def test_open_connection(conn, dsn):
    info = conn.info
    params = ext.parse_dsn(dsn)
    assert type(info) is ConnectionInfo
    assert conn.info is not info     # a new object each time, as psycopg2
    assert info.dbname == params["dbname"]
    assert info.user == params["user"]
    assert info.password == ""
    assert info.host == params["host"]
    assert info.port == int(params["port"])
    assert info.options == ""
    assert info.status == 0                     # CONNECTION_OK
    assert info.transaction_status == ext.TRANSACTION_STATUS_IDLE
    assert info.protocol_version == 3
    assert info.server_version == conn.server_version > 90000
    assert info.error_message is None
    assert info.socket == conn.fileno() > 0
    assert info.backend_pid == conn.get_backend_pid() > 0
    assert info.needs_password is False
    assert info.used_password is False
    assert info.ssl_in_use is False


def test_types(conn):
    info = conn.info
    for attr in STRING_ATTRS:
        assert type(getattr(info, attr)) is str, attr
    for attr in ["port", "status", "transaction_status", "protocol_version",
                 "server_version", "socket", "backend_pid"]:
        assert type(getattr(info, attr)) is int, attr
    for attr in ["needs_password", "used_password", "ssl_in_use"]:
        assert type(getattr(info, attr)) is bool, attr


def test_dsn_parameters(conn, dsn):
    params = conn.info.dsn_parameters
    assert type(params) is dict
    given = ext.parse_dsn(dsn)
    for key in ["host", "port", "user", "dbname"]:
        assert params[key] == given[key]
    assert "password" not in params
    assert all(type(v) is str for v in params.values())


def test_password(pw_dsn):
    c = psycopg2.connect(pw_dsn)
    try:
        assert c.info.password == ext.parse_dsn(pw_dsn)["password"]
        assert c.info.used_password is True
        assert c.info.needs_password is False
        assert "password" not in c.info.dsn_parameters
    finally:
        c.close()
    assert c.info.password is None
    assert c.info.used_password is False


def test_options(make_conn):
    c = make_conn(options="-c search_path=public")
    assert c.info.options == "-c search_path=public"


def test_transaction_status(conn):
    info = conn.info
    cur = conn.cursor()
    cur.execute("select 1")
    assert info.transaction_status == ext.TRANSACTION_STATUS_INTRANS
    with pytest.raises(errors.DivisionByZero):
        cur.execute("select 1/0")
    assert info.transaction_status == ext.TRANSACTION_STATUS_INERROR
    assert info.error_message == "ERROR:  division by zero\n"
    conn.rollback()
    assert info.transaction_status == ext.TRANSACTION_STATUS_IDLE
    assert info.error_message is None


def test_parameter_status(conn):
    info = conn.info
    assert info.parameter_status("server_encoding") == "UTF8"
    assert info.parameter_status(name="client_encoding") == "UTF8"
    assert info.parameter_status("is_superuser") == "on"
    assert info.parameter_status("nosuchparameter") is None
    conn.cursor().execute("set timezone to 'Europe/Rome'")
    assert info.parameter_status("TimeZone") == "Europe/Rome"


@pytest.mark.parametrize("args, exc, msg", [
    ((), TypeError, "missing required argument 'name'"),
    ((1,), TypeError, "argument 1 must be str, not int"),
    ((None,), TypeError, "argument 1 must be str, not None"),
    (("a", "b"), TypeError, r"at most 1 argument \(2 given\)"),
    (("a\0b",), ValueError, "embedded null character"),
])
@pytest.mark.parametrize("meth", ["parameter_status", "ssl_attribute"])
def test_methods_bad_args(conn, meth, args, exc, msg):
    with pytest.raises(exc, match=msg):
        getattr(conn.info, meth)(*args)


def test_ssl(conn):
    # the server of the suite has no SSL: nothing to report but the library
    names = conn.info.ssl_attribute_names
    assert type(names) is list
    assert all(type(n) is str for n in names)
    assert conn.info.ssl_attribute("nosuchattribute") is None
    assert conn.info.ssl_attribute("cipher") is None


@pytest.mark.parametrize("reuse_info", [True, False])
def test_closed_connection(make_conn, reuse_info):
    c = make_conn()
    info = c.info
    c.close()
    if not reuse_info:
        info = c.info
    for attr in STRING_ATTRS + ["port"]:
        assert getattr(info, attr) is None, attr
    assert info.status == 1                     # CONNECTION_BAD
    assert info.transaction_status == ext.TRANSACTION_STATUS_UNKNOWN
    assert info.protocol_version == 0
    assert info.server_version == 0
    assert info.error_message == "connection pointer is NULL\n"
    assert info.socket == -1
    assert info.backend_pid == 0
    assert info.needs_password is False
    assert info.used_password is False
    assert info.ssl_in_use is False
    assert info.parameter_status("server_encoding") is None
    assert info.ssl_attribute("cipher") is None
    # libpq answers about the SSL library itself without a connection
    assert "library" in info.ssl_attribute_names
    assert info.ssl_attribute("library") == "OpenSSL"
    with pytest.raises(psycopg2.InterfaceError,
                       match="connection already closed"):
        info.dsn_parameters


def test_broken_connection(make_conn):
    c = make_conn()
    killer = make_conn()
    killer.autocommit = True
    killer.cursor().execute("select pg_terminate_backend(%s)",
                            (c.info.backend_pid,))
    deadline = time.monotonic() + 5
    with pytest.raises(psycopg2.OperationalError):
        while time.monotonic() < deadline:    # until the backend is gone
            c.cursor().execute("select 1")
            c.rollback()
            time.sleep(0.02)
    assert c.closed == 2
    info = c.info
    assert info.status == 1
    assert info.transaction_status == ext.TRANSACTION_STATUS_UNKNOWN
    assert "terminating connection" in info.error_message
    assert info.dbname == "postgres"             # libpq still knows these
    assert info.parameter_status("server_encoding") == "UTF8"
    assert info.socket == -1
    assert info.server_version == 0
    with pytest.raises(psycopg2.InterfaceError):
        info.dsn_parameters


def test_constructor(conn):
    assert ConnectionInfo(conn).backend_pid == conn.get_backend_pid()


@pytest.mark.parametrize("args, msg", [
    ((), r"exactly 1 argument \(0 given\)"),
    ((1,), "The argument must be a psycopg2 connection"),
    ((None,), "The argument must be a psycopg2 connection"),
    (("a", "b"), r"exactly 1 argument \(2 given\)"),
])
def test_constructor_bad_args(args, msg):
    with pytest.raises(TypeError, match=msg):
        ConnectionInfo(*args)


def test_readonly(conn):
    with pytest.raises(AttributeError, match="not writable"):
        conn.info.dbname = "x"


@ref_crashes
def test_uninitialised():
    info = ConnectionInfo.__new__(ConnectionInfo)
    assert info.dbname is None
    assert info.backend_pid == 0
    with pytest.raises(psycopg2.InterfaceError):
        info.dsn_parameters


def test_info_keeps_connection_alive(make_conn):
    c = make_conn()
    info = c.info
    pid = c.get_backend_pid()
    del c
    assert info.backend_pid == pid


# ----------------------------------------------------------- Diagnostics

DIAG_FIELDS = [
    "column_name", "constraint_name", "context", "datatype_name",
    "internal_position", "internal_query", "message_detail", "message_hint",
    "message_primary", "schema_name", "severity", "severity_nonlocalized",
    "source_file", "source_function", "source_line", "sqlstate",
    "statement_position", "table_name"]


@pytest.fixture
def cur(conn):
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("""
        drop table if exists diag_t;
        drop domain if exists diag_d;
        create table diag_t (id int primary key, v int not null check (v > 0));
        create domain diag_d as int check (value > 0);
        create or replace function diag_f() returns int language plpgsql as
        $$ declare x int; begin select 1/0 into x; return x; end $$;
        """)
    yield cur
    cur.execute("drop table diag_t; drop domain diag_d; drop function diag_f()")


def _diag(cur, query, exc=psycopg2.Error):
    with pytest.raises(exc) as info:
        cur.execute(query)
    return info.value.diag


def _check(diag, **expected):
    """Fields in expected have those values, the others (but the source
    ones, always sent) are None."""
    assert diag.severity == diag.severity_nonlocalized == "ERROR"
    assert diag.source_file.endswith((".c", ".l", ".y"))
    assert diag.source_function
    assert int(diag.source_line) > 0
    for field in DIAG_FIELDS:
        if field.startswith(("severity", "source_")):
            continue
        assert getattr(diag, field) == expected.get(field), field


def test_all_fields_exist():
    names = {n for n in dir(Diagnostics) if not n.startswith("_")}
    assert names == set(DIAG_FIELDS)


def test_unique_violation(cur):
    d = _diag(cur, "insert into diag_t values (1, 1), (1, 1)",
              errors.UniqueViolation)
    _check(d, sqlstate="23505", schema_name="public", table_name="diag_t",
           constraint_name="diag_t_pkey",
           message_primary='duplicate key value violates unique '
                           'constraint "diag_t_pkey"',
           message_detail="Key (id)=(1) already exists.")


def test_not_null_violation(cur):
    d = _diag(cur, "insert into diag_t values (2, null)",
              errors.NotNullViolation)
    _check(d, sqlstate="23502", schema_name="public", table_name="diag_t",
           column_name="v",
           message_primary='null value in column "v" of relation "diag_t" '
                           'violates not-null constraint',
           message_detail="Failing row contains (2, null).")


def test_check_violation(cur):
    d = _diag(cur, "insert into diag_t values (3, -1)", errors.CheckViolation)
    _check(d, sqlstate="23514", schema_name="public", table_name="diag_t",
           constraint_name="diag_t_v_check",
           message_primary='new row for relation "diag_t" violates check '
                           'constraint "diag_t_v_check"',
           message_detail="Failing row contains (3, -1).")


def test_domain_violation(cur):
    d = _diag(cur, "select (-1)::diag_d", errors.CheckViolation)
    _check(d, sqlstate="23514", schema_name="public", datatype_name="diag_d",
           constraint_name="diag_d_check",
           message_primary='value for domain diag_d violates check '
                           'constraint "diag_d_check"')


def test_plpgsql_context(cur):
    d = _diag(cur, "select diag_f()", errors.DivisionByZero)
    _check(d, sqlstate="22012", message_primary="division by zero",
           context='SQL statement "select 1/0"\n'
                   'PL/pgSQL function diag_f() line 1 at SQL statement')


def test_internal_query(cur):
    d = _diag(cur, "do $$begin execute 'selec 1'; end$$", errors.SyntaxError)
    _check(d, sqlstate="42601", internal_query="selec 1",
           internal_position="1",
           message_primary='syntax error at or near "selec"',
           context="PL/pgSQL function inline_code_block line 1 at EXECUTE")


def test_statement_position(cur):
    d = _diag(cur, "select 1 from diag_t where nosuch", errors.UndefinedColumn)
    _check(d, sqlstate="42703", statement_position="28",
           message_primary='column "nosuch" does not exist')


def test_raise_using_everything(cur):
    d = _diag(cur, """do $$begin raise exception 'boom' using
        detail = 'det', hint = 'hin', errcode = 'P0099', column = 'col',
        constraint = 'con', datatype = 'dt', table = 'tab', schema = 'sch';
        end$$""")
    _check(d, sqlstate="P0099", message_primary="boom", message_detail="det",
           message_hint="hin", column_name="col", constraint_name="con",
           datatype_name="dt", table_name="tab", schema_name="sch",
           context="PL/pgSQL function inline_code_block line 1 at RAISE")


def test_encoding(cur, conn):
    conn.set_client_encoding("LATIN1")
    d = _diag(cur, "do $$begin raise exception 'é' using hint = 'ü'; end$$")
    assert (d.message_primary, d.message_hint) == ("é", "ü")


def test_no_result():
    for e in [psycopg2.Error("x"), errors.DivisionByZero(),
              psycopg2.OperationalError()]:
        d = e.diag
        assert type(d) is Diagnostics
        assert all(getattr(d, f) is None for f in DIAG_FIELDS)


def test_diag_objects(cur):
    with pytest.raises(psycopg2.Error) as info:
        cur.execute("select 1/0")
    e = info.value
    assert e.diag is not e.diag      # a new object each time, as psycopg2
    assert Diagnostics(e).sqlstate == "22012"
    with pytest.raises(AttributeError, match="not writable"):
        e.diag.sqlstate = "x"
    # the server's report does not travel with a pickled error
    e2 = pickle.loads(pickle.dumps(e))
    assert e2.pgcode == "22012"
    assert e2.diag.sqlstate is None


def test_diag_after_close(make_conn):
    c = make_conn()
    with pytest.raises(psycopg2.Error) as info:
        c.cursor().execute("select 1/0")
    c.close()
    assert info.value.diag.message_primary == "division by zero"


@pytest.mark.parametrize("args, msg", [
    ((), r"exactly 1 argument \(0 given\)"),
    ((1,), r"The argument must be a psycopg2\.Error"),
    ((None,), r"The argument must be a psycopg2\.Error"),
    (("a", "b"), r"exactly 1 argument \(2 given\)"),
])
def test_diagnostics_bad_args(args, msg):
    with pytest.raises(TypeError, match=msg):
        Diagnostics(*args)


@ref_crashes
def test_diagnostics_uninitialised():
    d = Diagnostics.__new__(Diagnostics)
    assert all(getattr(d, f) is None for f in DIAG_FIELDS)


@pytest.mark.skipif(not OURS, reason="psycopg2 2.9 leaks ~3 kB per diag")
def test_diag_no_leak(cur, assert_no_leak):
    def once():
        try:
            cur.execute("insert into diag_t values (1, -1)")
        except psycopg2.Error as e:
            d = e.diag
            [getattr(d, f) for f in DIAG_FIELDS]

    # leaking one diag string per call would be ~100 kB
    assert_no_leak(once, n=2000, warmup=200, limit_kb=512)


@pytest.mark.skipif(not OURS,
                    reason="psycopg2 2.9 leaks ~120 B per dsn_parameters")
def test_info_no_leak(conn, assert_no_leak):
    def once():
        info = conn.info
        info.dsn_parameters, info.dbname, info.host, info.error_message
        info.parameter_status("TimeZone"), info.ssl_attribute_names

    # one dict of ~15 strings per call: leaking it would be ~2 MB
    assert_no_leak(once, n=2000, warmup=200, limit_kb=512)
