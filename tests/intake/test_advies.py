"""Issue 27: the ambitiegesprek advises a klantgroep from the configured policy rules, shows
why, and asks a motivation when the client's choice (or the intaker's advice) differs."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from clients.intake.models import Ambitiegesprek
from clients.intake.services import ambitiegesprek_leg_vast
from clients.models import Client
from tests.factories import klantgroep

from .factories import AFSPRAKEN_FORMULIER, alle_antwoorden, melding, screening_met_afspraak

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def _klant(users, **velden):
    klant = melding(users["poortwachter"])
    screening_met_afspraak(users["poortwachter"], users["intaker"], klant)
    if velden:
        Client.objects.filter(pk=klant.pk).update(**velden)
        klant.refresh_from_db()
    return klant


def _data(**velden) -> dict:
    data: dict = {f"score_{k}": v for k, v in alle_antwoorden(3).items()}
    data.update(
        {
            "datum": "2026-10-09",
            "participatieladder": "3",
            "afspraak_getekend_op": "2026-10-09",
            "rechten_plichten_op": "2026-10-09",
            **AFSPRAKEN_FORMULIER,
            **velden,
        }
    )
    return data


def _jongere_in_doelgroepenregister(users):
    """The example person of policy §3.1/§3.3: 20 years old, in the doelgroepenregister."""
    return _klant(users, doelgroepenregister=True, geboortedatum=datetime.date(2006, 5, 1))


def test_the_form_advises_groeien_for_the_doelgroepenregister_example_before_saving(
    client_as, users
):
    klant = _jongere_in_doelgroepenregister(users)
    html = client_as("intaker").get(reverse("intake:ambitiegesprek", args=[klant.pk]))
    html = html.content.decode()
    advies = html.split('id="advies-kop"', 1)[1].split("</section>", 1)[0]
    assert "<strong>Groeien</strong>" in advies
    assert "in het doelgroepenregister" in advies and "§3.3" in advies
    # the intaker's own advice is not pre-selected: the empty option stands for the rules
    assert 'value="" selected>Het advies volgens de beleidsregels' in html


def test_a_choice_other_than_the_advice_needs_a_motivation_and_keeps_the_input(client_as, users):
    klant = _jongere_in_doelgroepenregister(users)
    url = reverse("intake:ambitiegesprek", args=[klant.pk])
    data = _data(
        perspectief="direct",
        gekozen_klantgroep=klantgroep("matchen").pk,
        leefgebieden_toelichting="Wil meteen aan de slag",
    )
    response = client_as("intaker").post(url, data)
    html = response.content.decode()
    assert response.status_code == 200 and not Ambitiegesprek.objects.exists()
    fout = html.split('id="id_motivatie_error"', 1)[1].split("</div>", 1)[0]
    assert "De klant kiest Matchen, het advies is Groeien: geef een motivatie." in fout
    assert "Wil meteen aan de slag" in html

    data["motivatie"] = "Klant heeft een baanaanbod en wil dat eerst proberen"
    assert client_as("intaker").post(url, data).status_code == 302
    gesprek = Ambitiegesprek.objects.get()
    assert (gesprek.gekozen_klantgroep.code, gesprek.geadviseerde_klantgroep.code) == (
        "matchen",
        "groeien",
    )
    assert gesprek.regeladvies.code == "groeien" and gesprek.perspectief == "direct"
    assert gesprek.regeladvies_redenen.startswith("in het doelgroepenregister")


def test_leaving_the_advice_empty_takes_the_rules_advice(client_as, users):
    klant = _klant(users)  # a new melding: 0 months of benefit
    url = reverse("intake:ambitiegesprek", args=[klant.pk])
    data = _data(perspectief="direct", gekozen_klantgroep=klantgroep("matchen").pk)
    assert client_as("intaker").post(url, data).status_code == 302
    gesprek = Ambitiegesprek.objects.get()
    assert gesprek.geadviseerde_klantgroep.code == gesprek.regeladvies.code == "matchen"
    assert "perspectief: kan direct" in gesprek.regeladvies_redenen
    assert gesprek.motivatie == ""


def test_an_intaker_advising_otherwise_than_the_rules_motivates_it(client_as, users):
    klant = _klant(users)
    url = reverse("intake:ambitiegesprek", args=[klant.pk])
    data = _data(
        perspectief="samenleving",
        gekozen_klantgroep=klantgroep("groeien").pk,
        geadviseerde_klantgroep=klantgroep("groeien").pk,
    )
    html = client_as("intaker").post(url, data).content.decode()
    assert (
        "Uw advies wijkt af van het advies volgens de beleidsregels (Faciliteren): "
        "geef een motivatie." in html
    )
    assert not Ambitiegesprek.objects.exists()


def test_the_perspectief_is_asked_and_not_pre_selected(client_as, users):
    klant = _klant(users)
    url = reverse("intake:ambitiegesprek", args=[klant.pk])
    html = client_as("intaker").get(url).content.decode()
    radio = html.split('name="perspectief"', 1)
    assert len(radio) == 2 and "checked" not in radio[1].split("</fieldset>", 1)[0]
    data = _data(gekozen_klantgroep=klantgroep("matchen").pk)
    html = client_as("intaker").post(url, data).content.decode()
    assert 'id="id_perspectief_error"' in html and not Ambitiegesprek.objects.exists()


def test_without_a_rule_that_holds_the_intaker_must_advise(users):
    klant = _klant(users)
    with pytest.raises(ValidationError) as fout:
        ambitiegesprek_leg_vast(
            actor=users["intaker"],
            client=klant,
            datum=datetime.date(2026, 10, 9),
            antwoorden=alle_antwoorden(3),
            participatieladder=3,
            gekozen_klantgroep=klantgroep("zorgen"),
            geadviseerde_klantgroep=None,
            afspraak_getekend_op=datetime.date(2026, 10, 9),
            rechten_plichten_op=datetime.date(2026, 10, 9),
            commitment="getekend",
            feedbackmethode="toegepast",
            huisbezoek="nee",
        )
    assert fout.value.message_dict["geadviseerde_klantgroep"] == [
        "Geen adviesregel is van toepassing: geef uw eigen advies."
    ]
