"""uuid support: `uuid.UUID` objects to and from PostgreSQL's uuid type.

Nothing is active until `register_uuid()` is called (psycopg2 behaviour).
"""

import uuid

from psycopg2._casters import oid_pair, register_with_array
from psycopg2._psycopg import ISQLQuote, adapters

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
    oid, array_oid = oid_pair(oids, UUID_OID, UUIDARRAY_OID)
    caster = register_with_array(oid, array_oid, ("UUID", "UUID[]"),
                                 _cast_uuid, conn_or_curs)
    adapters[(uuid.UUID, ISQLQuote)] = UUID_adapter
    return caster

