"""Figures kept for every server process (``deventer_werk.cache.bewaard``): computed once,
then read from the process's memory or, in another process, from the shared table."""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from deventer_werk.cache import TABEL, bewaard
from tests.fixtures.cache import GEDEELD_BEREKEND

pytestmark = pytest.mark.django_db


def test_computed_once_for_every_process():
    berekend = []

    def bereken():
        berekend.append(1)
        return {"rijen": [1, 2, 3]}

    with CaptureQueriesContext(connection) as q:
        assert bewaard("dw:test:1", bereken, 60) == {"rijen": [1, 2, 3]}
    assert len(q.captured_queries) == GEDEELD_BEREKEND
    with CaptureQueriesContext(connection) as q:
        assert bewaard("dw:test:1", bereken, 60) == {"rijen": [1, 2, 3]}
    assert len(q.captured_queries) == 0  # this process's memory
    caches["default"].clear()  # another process: nothing in its memory
    with CaptureQueriesContext(connection) as q:
        assert bewaard("dw:test:1", bereken, 60) == {"rijen": [1, 2, 3]}
    assert len(q.captured_queries) == 1 and TABEL in q.captured_queries[0]["sql"]
    assert berekend == [1]
    assert bewaard("dw:test:2", bereken, 60) and berekend == [1, 1]  # another key


def test_the_table_comes_with_the_migrations():
    with connection.cursor() as cursor:
        assert TABEL in connection.introspection.table_names(cursor)
    assert caches["gedeeld"]._table == TABEL
