"""`python -m psycopg2.cluster DSN`: what the driver sees of a cluster.

Prints the load table: every node with its placement and type, the
connections this process has open to it (none, for a fresh process), and
until when a failed node is avoided.
"""

import argparse
import logging
import sys

import psycopg2
from psycopg2.cluster import load_table


def format_table(rows) -> str:
    header = ("node", "placement", "type", "connections", "failed")
    lines = [header]
    for row in rows:
        node = row.node
        failed = "-" if row.retry_in is None else f"retry in {row.retry_in:.0f}s"
        lines.append((f"{node.connect_host}:{node.port}", row.placement,
                      row.node_type, str(row.connections), failed))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(line, widths))
                     .rstrip() for line in lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m psycopg2.cluster",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("dsn", help="connection string or URL of any node")
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    opts = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if opts.verbose else logging.WARNING)
    try:
        rows = load_table(opts.dsn)
    except psycopg2.Error as exc:
        print(f"error: {exc}".rstrip(), file=sys.stderr)
        return 1
    print(format_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
