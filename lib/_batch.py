"""Fast execution of one statement over many parameter sets.

`execute_batch` sends the statement once per parameter set but packs a
page of them, separated by ``;``, into one round trip.  `execute_values`
expands a single ``%s`` of the statement into a ``VALUES`` list holding a
page of rows, so a page costs one statement.  Both are re-exported by
`psycopg2.extras`.
"""

import re

from psycopg2 import extensions as _ext
from psycopg2.sql import Composable

# One escape sequence of the query language: "%" and the following byte.
_escape_sequence = re.compile(rb"%.", re.DOTALL)


def _pages(argslist, page_size):
    """Yield lists of at most `page_size` items taken from `argslist`.

    A `page_size` below 1 gives empty pages forever, as in psycopg2.
    """
    items = iter(argslist)
    while True:
        page = []
        for _ in range(page_size):
            try:
                page.append(next(items))
            except StopIteration:
                if page:
                    yield page
                return
        yield page


def execute_batch(cur, sql, argslist, page_size=100):
    """Run `sql` once per item of `argslist`, `page_size` runs per round trip.

    The statements of a page are merged with ``;`` into one query: after the
    call `cur` holds the results (and ``rowcount``) of the last statement.
    """
    for page in _pages(argslist, page_size):
        statements = [cur.mogrify(sql, args) for args in page]
        cur.execute(b";".join(statements))


def execute_values(cur, sql, argslist, template=None, page_size=100,
                   fetch=False):
    """Run `sql`, its single ``%s`` replaced by a ``VALUES`` list of rows.

    Each item of `argslist` is merged into `template` (default: one ``%s``
    per field of the first item, in parentheses); a query carries at most
    `page_size` rows.  With `fetch` the rows returned by every page (e.g. by
    ``RETURNING``) are collected and returned as a list.
    """
    before, after = _split_sql(_query_bytes(cur, sql))
    fetched = [] if fetch else None
    for page in _pages(argslist, page_size):
        if template is None:
            template = _default_template(page[0])
        values = _values_list(cur, _query_bytes(cur, template), page)
        cur.execute(b"".join(before + [values] + after))
        if fetch:
            fetched.extend(cur.fetchall())
    return fetched


def _query_bytes(cur, query):
    """`query` (str, bytes or sql.Composable) as bytes in `cur`'s encoding."""
    if isinstance(query, Composable):
        query = query.as_string(cur)
    if isinstance(query, str):
        query = query.encode(_ext.encodings[cur.connection.encoding])
    return query


def _default_template(first_row):
    """``(%s,%s,...)`` with as many placeholders as `first_row` has fields."""
    return "(" + ",".join(["%s"] * len(first_row)) + ")"


def _values_list(cur, template, page):
    """The rows of `page` merged into `template`, separated by commas."""
    return b",".join(cur.mogrify(template, row) for row in page)


def _split_sql(sql):
    """Split bytes `sql` around its only ``%s`` placeholder.

    Returns two lists of byte strings, the text before and after the
    placeholder, with each ``%%`` already turned into ``%``.  ValueError if
    the placeholder is missing or repeated, or for any other ``%`` escape.
    """
    parts = _escape_sequence.split(sql)
    escapes = _escape_sequence.findall(sql)
    before, after = [parts[0]], None
    for escape, text in zip(escapes, parts[1:]):
        current = before if after is None else after
        if escape == b"%%":
            current.append(b"%")
        elif escape == b"%s":
            if after is not None:
                raise ValueError(
                    "the query contains more than one '%s' placeholder")
            after = []
        else:
            raise ValueError("unsupported format character: '%s'"
                             % escape[1:].decode("ascii", "replace"))
        (before if after is None else after).append(text)
    if after is None:
        raise ValueError("the query doesn't contain any '%s' placeholder")
    return before, after
