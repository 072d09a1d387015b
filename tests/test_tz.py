"""psycopg2.tz: FixedOffsetTimezone, LocalTimezone and tzinfo_factory."""

import copy
import datetime
import pickle
import time
from datetime import timedelta

import pytest

from psycopg2 import tz
from psycopg2.tz import FixedOffsetTimezone


# --- FixedOffsetTimezone: construction --------------------------------------

@pytest.mark.parametrize("offset, expected", [
    (None, timedelta(0)),
    (0, timedelta(0)),
    (60, timedelta(hours=1)),
    (-90, timedelta(minutes=-90)),
    (1.5, timedelta(seconds=90)),
    (timedelta(hours=5, minutes=30), timedelta(hours=5, minutes=30)),
    (timedelta(seconds=-30), timedelta(seconds=-30)),
    (24 * 60, timedelta(days=1)),  # not checked against datetime's limits
])
def test_offset_in_minutes_or_timedelta(offset, expected):
    zone = FixedOffsetTimezone(offset)
    assert zone.utcoffset(None) == expected
    assert zone.dst(None) == timedelta(0)


def test_defaults():
    zone = FixedOffsetTimezone()
    assert zone.utcoffset(None) == timedelta(0)
    assert zone.tzname(None) == "+00"
    assert zone.__getinitargs__() == (timedelta(0), None)


def test_offset_of_wrong_type():
    with pytest.raises(TypeError, match="unsupported type for timedelta minutes component: str"):
        FixedOffsetTimezone("1")


def test_keyword_arguments():
    zone = FixedOffsetTimezone(name="X")
    assert zone.utcoffset(None) == timedelta(0)
    assert zone.tzname(None) == "X"
    assert FixedOffsetTimezone(offset=75, name=None) is FixedOffsetTimezone(75)


# --- names -----------------------------------------------------------------

@pytest.mark.parametrize("offset, name", [
    (timedelta(0), "+00"),
    (timedelta(hours=1), "+01"),
    (timedelta(hours=5, minutes=30), "+05:30"),
    (timedelta(hours=-5), "-05"),
    (timedelta(seconds=30), "+00:00:30"),
    (timedelta(hours=1, seconds=1), "+01:00:01"),
    (timedelta(hours=25), "+25"),
    (timedelta(days=-2), "-48"),
    (timedelta(microseconds=1), "+00:00:00"),
    # psycopg2 2.9 floors the hours of negative offsets that are not whole
    # hours: these names read one hour further west than the offset
    (timedelta(minutes=-30), "-01:30"),
    (timedelta(minutes=-90), "-02:30"),
    (timedelta(hours=-5, minutes=-30), "-06:30"),
    (timedelta(seconds=-90), "-01:58:30"),
])
def test_default_name(offset, name):
    assert FixedOffsetTimezone(offset).tzname(None) == name


def test_explicit_name():
    zone = FixedOffsetTimezone(330, "IST")
    assert zone.tzname(None) == "IST"
    assert zone.tzname(datetime.datetime(2020, 1, 1)) == "IST"
    stamp = datetime.datetime(2020, 1, 1, tzinfo=zone)
    assert stamp.strftime("%Z %z") == "IST +0530"


def test_datetime_uses_the_offset():
    stamp = datetime.datetime(2020, 1, 1, 12, tzinfo=FixedOffsetTimezone(90))
    assert stamp.isoformat() == "2020-01-01T12:00:00+01:30"
    assert stamp.tzname() == "+01:30"
    utc = stamp.astimezone(datetime.timezone.utc)
    assert utc.replace(tzinfo=None) == datetime.datetime(2020, 1, 1, 10, 30)


# --- repr, equality ---------------------------------------------------------

@pytest.mark.parametrize("args, text", [
    ((), "psycopg2.tz.FixedOffsetTimezone(offset=datetime.timedelta(0), name=None)"),
    ((60,), "psycopg2.tz.FixedOffsetTimezone("
            "offset=datetime.timedelta(seconds=3600), name=None)"),
    ((-90, "W"), "psycopg2.tz.FixedOffsetTimezone("
                 "offset=datetime.timedelta(days=-1, seconds=81000), name='W')"),
])
def test_repr(args, text):
    zone = FixedOffsetTimezone(*args)
    assert repr(zone) == text
    assert str(zone) == text


def test_equality_compares_offsets_only():
    assert FixedOffsetTimezone(60) == FixedOffsetTimezone(timedelta(hours=1))
    assert FixedOffsetTimezone(60, "a") == FixedOffsetTimezone(60, "b")
    assert FixedOffsetTimezone(60) != FixedOffsetTimezone(61)
    assert not (FixedOffsetTimezone(60) != FixedOffsetTimezone(60, "x"))


def test_equality_with_other_types():
    zone = FixedOffsetTimezone(60)
    assert zone.__eq__(1) is NotImplemented
    assert zone.__ne__(1) is NotImplemented
    assert zone != 1
    assert zone != datetime.timezone(timedelta(hours=1))


def test_unhashable():
    with pytest.raises(TypeError, match="unhashable type: 'FixedOffsetTimezone'"):
        hash(FixedOffsetTimezone(60))


# --- instance cache ------------------------------------------------------------

def test_instances_cached_by_offset_and_name():
    assert FixedOffsetTimezone(60) is FixedOffsetTimezone(60)
    assert FixedOffsetTimezone(60, "a") is FixedOffsetTimezone(60, "a")
    assert FixedOffsetTimezone(60, "a") is not FixedOffsetTimezone(60, "b")
    assert FixedOffsetTimezone(60) is not FixedOffsetTimezone(61)
    delta = timedelta(minutes=-150)
    assert FixedOffsetTimezone(delta) is FixedOffsetTimezone(delta)


def test_cache_key_is_the_argument_as_given():
    # equal offsets spelled differently make different (equal) instances
    minutes = FixedOffsetTimezone(120)
    delta = FixedOffsetTimezone(timedelta(hours=2))
    assert minutes is not delta
    assert minutes == delta
    assert FixedOffsetTimezone() is FixedOffsetTimezone(None)
    assert FixedOffsetTimezone() is not FixedOffsetTimezone(0)


# --- pickling and copying -------------------------------------------------------

@pytest.mark.parametrize("args", [(), (60,), (-330, "X"), (timedelta(seconds=45),)])
def test_pickle_round_trip(args):
    zone = FixedOffsetTimezone(*args)
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        back = pickle.loads(pickle.dumps(zone, protocol))
        assert type(back) is FixedOffsetTimezone
        assert back == zone
        assert back.tzname(None) == zone.tzname(None)
        assert back.utcoffset(None) == zone.utcoffset(None)


def test_getinitargs():
    assert FixedOffsetTimezone(60, "X").__getinitargs__() == (timedelta(hours=1), "X")
    assert FixedOffsetTimezone(60).__getinitargs__() == (timedelta(hours=1), None)


def test_unpickled_instances_are_cached_by_timedelta():
    zone = FixedOffsetTimezone(100, "P")
    data = pickle.dumps(zone)
    first, second = pickle.loads(data), pickle.loads(data)
    assert first is second  # cached under (timedelta, name)
    assert first is FixedOffsetTimezone(timedelta(minutes=100), "P")


def test_pickled_datetime():
    stamp = datetime.datetime(2021, 3, 4, 5, 6, tzinfo=FixedOffsetTimezone(-240))
    back = pickle.loads(pickle.dumps(stamp))
    assert back == stamp
    assert back.utcoffset() == timedelta(hours=-4)


def test_deepcopy():
    zone = FixedOffsetTimezone(45, "Q")
    assert copy.deepcopy(zone) == zone
    assert copy.deepcopy(zone).tzname(None) == "Q"


# --- LocalTimezone ----------------------------------------------------------------

def test_module_constants():
    assert tz.ZERO == timedelta(0)
    assert tz.STDOFFSET == timedelta(seconds=-time.timezone)
    if time.daylight:
        assert tz.DSTOFFSET == timedelta(seconds=-time.altzone)
    else:
        assert tz.DSTOFFSET == tz.STDOFFSET
    assert tz.DSTDIFF == tz.DSTOFFSET - tz.STDOFFSET
    assert isinstance(tz.LOCAL, tz.LocalTimezone)
    assert isinstance(tz.LOCAL, datetime.tzinfo)


@pytest.mark.parametrize("when", [
    datetime.datetime(2020, 1, 15, 12),
    datetime.datetime(2020, 7, 15, 12),
])
def test_local_timezone_matches_the_c_library(when):
    stamp = time.mktime(when.timetuple())
    local = time.localtime(stamp)
    isdst = local.tm_isdst > 0
    zone = tz.LocalTimezone()
    assert zone.utcoffset(when) == (tz.DSTOFFSET if isdst else tz.STDOFFSET)
    assert zone.dst(when) == (tz.DSTDIFF if isdst else timedelta(0))
    assert zone.tzname(when) == time.tzname[isdst]
    assert when.replace(tzinfo=tz.LOCAL).utcoffset() == zone.utcoffset(when)


def test_local_timezone_needs_a_datetime():
    with pytest.raises(AttributeError):
        tz.LOCAL.utcoffset(None)


# --- with the server: tzinfo_factory ---------------------------------------------

def fetch_one(conn, query, tzinfo_factory):
    cur = conn.cursor()
    cur.tzinfo_factory = tzinfo_factory
    cur.execute(query)
    return cur.fetchone()


@pytest.mark.parametrize("timezone, offset", [
    ("UTC", timedelta(0)),
    ("Asia/Kolkata", timedelta(hours=5, minutes=30)),
    ("America/St_Johns", timedelta(hours=-3, minutes=-30)),
    ("America/New_York", timedelta(hours=-5)),
])
def test_timestamptz_with_fixed_offset_factory(conn, timezone, offset):
    conn.cursor().execute("set timezone to %s", [timezone])
    (value,) = fetch_one(
        conn, "select '2020-01-15 12:00:00+00'::timestamptz", FixedOffsetTimezone)
    assert isinstance(value.tzinfo, FixedOffsetTimezone)
    assert value.utcoffset() == offset
    assert value.tzinfo == FixedOffsetTimezone(offset)
    assert value == datetime.datetime(2020, 1, 15, 12, tzinfo=datetime.timezone.utc)


def test_timestamptz_follows_dst(conn):
    conn.cursor().execute("set timezone to 'Europe/Amsterdam'")
    winter, summer = fetch_one(
        conn, "select '2020-01-01 10:00+00'::timestamptz, '2020-06-01 10:00+00'::timestamptz",
        FixedOffsetTimezone)
    assert winter.tzinfo == FixedOffsetTimezone(60)
    assert summer.tzinfo == FixedOffsetTimezone(120)
    assert (winter.hour, summer.hour) == (11, 12)


def test_timestamptz_seconds_offset(conn):
    # before 1940 Amsterdam used local mean time: an offset with seconds
    conn.cursor().execute("set timezone to 'Europe/Amsterdam'")
    (value,) = fetch_one(
        conn, "select '1900-01-01 10:00:00+00'::timestamptz", FixedOffsetTimezone)
    assert value.utcoffset() == timedelta(seconds=1172)
    assert value.tzname() == "+00:19:32"


def test_timetz_and_arrays_with_factory(conn):
    conn.cursor().execute("set timezone to 'UTC'")
    timetz, stamps, naive = fetch_one(
        conn, "select '10:00+02'::timetz,"
              " array['2020-01-01 10:00+00'::timestamptz],"
              " '2020-01-01 10:00'::timestamp", FixedOffsetTimezone)
    assert timetz == datetime.time(10, 0, tzinfo=FixedOffsetTimezone(120))
    assert stamps[0].tzinfo == FixedOffsetTimezone(0)
    assert naive.tzinfo is None


def test_factory_receives_a_timedelta(conn):
    seen = []

    def factory(offset):
        seen.append(offset)
        return FixedOffsetTimezone(offset)

    conn.cursor().execute("set timezone to 'Asia/Kathmandu'")
    (value,) = fetch_one(conn, "select '2020-01-01 00:00+00'::timestamptz", factory)
    assert seen == [timedelta(hours=5, minutes=45)]
    assert value.tzinfo is FixedOffsetTimezone(timedelta(hours=5, minutes=45))


def test_factory_none_gives_naive_datetimes(conn):
    conn.cursor().execute("set timezone to 'Asia/Kolkata'")
    (value,) = fetch_one(conn, "select '2020-01-01 00:00+00'::timestamptz", None)
    assert value == datetime.datetime(2020, 1, 1, 5, 30)
    assert value.tzinfo is None


def test_default_factory_is_datetime_timezone(conn):
    assert conn.cursor().tzinfo_factory is datetime.timezone


def test_round_trip_aware_datetime(conn):
    conn.cursor().execute("set timezone to 'UTC'")
    sent = datetime.datetime(2020, 5, 6, 7, 8, 9, 123456, tzinfo=FixedOffsetTimezone(-420))
    cur = conn.cursor()
    cur.tzinfo_factory = FixedOffsetTimezone
    cur.execute("select %s::timestamptz", [sent])
    (got,) = cur.fetchone()
    assert got == sent
    assert got.utcoffset() == timedelta(0)
