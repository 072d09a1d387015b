"""Errors raised by the server: pgerror, pgcode, diag, the exception class
chosen per SQLSTATE, psycopg2.errors and psycopg2.errorcodes, pickling."""

import pickle
import threading

import pytest

import psycopg2
import psycopg2.errorcodes as errorcodes
import psycopg2.errors as errors
import psycopg2.extensions as ext


def _raise(cur, sql, args=None):
    with pytest.raises(psycopg2.Error) as excinfo:
        cur.execute(sql, args)
    return excinfo.value


@pytest.fixture
def cur(conn):
    return conn.cursor()


@pytest.fixture
def uniq(conn, cur):
    cur.execute(
        "create temp table u (id int constraint u_pk primary key,"
        " v int check (v > 0), w int not null default 0)")
    cur.execute("insert into u values (1, 1)")
    conn.commit()
    return "u"


# ------------------------------------------------ pgerror / pgcode / text


def test_unique_violation(conn, cur, uniq):
    e = _raise(cur, "insert into u values (1, 1)")
    assert type(e) is errors.UniqueViolation
    assert isinstance(e, psycopg2.IntegrityError)
    assert e.pgcode == "23505"
    assert e.pgerror == (
        'ERROR:  duplicate key value violates unique constraint "u_pk"\n'
        "DETAIL:  Key (id)=(1) already exists.\n")
    assert str(e) == (
        'duplicate key value violates unique constraint "u_pk"\n'
        "DETAIL:  Key (id)=(1) already exists.\n")
    assert e.args == (str(e),)
    assert e.cursor is cur


def test_unique_violation_diag(conn, cur, uniq):
    d = _raise(cur, "insert into u values (1, 1)").diag
    assert isinstance(d, ext.Diagnostics)
    assert d.sqlstate == "23505"
    assert d.severity == "ERROR"
    assert d.severity_nonlocalized == "ERROR"
    assert d.message_primary == \
        'duplicate key value violates unique constraint "u_pk"'
    assert d.message_detail == "Key (id)=(1) already exists."
    assert d.message_hint is None
    assert d.table_name == "u"
    assert d.constraint_name == "u_pk"
    assert d.schema_name.startswith("pg_temp")
    assert d.column_name is None
    assert d.datatype_name is None
    assert d.statement_position is None
    assert d.internal_position is None
    assert d.internal_query is None
    assert d.context is None
    assert d.source_file.endswith(".c")
    assert d.source_function
    assert int(d.source_line) > 0


def test_check_violation(conn, cur, uniq):
    e = _raise(cur, "insert into u values (2, -1)")
    assert type(e) is errors.CheckViolation
    assert isinstance(e, psycopg2.IntegrityError)
    assert e.diag.constraint_name == "u_v_check"
    assert e.diag.table_name == "u"
    assert e.diag.message_detail == "Failing row contains (2, -1, 0)."


def test_not_null_violation(conn, cur, uniq):
    e = _raise(cur, "insert into u values (3, 1, null)")
    assert type(e) is errors.NotNullViolation
    assert e.pgcode == "23502"
    assert e.diag.column_name == "w"
    assert e.diag.table_name == "u"


def test_syntax_error_position(cur):
    e = _raise(cur, "select 1 +")
    assert type(e) is errors.SyntaxError
    assert isinstance(e, psycopg2.ProgrammingError)
    assert e.pgcode == "42601"
    assert e.diag.statement_position == "11"
    assert e.diag.message_primary == "syntax error at end of input"
    assert e.pgerror == (
        "ERROR:  syntax error at end of input\n"
        "LINE 1: select 1 +\n"
        "                  ^\n")


def test_undefined_table(cur):
    e = _raise(cur, "select * from nosuch_table_e")
    assert type(e) is errors.UndefinedTable
    assert isinstance(e, psycopg2.ProgrammingError)
    assert e.pgcode == "42P01"
    assert e.diag.message_primary == 'relation "nosuch_table_e" does not exist'
    assert e.diag.statement_position == "15"
    assert e.pgerror.startswith(
        'ERROR:  relation "nosuch_table_e" does not exist\nLINE 1: ')


def test_division_by_zero(cur):
    e = _raise(cur, "select 1/0")
    assert type(e) is errors.DivisionByZero
    assert isinstance(e, psycopg2.DataError)
    assert e.pgcode == "22012"
    assert e.pgerror == "ERROR:  division by zero\n"
    assert str(e) == "division by zero\n"
    assert e.diag.severity == "ERROR"
    assert e.diag.statement_position is None


def test_invalid_text_representation(cur):
    e = _raise(cur, "select 'abc'::int")
    assert type(e) is errors.InvalidTextRepresentation
    assert isinstance(e, psycopg2.DataError)
    assert e.pgcode == "22P02"


def test_raise_exception_fields(cur):
    e = _raise(cur, "do $$begin raise exception using message = 'custom',"
               " detail = 'det', hint = 'hnt', errcode = 'P0001'; end$$")
    assert type(e) is errors.RaiseException
    assert isinstance(e, psycopg2.InternalError)
    assert e.pgcode == "P0001"
    assert e.diag.message_primary == "custom"
    assert e.diag.message_detail == "det"
    assert e.diag.message_hint == "hnt"
    assert e.diag.context == \
        "PL/pgSQL function inline_code_block line 1 at RAISE"
    assert e.pgerror == (
        "ERROR:  custom\nDETAIL:  det\nHINT:  hnt\n"
        "CONTEXT:  PL/pgSQL function inline_code_block line 1 at RAISE\n")


@pytest.mark.parametrize("code, base", [
    ("XX123", psycopg2.InternalError),
    ("22P99", psycopg2.DataError),
    ("23P99", psycopg2.IntegrityError),
    ("42P99", psycopg2.ProgrammingError),
    ("08P99", psycopg2.OperationalError),
    ("0AP99", psycopg2.NotSupportedError),
])
def test_unknown_sqlstate_uses_class(cur, code, base):
    e = _raise(cur, "do $$begin raise exception using errcode = '%s'; end$$"
               % code)
    assert type(e) is base
    assert e.pgcode == code


def test_feature_not_supported(cur):
    e = _raise(cur, "do $$begin raise exception using errcode = '0A000'; end$$")
    assert type(e) is errors.FeatureNotSupported
    assert isinstance(e, psycopg2.NotSupportedError)


def test_in_failed_transaction(conn, cur):
    _raise(cur, "select 1/0")
    e = _raise(cur, "select 1")
    assert type(e) is errors.InFailedSqlTransaction
    assert isinstance(e, psycopg2.InternalError)
    assert e.pgcode == "25P02"
    assert e.pgerror == (
        "ERROR:  current transaction is aborted, commands ignored until "
        "end of transaction block\n")
    conn.rollback()


def test_error_cursor_attribute(conn):
    c1 = conn.cursor()
    c2 = conn.cursor()
    e = _raise(c2, "select 1/0")
    assert e.cursor is c2
    assert e.cursor is not c1
    conn.rollback()


def test_connection_level_error_has_no_cursor(conn):
    with pytest.raises(errors.InvalidParameterValue) as excinfo:
        conn.set_client_encoding("nosuchencoding")
    assert excinfo.value.cursor is None


def test_commit_error(conn, cur):
    cur.execute(
        "create temp table dd (x int unique deferrable initially deferred)")
    conn.commit()
    cur.execute("insert into dd values (1), (1)")
    with pytest.raises(errors.UniqueViolation) as excinfo:
        conn.commit()
    assert excinfo.value.cursor is None
    assert excinfo.value.pgcode == "23505"
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE
    assert conn.status == ext.STATUS_READY


def test_error_in_multi_statement(conn, cur):
    cur.execute("create temp table m (x int)")
    conn.commit()
    e = _raise(cur,
               "insert into m values (1); select 1/0; insert into m values (2)")
    assert type(e) is errors.DivisionByZero
    assert cur.query == \
        b"insert into m values (1); select 1/0; insert into m values (2)"
    conn.rollback()
    cur.execute("select count(*) from m")
    assert cur.fetchone() == (0,)


def test_error_in_multi_statement_autocommit(conn, cur):
    cur.execute("create temp table m2 (x int)")
    conn.commit()
    conn.autocommit = True
    e = _raise(cur, "insert into m2 values (1); select 1/0;"
               " insert into m2 values (2)")
    assert type(e) is errors.DivisionByZero
    # a multi-statement string runs in one implicit transaction
    cur.execute("select count(*) from m2")
    assert cur.fetchone() == (0,)


def test_query_canceled_statement_timeout(conn, cur):
    cur.execute("set statement_timeout = 100")
    e = _raise(cur, "select pg_sleep(5)")
    assert type(e) is errors.QueryCanceled
    assert isinstance(e, ext.QueryCanceledError)
    assert isinstance(e, psycopg2.OperationalError)
    assert e.pgcode == "57014"
    assert e.pgerror == "ERROR:  canceling statement due to statement timeout\n"
    conn.rollback()


def test_lock_not_available(conn, make_conn, cur):
    other = make_conn()
    ocur = other.cursor()
    cur.execute("create table lock_t_%s (x int)" % conn.get_backend_pid())
    cur.execute("insert into lock_t_%s values (1)" % conn.get_backend_pid())
    conn.commit()
    try:
        cur.execute("select * from lock_t_%s for update" % conn.get_backend_pid())
        e = _raise(ocur, "select * from lock_t_%s for update nowait"
                   % conn.get_backend_pid())
        assert type(e) is errors.LockNotAvailable
        assert isinstance(e, psycopg2.OperationalError)
        assert e.pgcode == "55P03"
        other.rollback()
    finally:
        conn.rollback()
        cur.execute("drop table lock_t_%s" % conn.get_backend_pid())
        conn.commit()


def test_serialization_failure(conn, make_conn, cur):
    name = "ser_t_%d" % conn.get_backend_pid()
    cur.execute("create table %s (id int primary key, v int)" % name)
    cur.execute("insert into %s values (1, 0)" % name)
    conn.commit()
    other = make_conn()
    try:
        conn.isolation_level = "repeatable read"
        cur.execute("select v from %s where id = 1" % name)
        ocur = other.cursor()
        ocur.execute("update %s set v = 1 where id = 1" % name)
        other.commit()
        e = _raise(cur, "update %s set v = 2 where id = 1" % name)
        assert type(e) is errors.SerializationFailure
        assert isinstance(e, ext.TransactionRollbackError)
        assert isinstance(e, psycopg2.OperationalError)
        assert e.pgcode == "40001"
        assert e.diag.message_primary == \
            "could not serialize access due to concurrent update"
    finally:
        conn.rollback()
        conn.isolation_level = None
        cur.execute("drop table %s" % name)
        conn.commit()


def test_deadlock_detected(conn, make_conn, cur):
    name = "dl_t_%d" % conn.get_backend_pid()
    cur.execute("create table %s (id int primary key)" % name)
    cur.execute("insert into %s values (1), (2)" % name)
    conn.commit()
    a = make_conn()
    b = make_conn()
    acur = a.cursor()
    bcur = b.cursor()
    try:
        acur.execute("set deadlock_timeout = '10s'")
        bcur.execute("set deadlock_timeout = '100ms'")
        acur.execute("select * from %s where id = 1 for update" % name)
        bcur.execute("select * from %s where id = 2 for update" % name)
        result = {}

        def blocked():
            try:
                acur.execute("select * from %s where id = 2 for update" % name)
                result["a"] = "ok"
            except Exception as e:  # pragma: no cover - reported below
                result["a"] = e

        t = threading.Thread(target=blocked)
        t.start()
        # wait until a is waiting on the lock
        waiter = make_conn()
        waiter.autocommit = True
        wcur = waiter.cursor()
        for _ in range(200):
            wcur.execute("select wait_event_type from pg_stat_activity"
                         " where pid = %s", (a.get_backend_pid(),))
            if wcur.fetchone()[0] == "Lock":
                break
            t.join(0.02)
        e = _raise(bcur, "select * from %s where id = 1 for update" % name)
        assert type(e) is errors.DeadlockDetected
        assert isinstance(e, ext.TransactionRollbackError)
        assert e.pgcode == "40P01"
        assert e.diag.message_primary == "deadlock detected"
        b.rollback()
        t.join(10)
        assert result.get("a") == "ok"
    finally:
        a.rollback()
        b.rollback()
        cur.execute("drop table %s" % name)
        conn.commit()


def test_readonly_sql_transaction(conn, cur):
    conn.readonly = True
    e = _raise(cur, "create temp table ro_t (x int)")
    assert type(e) is errors.ReadOnlySqlTransaction
    assert isinstance(e, psycopg2.InternalError)
    assert e.pgcode == "25006"
    conn.rollback()


# ----------------------------------------------------------- lookup


@pytest.mark.parametrize("code, cls, base", [
    ("23505", errors.UniqueViolation, psycopg2.IntegrityError),
    ("23503", errors.ForeignKeyViolation, psycopg2.IntegrityError),
    ("23502", errors.NotNullViolation, psycopg2.IntegrityError),
    ("42P01", errors.UndefinedTable, psycopg2.ProgrammingError),
    ("42601", errors.SyntaxError, psycopg2.ProgrammingError),
    ("42883", errors.UndefinedFunction, psycopg2.ProgrammingError),
    ("22012", errors.DivisionByZero, psycopg2.DataError),
    ("22P02", errors.InvalidTextRepresentation, psycopg2.DataError),
    ("57014", errors.QueryCanceled, ext.QueryCanceledError),
    ("40001", errors.SerializationFailure, ext.TransactionRollbackError),
    ("40P01", errors.DeadlockDetected, ext.TransactionRollbackError),
    ("25006", errors.ReadOnlySqlTransaction, psycopg2.InternalError),
    ("25P02", errors.InFailedSqlTransaction, psycopg2.InternalError),
    ("P0001", errors.RaiseException, psycopg2.InternalError),
    ("XX000", errors.InternalError_, psycopg2.InternalError),
    ("53300", errors.TooManyConnections, psycopg2.OperationalError),
    ("08006", errors.ConnectionFailure, psycopg2.OperationalError),
    ("55P03", errors.LockNotAvailable, psycopg2.OperationalError),
    ("57P01", errors.AdminShutdown, psycopg2.OperationalError),
    ("0A000", errors.FeatureNotSupported, psycopg2.NotSupportedError),
    ("23000", errors.IntegrityConstraintViolation, psycopg2.IntegrityError),
])
def test_lookup(code, cls, base):
    assert errors.lookup(code) is cls
    assert cls.__bases__ == (base,)
    assert cls.__module__ == "psycopg2.errors"
    assert issubclass(cls, psycopg2.DatabaseError)


@pytest.mark.parametrize("code", ["XXXXX", "", "2350", "99999"])
def test_lookup_unknown(code):
    with pytest.raises(KeyError):
        errors.lookup(code)


def test_errors_module_has_many_classes():
    classes = [v for v in vars(errors).values()
               if isinstance(v, type) and issubclass(v, psycopg2.Error)
               and v.__module__ == "psycopg2.errors"]
    assert len(classes) > 200
    # every one maps back through lookup() to itself
    codes = {getattr(errorcodes, n) for n in dir(errorcodes)
             if n.isupper() and not n.startswith("CLASS_")}
    found = 0
    for code in codes:
        try:
            cls = errors.lookup(code)
        except KeyError:
            continue
        found += 1
        assert cls.__module__ == "psycopg2.errors"
    assert found > 200


def test_error_instance_without_server():
    e = errors.UniqueViolation("msg")
    assert str(e) == "msg"
    assert e.pgcode is None
    assert e.pgerror is None
    assert e.cursor is None
    assert e.diag.sqlstate is None


def test_error_attributes_readonly(cur):
    e = _raise(cur, "select 1/0")
    with pytest.raises(AttributeError):
        e.pgcode = "x"
    with pytest.raises(AttributeError):
        e.pgerror = "x"


def test_catch_by_base_class(conn, cur, uniq):
    with pytest.raises(psycopg2.IntegrityError):
        cur.execute("insert into u values (1, 1)")
    conn.rollback()
    with pytest.raises(psycopg2.DatabaseError):
        cur.execute("insert into u values (1, 1)")
    conn.rollback()
    with pytest.raises(psycopg2.Error):
        cur.execute("insert into u values (1, 1)")
    conn.rollback()


# ------------------------------------------------------- errorcodes


def test_errorcodes_constants():
    assert errorcodes.UNIQUE_VIOLATION == "23505"
    assert errorcodes.DEADLOCK_DETECTED == "40P01"
    assert errorcodes.QUERY_CANCELED == "57014"
    assert errorcodes.SERIALIZATION_FAILURE == "40001"
    assert errorcodes.UNDEFINED_TABLE == "42P01"
    assert errorcodes.DIVISION_BY_ZERO == "22012"
    assert errorcodes.SUCCESSFUL_COMPLETION == "00000"
    assert errorcodes.CLASS_INTEGRITY_CONSTRAINT_VIOLATION == "23"
    assert errorcodes.CLASS_TRANSACTION_ROLLBACK == "40"


def test_errorcodes_lookup():
    assert errorcodes.lookup("23505") == "UNIQUE_VIOLATION"
    assert errorcodes.lookup("40P01") == "DEADLOCK_DETECTED"
    assert errorcodes.lookup("23") == "CLASS_INTEGRITY_CONSTRAINT_VIOLATION"
    assert errorcodes.lookup("40") == "CLASS_TRANSACTION_ROLLBACK"
    with pytest.raises(KeyError):
        errorcodes.lookup("zzzzz")


def test_errorcodes_match_server(cur):
    e = _raise(cur, "select 1/0")
    assert e.pgcode == errorcodes.DIVISION_BY_ZERO
    assert errorcodes.lookup(e.pgcode) == "DIVISION_BY_ZERO"


# --------------------------------------------------------- pickling


def test_pickle_server_error(conn, cur):
    e = _raise(cur, "select * from nosuch_table_p")
    p = pickle.loads(pickle.dumps(e))
    assert type(p) is errors.UndefinedTable
    assert p.pgerror == e.pgerror
    assert p.pgcode == "42P01"
    assert p.args == e.args
    assert str(p) == str(e)
    assert p.cursor is None
    assert p.diag.sqlstate is None
    conn.rollback()


def test_pickle_base_error(conn, cur):
    e = _raise(cur, "do $$begin raise exception using errcode = 'XX123'; end$$")
    assert type(e) is psycopg2.InternalError
    p = pickle.loads(pickle.dumps(e))
    assert type(p) is psycopg2.InternalError
    assert p.pgcode == "XX123"
    assert p.pgerror == e.pgerror
    conn.rollback()


def test_pickle_plain_error():
    p = pickle.loads(pickle.dumps(psycopg2.OperationalError("boom")))
    assert type(p) is psycopg2.OperationalError
    assert p.args == ("boom",)
    assert p.pgcode is None


# ------------------------------------------------------- Diagnostics


def test_diagnostics_constructor(cur, conn):
    e = _raise(cur, "select 1/0")
    d = ext.Diagnostics(e)
    assert d.sqlstate == "22012"
    assert d.message_primary == "division by zero"
    conn.rollback()


def test_diag_survives_rollback(cur, conn):
    e = _raise(cur, "select 1/0")
    conn.rollback()
    cur.execute("select 1")
    assert e.diag.sqlstate == "22012"
    assert e.diag.message_primary == "division by zero"
