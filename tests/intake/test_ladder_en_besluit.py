"""Participatieladder history, the besluit with documents, and the dossier's intake section
with all intake data in a fixed number of queries."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from clients.intake import selectors
from clients.intake.models import Aanvraag, LadderMeting
from clients.intake.services import aanvraag_besluit, aanvraag_registreer, ladder_meet
from deventer_werk.audit.models import AuditEvent
from tests.factories import client_in_groep

from .factories import ambitie, melding, screening_met_afspraak

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def test_ladder_measurements_are_history_and_the_newest_is_current(users):
    klant = melding(users["poortwachter"])
    ambitie(users["intaker"], klant, "groeien", datum=datetime.date(2026, 10, 9))
    ladder_meet(actor=users["werkcoach"], client=klant, datum=datetime.date(2026, 11, 20), trede=4)
    metingen = list(LadderMeting.objects.filter(client=klant).order_by("datum"))
    assert [(m.trede, m.bron) for m in metingen] == [(3, "ambitiegesprek"), (4, "bijgewerkt")]
    sectie = selectors.intake_sectie(client=klant, user=users["werkcoach"])
    assert [m.trede for m in sectie["ladder"]] == [4, 3]
    assert AuditEvent.objects.filter(
        object_type="participatieladder", client_id=klant.pk, details={"trede": 4}
    ).exists()


@pytest.mark.parametrize(
    ("kwargs", "veld", "melding_tekst"),
    [
        ({"trede": 7}, "trede", "Kies een trede van 1 tot en met 6."),
        ({"datum": datetime.date(2026, 9, 1)}, "datum", "vóór de melding"),
        ({"datum": datetime.date(2026, 12, 1)}, "datum", "niet in de toekomst"),
    ],
)
def test_ladder_bad_input_is_refused(users, kwargs, veld, melding_tekst):
    klant = melding(users["poortwachter"])
    data = {"datum": datetime.date(2026, 11, 1), "trede": 3} | kwargs
    with pytest.raises(ValidationError) as exc:
        ladder_meet(actor=users["intaker"], client=klant, **data)
    assert melding_tekst in " ".join(exc.value.message_dict[veld])
    assert not LadderMeting.objects.exists()


def test_ladder_page_for_professionals_with_dutch_errors(client_as, users):
    klant = client_in_groep("groeien")
    c = client_as("werkcoach")
    url = reverse("intake:ladder", args=[klant.pk])
    assert c.get(url).status_code == 200
    r = c.post(url, {"datum": "2030-01-01", "trede": "5"})
    html = r.content.decode()
    assert r.status_code == 200 and "kan niet in de toekomst liggen" in html
    assert re.search(r'<input type="radio" name="trede" value="5"[^>]* checked', html)
    assert c.post(url, {"datum": "2026-11-20", "trede": "5"}).status_code == 302
    dossier = c.get(reverse("clients:dossier", args=[klant.pk])).content.decode()
    assert "Participatieladder (nieuwste eerst)" in dossier and "20-11-2026 (huidig)" in dossier
    tijdlijn = c.get(reverse("clients:tijdlijn", args=[klant.pk]), {"soort": "ladder"})
    assert "Participatieladder: trede 5" in tijdlijn.content.decode()


@pytest.mark.parametrize("rol", ["trainer", "poortwachter", "beleidsmedewerker"])
def test_ladder_page_refused_for_other_roles(client_as, users, rol):
    klant = client_in_groep("groeien")
    assert client_as(rol).get(reverse("intake:ladder", args=[klant.pk])).status_code in (
        403,
        404,
    )


def test_besluit_records_documents_complete_and_refuses_impossible_dates(users):
    klant = melding(users["poortwachter"])
    aanvraag = aanvraag_registreer(
        actor=users["inkomensconsulent"], client=klant, aanvraagdatum=datetime.date(2026, 10, 5)
    )
    for documenten, tekst in [
        (datetime.date(2026, 10, 1), "vóór de aanvraag"),
        (datetime.date(2026, 11, 20), "na het besluit"),
    ]:
        with pytest.raises(ValidationError) as exc:
            aanvraag_besluit(
                actor=users["inkomensconsulent"],
                aanvraag=aanvraag,
                versie=1,
                besluit="toekenning",
                besluitdatum=datetime.date(2026, 11, 2),
                documenten_compleet_op=documenten,
            )
        assert tekst in " ".join(exc.value.message_dict["documenten_compleet_op"])
    aanvraag_besluit(
        actor=users["inkomensconsulent"],
        aanvraag=aanvraag,
        versie=1,
        besluit="toekenning",
        besluitdatum=datetime.date(2026, 11, 2),
        documenten_compleet_op=datetime.date(2026, 10, 20),
    )
    aanvraag.refresh_from_db()
    assert aanvraag.documenten_compleet_op == datetime.date(2026, 10, 20)
    assert aanvraag.doorlooptijd == 28 and aanvraag.versie == 2


def test_besluit_page_keeps_the_documents_date_on_error(client_as, users):
    klant = melding(users["poortwachter"])
    aanvraag_registreer(
        actor=users["inkomensconsulent"], client=klant, aanvraagdatum=datetime.date(2026, 10, 5)
    )
    r = client_as("inkomensconsulent").post(
        reverse("intake:besluit", args=[klant.pk]),
        {
            "besluit": "afwijzing",
            "besluitdatum": "2026-11-02",
            "documenten_compleet_op": "2026-10-20",
            "versie": 1,
        },
    )
    html = r.content.decode()
    assert "Motiveer de afwijzing." in html and 'value="2026-10-20"' in html
    assert Aanvraag.objects.get().besluit == ""


def test_intake_section_runs_its_declared_queries_with_all_data(
    client_as, users, django_assert_num_queries
):
    from clients import registry

    klant = melding(users["poortwachter"])
    screening_met_afspraak(users["poortwachter"], users["intaker"], klant)
    aanvraag_registreer(
        actor=users["inkomensconsulent"], client=klant, aanvraagdatum=datetime.date(2026, 10, 5)
    )
    ambitie(users["intaker"], klant, "groeien")
    for dag in range(10, 20):
        ladder_meet(
            actor=users["werkcoach"], client=klant, datum=datetime.date(2026, 11, dag), trede=4
        )
    sectie = next(s for s in registry.SECTIES if s.key == "intake")
    with django_assert_num_queries(sectie.queries):
        context = selectors.intake_sectie(client=klant, user=users["inkomensconsulent"])
    assert len(context["ladder"]) == selectors.LADDER_HISTORIE
    assert context["scores"] and context["aanvraag"] and context["screening"]
    # a DWT role reads less (no aanvraag, no referrals; DESIGN.md §1), in fewer queries
    with django_assert_num_queries(sectie.queries - 2):
        context = selectors.intake_sectie(client=klant, user=users["werkcoach"])
    assert context["aanvraag"] is None and context["verwijzingen"] == []
    assert context["scores"] and not context["diagnose_volledig"]
