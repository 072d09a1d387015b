"""Python -> SQL: adaptation and query merging (psycopg2 2.9 behaviour).

``cur.mogrify`` output is compared byte for byte; the same queries are then
executed so that the server confirms it understood them.
"""

import collections
import collections.abc
import datetime as dt
import enum
from decimal import Decimal as D

import pytest

import psycopg2
import psycopg2.extensions as ext


@pytest.fixture(scope="module")
def mconn(dsn):
    cnn = psycopg2.connect(dsn)
    cnn.autocommit = True
    try:
        yield cnn
    finally:
        cnn.close()


@pytest.fixture
def mcur(mconn):
    return mconn.cursor()


def tz(**kw):
    return dt.timezone(dt.timedelta(**kw))


class MyInt(int):
    pass


class MyStr(str):
    pass


class MyFloat(float):
    pass


class MyList(list):
    pass


class MyTuple(tuple):
    pass


class MyBytes(bytes):
    pass


class MyDecimal(D):
    pass


class MyDate(dt.date):
    pass


class Color(enum.IntEnum):
    RED = 1
    GREEN = 2


class Seq(collections.abc.Sequence):
    def __init__(self, items):
        self.items = items

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]


class Map(collections.abc.Mapping):
    def __init__(self, data):
        self.data = data

    def __len__(self):
        return len(self.data)

    def __getitem__(self, k):
        return self.data[k]

    def __iter__(self):
        return iter(self.data)


# ---------------------------------------------------------------------------
# single values through "%s": exact bytes.  Cases that depend on
# standard_conforming_strings have a second expectation for "off".
# ---------------------------------------------------------------------------

MOGRIFY = [
    # (id, value, bytes with scs on, bytes with scs off or None if same)
    ("none", None, b"NULL", None),
    ("true", True, b"true", None),
    ("false", False, b"false", None),
    ("zero", 0, b"0", None),
    ("int", 42, b"42", None),
    ("negative-int", -1, b" -1", None),
    ("huge-int", 10**30, b"1000000000000000000000000000000", None),
    ("huge-negative-int", -10**30, b" -1000000000000000000000000000000",
     None),
    ("int-2**63", 2**63, b"9223372036854775808", None),
    ("int-subclass", MyInt(-5), b" -5", None),
    ("intenum", Color.GREEN, b"2", None),
    ("float", 1.5, b"1.5", None),
    ("float-0.1", 0.1, b"0.1", None),
    ("float-repr", 123456789.123456789, b"123456789.12345679", None),
    ("float-1e300", 1e300, b"1e+300", None),
    ("float-neg-1e300", -1e300, b" -1e+300", None),
    ("float-1e-300", 1e-300, b"1e-300", None),
    ("float-denormal", 5e-324, b"5e-324", None),
    ("float-neg-zero", -0.0, b" -0.0", None),
    ("float-nan", float("nan"), b"'NaN'::float", None),
    ("float-inf", float("inf"), b"'Infinity'::float", None),
    ("float-neg-inf", float("-inf"), b"'-Infinity'::float", None),
    ("float-subclass", MyFloat(2.5), b"2.5", None),
    ("decimal", D("-12.340"), b" -12.340", None),
    ("decimal-zero-scale", D("0.000"), b"0.000", None),
    ("decimal-neg-zero", D("-0"), b" -0", None),
    ("decimal-exp-pos", D("1E+3"), b"1E+3", None),
    ("decimal-exp-neg", D("1.5E-7"), b"1.5E-7", None),
    ("decimal-long", D("123456789012345678901234567890.123456789"),
     b"123456789012345678901234567890.123456789", None),
    ("decimal-nan", D("NaN"), b"'NaN'::numeric", None),
    ("decimal-snan", D("sNaN"), b"'NaN'::numeric", None),
    ("decimal-inf", D("Infinity"), b"'NaN'::numeric", None),
    ("decimal-neg-inf", D("-Infinity"), b"'NaN'::numeric", None),
    ("decimal-subclass", MyDecimal("1.5"), b"1.5", None),
    ("str", "abc", b"'abc'", None),
    ("str-empty", "", b"''", None),
    ("str-quote", "it's", b"'it''s'", None),
    ("str-backslash", "back\\slash", b"'back\\slash'", b"'back\\\\slash'"),
    ("str-controls", '\n\t\r"', b"'\n\t\r\"'", None),
    ("str-unicode", "h\u00e9llo \u20ac", b"'h\xc3\xa9llo \xe2\x82\xac'",
     None),
    ("str-subclass", MyStr("o'k"), b"'o''k'", None),
    ("bytes-empty", b"", b"'\\x'::bytea", b"'\\\\x'::bytea"),
    ("bytes", b"\x00'\\ab", b"'\\x00275c6162'::bytea",
     b"'\\\\x00275c6162'::bytea"),
    ("bytes-all", bytes(range(256)),
     b"'\\x" + bytes(range(256)).hex().encode() + b"'::bytea",
     b"'\\\\x" + bytes(range(256)).hex().encode() + b"'::bytea"),
    ("bytearray", bytearray(b"xy"), b"'\\x7879'::bytea",
     b"'\\\\x7879'::bytea"),
    ("memoryview", memoryview(b"\xff\x00"), b"'\\xff00'::bytea",
     b"'\\\\xff00'::bytea"),
    ("binary", lambda: psycopg2.Binary(b"ab"), b"'\\x6162'::bytea",
     b"'\\\\x6162'::bytea"),
    ("bytes-subclass", MyBytes(b"a"), b"'\\x61'::bytea",
     b"'\\\\x61'::bytea"),
    ("date", dt.date(2024, 2, 29), b"'2024-02-29'::date", None),
    ("date-min", dt.date.min, b"'0001-01-01'::date", None),
    ("date-max", dt.date.max, b"'9999-12-31'::date", None),
    ("date-subclass", MyDate(2020, 1, 1), b"'2020-01-01'::date", None),
    ("time", dt.time(12, 34, 56), b"'12:34:56'::time", None),
    ("time-us", dt.time(1, 2, 3, 4), b"'01:02:03.000004'::time", None),
    ("timetz", dt.time(1, 2, 3, tzinfo=tz(hours=5, minutes=30)),
     b"'01:02:03+05:30'::timetz", None),
    ("timetz-neg", dt.time(1, 2, 3, 500000, tzinfo=tz(hours=-8)),
     b"'01:02:03.500000-08:00'::timetz", None),
    ("datetime", dt.datetime(2024, 1, 2, 3, 4, 5),
     b"'2024-01-02T03:04:05'::timestamp", None),
    ("datetime-us", dt.datetime(2024, 1, 2, 3, 4, 5, 6),
     b"'2024-01-02T03:04:05.000006'::timestamp", None),
    ("datetime-min", dt.datetime.min,
     b"'0001-01-01T00:00:00'::timestamp", None),
    ("datetime-max", dt.datetime.max,
     b"'9999-12-31T23:59:59.999999'::timestamp", None),
    ("datetime-utc", dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc),
     b"'2024-01-02T03:04:05+00:00'::timestamptz", None),
    ("datetime-neg-offset",
     dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=tz(hours=-8)),
     b"'2024-01-02T03:04:05-08:00'::timestamptz", None),
    ("datetime-offset-seconds",
     dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=tz(hours=1, seconds=15)),
     b"'2024-01-02T03:04:05+01:00:15'::timestamptz", None),
    ("timedelta-zero", dt.timedelta(0),
     b"'0 days 0.000000 seconds'::interval", None),
    ("timedelta", dt.timedelta(days=1, seconds=2, microseconds=3),
     b"'1 days 2.000003 seconds'::interval", None),
    ("timedelta-neg-us", dt.timedelta(microseconds=-1),
     b"'-1 days 86399.999999 seconds'::interval", None),
    ("timedelta-neg", dt.timedelta(days=-3, hours=5),
     b"'-3 days 18000.000000 seconds'::interval", None),
    ("timedelta-max", dt.timedelta.max,
     b"'999999999 days 86399.999999 seconds'::interval", None),
    ("timedelta-min", dt.timedelta.min,
     b"'-999999999 days 0.000000 seconds'::interval", None),
    ("list", [1, 2, 3], b"ARRAY[1,2,3]", None),
    ("list-2d", [[1, 2], [3, 4]], b"ARRAY[ARRAY[1,2],ARRAY[3,4]]", None),
    ("list-none-inside", [1, None, 3], b"ARRAY[1,NULL,3]", None),
    ("list-empty", [], b"'{}'", None),
    ("list-only-none", [None], b"'{NULL}'", None),
    ("list-nested-empty", [[]], b"ARRAY[ARRAY[]]", None),
    ("list-ragged", [[1, 2], [3]], b"ARRAY[ARRAY[1,2],ARRAY[3]]", None),
    ("list-mixed", [1.5, D("2.5"), True], b"ARRAY[1.5,2.5,true]", None),
    ("list-str", ["a'b", "c,d", "{e}", 'f"g', "h\\i", "", "NULL"],
     b"ARRAY['a''b','c,d','{e}','f\"g','h\\i','','NULL']",
     b"ARRAY['a''b','c,d','{e}','f\"g','h\\\\i','','NULL']"),
    ("list-date", [dt.date(2024, 1, 1)], b"ARRAY['2024-01-01'::date]", None),
    ("list-bytes", [b"ab"], b"ARRAY['\\x6162'::bytea]",
     b"ARRAY['\\\\x6162'::bytea]"),
    ("list-subclass", MyList([1, 2]), b"ARRAY[1,2]", None),
    ("tuple", (1, 2, 3), b"(1, 2, 3)", None),
    ("tuple-one", (1,), b"(1)", None),
    ("tuple-str", ("a", "b'c", None), b"('a', 'b''c', NULL)", None),
    ("tuple-backslash", ("q\\",), b"('q\\')", b"('q\\\\')"),
    ("tuple-empty", (), b"()", None),
    ("tuple-nested", ((1, 2), (3, 4)), b"((1, 2), (3, 4))", None),
    ("tuple-subclass", MyTuple((1, 2)), b"(1, 2)", None),
]


@pytest.fixture(scope="module")
def scs_curs(dsn):
    """One cursor per standard_conforming_strings value, SET in session."""
    conns = {}
    try:
        for scs in ("on", "off"):
            conns[scs] = psycopg2.connect(dsn)
            conns[scs].autocommit = True
            conns[scs].cursor().execute(
                "set standard_conforming_strings to " + scs)
        yield {k: c.cursor() for k, c in conns.items()}
    finally:
        for c in conns.values():
            c.close()


@pytest.mark.parametrize("scs", ["on", "off"])
@pytest.mark.parametrize("value, on, off", [c[1:] for c in MOGRIFY],
                         ids=[c[0] for c in MOGRIFY])
def test_mogrify_value(scs_curs, scs, value, on, off):
    cur = scs_curs[scs]
    assert cur.connection.info.parameter_status(
        "standard_conforming_strings") == scs
    expected = on if scs == "on" or off is None else off
    if callable(value):  # adapter objects cache their output: a fresh one
        value = value()
    assert cur.mogrify("%s", (value,)) == expected
    assert cur.mogrify("select %(v)s", {"v": value}) == b"select " + expected


@pytest.fixture(params=["on", "off"])
def scs_conn(request, make_conn):
    cnn = make_conn()
    cnn.autocommit = True
    cnn.cursor().execute(
        "set standard_conforming_strings to " + request.param)
    return cnn


STRING_ROUND = ["a\\b", "q\\'", "\\x00", "it's", "\u00e9\\\u20ac", "\\\\"]


@pytest.mark.parametrize("value", STRING_ROUND)
def test_backslash_round_trip_scs(scs_conn, value):
    cur = scs_conn.cursor()
    cur.execute("select %s::text, %s::bytea, %s::text[], 'x' in %s",
                (value, value.encode(), [value], (value, "x")))
    s, b, arr, found = cur.fetchone()
    assert s == value
    assert bytes(b) == value.encode()
    assert arr == [value]
    assert found is True


def test_scs_off_at_startup_uses_e_strings(make_conn):
    cnn = make_conn(options="-c standard_conforming_strings=off")
    assert cnn.info.parameter_status("standard_conforming_strings") == "off"
    cur = cnn.cursor()
    assert cur.mogrify("%s", ("a\\b",)) == b"E'a\\\\b'"
    assert cur.mogrify("%s", ("it's",)) == b"E'it''s'"
    assert cur.mogrify("%s", (b"\x00\\",)) == b"E'\\\\x005c'::bytea"
    assert cur.mogrify("%s", (["x\\y"],)) == b"ARRAY[E'x\\\\y']"
    assert cur.mogrify("%s", (("q\\",),)) == b"(E'q\\\\')"
    cur.execute("select %s, %s, %s", ("a\\b", b"\x00\\", ["x\\y"]))
    s, b, arr = cur.fetchone()
    assert (s, bytes(b), arr) == ("a\\b", b"\x00\\", ["x\\y"])


# ---------------------------------------------------------------------------
# unadaptable values, NUL characters
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("value, name", [
    ({"a": 1}, "dict"),
    (object(), "object"),
    ({1, 2}, "set"),
    (frozenset(), "frozenset"),
    (1j, "complex"),
    ([{"a": 1}], "dict"),
    ([1, [object()]], "object"),
    ((1, {2}), "set"),
    (Seq([1]), "Seq"),
])
def test_cant_adapt(mcur, value, name):
    with pytest.raises(psycopg2.ProgrammingError) as excinfo:
        mcur.mogrify("select %s", (value,))
    assert str(excinfo.value) == "can't adapt type '%s'" % name
    with pytest.raises(psycopg2.ProgrammingError):
        ext.adapt(value).getquoted()


def test_cant_adapt_nothing_sent(make_conn):
    cnn = make_conn()
    cur = cnn.cursor()
    with pytest.raises(psycopg2.ProgrammingError):
        cur.execute("select %s", ({},))
    assert cur.query is None
    assert cnn.info.transaction_status == ext.TRANSACTION_STATUS_IDLE


@pytest.mark.parametrize("value", [
    "a\x00b", "\x00", ["ok", "x\x00"], ("\x00",)])
def test_nul_in_string(make_conn, value):
    cnn = make_conn()
    cur = cnn.cursor()
    with pytest.raises(ValueError) as excinfo:
        cur.mogrify("select %s", (value,))
    assert not isinstance(excinfo.value, psycopg2.Error)
    assert str(excinfo.value) == \
        "A string literal cannot contain NUL (0x00) characters."
    cur.execute("select 1")
    assert cur.query == b"select 1"
    cnn.rollback()
    # nothing reaches the server: no transaction is even started
    with pytest.raises(ValueError):
        cur.execute("select %s, %s", (value, 1))
    assert cur.query is None
    assert cnn.info.transaction_status == ext.TRANSACTION_STATUS_IDLE
    cur.execute("select %s", ("fine",))
    assert cur.fetchone() == ("fine",)


def test_nul_in_bytes_is_fine(mcur):
    mcur.execute("select %s", (b"a\x00b",))
    assert bytes(mcur.fetchone()[0]) == b"a\x00b"


# ---------------------------------------------------------------------------
# the adapt() protocol objects
# ---------------------------------------------------------------------------

def test_adapt_objects(mconn):
    assert ext.adapt(1).getquoted() == b"1"
    assert ext.adapt(None).getquoted() == b"NULL"
    assert ext.adapt(True).getquoted() == b"true"
    assert ext.adapt(1.5).getquoted() == b"1.5"
    assert ext.adapt("x").getquoted() == b"'x'"
    assert ext.adapt([1, "a"]).getquoted() == b"ARRAY[1,'a']"
    assert ext.adapt((1, "a")).getquoted() == b"(1, 'a')"
    a = ext.adapt("\u00e9")
    a.prepare(mconn)
    assert a.getquoted() == b"'\xc3\xa9'"
    assert type(ext.adapt("x")) is ext.QuotedString
    assert type(ext.adapt(b"x")) is ext.Binary
    assert type(ext.adapt(True)) is ext.Boolean
    assert type(ext.adapt(1.5)) is ext.Float
    assert type(ext.adapt(1)) is ext.Int
    assert type(ext.adapt((1,))) is ext.SQL_IN


def test_asis_and_custom_adapter(make_conn):
    class Point:
        def __init__(self, x, y):
            self.x, self.y = x, y

    def adapt_point(p):
        return ext.AsIs("point(%s, %s)" % (
            ext.adapt(p.x).getquoted().decode(),
            ext.adapt(p.y).getquoted().decode()))

    cur = make_conn().cursor()
    ext.register_adapter(Point, adapt_point)
    try:
        assert cur.mogrify("select %s", (Point(1, -2.5),)) == \
            b"select point(1,  -2.5)"
        cur.execute("select %s::text", (Point(1, 2),))
        assert cur.fetchone() == ("(1,2)",)
    finally:
        del ext.adapters[(Point, ext.ISQLQuote)]


# ---------------------------------------------------------------------------
# placeholders
# ---------------------------------------------------------------------------

PLACEHOLDERS_OK = [
    ("select %s, %s", (1, "a"), b"select 1, 'a'"),
    ("select %s", [1], b"select 1"),
    ("select %(a)s, %(b)s, %(a)s", {"a": 1, "b": "x", "c": 3},
     b"select 1, 'x', 1"),
    ("select %(a)s %(a)s", {"a": "x"}, b"select 'x' 'x'"),
    ("select %(a b)s", {"a b": 1}, b"select 1"),
    ("select %()s", {"": 1}, b"select 1"),
    ("select %(1)s", {"1": 1}, b"select 1"),
    ("select 100%%, %s", (1,), b"select 100%, 1"),
    ("select 100%%, %(x)s", {"x": 1}, b"select 100%, 1"),
    ("select 100%%", (), b"select 100%"),
    ("select 100%%", {}, b"select 100%"),
    ("select %s %%s", (1,), b"select 1 %s"),
    ("select %(a)s %%(b)s", {"a": 1}, b"select 1 %(b)s"),
    ("select 1", (), b"select 1"),
    ("select 1", (1,), b"select 1"),
    ("select 1", {"a": 1}, b"select 1"),
    ("%s", (None,), b"NULL"),
    ("select %s", ((1,),), b"select (1)"),
    ("select %s", [[1]], b"select ARRAY[1]"),
    # vars=None: the query is left alone, '%' and all
    ("select 100%, %s", None, b"select 100%, %s"),
    ("select 100%%", None, b"select 100%%"),
    ("select '%'", None, b"select '%'"),
    # any sequence or mapping will do
    ("select %s%s", "ab", b"select 'a''b'"),
    ("select %s", b"a", b"select 97"),
    ("select %s %s", range(2), b"select 0 1"),
    ("select %s %s", collections.namedtuple("NT", "a b")(1, "x"),
     b"select 1 'x'"),
    ("select %s %s", Seq([1, 2]), b"select 1 2"),
    ("select %s", MyList([1]), b"select 1"),
    ("select %(a)s", Map({"a": 1}), b"select 1"),
    ("select %(a)s", collections.OrderedDict(a=1), b"select 1"),
    ("select %(a)s", collections.defaultdict(int), b"select 0"),
    ("select %(a)s", type("D", (dict,), {})(a=1), b"select 1"),
]


@pytest.mark.parametrize("query, vars, expected", PLACEHOLDERS_OK,
                         ids=[str(i) for i in range(len(PLACEHOLDERS_OK))])
def test_placeholders(mcur, query, vars, expected):
    assert mcur.mogrify(query, vars) == expected
    assert mcur.mogrify(query.encode(), vars) == expected


def test_mogrify_without_vars(mcur):
    assert mcur.mogrify("select 100%, %s") == b"select 100%, %s"
    assert mcur.mogrify("select %%s") == b"select %%s"


PLACEHOLDERS_BAD = [
    ("select %s, %s", (1,), IndexError),
    ("select %s", (), IndexError),
    ("select %s", [], IndexError),
    ("select %s %", (1,), IndexError),
    ("select %s", (1, 2), TypeError),
    ("select %s", "ab", TypeError),
    ("select %(a)s", (1,), TypeError),
    ("select %(a)s", [1], TypeError),
    ("select %(a)s", MyList([1]), TypeError),
    ("select %s", {"a": 1}, TypeError),
    ("select %(a)s", {"b": 1}, KeyError),
    ("select %(1)s", {1: 1}, KeyError),
    ("select %(a)s, %s", {"a": 1}, psycopg2.ProgrammingError),
    ("select %s, %(a)s", (1,), psycopg2.ProgrammingError),
    ("select %(a)s, %s", (1, 2), TypeError),
    ("select %d", (1,), ValueError),
    ("select %(a)d", {"a": 1}, ValueError),
    ("select %", (1,), ValueError),
    ("select %(a)", {"a": 1}, ValueError),
    ("select %(a", {"a": 1}, psycopg2.ProgrammingError),
    ("select %s", 5, TypeError),
    ("select %s", 1.5, TypeError),
    ("select %s", {1}, TypeError),
    ("select %s", (x for x in [1]), TypeError),
]


@pytest.mark.parametrize("query, vars, exc", PLACEHOLDERS_BAD,
                         ids=[str(i) for i in range(len(PLACEHOLDERS_BAD))])
def test_placeholder_errors(make_conn, query, vars, exc):
    cnn = make_conn()
    cur = cnn.cursor()
    with pytest.raises(exc) as excinfo:
        cur.mogrify(query, vars)
    if exc is not psycopg2.ProgrammingError:
        assert not isinstance(excinfo.value, psycopg2.Error)
    with pytest.raises(exc):
        cur.execute(query, vars)
    assert cur.query is None
    assert cnn.info.transaction_status == ext.TRANSACTION_STATUS_IDLE


@pytest.mark.parametrize("query, vars, message", [
    ("select %(a)s, %s", {"a": 1}, "argument formats can't be mixed"),
    ("select %(a", {"a": 1}, "incomplete placeholder: '%(' without ')'"),
    ("select %", (1,), "incomplete format"),
    ("select %d", (1,), "unsupported format character 'd' (0x64) at index 8"),
    ("select %s", (1, 2), "not all arguments converted during string "
                          "formatting"),
    ("select %s, %s", (1,), "tuple index out of range"),
])
def test_placeholder_error_messages(mcur, query, vars, message):
    with pytest.raises(Exception) as excinfo:
        mcur.mogrify(query, vars)
    assert str(excinfo.value) == message


def test_missing_key_names_the_key(mcur):
    with pytest.raises(KeyError) as excinfo:
        mcur.mogrify("select %(wanted)s", {"other": 1})
    assert excinfo.value.args == ("wanted",)


@pytest.mark.parametrize("query", [None, 1, bytearray(b"select 1")])
def test_bad_query_type(mcur, query):
    exc = psycopg2.ProgrammingError if query is None else TypeError
    with pytest.raises(exc):
        mcur.mogrify(query, (1,) if query is not None else None)


# ---------------------------------------------------------------------------
# str vs bytes queries, cur.query, what the server runs
# ---------------------------------------------------------------------------

def test_str_and_bytes_query(mcur):
    assert mcur.mogrify("select %s, '\u00e9'", ("\u20ac",)) == \
        b"select '\xe2\x82\xac', '\xc3\xa9'"
    assert mcur.mogrify(b"select %s, '\xc3\xa9'", ("\u20ac",)) == \
        b"select '\xe2\x82\xac', '\xc3\xa9'"
    assert type(mcur.mogrify("select 1")) is bytes
    mcur.execute(b"select %s::text, '\xc3\xa9'", ("\u00e9",))
    assert mcur.query == b"select '\xc3\xa9'::text, '\xc3\xa9'"
    assert mcur.fetchone() == ("\u00e9", "\u00e9")


def test_query_attribute(mcur):
    assert mcur.query is None
    mcur.execute("select %s, %s", (1, "it's"))
    assert mcur.query == b"select 1, 'it''s'"
    assert type(mcur.query) is bytes
    mcur.execute("select '100%'")
    assert mcur.query == b"select '100%'"
    assert mcur.fetchone() == ("100%",)
    mcur.execute("select '100%%'", None)
    assert mcur.fetchone() == ("100%%",)
    mcur.execute("select '100%%'", ())
    assert mcur.query == b"select '100%'"
    assert mcur.fetchone() == ("100%",)
    mcur.execute("select '%%s' || %s", ("x",))
    assert mcur.query == b"select '%s' || 'x'"
    assert mcur.fetchone() == ("%sx",)


def test_query_is_mogrify_output(mcur):
    args = {"a": [1, None], "b": dt.date(2024, 1, 1), "c": "x'y",
            "d": D("1.5"), "e": b"\x01"}
    q = "select %(a)s, %(b)s, %(c)s, %(d)s, %(e)s, %(a)s"
    expected = mcur.mogrify(q, args)
    mcur.execute(q, args)
    assert mcur.query == expected
    row = mcur.fetchone()
    assert row[:4] == ([1, None], dt.date(2024, 1, 1), "x'y", D("1.5"))
    assert bytes(row[4]) == b"\x01"
    assert row[5] == [1, None]


def test_in_tuples(mcur):
    mcur.execute("select x from generate_series(1, 5) x where x in %s"
                 " order by x", ((2, 4, 99),))
    assert mcur.fetchall() == [(2,), (4,)]
    mcur.execute("select 1 where 1 in %s", ((1,),))
    assert mcur.fetchall() == [(1,)]
    mcur.execute("select 1 where 'b''c' in %s", (("a", "b'c"),))
    assert mcur.fetchall() == [(1,)]
    with pytest.raises(psycopg2.errors.SyntaxError):
        mcur.execute("select 1 where 1 in %s", ((),))


def test_ragged_array_rejected_by_server(mcur):
    with pytest.raises(psycopg2.DataError) as excinfo:
        mcur.execute("select %s", ([[1, 2], [3]],))
    assert excinfo.value.pgcode == "2202E"


def test_empty_list_is_untyped_literal(mcur):
    mcur.execute("select %s, pg_typeof(%s)::text, %s::int[], %s",
                 ([], [], [], [None]))
    assert mcur.fetchone() == ("{}", "unknown", [], "{NULL}")
