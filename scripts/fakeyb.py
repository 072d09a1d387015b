#!/usr/bin/env python3
"""A fake YugabyteDB cluster made of real PostgreSQL servers.

Each node is a throwaway server from ``pgharness`` on its own loopback
address (127.A.B.11, .12, ... sharing one port).  Every node's database
holds the table ``yb_fake.nodes`` and the set-returning function
``pg_catalog.yb_servers()`` over it, with YugabyteDB's columns::

    host text, port bigint, num_connections bigint, node_type text,
    cloud text, region text, zone text, public_ip text, uuid text,
    universe_uuid text

Nodes are separate servers, so this object is the single source of truth
for the topology: every change is written to the table of every reachable
node, and a node that was stopped, killed or frozen gets the current table
back when it starts or thaws.  Admin work goes through psql (never through
the driver under test) with ``application_name=fakeyb-admin``.

Python API::

    from fakeyb import FakeYugabyte          # scripts/ on sys.path

    with FakeYugabyte() as yb:                # 6 nodes, zones 1-2 primary, zone3 read replicas
        yb.contact_dsn(application_name="t")  # node 0
        yb.set_zone(1, "cloud1.region1.zone3"); yb.set_type(1, "read_replica")
        yb.remove_node(2); yb.add_node("cloud1.region1.zone1")
        yb.stop(3); yb.start(3); yb.kill(3); yb.freeze(4); yb.thaw(4)
        with yb.hang_address() as hung:       # accepts TCP, never answers
            hung.dsn(connect_timeout=2)
        yb.connections_per_node(application_name="t")   # [n0, n1, ...]
        yb.reset()                            # default topology, all nodes up

CLI::

    python scripts/fakeyb.py start [--nodes N]   # print nodes and DSNs, run until Ctrl-C
    python scripts/fakeyb.py run [--nodes N] -- CMD ARGS...

``run`` sets FAKEYB_DSN (contact node), FAKEYB_DSN_<i>, FAKEYB_HOSTS
(``host:port,...``) and FAKEYB_NODES for the command.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import importlib.util
import os
import socket
import subprocess
import sys
import threading
import time
import uuid as uuidlib
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Iterator, Sequence

__all__ = [
    "FakeYugabyte", "FakeNode", "HungNode", "DEFAULT_ZONES", "ADMIN_APP",
    "PRIMARY", "READ_REPLICA", "YB_COLUMNS",
]


def _load_harness() -> Any:
    """The pgharness module: the one already imported (the test plugins
    load it by path) or the file next to this one."""
    if "pgharness" in sys.modules:
        return sys.modules["pgharness"]
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pgharness.py")
    spec = importlib.util.spec_from_file_location("pgharness", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["pgharness"] = mod
    spec.loader.exec_module(mod)
    return mod


pgh = _load_harness()

PRIMARY = "primary"
READ_REPLICA = "read_replica"
NODE_TYPES = (PRIMARY, READ_REPLICA)
ADMIN_APP = "fakeyb-admin"

#: (placement, node type) of each zone; nodes are spread over them in blocks
DEFAULT_ZONES: tuple[tuple[str, str], ...] = (
    ("cloud1.region1.zone1", PRIMARY),
    ("cloud1.region1.zone2", PRIMARY),
    ("cloud1.region1.zone3", READ_REPLICA),
)

YB_COLUMNS = ("host", "port", "num_connections", "node_type", "cloud",
              "region", "zone", "public_ip", "uuid", "universe_uuid")

# Where yb_servers() lives: pg_catalog, as on YugabyteDB, so that it is
# found whatever search_path a connection sets.
FUNC_SCHEMA = "pg_catalog"

_INSTALL_SQL = f"""
CREATE SCHEMA IF NOT EXISTS yb_fake;
CREATE TABLE IF NOT EXISTS yb_fake.nodes (
    ord int PRIMARY KEY,
    host text NOT NULL,
    port bigint NOT NULL,
    num_connections bigint NOT NULL DEFAULT 0,
    node_type text NOT NULL CHECK (node_type IN ('primary', 'read_replica')),
    cloud text NOT NULL,
    region text NOT NULL,
    zone text NOT NULL,
    public_ip text NOT NULL DEFAULT '',
    uuid text NOT NULL,
    universe_uuid text NOT NULL
);
GRANT USAGE ON SCHEMA yb_fake TO PUBLIC;
GRANT SELECT ON yb_fake.nodes TO PUBLIC;
CREATE OR REPLACE FUNCTION {FUNC_SCHEMA}.yb_servers()
RETURNS TABLE (host text, port bigint, num_connections bigint,
               node_type text, cloud text, region text, zone text,
               public_ip text, uuid text, universe_uuid text)
LANGUAGE sql STABLE
AS $$
    SELECT n.host, n.port, n.num_connections, n.node_type, n.cloud,
           n.region, n.zone, n.public_ip, n.uuid, n.universe_uuid
    FROM yb_fake.nodes n ORDER BY n.ord
$$;
GRANT EXECUTE ON FUNCTION {FUNC_SCHEMA}.yb_servers() TO PUBLIC;
"""

# Sessions left by a previous test: everything but ourselves and the
# admin connections of other fakeyb calls running concurrently.
_TERMINATE_SQL = f"""
SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()
  AND application_name IS DISTINCT FROM '{ADMIN_APP}';
"""


# --------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------

def _lit(value: Any) -> str:
    """A SQL literal (standard_conforming_strings is on)."""
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def _split_placement(placement: str) -> tuple[str, str, str]:
    parts = placement.split(".")
    if len(parts) != 3 or not all(parts):
        raise ValueError(f"placement must be cloud.region.zone, got {placement!r}")
    return parts[0], parts[1], parts[2]


def _check_type(node_type: str) -> str:
    if node_type not in NODE_TYPES:
        raise ValueError(f"node_type must be one of {NODE_TYPES}, got {node_type!r}")
    return node_type


def _normalize_zones(zones: Sequence[Any] | None) -> list[tuple[str, str]]:
    """zones as (placement, node_type); a bare placement string is primary."""
    out = []
    for z in zones or DEFAULT_ZONES:
        placement, node_type = (z, PRIMARY) if isinstance(z, str) else z
        _split_placement(placement)
        out.append((placement, _check_type(node_type)))
    if not out:
        raise ValueError("need at least one zone")
    return out


def _proc_state(pid: int) -> str:
    """The one-letter /proc state of *pid* ('T' = stopped by SIGSTOP)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            st = f.read()
    except OSError:
        return "X"
    return st[st.rfind(")") + 2]


def _server_frozen(srv: Any) -> bool:
    pid = srv.pid
    return pid is not None and _proc_state(pid) in ("T", "t")


def _server_usable(srv: Any) -> bool:
    """Running and not frozen: psql against it will answer."""
    return srv.running and not _server_frozen(srv)


def _psql(srv: Any, sql: str, dbname: str = "postgres", timeout: float = 30.0) -> str:
    """Run SQL on *srv* through psql as the admin application.

    Like pgharness.Server.sql, plus a connect timeout and lock/statement
    timeouts, so that a hung node or a test's open transaction makes the
    admin call fail instead of blocking the whole suite."""
    env = pgh._child_env()
    env["PGAPPNAME"] = ADMIN_APP
    env["PGCONNECT_TIMEOUT"] = "5"
    env["PGOPTIONS"] = "-c statement_timeout=20000 -c lock_timeout=10000"
    res = subprocess.run(
        [os.path.join(srv.bindir, "psql"), "-X", "-A", "-t", "-q",
         "-v", "ON_ERROR_STOP=1", "-h", srv.host, "-p", str(srv.port),
         "-U", pgh.SUPERUSER, "-d", dbname, "-f", "-"],
        input=sql, capture_output=True, text=True, env=env, timeout=timeout)
    if res.returncode != 0:
        raise pgh.HarnessError(
            f"psql on {srv.host}:{srv.port} failed ({res.returncode}): {res.stderr.strip()}")
    return res.stdout.strip()


def _parallel(fn: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
    """fn over items in threads (psql is a subprocess: threads overlap
    them); the first exception is raised after all have finished."""
    if len(items) <= 1:
        return [fn(x) for x in items]
    with ThreadPoolExecutor(max_workers=min(16, len(items))) as ex:
        futures = [ex.submit(fn, x) for x in items]
    return [f.result() for f in futures]


# --------------------------------------------------------------------------
# Nodes
# --------------------------------------------------------------------------

@dataclasses.dataclass(eq=False)
class FakeNode:
    """One node as yb_servers() describes it, plus its server.

    ``server`` is None for a row that only points at an address (a hung
    socket listed with ``hang_address(listed=True)``)."""

    index: int
    server: Any
    cloud: str
    region: str
    zone: str
    node_type: str
    uuid: str
    public_ip: str = ""
    listed: bool = True
    host_: str = ""
    port_: int = 0

    @property
    def host(self) -> str:
        return self.server.host if self.server is not None else self.host_

    @property
    def port(self) -> int:
        # read from the server: pgharness may move a port at start-up
        return self.server.port if self.server is not None else self.port_

    @property
    def placement(self) -> str:
        return f"{self.cloud}.{self.region}.{self.zone}"

    def row(self, universe_uuid: str) -> dict[str, Any]:
        """The yb_servers() row of this node."""
        return {"host": self.host, "port": self.port, "num_connections": 0,
                "node_type": self.node_type, "cloud": self.cloud,
                "region": self.region, "zone": self.zone,
                "public_ip": self.public_ip, "uuid": self.uuid,
                "universe_uuid": universe_uuid}


class HungNode:
    """A listening socket that accepts TCP connections and never answers:
    a node whose process hangs after the kernel completed the handshake.

    Accepted sockets are kept open (not read, not written) until close(),
    so a client waits for the server's reply until its own timeout."""

    def __init__(self, host: str, port: int | None = None):
        self.host = host
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind((host, port or 0))
        self._sock.listen(128)
        self.port: int = self._sock.getsockname()[1]
        self._accepted: list[socket.socket] = []
        self._closed = threading.Event()
        self._thread = threading.Thread(target=self._accept_loop, daemon=True,
                                        name=f"hung-{host}:{self.port}")
        self._thread.start()

    def _accept_loop(self) -> None:
        # a timeout lets the loop notice close() without a wake-up trick
        self._sock.settimeout(0.2)
        while not self._closed.is_set():
            try:
                conn, _ = self._sock.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            self._accepted.append(conn)

    @property
    def accepted(self) -> int:
        """How many connections were accepted so far."""
        return len(self._accepted)

    def dsn(self, dbname: str = "postgres", user: str = pgh.SUPERUSER, **extra: Any) -> str:
        parts = {"host": self.host, "port": self.port, "user": user, "dbname": dbname}
        parts.update(extra)
        return " ".join(f"{k}={pgh._dsn_quote(v)}" for k, v in parts.items())

    def close(self) -> None:
        self._closed.set()
        self._thread.join(2)
        self._sock.close()
        for c in self._accepted:
            c.close()
        self._accepted.clear()

    def __enter__(self) -> "HungNode":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


# --------------------------------------------------------------------------
# The cluster
# --------------------------------------------------------------------------

class FakeYugabyte:
    """A YugabyteDB-like cluster of *n* real PostgreSQL servers.

    ``zones``: sequence of ``"cloud.region.zone"`` (a primary zone) or
    ``("cloud.region.zone", "primary" | "read_replica")``; the nodes are
    spread over them in contiguous blocks (6 nodes, 3 zones: 2 each).
    ``dbnames``: databases that get yb_servers() (created if missing).
    Other keyword arguments go to ``pgharness.Cluster`` (settings=...,
    hosts=..., port=...).  Nothing runs until ``start()`` / ``with``.
    Node indexes are stable: a removed node keeps its index, an added one
    gets the next.  Methods take the topology lock, so threads may share
    the object.
    """

    def __init__(self, n: int = 6, zones: Sequence[Any] | None = None,
                 dbnames: Sequence[str] = ("postgres",),
                 universe_uuid: str | None = None, name: str = "yb", **cluster_kw: Any):
        if n < 1:
            raise ValueError("n must be >= 1")
        self.zones = _normalize_zones(zones)
        self.dbnames = list(dbnames)
        self.universe_uuid = universe_uuid or str(uuidlib.uuid4())
        self.name = name
        self._n_default = n
        self._lock = threading.RLock()
        self._installed: set[Any] = set()  # servers holding the schema
        self._stale: set[Any] = set()      # servers that missed a sync
        self._extra: list[FakeNode] = []   # listed rows without a server
        self.cluster = pgh.Cluster(n, name=name, **cluster_kw)
        self.nodes: list[FakeNode] = [self._new_node(i, srv) for i, srv in enumerate(self.cluster)]

    # -- layout ----------------------------------------------------------------

    def _default_place(self, i: int) -> tuple[str, str]:
        return self.zones[i * len(self.zones) // self._n_default]

    def _new_node(self, i: int, srv: Any, placement: str | None = None,
                  node_type: str | None = None) -> FakeNode:
        dplace, dtype = self._default_place(min(i, self._n_default - 1))
        cloud, region, zone = _split_placement(placement or dplace)
        return FakeNode(index=i, server=srv, cloud=cloud, region=region, zone=zone,
                        node_type=_check_type(node_type or dtype),
                        uuid=uuidlib.uuid4().hex)

    def _restore_default(self, node: FakeNode) -> None:
        placement, node_type = self._default_place(node.index)
        node.cloud, node.region, node.zone = _split_placement(placement)
        node.node_type, node.public_ip, node.listed = node_type, "", True

    # -- description -------------------------------------------------------------

    def __repr__(self) -> str:
        return f"<FakeYugabyte {self.name} {len(self.nodes)} nodes port {self.port}>"

    def __len__(self) -> int:
        return len(self.nodes)

    def __getitem__(self, i: int) -> FakeNode:
        return self.nodes[i]

    def __iter__(self) -> Iterator[FakeNode]:
        return iter(list(self.nodes))

    def server(self, i: int) -> Any:
        """The pgharness.Server of node *i*."""
        return self.nodes[i].server

    @property
    def port(self) -> int:
        return self.nodes[0].port

    @property
    def hosts(self) -> list[str]:
        return [nd.host for nd in self.nodes]

    def dsn(self, i: int, **kw: Any) -> str:
        """Key/value DSN of node *i* (pgharness.Server.dsn keywords)."""
        return self.nodes[i].server.dsn(**kw)

    def contact_dsn(self, i: int = 0, **kw: Any) -> str:
        """The DSN a client starts from (node 0 unless told)."""
        return self.dsn(i, **kw)

    def url(self, i: int = 0, **kw: Any) -> str:
        return self.nodes[i].server.url(**kw)

    def topology(self) -> list[dict[str, Any]]:
        """The rows yb_servers() returns on every live node, in order."""
        with self._lock:
            rows = [nd for nd in self.nodes if nd.listed] + self._extra
            return [nd.row(self.universe_uuid) for nd in rows]

    def is_running(self, i: int) -> bool:
        return self.nodes[i].server.running

    def is_frozen(self, i: int) -> bool:
        return _server_frozen(self.nodes[i].server)

    # -- the table on the servers ----------------------------------------------

    def _data_sql(self) -> str:
        """One transaction replacing the table's content.  DELETE, not
        TRUNCATE: a test's open transaction that read yb_servers() holds a
        share lock that TRUNCATE would wait for."""
        values = []
        for ord_, row in enumerate(self.topology()):
            vals = [ord_] + [row[c] for c in YB_COLUMNS]
            values.append("(" + ", ".join(_lit(v) for v in vals) + ")")
        insert = ""
        if values:
            cols = "ord, " + ", ".join(YB_COLUMNS)
            insert = f"INSERT INTO yb_fake.nodes ({cols}) VALUES\n" + ",\n".join(values) + ";\n"
        return "BEGIN;\nDELETE FROM yb_fake.nodes;\n" + insert + "COMMIT;\n"

    def _install(self, srv: Any) -> None:
        for db in self.dbnames:
            if db != "postgres":
                exists = _psql(srv, f"SELECT 1 FROM pg_database WHERE datname = {_lit(db)}")
                if not exists:
                    _psql(srv, f'CREATE DATABASE "{db}"')
            _psql(srv, _INSTALL_SQL, dbname=db)
        self._installed.add(srv)

    def _sync_server(self, srv: Any, data_sql: str, extra_sql: str = "") -> None:
        if srv not in self._installed:
            self._install(srv)
        for db in self.dbnames:
            _psql(srv, data_sql + (extra_sql if db == self.dbnames[0] else ""), dbname=db)
        self._stale.discard(srv)

    def sync(self, extra_sql: str = "") -> None:
        """Write the topology to every running, unfrozen node; the others
        are marked stale and get it when they start or thaw."""
        with self._lock:
            data = self._data_sql()
            live = []
            for nd in self.nodes:
                if _server_usable(nd.server):
                    live.append(nd.server)
                else:
                    self._stale.add(nd.server)
            _parallel(lambda s: self._sync_server(s, data, extra_sql), live)

    def _sync_one(self, i: int) -> None:
        with self._lock:
            self._sync_server(self.nodes[i].server, self._data_sql())

    def yb_servers(self, i: int = 0, dbname: str | None = None) -> list[dict[str, str]]:
        """What ``SELECT * FROM yb_servers()`` returns on node *i* (via
        psql; every value as text)."""
        out = _psql(self.nodes[i].server, "SELECT * FROM yb_servers()",
                    dbname=dbname or self.dbnames[0])
        return [dict(zip(YB_COLUMNS, line.split("|"))) for line in out.splitlines() if line]

    # -- topology changes ------------------------------------------------------------

    def update(self, i: int, *, placement: str | None = None, node_type: str | None = None,
               public_ip: str | None = None, listed: bool | None = None) -> None:
        """Change several attributes of node *i* in one sync."""
        with self._lock:
            nd = self.nodes[i]
            if placement is not None:
                nd.cloud, nd.region, nd.zone = _split_placement(placement)
            if node_type is not None:
                nd.node_type = _check_type(node_type)
            if public_ip is not None:
                nd.public_ip = public_ip
            if listed is not None:
                nd.listed = listed
            self.sync()

    def set_zone(self, i: int, placement: str) -> None:
        """Move node *i* to ``cloud.region.zone``."""
        self.update(i, placement=placement)

    def set_type(self, i: int, node_type: str) -> None:
        """'primary' or 'read_replica'."""
        self.update(i, node_type=node_type)

    def set_public_ip(self, i: int, ip: str) -> None:
        """public_ip column of node *i* ('' = unset)."""
        self.update(i, public_ip=ip)

    def remove_node(self, i: int) -> None:
        """Drop node *i* from yb_servers(); its server keeps running."""
        self.update(i, listed=False)

    def relist_node(self, i: int) -> None:
        """Undo remove_node()."""
        self.update(i, listed=True)

    def add_node(self, placement: str | None = None, node_type: str = PRIMARY,
                 public_ip: str = "") -> int:
        """Start a new server on the next loopback address (same port),
        list it in yb_servers() everywhere, and return its index."""
        with self._lock:
            i = len(self.nodes)
            srv = pgh.Server(host=self._next_host(), port=self.port,
                             settings=self.cluster.nodes[0].settings,
                             name=f"{self.name}{i}")
            self.cluster.nodes.append(srv)  # cleaned up with the cluster
            srv.start()
            nd = self._new_node(i, srv, placement or self.zones[0][0], node_type)
            nd.public_ip = public_ip
            self.nodes.append(nd)
            self.sync()
            return i

    def _next_host(self) -> str:
        """127.A.B.x after the highest address in use, free on our port."""
        a, b, c, last = self.nodes[0].host.split(".")
        used = {int(nd.host.split(".")[3]) for nd in self.nodes}
        for x in range(max(used) + 1, 255):
            host = f"{a}.{b}.{c}.{x}"
            if pgh._can_bind(host, self.port):
                return host
        raise pgh.HarnessError("no free loopback address for a new node")

    # -- node life cycle ------------------------------------------------------------

    def start(self, i: int | None = None) -> "FakeYugabyte":
        """Start node *i* (or every node not running) and give it the
        current table."""
        with self._lock:
            if i is None:
                self.cluster.start()  # spawns all, then waits for all
                self.sync()
                return self
            srv = self.nodes[i].server
            if not srv.running:
                srv.start()
            self._sync_one(i)
            return self

    def stop(self, i: int, mode: str = "fast") -> None:
        """Stop node *i* cleanly ('smart', 'fast', 'immediate'); it stays
        listed in yb_servers(), as a down tserver does for a while."""
        srv = self.nodes[i].server
        if srv.running:
            srv.thaw()  # a frozen postmaster would ignore the stop signal
        srv.stop(mode)

    def kill(self, i: int) -> None:
        """SIGKILL node *i*'s postmaster (a crash); returns once its
        backends are gone, so client connections are surely broken."""
        srv = self.nodes[i].server
        if srv.running:
            srv.thaw()  # frozen backends would never notice the death
        srv.kill()

    def restart(self, i: int, mode: str = "fast") -> None:
        self.stop(i, mode)
        self.start(i)

    def freeze(self, i: int) -> None:
        """SIGSTOP node *i*'s postmaster: new connections are accepted by
        the kernel but never answered. Open connections keep working (their
        backends run in sessions of their own); stop a backend's pid to
        hang one of those."""
        self.nodes[i].server.freeze()

    def thaw(self, i: int) -> None:
        """Undo freeze(); re-sync the table if a change happened meanwhile."""
        srv = self.nodes[i].server
        srv.thaw()
        with self._lock:
            if srv in self._stale:
                self._sync_one(i)

    @contextlib.contextmanager
    def hang_address(self, port: int | None = None, *, listed: bool = False,
                     placement: str | None = None,
                     node_type: str = PRIMARY) -> Iterator[HungNode]:
        """A socket on a spare loopback address of this cluster that
        accepts and never answers (on the cluster's port unless told).
        With ``listed=True`` it also appears in yb_servers() while the
        block lasts."""
        hung = HungNode(self._next_host(), self.port if port is None else port)
        row = None
        try:
            if listed:
                with self._lock:
                    row = self._new_node(len(self.nodes) + len(self._extra), None,
                                         placement or self.zones[0][0], node_type)
                    row.host_, row.port_ = hung.host, hung.port
                    self._extra.append(row)
                    self.sync()
            yield hung
        finally:
            hung.close()
            if row is not None:
                with self._lock:
                    if row in self._extra:
                        self._extra.remove(row)
                        self.sync()

    # -- observation --------------------------------------------------------------------

    def connections_per_node(self, application_name: str | None = None,
                             user: str | None = None) -> list[int | None]:
        """Client backends on each node (pg_stat_activity), filtered by
        application_name and/or user; fakeyb's own admin sessions never
        count.  None for a node that is down or frozen."""
        conds = ["backend_type = 'client backend'", "pid <> pg_backend_pid()",
                 f"application_name IS DISTINCT FROM {_lit(ADMIN_APP)}"]
        if application_name is not None:
            conds.append(f"application_name = {_lit(application_name)}")
        if user is not None:
            conds.append(f"usename = {_lit(user)}")
        sql = "SELECT count(*) FROM pg_stat_activity WHERE " + " AND ".join(conds)

        def count(nd: FakeNode) -> int | None:
            if not _server_usable(nd.server):
                return None
            return int(_psql(nd.server, sql))
        return _parallel(count, list(self.nodes))

    def wait_connections(self, expected: Sequence[int | None], timeout: float = 5.0,
                         **filters: Any) -> list[int | None]:
        """Poll connections_per_node(**filters) until it equals *expected*
        or *timeout* passes; return the last counts.  Backends exit a
        moment after the client closes, so compare after waiting."""
        deadline = time.monotonic() + timeout
        while True:
            counts = self.connections_per_node(**filters)
            if counts == list(expected) or time.monotonic() > deadline:
                return counts
            time.sleep(0.05)

    # -- reset and teardown -------------------------------------------------------------------

    def reset(self, terminate: bool = True) -> "FakeYugabyte":
        """Back to the state after start(): added nodes deleted, every
        default node thawed, running, listed, with its default placement,
        type and no public_ip; hung rows dropped.  With *terminate*,
        client sessions left on the nodes are ended too."""
        with self._lock:
            for nd in self.nodes[self._n_default:]:
                self.cluster.nodes.remove(nd.server)
                nd.server.cleanup()
            del self.nodes[self._n_default:]
            self._extra.clear()
            for nd in self.nodes:
                if nd.server.running:
                    nd.server.thaw()
                self._restore_default(nd)
            if not all(nd.server.running for nd in self.nodes):
                self.cluster.start()
            self.sync(_TERMINATE_SQL if terminate else "")
            return self

    def cleanup(self) -> None:
        """Stop and delete every server.  Idempotent."""
        self.cluster.cleanup()

    def __enter__(self) -> "FakeYugabyte":
        try:
            return self.start()
        except BaseException:
            self.cleanup()
            raise

    def __exit__(self, *exc: Any) -> None:
        self.cleanup()

    def describe(self) -> str:
        """A table of the nodes (index, address, placement, type, state)."""
        lines = [f"universe {self.universe_uuid}",
                 f"{'#':>2}  {'host:port':<22} {'placement':<24} {'type':<13} state"]
        for nd in self.nodes:
            state = ("frozen" if self.is_frozen(nd.index) else
                     "up" if nd.server.running else "down")
            if not nd.listed:
                state += ", unlisted"
            lines.append(f"{nd.index:>2}  {nd.host + ':' + str(nd.port):<22} "
                         f"{nd.placement:<24} {nd.node_type:<13} {state}")
        return "\n".join(lines)


# --------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------

def _env_for(yb: FakeYugabyte) -> dict[str, str]:
    env = dict(os.environ)
    env["FAKEYB_DSN"] = yb.contact_dsn()
    env["FAKEYB_NODES"] = str(len(yb))
    env["FAKEYB_HOSTS"] = ",".join(f"{nd.host}:{nd.port}" for nd in yb)
    for nd in yb:
        env[f"FAKEYB_DSN_{nd.index}"] = yb.dsn(nd.index)
    return env


def _serve(yb: FakeYugabyte) -> int:
    print(yb.describe())
    for nd in yb:
        print(f"node {nd.index}: {yb.dsn(nd.index)}")
    print(f"contact: {yb.contact_dsn()} load_balance=true", flush=True)
    print("running; Ctrl-C to stop and delete", flush=True)
    try:
        while all(nd.server.running for nd in yb):
            time.sleep(0.5)
    except KeyboardInterrupt:
        return 0
    print("a server exited", file=sys.stderr)
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="fakeyb", description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    for name in ("start", "run"):
        p = sub.add_parser(name)
        p.add_argument("--nodes", type=int, default=6)
        if name == "run":
            p.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args(argv)
    cmd = [c for c in getattr(args, "command", [])]
    if cmd[:1] == ["--"]:
        cmd = cmd[1:]
    if args.cmd == "run" and not cmd:
        ap.error("run needs a command after --")
    pgh.install_signal_handlers(force=True)
    try:
        with FakeYugabyte(args.nodes) as yb:
            if args.cmd == "start":
                return _serve(yb)
            try:
                return subprocess.call(cmd, env=_env_for(yb))
            except KeyboardInterrupt:
                return 130
            except FileNotFoundError as e:
                print(f"fakeyb: {e}", file=sys.stderr)
                return 127
    except pgh.HarnessError as e:
        print(f"fakeyb: {e}", file=sys.stderr)
        return 2
    finally:
        pgh._cleanup_templates()


if __name__ == "__main__":
    sys.exit(main())
