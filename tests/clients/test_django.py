"""Django over psycopg2 (ENGINE django.db.backends.postgresql).

Django picks psycopg2 only when psycopg 3 is not importable: the test
environment must not install ``psycopg``. The app under test lives in
tests/clients/django_app (models + a hand-checked 0001 migration that
installs hstore). Settings are configured in code, once per process, for a
database created for this module; ``migrate`` runs on it from scratch.
"""

import datetime as dt
import decimal
import io
import threading
import uuid

import pytest

django = pytest.importorskip("django")

import psycopg2  # noqa: E402
import psycopg2.errors  # noqa: E402
import psycopg2.extras  # noqa: E402

DB_NAME = "t_django_" + uuid.uuid4().hex[:8]

# django.contrib.postgres needs these from psycopg2.extras at import time
# (signals.py: register_hstore; psycopg_any.py: the range classes).
NEEDED_EXTRAS = ("register_hstore", "NumericRange", "DateRange", "DateTimeRange",
                 "DateTimeTZRange", "Inet", "Json")
MISSING_EXTRAS = [n for n in NEEDED_EXTRAS if not hasattr(psycopg2.extras, n)]


def dsn_params(dsn):
    return dict(part.split("=", 1) for part in dsn.split())


@pytest.fixture(scope="module")
def django_db(pg_server):
    if MISSING_EXTRAS:
        pytest.fail("django.contrib.postgres / the Django postgresql backend import "
                    f"psycopg2.extras names that are missing: {MISSING_EXTRAS}")
    try:
        import psycopg  # noqa: F401
        pytest.fail("psycopg 3 is installed: Django would use it instead of psycopg2")
    except ImportError:
        pass
    from django.conf import settings

    pg_server.sql(f'CREATE DATABASE "{DB_NAME}"')
    p = dsn_params(pg_server.dsn(dbname=DB_NAME))
    db = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": p["dbname"], "USER": p["user"], "HOST": p["host"], "PORT": p["port"],
    }
    if not settings.configured:
        settings.configure(
            DEBUG=False,
            USE_TZ=True,
            TIME_ZONE="Europe/Paris",
            INSTALLED_APPS=[
                "django.contrib.contenttypes",
                "django.contrib.postgres",
                "clients.django_app.apps.ClientsAppConfig",
            ],
            DATABASES={
                "default": db,
                "serial": dict(db, OPTIONS={
                    "isolation_level": psycopg2.extensions.ISOLATION_LEVEL_SERIALIZABLE}),
            },
            DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
        )
        django.setup()
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", verbosity=0, interactive=False)
    yield connections
    connections.close_all()
    pg_server.sql(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)', check=False)


@pytest.fixture
def db(django_db):
    from django.db import connection

    yield connection
    connection.close_if_unusable_or_obsolete()
    with connection.cursor() as cur:
        cur.execute("TRUNCATE django_app_book, django_app_author, django_app_tagged, "
                    "django_app_booking RESTART IDENTITY CASCADE")


def models():
    from clients.django_app import models as m
    return m


def make_author(name="Ann", books=0):
    m = models()
    a = m.Author.objects.create(name=name, born=dt.date(1970, 1, 2))
    for i in range(books):
        m.Book.objects.create(author=a, title=f"{name} {i}", pages=100 + i,
                              price=decimal.Decimal("9.99") + i)
    return a


# -- startup: version check, connection setup, migrate -------------------------


def test_backend_uses_psycopg2_and_version_check(db):
    from django.db.backends.postgresql import base
    from django.db.backends.postgresql.psycopg_any import is_psycopg3

    assert not is_psycopg3
    assert base.Database is psycopg2
    # Django parses psycopg2.__version__ and refuses < 2.8.4
    assert base.psycopg_version() >= (2, 9)
    db.ensure_connection()
    assert isinstance(db.connection, psycopg2.extensions.connection)
    assert db.pg_version >= 130000
    # Django's init_connection_state: UTC timezone, autocommit on
    assert db.connection.info.parameter_status("TimeZone") == "UTC"
    assert db.get_autocommit() is True and db.connection.autocommit is True


def test_migrate_created_schema(db):
    from django.core.management import call_command
    from django.db.migrations.executor import MigrationExecutor
    from django.db.migrations.recorder import MigrationRecorder

    tables = set(db.introspection.table_names())
    assert {"django_app_author", "django_app_book", "django_app_tagged",
            "django_app_booking", "django_migrations"} <= tables
    applied = MigrationRecorder(db).applied_migrations()
    assert ("django_app", "0001_initial") in applied
    with db.cursor() as cur:
        desc = {c.name: c.type_code for c in
                db.introspection.get_table_description(cur, "django_app_book")}
        assert set(desc) >= {"data", "tags", "cover", "uid", "price", "published"}
        cur.execute("SELECT extname FROM pg_extension WHERE extname = 'hstore'")
        assert cur.fetchone() == ("hstore",)
    # a second migrate is a no-op: nothing left in the plan
    call_command("migrate", verbosity=0, interactive=False)
    executor = MigrationExecutor(db)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
    # (no "migrate django_app zero" here: dropping and re-creating hstore
    # changes its OID under Django's lru_cache'd get_hstore_oids)


# -- models --------------------------------------------------------------------


def test_crud_with_json_array_binary_uuid(db):
    m = models()
    a = make_author("Ann")
    u = uuid.uuid4()
    when = dt.datetime(2021, 5, 6, 7, 8, 9, 123456, tzinfo=dt.timezone.utc)
    b = m.Book.objects.create(
        author=a, title="Über ☃ 'quoted' %s", pages=321, price=decimal.Decimal("12.50"),
        published=when, data={"k": [1, 2, {"x": None}], "lang": "fr", "n": 1.5},
        tags=["a", "b,c", 'd"e'], cover=b"\x00\x01\xff" * 10, uid=u)
    got = m.Book.objects.select_related("author").get(pk=b.pk)
    assert got.author.name == "Ann"
    assert got.title == "Über ☃ 'quoted' %s"
    assert got.price == decimal.Decimal("12.50")
    assert got.published == when
    assert got.data == {"k": [1, 2, {"x": None}], "lang": "fr", "n": 1.5}
    assert got.tags == ["a", "b,c", 'd"e']
    assert bytes(got.cover) == b"\x00\x01\xff" * 10
    assert got.uid == u

    # lookups on JSON and array fields
    assert list(m.Book.objects.filter(data__lang="fr").values_list("pk", flat=True)) == [b.pk]
    assert m.Book.objects.filter(data__k__0=1).count() == 1
    assert m.Book.objects.filter(data__has_key="n").count() == 1
    assert m.Book.objects.filter(tags__contains=["b,c"]).count() == 1
    assert m.Book.objects.filter(tags__len=3).count() == 1
    assert m.Book.objects.filter(uid=u).exists()
    assert m.Book.objects.filter(published__year=2021).count() == 1

    # update / delete
    n = m.Book.objects.filter(pk=b.pk).update(pages=322, tags=["z"], data={"v": 2})
    assert n == 1
    got.refresh_from_db()
    assert (got.pages, got.tags, got.data) == (322, ["z"], {"v": 2})
    a.delete()  # cascades
    assert m.Book.objects.count() == 0


def test_bulk_create_and_bulk_update(db):
    m = models()
    authors = m.Author.objects.bulk_create(
        [m.Author(name=f"author {i}") for i in range(300)], batch_size=120)
    assert all(a.pk is not None for a in authors)  # RETURNING ids
    books = m.Book.objects.bulk_create(
        [m.Book(author=authors[i % 300], title=f"t{i}", pages=i, tags=[str(i)],
                data={"i": i}) for i in range(1000)])
    assert len(books) == 1000 and books[-1].pk is not None
    for bk in books[:400]:
        bk.pages += 1000
    m.Book.objects.bulk_update(books[:400], ["pages"], batch_size=150)
    assert m.Book.objects.filter(pages__gte=1000).count() == 400

    # upsert: ON CONFLICT (name) DO UPDATE
    m.Author.objects.bulk_create(
        [m.Author(name="author 1", born=dt.date(2000, 1, 1)), m.Author(name="new one")],
        update_conflicts=True, unique_fields=["name"], update_fields=["born"])
    assert m.Author.objects.get(name="author 1").born == dt.date(2000, 1, 1)
    assert m.Author.objects.count() == 301


def test_aggregates_and_annotations(db):
    from django.db.models import Avg, Count, F, Max, Q, Sum
    from django.db.models.functions import Coalesce

    m = models()
    make_author("Ann", books=3)
    make_author("Bob", books=1)
    make_author("Cid", books=0)
    agg = m.Book.objects.aggregate(
        n=Count("id"), pages=Sum("pages"), avg=Avg("price"), top=Max("price"))
    assert agg["n"] == 4
    assert agg["pages"] == 100 + 101 + 102 + 100
    assert agg["top"] == decimal.Decimal("11.99")
    assert agg["avg"] == decimal.Decimal("10.74")
    rows = list(m.Author.objects.annotate(
        nb=Count("books"), total=Coalesce(Sum("books__pages"), 0),
        big=Count("books", filter=Q(books__pages__gt=100)))
        .order_by("name").values_list("name", "nb", "total", "big"))
    assert rows == [("Ann", 3, 303, 2), ("Bob", 1, 100, 0), ("Cid", 0, 0, 0)]
    m.Book.objects.update(pages=F("pages") * 2)
    assert m.Book.objects.aggregate(s=Sum("pages"))["s"] == 806


def test_iterator_uses_server_side_cursor(db):
    from django.db import transaction

    m = models()
    a = make_author("Ann")
    m.Book.objects.bulk_create([m.Book(author=a, title=f"t{i}", pages=i) for i in range(2500)])
    with transaction.atomic():
        it = m.Book.objects.order_by("pages").values_list("pages", flat=True).iterator(
            chunk_size=400)
        first = next(it)
        with db.cursor() as cur:
            cur.execute("SELECT count(*) FROM pg_cursors WHERE name LIKE '_django_curs_%%'")
            assert cur.fetchone()[0] == 1
        assert [first] + list(it) == list(range(2500))
    # outside a transaction too (WITH HOLD cursor in autocommit mode)
    assert sum(1 for _ in m.Book.objects.iterator(chunk_size=1000)) == 2500


# -- transactions ----------------------------------------------------------------


def test_atomic_savepoints_and_rollback(db):
    from django.db import IntegrityError, transaction

    m = models()
    with transaction.atomic():
        make_author("Ann")
        try:
            with transaction.atomic():  # savepoint
                make_author("Bob")
                make_author("Ann")  # unique violation
        except IntegrityError as e:
            assert isinstance(e.__cause__, psycopg2.errors.UniqueViolation)
        # the outer transaction is still usable after the savepoint rollback
        make_author("Cid")
        sid = transaction.savepoint()
        make_author("Dan")
        transaction.savepoint_rollback(sid)
        assert not db.get_autocommit()
    assert sorted(m.Author.objects.values_list("name", flat=True)) == ["Ann", "Cid"]

    with pytest.raises(RuntimeError):
        with transaction.atomic():
            make_author("Eve")
            raise RuntimeError("boom")
    assert not m.Author.objects.filter(name="Eve").exists()

    with transaction.atomic():
        make_author("Fay")
        transaction.set_rollback(True)
    assert not m.Author.objects.filter(name="Fay").exists()

    # an IntegrityError outside atomic leaves the connection usable (autocommit)
    with pytest.raises(IntegrityError):
        make_author("Ann")
    assert m.Author.objects.count() == 2

    committed = []
    with transaction.atomic():
        transaction.on_commit(lambda: committed.append(True))
        make_author("Gus")
    assert committed == [True]


def test_isolation_level_option(django_db, db):
    from django.db import connections, transaction

    ser = connections["serial"]
    try:
        with transaction.atomic(using="serial"):
            with ser.cursor() as cur:
                cur.execute("SHOW transaction_isolation")
                assert cur.fetchone()[0] == "serializable"
        assert ser.connection.isolation_level == psycopg2.extensions.ISOLATION_LEVEL_SERIALIZABLE
    finally:
        ser.close()


def test_select_for_update_nowait_from_another_thread(db):
    from django.db import DatabaseError, connection, transaction

    m = models()
    a = make_author("Ann")
    outcome = {}

    def other():
        try:
            with transaction.atomic():
                try:
                    list(m.Author.objects.select_for_update(nowait=True).filter(pk=a.pk))
                    outcome["locked"] = False
                except DatabaseError as e:
                    outcome["locked"] = True
                    outcome["cause"] = e.__cause__
            with transaction.atomic():
                rows = list(m.Author.objects.select_for_update(skip_locked=True).all())
                outcome["skipped"] = rows
        finally:
            connection.close()

    with transaction.atomic():
        locked = m.Author.objects.select_for_update().get(pk=a.pk)
        locked.born = dt.date(1999, 9, 9)
        locked.save()
        t = threading.Thread(target=other)
        t.start()
        t.join(30)
    assert outcome["locked"] is True
    assert isinstance(outcome["cause"], psycopg2.errors.LockNotAvailable)
    assert outcome["skipped"] == []
    assert m.Author.objects.get(pk=a.pk).born == dt.date(1999, 9, 9)


# -- raw SQL and the DB-API cursor -------------------------------------------------


def test_raw_sql_and_connection_cursor(db):
    from django.test.utils import CaptureQueriesContext

    m = models()
    make_author("Ann", books=2)
    raw = list(m.Book.objects.raw(
        "SELECT * FROM django_app_book WHERE pages >= %s AND title LIKE %s ORDER BY id",
        [101, "Ann%"]))
    assert [b.title for b in raw] == ["Ann 1"]

    with db.cursor() as cur:
        cur.execute("SELECT %s::int + %s, %s, %s::text[], %s", [1, 2, None, ["x", "y"], True])
        assert cur.fetchone() == (3, None, ["x", "y"], True)
        cur.executemany("INSERT INTO django_app_author (name) VALUES (%s)",
                        [("r1",), ("r2",), ("r3",)])
        cur.execute("SELECT name FROM django_app_author WHERE name LIKE 'r%%' ORDER BY 1")
        assert [r[0] for r in cur.fetchall()] == ["r1", "r2", "r3"]
        assert [c.name for c in cur.description] == ["name"]
        cur.execute("SELECT %(a)s || %(b)s", {"a": "x", "b": "y"})
        assert cur.fetchone()[0] == "xy"
        cur.execute("SELECT now()")
        assert cur.fetchone()[0].utcoffset() == dt.timedelta(0)
        # the underlying psycopg2 cursor: COPY
        buf = io.StringIO()
        cur.copy_expert(
            "COPY (SELECT name FROM django_app_author WHERE name LIKE 'r%' ORDER BY 1) "
            "TO STDOUT", buf)
        assert buf.getvalue() == "r1\nr2\nr3\n"

    # Django builds the logged SQL from psycopg2's cursor.query
    with CaptureQueriesContext(db) as ctx:
        list(m.Author.objects.filter(name="O'Hara"))
    assert "'O''Hara'" in ctx.captured_queries[-1]["sql"]


# -- contrib.postgres types that need psycopg2.extras helpers ----------------------


def test_hstore_field(db):
    m = models()
    m.Tagged.objects.create(attrs={"color": "red", "size": "L", "none": None, "ç": "ü"})
    m.Tagged.objects.create(attrs={})
    got = m.Tagged.objects.order_by("id").first()
    assert got.attrs == {"color": "red", "size": "L", "none": None, "ç": "ü"}
    assert m.Tagged.objects.filter(attrs__color="red").count() == 1
    assert m.Tagged.objects.filter(attrs__has_key="ç").count() == 1
    assert m.Tagged.objects.filter(attrs__contains={"size": "L"}).count() == 1
    assert sorted(m.Tagged.objects.filter(attrs__has_key="size")
                  .values_list("attrs__keys", flat=True)[0]) == ["color", "none", "size", "ç"]


def test_range_fields(db):
    from psycopg2.extras import DateTimeTZRange, NumericRange

    m = models()
    t0 = dt.datetime(2024, 1, 1, 10, tzinfo=dt.timezone.utc)
    t1 = dt.datetime(2024, 1, 1, 12, tzinfo=dt.timezone.utc)
    m.Booking.objects.create(seats=NumericRange(1, 10), during=DateTimeTZRange(t0, t1))
    m.Booking.objects.create(seats=(20, 30), during=(t1, None))
    m.Booking.objects.create(seats=None, during=None)
    first = m.Booking.objects.order_by("id").first()
    assert first.seats == NumericRange(1, 10, "[)")
    assert first.during.lower == t0 and first.during.upper == t1
    assert m.Booking.objects.filter(seats__contains=5).count() == 1
    assert m.Booking.objects.filter(seats__overlap=NumericRange(5, 25)).count() == 2
    assert m.Booking.objects.filter(during__contains=t1 + dt.timedelta(days=3)).count() == 1
    assert m.Booking.objects.filter(seats__isnull=True).count() == 1
    assert m.Booking.objects.filter(seats__startswith=20).count() == 1
