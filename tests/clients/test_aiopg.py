"""aiopg 1.4 (asyncio over psycopg2's asynchronous connections).

aiopg drives `connect(async_=True)` with `poll()`, `fileno()` and the event
loop's readers/writers; it reads `notifies`, `isexecuting()`, cancels on
timeouts and keeps a pool. Installed with --no-deps (it pins
psycopg2-binary, which would replace this package).
"""

import asyncio
import datetime as dt
import decimal

import pytest

aiopg = pytest.importorskip("aiopg")

import psycopg2  # noqa: E402
import psycopg2.errors  # noqa: E402
import psycopg2.extras  # noqa: E402


def run(coro):
    return asyncio.run(asyncio.wait_for(coro, 60))


def test_connect_query_types(fresh_dsn):
    async def main():
        async with aiopg.connect(fresh_dsn) as conn:
            assert conn.raw.async_
            async with conn.cursor() as cur:
                await cur.execute(
                    "select %s::int, %s::numeric, %s::text, "
                    "'2024-02-29 12:00+00'::timestamptz, array[1,2]",
                    (1, decimal.Decimal("2.5"), "héllo"))
                row = await cur.fetchone()
        assert row[:3] == (1, decimal.Decimal("2.5"), "héllo")
        assert row[3] == dt.datetime(2024, 2, 29, 12, tzinfo=dt.timezone.utc)
        assert row[4] == [1, 2]

    run(main())


def test_transaction_and_errors(fresh_dsn):
    async def main():
        async with aiopg.connect(fresh_dsn) as conn:
            async with conn.cursor() as cur:
                await cur.execute(
                    "create table t (id serial primary key, v text unique)")
                async with cur.begin():
                    await cur.execute("insert into t (v) values ('a')")
                with pytest.raises(psycopg2.errors.UniqueViolation):
                    async with cur.begin():
                        await cur.execute("insert into t (v) values ('b')")
                        await cur.execute("insert into t (v) values ('a')")
                await cur.execute("select v from t order by id")
                assert await cur.fetchall() == [("a",)]

    run(main())


def test_dict_cursor_and_iteration(fresh_dsn):
    async def main():
        async with aiopg.connect(fresh_dsn) as conn:
            async with conn.cursor(
                    cursor_factory=psycopg2.extras.RealDictCursor) as cur:
                await cur.execute(
                    "select g as n, g * 2 as twice "
                    "from generate_series(1, 3) g")
                rows = [r async for r in cur]
        assert rows == [{"n": 1, "twice": 2}, {"n": 2, "twice": 4},
                        {"n": 3, "twice": 6}]

    run(main())


def test_notifications(fresh_dsn):
    async def main():
        async with aiopg.connect(fresh_dsn) as listener, \
                aiopg.connect(fresh_dsn) as sender:
            async with listener.cursor() as cur:
                await cur.execute("listen jobs")
            async with sender.cursor() as cur:
                await cur.execute("notify jobs, 'one'")
                await cur.execute("notify jobs, 'two'")
            got = [await asyncio.wait_for(listener.notifies.get(), 10)
                   for _ in range(2)]
        assert [(n.channel, n.payload) for n in got] == [
            ("jobs", "one"), ("jobs", "two")]

    run(main())


def test_timeout_cancels_query(fresh_dsn):
    async def main():
        async with aiopg.connect(fresh_dsn, timeout=0.5) as conn:
            async with conn.cursor() as cur:
                with pytest.raises(asyncio.TimeoutError):
                    await cur.execute("select pg_sleep(10)")
            # aiopg closes a connection whose query timed out
            assert conn.closed

    run(main())


def test_pool(fresh_dsn):
    async def main():
        async with aiopg.create_pool(fresh_dsn, minsize=2, maxsize=4) as pool:
            async def one(i):
                async with pool.acquire() as conn:
                    async with conn.cursor() as cur:
                        await cur.execute("select %s, pg_sleep(0.05)", (i,))
                        return (await cur.fetchone())[0]

            results = await asyncio.gather(*(one(i) for i in range(12)))
            assert results == list(range(12))
            assert pool.size <= 4

    run(main())


def test_server_side_cursor_refused(fresh_dsn):
    async def main():
        async with aiopg.connect(fresh_dsn) as conn:
            with pytest.raises(psycopg2.ProgrammingError):
                async with conn.cursor(name="named"):
                    pass

    run(main())
