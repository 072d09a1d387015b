"""Client encodings other than UTF8, both ways, as psycopg2 2.9 does them.

Expectations were recorded running psycopg2-binary 2.9 against the same
server; the file passes on psycopg2 itself.

Python -> server: str parameters and the query text are encoded with the
connection's Python codec; a character it cannot encode raises the
codec's UnicodeEncodeError (psycopg2 wraps nothing).
Server -> Python: text is decoded with the same codec; a byte it cannot
decode (possible with SQL_ASCII, where the server converts nothing)
raises UnicodeDecodeError; a character the server cannot convert to the
client encoding raises the server's UntranslatableCharacter.
"""

import importlib.util

import pytest

import psycopg2
import psycopg2.errors
import psycopg2.extensions as ext
from psycopg2 import sql

# True on this project's driver, False on the reference psycopg2.
IS_OURS = importlib.util.find_spec("psycopg2.cluster") is not None

# psycopg2.extensions.encodings, as psycopg2 2.9 has it
PSYCOPG2_ENCODINGS = {'ABC': 'cp1258',
                      'ALT': 'cp866',
                      'BIG5': 'big5',
                      'EUCCN': 'euccn',
                      'EUCJIS2004': 'euc_jis_2004',
                      'EUCJP': 'euc_jp',
                      'EUCKR': 'euc_kr',
                      'EUC_CN': 'euccn',
                      'EUC_JIS_2004': 'euc_jis_2004',
                      'EUC_JP': 'euc_jp',
                      'EUC_KR': 'euc_kr',
                      'GB18030': 'gb18030',
                      'GBK': 'gbk',
                      'ISO88591': 'iso8859_1',
                      'ISO885910': 'iso8859_10',
                      'ISO885913': 'iso8859_13',
                      'ISO885914': 'iso8859_14',
                      'ISO885915': 'iso8859_15',
                      'ISO885916': 'iso8859_16',
                      'ISO88592': 'iso8859_2',
                      'ISO88593': 'iso8859_3',
                      'ISO88595': 'iso8859_5',
                      'ISO88596': 'iso8859_6',
                      'ISO88597': 'iso8859_7',
                      'ISO88598': 'iso8859_8',
                      'ISO88599': 'iso8859_9',
                      'ISO_8859_1': 'iso8859_1',
                      'ISO_8859_10': 'iso8859_10',
                      'ISO_8859_13': 'iso8859_13',
                      'ISO_8859_14': 'iso8859_14',
                      'ISO_8859_15': 'iso8859_15',
                      'ISO_8859_16': 'iso8859_16',
                      'ISO_8859_2': 'iso8859_2',
                      'ISO_8859_3': 'iso8859_3',
                      'ISO_8859_5': 'iso8859_5',
                      'ISO_8859_6': 'iso8859_6',
                      'ISO_8859_7': 'iso8859_7',
                      'ISO_8859_8': 'iso8859_8',
                      'ISO_8859_9': 'iso8859_9',
                      'JOHAB': 'johab',
                      'KOI8': 'koi8_r',
                      'KOI8R': 'koi8_r',
                      'KOI8U': 'koi8_u',
                      'LATIN1': 'iso8859_1',
                      'LATIN10': 'iso8859_16',
                      'LATIN2': 'iso8859_2',
                      'LATIN3': 'iso8859_3',
                      'LATIN4': 'iso8859_4',
                      'LATIN5': 'iso8859_9',
                      'LATIN6': 'iso8859_10',
                      'LATIN7': 'iso8859_13',
                      'LATIN8': 'iso8859_14',
                      'LATIN9': 'iso8859_15',
                      'MSKANJI': 'cp932',
                      'Mskanji': 'cp932',
                      'SHIFTJIS': 'cp932',
                      'SHIFTJIS2004': 'shift_jis_2004',
                      'SHIFT_JIS_2004': 'shift_jis_2004',
                      'SJIS': 'cp932',
                      'SQLASCII': 'ascii',
                      'SQL_ASCII': 'ascii',
                      'ShiftJIS': 'cp932',
                      'TCVN': 'cp1258',
                      'TCVN5712': 'cp1258',
                      'UHC': 'cp949',
                      'UNICODE': 'utf_8',
                      'UTF8': 'utf_8',
                      'VSCII': 'cp1258',
                      'WIN': 'cp1251',
                      'WIN1250': 'cp1250',
                      'WIN1251': 'cp1251',
                      'WIN1252': 'cp1252',
                      'WIN1253': 'cp1253',
                      'WIN1254': 'cp1254',
                      'WIN1255': 'cp1255',
                      'WIN1256': 'cp1256',
                      'WIN1257': 'cp1257',
                      'WIN1258': 'cp1258',
                      'WIN866': 'cp866',
                      'WIN874': 'cp874',
                      'WIN932': 'cp932',
                      'WIN936': 'gbk',
                      'WIN949': 'cp949',
                      'WIN950': 'cp950',
                      'WINDOWS932': 'cp932',
                      'WINDOWS936': 'gbk',
                      'WINDOWS949': 'cp949',
                      'WINDOWS950': 'cp950',
                      'Windows932': 'cp932',
                      'Windows936': 'gbk',
                      'Windows949': 'cp949',
                      'Windows950': 'cp950'}


def test_encodings_table():
    assert dict(ext.encodings) == PSYCOPG2_ENCODINGS


def q(cur, query, args=None):
    cur.execute(query, args)
    return cur.fetchone()


# (client_encoding as set, conn.encoding shown, text that it can carry)
ROUND_TRIPS = [
    ("LATIN1", "LATIN1", "\u00e9\u00ff\u00a9"),
    ("latin-1", "LATIN1", "\u00e9"),
    ("iso8859-1", "ISO88591", "\u00e9"),
    ("LATIN2", "LATIN2", "\u0159\u0165"),
    ("LATIN9", "LATIN9", "\u20ac\u00e9"),
    ("ISO_8859_5", "ISO88595", "\u0416"),
    ("ISO_8859_7", "ISO88597", "\u03b1\u03b2"),
    ("WIN1250", "WIN1250", "\u0159"),
    ("WIN1251", "WIN1251", "\u0416"),
    ("WIN1252", "WIN1252", "\u20ac\u201c\u00e9"),
    ("WIN866", "WIN866", "\u0416"),
    ("WIN874", "WIN874", "\u0e01"),
    ("KOI8R", "KOI8R", "\u0416"),
    ("KOI8U", "KOI8U", "\u0404"),
    ("EUC_JP", "EUCJP", "\u65e5\u672c\u00e9"),
    ("SJIS", "SJIS", "\u65e5\u672c"),
    ("EUC_KR", "EUCKR", "\ud55c"),
    ("UHC", "UHC", "\ud55c"),
    ("EUC_CN", "EUCCN", "\u4e2d"),
    ("GBK", "GBK", "\u4e2d"),
    ("GB18030", "GB18030", "\u4e2d\u20ac"),
    ("BIG5", "BIG5", "\u4e2d"),
    ("UNICODE", "UNICODE", "\u20ac\U0001f600"),
    ("utf-8", "UTF8", "\u20ac\U0001f600"),
    ("SQL_ASCII", "SQLASCII", "abc"),
]


@pytest.mark.parametrize("enc, shown, text", ROUND_TRIPS,
                         ids=[r[0] for r in ROUND_TRIPS])
def test_round_trip(conn, enc, shown, text):
    conn.set_client_encoding(enc)
    assert conn.encoding == shown
    cur = conn.cursor()
    # as a parameter, in the query text, in an array, and as a column name
    assert q(cur, "select %s, '" + text + "', %s::text[]", [text, [text]]) \
        == (text, text, [text])
    cur.execute(f'select 1 as "{text}"')
    assert cur.description[0].name == text
    # the server received the right characters
    assert q(cur, "select %s = chr(%s)", [text[0], ord(text[0])]) == (True,)


@pytest.mark.parametrize("enc", ["LATIN1", "WIN1252", "EUC_JP"])
def test_connect_with_client_encoding(make_conn, enc):
    cnn = make_conn(client_encoding=enc)
    assert cnn.encoding == enc.replace("_", "")
    cnn = make_conn(options=f"-c client_encoding={enc}")
    assert cnn.encoding == enc.replace("_", "")


@pytest.mark.parametrize("enc, text, codec", [
    ("LATIN1", "\u20ac", "latin-1"),
    ("LATIN9", "\u00a4", "charmap"),
    ("SQL_ASCII", "\u00e9", "ascii"),
    ("EUC_JP", "\u20ac", "euc_jp"),
    ("WIN1251", "\u00e9", "charmap"),
])
def test_unencodable_parameter(conn, enc, text, codec):
    conn.set_client_encoding(enc)
    cur = conn.cursor()
    for args in ([text], [[text]], ["ok " + text]):
        with pytest.raises(UnicodeEncodeError) as exc:
            cur.execute("select %s", args)
        assert exc.value.encoding == codec
    with pytest.raises(UnicodeEncodeError) as exc:
        cur.execute(f"select '{text}'")
    assert exc.value.encoding == codec
    assert exc.value.start == len("select '")
    # nothing was sent: the connection is still usable, not in error
    assert conn.info.transaction_status == ext.TRANSACTION_STATUS_IDLE
    assert q(cur, "select 1") == (1,)


def test_unencodable_message_shape(conn):
    conn.set_client_encoding("LATIN1")
    with pytest.raises(UnicodeEncodeError) as exc:
        conn.cursor().execute("select %s", ["\u20ac"])
    assert str(exc.value) == ("'latin-1' codec can't encode character "
                              "'\\u20ac' in position 0: ordinal not in "
                              "range(256)")


@pytest.mark.parametrize("enc, char", [
    ("LATIN1", 8364), ("WIN1252", 129), ("EUC_JP", 8364), ("SQL_ASCII", None),
])
def test_untranslatable_from_server(conn, enc, char):
    conn.set_client_encoding(enc)
    cur = conn.cursor()
    if char is None:  # SQL_ASCII converts nothing: nothing untranslatable
        assert q(cur, "select 'abc'") == ("abc",)
        return
    with pytest.raises(psycopg2.errors.UntranslatableCharacter) as exc:
        cur.execute("select chr(%s)", [char])
    assert exc.value.pgcode == "22P05"
    assert str(exc.value).startswith("character with byte sequence 0x")
    assert f'has no equivalent in encoding "{enc}"' in str(exc.value)


def test_surrogates(conn):
    cur = conn.cursor()
    for text in ("\ud800", "a\udcff"):
        with pytest.raises(UnicodeEncodeError) as exc:
            cur.execute("select %s", [text])
        assert "surrogates not allowed" in str(exc.value)


def test_invalid_bytes_in_query(conn):
    cur = conn.cursor()
    with pytest.raises(psycopg2.errors.CharacterNotInRepertoire) as exc:
        cur.execute(b"select '\xff'")
    assert str(exc.value).startswith(
        'invalid byte sequence for encoding "UTF8": 0xff')
    conn.rollback()
    conn.set_client_encoding("LATIN1")
    assert q(cur, b"select '\xff'") == ("\u00ff",)


@pytest.mark.parametrize("name, error, message", [
    ("unknown_xx", psycopg2.errors.InvalidParameterValue,
     'invalid value for parameter "client_encoding": "UNKNOWNXX"\n'),
    ("", psycopg2.errors.InvalidParameterValue,
     'invalid value for parameter "client_encoding": ""\n'),
    ("EUC_TW", psycopg2.OperationalError,
     "no Python encoding for PostgreSQL encoding 'EUCTW'"),
])
def test_set_client_encoding_bad_name(conn, name, error, message):
    conn.set_client_encoding("EUC_CN")
    with pytest.raises(error) as exc:
        conn.set_client_encoding(name)
    assert str(exc.value) == message
    assert conn.encoding == "EUCCN"  # unchanged


def test_set_client_encoding_not_a_string(conn):
    for bad in (None, 1, b"LATIN1"):
        with pytest.raises(TypeError) as exc:
            conn.set_client_encoding(bad)
        assert str(exc.value) == \
            f"argument 1 must be str, not {type(bad).__name__}".replace(
                "NoneType", "None")


def test_set_client_encoding_closed(conn):
    conn.close()
    with pytest.raises(psycopg2.InterfaceError):
        conn.set_client_encoding("UTF8")


# --- databases whose server encoding is not UTF8 --------------------------

@pytest.fixture(scope="module")
def encoded_dbs(dsn):
    """dbname by server encoding; dropped at the end of the module."""
    names = {enc: f"enc_test_{enc.lower()}"
             for enc in ("LATIN1", "SQL_ASCII", "EUC_TW", "MULE_INTERNAL")}
    admin = psycopg2.connect(dsn)
    admin.autocommit = True
    cur = admin.cursor()
    for enc, db in names.items():
        cur.execute(f"drop database if exists {db}")
        cur.execute(f"create database {db} encoding '{enc}'"
                    " template template0 locale 'C'")
    try:
        yield {enc: dsn.replace("dbname=postgres", f"dbname={db}")
               for enc, db in names.items()}
    finally:
        for db in names.values():
            cur.execute(f"drop database if exists {db} with (force)")
        admin.close()


def test_latin1_database(make_conn, encoded_dbs):
    cnn = make_conn(encoded_dbs["LATIN1"])
    assert cnn.encoding == "LATIN1"
    cur = cnn.cursor()
    assert q(cur, "select %s, '\u00e9', %s::bytea", ["\u00e9", b"\xe9"])[:2] \
        == ("\u00e9", "\u00e9")
    with pytest.raises(UnicodeEncodeError):
        cur.execute("select %s", ["\u20ac"])
    cnn.rollback()
    with pytest.raises(psycopg2.errors.UntranslatableCharacter):
        cur.execute("select convert_from('\\xe282ac', 'UTF8')")


def test_sql_ascii_database(make_conn, encoded_dbs):
    cnn = make_conn(encoded_dbs["SQL_ASCII"])
    assert cnn.encoding == "SQLASCII"
    cur = cnn.cursor()
    assert q(cur, b"select 'abc'") == ("abc",)
    # non-ASCII bytes stored by someone else cannot be decoded as ascii
    for query in (b"select '\xe9'", b"select array['\xe9']"):
        with pytest.raises(UnicodeDecodeError) as exc:
            cur.execute(query)
            cur.fetchone()
        assert exc.value.encoding == "ascii"
        assert str(exc.value) == ("'ascii' codec can't decode byte 0xe9 in "
                                  "position 0: ordinal not in range(128)")
    # bytea is not text: no decoding
    assert bytes(q(cur, b"select '\xe9'::bytea")[0]) == b"\xe9"
    # column names, notices and error messages are decoded leniently
    cur.execute(b'select 1 as "\xe9"')
    assert cur.description[0].name == "\ufffd"
    cur.execute(b"do $$ begin raise notice '\xe9'; end $$")
    assert cnn.notices[-1] == "NOTICE:  \ufffd\n"
    with pytest.raises(psycopg2.errors.RaiseException) as exc:
        cur.execute(b"do $$ begin raise exception '\xe9'; end $$")
    assert str(exc.value).startswith("\ufffd\n")
    cnn.rollback()
    with pytest.raises(UnicodeEncodeError) as exc:
        cur.execute("select %s", ["\u00e9"])
    assert exc.value.encoding == "ascii"
    cnn.set_client_encoding("UTF8")
    assert cnn.encoding == "UTF8"
    assert q(cur, "select %s", ["\u00e9"]) == ("\u00e9",)


@pytest.mark.parametrize("enc, shown", [
    ("EUC_TW", "EUCTW"), ("MULE_INTERNAL", "MULEINTERNAL")])
def test_database_without_python_codec(encoded_dbs, enc, shown):
    with pytest.raises(psycopg2.OperationalError) as exc:
        psycopg2.connect(encoded_dbs[enc])
    assert str(exc.value) == \
        f"no Python encoding for PostgreSQL encoding '{shown}'"
    if enc == "MULE_INTERNAL":
        return  # the server cannot convert it to anything else
    # asking for a client encoding Python knows works
    cnn = psycopg2.connect(encoded_dbs[enc], client_encoding="UTF8")
    try:
        assert cnn.encoding == "UTF8"
    finally:
        cnn.close()


def test_connect_client_encoding_without_codec(dsn):
    with pytest.raises(psycopg2.OperationalError) as exc:
        psycopg2.connect(dsn, client_encoding="EUC_TW")
    assert str(exc.value) == \
        "no Python encoding for PostgreSQL encoding 'EUCTW'"


def test_quote_ident_in_client_encoding(conn):
    conn.set_client_encoding("LATIN1")
    # psycopg2 encodes the identifier to UTF-8 whatever the client
    # encoding and decodes the quoted result with the client encoding:
    # '"\u00c3\u00a9"' (mojibake) for "\u00e9", the wrong name once sent.
    # We encode it with the client encoding, as every other string.
    # The same goes for sql.Identifier, which quotes with quote_ident.
    if IS_OURS:
        assert ext.quote_ident("\u00e9", conn) == '"\u00e9"'
        assert sql.Identifier("\u00e9").as_string(conn) == '"\u00e9"'
        with pytest.raises(UnicodeEncodeError):
            ext.quote_ident("\u20ac", conn)
    else:
        assert ext.quote_ident("\u00e9", conn) == '"\u00c3\u00a9"'
        assert sql.Identifier("\u00e9").as_string(conn) == '"\u00c3\u00a9"'
    conn.set_client_encoding("UTF8")
    assert ext.quote_ident("\u20ac", conn) == '"\u20ac"'
