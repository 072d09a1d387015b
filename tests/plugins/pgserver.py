"""Fixtures giving tests real PostgreSQL servers (scripts/pgharness.py).

Session scope (one server shared by the whole run, started on first use):
  pg_server        a pgharness.Server (wal_level=logical,
                   max_prepared_transactions=10; override the fixture
                   `pg_server_settings` in a conftest to change that)
  dsn              "host=127.0.0.1 port=N user=postgres dbname=postgres"
  pw_dsn           same server, user pwuser password pwpass (scram-sha-256)
  pgharness        the pgharness module (Server, Cluster, HarnessError, ...)

Function scope:
  conn             psycopg2.connect(dsn), closed at teardown
  make_conn        factory: make_conn(dsn=None, **kwargs) -> connection;
                   closes every connection it made at teardown
  fresh_dsn        dsn of a new empty database, dropped at teardown
  private_server   a fresh started Server of the test's own (stop, restart,
                   kill, freeze it at will); deleted at teardown
  make_server      factory: make_server(**Server kwargs) -> started Server
  make_cluster     factory: make_cluster(n, **Cluster kwargs) -> started
                   Cluster (nodes on 127.A.B.11.. sharing one port)
"""

import uuid

import pytest

from plugins.scripts import load_script

pgh = load_script("pgharness")


@pytest.fixture(scope="session")
def pgharness():
    return pgh


@pytest.fixture(scope="session")
def pg_server_settings():
    """postgresql.conf settings of the shared server (override to change)."""
    return {
        "wal_level": "logical",
        "max_prepared_transactions": 10,
    }


@pytest.fixture(scope="session")
def pg_server(pg_server_settings):
    srv = pgh.Server(settings=pg_server_settings, name="session")
    try:
        srv.start()
        yield srv
    finally:
        srv.cleanup()


@pytest.fixture(scope="session")
def dsn(pg_server):
    return pg_server.dsn()


@pytest.fixture(scope="session")
def pw_dsn(pg_server):
    return pg_server.pw_dsn()


@pytest.fixture
def make_conn(dsn):
    import psycopg2

    made = []

    def make_conn(dsn_=None, **kwargs):
        c = psycopg2.connect(dsn if dsn_ is None else dsn_, **kwargs)
        made.append(c)
        return c

    yield make_conn
    for c in reversed(made):
        try:
            c.close()
        except Exception:
            pass


@pytest.fixture
def conn(make_conn):
    return make_conn()


@pytest.fixture
def fresh_dsn(pg_server):
    name = "t_" + uuid.uuid4().hex[:12]
    pg_server.sql(f'CREATE DATABASE "{name}"')
    yield pg_server.dsn(dbname=name)
    pg_server.sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', check=False)


@pytest.fixture
def make_server():
    made = []

    def make_server(**kwargs):
        kwargs.setdefault("name", "private")
        srv = pgh.Server(**kwargs)
        made.append(srv)
        srv.start()
        return srv

    yield make_server
    for s in reversed(made):
        s.cleanup()


@pytest.fixture
def private_server(make_server):
    return make_server()


@pytest.fixture
def make_cluster():
    made = []

    def make_cluster(n, **kwargs):
        cl = pgh.Cluster(n, **kwargs)
        made.append(cl)
        cl.start()
        return cl

    yield make_cluster
    for cl in reversed(made):
        cl.cleanup()
