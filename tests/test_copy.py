"""COPY: cursor.copy_from(), copy_to() and copy_expert().

Behaviour observed on psycopg2 2.9; the deliberate differences are marked
`OURS` and say why (mostly: an error raised by the file object propagates
with its own type, where psycopg2 turns it into QueryCanceled, and the
connection is always left out of the COPY state).
"""

import gc
import io
import threading

import pytest

import psycopg2
import psycopg2.errors as errors
import psycopg2.extensions as ext
import psycopg2.sql as sql

from plugins.leaks import rss_kb, sanitizer_active

# Only psycopg2-cluster says so in its package docstring.
OURS = "psycopg2-cluster" in (psycopg2.__doc__ or "")

# RSS says nothing under ASan (its quarantine keeps freed memory)
rss_checked = pytest.mark.skipif(
    sanitizer_active(), reason="RSS checks are meaningless under a sanitizer")

DEFAULT_OPTS = "WITH DELIMITER AS '\t' NULL AS '\\N'"


@pytest.fixture
def cur(conn):
    conn.autocommit = True
    c = conn.cursor()
    c.execute("create temp table tt (a int, b text)")
    return c


def rows(cur, table="tt"):
    cur.execute(f"select * from {table} order by 1")
    return cur.fetchall()


class Reader:
    """A file with read() only, giving `chunks` one per call, recording
    the sizes asked; raises `exc` (if any) once the chunks are over."""

    def __init__(self, chunks, exc=None):
        self.chunks = list(chunks)
        self.sizes = []
        self.exc = exc

    def read(self, size):
        self.sizes.append(size)
        if self.chunks:
            return self.chunks.pop(0)
        if self.exc is not None:
            raise self.exc
        return ""


class Writer:
    """A file with write() only (not a TextIOBase: it gets bytes); raises
    `exc` at the `fail_at`-th call."""

    def __init__(self, exc=None, fail_at=None):
        self.data = []
        self.exc = exc
        self.fail_at = fail_at

    def write(self, data):
        self.data.append(data)
        if self.exc is not None and len(self.data) >= self.fail_at:
            raise self.exc


def assert_usable(conn):
    conn.rollback()
    c = conn.cursor()
    c.execute("select 42")
    assert c.fetchone() == (42,)


# ------------------------------------------------------------ copy_from


def test_copy_from_stringio(cur):
    cur.copy_from(io.StringIO("1\tx\n2\t\\N\n3\t\xe8\u20ac\n"), "tt")
    assert cur.rowcount == 3
    assert rows(cur) == [(1, "x"), (2, None), (3, "\xe8\u20ac")]


def test_copy_from_bytesio(cur):
    cur.copy_from(io.BytesIO("1\tx\n2\t\xe9\n".encode()), "tt")
    assert cur.rowcount == 2
    assert rows(cur) == [(1, "x"), (2, "\xe9")]


@pytest.mark.parametrize("mode", ["r", "rb"])
def test_copy_from_real_file(cur, tmp_path, mode):
    path = tmp_path / "data.txt"
    path.write_text("".join(f"{i}\tr{i}\n" for i in range(1000)),
                    encoding="utf-8")
    with open(path, mode) as f:
        cur.copy_from(f, "tt")
    assert cur.rowcount == 1000
    cur.execute("select count(*), sum(a) from tt")
    assert cur.fetchone() == (1000, sum(range(1000)))


def test_copy_from_result_attributes(cur):
    cur.execute("select 1, 2")
    assert cur.copy_from(io.StringIO("1\tx\n"), "tt") is None
    assert cur.rowcount == 1
    assert cur.description is None
    assert cur.statusmessage == ""
    assert cur.query == ('COPY "tt" FROM stdin ' + DEFAULT_OPTS).encode()
    with pytest.raises(psycopg2.ProgrammingError, match="no results to fetch"):
        cur.fetchone()


def test_copy_from_empty_file(cur):
    cur.copy_from(io.StringIO(""), "tt")
    assert cur.rowcount == 0
    assert rows(cur) == []


def test_copy_from_read_sizes(cur):
    r = Reader(["1\tx\n", b"2\ty\n", "3\tz\n"])
    cur.copy_from(r, "tt", size=77)
    assert r.sizes == [77] * 4
    assert cur.rowcount == 3
    r = Reader(["1\tx\n"])
    cur.copy_expert("copy tt from stdin", r)
    assert r.sizes == [8192] * 2


def test_copy_from_size_zero_reads_nothing(cur):
    # read(0) returns "": the end of the data, as in psycopg2
    cur.copy_from(io.StringIO("1\tx\n"), "tt", size=0)
    assert cur.rowcount == 0


def test_copy_from_size_negative_reads_all(cur):
    cur.copy_from(io.StringIO("1\tx\n2\ty\n"), "tt", size=-1)
    assert cur.rowcount == 2


def test_copy_from_small_size_splits_rows(cur):
    data = "".join(f"{i}\t{'v' * i}\n" for i in range(200))
    cur.copy_from(io.StringIO(data), "tt", size=7)
    assert cur.rowcount == 200
    cur.execute("select sum(length(b)) from tt")
    assert cur.fetchone() == (sum(range(200)),)


def test_copy_from_sep_null(cur):
    cur.copy_from(io.StringIO("1|NULL\n2|x\n"), "tt", sep="|", null="NULL")
    assert cur.query == (
        b"COPY \"tt\" FROM stdin WITH DELIMITER AS '|' NULL AS 'NULL'")
    assert rows(cur) == [(1, None), (2, "x")]


def test_copy_from_columns(cur):
    cur.execute("create temp table tc (a int, b text, c int default 7)")
    cur.copy_from(io.StringIO("x\t1\ny\t2\n"), "tc", columns=["b", "a"])
    assert cur.query == (
        'COPY "tc"("b","a") FROM stdin ' + DEFAULT_OPTS).encode()
    assert rows(cur, "tc") == [(1, "x", 7), (2, "y", 7)]


@pytest.mark.parametrize("columns", [
    ("a",), (c for c in ["a"]), "a", [b"a"], {"a": 1}])
def test_copy_from_columns_iterables(cur, columns):
    cur.copy_from(io.StringIO("5\n"), "tt", columns=columns)
    assert cur.query.startswith(b'COPY "tt"("a") FROM stdin')
    assert rows(cur) == [(5, None)]


def test_copy_from_columns_quoted(cur):
    cur.execute('create temp table "Up" (a int, "B c" text, "q""x" int)')
    cur.copy_from(io.StringIO("1\tx\t2\n"), "Up", columns=["a", "B c", 'q"x'])
    assert cur.query.startswith(b'COPY "Up"("a","B c","q""x") FROM stdin')
    assert rows(cur, '"Up"') == [(1, "x", 2)]


@pytest.mark.parametrize("columns, exc, msg", [
    ([1], TypeError, "Expected bytes or unicode string, got int instead"),
    ([None], TypeError, "got NoneType instead"),
    ([["a"]], TypeError, "got list instead"),
    (5, TypeError, "not iterable"),
])
def test_copy_from_bad_columns(cur, columns, exc, msg):
    with pytest.raises(exc, match=msg):
        cur.copy_from(io.StringIO("1\n"), "tt", columns=columns)
    assert_usable(cur.connection)


def test_copy_from_columns_iteration_error(cur):
    class Bad:
        def __iter__(self):
            raise RuntimeError("iter")

    with pytest.raises(RuntimeError, match="iter"):
        cur.copy_to(io.StringIO(), "tt", columns=Bad())


def test_copy_from_empty_columns(cur):
    # psycopg2 sends a broken statement ('COPY "tt") FROM ...'); ours sends
    # 'COPY "tt"() FROM ...': the server refuses both with the same error.
    with pytest.raises(errors.SyntaxError, match=r'at or near "\)"'):
        cur.copy_from(io.StringIO("1\n"), "tt", columns=[])
    assert_usable(cur.connection)


def test_copy_from_table_is_one_identifier(cur):
    # psycopg2 2.9 quotes the table name whole: no schema-qualified names
    cur.execute("create schema if not exists copy_s;"
                " create table if not exists copy_s.t (a int)")
    try:
        with pytest.raises(errors.UndefinedTable):
            cur.copy_from(io.StringIO("1\n"), "copy_s.t")
        assert cur.query.startswith(b'COPY "copy_s.t" FROM')
        assert cur.rowcount == -1
        with pytest.raises(errors.UndefinedTable):
            cur.copy_from(io.StringIO("1\n"), '"tt"')
        assert cur.query.startswith(b'COPY """tt""" FROM')
        # a table whose name has a dot and a quote
        cur.execute('create temp table "we""ird.t" (a int)')
        cur.copy_from(io.StringIO("1\n"), 'we"ird.t')
        assert cur.query.startswith(b'COPY "we""ird.t" FROM')
        assert cur.rowcount == 1
        # copy_expert is the way to reach another schema
        cur.copy_expert("copy copy_s.t from stdin", io.StringIO("3\n"))
        assert rows(cur, "copy_s.t") == [(3,)]
    finally:
        cur.execute("drop schema copy_s cascade")


def test_copy_from_empty_table_name(cur):
    with pytest.raises(errors.SyntaxError, match="zero-length"):
        cur.copy_from(io.StringIO("1\n"), "")


@pytest.mark.parametrize("kwargs, exc, msg", [
    ({"table": b"tt"}, TypeError, "argument 2 must be str, not bytes"),
    ({"table": None}, TypeError, "argument 2 must be str, not None"),
    ({"table": 1}, TypeError, "argument 2 must be str, not int"),
    ({"table": "tt\x00"}, ValueError, "embedded null character"),
    ({"sep": b","}, TypeError, "argument 3 must be str, not bytes"),
    ({"sep": None}, TypeError, "argument 3 must be str, not None"),
    ({"sep": "\x00"}, ValueError, "embedded null character"),
    ({"null": 1}, TypeError, "argument 4 must be str, not int"),
    ({"null": "\x00"}, ValueError, "embedded null character"),
    ({"null": "\udcff"}, UnicodeEncodeError, "surrogates not allowed"),
    ({"table": "t\udcff"}, UnicodeEncodeError, "surrogates not allowed"),
    ({"size": "1"}, TypeError, "cannot be interpreted as an integer"),
    ({"size": 2 ** 70}, OverflowError, "too large"),
])
def test_copy_from_bad_arguments(cur, kwargs, exc, msg):
    args = {"file": io.StringIO("1\n"), "table": "tt"}
    args.update(kwargs)
    cur.execute("select 1")
    with pytest.raises(exc, match=msg):
        cur.copy_from(**args)
    # nothing was sent
    assert cur.query == b"select 1"
    assert_usable(cur.connection)


def test_copy_columns_nul(cur):
    # psycopg2 silently truncates the name at the NUL
    if not OURS:
        pytest.skip("psycopg2 truncates the column name")
    with pytest.raises(ValueError, match="embedded null character"):
        cur.copy_from(io.StringIO("1\n"), "tt", columns=["a\x00b"])


@pytest.mark.parametrize("sep, null, opts", [
    ("'", "x'y", "DELIMITER AS '''' NULL AS 'x''y'"),
    ("|", "a\\b", "DELIMITER AS '|' NULL AS 'a\\b'"),
    ("\xe9", "\u20ac", "DELIMITER AS '\xe9' NULL AS '\u20ac'"),
])
def test_copy_options_quoting(cur, sep, null, opts):
    try:
        cur.copy_to(io.StringIO(), "tt", sep=sep, null=null)
    except psycopg2.Error:
        pass   # the server may refuse the option: the statement is the point
    assert cur.query == f'COPY "tt" TO stdout WITH {opts}'.encode()


def test_copy_options_without_standard_strings(cur):
    cur.execute("set standard_conforming_strings = off")
    # NULL AS 'a\\b' (doubled: standard strings are off) matches the raw a\b
    cur.copy_from(io.StringIO("1|a\\b\n2|x\n"), "tt", sep="|", null="a\\b")
    assert cur.query == (
        b"COPY \"tt\" FROM stdin WITH DELIMITER AS '|' NULL AS 'a\\\\b'")
    assert rows(cur) == [(1, None), (2, "x")]


@pytest.mark.parametrize("sep", [",,", ""])
def test_copy_from_bad_sep_server_side(cur, sep):
    with pytest.raises(errors.FeatureNotSupported):
        cur.copy_from(io.StringIO("1\n"), "tt", sep=sep)
    assert_usable(cur.connection)


@pytest.mark.parametrize("file", [None, 1, object(), Writer()])
def test_copy_from_needs_read(cur, file):
    with pytest.raises(TypeError, match=r"argument 1 must have a \.read\(\)"):
        cur.copy_from(file, "tt")


def test_copy_from_readline_is_not_enough(cur):
    class RL:
        def readline(self):
            return ""

    with pytest.raises(TypeError, match=r"must have a \.read\(\) method"):
        cur.copy_from(RL(), "tt")


def test_copy_from_keywords(cur):
    cur.copy_from(file=io.StringIO("1,x\n"), table="tt", sep=",", null="N",
                  size=10, columns=["a", "b"])
    cur.copy_from(io.StringIO("2,y\n"), "tt", ",", "N", 10, ["a", "b"])
    assert rows(cur) == [(1, "x"), (2, "y")]


def test_copy_from_named_cursor(conn):
    # psycopg2 allows the COPY methods on named cursors too
    cur = conn.cursor()
    cur.execute("create temp table tt (a int, b text)")
    named = conn.cursor("copy_named")
    named.copy_from(io.StringIO("1\tx\n"), "tt")
    assert named.rowcount == 1
    out = io.StringIO()
    named.copy_to(out, "tt")
    assert out.getvalue() == "1\tx\n"


# -------------------------------------------------------------- copy_to


@pytest.fixture
def filled(cur):
    cur.execute("insert into tt values (1, 'x'), (2, null), (3, '\xe8\u20ac')")
    return cur


def test_copy_to_stringio(filled):
    out = io.StringIO()
    filled.copy_to(out, "tt")
    assert out.getvalue() == "1\tx\n2\t\\N\n3\t\xe8\u20ac\n"
    assert filled.rowcount == 3
    assert filled.statusmessage == ""
    assert filled.description is None
    assert filled.query == ('COPY "tt" TO stdout ' + DEFAULT_OPTS).encode()


def test_copy_to_bytesio(filled):
    out = io.BytesIO()
    filled.copy_to(out, "tt", sep="|", null="NUL", columns=["b"])
    assert out.getvalue() == "x\nNUL\n\xe8\u20ac\n".encode()
    assert filled.query == (
        b"COPY \"tt\"(\"b\") TO stdout WITH DELIMITER AS '|' NULL AS 'NUL'")


def test_copy_to_one_write_per_row(filled):
    w = Writer()
    filled.copy_to(w, "tt")
    # not a TextIOBase: bytes, as psycopg2
    assert w.data == [b"1\tx\n", b"2\t\\N\n", "3\t\xe8\u20ac\n".encode()]


def test_copy_to_textiobase_gets_str(filled):
    class T(io.TextIOBase):
        def __init__(self):
            self.data = []

        def write(self, s):
            self.data.append(s)

    t = T()
    filled.copy_to(t, "tt")
    assert t.data == ["1\tx\n", "2\t\\N\n", "3\t\xe8\u20ac\n"]


@pytest.mark.parametrize("mode", ["w", "wb"])
def test_copy_to_real_file(filled, tmp_path, mode):
    path = tmp_path / "out.txt"
    with open(path, mode, **({"encoding": "utf-8"} if mode == "w" else {})) as f:
        filled.copy_to(f, "tt")
    assert path.read_bytes() == "1\tx\n2\t\\N\n3\t\xe8\u20ac\n".encode()


@pytest.mark.parametrize("file", [None, 1, Reader([])])
def test_copy_to_needs_write(cur, file):
    with pytest.raises(TypeError, match=r"argument 1 must have a \.write\(\)"):
        cur.copy_to(file, "tt")


def test_copy_to_too_many_arguments(cur):
    with pytest.raises(TypeError, match="at most 5 arguments"):
        cur.copy_to(io.StringIO(), "tt", ",", "N", ["a"], 5)


def test_copy_to_empty_table(cur):
    w = Writer()
    cur.copy_to(w, "tt")
    assert w.data == []
    assert cur.rowcount == 0


def test_copy_to_write_not_called_without_rows(cur):
    # a non-callable write is never called when there is nothing to write
    cur.copy_to(type("X", (), {"write": 5})(), "tt")
    assert cur.rowcount == 0


# ---------------------------------------------------------- copy_expert


def test_copy_expert_in_out(cur):
    cur.copy_expert("copy tt from stdin with (format csv)",
                    io.StringIO('1,"a,b"\n2,\n'))
    assert cur.rowcount == 2
    out = io.StringIO()
    cur.copy_expert("copy (select * from tt order by a) to stdout"
                    " with (format csv, header)", out)
    assert out.getvalue() == 'a,b\n1,"a,b"\n2,\n'
    assert cur.rowcount == 2
    assert cur.query.startswith(b"copy (select")


def test_copy_expert_binary_roundtrip(filled):
    out = io.BytesIO()
    filled.copy_expert("copy tt to stdout (format binary)", out)
    assert out.getvalue().startswith(b"PGCOPY\n\xff\r\n\x00")
    filled.execute("create temp table t2 (a int, b text)")
    out.seek(0)
    filled.copy_expert("copy t2 from stdin (format binary)", out)
    assert filled.rowcount == 3
    assert rows(filled, "t2") == rows(filled, "tt")


def test_copy_expert_binary_into_text_file(filled):
    with pytest.raises(UnicodeDecodeError):
        filled.copy_expert("copy tt to stdout (format binary)", io.StringIO())
    assert_usable(filled.connection)


@pytest.mark.parametrize("query", [
    b"copy tt to stdout",
    sql.SQL("copy {} to stdout").format(sql.Identifier("tt")),
    "copy (select '%s %%' where false) to stdout",
])
def test_copy_expert_query_types(cur, query):
    cur.copy_expert(query, io.StringIO())
    assert cur.rowcount == 0


def test_copy_expert_not_a_copy(cur):
    # psycopg2 runs any statement, as execute() would
    cur.copy_expert("select 1, 2", Writer())
    assert cur.rowcount == 1
    assert cur.fetchall() == [(1, 2)]
    assert cur.statusmessage == "SELECT 1"
    cur.copy_expert("insert into tt values (9)", Writer())
    assert cur.rowcount == 1
    assert cur.statusmessage == "INSERT 0 1"


@pytest.mark.parametrize("query, file, exc, msg", [
    ("", Writer(), psycopg2.ProgrammingError, "can't execute an empty query"),
    (None, Writer(), psycopg2.ProgrammingError, "empty query"),
    (1, Writer(), TypeError, "argument 1 must be a string or unicode object"),
    (1, None, TypeError, "argument 1 must be a string or unicode object"),
    ("", None, psycopg2.ProgrammingError, "empty query"),
    ("copy tt to stdout", None, TypeError,
     "file must be a readable file-like object for COPY FROM; "
     "a writable file-like object for COPY TO."),
    ("copy tt to stdout", 1, TypeError, "readable file-like object"),
    ("copy tt to stdout", object(), TypeError, "readable file-like object"),
    ("copy tt to stdout -- \udcff", io.StringIO(), UnicodeEncodeError,
     "surrogates"),
])
def test_copy_expert_bad_arguments(cur, query, file, exc, msg):
    with pytest.raises(exc, match=msg):
        cur.copy_expert(query, file)
    assert_usable(cur.connection)


@pytest.mark.parametrize("autocommit", [True, False])
def test_copy_expert_wrong_direction(conn, autocommit):
    conn.autocommit = autocommit
    cur = conn.cursor()
    cur.execute("create temp table tt (a int)")
    conn.commit()
    # the server started the COPY before the file was found lacking
    with pytest.raises(AttributeError, match="write"):
        cur.copy_expert("copy (select 1) to stdout", Reader([]))
    with pytest.raises(AttributeError, match="read"):
        cur.copy_expert("copy tt from stdin", Writer())
    if OURS:
        # psycopg2 leaves the connection inside the COPY (ACTIVE)
        assert conn.info.transaction_status in (
            ext.TRANSACTION_STATUS_IDLE, ext.TRANSACTION_STATUS_INERROR)
    assert_usable(conn)
    cur.execute("select count(*) from tt")
    assert cur.fetchone() == (0,)


def test_copy_expert_server_file_error(cur):
    # COPY to a server-side file: the server's error, no client data
    with pytest.raises(errors.UndefinedFile):
        cur.copy_expert("copy tt to '/nonexistent/dir/x'", Writer())
    assert cur.rowcount == -1


def test_copy_expert_error_sets_rowcount(cur):
    cur.execute("select 1")
    with pytest.raises(errors.UndefinedTable):
        cur.copy_expert("copy nope to stdout", Writer())
    assert cur.rowcount == -1
    assert cur.query == b"copy nope to stdout"


def test_copy_expert_statements_after_copy(cur):
    # psycopg2: the row count of the last statement
    w = Writer()
    cur.copy_expert("copy (select generate_series(1, 3)) to stdout;"
                    " select 1", w)
    assert len(w.data) == 3
    assert cur.rowcount == 1


def test_execute_copy_refused(cur):
    with pytest.raises(psycopg2.ProgrammingError,
                       match=r"can't execute COPY FROM: use the copy_from\(\)"):
        cur.execute("copy tt from stdin")
    with pytest.raises(psycopg2.ProgrammingError,
                       match=r"can't execute COPY TO: use the copy_to\(\)"):
        cur.execute("copy tt to stdout")
    assert_usable(cur.connection)


# ---------------------------------------------------------- transactions


def test_copy_opens_transaction(conn):
    cur = conn.cursor()
    cur.execute("create temp table tt (a int, b text)")
    conn.commit()
    assert conn.info.transaction_status == ext.TRANSACTION_STATUS_IDLE
    cur.copy_from(io.StringIO("1\tx\n"), "tt")
    assert conn.status == ext.STATUS_BEGIN
    assert conn.info.transaction_status == ext.TRANSACTION_STATUS_INTRANS
    conn.rollback()
    assert rows(cur) == []
    cur.copy_from(io.StringIO("2\ty\n"), "tt")
    conn.commit()
    assert rows(cur) == [(2, "y")]


def test_copy_inside_transaction(conn):
    cur = conn.cursor()
    cur.execute("create temp table tt (a int, b text)")
    conn.commit()
    cur.execute("insert into tt values (1, 'a')")
    cur.copy_from(io.StringIO("2\tb\n"), "tt")
    out = io.StringIO()
    cur.copy_to(out, "tt")
    assert out.getvalue() == "1\ta\n2\tb\n"
    conn.rollback()
    assert rows(cur) == []


def test_copy_autocommit(cur):
    conn = cur.connection
    cur.copy_from(io.StringIO("1\tx\n"), "tt")
    assert conn.info.transaction_status == ext.TRANSACTION_STATUS_IDLE
    assert conn.status == ext.STATUS_READY


# ------------------------------------------------------------ encodings


def test_copy_latin1_connection(cur):
    conn = cur.connection
    conn.set_client_encoding("LATIN1")
    cur.copy_from(io.StringIO("1\t\xe9\xe0\n"), "tt")
    cur.copy_from(io.BytesIO(b"2\t\xe8\n"), "tt")
    out = io.StringIO()
    cur.copy_to(out, "tt")
    assert out.getvalue() == "1\t\xe9\xe0\n2\t\xe8\n"
    out = io.BytesIO()
    cur.copy_to(out, "tt")
    assert out.getvalue() == b"1\t\xe9\xe0\n2\t\xe8\n"


def test_copy_from_unencodable_str(cur):
    cur.connection.set_client_encoding("LATIN1")
    cur.execute("select 1")
    if OURS:
        # the UnicodeEncodeError itself; psycopg2 raises QueryCanceled
        with pytest.raises(UnicodeEncodeError):
            cur.copy_from(io.StringIO("1\t\u20ac\n"), "tt")
    else:
        with pytest.raises(errors.QueryCanceled):
            cur.copy_from(io.StringIO("1\t\u20ac\n"), "tt")
    assert cur.rowcount == -1
    assert_usable(cur.connection)
    assert rows(cur) == []


def test_copy_identifiers_in_connection_encoding(cur):
    # psycopg2 encodes table and column names in UTF-8 whatever the
    # connection encoding (the server then sees mojibake); ours uses the
    # connection encoding, as for the rest of the statement.
    if not OURS:
        pytest.skip("psycopg2 sends identifiers in UTF-8")
    cur.execute('create temp table "t\xe9" ("c\xe9" int)')
    cur.connection.set_client_encoding("LATIN1")
    cur.copy_from(io.StringIO("1\n"), "t\xe9", columns=["c\xe9"])
    assert rows(cur, '"t\xe9"') == [(1,)]
    with pytest.raises(UnicodeEncodeError):
        cur.copy_from(io.StringIO("1\n"), "t\u20ac")


# ------------------------------------------- errors from the file object


@pytest.mark.parametrize("autocommit", [True, False])
@pytest.mark.parametrize("exc", [ZeroDivisionError("boom"), KeyError("k"),
                                 psycopg2.DataError("mine")])
def test_read_raises(conn, autocommit, exc):
    conn.autocommit = autocommit
    cur = conn.cursor()
    cur.execute("create temp table tt (a int, b text)")
    conn.commit()
    r = Reader(["1\tx\n"] * 3, exc=exc)
    if OURS:
        # the error propagates as it is; psycopg2 turns it into
        # QueryCanceled("COPY from stdin failed: error in .read() call...")
        with pytest.raises(type(exc)) as info:
            cur.copy_from(r, "tt")
        assert info.value is exc
    else:
        with pytest.raises(errors.QueryCanceled, match=r"error in \.read\(\)"):
            cur.copy_from(r, "tt")
    assert cur.rowcount == -1
    assert not conn.closed
    assert conn.info.transaction_status == (
        ext.TRANSACTION_STATUS_IDLE if autocommit
        else ext.TRANSACTION_STATUS_INERROR)
    assert_usable(conn)
    assert rows(cur) == []   # the COPY was rolled back


@pytest.mark.parametrize("chunk", [1, None, 1.5, ["x"]])
def test_read_returns_bad_type(cur, chunk):
    if OURS:
        # psycopg2: QueryCanceled("... error in .read() call")
        with pytest.raises(TypeError, match="read.. must return str or bytes"):
            cur.copy_from(Reader([chunk]), "tt")
    else:
        with pytest.raises(errors.QueryCanceled):
            cur.copy_from(Reader([chunk]), "tt")
    assert_usable(cur.connection)


@pytest.mark.parametrize("kind", [bytearray, memoryview])
def test_read_returns_bytes_like(cur, kind):
    if not OURS:
        pytest.skip("psycopg2 accepts only str and bytes")
    cur.copy_from(Reader([kind(b"1\tx\n")]), "tt")
    assert rows(cur) == [(1, "x")]


def test_read_not_callable(cur):
    with pytest.raises(TypeError if OURS else errors.QueryCanceled):
        cur.copy_from(type("X", (), {"read": 5})(), "tt")
    assert_usable(cur.connection)


@pytest.mark.parametrize("autocommit", [True, False])
@pytest.mark.parametrize("meth", ["copy_to", "copy_expert"])
def test_write_raises(conn, autocommit, meth):
    conn.autocommit = autocommit
    cur = conn.cursor()
    w = Writer(ValueError("wfail"), fail_at=3)
    with pytest.raises(ValueError, match="wfail"):
        if meth == "copy_to":
            cur.execute("create temp table tt (a int)")
            cur.execute("insert into tt select generate_series(1, 100000)")
            cur.copy_to(w, "tt")
        else:
            cur.copy_expert(
                "copy (select generate_series(1, 100000)) to stdout", w)
    assert len(w.data) == 3
    assert cur.rowcount == -1
    if OURS:
        # the rest was read and dropped: the transaction goes on unharmed
        # (psycopg2 leaves the connection in the COPY state, ACTIVE)
        assert conn.info.transaction_status == (
            ext.TRANSACTION_STATUS_IDLE if autocommit
            else ext.TRANSACTION_STATUS_INTRANS)
    cur.execute("select 42")
    assert cur.fetchone() == (42,)


# ------------------------------------------------------- server errors


def test_bad_row_far_in(conn):
    cur = conn.cursor()
    cur.execute("create temp table tt (a int, b text)")
    conn.commit()
    data = "1\tx\n" * 50000 + "zz\ty\n" + "2\tz\n" * 1000
    with pytest.raises(errors.InvalidTextRepresentation,
                       match="line 50001") as info:
        cur.copy_from(io.StringIO(data), "tt")
    assert info.value.pgcode == "22P02"
    assert info.value.diag.context.startswith("COPY tt, line 50001")
    assert cur.rowcount == -1
    assert conn.info.transaction_status == ext.TRANSACTION_STATUS_INERROR
    with pytest.raises(errors.InFailedSqlTransaction):
        cur.execute("select 1")
    assert_usable(conn)


@pytest.mark.parametrize("line, exc", [
    ("1\tdup\n", errors.UniqueViolation),
    ("\\N\tnull\n", errors.NotNullViolation),
    ("-5\tneg\n", errors.CheckViolation),
    ("1\tx\t3\n", errors.BadCopyFileFormat),
])
def test_constraint_violation(cur, line, exc):
    cur.execute("create temp table tk (a int primary key check (a > -1), b text)")
    with pytest.raises(exc):
        cur.copy_from(io.StringIO("1\tfirst\n2\tsecond\n" + line), "tk")
    assert_usable(cur.connection)
    assert rows(cur, "tk") == []


def test_copy_to_server_error(cur):
    with pytest.raises(errors.DivisionByZero):
        cur.copy_expert("copy (select 1 / (3 - g) from generate_series(1, 5) g)"
                        " to stdout", Writer())
    assert_usable(cur.connection)


# ------------------------------------------------------------- misuse


@pytest.mark.parametrize("closed_by", ["cursor", "connection"])
def test_closed(make_conn, closed_by):
    conn = make_conn()
    cur = conn.cursor()
    (cur if closed_by == "cursor" else conn).close()
    for call in [lambda: cur.copy_from(io.StringIO(""), "tt"),
                 lambda: cur.copy_to(io.StringIO(), "tt"),
                 lambda: cur.copy_expert("copy tt to stdout", io.StringIO()),
                 lambda: cur.copy_expert(1, None)]:
        with pytest.raises(psycopg2.InterfaceError, match="already closed"):
            call()
    # copy_from / copy_to check their arguments first, as psycopg2
    with pytest.raises(TypeError, match="must have a .read"):
        cur.copy_from(None, "tt")
    with pytest.raises(TypeError, match="must be str"):
        cur.copy_to(io.StringIO(), 1)


def test_async_refused(dsn):
    try:
        aconn = psycopg2.connect(dsn, async_=True)
    except psycopg2.NotSupportedError:
        pytest.skip("asynchronous connections not supported yet")
    try:
        import select
        while True:
            state = aconn.poll()
            if state == ext.POLL_OK:
                break
            fds = [aconn.fileno()]
            select.select(fds if state == ext.POLL_READ else [],
                          fds if state == ext.POLL_WRITE else [], [], 10)
        cur = aconn.cursor()
        for meth, call in [
                ("copy_from", lambda: cur.copy_from(io.StringIO(), "tt")),
                ("copy_to", lambda: cur.copy_to(io.StringIO(), "tt")),
                ("copy_expert", lambda: cur.copy_expert("copy tt to stdout",
                                                        None))]:
            with pytest.raises(psycopg2.ProgrammingError,
                               match=f"{meth} cannot be used in asynchronous"):
                call()
        with pytest.raises(TypeError, match="must have a .read"):
            cur.copy_from(None, "tt")
    finally:
        aconn.close()


class CountingWait:
    """A wait callback counting its calls (psycopg2 refuses COPY in green
    mode; here every wait of a COPY goes through the callback)."""

    def __init__(self):
        import psycopg2.extras as extras

        self.calls = 0
        self.wait = extras.wait_select

    def __call__(self, conn):
        self.calls += 1
        self.wait(conn)


@pytest.fixture
def green_conn(dsn):
    cb = CountingWait()
    ext.set_wait_callback(cb)
    conn = psycopg2.connect(dsn)
    yield conn, cb
    ext.set_wait_callback(None)
    conn.close()


def test_green_copy_in_and_out(green_conn):
    green_conn, callback = green_conn
    cur = green_conn.cursor()
    cur.execute("create temp table gt (id int, t text)")
    n = 50000
    data = io.StringIO("".join(f"{i}\trow {i}\n" for i in range(n)))
    before = callback.calls
    cur.copy_from(data, "gt")
    assert cur.rowcount == n
    assert callback.calls > before
    out = io.StringIO()
    cur.copy_to(out, "gt")
    assert cur.rowcount == n
    assert out.getvalue() == data.getvalue()
    out = io.BytesIO()
    cur.copy_expert("copy (select id from gt where id < 3 order by id) "
                    "to stdout", out)
    assert out.getvalue() == b"0\n1\n2\n"
    green_conn.commit()


def test_green_copy_errors(green_conn):
    green_conn, _ = green_conn
    cur = green_conn.cursor()
    cur.execute("create temp table gt2 (id int primary key)")
    green_conn.commit()
    with pytest.raises(psycopg2.errors.InvalidTextRepresentation):
        cur.copy_from(io.StringIO("1\n2\nthree\n"), "gt2")
    green_conn.rollback()

    class Boom(io.StringIO):
        def read(self, size=-1):
            raise ValueError("reader broke")

    with pytest.raises(ValueError, match="reader broke"):
        cur.copy_from(Boom(), "gt2")
    green_conn.rollback()

    class BadWriter:
        def write(self, data):
            raise KeyError("writer broke")

    cur.execute("insert into gt2 select generate_series(1, 1000)")
    with pytest.raises(KeyError):
        cur.copy_to(BadWriter(), "gt2")
    cur.execute("select count(*) from gt2")
    assert cur.fetchone() == (1000,)
    green_conn.rollback()


def test_green_copy_callback_failure(dsn):
    import psycopg2.extras as extras

    ext.set_wait_callback(extras.wait_select)
    conn = psycopg2.connect(dsn)
    try:
        cur = conn.cursor()
        calls = []

        def flaky(c):
            calls.append(1)
            if len(calls) > 3:
                raise RuntimeError("hub died")
            extras.wait_select(c)

        ext.set_wait_callback(flaky)
        with pytest.raises(RuntimeError, match="hub died"):
            cur.copy_expert("copy (select generate_series(1, 200000)) "
                            "to stdout", io.StringIO())
        assert conn.closed == 2
    finally:
        ext.set_wait_callback(None)
        conn.close()


def test_ctrl_c_during_copy_out(conn, dsn, guarded_sigint):
    from plugins.interrupts import interrupted

    cur = conn.cursor()

    class SlowWriter:
        # slow enough for the COPY to be running when Ctrl-C comes
        rows = 0

        def write(self, data):
            self.rows += 1

    timer = interrupted(conn, dsn, guarded_sigint)
    with pytest.raises(KeyboardInterrupt):
        cur.copy_expert("copy (select pg_sleep(10)) to stdout",
                        SlowWriter())
    timer.join()
    conn.rollback()
    cur.execute("select 1")
    assert cur.fetchone() == (1,)


def test_reentrant_use_of_connection(cur):
    # write() using the connection in the middle of the COPY: the query
    # either runs (psycopg2: libpq leaves the COPY, which then fails) or is
    # refused ("another command is already in progress"); never a crash or
    # a hang, and the connection stays usable.
    conn = cur.connection
    other = conn.cursor()
    seen = []

    def write(data):
        seen.append(data)
        if len(seen) == 2:
            other.execute("select 7")
            seen.append(other.fetchone())

    f = type("W", (), {"write": staticmethod(write)})()
    with pytest.raises(psycopg2.Error):
        cur.copy_expert("copy (select generate_series(1, 1000)) to stdout", f)
    assert seen[:2] == [b"1\n", b"2\n"]
    assert cur.rowcount == -1
    assert not conn.closed
    assert_usable(conn)


@pytest.mark.skipif(not OURS, reason="psycopg2 2.9 hangs here")
@pytest.mark.timeout(60)
def test_threads_share_connection(conn):
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("create table if not exists copy_threads (a int)")
    cur.execute("truncate copy_threads")
    errs = []

    def work(n):
        try:
            c = conn.cursor()
            for _ in range(20):
                c.copy_from(io.StringIO(f"{n}\n" * 50), "copy_threads")
                out = io.StringIO()
                c.copy_expert("copy (select 1) to stdout", out)
        except Exception as e:   # pragma: no cover - reported below
            errs.append(e)

    ts = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join(60)
    try:
        # concurrent COPYs on one connection may step on each other (libpq
        # ends one COPY to start the next query), never crash or hang
        assert all(isinstance(e, psycopg2.Error) for e in errs), errs
        assert_usable(conn)
    finally:
        conn.cursor().execute("drop table copy_threads")


# --------------------------------------------------- server going away


class Endless:
    """An endless copy-in source calling `hook` after `after` chunks."""

    def __init__(self, hook, after):
        self.n = 0
        self.hook = hook
        self.after = after
        self.line = "1\t" + "x" * 90 + "\n"

    def read(self, size):
        self.n += 1
        if self.n == self.after:
            self.hook()
        return self.line * max(1, size // len(self.line))


@pytest.mark.timeout(60)
@pytest.mark.parametrize("how", ["kill", "stop"])
def test_server_gone_during_copy_in(private_server, how):
    conn = psycopg2.connect(private_server.dsn())
    try:
        cur = conn.cursor()
        cur.execute("create table tt (a int, b text)")
        conn.commit()
        src = Endless(lambda: getattr(private_server, how)(), after=50)
        with pytest.raises(psycopg2.OperationalError):
            cur.copy_from(src, "tt")
        assert conn.closed == 2
        with pytest.raises(psycopg2.InterfaceError):
            cur.execute("select 1")
    finally:
        conn.close()


@pytest.mark.timeout(60)
@pytest.mark.parametrize("how", ["kill", "stop"])
def test_server_gone_during_copy_out(private_server, how):
    conn = psycopg2.connect(private_server.dsn())
    try:
        cur = conn.cursor()
        w = Writer()
        hook = getattr(private_server, how)

        def write(data):
            w.data.append(data)
            if len(w.data) == 50:
                hook()

        f = type("W", (), {"write": staticmethod(write)})()
        # psycopg2 may raise a bare DatabaseError("error with status
        # PGRES_COPY_OUT and no message from the libpq") after a crash
        with pytest.raises(psycopg2.OperationalError if OURS
                           else psycopg2.DatabaseError):
            cur.copy_expert("copy (select g, repeat('x', 100) from"
                            " generate_series(1, 10000000) g) to stdout", f)
        if OURS or how == "stop":
            assert conn.closed == 2
    finally:
        conn.close()


# ------------------------------------------------- streaming and leaks


class Lazy:
    """`nrows` rows of ~100 bytes made on demand, `size` bytes a read."""

    def __init__(self, nrows):
        self.row = "1\t" + "y" * 97 + "\n"
        self.left = nrows
        self.sizes = set()

    def read(self, size):
        self.sizes.add(size)
        n = min(self.left, max(1, size // len(self.row)))
        self.left -= n
        return self.row * n


@pytest.mark.slow
@pytest.mark.timeout(300)
@rss_checked
def test_large_copy_in_streams(cur):
    # 1M rows, 100 MB, never all in memory; the server drops them
    gc.collect()
    before = rss_kb()
    src = Lazy(1000000)
    cur.copy_expert("copy tt from stdin where false", src, size=65536)
    assert src.left == 0
    assert src.sizes == {65536}
    assert cur.rowcount == 0
    grown = rss_kb() - before
    assert grown < 20 * 1024, f"RSS grew by {grown} KiB"


@pytest.mark.slow
@pytest.mark.timeout(300)
@rss_checked
def test_large_copy_out_streams(cur):
    total = [0, 0]

    class Sink:
        def write(self, data):
            total[0] += 1
            total[1] += len(data)

    gc.collect()
    before = rss_kb()
    cur.copy_expert("copy (select g, repeat('z', 95) from"
                    " generate_series(1, 1000000) g) to stdout", Sink())
    assert total[0] == cur.rowcount == 1000000
    assert total[1] > 100 * 1000 * 1000
    grown = rss_kb() - before
    assert grown < 20 * 1024, f"RSS grew by {grown} KiB"


def test_no_leak(cur, assert_no_leak):
    data = "".join(f"{i}\tv{i}\n" for i in range(20))

    def once():
        cur.copy_from(io.StringIO(data), "tt")
        cur.copy_to(io.StringIO(), "tt", columns=["b"])
        cur.copy_expert("copy tt to stdout", io.BytesIO())
        cur.copy_expert("copy tt from stdin", io.BytesIO(data.encode()))
        cur.execute("truncate tt")

    assert_no_leak(once, n=1500, warmup=150, limit_kb=1024)


def test_no_leak_on_errors(cur, assert_no_leak):
    conn = cur.connection

    def once():
        for call in [
                lambda: cur.copy_from(Reader(["1\tx\n"], KeyError("k")), "tt"),
                lambda: cur.copy_from(Reader([1]), "tt"),
                lambda: cur.copy_from(io.StringIO("zz\n"), "tt"),
                lambda: cur.copy_to(Writer(ValueError("v"), 1), "tt"),
                lambda: cur.copy_expert("copy nope to stdout", Writer()),
                lambda: cur.copy_from(io.StringIO(), "tt", columns=[1]),
                lambda: cur.copy_expert("copy tt from stdin", Writer())]:
            try:
                call()
            except Exception:
                pass
        conn.rollback()

    cur.execute("insert into tt values (1, 'x')")
    assert_no_leak(once, n=1000, warmup=100, limit_kb=1024)


@pytest.mark.parametrize("direction", ["in", "out"])
def test_connection_closed_by_the_file(make_conn, direction):
    # the file object closes the connection in the middle of the COPY
    conn = make_conn()
    cur = conn.cursor()
    cur.execute("create temp table tt (a int)")
    if direction == "in":
        class F:
            def read(self, size):
                conn.close()
                return "1\n"

        call = lambda: cur.copy_from(F(), "tt")   # noqa: E731
    else:
        class F:
            def write(self, data):
                conn.close()

        call = lambda: cur.copy_expert(   # noqa: E731
            "copy (select generate_series(1, 100)) to stdout", F())
    with pytest.raises(psycopg2.Error):
        call()
    assert conn.closed
    with pytest.raises(psycopg2.InterfaceError):
        cur.execute("select 1")
