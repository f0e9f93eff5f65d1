"""Issue 31 part 4, the route walk: every GET page and API read of the access matrix, opened
as a role allowed there; wherever a client's name appears in the response, an audit row
written by that request names the client (its own row, or the list's ``details["clients"]``)."""

import datetime

import pytest
import time_machine
from django.db.models import Max, Q
from rest_framework.test import APIClient

from clients.models import Client
from deventer_werk.audit.models import AuditEvent
from tests.fixtures.otp import login_met_tweede_factor
from tests.test_access_matrix import (  # noqa: F401  (wereld is a fixture)
    MATRIX,
    _url,
    antwoord_tekst,
    objecten_voor,
    rol_voor,
    wereld,
)

pytestmark = pytest.mark.django_db


def test_every_read_that_shows_a_client_is_in_the_audit_trail(users, wereld):  # noqa: F811
    namen = {c.pk: c.volledige_naam for c in Client.objects.all()}
    getoond, fouten = 0, []
    with time_machine.travel(datetime.datetime(2026, 11, 24, 10, tzinfo=datetime.UTC), tick=False):
        for naam, spec in sorted(MATRIX.items()):
            if spec["method"] != "get":
                continue
            rol = rol_voor(naam, spec)
            http = APIClient()
            login_met_tweede_factor(http, users[rol])
            url = _url(naam, spec, objecten_voor(rol, wereld))
            voor = AuditEvent.objects.aggregate(m=Max("id"))["m"] or 0
            response = http.get(url, spec["query"] or None, follow=True)
            if response.status_code != 200:
                continue
            tekst = antwoord_tekst(response)
            zichtbaar = [pk for pk, volledig in namen.items() if volledig in tekst]
            if not zichtbaar:
                continue
            getoond += 1
            nieuw = AuditEvent.objects.filter(id__gt=voor)
            for pk in zichtbaar:
                if not nieuw.filter(
                    Q(client_id=pk) | Q(details__contains={"clients": [str(pk)]})
                ).exists():
                    fouten.append(f"{naam} ({rol}) toont {namen[pk]} zonder auditregel")
    print(f"\n{getoond - len(fouten)} van {getoond} pagina's met een klant geaudit")  # noqa: T201
    assert getoond >= 30, "de wandeling bereikte de klantpagina's niet"
    assert fouten == [], "\n".join(fouten)
