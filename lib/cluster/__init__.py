"""Cluster-aware connections: YugabyteDB smart-driver load balancing.

The decision layer is pure and synchronous, one job per module:

- `_properties`: the smart-driver connection properties (parse, validate,
  strip them before libpq sees the DSN);
- `_topology`: nodes, placements and topology-key preference levels;
- `_discovery`: the `yb_servers()` query and its row parser;
- `_balancer`: the load table of one cluster and the choice of a node;
- `_policies`: the strategies that pick one node among eligible ones.

Nothing here imports the C module at import time, so the decision code is
importable and testable without a compiled `_psycopg`.
"""

from typing import Any


def load_table(dsn: str | None = None, **kwargs: Any) -> list:
    """The load table of the cluster reached by `dsn`, refreshed first.

    One `NodeLoad` per node: `.node` (host, port, placement, type),
    `.connections` opened by this process, and `.failed_until` /
    `.retry_in` for nodes recently found down.
    """
    from ._connect import load_table as _load_table

    return _load_table(dsn, **kwargs)
