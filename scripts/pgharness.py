#!/usr/bin/env python3
"""Throwaway PostgreSQL servers for tests, demos and experiments.

The harness runs the machine's own PostgreSQL binaries (``$PG_BINDIR``, else
``pg_config --bindir`` -- ``$PG_CONFIG`` picks the pg_config --, else the
newest ``/usr/lib/postgresql/*/bin``, else ``initdb`` on ``$PATH``).  Each
server lives in its own temporary directory (data directory, unix socket,
log) which is removed when the server is cleaned up.  When run as root the
servers run as the ``postgres`` OS user (created if missing), because
PostgreSQL refuses to run as root.

Python API::

    from pgharness import Server, Cluster

    with Server() as srv:                       # started on a free port
        print(srv.dsn())                        # host=127.0.0.1 port=... user=postgres dbname=postgres
        srv.sql("create table t (x int)")       # through psql, no driver needed
        srv.stop("immediate"); srv.start()      # or srv.restart()
        srv.kill()                              # SIGKILL the postmaster (crash)
        srv.freeze(); srv.thaw()                # SIGSTOP/SIGCONT: a hung node

    with Cluster(3) as cl:                      # 127.a.b.11, .12, .13, same port
        for node in cl: print(node.dsn())

Authentication: ``trust`` for every role except ``pwuser``, which the
harness creates with password ``pwpass`` and which must authenticate with
scram-sha-256 (over TCP and the unix socket).  Extra ``postgresql.conf``
settings go in ``settings={...}``.  Replication connections are trusted, so
``Server.standby()`` can make a streaming replica with pg_basebackup.

Cleanup happens on ``stop``/``cleanup``, on leaving a ``with`` block (also by
an exception), and at interpreter exit.  Whatever ends the process otherwise
(SIGTERM, SIGKILL, Ctrl-C, os._exit of a test timeout), a small "reaper"
helper process, started with the first server and told about each
directory, notices that its pipe from us closed, stops the postmasters left
and deletes their directories.  The kernel also sends the postmaster SIGQUIT
when its parent dies (PR_SET_PDEATHSIG), and each run sweeps directories
whose owner process is gone.  Library use installs no signal handler (a
process blocked in a C call stays killable by SIGTERM); the CLI turns
SIGTERM/SIGHUP into a normal exit.

Note on threads: the parent-death signal is tied to the *thread* that
started the server.  Start servers from a long-lived thread (normally the
main thread) or pass ``die_with_parent=False``.

CLI::

    python scripts/pgharness.py start [--nodes N] [--set name=value ...]
    python scripts/pgharness.py run [--nodes N] [--set ...] -- CMD ARGS...

``run`` sets PGHARNESS_DSN (first node), PGHARNESS_DSN_<i> for every node,
PGHARNESS_NODES (count), PGHARNESS_HOSTS (``host:port,host:port``) and
PGHARNESS_PW_DSN (the pwuser DSN of the first node), and exits with the
command's exit code.
"""

from __future__ import annotations

import argparse
import atexit
import ctypes
import glob
import os
import random
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
from typing import Any, Dict, Iterator, List, Mapping, Optional, Sequence

__all__ = [
    "HarnessError", "Server", "Cluster", "find_bindir", "free_port",
    "PW_USER", "PW_PASSWORD", "SUPERUSER", "cleanup_all",
]

SUPERUSER = "postgres"
PW_USER = "pwuser"
PW_PASSWORD = "pwpass"
TMP_PREFIX = "pgharness-"

#: settings that make a throwaway server fast; ``settings=`` overrides them
FAST_SETTINGS: Dict[str, Any] = {
    "fsync": False,
    "synchronous_commit": False,
    "full_page_writes": False,
    "shared_buffers": "32MB",
    "max_connections": 200,
    "max_wal_senders": 10,
    "max_replication_slots": 10,
    "wal_keep_size": "64MB",
    "password_encryption": "scram-sha-256",
    "logging_collector": False,
    "log_min_messages": "warning",
    "log_line_prefix": "%m [%p] ",
    "timezone": "UTC",
    "datestyle": "ISO, MDY",
    "lc_messages": "C",
    "dynamic_shared_memory_type": "mmap",  # segments live in the data dir
    "max_worker_processes": 8,
    "hot_standby": True,
    "autovacuum": False,
    "checkpoint_timeout": "1h",
    "jit": False,
}

STOP_SIGNALS = {
    "smart": signal.SIGTERM,
    "fast": signal.SIGINT,
    "immediate": signal.SIGQUIT,
}


class HarnessError(RuntimeError):
    """Something went wrong starting, querying or stopping a server."""


# --------------------------------------------------------------------------
# Locating binaries, users, ports
# --------------------------------------------------------------------------

def _has_server_bins(bindir: str) -> bool:
    return all(os.access(os.path.join(bindir, b), os.X_OK)
               for b in ("initdb", "postgres", "psql"))


def find_bindir() -> str:
    """Directory holding initdb/postgres/psql, see the module docstring."""
    env = os.environ.get("PG_BINDIR")
    if env:
        if not _has_server_bins(env):
            raise HarnessError(f"PG_BINDIR={env} has no initdb/postgres/psql")
        return env
    pg_config = os.environ.get("PG_CONFIG") or shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run([pg_config, "--bindir"], capture_output=True,
                                 text=True, check=True).stdout.strip()
            if out and _has_server_bins(out):
                return out
        except (OSError, subprocess.CalledProcessError):
            pass

    def version_key(path: str):
        ver = os.path.basename(os.path.dirname(path))
        return [int(p) if p.isdigit() else 0 for p in re.split(r"[.]", ver)]

    cands = [d for d in glob.glob("/usr/lib/postgresql/*/bin") if _has_server_bins(d)]
    if cands:
        return sorted(cands, key=version_key)[-1]
    initdb = shutil.which("initdb")
    if initdb and _has_server_bins(os.path.dirname(initdb)):
        return os.path.dirname(initdb)
    raise HarnessError(
        "PostgreSQL server binaries not found (need initdb, postgres, psql): "
        "install them with `apt-get install postgresql` or set PG_BINDIR")


def _run_as() -> Optional[Dict[str, Any]]:
    """Popen kwargs to drop root to the postgres OS user; None if not root."""
    if os.geteuid() != 0:
        return None
    import pwd
    name = os.environ.get("PGHARNESS_OS_USER", "postgres")
    try:
        pw = pwd.getpwnam(name)
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell",
                        "/usr/sbin/nologin", "--user-group", name],
                       check=True, capture_output=True)
        pw = pwd.getpwnam(name)
    return {"user": pw.pw_uid, "group": pw.pw_gid, "extra_groups": []}


def _chown_tree(path: str, run_as: Optional[Dict[str, Any]]) -> None:
    if not run_as:
        return
    uid, gid = run_as["user"], run_as["group"]
    os.chown(path, uid, gid)
    for root, dirs, files in os.walk(path):
        for n in dirs + files:
            os.lchown(os.path.join(root, n), uid, gid)


def _can_bind(host: str, port: int) -> bool:
    fam = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(fam, socket.SOCK_STREAM) as s:
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def free_port(hosts: Sequence[str] = ("127.0.0.1",)) -> int:
    """A TCP port that can currently be bound on every address in *hosts*.

    Found by binding (the kernel picks the first candidate on hosts[0]).
    Another process may still grab it before the server does: Server.start
    retries with a new port when the postmaster cannot bind.
    """
    for _ in range(200):
        fam = socket.AF_INET6 if ":" in hosts[0] else socket.AF_INET
        with socket.socket(fam, socket.SOCK_STREAM) as s:
            s.bind((hosts[0], 0))
            port = s.getsockname()[1]
        if all(_can_bind(h, port) for h in hosts[1:]):
            return port
    raise HarnessError(f"no port free on all of {hosts}")


def _random_loopback_base(n: int) -> List[str]:
    """n addresses 127.A.B.11 ... on a random A.B, so that concurrent runs
    (which also pick at random, and check by binding) do not collide."""
    a = random.randint(100, 250)
    b = random.randint(1, 254)
    return [f"127.{a}.{b}.{11 + i}" for i in range(n)]


# --------------------------------------------------------------------------
# Process helpers
# --------------------------------------------------------------------------

_PR_SET_PDEATHSIG = 1


def _pdeathsig_preexec(parent_pid: int):
    def preexec() -> None:  # runs in the child, after the uid switch
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGQUIT, 0, 0, 0)
        except Exception:
            pass
        if os.getppid() != parent_pid:  # parent already gone
            os._exit(1)
    return preexec


def _pids_in_group(pgid: int) -> List[int]:
    """Live (non-zombie) processes whose process group is *pgid*."""
    pids = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            with open(f"/proc/{d}/stat", "rb") as f:
                stat = f.read().decode("ascii", "replace")
        except OSError:
            continue
        rest = stat[stat.rfind(")") + 2:].split()
        # rest[0] = state, rest[1] = ppid, rest[2] = pgrp
        if len(rest) > 2 and rest[0] not in ("Z", "X") and int(rest[2]) == pgid:
            pids.append(int(d))
    return pids


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            st = f.read().decode("ascii", "replace")
        return st[st.rfind(")") + 2:].split()[0] not in ("Z", "X")
    except OSError:
        return False


def _sweep_orphans() -> None:
    """Remove temp dirs left by harness processes that died abruptly."""
    for d in [d for r in _tmp_roots() for d in glob.glob(os.path.join(r, TMP_PREFIX + "*"))]:
        try:
            with open(os.path.join(d, "owner.pid")) as f:
                owner = int(f.read().strip())
        except (OSError, ValueError):
            continue
        if owner == os.getpid() or _pid_alive(owner):
            continue
        busy = False
        for pidfile in glob.glob(os.path.join(d, "*", "postmaster.pid")):
            try:
                with open(pidfile) as f:
                    pm = int(f.readline().strip())
                if _pid_alive(pm):
                    os.kill(pm, signal.SIGQUIT)
                    busy = True
            except (OSError, ValueError):
                pass
        if not busy:
            shutil.rmtree(d, ignore_errors=True)


def _tmp_roots() -> List[str]:
    return [r for r in dict.fromkeys(
        [os.environ.get("PGHARNESS_TMPDIR", ""), "/dev/shm", tempfile.gettempdir(), "/tmp"]) if r]


def _tmp_root() -> str:
    """Where server directories go: $PGHARNESS_TMPDIR, else /dev/shm when it
    is a roomy tmpfs (ten times faster to copy a data directory there), else
    the usual temp dir.  Kept short: unix socket paths are limited to ~107
    bytes."""
    env = os.environ.get("PGHARNESS_TMPDIR")
    if env:
        return env
    try:
        st = os.statvfs("/dev/shm")
        if st.f_bavail * st.f_frsize >= 1 << 30 and os.access("/dev/shm", os.W_OK):
            return "/dev/shm"
    except OSError:
        pass
    root = tempfile.gettempdir()
    if len(root) > 60:
        root = "/tmp"
    return root


def _conf_value(v: Any) -> str:
    if isinstance(v, bool):
        return "on" if v else "off"
    if isinstance(v, (int, float)):
        return str(v)
    return "'" + str(v).replace("\\", "\\\\").replace("'", "''") + "'"


# --------------------------------------------------------------------------
# Readiness probe: a minimal v3 protocol startup (trust auth)
# --------------------------------------------------------------------------

def _recv_exact(s: socket.socket, n: int) -> bytes:
    buf = b""
    while len(buf) < n:
        chunk = s.recv(n - len(buf))
        if not chunk:
            raise ConnectionError("connection closed")
        buf += chunk
    return buf


def probe(host: str, port: int, user: str = SUPERUSER,
          dbname: str = "postgres", timeout: float = 2.0) -> bool:
    """True if the server completes a startup (ReadyForQuery) for *user*."""
    try:
        with socket.create_connection((host, port), timeout=timeout) as s:
            params = f"user\0{user}\0database\0{dbname}\0\0".encode()
            s.sendall(struct.pack("!ii", 8 + len(params), 196608) + params)
            while True:
                kind = _recv_exact(s, 1)
                (length,) = struct.unpack("!i", _recv_exact(s, 4))
                body = _recv_exact(s, length - 4)
                if kind == b"Z":
                    s.sendall(b"X\0\0\0\4")
                    return True
                if kind == b"E":
                    return False
                if kind == b"R" and struct.unpack("!i", body[:4])[0] != 0:
                    return False  # a password is asked for: not ours
    except (OSError, ConnectionError, struct.error):
        return False


# --------------------------------------------------------------------------
# Template data directory: initdb once per process, copy for every server
# --------------------------------------------------------------------------

_template_lock = threading.Lock()
_templates: Dict[str, str] = {}
_template_root: Optional[str] = None


def _template(bindir: str, run_as: Optional[Dict[str, Any]]) -> str:
    global _template_root
    with _template_lock:
        if bindir in _templates:
            return _templates[bindir]
        _sweep_orphans()
        if _template_root is None:
            _template_root = tempfile.mkdtemp(prefix=TMP_PREFIX + "tpl-", dir=_tmp_root())
            os.chmod(_template_root, 0o755)
            with open(os.path.join(_template_root, "owner.pid"), "w") as f:
                f.write(str(os.getpid()))
            _reaper_send("add", _template_root)
            _chown_tree(_template_root, run_as)
        datadir = os.path.join(_template_root, f"data{len(_templates)}")
        env = _child_env()
        kw = dict(run_as or {})
        res = subprocess.run(
            [os.path.join(bindir, "initdb"), "-D", datadir, "-U", SUPERUSER,
             "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync",
             "--no-instructions"],
            env=env, capture_output=True, text=True, cwd=_template_root, **kw)
        if res.returncode != 0:
            raise HarnessError("initdb failed:\n" + res.stdout + res.stderr)
        # the password role, created in single-user mode (no server needed)
        cmd = (f"CREATE ROLE {PW_USER} LOGIN PASSWORD '{PW_PASSWORD}';\n"
               f"GRANT ALL ON SCHEMA public TO {PW_USER};\n")
        res = subprocess.run(
            [os.path.join(bindir, "postgres"), "--single", "-D", datadir,
             "-c", "password_encryption=scram-sha-256", "-j", "postgres"],
            input=cmd.replace(";\n", ";\n\n"), env=env, capture_output=True,
            text=True, cwd=_template_root, **kw)
        if res.returncode != 0 or "ERROR" in res.stdout + res.stderr:
            raise HarnessError("creating role pwuser failed:\n" + res.stdout + res.stderr)
        _templates[bindir] = datadir
        return datadir


def _child_env() -> Dict[str, str]:
    # no PG* (a PGHOST/PGPORT would redirect psql), no locale settings, and
    # no sanitizer runtime (make sanitize preloads libasan into the tests)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PG", "LC_", "ASAN_", "UBSAN_", "LSAN_"))
           and k not in ("LD_PRELOAD", "PYTHONMALLOC")}
    env["LANG"] = "C"
    env["LC_ALL"] = "C"
    env["TZ"] = "UTC"
    return env


def _cleanup_templates() -> None:
    global _template_root
    if _template_root and os.path.isdir(_template_root):
        shutil.rmtree(_template_root, ignore_errors=True)
    if _template_root:
        _reaper_send("del", _template_root)
    _template_root = None
    _templates.clear()


# --------------------------------------------------------------------------
# Server
# --------------------------------------------------------------------------

_live_lock = threading.Lock()
_live: List["Server"] = []


def _child_pids(parent: int) -> list[int]:
    """PIDs whose parent is *parent* (from /proc)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == parent:
            found.append(int(entry))
    return found


def _wait_pids_gone(pids: list[int], timeout: float) -> None:
    """Wait until none of *pids* runs; SIGKILL the ones left at the end."""
    deadline = time.monotonic() + timeout
    killed = False
    while True:
        alive = [pid for pid in pids if _process_state(pid) not in (None, "Z")]
        if not alive:
            return
        if time.monotonic() > deadline:
            if killed:
                raise HarnessError(f"processes {alive} do not go away")
            for pid in alive:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            killed, deadline = True, time.monotonic() + timeout
        time.sleep(0.02)


def _process_state(pid: int | None) -> str | None:
    """The state letter of /proc/PID/stat (T: stopped), None if gone."""
    if pid is None:
        return None
    try:
        with open(f"/proc/{pid}/stat") as f:
            # the command name is in parentheses and may contain spaces
            return f.read().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return None


class Server:
    """One throwaway PostgreSQL server.

    ``Server(host="127.0.0.1", port=None, settings=None, ...)``; the port is
    found by binding when not given.  Nothing happens until ``start()`` (or
    entering ``with``).  ``cleanup()`` stops it and removes its directory;
    after that the object cannot be started again.
    """

    def __init__(self, host: str = "127.0.0.1", port: Optional[int] = None,
                 settings: Optional[Mapping[str, Any]] = None,
                 bindir: Optional[str] = None, name: str = "pg",
                 die_with_parent: bool = True, start_timeout: float = 60.0,
                 hba_extra: Sequence[str] = ()):
        self.host = host
        self._fixed_port = port is not None
        self.port = port if port is not None else free_port([host])
        self.settings: Dict[str, Any] = dict(FAST_SETTINGS)
        self.settings.update(settings or {})
        self.bindir = bindir or find_bindir()
        self.name = name
        self.die_with_parent = die_with_parent
        self.start_timeout = start_timeout
        self.hba_extra = list(hba_extra)
        self._run_as = _run_as()
        self.tmpdir = tempfile.mkdtemp(prefix=f"{TMP_PREFIX}{name}-", dir=_tmp_root())
        os.chmod(self.tmpdir, 0o755)
        with open(os.path.join(self.tmpdir, "owner.pid"), "w") as f:
            f.write(str(os.getpid()))
        _reaper_send("add", self.tmpdir)
        self.datadir = os.path.join(self.tmpdir, "data")
        self.sockdir = self.tmpdir
        self.logfile = os.path.join(self.tmpdir, "postgres.log")
        self.proc: Optional[subprocess.Popen] = None
        self._initialized = False
        self._cleaned = False
        self._primary: Optional["Server"] = None
        self._standbys: List["Server"] = []  # cleaned up with this server
        with _live_lock:
            _live.append(self)
        _install_exit_hooks()

    # -- description -------------------------------------------------------

    def __repr__(self) -> str:
        state = "running" if self.running else "stopped"
        return f"<Server {self.name} {self.host}:{self.port} {state}>"

    @property
    def pid(self) -> Optional[int]:
        """The postmaster's pid while it runs."""
        return self.proc.pid if self.proc and self.proc.poll() is None else None

    @property
    def running(self) -> bool:
        return self.pid is not None

    @property
    def version(self) -> str:
        out = subprocess.run([os.path.join(self.bindir, "postgres"), "--version"],
                             capture_output=True, text=True).stdout
        return out.strip().split()[-1]

    def dsn(self, dbname: str = "postgres", user: str = SUPERUSER,
            password: Optional[str] = None, **extra: Any) -> str:
        """A key/value libpq connection string for this server over TCP."""
        parts = {"host": self.host, "port": self.port, "user": user,
                 "dbname": dbname}
        if password is not None:
            parts["password"] = password
        parts.update(extra)
        return " ".join(f"{k}={_dsn_quote(v)}" for k, v in parts.items())

    def pw_dsn(self, dbname: str = "postgres", **extra: Any) -> str:
        """DSN for the scram-sha-256 role (pwuser/pwpass)."""
        return self.dsn(dbname=dbname, user=PW_USER, password=PW_PASSWORD, **extra)

    def socket_dsn(self, dbname: str = "postgres", user: str = SUPERUSER,
                   **extra: Any) -> str:
        """DSN over the unix socket (host is the socket directory)."""
        parts = {"host": self.sockdir, "port": self.port, "user": user,
                 "dbname": dbname}
        parts.update(extra)
        return " ".join(f"{k}={_dsn_quote(v)}" for k, v in parts.items())

    def url(self, dbname: str = "postgres", user: str = SUPERUSER,
            password: Optional[str] = None) -> str:
        auth = user + (f":{password}" if password else "")
        return f"postgresql://{auth}@{self.host}:{self.port}/{dbname}"

    def log(self) -> str:
        """The server's log so far."""
        try:
            with open(self.logfile, errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    # -- set-up --------------------------------------------------------------

    def _initialize(self) -> None:
        if self._initialized:
            return
        if self._primary is None:
            tpl = _template(self.bindir, self._run_as)
            shutil.copytree(tpl, self.datadir, symlinks=True)
        _chown_tree(self.tmpdir, self._run_as)
        os.chmod(self.datadir, 0o700)
        self._write_hba()
        self._write_conf()
        self._initialized = True

    def _write_hba(self) -> None:
        lines = ["# written by pgharness"] + self.hba_extra + [
            f"local   all          {PW_USER}  scram-sha-256",
            f"host    all          {PW_USER}  127.0.0.0/8  scram-sha-256",
            f"host    all          {PW_USER}  ::1/128      scram-sha-256",
            "local   all          all     trust",
            "host    all          all     127.0.0.0/8  trust",
            "host    all          all     ::1/128      trust",
            "local   replication  all     trust",
            "host    replication  all     127.0.0.0/8  trust",
            "host    replication  all     ::1/128      trust",
        ]
        path = os.path.join(self.datadir, "pg_hba.conf")
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        if self._run_as:
            os.chown(path, self._run_as["user"], self._run_as["group"])

    def _write_conf(self) -> None:
        path = os.path.join(self.datadir, "postgresql.conf")
        inc = "include_if_exists = 'pgharness.conf'"
        with open(path) as f:
            text = f.read()
        if inc not in text:
            with open(path, "a") as f:
                f.write("\n" + inc + "\n")
        conf = dict(self.settings)
        conf["listen_addresses"] = self.host
        conf["port"] = self.port
        conf["unix_socket_directories"] = self.sockdir
        body = "".join(f"{k} = {_conf_value(v)}\n" for k, v in conf.items())
        hp = os.path.join(self.datadir, "pgharness.conf")
        with open(hp, "w") as f:
            f.write("# written by pgharness\n" + body)
        if self._run_as:
            os.chown(hp, self._run_as["user"], self._run_as["group"])

    def configure(self, **settings: Any) -> None:
        """Change postgresql.conf settings; takes effect on (re)start or,
        for reloadable settings, after ``reload()``."""
        self.settings.update(settings)
        if self._initialized:
            self._write_conf()

    # -- life cycle ----------------------------------------------------------

    def start(self, wait: bool = True) -> "Server":
        """Start the postmaster and wait until it accepts connections."""
        if self._cleaned:
            raise HarnessError("server was cleaned up")
        if self.running:
            return self
        self._initialize()
        self._wait_group_gone()
        for attempt in range(5):
            self._spawn()
            if not wait:
                return self
            try:
                self.wait_ready()
                return self
            except HarnessError:
                log = self.log()
                self._reap()
                bind_fail = ("could not bind" in log or "could not create listen" in log)
                if bind_fail and not self._fixed_port and attempt < 4:
                    self.port = free_port([self.host])
                    self._write_conf()
                    continue
                raise
        raise HarnessError("unreachable")

    def _spawn(self) -> None:
        # truncate the log of a previous failed attempt? keep it: append
        logf = open(self.logfile, "ab")
        if self._run_as:
            os.chown(self.logfile, self._run_as["user"], self._run_as["group"])
        kw: Dict[str, Any] = dict(self._run_as or {})
        if self.die_with_parent:
            kw["preexec_fn"] = _pdeathsig_preexec(os.getpid())
        try:
            self.proc = subprocess.Popen(
                [os.path.join(self.bindir, "postgres"), "-D", self.datadir],
                stdin=subprocess.DEVNULL, stdout=logf, stderr=subprocess.STDOUT,
                env=_child_env(), cwd=self.tmpdir, start_new_session=True, **kw)
        finally:
            logf.close()
        self._pgid = self.proc.pid

    def wait_ready(self, timeout: Optional[float] = None) -> None:
        """Wait until the server completes a startup handshake."""
        deadline = time.monotonic() + (timeout or self.start_timeout)
        delay = 0.02
        while time.monotonic() < deadline:
            if self.proc is None or self.proc.poll() is not None:
                raise HarnessError(
                    f"postgres {self.name} exited during start-up:\n{self._log_tail()}")
            if probe(self.host, self.port):
                return
            time.sleep(delay)
            delay = min(delay * 1.5, 0.2)
        raise HarnessError(
            f"postgres {self.name} not ready after {timeout or self.start_timeout}s:\n"
            f"{self._log_tail()}")

    def _log_tail(self, n: int = 30) -> str:
        return "\n".join(self.log().splitlines()[-n:])

    def stop(self, mode: str = "fast", timeout: float = 30.0) -> None:
        """Stop the server: mode 'smart', 'fast' (default) or 'immediate'.
        Escalates to immediate, then SIGKILL, when it takes too long."""
        if mode not in STOP_SIGNALS:
            raise ValueError(f"mode must be one of {sorted(STOP_SIGNALS)}")
        proc = self.proc
        if proc is not None and proc.poll() is None:
            order = list(STOP_SIGNALS)[list(STOP_SIGNALS).index(mode):]
            for m in order:
                try:
                    proc.send_signal(STOP_SIGNALS[m])
                except ProcessLookupError:
                    break
                try:
                    proc.wait(timeout if m != "immediate" else 10)
                    break
                except subprocess.TimeoutExpired:
                    continue
            else:
                self._killpg()
        self._reap()
        self._wait_group_gone()

    def kill(self, group: bool = False, wait: bool = True) -> None:
        """SIGKILL the postmaster (simulated crash).  The backends notice
        their postmaster died and exit by themselves; with *wait* (default)
        this returns once they all did (SIGKILLing any left after 5 s), so
        open connections are surely broken.  ``group=True`` SIGKILLs every
        server process at once.  ``start()`` then does crash recovery."""
        if self.proc is None or self.proc.poll() is not None:
            return
        # Backends call setsid(): they are in no process group of the
        # postmaster's, so find them by parent before it dies.
        children = _child_pids(self.proc.pid)
        if group:
            self._killpg()
        else:
            self.proc.kill()
        self.proc.wait()
        if wait:
            self._wait_group_gone(timeout=5.0)
            _wait_pids_gone(children, timeout=5.0)

    def freeze(self) -> None:
        """SIGSTOP the postmaster's process group: new connections hang
        (the kernel accepts them into the backlog, nobody answers). Backends
        already serving clients run in sessions of their own and keep
        answering. Returns once the postmaster is really stopped (the signal
        is delivered asynchronously)."""
        self._signal_group(signal.SIGSTOP)
        deadline = time.monotonic() + 5
        while _process_state(self.pid) not in ("T", "t", None):
            if time.monotonic() > deadline:
                raise HarnessError(f"postmaster {self.pid} did not stop")
            time.sleep(0.005)

    def thaw(self) -> None:
        """Undo ``freeze()``."""
        self._signal_group(signal.SIGCONT)

    def _signal_group(self, sig: int) -> None:
        if self.pid is None:
            raise HarnessError("server not running")
        try:
            os.killpg(self._pgid, sig)
        except ProcessLookupError:
            pass

    def restart(self, mode: str = "fast") -> "Server":
        self.stop(mode)
        return self.start()

    def reload(self) -> None:
        """SIGHUP: re-read the configuration."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGHUP)

    def _killpg(self) -> None:
        pgid = getattr(self, "_pgid", None)
        if pgid is None:
            return
        for sig in (signal.SIGCONT, signal.SIGKILL):
            try:
                os.killpg(pgid, sig)
            except (ProcessLookupError, PermissionError):
                pass

    def _reap(self) -> None:
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
            self.proc.wait()

    def _wait_group_gone(self, timeout: float = 10.0) -> None:
        """Wait for the processes of the previous postmaster to go away
        (after a crash the backends notice postmaster death by themselves)."""
        pgid = getattr(self, "_pgid", None)
        if pgid is None:
            return
        deadline = time.monotonic() + timeout
        while _pids_in_group(pgid):
            if time.monotonic() > deadline:
                self._killpg()
                time.sleep(0.1)
                if time.monotonic() > deadline + 5:
                    raise HarnessError(f"processes of {self.name} do not go away")
            time.sleep(0.05)

    def cleanup(self) -> None:
        """Stop (fast, escalating) and delete everything.  Idempotent."""
        if self._cleaned:
            return
        for st in self._standbys:
            st.cleanup()
        try:
            try:
                if self.proc is not None and self.proc.poll() is None:
                    os.killpg(self._pgid, signal.SIGCONT)  # in case frozen
            except (ProcessLookupError, PermissionError, AttributeError):
                pass
            try:
                self.stop("fast", timeout=15)
            except Exception:
                self._killpg()
                self._reap()
        finally:
            self._cleaned = True
            shutil.rmtree(self.tmpdir, ignore_errors=True)
            _reaper_send("del", self.tmpdir)
            with _live_lock:
                if self in _live:
                    _live.remove(self)

    def __enter__(self) -> "Server":
        try:
            return self.start()
        except BaseException:
            self.cleanup()
            raise

    def __exit__(self, *exc: Any) -> None:
        self.cleanup()

    # -- queries without the driver -----------------------------------------

    def sql(self, query: str, dbname: str = "postgres", user: str = SUPERUSER,
            check: bool = True) -> str:
        """Run SQL through psql (-X -A -t, ON_ERROR_STOP); return stdout
        stripped: rows on lines, columns separated by '|'."""
        env = _child_env()
        if user == PW_USER:
            env["PGPASSWORD"] = PW_PASSWORD
        res = subprocess.run(
            [os.path.join(self.bindir, "psql"), "-X", "-A", "-t", "-q",
             "-v", "ON_ERROR_STOP=1", "-h", self.host, "-p", str(self.port),
             "-U", user, "-d", dbname, "-f", "-"],
            input=query, capture_output=True, text=True, env=env, timeout=120)
        if check and res.returncode != 0:
            raise HarnessError(f"psql failed ({res.returncode}): {res.stderr.strip()}")
        return res.stdout.strip()

    def createdb(self, name: str, owner: str = SUPERUSER) -> str:
        self.sql(f'CREATE DATABASE "{name}" OWNER "{owner}"')
        return name

    # -- replication -----------------------------------------------------------

    def standby(self, host: Optional[str] = None, port: Optional[int] = None,
                name: Optional[str] = None,
                settings: Optional[Mapping[str, Any]] = None,
                start: bool = True) -> "Server":
        """A streaming replica of this (running) server made by
        pg_basebackup -R.  Returns the new Server (started if *start*);
        it is cleaned up together with this one.  Same host: a new port;
        another host (e.g. 127.0.0.12): the same port unless given."""
        if not self.running:
            raise HarnessError("the primary must be running")
        st = Server(host=host or self.host,
                    port=port if port is not None else (None if (host or self.host) == self.host else self.port),
                    settings={**{k: v for k, v in self.settings.items()}, **(settings or {})},
                    bindir=self.bindir, name=name or f"{self.name}-standby",
                    die_with_parent=self.die_with_parent,
                    start_timeout=self.start_timeout, hba_extra=self.hba_extra)
        st._primary = self
        self._standbys.append(st)
        _chown_tree(st.tmpdir, st._run_as)
        res = subprocess.run(
            [os.path.join(self.bindir, "pg_basebackup"), "-D", st.datadir,
             "-h", self.host, "-p", str(self.port), "-U", SUPERUSER,
             "-R", "-X", "stream", "--no-sync", "-c", "fast"],
            env=_child_env(), capture_output=True, text=True, cwd=st.tmpdir,
            **(st._run_as or {}))
        if res.returncode != 0:
            st.cleanup()
            raise HarnessError("pg_basebackup failed:\n" + res.stderr)
        if start:
            try:
                st.start()
            except BaseException:
                st.cleanup()
                raise
        return st

    def promote(self) -> None:
        """Promote a standby (pg_ctl promote)."""
        res = subprocess.run(
            [os.path.join(self.bindir, "pg_ctl"), "promote", "-w", "-D", self.datadir],
            env=_child_env(), capture_output=True, text=True, **(self._run_as or {}))
        if res.returncode != 0:
            raise HarnessError("promote failed:\n" + res.stdout + res.stderr)


def _dsn_quote(v: Any) -> str:
    s = str(v)
    if s and not re.search(r"[\s'\\]", s):
        return s
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"


# --------------------------------------------------------------------------
# Cluster
# --------------------------------------------------------------------------

class Cluster:
    """N independent servers ("nodes").

    By default each node has its own loopback address (127.A.B.11, .12, ...
    on a random A.B checked by binding) and all share one port, like the
    nodes of a real distributed database.  ``same_port=False`` puts every
    node on ``hosts[0]``-style own ports instead (``hosts=["127.0.0.1"]``).
    ``hosts=[...]`` fixes the addresses.  Nodes are started together.
    """

    def __init__(self, n: int, settings: Optional[Mapping[str, Any]] = None,
                 hosts: Optional[Sequence[str]] = None, same_port: bool = True,
                 port: Optional[int] = None, name: str = "node", **server_kw: Any):
        if n < 1:
            raise ValueError("n must be >= 1")
        self.nodes: List[Server] = []
        self._fixed_port = port is not None
        try:
            if same_port:
                for _ in range(20):
                    addrs = list(hosts) if hosts else _random_loopback_base(n)
                    if len(addrs) != n:
                        raise ValueError("need one host per node")
                    if all(_can_bind(h, 0) for h in addrs):
                        break
                p = port if port is not None else free_port(addrs)
                for i, h in enumerate(addrs):
                    self.nodes.append(Server(host=h, port=p, settings=settings,
                                             name=f"{name}{i}", **server_kw))
            else:
                addrs = list(hosts) if hosts else ["127.0.0.1"] * n
                for i, h in enumerate(addrs):
                    self.nodes.append(Server(host=h, settings=settings,
                                             name=f"{name}{i}", **server_kw))
        except BaseException:
            self.cleanup()
            raise

    def start(self) -> "Cluster":
        """Start every node that is not running (spawn all, then wait for
        all).  If a shared port was taken meanwhile, move all to another."""
        try:
            for attempt in range(4):
                todo = [n for n in self.nodes if not n.running]
                for node in todo:
                    node._initialize()
                    node._wait_group_gone()
                    node._spawn()
                failed = []
                for node in todo:
                    try:
                        node.wait_ready()
                    except HarnessError:
                        failed.append(node)
                if not failed:
                    return self
                bind = any("could not bind" in n.log() or "could not create listen" in n.log()
                           for n in failed)
                shared = len({n.port for n in self.nodes}) == 1 and not self._fixed_port
                if not bind or attempt == 3:
                    raise HarnessError(f"{failed[0].name} did not start:\n{failed[0]._log_tail()}")
                for node in self.nodes:
                    node.stop("immediate")
                new_port = free_port([n.host for n in self.nodes]) if shared else None
                for node in self.nodes:
                    node.port = new_port if shared else free_port([node.host])
                    node._write_conf()
        except BaseException:
            self.cleanup()
            raise
        return self

    def stop(self, mode: str = "fast") -> None:
        for node in self.nodes:
            node.stop(mode)

    def cleanup(self) -> None:
        for node in self.nodes:
            node.cleanup()

    def dsns(self, **kw: Any) -> List[str]:
        return [n.dsn(**kw) for n in self.nodes]

    @property
    def hosts(self) -> List[str]:
        return [n.host for n in self.nodes]

    def __iter__(self) -> Iterator[Server]:
        return iter(self.nodes)

    def __len__(self) -> int:
        return len(self.nodes)

    def __getitem__(self, i: int) -> Server:
        return self.nodes[i]

    def __enter__(self) -> "Cluster":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.cleanup()


# --------------------------------------------------------------------------
# Exit hooks
# --------------------------------------------------------------------------

def cleanup_all() -> None:
    """Stop and delete every server this process started."""
    with _live_lock:
        servers = list(_live)
    for s in reversed(servers):
        try:
            s.cleanup()
        except Exception:
            pass
    _cleanup_templates()


# -- the reaper: a helper process that outlives us and cleans up -----------
#
# Started with the first server, it reads "add DIR" / "del DIR" lines on its
# stdin.  When stdin reaches EOF -- this process exited, normally or not
# (SIGKILL, SIGTERM, os._exit of a test timeout) -- it stops the postmasters
# still running in the remaining directories and deletes those.  So cleanup
# needs no signal handler, and a process stuck inside a C call can still be
# killed with plain SIGTERM.

_REAPER_CODE = r"""
import os, shutil, signal, sys, time
dirs = {}
for line in sys.stdin:
    op, _, path = line.rstrip("\n").partition(" ")
    if op == "add":
        dirs[path] = True
    elif op == "del":
        dirs.pop(path, None)

def postmasters(d):
    found = []
    for root, sub, files in os.walk(d):
        if "postmaster.pid" in files:
            try:
                with open(os.path.join(root, "postmaster.pid")) as f:
                    pid = int(f.readline())
                with open("/proc/%d/cmdline" % pid, "rb") as f:
                    if root.encode() in f.read():
                        found.append(pid)
            except (OSError, ValueError):
                pass
            sub[:] = []
    return found

def gone(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            st = f.read()
        return st[st.rfind(")") + 2] in "ZX"
    except OSError:
        return True

for d in dirs:
    pids = postmasters(d)
    for pid in pids:
        try:
            os.killpg(pid, signal.SIGCONT)
            os.kill(pid, signal.SIGQUIT)
        except OSError:
            pass
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not all(gone(p) for p in pids):
        time.sleep(0.05)
    for pid in pids:
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass
    shutil.rmtree(d, ignore_errors=True)
"""

_reaper_lock = threading.Lock()
_reaper: Optional[subprocess.Popen] = None


def _reaper_send(op: str, path: str) -> None:
    global _reaper
    with _reaper_lock:
        if _reaper is None or _reaper.poll() is not None:
            if op != "add" or not sys.executable:
                return
            env = {k: v for k, v in os.environ.items()
                   if k not in ("LD_PRELOAD", "PYTHONMALLOC") and not k.startswith("ASAN_")}
            try:
                _reaper = subprocess.Popen(
                    [sys.executable, "-S", "-c", _REAPER_CODE],
                    stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL, env=env, cwd="/",
                    start_new_session=True, text=True)
            except OSError:
                return
        try:
            _reaper.stdin.write(f"{op} {path}\n")
            _reaper.stdin.flush()
        except (OSError, ValueError):
            pass


_hooks_installed = False


def _on_signal(signum: int, frame: Any) -> None:
    # turn into SystemExit so that finally blocks, with-blocks and atexit run
    raise SystemExit(128 + signum)


def install_signal_handlers(force: bool = False) -> None:
    """Make SIGTERM/SIGHUP raise SystemExit (main thread only).  Does not
    replace a handler somebody else installed unless *force*."""
    if threading.current_thread() is not threading.main_thread():
        return
    for sig in (signal.SIGTERM, signal.SIGHUP):
        if force or signal.getsignal(sig) in (signal.SIG_DFL, None):
            signal.signal(sig, _on_signal)


def _install_exit_hooks() -> None:
    """atexit cleanup.  No signal handlers here: the reaper cleans up after
    a SIGTERM (the CLI, which blocks only in Python, installs them)."""
    global _hooks_installed
    if _hooks_installed:
        return
    _hooks_installed = True
    atexit.register(cleanup_all)


# --------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------

def _parse_settings(items: Sequence[str]) -> Dict[str, Any]:
    out: Dict[str, Any] = {}
    for it in items:
        if "=" not in it:
            raise SystemExit(f"--set wants name=value, got {it!r}")
        k, v = it.split("=", 1)
        out[k.strip()] = int(v) if v.strip().isdigit() else v.strip()
    return out


def _make(args: argparse.Namespace):
    settings = _parse_settings(args.set or [])
    if args.nodes > 1 or args.cluster:
        return Cluster(args.nodes, settings=settings,
                       same_port=not args.separate_ports)
    return Server(host=args.host, port=args.port, settings=settings)


def _env_for(nodes: Sequence[Server]) -> Dict[str, str]:
    env = dict(os.environ)
    env["PGHARNESS_DSN"] = nodes[0].dsn()
    env["PGHARNESS_PW_DSN"] = nodes[0].pw_dsn()
    env["PGHARNESS_NODES"] = str(len(nodes))
    env["PGHARNESS_HOSTS"] = ",".join(f"{n.host}:{n.port}" for n in nodes)
    for i, n in enumerate(nodes):
        env[f"PGHARNESS_DSN_{i}"] = n.dsn()
    return env


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="pgharness", description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    for name in ("start", "run"):
        p = sub.add_parser(name)
        p.add_argument("--nodes", type=int, default=1)
        p.add_argument("--cluster", action="store_true",
                       help="use a Cluster even for one node (own loopback address)")
        p.add_argument("--separate-ports", action="store_true",
                       help="cluster nodes on 127.0.0.1 with one port each")
        p.add_argument("--host", default="127.0.0.1")
        p.add_argument("--port", type=int, default=None)
        p.add_argument("--set", action="append", metavar="NAME=VALUE",
                       help="extra postgresql.conf setting (repeatable)")
        if name == "run":
            p.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args(argv)
    install_signal_handlers(force=True)

    if args.cmd == "run":
        cmd = list(args.command)
        if cmd and cmd[0] == "--":
            cmd = cmd[1:]
        if not cmd:
            ap.error("run needs a command after --")

    obj = _make(args)
    try:
        obj.start()
        nodes = list(obj) if isinstance(obj, Cluster) else [obj]
        if args.cmd == "start":
            for i, n in enumerate(nodes):
                print(f"node {i}: {n.dsn()}", flush=True)
            print(f"pwuser:  {nodes[0].pw_dsn()}", flush=True)
            print(f"export PGHARNESS_DSN='{nodes[0].dsn()}'", flush=True)
            print("running; Ctrl-C to stop and delete", flush=True)
            try:
                while all(n.running for n in nodes):
                    time.sleep(0.5)
                print("a server exited", file=sys.stderr)
                return 1
            except KeyboardInterrupt:
                return 0
        else:
            try:
                return subprocess.call(cmd, env=_env_for(nodes))
            except KeyboardInterrupt:
                return 130
            except FileNotFoundError as e:
                print(f"pgharness: {e}", file=sys.stderr)
                return 127
    except HarnessError as e:
        print(f"pgharness: {e}", file=sys.stderr)
        return 2
    finally:
        obj.cleanup()
        _cleanup_templates()


if __name__ == "__main__":
    sys.exit(main())
