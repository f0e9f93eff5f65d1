"""Issue 27 part 3: what the ambitiegesprek records besides diagnose and group: the
commitment (§2.3, signed or refused), the feedbackmethode (§3.2), openness to a home visit
(footnote 15) and the Groeien kenmerken (§3.1). Bad input: a Dutch message at the field,
input kept, nothing saved."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from clients.intake.models import Ambitiegesprek
from clients.intake.services import ambitiegesprek_leg_vast
from tests.factories import klantgroep

from .factories import AFSPRAKEN_FORMULIER, alle_antwoorden, melding, screening_met_afspraak

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

GESPREK = datetime.date(2026, 10, 9)


@pytest.fixture
def klant(users):
    klant = melding(users["poortwachter"])
    screening_met_afspraak(users["poortwachter"], users["intaker"], klant)
    return klant


def _leg_vast(users, klant, **afwijkend):
    kwargs = {
        "actor": users["intaker"],
        "client": klant,
        "datum": GESPREK,
        "antwoorden": alle_antwoorden(),
        "participatieladder": 3,
        "gekozen_klantgroep": klantgroep("groeien"),
        "geadviseerde_klantgroep": klantgroep("groeien"),
        "rechten_plichten_op": GESPREK,
        "feedbackmethode": "toegepast",
        "huisbezoek": "ja",
        "commitment": "getekend",
        "afspraak_getekend_op": GESPREK,
        **afwijkend,
    }
    return ambitiegesprek_leg_vast(**kwargs)


def _fouten(users, klant, **afwijkend) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as exc:
        _leg_vast(users, klant, **afwijkend)
    assert not Ambitiegesprek.objects.exists()
    return exc.value.message_dict


def test_everything_recorded_is_stored(users, klant):
    gesprek = _leg_vast(
        users,
        klant,
        groeien_kenmerken=["vanuit_ww", "niet_weter", "vanuit_ww"],
        feedbackmethode="niet_toegepast",
        feedbackmethode_toelichting="  Klant was te emotioneel  ",
    )
    gesprek.refresh_from_db()
    assert gesprek.commitment == "getekend" and gesprek.afspraak_getekend_op == GESPREK
    assert gesprek.huisbezoek == "ja"
    assert gesprek.feedbackmethode == "niet_toegepast"
    assert gesprek.feedbackmethode_toelichting == "Klant was te emotioneel"
    # each kenmerk once, in the order of the policy
    assert gesprek.groeien_kenmerken == ["niet_weter", "vanuit_ww"]


def test_a_refusal_is_stored_with_its_reason_and_without_a_date(users, klant):
    gesprek = _leg_vast(
        users, klant, commitment="geweigerd", afspraak_getekend_op=None, commitment_reden="Wil niet"
    )
    assert gesprek.commitment == "geweigerd" and gesprek.commitment_reden == "Wil niet"
    assert gesprek.afspraak_getekend_op is None and gesprek.groeien_kenmerken == []


@pytest.mark.parametrize(
    ("afwijkend", "veld", "tekst"),
    [
        (
            {"afspraak_getekend_op": datetime.date(2026, 11, 25)},
            "afspraak_getekend_op",
            "De afspraak kan niet in de toekomst liggen.",
        ),
        (
            {"afspraak_getekend_op": datetime.date(2026, 10, 8)},
            "afspraak_getekend_op",
            "De afspraak kan niet vóór de datum van het gesprek (09-10-2026) liggen.",
        ),
        (
            {"afspraak_getekend_op": None},
            "afspraak_getekend_op",
            "Geef de datum waarop de klant de afspraak heeft getekend.",
        ),
        (
            {"commitment": "geweigerd", "afspraak_getekend_op": None, "commitment_reden": " "},
            "commitment_reden",
            "De klant heeft geweigerd: geef de reden.",
        ),
        (
            {"commitment": "geweigerd", "commitment_reden": "Wil niet"},
            "afspraak_getekend_op",
            "Een datum van tekenen hoort alleen bij een getekende afspraak.",
        ),
        (
            {"feedbackmethode": "niet_toegepast"},
            "feedbackmethode_toelichting",
            "licht toe waarom die niet is toegepast.",
        ),
        ({"feedbackmethode": ""}, "feedbackmethode", "Kies of de feedbackmethode is toegepast."),
        ({"huisbezoek": ""}, "huisbezoek", "Kies of de klant open staat voor een huisbezoek"),
        ({"huisbezoek": "misschien"}, "huisbezoek", "open staat voor een huisbezoek"),
        (
            {"commitment": ""},
            "commitment",
            "Kies of de klant de afspraak heeft getekend of geweigerd.",
        ),
        (
            {"groeien_kenmerken": ["lui"]},
            "groeien_kenmerken",
            "Kies alleen bekende kenmerken.",
        ),
    ],
)
def test_the_service_refuses_bad_input_at_the_field(users, klant, afwijkend, veld, tekst):
    fouten = _fouten(users, klant, **afwijkend)
    assert any(tekst in f for f in fouten[veld]), fouten


def _formulier(**afwijkend) -> dict:
    data: dict = {f"score_{k}": v for k, v in alle_antwoorden(4).items()}
    data.update(
        {
            "datum": "2026-10-09",
            "participatieladder": "4",
            "perspectief": "werk_3_jaar",
            "gekozen_klantgroep": klantgroep("groeien").pk,
            "geadviseerde_klantgroep": klantgroep("groeien").pk,
            "rechten_plichten_op": "2026-10-09",
            "afspraak_getekend_op": "2026-10-09",
            "leefgebieden_toelichting": "Schulden en taal besproken",
            **AFSPRAKEN_FORMULIER,
        }
    )
    data.update(afwijkend)
    return {k: v for k, v in data.items() if v is not None}


def _post(client_as, klant, data):
    return client_as("intaker").post(reverse("intake:ambitiegesprek", args=[klant.pk]), data)


def _fout_bij(html: str, veld: str) -> str:
    delen = html.split(f'id="id_{veld}_error"', 1)
    assert len(delen) == 2, f"geen fout bij {veld}"
    return delen[1].split("</div>", 1)[0]


@pytest.mark.parametrize(
    ("afwijkend", "veld", "tekst"),
    [
        (
            {"commitment": "geweigerd", "afspraak_getekend_op": None},
            "commitment_reden",
            "De klant heeft geweigerd: geef de reden.",
        ),
        (
            {"feedbackmethode": "niet_toegepast"},
            "feedbackmethode_toelichting",
            "licht toe waarom die niet is toegepast.",
        ),
        (
            {"afspraak_getekend_op": "2026-12-01"},
            "afspraak_getekend_op",
            "De afspraak kan niet in de toekomst liggen.",
        ),
        # saving without choosing: no made-up answer (nothing is pre-selected)
        ({"feedbackmethode": None}, "feedbackmethode", "Kies of de feedbackmethode is toegepast."),
        ({"huisbezoek": None}, "huisbezoek", "Kies of de klant open staat voor een huisbezoek"),
        (
            {"commitment": None},
            "commitment",
            "Kies of de klant de afspraak heeft getekend of geweigerd.",
        ),
    ],
)
def test_the_form_shows_the_message_at_the_field_and_keeps_the_input(
    client_as, klant, afwijkend, veld, tekst
):
    response = _post(client_as, klant, _formulier(**afwijkend))
    html = response.content.decode()
    assert response.status_code == 200
    assert tekst in _fout_bij(html, veld)
    assert "Schulden en taal besproken" in html
    assert not Ambitiegesprek.objects.exists()


def test_the_form_records_kenmerken_and_the_dossier_reads_them_back(client_as, klant):
    response = _post(
        client_as,
        klant,
        _formulier(
            groeien_kenmerken=["beschut", "verminderde_loonwaarde"],
            commitment="geweigerd",
            afspraak_getekend_op=None,
            commitment_reden="Vindt het plan te zwaar",
        ),
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    gesprek = Ambitiegesprek.objects.get()
    assert gesprek.groeien_kenmerken == ["verminderde_loonwaarde", "beschut"]
    assert gesprek.commitment == "geweigerd" and gesprek.huisbezoek == "nee"
    dossier = client_as("intaker").get(reverse("clients:dossier", args=[klant.pk])).content
    tijdlijn = client_as("intaker").get(reverse("clients:tijdlijn", args=[klant.pk])).content
    for html in (dossier.decode(), tijdlijn.decode()):
        assert "Geweigerd: Vindt het plan te zwaar" in html
        assert "Verminderde loonwaarde, Indicatie beschut werk" in html
        assert "Open voor huisbezoek" in html
