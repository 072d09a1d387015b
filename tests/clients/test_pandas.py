"""pandas over psycopg2: read_sql through a SQLAlchemy engine and through a
raw DB-API connection, to_sql (row-by-row executemany and method='multi',
with chunksize) and round trips."""

import datetime as dt
import decimal
import warnings

import pytest

pd = pytest.importorskip("pandas")
sa = pytest.importorskip("sqlalchemy")

import psycopg2  # noqa: E402

UTC = dt.timezone.utc


def sa_url(dsn):
    p = dict(part.split("=", 1) for part in dsn.split())
    return sa.engine.URL.create(
        "postgresql+psycopg2", username=p.get("user"), host=p["host"],
        port=int(p["port"]), database=p["dbname"])


@pytest.fixture
def engine(fresh_dsn):
    eng = sa.create_engine(sa_url(fresh_dsn))
    yield eng
    eng.dispose()


SAMPLE_SQL = """
CREATE TABLE sample (
    id int PRIMARY KEY, i bigint, f double precision, n numeric(10,3),
    t text, ts timestamp, tstz timestamptz, b boolean, d date);
INSERT INTO sample VALUES
 (1, 10, 1.5, 1.250, 'one', '2024-01-02 03:04:05', '2024-01-02 03:04:05+02', true, '2024-01-02'),
 (2, -20, -2.25, 2.500, 'two ☃', '2024-02-29 00:00:00.5', '2024-02-29 12:00:00+00', false, '2024-02-29'),
 (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
"""


@pytest.fixture
def sample(fresh_dsn):
    conn = psycopg2.connect(fresh_dsn)
    try:
        with conn, conn.cursor() as cur:
            cur.execute(SAMPLE_SQL)
    finally:
        conn.close()
    return fresh_dsn


def check_sample(df):
    df = df.set_index("id").sort_index()
    assert list(df.index) == [1, 2, 3]
    # integers with a NULL become float64 with NaN
    assert df["i"].dtype == "float64"
    assert df["i"].iloc[:2].tolist() == [10.0, -20.0] and pd.isna(df["i"].iloc[2])
    assert df["f"].dtype == "float64"
    assert df["f"].iloc[:2].tolist() == [1.5, -2.25] and pd.isna(df["f"].iloc[2])
    # numeric arrives as Decimal; coerce_float (the default) makes it float
    assert df["n"].dtype == "float64"
    assert df["n"].iloc[:2].tolist() == [1.25, 2.5] and pd.isna(df["n"].iloc[2])
    assert pd.api.types.is_string_dtype(df["t"]) or df["t"].dtype == object
    assert df["t"].iloc[:2].tolist() == ["one", "two ☃"] and pd.isna(df["t"].iloc[2])
    assert pd.api.types.is_datetime64_dtype(df["ts"])
    assert df["ts"].iloc[0] == pd.Timestamp("2024-01-02 03:04:05")
    assert df["ts"].iloc[1] == pd.Timestamp("2024-02-29 00:00:00.5")
    assert pd.isna(df["ts"].iloc[2])
    assert isinstance(df["tstz"].dtype, pd.DatetimeTZDtype)
    assert df["tstz"].iloc[0] == pd.Timestamp("2024-01-02 01:04:05", tz="UTC")
    assert df["tstz"].iloc[1] == pd.Timestamp("2024-02-29 12:00:00", tz="UTC")
    assert pd.isna(df["tstz"].iloc[2])
    assert df["b"].iloc[:2].tolist() == [True, False] and pd.isna(df["b"].iloc[2])
    assert pd.Timestamp(df["d"].iloc[0]) == pd.Timestamp("2024-01-02")  # date or Timestamp


def test_read_sql_with_engine(engine, sample):
    df = pd.read_sql("SELECT * FROM sample", engine)
    check_sample(df)
    # NOT NULL-free integer column stays int64
    assert pd.read_sql("SELECT id FROM sample", engine)["id"].dtype == "int64"
    # without coerce_float numeric stays Decimal (object)
    df = pd.read_sql("SELECT n FROM sample WHERE n IS NOT NULL ORDER BY id", engine,
                     coerce_float=False)
    assert df["n"].tolist() == [decimal.Decimal("1.250"), decimal.Decimal("2.500")]
    # params and parse_dates
    df = pd.read_sql(sa.text("SELECT id, d FROM sample WHERE id <= :m ORDER BY id"), engine,
                     params={"m": 2}, parse_dates=["d"])
    assert df["d"].tolist() == [pd.Timestamp("2024-01-02"), pd.Timestamp("2024-02-29")]
    # whole table
    check_sample(pd.read_sql_table("sample", engine))


def test_read_sql_with_raw_psycopg2_connection(sample):
    conn = psycopg2.connect(sample)
    try:
        with warnings.catch_warnings():
            # "pandas only supports SQLAlchemy connectable ..." is tolerated
            warnings.simplefilter("ignore", UserWarning)
            df = pd.read_sql("SELECT * FROM sample", conn)
            check_sample(df)
            df = pd.read_sql("SELECT id, t FROM sample WHERE id = %(id)s OR t LIKE %(p)s "
                             "ORDER BY id", conn, params={"id": 1, "p": "two%"})
            assert df["t"].tolist() == ["one", "two ☃"]
            chunks = list(pd.read_sql("SELECT g FROM generate_series(1, 2500) g", conn,
                                      chunksize=1000))
            assert [len(c) for c in chunks] == [1000, 1000, 500]
    finally:
        conn.close()


def make_frame(n):
    base = pd.Timestamp("2024-03-01 00:00:00")
    return pd.DataFrame({
        "i": pd.Series(range(n), dtype="int64"),
        "f": [x / 4 if x % 7 else None for x in range(n)],
        "s": [f"row {x} 'q' %s ☃" if x % 5 else None for x in range(n)],
        "b": [bool(x % 2) for x in range(n)],
        "ts": [base + pd.Timedelta(seconds=x) for x in range(n)],
        "tstz": [(base + pd.Timedelta(minutes=x)).tz_localize("UTC") for x in range(n)],
    })


@pytest.mark.parametrize("method", [None, "multi"])
def test_to_sql_round_trip(engine, method):
    df = make_frame(1200)
    written = df.to_sql("frame", engine, index=False, method=method, chunksize=250,
                        if_exists="fail")
    assert written in (None, 1200)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM frame").scalar() == 1200
        coltypes = dict(conn.exec_driver_sql(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = 'frame'").all())
    assert coltypes["i"] == "bigint"
    assert coltypes["b"] == "boolean"
    assert coltypes["tstz"] == "timestamp with time zone"

    back = pd.read_sql("SELECT * FROM frame ORDER BY i", engine)
    back["ts"] = back["ts"].astype(df["ts"].dtype)
    back["tstz"] = back["tstz"].astype(df["tstz"].dtype)
    back["s"] = back["s"].astype(df["s"].dtype)
    pd.testing.assert_frame_equal(back, df, check_dtype=True)

    # append, then replace
    df.iloc[:10].to_sql("frame", engine, index=False, method=method, if_exists="append")
    assert pd.read_sql("SELECT count(*) AS c FROM frame", engine)["c"][0] == 1210
    df.iloc[:3].to_sql("frame", engine, index=False, method=method, if_exists="replace")
    assert pd.read_sql("SELECT count(*) AS c FROM frame", engine)["c"][0] == 3


def test_read_sql_chunksize_streams_through_engine(engine):
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE big AS SELECT g AS id, g * 0.5 AS half "
                             "FROM generate_series(1, 5000) g")
    total = 0
    for chunk in pd.read_sql("SELECT * FROM big ORDER BY id", engine, chunksize=1200):
        assert len(chunk) <= 1200
        total += chunk["id"].sum()
    assert total == 5000 * 5001 // 2
