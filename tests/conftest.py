"""Top-level pytest configuration.

Fixtures come from small plugins in tests/plugins/:
  plugins.pgserver  pg_server, dsn, pw_dsn, conn, make_conn, private_server,
                    make_server, make_cluster, fresh_dsn, pgharness
  plugins.leaks     rss_kb(), assert_no_leak (fixture), the `slow` marker
  plugins.interrupts  guarded_sigint, Interrupter (Ctrl-C at the right time)

Tests must exercise the *installed* psycopg2 (with its compiled
_psycopg), never the bare sources in lib/: see pytest_sessionstart.
"""

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# tests/ on sys.path so that `plugins.*` and shared test helpers import
# (pytest runs with --import-mode=importlib, which adds nothing itself).
if HERE not in sys.path:
    sys.path.insert(0, HERE)
# the source tree must not shadow the installed package
_SRC = {ROOT, os.path.join(ROOT, "lib")}
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") not in _SRC]

pytest_plugins = ["plugins.pgserver", "plugins.leaks", "plugins.ybcluster",
                  "plugins.registries", "plugins.interrupts"]


def _psycopg2_origin():
    try:
        import psycopg2
    except Exception as e:  # pragma: no cover - reported in the header
        return None, f"{type(e).__name__}: {e}"
    return psycopg2, os.path.dirname(os.path.abspath(psycopg2.__file__))


def pytest_report_header(config):
    mod, where = _psycopg2_origin()
    if mod is None:
        return [f"psycopg2: NOT IMPORTABLE ({where})"]
    lines = [f"psycopg2: {getattr(mod, '__version__', '?')} from {where}"]
    libpq = getattr(mod, "__libpq_version__", None)
    if libpq is not None:
        lines.append(f"libpq: {libpq}")
    return lines


def pytest_sessionstart(session):
    import pytest

    mod, where = _psycopg2_origin()
    if mod is None or os.path.realpath(where) != os.path.realpath(os.path.join(ROOT, "lib")):
        return
    try:  # an editable install with an in-place build is fine
        import psycopg2._psycopg  # noqa: F401
    except ImportError:
        raise pytest.UsageError(
            "psycopg2 was imported from the source tree (lib/), which has no "
            "compiled _psycopg: run `make check`, or `pip install .` and run "
            "the installed environment's pytest")
