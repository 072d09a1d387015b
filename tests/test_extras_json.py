"""Json adapter and json/jsonb typecasters (psycopg2 2.9 behaviour)."""

import json

import pytest

import psycopg2
import psycopg2.extensions as ext

try:
    from psycopg2.extras import (
        Json, register_default_json, register_default_jsonb, register_json)
except ImportError:  # until psycopg2.extras re-exports them
    from psycopg2._json import (
        Json, register_default_json, register_default_jsonb, register_json)
from psycopg2._json import (
    JSON_OID, JSONARRAY_OID, JSONB_OID, JSONBARRAY_OID)


@pytest.fixture
def global_casters():
    """Restore the global typecasters after a test that changes them."""
    saved = dict(ext.string_types)
    yield
    ext.string_types.clear()
    ext.string_types.update(saved)


def tagged(s):
    return ("L", s)


def test_oid_constants():
    assert (JSON_OID, JSONARRAY_OID, JSONB_OID, JSONBARRAY_OID) == (
        114, 199, 3802, 3807)


# Json adapter

def test_json_quoting(conn):
    j = Json({"a": "é", "b": [1, None]})
    expected = b"'{\"a\": \"\\u00e9\", \"b\": [1, null]}'"
    assert j.getquoted() == expected
    assert str(j) == expected.decode()
    assert conn.cursor().mogrify("%s", (j,)) == expected
    assert j.adapted == {"a": "é", "b": [1, None]}


def test_json_quotes_apostrophes(conn):
    assert conn.cursor().mogrify("%s", [Json("it's")]) == b"'\"it''s\"'"
    assert Json(None).getquoted() == b"'null'"


def test_json_roundtrip(conn):
    cur = conn.cursor()
    cur.execute("select %s::json, %s::jsonb", [Json([1, {"a": "é"}]),
                                                Json({"b": None})])
    assert cur.fetchone() == ([1, {"a": "é"}], {"b": None})


def test_json_custom_dumps():
    assert Json({"x": 1}, dumps=lambda o: "CUSTOM").getquoted() == b"'CUSTOM'"


def test_json_dumps_overridden_in_subclass(conn):
    class MyJson(Json):
        def dumps(self, obj):
            return "SUB"

    assert MyJson(1).getquoted() == b"'SUB'"
    assert conn.cursor().mogrify("%s", [MyJson(1)]) == b"'SUB'"


def test_json_conform():
    j = Json(1)
    assert j.__conform__(ext.ISQLQuote) is j
    assert j.__conform__(object) is None


def non_ascii_dumps(obj):
    return json.dumps(obj, ensure_ascii=False)


def test_json_uses_connection_encoding(conn):
    j = Json("é€", dumps=non_ascii_dumps)
    j.prepare(conn)
    assert j.getquoted() == "'\"é€\"'".encode("utf8")
    conn.set_client_encoding("LATIN1")
    j = Json("é", dumps=non_ascii_dumps)
    j.prepare(conn)
    assert j.getquoted() == b"'\"\xe9\"'"
    assert str(j) == "'\"\ufffd\"'"


def test_json_unencodable(conn):
    conn.set_client_encoding("LATIN1")
    with pytest.raises(UnicodeEncodeError):
        conn.cursor().mogrify("%s", [Json("€", dumps=non_ascii_dumps)])


def test_json_unprepared_is_latin1():
    assert Json("é", dumps=non_ascii_dumps).getquoted() == b"'\"\xe9\"'"


def test_json_bad_dumps():
    assert Json("x", dumps=lambda o: b'"b"').getquoted() == b"'\"b\"'"
    with pytest.raises(TypeError, match="can't quote non-string object"):
        Json("x", dumps=lambda o: 42).getquoted()
    with pytest.raises(TypeError, match="not JSON serializable"):
        Json(object()).getquoted()


# typecasters

def test_builtin_casters(conn):
    cur = conn.cursor()
    cur.execute("""select '{"a":1}'::json, array['[1]'::json, null],
                   '{"b":2}'::jsonb, null::jsonb""")
    assert cur.fetchone() == ({"a": 1}, [[1], None], {"b": 2}, None)


def test_register_json_replaces_default_caster(conn):
    json_caster, array_caster = register_json(conn, loads=tagged)
    assert (json_caster.name, json_caster.values) == ("JSON", (114,))
    assert (array_caster.name, array_caster.values) == ("JSONARRAY", (199,))
    cur = conn.cursor()
    cur.execute("""select '{"a":1}'::json, array['[1]'::json, null],
                   '{"b":2}'::jsonb""")
    assert cur.fetchone() == (("L", '{"a":1}'), [("L", "[1]"), None],
                              {"b": 2})


def test_register_json_lookup_leaves_transaction_state(conn):
    register_json(conn)
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE
    conn.cursor().execute("select 1")
    register_json(conn)
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_INTRANS


def test_register_json_lookup_uses_own_cursor(conn):
    cur = conn.cursor()
    cur.execute("select 42")
    register_json(cur)
    assert cur.query == b"select 42"


def test_register_default_jsonb(conn):
    casters = register_default_jsonb(conn, loads=tagged)
    assert [(c.name, c.values) for c in casters] == [
        ("JSONB", (3802,)), ("JSONBARRAY", (3807,))]
    cur = conn.cursor()
    cur.execute("""select '{"a":1}'::jsonb, array['[1]'::jsonb], '1'::json""")
    assert cur.fetchone() == (("L", '{"a": 1}'), [("L", "[1]")], 1)


def test_register_on_cursor_only(conn):
    cur = conn.cursor()
    casters = register_default_json(cur, loads=tagged)
    assert [(c.name, c.values) for c in casters] == [
        ("JSON", (114,)), ("JSONARRAY", (199,))]
    cur.execute("select '1'::json")
    assert cur.fetchone() == (("L", "1"),)
    other = conn.cursor()
    other.execute("select '1'::json")
    assert other.fetchone() == (1,)


def test_register_json_by_name(conn):
    casters = register_json(conn, name="jsonb")
    assert [(c.name, c.values) for c in casters] == [
        ("JSONB", (3802,)), ("JSONBARRAY", (3807,))]
    casters = register_json(conn, name="jsonpath")
    assert [c.name for c in casters] == ["JSONPATH", "JSONPATHARRAY"]
    assert casters[0]("[1]", None) == [1]
    assert casters[0](None, None) is None
    assert casters[1]('{"[1]",NULL}', conn.cursor()) == [[1], None]


def test_register_json_name_is_a_typname(conn):
    casters = register_json(conn, name="_int4")
    assert [(c.name, c.values) for c in casters] == [
        ("_INT4", (1007,)), ("_INT4ARRAY", (0,))]
    for name in ["INT4", "int", "pg_catalog.int4", "int4[]", "nosuchtype"]:
        with pytest.raises(psycopg2.ProgrammingError) as excinfo:
            register_json(conn, name=name)
        assert str(excinfo.value) == f"{name} data type not found"


def test_register_json_temp_type(conn):
    conn.cursor().execute("create type pg_temp.foo as (a int)")
    casters = register_json(conn, name="foo")
    assert [c.name for c in casters] == ["FOO", "FOOARRAY"]


def test_register_json_needs_a_connection():
    with pytest.raises(psycopg2.ProgrammingError,
                       match="no connection or cursor provided"):
        register_json()


def test_register_json_closed_connection(conn):
    conn.close()
    with pytest.raises(psycopg2.InterfaceError):
        register_json(conn)


def test_register_json_given_oid_no_array(global_casters):
    json_caster, array_caster = register_json(oid=1234)
    assert (json_caster.name, json_caster.values) == ("JSON", (1234,))
    assert array_caster is None
    casters = register_json(oid=1234, array_oid=1235, name="foo")
    assert [(c.name, c.values) for c in casters] == [
        ("FOO", (1234,)), ("FOOARRAY", (1235,))]


def test_register_globally(make_conn, global_casters):
    conn = make_conn()
    register_default_json(conn, globally=True, loads=tagged)
    cur = make_conn().cursor()
    cur.execute("select '[1]'::json, array['[2]'::json]")
    assert cur.fetchone() == (("L", "[1]"), [("L", "[2]")])


def test_register_without_scope_is_global(make_conn, global_casters):
    register_default_jsonb(loads=tagged)
    cur = make_conn().cursor()
    cur.execute("select '[1]'::jsonb")
    assert cur.fetchone() == (("L", "[1]"),)
