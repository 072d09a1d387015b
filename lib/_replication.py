"""Streaming replication: the connection and cursor classes of psycopg2.extras.

The protocol (START_REPLICATION, the COPY BOTH stream, feedback) is in the
C types of psycopg2._psycopg; this module adds what is plain SQL building:
the replication slot commands and the START_REPLICATION statement.
"""

from psycopg2._psycopg import (  # noqa: F401  (re-exported by extras)
    REPLICATION_LOGICAL, REPLICATION_PHYSICAL,
    ReplicationConnection as _ReplicationConnection,
    ReplicationCursor as _ReplicationCursor,
    ReplicationMessage,
    ProgrammingError, quote_ident, adapt, encodings,
)

__all__ = [
    "REPLICATION_LOGICAL", "REPLICATION_PHYSICAL",
    "LogicalReplicationConnection", "PhysicalReplicationConnection",
    "ReplicationCursor", "ReplicationMessage", "StopReplication",
]


class LogicalReplicationConnection(_ReplicationConnection):
    __module__ = "psycopg2.extras"  # where psycopg2 users find it

    def __init__(self, *args, **kwargs):
        kwargs['replication_type'] = REPLICATION_LOGICAL
        super().__init__(*args, **kwargs)


class PhysicalReplicationConnection(_ReplicationConnection):
    __module__ = "psycopg2.extras"

    def __init__(self, *args, **kwargs):
        kwargs['replication_type'] = REPLICATION_PHYSICAL
        super().__init__(*args, **kwargs)


class StopReplication(Exception):
    """
    Exception used to break out of the endless loop in
    `~ReplicationCursor.consume_stream()`.

    Subclass of `~exceptions.Exception`.  Intentionally *not* inherited from
    `~psycopg2.Error` as occurrence of this exception does not indicate an
    error.
    """
    __module__ = "psycopg2.extras"


def _lsn_text(lsn):
    """An LSN (int, or text 'XXX/XXX') as START_REPLICATION wants it."""
    if isinstance(lsn, str):
        # As psycopg2: the two hex halves; anything after them is ignored.
        parts = lsn.split('/')
        lsn = (int(parts[0], 16) << 32) + int(parts[1], 16)
    return "%X/%08X" % ((lsn >> 32) & 0xFFFFFFFF, lsn & 0xFFFFFFFF)


class ReplicationCursor(_ReplicationCursor):
    """A cursor used for communication on replication connections."""
    __module__ = "psycopg2.extras"

    def _slot_type(self, slot_type):
        if slot_type is None:
            return self.connection.replication_type
        if slot_type not in (REPLICATION_LOGICAL, REPLICATION_PHYSICAL):
            raise ProgrammingError(
                "unrecognized replication type: %r" % (slot_type,))
        return slot_type

    def create_replication_slot(self, slot_name, slot_type=None,
                                output_plugin=None):
        """Create streaming replication slot."""
        slot_type = self._slot_type(slot_type)
        command = "CREATE_REPLICATION_SLOT %s " % quote_ident(slot_name, self)
        if slot_type == REPLICATION_LOGICAL:
            if output_plugin is None:
                raise ProgrammingError(
                    "output plugin name is required to create "
                    "logical replication slot")
            command += "LOGICAL %s" % quote_ident(output_plugin, self)
        else:
            if output_plugin is not None:
                raise ProgrammingError(
                    "cannot specify output plugin name when creating "
                    "physical replication slot")
            command += "PHYSICAL"
        self.execute(command)

    def drop_replication_slot(self, slot_name):
        """Drop streaming replication slot."""
        self.execute("DROP_REPLICATION_SLOT %s"
                     % quote_ident(slot_name, self))

    def start_replication(
            self, slot_name=None, slot_type=None, start_lsn=0, timeline=0,
            options=None, decode=False, status_interval=10):
        """Start replication stream."""
        slot_type = self._slot_type(slot_type)
        command = ["START_REPLICATION"]
        if slot_type == REPLICATION_LOGICAL:
            if slot_name is None:
                raise ProgrammingError(
                    "slot name is required for logical replication")
            command.append("SLOT %s LOGICAL" % quote_ident(slot_name, self))
        elif slot_name is not None:
            command.append("SLOT %s" % quote_ident(slot_name, self))
        command.append(_lsn_text(start_lsn))

        if timeline != 0:
            if slot_type == REPLICATION_LOGICAL:
                raise ProgrammingError(
                    "cannot specify timeline for logical replication")
            command.append("TIMELINE %d" % timeline)

        if options:
            if slot_type == REPLICATION_PHYSICAL:
                raise ProgrammingError(
                    "cannot specify output plugin options for physical "
                    "replication")
            command.append("(%s)" % ", ".join(
                "%s %s" % (quote_ident(k, self), self._literal(str(v)))
                for k, v in options.items()))

        self.start_replication_expert(
            " ".join(command), decode=decode, status_interval=status_interval)

    def _literal(self, value):
        """value (a str) as an SQL string literal."""
        quoted = adapt(value)
        quoted.prepare(self.connection)
        return quoted.getquoted().decode(encodings[self.connection.encoding])

    def fileno(self):
        """The connection's socket, so that the cursor can go to select()."""
        return self.connection.fileno()
