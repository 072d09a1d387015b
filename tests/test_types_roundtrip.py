"""Round trips Python -> server -> Python for every adaptable type.

Each case also asks the server what it received (``pg_typeof`` and the
value's ``::text`` form), so a wrong adaptation that happens to come back
equal still fails.
"""

import datetime as dt
import hashlib
import math
from decimal import Decimal as D

import pytest

import psycopg2


@pytest.fixture(scope="module")
def rcur(dsn):
    """Autocommit cursor with a known TimeZone and default settings."""
    cnn = psycopg2.connect(dsn)
    cnn.autocommit = True
    cur = cnn.cursor()
    cur.execute("set timezone to 'UTC'")
    try:
        yield cur
    finally:
        cnn.close()


def tz(**kw):
    return dt.timezone(dt.timedelta(**kw))


NAN = object()  # marker: a float NaN is expected
DNAN = object()  # marker: a Decimal NaN is expected


def check_back(got, expected):
    if expected is NAN:
        assert type(got) is float and math.isnan(got)
    elif expected is DNAN:
        assert type(got) is D and got.is_nan()
    elif isinstance(got, memoryview):
        assert bytes(got) == expected
    else:
        assert type(got) is type(expected), (got, expected)
        assert got == expected
        if isinstance(expected, (dt.datetime, dt.time)):
            assert got.utcoffset() == expected.utcoffset()
        if isinstance(expected, float) and expected == 0:
            assert math.copysign(1, got) == math.copysign(1, expected)


ALL = bytes(range(256))
UTC = dt.timezone.utc

# (id, value, cast, pg_typeof, server ::text, value back)
CASES = [
    ("none", None, "", "unknown", None, None),
    ("none-int", None, "::int", "integer", None, None),
    ("true", True, "", "boolean", "true", True),
    ("false", False, "", "boolean", "false", False),
    ("zero", 0, "", "integer", "0", 0),
    ("int", 42, "", "integer", "42", 42),
    ("negative", -7, "", "integer", "-7", -7),
    ("int4-max", 2**31 - 1, "", "integer", "2147483647", 2**31 - 1),
    ("int8", 2**31, "", "bigint", "2147483648", 2**31),
    ("int8-min", -2**63, "", "bigint", "-9223372036854775808", -2**63),
    ("int-huge", 10**30, "", "numeric",
     "1000000000000000000000000000000", D(10**30)),
    ("int-to-int8", 5, "::int8", "bigint", "5", 5),
    ("float", 1.5, "", "numeric", "1.5", D("1.5")),
    ("float8", 0.1, "::float8", "double precision", "0.1", 0.1),
    ("float8-big", 1e300, "::float8", "double precision", "1e+300", 1e300),
    ("float8-tiny", 5e-324, "::float8", "double precision", "5e-324",
     5e-324),
    ("float8-negzero", -0.0, "::float8", "double precision", "-0", -0.0),
    ("float4", 0.25, "::float4", "real", "0.25", 0.25),
    ("float-nan", float("nan"), "", "double precision", "NaN", NAN),
    ("float-inf", float("inf"), "", "double precision", "Infinity",
     float("inf")),
    ("float-neginf", float("-inf"), "", "double precision", "-Infinity",
     float("-inf")),
    ("decimal", D("-12.340"), "", "numeric", "-12.340", D("-12.340")),
    ("decimal-exp", D("1.5E-7"), "", "numeric", "0.00000015",
     D("1.5E-7")),
    ("decimal-exp-pos", D("1E+3"), "", "numeric", "1000", D("1000")),
    ("decimal-long", D("123456789012345678901234567890.000000000001"), "",
     "numeric", "123456789012345678901234567890.000000000001",
     D("123456789012345678901234567890.000000000001")),
    ("decimal-nan", D("NaN"), "", "numeric", "NaN", DNAN),
    ("decimal-negzero", D("-0"), "", "integer", "0", 0),
    ("str", "abc", "", "unknown", "abc", "abc"),
    ("str-text", "abc", "::text", "text", "abc", "abc"),
    ("str-empty", "", "::text", "text", "", ""),
    ("str-quotes", "it's \"q\"", "::text", "text", "it's \"q\"",
     "it's \"q\""),
    ("str-backslash", "a\\b\\\\", "::text", "text", "a\\b\\\\", "a\\b\\\\"),
    ("str-controls", "\n\t\r\x01", "::text", "text", "\n\t\r\x01",
     "\n\t\r\x01"),
    ("str-unicode", "\u00e9\u20ac\U0001f600\u65e5", "::text", "text",
     "\u00e9\u20ac\U0001f600\u65e5", "\u00e9\u20ac\U0001f600\u65e5"),
    ("str-NULL", "NULL", "::text", "text", "NULL", "NULL"),
    ("str-varchar", "ab", "::varchar(5)", "character varying", "ab", "ab"),
    ("str-char", "ab", "::char(4)", "character", "ab", "ab  "),
    ("str-json", '{"a": [1, null]}', "::jsonb", "jsonb",
     '{"a": [1, null]}', {"a": [1, None]}),
    ("str-uuid", "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11", "::uuid", "uuid",
     "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
     "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
    ("bytes", b"\x00'\\ab", "", "bytea", "\\x00275c6162", b"\x00'\\ab"),
    ("bytes-empty", b"", "", "bytea", "\\x", b""),
    ("bytes-all", ALL, "", "bytea", "\\x" + ALL.hex(), ALL),
    ("bytearray", bytearray(b"xy"), "", "bytea", "\\x7879", b"xy"),
    ("memoryview", memoryview(b"\xff\x00"), "", "bytea", "\\xff00",
     b"\xff\x00"),
    ("date", dt.date(2024, 2, 29), "", "date", "2024-02-29",
     dt.date(2024, 2, 29)),
    ("date-min", dt.date.min, "", "date", "0001-01-01", dt.date.min),
    ("date-max", dt.date.max, "", "date", "9999-12-31", dt.date.max),
    ("time", dt.time(12, 34, 56), "", "time without time zone",
     "12:34:56", dt.time(12, 34, 56)),
    ("time-us", dt.time(23, 59, 59, 999999), "", "time without time zone",
     "23:59:59.999999", dt.time(23, 59, 59, 999999)),
    ("timetz", dt.time(1, 2, 3, tzinfo=tz(hours=5, minutes=30)), "",
     "time with time zone", "01:02:03+05:30",
     dt.time(1, 2, 3, tzinfo=tz(hours=5, minutes=30))),
    ("timetz-neg", dt.time(1, 2, 3, tzinfo=tz(hours=-5, minutes=-30)), "",
     "time with time zone", "01:02:03-05:30",
     dt.time(1, 2, 3, tzinfo=tz(hours=-5, minutes=-30))),
    ("timetz-seconds", dt.time(1, 2, 3, tzinfo=tz(hours=1, seconds=15)), "",
     "time with time zone", "01:02:03+01:00:15",
     dt.time(1, 2, 3, tzinfo=tz(hours=1, seconds=15))),
    ("datetime", dt.datetime(2024, 1, 2, 3, 4, 5, 6), "",
     "timestamp without time zone", "2024-01-02 03:04:05.000006",
     dt.datetime(2024, 1, 2, 3, 4, 5, 6)),
    ("datetime-min", dt.datetime.min, "", "timestamp without time zone",
     "0001-01-01 00:00:00", dt.datetime.min),
    ("datetime-max", dt.datetime.max, "", "timestamp without time zone",
     "9999-12-31 23:59:59.999999", dt.datetime.max),
    ("datetime-utc", dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC), "",
     "timestamp with time zone", "2024-01-02 03:04:05+00",
     dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)),
    ("datetime-offset", dt.datetime(2024, 1, 2, 3, 4, 5,
                                    tzinfo=tz(hours=-8)), "",
     "timestamp with time zone", "2024-01-02 11:04:05+00",
     dt.datetime(2024, 1, 2, 11, 4, 5, tzinfo=UTC)),
    ("datetime-offset-seconds",
     dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=tz(hours=1, seconds=15)), "",
     "timestamp with time zone", "2024-01-02 02:03:50+00",
     dt.datetime(2024, 1, 2, 2, 3, 50, tzinfo=UTC)),
    ("timedelta-zero", dt.timedelta(0), "", "interval", "00:00:00",
     dt.timedelta(0)),
    ("timedelta", dt.timedelta(days=1, seconds=2, microseconds=3), "",
     "interval", "1 day 00:00:02.000003",
     dt.timedelta(days=1, seconds=2, microseconds=3)),
    ("timedelta-neg-us", dt.timedelta(microseconds=-1), "", "interval",
     "-1 days +23:59:59.999999", dt.timedelta(microseconds=-1)),
    ("timedelta-neg", dt.timedelta(days=-1000, microseconds=1), "",
     "interval", "-1000 days +00:00:00.000001",
     dt.timedelta(days=-1000, microseconds=1)),
    ("timedelta-max", dt.timedelta.max, "", "interval",
     "999999999 days 23:59:59.999999", dt.timedelta.max),
    ("timedelta-min", dt.timedelta.min, "", "interval",
     "-999999999 days", dt.timedelta.min),
    ("list-int", [1, 2, 3], "", "integer[]", "{1,2,3}", [1, 2, 3]),
    ("list-2d", [[1, 2], [3, 4]], "", "integer[]", "{{1,2},{3,4}}",
     [[1, 2], [3, 4]]),
    ("list-none", [None, 1], "", "integer[]", "{NULL,1}", [None, 1]),
    ("list-big", [2**40, -1], "", "bigint[]", "{1099511627776,-1}",
     [2**40, -1]),
    ("list-empty", [], "::int[]", "integer[]", "{}", []),
    ("list-empty-text", [], "::text[]", "text[]", "{}", []),
    ("list-bool", [True, False, None], "", "boolean[]", "{t,f,NULL}",
     [True, False, None]),
    ("list-float", [1.5, 0.25], "::float8[]", "double precision[]",
     "{1.5,0.25}", [1.5, 0.25]),
    ("list-decimal", [D("1.50"), None], "", "numeric[]", "{1.50,NULL}",
     [D("1.50"), None]),
    ("list-str", ["a,b", 'c"d', "e\\f", "", "NULL", None, "{}", " x ",
                  "\u00e9"], "", "text[]",
     '{"a,b","c\\"d","e\\\\f","","NULL",NULL,"{}"," x ",\u00e9}',
     ["a,b", 'c"d', "e\\f", "", "NULL", None, "{}", " x ", "\u00e9"]),
    ("list-str-2d", [["a", "b"], ["c", None]], "", "text[]",
     "{{a,b},{c,NULL}}", [["a", "b"], ["c", None]]),
    ("list-date", [dt.date(2024, 1, 1), None], "", "date[]",
     "{2024-01-01,NULL}", [dt.date(2024, 1, 1), None]),
    ("list-datetimetz", [dt.datetime(2024, 1, 1, tzinfo=UTC)], "",
     "timestamp with time zone[]", '{"2024-01-01 00:00:00+00"}',
     [dt.datetime(2024, 1, 1, tzinfo=UTC)]),
    ("list-interval", [dt.timedelta(hours=1)], "", "interval[]",
     '{01:00:00}', [dt.timedelta(hours=1)]),
    ("list-bytes", [b"\x00", b""], "", "bytea[]",
     '{"\\\\x00","\\\\x"}', [b"\x00", b""]),
]


@pytest.mark.parametrize(
    "value, cast, pg_type, text, back", [c[1:] for c in CASES],
    ids=[c[0] for c in CASES])
def test_round_trip(rcur, value, cast, pg_type, text, back):
    rcur.execute(
        "select %s{0}, pg_typeof(%s{0})::text, (%s{0})::text".format(cast),
        (value, value, value))
    got, server_type, server_text = rcur.fetchone()
    assert server_type == pg_type
    assert server_text == text
    if isinstance(back, list) and back and isinstance(back[0], bytes):
        assert [bytes(b) for b in got] == back
    else:
        check_back(got, back)


@pytest.mark.parametrize("value", [
    (1, 2, 3), ("a", "b'c", "\u00e9"), (dt.date(2024, 1, 1),), (None, 1)])
def test_tuple_in(rcur, value):
    rcur.execute(
        "select count(*) from unnest(%s) x where x in %s",
        ([v for v in value], value))
    assert rcur.fetchone()[0] == len([v for v in value if v is not None])


@pytest.mark.parametrize("zone", ["UTC", "Asia/Kolkata", "America/St_Johns"])
def test_aware_datetime_round_trip_any_session_zone(make_conn, zone):
    cnn = make_conn()
    cur = cnn.cursor()
    cur.execute("set timezone to %s", (zone,))
    value = dt.datetime(2024, 6, 30, 23, 59, 59, 999999, tzinfo=tz(hours=9))
    cur.execute("select %s, %s = '2024-06-30 14:59:59.999999+00'"
                "::timestamptz", (value, value))
    got, same = cur.fetchone()
    assert same is True
    assert got == value
    cur.execute("select extract(timezone from %s)::int", (value,))
    assert dt.timedelta(seconds=cur.fetchone()[0]) == got.utcoffset()


def test_executemany_round_trip(make_conn):
    cnn = make_conn()
    cur = cnn.cursor()
    cur.execute("create temp table rt (i int, t text, b bytea, d date,"
                " n numeric, a int[])")
    rows = [(i, "r%d'\\" % i, bytes([i]), dt.date(2024, 1, i + 1),
             D(i) / 4, [i, None]) for i in range(20)]
    cur.executemany("insert into rt values (%s, %s, %s, %s, %s, %s)", rows)
    assert cur.rowcount == 20
    cur.execute("select * from rt order by i")
    got = [(r[0], r[1], bytes(r[2]), r[3], r[4], r[5])
           for r in cur.fetchall()]
    assert got == rows


# ---------------------------------------------------------------------------
# volume (kept fast)
# ---------------------------------------------------------------------------

def test_large_int_array(rcur):
    value = list(range(-5000, 5000))
    rcur.execute("select %s, cardinality(%s), (%s)[1], (%s)[10000]",
                 (value, value, value, value))
    got, n, first, last = rcur.fetchone()
    assert got == value
    assert (n, first, last) == (10000, -5000, 4999)


def test_large_text_array(rcur):
    value = ["s%d,\"{}\\" % i if i % 7 else None for i in range(10000)]
    rcur.execute("select %s", (value,))
    assert rcur.fetchone()[0] == value


@pytest.mark.parametrize("output", ["hex", "escape"])
def test_one_megabyte_bytea(make_conn, output):
    cnn = make_conn()
    cur = cnn.cursor()
    cur.execute("set bytea_output to %s", (output,))
    value = ALL * 4096
    assert len(value) == 1 << 20
    cur.execute("select %s, length(%s), md5(%s)", (value, value, value))
    got, length, digest = cur.fetchone()
    assert type(got) is memoryview
    assert bytes(got) == value
    assert length == 1 << 20
    assert digest == hashlib.md5(value).hexdigest()


def test_ten_thousand_mixed_rows(rcur):
    rcur.execute("""
        select i, i::int8 * 1000000000, i / 4.0, (i / 8.0)::float8,
               'row ' || i, i % 2 = 0, date '2000-01-01' + i,
               timestamptz '2000-01-01 00:00+00' + i * interval '1 minute',
               case when i % 10 = 0 then null else i end,
               array[i, -i], decode(lpad(to_hex(i % 256), 2, '0'), 'hex')
        from generate_series(0, 9999) i order by 1""")
    rows = rcur.fetchall()
    assert len(rows) == 10000
    for i in (0, 1, 4321, 9999):
        r = rows[i]
        assert r[:8] == (
            i, i * 1000000000, D(i) / D("4.0"), i / 8.0, "row %d" % i,
            i % 2 == 0, dt.date(2000, 1, 1) + dt.timedelta(days=i),
            dt.datetime(2000, 1, 1, tzinfo=UTC) + dt.timedelta(minutes=i))
        assert r[8] == (None if i % 10 == 0 else i)
        assert r[9] == [i, -i]
        assert bytes(r[10]) == bytes([i % 256])
    assert sum(r[0] for r in rows) == 49995000
    assert sum(1 for r in rows if r[8] is None) == 1000
    assert all(type(r[2]) is D and type(r[3]) is float for r in rows)
