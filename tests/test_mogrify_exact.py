"""mogrify() output, byte for byte as psycopg2 2.9 produces it, for every
adapter, with standard_conforming_strings on and off.

EXPECTED was recorded by running psycopg2-binary 2.9 on the VALUES below
(one "%s" parameter each); a pair means (scc on, scc off), an (exception
name, message) pair means mogrify raises. The whole file passes on
psycopg2 itself (run it with the reference interpreter).
"""

import datetime as dt
import enum
import importlib.util
import ipaddress
import uuid
from decimal import Decimal as D

import pytest

import psycopg2
import psycopg2.extensions as ext
import psycopg2.extras as extras
from psycopg2 import sql
from psycopg2.tz import FixedOffsetTimezone

IS_OURS = importlib.util.find_spec("psycopg2.cluster") is not None


def tz(**kw):
    return dt.timezone(dt.timedelta(**kw))


class Conforming:
    def __conform__(self, proto):
        return ext.AsIs("conformed") if proto is ext.ISQLQuote else None


class MyInt(int):
    pass


class MyFloat(float):
    pass


class MyStr(str):
    pass


class MyBytes(bytes):
    pass


class MyList(list):
    pass


class MyTuple(tuple):
    pass


class MyDecimal(D):
    pass


class MyDate(dt.date):
    pass


class MyDatetime(dt.datetime):
    pass


class Color(enum.IntEnum):
    RED = 1


class Letter(str, enum.Enum):
    A = "a'"


class Flag(enum.Enum):
    ON = 1


# (id, value): each value is mogrified as the only parameter of "%s"
VALUES = [
    ("none", None),
    ("true", True),
    ("false", False),
    ("int-0", 0),
    ("int-neg", -1),
    ("int-max64", 2**63 - 1),
    ("int-2^63", 2**63),
    ("int-min64", -2**63),
    ("int-huge", 10**40),
    ("int-huge-neg", -10**40),
    ("float", 1.5),
    ("float-neg", -1.5),
    ("float-nan", float("nan")),
    ("float-inf", float("inf")),
    ("float-ninf", float("-inf")),
    ("float-negzero", -0.0),
    ("float-zero", 0.0),
    ("float-big", 1e100),
    ("float-tiny", 1e-100),
    ("float-tenth", 0.1),
    ("float-third", 1 / 3),
    ("float-int-valued", 123456789012345678.0),
    ("float-max", 1.7976931348623157e308),
    ("float-min-sub", 5e-324),
    ("decimal", D("1.10")),
    ("decimal-neg", D("-1.10")),
    ("decimal-nan", D("NaN")),
    ("decimal-nnan", D("-NaN")),
    ("decimal-snan", D("sNaN")),
    ("decimal-inf", D("Infinity")),
    ("decimal-ninf", D("-Infinity")),
    ("decimal-exp", D("1E+10")),
    ("decimal-negexp", D("1E-10")),
    ("decimal-negzero", D("-0")),
    ("decimal-zero-exp", D("0E-5")),
    ("decimal-long", D("12345678901234567890.123456789")),
    ("str", "hello"),
    ("str-empty", ""),
    ("str-quote", "it's"),
    ("str-backslash", "back\\slash"),
    ("str-both", "'\\'"),
    ("str-controls", "line\nnew\ttab\r\x01"),
    ("str-unicode", "\u00e9\u20ac\U0001f600"),
    ("bytes", b"abc"),
    ("bytes-empty", b""),
    ("bytes-all", bytes(range(256))),
    ("bytes-quote-bs", b"\x00'\\"),
    ("bytearray", bytearray(b"\x00\x01")),
    ("memoryview", memoryview(b"\x00\x01")),
    ("Binary", psycopg2.Binary(b"\x00'")),
    ("Binary-str", psycopg2.Binary("ab")),
    ("date", dt.date(2020, 1, 2)),
    ("date-min", dt.date.min),
    ("date-max", dt.date.max),
    ("time", dt.time(1, 2, 3)),
    ("time-us", dt.time(1, 2, 3, 4)),
    ("time-utc", dt.time(1, 2, 3, tzinfo=dt.timezone.utc)),
    ("time-tz-neg", dt.time(1, 2, 3, 500, tzinfo=tz(hours=-5, minutes=-30))),
    ("time-max", dt.time.max),
    ("time-min", dt.time.min),
    ("datetime", dt.datetime(2020, 1, 2, 3, 4, 5)),
    ("datetime-us", dt.datetime(2020, 1, 2, 3, 4, 5, 6)),
    ("datetime-utc", dt.datetime(2020, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)),
    ("datetime-tz-sec", dt.datetime(2020, 1, 2, 3, 4, 5,
                                    tzinfo=tz(hours=5, minutes=30, seconds=15))),
    ("datetime-tz-neg-sec", dt.datetime(2020, 1, 2, 3, 4, 5,
                                        tzinfo=tz(seconds=-1))),
    ("datetime-fixed-offset", dt.datetime(2020, 1, 2,
                                          tzinfo=FixedOffsetTimezone(60))),
    ("datetime-min", dt.datetime.min),
    ("datetime-max", dt.datetime.max),
    ("datetime-min-utc", dt.datetime(1, 1, 1, tzinfo=dt.timezone.utc)),
    ("datetime-max-utc", dt.datetime.max.replace(tzinfo=dt.timezone.utc)),
    ("timedelta-zero", dt.timedelta(0)),
    ("timedelta", dt.timedelta(days=1, seconds=2, microseconds=3)),
    ("timedelta-neg-days", dt.timedelta(days=-1, seconds=2, microseconds=3)),
    ("timedelta-neg-us", dt.timedelta(microseconds=-1)),
    ("timedelta-max", dt.timedelta.max),
    ("timedelta-min", dt.timedelta.min),
    ("list-empty", []),
    ("list", [1, 2, 3]),
    ("list-none", [1, None, 3]),
    ("list-only-none", [None]),
    ("list-nested", [[1, 2], [3, 4]]),
    ("list-nested-empty", [[], []]),
    ("list-nested-ragged", [[1], []]),
    ("list-nested-none", [[None]]),
    ("list-mixed-depth", [1, [2]]),
    ("list-mixed-depth2", [[1], 2]),
    ("list-str", ["a", "b'c", "d\\e"]),
    ("list-bytes", [b"a"]),
    ("list-date", [dt.date(2020, 1, 1)]),
    ("list-float", [1.5, float("nan"), float("-inf")]),
    ("list-decimal", [D("1"), D("NaN")]),
    ("list-bool", [True, False]),
    ("list-uuid-unregistered", [uuid.UUID(int=1)]),
    ("tuple", (1, 2)),
    ("tuple-empty", ()),
    ("tuple-none", (None,)),
    ("tuple-mixed", ("a", 1, None)),
    ("tuple-nested", ((1, 2),)),
    ("tuple-list", ([1, 2],)),
    ("json-dict", extras.Json({"a": 1, "b": "it's"})),
    ("json-list", extras.Json([1, None])),
    ("json-none", extras.Json(None)),
    ("json-unicode", extras.Json("\u20ac")),
    ("json-backslash", extras.Json({"a": "b\\c"})),
    ("json-dumps", extras.Json({"a": dt.date(2020, 1, 1)}, dumps=str)),
    ("uuid-unregistered", uuid.UUID(int=1)),
    ("uuid-adapter", extras.UUID_adapter(uuid.UUID(int=1))),
    ("inet", extras.Inet("1.2.3.4/8")),
    ("inet-list", [extras.Inet("1.2.3.4/8")]),
    ("ipaddress-unregistered", ipaddress.ip_address("1.2.3.4")),
    ("numrange", extras.NumericRange(1, 5)),
    ("numrange-closed", extras.NumericRange(1, 5, "[]")),
    ("numrange-unbounded", extras.NumericRange(None, 5)),
    ("numrange-empty", extras.NumericRange(empty=True)),
    ("numrange-infinite", extras.NumericRange()),
    ("numrange-decimal", extras.NumericRange(D("1.5"), 2.5)),
    ("daterange", extras.DateRange(dt.date(2020, 1, 1), dt.date(2020, 2, 1))),
    ("tsrange", extras.DateTimeRange(dt.datetime(2020, 1, 1), None)),
    ("tstzrange", extras.DateTimeTZRange(
        dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc), None, "(]")),
    ("range-list", [extras.NumericRange(1, 5)]),
    ("range-base", extras.Range(1, 5)),
    ("asis-str", ext.AsIs("foo")),
    ("asis-none", ext.AsIs(None)),
    ("asis-int", ext.AsIs(42)),
    ("asis-bytes", ext.AsIs(b"raw")),
    ("quotedstring", ext.QuotedString("it's")),
    ("Boolean", ext.Boolean(True)),
    ("Float", ext.Float(1.5)),
    ("Float-nan", ext.Float(float("nan"))),
    ("Int", ext.Int(5)),
    ("Int-neg", ext.Int(-5)),
    ("sql-SQL", sql.SQL("x")),
    ("sql-Literal", sql.Literal("x'")),
    ("sql-Identifier", sql.Identifier("x", "y\"z")),
    ("sql-Composed", sql.SQL("{} + {}").format(sql.Literal(1), sql.Identifier("a"))),
    ("sql-Placeholder", sql.Placeholder("x")),
    ("conform", Conforming()),
    ("sub-int", MyInt(5)),
    ("sub-float", MyFloat(5.5)),
    ("sub-str", MyStr("x'")),
    ("sub-bytes", MyBytes(b"x")),
    ("sub-list", MyList([1])),
    ("sub-tuple", MyTuple((1,))),
    ("sub-decimal", MyDecimal("1.5")),
    ("sub-date", MyDate(2020, 1, 1)),
    ("sub-datetime", MyDatetime(2020, 1, 1)),
    ("intenum", Color.RED),
    ("strenum", Letter.A),
]


EXPECTED = {'Binary': b"'\\x0027'::bytea",
            'Binary-str': ('TypeError', "can't escape str to binary"),
            'Boolean': b'true',
            'Float': b'1.5',
            'Float-nan': b"'NaN'::float",
            'Int': b'5',
            'Int-neg': b' -5',
            'asis-bytes': b"b'raw'",
            'asis-int': b'42',
            'asis-none': b'NULL',
            'asis-str': b'foo',
            'bytearray': (b"'\\x0001'::bytea", b"'\\\\x0001'::bytea"),
            'bytes': (b"'\\x616263'::bytea", b"'\\\\x616263'::bytea"),
            'bytes-all': (b"'\\x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f2"
                          b'02122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f40414'
                          b'2434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636'
                          b'465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f8081828384858'
                          b'68788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a'
                          b'8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9c'
                          b'acbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaebe'
                          b"cedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff'::bytea",
                          b"'\\\\x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f"
                          b'202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f4041'
                          b'42434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f60616263'
                          b'6465666768696a6b6c6d6e6f707172737475767778797a7b7c7d7e7f808182838485'
                          b'868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7'
                          b'a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9'
                          b'cacbcccdcecfd0d1d2d3d4d5d6d7d8d9dadbdcdddedfe0e1e2e3e4e5e6e7e8e9eaeb'
                          b"ecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff'::bytea"),
            'bytes-empty': (b"'\\x'::bytea", b"'\\\\x'::bytea"),
            'bytes-quote-bs': (b"'\\x00275c'::bytea", b"'\\\\x00275c'::bytea"),
            'conform': b'conformed',
            'date': b"'2020-01-02'::date",
            'date-max': b"'9999-12-31'::date",
            'date-min': b"'0001-01-01'::date",
            'daterange': b"daterange('2020-01-01'::date, '2020-02-01'::date, '[)')",
            'datetime': b"'2020-01-02T03:04:05'::timestamp",
            'datetime-fixed-offset': b"'2020-01-02T00:00:00+01:00'::timestamptz",
            'datetime-max': b"'9999-12-31T23:59:59.999999'::timestamp",
            'datetime-max-utc': b"'9999-12-31T23:59:59.999999+00:00'::timestamptz",
            'datetime-min': b"'0001-01-01T00:00:00'::timestamp",
            'datetime-min-utc': b"'0001-01-01T00:00:00+00:00'::timestamptz",
            'datetime-tz-neg-sec': b"'2020-01-02T03:04:05-00:00:01'::timestamptz",
            'datetime-tz-sec': b"'2020-01-02T03:04:05+05:30:15'::timestamptz",
            'datetime-us': b"'2020-01-02T03:04:05.000006'::timestamp",
            'datetime-utc': b"'2020-01-02T03:04:05+00:00'::timestamptz",
            'decimal': b'1.10',
            'decimal-exp': b'1E+10',
            'decimal-inf': b"'NaN'::numeric",
            'decimal-long': b'12345678901234567890.123456789',
            'decimal-nan': b"'NaN'::numeric",
            'decimal-neg': b' -1.10',
            'decimal-negexp': b'1E-10',
            'decimal-negzero': b' -0',
            'decimal-ninf': b"'NaN'::numeric",
            'decimal-nnan': b"'NaN'::numeric",
            'decimal-snan': b"'NaN'::numeric",
            'decimal-zero-exp': b'0.00000',
            'false': b'false',
            'float': b'1.5',
            'float-big': b'1e+100',
            'float-inf': b"'Infinity'::float",
            'float-int-valued': b'1.2345678901234568e+17',
            'float-max': b'1.7976931348623157e+308',
            'float-min-sub': b'5e-324',
            'float-nan': b"'NaN'::float",
            'float-neg': b' -1.5',
            'float-negzero': b' -0.0',
            'float-ninf': b"'-Infinity'::float",
            'float-tenth': b'0.1',
            'float-third': b'0.3333333333333333',
            'float-tiny': b'1e-100',
            'float-zero': b'0.0',
            'inet': b"'1.2.3.4/8'::inet",
            'inet-list': b"ARRAY['1.2.3.4/8'::inet]",
            'int-0': b'0',
            'int-2^63': b'9223372036854775808',
            'int-huge': b'10000000000000000000000000000000000000000',
            'int-huge-neg': b' -10000000000000000000000000000000000000000',
            'int-max64': b'9223372036854775807',
            'int-min64': b' -9223372036854775808',
            'int-neg': b' -1',
            'intenum': b'1',
            'ipaddress-unregistered': ('ProgrammingError', "can't adapt type 'IPv4Address'"),
            'json-backslash': (b'\'{"a": "b\\\\c"}\'', b'\'{"a": "b\\\\\\\\c"}\''),
            'json-dict': b'\'{"a": 1, "b": "it\'\'s"}\'',
            'json-dumps': b"'{''a'': datetime.date(2020, 1, 1)}'",
            'json-list': b"'[1, null]'",
            'json-none': b"'null'",
            'json-unicode': (b'\'"\\u20ac"\'', b'\'"\\\\u20ac"\''),
            'list': b'ARRAY[1,2,3]',
            'list-bool': b'ARRAY[true,false]',
            'list-bytes': (b"ARRAY['\\x61'::bytea]", b"ARRAY['\\\\x61'::bytea]"),
            'list-date': b"ARRAY['2020-01-01'::date]",
            'list-decimal': b"ARRAY[1,'NaN'::numeric]",
            'list-empty': b"'{}'",
            'list-float': b"ARRAY[1.5,'NaN'::float,'-Infinity'::float]",
            'list-mixed-depth': b'ARRAY[1,ARRAY[2]]',
            'list-mixed-depth2': b'ARRAY[ARRAY[1],2]',
            'list-nested': b'ARRAY[ARRAY[1,2],ARRAY[3,4]]',
            'list-nested-empty': b'ARRAY[ARRAY[],ARRAY[]]',
            'list-nested-none': b"'{{NULL}}'",
            'list-nested-ragged': b'ARRAY[ARRAY[1],ARRAY[]]',
            'list-none': b'ARRAY[1,NULL,3]',
            'list-only-none': b"'{NULL}'",
            'list-str': (b"ARRAY['a','b''c','d\\e']", b"ARRAY['a','b''c','d\\\\e']"),
            'list-uuid-unregistered': ('ProgrammingError', "can't adapt type 'UUID'"),
            'memoryview': (b"'\\x0001'::bytea", b"'\\\\x0001'::bytea"),
            'none': b'NULL',
            'numrange': b"'[1,5)'",
            'numrange-closed': b"'[1,5]'",
            'numrange-decimal': b"'[1.5,2.5)'",
            'numrange-empty': b"'empty'",
            'numrange-infinite': b"'[,)'",
            'numrange-unbounded': b"'[,5)'",
            'quotedstring': b"'it''s'",
            'range-base': ('ProgrammingError', "can't adapt type 'Range'"),
            'range-list': b"ARRAY['[1,5)']",
            'sql-Composed': ('ProgrammingError', "can't adapt type 'Composed'"),
            'sql-Identifier': ('ProgrammingError', "can't adapt type 'Identifier'"),
            'sql-Literal': ('ProgrammingError', "can't adapt type 'Literal'"),
            'sql-Placeholder': ('ProgrammingError', "can't adapt type 'Placeholder'"),
            'sql-SQL': ('ProgrammingError', "can't adapt type 'SQL'"),
            'str': b"'hello'",
            'str-backslash': (b"'back\\slash'", b"'back\\\\slash'"),
            'str-both': (b"'''\\'''", b"'''\\\\'''"),
            'str-controls': b"'line\nnew\ttab\r\x01'",
            'str-empty': b"''",
            'str-quote': b"'it''s'",
            'str-unicode': b"'\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80'",
            'strenum': b"'a'''",
            'sub-bytes': (b"'\\x78'::bytea", b"'\\\\x78'::bytea"),
            'sub-date': b"'2020-01-01'::date",
            'sub-datetime': b"'2020-01-01T00:00:00'::timestamp",
            'sub-decimal': b'1.5',
            'sub-float': b'5.5',
            'sub-int': b'5',
            'sub-list': b'ARRAY[1]',
            'sub-str': b"'x'''",
            'sub-tuple': b'(1)',
            'time': b"'01:02:03'::time",
            'time-max': b"'23:59:59.999999'::time",
            'time-min': b"'00:00:00'::time",
            'time-tz-neg': b"'01:02:03.000500-05:30'::timetz",
            'time-us': b"'01:02:03.000004'::time",
            'time-utc': b"'01:02:03+00:00'::timetz",
            'timedelta': b"'1 days 2.000003 seconds'::interval",
            'timedelta-max': b"'999999999 days 86399.999999 seconds'::interval",
            'timedelta-min': b"'-999999999 days 0.000000 seconds'::interval",
            'timedelta-neg-days': b"'-1 days 2.000003 seconds'::interval",
            'timedelta-neg-us': b"'-1 days 86399.999999 seconds'::interval",
            'timedelta-zero': b"'0 days 0.000000 seconds'::interval",
            'true': b'true',
            'tsrange': b"tsrange('2020-01-01T00:00:00'::timestamp, NULL, '[)')",
            'tstzrange': b"tstzrange('2020-01-01T00:00:00+00:00'::timestamptz, NULL, '(]')",
            'tuple': b'(1, 2)',
            'tuple-empty': b'()',
            'tuple-list': b'(ARRAY[1,2])',
            'tuple-mixed': b"('a', 1, NULL)",
            'tuple-nested': b'((1, 2))',
            'tuple-none': b'(NULL)',
            'uuid-adapter': b"'00000000-0000-0000-0000-000000000001'::uuid",
            'uuid-unregistered': ('ProgrammingError', "can't adapt type 'UUID'")}


@pytest.fixture(scope="module")
def mconn(dsn):
    cnn = psycopg2.connect(dsn)
    cnn.autocommit = True
    try:
        yield cnn
    finally:
        cnn.close()


@pytest.fixture(params=["on", "off"], ids=["scc-on", "scc-off"])
def scc(request, mconn):
    """(cursor, standard_conforming_strings value)."""
    cur = mconn.cursor()
    cur.execute(f"set standard_conforming_strings to {request.param}")
    yield cur, request.param
    cur.execute("set standard_conforming_strings to on")


def mogrify_or_error(cur, query, args):
    try:
        return cur.mogrify(query, args)
    except Exception as e:
        return (type(e).__name__, str(e))


def expected_for(key, scc):
    exp = EXPECTED[key]
    if isinstance(exp, tuple) and isinstance(exp[0], bytes):
        return exp[0] if scc == "on" else exp[1]
    return exp


def test_expected_covers_values():
    keys = [k for k, _ in VALUES]
    assert len(keys) == len(set(keys))
    assert set(keys) == set(EXPECTED)


@pytest.mark.parametrize("key, value", VALUES, ids=[k for k, _ in VALUES])
def test_mogrify(scc, key, value):
    cur, setting = scc
    assert mogrify_or_error(cur, "%s", [value]) == expected_for(key, setting)


@pytest.mark.parametrize("key, value", VALUES, ids=[k for k, _ in VALUES])
def test_mogrify_named(scc, key, value):
    """The same literal through a %(name)s placeholder, twice."""
    cur, setting = scc
    exp = expected_for(key, setting)
    got = mogrify_or_error(cur, "%(v)s = %(v)s", {"v": value})
    if isinstance(exp, bytes):
        assert got == exp + b" = " + exp
    else:
        assert got == exp


@pytest.mark.parametrize("key, value", VALUES, ids=[k for k, _ in VALUES])
def test_adapt_getquoted(mconn, key, value):
    """adapt(v) + prepare(conn) + getquoted() gives mogrify's bytes
    (scc on), except for the types mogrify handles itself (None, Composable
    objects)."""
    exp = expected_for(key, "on")
    if key == "none" or key.startswith("sql-") or key == "Binary":
        pytest.skip("not adapted through adapt() by mogrify")
    try:
        a = ext.adapt(value)
        if hasattr(a, "prepare"):
            a.prepare(mconn)
        got = a.getquoted()
    except Exception as e:
        got = (type(e).__name__, str(e))
    assert got == exp


# --- adapters given by the user: __conform__, register_adapter ---------

class ConformsTo:
    def __init__(self, result=None, exc=None):
        self.result, self.exc = result, exc

    def __conform__(self, proto):
        if self.exc:
            raise self.exc
        return self.result


class Quoted:
    def __init__(self, quoted=None, exc=None):
        self.quoted, self.exc = quoted, exc

    def getquoted(self):
        if self.exc:
            raise self.exc
        return self.quoted


class Plain:
    pass


@pytest.mark.parametrize("obj, expected", [
    (ConformsTo(ext.AsIs("conformed")), b"conformed"),
    (ConformsTo(Quoted(b"gq")), b"gq"),
    # psycopg2 encodes a str literal with the connection encoding
    (ConformsTo(Quoted("str\u00e9")), b"str\xc3\xa9"),
    (ConformsTo(None), ("ProgrammingError", "can't adapt type 'ConformsTo'")),
    (ConformsTo(42), ("AttributeError", "'int' object has no attribute 'getquoted'")),
    (ConformsTo(exc=ValueError("boom")), ("ValueError", "boom")),
    (ConformsTo(Quoted(5)), ("ValueError", "only bytes values expected, got int")),
    (ConformsTo(Quoted(exc=KeyError("k"))), ("KeyError", "'k'")),
], ids=["asis", "getquoted-bytes", "getquoted-str", "none", "junk", "raises",
        "getquoted-int", "getquoted-raises"])
def test_conform(mconn, obj, expected):
    assert mogrify_or_error(mconn.cursor(), "%s", [obj]) == expected


@pytest.mark.parametrize("adapter, expected", [
    (lambda o: ext.AsIs("custom"), b"custom"),
    (lambda o: Quoted(b"gq"), b"gq"),
    (lambda o: Quoted("s"), b"s"),
    (lambda o: 1 / 0, ("ZeroDivisionError", "division by zero")),
    (lambda o: None, ("AttributeError",
                      "'NoneType' object has no attribute 'getquoted'")),
    (lambda o: Quoted(exc=KeyError("k")), ("KeyError", "'k'")),
    (5, ("TypeError", "'int' object is not callable")),
], ids=["asis", "bytes", "str", "adapter-raises", "adapter-none",
        "getquoted-raises", "not-callable"])
def test_registered_adapter(mconn, adapter, expected):
    ext.register_adapter(Plain, adapter)
    assert mogrify_or_error(mconn.cursor(), "%s", [Plain()]) == expected


def test_registered_adapter_used_in_lists(mconn):
    ext.register_adapter(Plain, lambda o: ext.AsIs("p"))
    cur = mconn.cursor()
    assert cur.mogrify("%s", [[Plain(), None, Plain()]]) == b"ARRAY[p,NULL,p]"
    assert cur.mogrify("%s", [(Plain(), 1)]) == b"(p, 1)"


def test_register_adapter_for_builtin(mconn):
    cur = mconn.cursor()
    ext.register_adapter(int, lambda o: ext.AsIs("customint"))
    assert cur.mogrify("%s %s", [5, [5]]) == b"customint ARRAY[customint]"
    # bool is a subclass of int but has its own registration
    assert cur.mogrify("%s", [True]) == b"true"
    # None is written as NULL whatever is registered
    ext.register_adapter(type(None), lambda o: ext.AsIs("nil"))
    assert cur.mogrify("%s", [None]) == b"NULL"


def test_register_adapter_for_subclass(mconn):
    cur = mconn.cursor()
    ext.register_adapter(MyInt, lambda o: ext.AsIs("mine"))
    assert cur.mogrify("%s %s", [MyInt(5), 5]) == b"mine 5"
    assert cur.mogrify("%s", [[MyInt(5)]]) == b"ARRAY[mine]"


def test_register_adapter_bad_arguments():
    with pytest.raises(TypeError):
        ext.register_adapter(int)
    # psycopg2 does not check its arguments: junk is stored as given
    ext.register_adapter(1, ext.AsIs)
    assert ext.adapters[1, ext.ISQLQuote] is ext.AsIs


@pytest.mark.parametrize("value, message", [
    ({"a": 1}, "can't adapt type 'dict'"),
    ({1, 2}, "can't adapt type 'set'"),
    (complex(1, 2), "can't adapt type 'complex'"),
    (object(), "can't adapt type 'object'"),
    (Plain(), "can't adapt type 'Plain'"),
    (Flag.ON, "can't adapt type 'Flag'"),
    (type, "can't adapt type 'type'"),
    (..., "can't adapt type 'ellipsis'"),
], ids=["dict", "set", "complex", "object", "class", "enum", "type",
        "ellipsis"])
def test_cant_adapt(mconn, value, message):
    with pytest.raises(psycopg2.ProgrammingError) as exc:
        mconn.cursor().mogrify("%s", [value])
    assert str(exc.value) == message


def test_nul_in_string(mconn):
    with pytest.raises(ValueError) as exc:
        mconn.cursor().mogrify("%s", ["a\x00b"])
    assert str(exc.value) == \
        "A string literal cannot contain NUL (0x00) characters."


# --- query formatting ---------------------------------------------------

@pytest.mark.parametrize("query, args, expected", [
    ("%(a)s %(b)s %(a)s", {"a": 1, "b": "x"}, b"1 'x' 1"),
    ("%s %%", [1], b"1 %"),
    ("%%", [], b"%"),
    ("%%", None, b"%%"),
    ("%s", None, b"%s"),
    ("%s", (1,), b"1"),
    (b"%s", [1], b"1"),
    ("\u20ac %s", ["\u20ac"], b"\xe2\x82\xac '\xe2\x82\xac'"),
    ("%s", [], ("IndexError", "list index out of range")),
    ("%s", [1, 2], ("TypeError",
                    "not all arguments converted during string formatting")),
    ("%s %s", [1], ("IndexError", "list index out of range")),
    ("%(a)s", [1], ("TypeError",
                    "list indices must be integers or slices, not str")),
    ("%s", {"a": 1}, ("TypeError", "dict is not a sequence")),
    ("%(a)s", {}, ("KeyError", "'a'")),
    ("%d", [1], ("ValueError",
                 "unsupported format character 'd' (0x64) at index 1")),
    ("%", [1], ("ValueError", "incomplete format")),
    ("% s", [1], ("ValueError",
                  "unsupported format character ' ' (0x20) at index 1")),
    ("%(a)", {"a": 1}, ("ValueError", "incomplete format")),
    ("%(a)s %s", {"a": 1}, ("ProgrammingError",
                            "argument formats can't be mixed")),
    ("%s %(a)s", [1], ("ProgrammingError", "argument formats can't be mixed")),
    ("%s", 1, ("TypeError", "'int' object does not support indexing")),
    ("%s", "ab", ("TypeError",
                  "not all arguments converted during string formatting")),
    (None, None, ("ProgrammingError", "can't execute an empty query")),
    (1, None, ("TypeError", "argument 1 must be a string or unicode object: "
                            "got int instead")),
], ids=lambda v: repr(v)[:20])
def test_query_format(mconn, query, args, expected):
    assert mogrify_or_error(mconn.cursor(), query, args) == expected


def test_composed_query(mconn):
    cur = mconn.cursor()
    q = sql.SQL("select {} from {}").format(
        sql.Literal("it's"), sql.Identifier("a", 'b"c'))
    assert cur.mogrify(q) == b"select 'it''s' from \"a\".\"b\"\"c\""
    q = sql.SQL("select {}").format(sql.Placeholder())
    assert cur.mogrify(q, [1]) == b"select 1"
    q = sql.SQL("select {}").format(sql.Placeholder("x"))
    assert cur.mogrify(q, {"x": 1}) == b"select 1"


# --- adapter objects reused, prepared, and used without a connection -----

def test_binary_literal_cached_once_quoted(mconn):
    """psycopg2 quotes a Binary (and a QuotedString) once and keeps the
    literal: a later prepare() with other settings does not change it."""
    cur = mconn.cursor()
    b = ext.Binary(b"\x00'")
    b.prepare(mconn)
    assert b.getquoted() == b"'\\x0027'::bytea"
    cur.execute("set standard_conforming_strings to off")
    try:
        b.prepare(mconn)
        assert b.getquoted() == b"'\\x0027'::bytea"
        fresh = ext.Binary(b"\x00'")
        fresh.prepare(mconn)
        assert fresh.getquoted() == b"'\\\\x0027'::bytea"
        q = ext.QuotedString("a\\b")
        q.prepare(mconn)
        assert q.getquoted() == b"'a\\\\b'"
    finally:
        cur.execute("set standard_conforming_strings to on")
    q.prepare(mconn)
    assert q.getquoted() == b"'a\\\\b'"


@pytest.mark.parametrize("enc, value, expected", [
    ("LATIN1", "\u00e9", b"'\xe9'"),
    ("LATIN9", "\u20ac", b"'\xa4'"),
    ("WIN1252", "\u20ac\u201c", b"'\x80\x93'"),
    ("EUC_JP", "\u65e5\u672c", b"'\xc6\xfc\xcb\xdc'"),
    ("SJIS", "\u65e5\u672c", b"'\x93\xfa\x96{'"),
    ("WIN1251", "\u0416", b"'\xc6'"),
    ("KOI8R", "\u0416", b"'\xf6'"),
    ("UTF8", "\u20ac", b"'\xe2\x82\xac'"),
], ids=lambda v: repr(v)[:12])
def test_string_in_client_encoding(make_conn, enc, value, expected):
    cnn = make_conn(client_encoding=enc)
    cur = cnn.cursor()
    assert cur.mogrify("%s", [value]) == expected
    assert cur.mogrify("%s", [[value]]) == b"ARRAY[" + expected + b"]"
    q = ext.QuotedString(value)
    q.prepare(cnn)
    assert q.getquoted() == expected
    assert sql.Literal(value).as_string(cnn).encode(cnn_codec(cnn)) == expected


def cnn_codec(cnn):
    return ext.encodings[cnn.encoding]


@pytest.mark.parametrize("enc, value, codec, pos", [
    ("LATIN1", "\u20ac", "latin-1", 0),
    ("SQL_ASCII", "\u00e9", "ascii", 0),
    ("EUC_JP", "\u20ac", "euc_jp", 0),
])
def test_string_not_in_client_encoding(make_conn, enc, value, codec, pos):
    cur = make_conn(client_encoding=enc).cursor()
    for args in ([value], [[value]]):
        with pytest.raises(UnicodeEncodeError) as exc:
            cur.mogrify("%s", args)
        assert exc.value.encoding == codec
        assert exc.value.start == pos
    with pytest.raises(UnicodeEncodeError):
        cur.mogrify(value)


def test_quoted_string_encoding_attribute(make_conn):
    # Unprepared, the escaping is libpq's PQescapeString, which follows the
    # encoding of the last connection made (libpq global state): make it a
    # single-byte one.
    make_conn(client_encoding="LATIN1")
    q = ext.QuotedString("\u20ac")
    assert q.encoding == "latin1"  # psycopg2's default without prepare()
    with pytest.raises(UnicodeEncodeError):
        q.getquoted()
    q = ext.QuotedString("\u20ac")
    q.encoding = "latin9"
    assert q.getquoted() == b"'\xa4'"
    q = ext.QuotedString("\u20ac")
    q.encoding = "nonexistent"
    with pytest.raises(LookupError):
        q.getquoted()


@pytest.mark.parametrize("make, expected", [
    (lambda: ext.Boolean(0), b"false"),
    (lambda: ext.Boolean("x"), b"true"),
    (lambda: ext.Boolean(None), b"false"),
    (lambda: ext.Float(2), b"2"),
    (lambda: ext.Float(D("1.5")), b"Decimal('1.5')"),
    (lambda: ext.Int(True), b"1"),
    (lambda: ext.Int(1.5), b"1"),
    (lambda: ext.Int("x"), ("ValueError",
                            "invalid literal for int() with base 10: 'x'")),
    (lambda: ext.Int(D("1.5")), b"1"),
    (lambda: ext.AsIs(1.5), b"1.5"),
    (lambda: ext.QuotedString(b"abc"), b"'abc'"),
    (lambda: ext.QuotedString(1), ("TypeError",
                                   "can't quote non-string object")),
    (lambda: ext.Binary(None), b"NULL"),
    (lambda: ext.Binary(1), ("TypeError", "can't escape int to binary")),
    (lambda: ext.Binary("s"), ("TypeError", "can't escape str to binary")),
    (lambda: ext.SQL_IN([1, 2]), b"(1, 2)"),
    (lambda: ext.SQL_IN(()), b"()"),
    (lambda: ext.NoneAdapter(1), b"NULL"),
], ids=lambda v: "" if callable(v) else repr(v)[:15])
def test_adapter_objects(make, expected):
    try:
        got = make().getquoted()
    except Exception as e:
        got = (type(e).__name__, str(e))
    assert got == expected


def test_no_leak_mogrify_every_adapter(mconn, assert_no_leak):
    """Every adapter above, the failing ones included, in a loop."""
    cur = mconn.cursor()
    ext.register_adapter(Plain, lambda o: Quoted(exc=KeyError("k")))
    values = [v for _, v in VALUES] + [
        ConformsTo(exc=ValueError("x")), ConformsTo(Quoted(5)), Plain(),
        "a\x00b", {"a": 1}]

    def once():
        for v in values:
            try:
                cur.mogrify("%s", [v])
            except Exception:
                pass
    assert_no_leak(once, n=300, warmup=30, limit_kb=1024)


def test_no_leak_cursor_names(mconn, assert_no_leak):
    def once():
        mconn.cursor(b"n\xc3\xa9").close()
        mconn.cursor("n").close()
        try:
            mconn.cursor(1)
        except TypeError:
            pass
    assert_no_leak(once, n=20000, warmup=1000, limit_kb=1024)


# --- adapters that register_* functions install --------------------------

def test_mogrify_registered_uuid(mconn):
    cur = mconn.cursor()
    extras.register_uuid()
    u = uuid.UUID(int=1)
    assert cur.mogrify("%s", [u]) == \
        b"'00000000-0000-0000-0000-000000000001'::uuid"
    assert cur.mogrify("%s", [[u, None]]) == \
        b"ARRAY['00000000-0000-0000-0000-000000000001'::uuid,NULL]"


def test_mogrify_registered_ipaddress(mconn):
    cur = mconn.cursor()
    extras.register_ipaddress()
    for value, expected in [
            (ipaddress.ip_network("10.0.0.0/8"), b"'10.0.0.0/8'"),
            (ipaddress.ip_interface("10.0.0.1/8"), b"'10.0.0.1/8'"),
            (ipaddress.ip_interface("::1/128"), b"'::1/128'"),
            ([ipaddress.ip_network("10.0.0.0/8")], b"ARRAY['10.0.0.0/8']")]:
        assert cur.mogrify("%s", [value]) == expected
    # psycopg2 adapts interfaces and networks only, not bare addresses
    with pytest.raises(psycopg2.ProgrammingError):
        cur.mogrify("%s", [ipaddress.ip_address("1.2.3.4")])


def test_mogrify_registered_hstore(mconn):
    cur = mconn.cursor()
    cur.execute("create extension if not exists hstore")
    extras.register_hstore(mconn, globally=True)
    for value, expected in [
            ({"a": "1", "b": None},
             b"hstore(ARRAY['a','b'], ARRAY['1',NULL])"),
            ({}, b"''::hstore"),
            ({"a'": "b\\"}, b"hstore(ARRAY['a'''], ARRAY['b\\'])"),
            ([{"a": "1"}], b"ARRAY[hstore(ARRAY['a'], ARRAY['1'])]"),
            # keys and values are adapted as they are, not made text
            ({"a": 1}, b"hstore(ARRAY['a'], ARRAY[1])"),
            ({1: "a"}, b"hstore(ARRAY[1], ARRAY['a'])")]:
        assert cur.mogrify("%s", [value]) == expected


def test_float_adapter_of_non_number():
    # psycopg2 raises SystemError ("returned a result with an exception
    # set"): a bug in its C code. We raise the TypeError float() gives.
    with pytest.raises(SystemError if not IS_OURS else TypeError):
        ext.Float("x").getquoted()
