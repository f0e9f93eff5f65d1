"""Issue 29: what the poortwachter wrote at the screening and the intaker at the
ambitiegesprek can be read back on the timeline, within need-to-know per field."""

import datetime

import pytest
from django.urls import reverse

from clients.intake.models import Screening, ScreeningVraag
from clients.models import Uitkeringsperiode
from tests.factories import client_in_groep

pytestmark = pytest.mark.django_db

NOTITIE = "Klant belde in paniek; huur twee maanden achter."


@pytest.fixture
def klant(users):
    klant = client_in_groep(
        "matchen", io=users["inkomensconsulent"], dwt=users["werkcoach"], achternaam="Terug"
    )
    vraag = ScreeningVraag.objects.create(tekst="Is er een dreigende huisuitzetting?")
    Screening.objects.create(
        client=klant,
        periode=Uitkeringsperiode.objects.filter(client=klant).first(),
        datum=datetime.date(2026, 11, 2),
        poortwachter=users["poortwachter"],
        antwoorden={str(vraag.pk): True},
        rechtmatigheid="onzeker",
        uitkomst="afspraak",
        afspraak_op=datetime.datetime(2026, 11, 9, 10, tzinfo=datetime.UTC),
        intaker=users["intaker"],
        toelichting=NOTITIE,
    )
    return klant


def _tijdlijn(client_as, rol, klant) -> str:
    url = reverse("clients:tijdlijn", args=[klant.pk])
    return client_as(rol).get(url).content.decode()


def test_io_reads_the_screening_note_and_checklist(client_as, klant):
    html = _tijdlijn(client_as, "inkomensconsulent", klant)
    assert NOTITIE in html
    assert "Is er een dreigende huisuitzetting?: ja" in html
    assert "Onzeker: nader onderzoek" in html


def test_participatiemakelaar_reads_the_note_not_the_rechtmatigheid_estimate(
    client_as, klant, users
):
    from clients.groepen.services import groepsindeling_wijzig
    from tests.factories import klantgroep

    faciliteren = klantgroep("faciliteren")  # she sees Faciliteren clients only (issue 31)
    groepsindeling_wijzig(
        actor=users["inkomensconsulent"],
        client=klant,
        klantgroep=faciliteren,
        van=datetime.date(2026, 11, 20),
        soort="terugval",
        reden="Meer tijd nodig",
        gekozen_klantgroep=faciliteren,
        geadviseerde_klantgroep=faciliteren,
    )
    html = _tijdlijn(client_as, "participatiemakelaar", klant)
    assert NOTITIE in html and "Onzeker: nader onderzoek" not in html


def test_dwt_sees_that_a_screening_took_place_not_what_was_written(client_as, klant):
    html = _tijdlijn(client_as, "werkcoach", klant)
    assert "Screening: Afspraak ambitiegesprek" in html
    assert NOTITIE not in html and "huisuitzetting" not in html and "Onzeker" not in html
