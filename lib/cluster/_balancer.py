"""The load table of one cluster, and the choice of a node. No I/O.

`ClusterState` holds the current node set, how many connections this
process has open to each node, which nodes failed recently, and when the
node set was last refreshed. Every public method takes one lock, so
threads share a state safely whatever the interpreter does with the GIL.

How the connect layer uses it, per connect call:

    if state.needs_refresh(settings):
        state.update_nodes(nodes_from_yb_servers)      # after the I/O
    lease = state.choose(settings, exclude=tried)      # reserves a slot
    try: conn = libpq_connect(lease.node)
    except node-level failure:
        lease.release(); state.mark_failed(lease.node, settings.failed_host_ttl)
        ... try the next node (tried.append(lease.node))
    except other errors: lease.release(); raise
    lease.confirm()
    weakref.finalize(conn, lease.release)   # and on close / found broken

Reserving inside `choose` (rather than counting after the connect) is
what keeps threads that connect at the same moment spread evenly: each
one sees the reservations of the others.
"""

from __future__ import annotations

import itertools
import logging
import random
import threading
import time
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass

from ._discovery import universe_of
from ._policies import Candidate, LeastConnections, Policy, TopologyPreference
from ._properties import ClusterSettings, LoadBalance
from ._topology import Node

logger = logging.getLogger(__name__)

Clock = Callable[[], float]

# how much one latency sample moves the running average
_LATENCY_SMOOTHING = 0.3


@dataclass
class _Entry:
    """One node's row in the load table (mutated only under the lock)."""

    node: Node
    epoch: int  # changes when the node leaves and comes back: see Lease
    connections: int = 0
    failed_until: float | None = None
    # A node back from a failure gets one trial connect at a time until a
    # connect to it succeeds, so that a node still down costs one failed
    # attempt, not one per thread that happens to connect meanwhile.
    on_probation: bool = False
    probing: bool = False
    latency: float | None = None

    @property
    def available(self) -> bool:
        return self.failed_until is None and not self.probing


class Lease:
    """One connection's claim on a node: counted from `choose` to `release`.

    Opaque to the caller except for `node`. `release()` is idempotent and
    safe at any time: after a refresh dropped the node, or after the node
    left and came back (the lease then belongs to an older epoch of the
    node and no longer counts), it changes nothing.
    """

    __slots__ = ("node", "_state", "_epoch", "_probe", "_released", "__weakref__")

    def __init__(self, state: ClusterState, node: Node, epoch: int, probe: bool) -> None:
        self.node = node
        self._state = state
        self._epoch = epoch
        self._probe = probe
        self._released = False

    @property
    def released(self) -> bool:
        return self._released

    def confirm(self) -> None:
        """Report that the connection was established."""
        self._state._confirm(self)

    def release(self) -> None:
        """Stop counting this connection (closed, collected, broken, or never made)."""
        self._state._release(self)

    def __repr__(self) -> str:
        status = "released" if self._released else "held"
        return f"<Lease {self.node} {status}>"


@dataclass(frozen=True)
class NodeLoad:
    """One row of the public load table."""

    node: Node
    connections: int
    failed_until: float | None  # in the state's clock (time.monotonic)
    retry_in: float | None  # seconds left of the failure TTL (0: at next refresh)

    @property
    def placement(self) -> str:
        return str(self.node.placement)

    @property
    def node_type(self) -> str:
        return self.node.node_type


class ClusterState:
    """The load table of one cluster. Thread-safe; no I/O.

    `clock` and `rng` are injectable for tests; every method that depends
    on time also accepts an explicit `now` in the clock's units.
    """

    def __init__(self, name: str = "", *, clock: Clock = time.monotonic,
                 rng: random.Random | None = None, policy: Policy | None = None) -> None:
        self.name = name
        self._clock = clock
        self._rng = rng or random.Random()
        self._policy = TopologyPreference(policy or LeastConnections())
        self._lock = threading.Lock()
        self._entries: dict[tuple[str, int], _Entry] = {}
        self._epochs = itertools.count(1)
        self._universe: str | None = None
        self._last_refresh: float | None = None
        self._refresh_requested = False

    def __repr__(self) -> str:
        return f"<ClusterState {self.name!r} nodes={len(self._entries)}>"

    # ------------------------------------------------------------ refresh

    def needs_refresh(self, settings: ClusterSettings, now: float | None = None,
                      if_none_eligible: bool = True) -> bool:
        """Should the node set be re-read from the cluster before choosing?

        Yes when it never was, when the interval passed (always, for
        interval 0), after a node failed, when a failure's TTL has run out
        (the node comes back at a refresh), or when no node is eligible.
        The last check costs a pass over the candidates; a caller that
        refreshes anyway when `choose` finds nobody passes
        `if_none_eligible=False` to skip it.
        """
        now = self._now(now)
        with self._lock:
            if self._last_refresh is None or self._refresh_requested:
                return True
            if now - self._last_refresh >= settings.refresh_interval:
                return True
            if any(e.failed_until is not None and e.failed_until <= now
                   for e in self._entries.values()):
                return True
            return if_none_eligible and not self._candidates_locked(settings, frozenset())

    def request_refresh(self) -> None:
        """Make the next `needs_refresh` answer yes."""
        with self._lock:
            self._refresh_requested = True

    def update_nodes(self, nodes: Iterable[Node], now: float | None = None) -> None:
        """Replace the node set with a fresh discovery result.

        A node still present keeps its count (its connections are still
        open) but takes its new type and placement, which eligibility uses
        from now on. A departed node is dropped with its count; leases on
        it release harmlessly. A failure whose TTL ran out is cleared here.
        """
        nodes = list(nodes)
        now = self._now(now)
        with self._lock:
            self._forget_other_universe_locked(universe_of(nodes))
            previous = self._entries
            self._entries = {}
            for node in nodes:
                self._entries[node.key] = self._carry_over_locked(previous.get(node.key), node, now)
            departed = [str(e.node) for k, e in previous.items() if k not in self._entries]
            if departed:
                logger.info("cluster %s: nodes left: %s", self.name, ", ".join(departed))
            self._last_refresh = now
            self._refresh_requested = False

    def _forget_other_universe_locked(self, universe: str | None) -> None:
        # The contact hosts now lead to another cluster (e.g. recreated):
        # nothing known about the old one applies.
        if universe and self._universe and universe != self._universe:
            logger.warning("cluster %s: universe changed, load table reset", self.name)
            self._entries = {}
        if universe:
            self._universe = universe

    def _carry_over_locked(self, entry: _Entry | None, node: Node, now: float) -> _Entry:
        if entry is None:
            logger.info("cluster %s: node %s (%s, %s)", self.name, node,
                        node.node_type, node.placement)
            return _Entry(node, next(self._epochs))
        if (entry.node.node_type, entry.node.placement) != (node.node_type, node.placement):
            logger.info("cluster %s: node %s is now %s in %s", self.name, node,
                        node.node_type, node.placement)
        entry.node = node
        if entry.failed_until is not None and entry.failed_until <= now:
            entry.failed_until = None
            entry.on_probation = True
        return entry

    # ------------------------------------------------------------ choice

    def choose(self, settings: ClusterSettings, exclude: Iterable[Node] = (),
               now: float | None = None) -> Lease | None:
        """Choose the best eligible node and reserve a connection on it.

        Eligible: known, not failed, not in `exclude` (the nodes this
        connect call already tried), of the type the mode asks for, and in
        the topology keys when fallback_to_topology_keys_only. Best: the
        best topology level, then the policy (fewest connections, ties at
        random). Returns None when no node is eligible; the caller then
        refreshes once, or reports the nodes it tried.
        """
        excluded = frozenset(node.key for node in exclude)
        with self._lock:
            candidates = self._candidates_locked(settings, excluded)
            if not candidates:
                return None
            chosen = self._policy.choose(candidates, self._rng)
            return self._reserve_locked(self._entries[chosen.node.key])

    def _candidates_locked(self, settings: ClusterSettings,
                           excluded: frozenset[tuple[str, int]]) -> list[Candidate]:
        """Candidates of the first mode tier that has any (type preference
        comes before topology preference: prefer-rr means replicas first)."""
        open_entries = [e for k, e in self._entries.items() if e.available and k not in excluded]
        for wanted in _type_tiers(settings.load_balance):
            candidates = [self._candidate(e, settings) for e in open_entries if wanted(e.node)]
            if settings.fallback_to_topology_keys_only and settings.topology_keys:
                candidates = [c for c in candidates if c.level is not None]
            if candidates:
                return candidates
        return []

    @staticmethod
    def _candidate(entry: _Entry, settings: ClusterSettings) -> Candidate:
        keys = settings.topology_keys
        return Candidate(node=entry.node, connections=entry.connections,
                         level=keys.level_of(entry.node) if keys else None,
                         latency=entry.latency)

    def _reserve_locked(self, entry: _Entry) -> Lease:
        entry.connections += 1
        entry.probing = entry.on_probation
        return Lease(self, entry.node, entry.epoch, probe=entry.on_probation)

    def _entry_of_locked(self, lease: Lease) -> _Entry | None:
        entry = self._entries.get(lease.node.key)
        return entry if entry is not None and entry.epoch == lease._epoch else None

    def _release(self, lease: Lease) -> None:
        with self._lock:
            if lease._released:
                return
            lease._released = True
            entry = self._entry_of_locked(lease)
            if entry is None:
                return  # the node left (or left and came back): not counted
            entry.connections -= 1
            if lease._probe:
                entry.probing = False

    def _confirm(self, lease: Lease) -> None:
        with self._lock:
            entry = self._entry_of_locked(lease)
            if lease._released or entry is None or not lease._probe:
                return
            entry.on_probation = False
            entry.probing = False

    # ------------------------------------------------------------ failures

    def mark_failed(self, node: Node, ttl: float, now: float | None = None) -> None:
        """Avoid `node` for `ttl` seconds (and until the next refresh after
        that), and ask for a refresh: the failure may mean the topology
        changed. Unknown nodes are ignored (a refresh may have dropped it)."""
        now = self._now(now)
        with self._lock:
            self._refresh_requested = True
            entry = self._entries.get(node.key)
            if entry is None:
                return
            entry.failed_until = now + ttl
            entry.on_probation = False
        logger.info("cluster %s: node %s failed, avoided for %s s", self.name, node, ttl)

    def note_latency(self, node: Node, seconds: float) -> None:
        """Feed a round-trip measurement (for latency-weighted policies)."""
        with self._lock:
            entry = self._entries.get(node.key)
            if entry is None:
                return
            if entry.latency is None:
                entry.latency = seconds
            else:
                entry.latency += _LATENCY_SMOOTHING * (seconds - entry.latency)

    # ------------------------------------------------------------ views

    @property
    def universe_uuid(self) -> str | None:
        with self._lock:
            return self._universe

    def nodes(self) -> list[Node]:
        """Every known node, failed or not."""
        with self._lock:
            return [e.node for e in self._entries.values()]

    def live_nodes(self) -> list[Node]:
        """Known nodes not currently failed, fewest connections first: where
        to reopen a control connection when the contact host is gone."""
        with self._lock:
            live = [e for e in self._entries.values() if e.failed_until is None]
            return [e.node for e in sorted(live, key=lambda e: e.connections)]

    def snapshot(self, now: float | None = None) -> list[NodeLoad]:
        """The load table, ordered by address."""
        now = self._now(now)
        with self._lock:
            rows = [NodeLoad(e.node, e.connections, e.failed_until,
                             None if e.failed_until is None else max(0.0, e.failed_until - now))
                    for e in self._entries.values()]
        return sorted(rows, key=lambda row: row.node.key)

    def _now(self, now: float | None) -> float:
        return self._clock() if now is None else now


def _type_tiers(mode: LoadBalance) -> Sequence[Callable[[Node], bool]]:
    """Node filters to try in order for a mode (first non-empty wins)."""
    def any_node(node: Node) -> bool:
        return True

    def primary(node: Node) -> bool:
        return node.is_primary

    def read_replica(node: Node) -> bool:
        return node.is_read_replica

    return {
        LoadBalance.ONLY_PRIMARY: (primary,),
        LoadBalance.ONLY_RR: (read_replica,),
        LoadBalance.PREFER_PRIMARY: (primary, any_node),
        LoadBalance.PREFER_RR: (read_replica, any_node),
    }.get(mode, (any_node,))


# ---------------------------------------------------------------- registry


def contact_key(host: str | None, port: str | int | None) -> tuple[tuple[str, str], ...]:
    """Identity of a cluster from the DSN's contact points.

    `host` and `port` as libpq takes them ("a,b" and "5433" or "1,2"); the
    order of the hosts does not matter. The database name is deliberately
    not part of it: connections to two databases load the same servers.
    """
    hosts = [h.strip().lower() for h in (host or "").split(",")]
    ports = [p.strip() for p in str(port if port is not None else "").split(",")]
    if len(ports) == 1:
        ports = ports * len(hosts)  # one port applies to every host, as in libpq
    return tuple(sorted(set(zip(hosts, ports))))


class ClusterRegistry:
    """One ClusterState per cluster, so that two clusters never mix.

    Keyed by `contact_key(...)` (or any hashable the caller prefers); a
    state itself resets when its contact hosts start reporting another
    universe_uuid.
    """

    def __init__(self, make_state: Callable[[str], ClusterState] = ClusterState) -> None:
        self._make_state = make_state
        self._lock = threading.Lock()
        self._states: dict[Hashable, ClusterState] = {}

    def get(self, key: Hashable) -> ClusterState:
        with self._lock:
            state = self._states.get(key)
            if state is None:
                state = self._states[key] = self._make_state(_describe(key))
            return state

    def snapshot(self) -> dict[Hashable, list[NodeLoad]]:
        with self._lock:
            states = dict(self._states)
        return {key: state.snapshot() for key, state in states.items()}

    def clear(self) -> None:
        """Forget every cluster (tests; outstanding leases stay harmless)."""
        with self._lock:
            self._states.clear()


def _describe(key: Hashable) -> str:
    if isinstance(key, tuple) and all(isinstance(p, tuple) and len(p) == 2 for p in key):
        return ",".join(f"{h or 'default'}:{p or 'default'}" for h, p in key)
    return str(key)


# The process-wide registry used by psycopg2.connect.
CLUSTERS = ClusterRegistry()
