"""Sending Ctrl-C to the test process at the right moment.

  Interrupter      thread: SIGINT once a backend runs a pg_sleep query
  guarded_sigint   fixture: KeyboardInterrupt only while armed; a stray
                   SIGINT fails the test instead of stopping the run
  interrupted()    start an Interrupter for a connection and arm the guard
"""

import os
import signal
import threading
import time

import pytest

import psycopg2


class Interrupter(threading.Thread):
    """Sends SIGINT once backend `pid` runs a statement (seen in
    pg_stat_activity), so the signal lands inside the blocking call even on
    a slow machine; `then` runs first (e.g. freezing the server)."""

    def __init__(self, dsn, pid, signals=1, then=None):
        super().__init__(daemon=True)
        self.dsn, self.pid, self.signals, self.then = dsn, pid, signals, then
        self.sent = 0

    def run(self):
        try:
            found = self._wait_active()
        except psycopg2.Error:
            return      # the server went away: the test will say why
        if not found:
            return
        if self.then:
            self.then()
        for _ in range(self.signals):
            time.sleep(0.2)
            os.kill(os.getpid(), signal.SIGINT)
            self.sent += 1

    def _wait_active(self):
        deadline = time.monotonic() + 20
        watcher = psycopg2.connect(self.dsn)
        try:
            watcher.autocommit = True
            cur = watcher.cursor()
            while time.monotonic() < deadline:
                cur.execute("select state from pg_stat_activity "
                            "where pid = %s", (self.pid,))
                row = cur.fetchone()
                if row and row[0] == "active":
                    return True
                time.sleep(0.05)
            return False
        finally:
            watcher.close()


@pytest.fixture
def guarded_sigint():
    """Python's default SIGINT behaviour, but a signal arriving outside a
    test's blocking call fails that test instead of stopping the run."""
    state = {"armed": False, "stray": 0}

    def handler(signum, frame):
        if state["armed"]:
            raise KeyboardInterrupt
        state["stray"] += 1

    old = signal.signal(signal.SIGINT, handler)
    yield state
    signal.signal(signal.SIGINT, old)
    assert state["stray"] == 0, "SIGINT arrived outside the blocking call"


def interrupted(conn, dsn, guard, **kwargs):
    """Start an Interrupter for conn and arm the handler."""
    t = Interrupter(dsn, conn.get_backend_pid(), **kwargs)
    guard["armed"] = True
    t.start()
    return t
