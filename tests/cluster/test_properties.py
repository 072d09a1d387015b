"""Smart-driver properties: parsing from every form, validation, stripping.

Pure tests: no server, no connection.
"""

import pytest

from psycopg2.cluster._properties import (
    PROPERTY_NAMES, ClusterSettings, LoadBalance, PropertyError, split_connect_args,
)
from psycopg2.cluster._topology import Placement


def settings_of(dsn=None, **kwargs):
    return split_connect_args(dsn, kwargs).settings


# ---------------------------------------------------------------- defaults

def test_defaults_without_properties():
    args = split_connect_args("host=a dbname=d", {"port": 5433})
    assert args.settings == ClusterSettings()
    assert not args.settings.enabled
    assert args.settings.refresh_interval == 300
    assert args.settings.failed_host_ttl == 5
    assert args.settings.topology_keys is None
    assert args.settings.fallback_to_topology_keys_only is False
    assert args.dsn == "host=a dbname=d"
    assert args.kwargs == {"port": 5433}


@pytest.mark.parametrize("dsn", [None, "", "   "])
def test_empty_dsn(dsn):
    args = split_connect_args(dsn, {"load_balance": True, "host": "a"})
    assert args.dsn == dsn
    assert args.kwargs == {"host": "a"}
    assert args.settings.load_balance is LoadBalance.ANY


# ---------------------------------------------------------------- modes

MODES = [
    ("true", LoadBalance.ANY), ("TRUE", LoadBalance.ANY), ("True", LoadBalance.ANY),
    ("any", LoadBalance.ANY), ("Any", LoadBalance.ANY),
    ("only-primary", LoadBalance.ONLY_PRIMARY), ("ONLY-PRIMARY", LoadBalance.ONLY_PRIMARY),
    ("only-rr", LoadBalance.ONLY_RR), ("Only-RR", LoadBalance.ONLY_RR),
    ("prefer-primary", LoadBalance.PREFER_PRIMARY),
    ("prefer-rr", LoadBalance.PREFER_RR), ("PREFER-RR", LoadBalance.PREFER_RR),
    ("false", LoadBalance.DISABLED), ("FALSE", LoadBalance.DISABLED),
]


@pytest.mark.parametrize("text, mode", MODES)
def test_mode_in_every_form(text, mode):
    assert settings_of(f"host=a load_balance={text}").load_balance is mode
    assert settings_of(f"postgresql://a/d?load_balance={text}").load_balance is mode
    assert settings_of(load_balance=text).load_balance is mode


@pytest.mark.parametrize("value, mode", [(True, LoadBalance.ANY), (False, LoadBalance.DISABLED)])
def test_mode_python_bool(value, mode):
    settings = settings_of(load_balance=value)
    assert settings.load_balance is mode
    assert settings.enabled is (mode is not LoadBalance.DISABLED)


@pytest.mark.parametrize("value", [
    "yes", "no", "1", "0", "on", "", " true", "true ", "only_primary", "prefer-replica",
    "rr", 1, 0, 1.0, ["true"],
])
def test_bad_mode(value):
    with pytest.raises(PropertyError) as exc:
        settings_of(load_balance=value)
    assert "load_balance" in str(exc.value)
    assert repr(value) in str(exc.value)


def test_property_error_is_value_error():
    assert issubclass(PropertyError, ValueError)


# ---------------------------------------------------------------- integers

INTEGER_PROPS = [
    ("yb_servers_refresh_interval", "refresh_interval", 600),
    ("failed_host_ttl_seconds", "failed_host_ttl", 60),
    ("failed_host_reconnect_delay_secs", "failed_host_ttl", 60),
]


@pytest.mark.parametrize("name, field, maximum", INTEGER_PROPS)
@pytest.mark.parametrize("given, expected", [
    ("0", 0), ("1", 1), ("007", 7), (0, 0), (3, 3), ("MAX", "MAX"), ("MAXINT", "MAXINT"),
])
def test_integer_in_range(name, field, maximum, given, expected):
    if given == "MAX":
        given, expected = str(maximum), maximum
    elif given == "MAXINT":
        given = expected = maximum
    for settings in (settings_of(f"{name}={given}"),
                     settings_of(f"postgres://h?{name}={given}"),
                     settings_of(**{name: given})):
        assert getattr(settings, field) == expected


@pytest.mark.parametrize("name, field, maximum", INTEGER_PROPS)
@pytest.mark.parametrize("given", [
    "-1", -1, "MAX+1", "abc", "", "1.5", 1.5, "1e3", " 5", "5 ", "+5", "0x10",
    True, False, "\u0663",  # ARABIC-INDIC DIGIT THREE: isdigit() but not a number here
])
def test_integer_rejected(name, field, maximum, given):
    if given == "MAX+1":
        given = str(maximum + 1)
    with pytest.raises(PropertyError) as exc:
        settings_of(**{name: given})
    assert name in str(exc.value)
    assert repr(given) in str(exc.value)


@pytest.mark.parametrize("name, maximum", [
    ("yb_servers_refresh_interval", 600), ("failed_host_ttl_seconds", 60)])
def test_integer_rejected_in_dsn_and_url(name, maximum):
    for dsn in (f"host=a {name}={maximum + 1}", f"postgresql://a/?{name}={maximum + 1}",
                f"host=a {name}=soon", f"postgresql://a/?{name}=-3"):
        with pytest.raises(PropertyError, match=name):
            settings_of(dsn)


# ---------------------------------------------------------------- booleans

@pytest.mark.parametrize("given, expected", [
    ("true", True), ("TRUE", True), ("false", False), ("False", False),
    (True, True), (False, False),
])
def test_fallback_flag(given, expected):
    assert settings_of(fallback_to_topology_keys_only=given).fallback_to_topology_keys_only \
        is expected
    if isinstance(given, str):
        assert settings_of(f"fallback_to_topology_keys_only={given}") \
            .fallback_to_topology_keys_only is expected


@pytest.mark.parametrize("given", ["yes", "1", "0", "", "t", 1, 0, "any"])
def test_fallback_flag_rejected(given):
    with pytest.raises(PropertyError, match="fallback_to_topology_keys_only"):
        settings_of(fallback_to_topology_keys_only=given)


# ---------------------------------------------------------------- topology keys

def test_topology_keys_parsed():
    keys = settings_of("topology_keys=aws.east.a:1,aws.east.*:2").topology_keys
    assert keys.levels == (
        (1, (Placement("aws", "east", "a"),)),
        (2, (Placement("aws", "east", "*"),)),
    )


@pytest.mark.parametrize("given", ["", "   "])
def test_topology_keys_empty_means_none(given):
    assert settings_of(topology_keys=given).topology_keys is None
    assert settings_of("topology_keys=''").topology_keys is None


@pytest.mark.parametrize("given", [
    "aws.east", "aws.east.a.b", "aws..a", ".east.a", "aws.east.", "aws.east.a:0",
    "aws.east.a:11", "aws.east.a:x", "aws.east.a:", "aws.east.a:1:2", "aws.east.a:-1",
    "aws.east.a:2", "aws.east.a:1,", ",aws.east.a", "aws.east.a:1,,aws.west.b:2",
    "*.east.a", "aws.*.a", "aws.east.a:1,aws.west.b:2:3",
])
def test_topology_keys_rejected(given):
    with pytest.raises(PropertyError) as exc:
        settings_of(topology_keys=given)
    assert "topology_keys" in str(exc.value)
    assert repr(given) in str(exc.value)


def test_topology_keys_not_a_string():
    with pytest.raises(PropertyError, match="topology_keys"):
        settings_of(topology_keys=1)


# ---------------------------------------------------------------- every form

def test_url_with_several_properties_mixed_with_libpq_ones():
    url = ("postgresql://u@h1:5433,h2:5434/db?connect_timeout=5&load_balance=only-rr"
           "&sslmode=disable&topology_keys=aws.east.a%3A1%2Caws.east.b%3A2"
           "&yb_servers_refresh_interval=20&failed_host_reconnect_delay_secs=7"
           "&fallback_to_topology_keys_only=true&application_name=x%20y")
    args = split_connect_args(url)
    assert args.dsn == ("postgresql://u@h1:5433,h2:5434/db?connect_timeout=5"
                        "&sslmode=disable&application_name=x%20y")
    s = args.settings
    assert s.load_balance is LoadBalance.ONLY_RR
    assert str(s.topology_keys) == "aws.east.a:1,aws.east.b:2"
    assert (s.refresh_interval, s.failed_host_ttl, s.fallback_to_topology_keys_only) \
        == (20, 7, True)


def test_url_percent_encoded_names_and_values():
    args = split_connect_args("postgres://h/d?load%5Fbalance=prefer%2Drr&x=1")
    assert args.settings.load_balance is LoadBalance.PREFER_RR
    assert args.dsn == "postgres://h/d?x=1"


def test_url_plus_is_not_a_space():
    with pytest.raises(PropertyError, match="'prefer\\+rr'"):
        split_connect_args("postgresql://h/?load_balance=prefer+rr")


def test_keyword_dsn_with_every_property():
    dsn = ("host=a load_balance=prefer-primary topology_keys='c.r.z:1, c.r.*:2' "
           "yb_servers_refresh_interval=0 failed_host_ttl_seconds=60 "
           "fallback_to_topology_keys_only=TRUE dbname=d")
    args = split_connect_args(dsn)
    assert args.dsn == "host=a dbname=d"
    s = args.settings
    assert s.load_balance is LoadBalance.PREFER_PRIMARY
    assert str(s.topology_keys) == "c.r.z:1,c.r.*:2"
    assert (s.refresh_interval, s.failed_host_ttl, s.fallback_to_topology_keys_only) \
        == (0, 60, True)


def test_keywords_override_dsn():
    s = settings_of("host=a load_balance=only-rr yb_servers_refresh_interval=10",
                    load_balance="prefer-rr", yb_servers_refresh_interval=20)
    assert s.load_balance is LoadBalance.PREFER_RR
    assert s.refresh_interval == 20


def test_keywords_override_url():
    s = settings_of("postgresql://a/d?load_balance=true", load_balance=False)
    assert s.load_balance is LoadBalance.DISABLED


def test_keyword_none_is_absent():
    args = split_connect_args("host=a load_balance=true", {"load_balance": None})
    assert args.settings.load_balance is LoadBalance.ANY
    assert args.kwargs == {}


def test_later_occurrence_wins_in_dsn():
    assert settings_of("load_balance=only-rr load_balance=any").load_balance is LoadBalance.ANY
    assert settings_of("postgresql://h?load_balance=only-rr&load_balance=false") \
        .load_balance is LoadBalance.DISABLED


@pytest.mark.parametrize("dsn, kwargs, ttl", [
    ("failed_host_ttl_seconds=1 failed_host_reconnect_delay_secs=2", {}, 2),
    ("failed_host_reconnect_delay_secs=2 failed_host_ttl_seconds=1", {}, 1),
    ("failed_host_ttl_seconds=1", {"failed_host_reconnect_delay_secs": 3}, 3),
    (None, {"failed_host_reconnect_delay_secs": 3, "failed_host_ttl_seconds": 4}, 4),
    (None, {"failed_host_ttl_seconds": 4, "failed_host_reconnect_delay_secs": 3}, 3),
])
def test_ttl_alias_last_wins(dsn, kwargs, ttl):
    assert settings_of(dsn, **kwargs).failed_host_ttl == ttl


def test_overridden_bad_value_still_rejected():
    # never silently replaced: a bad value is a configuration bug either way
    with pytest.raises(PropertyError, match="bogus"):
        settings_of("host=a load_balance=bogus", load_balance=True)


def test_alias_named_in_error():
    with pytest.raises(PropertyError, match="failed_host_reconnect_delay_secs"):
        settings_of("failed_host_reconnect_delay_secs=99")


def test_properties_validated_and_stripped_when_disabled():
    args = split_connect_args("host=a topology_keys=x.y.z:1 load_balance=false")
    assert args.dsn == "host=a"
    with pytest.raises(PropertyError, match="topology_keys"):
        split_connect_args("host=a topology_keys=x.y load_balance=false")


def test_errors_are_property_errors_only():
    for bad in ("load_balance=", "topology_keys=a.b.c:1:", "yb_servers_refresh_interval=''",
                "fallback_to_topology_keys_only=", "topology_keys=:", "topology_keys=...:1"):
        with pytest.raises(PropertyError):
            split_connect_args(bad)


def test_error_message_has_no_other_dsn_values():
    with pytest.raises(PropertyError) as exc:
        split_connect_args("host=a password=s3cret load_balance=nope")
    assert "s3cret" not in str(exc.value)
    with pytest.raises(PropertyError) as exc:
        split_connect_args("postgresql://u:s3cret@h/d?load_balance=nope")
    assert "s3cret" not in str(exc.value)


# ---------------------------------------------------------------- stripping

@pytest.mark.parametrize("dsn, stripped", [
    ("load_balance=true", ""),
    ("  load_balance=true  ", "    "),
    ("host=a load_balance=true", "host=a"),
    ("load_balance=true host=a", "host=a"),
    ("host=a load_balance=true dbname=d", "host=a dbname=d"),
    ("host = a   load_balance = true\tdbname =  d", "host = a\tdbname =  d"),
    ("host=a load_balance='prefer-rr' options='-c x=1'", "host=a options='-c x=1'"),
    ("password='it\\'s' load_balance=true user=u", "password='it\\'s' user=u"),
    ("password=a\\ b load_balance=any", "password=a\\ b"),
    ("password='back\\\\' load_balance=any port=1", "password='back\\\\' port=1"),
    ("host='a'load_balance=true port=1", "host='a' port=1"),
    ("host=a load_balance='true'port=1", "host=a port=1"),
    ("host=a,b port=1,2 load_balance=true", "host=a,b port=1,2"),
    ("host=/tmp load_balance=true", "host=/tmp"),
    ("dbname='load_balance=true' load_balance=any", "dbname='load_balance=true'"),
    ("host=a\nload_balance=true\nport=1\n", "host=a\nport=1\n"),
    ("application_name=\u00e9t\u00e9 load_balance=any", "application_name=\u00e9t\u00e9"),
    ("host=a topology_keys=c.r.z yb_servers_refresh_interval=5 failed_host_ttl_seconds=1 "
     "failed_host_reconnect_delay_secs=1 fallback_to_topology_keys_only=false", "host=a"),
])
def test_keyword_dsn_stripping(dsn, stripped):
    assert split_connect_args(dsn).dsn == stripped


def test_quoted_property_value_unescaped():
    s = settings_of("topology_keys='c.r.z\\:1' load_balance = 'only\\-rr'")
    assert str(s.topology_keys) == "c.r.z:1"
    assert s.load_balance is LoadBalance.ONLY_RR


@pytest.mark.parametrize("dsn", [
    "host=a dbname=d",
    "host = 'a b' dbname='x\\'y'",
    "load_balanced=true host=a",  # not ours: libpq will complain about it
    "Load_Balance=true",  # libpq keywords are case-sensitive
])
def test_dsn_without_properties_returned_as_is(dsn):
    assert split_connect_args(dsn).dsn is dsn


@pytest.mark.parametrize("dsn", [
    "host=a load_balance",  # missing '='
    "load_balance=true host",
    "host='a load_balance=true",  # unterminated quote
    "postgresql://h/?load_balance=true&port",  # query piece without '='
    "postgresql://h/?load_balance=true&a=b=c",
    "postgresql://h/?load_balance=true&&x=1",
    "postgresql://h/?load_balance=true&x=%zz",
    "postgresql://h/?load_balance=true&x=%00",
    "postgresql://h/?load_balance=true&x=%4",
])
def test_malformed_dsn_left_for_libpq(dsn):
    # libpq rejects these with its own message; we do not pre-empt it
    args = split_connect_args(dsn)
    assert args.dsn is dsn
    assert args.settings == ClusterSettings()


@pytest.mark.parametrize("url, stripped", [
    ("postgresql://h/d?load_balance=true", "postgresql://h/d"),
    ("postgres://h/d?load_balance=true", "postgres://h/d"),
    ("postgresql://h?load_balance=true", "postgresql://h"),
    ("postgresql://?load_balance=true&host=a", "postgresql://?host=a"),
    ("postgresql://h/d?a=1&load_balance=true&b=2", "postgresql://h/d?a=1&b=2"),
    ("postgresql://h/d?b=2&a=1&load_balance=true", "postgresql://h/d?b=2&a=1"),
    ("postgresql://h/d?load_balance=true&a=%41%20", "postgresql://h/d?a=%41%20"),
    ("postgresql://h/d?load_balance=true&", "postgresql://h/d"),
    ("postgresql://h/d?a=1&load_balance=true&", "postgresql://h/d?a=1"),
    ("postgresql://u:p%3Fx@h1:1,h2:2/d?load_balance=true", "postgresql://u:p%3Fx@h1:1,h2:2/d"),
    ("postgresql://[::1]:5433/d?load_balance=true", "postgresql://[::1]:5433/d"),
    ("postgresql://%2Ftmp/d?load_balance=true", "postgresql://%2Ftmp/d"),
])
def test_url_stripping(url, stripped):
    assert split_connect_args(url).dsn == stripped


def test_url_password_with_question_mark():
    # libpq: an '@' before any '/' ends the credentials, which may hold '?'
    url = "postgresql://u:p?load_balance=x@h/d?load_balance=true"
    args = split_connect_args(url)
    assert args.dsn == "postgresql://u:p?load_balance=x@h/d"
    assert args.settings.load_balance is LoadBalance.ANY


@pytest.mark.parametrize("url", [
    "postgresql://h/d", "postgresql://h/d?", "postgresql://h/d?a=1&b=2",
    "postgresql://h/d?loadbalance=true",
])
def test_url_without_properties_returned_as_is(url):
    assert split_connect_args(url).dsn is url


def test_uppercase_scheme_is_not_a_url():
    # libpq only knows the lowercase prefixes; this is a (bad) key/value DSN
    dsn = "POSTGRESQL://h/d?load_balance=true"
    assert split_connect_args(dsn).dsn is dsn


def test_kwargs_stripped_and_others_kept_in_order():
    kwargs = {"host": "a", "load_balance": True, "port": 5, "topology_keys": "c.r.z",
              "failed_host_ttl_seconds": 2, "yb_servers_refresh_interval": 0,
              "failed_host_reconnect_delay_secs": None, "dbname": "d",
              "fallback_to_topology_keys_only": False}
    args = split_connect_args("user=u", kwargs)
    assert list(args.kwargs.items()) == [("host", "a"), ("port", 5), ("dbname", "d")]
    assert args.dsn == "user=u"
    assert kwargs["load_balance"] is True  # the caller's dict is not modified


def test_every_property_name_known():
    assert PROPERTY_NAMES == {
        "load_balance", "topology_keys", "yb_servers_refresh_interval",
        "failed_host_ttl_seconds", "failed_host_reconnect_delay_secs",
        "fallback_to_topology_keys_only",
    }


def test_repr_hides_dsn_and_kwargs():
    args = split_connect_args("password=s3cret load_balance=true", {"password": "k3y"})
    assert "s3cret" not in repr(args) and "k3y" not in repr(args)
    assert "ANY" in repr(args)


def test_non_string_dsn_passed_through():
    dsn = b"host=a load_balance=true"
    assert split_connect_args(dsn).dsn is dsn
