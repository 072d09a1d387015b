"""extensions.encrypt_password: hashes as the server stores them."""

import pytest

import psycopg2
from psycopg2.extensions import encrypt_password

# md5 is md5(password + user), prefixed: a known value pins the input order.
MD5_PW_USER = "md5871c429757b7a0bf1654fad112b77bd4"


def test_md5_without_scope():
    assert encrypt_password("pw", "user", None, "md5") == MD5_PW_USER
    assert encrypt_password(password="pw", user="user", algorithm="md5") \
        == MD5_PW_USER


def test_md5_with_connection(conn):
    assert encrypt_password("pw", "user", conn, "md5") == MD5_PW_USER


def test_server_default_and_scram(conn):
    # the test server's password_encryption is scram-sha-256
    assert encrypt_password("pw", "user", conn).startswith("SCRAM-SHA-256$")
    hashed = encrypt_password("pw", "user", conn.cursor(), "scram-sha-256")
    assert hashed.startswith("SCRAM-SHA-256$4096:")


def test_scram_hash_is_accepted_by_the_server(conn, dsn):
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("drop role if exists enc_pw_user")
    hashed = encrypt_password("s3cret", "enc_pw_user", conn, "scram-sha-256")
    cur.execute("create role enc_pw_user login password %s", (hashed,))
    try:
        cur.execute("select rolpassword from pg_authid where rolname = %s",
                    ("enc_pw_user",))
        assert cur.fetchone()[0] == hashed
    finally:
        cur.execute("drop role enc_pw_user")


@pytest.mark.parametrize("args, exc, message", [
    (("pw", "user"), psycopg2.ProgrammingError,
     "password encryption (other than 'md5' algorithm) requires a "
     "connection or cursor"),
    (("pw", "user", None, "scram-sha-256"), psycopg2.ProgrammingError,
     "password encryption (other than 'md5' algorithm) requires a "
     "connection or cursor"),
    ((1, "u"), TypeError, "Expected bytes or unicode string, got int instead"),
    (("pw", "user", 1), TypeError, "the scope must be a connection or a cursor"),
])
def test_bad_arguments(args, exc, message):
    with pytest.raises(exc) as excinfo:
        encrypt_password(*args)
    assert str(excinfo.value) == message


def test_unknown_algorithm(conn):
    with pytest.raises(psycopg2.ProgrammingError) as excinfo:
        encrypt_password("pw", "user", conn, "foo")
    assert str(excinfo.value).startswith(
        'password encryption failed: unrecognized password encryption '
        'algorithm "foo"')


def test_closed_connection(make_conn):
    conn = make_conn()
    conn.close()
    # md5 needs no server: computed locally, as psycopg2 does
    assert encrypt_password("pw", "user", conn, "md5") == MD5_PW_USER


def test_closed_connection_other_algorithm(make_conn):
    conn = make_conn()
    conn.close()
    with pytest.raises(psycopg2.Error):
        encrypt_password("pw", "user", conn, "scram-sha-256")
