"""Range types (psycopg2.extras / psycopg2._range), against a real server.

Imports come from psycopg2._range until extras re-exports these names.
"""

import datetime as dt
import pickle
from decimal import Decimal

import pytest

import psycopg2
from psycopg2._range import (
    Range, NumericRange, DateRange, DateTimeRange, DateTimeTZRange,
    RangeAdapter, RangeCaster, register_range,
)


def fetch(conn, sql, args=None):
    cur = conn.cursor()
    cur.execute(sql, args)
    return cur.fetchone()[0]


@pytest.mark.parametrize("rng, text, rep", [
    (Range(1, 2), "[1, 2)", "Range(1, 2, '[)')"),
    (NumericRange(1, 2, '(]'), "(1, 2]", "NumericRange(1, 2, '(]')"),
    (NumericRange(empty=True), "empty", "NumericRange(empty=True)"),
    (NumericRange(None, 3, '(]'), "(None, 3]", "NumericRange(None, 3, '(]')"),
    (Range(1, 2, '(]', empty=True), "empty", "Range(empty=True)"),
])
def test_str_and_repr(rng, text, rep):
    assert str(rng) == text
    assert repr(rng) == rep


@pytest.mark.parametrize("bounds", ['xx', None, '[', '[>'])
def test_bad_bounds(bounds):
    with pytest.raises(ValueError, match="bound flags not valid"):
        Range(1, 2, bounds)


def test_attributes():
    r = Range(None, 1, '[]')
    assert (r.lower, r.upper, r.lower_inf, r.upper_inf) == (None, 1, True, False)
    assert (r.lower_inc, r.upper_inc, r.isempty) == (False, True, False)
    e = Range(empty=True)
    assert (e.lower, e.upper, e.lower_inf, e.upper_inf) == (None, None, False, False)
    assert (e.lower_inc, e.upper_inc, e.isempty) == (False, False, True)


@pytest.mark.parametrize("rng, item, expected", [
    (Range(1, 2), 1, True), (Range(1, 2), 2, False),
    (Range(1, 2, '[]'), 2, True), (Range(1, 2, '(]'), 1, False),
    (Range(None, None), 5, True), (Range(empty=True), 5, False),
    (Range(None, 5), -100, True), (Range(5, None, '()'), 5, False),
])
def test_contains(rng, item, expected):
    assert (item in rng) is expected


def test_bool_eq_hash():
    assert not Range(empty=True)
    assert Range()
    assert Range(1, 2) == NumericRange(1, 2)
    assert Range(1, 2) != 1
    assert not Range(1, 2) == 1
    assert hash(Range(1, 2)) == hash((1, 2, '[)'))
    assert hash(Range(empty=True)) == hash((None, None, None))


@pytest.mark.parametrize("a, b, expected", [
    (Range(1, 2), Range(1, 2), False), (Range(1, 2), Range(1, 3), True),
    (Range(None, 2), Range(1, 3), True), (Range(empty=True), Range(1, 3), True),
    (Range(1, 3), Range(empty=True), False), (Range(1, 3, '[]'), Range(1, 3), False),
    (Range(1, 3), Range(1, None), False), (Range(1, None), Range(1, 3), True),
    (Range(empty=True), Range(None, None), True),
])
def test_ordering(a, b, expected):
    assert (a < b) is expected
    assert (b > a) is expected
    assert (a <= b) is (expected or a == b)


def test_ordering_other_types():
    assert Range(1, 2).__lt__(1) is NotImplemented
    with pytest.raises(TypeError):
        Range(1, 2) < 1
    with pytest.raises(TypeError):
        Range(1, 2) >= 1


@pytest.mark.parametrize("rng", [
    NumericRange(1, 2, '[]'), NumericRange(empty=True),
    DateRange(dt.date(2020, 1, 1), None),
])
def test_pickle(rng):
    copy = pickle.loads(pickle.dumps(rng))
    assert copy == rng and type(copy) is type(rng)
    assert repr(copy) == repr(rng)


def test_getstate():
    assert NumericRange(1, 2).__getstate__() == {
        '_lower': 1, '_upper': 2, '_bounds': '[)'}


UTC = dt.timezone.utc


@pytest.mark.parametrize("rng, sql", [
    (NumericRange(1, 2), b"'[1,2)'"),
    (NumericRange(empty=True), b"'empty'"),
    (NumericRange(None, None), b"'[,)'"),
    (NumericRange(Decimal('1.5'), None, '(]'), b"'(1.5,]'"),
    (NumericRange(1.5, 2), b"'[1.5,2)'"),
    (DateRange(dt.date(2020, 1, 1), None),
     b"daterange('2020-01-01'::date, NULL, '[)')"),
    (DateRange(empty=True), b"'empty'::daterange"),
    (DateTimeRange(dt.datetime(2020, 1, 1), dt.datetime(2020, 1, 2), '[]'),
     b"tsrange('2020-01-01T00:00:00'::timestamp, "
     b"'2020-01-02T00:00:00'::timestamp, '[]')"),
    (DateTimeTZRange(None, dt.datetime(2020, 1, 1, tzinfo=UTC)),
     b"tstzrange(NULL, '2020-01-01T00:00:00+00:00'::timestamptz, '[)')"),
])
def test_mogrify(conn, rng, sql):
    assert conn.cursor().mogrify("%s", [rng]) == sql


def test_base_range_not_adaptable(conn):
    with pytest.raises(psycopg2.ProgrammingError, match="can't adapt type 'Range'"):
        conn.cursor().mogrify("%s", [Range(1, 2)])


def test_range_adapter_needs_name():
    with pytest.raises(NotImplementedError):
        RangeAdapter(Range(1, 2)).getquoted()
    assert RangeAdapter.name is None


@pytest.mark.parametrize("sql, expected", [
    ("select '[1,5)'::int4range", NumericRange(1, 5)),
    ("select 'empty'::int4range", NumericRange(empty=True)),
    ("select '(,)'::int8range", NumericRange(None, None, '()')),
    ("select '(1.5,)'::numrange", NumericRange(Decimal('1.5'), None, '()')),
    ("select '[2020-01-01,2020-02-01]'::daterange",
     DateRange(dt.date(2020, 1, 1), dt.date(2020, 2, 2))),
    ("select '[2020-01-01 10:00,2020-01-02)'::tsrange",
     DateTimeRange(dt.datetime(2020, 1, 1, 10), dt.datetime(2020, 1, 2))),
    ("select null::int4range", None),
    ("select array['[1,2)'::int4range, 'empty', null]",
     [NumericRange(1, 2), NumericRange(empty=True), None]),
    ("select array['[2020-01-01,2020-01-02)'::daterange]",
     [DateRange(dt.date(2020, 1, 1), dt.date(2020, 1, 2))]),
])
def test_builtin_casters(conn, sql, expected):
    got = fetch(conn, sql)
    assert got == expected
    assert type(got) is type(expected)


def test_tstzrange_and_infinity(conn):
    conn.cursor().execute("set timezone to 'UTC'")
    got = fetch(conn, "select '[-infinity,2020-01-01 10:00+02)'::tstzrange")
    assert got.lower == dt.datetime.min.replace(tzinfo=UTC)
    assert got.upper == dt.datetime(2020, 1, 1, 8, tzinfo=UTC)
    got = fetch(conn, "select '[2020-01-01,infinity)'::tsrange")
    assert got.upper == dt.datetime.max


def test_roundtrip_builtin(conn):
    for rng in [NumericRange(1, 10, '[)'), NumericRange(empty=True)]:
        assert fetch(conn, "select %s::int4range", [rng]) == rng
    rng = DateRange(dt.date(2020, 1, 1), dt.date(2021, 1, 1))
    assert fetch(conn, "select %s", [rng]) == rng


@pytest.mark.parametrize("text, expected", [
    ('[1,2)', ('1', '2', '[)')), ('(,)', (None, None, '()')),
    ('[,]', (None, None, '[]')), ('["1","2")', ('1', '2', '[)')),
    ('[1,2)x', ('1', '2', '[)')), ('["",""]', ('', '', '[]')),
    ('["a""b",x)', ('a"b', 'x', '[)')),
    (r'["a\\b","""\\")', ('a\\b', '"\\', '[)')), ('(a\\,b,c)', ('a\\', 'b,c', '()')),
    ('[a b,c d)', ('a b', 'c d', '[)')), ('["a",)', ('a', None, '[)')),
])
def test_parse_text(text, expected):
    from psycopg2._range import int4range_caster
    got = int4range_caster.parse(text)
    assert (got.lower, got.upper, got._bounds) == expected


@pytest.mark.parametrize("text", [
    'xx', '[1,2', ' [1,2) ', '(\\",z)', '["a,\\\\b"," c\\"d"]'])
def test_parse_errors(text):
    from psycopg2._range import int4range_caster
    with pytest.raises(psycopg2.InterfaceError,
                       match=r"failed to parse range: '.*'"):
        int4range_caster.parse(text)


def test_parse_with_cursor(conn):
    from psycopg2._range import int4range_caster
    cur = conn.cursor()
    assert int4range_caster.parse('[1,2)', cur) == NumericRange(1, 2)
    assert int4range_caster.parse('empty', cur).isempty
    assert int4range_caster.parse(None, cur) is None


def test_builtin_caster_attributes():
    from psycopg2._range import int4range_caster, tstzrange_caster
    assert int4range_caster.subtype_oid == 23
    assert int4range_caster.typecaster.values == (3904,)
    assert int4range_caster.typecaster.name == 'type'
    assert int4range_caster.array_typecaster.name == 'typeARRAY'
    assert int4range_caster.array_typecaster.values == (3905,)
    assert tstzrange_caster.typecaster.name == 'tstzrange'
    assert tstzrange_caster.adapter.name == 'tstzrange'
    assert tstzrange_caster.range is DateTimeTZRange


@pytest.fixture
def textrange(conn):
    cur = conn.cursor()
    cur.execute("""
        drop schema if exists rng_s cascade; create schema rng_s;
        drop type if exists textrange_t;
        create type textrange_t as range (subtype=text);
        create type rng_s."Weird R" as range (subtype=text);
        create type rng_s.comp as (a int)""")
    conn.commit()
    yield conn
    conn.rollback()
    cur.execute("drop schema rng_s cascade; drop type textrange_t")
    conn.commit()


def test_register_range(textrange):
    conn = textrange
    rc = register_range('textrange_t', 'TextRange', conn)
    assert conn.status == psycopg2.extensions.STATUS_READY
    assert rc.range.__name__ == 'TextRange' and rc.range.__bases__ == (Range,)
    assert rc.adapter.name == 'textrange_t'
    assert issubclass(rc.adapter, RangeAdapter)
    assert rc.subtype_oid == 25
    assert rc.typecaster.name == 'textrange_t'
    assert rc.array_typecaster.name == 'textrange_tARRAY'
    got = fetch(conn, "select '[a,b)'::textrange_t")
    assert type(got) is rc.range and got == rc.range('a', 'b')
    cur = conn.cursor()
    assert cur.mogrify('%s', [rc.range('a', "b'c")]) == \
        b"textrange_t('a', 'b''c', '[)')"
    assert cur.mogrify('%s', [rc.range(empty=True)]) == b"'empty'::textrange_t"
    for value in [rc.range('a b', "c'd"), rc.range(None, '"\\', '()'),
                  rc.range('a,"', None, '()'), rc.range('', 'x')]:
        assert fetch(conn, "select %s", [value]) == value
    assert fetch(conn, "select array[%s]", [rc.range('x"', 'y,')]) == \
        [rc.range('x"', 'y,')]


@pytest.mark.parametrize("name", [
    'rng_s."Weird R"', 'rng_s.Weird R', '"rng_s"."Weird R"'])
def test_register_range_schema(textrange, name):
    rc = register_range(name, 'WR', textrange)
    got = fetch(textrange, """select '[a,b)'::rng_s."Weird R" """)
    assert type(got) is rc.range


@pytest.mark.parametrize("name", [
    'nosuch', 'int4', 'rng_s.nosuch', 'rng_s.comp', 'public.int4range'])
def test_register_range_not_found(textrange, name):
    with pytest.raises(psycopg2.ProgrammingError,
                       match=f"PostgreSQL range '{name}' not found"):
        register_range(name, 'X', textrange)
    assert textrange.status == psycopg2.extensions.STATUS_READY


def test_register_range_search_path(textrange):
    textrange.autocommit = True
    cur = textrange.cursor()
    cur.execute("create type rng_s.r3 as range (subtype=int4)")
    with pytest.raises(psycopg2.ProgrammingError):
        register_range('r3', 'R3', cur)
    cur.execute("set search_path to rng_s, public")
    assert register_range('r3', 'R3', cur).typecaster.values[0] > 0
    assert register_range('int4range', 'I4', cur).typecaster.values == (3904,)


def test_register_range_keeps_transaction(textrange):
    cur = textrange.cursor()
    cur.execute("select 1")
    register_range('textrange_t', 'TR', textrange)
    assert textrange.status == psycopg2.extensions.STATUS_IN_TRANSACTION


def test_register_range_bad_pyrange(textrange):
    with pytest.raises(TypeError,
                       match='pyrange must be a type or a Range strict subclass'):
        register_range('int4range', Range, textrange)


def test_range_caster_arguments():
    rc = RangeCaster('int4range', 'X', 3904, 23)
    assert rc.array_typecaster is None
    assert rc.adapter.name == 'int4range'
    with pytest.raises(TypeError, match='pgrange must be a string or a '
                       'RangeAdapter strict subclass'):
        RangeCaster(RangeAdapter, NumericRange, 3904, 23)
    with pytest.raises(TypeError, match='pyrange must be'):
        RangeCaster('int4range', 1, 3904, 23)
    assert RangeCaster('int4range', NumericRange, 3904, 23).range \
        is NumericRange


def test_register_range_globally(textrange, make_conn):
    rc = register_range('textrange_t', 'TRG', textrange, globally=True)
    other = make_conn()
    assert type(fetch(other, "select '[a,b)'::textrange_t")) is rc.range
