"""psycopg2.sql: build SQL statements from parts, safely.

Query text is assembled from `Composable` objects: `SQL` snippets are taken
verbatim, `Identifier` names are quoted as identifiers, `Literal` values are
quoted as values, and `Placeholder` leaves a ``%s``/``%(name)s`` parameter
marker for `cursor.execute()`.  A composed object becomes a string with
`as_string(context)`, where the context (a connection or a cursor) supplies
what quoting needs: the client encoding and libpq's escaping rules.
"""

import string

from psycopg2 import extensions as ext

# Parses format strings the way str.format() does: we reuse its tokenizer
# so that brace escaping and error messages are those of Python.
_formatter = string.Formatter()


class Composable:
    """Abstract base of every object that can be part of a query.

    Subclasses implement `as_string()`.  Composables can be joined with ``+``
    (giving a `Composed`) and repeated with ``*``.
    """

    def __init__(self, wrapped):
        self._wrapped = wrapped

    def __repr__(self):
        return f"{self.__class__.__name__}({self._wrapped!r})"

    def as_string(self, context):
        """Render as query text; `context` is a connection or a cursor."""
        raise NotImplementedError

    def __add__(self, other):
        if isinstance(other, Composed):
            return Composed([self]) + other
        if isinstance(other, Composable):
            return Composed([self, other])
        return NotImplemented

    def __mul__(self, n):
        return Composed([self] * n)

    def __eq__(self, other):
        # Only objects of the very same class are equal: SQL('x') and
        # Literal('x') render differently, so they are different queries.
        return type(self) is type(other) and self._wrapped == other._wrapped

    def __ne__(self, other):
        return not self.__eq__(other)


class Composed(Composable):
    """A sequence of `Composable` objects, rendered one after the other.

    Usually made by `SQL.format()`, `SQL.join()` or by adding composables.
    Iterating over it yields its parts.
    """

    def __init__(self, seq):
        parts = []
        for item in seq:
            if not isinstance(item, Composable):
                raise TypeError(
                    f"Composed elements must be Composable, got {item!r} instead")
            parts.append(item)
        super().__init__(parts)

    @property
    def seq(self):
        """A copy of the list of parts."""
        return list(self._wrapped)

    def as_string(self, context):
        return "".join(part.as_string(context) for part in self._wrapped)

    def __iter__(self):
        return iter(self._wrapped)

    def __add__(self, other):
        if isinstance(other, Composed):
            return Composed(self._wrapped + other._wrapped)
        if isinstance(other, Composable):
            return Composed(self._wrapped + [other])
        return NotImplemented

    def join(self, joiner):
        """Return a new `Composed` with `joiner` between the parts.

        `joiner` is a string (taken as `SQL`) or an `SQL` object.
        """
        if isinstance(joiner, str):
            joiner = SQL(joiner)
        elif not isinstance(joiner, SQL):
            raise TypeError(
                "Composed.join() argument must be a string or an SQL")
        return joiner.join(self._wrapped)


class SQL(Composable):
    """A snippet of SQL text, rendered verbatim (never quoted).

    Only for trusted text: use `Identifier` and `Literal` for anything that
    comes from outside.  `format()` fills ``{}`` fields with composables.
    """

    def __init__(self, string):
        if not isinstance(string, str):
            raise TypeError("SQL values must be strings")
        super().__init__(string)

    @property
    def string(self):
        """The wrapped string."""
        return self._wrapped

    def as_string(self, context):
        return self._wrapped

    def format(self, *args, **kwargs):
        """Fill the fields of this text with composables: a `Composed`.

        Fields are ``{}`` (automatic numbering), ``{0}`` (position) or
        ``{name}`` (keyword); ``{{`` and ``}}`` stand for literal braces.
        Conversions (``!r``) and format specs (``:x``) are not supported.
        """
        parts = []
        numbering = _FieldNumbering()
        for text, field, spec, conversion in _formatter.parse(self._wrapped):
            if spec:
                raise ValueError("no format specification supported by SQL")
            if conversion:
                raise ValueError("no format conversion supported by SQL")
            if text:
                parts.append(SQL(text))
            if field is None:
                continue
            parts.append(numbering.lookup(field, args, kwargs))
        return Composed(parts)

    def join(self, seq):
        """Return a `Composed` of the items of `seq` separated by this text."""
        parts = []
        for item in seq:
            if parts:
                parts.append(self)
            parts.append(item)
        return Composed(parts)


class _FieldNumbering:
    """Resolves format fields to arguments, as str.format() does.

    A format string may number its fields automatically (``{}``) or by hand
    (``{0}``) but not both; named fields mix freely with either.
    """

    def __init__(self):
        self.next_auto = 0  # becomes None once a manual number is seen

    def lookup(self, field, args, kwargs):
        if field == "":
            return args[self._auto_index()]
        if field.isdigit():
            return args[self._manual_index(field)]
        # no attribute or item access: the whole field is a keyword
        return kwargs[field]

    def _auto_index(self):
        if self.next_auto is None:
            raise ValueError(
                "cannot switch from manual field numbering to automatic")
        index = self.next_auto
        self.next_auto += 1
        return index

    def _manual_index(self, field):
        if self.next_auto:
            raise ValueError(
                "cannot switch from automatic field numbering to manual")
        self.next_auto = None
        return int(field)


class Identifier(Composable):
    """An SQL identifier (table, column, ...), quoted as needed.

    Several strings make a qualified name: ``Identifier('s', 't')`` renders
    as ``"s"."t"``, each part quoted on its own.
    """

    def __init__(self, *strings):
        if not strings:
            raise TypeError("Identifier cannot be empty")
        for part in strings:
            if not isinstance(part, str):
                raise TypeError("SQL identifier parts must be strings")
        super().__init__(strings)

    @property
    def strings(self):
        """The tuple of the wrapped strings."""
        return self._wrapped

    @property
    def string(self):
        """The wrapped string, when there is only one."""
        if len(self._wrapped) != 1:
            # (sic) psycopg2's message, kept for compatibility
            raise AttributeError(
                "the Identifier wraps more than one than one string")
        return self._wrapped[0]

    def __repr__(self):
        return f"{self.__class__.__name__}({', '.join(map(repr, self._wrapped))})"

    def as_string(self, context):
        return ".".join(ext.quote_ident(part, context) for part in self._wrapped)


class Literal(Composable):
    """A Python value rendered as an SQL literal, by psycopg2's adapters.

    Rendered the way `cursor.execute()` would pass the value as a parameter.
    """

    @property
    def wrapped(self):
        """The wrapped object."""
        return self._wrapped

    def as_string(self, context):
        conn = _connection_of(context)
        adapted = ext.adapt(self._wrapped)
        # Adapters that depend on the connection (strings: encoding and
        # standard_conforming_strings) learn it through prepare().
        if hasattr(adapted, "prepare"):
            adapted.prepare(conn)
        quoted = adapted.getquoted()
        if isinstance(quoted, bytes):
            quoted = quoted.decode(ext.encodings[conn.encoding])
        return quoted


def _connection_of(context):
    """The connection behind `context` (a connection or a cursor)."""
    if isinstance(context, ext.connection):
        return context
    if isinstance(context, ext.cursor):
        return context.connection
    raise TypeError("context must be a connection or a cursor")


class Placeholder(Composable):
    """A query parameter marker: ``%s``, or ``%(name)s`` when named.

    The values are passed to `cursor.execute()` with the query.
    """

    def __init__(self, name=None):
        if isinstance(name, str):
            # ')' would end the %(name)s marker early
            if ")" in name:
                raise ValueError(f"invalid name: {name!r}")
        elif name is not None:
            raise TypeError(f"expected string or None as name, got {name!r}")
        super().__init__(name)

    @property
    def name(self):
        """The name of the placeholder, None if positional."""
        return self._wrapped

    def __repr__(self):
        if self._wrapped is None:
            return f"{self.__class__.__name__}()"
        return f"{self.__class__.__name__}({self._wrapped!r})"

    def as_string(self, context):
        if self._wrapped is None:
            return "%s"
        return f"%({self._wrapped})s"


# Keywords often wanted as query parts.
NULL = SQL("NULL")
DEFAULT = SQL("DEFAULT")
