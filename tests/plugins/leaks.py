"""Leak checks by resident set size, and the `slow` marker.

    def test_no_leak(assert_no_leak, conn):
        cur = conn.cursor()
        def once():
            cur.execute("select %s", ["x" * 1000]); cur.fetchall()
        assert_no_leak(once, n=2000, warmup=200, limit_kb=1024)

assert_no_leak(fn, n, warmup, limit_kb) runs fn() `warmup` times, collects
garbage, reads RSS (/proc/self/statm), runs fn() n times, collects again and
fails when RSS grew by more than limit_kb.  Pick n so that a leak of one
small object per call (~50 bytes) would exceed the limit: n * 50 B > limit.
The fixture skips the test under a sanitizer (sanitizer_active()), where
RSS measures ASan's shadow memory, not leaks.
Mark long leak tests with @pytest.mark.slow (make check runs them too, so
keep them few and each under a few seconds).
"""

import gc
import os

import pytest

_PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def rss_kb():
    """Resident set size of this process in KiB."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * _PAGE_KB


def measure_growth(fn, n=1000, warmup=100):
    """RSS growth in KiB over n calls of fn(), after warmup calls."""
    for _ in range(warmup):
        fn()
    gc.collect()
    before = rss_kb()
    for _ in range(n):
        fn()
    gc.collect()
    return rss_kb() - before


def check_no_leak(fn, n=1000, warmup=100, limit_kb=512):
    growth = measure_growth(fn, n=n, warmup=warmup)
    assert growth <= limit_kb, (
        f"RSS grew by {growth} KiB over {n} calls (limit {limit_kb} KiB): leak?")
    return growth


def sanitizer_active():
    """True when ASan runs in this process (make sanitize): RSS then says
    nothing about leaks, so leak tests should skip."""
    if "asan" in os.environ.get("LD_PRELOAD", ""):
        return True
    try:
        with open("/proc/self/maps") as f:
            return "libasan" in f.read()
    except OSError:
        return False


@pytest.fixture
def assert_no_leak():
    if sanitizer_active():
        pytest.skip("RSS leak checks are meaningless under a sanitizer")
    return check_no_leak


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "slow: a long test (leak checks, soak); keep them few")
    if not config.pluginmanager.hasplugin("timeout"):
        config.addinivalue_line(
            "markers", "timeout(seconds): per-test timeout (pytest-timeout)")
