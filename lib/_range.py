"""Range types: Python objects for PostgreSQL ranges and their adaptation.

`Range` and its subclasses hold a range's bounds; `RangeAdapter` turns them
into SQL; `RangeCaster` turns a range's text form back into a `Range`.
`register_range()` does both for a range type found in the catalog.
"""

import re

from psycopg2._psycopg import (
    InterfaceError, ProgrammingError, ISQLQuote, adapt,
    new_type, new_array_type, register_type,
)
from psycopg2.extensions import register_adapter

_VALID_BOUNDS = ('[)', '(]', '()', '[]')


class Range:
    """A PostgreSQL range: `lower` and `upper` bounds (None: infinite),
    `bounds` ('[)', '(]', '()' or '[]'), or an empty range."""

    __slots__ = ('_lower', '_upper', '_bounds')

    def __init__(self, lower=None, upper=None, bounds='[)', empty=False):
        if empty:
            self._lower = self._upper = self._bounds = None
            return
        if bounds not in _VALID_BOUNDS:
            raise ValueError(f"bound flags not valid: {bounds!r}")
        self._lower = lower
        self._upper = upper
        self._bounds = bounds

    def __repr__(self):
        name = self.__class__.__name__
        if self._bounds is None:
            return f"{name}(empty=True)"
        return f"{name}({self._lower!r}, {self._upper!r}, {self._bounds!r})"

    def __str__(self):
        if self._bounds is None:
            return 'empty'
        return f"{self._bounds[0]}{self._lower}, {self._upper}{self._bounds[1]}"

    @property
    def lower(self):
        """The lower bound, None if empty or infinite."""
        return self._lower

    @property
    def upper(self):
        """The upper bound, None if empty or infinite."""
        return self._upper

    @property
    def isempty(self):
        """True if the range is empty."""
        return self._bounds is None

    @property
    def lower_inf(self):
        """True if the range has no lower bound."""
        return self._bounds is not None and self._lower is None

    @property
    def upper_inf(self):
        """True if the range has no upper bound."""
        return self._bounds is not None and self._upper is None

    @property
    def lower_inc(self):
        """True if the lower bound is finite and part of the range."""
        return (self._bounds is not None and self._lower is not None
                and self._bounds[0] == '[')

    @property
    def upper_inc(self):
        """True if the upper bound is finite and part of the range."""
        return (self._bounds is not None and self._upper is not None
                and self._bounds[1] == ']')

    def __contains__(self, item):
        if self._bounds is None:
            return False
        return self._above_lower(item) and self._below_upper(item)

    def _above_lower(self, item):
        if self._lower is None:
            return True
        if self._bounds[0] == '[':
            return not item < self._lower
        return self._lower < item

    def _below_upper(self, item):
        if self._upper is None:
            return True
        if self._bounds[1] == ']':
            return not self._upper < item
        return item < self._upper

    def __bool__(self):
        return self._bounds is not None

    def _key(self):
        return (self._lower, self._upper, self._bounds)

    def __eq__(self, other):
        if not isinstance(other, Range):
            return False
        return self._key() == other._key()

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        return hash(self._key())

    def __lt__(self, other):
        if not isinstance(other, Range):
            return NotImplemented
        for mine, theirs in zip(self._key(), other._key()):
            if mine == theirs:
                continue
            if mine is None:
                return True
            if theirs is None:
                return False
            return mine < theirs
        return False

    def __le__(self, other):
        if not isinstance(other, Range):
            return NotImplemented
        return self == other or self < other

    def __gt__(self, other):
        if not isinstance(other, Range):
            return NotImplemented
        return other < self

    def __ge__(self, other):
        if not isinstance(other, Range):
            return NotImplemented
        return self == other or other < self

    def __getstate__(self):
        return {slot: getattr(self, slot) for slot in Range.__slots__}

    def __setstate__(self, state):
        for slot, value in state.items():
            setattr(self, slot, value)


class NumericRange(Range):
    """A range of numbers: int4range, int8range, numrange."""
    __slots__ = ()


class DateRange(Range):
    """A range of dates: daterange."""
    __slots__ = ()


class DateTimeRange(Range):
    """A range of timestamps: tsrange."""
    __slots__ = ()


class DateTimeTZRange(Range):
    """A range of timestamps with time zone: tstzrange."""
    __slots__ = ()


class RangeAdapter:
    """Adapt a `Range` to SQL as a call to the range type's constructor.

    Subclasses set `name` to the range type's SQL name.
    """
    name = None

    def __init__(self, adapted):
        self.adapted = adapted

    def __conform__(self, proto):
        if proto is ISQLQuote:
            return self

    def prepare(self, conn):
        self._conn = conn

    def getquoted(self):
        if self.name is None:
            raise NotImplementedError(
                'RangeAdapter must be subclassed overriding its name '
                'or the getquoted() method')
        rng = self.adapted
        name = self.name.encode('utf8')
        if rng.isempty:
            return b"'empty'::" + name
        lower = self._quote_bound(rng.lower)
        upper = self._quote_bound(rng.upper)
        bounds = rng._bounds.encode('ascii')
        return name + b"(" + lower + b", " + upper + b", '" + bounds + b"')"

    def _quote_bound(self, value):
        if value is None:
            return b'NULL'
        adapter = adapt(value)
        if hasattr(adapter, 'prepare'):
            adapter.prepare(self._conn)
        return adapter.getquoted()


class NumberRangeAdapter(RangeAdapter):
    """Adapt a `NumericRange` as an untyped literal ('[1,2)')."""

    def getquoted(self):
        rng = self.adapted
        if rng.isempty:
            return b"'empty'"
        lower = self._plain_bound(rng.lower)
        upper = self._plain_bound(rng.upper)
        text = f"'{rng._bounds[0]}{lower},{upper}{rng._bounds[1]}'"
        return text.encode('ascii')

    @staticmethod
    def _plain_bound(value):
        if value is None:
            return ''
        return adapt(value).getquoted().decode('ascii')


# The text form of a range: flag, bound, comma, bound, flag.  A bound is
# empty (infinite), double-quoted ("" stands for one quote) or bare.
_RANGE_TEXT = re.compile(r"""
    ([(\[])
    (?: "((?:[^"]|"")*)" | ([^",]+) )?
    ,
    (?: "((?:[^"]|"")*)" | ([^")\]]+) )?
    ([)\]])
    """, re.VERBOSE)


_QUOTED_ESCAPE = re.compile(r'""|\\(.)')


def _bound_text(quoted, bare):
    """A bound's value: quoted text loses its "" and backslash escapes."""
    if quoted is not None:
        return _QUOTED_ESCAPE.sub(lambda m: m.group(1) or '"', quoted)
    return bare


class RangeCaster:
    """Cast a PostgreSQL range type (and its array) to a `Range` subclass.

    `pgrange` is the SQL name of the range (or a `RangeAdapter` subclass),
    `pyrange` the name of a new `Range` subclass (or a `Range` subclass).
    """

    def __init__(self, pgrange, pyrange, oid, subtype_oid, array_oid=None):
        self.subtype_oid = subtype_oid
        self.adapter = self._make_adapter(pgrange)
        self.range = self._make_range(pyrange)
        self._create_casters(oid, array_oid)

    @staticmethod
    def _make_adapter(pgrange):
        if isinstance(pgrange, str):
            return type(pgrange, (RangeAdapter,), {'name': pgrange})
        if (isinstance(pgrange, type) and issubclass(pgrange, RangeAdapter)
                and pgrange is not RangeAdapter):
            return pgrange
        raise TypeError(
            'pgrange must be a string or a RangeAdapter strict subclass')

    @staticmethod
    def _make_range(pyrange):
        if isinstance(pyrange, str):
            return type(pyrange, (Range,), {})
        if (isinstance(pyrange, type) and issubclass(pyrange, Range)
                and pyrange is not Range):
            return pyrange
        raise TypeError(
            'pyrange must be a type or a Range strict subclass')

    def _create_casters(self, oid, array_oid):
        name = self.adapter.name or type(self.adapter).__name__
        self.typecaster = new_type((oid,), name, self.parse)
        if array_oid is None:
            self.array_typecaster = None
        else:
            self.array_typecaster = new_array_type(
                (array_oid,), name + "ARRAY", self.typecaster)

    def parse(self, s, cur=None):
        """Return a `Range` from the text form `s` of a range."""
        if s is None:
            return None
        if s == 'empty':
            return self.range(empty=True)
        match = _RANGE_TEXT.match(s)
        if match is None:
            raise InterfaceError(f"failed to parse range: '{s}'")
        flag1, lquoted, lbare, uquoted, ubare, flag2 = match.groups()
        lower = _bound_text(lquoted, lbare)
        upper = _bound_text(uquoted, ubare)
        if cur is not None:
            lower = cur.cast(self.subtype_oid, lower)
            upper = cur.cast(self.subtype_oid, upper)
        return self.range(lower, upper, flag1 + flag2)

    def _register(self, scope=None):
        register_type(self.typecaster, scope)
        if self.array_typecaster is not None:
            register_type(self.array_typecaster, scope)
        register_adapter(self.range, self.adapter)

    @classmethod
    def _from_db(cls, name, pyrange, conn_or_curs):
        """Look up the range type `name` and return its caster."""
        conn, curs = _solve_conn_curs(conn_or_curs)
        with _catalog_query(conn):
            oid = _find_type_oid(curs, name, _IS_RANGE)
            row = _fetch_range_row(curs, oid) if oid is not None else None
        if row is None:
            raise ProgrammingError(f"PostgreSQL range '{name}' not found")
        oid, subtype_oid, array_oid = row
        return cls(name, pyrange, oid, subtype_oid, array_oid)


def register_range(pgrange, pyrange, conn_or_curs, globally=False):
    """Cast the PostgreSQL range `pgrange` to the `Range` subclass `pyrange`
    (a new one if a name is given) and adapt `pyrange` back to SQL.

    The casters are registered on `conn_or_curs` unless `globally`.
    Return the `RangeCaster`.
    """
    caster = RangeCaster._from_db(pgrange, pyrange, conn_or_curs)
    caster._register(None if globally else conn_or_curs)
    return caster


def _fetch_range_row(curs, oid):
    curs.execute(
        "SELECT t.oid, r.rngsubtype, t.typarray"
        " FROM pg_catalog.pg_type t"
        " JOIN pg_catalog.pg_range r ON r.rngtypid = t.oid"
        " WHERE t.oid = %s", (oid,))
    return curs.fetchone()


# --- catalog look-ups shared by the range, composite and hstore helpers ---

def _solve_conn_curs(conn_or_curs):
    """Return (connection, cursor) from either a connection or a cursor."""
    if conn_or_curs is None:
        raise ProgrammingError("no connection or cursor provided")
    if hasattr(conn_or_curs, 'execute'):
        return conn_or_curs.connection, conn_or_curs
    from psycopg2.extensions import cursor as plain_cursor
    return conn_or_curs, conn_or_curs.cursor(cursor_factory=plain_cursor)


class _catalog_query:
    """Context: leave the connection's transaction state as found (a
    transaction opened only for a catalog query is rolled back)."""

    def __init__(self, conn):
        self.conn = conn

    def __enter__(self):
        from psycopg2.extensions import STATUS_IN_TRANSACTION
        self.opens_transaction = (
            self.conn.status != STATUS_IN_TRANSACTION
            and not self.conn.autocommit)
        return self

    def __exit__(self, *exc_info):
        if self.opens_transaction:
            self.conn.rollback()


_IS_RANGE = "EXISTS (SELECT 1 FROM pg_catalog.pg_range r" \
            " WHERE r.rngtypid = t.oid)"
_IS_COMPOSITE = "t.typtype = 'c'"


def _find_type_oid(curs, name, kind_condition):
    """The OID of the type called `name` (maybe schema-qualified) matching
    `kind_condition`, or None.

    The name is first taken literally ('schema.name' split at the first
    dot, 'public' when unqualified), then as SQL identifiers (quotes,
    case folding, search_path for an unqualified name).
    """
    if not isinstance(name, str):
        raise TypeError(f"the type name must be a string, not "
                        f"{type(name).__name__}")
    schema, sep, typname = name.partition('.')
    if not sep:
        schema, typname = 'public', name
    oid = _query_oid(curs, kind_condition,
                     "n.nspname = %s AND t.typname = %s", (schema, typname))
    if oid is not None:
        return oid
    parts = _split_identifiers(name)
    if parts is None:
        return None
    if len(parts) == 1:
        return _query_oid(curs, kind_condition,
                          "t.typname = %s AND pg_catalog.pg_type_is_visible"
                          "(t.oid)", parts)
    if len(parts) == 2:
        return _query_oid(curs, kind_condition,
                          "n.nspname = %s AND t.typname = %s", parts)
    return _query_oid(curs, kind_condition, "t.oid = %s::regtype", (name,))


def _query_oid(curs, kind_condition, name_condition, args):
    curs.execute(
        "SELECT t.oid FROM pg_catalog.pg_type t"
        " JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace"
        f" WHERE {name_condition} AND {kind_condition}", args)
    row = curs.fetchone()
    return row[0] if row else None


_IDENTIFIER = re.compile(r'"((?:[^"]|"")+)"|([^".\s]+)')


def _split_identifiers(name):
    """Split 'a."B c"' into ['a', 'B c'] as SQL does; None if malformed."""
    parts = []
    pos = 0
    while True:
        match = _IDENTIFIER.match(name, pos)
        if match is None:
            return None
        quoted, bare = match.groups()
        parts.append(quoted.replace('""', '"') if quoted else bare.lower())
        pos = match.end()
        if pos == len(name):
            return parts
        if name[pos] != '.':
            return None
        pos += 1


# --- the built-in ranges (registered globally at import) ---

int4range_caster = RangeCaster(NumberRangeAdapter, NumericRange,
                               oid=3904, subtype_oid=23, array_oid=3905)
int4range_caster._register()

int8range_caster = RangeCaster(NumberRangeAdapter, NumericRange,
                               oid=3926, subtype_oid=20, array_oid=3927)
int8range_caster._register()

numrange_caster = RangeCaster(NumberRangeAdapter, NumericRange,
                              oid=3906, subtype_oid=1700, array_oid=3907)
numrange_caster._register()

daterange_caster = RangeCaster('daterange', DateRange,
                               oid=3912, subtype_oid=1082, array_oid=3913)
daterange_caster._register()

tsrange_caster = RangeCaster('tsrange', DateTimeRange,
                             oid=3908, subtype_oid=1114, array_oid=3909)
tsrange_caster._register()

tstzrange_caster = RangeCaster('tstzrange', DateTimeTZRange,
                               oid=3910, subtype_oid=1184, array_oid=3911)
tstzrange_caster._register()
