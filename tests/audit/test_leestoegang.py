"""Issue 31 part 4: every read in the log, and a log the beheerder can use.

The werkvoorraad, the trajecten dashboard and the task page record the clients they show;
a 403 on a page without a client is recorded; the access log finds a client on list pages
too, pages past 500 rows, exports CSV and says who saw the dossier."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from clients.constants import TaakSoort
from clients.models import Taak
from clients.trajecten.models import Traject
from deventer_werk.audit.constants import Actie
from deventer_werk.audit.models import AuditEvent
from deventer_werk.audit.services import audit_record
from tests.factories import client_in_groep, klantgroep
from tests.trajecten.factories import instrument

pytestmark = pytest.mark.django_db


def _taak(klant, medewerker):
    return Taak.objects.create(
        client=klant,
        soort=TaakSoort.VOORTGANGSGESPREK,
        medewerker=medewerker,
        organisatie=medewerker.organisatie,
        datum=datetime.date(2026, 1, 5),
        reden="Bel de klant",
    )


def test_werkvoorraad_task_page_and_trajecten_dashboard_record_the_clients_shown(client_as, users):
    coach = users["werkcoach"]
    mijn = client_in_groep("matchen", dwt=coach)
    ander = client_in_groep("matchen")  # not on the coach's werkvoorraad
    taak = _taak(mijn, coach)
    http = client_as("werkcoach")
    assert http.get(reverse("begeleiding:werkvoorraad")).status_code == 200
    rij = AuditEvent.objects.get(object_type="werkvoorraad")
    assert str(mijn.pk) in rij.details["clients"]
    assert str(ander.pk) not in rij.details["clients"]
    assert http.get(reverse("begeleiding:taak", args=[taak.pk])).status_code == 200
    assert AuditEvent.objects.get(object_type="taak").details == {"clients": [str(mijn.pk)]}
    # the trajecten dashboard: no traject, no client on screen, no claim that one was seen
    assert http.get(reverse("trajecten:dashboard")).status_code == 200
    assert not AuditEvent.objects.filter(object_type="trajecten_dashboard").exists()
    wlr = instrument("Werkleerroute logistiek")
    Traject.objects.create(
        client=mijn,
        instrument=wlr,
        aanbieder=wlr.aanbieders.first(),
        klantgroep=klantgroep("matchen"),
        start=datetime.date(2026, 2, 1),
        gepland_einde=datetime.date(2026, 12, 1),
        werkcoach=coach,
    )
    assert http.get(reverse("trajecten:dashboard")).status_code == 200
    rij = AuditEvent.objects.get(object_type="trajecten_dashboard")
    assert rij.details == {"clients": [str(mijn.pk)]}


def test_a_refusal_on_a_page_without_a_client_is_recorded_once(client_as):
    http = client_as("werkcoach")
    assert http.get(reverse("monitoring:dashboard")).status_code == 403
    rij = AuditEvent.objects.get(resultaat="geweigerd")
    assert (rij.actor_username, rij.object_type, rij.client_id) == (
        "werkcoach",
        "monitoring:dashboard",
        None,
    )
    assert rij.details == {"route": "monitoring:dashboard", "methode": "GET"}
    # a view that records its own refusal is not recorded twice
    klant = client_in_groep("matchen")
    assert http.get(reverse("clients:uitstroom_corrigeren", args=[klant.pk])).status_code == 403
    assert AuditEvent.objects.filter(resultaat="geweigerd", client_id=klant.pk).count() == 1
    assert AuditEvent.objects.filter(resultaat="geweigerd").count() == 2
    # the API too
    assert http.get("/api/rapportages/").status_code in (403, 404)


def test_the_access_log_finds_list_views_pages_past_500_exports_and_says_who(client_as, users):
    klant = client_in_groep("zorgen", io=users["inkomensconsulent"])
    ic = client_as("inkomensconsulent")
    ic.get(reverse("clients:mijn_klanten"))  # on a list, with the client id in details
    ic.get(reverse("clients:dossier", args=[klant.pk]))
    for _ in range(620):
        audit_record(actor=users["handhaver"], actie=Actie.BEKEKEN, client_id=klant.pk)
    ic.logout()
    http = client_as("beheerder")
    url = reverse("audit:klant", args=[klant.pk])
    pagina = http.get(url).content.decode()
    assert "Regels 1–100 van 623" in pagina  # 622 and this look into the log
    assert "(op een lijst)" not in pagina  # the newest 100 are the handhaver's
    laatste = http.get(url, {"pagina": 7}).content.decode()
    assert "Regels 601–624 van 624" in laatste
    assert "(op een lijst)" in laatste and "mijn_klanten" in laatste
    # who saw the dossier: per medewerker, with a count
    assert "Wie zag dit dossier" in pagina
    assert ">620<" in pagina and ">2<" in pagina  # handhaver 620×, inkomensconsulent 2×
    response = http.get(reverse("audit:export", args=[klant.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rijen = list(
        csv.reader(io.StringIO(b"".join(response.streaming_content).decode()), delimiter=";")
    )
    assert rijen[0][0] == "\ufefftijdstip"
    assert len(rijen) == 1 + 622 + 3  # the two looks into the log and the export are rows too
    assert {r[9] for r in rijen[1:]} == {"ja", "nee"}
    # every look into the log is itself audited, also the export
    assert AuditEvent.objects.filter(
        client_id=klant.pk, object_type="toegangslog_export", actie="export"
    ).exists()
    assert str(klant.bsn) not in url
