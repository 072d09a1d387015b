"""Strategies that pick one node among eligible candidates.

Each policy has one method, `choose(candidates, rng)`, and never sees the
live load table: the balancer calls it under its lock with a snapshot of
the eligible nodes (`Candidate`), so a policy cannot deadlock or race it.
`LeastConnections` is what `psycopg2.connect` uses; the others serve the
pools, which can fill in a candidate's `limit` and `latency`.
"""

from __future__ import annotations

import random
import statistics
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from ._topology import Node


@dataclass(frozen=True)
class Candidate:
    """An eligible node and what a policy may weigh.

    `connections`: open (or reserved) connections from this process;
    `level`: topology preference level, None when no key matches (worst);
    `limit`: how many connections the caller allows on it (pools), if any;
    `latency`: recent round-trip seconds, if measured.
    """

    node: Node
    connections: int = 0
    level: int | None = None
    limit: int | None = None
    latency: float | None = None

    @property
    def free(self) -> float:
        if self.limit is None:
            return float("inf")
        return self.limit - self.connections


class Policy(Protocol):
    def choose(self, candidates: Sequence[Candidate], rng: random.Random) -> Candidate:
        """Pick one of `candidates` (never empty)."""
        ...


def _random_among_best(candidates: Sequence[Candidate], score: Callable[[Candidate], float],
                       rng: random.Random) -> Candidate:
    """A random candidate among those with the lowest score.

    Random tie-breaks keep many processes that share a cluster (each
    counting only its own connections) from all picking the same node.
    """
    best = min(score(c) for c in candidates)
    return rng.choice([c for c in candidates if score(c) == best])


class LeastConnections:
    """Fewest connections from this process; ties broken at random."""

    def choose(self, candidates: Sequence[Candidate], rng: random.Random) -> Candidate:
        return _random_among_best(candidates, lambda c: c.connections, rng)


class MostFree:
    """Greedy: the most free slots (`limit - connections`).

    Nodes without a limit count as unbounded; among equals (e.g. no limits
    at all) it falls back to fewest connections, then chance.
    """

    def choose(self, candidates: Sequence[Candidate], rng: random.Random) -> Candidate:
        most_free = max(c.free for c in candidates)
        freest = [c for c in candidates if c.free == most_free]
        return _random_among_best(freest, lambda c: c.connections, rng)


class RoundRobin:
    """Each node in turn, in a stable (address) order.

    Keeps the last node chosen rather than a counter, so that nodes joining
    or leaving do not make it skip or repeat others. Locked because pools
    may share one instance between threads outside the balancer's lock.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last: tuple[str, int] | None = None

    def choose(self, candidates: Sequence[Candidate], rng: random.Random) -> Candidate:
        ordered = sorted(candidates, key=lambda c: c.node.key)
        with self._lock:
            after = [c for c in ordered if self._last is None or c.node.key > self._last]
            chosen = (after or ordered)[0]
            self._last = chosen.node.key
        return chosen


class LatencyWeighted:
    """Random, weighted by speed: weight 1/latency.

    Nodes not measured yet get the median latency of the others, so they
    are tried as often as a typical node (all equal when none is measured).
    """

    def __init__(self, floor: float = 1e-4) -> None:
        self._floor = floor  # a 0 s measurement must not mean infinite weight

    def choose(self, candidates: Sequence[Candidate], rng: random.Random) -> Candidate:
        known = [c.latency for c in candidates if c.latency is not None]
        typical = statistics.median(known) if known else 1.0
        weights = [1.0 / max(self._floor, typical if c.latency is None else c.latency)
                   for c in candidates]
        return rng.choices(list(candidates), weights=weights)[0]


class TopologyPreference:
    """The best topology level present, then `inner` among those nodes.

    Candidates with no matching key (level None) come after every level;
    the balancer drops them beforehand when fallback_to_topology_keys_only.
    """

    def __init__(self, inner: Policy | None = None) -> None:
        self._inner = inner or LeastConnections()

    def choose(self, candidates: Sequence[Candidate], rng: random.Random) -> Candidate:
        best = min(_level_rank(c) for c in candidates)
        return self._inner.choose([c for c in candidates if _level_rank(c) == best], rng)


def _level_rank(candidate: Candidate) -> int:
    return candidate.level if candidate.level is not None else 1_000


class CallablePolicy:
    """A user function `f(candidates) -> Candidate or Node`.

    Anything not among the candidates is an error: connecting to a node the
    balancer did not offer would bypass failure and mode rules.
    """

    def __init__(self, function: Callable[[Sequence[Candidate]], Candidate | Node]) -> None:
        self._function = function

    def choose(self, candidates: Sequence[Candidate], rng: random.Random) -> Candidate:
        picked = self._function(list(candidates))
        for candidate in candidates:
            if picked is candidate or picked == candidate or picked == candidate.node:
                return candidate
        raise ValueError("the balancing function returned a node that is not a candidate")
