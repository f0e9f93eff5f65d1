"""Intake pages: the right roles, Dutch errors with input kept, pinned query counts."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from clients.intake.models import Ambitiegesprek, Screening
from clients.models import Client
from tests.factories import klantgroep

from .factories import (
    AFSPRAKEN_FORMULIER,
    alle_antwoorden,
    ambitie,
    melding,
    screening_met_afspraak,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def test_poortwachter_records_a_screening_with_appointment(client_as, users):
    klant = melding(users["poortwachter"])
    c = client_as("poortwachter")
    url = reverse("intake:screening", args=[klant.pk])
    assert c.get(url).status_code == 200
    response = c.post(
        url,
        {
            "datum": "2026-10-02",
            "rechtmatigheid": "waarschijnlijk",
            "uitkomst": "afspraak",
            "afspraak_datum": "2026-10-09",
            "afspraak_tijd": "10:00",
            "intaker": users["intaker"].pk,
            "urgente_signalen": ["broodnood"],
        },
    )
    assert response.status_code == 302
    klant.refresh_from_db()
    assert klant.fase == "intake"
    dossier = c.get(reverse("clients:dossier", args=[klant.pk])).content.decode()
    assert "Broodnood" in dossier and "Afspraak ambitiegesprek" in dossier


def test_screening_errors_are_dutch_and_keep_the_input(client_as, users):
    klant = melding(users["poortwachter"])
    response = client_as("poortwachter").post(
        reverse("intake:screening", args=[klant.pk]),
        {
            "datum": "2026-09-01",
            "rechtmatigheid": "onzeker",
            "uitkomst": "afspraak",
            "toelichting": "Klant belde zelf",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Geef de datum van het ambitiegesprek." in html
    assert "Klant belde zelf" in html
    assert not Screening.objects.exists()


@pytest.mark.parametrize("rol", ["werkcoach", "intaker", "trainer", "beleidsmedewerker"])
def test_only_the_poortwachter_screens(client_as, users, rol):
    klant = melding(users["poortwachter"])
    assert client_as(rol).get(reverse("intake:screening", args=[klant.pk])).status_code in (
        403,
        404,
    )


def test_intaker_records_ambitiegesprek_in_the_browser_form(client_as, users):
    klant = melding(users["poortwachter"])
    screening_met_afspraak(users["poortwachter"], users["intaker"], klant)
    data = {f"score_{k}": v for k, v in alle_antwoorden(4).items()}
    data.update(
        {
            "datum": "2026-10-09",
            "participatieladder": "5",
            "perspectief": "direct",
            "gekozen_klantgroep": klantgroep("matchen").pk,
            "geadviseerde_klantgroep": klantgroep("matchen").pk,
            "afspraak_getekend_op": "2026-10-09",
            "rechten_plichten_op": "2026-10-09",
            **AFSPRAKEN_FORMULIER,
        }
    )
    response = client_as("intaker").post(reverse("intake:ambitiegesprek", args=[klant.pk]), data)
    assert response.status_code == 302, response.content.decode()[-2000:]
    gesprek = Ambitiegesprek.objects.get()
    assert gesprek.participatieladder == 5 and gesprek.gekozen_klantgroep.code == "matchen"


def test_ambitiegesprek_missing_scores_keeps_what_was_typed(client_as, users):
    klant = melding(users["poortwachter"])
    screening_met_afspraak(users["poortwachter"], users["intaker"], klant)
    response = client_as("intaker").post(
        reverse("intake:ambitiegesprek", args=[klant.pk]),
        {
            "datum": "2026-10-09",
            "motivatie": "Wil eerst taal",
            "participatieladder": "2",
        },
    )
    html = response.content.decode()
    assert "Dit veld is vereist." in html and "Wil eerst taal" in html
    assert not Ambitiegesprek.objects.exists()


def test_screening_saved_without_filling_in_is_refused_at_each_field(client_as, users):
    """Nothing is pre-filled (issue 27: honest forms), so pressing save straight away
    must not record a made-up date or a made-up 'waarschijnlijk recht'."""
    klant = melding(users["poortwachter"])
    response = client_as("poortwachter").post(
        reverse("intake:screening", args=[klant.pk]), {"toelichting": "Belde zelf"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Kies een inschatting van de rechtmatigheid." in html
    assert html.count("Dit veld is vereist.") == 2  # the date and the outcome
    assert "Belde zelf" in html
    assert not Screening.objects.exists()


@pytest.mark.parametrize(
    ("veld", "datum", "melding_tekst"),
    [
        ("afspraak_getekend_op", "2026-11-25", "De afspraak kan niet in de toekomst liggen."),
        (
            "afspraak_getekend_op",
            "2026-10-08",
            "De afspraak kan niet vóór de datum van het gesprek (09-10-2026) liggen.",
        ),
        (
            "rechten_plichten_op",
            "2026-12-01",
            "De uitleg van rechten en plichten kan niet in de toekomst liggen.",
        ),
        (
            "rechten_plichten_op",
            "2026-10-02",
            "De uitleg van rechten en plichten kan niet vóór de datum van het gesprek "
            "(09-10-2026) liggen.",
        ),
    ],
)
def test_ambitiegesprek_refuses_a_signature_in_the_future_or_before_the_gesprek(
    client_as, users, veld, datum, melding_tekst
):
    klant = melding(users["poortwachter"])
    screening_met_afspraak(users["poortwachter"], users["intaker"], klant)
    data = {f"score_{k}": v for k, v in alle_antwoorden(4).items()}
    data.update(
        {
            "datum": "2026-10-09",
            "participatieladder": "5",
            "perspectief": "direct",
            "gekozen_klantgroep": klantgroep("matchen").pk,
            "geadviseerde_klantgroep": klantgroep("matchen").pk,
            "afspraak_getekend_op": "2026-10-09",
            "rechten_plichten_op": "2026-10-09",
            **AFSPRAKEN_FORMULIER,
            "motivatie": "Wil graag werken",
            veld: datum,
        }
    )
    response = client_as("intaker").post(reverse("intake:ambitiegesprek", args=[klant.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200
    # the message sits at the field (its error id), and what was typed is still there
    fout = html.split(f'id="id_{veld}_error"', 1)
    assert len(fout) == 2 and melding_tekst in fout[1].split("</div>", 1)[0]
    assert f'value="{datum}"' in html and "Wil graag werken" in html
    assert not Ambitiegesprek.objects.exists()


def test_besluit_page_shows_the_term_and_refuses_a_decision_before_the_application(
    client_as, users
):
    from clients.intake.services import aanvraag_registreer

    klant = melding(users["poortwachter"])
    aanvraag_registreer(
        actor=users["inkomensconsulent"], client=klant, aanvraagdatum=datetime.date(2026, 10, 5)
    )
    c = client_as("inkomensconsulent")
    dossier = c.get(reverse("clients:dossier", args=[klant.pk])).content.decode()
    assert "nog 6 dagen" in dossier
    response = c.post(
        reverse("intake:besluit", args=[klant.pk]),
        {"besluit": "toekenning", "besluitdatum": "2026-10-01", "versie": 1},
    )
    assert "vóór de aanvraag" in response.content.decode()


@pytest.mark.parametrize("n", [10, 1000])
def test_worklist_query_count(n, client_as, users, django_assert_num_queries):
    from tests.clients.test_query_counts import _bulk_clients

    _bulk_clients(n, users["inkomensconsulent"])
    c = client_as("intaker")  # holds the gesprek with the whole bestand (policy §4.1)
    # page (3) + count, page of clients, memberships, contacts, audit row of the clients shown
    with django_assert_num_queries(8):
        response = c.get(reverse("intake:zonder_ambitiegesprek"))
    assert response.status_code == 200
    assert Client.objects.count() == n


def test_trainer_sees_names_and_records_attendance(client_as, users):
    from clients.intake.services import kickoff_nodig_uit, kickoff_sessie_plan

    klant = melding(users["poortwachter"], achternaam="Yilmaz")
    ambitie(users["intaker"], klant, "zorgen", datum=datetime.date(2026, 11, 2))
    sessie = kickoff_sessie_plan(
        actor=users["trainer"],
        klantgroep=klantgroep("zorgen"),
        datum=datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC),
        plaats="Wijkcentrum De Hoven",
        trainer=users["trainer"],
        capaciteit=10,
    )
    kickoff_nodig_uit(peildatum=datetime.date(2026, 11, 20))
    c = client_as("trainer")
    html = c.get(reverse("intake:kickoff_sessie", args=[sessie.pk])).content.decode()
    assert "Yilmaz" in html and klant.bsn not in html
    uitnodiging = sessie.uitnodigingen.get()
    with time_machine.travel(datetime.datetime(2026, 12, 1, 11, tzinfo=datetime.UTC)):
        c = client_as("trainer")  # a week later: a fresh login (idle timeout)
        c.post(
            reverse("intake:kickoff_sessie", args=[sessie.pk]),
            {"uitnodiging": uitnodiging.pk, "aanwezigheid": "niet_verschenen", "versie": 1},
        )
    assert klant.signalen.filter(soort="kickoff_no_show").exists()
    # but no dossier access
    assert c.get(reverse("clients:dossier", args=[klant.pk])).status_code in (403, 404)


def test_aanvraag_and_kickoff_forms_refuse_bad_input_in_dutch(client_as, users):
    klant = melding(users["poortwachter"], melddatum=datetime.date(2026, 10, 10))
    c = client_as("inkomensconsulent")
    r = c.post(
        reverse("intake:aanvraag", args=[klant.pk]),
        {"aanvraagdatum": "2026-10-01", "documenten_compleet_op": "2026-09-01"},
    )
    html = r.content.decode()
    assert "vóór de melding" in html and "vóór de aanvraag compleet" in html
    t = client_as("trainer")
    r = t.post(
        reverse("intake:kickoff_sessies"),
        {
            "klantgroep": klantgroep("zorgen").pk,
            "datum": "2020-01-01",
            "tijd": "09:00",
            "plaats": "Stadhuis",
            "trainer": users["trainer"].pk,
            "capaciteit": "0",
        },
    )
    html = r.content.decode()
    assert r.status_code == 200 and "Stadhuis" in html
    assert "Zorg ervoor dat deze waarde minstens 1 is." in html
