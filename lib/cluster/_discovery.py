"""Where nodes come from: the `yb_servers()` query and its row parser.

No I/O here: the I/O layer runs `YB_SERVERS_QUERY` on its control
connection and hands the column names and rows to `parse_yb_servers`.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable, Sequence
from typing import Any

from ._topology import PRIMARY, Node

logger = logging.getLogger(__name__)

YB_SERVERS_QUERY = "SELECT * FROM yb_servers()"

# Columns read by name, so that columns added by newer servers never
# break us. `num_connections` is deliberately ignored: it is always 0.
_REQUIRED_COLUMNS = ("host", "port")


class DiscoveryError(ValueError):
    """The result of a discovery query does not have the expected shape."""


def parse_yb_servers(
    column_names: Sequence[str], rows: Iterable[Sequence[Any]]
) -> list[Node]:
    """Build Nodes from `yb_servers()` rows.

    `column_names` are the names from `cursor.description` (in order).
    Rows without a host or a usable port are skipped with a warning; a
    server listed twice is kept once.
    """
    index = {name.lower(): i for i, name in enumerate(column_names)}
    missing = [c for c in _REQUIRED_COLUMNS if c not in index]
    if missing:
        raise DiscoveryError(f"yb_servers() has no column {', '.join(missing)}")
    nodes: dict[tuple[str, int], Node] = {}
    for row in rows:
        node = _node_from_row(row, index)
        if node is not None and (node.host, node.port) not in nodes:
            nodes[(node.host, node.port)] = node
    return list(nodes.values())


def _node_from_row(row: Sequence[Any], index: dict[str, int]) -> Node | None:
    def column(name: str) -> Any:
        return row[index[name]] if name in index else None

    host, port = column("host"), _as_port(column("port"))
    if not host or port is None:
        logger.warning("yb_servers() row without a usable host and port skipped")
        return None
    return Node(
        host=str(host),
        port=port,
        node_type=_as_text(column("node_type")).lower() or PRIMARY,
        cloud=_as_text(column("cloud")),
        region=_as_text(column("region")),
        zone=_as_text(column("zone")),
        public_ip=_as_text(column("public_ip")),
        uuid=_as_text(column("uuid")),
        universe_uuid=_as_text(column("universe_uuid")) or None,
    )


def _as_port(value: Any) -> int | None:
    try:
        port = int(value)
    except (TypeError, ValueError):
        return None
    return port if 0 < port < 65536 else None


def _as_text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def use_public_ips(nodes: Iterable[Node], contact_host: str) -> bool:
    """Should connections go to the nodes' public addresses?

    YugabyteDB drivers decide by the address the control connection
    reached: if it is some node's public_ip (and not its private host),
    the client is outside the private network, so every node is reached
    through its public address; otherwise through the private one.
    """
    contact = contact_host.casefold()
    return any(
        n.public_ip and n.public_ip.casefold() == contact and n.host.casefold() != contact
        for n in nodes
    )


def with_connect_addresses(nodes: Sequence[Node], contact_host: str) -> list[Node]:
    """The nodes, each set to connect through the address `use_public_ips` picks."""
    public = use_public_ips(nodes, contact_host)
    return [dataclasses.replace(n, use_public_ip=public) for n in nodes]


def universe_of(nodes: Iterable[Node]) -> str | None:
    """The universe_uuid the nodes report (None on older servers)."""
    for node in nodes:
        if node.universe_uuid:
            return node.universe_uuid
    return None
