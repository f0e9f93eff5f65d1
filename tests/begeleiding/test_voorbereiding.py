"""The voorbereiding (issue 29, item 1): one page to prepare the next gesprek with the last
gesprek in full, open tasks, afspraken, open signals, the current plan, klantgroep and contact
persons, each part under the need-to-know of the dossier section it repeats, every read
audited."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from clients.begeleiding.models import Voortgangsgesprek
from clients.models import Signaal, Taak
from deventer_werk.audit.constants import Actie, Resultaat
from deventer_werk.audit.models import AuditEvent
from tests.begeleiding.factories import plan_maak
from tests.factories import UserFactory, client_in_groep
from tests.intake.factories import ambitie

pytestmark = pytest.mark.django_db
D = datetime.date

VERSLAG = "Klant wil graag in de zorg werken; volgende keer cv meenemen."
INKOMEN = "Achterstand bij de energieleverancier van 340 euro."
BESPREKING = "Slaapt slecht sinds de verhuizing; wil eerst rust in huis."


@pytest.fixture(autouse=True)
def _vandaag():
    with time_machine.travel(datetime.datetime(2026, 11, 24, 10, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def klant(users):
    return client_in_groep(
        "groeien", van=D(2026, 1, 5), io=users["inkomensconsulent"], dwt=users["werkcoach"]
    )


LAATSTE = D(2026, 11, 20)


def _gesprek(klant, door, *, datum=LAATSTE, verslag=VERSLAG) -> Voortgangsgesprek:
    return Voortgangsgesprek.objects.create(
        client=klant,
        datum=datum,
        gehouden_door=door,
        plek="thuis",
        welzijn=2,
        stress=4,
        juiste_groep=True,
        leefsituatie="Woont alleen, dochter komt wekelijks.",
        inkomenssituatie=INKOMEN,
        verslag=verslag,
    )


def _pagina(http, klant):
    response = http.get(reverse("begeleiding:voorbereiding", args=[klant.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_last_voortgangsgesprek_in_full_for_io_and_only_that_it_took_place_for_dwt(
    client_as, users, klant
):
    ambitie(users["intaker"], klant, "groeien", datum=D(2026, 2, 1))
    _gesprek(klant, users["inkomensconsulent"], datum=D(2026, 6, 1), verslag="Een ouder verslag.")
    _gesprek(klant, users["inkomensconsulent"])
    opvolger = UserFactory(username="opvolger", rol="inkomensconsulent")
    http = client_as("inkomensconsulent")
    http.force_login(opvolger)
    html = _pagina(http, klant)
    assert "Voortgangsgesprek op 20-11-2026" in html
    for tekst in (VERSLAG, INKOMEN, "Woont alleen, dochter komt wekelijks.", "2 van 5"):
        assert tekst in html, tekst
    assert "Een ouder verslag." not in html  # the last gesprek, not every one

    dwt = _pagina(client_as("werkcoach"), klant)
    assert "Voortgangsgesprek op 20-11-2026" in dwt
    assert VERSLAG not in dwt and INKOMEN not in dwt
    assert "alleen voor Inkomensondersteuning" in dwt


def test_an_ambitiegesprek_held_after_the_last_voortgangsgesprek_is_the_last_gesprek(
    client_as, users, klant
):
    from clients.intake.models import Ambitiegesprek

    _gesprek(klant, users["inkomensconsulent"], datum=D(2026, 3, 1))
    ambitie(users["intaker"], klant, "groeien", datum=D(2026, 10, 9), motivatie="Wil groeien.")
    Ambitiegesprek.objects.filter(client=klant).update(leefgebieden_toelichting=BESPREKING)
    for rol in ("inkomensconsulent", "werkcoach"):
        html = _pagina(client_as(rol), klant)
        assert "Ambitiegesprek op 09-10-2026" in html
        assert "Wil groeien." in html
        assert VERSLAG not in html
        # the bespreking of the leefgebieden is IO's (DESIGN.md §1; issue 31)
        assert (BESPREKING in html) is (rol == "inkomensconsulent"), rol


def test_plan_tasks_signals_klantgroep_and_contacts_on_one_page(client_as, users, klant):
    plan_maak(
        klant,
        door=users["werkcoach"],
        vastgesteld_op=D(2026, 9, 1),
        doel="Werkritme opbouwen",
        actie="Snuffelstage bij de kringloop",
    )
    Signaal.objects.create(client=klant, soort="schulden", omschrijving="Aanmaning huur")
    Taak.objects.create(
        client=klant,
        soort="overig",
        omschrijving="Bellen over de VOG",
        datum=D(2026, 11, 30),
        medewerker=users["inkomensconsulent"],
    )
    html = _pagina(client_as("inkomensconsulent"), klant)
    for tekst in (
        "Werkritme opbouwen",
        "Snuffelstage bij de kringloop",
        "Aanmaning huur",
        "Bellen over de VOG",
        "Groeien",
        str(users["inkomensconsulent"]),
        str(users["werkcoach"]),
        "Nog geen ambitie- of voortgangsgesprek vastgelegd.",
    ):
        assert tekst in html, tekst


def test_every_read_is_audited_and_a_client_outside_need_to_know_is_refused(
    client_as, users, klant
):
    _pagina(client_as("inkomensconsulent"), klant)
    rij = AuditEvent.objects.get(client_id=klant.pk, object_type="voorbereiding")
    assert (rij.actie, rij.resultaat) == (Actie.BEKEKEN, Resultaat.TOEGESTAAN)
    assert rij.actor_id == users["inkomensconsulent"].pk

    zorgen = client_in_groep("zorgen", io=users["inkomensconsulent"])  # IO regie
    url = reverse("begeleiding:voorbereiding", args=[zorgen.pk])
    assert client_as("werkcoach").get(url).status_code == 404
    geweigerd = AuditEvent.objects.get(client_id=zorgen.pk, object_type="voorbereiding")
    assert geweigerd.resultaat == Resultaat.GEWEIGERD
    trainer = client_as("trainer").get(reverse("begeleiding:voorbereiding", args=[klant.pk]))
    assert trainer.status_code == 404


def test_the_dossier_links_to_the_voorbereiding(client_as, klant):
    url = reverse("begeleiding:voorbereiding", args=[klant.pk])
    html = client_as("werkcoach").get(reverse("clients:dossier", args=[klant.pk])).content.decode()
    assert f'href="{url}">Gesprek voorbereiden</a>' in html
