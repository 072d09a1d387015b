"""hstore (psycopg2.extras / psycopg2._hstore), against a real server.

Imports come from psycopg2._hstore until extras re-exports these names.
"""

import pytest

import psycopg2
try:
    from psycopg2.extras import HstoreAdapter, register_hstore
except ImportError:  # until extras re-exports them
    from psycopg2._hstore import HstoreAdapter, register_hstore


@pytest.fixture
def hconn(conn):
    cur = conn.cursor()
    cur.execute("create extension if not exists hstore")
    conn.commit()
    return conn


def fetch(conn, sql, args=None):
    cur = conn.cursor()
    cur.execute(sql, args)
    return cur.fetchone()[0]


def test_missing_extension(fresh_dsn, make_conn):
    conn = make_conn(fresh_dsn)
    with pytest.raises(psycopg2.ProgrammingError, match=(
            "hstore type not found in the database. please install it "
            "from your 'contrib/hstore.sql' file")):
        register_hstore(conn)
    assert HstoreAdapter.get_oids(conn) == ((), ())
    assert conn.status == psycopg2.extensions.STATUS_READY


def test_no_connection():
    with pytest.raises(psycopg2.ProgrammingError,
                       match="no connection or cursor provided"):
        register_hstore(None)


def test_get_oids(hconn):
    oids, array_oids = HstoreAdapter.get_oids(hconn)
    assert oids == (fetch(hconn, "select 'hstore'::regtype::oid"),)
    assert array_oids == (fetch(hconn, "select 'hstore[]'::regtype::oid"),)
    hconn.rollback()
    assert HstoreAdapter.get_oids(hconn.cursor()) == (oids, array_oids)


def test_adapter_quoting(hconn):
    a = HstoreAdapter({'a': '1', 'b': None, "c'": 'x'})
    a.prepare(hconn)
    assert a.getquoted() == \
        b"hstore(ARRAY['a','b','c'''], ARRAY['1',NULL,'x'])"
    assert a._getquoted_8() == \
        b"(('a' => '1')||('b' => NULL)||('c''' => 'x'))"
    assert HstoreAdapter({}).getquoted() == b"''::hstore"


def test_register_and_roundtrip(hconn):
    register_hstore(hconn)
    cur = hconn.cursor()
    assert cur.mogrify('%s', [{'a': '1', 'b': None}]) == \
        b"hstore(ARRAY['a','b'], ARRAY['1',NULL])"
    assert cur.mogrify('%s', [{}]) == b"''::hstore"
    data = {'a': '1', 'b': None, 'c"\\': 'x y,=>', '': ''}
    assert fetch(hconn, "select %s", [data]) == data
    assert fetch(hconn, """select 'a=>1, b=>NULL, c=>"NULL"'::hstore""") == \
        {'a': '1', 'b': None, 'c': 'NULL'}
    assert fetch(hconn, "select array['a=>1'::hstore, null, '']") == \
        [{'a': '1'}, None, {}]
    assert fetch(hconn, "select null::hstore") is None


def test_register_with_oids(hconn):
    oids, array_oids = HstoreAdapter.get_oids(hconn)
    register_hstore(hconn.cursor(), oid=oids[0], array_oid=array_oids[0])
    register_hstore(None, oid=123, array_oid=456)


def test_register_globally(hconn, make_conn):
    register_hstore(hconn, globally=True, unicode=True)
    other = make_conn()
    assert fetch(other, "select 'a=>b'::hstore") == {'a': 'b'}


@pytest.mark.parametrize("text, expected", [
    ('"a"=>"1"', {'a': '1'}), ('"a"=>"1", "b"=>NULL', {'a': '1', 'b': None}),
    ('"a"=>"1",', {'a': '1'}), ('', {}),
    ('"a\\"b"=>"c\\\\d"', {'a"b': 'c\\d'}), ('"a\\b"=>"c"', {'ab': 'c'}),
    ('"a"=>"1","a"=>"2"', {'a': '2'}), ('"a"   =>   "b"', {'a': 'b'}),
    ('"a"=>"1"  ,  "b"=>NULL', {'a': '1', 'b': None}),
])
def test_parse(text, expected):
    assert HstoreAdapter.parse(text, None) == expected


@pytest.mark.parametrize("text, message", [
    ('a=>1', 'error parsing hstore: unparsed data after char 0'),
    ('"a"=>"1" x', 'error parsing hstore: unparsed data after char 0'),
    ('"a"=>', 'error parsing hstore: unparsed data after char 0'),
    ('"a"=>"1", x', 'error parsing hstore: unparsed data after char 10'),
    ('  "a" => "1"', 'error parsing hstore pair at char 0'),
    ('"a"=>"1",,"b"=>"2"', 'error parsing hstore pair at char 9'),
    ('"a"=>"1"x"b"=>"2"', 'error parsing hstore pair at char 0'),
])
def test_parse_errors(text, message):
    with pytest.raises(psycopg2.InterfaceError) as excinfo:
        HstoreAdapter.parse(text, None)
    assert str(excinfo.value) == message


def test_parse_none():
    assert HstoreAdapter.parse(None, None) is None
    assert HstoreAdapter.parse_unicode(None, None) is None
