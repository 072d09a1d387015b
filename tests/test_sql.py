"""psycopg2.sql: composing queries from SQL text, identifiers and values."""

import datetime

import pytest

import psycopg2
from psycopg2 import sql
from psycopg2.extensions import register_adapter


# --- SQL ---------------------------------------------------------------------

def test_sql_renders_verbatim(conn):
    snippet = sql.SQL("select 'it''s' -- %s {}")
    assert snippet.as_string(conn) == "select 'it''s' -- %s {}"
    assert snippet.string == "select 'it''s' -- %s {}"
    assert repr(snippet) == "SQL(\"select 'it''s' -- %s {}\")"


@pytest.mark.parametrize("value", [1, b"select", None, ["x"]])
def test_sql_wants_a_string(value):
    with pytest.raises(TypeError, match="^SQL values must be strings$"):
        sql.SQL(value)


def test_sql_needs_no_real_context():
    # plain text needs nothing from the context
    assert sql.SQL("x").as_string(None) == "x"


def test_null_and_default(conn):
    assert sql.NULL == sql.SQL("NULL")
    assert sql.DEFAULT == sql.SQL("DEFAULT")
    assert repr(sql.NULL) == "SQL('NULL')"
    query = sql.SQL("select {}, {}").format(sql.NULL, sql.Literal(None))
    assert query.as_string(conn) == "select NULL, NULL"


# --- SQL.format --------------------------------------------------------------

def test_format_automatic_numbering(conn):
    query = sql.SQL("select {} from {}").format(
        sql.Identifier("c"), sql.Identifier("t"))
    assert isinstance(query, sql.Composed)
    assert query.as_string(conn) == 'select "c" from "t"'


def test_format_parts():
    query = sql.SQL("a {} b").format(sql.SQL("x"))
    assert query.seq == [sql.SQL("a "), sql.SQL("x"), sql.SQL(" b")]


def test_format_manual_numbering_repeats(conn):
    query = sql.SQL("{1} {0} {1}").format(sql.Literal(1), sql.Literal("a"))
    assert query.as_string(conn) == "'a' 1 'a'"


def test_format_named(conn):
    query = sql.SQL("select {col} from {tab} where {col} = {val}").format(
        col=sql.Identifier("c"), tab=sql.Identifier("s", "t"),
        val=sql.Literal(3))
    assert query.as_string(conn) == 'select "c" from "s"."t" where "c" = 3'


def test_format_named_mixes_with_numbered(conn):
    query = sql.SQL("{} {x} {}").format(sql.SQL("a"), sql.SQL("b"), x=sql.SQL("n"))
    assert query.as_string(conn) == "a n b"
    query = sql.SQL("{0} {x} {0}").format(sql.SQL("a"), x=sql.SQL("n"))
    assert query.as_string(conn) == "a n a"


def test_format_escaped_braces(conn):
    query = sql.SQL("{{}} {} {{x}}").format(sql.Literal(1))
    assert query.as_string(conn) == "{} 1 {x}"
    assert sql.SQL("{{").format() == sql.Composed([sql.SQL("{")])


def test_format_keeps_percent_signs(conn):
    # % in SQL text stays: it is cursor.execute() that interprets it
    query = sql.SQL("select {} % 2, %s").format(sql.Literal(7))
    assert query.as_string(conn) == "select 7 % 2, %s"


def test_format_empty_string():
    assert sql.SQL("").format() == sql.Composed([])


def test_format_ignores_unused_arguments(conn):
    query = sql.SQL("select 1").format(1, "not composable", x=None)
    assert query.as_string(conn) == "select 1"


def test_format_of_composed_nests():
    inner = sql.Composed([sql.SQL("a"), sql.SQL("b")])
    assert sql.SQL("{}").format(inner) == sql.Composed([inner])


@pytest.mark.parametrize("arg", [1, "x", None])
def test_format_wants_composables(arg):
    expected = f"^Composed elements must be Composable, got {arg!r} instead$"
    with pytest.raises(TypeError, match=expected):
        sql.SQL("select {}").format(arg)


@pytest.mark.parametrize("template, args, kwargs, error, message", [
    ("{} {}", (sql.SQL("a"),), {}, IndexError, "tuple index out of range"),
    ("{1}", (sql.SQL("a"),), {}, IndexError, "tuple index out of range"),
    ("{0}", (), {"x": sql.SQL("a")}, IndexError, "tuple index out of range"),
    ("{x} {y}", (), {"x": sql.SQL("a")}, KeyError, "'y'"),
    # no attribute or item access: the whole field is a name
    ("{x.y}", (), {"x": sql.SQL("a")}, KeyError, "'x.y'"),
    ("{0[1]}", (sql.SQL("a"),), {}, KeyError, "'0[1]'"),
    ("{-1}", (sql.SQL("a"),), {}, KeyError, "'-1'"),
    ("{0} {}", (sql.SQL("a"), sql.SQL("b")), {}, ValueError,
     "cannot switch from manual field numbering to automatic"),
    ("{} {0}", (sql.SQL("a"), sql.SQL("b")), {}, ValueError,
     "cannot switch from automatic field numbering to manual"),
    ("{x!r}", (), {"x": sql.SQL("a")}, ValueError,
     "no format conversion supported by SQL"),
    ("{x:>3}", (), {"x": sql.SQL("a")}, ValueError,
     "no format specification supported by SQL"),
    ("{x!r:3}", (), {"x": sql.SQL("a")}, ValueError,
     "no format specification supported by SQL"),
    ("select {", (), {}, ValueError, "Single '{' encountered in format string"),
    ("select }", (), {}, ValueError, "Single '}' encountered in format string"),
])
def test_format_errors(template, args, kwargs, error, message):
    with pytest.raises(error) as excinfo:
        sql.SQL(template).format(*args, **kwargs)
    assert str(excinfo.value) == message


def test_format_empty_spec_is_allowed():
    assert sql.SQL("{x:}").format(x=sql.SQL("a")) == sql.Composed([sql.SQL("a")])


def test_format_numbers_may_have_leading_zeros():
    assert sql.SQL("{00}").format(sql.SQL("q")) == sql.Composed([sql.SQL("q")])


# --- SQL.join and Composed.join ------------------------------------------------

def test_sql_join(conn):
    fields = sql.SQL(", ").join(sql.Identifier(n) for n in ["a", "b", "c"])
    assert fields.as_string(conn) == '"a", "b", "c"'
    assert fields.seq[1] == sql.SQL(", ")


def test_sql_join_short_sequences():
    comma = sql.SQL(", ")
    assert comma.join([]) == sql.Composed([])
    assert comma.join([sql.Literal(1)]) == sql.Composed([sql.Literal(1)])


def test_sql_join_iterates_a_composed(conn):
    parts = sql.Composed([sql.Identifier("a"), sql.Identifier("b")])
    assert sql.SQL(" + ").join(parts).as_string(conn) == '"a" + "b"'


def test_sql_join_errors():
    with pytest.raises(TypeError, match="got 'a' instead"):
        sql.SQL(", ").join(["a"])
    with pytest.raises(TypeError, match="'int' object is not iterable"):
        sql.SQL(", ").join(1)


def test_composed_join(conn):
    names = sql.Composed([sql.Identifier("x"), sql.Literal("y")])
    assert names.join(", ").as_string(conn) == "\"x\", 'y'"
    assert names.join(sql.SQL(" and ")).as_string(conn) == "\"x\" and 'y'"


@pytest.mark.parametrize("joiner", [1, sql.Literal(","), sql.Identifier("a")])
def test_composed_join_wants_string_or_sql(joiner):
    with pytest.raises(TypeError) as excinfo:
        sql.Composed([sql.SQL("a")]).join(joiner)
    assert str(excinfo.value) == "Composed.join() argument must be a string or an SQL"


# --- Composed -------------------------------------------------------------------

def test_composed_renders_its_parts(conn):
    query = sql.Composed([sql.SQL("select "), sql.Literal("x"), sql.SQL(", "),
                          sql.Identifier("c")])
    assert query.as_string(conn) == "select 'x', \"c\""
    assert repr(query) == (
        "Composed([SQL('select '), Literal('x'), SQL(', '), Identifier('c')])")


def test_composed_iterates_and_copies_seq():
    parts = [sql.SQL("a"), sql.Literal(1)]
    query = sql.Composed(iter(parts))
    assert list(query) == parts
    query.seq.append(sql.SQL("more"))  # seq is a copy
    assert query.seq == parts


def test_empty_composed(conn):
    assert sql.Composed([]).as_string(conn) == ""


@pytest.mark.parametrize("seq, message", [
    (["a"], "Composed elements must be Composable, got 'a' instead"),
    ([sql.SQL("a"), 1], "Composed elements must be Composable, got 1 instead"),
    (sql.SQL("x"), "'SQL' object is not iterable"),
])
def test_composed_errors(seq, message):
    with pytest.raises(TypeError) as excinfo:
        sql.Composed(seq)
    assert str(excinfo.value) == message


# --- operators --------------------------------------------------------------------

def test_add_flattens():
    a, b, c = sql.SQL("a"), sql.Identifier("b"), sql.Literal("c")
    assert a + b == sql.Composed([a, b])
    assert a + sql.Composed([b, c]) == sql.Composed([a, b, c])
    assert sql.Composed([a, b]) + c == sql.Composed([a, b, c])
    assert sql.Composed([a]) + sql.Composed([b, c]) == sql.Composed([a, b, c])


def test_add_renders(conn):
    query = sql.SQL("select ") + sql.Literal(42) + sql.SQL(" as ") + sql.Identifier("n")
    assert query.as_string(conn) == 'select 42 as "n"'


@pytest.mark.parametrize("left, right, message", [
    (sql.SQL("a"), "b", "unsupported operand type(s) for +: 'SQL' and 'str'"),
    (sql.Composed([]), 1, "unsupported operand type(s) for +: 'Composed' and 'int'"),
    ("b", sql.SQL("a"), 'can only concatenate str (not "SQL") to str'),
])
def test_add_non_composable(left, right, message):
    with pytest.raises(TypeError) as excinfo:
        left + right
    assert str(excinfo.value) == message


def test_multiply(conn):
    assert sql.SQL("a") * 3 == sql.Composed([sql.SQL("a")] * 3)
    assert sql.SQL("a") * 0 == sql.Composed([])
    marks = sql.SQL(", ").join(sql.Placeholder() * 3)
    assert marks.as_string(conn) == "%s, %s, %s"
    # a Composed repeated nests, it does not flatten
    twice = sql.Composed([sql.SQL("a")]) * 2
    assert twice.seq == [sql.Composed([sql.SQL("a")])] * 2


def test_multiply_errors():
    with pytest.raises(TypeError, match="can't multiply sequence by non-int of type 'str'"):
        sql.SQL("a") * "x"
    with pytest.raises(TypeError, match=r"unsupported operand type\(s\) for \*"):
        3 * sql.SQL("a")


def test_equality():
    assert sql.SQL("a") == sql.SQL("a")
    assert sql.SQL("a") != sql.SQL("b")
    # same wrapped value, different kind: not the same query part
    assert sql.SQL("a") != sql.Literal("a")
    assert sql.SQL("a") != sql.Identifier("a")
    assert sql.SQL("a") != "a"
    assert sql.Identifier("a", "b") == sql.Identifier("a", "b")
    assert sql.Identifier("a", "b") != sql.Identifier("a.b")
    assert sql.Placeholder("x") == sql.Placeholder("x")
    assert sql.Placeholder() != sql.Placeholder("x")
    assert sql.Composed([sql.SQL("a")]) == sql.Composed([sql.SQL("a")])


def test_equality_requires_the_same_class():
    class MySQL(sql.SQL):
        pass
    assert MySQL("a") != sql.SQL("a")
    assert repr(MySQL("a")) == "MySQL('a')"


def test_composables_are_unhashable():
    with pytest.raises(TypeError, match="unhashable type: 'SQL'"):
        hash(sql.SQL("a"))


# --- Composable base -----------------------------------------------------------------

def test_composable_base_cannot_render(conn):
    base = sql.Composable(1)
    assert repr(base) == "Composable(1)"
    with pytest.raises(NotImplementedError):
        base.as_string(conn)


def test_composable_subclass(conn):
    class Upper(sql.Composable):
        def as_string(self, context):
            return self._wrapped.upper()

    query = sql.SQL("select {}").format(Upper("'x'"))
    assert query.as_string(conn) == "select 'X'"


# --- Identifier ----------------------------------------------------------------------

@pytest.mark.parametrize("strings, quoted", [
    (("table",), '"table"'),
    (("Mixed Case",), '"Mixed Case"'),
    (('a"b',), '"a""b"'),
    (("schema", "table"), '"schema"."table"'),
    (("a.b",), '"a.b"'),
    (("d", "s", "t"), '"d"."s"."t"'),
    (("ünïcode",), '"ünïcode"'),
])
def test_identifier_quoting(conn, strings, quoted):
    assert sql.Identifier(*strings).as_string(conn) == quoted


def test_identifier_attributes():
    single = sql.Identifier("a")
    assert single.string == "a"
    assert single.strings == ("a",)
    assert repr(single) == "Identifier('a')"
    qualified = sql.Identifier("s", "t")
    assert qualified.strings == ("s", "t")
    assert repr(qualified) == "Identifier('s', 't')"
    with pytest.raises(AttributeError) as excinfo:
        qualified.string
    assert str(excinfo.value) == "the Identifier wraps more than one than one string"


@pytest.mark.parametrize("strings, message", [
    ((), "Identifier cannot be empty"),
    ((1,), "SQL identifier parts must be strings"),
    (("a", None), "SQL identifier parts must be strings"),
    ((b"a",), "SQL identifier parts must be strings"),
])
def test_identifier_errors(strings, message):
    with pytest.raises(TypeError) as excinfo:
        sql.Identifier(*strings)
    assert str(excinfo.value) == message


def test_identifier_with_cursor_context(conn):
    assert sql.Identifier("s", "t").as_string(conn.cursor()) == '"s"."t"'


@pytest.mark.parametrize("context", [None, 1, "conn"])
def test_identifier_needs_connection_or_cursor(context):
    with pytest.raises(TypeError, match="argument 2 must be a connection or a cursor"):
        sql.Identifier("a").as_string(context)


def test_identifier_works_in_a_query(conn):
    cur = conn.cursor()
    cur.execute('create temp table "Odd ""Name""" ("select" int)')
    cur.execute(sql.SQL("insert into {} ({}) values (%s)").format(
        sql.Identifier('Odd "Name"'), sql.Identifier("select")), [7])
    cur.execute(sql.SQL("select {} from {}").format(
        sql.Identifier("select"), sql.Identifier("pg_temp", 'Odd "Name"')))
    assert cur.fetchall() == [(7,)]


def test_identifier_missing_column_is_a_server_error(conn):
    cur = conn.cursor()
    with pytest.raises(psycopg2.errors.UndefinedColumn):
        cur.execute(sql.SQL("select {}").format(sql.Identifier("nonexistent")))


# --- Literal -------------------------------------------------------------------------

@pytest.mark.parametrize("value, rendered", [
    (42, "42"),
    (1.5, "1.5"),
    (True, "true"),
    (None, "NULL"),
    ("it's", "'it''s'"),
    (b"ab", "'\\x6162'::bytea"),
    ([1, "x"], "ARRAY[1,'x']"),
    (datetime.date(2020, 1, 2), "'2020-01-02'::date"),
])
def test_literal_rendering(conn, value, rendered):
    assert sql.Literal(value).as_string(conn) == rendered


def test_literal_attributes():
    lit = sql.Literal("x")
    assert lit.wrapped == "x"
    assert repr(lit) == "Literal('x')"
    assert repr(sql.Literal([1])) == "Literal([1])"


def test_literal_with_cursor_context(conn):
    assert sql.Literal("a").as_string(conn.cursor()) == "'a'"


@pytest.mark.parametrize("context", [None, 1, "conn"])
def test_literal_needs_connection_or_cursor(context):
    with pytest.raises(TypeError) as excinfo:
        sql.Literal("a").as_string(context)
    assert str(excinfo.value) == "context must be a connection or a cursor"


def test_literal_unadaptable(conn):
    with pytest.raises(psycopg2.ProgrammingError, match="can't adapt type 'object'"):
        sql.Literal(object()).as_string(conn)


@pytest.mark.parametrize("encoding", ["UTF8", "LATIN1", "WIN1252"])
def test_literal_follows_connection_encoding(conn, encoding):
    conn.set_client_encoding(encoding)
    assert sql.Literal("café").as_string(conn) == "'café'"
    cur = conn.cursor()
    cur.execute(sql.SQL("select {}").format(sql.Literal("café")))
    assert cur.fetchone()[0] == "café"


class _Tagged:
    def __init__(self, tag):
        self.tag = tag


class _TaggedAdapter:
    """Adapter telling which connection prepare() gave it."""

    def __init__(self, obj):
        self.obj = obj
        self.conn = None

    def prepare(self, conn):
        self.conn = conn

    def getquoted(self):
        backend = self.conn.info.backend_pid if self.conn else "unprepared"
        return f"'{self.obj.tag}@{backend}'".encode()


class _Plain:
    pass


class _StrAdapter:
    """Adapter without prepare() whose getquoted() returns str."""

    def __init__(self, obj):
        pass

    def getquoted(self):
        return "'from str'"


def test_literal_prepares_adapter_with_the_connection(conn):
    register_adapter(_Tagged, _TaggedAdapter)
    pid = conn.info.backend_pid
    assert sql.Literal(_Tagged("t")).as_string(conn) == f"'t@{pid}'"
    # given a cursor, the adapter is prepared with its connection
    assert sql.Literal(_Tagged("c")).as_string(conn.cursor()) == f"'c@{pid}'"


def test_literal_adapter_returning_str(conn):
    register_adapter(_Plain, _StrAdapter)
    assert sql.Literal(_Plain()).as_string(conn) == "'from str'"


# --- Placeholder ---------------------------------------------------------------------

def test_placeholder_positional(conn):
    ph = sql.Placeholder()
    assert ph.name is None
    assert repr(ph) == "Placeholder()"
    assert ph.as_string(conn) == "%s"


@pytest.mark.parametrize("name", ["x", "a b", "a%b", "a(b", "it's", ""])
def test_placeholder_named(conn, name):
    ph = sql.Placeholder(name)
    assert ph.name == name
    assert repr(ph) == f"Placeholder({name!r})"
    assert ph.as_string(conn) == f"%({name})s"


def test_placeholder_needs_no_real_context():
    assert sql.Placeholder("a").as_string(None) == "%(a)s"


@pytest.mark.parametrize("name", ["a)b", ")", "a)"])
def test_placeholder_invalid_name(name):
    with pytest.raises(ValueError) as excinfo:
        sql.Placeholder(name)
    assert str(excinfo.value) == f"invalid name: {name!r}"


@pytest.mark.parametrize("name", [1, b"x", ["x"]])
def test_placeholder_name_type(name):
    with pytest.raises(TypeError) as excinfo:
        sql.Placeholder(name)
    assert str(excinfo.value) == f"expected string or None as name, got {name!r}"


# --- with the cursor -----------------------------------------------------------------

def test_execute_with_placeholders(conn):
    cur = conn.cursor()
    query = sql.SQL("select {}, {}").format(sql.Literal(1), sql.Placeholder())
    cur.execute(query, ["x"])
    assert cur.fetchall() == [(1, "x")]
    assert cur.query == b"select 1, 'x'"


def test_execute_with_named_placeholders(conn):
    cur = conn.cursor()
    names = ["a", "b"]
    query = sql.SQL("select {}").format(
        sql.SQL(", ").join(sql.Placeholder(n) for n in names))
    cur.execute(query, {"a": 10, "b": "z"})
    assert cur.fetchone() == (10, "z")


def test_executemany_with_composed(conn):
    cur = conn.cursor()
    cur.execute("create temp table many (x int, y text)")
    cols = [sql.Identifier("x"), sql.Identifier("y")]
    query = sql.SQL("insert into {} ({}) values ({})").format(
        sql.Identifier("many"), sql.SQL(", ").join(cols),
        sql.SQL(", ").join(sql.Placeholder() * len(cols)))
    cur.executemany(query, [(1, "a"), (2, "b")])
    cur.execute("select * from many order by x")
    assert cur.fetchall() == [(1, "a"), (2, "b")]


def test_named_cursor_with_composed(conn):
    cur = conn.cursor("composed_named")
    cur.execute(sql.SQL("select generate_series(1, {})").format(sql.Literal(3)))
    assert cur.fetchall() == [(1,), (2,), (3,)]


def test_execute_calls_as_string(conn):
    cur = conn.cursor()
    with pytest.raises(NotImplementedError):
        cur.execute(sql.Composable("select 1"))
    conn.rollback()
    with pytest.raises(psycopg2.ProgrammingError, match="can't adapt type 'object'"):
        cur.execute(sql.SQL("select {}").format(sql.Literal(object())))


def test_mogrify_with_composed(conn):
    cur = conn.cursor()
    query = sql.SQL("select {}").format(sql.Placeholder("a"))
    assert cur.mogrify(query, {"a": 3}) == b"select 3"
