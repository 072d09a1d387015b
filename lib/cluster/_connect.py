"""The balanced connect loop behind `psycopg2.connect(... load_balance=...)`.

The thin I/O layer over the pure decisions of `_balancer`: it keeps one
control connection per cluster to read `yb_servers()`, asks the load table
for the best node, opens the connection there, and on a node-level failure
marks the node failed and tries the next best one in the same call.
"""

from __future__ import annotations

import functools
import logging
import os
import socket
import threading
from dataclasses import dataclass, field
from typing import Any, Hashable

from psycopg2 import _psycopg
from psycopg2 import errors as _errors
from psycopg2 import extensions as _ext

from ._balancer import CLUSTERS, ClusterState, NodeLoad, contact_key
from ._discovery import YB_SERVERS_QUERY, parse_yb_servers, with_connect_addresses
from ._properties import ClusterSettings, ConnectArgs, PropertyError, split_connect_args
from ._topology import Node

logger = logging.getLogger("psycopg2.cluster")

# Fragments of libpq's and the server's messages for failures that are the
# node's (down, unreachable, overloaded, shutting down), not the caller's.
# Authentication, missing databases and permissions are deliberately absent:
# those errors would be the same on every node.
_NODE_FAILURE_MARKS = (
    "connection refused",
    "could not connect",
    "could not translate host name",
    "timeout expired",
    "timed out",
    "no route to host",
    "network is unreachable",
    "server closed the connection unexpectedly",
    "could not receive data",
    "could not send data",
    "the database system is shutting down",
    "the database system is starting up",
    "the database system is in recovery mode",
    "the database system is not yet accepting connections",
    "too many clients",
    "too many connections",
    "connection reset",
)

# How long the control connection may take to answer yb_servers() when the
# caller set no connect_timeout: a hung node must not block refreshes (and
# so every connect) for ever.
_DEFAULT_QUERY_TIMEOUT = 30.0


@dataclass
class _Cluster:
    """What the I/O layer keeps per cluster, beside its load table."""

    state: ClusterState
    refresh_lock: threading.Lock = field(default_factory=threading.Lock)
    control: Any = None           # the open control connection, or None
    plain_postgres: bool = False  # yb_servers() does not exist there


_clusters: dict[Any, _Cluster] = {}
_clusters_lock = threading.Lock()


def _contact_addresses(options: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """The (host, port) pairs libpq tries for these options, as libpq
    fills them in (PGHOST, PGPORT, 5432): the cluster's identity too."""
    host = options.get("host", os.environ.get("PGHOST", ""))
    port = options.get("port", os.environ.get("PGPORT", "5432"))
    return contact_key(host, port)


def _address_of(node: Node) -> tuple[str, str]:
    return (node.connect_host.lower(), str(node.port))


def _cluster_for(options: dict[str, str]) -> _Cluster:
    key = _contact_addresses(options)
    with _clusters_lock:
        cluster = _clusters.get(key)
        if cluster is None:
            cluster = _clusters[key] = _Cluster(CLUSTERS.get(key))
        return cluster


def libpq_options(args: ConnectArgs) -> dict[str, str]:
    """The libpq options of a connect call: the DSN's, then the keywords'."""
    merged = _ext._merged_options(args.dsn or None, dict(args.kwargs))
    return {key: str(value) for key, value in merged.items()}


def is_node_failure(exc: BaseException) -> bool:
    """True if a failed connect says the node, not the caller, is at fault."""
    if not isinstance(exc, _psycopg.OperationalError):
        return False
    message = str(exc).lower()
    return any(mark in message for mark in _NODE_FAILURE_MARKS)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


# ---------------------------------------------------------------- refresh


def _open_plain(options: dict[str, str], factory: Any = None, async_: bool = False) -> Any:
    return _psycopg._connect(_ext.make_dsn(**options), connection_factory=factory,
                             async_=async_)


def _node_options(options: dict[str, str], node: Node) -> dict[str, str]:
    """The caller's options aimed at one node (hostaddr would override it)."""
    aimed = dict(options)
    aimed.pop("hostaddr", None)
    aimed["host"] = node.connect_host
    aimed["port"] = str(node.port)
    return aimed


def _mark_address_failed(cluster: _Cluster, settings: ClusterSettings,
                         addresses: set[tuple[str, str]]) -> None:
    for node in cluster.state.nodes():
        if _address_of(node) in addresses:
            cluster.state.mark_failed(node, settings.failed_host_ttl)


def _open_control(cluster: _Cluster, settings: ClusterSettings,
                  options: dict[str, str]) -> Any:
    """A healthy control connection: the open one, the DSN's hosts, or any
    live node the cluster is known to have (so that a dead contact host
    does not stop refreshes). Each address is tried once; the ones that
    fail are marked failed like any node."""
    if cluster.control is not None and not cluster.control.closed:
        return cluster.control
    dsn_addresses = set(_contact_addresses(options))
    candidates = [(options, dsn_addresses)] + [
        (_node_options(options, node), {_address_of(node)})
        for node in cluster.state.live_nodes()
        if _address_of(node) not in dsn_addresses]
    last_error: BaseException | None = None
    for candidate, addresses in candidates:
        try:
            conn = _open_plain(candidate)
        except _psycopg.OperationalError as exc:
            if not is_node_failure(exc):
                raise
            _mark_address_failed(cluster, settings, addresses)
            last_error = exc
            continue
        conn.autocommit = True
        cluster.control = conn
        return conn
    assert last_error is not None
    raise last_error


def _cut_connection(conn: Any) -> None:
    """Shut the socket of a connection stuck waiting for a hung server:
    libpq's blocked read then fails, and the connection is found broken.
    Works on a duplicate descriptor, so libpq's own stays valid."""
    try:
        sock = socket.socket(fileno=os.dup(conn.fileno()))
    except (OSError, _psycopg.Error):
        return
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    finally:
        sock.close()


def _read_nodes(conn: Any, timeout: float) -> list[Node]:
    watchdog = threading.Timer(timeout, _cut_connection, args=(conn,))
    watchdog.daemon = True
    watchdog.start()
    cur = conn.cursor()
    try:
        cur.execute(YB_SERVERS_QUERY)
        names = [column.name for column in cur.description]
        return parse_yb_servers(names, cur.fetchall())
    finally:
        watchdog.cancel()
        cur.close()


def _query_timeout(options: dict[str, str]) -> float:
    try:
        timeout = float(options.get("connect_timeout", "0"))
    except ValueError:
        timeout = 0.0
    # libpq treats values below 2 as 2 (and 0 as "no limit").
    return max(timeout, 2.0) if timeout > 0 else _DEFAULT_QUERY_TIMEOUT


def _refresh(cluster: _Cluster, settings: ClusterSettings, options: dict[str, str],
             force: bool = False) -> None:
    """Replace the cluster's node set with what yb_servers() says now."""
    with cluster.refresh_lock:
        # Another thread may have refreshed while this one waited.
        if cluster.plain_postgres or not (force or _refresh_due(cluster, settings)):
            return
        for attempt in range(2):
            conn = _open_control(cluster, settings, options)
            try:
                nodes = _read_nodes(conn, _query_timeout(options))
                break
            except _errors.UndefinedFunction:
                _note_plain_postgres(cluster)
                return
            except _psycopg.OperationalError:
                # The control connection broke or hung: its node is failed;
                # reopen the connection elsewhere, once.
                _drop_control(cluster, settings)
                if attempt:
                    raise
        contact = conn.info.host
        cluster.state.update_nodes(with_connect_addresses(nodes, contact))
        logger.debug("cluster %s: %d nodes", cluster.state.name, len(nodes))


def _drop_control(cluster: _Cluster, settings: ClusterSettings) -> None:
    conn, cluster.control = cluster.control, None
    if conn is None:
        return
    address = ((conn.info.host or "").lower(), str(conn.info.port))
    logger.warning("cluster %s: control connection to %s:%s lost", cluster.state.name,
                   *address)
    _mark_address_failed(cluster, settings, {address})
    conn.close()


def _note_plain_postgres(cluster: _Cluster) -> None:
    cluster.plain_postgres = True
    if cluster.control is not None:   # never needed again
        cluster.control.close()
        cluster.control = None
    logger.warning("load balancing is off for %s: the server has no yb_servers() "
                   "(not a YugabyteDB cluster); connecting normally",
                   cluster.state.name)


def _refresh_due(cluster: _Cluster, settings: ClusterSettings) -> bool:
    # "Nobody eligible" is left to choose(): the connect loop refreshes then.
    return cluster.state.needs_refresh(settings, if_none_eligible=False)


def _try_refresh(cluster: _Cluster, settings: ClusterSettings, options: dict[str, str],
                 force: bool = False) -> None:
    """Refresh, but keep going on the known nodes if no node can answer."""
    if not (force or _refresh_due(cluster, settings)):
        return   # the common case, without taking the refresh lock
    try:
        _refresh(cluster, settings, options, force)
    except _psycopg.OperationalError as exc:
        if not cluster.state.nodes():
            raise
        logger.warning("cluster %s: refresh failed (%s); using the known nodes",
                       cluster.state.name, _first_line(exc))


# ---------------------------------------------------------------- connect


@dataclass
class _Plan:
    """What one (dsn, keywords) pair means, worked out once: applications
    connect with the same arguments over and over, and parsing them again
    each time would cost more than the balancing itself."""

    settings: ClusterSettings
    options: dict[str, str]
    cluster: _Cluster | None   # None when load balancing is off
    node_dsns: dict[tuple[str, int], str] = field(default_factory=dict)

    def dsn_for(self, node: Node) -> str:
        dsn = self.node_dsns.get(node.key)
        if dsn is None:
            dsn = self.node_dsns[node.key] = _ext.make_dsn(**_node_options(self.options, node))
        return dsn


def _make_plan(dsn: str | None, kwargs: dict[str, Any]) -> _Plan:
    try:
        args = split_connect_args(dsn, kwargs)
    except PropertyError as exc:
        raise _psycopg.ProgrammingError(str(exc)) from None
    options = libpq_options(args)
    cluster = _cluster_for(options) if args.settings.enabled else None
    return _Plan(args.settings, options, cluster)


@functools.lru_cache(maxsize=128)
def _cached_plan(dsn: str | None, kwargs_items: tuple[tuple[str, Hashable], ...]) -> _Plan:
    return _make_plan(dsn, dict(kwargs_items))


def _plan_for(dsn: str | None, kwargs: dict[str, Any]) -> _Plan:
    try:
        return _cached_plan(dsn, tuple(sorted(kwargs.items())))
    except TypeError:   # an unhashable keyword value: no caching
        return _make_plan(dsn, kwargs)


def connect(dsn: str | None, kwargs: dict[str, Any], connection_factory: Any = None,
            async_: bool = False) -> Any:
    """`psycopg2.connect` when the call mentions a smart-driver property."""
    plan = _plan_for(dsn, kwargs)
    cluster = plan.cluster
    if cluster is not None and not cluster.plain_postgres:
        _try_refresh(cluster, plan.settings, plan.options)
    if cluster is None or cluster.plain_postgres:
        return _open_plain(plan.options, connection_factory, async_)
    return _connect_balanced(cluster, plan, connection_factory, async_)


def _connect_balanced(cluster: _Cluster, plan: _Plan, factory: Any, async_: bool) -> Any:
    state, settings, options = cluster.state, plan.settings, plan.options
    tried: list[Node] = []
    failures: list[tuple[Node, BaseException]] = []
    refreshed_after_failure = False
    while True:
        lease = state.choose(settings, exclude=tried)
        if lease is None:
            # Nothing eligible left: the node set may be stale. One fresh
            # look per call, never a loop.
            if refreshed_after_failure:
                break
            refreshed_after_failure = True
            _try_refresh(cluster, settings, options, force=True)
            continue
        try:
            conn = _psycopg._connect(plan.dsn_for(lease.node), connection_factory=factory,
                                     async_=async_)
        except BaseException as exc:
            lease.release()
            if not is_node_failure(exc):
                raise
            _note_failure(state, settings, lease.node, exc)
            tried.append(lease.node)
            failures.append((lease.node, exc))
            continue
        lease.confirm()
        # Counted until closed, found broken or collected (fired once).
        conn._on_close = lease.release
        return conn
    raise _no_node_error(state, settings, failures)


def _note_failure(state: ClusterState, settings: ClusterSettings, node: Node,
                  exc: BaseException) -> None:
    logger.warning("node %s:%s failed (%s); avoided for %ss", node.connect_host,
                   node.port, _first_line(exc), settings.failed_host_ttl)
    state.mark_failed(node, settings.failed_host_ttl)
    state.request_refresh()


def _no_node_error(state: ClusterState, settings: ClusterSettings,
                   failures: list[tuple[Node, BaseException]]) -> Exception:
    mode = settings.load_balance.value
    if not failures:
        # Nothing tried in this call: the candidates are all marked failed
        # (by earlier calls or by the refresh), or none fits the mode.
        down = [f"  {row.node.connect_host}:{row.node.port}: failed, retry in "
                f"{row.retry_in:.0f}s" for row in state.snapshot()
                if row.retry_in is not None]
        return _psycopg.OperationalError(
            f"no eligible node in the cluster for load_balance={mode}"
            + (":\n" + "\n".join(down) if down else ""))
    lines = [f"  {node.connect_host}:{node.port}: {_first_line(exc)}"
             for node, exc in failures]
    return _psycopg.OperationalError(
        f"could not connect to any eligible node (load_balance={mode}):\n"
        + "\n".join(lines))


# ---------------------------------------------------------------- observability


def load_table(dsn: str | None = None, **kwargs: Any) -> list[NodeLoad]:
    """The load table of the cluster reached by `dsn` (refreshed first):
    one `NodeLoad` per node with its placement, type, the connections this
    process has open to it, and when a failed node may be tried again."""
    try:
        args = split_connect_args(dsn, kwargs)
    except PropertyError as exc:
        raise _psycopg.ProgrammingError(str(exc)) from None
    options = libpq_options(args)
    cluster = _cluster_for(options)
    _refresh(cluster, args.settings, options, force=True)
    return cluster.state.snapshot()


def _forget_clusters() -> None:
    """Drop every cluster's state and control connection (for tests: a
    fresh process's view without starting a new process)."""
    with _clusters_lock:
        clusters = list(_clusters.values())
        _clusters.clear()
        _cached_plan.cache_clear()
    for cluster in clusters:
        if cluster.control is not None:
            cluster.control.close()
    CLUSTERS.clear()
