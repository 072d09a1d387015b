#!/usr/bin/env python3
"""A short tour of load balancing on a six-node fake YugabyteDB cluster.

    python scripts/demo_cluster.py      # part of `make demo`

Starts six PostgreSQL servers on their own loopback addresses, three zones
(zone3 holds read replicas) with `yb_servers()` emulated by a table, and
shows with `psycopg2.connect("... load_balance=true")`:
  1. connections spreading evenly over the six nodes;
  2. topology routing: `topology_keys` sends them to one zone;
  3. a node stopped: new connections move away from it.
Each step prints the driver's load table (psycopg2.cluster.load_table).
"""

import logging
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import fakeyb  # noqa: E402  (scripts/ on the path first)
import psycopg2  # noqa: E402
from psycopg2.cluster import load_table  # noqa: E402
from psycopg2.cluster.__main__ import format_table  # noqa: E402


def open_many(dsn: str, n: int) -> list:
    return [psycopg2.connect(dsn) for _ in range(n)]


def show(title: str, dsn: str) -> None:
    print(f"\n== {title}")
    print(format_table(load_table(dsn)))


def main() -> int:
    logging.basicConfig(level=logging.ERROR)
    with fakeyb.FakeYugabyte(6) as yb:
        base = yb.contact_dsn(connect_timeout=3)
        print(f"fake YugabyteDB cluster: {len(yb)} nodes on {', '.join(yb.hosts)}")

        balanced = base + " load_balance=true yb_servers_refresh_interval=0"
        spread = open_many(balanced, 12)
        show("12 connections with load_balance=true: 2 per node", balanced)

        zone2 = balanced + " topology_keys=cloud1.region1.zone2:1"
        routed = open_many(zone2, 4)
        show("4 more with topology_keys=cloud1.region1.zone2:1: all in zone2",
             zone2)

        yb.stop(0)
        moved = open_many(balanced + " failed_host_ttl_seconds=60", 6)
        show(f"node {yb.hosts[0]} stopped, 6 more connections: none go to it",
             balanced)

        for conn in spread + routed + moved:
            conn.close()
        show("all closed: counts back to 0", balanced)
    return 0


if __name__ == "__main__":
    sys.exit(main())
