"""Memory leak checks by resident set size (see tests/plugins/leaks.py).

Each test repeats an operation many times after a warm-up and fails if the
process grew by more than a limit. n is chosen so that leaking even one
small object per call (~50 bytes) would exceed the limit, or, for the
shorter tests, so that leaking the data handled by one call would.
"""

import pytest

import psycopg2
import psycopg2.errors as errors


def _sanitizer_loaded():
    """RSS is meaningless under AddressSanitizer (its quarantine holds
    freed memory), so the checks are skipped there (`make sanitize`)."""
    try:
        with open("/proc/self/maps") as f:
            return any("libasan" in line or "libtsan" in line for line in f)
    except OSError:
        return False


pytestmark = pytest.mark.skipif(
    _sanitizer_loaded(), reason="RSS leak checks are void under a sanitizer")


# ------------------------------------------------------ execute / fetch


@pytest.mark.slow
def test_execute_fetch_100k(conn, assert_no_leak):
    conn.autocommit = True
    cur = conn.cursor()
    payload = "x" * 100

    def once():
        cur.execute("select %s, %s, 1.5::float8, null", (42, payload))
        row = cur.fetchone()
        assert row[0] == 42

    # 100k cycles: leaking 50 bytes per cycle would be 5 MB
    assert_no_leak(once, n=100000, warmup=5000, limit_kb=2048)


def test_execute_fetchall_rows(conn, assert_no_leak):
    conn.autocommit = True
    cur = conn.cursor()

    def once():
        cur.execute("select g, repeat('y', 200), g::numeric / 3,"
                    " now(), array[g, g] from generate_series(1, 50) g")
        assert len(cur.fetchall()) == 50

    # 50 rows of ~300 bytes each per call: leaking them is ~30 MB
    assert_no_leak(once, n=2000, warmup=200, limit_kb=2048)


def test_execute_with_params(conn, assert_no_leak):
    conn.autocommit = True
    cur = conn.cursor()
    args = {"a": "z" * 500, "b": [1, 2, 3], "c": None, "d": 3.25,
            "e": b"\x00" * 200}

    def once():
        cur.execute("select %(a)s, %(b)s, %(c)s, %(d)s, %(e)s", args)
        cur.fetchone()

    assert_no_leak(once, n=5000, warmup=300, limit_kb=2048)


def test_mogrify(conn, assert_no_leak):
    cur = conn.cursor()
    args = ("text with 'quotes'", 12345, [1.5, None], None, b"bin" * 10)

    def once():
        cur.mogrify("select %s, %s, %s, %s, %s", args)

    # no server round trip: cheap to repeat a lot
    assert_no_leak(once, n=100000, warmup=5000, limit_kb=2048)


def test_description(conn, assert_no_leak):
    cur = conn.cursor()
    cur.execute("select 1 as a, 'x'::varchar(10) as b, 1.5::numeric(5,2) c")

    def once():
        d = cur.description
        assert d[0].name == "a"
        tuple(d[2])

    assert_no_leak(once, n=100000, warmup=5000, limit_kb=2048)


def test_executemany(conn, assert_no_leak):
    cur = conn.cursor()
    cur.execute("create temp table lk_em (a int, b text)")
    conn.commit()
    rows = [(i, "v%d" % i + "w" * 100) for i in range(20)]

    def once():
        cur.executemany("insert into lk_em values (%s, %s)", rows)
        conn.rollback()

    assert_no_leak(once, n=500, warmup=50, limit_kb=1024)


def test_cursor_create_close(conn, assert_no_leak):
    conn.autocommit = True

    def once():
        cur = conn.cursor()
        cur.execute("select 1")
        cur.fetchall()
        cur.close()

    assert_no_leak(once, n=10000, warmup=500, limit_kb=1024)


def test_notices(conn, assert_no_leak):
    conn.autocommit = True
    cur = conn.cursor()

    def once():
        cur.execute("do $$begin raise notice '%', repeat('n', 500); end$$")

    # the notices list is capped at 50: it must not keep growing
    assert_no_leak(once, n=5000, warmup=300, limit_kb=1024)
    assert len(conn.notices) == 50


# ------------------------------------------------------------ errors


@pytest.mark.slow
def test_errors_autocommit(conn, assert_no_leak):
    conn.autocommit = True
    cur = conn.cursor()

    def once():
        try:
            cur.execute("select 1 / (%s - %s)", (7, 7))
        except errors.DivisionByZero as e:
            assert e.diag.sqlstate == "22012"
            assert e.pgerror
        else:
            raise AssertionError("no error")

    # 10k errors: each carries pgerror, diag and a cursor reference
    assert_no_leak(once, n=10000, warmup=500, limit_kb=2048)


def test_errors_in_transaction(conn, assert_no_leak):
    cur = conn.cursor()

    def once():
        try:
            cur.execute("select * from no_such_table_for_leaks where x = %s",
                        ("a" * 100,))
        except errors.UndefinedTable:
            pass
        conn.rollback()

    assert_no_leak(once, n=5000, warmup=500, limit_kb=1024)


def test_errors_with_detail(conn, assert_no_leak):
    cur = conn.cursor()
    cur.execute("create temp table lk_u (id int primary key)")
    cur.execute("insert into lk_u values (1)")
    conn.commit()

    def once():
        try:
            cur.execute("insert into lk_u values (1)")
        except errors.UniqueViolation as e:
            # (don't bind e.diag to a local here: diag -> exception ->
            # traceback -> frame -> diag is a cycle that psycopg2 2.9
            # itself cannot collect)
            assert e.diag.message_primary.startswith("duplicate key")
            assert e.diag.message_detail == "Key (id)=(1) already exists."
            assert e.diag.table_name == "lk_u"
            assert e.diag.constraint_name == "lk_u_pkey"
            assert e.diag.schema_name.startswith("pg_temp")
        conn.rollback()

    assert_no_leak(once, n=3000, warmup=300, limit_kb=1024)


def test_client_side_errors(conn, assert_no_leak):
    cur = conn.cursor()

    def once():
        for args in [[1], [1, 2, 3], [object()]]:
            try:
                cur.execute("select %s, %s", args)
            except (IndexError, TypeError, psycopg2.ProgrammingError):
                pass
        try:
            cur.execute("")
        except psycopg2.ProgrammingError:
            pass
        try:
            conn.cursor().fetchone()
        except psycopg2.ProgrammingError:
            pass

    assert_no_leak(once, n=20000, warmup=1000, limit_kb=2048)


def test_closed_errors(make_conn, assert_no_leak):
    c = make_conn()
    cur = c.cursor()
    c.close()

    def once():
        try:
            cur.execute("select 1")
        except psycopg2.InterfaceError:
            pass
        try:
            c.cursor()
        except psycopg2.InterfaceError:
            pass

    assert_no_leak(once, n=50000, warmup=2000, limit_kb=2048)


# ---------------------------------------------------- connect / close


@pytest.mark.slow
def test_connect_close(dsn, assert_no_leak):
    def once():
        c = psycopg2.connect(dsn)
        c.cursor().execute("select 1")
        c.close()

    # a leaked PGconn with its buffers is tens of KB
    assert_no_leak(once, n=2000, warmup=100, limit_kb=4096)


def test_connect_failure(assert_no_leak):
    def once():
        try:
            psycopg2.connect("host=127.0.0.1 port=1 user=nobody "
                             "connect_timeout=2")
        except psycopg2.OperationalError:
            pass
        try:
            psycopg2.connect("this is not a dsn")
        except psycopg2.ProgrammingError:
            pass

    assert_no_leak(once, n=3000, warmup=200, limit_kb=2048)


def test_connect_unclosed_garbage(dsn, assert_no_leak):
    # connections dropped without close() are freed by the collector
    def once():
        c = psycopg2.connect(dsn)
        cur = c.cursor()
        cur.execute("select 1")
        del c, cur

    assert_no_leak(once, n=500, warmup=50, limit_kb=4096)


# ------------------------------------------------------ named cursors


def test_named_cursors(conn, assert_no_leak):
    counter = [0]

    def once():
        counter[0] += 1
        cur = conn.cursor("lk_%d" % counter[0])
        cur.itersize = 10
        cur.execute("select g, repeat('q', 100) from generate_series(1, 30) g")
        n = 0
        for _ in cur:
            n += 1
        assert n == 30
        cur.close()
        if counter[0] % 50 == 0:
            conn.commit()

    assert_no_leak(once, n=2000, warmup=200, limit_kb=2048)


def test_named_cursors_withhold(conn, assert_no_leak):
    conn.autocommit = True

    def once():
        cur = conn.cursor("lk_wh", withhold=True)
        cur.execute("select g, repeat('h', 200) from generate_series(1, 20) g")
        assert len(cur.fetchmany(5)) == 5
        assert len(cur.fetchall()) == 15
        cur.close()

    assert_no_leak(once, n=2000, warmup=200, limit_kb=2048)
