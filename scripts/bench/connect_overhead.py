#!/usr/bin/env python3
"""Client-side cost of a balanced connect over a plain one.

    python scripts/bench/connect_overhead.py [--connects N] [--rounds R]

Starts a six-node fake YugabyteDB cluster, warms the driver's node list
(refresh interval 300 s, so it stays fresh), then times N plain connects
to one node and N balanced connects (`load_balance=true`), interleaved over
R rounds. Reports the median client CPU time per connect of each and the
difference: the issue 3 target is <= 0.1 ms added per connect. CPU time of
this process only, so the servers' work is not counted.
"""

import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import fakeyb  # noqa: E402
import psycopg2  # noqa: E402


def cpu_per_connect(dsn: str, n: int) -> float:
    conns = []
    start = time.process_time()
    for _ in range(n):
        conns.append(psycopg2.connect(dsn))
    spent = time.process_time() - start
    for conn in conns:
        conn.close()
    return spent / n


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--connects", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=7)
    opts = parser.parse_args()
    with fakeyb.FakeYugabyte(6) as yb:
        plain = yb.contact_dsn()
        balanced = plain + " load_balance=true yb_servers_refresh_interval=300"
        psycopg2.connect(balanced).close()  # first refresh, not measured
        plain_s, balanced_s = [], []
        for _ in range(opts.rounds):
            plain_s.append(cpu_per_connect(plain, opts.connects))
            balanced_s.append(cpu_per_connect(balanced, opts.connects))
    p, b = statistics.median(plain_s), statistics.median(balanced_s)
    print(f"plain connect    {p * 1e3:7.3f} ms client CPU (median of {opts.rounds})")
    print(f"balanced connect {b * 1e3:7.3f} ms client CPU")
    print(f"added            {(b - p) * 1e3:7.3f} ms per connect (target <= 0.100)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
