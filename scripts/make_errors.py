#!/usr/bin/env python3
"""Generate the SQLSTATE tables of psycopg2 from PostgreSQL's errcodes.txt.

Usage: python3 scripts/make_errors.py [PATH/TO/errcodes.txt]

Without an argument the file is looked up in `pg_config --sharedir`.
Writes, relative to the project root:

- psycopg/sqlstate_errors.h: the C table {sqlstate, class name, base class}
  used by the C module to create psycopg2.errors;
- lib/errorcodes.py: the psycopg2.errorcodes module.

Both outputs are committed: rerun this script when PostgreSQL adds codes.
"""

import os
import re
import subprocess
import sys
from collections import namedtuple

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

Code = namedtuple("Code", "sqlstate kind macro condition")

# Codes that PostgreSQL releases newer than the errcodes.txt at hand may
# send. They are merged in when missing so that psycopg2.errors has a class
# for them whichever server version the package was generated against.
LATER_CODES = [
    # (sqlstate, kind, condition name, section of a class not known yet)
    ("10608", "E", "invalid_argument_for_xquery", "Class 10 - XQuery Error"),
    ("25P04", "E", "transaction_timeout", None),
    ("58P03", "E", "file_name_too_long", None),
]

# Codes PostgreSQL no longer sends but psycopg2.errorcodes still names, so
# that code using the constants keeps importing. They get no error class.
RETIRED_CODES = [("22020", "E", "invalid_limit_value")]

# The DB-API classes: an error class with one of these names would hide it
# in psycopg2.errors, so it gets a trailing underscore (XX000).
DBAPI_NAMES = {
    "Warning", "Error", "InterfaceError", "DatabaseError", "DataError",
    "OperationalError", "IntegrityError", "InternalError", "ProgrammingError",
    "NotSupportedError", "QueryCanceledError", "TransactionRollbackError",
}

# DB-API base class of the errors of each SQLSTATE class; classes not listed
# derive from DatabaseError. Single codes can override their class.
CLASS_BASES = {
    "08": "OperationalError",
    "0A": "NotSupportedError",
    "20": "ProgrammingError",
    "21": "ProgrammingError",
    "22": "DataError",
    "23": "IntegrityError",
    "24": "InternalError",
    "25": "InternalError",
    "26": "OperationalError",
    "27": "OperationalError",
    "28": "OperationalError",
    "2B": "InternalError",
    "2D": "InternalError",
    "2F": "InternalError",
    "34": "OperationalError",
    "38": "InternalError",
    "39": "InternalError",
    "3B": "InternalError",
    "3D": "ProgrammingError",
    "3F": "ProgrammingError",
    "40": "TransactionRollbackError",
    "42": "ProgrammingError",
    "44": "ProgrammingError",
    "53": "OperationalError",
    "54": "OperationalError",
    "55": "OperationalError",
    "57": "OperationalError",
    "58": "OperationalError",
    "F0": "InternalError",
    "HV": "OperationalError",
    "P0": "InternalError",
    "XX": "InternalError",
}
CODE_BASES = {"57014": "QueryCanceledError"}
DEFAULT_BASE = "DatabaseError"


def find_errcodes():
    """Path of errcodes.txt of the PostgreSQL found by pg_config."""
    out = subprocess.run(
        ["pg_config", "--sharedir"], check=True, capture_output=True, text=True
    )
    return os.path.join(out.stdout.strip(), "errcodes.txt")


def parse(path):
    """Return (sections, codes): {class: description}, [Code] in file order."""
    sections = {}
    codes = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            m = re.match(r"Section: Class (\w\w) - (.*)$", line)
            if m:
                sections[m.group(1)] = m.group(2)
                continue
            fields = line.split()
            # Lines without a condition name are aliases of the line before
            # (another macro for the same code): they name no new error.
            if len(fields) == 4:
                codes.append(Code(*fields))
    return sections, codes


def add_later_codes(sections, codes):
    known = {c.sqlstate for c in codes}
    for sqlstate, kind, cond, section in LATER_CODES:
        if sqlstate in known:
            continue
        if section and sqlstate[:2] not in sections:
            sections[sqlstate[:2]] = section.split(" - ", 1)[1]
        codes.append(Code(sqlstate, kind, "ERRCODE_" + cond.upper(), cond))


def constant_name(text):
    """Upper-case identifier from a description: 'PL/pgSQL Error' -> PL_PGSQL_ERROR."""
    text = re.sub(r"\(.*?\)", "", text)
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_").upper()


def class_name(condition):
    """CamelCase class name of a condition: unique_violation -> UniqueViolation."""
    return "".join(word.capitalize() for word in condition.split("_"))


def base_of(sqlstate):
    if sqlstate in CODE_BASES:
        return CODE_BASES[sqlstate]
    return CLASS_BASES.get(sqlstate[:2], DEFAULT_BASE)


def error_classes(codes):
    """[(sqlstate, class name, base)] for every error code.

    Classes 00 (success) and 01 (warning) are not errors; class 02 (no
    data) is, though the SQL standard calls it a warning. A condition
    name used in two classes (SQL routine vs external routine exceptions)
    keeps the plain name for its first use, and 'Ext' for the later one.
    """
    out = []
    seen = set()
    for c in sorted(codes, key=lambda c: c.sqlstate):
        if c.sqlstate[:2] in ("00", "01"):
            continue
        name = class_name(c.condition)
        if name in seen:
            name += "Ext"
        elif name in DBAPI_NAMES:
            name += "_"
        seen.add(name)
        out.append((c.sqlstate, name, base_of(c.sqlstate)))
    return out


def code_constants(codes):
    """[(constant, sqlstate)] for errorcodes.py, sorted by code.

    When a condition name is used by several codes, every use but the last
    gets a trailing underscore so that each code has its own constant.
    """
    ordered = sorted(codes, key=lambda c: c.sqlstate)
    last = {}
    for c in ordered:
        last[c.condition] = c.sqlstate
    out = []
    for c in ordered:
        name = c.condition.upper()
        if last[c.condition] != c.sqlstate:
            name += "_"
        out.append((name, c.sqlstate))
    return out


def write_header(path, source, classes):
    lines = [
        "/* Generated by scripts/make_errors.py from %s: do not edit. */"
        % os.path.basename(source),
        "/* One row per SQLSTATE of an error: the psycopg2.errors class to",
        " * create and the psyco_state field holding its DB-API base class. */",
        "",
        "typedef struct {",
        "    const char *sqlstate;",
        "    const char *name;",
        "    size_t base;  /* offsetof(psyco_state_t, <base class>) */",
        "} sqlstate_error_t;",
        "",
        "#define SQLSTATE_BASE(f) offsetof(psyco_state_t, f)",
        "",
        "static const sqlstate_error_t sqlstate_errors_table[] = {",
    ]
    for sqlstate, name, base in classes:
        lines.append('    {"%s", "%s", SQLSTATE_BASE(%s)},' % (sqlstate, name, base))
    lines.append("    {NULL, NULL, 0}")
    lines.append("};")
    lines.append("")
    lines.append("/* Base class of unknown codes, by their two-character class. */")
    lines.append("static const struct {")
    lines.append("    char cls[3];")
    lines.append("    size_t base;")
    lines.append("} sqlstate_class_bases[] = {")
    for cls in sorted(CLASS_BASES):
        lines.append('    {"%s", SQLSTATE_BASE(%s)},' % (cls, CLASS_BASES[cls]))
    lines.append('    {"", 0}')
    lines.append("};")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


ERRORCODES_HEAD = '''\
# Generated by scripts/make_errors.py from {source}: do not edit.
"""Error codes for PostgreSQL

This module contains symbolic names for all PostgreSQL error codes.
"""


def lookup(code, _cache={{}}):
    """Lookup an error code or class code and return its symbolic name.

    Raise `KeyError` if the code is not found.
    """
    if not _cache:
        # Built on first use from the constants below. A name ending with
        # '_' only avoids a clash: the code is shown without it.
        for name, value in globals().items():
            if isinstance(value, str) and len(value) in (2, 5):
                _cache[value] = name.rstrip("_")
    return _cache[code]

'''


def write_errorcodes(path, source, sections, codes):
    out = [ERRORCODES_HEAD.format(source=os.path.basename(source))]
    out.append("\n# Error classes")
    for cls in sorted(sections):
        out.append("CLASS_%s = '%s'" % (constant_name(sections[cls]), cls))
    current = None
    known = {c.sqlstate for c in codes}
    retired = [Code(s, k, "", cond) for s, k, cond in RETIRED_CODES if s not in known]
    for name, sqlstate in code_constants(codes + retired):
        if sqlstate[:2] != current:
            current = sqlstate[:2]
            out.append("\n# %s" % re.sub(r"\s*\(.*?\)", "", sections[current]))
        out.append("%s = '%s'" % (name, sqlstate))
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def main(argv):
    source = argv[1] if len(argv) > 1 else find_errcodes()
    sections, codes = parse(source)
    add_later_codes(sections, codes)
    classes = error_classes(codes)
    write_header(os.path.join(ROOT, "psycopg", "sqlstate_errors.h"), source, classes)
    write_errorcodes(os.path.join(ROOT, "lib", "errorcodes.py"), source, sections, codes)
    print("%d codes, %d error classes" % (len(codes), len(classes)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
