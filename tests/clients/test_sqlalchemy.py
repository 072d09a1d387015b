"""SQLAlchemy 2.x over psycopg2 (the ``postgresql+psycopg2://`` dialect).

Realistic application scenarios against a real server: Core, ORM, the
dialect's executemany modes, PostgreSQL types, server-side cursors,
isolation levels, pool pre-ping / disconnect detection and error mapping.
Each test gets its own database (``fresh_dsn``).
"""

import datetime as dt
import decimal
import logging
import uuid

import pytest

sa = pytest.importorskip("sqlalchemy")

import psycopg2  # noqa: E402
import psycopg2.errors  # noqa: E402
from sqlalchemy import (  # noqa: E402
    BigInteger, Boolean, Column, Date, DateTime, Enum, Float, ForeignKey,
    Integer, Interval, LargeBinary, MetaData, Numeric, String, Table, Text,
    Time, bindparam, func, insert, select, text, update,
)
from sqlalchemy.dialects import postgresql as pg  # noqa: E402
from sqlalchemy.orm import (  # noqa: E402
    DeclarativeBase, Mapped, Session, mapped_column, relationship,
    selectinload,
)

UTC = dt.timezone.utc


def dsn_params(dsn):
    """Key/value libpq DSN (as the fixtures write it) -> dict."""
    return dict(part.split("=", 1) for part in dsn.split())


def sa_url(dsn, **query):
    p = dsn_params(dsn)
    url = sa.engine.URL.create(
        "postgresql+psycopg2", username=p.get("user"), password=p.get("password"),
        host=p["host"], port=int(p["port"]), database=p["dbname"], query=query)
    return url


@pytest.fixture
def make_engine(fresh_dsn):
    made = []

    def make_engine(**kwargs):
        eng = sa.create_engine(sa_url(fresh_dsn), **kwargs)
        made.append(eng)
        return eng

    yield make_engine
    for eng in made:
        eng.dispose()


@pytest.fixture
def engine(make_engine):
    return make_engine()


def backend_pid(conn):
    return conn.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()


# -- connecting ------------------------------------------------------------


def test_connect_dialect_sees_psycopg2(engine):
    with engine.connect() as conn:
        assert conn.execute(text("SELECT 1 + :x"), {"x": 41}).scalar_one() == 42
        dialect = conn.dialect
        assert dialect.driver == "psycopg2"
        assert dialect.dbapi is psycopg2
        # SQLAlchemy parses psycopg2.__version__ to enable 2.9 code paths
        assert dialect.psycopg2_version >= (2, 9)
        assert dialect.server_version_info >= (10,)
        raw = conn.connection.dbapi_connection
        assert isinstance(raw, psycopg2.extensions.connection)
        assert conn.exec_driver_sql("SHOW client_encoding").scalar_one() == "UTF8"


def test_multi_host_url(fresh_dsn):
    # SQLAlchemy 2 turns ?host=h:p&host=h:p into psycopg2's multi-host host/port
    p = dsn_params(fresh_dsn)
    hp = f"{p['host']}:{p['port']}"
    url = sa.engine.URL.create(
        "postgresql+psycopg2", username=p["user"], database=p["dbname"],
        query={"host": [hp, hp]})
    eng = sa.create_engine(url)
    try:
        with eng.connect() as conn:
            assert conn.exec_driver_sql("SELECT current_database()").scalar_one() == p["dbname"]
    finally:
        eng.dispose()


def test_notices_are_logged_and_cleared(engine, caplog):
    with caplog.at_level(logging.INFO, logger="sqlalchemy.dialects.postgresql"):
        with engine.connect() as conn:
            conn.exec_driver_sql(
                "DO $$ BEGIN RAISE NOTICE 'hello from plpgsql'; END $$")
            assert conn.connection.dbapi_connection.notices == []
    assert any("hello from plpgsql" in r.getMessage() for r in caplog.records)


# -- Core --------------------------------------------------------------------


def make_items_table(metadata):
    return Table(
        "items", metadata,
        Column("id", Integer, primary_key=True),
        Column("name", String(50), nullable=False, unique=True),
        Column("qty", Integer, nullable=False, server_default="0"),
        Column("price", Numeric(10, 2)),
        Column("created", DateTime(timezone=True), server_default=func.now()),
    )


def test_core_create_insert_select_returning(engine):
    md = MetaData()
    items = make_items_table(md)
    md.create_all(engine)
    assert sa.inspect(engine).has_table("items")

    with engine.begin() as conn:
        res = conn.execute(
            insert(items).returning(items.c.id, items.c.qty, items.c.created),
            {"name": "apple", "price": decimal.Decimal("1.25")})
        row = res.one()
        assert row.qty == 0
        assert row.created.tzinfo is not None
        apple_id = row.id
        conn.execute(insert(items), [
            {"name": "pear", "qty": 3, "price": decimal.Decimal("0.99")},
            {"name": "plum", "qty": 7, "price": None},
        ])

    with engine.connect() as conn:
        q = select(items.c.name, items.c.price).where(
            items.c.qty >= bindparam("min_qty")).order_by(items.c.name)
        assert conn.execute(q, {"min_qty": 1}).all() == [
            ("pear", decimal.Decimal("0.99")), ("plum", None)]
        # IN with an expanding list parameter
        q = select(items.c.id).where(items.c.name.in_(["apple", "plum", "nope"]))
        assert len(conn.execute(q).all()) == 2
        # text() with bind params of several types, including a % in SQL
        got = conn.execute(
            text("SELECT name FROM items WHERE name LIKE 'p%' AND qty < :q ORDER BY id"),
            {"q": 5}).scalars().all()
        assert got == ["pear"]

    with engine.begin() as conn:
        res = conn.execute(
            update(items).where(items.c.id == apple_id).values(qty=items.c.qty + 10)
            .returning(items.c.qty))
        assert res.scalar_one() == 10
        res = conn.execute(items.delete().where(items.c.qty > 5))
        assert res.rowcount == 2

    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(items)).scalar_one() == 1


def test_exec_driver_sql_paramstyles(engine):
    with engine.connect() as conn:
        # the dialect's paramstyle is pyformat; positional %s also works
        assert conn.exec_driver_sql("SELECT %(a)s::int + %(b)s::int", {"a": 1, "b": 2}).scalar() == 3
        assert conn.exec_driver_sql("SELECT %s || %s", ("x", "y")).scalar() == "xy"
        assert conn.exec_driver_sql("SELECT '100%%'").scalar() == "100%"


@pytest.mark.parametrize("mode", ["values_only", "values_plus_batch"])
def test_executemany_modes_1000_rows(make_engine, mode):
    engine = make_engine(executemany_mode=mode, insertmanyvalues_page_size=300)
    assert engine.dialect.executemany_mode is not None
    md = MetaData()
    t = Table(
        "bulk", md,
        Column("id", Integer, primary_key=True),
        Column("n", Integer, nullable=False),
        Column("label", Text),
        Column("amount", Numeric(12, 3)),
    )
    md.create_all(engine)
    rows = [{"n": i, "label": f"row {i} 'q' %s", "amount": decimal.Decimal(i) / 8}
            for i in range(1000)]
    with engine.begin() as conn:
        conn.execute(insert(t), rows)
    with engine.connect() as conn:
        assert conn.execute(select(func.count(), func.sum(t.c.n))).one() == (1000, 499500)
        got = conn.execute(select(t.c.n, t.c.label, t.c.amount).order_by(t.c.n)).all()
        assert [tuple(r) for r in got] == [(r["n"], r["label"], r["amount"]) for r in rows]

    # executemany INSERT .. RETURNING (insertmanyvalues), order kept
    more = [{"n": 1000 + i, "label": None, "amount": None} for i in range(500)]
    with engine.begin() as conn:
        res = conn.execute(insert(t).returning(t.c.id, t.c.n, sort_by_parameter_order=True), more)
        got = res.all()
    assert [r.n for r in got] == [r["n"] for r in more]
    assert len({r.id for r in got}) == 500

    # executemany UPDATE (execute_batch with values_plus_batch)
    with engine.begin() as conn:
        conn.execute(
            update(t).where(t.c.n == bindparam("old")).values(label=bindparam("new")),
            [{"old": i, "new": f"updated {i}"} for i in range(0, 1000, 2)])
    with engine.connect() as conn:
        assert conn.execute(
            select(func.count()).where(t.c.label.like("updated %"))).scalar_one() == 500


# -- ORM ---------------------------------------------------------------------


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    fullname: Mapped[str | None]
    addresses: Mapped[list["Address"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", order_by="Address.id")


class Address(Base):
    __tablename__ = "addresses"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user: Mapped[User] = relationship(back_populates="addresses")


def test_orm_crud_relationship_commit_rollback(engine):
    Base.metadata.create_all(engine)
    with Session(engine) as s:
        s.add_all([
            User(name="ann", fullname="Ann Smith",
                 addresses=[Address(email="ann@a.org"), Address(email="ann@b.org")]),
            User(name="bob", addresses=[Address(email="bob@a.org")]),
        ])
        s.commit()

    with Session(engine) as s:
        users = s.scalars(
            select(User).options(selectinload(User.addresses)).order_by(User.name)).all()
        assert [(u.name, [a.email for a in u.addresses]) for u in users] == [
            ("ann", ["ann@a.org", "ann@b.org"]), ("bob", ["bob@a.org"])]
        bob = users[1]
        bob.fullname = "Bob Jones"
        bob.addresses.append(Address(email="bob@b.org"))
        s.commit()

    # rollback discards pending changes
    with Session(engine) as s:
        ann = s.scalars(select(User).where(User.name == "ann")).one()
        ann.fullname = "changed"
        s.add(User(name="carl"))
        s.flush()
        assert s.scalar(select(func.count(User.id))) == 3
        s.rollback()
        assert s.scalar(select(func.count(User.id))) == 2
        assert s.get(User, ann.id).fullname == "Ann Smith"

    # join query and cascade delete
    with Session(engine) as s:
        emails = s.scalars(
            select(Address.email).join(Address.user).where(User.fullname == "Bob Jones")
            .order_by(Address.email)).all()
        assert emails == ["bob@a.org", "bob@b.org"]
        s.delete(s.scalars(select(User).where(User.name == "bob")).one())
        s.commit()
        assert s.scalar(select(func.count(Address.id))) == 2


def test_orm_integrity_error_then_session_reusable(engine):
    Base.metadata.create_all(engine)
    with Session(engine) as s:
        s.add(User(name="dup"))
        s.commit()
        s.add(User(name="dup"))
        with pytest.raises(sa.exc.IntegrityError) as ei:
            s.commit()
        assert isinstance(ei.value.orig, psycopg2.errors.UniqueViolation)
        s.rollback()
        s.add(User(name="other"))
        s.commit()
        assert s.scalar(select(func.count(User.id))) == 2


# -- types -------------------------------------------------------------------


def test_json_and_jsonb(engine):
    md = MetaData()
    t = Table(
        "docs", md,
        Column("id", Integer, primary_key=True),
        Column("j", sa.JSON),
        Column("jb", pg.JSONB),
        Column("jn", pg.JSONB(none_as_null=True)),
    )
    md.create_all(engine)
    doc = {"a": 1, "b": [1, 2.5, None, "x"], "c": {"d": True}, "é": "ünïcode"}
    with engine.begin() as conn:
        conn.execute(insert(t), [
            {"id": 1, "j": doc, "jb": doc, "jn": None},
            {"id": 2, "j": [1, 2], "jb": "just a string", "jn": {"k": "v"}},
            {"id": 3, "j": sa.null(), "jb": None, "jn": None},
        ])
    with engine.connect() as conn:
        rows = conn.execute(select(t).order_by(t.c.id)).all()
        assert rows[0].j == doc and rows[0].jb == doc and rows[0].jn is None
        assert rows[1].j == [1, 2] and rows[1].jb == "just a string"
        assert rows[1].jn == {"k": "v"}
        # JSON null (not SQL NULL) for JSONB without none_as_null
        assert conn.execute(select(t.c.jb.is_(None)).where(t.c.id == 3)).scalar() is False
        assert conn.execute(select(t.c.jn.is_(None)).where(t.c.id == 3)).scalar() is True
        assert rows[2].jb is None
        # operators
        ids = conn.execute(select(t.c.id).where(t.c.jb["c"]["d"].as_boolean())).scalars().all()
        assert ids == [1]
        ids = conn.execute(select(t.c.id).where(t.c.jb.contains({"a": 1}))).scalars().all()
        assert ids == [1]
        assert conn.execute(select(t.c.jb["é"].astext).where(t.c.id == 1)).scalar() == "ünïcode"
        assert conn.execute(select(t.c.jn.has_key("k"))
                            .where(t.c.id == 2)).scalar() is True


def test_array_columns(engine):
    md = MetaData()
    t = Table(
        "arrs", md,
        Column("id", Integer, primary_key=True),
        Column("ints", pg.ARRAY(Integer)),
        Column("texts", pg.ARRAY(Text)),
        Column("grid", pg.ARRAY(Integer, dimensions=2)),
        Column("nums", pg.ARRAY(Numeric(6, 2))),
    )
    md.create_all(engine)
    with engine.begin() as conn:
        conn.execute(insert(t), [
            {"id": 1, "ints": [1, 2, 3], "texts": ["a", "b,c", 'q"uote', None, ""],
             "grid": [[1, 2], [3, 4]], "nums": [decimal.Decimal("1.50")]},
            {"id": 2, "ints": [], "texts": None, "grid": None, "nums": []},
        ])
    with engine.connect() as conn:
        r1, r2 = conn.execute(select(t).order_by(t.c.id)).all()
        assert r1.ints == [1, 2, 3]
        assert r1.texts == ["a", "b,c", 'q"uote', None, ""]
        assert r1.grid == [[1, 2], [3, 4]]
        assert r1.nums == [decimal.Decimal("1.50")]
        assert r2.ints == [] and r2.texts is None
        assert conn.execute(select(t.c.id).where(t.c.ints.contains([3, 1]))).scalars().all() == [1]
        assert conn.execute(select(t.c.ints[2]).where(t.c.id == 1)).scalar() == 2
        assert conn.execute(select(t.c.id).where(
            sa.literal(2) == sa.any_(t.c.ints))).scalars().all() == [1]


def test_uuid_as_uuid_true_and_false(engine):
    md = MetaData()
    t = Table(
        "uuids", md,
        Column("u", pg.UUID(as_uuid=True), primary_key=True),
        Column("s", pg.UUID(as_uuid=False)),
        Column("g", sa.Uuid()),
        Column("ua", pg.ARRAY(pg.UUID(as_uuid=True))),
    )
    md.create_all(engine)
    u1, u2 = uuid.uuid4(), uuid.uuid4()
    with engine.begin() as conn:
        conn.execute(insert(t), [
            {"u": u1, "s": str(u2), "g": u2, "ua": [u1, u2]},
            {"u": u2, "s": None, "g": None, "ua": []},
        ])
    with engine.connect() as conn:
        row = conn.execute(select(t).where(t.c.u == u1)).one()
        assert row.u == u1 and isinstance(row.u, uuid.UUID)
        assert row.s == str(u2) and isinstance(row.s, str)
        assert row.g == u2
        assert row.ua == [u1, u2]
        assert conn.execute(select(t.c.u).where(t.c.s == str(u2))).scalar_one() == u1
        assert conn.execute(select(func.count()).where(t.c.g.is_(None))).scalar_one() == 1


def test_scalar_types_roundtrip(engine):
    md = MetaData()
    mood = Enum("sad", "ok", "happy", name="mood")
    t = Table(
        "types", md,
        Column("id", Integer, primary_key=True),
        Column("big", BigInteger),
        Column("num", Numeric(20, 6)),
        Column("numf", Numeric(10, 2, asdecimal=False)),
        Column("flt", Float),
        Column("flag", Boolean),
        Column("day", Date),
        Column("at", Time),
        Column("ts", DateTime),
        Column("tstz", DateTime(timezone=True)),
        Column("span", Interval),
        Column("blob", LargeBinary),
        Column("mood", mood),
        Column("txt", Text),
    )
    md.create_all(engine)
    tz = dt.timezone(dt.timedelta(hours=5, minutes=30))
    vals = {
        "id": 1, "big": 2**62, "num": decimal.Decimal("12345678901234.123456"),
        "numf": 3.25, "flt": 1.5e-300, "flag": True,
        "day": dt.date(2024, 2, 29), "at": dt.time(23, 59, 58, 123456),
        "ts": dt.datetime(2001, 2, 3, 4, 5, 6, 789),
        "tstz": dt.datetime(2020, 6, 1, 12, 0, tzinfo=tz),
        "span": dt.timedelta(days=3, hours=4, microseconds=5),
        "blob": bytes(range(256)) * 4, "mood": "happy", "txt": "naïve ☃ \\ ' \" %",
    }
    with engine.begin() as conn:
        conn.execute(insert(t), vals)
        conn.execute(insert(t), {"id": 2})
    with engine.connect() as conn:
        r = conn.execute(select(t).where(t.c.id == 1)).one()._asdict()
        for k, v in vals.items():
            assert r[k] == v, k
        assert isinstance(r["num"], decimal.Decimal)
        assert isinstance(r["numf"], float)
        assert isinstance(r["blob"], bytes)
        assert r["tstz"].utcoffset() is not None
        assert r["ts"].tzinfo is None
        r2 = conn.execute(select(t).where(t.c.id == 2)).one()._asdict()
        assert all(v is None for k, v in r2.items() if k != "id")
        # interval arithmetic computed by the server
        got = conn.execute(select(t.c.tstz + t.c.span).where(t.c.id == 1)).scalar_one()
        assert got == vals["tstz"] + vals["span"]


def test_hstore_native(fresh_dsn, make_engine):
    # the dialect looks for hstore (HstoreAdapter.get_oids) on first connect
    pre = psycopg2.connect(fresh_dsn)
    try:
        with pre, pre.cursor() as cur:
            cur.execute("CREATE EXTENSION IF NOT EXISTS hstore")
    finally:
        pre.close()
    engine = make_engine()
    md = MetaData()
    t = Table("hs", md, Column("id", Integer, primary_key=True), Column("h", pg.HSTORE))
    md.create_all(engine)
    with engine.begin() as conn:
        conn.execute(insert(t), [{"id": 1, "h": {"a": "1", "b": None, "ç": "ü"}},
                                 {"id": 2, "h": {}}])
    with engine.connect() as conn:
        assert engine.dialect._has_native_hstore
        assert conn.execute(select(t.c.h).where(t.c.id == 1)).scalar() == {
            "a": "1", "b": None, "ç": "ü"}
        assert conn.execute(select(t.c.h["a"]).where(t.c.id == 1)).scalar() == "1"
        assert conn.execute(select(t.c.id).where(t.c.h.has_key("ç"))).scalars().all() == [1]


def test_range_types(engine):
    from sqlalchemy.dialects.postgresql import Range
    md = MetaData()
    t = Table(
        "ranges", md,
        Column("id", Integer, primary_key=True),
        Column("r", pg.INT4RANGE),
        Column("tr", pg.TSTZRANGE),
        Column("nr", pg.NUMRANGE),
    )
    md.create_all(engine)
    t0 = dt.datetime(2024, 1, 1, tzinfo=UTC)
    t1 = dt.datetime(2024, 1, 2, tzinfo=UTC)
    with engine.begin() as conn:
        conn.execute(insert(t), [
            {"id": 1, "r": Range(1, 10), "tr": Range(t0, t1, bounds="[]"),
             "nr": Range(decimal.Decimal("0.5"), None)},
            {"id": 2, "r": Range(empty=True), "tr": None, "nr": None},
        ])
    with engine.connect() as conn:
        r1 = conn.execute(select(t).where(t.c.id == 1)).one()
        assert r1.r == Range(1, 10, bounds="[)")
        assert r1.tr.lower == t0 and r1.tr.upper == t1 and r1.tr.bounds == "[]"
        assert r1.nr.lower == decimal.Decimal("0.5") and r1.nr.upper is None
        assert conn.execute(select(t.c.r).where(t.c.id == 2)).scalar().isempty
        assert conn.execute(select(t.c.id).where(t.c.r.contains(5))).scalars().all() == [1]


# -- server-side cursors -----------------------------------------------------


def test_stream_results_and_yield_per(engine):
    md = MetaData()
    t = Table("many", md, Column("id", Integer, primary_key=True), Column("v", Text))
    md.create_all(engine)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO many SELECT g, 'v' || g FROM generate_series(1, 5000) g")

    with engine.connect() as conn:
        res = conn.execution_options(stream_results=True, max_row_buffer=200).execute(
            select(t).order_by(t.c.id))
        first = res.fetchmany(10)
        assert [r.id for r in first] == list(range(1, 11))
        # a server-side (named) cursor is open on this connection
        names = conn.exec_driver_sql("SELECT name FROM pg_cursors").scalars().all()
        assert any(n.startswith("c_") for n in names), names
        rest = res.all()
        assert len(rest) == 4990 and rest[-1].v == "v5000"

        total = 0
        with conn.execution_options(yield_per=1000).execute(select(t.c.id)) as res:
            for part in res.partitions():
                assert len(part) <= 1000
                total += len(part)
        assert total == 5000

    class Base2(DeclarativeBase):
        pass

    class Many(Base2):
        __table__ = t

    with Session(engine) as s:
        n = 0
        for obj in s.scalars(select(Many).order_by(Many.id).execution_options(yield_per=700)):
            n += 1
            assert obj.v == f"v{obj.id}"
        assert n == 5000


# -- isolation levels, read-only ----------------------------------------------


@pytest.mark.parametrize("level, shown", [
    ("READ COMMITTED", "read committed"),
    ("REPEATABLE READ", "repeatable read"),
    ("SERIALIZABLE", "serializable"),
    ("AUTOCOMMIT", None),
])
def test_isolation_level_execution_option(engine, level, shown):
    with engine.connect() as conn:
        default = conn.get_isolation_level()
        assert default == "READ COMMITTED"
        pid = backend_pid(conn)
        conn.rollback()
        c2 = conn.execution_options(isolation_level=level)
        assert c2.get_execution_options()["isolation_level"] == level
        if shown is not None:
            assert c2.get_isolation_level() == level
            assert c2.exec_driver_sql("SHOW transaction_isolation").scalar() == shown
        else:
            raw = conn.connection.dbapi_connection
            assert raw.autocommit is True
            # statements that refuse to run in a transaction block
            c2.exec_driver_sql("CREATE TABLE vac (x int)")
            c2.exec_driver_sql("VACUUM vac")
            assert c2.exec_driver_sql("SELECT now() = statement_timestamp()").scalar() is True
        c2.rollback()
    # the pool restores the default level on the same DBAPI connection
    with engine.connect() as conn:
        assert backend_pid(conn) == pid
        assert conn.get_isolation_level() == "READ COMMITTED"
        assert conn.connection.dbapi_connection.autocommit is False


def test_engine_level_autocommit_and_readonly(make_engine):
    eng = make_engine(isolation_level="AUTOCOMMIT")
    with eng.connect() as conn:
        conn.exec_driver_sql("CREATE TABLE t (x int)")
    with eng.connect() as conn:
        conn.exec_driver_sql("INSERT INTO t VALUES (1)")
        # never committed explicitly, yet visible to another connection
        with eng.connect() as other:
            assert other.exec_driver_sql("SELECT count(*) FROM t").scalar() == 1

    eng2 = make_engine()
    with eng2.connect() as conn:
        ro = conn.execution_options(postgresql_readonly=True, postgresql_deferrable=True,
                                    isolation_level="SERIALIZABLE")
        assert ro.exec_driver_sql("SHOW transaction_read_only").scalar() == "on"
        assert ro.exec_driver_sql("SHOW transaction_deferrable").scalar() == "on"
        with pytest.raises(sa.exc.InternalError) as ei:
            ro.exec_driver_sql("INSERT INTO t VALUES (2)")
        assert isinstance(ei.value.orig, psycopg2.errors.ReadOnlySqlTransaction)
        ro.rollback()


# -- pool: pre-ping and disconnect detection ---------------------------------


def test_pool_pre_ping_replaces_terminated_connection(make_engine, dsn):
    eng = make_engine(pool_size=1, max_overflow=0, pool_pre_ping=True)
    with eng.connect() as conn:
        pid = backend_pid(conn)
    killer = psycopg2.connect(dsn)
    killer.autocommit = True
    try:
        with killer.cursor() as cur:
            cur.execute("SELECT pg_terminate_backend(%s)", (pid,))
            assert cur.fetchone()[0] is True
        # the pooled connection is dead: pre-ping notices and reconnects
        with eng.connect() as conn:
            new_pid = backend_pid(conn)
            assert new_pid != pid
            assert conn.exec_driver_sql("SELECT 1").scalar() == 1
    finally:
        killer.close()


def test_disconnect_detected_without_pre_ping(make_engine, dsn):
    eng = make_engine(pool_size=1, max_overflow=0)
    killer = psycopg2.connect(dsn)
    killer.autocommit = True
    try:
        with eng.connect() as conn:
            pid = backend_pid(conn)
            conn.rollback()
            with killer.cursor() as cur:
                cur.execute("SELECT pg_terminate_backend(%s)", (pid,))
            with pytest.raises(sa.exc.OperationalError) as ei:
                conn.exec_driver_sql("SELECT 1")
            # the dialect's is_disconnect() recognised psycopg2's message
            assert ei.value.connection_invalidated is True
            assert isinstance(ei.value.orig, psycopg2.OperationalError)
        with eng.connect() as conn:
            assert backend_pid(conn) != pid
    finally:
        killer.close()


# -- errors ------------------------------------------------------------------


def test_error_mapping(engine):
    md = MetaData()
    items = make_items_table(md)
    md.create_all(engine)
    with engine.connect() as conn:
        conn.execute(insert(items), {"name": "x"})
        with pytest.raises(sa.exc.IntegrityError) as ei:
            conn.execute(insert(items), {"name": "x"})
        orig = ei.value.orig
        assert isinstance(orig, psycopg2.errors.UniqueViolation)
        assert isinstance(orig, psycopg2.IntegrityError)
        assert orig.pgcode == "23505"
        assert orig.diag.constraint_name == "items_name_key"
        assert "duplicate key" in str(ei.value)
        assert ei.value.connection_invalidated is False
        conn.rollback()

        with pytest.raises(sa.exc.IntegrityError) as ei:
            conn.execute(insert(items), {"name": None})
        assert isinstance(ei.value.orig, psycopg2.errors.NotNullViolation)
        conn.rollback()

        with pytest.raises(sa.exc.ProgrammingError) as ei:
            conn.exec_driver_sql("SELECT * FROM no_such_table")
        assert isinstance(ei.value.orig, psycopg2.errors.UndefinedTable)
        conn.rollback()

        with pytest.raises(sa.exc.DataError) as ei:
            conn.exec_driver_sql("SELECT 1 / 0")
        assert isinstance(ei.value.orig, psycopg2.errors.DivisionByZero)
        conn.rollback()

        # after an error the transaction is aborted until rolled back
        with pytest.raises(sa.exc.ProgrammingError):
            conn.exec_driver_sql("SELEC 1")
        with pytest.raises(sa.exc.InternalError) as ei:
            conn.exec_driver_sql("SELECT 1")
        assert isinstance(ei.value.orig, psycopg2.errors.InFailedSqlTransaction)
        conn.rollback()
        assert conn.exec_driver_sql("SELECT 1").scalar() == 1


def test_savepoints_nested_transactions(engine):
    md = MetaData()
    items = make_items_table(md)
    md.create_all(engine)
    with engine.begin() as conn:
        conn.execute(insert(items), {"name": "keep"})
        sp = conn.begin_nested()
        conn.execute(insert(items), {"name": "drop"})
        sp.rollback()
        with conn.begin_nested():
            conn.execute(insert(items), {"name": "keep2"})
        try:
            with conn.begin_nested():
                conn.execute(insert(items), {"name": "keep"})  # duplicate
        except sa.exc.IntegrityError:
            pass
    with engine.connect() as conn:
        assert conn.execute(select(items.c.name).order_by(items.c.name)).scalars().all() == [
            "keep", "keep2"]


def test_two_phase_commit(engine):
    md = MetaData()
    items = make_items_table(md)
    md.create_all(engine)
    with engine.connect() as conn:
        tx = conn.begin_twophase()
        conn.execute(insert(items), {"name": "2pc"})
        tx.prepare()
        tx.commit()
    with engine.connect() as conn:
        assert conn.execute(select(items.c.name)).scalars().all() == ["2pc"]
        assert conn.exec_driver_sql("SELECT count(*) FROM pg_prepared_xacts").scalar() == 0
