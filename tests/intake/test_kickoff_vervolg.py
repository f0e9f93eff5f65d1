"""After the kick-off (policy §4.1): Matchen and Groeien clients go home with an appointment
with their werkcoach of DWT (the DWT team queue when the trainer names nobody, claimable);
Faciliteren clients meet their participatiemakelaar. Through the trainer's attendance page."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from clients.intake.models import AanwezigheidRegistratie, KickoffUitnodiging
from clients.intake.selectors import tijdlijn_kickoff
from clients.intake.services import kickoff_sessie_plan
from clients.models import Contactpersoon, Taak
from deventer_werk.audit.models import AuditEvent
from tests.factories import UserFactory, klantgroep
from tests.fixtures.klok import VANDAAG

from .factories import ambitie, melding

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]
SESSIE = datetime.datetime(2026, 12, 9, 9, 0, tzinfo=datetime.UTC)
NA = SESSIE + datetime.timedelta(hours=3)


def _aanwezig_geregistreerd(client_as, users, code, data=None):
    sessie = kickoff_sessie_plan(
        actor=users["trainer"],
        klantgroep=klantgroep(code),
        datum=SESSIE,
        plaats="Stadhuis",
        trainer=users["trainer"],
        capaciteit=12,
    )
    klant = melding(users["poortwachter"])
    ambitie(users["intaker"], klant, code, datum=VANDAAG)
    uitnodiging = KickoffUitnodiging.objects.get(client=klant, sessie=sessie)
    with time_machine.travel(NA, tick=False):
        r = client_as("trainer").post(
            reverse("intake:kickoff_sessie", args=[sessie.pk]),
            {
                "uitnodiging": uitnodiging.pk,
                "aanwezigheid": "aanwezig",
                "versie": 1,
                **(data or {}),
            },
        )
    return klant, sessie, r


def test_matchen_gets_the_named_werkcoach_and_a_first_appointment(client_as, users):
    klant, sessie, r = _aanwezig_geregistreerd(
        client_as,
        users,
        "matchen",
        {
            "contactpersoon": users["werkcoach"].pk,
            "afspraak_datum": "2026-12-14",
            "afspraak_tijd": "13:30",
        },
    )
    assert r.status_code == 302
    contact = Contactpersoon.objects.actueel().get(client=klant, organisatie="DWT")
    assert contact.medewerker == users["werkcoach"] and contact.rol == ""
    afspraak = Taak.objects.get(client=klant, soort="kickoff")
    assert afspraak.medewerker == users["werkcoach"]
    assert (afspraak.datum, afspraak.tijd) == (datetime.date(2026, 12, 14), datetime.time(13, 30))
    # DWT's claim is settled; IO's own claim (no inkomensconsulent yet) is IO's business
    assert not Taak.objects.filter(
        client=klant, soort="toewijzen", status="open", organisatie="DWT"
    ).exists()
    event = AuditEvent.objects.get(object_type="kickoff_vervolg")
    assert event.actor_id == users["trainer"].pk and event.client_id == klant.pk
    assert AuditEvent.objects.filter(object_type="contactpersoon", client_id=klant.pk).exists()
    titels = [i.titel for i in tijdlijn_kickoff(client=klant)]
    assert any("Eerste afspraak met de werkcoach" in t and "14-12-2026 13:30" in t for t in titels)
    with time_machine.travel(datetime.datetime(2026, 12, 10, 9, tzinfo=datetime.UTC)):
        html = client_as("werkcoach").get(reverse("begeleiding:werkvoorraad")).content.decode()
    assert "Eerste afspraak met de werkcoach na de kick-off" in html


def test_groeien_without_a_name_lands_in_the_dwt_team_queue_and_is_claimed(client_as, users):
    klant, sessie, r = _aanwezig_geregistreerd(client_as, users, "groeien")
    assert r.status_code == 302
    afspraak = Taak.objects.get(client=klant, soort="kickoff")
    assert afspraak.medewerker is None and (afspraak.rol, afspraak.organisatie) == (
        "werkcoach",
        "DWT",
    )
    assert afspraak.datum == datetime.date(2026, 12, 16)  # the configured 7 days later
    claim = Taak.objects.get(client=klant, soort="toewijzen", status="open", organisatie="DWT")
    collega = UserFactory(username="werkcoach2", rol="werkcoach")
    with time_machine.travel(datetime.datetime(2026, 12, 10, 9, tzinfo=datetime.UTC)):
        c = client_as("werkcoach")
        c.force_login(collega)
        assert "Eerste afspraak" in c.get(reverse("begeleiding:werkvoorraad")).content.decode()
        r = c.post(reverse("begeleiding:taak", args=[claim.pk]), {"actie": "claimen"})
    assert r.status_code == 302
    afspraak.refresh_from_db()
    assert afspraak.medewerker == collega
    assert Contactpersoon.objects.actueel().get(client=klant, organisatie="DWT").medewerker == (
        collega
    )


def test_faciliteren_gets_the_participatiemakelaar_and_a_kennismaking(client_as, users):
    klant, sessie, r = _aanwezig_geregistreerd(
        client_as, users, "faciliteren", {"contactpersoon": users["participatiemakelaar"].pk}
    )
    assert r.status_code == 302
    contact = Contactpersoon.objects.actueel().get(client=klant, rol="participatiemakelaar")
    assert contact.medewerker == users["participatiemakelaar"] and contact.organisatie == "IO"
    taak = Taak.objects.get(client=klant, soort="kickoff")
    assert taak.medewerker == users["participatiemakelaar"]
    assert taak.omschrijving.startswith("Kennismaking met de participatiemakelaar")


def test_zorgen_has_no_follow_up(client_as, users):
    klant, sessie, r = _aanwezig_geregistreerd(client_as, users, "zorgen")
    assert r.status_code == 302
    assert not Taak.objects.filter(client=klant, soort="kickoff").exists()


@pytest.mark.parametrize(
    ("data", "melding_"),
    [
        ({"contactpersoon": "intaker"}, "Kies een werkcoach (dwt)."),
        ({"afspraak_datum": "2026-12-01"}, "De eerste afspraak ligt niet vóór de kick-off."),
    ],
)
def test_a_wrong_werkcoach_or_date_is_refused_and_nothing_is_saved(
    client_as, users, data, melding_
):
    if "contactpersoon" in data:
        data = {"contactpersoon": users[data["contactpersoon"]].pk}
    klant, sessie, r = _aanwezig_geregistreerd(client_as, users, "matchen", data)
    html = r.content.decode()
    assert r.status_code == 200
    assert melding_ in html or "Selecteer een geldige keuze" in html
    assert KickoffUitnodiging.objects.get(client=klant).aanwezigheid == ""
    assert not AanwezigheidRegistratie.objects.exists()
    assert not Taak.objects.filter(client=klant, soort="kickoff").exists()
