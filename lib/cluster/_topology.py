"""Nodes of a cluster, their placement, and topology-key preference levels.

A topology key names a placement `cloud.region.zone` (the zone may be `*`)
and a preference level 1..10: `"aws.us-east-1.us-east-1a:1,aws.us-east-1.*:2"`.
Level 1 nodes are preferred; the next level is used only when no node of
a better level is eligible.
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Iterable

PRIMARY = "primary"
READ_REPLICA = "read_replica"

MIN_LEVEL = 1
MAX_LEVEL = 10
WILDCARD = "*"


@dataclass(frozen=True)
class Placement:
    """Where a node lives; `zone` may be `*` in a topology key."""

    cloud: str
    region: str
    zone: str

    def __str__(self) -> str:
        return f"{self.cloud}.{self.region}.{self.zone}"

    def covers(self, node: "Node") -> bool:
        """Does this placement (possibly with a wildcard zone) include `node`?

        Compared case-insensitively: placement names are identifiers typed
        by people, and a case slip should not silently disable a preference.
        """
        return (
            _same(self.cloud, node.cloud)
            and _same(self.region, node.region)
            and (self.zone == WILDCARD or _same(self.zone, node.zone))
        )


def _same(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


@dataclass(frozen=True)
class Node:
    """One server of the cluster, as `yb_servers()` describes it.

    `use_public_ip` records which address the driver connects to (see
    `_discovery.with_connect_addresses`); `key` is the identity of the
    server in the load table.
    """

    host: str
    port: int
    node_type: str = PRIMARY
    cloud: str = ""
    region: str = ""
    zone: str = ""
    public_ip: str = ""
    uuid: str = ""
    universe_uuid: str | None = None
    use_public_ip: bool = False

    @property
    def connect_host(self) -> str:
        """The address connections are opened to."""
        if self.use_public_ip and self.public_ip:
            return self.public_ip
        return self.host

    @property
    def key(self) -> tuple[str, int]:
        """The server's identity: the address we connect to."""
        return (self.connect_host, self.port)

    @property
    def placement(self) -> Placement:
        return Placement(self.cloud, self.region, self.zone)

    @property
    def is_primary(self) -> bool:
        return self.node_type == PRIMARY

    @property
    def is_read_replica(self) -> bool:
        return self.node_type == READ_REPLICA

    def __str__(self) -> str:
        host = self.connect_host
        return f"[{host}]:{self.port}" if ":" in host else f"{host}:{self.port}"


@dataclass(frozen=True)
class TopologyKeys:
    """Placements grouped by preference level (level 1 first).

    `levels` holds one `(level, placements)` pair per level that has keys,
    in increasing level order; gaps (1 and 3 without 2) are harmless.
    """

    levels: tuple[tuple[int, tuple[Placement, ...]], ...]

    def level_of(self, node: Node) -> int | None:
        """The best level whose placements include `node`, or None."""
        for level, placements in self.levels:
            if any(p.covers(node) for p in placements):
                return level
        return None

    def __str__(self) -> str:
        return ",".join(
            f"{p}:{level}" for level, placements in self.levels for p in placements
        )


def parse_topology_keys(text: str) -> TopologyKeys:
    """Parse `"c.r.z:1,c.r.*:2"`; raise ValueError saying what is wrong.

    A placement listed twice keeps its best level: repeating a key is
    redundant, not contradictory, so it is not worth an error.
    """
    best_level: dict[Placement, int] = {}
    for entry in text.split(","):
        placement, level = _parse_entry(entry.strip())
        best_level[placement] = min(level, best_level.get(placement, level))
    if MIN_LEVEL not in best_level.values():
        raise ValueError("no placement has preference level 1")
    return TopologyKeys(_group_by_level(best_level.items()))


def _parse_entry(entry: str) -> tuple[Placement, int]:
    if not entry:
        raise ValueError("empty topology key")
    name, colon, level_text = entry.partition(":")
    level = _parse_level(level_text.strip(), entry) if colon else MIN_LEVEL
    return _parse_placement(name.strip(), entry), level


def _parse_level(text: str, entry: str) -> int:
    if not (text.isascii() and text.isdigit()):
        raise ValueError(f"preference level of {entry!r} is not a number 1..10")
    level = int(text)
    if not MIN_LEVEL <= level <= MAX_LEVEL:
        raise ValueError(f"preference level of {entry!r} is outside 1..10")
    return level


def _parse_placement(name: str, entry: str) -> Placement:
    parts = name.split(".")
    if len(parts) != 3 or not all(parts):
        raise ValueError(f"{entry!r} is not cloud.region.zone")
    cloud, region, zone = parts
    if WILDCARD in (cloud, region):
        raise ValueError(f"{entry!r}: only the zone may be '*'")
    return Placement(cloud, region, zone)


def _group_by_level(
    pairs: Iterable[tuple[Placement, int]],
) -> tuple[tuple[int, tuple[Placement, ...]], ...]:
    by_level: dict[int, list[Placement]] = {}
    for placement, level in pairs:
        by_level.setdefault(level, []).append(placement)
    return tuple((level, tuple(by_level[level])) for level in sorted(by_level))
