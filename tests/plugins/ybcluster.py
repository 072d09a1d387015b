"""Fixtures giving tests fake YugabyteDB clusters (scripts/fakeyb.py).

Each cluster is a set of real PostgreSQL servers on their own loopback
addresses, one port, with ``yb_servers()`` on every node; see the
docstring of scripts/fakeyb.py for the API (set_zone, set_type,
remove_node, add_node, stop/start/kill/freeze/thaw, hang_address,
connections_per_node, ...).

Session scope:
  fakeyb           the fakeyb module (FakeYugabyte, DEFAULT_ZONES, ...)
  yb_cluster       a six-node FakeYugabyte shared by the whole run, started
                   on first use: zones cloud1.region1.zone1/zone2 (primary,
                   nodes 0-3) and zone3 (read replicas, nodes 4-5).  Use it
                   through `yb` unless the test only reads.

Function scope:
  yb               yb_cluster after reset(): default topology, every node
                   running and thawed, added nodes gone, client sessions
                   left by earlier tests terminated
  make_yb_cluster  factory: make_yb_cluster(n=6, zones=None, **kw) -> a
                   started FakeYugabyte of the test's own (e.g. a second
                   cluster in the same process); deleted at teardown
"""


import pytest

from plugins.scripts import load_script

fyb = load_script("fakeyb")


@pytest.fixture(scope="session")
def fakeyb():
    return fyb


@pytest.fixture(scope="session")
def yb_cluster():
    cl = fyb.FakeYugabyte(name="yb")
    try:
        cl.start()
        yield cl
    finally:
        cl.cleanup()


@pytest.fixture
def yb(yb_cluster):
    # reset before, not after: a failing test leaves the cluster as it was
    # for inspection, and the next user still starts from the default
    return yb_cluster.reset()


@pytest.fixture
def make_yb_cluster():
    made = []

    def make_yb_cluster(n=6, zones=None, **kwargs):
        kwargs.setdefault("name", "ybx")
        cl = fyb.FakeYugabyte(n, zones=zones, **kwargs)
        made.append(cl)
        cl.start()
        return cl

    yield make_yb_cluster
    for cl in reversed(made):
        cl.cleanup()
