"""Error classes for PostgreSQL error codes
"""

from psycopg2._psycopg import (  # noqa: F401 - DB-API classes, re-exported
    DataError,
    DatabaseError,
    Error,
    IntegrityError,
    InterfaceError,
    InternalError,
    NotSupportedError,
    OperationalError,
    ProgrammingError,
    QueryCanceledError,
    TransactionRollbackError,
    Warning,
)


def _export_classes():
    # The classes live in the C module, which creates one per SQLSTATE so
    # that it can raise them; this module gives each one its name.
    from psycopg2._psycopg import sqlstate_errors

    g = globals()
    for cls in sqlstate_errors.values():
        g[cls.__name__] = cls


_export_classes()
del _export_classes


def lookup(code):
    """Lookup an error code and return its exception class.

    Raise `!KeyError` if the code is not found.
    """
    from psycopg2._psycopg import sqlstate_errors

    return sqlstate_errors[code]
