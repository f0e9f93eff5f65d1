"""Pinned query counts for the pages that had none (issue 35 item 3): werkgevers, vacatures,
triage, rapporten, toegangslog (search and per client), klantgroepen, themabijeenkomsten and
the tijdlijn. Each page is read at two sizes of its own data; the count is the same at both
and equal to the pinned number, so an N+1 fails CI.

Every page starts with 3 queries (session, user, the user's roles); most add the audit row of
the read (issue 31)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from clients.handhaving.models import Samenloopsignaal
from clients.models import Signaal
from clients.trajecten.models import Themabijeenkomst, Vacature, Werkgever
from deventer_werk.audit.constants import Actie
from deventer_werk.audit.services import audit_record
from monitoring.models import Raadsrapportage
from tests.factories import client_in_groep, klantgroep
from tests.fixtures.klok import VANDAAG, reis
from tests.trajecten.factories import sector

pytestmark = pytest.mark.django_db
KLEIN, GROOT = 2, 40


def _werkgevers(n, users, klant):
    for i in range(n):
        wg = Werkgever.objects.create(naam=f"Werkgever {i}", sector=sector(), omvang="groot")
        Vacature.objects.create(
            werkgever=wg,
            functie=f"Functie {i}",
            sector=wg.sector,
            uren=32,
            competenties="orderpicken, heftruck",
            geplaatst_op=datetime.date(2026, 11, 1),
        )


def _triage(n, users, klant):
    for i in range(n):
        Samenloopsignaal.objects.create(
            client=klant, soort="inkomsten", ontvangen_op=datetime.date(2026, 11, 1 + i % 20)
        )


def _rapporten(n, users, klant):
    for i in range(n):
        Raadsrapportage.objects.create(
            periode=f"{2000 + i}H1",
            status="klaar",
            pdf=b"%PDF-1.4\n",
            aangevraagd_door=users["beleidsmedewerker"],
        )


def _audit(n, users, klant):
    for _ in range(n):
        audit_record(
            actor=users["inkomensconsulent"],
            actie=Actie.BEKEKEN,
            client_id=klant.pk,
            object_type="dossier",
        )


def _bijeenkomsten(n, users, klant):
    for i in range(n):
        b = Themabijeenkomst.objects.create(
            type="branchegericht",
            onderwerp=f"Onderwerp {i}",
            datum=datetime.datetime(2026, 12, 1 + i % 25, 10, tzinfo=datetime.UTC),
            plaats="DWT",
            sector=sector(),
            georganiseerd_door=users["werkcoach"],
        )
        b.klantgroepen.add(klantgroep("matchen"))


def _tijdlijn(n, users, klant):
    for i in range(n):
        Signaal.objects.create(
            client=klant,
            soort="overig",
            omschrijving=f"Signaal {i}",
            aangemaakt_door=users["inkomensconsulent"],
        )


def _niets(n, users, klant):
    pass


# page: (role, url name, url args from the client, fill, pinned queries). The tijdlijn: 3 +
# visibility, audit row and one or two per registered kind of entry.
PAGINAS = {
    "werkgevers": ("werkcoach", "trajecten:werkgevers", False, _werkgevers, 6),
    "vacatures": ("werkcoach", "trajecten:vacatures", False, _werkgevers, 5),
    "triage": ("handhaver", "handhaving:triage", False, _triage, 6),
    "rapporten": ("beleidsmedewerker", "monitoring:rapporten", False, _rapporten, 4),
    "toegangslog-zoeken": ("beheerder", "audit:zoeken", False, _audit, 4),
    "toegangslog-klant": ("beheerder", "audit:klant", True, _audit, 9),
    "klantgroepen": ("beheerder", "klantgroepen:lijst", False, _niets, 5),
    "themabijeenkomsten": ("werkcoach", "trajecten:themabijeenkomsten", False, _bijeenkomsten, 6),
    "tijdlijn": ("inkomensconsulent", "clients:tijdlijn", True, _tijdlijn, 24),
}


def _tel(client_as, users, pagina: str, n: int) -> int:
    rol, naam, met_klant, vul, _ = PAGINAS[pagina]
    with reis(VANDAAG):
        klant = client_in_groep("matchen", io=users["inkomensconsulent"], dwt=users["werkcoach"])
        vul(n, users, klant)
        http = client_as(rol)
        url = reverse(naam, args=[klant.pk] if met_klant else [])
        http.get(url)  # the first request after login may refresh the session
        with CaptureQueriesContext(connection) as ctx:
            response = http.get(url)
    assert response.status_code == 200, (pagina, response.status_code)
    return len(ctx.captured_queries)


@pytest.mark.parametrize("pagina", sorted(PAGINAS))
def test_the_page_runs_the_same_queries_at_two_sizes(pagina, client_as, users):
    klein = _tel(client_as, users, pagina, KLEIN)
    Signaal.objects.all().delete()
    groot = _tel(client_as, users, pagina, GROOT)
    print(f"\n{pagina}: {klein} / {groot}")  # noqa: T201
    assert klein == groot
    assert klein == PAGINAS[pagina][4]
