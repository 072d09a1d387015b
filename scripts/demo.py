#!/usr/bin/env python3
"""A short tour of the driver against a running server.

    python scripts/pgharness.py run -- python scripts/demo.py   # what `make demo` does
    python scripts/demo.py "host=... port=... user=... dbname=..."

Connects, creates a table, inserts rows with parameters, reads them back
with several types (int, numeric, text, timestamptz, bytea, arrays, json),
shows how an error carries its SQLSTATE and class, and closes.
"""

import datetime as dt
import decimal
import json
import os
import sys

import psycopg2


def main(dsn: str) -> int:
    print(f"psycopg2 {psycopg2.__version__} from {os.path.dirname(psycopg2.__file__)}")
    conn = psycopg2.connect(dsn)
    try:
        print(f"connected to server {conn.server_version} "
              f"as {conn.info.user if hasattr(conn, 'info') else '?'}")
        with conn.cursor() as cur:
            cur.execute("""
                create temporary table demo (
                    id serial primary key,
                    qty integer,
                    price numeric(10, 2),
                    name text,
                    seen timestamptz,
                    blob bytea,
                    tags text[],
                    scores integer[],
                    doc jsonb
                )""")
            rows = [
                (3, decimal.Decimal("9.99"), "café ☕",
                 dt.datetime(2024, 5, 17, 12, 30, tzinfo=dt.timezone.utc),
                 b"\x00\x01\xff", ["a", "b c"], [1, 2, 3],
                 json.dumps({"ok": True, "n": [1, 2]})),
                (None, decimal.Decimal("-0.50"), "it's quoted", None,
                 bytes(range(5)), [], [None, 7], None),
            ]
            cur.executemany(
                "insert into demo (qty, price, name, seen, blob, tags, scores, doc)"
                " values (%s, %s, %s, %s, %s, %s, %s, %s::jsonb)", rows)
            print(f"inserted {len(rows)} rows")

            cur.execute("select * from demo where qty is not distinct from %(q)s"
                        " or price < %(p)s order by id",
                        {"q": 3, "p": decimal.Decimal(0)})
            names = [d[0] for d in cur.description]
            for row in cur.fetchall():
                print("row:")
                for name, value in zip(names, row):
                    if isinstance(value, memoryview):
                        value = bytes(value)
                    print(f"  {name:7} {type(value).__name__:10} {value!r}")

            print("an error:")
            try:
                cur.execute("insert into demo (id) values (%s)", (1,))
            except psycopg2.Error as e:
                print(f"  {type(e).__module__}.{type(e).__name__} "
                      f"(subclass of {type(e).__mro__[1].__name__}) "
                      f"sqlstate={e.pgcode}: {(e.pgerror or '').splitlines()[0]}")
                conn.rollback()
        conn.commit()
    finally:
        conn.close()
    print(f"closed: {bool(conn.closed)}")
    return 0


if __name__ == "__main__":
    dsn = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("PGHARNESS_DSN")
    if not dsn:
        sys.exit("usage: demo.py DSN (or run it under `pgharness.py run`)")
    sys.exit(main(dsn))
