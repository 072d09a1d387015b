"""Exact types and values returned for every built-in type and its array.

The tables below were recorded by running psycopg2 2.9 (psycopg2-binary)
on PostgreSQL 15 with the same queries: each value is compared as
(Python type name, repr), so a Decimal that should be a float, a str that
should be an int or a naive datetime that should be aware all fail.
memoryview results are compared as bytes.

CASES covers every base, range and multirange type of pg_catalog that has
an array type: test_every_type_has_a_case asks the server for that list, so
a type added by a new PostgreSQL version shows up as a failure here.

Deliberate differences from psycopg2 are listed in DELIBERATE with the
reason; on psycopg2 itself the test checks psycopg2's (buggy) behaviour, so
the whole file passes on both drivers.
"""

import importlib.util

import pytest

import psycopg2

# True on this project's driver, False on the reference psycopg2.
IS_OURS = importlib.util.find_spec("psycopg2.cluster") is not None


def norm(value):
    """(type name, repr) of a fetched value; lists element by element."""
    if isinstance(value, memoryview):
        return ("bytes", repr(bytes(value)))
    if isinstance(value, list):
        return [norm(v) for v in value]
    return (type(value).__name__, repr(value))


def fetch(cur, query, args=None):
    try:
        cur.execute(query, args)
        return norm(list(cur.fetchone()))
    except psycopg2.Error as e:
        return ("raises", f"{type(e).__name__}: {str(e).splitlines()[0]}")
    except (ValueError, OverflowError) as e:
        return ("raises", f"{type(e).__name__}: {e}")


@pytest.fixture(scope="module")
def tcur(dsn):
    cnn = psycopg2.connect(dsn)
    cnn.autocommit = True
    cur = cnn.cursor()
    cur.execute("set timezone to 'UTC'")
    try:
        yield cur
    finally:
        cnn.close()


def array_literal(lit):
    """A one-element array literal holding the text `lit`."""
    return "{" + lit.replace("\\", "\\\\").replace('"', '\\"').join('""') + "}"


# psycopg2 fails on 'infinity' inside date/timestamp arrays ("unable to
# parse date") although it maps the same scalar to date.max/min: its array
# parser hands the element to the date caster without the terminator the
# infinity check relies on. We return what the scalar caster returns.
_INF_ARRAY_BUG = ("raises", "DataError: unable to parse date")
DELIBERATE = {
    (t, lit): _INF_ARRAY_BUG
    for t in ("date", "timestamp", "timestamptz")
    for lit in ("infinity", "-infinity")
}

CASES = [('bool', 'true', ('bool', 'True'), [('bool', 'True')]),
         ('bool', 'false', ('bool', 'False'), [('bool', 'False')]),
         ('bytea', '\\x00ff27', ('bytes', 'b"\\x00\\xff\'"'), [('bytes', 'b"\\x00\\xff\'"')]),
         ('bytea', '', ('bytes', "b''"), [('bytes', "b''")]),
         ('char', 'a', ('str', "'a'"), [('str', "'a'")]),
         ('name', 'nm', ('str', "'nm'"), [('str', "'nm'")]),
         ('int8',
          '9223372036854775807',
          ('int', '9223372036854775807'),
          [('int', '9223372036854775807')]),
         ('int8',
          '-9223372036854775808',
          ('int', '-9223372036854775808'),
          [('int', '-9223372036854775808')]),
         ('int2', '-32768', ('int', '-32768'), [('int', '-32768')]),
         ('int2vector',
          '1 2',
          ('str', "'1 2'"),
          ('raises', "ValueError: invalid literal for int() with base 10: '1 2'")),
         ('int4', '2147483647', ('int', '2147483647'), [('int', '2147483647')]),
         ('regproc', 'now', ('str', "'now'"), ('str', "'{now}'")),
         ('text',
          'héllo "q" {x},\\',
          ('str', '\'héllo "q" {x},\\\\\''),
          [('str', '\'héllo "q" {x},\\\\\'')]),
         ('oid', '4294967295', ('int', '4294967295'), [('int', '4294967295')]),
         ('tid', '(1,2)', ('str', "'(1,2)'"), ('str', '\'{"(1,2)"}\'')),
         ('xid', '5', ('str', "'5'"), ('str', "'{5}'")),
         ('cid', '6', ('str', "'6'"), ('str', "'{6}'")),
         ('oidvector',
          '1 2',
          ('str', "'1 2'"),
          ('raises', "ValueError: invalid literal for int() with base 10: '1 2'")),
         ('json',
          '{"a": [1, 2.5, null]}',
          ('dict', "{'a': [1, 2.5, None]}"),
          [('dict', "{'a': [1, 2.5, None]}")]),
         ('json', '"s"', ('str', "'s'"), [('str', "'s'")]),
         ('json', '1.5e300', ('float', '1.5e+300'), [('float', '1.5e+300')]),
         ('xml', '<a>x</a>', ('str', "'<a>x</a>'"), ('str', "'{<a>x</a>}'")),
         ('point', '(1,2)', ('str', "'(1,2)'"), ('str', '\'{"(1,2)"}\'')),
         ('lseg', '[(1,2),(3,4)]', ('str', "'[(1,2),(3,4)]'"), ('str', '\'{"[(1,2),(3,4)]"}\'')),
         ('path', '((1,2),(3,4))', ('str', "'((1,2),(3,4))'"), ('str', '\'{"((1,2),(3,4))"}\'')),
         ('box', '(3,4),(1,2)', ('str', "'(3,4),(1,2)'"), ('str', "'{(3,4),(1,2)}'")),
         ('polygon',
          '((1,2),(3,4),(5,0))',
          ('str', "'((1,2),(3,4),(5,0))'"),
          ('str', '\'{"((1,2),(3,4),(5,0))"}\'')),
         ('line', '{1,2,3}', ('str', "'{1,2,3}'"), ('str', '\'{"{1,2,3}"}\'')),
         ('cidr', '10.0.0.0/8', ('str', "'10.0.0.0/8'"), [('str', "'10.0.0.0/8'")]),
         ('float4', '1.5', ('float', '1.5'), [('float', '1.5')]),
         ('float4', 'NaN', ('float', 'nan'), [('float', 'nan')]),
         ('float4', 'Infinity', ('float', 'inf'), [('float', 'inf')]),
         ('float4', '-Infinity', ('float', '-inf'), [('float', '-inf')]),
         ('float4', '3.4e38', ('float', '3.4e+38'), [('float', '3.4e+38')]),
         ('float4', '1e-45', ('float', '1e-45'), [('float', '1e-45')]),
         ('float4', '-0', ('float', '-0.0'), [('float', '-0.0')]),
         ('float4', '0.1', ('float', '0.1'), [('float', '0.1')]),
         ('float8', '1.5', ('float', '1.5'), [('float', '1.5')]),
         ('float8', 'NaN', ('float', 'nan'), [('float', 'nan')]),
         ('float8', 'Infinity', ('float', 'inf'), [('float', 'inf')]),
         ('float8', '-Infinity', ('float', '-inf'), [('float', '-inf')]),
         ('float8',
          '1.7976931348623157e308',
          ('float', '1.7976931348623157e+308'),
          [('float', '1.7976931348623157e+308')]),
         ('float8', '5e-324', ('float', '5e-324'), [('float', '5e-324')]),
         ('float8', '-0', ('float', '-0.0'), [('float', '-0.0')]),
         ('float8', '0.1', ('float', '0.1'), [('float', '0.1')]),
         ('circle', '<(1,2),3>', ('str', "'<(1,2),3>'"), ('str', '\'{"<(1,2),3>"}\'')),
         ('macaddr8',
          '08:00:2b:01:02:03:04:05',
          ('str', "'08:00:2b:01:02:03:04:05'"),
          ('str', "'{08:00:2b:01:02:03:04:05}'")),
         ('money', '12.34', ('str', "'$12.34'"), ('str', "'{$12.34}'")),
         ('money',
          '-92233720368547758.08',
          ('str', "'-$92,233,720,368,547,758.08'"),
          ('str', '\'{"-$92,233,720,368,547,758.08"}\'')),
         ('macaddr',
          '08:00:2b:01:02:03',
          ('str', "'08:00:2b:01:02:03'"),
          [('str', "'08:00:2b:01:02:03'")]),
         ('inet', '1.2.3.4/8', ('str', "'1.2.3.4/8'"), [('str', "'1.2.3.4/8'")]),
         ('inet', '::1', ('str', "'::1'"), [('str', "'::1'")]),
         ('aclitem',
          'postgres=arwdDxt/postgres',
          ('str', "'postgres=arwdDxt/postgres'"),
          ('str', "'{postgres=arwdDxt/postgres}'")),
         ('bpchar', 'ab', ('str', "'ab'"), [('str', "'ab'")]),
         ('varchar', 'vc', ('str', "'vc'"), [('str', "'vc'")]),
         ('date',
          '2020-01-02',
          ('date', 'datetime.date(2020, 1, 2)'),
          [('date', 'datetime.date(2020, 1, 2)')]),
         ('date',
          'infinity',
          ('date', 'datetime.date(9999, 12, 31)'),
          ('raises', 'DataError: unable to parse date')),
         ('date',
          '-infinity',
          ('date', 'datetime.date(1, 1, 1)'),
          ('raises', 'DataError: unable to parse date')),
         ('date',
          '0001-01-01',
          ('date', 'datetime.date(1, 1, 1)'),
          [('date', 'datetime.date(1, 1, 1)')]),
         ('date',
          '9999-12-31',
          ('date', 'datetime.date(9999, 12, 31)'),
          [('date', 'datetime.date(9999, 12, 31)')]),
         ('date',
          '4713-01-01 BC',
          ('raises', 'ValueError: year -4713 is out of range'),
          ('raises', 'ValueError: year -4713 is out of range')),
         ('date',
          '10000-01-01',
          ('raises', 'ValueError: year 10000 is out of range'),
          ('raises', 'ValueError: year 10000 is out of range')),
         ('date',
          '0001-01-01 BC',
          ('raises', 'ValueError: year -1 is out of range'),
          ('raises', 'ValueError: year -1 is out of range')),
         ('date',
          '5874897-12-31',
          ('raises', 'ValueError: year 5874897 is out of range'),
          ('raises', 'ValueError: year 5874897 is out of range')),
         ('time',
          '01:02:03.456789',
          ('time', 'datetime.time(1, 2, 3, 456789)'),
          [('time', 'datetime.time(1, 2, 3, 456789)')]),
         ('time', '24:00:00', ('time', 'datetime.time(0, 0)'), [('time', 'datetime.time(0, 0)')]),
         ('time', '00:00:00', ('time', 'datetime.time(0, 0)'), [('time', 'datetime.time(0, 0)')]),
         ('time',
          '23:59:59.999999',
          ('time', 'datetime.time(23, 59, 59, 999999)'),
          [('time', 'datetime.time(23, 59, 59, 999999)')]),
         ('time',
          '12:00:00.1',
          ('time', 'datetime.time(12, 0, 0, 100000)'),
          [('time', 'datetime.time(12, 0, 0, 100000)')]),
         ('timestamp',
          '2020-01-02 03:04:05.123456',
          ('datetime', 'datetime.datetime(2020, 1, 2, 3, 4, 5, 123456)'),
          [('datetime', 'datetime.datetime(2020, 1, 2, 3, 4, 5, 123456)')]),
         ('timestamp',
          'infinity',
          ('datetime', 'datetime.datetime(9999, 12, 31, 23, 59, 59, 999999)'),
          ('raises', 'DataError: unable to parse date')),
         ('timestamp',
          '-infinity',
          ('datetime', 'datetime.datetime(1, 1, 1, 0, 0)'),
          ('raises', 'DataError: unable to parse date')),
         ('timestamp',
          '0001-01-01 00:00:00',
          ('datetime', 'datetime.datetime(1, 1, 1, 0, 0)'),
          [('datetime', 'datetime.datetime(1, 1, 1, 0, 0)')]),
         ('timestamp',
          '9999-12-31 23:59:59.999999',
          ('datetime', 'datetime.datetime(9999, 12, 31, 23, 59, 59, 999999)'),
          [('datetime', 'datetime.datetime(9999, 12, 31, 23, 59, 59, 999999)')]),
         ('timestamp',
          '10000-01-01',
          ('raises', 'ValueError: year 10000 is out of range'),
          ('raises', 'ValueError: year 10000 is out of range')),
         ('timestamp',
          '0001-01-01 BC',
          ('raises', 'ValueError: year -1 is out of range'),
          ('raises', 'ValueError: year -1 is out of range')),
         ('timestamp',
          '2020-01-02 24:00:00',
          ('datetime', 'datetime.datetime(2020, 1, 3, 0, 0)'),
          [('datetime', 'datetime.datetime(2020, 1, 3, 0, 0)')]),
         ('timestamp',
          '2000-01-01 00:00:00.5',
          ('datetime', 'datetime.datetime(2000, 1, 1, 0, 0, 0, 500000)'),
          [('datetime', 'datetime.datetime(2000, 1, 1, 0, 0, 0, 500000)')]),
         ('timestamptz',
          '2020-01-02 03:04:05.123456+02',
          ('datetime',
           'datetime.datetime(2020, 1, 2, 1, 4, 5, 123456, tzinfo=datetime.timezone.utc)'),
          [('datetime',
            'datetime.datetime(2020, 1, 2, 1, 4, 5, 123456, tzinfo=datetime.timezone.utc)')]),
         ('timestamptz',
          'infinity',
          ('datetime',
           'datetime.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=datetime.timezone.utc)'),
          ('raises', 'DataError: unable to parse date')),
         ('timestamptz',
          '-infinity',
          ('datetime', 'datetime.datetime(1, 1, 1, 0, 0, tzinfo=datetime.timezone.utc)'),
          ('raises', 'DataError: unable to parse date')),
         ('timestamptz',
          '0001-01-01 00:00:00+00',
          ('datetime', 'datetime.datetime(1, 1, 1, 0, 0, tzinfo=datetime.timezone.utc)'),
          [('datetime', 'datetime.datetime(1, 1, 1, 0, 0, tzinfo=datetime.timezone.utc)')]),
         ('timestamptz',
          '9999-12-31 23:59:59.999999+00',
          ('datetime',
           'datetime.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=datetime.timezone.utc)'),
          [('datetime',
            'datetime.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=datetime.timezone.utc)')]),
         ('timestamptz',
          '10000-01-01+00',
          ('raises', 'ValueError: year 10000 is out of range'),
          ('raises', 'ValueError: year 10000 is out of range')),
         ('timestamptz',
          '0001-01-01 BC+00',
          ('raises', 'ValueError: year -1 is out of range'),
          ('raises', 'ValueError: year -1 is out of range')),
         ('timestamptz',
          '1900-01-01 00:00:00 Europe/Paris',
          ('datetime',
           'datetime.datetime(1899, 12, 31, 23, 50, 39, tzinfo=datetime.timezone.utc)'),
          [('datetime',
            'datetime.datetime(1899, 12, 31, 23, 50, 39, tzinfo=datetime.timezone.utc)')]),
         ('timestamptz',
          '2020-01-02 03:04:05+05:30',
          ('datetime', 'datetime.datetime(2020, 1, 1, 21, 34, 5, tzinfo=datetime.timezone.utc)'),
          [('datetime',
            'datetime.datetime(2020, 1, 1, 21, 34, 5, tzinfo=datetime.timezone.utc)')]),
         ('interval',
          '1 year 2 mons 3 days 04:05:06.789',
          ('timedelta', 'datetime.timedelta(days=428, seconds=14706, microseconds=789000)'),
          [('timedelta', 'datetime.timedelta(days=428, seconds=14706, microseconds=789000)')]),
         ('interval',
          '-1 year -2 mons',
          ('timedelta', 'datetime.timedelta(days=-425)'),
          [('timedelta', 'datetime.timedelta(days=-425)')]),
         ('interval',
          '1 mon',
          ('timedelta', 'datetime.timedelta(days=30)'),
          [('timedelta', 'datetime.timedelta(days=30)')]),
         ('interval',
          '00:00:00.000001',
          ('timedelta', 'datetime.timedelta(microseconds=1)'),
          [('timedelta', 'datetime.timedelta(microseconds=1)')]),
         ('interval',
          '-00:00:00.000001',
          ('timedelta', 'datetime.timedelta(days=-1, seconds=86399, microseconds=999999)'),
          [('timedelta', 'datetime.timedelta(days=-1, seconds=86399, microseconds=999999)')]),
         ('interval',
          '999999 days',
          ('timedelta', 'datetime.timedelta(days=999999)'),
          [('timedelta', 'datetime.timedelta(days=999999)')]),
         ('interval',
          '-1 days +01:00',
          ('timedelta', 'datetime.timedelta(days=-1, seconds=3600)'),
          [('timedelta', 'datetime.timedelta(days=-1, seconds=3600)')]),
         ('interval',
          '178000000 years',
          ('raises', 'OverflowError: Python int too large to convert to C int'),
          ('raises', 'OverflowError: Python int too large to convert to C int')),
         ('interval',
          '1.5 years',
          ('timedelta', 'datetime.timedelta(days=545)'),
          [('timedelta', 'datetime.timedelta(days=545)')]),
         ('interval',
          '100000000 days',
          ('timedelta', 'datetime.timedelta(days=100000000)'),
          [('timedelta', 'datetime.timedelta(days=100000000)')]),
         ('timetz',
          '01:02:03.456+05:30',
          ('time',
           'datetime.time(1, 2, 3, 456000, '
           'tzinfo=datetime.timezone(datetime.timedelta(seconds=19800)))'),
          [('time',
            'datetime.time(1, 2, 3, 456000, '
            'tzinfo=datetime.timezone(datetime.timedelta(seconds=19800)))')]),
         ('timetz',
          '01:02:03-08',
          ('time',
           'datetime.time(1, 2, 3, tzinfo=datetime.timezone(datetime.timedelta(days=-1, '
           'seconds=57600)))'),
          [('time',
            'datetime.time(1, 2, 3, tzinfo=datetime.timezone(datetime.timedelta(days=-1, '
            'seconds=57600)))')]),
         ('timetz',
          '24:00:00+00',
          ('time', 'datetime.time(0, 0, tzinfo=datetime.timezone.utc)'),
          [('time', 'datetime.time(0, 0, tzinfo=datetime.timezone.utc)')]),
         ('timetz',
          '01:02:03+01:02:03',
          ('time',
           'datetime.time(1, 2, 3, tzinfo=datetime.timezone(datetime.timedelta(seconds=3723)))'),
          [('time',
            'datetime.time(1, 2, 3, '
            'tzinfo=datetime.timezone(datetime.timedelta(seconds=3723)))')]),
         ('bit', '1', ('str', "'1'"), ('str', "'{1}'")),
         ('varbit', '101', ('str', "'101'"), ('str', "'{101}'")),
         ('numeric', '1.10', ('Decimal', "Decimal('1.10')"), [('Decimal', "Decimal('1.10')")]),
         ('numeric', 'NaN', ('Decimal', "Decimal('NaN')"), [('Decimal', "Decimal('NaN')")]),
         ('numeric',
          'Infinity',
          ('Decimal', "Decimal('Infinity')"),
          [('Decimal', "Decimal('Infinity')")]),
         ('numeric',
          '-Infinity',
          ('Decimal', "Decimal('-Infinity')"),
          [('Decimal', "Decimal('-Infinity')")]),
         ('numeric', '-0.000', ('Decimal', "Decimal('0.000')"), [('Decimal', "Decimal('0.000')")]),
         ('numeric',
          '12345678901234567890.123456789',
          ('Decimal', "Decimal('12345678901234567890.123456789')"),
          [('Decimal', "Decimal('12345678901234567890.123456789')")]),
         ('numeric', '1e-20', ('Decimal', "Decimal('1E-20')"), [('Decimal', "Decimal('1E-20')")]),
         ('numeric', '0', ('Decimal', "Decimal('0')"), [('Decimal', "Decimal('0')")]),
         ('refcursor', 'rc', ('str', "'rc'"), ('str', "'{rc}'")),
         ('regprocedure', 'now()', ('str', "'now()'"), ('str', "'{now()}'")),
         ('regoper',
          '+(int4,int4)',
          ('raises', 'UndefinedFunction: operator does not exist: +(int4,int4)'),
          ('raises', 'UndefinedFunction: operator does not exist: +(int4,int4)')),
         ('regoperator',
          '+(int4,int4)',
          ('str', "'+(integer,integer)'"),
          ('str', '\'{"+(integer,integer)"}\'')),
         ('regclass', 'pg_class', ('str', "'pg_class'"), ('str', "'{pg_class}'")),
         ('regtype', 'int4', ('str', "'integer'"), ('str', "'{integer}'")),
         ('uuid',
          'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
          ('str', "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'"),
          ('str', "'{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}'")),
         ('txid_snapshot',
          '10:20:10,14,15',
          ('str', "'10:20:10,14,15'"),
          ('str', '\'{"10:20:10,14,15"}\'')),
         ('pg_lsn', '16/B374D848', ('str', "'16/B374D848'"), ('str', "'{16/B374D848}'")),
         ('tsvector',
          'a fat cat',
          ('str', '"\'a\' \'cat\' \'fat\'"'),
          ('str', '\'{"\\\'a\\\' \\\'cat\\\' \\\'fat\\\'"}\'')),
         ('tsquery',
          'fat & rat',
          ('str', '"\'fat\' & \'rat\'"'),
          ('str', '\'{"\\\'fat\\\' & \\\'rat\\\'"}\'')),
         ('regconfig', 'english', ('str', "'english'"), ('str', "'{english}'")),
         ('regdictionary', 'simple', ('str', "'simple'"), ('str', "'{simple}'")),
         ('jsonb',
          '{"b": 1, "a": [true]}',
          ('dict', "{'a': [True], 'b': 1}"),
          [('dict', "{'a': [True], 'b': 1}")]),
         ('jsonb', '1.5', ('float', '1.5'), [('float', '1.5')]),
         ('jsonb',
          '123456789012345678901234567890',
          ('int', '123456789012345678901234567890'),
          [('int', '123456789012345678901234567890')]),
         ('int4range',
          '[1,5)',
          ('NumericRange', "NumericRange(1, 5, '[)')"),
          [('NumericRange', "NumericRange(1, 5, '[)')")]),
         ('int4range',
          'empty',
          ('NumericRange', 'NumericRange(empty=True)'),
          [('NumericRange', 'NumericRange(empty=True)')]),
         ('int4range',
          '(,)',
          ('NumericRange', "NumericRange(None, None, '()')"),
          [('NumericRange', "NumericRange(None, None, '()')")]),
         ('numrange',
          '(1.5,2.5]',
          ('NumericRange', "NumericRange(Decimal('1.5'), Decimal('2.5'), '(]')"),
          [('NumericRange', "NumericRange(Decimal('1.5'), Decimal('2.5'), '(]')")]),
         ('numrange',
          'empty',
          ('NumericRange', 'NumericRange(empty=True)'),
          [('NumericRange', 'NumericRange(empty=True)')]),
         ('tsrange',
          '[2020-01-01,2020-02-01)',
          ('DateTimeRange',
           'DateTimeRange(datetime.datetime(2020, 1, 1, 0, 0), datetime.datetime(2020, 2, 1, 0, '
           "0), '[)')"),
          [('DateTimeRange',
            'DateTimeRange(datetime.datetime(2020, 1, 1, 0, 0), datetime.datetime(2020, 2, 1, 0, '
            "0), '[)')")]),
         ('tsrange',
          '[-infinity,infinity]',
          ('DateTimeRange',
           'DateTimeRange(datetime.datetime(1, 1, 1, 0, 0), datetime.datetime(9999, 12, 31, 23, '
           "59, 59, 999999), '[]')"),
          [('DateTimeRange',
            'DateTimeRange(datetime.datetime(1, 1, 1, 0, 0), datetime.datetime(9999, 12, 31, 23, '
            "59, 59, 999999), '[]')")]),
         ('tstzrange',
          '[2020-01-01+00,)',
          ('DateTimeTZRange',
           'DateTimeTZRange(datetime.datetime(2020, 1, 1, 0, 0, tzinfo=datetime.timezone.utc), '
           "None, '[)')"),
          [('DateTimeTZRange',
            'DateTimeTZRange(datetime.datetime(2020, 1, 1, 0, 0, tzinfo=datetime.timezone.utc), '
            "None, '[)')")]),
         ('daterange',
          '[2020-01-01,2020-02-01)',
          ('DateRange', "DateRange(datetime.date(2020, 1, 1), datetime.date(2020, 2, 1), '[)')"),
          [('DateRange',
            "DateRange(datetime.date(2020, 1, 1), datetime.date(2020, 2, 1), '[)')")]),
         ('daterange',
          '[-infinity,infinity)',
          ('DateRange', "DateRange(datetime.date(1, 1, 1), datetime.date(9999, 12, 31), '[)')"),
          [('DateRange', "DateRange(datetime.date(1, 1, 1), datetime.date(9999, 12, 31), '[)')")]),
         ('int8range',
          '[1,5)',
          ('NumericRange', "NumericRange(1, 5, '[)')"),
          [('NumericRange', "NumericRange(1, 5, '[)')")]),
         ('jsonpath', '$.a', ('str', '\'$."a"\''), ('str', '\'{"$.\\\\"a\\\\""}\'')),
         ('regnamespace', 'pg_catalog', ('str', "'pg_catalog'"), ('str', "'{pg_catalog}'")),
         ('regrole', 'postgres', ('str', "'postgres'"), ('str', "'{postgres}'")),
         ('regcollation', '"C"', ('str', '\'"C"\''), ('str', '\'{"\\\\"C\\\\""}\'')),
         ('int4multirange',
          '{[1,2),[5,6)}',
          ('str', "'{[1,2),[5,6)}'"),
          ('str', '\'{"{[1,2),[5,6)}"}\'')),
         ('nummultirange', '{}', ('str', "'{}'"), ('str', '\'{"{}"}\'')),
         ('tsmultirange',
          '{[2020-01-01,)}',
          ('str', '\'{["2020-01-01 00:00:00",)}\''),
          ('str', '\'{"{[\\\\"2020-01-01 00:00:00\\\\",)}"}\'')),
         ('tstzmultirange', '{}', ('str', "'{}'"), ('str', '\'{"{}"}\'')),
         ('datemultirange',
          '{[2020-01-01,2020-02-01)}',
          ('str', "'{[2020-01-01,2020-02-01)}'"),
          ('str', '\'{"{[2020-01-01,2020-02-01)}"}\'')),
         ('int8multirange', '{}', ('str', "'{}'"), ('str', '\'{"{}"}\'')),
         ('pg_snapshot',
          '10:20:10,14,15',
          ('str', "'10:20:10,14,15'"),
          ('str', '\'{"10:20:10,14,15"}\'')),
         ('xid8', '5', ('str', "'5'"), ('str', "'{5}'"))]


@pytest.mark.parametrize("typ, lit, scalar, array", CASES,
                         ids=[f"{c[0]}-{c[1][:20]}" for c in CASES])
def test_type(tcur, typ, lit, scalar, array):
    got = fetch(tcur, f"select %s::{typ}", [lit])
    assert got == (scalar if scalar[0] == "raises" else [scalar])
    expected = array
    if (typ, lit) in DELIBERATE:
        expected = [scalar] if IS_OURS else DELIBERATE[typ, lit]
    got = fetch(tcur, f"select %s::{typ}[]", [array_literal(lit)])
    assert got == (expected if expected[0] == "raises" else [expected])


@pytest.mark.parametrize("typ, lit, scalar, array", CASES,
                         ids=[f"{c[0]}-{c[1][:20]}" for c in CASES])
def test_type_in_array_constructor(tcur, typ, lit, scalar, array):
    """ARRAY[value, NULL]: the server's own array output, with a NULL."""
    if scalar[0] == "raises":
        pytest.skip("the scalar already fails")
    got = fetch(tcur, f"select array[%s::{typ}, null]", [lit])
    if (typ, lit) in DELIBERATE:
        array = [scalar] if IS_OURS else DELIBERATE[typ, lit]
    if isinstance(array, list):
        assert got == [array + [("NoneType", "None")]]
    elif array[0] == "raises":
        assert got == array
    else:  # no array caster: the array's text comes back as a str
        assert got[0][0] == "str"


def test_null_of_every_type(tcur):
    tcur.execute(
        "select typname from pg_type where typtype in ('b', 'r', 'm')"
        " and typarray <> 0 and typnamespace = 'pg_catalog'::regnamespace"
        " and typname not like '\\_%' and typname <> 'gtsvector'")
    for (typ,) in tcur.fetchall():
        assert fetch(tcur, f"select null::{typ}, null::{typ}[]") \
            == [("NoneType", "None")] * 2, typ


def test_every_type_has_a_case(tcur):
    tcur.execute(
        "select typname from pg_type where typtype in ('b', 'r', 'm')"
        " and typarray <> 0 and typnamespace = 'pg_catalog'::regnamespace"
        " and typname not like '\\_%'")
    # gtsvector has no input function: no value of it can be written
    missing = {r[0] for r in tcur.fetchall()} - {c[0] for c in CASES} \
        - {"gtsvector"}
    assert not missing, f"types without a sample in CASES: {sorted(missing)}"


# Values that depend on session settings (time zone, bytea_output,
# IntervalStyle, DateStyle, extra_float_digits), and assorted array shapes.
EXTRA = [("set timezone to 'Asia/Kolkata'",
          "select '2020-01-02 03:04:05.123456+02'::timestamptz",
          [('datetime',
            'datetime.datetime(2020, 1, 2, 6, 34, 5, 123456, '
            'tzinfo=datetime.timezone(datetime.timedelta(seconds=19800)))')]),
         ("set timezone to 'Asia/Kolkata'",
          "select '{2020-01-02 03:04:05+02}'::timestamptz[]",
          [[('datetime',
             'datetime.datetime(2020, 1, 2, 6, 34, 5, '
             'tzinfo=datetime.timezone(datetime.timedelta(seconds=19800)))')]]),
         ("set timezone to 'Europe/Paris'",
          "select '1900-01-01 00:00:00'::timestamptz",
          [('datetime',
            'datetime.datetime(1900, 1, 1, 0, 0, '
            'tzinfo=datetime.timezone(datetime.timedelta(seconds=561)))')]),
         ("set timezone to 'America/St_Johns'",
          "select '2020-01-01 00:00:00'::timestamptz",
          [('datetime',
            'datetime.datetime(2020, 1, 1, 0, 0, '
            'tzinfo=datetime.timezone(datetime.timedelta(days=-1, seconds=73800)))')]),
         ("set timezone to 'America/St_Johns'",
          "select '01:00:00'::timetz",
          [('time',
            'datetime.time(1, 0, tzinfo=datetime.timezone(datetime.timedelta(days=-1, '
            'seconds=73800)))')]),
         ("set timezone to 'Asia/Kolkata'",
          "select 'infinity'::timestamptz",
          [('datetime',
            'datetime.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=datetime.timezone.utc)')]),
         ("set timezone to 'Asia/Kolkata'",
          "select '-infinity'::timestamptz",
          [('datetime', 'datetime.datetime(1, 1, 1, 0, 0, tzinfo=datetime.timezone.utc)')]),
         ("set timezone to 'Asia/Kolkata'",
          "select '0001-01-01 00:00:00'::timestamptz",
          [('datetime',
            'datetime.datetime(1, 1, 1, 0, 0, '
            'tzinfo=datetime.timezone(datetime.timedelta(seconds=21208)))')]),
         ("set timezone to 'Asia/Kolkata'",
          "select '9999-12-31 23:59:59'::timestamptz",
          [('datetime',
            'datetime.datetime(9999, 12, 31, 23, 59, 59, '
            'tzinfo=datetime.timezone(datetime.timedelta(seconds=19800)))')]),
         ('set bytea_output to escape',
          "select '\\x00ff27415c0a'::bytea",
          [('bytes', 'b"\\x00\\xff\'A\\\\\\n"')]),
         ('set bytea_output to escape', "select ''::bytea", [('bytes', "b''")]),
         ('set bytea_output to escape',
          'select \'{"\\\\\\\\x00ff", NULL}\'::bytea[]',
          [[('bytes', "b'\\\\x00ff'"), ('NoneType', 'None')]]),
         ('set bytea_output to escape',
          "select decode(repeat('80', 20), 'hex')",
          [('bytes',
            "b'\\x80\\x80\\x80\\x80\\x80\\x80\\x80\\x80\\x80\\x80\\x80\\x80\\x80\\x80\\x80\\x80\\x80\\x80\\x80\\x80'")]),
         ('set bytea_output to hex',
          "select decode(repeat('80', 20), 'hex')",
          [('bytes',
            "b'\\x80\\x80\\x80\\x80\\x80\\x80\\x80\\x80\\x80\\x80\\x80\\x80\\x80\\x80\\x80\\x80\\x80\\x80\\x80\\x80'")]),
         ('set bytea_output to hex',
          'select \'{"\\\\\\\\x00ff", NULL}\'::bytea[]',
          [[('bytes', "b'\\\\x00ff'"), ('NoneType', 'None')]]),
         ('set intervalstyle to postgres',
          "select '1 year 2 mons 3 days 04:05:06.789'::interval",
          [('timedelta', 'datetime.timedelta(days=428, seconds=14706, microseconds=789000)')]),
         ('set intervalstyle to postgres',
          "select '-1 year -2 mons +3 days -04:05:06.000001'::interval",
          [('timedelta', 'datetime.timedelta(days=-423, seconds=71693, microseconds=999999)')]),
         ('set intervalstyle to postgres',
          "select '13 mons'::interval",
          [('timedelta', 'datetime.timedelta(days=395)')]),
         ('set intervalstyle to postgres',
          "select '-13 mons'::interval",
          [('timedelta', 'datetime.timedelta(days=-395)')]),
         ('set intervalstyle to postgres',
          "select '1000 years'::interval",
          [('timedelta', 'datetime.timedelta(days=365000)')]),
         ('set intervalstyle to postgres',
          "select '1 day -00:00:01'::interval",
          [('timedelta', 'datetime.timedelta(seconds=86399)')]),
         ('set intervalstyle to postgres',
          "select '-1 mons -00:00:00.000001'::interval",
          [('timedelta', 'datetime.timedelta(days=-31, seconds=86399, microseconds=999999)')]),
         ('set intervalstyle to postgres',
          "select '2147483647 hours'::interval",
          [('timedelta', 'datetime.timedelta(days=89478485, seconds=25200)')]),
         ('set intervalstyle to postgres',
          "select '-2147483648 hours'::interval",
          ('raises', 'OverflowError: interval component too big')),
         ('set intervalstyle to postgres',
          "select '2147483647 days 2147483647 hours'::interval",
          ('raises', 'OverflowError: Python int too large to convert to C int')),
         ('set intervalstyle to postgres',
          "select '00:00:00.1'::interval",
          [('timedelta', 'datetime.timedelta(microseconds=100000)')]),
         ('set intervalstyle to postgres',
          "select '178000000 years'::interval",
          ('raises', 'OverflowError: Python int too large to convert to C int')),
         ('set intervalstyle to postgres',
          "select '{1 mon 00:00:00.5, -1 days}'::interval[]",
          [[('timedelta', 'datetime.timedelta(days=30, microseconds=500000)'),
            ('timedelta', 'datetime.timedelta(days=-1)')]]),
         ('set intervalstyle to postgres_verbose',
          "select '00:00:00.000001'::interval",
          ('raises', "ValueError: invalid literal for int() with base 10: '@ 0.000001 secs'")),
         ("set datestyle to 'German'",
          "select '2020-01-02'::date",
          ('raises', 'DataError: unable to parse date')),
         ("set datestyle to 'SQL, DMY'",
          "select '2020-01-02 03:04:05'::timestamp",
          ('raises', 'DataError: unable to parse date')),
         ('set extra_float_digits to 0',
          'select 1.1::float4, 0.1::float8, 1/3::float8',
          [('float', '1.1'), ('float', '0.1'), ('float', '0.333333333333333')]),
         ('set extra_float_digits to 3',
          'select 1.1::float4, 0.1::float8, 1/3::float8',
          [('float', '1.1'), ('float', '0.1'), ('float', '0.3333333333333333')]),
         ('set extra_float_digits to -15',
          'select 1/3::float8, 1e300::float8',
          [('float', '0.3'), ('float', '1e+300')]),
         ('select 1',
          "select 'NaN'::numeric, 'Infinity'::numeric, '-Infinity'::numeric",
          [('Decimal', "Decimal('NaN')"),
           ('Decimal', "Decimal('Infinity')"),
           ('Decimal', "Decimal('-Infinity')")]),
         ('select 1',
          "select '{NaN,Infinity,-Infinity,NULL,1.50}'::numeric[]",
          [[('Decimal', "Decimal('NaN')"),
            ('Decimal', "Decimal('Infinity')"),
            ('Decimal', "Decimal('-Infinity')"),
            ('NoneType', 'None'),
            ('Decimal', "Decimal('1.50')")]]),
         ('select 1',
          'select 1e-1000::numeric(2000, 1001)',
          ('raises', 'InvalidParameterValue: NUMERIC precision 2000 must be between 1 and 1000')),
         ('select 1',
          "select '-0.000'::numeric, 1.5::numeric(10,3), 123::numeric(10,0)",
          [('Decimal', "Decimal('0.000')"),
           ('Decimal', "Decimal('1.500')"),
           ('Decimal', "Decimal('123')")]),
         ('select 1', "select '[2:3]={1,2}'::int[]", [[('int', '1'), ('int', '2')]]),
         ('select 1',
          "select '{{1,2},{3,4}}'::int[]",
          [[[('int', '1'), ('int', '2')], [('int', '3'), ('int', '4')]]]),
         ('select 1', "select '{}'::int[], '{}'::text[][]", [[], []]),
         ('select 1',
          'select \'{NULL,"NULL",null,""}\'::text[]',
          [[('NoneType', 'None'), ('str', "'NULL'"), ('NoneType', 'None'), ('str', "''")]]),
         ('select 1',
          'select array[\'a,b\', \'c"d\', \' s \', E\'\\\\\', \'{}\', \'NULL\']',
          [[('str', "'a,b'"),
            ('str', '\'c"d\''),
            ('str', "' s '"),
            ('str', "'\\\\'"),
            ('str', "'{}'"),
            ('str', "'NULL'")]]),
         ('select 1',
          "select '{{a,b},{c,d}}'::text[]",
          [[[('str', "'a'"), ('str', "'b'")], [('str', "'c'"), ('str', "'d'")]]]),
         ('select 1',
          "select '{(3,4),(1,2);(5,6),(0,0)}'::box[]",
          [('str', "'{(3,4),(1,2);(5,6),(0,0)}'")]),
         ('select 1', "select (1, 'a', null, '')", [('str', '\'(1,a,,"")\'')]),
         ('select 1', "select array[(1,'a')]", [('str', '\'{"(1,a)"}\'')]),
         ('select 1',
          "select '1'::unknown, null::unknown",
          [('str', "'1'"), ('NoneType', 'None')]),
         ('select 1', 'select \'x\'::"char", \'\'::"char"', [('str', "'x'"), ('str', "''")]),
         ('select 1',
          "select 1::regclass, 'pg_type'::regclass::oid",
          [('str', "'1'"), ('int', '1247')])]


@pytest.mark.parametrize("setup, query, expected", EXTRA,
                         ids=[f"{e[0][4:30]}-{e[1][7:40]}" for e in EXTRA])
def test_with_settings(dsn, setup, query, expected):
    cnn = psycopg2.connect(dsn)
    try:
        cnn.autocommit = True
        cur = cnn.cursor()
        cur.execute("set timezone to 'UTC'")
        cur.execute(setup)
        assert fetch(cur, query) == expected
    finally:
        cnn.close()
