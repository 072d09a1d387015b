"""psycopg2.tz: tzinfo implementations for psycopg2.

`FixedOffsetTimezone` is a constant offset from UTC, what PostgreSQL gives
with each timestamptz value (set it as `cursor.tzinfo_factory` to get it
instead of `datetime.timezone`).  `LocalTimezone` follows the local time of
this process, as the `time` module sees it.
"""

import datetime
import time

ZERO = datetime.timedelta(0)


class FixedOffsetTimezone(datetime.tzinfo):
    """A constant offset east of UTC, with an optional name.

    The offset is a number of minutes or a `timedelta`; the name defaults to
    ``sHH[:MM[:SS]]`` (``s`` is the sign).  Instances are cached: asking
    again with the same offset and name returns the same object, which saves
    memory when every fetched value carries a timezone.  Pickling works
    through `__getinitargs__()`.
    """

    # Defaults, shadowed per instance by __init__ when given.
    _name = None
    _offset = ZERO

    # (offset, name) exactly as passed -> instance
    _cache = {}

    def __init__(self, offset=None, name=None):
        if offset is not None:
            if not isinstance(offset, datetime.timedelta):
                offset = datetime.timedelta(minutes=offset)
            self._offset = offset
        if name is not None:
            self._name = name

    def __new__(cls, offset=None, name=None):
        """Return the cached instance for (offset, name), made if missing."""
        key = (offset, name)
        try:
            return cls._cache[key]
        except KeyError:
            tz = super().__new__(cls)
            cls._cache[key] = tz
            return tz

    def __repr__(self):
        return (f"psycopg2.tz.FixedOffsetTimezone("
                f"offset={self._offset!r}, name={self._name!r})")

    def __eq__(self, other):
        # The name is only a label: equal offsets mean the same timezone.
        if isinstance(other, FixedOffsetTimezone):
            return self._offset == other._offset
        return NotImplemented

    def __ne__(self, other):
        equal = self.__eq__(other)
        if equal is NotImplemented:
            return NotImplemented
        return not equal

    def __getinitargs__(self):
        return self._offset, self._name

    def utcoffset(self, dt):
        return self._offset

    def tzname(self, dt):
        if self._name is not None:
            return self._name
        return _offset_name(self._offset)

    def dst(self, dt):
        return ZERO


def _offset_name(offset):
    """The default name of an offset: +HH, +HH:MM or +HH:MM:SS.

    As psycopg2 2.9 does, the hours come from a floor division, so negative
    offsets that are not whole hours read one hour further west (-30
    minutes is named "-01:30").
    """
    sign = "-" if offset < ZERO else "+"
    hours, rest = divmod(offset, datetime.timedelta(hours=1))
    minutes, seconds = divmod(rest, datetime.timedelta(minutes=1))
    name = f"{sign}{abs(hours):02d}"
    if minutes or seconds:
        name += f":{minutes:02d}"
    if seconds:
        name += f":{seconds.seconds:02d}"
    return name


# The local timezone as the C library knows it (see time.timezone).
STDOFFSET = datetime.timedelta(seconds=-time.timezone)
if time.daylight:
    DSTOFFSET = datetime.timedelta(seconds=-time.altzone)
else:
    DSTOFFSET = STDOFFSET
DSTDIFF = DSTOFFSET - STDOFFSET


class LocalTimezone(datetime.tzinfo):
    """The local timezone of this process, as the C library sees it.

    Whether daylight saving time applies is asked to the C library for
    each datetime; the offsets are the process-wide STDOFFSET/DSTOFFSET.
    """

    def utcoffset(self, dt):
        return DSTOFFSET if self._isdst(dt) else STDOFFSET

    def dst(self, dt):
        return DSTDIFF if self._isdst(dt) else ZERO

    def tzname(self, dt):
        return time.tzname[self._isdst(dt)]

    def _isdst(self, dt):
        """True if DST is in effect at the local wall time `dt`."""
        wall_time = (dt.year, dt.month, dt.day, dt.hour, dt.minute,
                     dt.second, dt.weekday(), 0, -1)  # -1: let mktime decide
        stamp = time.mktime(wall_time)
        return time.localtime(stamp).tm_isdst > 0


LOCAL = LocalTimezone()
