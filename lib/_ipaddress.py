"""Python's `ipaddress` objects to and from PostgreSQL inet and cidr.

After `register_ipaddress()`: inet values are read as `ip_interface`
objects, cidr values as `ip_network` objects (arrays of both too), and
interface and network objects are sent as string literals.
"""

import ipaddress

from psycopg2._psycopg import (
    ISQLQuote, QuotedString, adapters, new_array_type, new_type,
    register_type)

INET_OID, INETARRAY_OID = 869, 1041
CIDR_OID, CIDRARRAY_OID = 650, 651

# The four typecasters, made on first use and shared by every registration.
_casters = None


def cast_interface(s, cur=None):
    """inet text -> IPv4Interface / IPv6Interface (None for NULL)."""
    if s is None:
        return None
    return ipaddress.ip_interface(str(s))


def cast_network(s, cur=None):
    """cidr text -> IPv4Network / IPv6Network (None for NULL)."""
    if s is None:
        return None
    return ipaddress.ip_network(str(s))


def adapt_ipaddress(obj):
    """Adapt an ipaddress object as the string literal of its text."""
    return QuotedString(str(obj))


def register_ipaddress(conn_or_curs=None):
    """Use the `ipaddress` types for inet and cidr values.

    The typecasters go on `conn_or_curs`, or globally when it is None; the
    adapters of the interface and network classes are always global.
    """
    for caster in _typecasters():
        register_type(caster, conn_or_curs)
    for cls in (ipaddress.IPv4Interface, ipaddress.IPv6Interface,
                ipaddress.IPv4Network, ipaddress.IPv6Network):
        adapters[(cls, ISQLQuote)] = adapt_ipaddress


def _typecasters():
    """The INET, INET[], CIDR, CIDR[] typecasters (created once)."""
    global _casters
    if _casters is None:
        inet = new_type((INET_OID,), "INET", cast_interface)
        cidr = new_type((CIDR_OID,), "CIDR", cast_network)
        _casters = [inet, new_array_type((INETARRAY_OID,), "INET[]", inet),
                    cidr, new_array_type((CIDRARRAY_OID,), "CIDR[]", cidr)]
    return _casters
