"""The C module loads under both of its names, as psycopg2's does."""

import os
import subprocess
import sys

import psycopg2


def run_in_package_dir(code):
    pkg_dir = os.path.dirname(psycopg2.__file__)
    return subprocess.run([sys.executable, "-c", code], cwd=pkg_dir,
                          capture_output=True, text=True, timeout=60)


def test_import_from_package_directory(dsn):
    # Inside the package directory `_psycopg` is a top-level module.
    code = (
        "import sys; sys.path.insert(0, '.')\n"
        "import _psycopg\n"
        f"c = _psycopg._connect({dsn!r})\n"
        "cur = c.cursor(); cur.execute('select %s', (42,))\n"
        "print(cur.fetchone()[0])\n"
    )
    proc = run_in_package_dir(code)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "42"


def test_both_names_share_types():
    # Loaded twice in one process, the two modules hold the same objects,
    # so connections made through either are the same class.
    code = (
        "import sys; sys.path.insert(0, '.')\n"
        "import _psycopg\n"
        "sys.path.insert(0, '..')\n"
        "import psycopg2.extensions as ext\n"
        "print(ext.connection is _psycopg.connection,"
        " ext.cursor is _psycopg.cursor,"
        " _psycopg.Error is __import__('psycopg2').Error)\n"
    )
    proc = run_in_package_dir(code)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["True", "True", "True"]
