"""Large objects: connection.lobject() and psycopg2.extensions.lobject.

A large object lives in a transaction: its descriptor is valid until the
transaction ends, after which the object refuses to read or write. Text
modes ('t', the default) exchange str in the connection encoding, binary
modes ('b') bytes. Offsets are 64-bit (lo_lseek64 & co).

Deliberate differences from psycopg2 2.9 are marked `only_ours` with the
reason next to them.
"""

import gc
import re
import threading

import pytest

import psycopg2
import psycopg2.extensions as ext

# Only psycopg2-cluster says so in its package docstring.
OURS = "psycopg2-cluster" in (psycopg2.__doc__ or "")
only_ours = pytest.mark.skipif(
    not OURS, reason="deliberate difference from psycopg2 2.9 (see comment)")

GB2 = 2 ** 31


@pytest.fixture
def oid(conn, make_conn):
    """A committed large object holding b'0123456789'; unlinked after."""
    c = make_conn()
    lo = c.lobject(0, "wb")
    lo.write(b"0123456789")
    oid = lo.oid
    c.commit()
    yield oid
    if not conn.closed:     # its transaction may lock the object
        conn.rollback()
    try:
        c.lobject(oid, "n").unlink()
        c.commit()
    except psycopg2.Error:
        c.rollback()


def lo_exists(conn, oid):
    cur = conn.cursor()
    cur.execute("select count(*) from pg_largeobject_metadata where oid = %s",
                (oid,))
    return cur.fetchone()[0] == 1


# ------------------------------------------------------------ the type


def test_exported():
    assert ext.lobject is psycopg2._psycopg.lobject
    assert ext.lobject.__name__ == "lobject"
    assert ext.lobject.__module__ == "psycopg2.extensions"


def test_new_object(conn):
    lo = conn.lobject()
    assert type(lo) is ext.lobject
    assert lo.oid > 0
    assert lo.mode == "wt"
    assert lo.closed is False
    assert conn.status == ext.STATUS_BEGIN
    assert repr(lo) == f"<lobject object at {id(lo):#x}; closed: 0>"
    assert str(lo) == repr(lo)


@pytest.mark.parametrize("mode, shown, closed", [
    ("r", "rt", False), ("w", "wt", False), ("rw", "rwt", False),
    ("n", "n", True), ("rb", "rb", False), ("rt", "rt", False),
    ("wb", "wb", False), ("wt", "wt", False), ("rwb", "rwb", False),
    ("rwt", "rwt", False), ("nb", "n", True), ("nt", "n", True),
    ("b", "rb", False), ("t", "rt", False), ("", "rt", False),
    (None, "rt", False),
])
def test_modes(conn, oid, mode, shown, closed):
    lo = conn.lobject(oid, mode)
    assert lo.mode == shown
    assert lo.oid == oid
    assert lo.closed is closed


@pytest.mark.parametrize("mode, shown", [
    ("r", "wt"), ("rw", "wt"), ("n", "wt"), ("rb", "wb"), ("nb", "wb"),
    ("b", "wb"), ("", "wt"),
])
def test_new_objects_open_for_writing(conn, mode, shown):
    lo = conn.lobject(0, mode)
    assert lo.mode == shown
    assert not lo.closed
    assert lo.write("abc") == 3
    lo.seek(0)
    assert lo.read() == ("abc" if shown == "wt" else b"abc")


@pytest.mark.parametrize("mode", ["x", "rr", "r+", "br", "tr", "R", "wr",
                                  "rbt", "nn", "bb"])
def test_bad_mode(conn, oid, mode):
    with pytest.raises(ValueError, match=re.escape(f"bad mode for lobject: '{mode}'")):
        conn.lobject(oid, mode)


@pytest.mark.parametrize("mode", [b"r", 1])
def test_mode_type(conn, mode):
    with pytest.raises(TypeError, match="must be str or None"):
        conn.lobject(0, mode)


def test_keyword_arguments(conn, oid):
    lo = conn.lobject(oid=oid, mode="rb", new_oid=0, new_file=None,
                      lobject_factory=ext.lobject)
    assert lo.read() == b"0123456789"


@only_ours
def test_factory_none_is_default(conn):
    # psycopg2 tries to call None (TypeError)
    assert type(conn.lobject(lobject_factory=None)) is ext.lobject


def test_readonly_attributes(conn):
    lo = conn.lobject()
    for attr in ("oid", "mode", "closed"):
        with pytest.raises(AttributeError):
            setattr(lo, attr, 1)
        with pytest.raises(AttributeError):
            delattr(lo, attr)
    with pytest.raises(AttributeError):
        lo.foo = 1


# ------------------------------------------------------ reading, writing


def test_write_read_binary(conn):
    lo = conn.lobject(0, "wb")
    assert lo.write(b"hello \x00\xff") == 8
    assert lo.tell() == 8
    assert lo.seek(0) == 0
    assert lo.read() == b"hello \x00\xff"
    assert lo.read() == b""
    lo.seek(2)
    assert lo.read(3) == b"llo"
    assert lo.read(0) == b""
    assert lo.read(-5) == b" \x00\xff"


def test_write_read_text(conn):
    lo = conn.lobject()
    assert lo.write("hello è") == 8      # bytes written, UTF-8
    assert lo.write(b" \xc3\xa8") == 3   # bytes are written as they are
    lo.seek(0)
    data = lo.read()
    assert type(data) is str
    assert data == "hello è è"


def test_text_read_splitting_a_character(conn):
    lo = conn.lobject()
    lo.write("è")
    lo.seek(0)
    with pytest.raises(UnicodeDecodeError):
        lo.read(1)


def test_text_in_connection_encoding(conn):
    conn.set_client_encoding("LATIN1")
    lo = conn.lobject(0, "w")
    assert lo.write("è") == 1
    with pytest.raises(UnicodeEncodeError):
        lo.write("€")
    lo.seek(0)
    assert lo.read() == "è"
    # the same bytes, seen in binary
    assert conn.lobject(lo.oid, "rb").read() == b"\xe8"


@pytest.mark.parametrize("value, name", [
    (5, "int"), (None, "NoneType"), (bytearray(b"ab"), "bytearray"),
    (memoryview(b"ab"), "memoryview"),
])
def test_write_bad_type(conn, value, name):
    lo = conn.lobject()
    with pytest.raises(TypeError, match=f"lobject.write requires a string; "
                       f"got {name} instead"):
        lo.write(value)
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_INTRANS


def test_read_bad_arguments(conn):
    lo = conn.lobject()
    with pytest.raises(TypeError):
        lo.read("x")
    with pytest.raises(TypeError):
        lo.read(None)
    with pytest.raises(TypeError, match="takes no keyword arguments"):
        lo.read(size=2)
    with pytest.raises(TypeError):
        lo.seek(1.0)
    with pytest.raises(TypeError):
        lo.export()
    with pytest.raises(TypeError):
        lo.close(1)


def test_big_read(conn):
    data = bytes(range(256)) * 12000       # ~3 MB: the chunked paths
    lo = conn.lobject(0, "wb")
    assert lo.write(data) == len(data)
    lo.seek(0)
    assert lo.read() == data
    lo.seek(0)
    assert lo.read(2000000) == data[:2000000]
    assert lo.tell() == 2000000
    assert lo.read(2000000) == data[2000000:]
    assert lo.read(2000000) == b""


@only_ours
def test_read_size_larger_than_data(conn):
    # psycopg2 allocates the size asked before reading: MemoryError here.
    lo = conn.lobject(0, "wb")
    lo.write(b"abc")
    lo.seek(0)
    assert lo.read(2 ** 40) == b"abc"


def test_write_on_read_only(conn, oid):
    lo = conn.lobject(oid, "rb")
    with pytest.raises(psycopg2.OperationalError,
                       match="was not opened for writing"):
        lo.write(b"x")
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_INERROR


def test_read_on_write_only(conn, oid):
    # INV_WRITE allows reading too, on the server side
    assert conn.lobject(oid, "w").read(5) == "01234"


# -------------------------------------------------- seek, tell, truncate


def test_seek_whence(conn, oid):
    lo = conn.lobject(oid, "rb")
    assert lo.seek(4) == 4
    assert lo.seek(2, 1) == 6
    assert lo.tell() == 6
    assert lo.seek(-3, 2) == 7
    assert lo.read() == b"789"
    assert lo.seek(0, 0) == 0


def test_seek_beyond_2gb(conn):
    """64-bit offsets, without writing 2 GB: the object is sparse."""
    lo = conn.lobject(0, "wb")
    assert lo.seek(GB2 + 10) == GB2 + 10
    assert lo.write(b"abc") == 3
    assert lo.tell() == GB2 + 13
    assert lo.seek(0, 2) == GB2 + 13
    assert lo.seek(-3, 2) == GB2 + 10
    assert lo.read() == b"abc"
    lo.seek(GB2 - 2)
    assert lo.read(4) == b"\x00\x00\x00\x00"


def test_truncate(conn, oid):
    lo = conn.lobject(oid, "rwb")
    assert lo.truncate(4) is None
    assert lo.read() == b"0123"
    lo.truncate()
    assert lo.seek(0, 2) == 0
    lo.truncate(GB2 + 5)       # grows, beyond 2 GB
    assert lo.seek(0, 2) == GB2 + 5
    lo.seek(GB2)
    assert lo.read() == b"\x00" * 5


@pytest.mark.parametrize("call, message", [
    (lambda lo: lo.seek(-100), "invalid large object seek target: -100"),
    (lambda lo: lo.seek(0, 7), "invalid whence setting: 7"),
    (lambda lo: lo.truncate(-1),
     "invalid large object truncation target: -1"),
    (lambda lo: lo.seek(2 ** 62),
     "invalid large object seek target: 4611686018427387904"),
])
def test_server_errors(conn, oid, call, message):
    lo = conn.lobject(oid, "rw")
    with pytest.raises(psycopg2.OperationalError) as exc:
        call(lo)
    assert str(exc.value) == f"ERROR:  {message}\n"
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_INERROR
    with pytest.raises(psycopg2.OperationalError, match="transaction is "
                       "aborted"):
        lo.tell()
    conn.rollback()
    assert conn.lobject(oid).read() == "0123456789"


def test_offsets_beyond_ssize_t(conn):
    lo = conn.lobject()
    for big in (2 ** 63, 2 ** 64):
        with pytest.raises(OverflowError):
            lo.seek(big)
        with pytest.raises(OverflowError):
            lo.truncate(big)


# ------------------------------------------------ create, import, export


def test_new_oid(conn):
    free = 7000000 + id(conn) % 1000000
    lo = conn.lobject(0, "w", free)
    assert lo.oid == free
    assert lo.mode == "wt"
    with pytest.raises(psycopg2.OperationalError,
                       match="duplicate key value"):
        conn.lobject(0, "w", free)


def test_new_oid_ignored_with_oid(conn, oid):
    assert conn.lobject(oid, "r", 424243).oid == oid


def test_import(conn, tmp_path):
    src = tmp_path / "in.bin"
    src.write_bytes(b"imported \x00 data")
    lo = conn.lobject(0, "rb", 0, str(src))
    assert lo.mode == "wb"
    assert lo.read() == b"imported \x00 data"
    lo2 = conn.lobject(0, "r", 0, str(src))
    assert lo2.oid != lo.oid
    assert lo2.read() == "imported \x00 data"


@only_ours
def test_import_with_new_oid(conn, tmp_path):
    # psycopg2 ignores new_oid when importing a file.
    src = tmp_path / "in.bin"
    src.write_bytes(b"x")
    free = 8000000 + id(conn) % 1000000
    assert conn.lobject(0, "w", free, str(src)).oid == free


def test_import_ignored_with_oid(conn, oid, tmp_path):
    src = tmp_path / "in.bin"
    src.write_bytes(b"other")
    lo = conn.lobject(oid, "rb", 0, str(src))
    assert lo.oid == oid
    assert lo.read() == b"0123456789"


def test_import_missing_file(conn, tmp_path):
    missing = str(tmp_path / "missing")
    with pytest.raises(psycopg2.OperationalError) as exc:
        conn.lobject(0, "r", 0, missing)
    assert str(exc.value) == (f'could not open file "{missing}": '
                              f'No such file or directory\n')


@pytest.mark.parametrize("value", [b"/tmp/x", 5])
def test_import_bad_type(conn, value):
    with pytest.raises(TypeError, match="argument 4 must be str or None"):
        conn.lobject(0, "w", 0, value)


def test_export(conn, oid, tmp_path):
    dst = tmp_path / "out.bin"
    lo = conn.lobject(oid)
    assert lo.export(str(dst)) is None
    assert dst.read_bytes() == b"0123456789"
    with pytest.raises(TypeError, match="argument 1 must be str"):
        lo.export(dst.as_posix().encode())
    with pytest.raises(TypeError, match="no keyword arguments"):
        lo.export(file_name=str(dst))


def test_export_bad_path(conn, oid, tmp_path):
    bad = str(tmp_path / "no" / "such" / "dir")
    with pytest.raises(psycopg2.OperationalError,
                       match="could not open file"):
        conn.lobject(oid).export(bad)
    # a client-side failure: the transaction is fine
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_INTRANS


def test_export_closed_object(conn, oid, tmp_path):
    lo = conn.lobject(oid)
    lo.close()
    lo.export(str(tmp_path / "out"))
    assert (tmp_path / "out").read_bytes() == b"0123456789"


# ---------------------------------------------------- unlink and close


def test_unlink(conn, make_conn):
    lo = conn.lobject()
    oid = lo.oid
    conn.commit()
    lo = conn.lobject(oid)
    assert lo.unlink() is None
    assert lo.closed
    assert lo.oid == oid
    conn.commit()
    assert not lo_exists(make_conn(), oid)
    with pytest.raises(psycopg2.OperationalError,
                       match=f"large object {oid} does not exist"):
        conn.lobject(oid)


def test_unlink_closed_object(conn):
    lo = conn.lobject()
    lo.close()
    lo.unlink()
    assert not lo_exists(conn, lo.oid)


def test_close(conn, oid):
    lo = conn.lobject(oid)
    assert lo.close() is None
    assert lo.closed
    assert lo.close() is None
    assert repr(lo).endswith("closed: 1>")
    for call in (lo.read, lo.tell, lo.truncate, lambda: lo.seek(0),
                 lambda: lo.write(b"x")):
        with pytest.raises(psycopg2.InterfaceError,
                           match="lobject already closed"):
            call()


def test_close_in_failed_transaction(conn, oid):
    lo = conn.lobject(oid)
    with pytest.raises(psycopg2.OperationalError):
        lo.seek(-1)
    with pytest.raises(psycopg2.OperationalError, match="aborted"):
        lo.close()
    assert lo.closed     # closed all the same


def test_n_mode(conn, oid, tmp_path):
    lo = conn.lobject(oid, "n")
    assert lo.closed
    with pytest.raises(psycopg2.InterfaceError):
        lo.read()
    lo.export(str(tmp_path / "out"))
    assert (tmp_path / "out").read_bytes() == b"0123456789"


# ----------------------------------------------------- transaction end


@pytest.mark.parametrize("end", ["commit", "rollback"])
def test_invalid_after_transaction(conn, oid, end, tmp_path):
    lo = conn.lobject(oid)
    getattr(conn, end)()
    assert lo.closed is False      # as psycopg2: not closed, not valid
    for call in (lo.read, lo.tell, lo.truncate, lambda: lo.seek(0),
                 lambda: lo.write(b"x")):
        with pytest.raises(psycopg2.ProgrammingError,
                           match="lobject isn't valid anymore"):
            call()
    # what works on the oid still works (in a new transaction)
    lo.export(str(tmp_path / "out"))
    assert (tmp_path / "out").read_bytes() == b"0123456789"
    assert conn.status == ext.STATUS_BEGIN


def test_valid_across_statements(conn, oid):
    lo = conn.lobject(oid)
    cur = conn.cursor()
    cur.execute("select 1")
    assert lo.read() == "0123456789"


@only_ours
def test_close_after_transaction(conn, oid):
    # psycopg2 leaves such an object open (closed False) after close().
    lo = conn.lobject(oid)
    conn.commit()
    lo.close()
    assert lo.closed
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_IDLE


def test_unlink_after_transaction(conn, make_conn):
    lo = conn.lobject()
    conn.commit()
    lo.unlink()
    conn.commit()
    assert not lo_exists(make_conn(), lo.oid)


def test_created_object_persists(conn, make_conn):
    lo = conn.lobject(0, "wb")
    lo.write(b"kept")
    conn.commit()
    other = make_conn()
    assert other.lobject(lo.oid, "rb").read() == b"kept"
    other.lobject(lo.oid).unlink()
    other.commit()


def test_rolled_back_object_is_gone(conn, make_conn):
    lo = conn.lobject()
    conn.rollback()
    assert not lo_exists(make_conn(), lo.oid)


# --------------------------------------------------- connection states


def test_autocommit_refused(conn, oid, tmp_path):
    lo = conn.lobject(oid)
    conn.rollback()
    conn.autocommit = True
    msg = "can't use a lobject outside of transactions"
    with pytest.raises(psycopg2.ProgrammingError, match=msg):
        conn.lobject()
    with pytest.raises(psycopg2.ProgrammingError, match=msg):
        ext.lobject(conn)
    with pytest.raises(psycopg2.ProgrammingError, match=msg):
        lo.read()
    with pytest.raises(psycopg2.ProgrammingError, match=msg):
        lo.export(str(tmp_path / "out"))
    lo.close()


def test_failed_transaction(conn, oid):
    cur = conn.cursor()
    with pytest.raises(psycopg2.DataError):
        cur.execute("select 1/0")
    with pytest.raises(psycopg2.OperationalError,
                       match="current transaction is aborted"):
        conn.lobject(oid)


def test_nonexistent(conn):
    with pytest.raises(psycopg2.OperationalError) as exc:
        conn.lobject(12345678)
    assert str(exc.value) == "ERROR:  large object 12345678 does not exist\n"
    assert exc.value.pgcode is None
    assert exc.value.pgerror is None
    assert conn.get_transaction_status() == ext.TRANSACTION_STATUS_INERROR
    conn.rollback()
    # mode 'n' opens nothing, so finds nothing wrong
    assert conn.lobject(12345678, "n").closed


def test_closed_connection(make_conn, tmp_path):
    conn = make_conn()
    lo = conn.lobject()
    conn.close()
    with pytest.raises(psycopg2.InterfaceError,
                       match="connection already closed"):
        conn.lobject()
    with pytest.raises(psycopg2.InterfaceError,
                       match="lobject already closed"):
        lo.read()
    assert lo.closed
    lo.close()
    # psycopg2: OperationalError "connection pointer is NULL"
    if OURS:
        with pytest.raises(psycopg2.InterfaceError):
            lo.unlink()
        with pytest.raises(psycopg2.InterfaceError):
            lo.export(str(tmp_path / "x"))


def test_prepared_transaction(conn):
    conn.tpc_begin("lotpc-lobject-prepared")
    lo = conn.lobject()
    conn.tpc_prepare()
    try:
        with pytest.raises(psycopg2.ProgrammingError, match="lobject cannot "
                           "be used with a prepared two-phase transaction"):
            conn.lobject()
        with pytest.raises(psycopg2.ProgrammingError,
                           match="lobject isn't valid anymore"):
            lo.read()
        lo.close()
        if OURS:
            # psycopg2 runs them, opening a transaction under the prepared
            # one (and finds no object, not committed yet).
            with pytest.raises(psycopg2.ProgrammingError, match="unlink "
                               "cannot be used with a prepared"):
                lo.unlink()
    finally:
        conn.tpc_rollback()


def test_in_two_phase_transaction(conn, oid):
    conn.tpc_begin("lotpc-lobject-tpc")
    assert conn.lobject(oid).read() == "0123456789"
    conn.tpc_rollback()


# ------------------------------------------------------------ factories


def test_factory_subclass(conn, oid):
    class MyLo(ext.lobject):
        pass

    lo = conn.lobject(oid, "rb", lobject_factory=MyLo)
    assert type(lo) is MyLo
    assert lo.read() == b"0123456789"


def test_factory_arguments(conn, tmp_path):
    seen = []

    def factory(*args, **kwargs):
        seen.append((args[1:], kwargs))
        return ext.lobject(*args, **kwargs)

    conn.lobject(lobject_factory=factory)
    conn.lobject(0, "rb", 0, lobject_factory=factory)
    src = tmp_path / "f"
    src.write_bytes(b"")
    conn.lobject(0, "w", 0, str(src), lobject_factory=factory)
    # new_file is only passed when given, as psycopg2 does
    assert seen == [((0, "", 0), {}), ((0, "rb", 0), {}),
                    ((0, "w", 0, str(src)), {})]


def test_factory_bad_result(conn):
    with pytest.raises(TypeError, match="lobject factory must be subclass"):
        conn.lobject(lobject_factory=lambda *a: 42)
    with pytest.raises(TypeError):
        conn.lobject(lobject_factory=int)


def test_direct_constructor(conn, oid):
    lo = ext.lobject(conn)
    assert lo.mode == "wt" and lo.oid > 0
    assert ext.lobject(conn, oid, "rb").read() == b"0123456789"
    with pytest.raises(TypeError, match="must be psycopg2.extensions."
                       "connection, not int"):
        ext.lobject(1)
    with pytest.raises(TypeError):
        ext.lobject()


@only_ours
def test_direct_constructor_keywords(conn, oid):
    # psycopg2 silently ignores keyword arguments here
    assert ext.lobject(conn, oid=oid, mode="rb").read() == b"0123456789"


@only_ours
def test_reinit_refused(conn, oid):
    # psycopg2 opens a second descriptor and forgets the first
    lo = conn.lobject(oid)
    with pytest.raises(psycopg2.InterfaceError, match="already initialised"):
        lo.__init__(conn, oid)
    assert lo.read() == "0123456789"


@only_ours
@pytest.mark.parametrize("bad", [-1, 2 ** 32, 2 ** 40])
def test_oid_out_of_range(conn, bad):
    # psycopg2 wraps these around: -1 is oid 4294967295, 2**40 is oid 0
    # (a new object is created).
    with pytest.raises(OverflowError, match="oid must be between"):
        conn.lobject(bad)
    with pytest.raises(OverflowError):
        conn.lobject(0, "w", bad)


def test_oid_type(conn):
    with pytest.raises(TypeError):
        conn.lobject("1")
    with pytest.raises(TypeError):
        conn.lobject(1.0)


@only_ours
def test_uninitialised():
    # psycopg2 crashes on unlink() of such an object
    lo = ext.lobject.__new__(ext.lobject)
    assert lo.closed
    assert lo.oid == 0
    assert lo.mode is None
    assert repr(lo).endswith("closed: 1>")
    lo.close()
    for call in (lo.read, lo.tell, lo.unlink, lambda: lo.export("/tmp/x"),
                 lambda: lo.write(b"x"), lambda: lo.seek(0)):
        with pytest.raises(psycopg2.InterfaceError):
            call()


# ------------------------------------------------ threads, memory, gc


def test_threads_share_connection(conn):
    """Threads doing large object work on one connection are serialised
    by the connection lock; each object keeps its own position."""
    objs = [conn.lobject(0, "wb") for _ in range(4)]
    errors = []

    def work(lo, tag):
        try:
            for i in range(50):
                lo.write(bytes([tag]) * 10)
                lo.seek(0)
                assert lo.read(10) == bytes([tag]) * 10
                lo.seek(0, 2)
        except Exception as e:      # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(lo, i))
               for i, lo in enumerate(objs)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    for i, lo in enumerate(objs):
        assert lo.tell() == 500
        lo.seek(0)
        assert lo.read() == bytes([i]) * 500


def test_gc_collects_cycle(conn):
    import weakref

    class MyLo(ext.lobject):
        pass

    lo = conn.lobject(lobject_factory=MyLo)
    lo.me = lo
    ref = weakref.ref(lo)
    del lo
    gc.collect()
    assert ref() is None
    cur = conn.cursor()
    cur.execute("select 1")


def test_dealloc_closes_descriptor(conn, oid):
    for _ in range(200):
        conn.lobject(oid, "rb")
    # the descriptors were closed one by one: the server still serves
    assert conn.lobject(oid, "rb").read() == b"0123456789"


@pytest.mark.slow
def test_no_leak_io(conn, assert_no_leak, tmp_path):
    out = str(tmp_path / "out")
    data = b"x" * 10000

    def once():
        lo = conn.lobject(0, "wb")
        lo.write(data)
        lo.seek(0)
        assert len(lo.read()) == 10000
        lo.truncate(10)
        lo.export(out)
        lo.unlink()
        lo2 = conn.lobject()
        lo2.write("text è")
        lo2.seek(0)
        lo2.read(100)
        lo2.close()
        conn.rollback()

    # 1000 cycles: leaking the data read would be 10 MB
    assert_no_leak(once, n=1000, warmup=100, limit_kb=1024)


def test_no_leak_errors(conn, assert_no_leak):
    lo = conn.lobject()
    closed = conn.lobject()
    closed.close()

    def once():
        for call in (lambda: conn.lobject(0, "bad"),
                     lambda: lo.write(None),
                     closed.read, lambda: closed.write(b"x"),
                     lambda: conn.lobject(-1),
                     lambda: conn.lobject(lobject_factory=lambda *a: 1)):
            try:
                call()
            except (ValueError, TypeError, OverflowError,
                    psycopg2.Error):
                pass
        repr(ext.lobject.__new__(ext.lobject))

    # 20000 cycles: leaking 50 bytes per cycle would be 1 MB
    assert_no_leak(once, n=20000, warmup=1000, limit_kb=512)
