"""Waiting for non-blocking connections: the wait callback of green mode."""

import select

from psycopg2 import extensions as _ext


def wait_select(conn):
    """Wait until a connection or cursor has data available.

    A wait callback for `~psycopg2.extensions.set_wait_callback()`, and a
    helper to drive an asynchronous connection: it calls ``conn.poll()``
    and waits on the connection's socket with :py:func:`select.select`
    until the pending operation is done. Ctrl-C while waiting cancels the
    running query, which then fails with QueryCanceledError.
    """
    while True:
        try:
            state = conn.poll()
            if state == _ext.POLL_OK:
                return
            if state == _ext.POLL_READ:
                select.select([conn.fileno()], [], [])
            elif state == _ext.POLL_WRITE:
                select.select([], [conn.fileno()], [])
            else:
                raise conn.OperationalError(f"bad state from poll: {state}")
        except KeyboardInterrupt:
            conn.cancel()
            # keep polling: the server answers the cancel with an error
            continue
