"""Server notices (RAISE NOTICE, warnings) collected in connection.notices.

A plain list keeps the newest 50 messages; any other object with an
`append` method (a deque, a custom class) gets every message. A container
that refuses a message never makes the query fail. (The basics are in
test_connection.py; these are the details checked against psycopg2.)
"""

import collections
import threading

import pytest

import psycopg2


def _raise_notices(cur, n, level="notice"):
    cur.execute("do $$begin for i in 1..%d loop raise %s 'n%%', i; "
                "end loop; end$$" % (n, level))


@pytest.fixture
def cur(conn):
    conn.autocommit = True
    return conn.cursor()


def test_message_text(conn, cur):
    cur.execute("do $$begin raise notice 'hello'; raise warning 'w'; "
                "raise info 'i'; end$$")
    assert conn.notices == ["NOTICE:  hello\n", "WARNING:  w\n", "INFO:  i\n"]


def test_detail_and_hint(conn, cur):
    cur.execute("do $$begin raise notice 'hi' using detail = 'd', "
                "hint = 'h'; end$$")
    assert conn.notices == ["NOTICE:  hi\nDETAIL:  d\nHINT:  h\n"]


def test_many_in_one_query(conn, cur):
    _raise_notices(cur, 60)
    assert len(conn.notices) == 50
    assert conn.notices[0] == "NOTICE:  n11\n"
    assert conn.notices[-1] == "NOTICE:  n60\n"


def test_trimmed_only_when_notices_come(conn, cur):
    conn.notices = list(range(100))
    cur.execute("select 1")
    assert len(conn.notices) == 100
    cur.execute("do $$begin raise notice 'x'; end$$")
    assert len(conn.notices) == 50
    assert conn.notices[0] == 51
    assert conn.notices[-1] == "NOTICE:  x\n"


def test_list_subclass_trimmed(conn, cur):
    class L(list):
        pass

    conn.notices = L()
    _raise_notices(cur, 60)
    assert type(conn.notices) is L
    assert len(conn.notices) == 50


def test_deque_gets_everything(conn, cur):
    conn.notices = collections.deque()
    _raise_notices(cur, 120)
    assert len(conn.notices) == 120
    assert conn.notices[0] == "NOTICE:  n1\n"


def test_custom_object(conn, cur):
    class Log:
        def __init__(self):
            self.lines = []

        def append(self, msg):
            self.lines.append(msg.rstrip())

    conn.notices = log = Log()
    _raise_notices(cur, 70, "warning")
    assert log.lines == ["WARNING:  n%d" % i for i in range(1, 71)]


def test_append_raises(conn, cur):
    class Refusing(list):
        calls = 0

        def append(self, msg):
            self.calls += 1
            if self.calls == 1:
                raise ZeroDivisionError
            super().append(msg)

    conn.notices = coll = Refusing()
    # as in psycopg2: the query succeeds, the rest of the batch is lost
    _raise_notices(cur, 3)
    assert coll.calls == 1 and coll == []
    cur.execute("do $$begin raise notice 'n4'; end$$")
    assert coll == ["NOTICE:  n4\n"]


def test_append_raises_with_query_error(conn, cur):
    class Refusing(list):
        def append(self, msg):
            raise ZeroDivisionError

    conn.notices = Refusing()
    # the query's own error wins over the container's
    with pytest.raises(psycopg2.errors.DivisionByZero):
        cur.execute("do $$begin raise notice 'x'; perform 1/0; end$$")
    cur.execute("select 1")
    assert cur.fetchone() == (1,)


@pytest.mark.parametrize("value", [None, 1, "x", ()])
def test_not_a_container(conn, cur, value):
    conn.notices = value
    _raise_notices(cur, 2)     # silently ignored, as in psycopg2
    assert conn.notices is value
    conn.notices = []
    _raise_notices(cur, 1)
    assert conn.notices == ["NOTICE:  n1\n"]


def test_deleted(conn, cur):
    del conn.notices
    assert conn.notices is None
    _raise_notices(cur, 2)
    conn.notices = []
    _raise_notices(cur, 1)
    assert conn.notices == ["NOTICE:  n1\n"]


def test_notice_before_error(conn):
    cur = conn.cursor()
    with pytest.raises(psycopg2.errors.DivisionByZero):
        cur.execute("do $$begin raise notice 'before'; perform 1/0; end$$")
    assert conn.notices == ["NOTICE:  before\n"]
    conn.rollback()


def test_warning_from_commands(conn, cur):
    cur.execute("commit")
    assert conn.notices == ["WARNING:  there is no transaction in progress\n"]
    conn.autocommit = False
    cur.execute("begin")
    assert conn.notices[-1] == \
        "WARNING:  there is already a transaction in progress\n"
    conn.rollback()


def test_notices_from_executemany(conn):
    cur = conn.cursor()
    cur.executemany("do $$begin raise notice 'm'; end$$", [(), ()])
    assert conn.notices == ["NOTICE:  m\n", "NOTICE:  m\n"]
    conn.rollback()


def test_encoding_latin1(conn, cur):
    conn.set_client_encoding("LATIN1")
    cur.execute("do $$begin raise notice 'é'; end$$")
    assert conn.notices == ["NOTICE:  é\n"]


def test_encoding_undecodable(conn, cur):
    # UTF-8 bytes seen through SQL_ASCII: replaced, as in psycopg2
    conn.set_client_encoding("SQL_ASCII")
    cur.execute("do $$begin raise notice '%', chr(233); end$$")
    assert conn.notices == ["NOTICE:  \ufffd\ufffd\n"]


def test_survives_close(conn, cur):
    _raise_notices(cur, 2)
    conn.close()
    assert conn.notices == ["NOTICE:  n1\n", "NOTICE:  n2\n"]


def test_threads(conn):
    # threads sharing a connection: no notice lost or duplicated
    conn.autocommit = True
    conn.notices = collections.deque()
    errors = []

    def work():
        try:
            cur = conn.cursor()
            for _ in range(20):
                _raise_notices(cur, 5)
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(conn.notices) == 4 * 20 * 5


def test_no_leak(conn, cur, assert_no_leak):
    def once():
        _raise_notices(cur, 10)

    # 10 notices of ~15 bytes a call into a list kept at 50: leaking the
    # dropped ones would be ~1 MB
    assert_no_leak(once, n=2000, warmup=200, limit_kb=512)
