#!/usr/bin/env python3
"""Benchmark workloads, run inside one driver's virtual environment.

    python workloads.py DRIVER WORKLOAD N DSN URL

DRIVER is ``ours`` or ``psycopg2`` (both through the psycopg2 API: whatever
``import psycopg2`` finds in this interpreter), ``psycopg3`` or ``asyncpg``.
N is the workload's size (rows, round trips or connects).  The worker does
its set-up (import, connect, test data), then times only the measured phase
and prints one JSON line on stdout:

    {"wall": s, "cpu": s, "rows": n}      measured
    {"na": "why"}                         the driver has no such feature
    {"error": "Type: message"}            it failed

``cpu`` is time.process_time() of this process over the phase: client work
only, the server runs elsewhere.  When BENCH_CALLGRIND_LIB names the marker
library built by drivers.py, the phase is bracketed by callgrind's
START/STOP_INSTRUMENTATION client requests, so a worker started under
``valgrind --tool=callgrind --instr-atstart=no`` counts the phase alone.

The tables are made by drivers.py before any worker runs (see TABLES there);
only the insert targets are emptied here, outside the timed phase.
"""

import asyncio
import ctypes
import io
import json
import os
import sys
import time

WIDE_SQL = "SELECT * FROM bench_wide"
INT_SQL = "SELECT v FROM bench_int"
TEXT_SQL = "SELECT t FROM bench_text"
ROUNDTRIP_SQL = "SELECT txt, num FROM bench_wide WHERE id = {}"
INSERT_SQL = "INSERT INTO bench_ins (id, name, val) VALUES ({}, {}, {})"
COPY_CHUNK = 128 * 1024  # every driver gets COPY data in chunks of this size


def insert_rows(n):
    return [(i, "name %d" % i, i + 0.5) for i in range(n)]


def copy_data(n):
    """COPY text-format rows for bench_copy_in, built before the timer starts."""
    return b"".join(b"%d\tname %d\t%d.5\n" % (i, i, i) for i in range(n))


def chunks(data):
    return [data[i:i + COPY_CHUNK] for i in range(0, len(data), COPY_CHUNK)]


class Pg2Api:
    """psycopg2 API: this project's driver and psycopg2-binary alike."""

    def __init__(self, dsn, url):
        import psycopg2
        import psycopg2.extras
        self.mod, self.extras, self.dsn = psycopg2, psycopg2.extras, dsn
        self.conn = None

    def open(self):
        self.conn = self.mod.connect(self.dsn)
        return self.conn.cursor()

    def fetch(self, sql):
        cur = self.open()

        def phase():
            cur.execute(sql)
            return len(cur.fetchall())
        return phase

    def roundtrips(self, n):
        cur = self.open()
        sql = ROUNDTRIP_SQL.format("%s")

        def phase():
            for i in range(n):
                cur.execute(sql, (i + 1,))
                cur.fetchone()
            return n
        return phase

    def _insert_prepare(self):
        cur = self.open()
        cur.execute("TRUNCATE bench_ins")
        self.conn.commit()
        return cur

    def executemany(self, n):
        cur, rows = self._insert_prepare(), insert_rows(n)

        def phase():
            cur.executemany(INSERT_SQL.format("%s", "%s", "%s"), rows)
            self.conn.commit()
            return len(rows)
        return phase

    def execute_values(self, n):
        execute_values = self.extras.execute_values  # AttributeError -> n/a
        cur, rows = self._insert_prepare(), insert_rows(n)

        def phase():
            execute_values(cur, "INSERT INTO bench_ins (id, name, val) VALUES %s", rows)
            self.conn.commit()
            return len(rows)
        return phase

    def copy_in(self, n):
        cur, data = self.open(), copy_data(n)
        copy_expert = cur.copy_expert  # AttributeError -> n/a, before timing
        cur.execute("TRUNCATE bench_copy_in")
        self.conn.commit()

        def phase():
            copy_expert("COPY bench_copy_in FROM STDIN", io.BytesIO(data), COPY_CHUNK)
            self.conn.commit()
            return n
        return phase

    def copy_out(self, n):
        cur, buf = self.open(), io.BytesIO()
        copy_expert = cur.copy_expert

        def phase():
            copy_expert("COPY bench_copy TO STDOUT", buf)
            return buf.getvalue().count(b"\n")
        return phase

    def connect(self, n):
        def phase():
            for _ in range(n):
                self.mod.connect(self.dsn).close()
            return n
        return phase


class Pg3Api(Pg2Api):
    """psycopg 3: same SQL, its own executemany (pipelined) and copy()."""

    def __init__(self, dsn, url):
        import psycopg
        self.mod, self.extras, self.dsn = psycopg, None, dsn
        self.conn = None

    def execute_values(self, n):
        raise NotImplementedError("psycopg 3 has no execute_values (its executemany pipelines)")

    def copy_in(self, n):
        cur, parts = self.open(), chunks(copy_data(n))
        cur.execute("TRUNCATE bench_copy_in")
        self.conn.commit()

        def phase():
            with cur.copy("COPY bench_copy_in FROM STDIN") as copy:
                for part in parts:
                    copy.write(part)
            self.conn.commit()
            return n
        return phase

    def copy_out(self, n):
        cur, buf = self.open(), io.BytesIO()

        def phase():
            with cur.copy("COPY bench_copy TO STDOUT") as copy:
                for data in copy:
                    buf.write(data)
            return buf.getvalue().count(b"\n")
        return phase


class AsyncpgApi:
    """asyncpg: each phase is one coroutine run to completion on a fresh loop."""

    def __init__(self, dsn, url):
        import asyncpg
        self.mod, self.url = asyncpg, url
        self.loop = asyncio.new_event_loop()
        self.conn = None

    def run(self, coro):
        return self.loop.run_until_complete(coro)

    def open(self):
        self.conn = self.run(self.mod.connect(self.url))
        return self.conn

    def sync(self, make_coro):
        return lambda: self.run(make_coro())

    def fetch(self, sql):
        conn = self.open()

        async def phase():
            return len(await conn.fetch(sql))
        return self.sync(phase)

    def roundtrips(self, n):
        conn = self.open()
        sql = ROUNDTRIP_SQL.format("$1")

        async def phase():
            for i in range(n):
                await conn.fetchrow(sql, i + 1)
            return n
        return self.sync(phase)

    def executemany(self, n):
        conn, rows = self.open(), insert_rows(n)
        self.run(conn.execute("TRUNCATE bench_ins"))

        async def phase():
            await conn.executemany(INSERT_SQL.format("$1", "$2", "$3"), rows)
            return len(rows)
        return self.sync(phase)

    def execute_values(self, n):
        raise NotImplementedError("asyncpg has no execute_values")

    def copy_in(self, n):
        conn, parts = self.open(), chunks(copy_data(n))
        self.run(conn.execute("TRUNCATE bench_copy_in"))

        async def source():
            for part in parts:
                yield part

        async def phase():
            await conn.copy_to_table("bench_copy_in", source=source())
            return n
        return self.sync(phase)

    def copy_out(self, n):
        conn, buf = self.open(), io.BytesIO()

        async def sink(data):  # a coroutine sink: a file would go through a thread
            buf.write(data)

        async def phase():
            await conn.copy_from_table("bench_copy", output=sink)
            return buf.getvalue().count(b"\n")
        return self.sync(phase)

    def connect(self, n):
        async def phase():
            for _ in range(n):
                await (await self.mod.connect(self.url)).close()
            return n
        return self.sync(phase)


APIS = {"ours": Pg2Api, "psycopg2": Pg2Api, "psycopg3": Pg3Api, "asyncpg": AsyncpgApi}

# workload name -> how to get its phase from an API object and N
WORKLOADS = {
    "fetch_wide": lambda api, n: api.fetch(WIDE_SQL),
    "fetch_int": lambda api, n: api.fetch(INT_SQL),
    "fetch_text": lambda api, n: api.fetch(TEXT_SQL),
    "roundtrips": lambda api, n: api.roundtrips(n),
    "executemany": lambda api, n: api.executemany(n),
    "execute_values": lambda api, n: api.execute_values(n),
    "copy_in": lambda api, n: api.copy_in(n),
    "copy_out": lambda api, n: api.copy_out(n),
    "connect": lambda api, n: api.connect(n),
}


def instrumentation():
    """(on, off) callables: callgrind client requests, or no-ops."""
    path = os.environ.get("BENCH_CALLGRIND_LIB")
    if not path:
        return (lambda: None), (lambda: None)
    lib = ctypes.CDLL(path)
    return lib.bench_instr_on, lib.bench_instr_off


def timed(phase):
    on, off = instrumentation()
    wall0, cpu0 = time.perf_counter(), time.process_time()
    on()
    rows = phase()
    off()
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    return {"wall": wall, "cpu": cpu, "rows": rows}


def unsupported(exc):
    """A missing feature, as opposed to a failure of one that exists."""
    return (isinstance(exc, (AttributeError, NotImplementedError))
            or "NotSupported" in type(exc).__name__)


def run(driver, workload, n, dsn, url):
    try:
        api = APIS[driver](dsn, url)
        return timed(WORKLOADS[workload](api, n))
    except Exception as exc:  # the runner shows it in the table's cell
        first = (str(exc).strip().splitlines() or [""])[0]
        msg = "%s: %s" % (type(exc).__name__, first)
        return {"na": msg} if unsupported(exc) else {"error": msg}


def main(argv):
    driver, workload, n, dsn, url = argv[1:6]
    result = run(driver, workload, int(n), dsn, url)
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
