"""Fixtures of the load-balancing integration tests (tests/cluster/test_*.py).

autouse: every test starts and ends with a fresh process view of the
clusters (`psycopg2.cluster._connect._forget_clusters()`): no load table,
no control connection left by another test.

`lb`: a helper bound to one unique application_name, so that counting a
test's connections on the fake nodes ignores everybody else's:

    lb.dsn(yb, "load_balance=true", i=0, **libpq)  contact DSN of node i + properties
    lb.connect(dsn, **kw)      psycopg2.connect, remembered and closed at teardown
    lb.many(n, dsn, **kw)      n of them
    lb.prime(yb, i=0)          open the cluster's control connection under
                               another application_name (lb.ctl), so that it
                               does not show in lb.counts()
    lb.counts(yb)              the test's connections on each node
    lb.wait(yb, expected)      poll lb.counts() until it equals expected
    lb.rows(dsn)               load_table(dsn) as {host: NodeLoad}
    lb.counting_factory()      a connection subclass counting its instances
                               (= connect attempts, failed ones included)
"""

import threading
import uuid

import pytest

import psycopg2
import psycopg2.extensions


@pytest.fixture(autouse=True)
def _fresh_cluster_state():
    # imported here: the pure tests of this folder need no compiled module
    from psycopg2.cluster import _connect

    _connect._forget_clusters()
    yield
    _connect._forget_clusters()


class Balanced:
    def __init__(self):
        tag = uuid.uuid4().hex[:10]
        self.app = "lbt-" + tag
        self.ctl = "lbctl-" + tag
        self.opened = []
        self._lock = threading.Lock()

    def dsn(self, yb, props="load_balance=true", i=0, **kw):
        kw.setdefault("application_name", self.app)
        return (yb.contact_dsn(i, **kw) + " " + props).strip()

    def connect(self, dsn=None, **kwargs):
        conn = psycopg2.connect(dsn, **kwargs)
        with self._lock:
            self.opened.append(conn)
        return conn

    def many(self, n, dsn=None, **kwargs):
        return [self.connect(dsn, **kwargs) for _ in range(n)]

    def prime(self, yb, i=0, props="load_balance=true"):
        from psycopg2.cluster import load_table

        return load_table(yb.contact_dsn(i, application_name=self.ctl) + " " + props)

    def counts(self, yb, app=None):
        return yb.connections_per_node(application_name=app or self.app)

    def wait(self, yb, expected, app=None, timeout=5.0):
        return yb.wait_connections(expected, timeout=timeout,
                                   application_name=app or self.app)

    def rows(self, dsn):
        from psycopg2.cluster import load_table

        return {row.node.connect_host: row for row in load_table(dsn)}

    @staticmethod
    def counting_factory():
        lock = threading.Lock()

        class Counted(psycopg2.extensions.connection):
            attempts = 0

            def __init__(self, *args, **kwargs):
                with lock:
                    type(self).attempts += 1
                super().__init__(*args, **kwargs)

        return Counted

    def close_all(self):
        for conn in self.opened:
            try:
                conn.close()
            except Exception:
                pass
        self.opened.clear()


@pytest.fixture
def lb():
    helper = Balanced()
    yield helper
    helper.close_all()
