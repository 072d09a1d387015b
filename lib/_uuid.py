"""uuid support: `uuid.UUID` objects to and from PostgreSQL's uuid type.

Nothing is active until `register_uuid()` is called (psycopg2 behaviour).
"""

import uuid

from psycopg2._psycopg import (
    ISQLQuote, adapters, new_array_type, new_type, register_type)

UUID_OID = 2950
UUIDARRAY_OID = 2951


class UUID_adapter:
    """Adapt a `uuid.UUID` to a ``'...'::uuid`` literal."""

    __module__ = "psycopg2.extras"  # where psycopg2 users find it

    def __init__(self, uuid):
        self._uuid = uuid

    def __conform__(self, proto):
        if proto is ISQLQuote:
            return self
        return None

    def getquoted(self):
        return f"'{self._uuid}'::uuid".encode("utf8")

    def __str__(self):
        return f"'{self._uuid}'::uuid"


def _cast_uuid(value, cur):
    """uuid text from the server -> uuid.UUID (None for NULL or '')."""
    if not value:
        return None
    return uuid.UUID(value)


def register_uuid(oids=None, conn_or_curs=None):
    """Send `uuid.UUID` objects as uuid; read uuid and uuid[] as UUIDs.

    `oids` is the uuid type OID, or a pair (uuid OID, uuid[] OID); the
    built-in OIDs by default.  The typecasters go on `conn_or_curs`, or
    globally when it is None; the adapter is always global.  Returns the
    uuid typecaster.
    """
    oid, array_oid = _uuid_oids(oids)
    caster = new_type((oid,), "UUID", _cast_uuid)
    array_caster = new_array_type((array_oid,), "UUID[]", caster)
    register_type(caster, conn_or_curs)
    register_type(array_caster, conn_or_curs)
    adapters[(uuid.UUID, ISQLQuote)] = UUID_adapter
    return caster


def _uuid_oids(oids):
    """(uuid OID, uuid[] OID) from register_uuid's `oids` argument."""
    if oids is None:
        return UUID_OID, UUIDARRAY_OID
    if isinstance(oids, int):
        return oids, UUIDARRAY_OID
    oid, array_oid = oids
    return oid, array_oid
