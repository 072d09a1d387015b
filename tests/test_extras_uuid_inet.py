"""uuid, Inet and ipaddress support (psycopg2 2.9 behaviour)."""

import ipaddress as ip
import uuid

import pytest

import psycopg2
import psycopg2.extensions as ext
from psycopg2 import _ipaddress

try:
    from psycopg2.extras import (
        Inet, UUID_adapter, register_inet, register_ipaddress, register_uuid)
except ImportError:  # until psycopg2.extras re-exports them
    from psycopg2._inet import Inet, register_inet
    from psycopg2._ipaddress import register_ipaddress
    from psycopg2._uuid import UUID_adapter, register_uuid

U = uuid.UUID("12345678-1234-5678-1234-567812345678")
U_TEXT = "12345678-1234-5678-1234-567812345678"


@pytest.fixture(autouse=True)
def global_registries():
    """These registrations touch the global adapters: undo them."""
    adapters = dict(ext.adapters)
    casters = dict(ext.string_types)
    yield
    ext.adapters.clear()
    ext.adapters.update(adapters)
    ext.string_types.clear()
    ext.string_types.update(casters)


def fetch(conn, query):
    cur = conn.cursor()
    cur.execute(query)
    return cur.fetchone()


# uuid

def test_uuid_not_adapted_by_default(conn):
    with pytest.raises(psycopg2.ProgrammingError,
                       match="can't adapt type 'UUID'"):
        conn.cursor().mogrify("%s", [U])
    assert fetch(conn, f"select '{U_TEXT}'::uuid") == (U_TEXT,)


def test_uuid_adapter():
    a = UUID_adapter(U)
    assert a.getquoted() == f"'{U_TEXT}'::uuid".encode()
    assert str(a) == f"'{U_TEXT}'::uuid"
    assert a.__conform__(ext.ISQLQuote) is a
    assert a.__conform__(int) is None
    assert UUID_adapter("abc").getquoted() == b"'abc'::uuid"


def test_register_uuid_on_connection(make_conn):
    conn = make_conn()
    caster = register_uuid(conn_or_curs=conn)
    assert (caster.name, caster.values) == ("UUID", (2950,))
    cur = conn.cursor()
    assert cur.mogrify("%s", [U]) == f"'{U_TEXT}'::uuid".encode()
    assert cur.mogrify("%s", [[U, None]]) == (
        f"ARRAY['{U_TEXT}'::uuid,NULL]".encode())
    row = fetch(conn, f"select '{U_TEXT}'::uuid, array['{U_TEXT}'::uuid, null],"
                      " null::uuid")
    assert row == (U, [U, None], None)
    assert fetch(make_conn(), f"select '{U_TEXT}'::uuid") == (U_TEXT,)


def test_uuid_roundtrip(conn):
    register_uuid(conn_or_curs=conn)
    assert fetch(conn, conn.cursor().mogrify("select %s", [U])) == (U,)


def test_register_uuid_globally(make_conn):
    caster = register_uuid()
    assert caster.values == (2950,)
    assert ext.adapters[(uuid.UUID, ext.ISQLQuote)] is UUID_adapter
    row = fetch(make_conn(), f"select '{U_TEXT}'::uuid, array['{U_TEXT}'::uuid]")
    assert row == (U, [U])


def test_register_uuid_single_oid_keeps_array(conn):
    caster = register_uuid(oids=2950, conn_or_curs=conn)
    assert caster.values == (2950,)
    assert fetch(conn, f"select array['{U_TEXT}'::uuid]") == ([U],)


def test_register_uuid_oid_pair(conn):
    register_uuid(oids=(2950, 25), conn_or_curs=conn)
    with pytest.raises(psycopg2.DataError, match="array does not start"):
        fetch(conn, "select 'abc'::text")


def test_register_uuid_bad_oids(conn):
    with pytest.raises(ValueError, match="not enough values to unpack"):
        register_uuid(oids=[2950], conn_or_curs=conn)


# Inet (deprecated)

def test_inet_adapter(conn):
    i = Inet("1.2.3.4/24")
    assert repr(i) == "Inet('1.2.3.4/24')"
    assert str(i) == "1.2.3.4/24"
    assert i.addr == "1.2.3.4/24"
    assert i.__conform__(ext.ISQLQuote) is i
    assert i.__conform__(int) is None
    cur = conn.cursor()
    assert cur.mogrify("%s", [i]) == b"'1.2.3.4/24'::inet"
    assert cur.mogrify("%s", [[Inet("1.2.3.4"), Inet("::1")]]) == (
        b"ARRAY['1.2.3.4'::inet,'::1'::inet]")


@pytest.mark.parametrize("addr, quoted", [
    ("x'y", b"'x''y'::inet"),
    (None, b"NULL::inet"),
    (1, b"1::inet"),
    (1.5, b"1.5::inet"),
    (b"1.2.3.4", b"'\\x312e322e332e34'::bytea::inet"),
    ("é", b"'\xc3\xa9'::inet"),
])
def test_inet_quoting(conn, addr, quoted):
    assert conn.cursor().mogrify("%s", [Inet(addr)]) == quoted
    i = Inet(addr)
    i.prepare(conn)
    assert i.getquoted() == quoted


def test_inet_string_needs_prepare():
    with pytest.raises(AttributeError, match="_conn"):
        Inet("1.2.3.4").getquoted()
    assert Inet(1).getquoted() == b"1::inet"


def test_register_inet(make_conn):
    conn = make_conn()
    with pytest.warns(DeprecationWarning, match="inet adapter is deprecated"):
        caster = register_inet(conn_or_curs=conn)
    assert (caster.name, caster.values) == ("INET", (869,))
    row = fetch(conn, "select '1.2.3.4/24'::inet, '1.2.3.0/24'::cidr,"
                      " array['::1'::inet, null], null::inet")
    assert type(row[0]) is Inet and row[0].addr == "1.2.3.4/24"
    assert row[1] == "1.2.3.0/24"
    assert [type(x) for x in row[2]] == [Inet, type(None)]
    assert row[2][0].addr == "::1"
    assert row[3] is None
    assert fetch(make_conn(), "select '1.2.3.4'::inet") == ("1.2.3.4",)


def test_register_inet_other_oid(conn):
    with pytest.warns(DeprecationWarning):
        caster = register_inet(oid=650, conn_or_curs=conn)
    assert caster.values == (650,)
    row = fetch(conn, "select '1.2.3.4'::inet, array['::1'::inet],"
                      " '1.0.0.0/8'::cidr, array['1.0.0.0/8'::cidr]")
    assert row[0] == "1.2.3.4"
    assert type(row[1][0]) is Inet
    assert type(row[2]) is Inet
    assert row[3] == ["1.0.0.0/8"]


def test_inet_caster_empty_and_null(conn):
    with pytest.warns(DeprecationWarning):
        caster = register_inet(oid=(869, 1041), conn_or_curs=conn)
    assert caster("", None) is None
    assert caster(None, None) is None
    assert caster("x", None).addr == "x"


# ipaddress

IP_VALUES = [ip.ip_interface("1.2.3.4/24"), ip.ip_network("1.2.3.0/24"),
             ip.ip_interface("::1/128"), ip.ip_network("::/0")]


def test_ipaddress_not_adapted_by_default(conn):
    for value in IP_VALUES:
        with pytest.raises(psycopg2.ProgrammingError, match="can't adapt"):
            conn.cursor().mogrify("%s", [value])


def test_register_ipaddress(make_conn):
    conn = make_conn()
    assert register_ipaddress(conn) is None
    row = fetch(conn, "select '1.2.3.4/24'::inet, '1.2.3.4'::inet,"
                      " '1.2.3.0/24'::cidr, array['::1'::inet, null],"
                      " array['1.0.0.0/8'::cidr], null::inet, null::cidr")
    assert row == (ip.IPv4Interface("1.2.3.4/24"), ip.IPv4Interface("1.2.3.4"),
                   ip.IPv4Network("1.2.3.0/24"), [ip.IPv6Interface("::1"), None],
                   [ip.IPv4Network("1.0.0.0/8")], None, None)
    assert fetch(make_conn(), "select '1.2.3.4/24'::inet") == ("1.2.3.4/24",)


def test_ipaddress_adapters(conn):
    register_ipaddress(conn)
    cur = conn.cursor()
    quoted = [cur.mogrify("%s", [v]) for v in IP_VALUES]
    assert quoted == [b"'1.2.3.4/24'", b"'1.2.3.0/24'", b"'::1/128'",
                      b"'::/0'"]
    with pytest.raises(psycopg2.ProgrammingError,
                       match="can't adapt type 'IPv4Address'"):
        cur.mogrify("%s", [ip.ip_address("1.2.3.4")])


def test_ipaddress_roundtrip(conn):
    register_ipaddress(conn)
    cur = conn.cursor()
    cur.execute("select %s::inet, %s::cidr, %s::inet[]", IP_VALUES[:2]
                + [[IP_VALUES[2]]])
    assert cur.fetchone() == (IP_VALUES[0], IP_VALUES[1], [IP_VALUES[2]])


def test_register_ipaddress_globally(make_conn):
    register_ipaddress()
    assert [ext.string_types[oid].name for oid in (869, 1041, 650, 651)] == [
        "INET", "INET[]", "CIDR", "CIDR[]"]
    row = fetch(make_conn(), "select '1.2.3.4/24'::inet, '1.2.3.0/24'::cidr")
    assert row == (ip.IPv4Interface("1.2.3.4/24"), ip.IPv4Network("1.2.3.0/24"))


def test_cast_functions():
    register_ipaddress(None)  # psycopg2 imports ipaddress on registration
    assert _ipaddress.cast_interface("1.2.3.4/24") == ip.ip_interface(
        "1.2.3.4/24")
    assert _ipaddress.cast_interface(None, None) is None
    assert _ipaddress.cast_network("10.0.0.0/8", None) == ip.ip_network(
        "10.0.0.0/8")
    assert _ipaddress.cast_network(None) is None
    with pytest.raises(ValueError, match="has host bits set"):
        _ipaddress.cast_network("10.0.0.1/8")
    with pytest.raises(ValueError, match="does not appear to be"):
        _ipaddress.cast_interface("")


def test_adapt_ipaddress():
    adapted = _ipaddress.adapt_ipaddress(ip.ip_network("::/0"))
    assert isinstance(adapted, ext.QuotedString)
    assert adapted.getquoted() == b"'::/0'"
