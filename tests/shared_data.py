"""Test data made once and shared by several tests, like Django's ``TestCase.setUpTestData``.

A fixture of a wider scope than the function makes its data inside :func:`shared_transaction`:
a transaction that stays open while its tests run. Each test runs in a savepoint of it
(pytest-django's ``db``, a ``TestCase`` without its class-level transaction), rolled back
after the test, so the next test sees the data exactly as made; the transaction itself is
rolled back when the fixture ends. Only for tests that use ``db``: ``transactional_db`` and
``live_server`` commit and empty the database.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction


@contextmanager
def shared_transaction(django_db_blocker) -> Iterator[None]:
    """The transaction of a fixture's shared data, e.g. in a class-scoped fixture::

    with shared_transaction(django_db_blocker):
        with django_db_blocker.unblock():
            data = make_data()
        yield data
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
