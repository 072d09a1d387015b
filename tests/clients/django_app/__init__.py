"""A minimal Django app for tests/clients/test_django.py.

Configured in code (settings.configure) by the test module; importable as
``clients.django_app`` because tests/ is on sys.path (tests/conftest.py).
"""
