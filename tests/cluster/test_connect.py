"""psycopg2.connect(... load_balance=...) against a fake YugabyteDB cluster.

Properties in every form, their removal before libpq, the spreading of
connections by mode and topology keys, plain PostgreSQL, public addresses
and two clusters in one process.  Real servers (scripts/fakeyb.py): the
`yb` fixture is six nodes, 0-1 in cloud1.region1.zone1 and 2-3 in
cloud1.region1.zone2 (primaries), 4-5 in cloud1.region1.zone3 (read
replicas).  Counts come from the servers' pg_stat_activity.
"""

import logging
import time

import pytest

import psycopg2
import psycopg2.extensions
from psycopg2.cluster import load_table
from psycopg2.cluster._properties import PROPERTY_NAMES

ZONE1, ZONE2, ZONE3 = ("cloud1.region1.zone1", "cloud1.region1.zone2",
                       "cloud1.region1.zone3")
ALL_PROPS = ("load_balance=true topology_keys=cloud1.region1.zone2:1 "
             "yb_servers_refresh_interval=30 failed_host_ttl_seconds=3 "
             "fallback_to_topology_keys_only=false")


def no_property_in(conn):
    params = conn.info.dsn_parameters
    leaked = [p for p in PROPERTY_NAMES if p in conn.dsn or p in params]
    leaked += [p for p in PROPERTY_NAMES if p in conn.get_dsn_parameters()]
    return not leaked


def url(yb, i=0, query=""):
    nd = yb[i]
    return f"postgresql://postgres@{nd.host}:{nd.port}/postgres" + (
        "?" + query if query else "")


# ------------------------------------------------------------ property forms

def test_keyvalue_form(yb, lb):
    lb.prime(yb)
    lb.many(4, lb.dsn(yb, "load_balance=true topology_keys=cloud1.region1.zone2:1"))
    assert lb.wait(yb, [0, 0, 2, 2, 0, 0]) == [0, 0, 2, 2, 0, 0]


def test_url_form_mixed_with_libpq_options(yb, lb):
    lb.prime(yb)
    query = (f"connect_timeout=5&load_balance=only-rr&application_name={lb.app}"
             "&yb_servers_refresh_interval=0&sslmode=disable"
             "&failed_host_ttl_seconds=2")
    conns = lb.many(4, url(yb, 0, query))
    assert lb.wait(yb, [0, 0, 0, 0, 2, 2]) == [0, 0, 0, 0, 2, 2]
    for conn in conns:
        params = conn.info.dsn_parameters
        assert params["connect_timeout"] == "5"
        assert params["sslmode"] == "disable"
        assert params["application_name"] == lb.app
        assert no_property_in(conn)


def test_url_form_only_properties_in_query(yb, lb):
    lb.prime(yb)
    conn = lb.connect(url(yb, 0, "load_balance=only-rr&topology_keys="
                                 "cloud1.region1.zone3%3A1"),
                      application_name=lb.app)
    assert conn.info.host in (yb[4].host, yb[5].host)
    assert no_property_in(conn)


def test_keyword_form(yb, lb):
    lb.prime(yb)
    nd = yb[0]
    lb.many(6, host=nd.host, port=nd.port, user="postgres", dbname="postgres",
            application_name=lb.app, load_balance=True)
    assert lb.wait(yb, [1] * 6) == [1] * 6


def test_keyword_form_all_properties(yb, lb):
    lb.prime(yb)
    nd = yb[0]
    conns = lb.many(4, host=nd.host, port=nd.port, dbname="postgres", user="postgres",
                    application_name=lb.app, load_balance="prefer-primary",
                    topology_keys="cloud1.region1.zone1:1",
                    yb_servers_refresh_interval=0, failed_host_ttl_seconds=1,
                    fallback_to_topology_keys_only=True)
    assert lb.wait(yb, [2, 2, 0, 0, 0, 0]) == [2, 2, 0, 0, 0, 0]
    assert all(no_property_in(c) for c in conns)


def test_database_keyword_and_cursor_factory(yb, lb):
    class MyCursor(psycopg2.extensions.cursor):
        pass

    lb.prime(yb)
    nd = yb[0]
    conn = lb.connect(f"host={nd.host} port={nd.port} user=postgres "
                      f"application_name={lb.app}", database="postgres",
                      load_balance="true", cursor_factory=MyCursor)
    assert conn.info.dbname == "postgres"
    cur = conn.cursor()
    assert type(cur) is MyCursor
    cur.execute("select 1 as one")
    assert cur.fetchone() == (1,)


def test_url_and_keyvalue_share_one_load_table(yb, lb):
    """Same contact host and port, two spellings: one cluster, one count."""
    lb.prime(yb)
    lb.many(3, url(yb, 0, f"load_balance=true&application_name={lb.app}"))
    lb.many(3, lb.dsn(yb))
    assert lb.counts(yb) == [1] * 6


def test_keyword_overrides_dsn(yb, lb):
    lb.prime(yb)
    lb.many(4, lb.dsn(yb, "load_balance=only-primary"), load_balance="only-rr")
    assert lb.wait(yb, [0, 0, 0, 0, 2, 2]) == [0, 0, 0, 0, 2, 2]


def test_keyword_false_overrides_dsn_true(yb, lb):
    conns = lb.many(3, lb.dsn(yb, "load_balance=true"), load_balance=False)
    assert [c.info.host for c in conns] == [yb[0].host] * 3
    assert lb.wait(yb, [3, 0, 0, 0, 0, 0]) == [3, 0, 0, 0, 0, 0]


def test_keyword_topology_overrides_dsn(yb, lb):
    lb.prime(yb)
    lb.many(2, lb.dsn(yb, "load_balance=true topology_keys=cloud1.region1.zone1:1"),
            topology_keys="cloud1.region1.zone2:1")
    assert lb.wait(yb, [0, 0, 1, 1, 0, 0]) == [0, 0, 1, 1, 0, 0]


@pytest.mark.parametrize("word", ["TRUE", "True", "Any", "ANY", "true"])
def test_mode_case_insensitive(yb, lb, word):
    lb.prime(yb)
    lb.many(6, lb.dsn(yb, f"load_balance={word}"))
    assert lb.wait(yb, [1] * 6) == [1] * 6


def test_mode_words_case_insensitive(yb, lb):
    lb.prime(yb)
    lb.many(2, lb.dsn(yb, "load_balance=Only-RR"))
    lb.many(2, lb.dsn(yb, "load_balance=PREFER-RR"))
    assert lb.wait(yb, [0, 0, 0, 0, 2, 2]) == [0, 0, 0, 0, 2, 2]


def test_alias_failed_host_reconnect_delay_secs(yb, lb):
    conn = lb.connect(lb.dsn(yb, "load_balance=true failed_host_reconnect_delay_secs=7"))
    assert no_property_in(conn)


# ------------------------------------------------------------ malformed values

BAD_VALUES = [
    ("load_balance", "maybe"),
    ("load_balance", "only_primary"),
    ("load_balance", "yes"),
    ("load_balance", "1"),
    ("topology_keys", "cloud1.region1"),
    ("topology_keys", "cloud1.region1.zone1.extra:1"),
    ("topology_keys", "cloud1.region1.zone1:0"),
    ("topology_keys", "cloud1.region1.zone1:11"),
    ("topology_keys", "cloud1.region1.zone1:x"),
    ("topology_keys", "cloud1.region1.zone1:2"),
    ("topology_keys", "cloud1.region1.zone1:1,,cloud1.region1.zone2:2"),
    ("topology_keys", "*.region1.zone1:1"),
    ("topology_keys", "cloud1..zone1:1"),
    ("yb_servers_refresh_interval", "-1"),
    ("yb_servers_refresh_interval", "601"),
    ("yb_servers_refresh_interval", "abc"),
    ("yb_servers_refresh_interval", "1.5"),
    ("failed_host_ttl_seconds", "61"),
    ("failed_host_ttl_seconds", "-5"),
    ("failed_host_ttl_seconds", "soon"),
    ("failed_host_reconnect_delay_secs", "99"),
    ("fallback_to_topology_keys_only", "yes"),
    ("fallback_to_topology_keys_only", "1"),
]


def _check_names(excinfo, name, value):
    message = str(excinfo.value)
    assert name in message
    assert value in message


@pytest.mark.parametrize("name, value", BAD_VALUES)
def test_bad_value_keyvalue(yb, name, value):
    with pytest.raises(psycopg2.ProgrammingError) as excinfo:
        psycopg2.connect(yb.contact_dsn() + f" load_balance=true {name}='{value}'"
                         if name != "load_balance" else
                         yb.contact_dsn() + f" {name}='{value}'")
    _check_names(excinfo, name, value)


@pytest.mark.parametrize("name, value", BAD_VALUES[::3])
def test_bad_value_url(yb, name, value):
    from urllib.parse import quote

    query = f"{name}={quote(value, safe='')}"
    if name != "load_balance":
        query = "load_balance=true&" + query
    with pytest.raises(psycopg2.ProgrammingError) as excinfo:
        psycopg2.connect(url(yb, 0, query))
    _check_names(excinfo, name, value)


@pytest.mark.parametrize("name, value", BAD_VALUES[1::3])
def test_bad_value_keyword(yb, name, value):
    kwargs = {name: value}
    if name != "load_balance":
        kwargs["load_balance"] = True
    with pytest.raises(psycopg2.ProgrammingError) as excinfo:
        psycopg2.connect(yb.contact_dsn(), **kwargs)
    _check_names(excinfo, name, value)


@pytest.mark.parametrize("name, value", [
    ("load_balance", 3), ("load_balance", 1.0),
    ("yb_servers_refresh_interval", True), ("yb_servers_refresh_interval", 2.5),
    ("yb_servers_refresh_interval", 601), ("failed_host_ttl_seconds", -1),
    ("failed_host_ttl_seconds", 61), ("fallback_to_topology_keys_only", 1),
    ("topology_keys", 5),
])
def test_bad_python_value_keyword(yb, name, value):
    kwargs = {name: value}
    if name != "load_balance":
        kwargs["load_balance"] = "true"
    with pytest.raises(psycopg2.ProgrammingError) as excinfo:
        psycopg2.connect(yb.contact_dsn(), **kwargs)
    _check_names(excinfo, name, str(value))


def test_bad_value_with_load_balance_false(yb):
    """A bad value is an error even when balancing is off, never ignored."""
    with pytest.raises(psycopg2.ProgrammingError) as excinfo:
        psycopg2.connect(yb.contact_dsn() + " load_balance=false "
                         "failed_host_ttl_seconds=100")
    _check_names(excinfo, "failed_host_ttl_seconds", "100")


def test_bad_value_overridden_by_keyword_still_reported(yb):
    with pytest.raises(psycopg2.ProgrammingError) as excinfo:
        psycopg2.connect(yb.contact_dsn() + " load_balance=sometimes",
                         load_balance=True)
    _check_names(excinfo, "load_balance", "sometimes")


def test_bad_value_opens_no_connection(yb, lb):
    with pytest.raises(psycopg2.ProgrammingError):
        psycopg2.connect(lb.dsn(yb, "load_balance=true topology_keys=nope:1"))
    assert lb.counts(yb) == [0] * 6


# ------------------------------------------------------------ stripping

@pytest.mark.parametrize("mode", ["true", "false", "only-rr"])
def test_properties_never_reach_libpq_keyvalue(yb, lb, mode):
    props = ALL_PROPS.replace("load_balance=true", f"load_balance={mode}")
    props = props.replace("topology_keys=cloud1.region1.zone2:1",
                          "topology_keys=cloud1.region1.zone3:1")
    conn = lb.connect(lb.dsn(yb, props))
    assert no_property_in(conn)
    assert conn.info.dsn_parameters["application_name"] == lb.app


def test_properties_never_reach_libpq_false_url_and_keywords(yb, lb):
    conn = lb.connect(url(yb, 0, "load_balance=false&failed_host_ttl_seconds=1"),
                      topology_keys="cloud1.region1.zone1:1",
                      yb_servers_refresh_interval=5)
    assert conn.info.host == yb[0].host
    assert no_property_in(conn)
    conn = lb.connect(url(yb, 0, "load_balance=false"))
    assert no_property_in(conn)
    assert "?" not in conn.dsn


def test_no_forced_port_pgport(yb, lb, monkeypatch):
    """The DSN has no port: libpq takes PGPORT, with or without balancing."""
    monkeypatch.setenv("PGPORT", str(yb.port))
    dsn = f"host={yb[0].host} user=postgres dbname=postgres application_name={lb.app}"
    plain = lb.connect(dsn + " load_balance=false")
    assert "port" not in psycopg2.extensions.parse_dsn(plain.dsn)
    assert plain.info.port == yb.port
    balanced = lb.many(6, dsn + " load_balance=true")
    assert {c.info.port for c in balanced} == {yb.port}
    assert lb.wait(yb, [3, 1, 1, 1, 1, 1]) == [3, 1, 1, 1, 1, 1]  # + control


def test_pghost_and_pgport(yb, lb, monkeypatch):
    monkeypatch.setenv("PGHOST", yb[0].host)
    monkeypatch.setenv("PGPORT", str(yb.port))
    lb.prime(yb)
    lb.many(6, f"user=postgres dbname=postgres application_name={lb.app} "
               "load_balance=true")
    assert lb.wait(yb, [1] * 6) == [1] * 6


def test_multi_host_kept_without_balancing(yb, lb):
    yb.stop(1)
    dsn = (f"host={yb[1].host},{yb[2].host} port={yb.port},{yb.port} "
           f"user=postgres dbname=postgres application_name={lb.app} "
           "load_balance=false")
    conn = lb.connect(dsn)
    assert conn.info.host == yb[2].host
    assert f"host={yb[1].host},{yb[2].host}" in conn.dsn
    assert no_property_in(conn)


def test_multi_host_contact_list_with_balancing(yb, lb):
    """The first contact host is down: libpq's own multi-host logic opens
    the control connection on the second; then connections spread."""
    yb.stop(0)
    dsn = (f"host={yb[0].host},{yb[3].host} port={yb.port} user=postgres "
           f"dbname=postgres application_name={lb.ctl} load_balance=true")
    load_table(dsn)   # control connection, under lb.ctl
    lb.many(10, dsn.replace(lb.ctl, lb.app))
    counts = lb.wait(yb, [None, 2, 2, 2, 2, 2])
    assert counts == [None, 2, 2, 2, 2, 2]


# ------------------------------------------------------------ spreading

def test_twelve_connections_two_per_node(yb, lb):
    lb.prime(yb)
    conns = lb.many(12, lb.dsn(yb))
    assert lb.wait(yb, [2] * 6) == [2] * 6
    assert all(c.info.port == yb.port for c in conns)
    rows = lb.rows(lb.dsn(yb))
    assert sorted(rows) == sorted(yb.hosts)
    assert {r.connections for r in rows.values()} == {2}


def test_control_connection_counts_are_separate(yb, lb):
    """Without priming, the control connection is one more session on the
    contact node: it is not one of the counted connections."""
    lb.many(12, lb.dsn(yb))
    assert lb.wait(yb, [3, 2, 2, 2, 2, 2]) == [3, 2, 2, 2, 2, 2]


def test_only_primary(yb, lb):
    lb.prime(yb)
    lb.many(8, lb.dsn(yb, "load_balance=only-primary"))
    assert lb.wait(yb, [2, 2, 2, 2, 0, 0]) == [2, 2, 2, 2, 0, 0]


def test_only_rr(yb, lb):
    lb.prime(yb)
    lb.many(6, lb.dsn(yb, "load_balance=only-rr"))
    assert lb.wait(yb, [0, 0, 0, 0, 3, 3]) == [0, 0, 0, 0, 3, 3]


def test_only_rr_without_read_replicas_is_an_error(yb, lb):
    yb.set_type(4, "primary")
    yb.set_type(5, "primary")
    with pytest.raises(psycopg2.OperationalError) as excinfo:
        lb.connect(lb.dsn(yb, "load_balance=only-rr"))
    assert "only-rr" in str(excinfo.value)
    assert lb.counts(yb) == [1, 0, 0, 0, 0, 0]   # the control connection only


def test_only_primary_without_primaries_is_an_error(yb, lb):
    for i in range(4):
        yb.set_type(i, "read_replica")
    with pytest.raises(psycopg2.OperationalError) as excinfo:
        lb.connect(lb.dsn(yb, "load_balance=only-primary"))
    assert "only-primary" in str(excinfo.value)


def test_prefer_primary(yb, lb):
    lb.prime(yb)
    lb.many(4, lb.dsn(yb, "load_balance=prefer-primary"))
    assert lb.wait(yb, [1, 1, 1, 1, 0, 0]) == [1, 1, 1, 1, 0, 0]


def test_prefer_primary_falls_back_to_replicas(yb, lb):
    lb.prime(yb, i=4)
    for i in range(4):
        yb.stop(i)
    lb.many(4, lb.dsn(yb, "load_balance=prefer-primary", i=4))
    assert lb.wait(yb, [None] * 4 + [2, 2]) == [None] * 4 + [2, 2]


def test_prefer_rr(yb, lb):
    lb.prime(yb)
    lb.many(4, lb.dsn(yb, "load_balance=prefer-rr"))
    assert lb.wait(yb, [0, 0, 0, 0, 2, 2]) == [0, 0, 0, 0, 2, 2]


def test_prefer_rr_falls_back_to_primaries(yb, lb):
    lb.prime(yb)
    yb.stop(4)
    yb.stop(5)
    lb.many(8, lb.dsn(yb, "load_balance=prefer-rr"))
    assert lb.wait(yb, [2, 2, 2, 2, None, None]) == [2, 2, 2, 2, None, None]


def test_prefer_rr_uses_type_change(yb, lb):
    """No replica left by type (not by failure): prefer-rr uses primaries."""
    yb.set_type(4, "primary")
    yb.set_type(5, "primary")
    lb.prime(yb)
    lb.many(6, lb.dsn(yb, "load_balance=prefer-rr"))
    assert lb.wait(yb, [1] * 6) == [1] * 6


# ------------------------------------------------------------ topology keys

def test_topology_one_zone(yb, lb):
    lb.prime(yb)
    lb.many(6, lb.dsn(yb, f"load_balance=true topology_keys={ZONE2}:1"))
    assert lb.wait(yb, [0, 0, 3, 3, 0, 0]) == [0, 0, 3, 3, 0, 0]


def test_topology_level_without_number_is_one(yb, lb):
    lb.prime(yb)
    lb.many(4, lb.dsn(yb, f"load_balance=true topology_keys={ZONE1}"))
    assert lb.wait(yb, [2, 2, 0, 0, 0, 0]) == [2, 2, 0, 0, 0, 0]


def test_topology_two_zones_same_level(yb, lb):
    lb.prime(yb)
    lb.many(8, lb.dsn(yb, f"load_balance=true topology_keys={ZONE1}:1,{ZONE3}:1"))
    assert lb.wait(yb, [2, 2, 0, 0, 2, 2]) == [2, 2, 0, 0, 2, 2]


def test_topology_second_level_when_first_down(yb, lb):
    lb.prime(yb)
    yb.stop(2)
    yb.stop(3)
    lb.many(6, lb.dsn(yb, f"load_balance=true topology_keys={ZONE2}:1,{ZONE3}:2"))
    assert lb.wait(yb, [0, 0, None, None, 3, 3]) == [0, 0, None, None, 3, 3]


def test_topology_second_level_unused_while_first_up(yb, lb):
    lb.prime(yb)
    lb.many(6, lb.dsn(yb, f"load_balance=true topology_keys={ZONE2}:1,{ZONE3}:2"))
    assert lb.wait(yb, [0, 0, 3, 3, 0, 0]) == [0, 0, 3, 3, 0, 0]


def test_topology_wildcard_zone(yb, lb):
    yb.set_zone(5, "cloud2.region9.zoneA")
    yb.set_zone(1, "cloud2.region9.zoneB")
    lb.prime(yb)
    lb.many(4, lb.dsn(yb, "load_balance=true topology_keys=cloud2.region9.*:1"))
    assert lb.wait(yb, [0, 2, 0, 0, 0, 2]) == [0, 2, 0, 0, 0, 2]


def test_topology_wildcard_covers_region(yb, lb):
    lb.prime(yb)
    lb.many(6, lb.dsn(yb, "load_balance=true topology_keys=cloud1.region1.*:1"))
    assert lb.wait(yb, [1] * 6) == [1] * 6


def test_topology_falls_back_to_rest(yb, lb):
    lb.prime(yb)
    yb.stop(2)
    yb.stop(3)
    lb.many(8, lb.dsn(yb, f"load_balance=true topology_keys={ZONE2}:1"))
    assert lb.wait(yb, [2, 2, None, None, 2, 2]) == [2, 2, None, None, 2, 2]


def test_topology_unknown_placement_falls_back_to_rest(yb, lb):
    lb.prime(yb)
    lb.many(6, lb.dsn(yb, "load_balance=true topology_keys=cloud7.r.z:1"))
    assert lb.wait(yb, [1] * 6) == [1] * 6


def test_topology_fallback_only_errors(yb, lb):
    lb.prime(yb)
    yb.stop(2)
    yb.stop(3)
    dsn = lb.dsn(yb, f"load_balance=true topology_keys={ZONE2}:1 "
                     "fallback_to_topology_keys_only=true")
    with pytest.raises(psycopg2.OperationalError) as excinfo:
        lb.connect(dsn)
    message = str(excinfo.value)
    assert yb[2].host in message and yb[3].host in message
    for i in (0, 1, 4, 5):
        assert yb[i].host not in message
    assert lb.counts(yb) == [0, 0, None, None, 0, 0]


def test_topology_fallback_only_unknown_placement_errors(yb, lb):
    lb.prime(yb)
    with pytest.raises(psycopg2.OperationalError):
        lb.connect(lb.dsn(yb, "load_balance=true topology_keys=cloud7.r.z:1 "
                              "fallback_to_topology_keys_only=true"))
    assert lb.counts(yb) == [0] * 6


def test_topology_fallback_only_uses_second_level(yb, lb):
    lb.prime(yb)
    yb.stop(2)
    yb.stop(3)
    lb.many(4, lb.dsn(yb, f"load_balance=true topology_keys={ZONE2}:1,{ZONE1}:2 "
                          "fallback_to_topology_keys_only=true"))
    assert lb.wait(yb, [2, 2, None, None, 0, 0]) == [2, 2, None, None, 0, 0]


def test_topology_with_only_rr(yb, lb):
    """Type comes first: only-rr with a primary zone as level 1 still
    connects to read replicas only."""
    lb.prime(yb)
    lb.many(4, lb.dsn(yb, f"load_balance=only-rr topology_keys={ZONE1}:1"))
    assert lb.wait(yb, [0, 0, 0, 0, 2, 2]) == [0, 0, 0, 0, 2, 2]


def test_preferred_zone_comes_back_without_storm(yb, lb):
    """zone2 preferred, down, back: after its TTL new connections return
    to it by choice; every connect costs exactly one attempt then."""
    lb.prime(yb)
    factory = lb.counting_factory()
    dsn = lb.dsn(yb, f"load_balance=true topology_keys={ZONE2}:1 "
                     "failed_host_ttl_seconds=1")
    yb.stop(2)
    yb.stop(3)
    lb.connect(dsn, connection_factory=factory)
    assert factory.attempts == 3          # zone2 nodes refused, then another
    lb.many(3, dsn, connection_factory=factory)
    assert factory.attempts == 6          # failed nodes avoided: 1 each
    assert lb.wait(yb, [1, 1, None, None, 1, 1]) == [1, 1, None, None, 1, 1]

    yb.start(2)
    yb.start(3)
    time.sleep(1.2)                       # the TTL runs out
    before = factory.attempts
    lb.many(6, dsn, connection_factory=factory)
    assert factory.attempts - before == 6
    assert lb.wait(yb, [1, 1, 3, 3, 1, 1]) == [1, 1, 3, 3, 1, 1]


# ------------------------------------------------------------ plain PostgreSQL

def test_plain_postgres_connects_and_warns_once(dsn, caplog):
    caplog.set_level(logging.DEBUG, logger="psycopg2.cluster")
    conns = [psycopg2.connect(dsn + " load_balance=true") for _ in range(3)]
    try:
        expected = psycopg2.extensions.parse_dsn(dsn)
        for conn in conns:
            assert conn.info.host == expected["host"]
            assert str(conn.info.port) == expected["port"]
            cur = conn.cursor()
            cur.execute("select 1")
            assert cur.fetchone() == (1,)
            assert no_property_in(conn)
    finally:
        for conn in conns:
            conn.close()
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING
                and r.name.startswith("psycopg2.cluster")]
    assert len(warnings) == 1, [r.getMessage() for r in warnings]
    assert "yb_servers" in warnings[0].getMessage()


def test_plain_postgres_other_modes(dsn):
    conn = psycopg2.connect(dsn, load_balance="only-rr",
                            topology_keys="c.r.z:1")
    try:
        assert conn.closed == 0
    finally:
        conn.close()


# ------------------------------------------------------------ public addresses

def test_public_addresses_used_when_contact_is_a_public_ip(yb, lb):
    """Each node's public_ip is the next node's address: contacting node 0
    through an address that is node 5's public_ip means "outside", so
    connections go to public addresses: node 4 -> server 5, node 5 ->
    server 0."""
    hosts = yb.hosts
    for i in range(6):
        yb.set_public_ip(i, hosts[(i + 1) % 6])
    rows = lb.rows(yb.contact_dsn(application_name=lb.ctl) + " load_balance=true")
    assert sorted(rows) == sorted(hosts)
    for row in rows.values():
        assert row.node.connect_host == row.node.public_ip != row.node.host
    lb.many(4, lb.dsn(yb, "load_balance=only-rr"))
    assert lb.wait(yb, [2, 0, 0, 0, 0, 2]) == [2, 0, 0, 0, 0, 2]


def test_private_addresses_used_when_contact_is_private(yb, lb):
    yb.set_public_ip(4, yb[2].host)
    yb.set_public_ip(5, yb[3].host)
    rows = lb.rows(yb.contact_dsn(application_name=lb.ctl) + " load_balance=true")
    assert sorted(rows) == sorted(yb.hosts)
    assert all(not row.node.use_public_ip for row in rows.values())
    lb.many(4, lb.dsn(yb, "load_balance=only-rr"))
    assert lb.wait(yb, [0, 0, 0, 0, 2, 2]) == [0, 0, 0, 0, 2, 2]


# ------------------------------------------------------------ two clusters

def test_two_clusters_never_mix(yb, lb, make_yb_cluster):
    other = make_yb_cluster(3, zones=["cloud9.region9.zone9"], name="ybo")
    lb.prime(yb)
    lb.prime(other)
    mine = lb.many(6, lb.dsn(yb))
    theirs = lb.many(6, lb.dsn(other))
    assert {c.info.host for c in mine} == set(yb.hosts)
    assert {c.info.host for c in theirs} == set(other.hosts)
    assert lb.wait(yb, [1] * 6) == [1] * 6
    assert lb.wait(other, [2, 2, 2]) == [2, 2, 2]

    rows_yb = lb.rows(lb.dsn(yb))
    rows_other = lb.rows(lb.dsn(other))
    assert sorted(rows_yb) == sorted(yb.hosts)
    assert sorted(rows_other) == sorted(other.hosts)
    assert [r.connections for r in rows_yb.values()] == [1] * 6
    assert [r.connections for r in rows_other.values()] == [2] * 3

    for c in theirs:
        c.close()
    assert [r.connections for r in lb.rows(lb.dsn(yb)).values()] == [1] * 6
    assert [r.connections for r in lb.rows(lb.dsn(other)).values()] == [0] * 3
    # a node of the other cluster down changes nothing here
    other.stop(1)
    lb.many(3, lb.dsn(other))
    lb.many(6, lb.dsn(yb))
    assert lb.wait(yb, [2] * 6) == [2] * 6
