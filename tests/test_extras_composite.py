"""Composite types (psycopg2.extras / psycopg2._composite), real server.

Imports come from psycopg2._composite until extras re-exports these names.
"""

from decimal import Decimal

import pytest

import psycopg2
try:
    from psycopg2.extras import CompositeCaster, register_composite
except ImportError:  # until extras re-exports them
    from psycopg2._composite import CompositeCaster, register_composite


@pytest.fixture
def tconn(conn):
    cur = conn.cursor()
    cur.execute("""
        drop schema if exists cmp_s cascade; create schema cmp_s;
        create type cmp_s.card as (value int, suit text);
        create type cmp_s."Hand" as (cards cmp_s.card[], owner text);
        create type cmp_s.nested as (c cmp_s.card, n numeric);
        create type cmp_s.rr as range (subtype=int4);
        set search_path to cmp_s, public""")
    conn.commit()
    yield conn
    conn.rollback()
    cur.execute("drop schema cmp_s cascade")
    conn.commit()


def fetch(conn, sql, args=None):
    cur = conn.cursor()
    cur.execute(sql, args)
    return cur.fetchone()[0]


def test_register(tconn):
    cc = register_composite('card', tconn)
    assert tconn.status == psycopg2.extensions.STATUS_READY
    assert (cc.name, cc.schema) == ('card', 'cmp_s')
    assert cc.attnames == ['value', 'suit'] and cc.atttypes == [23, 25]
    assert cc.oid == fetch(tconn, "select 'cmp_s.card'::regtype::oid")
    assert cc.array_oid == fetch(tconn, "select 'cmp_s.card[]'::regtype::oid")
    assert cc.type._fields == ('value', 'suit')
    assert cc.typecaster.name == 'card'
    assert cc.array_typecaster.name == 'cardARRAY'
    got = fetch(tconn, "select (8, 'he\"a,rts')::card")
    assert got == cc.type(8, 'he"a,rts') and type(got) is cc.type
    assert fetch(tconn, "select array[(1, 'a')::card, null, (null, null)::card]") \
        == [(1, 'a'), None, (None, None)]


def test_nested_and_arrays(tconn):
    card = register_composite('cmp_s.card', tconn).type
    hand = register_composite('cmp_s."Hand"', tconn)
    assert hand.name == 'Hand'
    nested = register_composite('cmp_s.nested', tconn)
    got = fetch(tconn, """select (array[(1,'a b')::card], 'me')::"Hand" """)
    assert got == hand.type([card(1, 'a b')], 'me')
    got = fetch(tconn, "select ((1, 'x y'), 1.5)::nested")
    assert got == nested.type(card(1, 'x y'), Decimal('1.5'))


@pytest.mark.parametrize("name", [
    'cmp_s.card', 'CMP_S.card', '"cmp_s"."card"', 'card'])
def test_name_forms(tconn, name):
    assert register_composite(name, tconn).name == 'card'


@pytest.mark.parametrize("name", ['nosuch', 'cmp_s.nosuch', 'cmp_s.rr', 'int4'])
def test_not_found(tconn, name):
    with pytest.raises(psycopg2.ProgrammingError,
                       match=f"PostgreSQL type '{name}' not found"):
        register_composite(name, tconn)
    assert tconn.status == psycopg2.extensions.STATUS_READY


def test_factory(tconn):
    class DictComposite(CompositeCaster):
        def make(self, values):
            return dict(zip(self.attnames, values))

    register_composite('card', tconn, factory=DictComposite)
    assert fetch(tconn, "select (1, 'x')::card") == {'value': 1, 'suit': 'x'}
    assert fetch(tconn, "select array[(1, 'x')::card]") == \
        [{'value': 1, 'suit': 'x'}]


@pytest.mark.parametrize("text, tokens", [
    ('(1,a)', ['1', 'a']), ('(1,"a b")', ['1', 'a b']), ('(,)', [None, None]),
    ('(1,"a""b\\\\c")', ['1', 'a"b\\c']), ('()', [None]), ('(1)', ['1']),
    ('x', []), ('(1,a)x', ['1', 'a']), ('("(1,a)",2)', ['(1,a)', '2']),
    ('( 1 , a )', [' 1 ', ' a ']),
])
def test_tokenize(text, tokens):
    assert CompositeCaster.tokenize(text) == tokens


def test_parse_errors(tconn):
    cc = register_composite('card', tconn)
    cur = tconn.cursor()
    assert cc.parse(None, cur) is None
    assert cc.parse('( 1 , a )', cur) == (1, ' a ')
    with pytest.raises(psycopg2.DataError, match=(
            'expecting 2 components for the type card, 3 found instead')):
        cc.parse('(1,2,3)', cur)


def test_caster_constructor():
    cc = CompositeCaster('foo', 1234, [('a', 23)], array_oid=5, schema='s')
    assert (cc.name, cc.oid, cc.array_oid, cc.schema) == ('foo', 1234, 5, 's')
    assert cc.make([1]) == cc.type(1)
    assert cc.array_typecaster.name == 'fooARRAY'
    with pytest.raises(ValueError):
        CompositeCaster('foo', 1234, [('class', 23)])
