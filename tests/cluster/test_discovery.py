"""The yb_servers() row parser and the private/public address choice."""

import logging

import pytest

from psycopg2.cluster._discovery import (
    YB_SERVERS_QUERY, DiscoveryError, parse_yb_servers, universe_of, use_public_ips,
    with_connect_addresses,
)
from psycopg2.cluster._topology import Node

COLUMNS = ["host", "port", "num_connections", "node_type", "cloud", "region", "zone",
           "public_ip", "uuid"]


def row(host, port=5433, node_type="primary", zone="a", public_ip="", uuid="u"):
    return (host, port, 0, node_type, "aws", "east", zone, public_ip, uuid)


def test_query_text():
    assert YB_SERVERS_QUERY == "SELECT * FROM yb_servers()"


def test_parse_rows():
    rows = [row("10.0.0.1"), row("10.0.0.2", 5434, "read_replica", "b", "1.2.3.4", "u2")]
    nodes = parse_yb_servers(COLUMNS, rows)
    assert nodes == [
        Node("10.0.0.1", 5433, "primary", "aws", "east", "a", "", "u", None),
        Node("10.0.0.2", 5434, "read_replica", "aws", "east", "b", "1.2.3.4", "u2", None),
    ]


def test_columns_read_by_name_in_any_order_with_extras():
    columns = ["universe_uuid", "zone", "future_column", "port", "host", "region", "cloud",
               "node_type", "uuid", "public_ip", "num_connections"]
    rows = [("uni", "a", object(), 5433, "h1", "east", "aws", "read_replica", "u", None, 7)]
    (n,) = parse_yb_servers(columns, rows)
    assert n == Node("h1", 5433, "read_replica", "aws", "east", "a", "", "u", "uni")


def test_minimal_columns():
    (n,) = parse_yb_servers(["HOST", "Port"], [("h1", "5433")])
    assert n == Node("h1", 5433)
    assert n.node_type == "primary"


@pytest.mark.parametrize("columns", [["port"], ["host"], ["hostname", "port"], []])
def test_missing_required_column(columns):
    with pytest.raises(DiscoveryError):
        parse_yb_servers(columns, [])


def test_bad_rows_skipped_with_a_warning(caplog):
    caplog.set_level(logging.WARNING, logger="psycopg2.cluster")
    rows = [row(None), row(""), row("h", None), row("h", "x"), row("h", 0), row("h", 70000),
            row("good")]
    assert [n.host for n in parse_yb_servers(COLUMNS, rows)] == ["good"]
    assert len([r for r in caplog.records if r.name.startswith("psycopg2.cluster")]) == 6


def test_duplicate_rows_kept_once():
    nodes = parse_yb_servers(COLUMNS, [row("h"), row("h", zone="b"), row("h", 5434)])
    assert [(n.host, n.port, n.zone) for n in nodes] == [("h", 5433, "a"), ("h", 5434, "a")]


def test_values_normalised():
    (n,) = parse_yb_servers(COLUMNS, [("h", 5433, 0, "Read_Replica", None, " east ", "a",
                                       None, None)])
    assert (n.node_type, n.cloud, n.region, n.public_ip, n.uuid) == \
        ("read_replica", "", "east", "", "")


def test_universe_of():
    assert universe_of([Node("a", 1), Node("b", 1, universe_uuid="x")]) == "x"
    assert universe_of([Node("a", 1)]) is None
    assert universe_of([]) is None


NODES = [Node("10.0.0.1", 5433, public_ip="34.1.1.1"),
         Node("10.0.0.2", 5433, public_ip="34.1.1.2"),
         Node("10.0.0.3", 5433)]


@pytest.mark.parametrize("contact, public", [
    ("34.1.1.2", True),  # reached through a public address: we are outside
    ("10.0.0.1", False),
    ("10.0.0.3", False),
    ("db.example.com", False),  # a name or a load balancer: private addresses
    ("", False),
])
def test_use_public_ips(contact, public):
    assert use_public_ips(NODES, contact) is public


def test_public_ip_equal_to_host_means_private():
    assert not use_public_ips([Node("1.2.3.4", 5433, public_ip="1.2.3.4")], "1.2.3.4")


def test_with_connect_addresses():
    public = with_connect_addresses(NODES, "34.1.1.1")
    assert [n.connect_host for n in public] == ["34.1.1.1", "34.1.1.2", "10.0.0.3"]
    private = with_connect_addresses(NODES, "10.0.0.1")
    assert [n.connect_host for n in private] == ["10.0.0.1", "10.0.0.2", "10.0.0.3"]
