"""Tests of the fake YugabyteDB cluster (scripts/fakeyb.py) and its fixtures.

Plain psycopg2.connect only: no load balancing here, so that these tests
say whether the fixture is right before the driver is judged by it.
"""

import os
import subprocess
import sys
import time

import pytest

import psycopg2

TEXT_OID, INT8_OID = 25, 20
DEFAULT_LAYOUT = [
    ("zone1", "primary"), ("zone1", "primary"),
    ("zone2", "primary"), ("zone2", "primary"),
    ("zone3", "read_replica"), ("zone3", "read_replica"),
]


@pytest.fixture
def connect():
    """connect(dsn) -> autocommit connection, closed at teardown."""
    made = []

    def connect(dsn, autocommit=True):
        c = psycopg2.connect(dsn)
        c.autocommit = autocommit
        made.append(c)
        return c

    yield connect
    for c in made:
        c.close()


def servers_via(conn):
    """yb_servers() rows as dicts, read with the driver."""
    cur = conn.cursor()
    cur.execute("SELECT * FROM yb_servers()")
    names = [d.name for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def servers_on(yb, i, connect):
    return servers_via(connect(yb.dsn(i)))


def expected_rows(yb):
    return yb.topology()


# -- yb_servers() ----------------------------------------------------------------

def test_columns_and_types(yb, connect):
    cur = connect(yb.contact_dsn()).cursor()
    cur.execute("SELECT * FROM yb_servers()")
    names = [d.name for d in cur.description]
    assert names == ["host", "port", "num_connections", "node_type", "cloud",
                     "region", "zone", "public_ip", "uuid", "universe_uuid"]
    types = [d.type_code for d in cur.description]
    assert types == [TEXT_OID, INT8_OID, INT8_OID] + [TEXT_OID] * 7


def test_default_rows(yb, connect):
    rows = servers_on(yb, 0, connect)
    assert [r["host"] for r in rows] == yb.hosts
    assert len({r["host"] for r in rows}) == 6
    assert {r["port"] for r in rows} == {yb.port}
    assert [(r["zone"], r["node_type"]) for r in rows] == DEFAULT_LAYOUT
    assert {(r["cloud"], r["region"]) for r in rows} == {("cloud1", "region1")}
    assert {r["num_connections"] for r in rows} == {0}
    assert {r["public_ip"] for r in rows} == {""}
    assert len({r["uuid"] for r in rows}) == 6
    assert {r["universe_uuid"] for r in rows} == {yb.universe_uuid}
    assert rows == expected_rows(yb)


def test_every_node_answers_on_its_address(yb, connect):
    for i in range(len(yb)):
        cur = connect(yb.dsn(i)).cursor()
        cur.execute("SELECT host(inet_server_addr()), inet_server_port()")
        assert cur.fetchone() == (yb.hosts[i], yb.port)
        assert servers_via(cur.connection) == expected_rows(yb)


def test_callable_by_anyone_with_any_search_path(yb, connect):
    # a non-superuser, and a search_path without public
    c = connect(yb[3].server.pw_dsn(options="-c search_path=nowhere"))
    assert servers_via(c) == expected_rows(yb)


# -- topology changes ------------------------------------------------------------

def test_changes_visible_on_every_node(yb, connect):
    yb.set_zone(1, "cloud2.region9.zone7")
    yb.set_type(2, "read_replica")
    yb.set_public_ip(4, "203.0.113.4")
    for i in range(len(yb)):
        rows = servers_on(yb, i, connect)
        assert (rows[1]["cloud"], rows[1]["region"], rows[1]["zone"]) == (
            "cloud2", "region9", "zone7")
        assert rows[2]["node_type"] == "read_replica"
        assert rows[4]["public_ip"] == "203.0.113.4"
        assert rows == expected_rows(yb)


def test_change_not_blocked_by_open_transaction(yb, connect):
    # a client that read yb_servers() in a transaction still open holds a
    # lock on the table: the change must neither wait for it nor fail
    c = connect(yb.dsn(0), autocommit=False)
    assert len(servers_via(c)) == 6
    t0 = time.monotonic()
    yb.remove_node(5)
    assert time.monotonic() - t0 < 5
    assert len(servers_via(c)) == 5  # read committed: the next statement sees it
    c.rollback()


def test_bad_values_refused(yb):
    with pytest.raises(ValueError):
        yb.set_type(0, "leader")
    with pytest.raises(ValueError):
        yb.set_zone(0, "just-a-zone")


def test_remove_node_keeps_it_running(yb, connect):
    removed = yb.hosts[2]
    yb.remove_node(2)
    for i in range(len(yb)):
        rows = servers_on(yb, i, connect)  # node 2 itself still answers
        assert removed not in [r["host"] for r in rows]
        assert len(rows) == 5
    yb.relist_node(2)
    assert servers_on(yb, 0, connect)[2]["host"] == removed


def test_add_node(yb, connect):
    i = yb.add_node("cloud1.region1.zone4", node_type="read_replica",
                    public_ip="198.51.100.7")
    assert i == 6 and len(yb) == 7
    new_host = yb.hosts[i]
    assert new_host not in yb.hosts[:6]
    for j in range(len(yb)):  # the new node has the table too
        rows = servers_on(yb, j, connect)
        assert len(rows) == 7
        assert rows[-1]["host"] == new_host
        assert rows[-1]["port"] == yb.port
        assert (rows[-1]["zone"], rows[-1]["node_type"]) == ("zone4", "read_replica")
        assert rows[-1]["public_ip"] == "198.51.100.7"


# -- node life cycle -------------------------------------------------------------

def test_stopped_node_resynced_on_start(yb, connect):
    yb.stop(2)
    with pytest.raises(psycopg2.OperationalError):
        connect(yb.dsn(2, connect_timeout=2))
    yb.set_zone(0, "cloud1.region1.zone9")
    yb.remove_node(1)
    yb.start(2)
    assert servers_on(yb, 2, connect) == expected_rows(yb)
    assert servers_on(yb, 2, connect)[0]["zone"] == "zone9"


def test_killed_node_resynced_on_start(yb, connect):
    c = connect(yb.dsn(3))
    yb.kill(3)
    with pytest.raises(psycopg2.OperationalError):
        c.cursor().execute("SELECT 1")
    yb.set_type(3, "read_replica")
    yb.start(3)
    rows = servers_on(yb, 3, connect)
    assert rows == expected_rows(yb) and rows[3]["node_type"] == "read_replica"


def test_frozen_node_times_out_and_resyncs_on_thaw(yb, connect):
    yb.freeze(4)
    assert yb.is_frozen(4)
    t0 = time.monotonic()
    with pytest.raises(psycopg2.OperationalError):
        connect(yb.dsn(4, connect_timeout=2))
    assert 1.5 < time.monotonic() - t0 < 10
    yb.set_zone(4, "cloud1.region1.zone1")  # must not hang on the frozen node
    assert servers_on(yb, 0, connect)[4]["zone"] == "zone1"
    yb.thaw(4)
    assert servers_on(yb, 4, connect) == expected_rows(yb)


def test_hang_address_times_out(yb):
    with yb.hang_address() as hung:
        assert hung.host not in yb.hosts and hung.port == yb.port
        t0 = time.monotonic()
        with pytest.raises(psycopg2.OperationalError):
            psycopg2.connect(hung.dsn(connect_timeout=2))
        assert 1.5 < time.monotonic() - t0 < 10
        assert hung.accepted >= 1  # TCP was accepted: a hang, not a refusal


def test_hang_address_listed(yb, connect):
    with yb.hang_address(listed=True, node_type="primary") as hung:
        for i in (0, 5):
            rows = servers_on(yb, i, connect)
            assert len(rows) == 7 and rows[-1]["host"] == hung.host
    assert len(servers_on(yb, 0, connect)) == 6


# -- connections_per_node ------------------------------------------------------------

def test_connections_per_node(yb, connect):
    app = "t-cpn"
    assert yb.connections_per_node(application_name=app) == [0] * 6
    for i in (0, 0, 4):
        connect(yb.dsn(i, application_name=app))
    connect(yb.dsn(1, application_name="someone-else"))
    connect(yb[2].server.pw_dsn(application_name=app))
    assert yb.connections_per_node(application_name=app) == [2, 0, 1, 0, 1, 0]
    assert yb.connections_per_node(application_name=app, user="pwuser") == [0, 0, 1, 0, 0, 0]
    # unfiltered: every client but fakeyb's own admin sessions
    assert yb.connections_per_node() == [2, 1, 1, 0, 1, 0]


def test_connections_per_node_after_close_and_down(yb):
    app = "t-cpn2"
    conns = [psycopg2.connect(yb.dsn(i, application_name=app)) for i in (1, 1, 5)]
    assert yb.connections_per_node(application_name=app) == [0, 2, 0, 0, 0, 1]
    for c in conns:
        c.close()
    assert yb.wait_connections([0] * 6, application_name=app) == [0] * 6
    yb.stop(3)
    yb.freeze(4)
    assert yb.connections_per_node(application_name=app) == [0, 0, 0, None, None, 0]


# -- reset and private clusters --------------------------------------------------------

def test_reset_restores_default(yb, connect):
    default = expected_rows(yb)
    left = connect(yb.dsn(0, application_name="leftover"))
    yb.set_zone(0, "cloud9.region9.zone9")
    yb.remove_node(1)
    yb.add_node()
    yb.stop(2)
    yb.kill(3)
    yb.freeze(5)
    t0 = time.monotonic()
    yb.reset()
    elapsed = time.monotonic() - t0
    assert len(yb) == 6
    assert all(yb.is_running(i) and not yb.is_frozen(i) for i in range(6))
    assert expected_rows(yb) == default
    for i in range(6):
        assert servers_on(yb, i, connect) == default
    with pytest.raises(psycopg2.OperationalError):  # sessions ended
        left.cursor().execute("SELECT 1")
    assert elapsed < 10


def test_two_private_clusters(make_yb_cluster, connect):
    a = make_yb_cluster(n=3, zones=["c1.r1.z1", ("c1.r1.z2", "read_replica")])
    b = make_yb_cluster(n=2)
    assert a.universe_uuid != b.universe_uuid
    assert not set(a.hosts) & set(b.hosts)
    rows_a = servers_on(a, 2, connect)
    assert [(r["zone"], r["node_type"]) for r in rows_a] == [
        ("z1", "primary"), ("z1", "primary"), ("z2", "read_replica")]
    rows_b = servers_on(b, 1, connect)
    assert [(r["zone"], r["node_type"]) for r in rows_b] == [
        ("zone1", "primary"), ("zone2", "primary")]
    a.remove_node(0)  # one cluster's changes never reach the other
    assert len(servers_on(b, 0, connect)) == 2


def test_cli_run_sets_environment():
    script = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__)))), "scripts", "fakeyb.py")
    code = ("import os; print(os.environ['FAKEYB_NODES']); "
            "print(os.environ['FAKEYB_HOSTS']); print(os.environ['FAKEYB_DSN_1'])")
    res = subprocess.run([sys.executable, script, "run", "--nodes", "2", "--",
                          sys.executable, "-c", code],
                         capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    nodes, hosts, dsn1 = res.stdout.split("\n")[:3]
    assert nodes == "2" and len(hosts.split(",")) == 2
    assert f"host={hosts.split(',')[1].split(':')[0]}" in dsn1
