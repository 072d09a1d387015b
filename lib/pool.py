"""psycopg2.pool: simple connection pools.

A pool keeps up to `minconn` idle connections ready and hands out at most
`maxconn` at a time.  Connections are handed out by key: asking twice with
the same key returns the same connection until it is put back; without a
key the pool makes one up.  Connections that come back are made ready for
the next user (an open transaction is rolled back); broken or closed ones,
and the idle ones beyond `minconn`, are dropped.
"""

import psycopg2
from psycopg2 import extensions as _ext


class PoolError(psycopg2.Error):
    """Raised on misuse of a pool: exhausted, closed, unknown connection."""


class AbstractConnectionPool:
    """The pooling logic shared by the pools, keyed by connection.

    The underscored methods do the work and take no lock; subclasses
    publish them as getconn/putconn/closeall.
    """

    def __init__(self, minconn, maxconn, *args, **kwargs):
        """Open `minconn` connections; the rest are opened on demand.

        `args` and `kwargs` are passed to `psycopg2.connect()`.
        """
        self.minconn = int(minconn)
        self.maxconn = int(maxconn)
        self.closed = False

        self._args = args
        self._kwargs = kwargs

        self._pool = []   # idle connections, the most recently used last
        self._used = {}   # key -> connection handed out
        self._rused = {}  # id(connection) -> key, to find the key on return
        self._keys = 0    # counter making up keys for unkeyed requests

        for _ in range(self.minconn):
            self._connect()

    def _connect(self, key=None):
        """Open a connection: handed out under `key`, or idle if no key."""
        conn = psycopg2.connect(*self._args, **self._kwargs)
        if key is None:
            self._pool.append(conn)
        else:
            self._hand_out(conn, key)
        return conn

    def _getkey(self):
        """Make up a new key for a request that gave none."""
        self._keys += 1
        return self._keys

    def _hand_out(self, conn, key):
        self._used[key] = conn
        self._rused[id(conn)] = key

    def _getconn(self, key=None):
        """Hand out a connection, the one of `key` if given."""
        if self.closed:
            raise PoolError("connection pool is closed")
        if key is None:
            key = self._getkey()

        if key in self._used:
            return self._used[key]
        if self._pool:
            conn = self._pool.pop()
            self._hand_out(conn, key)
            return conn
        if len(self._used) == self.maxconn:
            raise PoolError("connection pool exhausted")
        return self._connect(key)

    def _putconn(self, conn, key=None, close=False):
        """Take back a connection; `close=True` discards it."""
        if self.closed:
            raise PoolError("connection pool is closed")
        if key is None:
            key = self._rused.get(id(conn))
            if key is None:
                raise PoolError("trying to put unkeyed connection")

        if len(self._pool) < self.minconn and not close:
            self._keep_idle(conn)
        else:
            conn.close()

        # A connection handed out before closeall() may come back after it:
        # then it is no longer tracked (the pool is closed), so skip it.
        if not self.closed or key in self._used:
            del self._used[key]
            del self._rused[id(conn)]

    def _keep_idle(self, conn):
        """Make a returned connection ready for reuse, or drop it if broken."""
        if conn.closed:
            return  # closed by the user, or the server went away: drop it
        status = conn.info.transaction_status
        if status == _ext.TRANSACTION_STATUS_UNKNOWN:
            conn.close()  # the libpq connection is in a bad state
            return
        if status != _ext.TRANSACTION_STATUS_IDLE:
            conn.rollback()  # the next user must start from a clean state
        self._pool.append(conn)

    def _closeall(self):
        """Close every connection, idle or handed out.

        Connections handed out are closed too: do not use them afterwards.
        """
        if self.closed:
            raise PoolError("connection pool is closed")
        for conn in self._pool + list(self._used.values()):
            try:
                conn.close()
            except Exception:
                pass  # a failing close must not stop the others
        self.closed = True


class SimpleConnectionPool(AbstractConnectionPool):
    """A pool for single-threaded code: it takes no lock."""

    getconn = AbstractConnectionPool._getconn
    putconn = AbstractConnectionPool._putconn
    closeall = AbstractConnectionPool._closeall


class ThreadedConnectionPool(AbstractConnectionPool):
    """A pool that threads may share: every operation holds a lock."""

    def __init__(self, minconn, maxconn, *args, **kwargs):
        """Open the pool, as AbstractConnectionPool, and make its lock."""
        import threading  # imported here to keep the module namespace lean

        AbstractConnectionPool.__init__(
            self, minconn, maxconn, *args, **kwargs)
        self._lock = threading.Lock()

    def getconn(self, key=None):
        """Hand out a connection, the one of `key` if given."""
        with self._lock:
            return self._getconn(key)

    def putconn(self, conn=None, key=None, close=False):
        """Take back a connection; `close=True` discards it."""
        with self._lock:
            self._putconn(conn, key, close)

    def closeall(self):
        """Close the pool and every connection, handed out or idle."""
        with self._lock:
            self._closeall()
