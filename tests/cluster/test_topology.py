"""Nodes, placements and topology-key preference levels."""

import dataclasses

import pytest

from psycopg2.cluster._topology import Node, Placement, TopologyKeys, parse_topology_keys


def node(zone="a", region="east", cloud="aws", **kw):
    return Node(host=kw.pop("host", "10.0.0.1"), port=kw.pop("port", 5433),
                cloud=cloud, region=region, zone=zone, **kw)


def test_node_is_frozen_and_hashable():
    n = node()
    with pytest.raises(dataclasses.FrozenInstanceError):
        n.host = "x"
    assert {n, node()} == {n}


def test_node_address_and_placement():
    n = node(public_ip="1.2.3.4")
    assert n.key == ("10.0.0.1", 5433)
    assert str(n) == "10.0.0.1:5433"
    assert str(Node("::1", 5433)) == "[::1]:5433"
    assert n.placement == Placement("aws", "east", "a")
    assert str(n.placement) == "aws.east.a"
    public = dataclasses.replace(n, use_public_ip=True)
    assert public.connect_host == "1.2.3.4"
    assert public.key == ("1.2.3.4", 5433)
    # no public address known: the private one is all there is
    assert dataclasses.replace(node(), use_public_ip=True).connect_host == "10.0.0.1"


def test_node_types():
    assert node().is_primary and not node().is_read_replica
    rr = node(node_type="read_replica")
    assert rr.is_read_replica and not rr.is_primary


@pytest.mark.parametrize("text, levels", [
    ("aws.east.a", {1: ["aws.east.a"]}),
    ("aws.east.a:1", {1: ["aws.east.a"]}),
    ("aws.east.a:1,aws.east.b:2", {1: ["aws.east.a"], 2: ["aws.east.b"]}),
    ("aws.east.b:2,aws.east.a", {1: ["aws.east.a"], 2: ["aws.east.b"]}),
    (" aws.east.a:1 , aws.east.*:10 ", {1: ["aws.east.a"], 10: ["aws.east.*"]}),
    ("aws.east.a : 1,aws.east.b\t:2", {1: ["aws.east.a"], 2: ["aws.east.b"]}),
    ("aws.east.a,aws.west.b", {1: ["aws.east.a", "aws.west.b"]}),
    ("aws.east.a:1,gcp.x.y:3", {1: ["aws.east.a"], 3: ["gcp.x.y"]}),  # gaps are fine
    # a placement listed twice keeps its best level
    ("aws.east.a:2,aws.east.a:1", {1: ["aws.east.a"]}),
    ("aws.east.a:1,aws.east.a:1", {1: ["aws.east.a"]}),
    ("aws.east.a:1,aws.east.b:3,aws.east.b:2", {1: ["aws.east.a"], 2: ["aws.east.b"]}),
])
def test_parse(text, levels):
    keys = parse_topology_keys(text)
    assert {level: [str(p) for p in ps] for level, ps in keys.levels} == levels
    assert [level for level, _ in keys.levels] == sorted(levels)


@pytest.mark.parametrize("text, message", [
    ("", "empty"),
    ("aws.east.a:1,", "empty"),
    ("aws.east", "cloud.region.zone"),
    ("aws.east.a.b", "cloud.region.zone"),
    ("aws..a", "cloud.region.zone"),
    ("aws.east.a:0", "outside"),
    ("aws.east.a:11", "outside"),
    ("aws.east.a:one", "not a number"),
    ("aws.east.a:", "not a number"),
    ("aws.east.a:1 2", "not a number"),
    ("aws.east.a:1:2", "not a number"),
    ("aws.east.a:\u0661", "not a number"),
    ("aws.east.a:2,aws.east.b:3", "level 1"),
    ("*.east.a", "only the zone"),
    ("aws.*.a", "only the zone"),
])
def test_parse_rejects(text, message):
    with pytest.raises(ValueError, match=message):
        parse_topology_keys(text)


@pytest.mark.parametrize("n, level", [
    (node("a"), 1),
    (node("b"), 2),
    (node("c"), 3),
    (node("x", region="west"), None),
    (node("a", cloud="gcp"), None),
    (node("A", region="EAST", cloud="AWS"), 1),  # placement names compare case-insensitively
])
def test_level_of(n, level):
    keys = parse_topology_keys("aws.east.a:1,aws.east.b:2,aws.east.*:3")
    assert keys.level_of(n) == level


def test_wildcard_at_better_level_wins_over_exact_key():
    keys = parse_topology_keys("aws.east.*:1,aws.east.a:2")
    assert keys.level_of(node("a")) == 1


def test_placement_covers():
    assert Placement("aws", "east", "*").covers(node("z"))
    assert not Placement("aws", "east", "a").covers(node("b"))
    # a node whose zone is literally '*' is not a wildcard itself
    assert not Placement("aws", "east", "a").covers(node("*"))


def test_str_round_trips():
    text = "aws.east.a:1,aws.east.*:2"
    assert str(parse_topology_keys(text)) == text
    assert parse_topology_keys(str(parse_topology_keys(text))) == parse_topology_keys(text)
    assert isinstance(parse_topology_keys(text), TopologyKeys)
