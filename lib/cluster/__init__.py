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
