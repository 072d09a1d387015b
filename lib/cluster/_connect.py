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


@dataclass
class _Cluster:
    """What the I/O layer keeps per cluster, beside its load table."""

    state: ClusterState
    refresh_lock: threading.Lock = field(default_factory=threading.Lock)
    control: Any = None           # the open control connection, or None
    plain_postgres: bool = False  # yb_servers() does not exist there


_clusters: dict[Any, _Cluster] = {}
_clusters_lock = threading.Lock()


def _cluster_for(options: dict[str, str]) -> _Cluster:
    host = options.get("host", os.environ.get("PGHOST"))
    port = options.get("port", os.environ.get("PGPORT"))
    key = contact_key(host, port)
    with _clusters_lock:
        cluster = _clusters.get(key)
        if cluster is None:
            cluster = _clusters[key] = _Cluster(CLUSTERS.get(key))
        return cluster


def libpq_options(args: ConnectArgs) -> dict[str, str]:
    """The libpq options of a connect call: the DSN's, then the keywords'."""
    options = _ext.parse_dsn(args.dsn) if args.dsn else {}
    if "database" in args.kwargs and "dbname" in args.kwargs:
        raise TypeError("you can't specify both 'database' and 'dbname' arguments")
    for key, value in args.kwargs.items():
        if value is not None:
            options["dbname" if key == "database" else key] = str(value)
    return options


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


def _open_control(cluster: _Cluster, options: dict[str, str]) -> Any:
    """A healthy control connection: the open one, the DSN's hosts, or any
    live node the cluster is known to have (so that a dead contact host
    does not stop refreshes)."""
    if cluster.control is not None and not cluster.control.closed:
        return cluster.control
    candidates = [options] + [_node_options(options, node)
                              for node in cluster.state.live_nodes()]
    last_error: BaseException | None = None
    for candidate in candidates:
        try:
            conn = _open_plain(candidate)
        except _psycopg.OperationalError as exc:
            if not is_node_failure(exc):
                raise
            last_error = exc
            continue
        conn.autocommit = True
        cluster.control = conn
        return conn
    assert last_error is not None
    raise last_error


def _read_nodes(conn: Any) -> list[Node]:
    cur = conn.cursor()
    try:
        cur.execute(YB_SERVERS_QUERY)
        names = [column.name for column in cur.description]
        return parse_yb_servers(names, cur.fetchall())
    finally:
        cur.close()


def _refresh(cluster: _Cluster, settings: ClusterSettings, options: dict[str, str],
             force: bool = False) -> None:
    """Replace the cluster's node set with what yb_servers() says now."""
    with cluster.refresh_lock:
        # Another thread may have refreshed while this one waited.
        if cluster.plain_postgres or not (force or _refresh_due(cluster, settings)):
            return
        for attempt in range(2):
            conn = _open_control(cluster, options)
            try:
                nodes = _read_nodes(conn)
                break
            except _errors.UndefinedFunction:
                _note_plain_postgres(cluster)
                return
            except _psycopg.OperationalError:
                # The control connection broke: reopen it elsewhere, once.
                cluster.control = None
                if attempt:
                    raise
        contact = conn.info.host
        cluster.state.update_nodes(with_connect_addresses(nodes, contact))
        logger.debug("cluster %s: %d nodes", cluster.state.name, len(nodes))


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
    raise _no_node_error(settings, failures)


def _note_failure(state: ClusterState, settings: ClusterSettings, node: Node,
                  exc: BaseException) -> None:
    logger.warning("node %s:%s failed (%s); avoided for %ss", node.connect_host,
                   node.port, _first_line(exc), settings.failed_host_ttl)
    state.mark_failed(node, settings.failed_host_ttl)
    state.request_refresh()


def _no_node_error(settings: ClusterSettings,
                   failures: list[tuple[Node, BaseException]]) -> Exception:
    mode = settings.load_balance.value
    if not failures:
        return _psycopg.OperationalError(
            f"no eligible node in the cluster for load_balance={mode}")
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
