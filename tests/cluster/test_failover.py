"""Failures and refreshes of balanced connects, against real servers.

A stopped node is skipped in the same call; all eligible nodes down gives
one error listing each; the failed-host TTL; a node that accepts TCP and
never answers; the caller's own errors (password, database); refreshes
that add, drop or retype nodes; the control connection; no password in
logs or errors.  Layout of `yb`: nodes 0-1 zone1, 2-3 zone2 (primaries),
4-5 zone3 (read replicas).
"""

import gc
import logging
import os
import signal
import threading
import time

import pytest

import psycopg2
from psycopg2.cluster import _connect

PASSWORD = "pwpass"        # pwuser's password on every fake node (pgharness)


def control_backends(yb):
    """(node index, pid) of every session reading yb_servers() from us:
    the control connections have run the query, data connections have not."""
    found = []
    for nd in yb:
        if not nd.server.running or yb.is_frozen(nd.index):
            continue
        conn = psycopg2.connect(yb.dsn(nd.index, application_name="fakeyb-admin"))
        try:
            cur = conn.cursor()
            cur.execute("SELECT pid FROM pg_stat_activity WHERE backend_type = "
                        "'client backend' AND pid <> pg_backend_pid() AND "
                        "query ILIKE '%yb_servers()%'")
            found += [(nd.index, pid) for (pid,) in cur.fetchall()]
        finally:
            conn.close()
    return found


def freeze(yb, i):
    """yb.freeze(i), returning once the postmaster is really stopped
    (SIGSTOP reaches another process asynchronously)."""
    yb.freeze(i)
    deadline = time.monotonic() + 5
    while not yb.is_frozen(i):
        assert time.monotonic() < deadline, f"node {i} did not freeze"
        time.sleep(0.01)


def _proc_state(pid):
    with open(f"/proc/{pid}/stat") as f:
        stat = f.read()
    return stat[stat.rfind(")") + 2]


def only_cluster():
    (cluster,) = _connect._clusters.values()
    return cluster


# ------------------------------------------------------------ a node down

def test_stopped_node_skipped_in_the_same_call(yb, lb):
    lb.prime(yb)
    yb.stop(3)
    factory = lb.counting_factory()
    conns = lb.many(10, lb.dsn(yb), connection_factory=factory)
    assert all(c.closed == 0 for c in conns)
    assert lb.wait(yb, [2, 2, 2, None, 2, 2]) == [2, 2, 2, None, 2, 2]
    assert factory.attempts <= 11          # node 3 tried once at most
    row = lb.rows(lb.dsn(yb))[yb[3].host]
    if factory.attempts == 11:
        assert row.failed_until is not None and row.retry_in is not None


def test_stopped_node_marked_failed(yb, lb):
    """Only node 3 is eligible (only-rr after a type change): the connect
    fails over to node 4, node 3 shows as failed in the load table."""
    lb.prime(yb)
    yb.set_type(3, "read_replica")
    yb.stop(5)
    yb.stop(3)
    dsn = lb.dsn(yb, "load_balance=only-rr failed_host_ttl_seconds=30")
    lb.many(3, dsn)
    assert lb.wait(yb, [0, 0, 0, None, 3, None]) == [0, 0, 0, None, 3, None]
    rows = lb.rows(dsn)
    assert rows[yb[3].host].retry_in > 20
    assert rows[yb[5].host].retry_in > 20
    assert rows[yb[4].host].retry_in is None
    assert rows[yb[4].host].connections == 3


def test_all_eligible_down_lists_every_node(yb, lb):
    lb.prime(yb)
    yb.stop(4)
    yb.stop(5)
    start = time.monotonic()
    with pytest.raises(psycopg2.OperationalError) as excinfo:
        lb.connect(lb.dsn(yb, "load_balance=only-rr"))
    assert time.monotonic() - start < 5
    message = str(excinfo.value)
    for i in (4, 5):
        assert f"{yb[i].host}:{yb.port}" in message
    assert message.count("Connection refused") == 2
    for i in range(4):
        assert yb[i].host not in message
    assert lb.counts(yb) == [0, 0, 0, 0, None, None]


def test_all_nodes_down_except_contact_then_contact_too(yb, lb):
    lb.prime(yb)
    for i in range(1, 6):
        yb.stop(i)
    lb.many(2, lb.dsn(yb))
    assert lb.wait(yb, [2, None, None, None, None, None]) == [2] + [None] * 5
    yb.stop(0)
    with pytest.raises(psycopg2.OperationalError) as excinfo:
        lb.connect(lb.dsn(yb))
    message = str(excinfo.value)
    assert yb[0].host in message


def test_failed_host_ttl_honoured(yb, lb):
    """Node 3 fails: avoided for its TTL although it is back up, used
    again after it (it then has the fewest connections)."""
    ttl = 2
    lb.prime(yb)
    dsn = lb.dsn(yb, f"load_balance=true failed_host_ttl_seconds={ttl} "
                     "topology_keys=cloud1.region1.zone2:1")
    yb.stop(3)
    conns = lb.many(2, dsn)        # the second at the latest tries node 3
    failed_at = time.monotonic()
    assert [c.info.host for c in conns] == [yb[2].host] * 2
    row = lb.rows(dsn)[yb[3].host]
    assert row.failed_until is not None and 0 < row.retry_in <= ttl
    yb.start(3)                    # up again, but within its TTL
    lb.many(4, dsn)
    if time.monotonic() - failed_at >= ttl:
        pytest.skip("node restart slower than the TTL")
    assert lb.counts(yb) == [0, 0, 6, 0, 0, 0]
    time.sleep(max(0.0, failed_at + ttl + 0.1 - time.monotonic()))
    lb.many(2, dsn)
    assert lb.counts(yb) == [0, 0, 6, 2, 0, 0]
    assert lb.rows(dsn)[yb[3].host].failed_until is None


def test_failed_host_ttl_zero(yb, lb):
    """TTL 0: a node back up is used again at the next connect."""
    lb.prime(yb)
    dsn = lb.dsn(yb, "load_balance=only-rr failed_host_ttl_seconds=0")
    yb.stop(5)
    lb.many(2, dsn)
    assert lb.wait(yb, [0, 0, 0, 0, 2, None]) == [0, 0, 0, 0, 2, None]
    yb.start(5)
    lb.many(2, dsn)
    assert lb.wait(yb, [0, 0, 0, 0, 2, 2]) == [0, 0, 0, 0, 2, 2]


def test_recovered_node_gets_one_probe_not_a_burst(yb, lb):
    """After the TTL, a node still down costs one failed attempt, even
    with several threads connecting."""
    lb.prime(yb)
    dsn = lb.dsn(yb, "load_balance=only-rr failed_host_ttl_seconds=1")
    yb.stop(5)
    lb.connect(dsn)
    lb.connect(dsn)
    time.sleep(1.1)
    factory = lb.counting_factory()
    barrier = threading.Barrier(8)
    errors = []

    def worker():
        barrier.wait()
        try:
            lb.connect(dsn, connection_factory=factory)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors
    assert factory.attempts <= 8 + 1
    assert lb.wait(yb, [0, 0, 0, 0, 10, None]) == [0, 0, 0, 0, 10, None]


# ------------------------------------------------------------ hung nodes

def test_hung_listed_node_costs_one_timeout(yb, lb):
    with yb.hang_address(listed=True, placement="cloud1.region1.zone2") as hung:
        lb.prime(yb)
        dsn = lb.dsn(yb, "load_balance=true connect_timeout=2 "
                         "topology_keys=cloud1.region1.zone2:1", )
        start = time.monotonic()
        conns = lb.many(9, dsn)
        elapsed = time.monotonic() - start
        assert all(c.closed == 0 for c in conns)
        assert hung.accepted <= 1
        assert elapsed < 2 + 1.5, elapsed
        rows = lb.rows(dsn)
        assert rows[hung.host].connections == 0
        if hung.accepted:
            assert rows[hung.host].failed_until is not None
        counts = lb.counts(yb)
        assert counts[:2] == counts[4:] == [0, 0]
        assert sorted(counts[2:4]) == [4, 5]


def test_frozen_node_costs_one_timeout(yb, lb):
    lb.prime(yb)
    dsn = lb.dsn(yb, "load_balance=only-rr connect_timeout=2 "
                     "failed_host_ttl_seconds=30")
    freeze(yb, 5)
    start = time.monotonic()
    conns = lb.many(6, dsn)
    elapsed = time.monotonic() - start
    assert all(c.info.host == yb[4].host for c in conns)
    assert elapsed < 2 + 1.5, elapsed
    assert lb.rows(dsn)[yb[5].host].retry_in > 20


@pytest.mark.slow
def test_frozen_nodes_all_eligible_error_bounded(yb, lb):
    lb.prime(yb)
    freeze(yb, 4)
    freeze(yb, 5)
    start = time.monotonic()
    with pytest.raises(psycopg2.OperationalError) as excinfo:
        lb.connect(lb.dsn(yb, "load_balance=only-rr connect_timeout=2"))
    assert time.monotonic() - start < 2 * 2 + 1.5
    message = str(excinfo.value)
    assert message.count("timeout expired") == 2


@pytest.mark.slow
def test_hung_contact_node_does_not_hang_connects(yb, lb):
    dsn = lb.dsn(yb, "load_balance=true connect_timeout=2 "
                     "yb_servers_refresh_interval=0")
    lb.connect(dsn)                 # the control connection is open on node 0
    ((node, pid),) = control_backends(yb)
    assert node == 0
    # freeze() stops the postmaster's process group only: PostgreSQL
    # backends run in their own session, so stop the control's backend too
    freeze(yb, 0)
    os.kill(pid, signal.SIGSTOP)
    deadline = time.monotonic() + 5
    while _proc_state(pid) not in "Tt":
        assert time.monotonic() < deadline, "backend did not stop"
        time.sleep(0.01)
    done = []

    def attempt():
        try:
            done.append(lb.connect(dsn))
        except Exception as exc:
            done.append(exc)

    t = threading.Thread(target=attempt, daemon=True)
    try:
        t.start()
        t.join(2 + 2.5)              # one connect_timeout, and some slack
        hung = t.is_alive()
    finally:
        os.kill(pid, signal.SIGCONT)  # releases the thread if it hung
        yb.thaw(0)
    t.join(10)
    assert not hung, "connect still blocked after 4.5 s (connect_timeout=2)"
    assert done and not isinstance(done[0], Exception), done


# ------------------------------------------------------------ caller's errors

def test_wrong_password_raised_at_once_node_not_failed(yb, lb):
    good = lb.dsn(yb, user="pwuser", password=PASSWORD)
    lb.prime(yb)
    factory = lb.counting_factory()
    start = time.monotonic()
    with pytest.raises(psycopg2.OperationalError) as excinfo:
        lb.connect(lb.dsn(yb, user="pwuser", password="not-the-password"),
                   connection_factory=factory)
    assert time.monotonic() - start < 2
    assert factory.attempts == 1
    assert "password authentication failed" in str(excinfo.value)
    assert "not-the-password" not in str(excinfo.value)
    rows = lb.rows(good)
    assert all(r.failed_until is None for r in rows.values())
    assert all(r.connections == 0 for r in rows.values())
    lb.many(6, good)
    assert lb.wait(yb, [1] * 6) == [1] * 6


def test_wrong_password_on_fresh_process(yb, lb):
    """Even the control connection's authentication error is raised as is."""
    with pytest.raises(psycopg2.OperationalError) as excinfo:
        lb.connect(lb.dsn(yb, user="pwuser", password="nope"))
    assert "password authentication failed" in str(excinfo.value)
    lb.many(6, lb.dsn(yb, user="pwuser", password=PASSWORD))
    counts = lb.wait(yb, [2, 1, 1, 1, 1, 1])
    assert counts == [2, 1, 1, 1, 1, 1]


def test_wrong_password_repeated_marks_nothing(yb, lb):
    lb.prime(yb)
    bad = lb.dsn(yb, user="pwuser", password="wrong")
    for _ in range(8):
        with pytest.raises(psycopg2.OperationalError):
            lb.connect(bad)
    rows = lb.rows(lb.dsn(yb))
    assert all(r.failed_until is None for r in rows.values())
    assert all(r.connections == 0 for r in rows.values())


def test_missing_database_raised_at_once(yb, lb):
    lb.prime(yb)
    factory = lb.counting_factory()
    with pytest.raises(psycopg2.OperationalError) as excinfo:
        lb.connect(lb.dsn(yb, dbname="no_such_db"), connection_factory=factory)
    assert 'database "no_such_db" does not exist' in str(excinfo.value)
    assert factory.attempts == 1
    rows = lb.rows(lb.dsn(yb))
    assert all(r.failed_until is None and r.connections == 0 for r in rows.values())


def test_missing_database_fresh_process(yb, lb):
    with pytest.raises(psycopg2.OperationalError) as excinfo:
        lb.connect(lb.dsn(yb, dbname="no_such_db"))
    assert "no_such_db" in str(excinfo.value)


def test_missing_role_raised_at_once(yb, lb):
    lb.prime(yb)
    factory = lb.counting_factory()
    with pytest.raises(psycopg2.OperationalError) as excinfo:
        lb.connect(lb.dsn(yb, user="nobody_here"), connection_factory=factory)
    assert "nobody_here" in str(excinfo.value)
    assert factory.attempts == 1


# ------------------------------------------------------------ refresh

def test_refresh_zero_picks_up_added_node(yb, lb):
    lb.prime(yb)
    dsn = lb.dsn(yb, "load_balance=true yb_servers_refresh_interval=0")
    lb.many(6, dsn)
    new = yb.add_node("cloud1.region1.zone1")
    conn = lb.connect(dsn)
    assert conn.info.host == yb[new].host
    assert lb.wait(yb, [1] * 7) == [1] * 7


def test_default_interval_does_not_see_added_node(yb, lb):
    lb.prime(yb)
    dsn = lb.dsn(yb)
    lb.many(6, dsn)
    new = yb.add_node("cloud1.region1.zone1")
    conns = lb.many(3, dsn)
    assert yb[new].host not in {c.info.host for c in conns}


def test_refresh_zero_drops_removed_node(yb, lb):
    lb.prime(yb)
    dsn = lb.dsn(yb, "load_balance=true yb_servers_refresh_interval=0")
    lb.many(6, dsn)
    yb.remove_node(3)
    lb.many(10, dsn)
    assert lb.wait(yb, [3, 3, 3, 1, 3, 3]) == [3, 3, 3, 1, 3, 3]
    assert yb[3].host not in lb.rows(dsn)


def test_refresh_zero_follows_type_change(yb, lb):
    lb.prime(yb)
    dsn = lb.dsn(yb, "load_balance=only-rr yb_servers_refresh_interval=0")
    lb.many(2, dsn)
    yb.set_type(4, "primary")
    lb.many(4, dsn)
    assert lb.wait(yb, [0, 0, 0, 0, 1, 5]) == [0, 0, 0, 0, 1, 5]
    yb.set_type(1, "read_replica")
    lb.many(4, dsn)
    assert lb.wait(yb, [0, 4, 0, 0, 1, 5]) == [0, 4, 0, 0, 1, 5]


def test_refresh_zero_follows_zone_change(yb, lb):
    lb.prime(yb)
    dsn = lb.dsn(yb, "load_balance=true yb_servers_refresh_interval=0 "
                     "topology_keys=cloud1.region1.zone2:1")
    lb.many(2, dsn)
    yb.set_zone(2, "cloud1.region1.zone1")
    lb.many(2, dsn)
    assert lb.wait(yb, [0, 0, 1, 3, 0, 0]) == [0, 0, 1, 3, 0, 0]


def test_node_failure_triggers_refresh(yb, lb):
    """A node removed from the cluster and stopped: with the default
    interval its failure makes the next connect re-read yb_servers()."""
    lb.prime(yb)
    dsn = lb.dsn(yb, "load_balance=true failed_host_ttl_seconds=0")
    lb.many(6, dsn)
    yb.remove_node(2)
    yb.stop(2)
    lb.many(12, dsn)
    known = {node.host for node in only_cluster().state.nodes()}
    assert known == set(yb.hosts) - {yb[2].host}


def test_control_connection_reused(yb, lb):
    dsn = lb.dsn(yb, "load_balance=true yb_servers_refresh_interval=0")
    lb.connect(dsn)
    before = control_backends(yb)
    assert len(before) == 1 and before[0][0] == 0
    lb.many(15, dsn)
    assert control_backends(yb) == before
    counts = lb.counts(yb)
    counts[0] -= 1                  # the control connection
    assert sorted(counts) == [2, 2, 3, 3, 3, 3]


def test_contact_host_dies_connects_still_succeed(yb, lb):
    dsn = lb.dsn(yb, "load_balance=true yb_servers_refresh_interval=0")
    lb.many(5, dsn)
    yb.stop(0)
    conns = lb.many(10, dsn)
    assert all(c.info.host != yb[0].host for c in conns)
    controls = control_backends(yb)
    assert len(controls) == 1 and controls[0][0] != 0
    # and refreshes keep working through the new control connection
    new = yb.add_node("cloud1.region1.zone3", "read_replica")
    conn = lb.connect(dsn, load_balance="only-rr")
    assert conn.info.host == yb[new].host
    assert only_cluster().control.info.host == yb[controls[0][0]].host


def test_contact_host_killed_connects_still_succeed(yb, lb):
    dsn = lb.dsn(yb, "load_balance=true")
    lb.connect(dsn)
    yb.kill(0)
    conns = lb.many(10, dsn + " yb_servers_refresh_interval=0")
    assert all(c.closed == 0 and c.info.host != yb[0].host for c in conns)


def test_contact_host_dies_default_interval(yb, lb):
    """Default interval: the failed node triggers the refresh."""
    dsn = lb.dsn(yb, "load_balance=true")
    lb.many(6, dsn)
    yb.stop(0)
    conns = lb.many(10, dsn)
    assert all(c.info.host != yb[0].host for c in conns)


# ------------------------------------------------------------ no password

def test_no_password_in_logs_errors_or_reprs(yb, lb, caplog):
    caplog.set_level(logging.DEBUG)
    secret = PASSWORD
    dsn = lb.dsn(yb, "load_balance=only-rr failed_host_ttl_seconds=1",
                 user="pwuser", password=secret)
    lb.connect(dsn)
    conn = lb.connect(dsn.replace(f"password={secret}", ""), password=secret)
    yb.stop(4)
    lb.connect(dsn)                     # node 4 fails over to node 5
    yb.stop(5)
    errors = []
    for extra in ({}, {"password": secret}):
        with pytest.raises(psycopg2.OperationalError) as excinfo:
            lb.connect(dsn, **extra)
        errors.append(excinfo.value)
    with pytest.raises(psycopg2.OperationalError) as excinfo:
        lb.connect(dsn.replace(secret, "wrong-" + secret), load_balance="true")
    errors.append(excinfo.value)
    with pytest.raises(psycopg2.ProgrammingError) as excinfo:
        lb.connect(dsn + " topology_keys=bad")
    errors.append(excinfo.value)

    texts = [r.getMessage() for r in caplog.records]
    texts += [repr(r.args) for r in caplog.records]
    for exc in errors:
        texts += [str(exc), repr(exc), repr(exc.args), str(exc.__cause__),
                  str(exc.__context__)]
    texts += [repr(conn), conn.dsn, repr(_connect._clusters)]
    texts += [repr(c) for c in _connect._clusters.values()]
    assert any("failed" in t for t in texts)
    leaks = [t for t in texts if secret in t]
    assert not leaks, leaks


def test_cluster_logs_go_through_logging(yb, lb, caplog, capsys):
    caplog.set_level(logging.DEBUG, logger="psycopg2.cluster")
    lb.prime(yb)
    yb.stop(5)
    lb.many(3, lb.dsn(yb, "load_balance=only-rr"))
    names = {r.name for r in caplog.records}
    assert names and all(n.startswith("psycopg2.cluster") for n in names)
    assert any(yb[5].host in r.getMessage() for r in caplog.records
               if r.levelno >= logging.WARNING)
    out, err = capsys.readouterr()
    assert out == "" and err == ""


def test_gc_after_failover(yb, lb):
    """Connections made after a failover are counted and released."""
    lb.prime(yb)
    yb.stop(5)
    dsn = lb.dsn(yb, "load_balance=only-rr")
    conns = [psycopg2.connect(dsn) for _ in range(3)]
    assert [r.connections for r in lb.rows(dsn).values()] == [0, 0, 0, 0, 3, 0]
    del conns
    gc.collect()
    assert [r.connections for r in lb.rows(dsn).values()] == [0] * 6


def _break_control(yb, lb):
    """End the control connection's session on node 0 (server side)."""
    yb.server(0).sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                     f"WHERE application_name = '{lb.ctl}'")


@pytest.mark.slow
def test_hung_contact_host_costs_one_timeout_when_control_reopens(yb, lb):
    """The control connection is gone and the contact host hangs: reopening
    the control elsewhere costs one connect_timeout, not one per attempt at
    the same hung host."""
    lb.prime(yb)
    _break_control(yb, lb)
    freeze(yb, 0)
    dsn = lb.dsn(yb, "load_balance=true connect_timeout=2 "
                     "yb_servers_refresh_interval=0 failed_host_ttl_seconds=30")
    start = time.monotonic()
    conn = lb.connect(dsn)
    elapsed = time.monotonic() - start
    assert conn.info.host != yb[0].host
    assert elapsed < 2 + 1.5, f"{elapsed:.1f}s for one connect"


@pytest.mark.slow
def test_hung_contact_host_avoided_after_control_reopened(yb, lb):
    lb.prime(yb)
    _break_control(yb, lb)
    freeze(yb, 0)
    dsn = lb.dsn(yb, "load_balance=true connect_timeout=2 "
                     "yb_servers_refresh_interval=0 failed_host_ttl_seconds=30")
    # reopens the control on a live node; only-rr keeps this first data
    # connect off node 0 (a primary), so that node 0 is not marked failed
    # by the data path before the 7 connects below
    conn = lb.connect(dsn, load_balance="only-rr")
    assert conn.info.host in (yb[4].host, yb[5].host)
    start = time.monotonic()
    conns = lb.many(7, dsn)
    elapsed = time.monotonic() - start
    assert all(c.info.host != yb[0].host for c in conns)
    assert elapsed < 1.5, f"{elapsed:.1f}s: node 0 was tried again"
