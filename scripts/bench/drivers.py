#!/usr/bin/env python3
"""Side-by-side benchmark of this driver against psycopg2-binary, psycopg 3
and asyncpg (issue 4).

    python scripts/bench/drivers.py [--quick] [--callgrind] [--only NAME,...]
                                    [--drivers NAME,...] [--reps N] [--json FILE]

Each driver lives in its own virtual environment under the cache directory
(``$BENCH_CACHE``, default ``~/.cache/psycopg2-cluster-bench``), made on first
use; ours is reinstalled from the working tree whenever its sources change.
One throwaway PostgreSQL server (scripts/pgharness.py) gets the test tables,
then every (repetition, workload, driver) runs in a fresh worker process --
the driver venv's python running workloads.py -- with the drivers interleaved
and their order rotated per repetition.  Medians are printed with their ratio
to psycopg2-binary and, for ours, the issue's target.  See README.md.
"""

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
WORKER = os.path.join(HERE, "workloads.py")
CACHE = os.environ.get("BENCH_CACHE") or os.path.expanduser("~/.cache/psycopg2-cluster-bench")

sys.path.insert(0, os.path.dirname(HERE))
from pgharness import Server  # noqa: E402

# driver -> pip requirement; "ours" is the working tree
DRIVERS = {
    "ours": None,
    "psycopg2": "psycopg2-binary",
    "psycopg3": "psycopg[binary]",
    "asyncpg": "asyncpg",
}
BASELINE = "psycopg2"

# workload -> full size (rows, round trips or connects); --quick divides by 10
SIZES = {
    "fetch_wide": 100_000,
    "fetch_int": 1_000_000,
    "fetch_text": 200_000,
    "roundtrips": 10_000,
    "executemany": 20_000,
    "execute_values": 20_000,
    "copy_in": 1_000_000,
    "copy_out": 1_000_000,
    "connect": 300,
}

# (metric, workload) -> ours/psycopg2 target; anything else must be <= 1.0
TARGETS = {
    ("instr", "fetch_wide"): 0.55,
    ("instr", "fetch_int"): 0.7,
    ("wall", "roundtrips"): 0.9,
    ("wall", "executemany"): 0.1,
}

WORKER_TIMEOUT = 900       # s; a hung worker becomes an "error: timeout" cell
CALLGRIND_TIMEOUT = 3600   # s; callgrind runs the interpreter ~50x slower


# -- test data --------------------------------------------------------------

def tables_sql(sizes):
    """Server-side generated tables; the workers only read them (or fill
    the *_in/_ins ones, which they truncate first)."""
    return f"""
CREATE TABLE bench_wide AS
  SELECT i::int4 AS id, i::int8 * 1000003 AS big, i / 7.0::float8 AS f8,
         (i / 3.0)::numeric(14, 4) AS num, 'row number ' || i AS txt,
         i % 2 = 0 AS flag,
         timestamptz '2024-01-01 00:00+00' + i * interval '1 minute' AS ts,
         date '2000-01-01' + i % 10000 AS d, md5(i::text)::uuid AS u,
         decode(md5(i::text), 'hex') AS b,
         jsonb_build_object('i', i, 'name', 'n' || i, 'ok', true) AS j
  FROM generate_series(1, {sizes['fetch_wide']}) i;
ALTER TABLE bench_wide ADD PRIMARY KEY (id);
CREATE TABLE bench_int AS
  SELECT i::int8 * 7919 AS v FROM generate_series(1, {sizes['fetch_int']}) i;
CREATE TABLE bench_text AS
  SELECT left(repeat(md5(i::text), 4), 100) AS t
  FROM generate_series(1, {sizes['fetch_text']}) i;
CREATE TABLE bench_copy AS
  SELECT i::int8 AS id, 'name ' || i AS name, i + 0.5::float8 AS val
  FROM generate_series(1, {sizes['copy_out']}) i;
CREATE UNLOGGED TABLE bench_copy_in (id int8, name text, val float8);
CREATE UNLOGGED TABLE bench_ins (id int4, name text, val float8);
VACUUM ANALYZE;
SELECT count(*) FROM bench_wide; SELECT count(*) FROM bench_int;
SELECT count(*) FROM bench_text; SELECT count(*) FROM bench_copy;
"""


def start_server(sizes):
    # shared_buffers large enough that the prewarming counts above keep
    # every table in memory (no ring buffer below shared_buffers / 4)
    srv = Server(name="bench",
                 settings={"shared_buffers": "1GB", "max_connections": 50})
    srv.start()
    srv.sql(tables_sql(sizes))
    return srv


# -- virtual environments ---------------------------------------------------

def venv_python(name):
    return os.path.join(CACHE, f".venv-bench-{name}", "bin", "python")


def pip(python, *args):
    cmd = [python, "-m", "pip", "install", "-q", "--disable-pip-version-check", *args]
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode != 0:
        raise RuntimeError(f"pip {' '.join(args)} failed:\n{res.stderr[-2000:]}")


def make_venv(name):
    python = venv_python(name)
    if not os.path.exists(python):
        subprocess.run([sys.executable, "-m", "venv", os.path.dirname(os.path.dirname(python))],
                       check=True)
    return python


def source_stamp():
    """Hash of the files that make up our installed package: reinstall on change."""
    names = subprocess.run(["git", "ls-files", "-co", "--exclude-standard",
                            "psycopg", "lib", "setup.py", "setup.cfg", "pyproject.toml",
                            "MANIFEST.in"],
                           cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    digest = hashlib.sha256()
    for name in sorted(names):
        path = os.path.join(ROOT, name)
        if os.path.isfile(path):
            digest.update(name.encode() + b"\0")
            with open(path, "rb") as f:
                digest.update(f.read())
    return digest.hexdigest()


def ensure_ours():
    python = make_venv("ours")
    stamp_file = os.path.join(os.path.dirname(os.path.dirname(python)), "source.stamp")
    stamp = source_stamp()
    old = open(stamp_file).read() if os.path.exists(stamp_file) else ""
    if old != stamp:
        log("installing the working tree into .venv-bench-ours")
        pip(python, "--force-reinstall", "--no-deps", ROOT)
        with open(stamp_file, "w") as f:
            f.write(stamp)
    return python


def ensure_driver(name):
    """The venv python for a driver, or an error string if it can't be had."""
    try:
        if DRIVERS[name] is None:
            return ensure_ours()
        python = make_venv(name)
        if subprocess.run([python, "-m", "pip", "show", "-q", DRIVERS[name].split("[")[0]],
                          capture_output=True).returncode != 0:
            log(f"installing {DRIVERS[name]} into .venv-bench-{name}")
            pip(python, DRIVERS[name])
        return python
    except (OSError, RuntimeError, subprocess.CalledProcessError) as exc:
        return f"error: {exc}"


def describe(name, python):
    """Driver version and where it is imported from, to show what was run."""
    mod = {"psycopg3": "psycopg", "asyncpg": "asyncpg"}.get(name, "psycopg2")
    code = f"import {mod} as m; print(m.__version__.split()[0], m.__file__)"
    res = subprocess.run([python, "-c", code], capture_output=True, text=True, cwd=CACHE)
    return res.stdout.strip() or res.stderr.strip().splitlines()[-1]


# -- callgrind ----------------------------------------------------------------

MARKER_C = """
#include <valgrind/callgrind.h>
/* Called through ctypes by workloads.py around the measured phase. */
void bench_instr_on(void) { CALLGRIND_START_INSTRUMENTATION; }
void bench_instr_off(void) { CALLGRIND_STOP_INSTRUMENTATION; }
"""


def build_marker():
    """Compile the client-request shim once; returns its path."""
    so = os.path.join(CACHE, "callgrind_marker.so")
    if not os.path.exists(so):
        src = os.path.join(CACHE, "callgrind_marker.c")
        with open(src, "w") as f:
            f.write(MARKER_C)
        subprocess.run(["gcc", "-O2", "-shared", "-fPIC", "-o", so, src], check=True)
    return so


def callgrind_total(path):
    """Instructions (Ir) in a callgrind output file: its "totals:" line.
    (With --instr-atstart=no the "summary:" line stays 0, so not that one.)"""
    with open(path) as f:
        for line in f:
            if line.startswith("totals:"):
                return int(line.split()[1])
    raise RuntimeError("no totals in callgrind output")


# -- workers ------------------------------------------------------------------

def worker_env(marker=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "BENCH_"))}
    if marker:
        env["BENCH_CALLGRIND_LIB"] = marker
    return env


def run_worker(python, driver, workload, n, srv, prefix=(), marker=None, timeout=WORKER_TIMEOUT):
    """One worker process; its JSON result, or {"error": ...}."""
    cmd = [*prefix, python, WORKER, driver, workload, str(n), srv.dsn(), srv.url()]
    try:
        res = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                             cwd=CACHE, env=worker_env(marker))
    except subprocess.TimeoutExpired:
        return {"error": f"timeout after {timeout}s"}
    lines = res.stdout.strip().splitlines()
    try:
        out = json.loads(lines[-1])
    except (IndexError, ValueError):
        tail = (res.stderr.strip().splitlines() or [f"exit {res.returncode}"])[-1]
        return {"error": f"worker died: {tail}"}
    if "rows" in out and out["rows"] != n:
        return {"error": f"got {out['rows']} rows, expected {n}"}
    return out


def run_callgrind(python, driver, workload, n, srv, marker):
    out_file = os.path.join(tempfile.mkdtemp(prefix="cg-", dir=CACHE), "callgrind.out")
    prefix = ["valgrind", "--tool=callgrind", "--instr-atstart=no",
              f"--callgrind-out-file={out_file}"]
    try:
        out = run_worker(python, driver, workload, n, srv, prefix, marker, CALLGRIND_TIMEOUT)
        if "wall" in out:
            out = {"instr": callgrind_total(out_file)}
        return out
    except (OSError, RuntimeError) as exc:
        return {"error": str(exc)}
    finally:
        shutil.rmtree(os.path.dirname(out_file), ignore_errors=True)


# -- report -------------------------------------------------------------------

def summarize(results):
    """results: list of worker dicts -> (median per metric, or a cell text)."""
    for r in results:
        if "na" in r:
            return f"n/a ({r['na']})"
    for r in results:
        if "error" in r:
            return f"error: {r['error']}"
    metrics = {k for r in results for k in r if k != "rows"}
    return {m: statistics.median(r[m] for r in results) for m in metrics}


def fmt_value(metric, v):
    return f"{v / 1e6:,.1f} M" if metric == "instr" else f"{v * 1e3:,.1f} ms"


def cell(metric, summary, base):
    if not isinstance(summary, dict):  # full text in the notes under the tables
        return "n/a" if summary.startswith("n/a") else summary[:30]
    if metric not in summary:
        return "-"
    text = fmt_value(metric, summary[metric])
    if isinstance(base, dict) and base.get(metric):
        text += f" ({summary[metric] / base[metric]:.2f}x)"
    return text


def target_cell(metric, workload, ours, base):
    limit = TARGETS.get((metric, workload), 1.0)
    if not (isinstance(ours, dict) and isinstance(base, dict) and metric in ours
            and base.get(metric)):
        return f"<= {limit}  -"
    ok = ours[metric] / base[metric] <= limit
    return f"<= {limit}  {'ok' if ok else 'MISS'}"


TITLES = {"wall": "wall time", "cpu": "client CPU time (process_time of the worker)",
          "instr": "client instructions in the measured phase (callgrind Ir)"}


def print_table(metric, summaries, drivers, workloads, reps):
    rows = workloads
    if metric == "instr":  # only the fetches that were counted
        rows = [w for w in workloads if any(
            isinstance(s, dict) and metric in s for s in summaries[w].values())]
    if not rows:
        return
    runs = "1 run" if metric == "instr" else f"median of {reps}"
    print(f"\n{TITLES[metric]} ({runs}; ratio to psycopg2-binary)")
    head = ["workload", *drivers, "target ours/psycopg2"]
    table = [head]
    for w in rows:
        s = summaries[w]
        table.append([w, *(cell(metric, s[d], s.get(BASELINE)) for d in drivers),
                      target_cell(metric, w, s.get("ours"), s.get(BASELINE))])
    widths = [max(len(r[i]) for r in table) for i in range(len(head))]
    for r in table:
        print("  ".join(c.ljust(widths[i]) for i, c in enumerate(r)).rstrip())


# -- main ---------------------------------------------------------------------

def log(msg):
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="sizes / 10, 3 repetitions")
    p.add_argument("--callgrind", action="store_true",
                   help="also count the client instructions of each workload")
    p.add_argument("--only", help="comma-separated workloads (default: all)")
    p.add_argument("--drivers", default=",".join(DRIVERS), help="comma-separated drivers")
    p.add_argument("--reps", type=int, help="repetitions (default 5, 3 with --quick)")
    p.add_argument("--json", help="also write the raw results to this file")
    opts = p.parse_args(argv)
    opts.workloads = opts.only.split(",") if opts.only else list(SIZES)
    opts.drivers = opts.drivers.split(",")
    for name in opts.workloads + opts.drivers:
        if name not in SIZES and name not in DRIVERS:
            p.error(f"unknown workload or driver {name!r}")
    opts.reps = opts.reps or (3 if opts.quick else 5)
    return opts


def timing_runs(pythons, sizes, srv, opts, raw):
    """The interleaved repetitions: each rep runs every workload on every
    driver, the drivers' order rotated so none is always first."""
    live = [d for d in opts.drivers if not pythons[d].startswith("error")]
    for rep in range(opts.reps):
        order = live[rep % len(live):] + live[:rep % len(live)] if live else []
        log(f"repetition {rep + 1}/{opts.reps}")
        for w in opts.workloads:
            for d in order:
                raw[w][d].append(run_worker(pythons[d], d, w, sizes[w], srv))


def callgrind_runs(pythons, sizes, srv, opts, raw):
    marker = build_marker()
    for w in opts.workloads:
        for d in opts.drivers:
            if not pythons[d].startswith("error"):
                log(f"callgrind {w} {d}")
                raw[w][d].append(run_callgrind(pythons[d], d, w, sizes[w], srv, marker))


def merge_callgrind(summaries, cg_raw):
    for w, per_driver in cg_raw.items():
        for d, results in per_driver.items():
            cg = summarize(results) if results else None
            if isinstance(summaries[w][d], dict) and isinstance(cg, dict):
                summaries[w][d].update(cg)
            elif isinstance(summaries[w][d], dict) and cg is not None:
                summaries[w][d]["instr_error"] = cg


def main(argv=None):
    opts = parse_args(argv)
    sizes = {w: n // 10 if opts.quick else n for w, n in SIZES.items()}
    os.makedirs(CACHE, exist_ok=True)
    pythons = {d: ensure_driver(d) for d in opts.drivers}
    for d, py in pythons.items():
        print(f"{d:9} {py if py.startswith('error') else describe(d, py)}")
    log("starting PostgreSQL and generating the tables")
    srv = start_server(sizes)
    raw = {w: {d: [] for d in opts.drivers} for w in opts.workloads}
    cg_raw = {w: {d: [] for d in opts.drivers} for w in opts.workloads}
    try:
        timing_runs(pythons, sizes, srv, opts, raw)
        if opts.callgrind:
            callgrind_runs(pythons, sizes, srv, opts, cg_raw)
    finally:
        srv.cleanup()
    summaries = {w: {d: (summarize(raw[w][d]) if not pythons[d].startswith("error")
                         else pythons[d]) for d in opts.drivers} for w in opts.workloads}
    merge_callgrind(summaries, cg_raw)
    print(f"\nsizes: {', '.join(f'{w}={sizes[w]:,}' for w in opts.workloads)}")
    for metric in ("wall", "cpu", "instr"):
        print_table(metric, summaries, opts.drivers, opts.workloads, opts.reps)
    print_notes(summaries)
    if opts.json:
        with open(opts.json, "w") as f:
            json.dump({"sizes": sizes, "raw": raw, "callgrind": cg_raw}, f, indent=1)
    return 0


def print_notes(summaries):
    """The whole message of every n/a or error cell, and callgrind failures."""
    notes = []
    for w, per_driver in summaries.items():
        for d, s in per_driver.items():
            if not isinstance(s, dict):
                notes.append(f"  {w} / {d}: {s}")
            elif "instr_error" in s:
                notes.append(f"  {w} / {d} (callgrind): {s['instr_error']}")
    if notes:
        print("\nnotes:")
        print("\n".join(notes))


if __name__ == "__main__":
    sys.exit(main())
