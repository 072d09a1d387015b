"""Registering a typecaster for a type and its array in one call."""

from psycopg2._psycopg import new_array_type, new_type, register_type


def oid_pair(oids, default_oid, default_array_oid):
    """(type OID, array OID) from an argument that is None (the defaults),
    one OID (the default array OID), or a pair."""
    if oids is None:
        return default_oid, default_array_oid
    if isinstance(oids, int):
        return oids, default_array_oid
    oid, array_oid = oids
    return oid, array_oid


def register_with_array(oid, array_oid, names, cast, scope):
    """Register `cast` for `oid` and its array caster for `array_oid` on
    `scope` (a connection, a cursor, or None for global); returns the
    scalar caster. `names` is (scalar name, array name)."""
    caster = new_type((oid,), names[0], cast)
    register_type(caster, scope)
    register_type(new_array_type((array_oid,), names[1], caster), scope)
    return caster
