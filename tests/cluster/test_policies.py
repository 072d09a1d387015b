"""Balancing policies: each picks one candidate; ties go to chance."""

import collections
import random
import threading

import pytest

from psycopg2.cluster._policies import (
    CallablePolicy, Candidate, LatencyWeighted, LeastConnections, MostFree, RoundRobin,
    TopologyPreference,
)
from psycopg2.cluster._topology import Node


def cand(i, connections=0, **kw):
    return Candidate(Node(f"10.0.0.{i}", 5433), connections, **kw)


def picks(policy, candidates, n=2000, seed=1):
    rng = random.Random(seed)
    return collections.Counter(policy.choose(candidates, rng).node.host for _ in range(n))


@pytest.mark.parametrize("counts, winners", [
    ([3, 1, 2], {"10.0.0.1"}),
    ([0, 0, 5], {"10.0.0.0", "10.0.0.1"}),
    ([2, 2, 2], {"10.0.0.0", "10.0.0.1", "10.0.0.2"}),
    ([7], {"10.0.0.0"}),
])
def test_least_connections(counts, winners):
    candidates = [cand(i, c) for i, c in enumerate(counts)]
    seen = picks(LeastConnections(), candidates)
    assert set(seen) == winners
    # ties are broken at random, roughly evenly
    assert min(seen.values()) > 2000 / len(winners) * 0.8


@pytest.mark.parametrize("candidates, winners", [
    ([cand(0, 1, limit=10), cand(1, 5, limit=20)], {"10.0.0.1"}),  # 15 free beats 9
    ([cand(0, 1, limit=10), cand(1, 0, limit=5)], {"10.0.0.0"}),
    ([cand(0, 3), cand(1, 1)], {"10.0.0.1"}),  # no limits: fewest connections
    ([cand(0, 3, limit=4), cand(1, 9)], {"10.0.0.1"}),  # no limit = unbounded
    ([cand(0, 2, limit=5), cand(1, 2, limit=5)], {"10.0.0.0", "10.0.0.1"}),
])
def test_most_free(candidates, winners):
    assert set(picks(MostFree(), candidates, n=200)) == winners


def test_round_robin_cycles_in_address_order():
    policy = RoundRobin()
    candidates = [cand(2), cand(0), cand(1)]
    order = [policy.choose(candidates, random.Random()).node.host for _ in range(6)]
    assert order == ["10.0.0.0", "10.0.0.1", "10.0.0.2"] * 2


def test_round_robin_survives_membership_changes():
    policy, rng = RoundRobin(), random.Random()
    assert policy.choose([cand(0), cand(1), cand(2)], rng).node.host == "10.0.0.0"
    # node 1 left: continue after 0 with 2, not restart or skip
    assert policy.choose([cand(0), cand(2)], rng).node.host == "10.0.0.2"
    assert policy.choose([cand(0), cand(1), cand(2)], rng).node.host == "10.0.0.0"


def test_round_robin_threads_share_evenly():
    policy, candidates = RoundRobin(), [cand(i) for i in range(4)]
    seen = collections.Counter()
    lock = threading.Lock()

    def work():
        for _ in range(250):
            host = policy.choose(candidates, random.Random()).node.host
            with lock:
                seen[host] += 1

    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(seen.values()) == [500] * 4


def test_latency_weighted_prefers_fast_nodes():
    seen = picks(LatencyWeighted(), [cand(0, latency=0.001), cand(1, latency=0.009)], n=5000)
    assert 0.85 < seen["10.0.0.0"] / 5000 < 0.95


def test_latency_weighted_unknown_latency_is_typical():
    seen = picks(LatencyWeighted(), [cand(0, latency=0.002), cand(1, latency=0.002), cand(2)],
                 n=6000)
    assert all(1700 < count < 2300 for count in seen.values())


def test_latency_weighted_without_measurements_is_uniform():
    seen = picks(LatencyWeighted(), [cand(i) for i in range(3)], n=6000)
    assert all(1700 < count < 2300 for count in seen.values())


def test_latency_weighted_zero_latency_is_not_infinite():
    seen = picks(LatencyWeighted(), [cand(0, latency=0.0), cand(1, latency=0.0001)], n=2000)
    assert seen["10.0.0.1"] > 0


@pytest.mark.parametrize("levels, winners", [
    ([1, 2, None], {"10.0.0.0"}),
    ([2, 2, None], {"10.0.0.0", "10.0.0.1"}),
    ([None, 3, None], {"10.0.0.1"}),
    ([None, None], {"10.0.0.0", "10.0.0.1"}),
])
def test_topology_preference(levels, winners):
    candidates = [cand(i, level=level) for i, level in enumerate(levels)]
    assert set(picks(TopologyPreference(), candidates, n=200)) == winners


def test_topology_preference_then_inner_policy():
    candidates = [cand(0, 5, level=1), cand(1, 1, level=1), cand(2, 0, level=2)]
    assert set(picks(TopologyPreference(LeastConnections()), candidates, n=100)) == {"10.0.0.1"}


def test_callable_policy():
    candidates = [cand(0), cand(1)]
    by_candidate = CallablePolicy(lambda cs: cs[-1])
    by_node = CallablePolicy(lambda cs: cs[0].node)
    assert by_candidate.choose(candidates, random.Random()) is candidates[1]
    assert by_node.choose(candidates, random.Random()) is candidates[0]


def test_callable_policy_must_pick_a_candidate():
    policy = CallablePolicy(lambda cs: Node("elsewhere", 1))
    with pytest.raises(ValueError, match="not a candidate"):
        policy.choose([cand(0)], random.Random())
