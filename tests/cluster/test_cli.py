"""`python -m psycopg2.cluster DSN`: the load table as the driver sees it."""

import os
import subprocess
import sys

import pytest

import psycopg2
from psycopg2.cluster.__main__ import main

SITE = os.path.dirname(os.path.dirname(os.path.abspath(psycopg2.__file__)))


def cli(*args, timeout=60):
    env = dict(os.environ)
    env["PYTHONPATH"] = SITE + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-m", "psycopg2.cluster", *args],
                          capture_output=True, text=True, env=env,
                          timeout=timeout)


def table(out):
    """{node: [placement, type, connections, failed...]} from the output."""
    lines = out.strip().splitlines()
    assert lines[0].split() == ["node", "placement", "type", "connections", "failed"]
    return {line.split()[0]: line.split()[1:] for line in lines[1:]}


def test_prints_every_node(yb):
    res = cli(yb.contact_dsn())
    assert res.returncode == 0, res.stderr
    rows = table(res.stdout)
    assert sorted(rows) == sorted(f"{nd.host}:{nd.port}" for nd in yb)
    for nd in yb:
        assert rows[f"{nd.host}:{nd.port}"] == [nd.placement, nd.node_type, "0", "-"]


def test_url_and_properties_accepted(yb):
    nd = yb[2]
    res = cli(f"postgresql://postgres@{nd.host}:{nd.port}/postgres"
              "?load_balance=only-rr&connect_timeout=3")
    assert res.returncode == 0, res.stderr
    assert len(table(res.stdout)) == 6


def test_shows_topology_changes(yb):
    yb.set_type(1, "read_replica")
    yb.set_zone(1, "cloud2.region2.zone9")
    yb.remove_node(5)
    res = cli(yb.contact_dsn())
    assert res.returncode == 0, res.stderr
    rows = table(res.stdout)
    assert len(rows) == 5
    assert rows[f"{yb[1].host}:{yb.port}"][:2] == ["cloud2.region2.zone9", "read_replica"]


def test_in_process_shows_counts_and_failures(yb, lb, capsys):
    lb.prime(yb)
    dsn = lb.dsn(yb, "load_balance=true failed_host_ttl_seconds=30")
    yb.stop(3)
    lb.many(10, dsn)
    capsys.readouterr()
    assert main([yb.contact_dsn()]) == 0
    rows = table(capsys.readouterr().out)
    for i, nd in enumerate(yb):
        row = rows[f"{nd.host}:{nd.port}"]
        if i == 3:
            assert row[2] == "0"
            assert " ".join(row[3:]).startswith("retry in")
        else:
            assert row[2:] == ["2", "-"]


@pytest.mark.parametrize("make_dsn, word", [
    (lambda yb: yb.contact_dsn(1), "refused"),
    (lambda yb: yb.contact_dsn() + " load_balance=perhaps", "load_balance"),
    (lambda yb: yb.contact_dsn() + " topology_keys=a.b:1", "topology_keys"),
    (lambda yb: "this is not a dsn", "dsn"),
    (lambda yb: yb.contact_dsn(dbname="no_such_db"), "no_such_db"),
])
def test_bad_dsn_exit_status_1(yb, make_dsn, word):
    yb.stop(1)
    res = cli(make_dsn(yb))
    assert res.returncode == 1, (res.stdout, res.stderr)
    assert res.stderr.startswith("error:"), res.stderr
    assert word.lower() in res.stderr.lower()
    assert "Traceback" not in res.stderr
    assert res.stdout == ""


def test_bad_dsn_no_password_in_output(yb):
    yb.stop(1)
    res = cli(yb.dsn(1, user="pwuser", password="pwpass"))
    assert res.returncode == 1
    assert "pwpass" not in res.stderr + res.stdout


def test_wrong_password(yb):
    res = cli(yb.dsn(0, user="pwuser", password="not-it"))
    assert res.returncode == 1
    assert "password authentication failed" in res.stderr
    assert "not-it" not in res.stderr


def test_verbose_logs_to_stderr(yb):
    res = cli("-v", yb.contact_dsn())
    assert res.returncode == 0, res.stderr
    assert "psycopg2.cluster" in res.stderr
    assert len(table(res.stdout)) == 6


def test_usage_error_without_dsn():
    res = cli()
    assert res.returncode == 2
    assert "usage" in res.stderr.lower()


def test_plain_postgres(dsn):
    """No yb_servers(): a warning, and a table without nodes."""
    res = cli(dsn)
    assert res.returncode == 0, res.stderr
    assert table(res.stdout) == {}
    assert "yb_servers" in res.stderr
    assert "Traceback" not in res.stderr
