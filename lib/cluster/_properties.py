"""Smart-driver connection properties: parse, validate, strip.

The five YugabyteDB properties may come from a key/value DSN, from the
query string of a `postgresql://` URL, or from keyword arguments (which
override the DSN, as in psycopg2). libpq does not know them, so they are
always removed before the DSN reaches it; nothing else in the DSN changes.

A bad value raises `PropertyError`. This module must not import the C
module, so the connect layer converts `PropertyError` into
`psycopg2.ProgrammingError`.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ._topology import TopologyKeys, parse_topology_keys


class PropertyError(ValueError):
    """A smart-driver property has a bad value; the message names both."""


class LoadBalance(enum.Enum):
    """The `load_balance` modes; DISABLED means plain libpq connects."""

    DISABLED = "false"
    ANY = "any"
    ONLY_PRIMARY = "only-primary"
    ONLY_RR = "only-rr"
    PREFER_PRIMARY = "prefer-primary"
    PREFER_RR = "prefer-rr"


@dataclass(frozen=True)
class ClusterSettings:
    """The validated smart-driver settings of one connect call."""

    load_balance: LoadBalance = LoadBalance.DISABLED
    topology_keys: TopologyKeys | None = None
    refresh_interval: int = 300
    failed_host_ttl: int = 5
    fallback_to_topology_keys_only: bool = False

    @property
    def enabled(self) -> bool:
        return self.load_balance is not LoadBalance.DISABLED


@dataclass(frozen=True)
class ConnectArgs:
    """A connect call split in two: our settings, and what libpq gets.

    `dsn` and `kwargs` are the caller's, minus every smart-driver property.
    They may hold a password, so they stay out of the repr.
    """

    settings: ClusterSettings
    dsn: str | None = field(repr=False)
    kwargs: Mapping[str, Any] = field(repr=False)


# ---------------------------------------------------------------- values

_MODE_WORDS = {
    "true": LoadBalance.ANY,
    "any": LoadBalance.ANY,
    "false": LoadBalance.DISABLED,
    "only-primary": LoadBalance.ONLY_PRIMARY,
    "only-rr": LoadBalance.ONLY_RR,
    "prefer-primary": LoadBalance.PREFER_PRIMARY,
    "prefer-rr": LoadBalance.PREFER_RR,
}
_DIGITS = re.compile(r"[0-9]+")


def _bad(name: str, value: Any, expected: str) -> PropertyError:
    return PropertyError(f"invalid value for {name}: {value!r} (expected {expected})")


def _parse_mode(name: str, value: Any) -> LoadBalance:
    if isinstance(value, bool):
        return LoadBalance.ANY if value else LoadBalance.DISABLED
    if isinstance(value, str) and value.lower() in _MODE_WORDS:
        return _MODE_WORDS[value.lower()]
    raise _bad(name, value, "true, any, only-primary, only-rr, prefer-primary, "
                            "prefer-rr or false")


def _parse_bool(name: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise _bad(name, value, "true or false")


def _seconds_parser(maximum: int) -> Callable[[str, Any], int]:
    def parse(name: str, value: Any) -> int:
        # bool is an int subclass, but `True` seconds is surely a mistake
        if isinstance(value, int) and not isinstance(value, bool):
            seconds = value
        elif isinstance(value, str) and _DIGITS.fullmatch(value):
            seconds = int(value)
        else:
            seconds = -1
        if not 0 <= seconds <= maximum:
            raise _bad(name, value, f"an integer number of seconds from 0 to {maximum}")
        return seconds

    return parse


def _parse_topology(name: str, value: Any) -> TopologyKeys | None:
    if not isinstance(value, str):
        raise _bad(name, value, "a string like cloud.region.zone:1")
    if not value.strip():
        return None  # an empty value means "no topology keys", as in libpq
    try:
        return parse_topology_keys(value)
    except ValueError as e:
        raise PropertyError(f"invalid value for {name}: {value!r} ({e})") from None


# property name as the user spells it -> (settings field, parser)
_PROPERTIES: dict[str, tuple[str, Callable[[str, Any], Any]]] = {
    "load_balance": ("load_balance", _parse_mode),
    "topology_keys": ("topology_keys", _parse_topology),
    "yb_servers_refresh_interval": ("refresh_interval", _seconds_parser(600)),
    "failed_host_ttl_seconds": ("failed_host_ttl", _seconds_parser(60)),
    "failed_host_reconnect_delay_secs": ("failed_host_ttl", _seconds_parser(60)),
    "fallback_to_topology_keys_only": ("fallback_to_topology_keys_only", _parse_bool),
}
PROPERTY_NAMES = frozenset(_PROPERTIES)


def is_property(name: str) -> bool:
    """Is `name` a smart-driver property (which libpq must not see)?"""
    return name in _PROPERTIES


# ---------------------------------------------------------------- entry point


def split_connect_args(dsn: str | None, kwargs: Mapping[str, Any] | None = None) -> ConnectArgs:
    """Take the smart-driver properties out of a connect call.

    Every occurrence is validated, even one a later occurrence overrides:
    a bad value is a bug in the caller's configuration either way. Later
    occurrences win (libpq's rule for repeated keys), and keywords come
    after the DSN. A keyword set to None counts as absent, as in psycopg2.
    """
    found: list[tuple[str, Any]] = []
    libpq_dsn = dsn
    if isinstance(dsn, str):
        libpq_dsn, found = _strip_dsn(dsn)
    libpq_kwargs: dict[str, Any] = {}
    for name, value in (kwargs or {}).items():
        if not is_property(name):
            libpq_kwargs[name] = value
        elif value is not None:
            found.append((name, value))
    return ConnectArgs(_settings_from(found), libpq_dsn, libpq_kwargs)


def _settings_from(found: list[tuple[str, Any]]) -> ClusterSettings:
    fields: dict[str, Any] = {}
    for name, value in found:
        field_name, parse = _PROPERTIES[name]
        fields[field_name] = parse(name, value)
    return ClusterSettings(**fields)


def _strip_dsn(dsn: str) -> tuple[str, list[tuple[str, Any]]]:
    """(DSN without our properties, our (name, value) pairs in order).

    A DSN that libpq would reject is returned untouched, properties and
    all, so that libpq reports its own error about it.
    """
    if _url_prefix_length(dsn):
        return _strip_url(dsn)
    return _strip_keyword_dsn(dsn)


# ---------------------------------------------------------------- key/value DSN

# libpq splits on C isspace(), not on Unicode whitespace
_SPACE = " \t\n\r\v\f"


@dataclass(frozen=True)
class _Token:
    name: str
    value: str = field(repr=False)  # may be a password
    start: int  # index of the name's first character
    end: int  # index just past the value (closing quote included)


class _MalformedDsn(Exception):
    pass


def _strip_keyword_dsn(dsn: str) -> tuple[str, list[tuple[str, Any]]]:
    try:
        tokens = list(_tokenize(dsn))
    except _MalformedDsn:
        return dsn, []
    ours = [(t.name, t.value) for t in tokens if is_property(t.name)]
    if not ours:
        return dsn, []
    return _join_kept_tokens(dsn, tokens), ours


def _join_kept_tokens(dsn: str, tokens: list[_Token]) -> str:
    """Rebuild the DSN without our properties, other tokens byte for byte.

    A kept token keeps the whitespace that preceded it in the DSN; the
    first kept token takes the DSN's leading whitespace instead.
    """
    parts = [dsn[: tokens[0].start]]
    previous_end = 0
    for token in tokens:
        gap = dsn[previous_end: token.start]
        previous_end = token.end
        if is_property(token.name):
            continue
        if len(parts) > 1:
            # `a='x'b=1` needs no space, but once what stood between the
            # quote and `b` is gone, two tokens must not be glued together
            parts.append(gap or " ")
        parts.append(dsn[token.start: token.end])
    parts.append(dsn[tokens[-1].end:])
    return "".join(parts)


def _tokenize(dsn: str) -> Iterator[_Token]:
    """Yield the `name=value` pairs of a libpq key/value connection string.

    Follows libpq's grammar: whitespace is allowed around `=`; a value is
    either single-quoted or runs to the next whitespace; in both forms a
    backslash makes the next character literal.
    """
    pos = 0
    while True:
        pos = _skip_space(dsn, pos)
        if pos == len(dsn):
            return
        start = pos
        while pos < len(dsn) and dsn[pos] != "=" and dsn[pos] not in _SPACE:
            pos += 1
        name = dsn[start:pos]
        pos = _skip_space(dsn, pos)
        if pos == len(dsn) or dsn[pos] != "=":
            raise _MalformedDsn("missing '=' after a keyword")
        pos = _skip_space(dsn, pos + 1)
        if pos < len(dsn) and dsn[pos] == "'":
            value, pos = _read_quoted(dsn, pos + 1)
        else:
            value, pos = _read_bare(dsn, pos)
        yield _Token(name, value, start, pos)


def _skip_space(dsn: str, pos: int) -> int:
    while pos < len(dsn) and dsn[pos] in _SPACE:
        pos += 1
    return pos


def _read_bare(dsn: str, pos: int) -> tuple[str, int]:
    chars: list[str] = []
    while pos < len(dsn) and dsn[pos] not in _SPACE:
        if dsn[pos] == "\\":
            pos += 1
            if pos == len(dsn):
                break  # libpq ignores a trailing lone backslash
        chars.append(dsn[pos])
        pos += 1
    return "".join(chars), pos


def _read_quoted(dsn: str, pos: int) -> tuple[str, int]:
    chars: list[str] = []
    while pos < len(dsn):
        char = dsn[pos]
        if char == "'":
            return "".join(chars), pos + 1
        if char == "\\":
            pos += 1
            if pos == len(dsn):
                break
            char = dsn[pos]
        chars.append(char)
        pos += 1
    raise _MalformedDsn("unterminated quoted string")


# ---------------------------------------------------------------- URL DSN

_URL_PREFIXES = ("postgresql://", "postgres://")  # case-sensitive, as in libpq
_PERCENT = re.compile(r"%(..)", re.DOTALL)
_HEX2 = re.compile(r"[0-9A-Fa-f]{2}")


def _url_prefix_length(dsn: str) -> int:
    for prefix in _URL_PREFIXES:
        if dsn.startswith(prefix):
            return len(prefix)
    return 0


def _query_start(url: str) -> int:
    """Index of the `?` that starts the query string, or -1.

    As libpq does: an `@` met before any `/` ends the user credentials
    (which may contain a `?`); the query starts at the first `?` after them.
    """
    after_prefix = _url_prefix_length(url)
    credentials_end = after_prefix
    for pos in range(after_prefix, len(url)):
        if url[pos] == "/":
            break
        if url[pos] == "@":
            credentials_end = pos + 1
            break
    return url.find("?", credentials_end)


def _strip_url(url: str) -> tuple[str, list[tuple[str, Any]]]:
    question = _query_start(url)
    if question < 0:
        return url, []
    query = url[question + 1:]
    pieces = query.split("&")
    if query.endswith("&"):
        pieces.pop()  # libpq accepts one trailing separator
    try:
        params = [_decode_param(piece) for piece in pieces] if query else []
    except _MalformedDsn:
        return url, []
    ours = [(name, value) for name, value in params if is_property(name)]
    if not ours:
        return url, []
    kept = [piece for piece, (name, _) in zip(pieces, params) if not is_property(name)]
    if not kept:
        return url[:question], ours
    return url[: question + 1] + "&".join(kept), ours


def _decode_param(piece: str) -> tuple[str, str]:
    name, equals, value = piece.partition("=")
    if not equals or "=" in value:
        raise _MalformedDsn("a query parameter needs exactly one '='")
    return _percent_decode(name), _percent_decode(value)


def _percent_decode(text: str) -> str:
    """Decode %XX escapes as libpq does (`+` stays a plus sign).

    Invalid UTF-8 becomes U+FFFD: such a value then fails validation with
    a readable message rather than a UnicodeDecodeError.
    """
    if "%" not in text:
        return text
    data = bytearray()
    pos = 0
    for match in _PERCENT.finditer(text):
        hex_digits = match.group(1)
        if not _HEX2.fullmatch(hex_digits) or hex_digits == "00":
            raise _MalformedDsn("invalid percent-encoded token")
        data += text[pos: match.start()].encode()
        data.append(int(hex_digits, 16))
        pos = match.end()
    if "%" in text[pos:]:
        raise _MalformedDsn("incomplete percent-encoded token")
    data += text[pos:].encode()
    return data.decode("utf-8", errors="replace")
