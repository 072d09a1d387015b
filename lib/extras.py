"""psycopg2.extras: convenience cursors, batch helpers and extra types.

The implementations live in one module per job; this module gathers the
names psycopg2.extras has always exported.
"""

import json  # noqa: F401  (psycopg2.extras.json, as in psycopg2)
# Names psycopg2.extras happens to expose (its own imports); code in the
# wild imports them from here.
from collections import OrderedDict, namedtuple  # noqa: F401
from functools import lru_cache  # noqa: F401

import psycopg2  # noqa: F401
from psycopg2.extensions import quote_ident  # noqa: F401

from psycopg2._row_cursors import (  # noqa: F401  (re-exported API)
    DictCursorBase, DictConnection, DictCursor, DictRow,
    RealDictConnection, RealDictCursor, RealDictRow,
    NamedTupleConnection, NamedTupleCursor,
    LoggingConnection, LoggingCursor,
    MinTimeLoggingConnection, MinTimeLoggingCursor,
)
from psycopg2._batch import (  # noqa: F401
    execute_batch, execute_values, _split_sql,
)
from psycopg2._json import (  # noqa: F401
    Json, register_json, register_default_json, register_default_jsonb,
)
from psycopg2._uuid import UUID_adapter, register_uuid  # noqa: F401
from psycopg2._inet import Inet, register_inet  # noqa: F401
from psycopg2._ipaddress import register_ipaddress  # noqa: F401
from psycopg2._range import (  # noqa: F401
    Range, NumericRange, DateRange, DateTimeRange, DateTimeTZRange,
    RangeAdapter, RangeCaster, register_range,
)
from psycopg2._hstore import HstoreAdapter, register_hstore  # noqa: F401
from psycopg2._composite import CompositeCaster, register_composite  # noqa: F401
from psycopg2._green import wait_select  # noqa: F401
from psycopg2._replication import (  # noqa: F401
    REPLICATION_LOGICAL, REPLICATION_PHYSICAL,
    LogicalReplicationConnection, PhysicalReplicationConnection,
    ReplicationCursor, ReplicationMessage, StopReplication,
)
