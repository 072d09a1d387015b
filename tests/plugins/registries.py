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


@pytest.fixture(autouse=True)
def _restore_registries():
    saved = [(registry, dict(registry)) for registry in _registries()]
    yield
    for registry, content in saved:
        registry.clear()
        registry.update(content)
