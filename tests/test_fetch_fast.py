"""The fast fetch path: direct C conversions of the built-in types, rows
built column by column, the collector paused while a big result is built.

Every conversion must give exactly what psycopg2 gives: the values are
checked against an independent reading of the server's text (float(),
int(), json.loads(), the server's own epoch and offset), and the odd inputs
that only the lenient slow parsers see still reach them.  Runs unchanged
on psycopg2 2.9 (the reference), except where a test says otherwise.
"""

import datetime as dt
import gc
import importlib.util
import json
import math
import random
import struct
from decimal import Decimal

import pytest

import psycopg2
import psycopg2.extensions as ext

# True on this project's driver, False on the reference psycopg2.
IS_OURS = importlib.util.find_spec("psycopg2.cluster") is not None
only_ours = pytest.mark.skipif(
    not IS_OURS, reason="deliberate difference from psycopg2 2.9 (see comment)")


@pytest.fixture(scope="module")
def mconn(dsn):
    cnn = psycopg2.connect(dsn)
    cnn.autocommit = True
    yield cnn
    cnn.close()


@pytest.fixture
def mcur(mconn):
    cur = mconn.cursor()
    yield cur
    cur.close()


def caster(oid):
    return ext.string_types[oid]


def bits(x):
    return struct.pack("<d", x)


# ---------------------------------------------------------------- float8


def random_float_texts(n, seed=1):
    rnd = random.Random(seed)
    out = []
    while len(out) < n:
        x = struct.unpack("<d", struct.pack("<Q", rnd.getrandbits(64)))[0]
        if math.isnan(x) or math.isinf(x):
            continue
        out += [repr(x), "%.17g" % x, "%.15g" % x]
        m, e = rnd.randrange(1, 10 ** rnd.randint(1, 19)), rnd.randint(-30, 30)
        out += ["%de%d" % (m, e), "%d.5" % m, repr(rnd.uniform(-1e6, 1e6) / 7)]
    return out


def test_float8_from_server_is_float_of_its_text(mcur):
    texts = random_float_texts(3000) + [
        "0", "-0", "1e308", "-1.7976931348623157e308", "5e-324",
        "2.2250738585072014e-308", "9007199254740993", "0.1", "123456789.125",
        "NaN", "Infinity", "-Infinity"]
    mcur.execute("select x::float8, x::float8::text from unnest(%s::text[]) x",
                 (texts,))
    for got, text in mcur.fetchall():
        assert type(got) is float
        expected = float(text)
        if math.isnan(expected):
            assert math.isnan(got)
        else:
            assert bits(got) == bits(expected), text


def test_float4_is_float_of_its_text(mcur):
    mcur.execute("select x::float4, x::float4::text from unnest(%s::text[]) x",
                 (["1.1", "3.4028235e38", "-1e-45", "0.333333343", "7", "-0"],))
    for got, text in mcur.fetchall():
        assert bits(got) == bits(float(text))


@pytest.mark.parametrize("text", [
    "1.5", "-0.0", ".5", "5.", "1e5", "1E+05", "+1.5", " 1.5", "1.5 ", "1_0",
    "9" * 19, "9" * 20 + ".5", "0." + "0" * 30 + "1", "1e-400", "1e400",
    "18446744073709551617", "2.5000000000000000001", "nan", "inf", "-infinity"])
def test_float_caster_is_float(text):
    got = caster(701)(text, None)
    expected = float(text)
    assert bits(got) == bits(expected) or (math.isnan(got) and math.isnan(expected))


@pytest.mark.parametrize("text", ["", ".", "-", "1e", "1e+", "1.2.3", "0x10", "abc"])
def test_float_caster_errors_like_float(text):
    with pytest.raises(ValueError) as got:
        caster(701)(text, None)
    with pytest.raises(ValueError) as expected:
        float(text)
    assert str(got.value) == str(expected.value)


# ---------------------------------------------------------------- integers


def test_integers_from_server(mcur):
    rnd = random.Random(2)
    values = [0, 1, -1, 2**15 - 1, -2**15, 2**31 - 1, -2**31, 2**63 - 1, -2**63,
              10**7, 10**8, 10**8 - 1, 12345678, 123456789, 10**16, 10**17 + 3]
    values += [rnd.randrange(-10**n, 10**n) for n in range(1, 19) for _ in range(20)]
    mcur.execute("select x, x::text from unnest(%s::int8[]) x", (values,))
    rows = mcur.fetchall()
    assert [int(t) for _, t in rows] == values
    assert [v for v, _ in rows] == values
    assert all(type(v) is int for v, _ in rows)
    mcur.execute("select 32767::int2, (-2147483648)::int4, 4294967295::oid")
    assert mcur.fetchone() == (32767, -2147483648, 4294967295)


@pytest.mark.parametrize("text", ["0", "-0", "+7", "12345678", "-123456789012345678",
                                  "1234567/", "/1234567", "12345678:", "1 2", ""])
def test_integer_caster_is_int(text):
    try:
        expected = int(text)
    except ValueError:
        with pytest.raises(ValueError):
            caster(23)(text, None)
    else:
        assert caster(23)(text, None) == expected


# ---------------------------------------------------------------- date/time


@pytest.mark.parametrize("zone", ["UTC", "Asia/Kolkata", "America/St_Johns",
                                  "Europe/Amsterdam", "Pacific/Chatham"])
def test_timestamptz_instant_and_offset(conn, zone):
    cur = conn.cursor()
    cur.execute("set timezone to %s", (zone,))
    cur.execute("""
        select t, extract(epoch from t)::numeric, extract(timezone from t)::int
        from unnest(array['1900-01-01 00:00:00+00', '1937-06-30 12:00:00+00',
                          '2024-03-31 01:59:59.999999+00', '2024-07-01 10:00:00.5+00',
                          '0001-01-02 00:00:00+00', '9999-12-30 00:00:00.000001+00',
                          '2000-02-29 23:00:00.12+00']::timestamptz[]) t""")
    for got, epoch, offset in cur.fetchall():
        assert got.utcoffset() == dt.timedelta(seconds=offset)
        delta = got - dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
        assert Decimal(delta // dt.timedelta(microseconds=1)) == epoch * 1000000


def test_timestamp_date_time_values(mcur):
    mcur.execute("""select '2024-01-31 12:30:05.25'::timestamp,
        '2024-01-31 12:30:05.000001'::timestamp, '2024-01-31'::date,
        '0001-01-01'::date, '9999-12-31'::date, '12:30:05.123'::time,
        '24:00:00'::time, '12:30:05+05:30'::timetz, '00:00:00.5-03:30:15'::timetz""")
    assert mcur.fetchone() == (
        dt.datetime(2024, 1, 31, 12, 30, 5, 250000),
        dt.datetime(2024, 1, 31, 12, 30, 5, 1),
        dt.date(2024, 1, 31), dt.date(1, 1, 1), dt.date(9999, 12, 31),
        dt.time(12, 30, 5, 123000), dt.time(0, 0),
        dt.time(12, 30, 5, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30))),
        dt.time(0, 0, 0, 500000, tzinfo=dt.timezone(
            -dt.timedelta(hours=3, minutes=30, seconds=15))))


def test_timestamptz_tzinfo_objects(conn):
    cur = conn.cursor()
    cur.execute("set timezone to 'Asia/Kolkata'")
    cur.execute("select now() + i * interval '1 day' from generate_series(1, 300) i")
    rows = cur.fetchall()
    assert {r[0].tzinfo for r in rows} == {
        dt.timezone(dt.timedelta(hours=5, minutes=30))}


def test_tzinfo_factory_is_used(conn):
    seen = []

    def factory(offset):
        seen.append(offset)
        return dt.timezone(offset, "mine")

    cur = conn.cursor()
    cur.tzinfo_factory = factory
    cur.execute("select '2024-01-01 10:00:00+02'::timestamptz "
                "from generate_series(1, 300)")
    rows = cur.fetchall()
    assert rows[0][0].tzinfo.tzname(None) == "mine"
    assert len(seen) == 300


@pytest.mark.parametrize("value, error", [
    ("'10000-01-01'::date", ValueError),
    ("'0044-03-15 BC'::date", ValueError),
    ("'10000-01-01 00:00:00'::timestamp", ValueError),
])
def test_dates_beyond_python_raise(mcur, value, error):
    mcur.execute("select " + value)
    with pytest.raises(error):
        mcur.fetchone()


def test_datetime_infinity(mcur):
    mcur.execute("select 'infinity'::date, '-infinity'::timestamp")
    assert mcur.fetchone() == (dt.date.max, dt.datetime.min)


@pytest.mark.parametrize("text, us", [
    ("00:00:01.5", 1500000), ("00:00:01.1234567", 1123457),
    ("00:00:01.1234564", 1123456), ("00:00:00.5139075", 513907),   # in double
    ("00:00:00.0000025", 3), ("00:00:01.9999995", 2000000),
    ("00:00:01.1234567890", 2234568),     # scaled as if 9 digits, as psycopg2
    ("-00:00:01.1234567", -1123457), ("1 day 00:00:00.00000001", 86400000000),
])
def test_interval_fractions(text, us):
    assert caster(1186)(text, None) == dt.timedelta(microseconds=us)


def test_interval_fraction_too_long():
    with pytest.raises(OverflowError):
        caster(1186)("00:00:01.2147483648", None)


# ---------------------------------------------------------------- bytea, json


@pytest.mark.parametrize("output", ["hex", "escape"])
def test_bytea(conn, output):
    cur = conn.cursor()
    cur.execute("set bytea_output to " + output)
    data = [b"", b"\x00", bytes(range(256)), b"\\'x", b"\xff" * 100001]
    cur.execute("select x from unnest(%s::bytea[]) x", (list(map(psycopg2.Binary, data)),))
    got = [r[0] for r in cur.fetchall()]
    assert all(type(v) is memoryview for v in got)
    assert [bytes(v) for v in got] == data


@pytest.mark.parametrize("text, expected", [
    ("\\x0a1B", b"\n\x1b"),
    ("\\x0g1", b"\x01"),       # lenient: non-digits skipped
    ("\\x123", b"\x12"),       # and an odd last digit dropped
    ("a\\\\b\\001\\", b"a\\b\x01\x00"),
])
def test_bytea_caster_odd_input(text, expected):
    assert bytes(caster(17)(text, None)) == expected


DOCS = ['{}', '[]', '  {"a": [1, 2.5, "x", null, true, false]} ', '"\\u00e9\\n"',
        '123456789012345678901234567890', '-1.5e300', '{"a": 1, "a": 2}',
        '[[[[[[[[[[1]]]]]]]]]]', '{"k": {"nested": ["\\ud83d\\ude00"]}}']


@pytest.mark.parametrize("typ", ["json", "jsonb"])
def test_json_is_json_loads_of_its_text(mcur, typ):
    mcur.execute("select x::%s, x::%s::text from unnest(%%s::text[]) x" % (typ, typ),
                 (DOCS,))
    for got, text in mcur.fetchall():
        assert got == json.loads(text)
        assert type(got) is type(json.loads(text))


@pytest.mark.parametrize("text", ["", " ", "{", "[1,]", '{"a": 1} x', "nul",
                                  "\ufeff{}", "NaN x"])
def test_json_caster_errors_like_json_loads(text):
    with pytest.raises(ValueError) as got:
        caster(3802)(text, None)
    with pytest.raises(ValueError) as expected:
        json.loads(text)
    assert type(got.value) is type(expected.value)
    assert str(got.value) == str(expected.value)


def test_json_accepts_what_json_loads_accepts():
    for text in ["NaN", " -Infinity\n", "\t[1]\r\n", "1e999"]:
        got, expected = caster(3802)(text, None), json.loads(text)
        assert got == expected or (math.isnan(got) and math.isnan(expected))


# ---------------------------------------------------------------- arrays


def test_arrays_of_fast_types(mcur):
    mcur.execute("""select '{1.5,NULL,-0,1e300}'::float8[], '{12345678901234,-5}'::int8[],
        '{"2024-01-01 10:00:00+02",NULL}'::timestamptz[], '{2024-02-29}'::date[],
        '{"\\\\x0102",NULL}'::bytea[], array['{"a": [1]}'::jsonb, null]""")
    floats, ints, stamps, dates, byteas, docs = mcur.fetchone()
    assert [bits(f) for f in floats if f is not None] == [
        bits(1.5), bits(-0.0), bits(1e300)]
    assert floats[1] is None
    assert ints == [12345678901234, -5]
    assert stamps == [dt.datetime(2024, 1, 1, 8, tzinfo=dt.timezone.utc), None]
    assert dates == [dt.date(2024, 2, 29)]
    assert bytes(byteas[0]) == b"\x01\x02" and byteas[1] is None
    assert docs == [{"a": [1]}, None]


# ---------------------------------------------------------------- rows


def test_python_caster_gets_none_for_null(mcur):
    calls = []

    def cast(value, cur):
        calls.append(value)
        return value

    ext.register_type(ext.new_type((23,), "MYINT", cast), mcur)
    mcur.execute("select x from (values (1), (null)) v(x)")
    assert mcur.fetchall() == [("1",), (None,)]
    assert calls == ["1", None]


@pytest.mark.parametrize("method", ["fetchone", "fetchmany", "fetchall", "iter"])
def test_failing_row_is_consumed(mcur, method):
    # as psycopg2: the row whose conversion raised is skipped afterwards
    def cast(value, cur):
        if value == "3":
            raise ZeroDivisionError("no")
        return value

    ext.register_type(ext.new_type((23,), "FAILS", cast), mcur)
    mcur.execute("select x from (values (1), (2), (3), (4), (5)) v(x)")
    fetch = {"fetchone": mcur.fetchone, "fetchmany": lambda: mcur.fetchmany(2),
             "fetchall": mcur.fetchall, "iter": lambda: next(mcur)}[method]
    got = []
    for _ in range(6):
        try:
            got.append(fetch())
        except ZeroDivisionError:
            got.append("error")
        except StopIteration:
            got.append("stop")
    assert "error" in got
    assert mcur.rownumber == 5
    assert ("3",) not in got and [("3",)] not in got


@only_ours
@pytest.mark.parametrize("method", ["fetchone", "fetchall"])
def test_caster_running_a_query_on_the_cursor(mcur, method):
    # Deliberate difference: psycopg2 goes on reading the new result with
    # the old one's shape (rows of None, or a crash); here the fetch stops
    # with ProgrammingError and the cursor holds the new result.
    def cast(value, cur):
        if value == "3":
            cur.execute("select 'new', 'result', 'here'")
        return value

    ext.register_type(ext.new_type((23,), "REQUERY", cast), mcur)
    mcur.execute("select x, x from generate_series(1, 6) x")
    fetch = mcur.fetchall if method == "fetchall" else mcur.fetchone
    with pytest.raises(psycopg2.ProgrammingError):
        for _ in range(6):
            fetch()
    assert mcur.fetchall() == [("new", "result", "here")]


def test_caster_reading_the_description(mcur):
    names = []

    def cast(value, cur):
        names.append(cur.description[0].name)
        return value

    ext.register_type(ext.new_type((23,), "DESC", cast), mcur)
    mcur.execute("select x as num from generate_series(1, 3) x")
    assert mcur.fetchone() == ("1",)
    assert mcur.fetchall() == [("2",), ("3",)]
    assert names == ["num"] * 3
    assert mcur.description[0].name == "num"


def test_fetchmany_sizes(mcur):
    mcur.execute("select generate_series(1, 5)")
    assert mcur.fetchmany(0) == []
    assert mcur.fetchmany(2) == [(1,), (2,)]
    assert mcur.fetchmany(10) == [(3,), (4,), (5,)]
    assert mcur.fetchmany(2) == []
    mcur.execute("select generate_series(1, 3)")
    assert mcur.fetchmany(-1) == [(1,), (2,), (3,)]
    assert mcur.rownumber == 3


def test_row_factory_rows(dsn):
    import psycopg2.extras
    cnn = psycopg2.connect(dsn, cursor_factory=psycopg2.extras.DictCursor)
    try:
        cur = cnn.cursor()
        cur.execute("select i, i::float8 / 2 as h from generate_series(1, 1000) i")
        rows = cur.fetchall()
        assert rows[-1]["i"] == 1000 and rows[-1]["h"] == 500.0
    finally:
        cnn.close()


# ---------------------------------------------------------------- garbage collector


BIG = "select i, i::float8, 'x' || i, now(), '{\"a\": [1]}'::jsonb, '\\x01'::bytea " \
      "from generate_series(1, 2000) i"


def test_collector_state_is_kept(mcur):
    assert gc.isenabled()
    mcur.execute(BIG)
    assert len(mcur.fetchall()) == 2000
    assert gc.isenabled()
    gc.disable()
    try:
        mcur.execute(BIG)
        mcur.fetchall()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_python_code_in_the_loop_sees_the_collector_running(mcur):
    seen = set()

    def cast(value, cur):
        seen.add(gc.isenabled())
        return value

    ext.register_type(ext.new_type((25,), "SEEGC", cast), mcur)
    mcur.execute(BIG)
    mcur.fetchall()
    assert seen == {True}


def test_cycles_are_still_collected_after_a_fetch(mcur):
    mcur.execute(BIG)
    rows = mcur.fetchall()

    class Node:
        pass

    a, b = Node(), Node()
    a.other, b.other = b, a
    del a, b
    assert gc.collect() > 0
    # rows holding containers stay tracked; rows of plain values need not be
    assert gc.is_tracked(rows[0])
    mcur.execute("select i, 'x' from generate_series(1, 1000) i")
    plain = mcur.fetchall()
    gc.collect()
    assert not gc.is_tracked(plain[0])


# ---------------------------------------------------------------- leaks


@pytest.mark.slow
def test_no_leak_fetching_every_type(mcur, assert_no_leak):
    def once():
        mcur.execute(BIG.replace("2000", "20"))
        mcur.fetchall()
        mcur.execute("select '{1,2}'::int8[], 1.5::numeric, '10:00'::time, null::int")
        mcur.fetchone()
    assert_no_leak(once, n=2000, warmup=200, limit_kb=1024)


@pytest.mark.slow
def test_no_leak_on_conversion_errors(mcur, assert_no_leak):
    def once():
        mcur.execute("select '10000-01-01'::date from generate_series(1, 300)")
        with pytest.raises(ValueError):
            mcur.fetchall()
    assert_no_leak(once, n=1000, warmup=100, limit_kb=1024)
