"""Need-to-know at city size: the set of clients whose current group is under DWT regie (or
Faciliteren, for the participatiemakelaar) is read from an index alone, not from the table
(27 -> 3 ms at 16,000 of 42,000 current memberships)."""

import pytest
from django.db import connection, transaction

from clients.groepen.models import Groepslidmaatschap
from tests.factories import client_in_groep

pytestmark = pytest.mark.django_db


def test_the_current_members_of_the_dwt_groups_come_from_the_index_alone(users):
    for code in ("matchen", "groeien", "zorgen", "faciliteren"):
        client_in_groep(code)
    ids = (
        Groepslidmaatschap.objects.actueel()
        .filter(klantgroep__regie="DWT")
        .order_by()
        .values("client_id")
    )
    sql, params = ids.query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cur:
        # the tiny test table would be scanned whole; the plan at city size is what counts
        cur.execute("SET LOCAL enable_seqscan = off")
        cur.execute("SET LOCAL enable_bitmapscan = off")
        cur.execute("EXPLAIN " + sql, params)
        plan = "\n".join(r[0] for r in cur.fetchall())
    assert "Index Only Scan using lidm_actueel_groep_idx" in plan, plan
