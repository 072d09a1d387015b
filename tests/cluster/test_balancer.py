"""The load table: choice per mode and topology, exact counts under threads,
failures and their TTL, refreshes, and one state per cluster."""

import collections
import dataclasses
import random
import sys
import threading

import pytest

from psycopg2.cluster._balancer import (
    ClusterRegistry, ClusterState, Lease, contact_key,
)
from psycopg2.cluster._policies import RoundRobin
from psycopg2.cluster._properties import ClusterSettings, LoadBalance
from psycopg2.cluster._topology import Node, parse_topology_keys

P, RR = "primary", "read_replica"


def node(i, node_type=P, zone="a", region="east", universe=None):
    return Node(f"10.0.0.{i}", 5433, node_type, "aws", region, zone, universe_uuid=universe)


def settings(mode=LoadBalance.ANY, keys=None, only=False, interval=300, ttl=5):
    return ClusterSettings(load_balance=mode,
                           topology_keys=parse_topology_keys(keys) if keys else None,
                           refresh_interval=interval, failed_host_ttl=ttl,
                           fallback_to_topology_keys_only=only)


class FakeClock:
    def __init__(self, now=1000.0):
        self.now = now

    def __call__(self):
        return self.now


def make_state(nodes, seed=1, **kw):
    clock = kw.pop("clock", FakeClock())
    state = ClusterState("test", clock=clock, rng=random.Random(seed), **kw)
    state.update_nodes(nodes)
    return state


def counts(state):
    return {row.node.host: row.connections for row in state.snapshot()}


def chosen_hosts(state, s, n=50):
    """Hosts chosen by n reserve-then-release rounds (counts stay 0)."""
    seen = set()
    for _ in range(n):
        lease = state.choose(s)
        if lease is None:
            seen.add(None)
            continue
        seen.add(lease.node.host)
        lease.release()
    return seen


# ---------------------------------------------------------------- modes

MIXED = [node(1, P), node(2, P), node(3, RR), node(4, RR)]
PRIMARIES = {"10.0.0.1", "10.0.0.2"}
REPLICAS = {"10.0.0.3", "10.0.0.4"}


@pytest.mark.parametrize("mode, nodes, expected", [
    (LoadBalance.ANY, MIXED, PRIMARIES | REPLICAS),
    (LoadBalance.DISABLED, MIXED, PRIMARIES | REPLICAS),
    (LoadBalance.ONLY_PRIMARY, MIXED, PRIMARIES),
    (LoadBalance.ONLY_RR, MIXED, REPLICAS),
    (LoadBalance.PREFER_PRIMARY, MIXED, PRIMARIES),
    (LoadBalance.PREFER_RR, MIXED, REPLICAS),
    (LoadBalance.ONLY_PRIMARY, MIXED[2:], {None}),
    (LoadBalance.ONLY_RR, MIXED[:2], {None}),
    (LoadBalance.PREFER_PRIMARY, MIXED[2:], REPLICAS),
    (LoadBalance.PREFER_RR, MIXED[:2], PRIMARIES),
    (LoadBalance.ANY, [], {None}),
])
def test_modes(mode, nodes, expected):
    assert chosen_hosts(make_state(nodes), settings(mode), n=200) == expected


@pytest.mark.parametrize("mode, failed, expected", [
    (LoadBalance.PREFER_PRIMARY, PRIMARIES, REPLICAS),
    (LoadBalance.PREFER_RR, REPLICAS, PRIMARIES),
    (LoadBalance.ONLY_PRIMARY, PRIMARIES, {None}),
    (LoadBalance.ONLY_RR, REPLICAS, {None}),
    (LoadBalance.ANY, PRIMARIES | REPLICAS, {None}),
])
def test_modes_when_preferred_nodes_failed(mode, failed, expected):
    state = make_state(MIXED)
    for n in MIXED:
        if n.host in failed:
            state.mark_failed(n, 5)
    assert chosen_hosts(state, settings(mode), n=100) == expected


# ---------------------------------------------------------------- topology

ZONED = [node(1, zone="a"), node(2, zone="b"), node(3, zone="c"), node(4, zone="x", region="west")]
KEYS = "aws.east.a:1,aws.east.b:2,aws.east.*:3"


@pytest.mark.parametrize("failed, only, expected", [
    ([], False, {"10.0.0.1"}),
    ([1], False, {"10.0.0.2"}),
    ([1, 2], False, {"10.0.0.3"}),
    ([1, 2, 3], False, {"10.0.0.4"}),  # the rest of the cluster
    ([1, 2, 3], True, {None}),  # ... unless fallback_to_topology_keys_only
    ([1, 2], True, {"10.0.0.3"}),
    ([1, 2, 3, 4], False, {None}),
])
def test_topology_levels_and_fallback(failed, only, expected):
    state = make_state(ZONED)
    for i in failed:
        state.mark_failed(ZONED[i - 1], 5)
    assert chosen_hosts(state, settings(keys=KEYS, only=only)) == expected


def test_topology_level_shared_by_several_nodes_balances_within():
    nodes = [node(1, zone="a"), node(2, zone="a"), node(3, zone="b")]
    state = make_state(nodes)
    leases = [state.choose(settings(keys="aws.east.a:1,aws.east.b:2")) for _ in range(10)]
    assert counts(state) == {"10.0.0.1": 5, "10.0.0.2": 5, "10.0.0.3": 0}
    for lease in leases:
        lease.release()


def test_connections_return_to_better_level_when_it_comes_back():
    clock = FakeClock()
    state = make_state(ZONED, clock=clock)
    s = settings(keys=KEYS, ttl=5)
    state.mark_failed(ZONED[0], 5)
    assert chosen_hosts(state, s) == {"10.0.0.2"}
    clock.now += 6
    assert state.needs_refresh(s)
    state.update_nodes(ZONED)
    probe = state.choose(s)
    assert probe.node.host == "10.0.0.1"
    probe.confirm()
    assert chosen_hosts(state, s) == {"10.0.0.1"}


def test_topology_with_type_preference_type_first():
    nodes = [node(1, P, zone="a"), node(2, RR, zone="b")]
    s = settings(LoadBalance.PREFER_RR, keys="aws.east.a:1")
    assert chosen_hosts(make_state(nodes), s) == {"10.0.0.2"}
    s = settings(LoadBalance.PREFER_RR, keys="aws.east.a:1", only=True)
    assert chosen_hosts(make_state(nodes), s) == {"10.0.0.1"}
    s = settings(LoadBalance.ONLY_RR, keys="aws.east.a:1", only=True)
    assert chosen_hosts(make_state(nodes), s) == {None}


def test_topology_without_load_balance_keys_is_none():
    # no topology keys: every node is level None and all are equal
    assert chosen_hosts(make_state(ZONED), settings(), n=300) == \
        {n.host for n in ZONED}


# ---------------------------------------------------------------- counts

def test_least_connections_and_exact_counts():
    state = make_state(MIXED)
    leases = [state.choose(settings()) for _ in range(10)]
    assert sorted(counts(state).values()) == [2, 2, 3, 3]
    for lease in leases:
        lease.release()
        lease.release()  # a double release is harmless
    assert set(counts(state).values()) == {0}


def test_choose_prefers_least_loaded_node():
    state = make_state(MIXED[:3])
    held = [state.choose(settings()) for _ in range(3)]
    victim = held[0]
    victim.release()
    assert state.choose(settings()).node == victim.node


def test_exclude():
    state = make_state(MIXED[:2])
    s = settings()
    assert {state.choose(s, exclude=[MIXED[0]]).node.host for _ in range(20)} == {"10.0.0.2"}
    assert state.choose(s, exclude=MIXED[:2]) is None
    # exclusion is by address, whatever else the node says
    other = dataclasses.replace(MIXED[0], zone="elsewhere")
    assert {state.choose(s, exclude=[other]).node.host for _ in range(20)} == {"10.0.0.2"}


def test_sixteen_threads_reserving_at_once_spread_evenly(fast_switching):
    nodes = [node(i) for i in range(1, 6)]
    state = make_state(nodes, seed=None)
    barrier = threading.Barrier(16)
    leases, lock = [], threading.Lock()

    def connect():
        barrier.wait()
        for _ in range(7):
            lease = state.choose(settings())
            with lock:
                leases.append(lease)

    run_threads(connect, 16)
    values = counts(state).values()
    assert sum(values) == 16 * 7
    assert max(values) - min(values) <= 1


def test_sixteen_threads_many_cycles_exact_counts(fast_switching):
    nodes = [node(i) for i in range(1, 5)]
    state = make_state(nodes, seed=None)
    s = settings()

    def churn(worker):
        rng = random.Random(worker)
        held = []
        for _ in range(400):
            if held and rng.random() < 0.5:
                lease = held.pop(rng.randrange(len(held)))
                lease.release()
                if rng.random() < 0.3:
                    lease.release()  # closed, then garbage collected
            else:
                held.append(state.choose(s))
            current = counts(state).values()
            assert max(current) - min(current) <= 16  # never wildly skewed
        return held

    results = run_threads(churn, 16)
    still_held = [lease for held in results for lease in held]
    assert sum(counts(state).values()) == len(still_held)
    # releases from many threads at once, each lease released twice
    run_threads(lambda w: [lease.release() for lease in still_held[w::16] * 2], 16)
    assert set(counts(state).values()) == {0}


@pytest.fixture
def fast_switching():
    """Switch threads as often as possible, so that races show up."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(interval)


def run_threads(target, n):
    results = [None] * n
    errors = []

    def run(i):
        try:
            results[i] = target(i) if target.__code__.co_argcount else target()
        except BaseException as e:  # reported below, not lost in the thread
            errors.append(e)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    return results


def test_lease_is_opaque_and_idempotent():
    state = make_state(MIXED[:1])
    lease = state.choose(settings())
    assert isinstance(lease, Lease)
    assert not lease.released
    assert "10.0.0.1:5433" in repr(lease) and "held" in repr(lease)
    lease.confirm()
    lease.confirm()
    lease.release()
    assert lease.released and "released" in repr(lease)
    lease.confirm()  # after release: nothing to do
    assert counts(state) == {"10.0.0.1": 0}


# ---------------------------------------------------------------- refreshes

def test_departed_node_stops_receiving_and_late_release_is_harmless():
    state = make_state(MIXED[:2])
    leases = [state.choose(settings()) for _ in range(4)]
    state.update_nodes(MIXED[1:2])
    assert counts(state) == {"10.0.0.2": 2}
    assert chosen_hosts(state, settings()) == {"10.0.0.2"}
    for lease in leases:
        lease.release()
    assert counts(state) == {"10.0.0.2": 0}


def test_node_that_left_and_came_back_ignores_old_leases():
    state = make_state(MIXED[:1])
    old = [state.choose(settings()) for _ in range(3)]
    state.update_nodes([])
    state.update_nodes(MIXED[:1])
    new = state.choose(settings())
    for lease in old:
        lease.release()
    assert counts(state) == {"10.0.0.1": 1}  # only the new lease counts
    new.release()
    assert counts(state) == {"10.0.0.1": 0}


def test_node_whose_type_changed_keeps_count_but_not_its_old_role():
    state = make_state(MIXED[:2])
    held = [state.choose(settings()) for _ in range(4)]
    demoted = dataclasses.replace(MIXED[0], node_type=RR)
    state.update_nodes([demoted, MIXED[1]])
    assert counts(state) == {"10.0.0.1": 2, "10.0.0.2": 2}
    assert chosen_hosts(state, settings(LoadBalance.ONLY_PRIMARY)) == {"10.0.0.2"}
    assert chosen_hosts(state, settings(LoadBalance.ONLY_RR)) == {"10.0.0.1"}
    for lease in held:
        lease.release()
    assert set(counts(state).values()) == {0}


def test_node_whose_placement_changed_leaves_its_level():
    state = make_state(ZONED[:2])
    s = settings(keys="aws.east.a:1", only=True)
    assert chosen_hosts(state, s) == {"10.0.0.1"}
    state.update_nodes([dataclasses.replace(ZONED[0], zone="q"), ZONED[1]])
    assert chosen_hosts(state, s) == {None}


def test_refresh_picks_up_new_nodes():
    state = make_state(MIXED[:1])
    held = [state.choose(settings()) for _ in range(3)]
    state.update_nodes(MIXED[:2])
    # the new node is empty: least connections sends new connections there
    assert [state.choose(settings()).node.host for _ in range(3)] == ["10.0.0.2"] * 3
    assert held


def test_needs_refresh():
    clock = FakeClock()
    state = ClusterState("t", clock=clock)
    s = settings(interval=60)
    assert state.needs_refresh(s)  # never refreshed
    state.update_nodes(MIXED)
    assert not state.needs_refresh(s)
    clock.now += 59.9
    assert not state.needs_refresh(s)
    clock.now += 0.1
    assert state.needs_refresh(s)
    state.update_nodes(MIXED)
    assert state.needs_refresh(settings(interval=0))
    assert not state.needs_refresh(s)
    state.request_refresh()
    assert state.needs_refresh(s)
    state.update_nodes(MIXED)
    assert not state.needs_refresh(s)
    # no eligible node for this mode: maybe the topology changed
    state.update_nodes(MIXED[:2])
    assert state.needs_refresh(settings(LoadBalance.ONLY_RR, interval=60))
    assert not state.needs_refresh(s)


def test_needs_refresh_when_nothing_known():
    state = make_state([])
    assert state.needs_refresh(settings())


# ---------------------------------------------------------------- failures

def test_failed_node_avoided_until_ttl_and_refresh():
    clock = FakeClock()
    state = make_state(MIXED[:2], clock=clock)
    s = settings(ttl=5)
    state.mark_failed(MIXED[0], s.failed_host_ttl)
    assert state.needs_refresh(s)  # a failure asks for a refresh
    state.update_nodes(MIXED[:2])
    assert not state.needs_refresh(s)
    assert chosen_hosts(state, s) == {"10.0.0.2"}
    (row,) = [r for r in state.snapshot() if r.node.host == "10.0.0.1"]
    assert row.failed_until == 1005.0 and row.retry_in == 5.0
    clock.now += 4.9
    state.update_nodes(MIXED[:2])  # a refresh before the TTL ran out changes nothing
    assert chosen_hosts(state, s) == {"10.0.0.2"}
    clock.now += 0.1
    assert state.snapshot()[0].retry_in == 0.0
    # TTL over: it comes back at the next refresh, which is now due
    assert chosen_hosts(state, s) == {"10.0.0.2"}
    assert state.needs_refresh(s)
    state.update_nodes(MIXED[:2])
    assert state.snapshot()[0].failed_until is None
    assert "10.0.0.1" in chosen_hosts(state, s)


def test_ttl_zero():
    state = make_state(MIXED[:2])
    state.mark_failed(MIXED[0], 0)
    assert chosen_hosts(state, settings(ttl=0)) == {"10.0.0.2"}
    state.update_nodes(MIXED[:2])
    assert "10.0.0.1" in chosen_hosts(state, settings(ttl=0))


def test_returning_node_gets_one_trial_connect_then_rebalances():
    clock = FakeClock()
    state = make_state(MIXED[:2], clock=clock)
    s = settings()
    held = [state.choose(s) for _ in range(4)]
    state.mark_failed(MIXED[0], 5)
    for lease in held:
        if lease.node == MIXED[0]:
            lease.release()  # its connections broke
    clock.now += 5
    state.update_nodes(MIXED[:2])
    # many threads connect meanwhile: only one tries the returning node
    leases = [state.choose(s) for _ in range(6)]
    assert [lease.node.host for lease in leases].count("10.0.0.1") == 1
    probe = next(lease for lease in leases if lease.node.host == "10.0.0.1")
    # the trial failed: released, marked failed again, nothing else went there
    probe.release()
    state.mark_failed(probe.node, 5)
    assert chosen_hosts(state, s) == {"10.0.0.2"}
    clock.now += 5
    state.update_nodes(MIXED[:2])
    probe = state.choose(s)
    assert probe.node.host == "10.0.0.1"
    assert chosen_hosts(state, s) == {"10.0.0.2"}  # still on trial
    probe.confirm()
    # it works: as the emptiest node it now takes new connections until
    # even (that is the rebalancing; no connection is moved or closed)
    more = [state.choose(s).node.host for _ in range(8)]
    assert more[:7] == ["10.0.0.1"] * 7
    assert max(counts(state).values()) - min(counts(state).values()) <= 1


def test_trial_released_without_connect_frees_the_slot():
    clock = FakeClock()
    state = make_state(MIXED[:1], clock=clock)
    state.mark_failed(MIXED[0], 1)
    clock.now += 1
    state.update_nodes(MIXED[:1])
    probe = state.choose(settings())
    assert state.choose(settings()) is None
    probe.release()  # e.g. an authentication error: not the node's fault
    assert state.choose(settings()) is not None


def test_mark_failed_unknown_node_is_ignored_but_asks_for_refresh():
    state = make_state(MIXED[:1])
    state.mark_failed(node(99), 5)
    assert counts(state) == {"10.0.0.1": 0}
    assert state.needs_refresh(settings())


def test_failed_node_keeps_its_open_connections_counted():
    state = make_state(MIXED[:1])
    lease = state.choose(settings())
    state.mark_failed(MIXED[0], 5)
    assert counts(state) == {"10.0.0.1": 1}
    lease.release()
    assert counts(state) == {"10.0.0.1": 0}


def test_live_nodes_for_the_control_connection():
    state = make_state(MIXED[:3])
    held = [state.choose(settings(), exclude=[MIXED[2]]) for _ in range(2)]
    state.mark_failed(MIXED[1], 5)
    assert [n.host for n in state.live_nodes()] == ["10.0.0.3", "10.0.0.1"]
    assert len(state.nodes()) == 3
    assert held


# ---------------------------------------------------------------- policy, views

def test_custom_policy_under_topology():
    state = make_state(ZONED, policy=RoundRobin())
    s = settings(keys="aws.east.*:1", only=True)
    hosts = [state.choose(s).node.host for _ in range(6)]
    assert hosts == ["10.0.0.1", "10.0.0.2", "10.0.0.3"] * 2


class RecordingPolicy:
    def __init__(self):
        self.seen = []

    def choose(self, candidates, rng):
        self.seen.append(list(candidates))
        return candidates[0]


def test_latency_recorded():
    policy = RecordingPolicy()
    state = make_state(MIXED[:1], policy=policy)
    state.note_latency(MIXED[0], 0.010)
    state.note_latency(MIXED[0], 0.020)
    state.note_latency(node(42), 1.0)  # unknown: ignored
    state.choose(settings())
    assert policy.seen[0][0].latency == pytest.approx(0.013)


def test_snapshot_rows():
    state = make_state([node(2, RR, zone="b"), node(1)])
    lease = state.choose(settings(LoadBalance.ONLY_RR))
    rows = state.snapshot()
    assert [(r.node.host, r.placement, r.node_type, r.connections, r.failed_until, r.retry_in)
            for r in rows] == [
        ("10.0.0.1", "aws.east.a", P, 0, None, None),
        ("10.0.0.2", "aws.east.b", RR, 1, None, None),
    ]
    assert lease


# ---------------------------------------------------------------- clusters

def test_two_clusters_never_mix():
    registry = ClusterRegistry()
    one = registry.get(contact_key("a.example,b.example", "5433"))
    two = registry.get(contact_key("c.example", "5433"))
    assert one is not two
    assert registry.get(contact_key("B.example,a.example", 5433)) is one
    one.update_nodes(MIXED[:2])
    two.update_nodes([node(7), node(8)])
    held = [one.choose(settings()) for _ in range(4)] + [two.choose(settings())]
    assert {n.host for n in one.nodes()} == {"10.0.0.1", "10.0.0.2"}
    snap = registry.snapshot()
    assert sum(r.connections for r in snap[contact_key("a.example,b.example", "5433")]) == 4
    assert sum(r.connections for r in snap[contact_key("c.example", "5433")]) == 1
    two.mark_failed(node(7), 5)
    assert all(r.failed_until is None for r in one.snapshot())
    for lease in held:
        lease.release()
    assert all(r.connections == 0 for rows in registry.snapshot().values() for r in rows)
    registry.clear()
    assert registry.get(contact_key("c.example", "5433")) is not two


@pytest.mark.parametrize("a, b, same", [
    (("h1,h2", "5433"), ("h2,h1", "5433"), True),
    (("h1,h2", "5433"), ("h1,h2", "5433,5433"), True),
    (("H1", 5433), ("h1", "5433"), True),
    (("h1", "5433"), ("h1", "5434"), False),
    (("h1,h2", "1,2"), ("h1,h2", "2,1"), False),
    (("h1", None), ("h1", ""), True),
    ((None, None), ("", None), True),
    (("h1", "5433"), ("h2", "5433"), False),
])
def test_contact_key(a, b, same):
    assert (contact_key(*a) == contact_key(*b)) is same


def test_registry_is_thread_safe():
    registry = ClusterRegistry()
    states = run_threads(lambda: registry.get(contact_key("h", "1")), 16)
    assert len({id(s) for s in states}) == 1
    assert repr(states[0]) == "<ClusterState 'h:1' nodes=0>"


def test_universe_change_resets_the_table():
    state = make_state([node(1, universe="u1"), node(2, universe="u1")])
    old = [state.choose(settings()) for _ in range(4)]
    assert state.universe_uuid == "u1"
    state.update_nodes([node(1, universe="u2")])
    assert state.universe_uuid == "u2"
    assert counts(state) == {"10.0.0.1": 0}
    for lease in old:
        lease.release()
    assert counts(state) == {"10.0.0.1": 0}
    # older servers report no universe: nothing to compare, nothing reset
    held = state.choose(settings())
    state.update_nodes([node(1)])
    assert counts(state) == {"10.0.0.1": 1} and state.universe_uuid == "u2"
    held.release()


def test_logging_goes_to_psycopg2_cluster(caplog):
    caplog.set_level("DEBUG")
    state = make_state(MIXED[:1])
    state.mark_failed(MIXED[0], 5)
    state.update_nodes([])
    names = {r.name for r in caplog.records}
    assert names and all(n.startswith("psycopg2.cluster") for n in names)


def test_counter_of_choices_is_fair_across_ties():
    state = make_state(MIXED, seed=3)
    seen = collections.Counter()
    for _ in range(4000):
        lease = state.choose(settings())
        seen[lease.node.host] += 1
        lease.release()
    assert all(800 < count < 1200 for count in seen.values())
