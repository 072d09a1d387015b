"""Keep tests from leaking global registrations into each other.

register_adapter, register_type and the register_* helpers with
globally=True change process-wide dicts; a test that registers, say, an
hstore adapter for dict would change how every later test adapts dicts.
Each test gets the registries back as they were before it ran.
"""

import pytest


def _registries():
    try:
        import psycopg2.extensions as ext
    except ImportError:  # the pure cluster tests run without the C module
        return []
    return [ext.adapters, ext.string_types, ext.binary_types]


def _snapshot():
    return [(registry, dict(registry)) for registry in _registries()]


def _restore(saved):
    for registry, content in saved:
        registry.clear()
        registry.update(content)


# Module fixtures may register globally for all their tests (Django's
# backend registers hstore, uuid, ... when it connects): undone when the
# module ends. Test-level registrations are undone after each test.
@pytest.fixture(scope="module", autouse=True)
def _restore_registries_per_module():
    saved = _snapshot()
    yield
    _restore(saved)


@pytest.fixture(autouse=True)
def _restore_registries():
    saved = _snapshot()
    yield
    _restore(saved)
