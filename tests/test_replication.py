"""Streaming replication: psycopg2.extras.LogicalReplicationConnection,
PhysicalReplicationConnection, ReplicationCursor, ReplicationMessage.

The session server has wal_level=logical and allows replication
connections; logical decoding uses the test_decoding plugin of contrib.
Every test gets its own slot name (dropped at teardown, its walsender
terminated first: an active slot cannot be dropped).
"""

import datetime
import re
import select
import signal
import threading
import time
import uuid

import pytest

import psycopg2
import psycopg2.errors
import psycopg2.extensions as ext
import psycopg2.extras as extras
from psycopg2.extras import (
    REPLICATION_LOGICAL, REPLICATION_PHYSICAL,
    LogicalReplicationConnection, PhysicalReplicationConnection,
    ReplicationCursor, ReplicationMessage, StopReplication,
)


# --- fixtures and helpers ---------------------------------------------------

@pytest.fixture
def monitor(make_conn):
    """An ordinary autocommit connection, to look at the server's side."""
    c = make_conn()
    c.autocommit = True
    return c


@pytest.fixture
def slot(monitor):
    """A fresh slot name; whatever slot has it is dropped at teardown."""
    name = "s_" + uuid.uuid4().hex[:12]
    yield name
    cur = monitor.cursor()
    deadline = time.monotonic() + 10
    while True:
        cur.execute("select pg_terminate_backend(active_pid)"
                    " from pg_replication_slots"
                    " where slot_name = %s and active_pid is not null",
                    (name,))
        try:
            cur.execute("select pg_drop_replication_slot(slot_name)"
                        " from pg_replication_slots where slot_name = %s",
                        (name,))
            return
        except psycopg2.errors.ObjectInUse:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@pytest.fixture
def table(monitor):
    """A table of our own, so that decoded changes are recognised."""
    name = "repl_" + uuid.uuid4().hex[:10]
    monitor.cursor().execute(f"create table {name} (id int primary key, v text)")
    yield name
    monitor.cursor().execute(f"drop table if exists {name}")


@pytest.fixture
def lconn(dsn, make_conn):
    return make_conn(dsn, connection_factory=LogicalReplicationConnection)


@pytest.fixture
def pconn(dsn, make_conn):
    return make_conn(dsn, connection_factory=PhysicalReplicationConnection)


def slot_row(monitor, name):
    cur = monitor.cursor()
    cur.execute("select slot_type, plugin, active, confirmed_flush_lsn::text,"
                " temporary from pg_replication_slots where slot_name = %s",
                (name,))
    return cur.fetchone()


def lsn_int(text):
    hi, lo = text.split("/")
    return (int(hi, 16) << 32) + int(lo, 16)


def wait_for(predicate, timeout=5.0, step=0.02):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(step)


def read_until(cur, stop, timeout=5.0):
    """Messages from read_message() (waiting with select() on the cursor)
    until stop(messages) is true; fails after timeout."""
    got = []
    deadline = time.monotonic() + timeout
    while not stop(got):
        left = deadline - time.monotonic()
        assert left > 0, f"timed out; got {[m.payload for m in got]}"
        msg = cur.read_message()
        if msg is None:
            select.select([cur], [], [], min(left, 0.5))
        else:
            got.append(msg)
    return got


def _text(msg):
    return msg.payload if isinstance(msg.payload, str) \
        else msg.payload.decode()


def commit_seen(table, changes=1):
    """stop() for read_until: `changes` changes of our table arrived, and
    the commit after the last one."""
    def stop(msgs):
        texts = [_text(m) for m in msgs]
        seen = [i for i, t in enumerate(texts) if table in t]
        return len(seen) >= changes and any(
            t.startswith("COMMIT") for t in texts[seen[-1]:])
    return stop


def walsender_query(monitor, conn):
    """The last command the walsender of conn received."""
    cur = monitor.cursor()
    cur.execute("select query from pg_stat_activity where pid = %s",
                (conn.info.backend_pid,))
    return cur.fetchone()[0]


def make_logical_slot(lconn, slot):
    lconn.cursor().create_replication_slot(slot, output_plugin="test_decoding")


# --- names and types --------------------------------------------------------

def test_exported_names():
    assert REPLICATION_PHYSICAL == 12345678
    assert REPLICATION_LOGICAL == 87654321
    from psycopg2 import _psycopg
    assert _psycopg.REPLICATION_LOGICAL == REPLICATION_LOGICAL
    assert issubclass(_psycopg.ReplicationConnection, ext.connection)
    assert issubclass(_psycopg.ReplicationCursor, ext.cursor)
    assert issubclass(LogicalReplicationConnection,
                      _psycopg.ReplicationConnection)
    assert issubclass(PhysicalReplicationConnection,
                      _psycopg.ReplicationConnection)
    assert issubclass(ReplicationCursor, _psycopg.ReplicationCursor)
    assert ReplicationMessage is _psycopg.ReplicationMessage
    assert ReplicationCursor.__module__ == "psycopg2.extras"
    assert _psycopg.ReplicationCursor.__name__ == "ReplicationCursor"
    # not an error: a way out of consume_stream()
    assert issubclass(StopReplication, Exception)
    assert not issubclass(StopReplication, psycopg2.Error)
    assert extras.StopReplication is StopReplication


def test_message_constructor(lconn):
    cur = lconn.cursor()
    m = ReplicationMessage(cur, b"abc")
    assert m.cursor is cur and m.payload == b"abc"
    assert (m.data_size, m.data_start, m.wal_end) == (0, 0, 0)
    with pytest.raises(TypeError):
        ReplicationMessage(1, 2)
    with pytest.raises(TypeError):
        ReplicationMessage()
    with pytest.raises(AttributeError):
        m.payload = b"x"


# --- connections ------------------------------------------------------------

def test_logical_connection(lconn):
    params = lconn.get_dsn_parameters()
    assert params["replication"] == "database"
    assert params["dbname"] == "postgres"
    assert "replication=database" in lconn.dsn
    assert lconn.replication_type == REPLICATION_LOGICAL
    assert lconn.cursor_factory is ReplicationCursor
    assert type(lconn.cursor()) is ReplicationCursor
    assert lconn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE


def test_physical_connection(pconn):
    assert "replication=true" in pconn.dsn
    assert "dbname=replication" in pconn.dsn
    assert pconn.replication_type == REPLICATION_PHYSICAL
    assert type(pconn.cursor()) is ReplicationCursor


def test_connection_direct_and_dsn_override(dsn):
    # the class called directly; a replication= of the user is replaced
    c = PhysicalReplicationConnection(dsn + " replication=database")
    try:
        assert c.get_dsn_parameters()["replication"] == "true"
    finally:
        c.close()
    c = LogicalReplicationConnection(dsn=dsn + " replication=true")
    try:
        assert c.get_dsn_parameters()["replication"] == "database"
    finally:
        c.close()


def test_connection_bad_arguments(dsn):
    from psycopg2._psycopg import ReplicationConnection
    with pytest.raises(TypeError, match="REPLICATION_PHYSICAL or REPLICATION_L"):
        ReplicationConnection(dsn)
    with pytest.raises(TypeError, match="REPLICATION_PHYSICAL or REPLICATION_L"):
        ReplicationConnection(dsn, replication_type=5)
    with pytest.raises(TypeError):
        ReplicationConnection(dsn, replication_type="x")
    with pytest.raises(TypeError, match="Expected bytes or unicode string"):
        LogicalReplicationConnection(123)
    with pytest.raises(TypeError):
        LogicalReplicationConnection()
    with pytest.raises(TypeError):
        LogicalReplicationConnection(dsn, cursor_factory=ext.cursor)
    with pytest.raises(psycopg2.OperationalError):
        LogicalReplicationConnection("host=127.0.0.1 port=1 connect_timeout=2")


def test_session_attributes_hidden(lconn):
    # always autocommit: replication commands cannot run in a transaction
    for name in ("autocommit", "isolation_level", "set_session",
                 "set_isolation_level", "reset"):
        with pytest.raises(AttributeError, match="is not readable"):
            getattr(lconn, name)
    with pytest.raises(AttributeError, match="is not writable"):
        lconn.autocommit = False


def test_connection_repr_hides_password(dsn):
    c = LogicalReplicationConnection(dsn + " password=s3cr3t")
    try:
        r = repr(c)
        assert r.startswith("<ReplicationConnection object at ")
        assert "s3cr3t" not in r and "password=xxx" in r
        assert r.endswith("closed: 0>")
    finally:
        c.close()
    assert repr(c).endswith("closed: 1>")


def test_cursor_basics(lconn):
    cur = lconn.cursor()
    assert repr(cur).startswith("<ReplicationCursor object at ")
    assert cur.fileno() == lconn.fileno()
    assert cur.wal_end == 0
    epoch = datetime.datetime.fromtimestamp(0)
    assert cur.io_timestamp == epoch and cur.feedback_timestamp == epoch
    cur.execute("IDENTIFY_SYSTEM")
    row = cur.fetchone()
    assert row[3] == "postgres" and "/" in row[2]


# --- slots ------------------------------------------------------------------

def test_create_drop_logical_slot(lconn, monitor, slot):
    cur = lconn.cursor()
    assert cur.create_replication_slot(slot, output_plugin="test_decoding") \
        is None
    assert cur.query == f'CREATE_REPLICATION_SLOT "{slot}" LOGICAL ' \
        '"test_decoding"'.encode()
    name, consistent_point, snapshot, plugin = cur.fetchone()
    assert (name, plugin) == (slot, "test_decoding")
    assert "/" in consistent_point
    assert slot_row(monitor, slot)[:3] == ("logical", "test_decoding", False)
    cur.drop_replication_slot(slot)
    assert cur.query == f'DROP_REPLICATION_SLOT "{slot}"'.encode()
    assert slot_row(monitor, slot) is None


def test_create_physical_slot(pconn, lconn, monitor, slot):
    cur = pconn.cursor()
    cur.create_replication_slot(slot)
    assert cur.query == f'CREATE_REPLICATION_SLOT "{slot}" PHYSICAL'.encode()
    assert slot_row(monitor, slot)[:2] == ("physical", None)
    cur.drop_replication_slot(slot)
    # from a logical connection, asking for the type
    lcur = lconn.cursor()
    lcur.create_replication_slot(slot, slot_type=REPLICATION_PHYSICAL)
    assert slot_row(monitor, slot)[0] == "physical"


def test_create_slot_errors(lconn, pconn, slot):
    cur = lconn.cursor()
    with pytest.raises(psycopg2.ProgrammingError, match="output plugin name"):
        cur.create_replication_slot(slot)
    with pytest.raises(psycopg2.ProgrammingError, match="cannot specify output"):
        pconn.cursor().create_replication_slot(slot, output_plugin="x")
    with pytest.raises(psycopg2.ProgrammingError,
                       match="unrecognized replication type: 5"):
        cur.create_replication_slot(slot, slot_type=5, output_plugin="x")
    with pytest.raises(TypeError):
        cur.create_replication_slot(1, output_plugin="test_decoding")
    with pytest.raises(TypeError):
        cur.create_replication_slot(slot, output_plugin=1)
    with pytest.raises(psycopg2.errors.UndefinedFile):
        cur.create_replication_slot(slot, output_plugin="no_such_plugin")
    # logical decoding needs a database: not on a physical connection
    with pytest.raises(psycopg2.errors.ObjectNotInPrerequisiteState):
        pconn.cursor().create_replication_slot(
            slot, slot_type=REPLICATION_LOGICAL, output_plugin="test_decoding")


def test_slot_already_exists(lconn, slot):
    cur = lconn.cursor()
    cur.create_replication_slot(slot, output_plugin="test_decoding")
    with pytest.raises(psycopg2.errors.DuplicateObject) as exc:
        cur.create_replication_slot(slot, output_plugin="test_decoding")
    assert exc.value.pgcode == "42710"
    assert not lconn.closed
    cur.execute("IDENTIFY_SYSTEM")   # the connection goes on working
    assert cur.fetchone()


def test_drop_missing_slot(lconn):
    with pytest.raises(psycopg2.errors.UndefinedObject):
        lconn.cursor().drop_replication_slot("no_such_slot_here")


def test_temporary_slot(dsn, monitor, slot):
    # psycopg2's create_replication_slot has no `temporary`: execute() it
    c = LogicalReplicationConnection(dsn)
    c.cursor().execute(
        f'CREATE_REPLICATION_SLOT "{slot}" TEMPORARY LOGICAL "test_decoding"')
    assert slot_row(monitor, slot)[4] is True
    c.close()
    assert wait_for(lambda: slot_row(monitor, slot) is None)


# --- start_replication ------------------------------------------------------

@pytest.mark.parametrize("kwargs, command", [
    ({}, "START_REPLICATION SLOT {slot} LOGICAL 0/00000000"),
    ({"start_lsn": "0/16B3748"},
     "START_REPLICATION SLOT {slot} LOGICAL 0/016B3748"),
    ({"start_lsn": 0x1234567890},
     "START_REPLICATION SLOT {slot} LOGICAL 12/34567890"),
    ({"start_lsn": "16/b3748"},
     "START_REPLICATION SLOT {slot} LOGICAL 16/000B3748"),
    ({"options": {"include-xids": 0, "skip-empty-xacts": True}},
     "START_REPLICATION SLOT {slot} LOGICAL 0/00000000"
     " (\"include-xids\" '0', \"skip-empty-xacts\" 'True')"),
    ({"options": {}}, "START_REPLICATION SLOT {slot} LOGICAL 0/00000000"),
])
def test_start_replication_command(lconn, monitor, slot, kwargs, command):
    cur = lconn.cursor()
    make_logical_slot(lconn, slot)
    assert cur.start_replication(slot, **kwargs) is None
    want = command.format(slot=f'"{slot}"')
    assert wait_for(lambda: walsender_query(monitor, lconn) == want)


def test_start_replication_physical_command(pconn, monitor):
    cur = pconn.cursor()
    cur.start_replication(timeline=1)
    assert wait_for(lambda: walsender_query(monitor, pconn)
                    == "START_REPLICATION 0/00000000 TIMELINE 1")


def test_start_replication_option_quoting(lconn, slot):
    make_logical_slot(lconn, slot)
    cur = lconn.cursor()
    with pytest.raises(psycopg2.errors.InvalidParameterValue) as exc:
        cur.start_replication(slot, options={"x'y": "a'b"})
    assert "option \"x'y\" = \"a'b\" is unknown" in str(exc.value)


@pytest.mark.parametrize("kwargs, exc, match", [
    ({}, psycopg2.ProgrammingError, "slot name is required"),
    ({"slot_name": "x", "timeline": 1}, psycopg2.ProgrammingError,
     "cannot specify timeline for logical"),
    ({"slot_name": "x", "slot_type": 7}, psycopg2.ProgrammingError,
     "unrecognized replication type: 7"),
    ({"slot_name": "x", "start_lsn": "garbage"}, ValueError, None),
    ({"slot_name": "x", "start_lsn": 1.5}, TypeError, None),
    ({"slot_name": "x", "start_lsn": None}, TypeError, None),
    ({"slot_name": "x", "options": [1]}, AttributeError, None),
    ({"slot_name": "x", "options": {1: 2}}, TypeError, None),
    ({"slot_name": "x", "status_interval": 0}, psycopg2.ProgrammingError,
     r"status_interval must be >= 1 \(sec\)"),
    ({"slot_name": "x", "status_interval": "x"}, TypeError, None),
    ({"slot_name": "x", "decode": "yes"}, TypeError, None),
    ({"slot_name": 1}, TypeError, None),
])
def test_start_replication_bad_arguments(lconn, kwargs, exc, match):
    with pytest.raises(exc, match=match):
        lconn.cursor().start_replication(**kwargs)
    assert not lconn.closed


def test_start_replication_physical_bad_arguments(pconn):
    cur = pconn.cursor()
    with pytest.raises(psycopg2.ProgrammingError, match="plugin options"):
        cur.start_replication(options={"a": 1})
    with pytest.raises(psycopg2.ProgrammingError, match="slot name is required"):
        cur.start_replication(slot_type=REPLICATION_LOGICAL)
    with pytest.raises(psycopg2.errors.UndefinedObject):
        cur.start_replication(slot_name="no_such_slot_here")


def test_start_replication_server_errors(lconn, slot):
    cur = lconn.cursor()
    with pytest.raises(psycopg2.errors.UndefinedObject):
        cur.start_replication("no_such_slot_here")
    make_logical_slot(lconn, slot)
    with pytest.raises(psycopg2.errors.ObjectNotInPrerequisiteState):
        cur.start_replication(slot, slot_type=REPLICATION_PHYSICAL)
    with pytest.raises(psycopg2.errors.InvalidParameterValue):
        cur.start_replication(slot, options={"no-such-option": 1})
    # after all that the stream starts
    cur.start_replication(slot)
    cur.read_message()


def test_start_replication_expert(lconn, slot, monitor, table):
    make_logical_slot(lconn, slot)
    cur = lconn.cursor()
    with pytest.raises(TypeError):
        cur.start_replication_expert(1)
    with pytest.raises(psycopg2.ProgrammingError, match="empty query"):
        cur.start_replication_expert("")
    with pytest.raises(psycopg2.errors.SyntaxError):
        cur.start_replication_expert("garbage")
    # a command that starts no stream: accepted, nothing to read
    assert cur.start_replication_expert("IDENTIFY_SYSTEM") is None
    with pytest.raises(psycopg2.DatabaseError):
        cur.read_message()
    from psycopg2 import sql
    cur.start_replication_expert(
        sql.SQL("START_REPLICATION SLOT {} LOGICAL 0/0").format(
            sql.Identifier(slot)), decode=True)
    monitor.cursor().execute(f"insert into {table} values (1, 'a')")
    msgs = read_until(cur, commit_seen(table))
    assert any(table in m.payload for m in msgs)


def test_non_replication_connection(conn):
    # a replication cursor can be made on any connection: the server says no
    conn.autocommit = True
    cur = conn.cursor(cursor_factory=ReplicationCursor)
    with pytest.raises(AttributeError):
        cur.start_replication("x")   # no replication_type
    with pytest.raises(psycopg2.errors.SyntaxError):
        cur.start_replication_expert("START_REPLICATION SLOT x LOGICAL 0/0")
    with pytest.raises(psycopg2.errors.SyntaxError):
        cur.create_replication_slot("x", slot_type=REPLICATION_LOGICAL,
                                    output_plugin="test_decoding")
    cur.execute("select 1")
    assert cur.fetchone() == (1,)


# --- reading the stream -----------------------------------------------------

@pytest.mark.parametrize("decode", [False, True])
def test_read_changes(lconn, monitor, slot, table, decode):
    make_logical_slot(lconn, slot)
    cur = lconn.cursor()
    cur.start_replication(slot, decode=decode)
    t0 = time.monotonic()
    cur.read_message()   # never blocks
    assert time.monotonic() - t0 < 1
    mcur = monitor.cursor()
    mcur.execute(f"insert into {table} values (1, 'caffè'), (2, 'b')")
    mcur.execute(f"update {table} set v = 'c' where id = 2")
    msgs = read_until(cur, commit_seen(table, changes=3))
    texts = [_text(m) for m in msgs]
    for m in msgs:
        assert type(m.payload) is (str if decode else bytes)
        assert m.cursor is cur
        assert m.data_size == len(m.payload.encode() if decode else m.payload)
        assert m.data_start > 0 and m.wal_end >= m.data_start
        assert isinstance(m.send_time, datetime.datetime)
        assert abs(m.send_time - datetime.datetime.now()) \
            < datetime.timedelta(minutes=5)
    mine = [t for t in texts if table in t]
    assert mine == [
        f"table public.{table}: INSERT: id[integer]:1 v[text]:'caffè'",
        f"table public.{table}: INSERT: id[integer]:2 v[text]:'b'",
        f"table public.{table}: UPDATE: id[integer]:2 v[text]:'c'",
    ]
    last = msgs[-1]
    assert re.fullmatch(
        r"<ReplicationMessage object at 0x[0-9a-f]+; data_size: \d+; "
        r"data_start: [0-9a-f]+/[0-9a-f]+; wal_end: [0-9a-f]+/[0-9a-f]+; "
        r"send_time: \d+>", repr(last))
    assert "data_start: %x/%x;" % (last.data_start >> 32,
                                   last.data_start & 0xFFFFFFFF) in repr(last)
    assert cur.wal_end >= last.wal_end
    assert cur.io_timestamp > datetime.datetime.now() \
        - datetime.timedelta(minutes=1)


def test_read_message_not_replicating(lconn):
    cur = lconn.cursor()
    # psycopg2 raises a DatabaseError from deep down ("error with status
    # PGRES_TUPLES_OK..."); we raise ProgrammingError, a DatabaseError.
    with pytest.raises(psycopg2.DatabaseError):
        cur.read_message()
    # not forced: only recorded, as psycopg2
    assert cur.send_feedback(flush_lsn=1) is None


def test_physical_stream(pconn, monitor):
    mcur = monitor.cursor()
    mcur.execute("select pg_current_wal_lsn()::text")
    start = lsn_int(mcur.fetchone()[0])
    cur = pconn.cursor()
    cur.start_replication(start_lsn=start & ~0xFFFF)
    mcur.execute("select pg_switch_wal()")
    msgs = read_until(cur, lambda ms: len(ms) >= 1)
    assert type(msgs[0].payload) is bytes
    assert msgs[0].data_start == start & ~0xFFFF
    assert msgs[0].data_size == len(msgs[0].payload) > 0


def test_stream_ends_with_error(pconn):
    # WAL from 0/0 is long gone: the server says so once streaming, and
    # ends the stream.
    cur = pconn.cursor()
    cur.start_replication(start_lsn=0)
    with pytest.raises(psycopg2.errors.UndefinedFile):
        read_until(cur, lambda ms: False)
    with pytest.raises(psycopg2.DatabaseError):
        cur.read_message()
    assert not pconn.closed


def test_end_of_timeline(make_server):
    # Streaming an old timeline from a promoted standby: the server ends
    # the stream at the switch point (CopyDone). consume_stream returns,
    # and the connection is usable again. (psycopg2 answers the server's
    # CopyDone with a bad message and loses the connection: "invalid
    # standby message type "f"".)
    primary = make_server()
    standby = primary.standby()
    standby.promote()
    conn = PhysicalReplicationConnection(standby.dsn())
    try:
        cur = conn.cursor()
        cur.execute("TIMELINE_HISTORY 2")
        switch = lsn_int(cur.fetchone()[1].split()[1])
        start = (switch - 1) & ~0xFFFFFF   # the segment before the switch
        cur.start_replication(start_lsn=start, timeline=1)
        msgs = []
        assert cur.consume_stream(msgs.append) is None
        assert msgs and msgs[-1].wal_end == switch
        with pytest.raises(psycopg2.ProgrammingError):
            cur.read_message()
        cur.execute("IDENTIFY_SYSTEM")
        assert cur.fetchone()[1] == 2
    finally:
        conn.close()


def test_execute_while_streaming(lconn, monitor, slot, table):
    make_logical_slot(lconn, slot)
    cur = lconn.cursor()
    cur.start_replication(slot, decode=True)
    with pytest.raises(psycopg2.OperationalError):
        cur.execute("IDENTIFY_SYSTEM")
    with pytest.raises(psycopg2.OperationalError):
        cur.start_replication(slot)
    # the stream is unharmed
    monitor.cursor().execute(f"insert into {table} values (1, 'a')")
    read_until(cur, commit_seen(table))
    assert not lconn.closed


# --- feedback ---------------------------------------------------------------

def test_send_feedback_moves_confirmed_flush(lconn, monitor, slot, table):
    make_logical_slot(lconn, slot)
    before = slot_row(monitor, slot)[3]
    cur = lconn.cursor()
    cur.start_replication(slot)
    monitor.cursor().execute(f"insert into {table} values (1, 'a')")
    msgs = read_until(cur, commit_seen(table))
    commit = msgs[-1]
    assert lsn_int(before) < commit.data_start
    cur.send_feedback(flush_lsn=commit.data_start, force=True)
    assert wait_for(lambda: lsn_int(slot_row(monitor, slot)[3])
                    == commit.data_start)
    assert cur.feedback_timestamp > datetime.datetime.now() \
        - datetime.timedelta(minutes=1)
    # positions never move back
    cur.send_feedback(flush_lsn=1, force=True)
    time.sleep(0.2)
    assert lsn_int(slot_row(monitor, slot)[3]) == commit.data_start


def test_feedback_follows_status_interval(lconn, monitor, slot, table):
    make_logical_slot(lconn, slot)
    cur = lconn.cursor()
    cur.start_replication(slot, status_interval=1)
    monitor.cursor().execute(f"insert into {table} values (1, 'a')")
    commit = read_until(cur, commit_seen(table))[-1]
    sent = cur.feedback_timestamp
    cur.send_feedback(flush_lsn=commit.data_start)   # recorded only
    assert cur.feedback_timestamp == sent
    time.sleep(1.1)
    cur.read_message()   # due: the feedback goes out
    assert cur.feedback_timestamp > sent
    assert wait_for(lambda: lsn_int(slot_row(monitor, slot)[3])
                    == commit.data_start)


def test_keepalive_advances_flush(lconn, monitor, slot, table):
    # Once all the messages are confirmed, the WAL end reported by the
    # server's keepalives is confirmed too (else the slot holds WAL forever).
    make_logical_slot(lconn, slot)
    cur = lconn.cursor()
    cur.start_replication(slot)
    mcur = monitor.cursor()
    mcur.execute(f"insert into {table} values (1, 'a')")
    commit = read_until(cur, commit_seen(table))[-1]
    cur.send_feedback(flush_lsn=commit.data_start)
    mcur.execute("checkpoint")   # WAL that decodes to no message
    mcur.execute("select pg_current_wal_lsn()::text")
    target = lsn_int(mcur.fetchone()[0])
    cur.send_feedback(reply=True)   # the server answers with a keepalive
    deadline = time.monotonic() + 5
    while cur.wal_end < target:
        assert time.monotonic() < deadline
        assert cur.read_message() is None
        select.select([cur], [], [], 0.2)
    cur.send_feedback(force=True)
    assert wait_for(lambda: lsn_int(slot_row(monitor, slot)[3]) >= target)


@pytest.mark.parametrize("kwargs, exc", [
    ({"write_lsn": "0/0"}, TypeError),
    ({"flush_lsn": 1.5}, TypeError),
    ({"reply": "x"}, TypeError),
    ({"force": []}, TypeError),
    ({"foo": 1}, TypeError),
])
def test_send_feedback_bad_arguments(lconn, kwargs, exc):
    with pytest.raises(exc):
        lconn.cursor().send_feedback(**kwargs)


def test_send_feedback_positional_limit(lconn):
    with pytest.raises(TypeError):
        lconn.cursor().send_feedback(1, 2, 3, 4, 5, 6)


# --- consume_stream ---------------------------------------------------------

def test_consume_stream_stop_replication(lconn, monitor, slot, table):
    make_logical_slot(lconn, slot)
    cur = lconn.cursor()
    cur.start_replication(slot, decode=True)
    mcur = monitor.cursor()
    mcur.execute(f"insert into {table} values (1, 'a')")
    mcur.execute(f"insert into {table} values (2, 'b')")
    got = []

    def consume(msg):
        got.append(msg.payload)
        if table in msg.payload:
            raise StopReplication()

    with pytest.raises(StopReplication):
        cur.consume_stream(consume)
    assert got[-1].endswith("id[integer]:1 v[text]:'a'")
    # the stream goes on with read_message ...
    rest = read_until(cur, commit_seen(table))
    assert any("id[integer]:2" in m.payload for m in rest)
    # ... but, as in psycopg2, consume_stream runs once per start
    with pytest.raises(psycopg2.ProgrammingError, match="not replicating"):
        cur.consume_stream(consume)
    assert not lconn.closed


def test_consume_stream_callback_error(lconn, monitor, slot, table):
    make_logical_slot(lconn, slot)
    cur = lconn.cursor()
    cur.start_replication(slot)
    monitor.cursor().execute(f"insert into {table} values (1, 'a')")

    def consume(msg):
        raise KeyError("boom")

    with pytest.raises(KeyError, match="boom"):
        cur.consume_stream(consume)
    assert not lconn.closed


def test_consume_stream_errors(lconn, slot):
    cur = lconn.cursor()
    with pytest.raises(psycopg2.ProgrammingError, match="not replicating"):
        cur.consume_stream(print)
    with pytest.raises(psycopg2.ProgrammingError,
                       match=r"keepalive_interval must be >= 1 \(sec\)"):
        cur.consume_stream(print, keepalive_interval=0)
    with pytest.raises(TypeError):
        cur.consume_stream()
    make_logical_slot(lconn, slot)
    cur.start_replication(slot)
    with pytest.raises(psycopg2.ProgrammingError, match="int or float"):
        cur.consume_stream(print, keepalive_interval="x")


class alarm:
    """Raise StopReplication (or exc) from a SIGALRM after `delay` s."""

    def __init__(self, delay, exc=StopReplication):
        self.delay, self.exc = delay, exc

    def _handler(self, signum, frame):
        raise self.exc()

    def __enter__(self):
        self.old = signal.signal(signal.SIGALRM, self._handler)
        signal.setitimer(signal.ITIMER_REAL, self.delay)
        return self

    def __exit__(self, *exc):
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self.old)


def test_consume_stream_wakes_for_feedback(lconn, monitor, slot, table):
    # With nothing to read, consume_stream still wakes up to send the
    # feedback every status_interval.
    make_logical_slot(lconn, slot)
    cur = lconn.cursor()
    cur.start_replication(slot, status_interval=1)
    monitor.cursor().execute(f"insert into {table} values (1, 'a')")
    commit = read_until(cur, commit_seen(table))[-1]
    cur.send_feedback(flush_lsn=commit.data_start)   # not sent yet
    sent = cur.feedback_timestamp
    with alarm(1.6), pytest.raises(StopReplication):
        cur.consume_stream(lambda m: None)
    assert cur.feedback_timestamp > sent
    assert wait_for(lambda: lsn_int(slot_row(monitor, slot)[3])
                    == commit.data_start)


def test_feedback_from_another_thread(lconn, monitor, slot, table):
    # consume_stream does not hold the connection while it waits.
    make_logical_slot(lconn, slot)
    cur = lconn.cursor()
    cur.start_replication(slot)
    monitor.cursor().execute(f"insert into {table} values (1, 'a')")
    commit = read_until(cur, commit_seen(table))[-1]
    took = []

    def feedback():
        time.sleep(0.2)
        t0 = time.monotonic()
        cur.send_feedback(flush_lsn=commit.data_start, force=True)
        took.append(time.monotonic() - t0)

    t = threading.Thread(target=feedback)
    t.start()
    try:
        with alarm(1.0), pytest.raises(StopReplication):
            cur.consume_stream(lambda m: None)
    finally:
        t.join()
    assert took and took[0] < 0.5
    assert wait_for(lambda: lsn_int(slot_row(monitor, slot)[3])
                    == commit.data_start)


def test_consume_stream_nested(lconn, monitor, slot, table):
    make_logical_slot(lconn, slot)
    cur = lconn.cursor()
    cur.start_replication(slot, status_interval=float("inf"))
    monitor.cursor().execute(f"insert into {table} values (1, 'a')")
    errors = []

    def consume(msg):
        with pytest.raises(psycopg2.ProgrammingError) as exc:
            cur.consume_stream(print)
        errors.append(str(exc.value))
        raise StopReplication()

    with pytest.raises(StopReplication):
        cur.consume_stream(consume)
    assert errors == [
        "consume_stream cannot be used when already in the consume loop"]


def test_consume_stream_signal(lconn, slot):
    # A signal handler raising while consume_stream waits ends it.
    make_logical_slot(lconn, slot)
    cur = lconn.cursor()
    cur.start_replication(slot)

    class Alarm(Exception):
        pass

    t0 = time.monotonic()
    with alarm(0.3, Alarm), pytest.raises(Alarm):
        cur.consume_stream(lambda m: None)
    assert time.monotonic() - t0 < 3
    assert not lconn.closed


def test_consume_stream_server_killed(make_server):
    # The server dies under a running consume_stream: OperationalError,
    # promptly, and the connection is broken.
    srv = make_server()
    conn = PhysicalReplicationConnection(srv.dsn())
    try:
        cur = conn.cursor()
        cur.execute("IDENTIFY_SYSTEM")
        cur.start_replication(start_lsn=cur.fetchone()[2])
        killer = threading.Timer(0.5, srv.kill)
        killer.start()
        t0 = time.monotonic()
        try:
            with pytest.raises(psycopg2.OperationalError):
                cur.consume_stream(lambda m: None)
        finally:
            killer.join()
        assert time.monotonic() - t0 < 10
        assert conn.closed
        with pytest.raises(psycopg2.InterfaceError):
            cur.read_message()
    finally:
        conn.close()


# --- closed objects, async --------------------------------------------------

def test_closed_cursor(lconn, slot):
    make_logical_slot(lconn, slot)
    cur = lconn.cursor()
    cur.start_replication(slot)
    cur.close()
    for call in (cur.read_message, cur.send_feedback,
                 lambda: cur.consume_stream(print),
                 lambda: cur.start_replication_expert("IDENTIFY_SYSTEM")):
        with pytest.raises(psycopg2.InterfaceError):
            call()


def test_closed_connection(dsn, slot):
    c = LogicalReplicationConnection(dsn)
    make_logical_slot(c, slot)
    cur = c.cursor()
    cur.start_replication(slot)
    c.close()
    for call in (cur.read_message, cur.send_feedback,
                 lambda: cur.consume_stream(print),
                 lambda: cur.send_feedback(force=True)):
        with pytest.raises(psycopg2.InterfaceError):
            call()
    with pytest.raises(psycopg2.InterfaceError):
        c.cursor()


def _wait(conn):
    while True:
        state = conn.poll()
        if state == ext.POLL_OK:
            return
        if state == ext.POLL_READ:
            select.select([conn], [], [], 5)
        elif state == ext.POLL_WRITE:
            select.select([], [conn], [], 5)


def test_async_connection(dsn, monitor, slot, table):
    try:
        conn = LogicalReplicationConnection(dsn, **{"async": 1})
    except psycopg2.NotSupportedError:
        pytest.xfail("asynchronous connections are not available yet")
    try:
        _wait(conn)
        assert conn.async_
        cur = conn.cursor()
        cur.create_replication_slot(slot, output_plugin="test_decoding")
        _wait(conn)
        cur.start_replication(slot)
        _wait(conn)
        with pytest.raises(psycopg2.ProgrammingError, match="asynchronous"):
            cur.consume_stream(print)
        monitor.cursor().execute(f"insert into {table} values (1, 'a')")
        read_until(cur, commit_seen(table))
    finally:
        conn.close()


# --- leaks ------------------------------------------------------------------

@pytest.mark.slow
def test_read_loop_no_leak(lconn, monitor, slot, table, assert_no_leak):
    make_logical_slot(lconn, slot)
    cur = lconn.cursor()
    cur.start_replication(slot, decode=True)
    monitor.cursor().execute(
        f"insert into {table} select g, repeat('x', 50)"
        " from generate_series(1, 30000) g")

    def once():
        while True:
            msg = cur.read_message()
            if msg is not None:
                break
            select.select([cur], [], [], 1)
        cur.send_feedback(flush_lsn=msg.data_start)
        repr(msg), msg.send_time, cur.io_timestamp, cur.feedback_timestamp

    # one leaked message (~150 bytes) per call would be 3 MB
    assert_no_leak(once, n=20000, warmup=2000, limit_kb=1024)


@pytest.mark.slow
def test_errors_no_leak(lconn, assert_no_leak):
    cur = lconn.cursor()

    def once():
        for call in (cur.read_message, lambda: cur.send_feedback(force=True),
                     lambda: cur.consume_stream(print),
                     lambda: cur.start_replication(),
                     lambda: cur.start_replication("x", start_lsn="zz")):
            try:
                call()
            except (psycopg2.Error, ValueError):
                pass

    assert_no_leak(once, n=5000, warmup=500, limit_kb=1024)
