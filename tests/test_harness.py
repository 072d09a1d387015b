"""Tests of scripts/pgharness.py and of the server fixtures themselves.

They need PostgreSQL's server binaries but not the driver (psql is used),
except where a test says otherwise.
"""

import os
import signal
import socket
import subprocess
import sys
import time

import pytest


def _alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            st = f.read()
    except OSError:
        return False
    return st[st.rfind(")") + 2] not in "ZX"


def _group_pids(pgh, pid):
    return pgh._pids_in_group(pid)


def test_fixture_server_answers(pg_server):
    assert pg_server.running
    assert pg_server.sql("select 1 + 1") == "2"
    assert pg_server.sql("show fsync") == "off"
    assert pg_server.sql("show wal_level") == "logical"
    assert int(pg_server.sql("show max_prepared_transactions")) > 0
    assert pg_server.sql("show server_encoding") == "UTF8"


def test_dsn_shape(dsn, pg_server):
    parts = dict(p.split("=", 1) for p in dsn.split())
    assert parts["user"] == "postgres"
    assert parts["dbname"] == "postgres"
    assert parts["host"].startswith("127.")
    assert int(parts["port"]) == pg_server.port


def test_conn_fixture(conn):
    cur = conn.cursor()
    cur.execute("select current_user, inet_server_addr() is not null")
    assert cur.fetchone() == ("postgres", True)


def test_make_conn_closes(make_conn):
    c1 = make_conn()
    c2 = make_conn()
    c2.close()  # closing twice at teardown is fine
    assert not c1.closed


def test_password_role(pg_server, pw_dsn, make_conn):
    import psycopg2

    c = make_conn(pw_dsn)
    cur = c.cursor()
    cur.execute("select current_user")
    assert cur.fetchone()[0] == "pwuser"
    with pytest.raises(psycopg2.OperationalError) as ei:
        make_conn(pg_server.dsn(user="pwuser", password="wrong"))
    assert "password authentication failed" in str(ei.value)
    with pytest.raises(psycopg2.OperationalError):
        make_conn(pg_server.dsn(user="pwuser"))
    assert pg_server.sql(
        "select rolpassword like 'SCRAM-SHA-256$%' from pg_authid "
        "where rolname = 'pwuser'") == "t"


def test_fresh_dsn(fresh_dsn, make_conn):
    c = make_conn(fresh_dsn)
    c.autocommit = True
    cur = c.cursor()
    cur.execute("create table t (x int)")
    cur.execute("select current_database()")
    assert cur.fetchone()[0].startswith("t_")


def test_two_servers_do_not_collide(pgharness):
    with pgharness.Server() as a, pgharness.Server() as b:
        assert a.port != b.port or a.host != b.host
        assert a.datadir != b.datadir
        a.sql("create table only_in_a (x int)")
        assert b.sql("select count(*) from pg_class where relname = 'only_in_a'") == "0"
        assert a.sql("select count(*) from pg_class where relname = 'only_in_a'") == "1"


def test_two_processes_at_once(tmp_path):
    """Two harness CLIs running together, each with a 2-node cluster."""
    script = os.path.join(os.path.dirname(__file__), "..", "scripts", "pgharness.py")
    cmd = [sys.executable, script, "run", "--nodes", "2", "--",
           "sh", "-c", "echo $PGHARNESS_HOSTS; sleep 1"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err
    hosts = [set(out.strip().split(",")) for out, _ in outs]
    assert all(len(h) == 2 for h in hosts)
    assert not (hosts[0] & hosts[1])


def test_cluster_distinct_loopback_addresses(make_cluster):
    cl = make_cluster(3)
    assert len(cl) == 3
    hosts = [n.host for n in cl]
    assert len(set(hosts)) == 3
    assert all(h.startswith("127.") and h != "127.0.0.1" for h in hosts)
    assert len({n.port for n in cl}) == 1
    for n in cl:
        assert n.sql("select host(inet_server_addr())") == n.host
    # each node is a separate server
    cl[0].sql("create table n0 (x int)")
    assert cl[1].sql("select to_regclass('n0') is null") == "t"


def test_cluster_separate_ports(make_cluster):
    cl = make_cluster(2, same_port=False)
    assert cl[0].port != cl[1].port
    assert cl[0].sql("select 1") == cl[1].sql("select 1") == "1"


def test_stop_restart_kill(private_server, pgharness):
    s = private_server
    s.sql("create table keep (x int); insert into keep values (7)")
    pid = s.pid
    s.stop()
    assert not s.running and not _alive(pid)
    assert not pgharness.probe(s.host, s.port)
    s.start()
    assert s.sql("select x from keep") == "7"
    s.restart("immediate")
    assert s.sql("select x from keep") == "7"

    pid = s.pid
    s.kill()  # postmaster only: children notice and go; kill() waits for them
    assert not _alive(pid)
    assert not _group_pids(pgharness, pid)
    s.start()  # crash recovery
    assert s.sql("select x from keep") == "7"
    s.kill(group=True)
    s.start()
    assert s.sql("select count(*) from keep") == "1"


def test_kill_breaks_open_connection(private_server, make_conn):
    import psycopg2

    c = make_conn(private_server.dsn())
    private_server.kill()
    with pytest.raises(psycopg2.OperationalError):
        c.cursor().execute("select 1")
    private_server.start()
    c2 = make_conn(private_server.dsn())
    c2.cursor().execute("select 1")


def test_freeze_hangs_then_thaw(private_server, make_conn):
    import psycopg2

    private_server.freeze()
    try:
        t0 = time.monotonic()
        with pytest.raises(psycopg2.OperationalError):
            make_conn(private_server.dsn(connect_timeout=1))
        assert time.monotonic() - t0 >= 0.9
    finally:
        private_server.thaw()
    assert private_server.sql("select 1") == "1"


def test_settings_and_configure(make_server):
    s = make_server(settings={"max_prepared_transactions": 5,
                              "cluster_name": "it's quoted"})
    assert s.sql("show max_prepared_transactions") == "5"
    assert s.sql("show cluster_name") == "it's quoted"
    s.configure(max_prepared_transactions=7)
    s.restart()
    assert s.sql("show max_prepared_transactions") == "7"


def test_sql_error_raises(pg_server, pgharness):
    with pytest.raises(pgharness.HarnessError) as ei:
        pg_server.sql("select * from no_such_table")
    assert "no_such_table" in str(ei.value)


def test_cleanup_leaves_nothing(pgharness):
    s = pgharness.Server()
    s.start()
    pid, tmpdir = s.pid, s.tmpdir
    children = _group_pids(pgharness, pid)
    assert children and os.path.isdir(s.datadir)
    s.cleanup()
    s.cleanup()  # idempotent
    assert not os.path.exists(tmpdir)
    assert not any(_alive(p) for p in children)
    with pytest.raises(pgharness.HarnessError):
        s.start()


def test_cleanup_after_exception(pgharness):
    seen = {}
    with pytest.raises(ZeroDivisionError):
        with pgharness.Cluster(2) as cl:
            seen["dirs"] = [n.tmpdir for n in cl]
            seen["pids"] = [n.pid for n in cl]
            1 / 0
    assert not any(os.path.exists(d) for d in seen["dirs"])
    assert not any(_alive(p) for p in seen["pids"])


def _run_child(code, sig=None):
    """Start a child that makes a server and prints its pid and dir."""
    script_dir = os.path.join(os.path.dirname(__file__), "..", "scripts")
    # Ctrl-C must raise KeyboardInterrupt in the child even when this run
    # inherited SIGINT ignored (started in the background by a shell).
    prog = ("import signal, sys, time; sys.path.insert(0, %r)\n" % script_dir
            + "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
            + "import pgharness\n" + code)
    p = subprocess.Popen([sys.executable, "-c", prog], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    line = p.stdout.readline().split()
    assert line, p.stderr.read()
    pid, tmpdir = int(line[0]), line[1]
    assert _alive(pid) and os.path.isdir(tmpdir)
    if sig is not None:
        p.send_signal(sig)
    p.communicate(timeout=60)
    return p, pid, tmpdir


MAKE = ("s = pgharness.Server(); s.start()\n"
        "print(s.pid, s.tmpdir, flush=True)\n")


def _gone(pid, timeout=10):
    deadline = time.monotonic() + timeout
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not _alive(pid)


def _removed(path, timeout=15):
    deadline = time.monotonic() + timeout
    while os.path.exists(path) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not os.path.exists(path)


def test_cleanup_at_exit():
    p, pid, tmpdir = _run_child(MAKE)  # no explicit cleanup: atexit does it
    assert p.returncode == 0
    assert _gone(pid) and not os.path.exists(tmpdir)


def test_cleanup_on_sigterm():
    # no handler in library use: the process dies, the reaper cleans up
    p, pid, tmpdir = _run_child(MAKE + "time.sleep(60)\n", signal.SIGTERM)
    assert p.returncode == -signal.SIGTERM
    assert _gone(pid) and _removed(tmpdir)


def test_cleanup_on_ctrl_c():
    p, pid, tmpdir = _run_child(MAKE + "time.sleep(60)\n", signal.SIGINT)
    assert _gone(pid) and not os.path.exists(tmpdir)


def test_cleanup_after_sigkill():
    p, pid, tmpdir = _run_child(MAKE + "time.sleep(60)\n", signal.SIGKILL)
    assert _gone(pid), "postmaster outlived its SIGKILLed owner"
    assert _removed(tmpdir)


def test_cleanup_when_stuck_and_killed():
    # the owner is blocked outside Python bytecode: SIGTERM still works
    code = MAKE + "import ctypes; ctypes.CDLL(None).sleep(60)\n"
    p, pid, tmpdir = _run_child(code, signal.SIGTERM)
    assert _gone(pid) and _removed(tmpdir)


def test_sweep_removes_orphans(pgharness, tmp_path, monkeypatch):
    orphan = tmp_path / (pgharness.TMP_PREFIX + "orphan")
    (orphan / "data").mkdir(parents=True)
    dead = subprocess.Popen(["true"])
    dead.wait()
    (orphan / "owner.pid").write_text(str(dead.pid))
    mine = tmp_path / (pgharness.TMP_PREFIX + "mine")
    mine.mkdir()
    (mine / "owner.pid").write_text(str(os.getpid()))
    monkeypatch.setenv("PGHARNESS_TMPDIR", str(tmp_path))
    pgharness._sweep_orphans()
    assert not orphan.exists()
    assert mine.exists()


def test_cli_sigterm_cleans_up():
    script = os.path.join(os.path.dirname(__file__), "..", "scripts", "pgharness.py")
    p = subprocess.Popen([sys.executable, script, "start"], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    line = p.stdout.readline()
    assert line.startswith("node 0: host="), p.stderr.read()
    port = int(line.split("port=")[1].split()[0])
    p.send_signal(signal.SIGTERM)
    p.communicate(timeout=60)
    assert p.returncode == 128 + signal.SIGTERM
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", port)) != 0


def test_free_port_is_bindable(pgharness):
    port = pgharness.free_port()
    with socket.socket() as s:
        s.bind(("127.0.0.1", port))


def test_cli_run_sets_env_and_exit_code():
    script = os.path.join(os.path.dirname(__file__), "..", "scripts", "pgharness.py")
    res = subprocess.run(
        [sys.executable, script, "run", "--set", "work_mem=8MB", "--",
         "sh", "-c", 'echo "$PGHARNESS_DSN"; echo "$PGHARNESS_PW_DSN"; exit 3'],
        capture_output=True, text=True, timeout=120)
    assert res.returncode == 3, res.stderr
    dsn, pw = res.stdout.split("\n")[:2]
    assert "user=postgres" in dsn and "port=" in dsn
    assert "user=pwuser" in pw and "password=pwpass" in pw


def test_standby(private_server):
    st = private_server.standby()
    try:
        assert st.sql("select pg_is_in_recovery()") == "t"
        private_server.sql("create table rep (x int); insert into rep values (1)")
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if st.sql("select to_regclass('rep') is not null") == "t":
                break
            time.sleep(0.1)
        assert st.sql("select x from rep") == "1"
        st.promote()
        assert st.sql("select pg_is_in_recovery()") == "f"
    finally:
        private_server.cleanup()  # takes its standbys along
    assert not os.path.exists(st.tmpdir)
