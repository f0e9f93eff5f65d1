"""Issue 29 item 2: every diagnose question states what its lowest and highest answer mean in
the direction of the question; the answers are stored in one direction (low = grote zorgen …
high = gaat goed), a reversed question's answer flipped; the dossier and the tijdlijn read
scores as words with the number."""

import html as html_lib
import re

import pytest
from django.urls import reverse

from clients.intake.forms import AmbitiegesprekForm
from clients.intake.models import Ambitiegesprek, DiagnoseInstrument, score_label
from tests.factories import klantgroep

from .factories import AFSPRAKEN_FORMULIER, alle_antwoorden, melding, screening_met_afspraak

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]

ALCOHOL = "Speelt alcohol, drugs of gokken een rol in uw leven?"
RONDKOMEN = "Kunt u rondkomen van uw inkomen?"
#: The questions of the seeded instrument where a higher answer means more concern.
OMGEKEERD = {
    "Hoe ver voelt u zich van betaald werk af?",
    "Belemmert uw gezondheid u in het dagelijks leven?",
    ALCOHOL,
    "Heeft u te maken met justitie of reclassering?",
}


@pytest.fixture
def klant(users):
    klant = melding(users["poortwachter"])
    screening_met_afspraak(users["poortwachter"], users["intaker"], klant)
    return klant


def _vraag(tekst):
    return DiagnoseInstrument.objects.get(actief=True).vragen.get(tekst=tekst)


def _formulier(antwoorden: dict[str, int]) -> dict:
    data: dict[str, object] = {f"score_{k}": v for k, v in antwoorden.items()}
    data.update(
        {
            "datum": "2026-10-09",
            "participatieladder": "3",
            "perspectief": "werk_3_jaar",
            "gekozen_klantgroep": klantgroep("groeien").pk,
            "geadviseerde_klantgroep": klantgroep("groeien").pk,
            "afspraak_getekend_op": "2026-10-09",
            "rechten_plichten_op": "2026-10-09",
            **AFSPRAKEN_FORMULIER,
        }
    )
    return data


def test_the_seeded_instrument_marks_exactly_the_questions_that_run_the_other_way():
    vragen = DiagnoseInstrument.objects.get(actief=True).vragen.all()
    assert {v.tekst for v in vragen if v.omgekeerd} == OMGEKEERD
    assert all(v.betekenis_laag and v.betekenis_hoog for v in vragen)


def test_a_reversed_question_stores_the_flipped_answer(client_as, klant):
    alcohol, rondkomen = _vraag(ALCOHOL), _vraag(RONDKOMEN)
    antwoorden = alle_antwoorden(3)
    antwoorden[str(alcohol.pk)] = 5  # "heel sterk": great concern
    antwoorden[str(rondkomen.pk)] = 4  # a normal question is stored as answered
    response = client_as("intaker").post(
        reverse("intake:ambitiegesprek", args=[klant.pk]), _formulier(antwoorden)
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    gesprek = Ambitiegesprek.objects.get()
    assert gesprek.antwoorden[str(alcohol.pk)] == 1  # 1 + 5 − 5: grote zorgen
    assert gesprek.antwoorden[str(rondkomen.pk)] == 4
    assert gesprek.schaalversie == 2


def test_the_form_shows_words_at_both_ends_in_the_direction_of_the_question(client_as, klant):
    alcohol, rondkomen = _vraag(ALCOHOL), _vraag(RONDKOMEN)
    form = AmbitiegesprekForm(klant)
    assert list(form.fields[f"score_{alcohol.pk}"].choices) == [
        (1, "1 – helemaal niet"),
        (2, "2"),
        (3, "3"),
        (4, "4"),
        (5, "5 – heel sterk"),
    ]
    keuzes = dict(form.fields[f"score_{rondkomen.pk}"].choices)
    assert (keuzes[1], keuzes[5]) == ("1 – helemaal niet", "5 – ja, goed")
    html = client_as("intaker").get(reverse("intake:ambitiegesprek", args=[klant.pk]))
    tekst = html_lib.unescape(html.content.decode())
    assert "1 – helemaal niet" in tekst and "5 – heel sterk" in tekst
    # nothing chosen for the client
    assert not re.search(rf'name="score_{alcohol.pk}"[^>]*checked', tekst)


def test_score_labels_read_low_as_concern_and_high_as_going_well():
    assert [score_label(s) for s in (1, 2, 3, 4, 5)] == [
        "grote zorgen",
        "zorgen",
        "gaat redelijk",
        "gaat vrij goed",
        "gaat goed",
    ]
    assert score_label(1.4) == "grote zorgen" and score_label(2.5) == "gaat redelijk"


def test_the_dossier_and_the_tijdlijn_show_labels_with_the_number(client_as, klant):
    antwoorden = alle_antwoorden(4)
    antwoorden[str(_vraag(ALCOHOL).pk)] = 5  # the only question of verslaving
    formulier = {**_formulier(antwoorden), "gedeelde_leefgebieden": ["verslaving"]}
    response = client_as("intaker").post(
        reverse("intake:ambitiegesprek", args=[klant.pk]), formulier
    )
    assert response.status_code == 302, response.content.decode()[-2000:]
    # IO reads every leefgebied; DWT (the intaker too, once recorded) werk, vaardigheden and
    # what the client shared for the plan (issue 31, DESIGN.md §1)
    for rol, financien in (("inkomensconsulent", True), ("intaker", False)):
        dossier = client_as(rol).get(reverse("clients:dossier", args=[klant.pk]))
        html = html_lib.unescape(dossier.content.decode())
        assert re.search(r"Verslaving</th>\s*<td[^>]*>grote zorgen \(1,0\)</td>", html), rol
        assert "Werk en dagbesteding</th>" in html, rol
        gevonden = re.search(
            r"Financiën en schulden</th>\s*<td[^>]*>gaat vrij goed \(4,0\)</td>", html
        )
        assert bool(gevonden) is financien, rol
        tijdlijn = client_as(rol).get(reverse("clients:tijdlijn", args=[klant.pk]))
        tekst = html_lib.unescape(tijdlijn.content.decode())
        assert "Verslaving: grote zorgen (1,0)" in tekst
        assert ("Financiën en schulden: gaat vrij goed (4,0)" in tekst) is financien, rol
