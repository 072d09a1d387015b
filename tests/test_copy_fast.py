"""COPY's fast paths keep psycopg2's results.

- COPY FROM an exact io.BytesIO sends its content from where the file
  stands, without read(), then leaves the file where the read() calls
  would have left it.
- COPY TO takes the rows that have arrived together, and hands them to the
  io classes whose content does not depend on how writes are split in one
  write() call; any other file still gets one write() per row.

The same assertions run on psycopg2, which reads and writes row by row.
"""

import io

import pytest

import psycopg2
import psycopg2.errors as errors

OURS = "psycopg2-cluster" in (psycopg2.__doc__ or "")


@pytest.fixture
def cur(conn):
    conn.autocommit = True
    c = conn.cursor()
    c.execute("create temp table tt (a int, b text)")
    return c


def table(cur):
    cur.execute("select a, b from tt order by a")
    return cur.fetchall()


def lines(n, start=0):
    """n COPY rows of varied lengths, and the table rows they make."""
    data = [(i, "v" * (i % 300) + "\u00e9") for i in range(start, start + n)]
    text = "".join(f"{a}\t{b}\n" for a, b in data)
    return text.encode(), data


def assert_usable(conn):
    c = conn.cursor()
    c.execute("select 42")
    assert c.fetchone() == (42,)


# ------------------------------------------------------------ from BytesIO


@pytest.mark.parametrize("size", [1, 7, 4096, 8192, 10000, 65536, 131072,
                                  1 << 30, -1])
def test_bytesio_every_size(cur, size):
    data, expected = lines(3000)
    f = io.BytesIO(data)
    cur.copy_expert("copy tt from stdin", f, size=size)
    assert cur.rowcount == 3000
    assert table(cur) == expected
    assert f.tell() == len(data)


def test_bytesio_from_its_position(cur):
    data, expected = lines(10)
    f = io.BytesIO(b"not a row at all\n" + data)
    f.seek(17)
    cur.copy_from(f, "tt")
    assert table(cur) == expected
    assert f.tell() == 17 + len(data)


def test_bytesio_position_at_or_past_end(cur):
    data, _ = lines(3)
    for pos in (len(data), len(data) + 100):
        f = io.BytesIO(data)
        f.seek(pos)
        cur.copy_from(f, "tt")
        assert cur.rowcount == 0
        assert f.tell() == pos
    assert table(cur) == []


def test_bytesio_size_zero_sends_nothing(cur):
    # read(0) gives b"": the end of the data, as psycopg2 sees it
    f = io.BytesIO(b"1\tx\n")
    cur.copy_from(f, "tt", size=0)
    assert cur.rowcount == 0
    assert f.tell() == 0


def test_bytesio_written_then_copied_stays_usable(cur):
    data, expected = lines(500)
    f = io.BytesIO()
    f.write(data)
    f.seek(0)
    cur.copy_from(f, "tt")
    assert table(cur) == expected
    # still a normal, writable file
    f.write(b"more")
    assert f.getvalue() == data + b"more"


def test_bytesio_closed(cur):
    f = io.BytesIO(b"1\tx\n")
    f.close()
    # OURS: the file's own error; psycopg2 turns it into QueryCanceled
    with pytest.raises(ValueError if OURS else errors.QueryCanceled,
                       match="closed file"):
        cur.copy_from(f, "tt")
    assert cur.rowcount == -1
    assert_usable(cur.connection)


def test_bytesio_subclass_is_read(cur):
    class Counting(io.BytesIO):
        calls = 0

        def read(self, size=-1):
            Counting.calls += 1
            return super().read(size).replace(b"x", b"y")

    f = Counting(b"1\tx\n2\tx\n")
    cur.copy_from(f, "tt", size=4)
    assert Counting.calls > 2
    assert table(cur) == [(1, "y"), (2, "y")]


def test_bytesio_read_set_on_the_instance_is_called(cur):
    f = io.BytesIO(b"1\tx\n")
    calls = []
    real_read = f.read
    f.read = lambda size: calls.append(size) or real_read(size)
    cur.copy_from(f, "tt", size=100)
    assert calls == [100, 100]
    assert table(cur) == [(1, "x")]


def test_bytesio_bad_row_after_many_pieces(conn):
    conn.autocommit = False
    cur = conn.cursor()
    cur.execute("create temp table tt (a int, b text)")
    good, _ = lines(20000)
    f = io.BytesIO(good + b"oops\tbad\n" + good)
    with pytest.raises(errors.InvalidTextRepresentation,
                       match="invalid input syntax"):
        cur.copy_expert("copy tt from stdin", f, size=8192)
    assert cur.rowcount == -1
    conn.rollback()
    assert_usable(conn)


def test_bytesio_same_table_as_read_path(cur):
    data, expected = lines(2000)

    class Plain:   # no BytesIO: the read() path
        def __init__(self):
            self.f = io.BytesIO(data)

        def read(self, size):
            return self.f.read(size)

    cur.copy_from(Plain(), "tt", size=4096)
    via_read = table(cur)
    cur.execute("truncate tt")
    cur.copy_from(io.BytesIO(data), "tt", size=4096)
    assert table(cur) == via_read == expected


# ------------------------------------------------------------ to files

MANY = "copy (select g, repeat('w', g % 200) || '\u00e9' from generate_series(1, {n}) g) to stdout"


def expected_text(n):
    return "".join(f"{g}\t{'w' * (g % 200)}\u00e9\n" for g in range(1, n + 1))


@pytest.mark.parametrize("n", [0, 1, 3, 50000])
def test_to_bytesio_and_stringio(cur, n):
    b, s = io.BytesIO(), io.StringIO()
    cur.copy_expert(MANY.format(n=n), b)
    assert cur.rowcount == n
    cur.copy_expert(MANY.format(n=n), s)
    assert cur.rowcount == n
    assert s.getvalue() == expected_text(n)
    assert b.getvalue() == expected_text(n).encode()


@pytest.mark.parametrize("mode", ["w", "wb", "w+b"])
def test_to_real_files(cur, tmp_path, mode):
    path = tmp_path / "out"
    kw = {"encoding": "utf-8", "newline": ""} if "b" not in mode else {}
    with open(path, mode, **kw) as f:
        cur.copy_expert(MANY.format(n=20000), f)
    assert path.read_bytes() == expected_text(20000).encode()


def test_to_text_wrapper_over_bytesio(cur):
    raw = io.BytesIO()
    w = io.TextIOWrapper(raw, encoding="utf-8", newline="")
    cur.copy_expert(MANY.format(n=5000), w)
    w.flush()
    assert raw.getvalue() == expected_text(5000).encode()


def test_other_files_get_one_write_per_row(cur):
    class Rows:
        def __init__(self):
            self.calls = []

        def write(self, data):
            self.calls.append(data)

    class MyStringIO(io.StringIO):   # a subclass may count its writes
        writes = 0

        def write(self, s):
            MyStringIO.writes += 1
            return super().write(s)

    r, m = Rows(), MyStringIO()
    cur.copy_expert(MANY.format(n=30000), r)
    cur.copy_expert(MANY.format(n=30000), m)
    assert len(r.calls) == MyStringIO.writes == 30000
    assert r.calls[:2] == ["1\tw\u00e9\n".encode(), "2\tww\u00e9\n".encode()]
    assert m.getvalue() == expected_text(30000)


def test_write_set_on_the_instance_gets_rows(cur):
    f = io.StringIO()
    calls = []
    f.write = calls.append
    cur.copy_expert(MANY.format(n=1000), f)
    assert len(calls) == 1000
    assert "".join(calls) == expected_text(1000)


def test_undecodable_row_after_good_ones(make_conn):
    # With SQL_ASCII the server sends bytes as stored: a text file cannot
    # take them. The rows before the bad one are written, then the error.
    conn = make_conn()
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("create temp table tt (a int, b text)")
    cur.execute("insert into tt select g, 'ok' from generate_series(1, 1000) g")
    cur.execute("insert into tt values (1001, '\u00e9'), (1002, 'after')")
    conn.set_client_encoding("SQL_ASCII")
    out = io.StringIO()
    with pytest.raises(UnicodeDecodeError):
        cur.copy_expert("copy (select * from tt order by a) to stdout", out)
    assert out.getvalue() == "".join(f"{g}\tok\n" for g in range(1, 1001))
    assert_usable(conn)


def test_write_fails_midway(cur):
    f = io.BytesIO()
    cur.copy_expert(MANY.format(n=10), f)
    f.close()   # write() on a closed BytesIO raises ValueError
    with pytest.raises(ValueError):
        cur.copy_expert(MANY.format(n=100000), f)
    assert cur.rowcount == -1
    assert_usable(cur.connection)


def test_no_leak(cur, assert_no_leak):
    data, _ = lines(20)

    def cycle():
        cur.copy_from(io.BytesIO(data), "tt", size=64)
        cur.copy_expert("copy tt to stdout", io.BytesIO())
        cur.copy_expert("copy tt to stdout", io.StringIO())
        cur.execute("truncate tt")

    assert_no_leak(cycle)
