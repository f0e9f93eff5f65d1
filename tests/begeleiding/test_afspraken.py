"""Issue 27 part 3: a voortgangsgesprek updates what the ambitiegesprek recorded (home visit,
commitment, Groeien kenmerken); the dossier shows the latest recorded value with its date.
Empty in the voortgangsgesprek: unchanged. Bad input: a message at the field, nothing saved."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from clients.begeleiding.afspraken import afspraken_huidig, afspraken_sectie
from clients.begeleiding.models import Voortgangsgesprek
from clients.begeleiding.services import voortgangsgesprek_leg_vast
from clients.groepen.models import Groepslidmaatschap
from clients.intake.models import Ambitiegesprek, DiagnoseInstrument
from tests.factories import client_in_groep

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]
D = datetime.date
AMBITIE = D(2025, 2, 1)
GESPREK = D(2026, 11, 20)


@pytest.fixture
def klant(users):
    klant = client_in_groep(
        "groeien", van=AMBITIE, io=users["inkomensconsulent"], dwt=users["werkcoach"]
    )
    groep = Groepslidmaatschap.objects.get(client=klant)
    Ambitiegesprek.objects.create(
        client=klant,
        datum=AMBITIE,
        intaker=users["intaker"],
        instrument=DiagnoseInstrument.objects.get(actief=True),
        participatieladder=3,
        gekozen_klantgroep=groep.klantgroep,
        geadviseerde_klantgroep=groep.klantgroep,
        rechten_plichten_op=AMBITIE,
        commitment="geweigerd",
        commitment_reden="Wil eerst de schulden op orde",
        feedbackmethode="toegepast",
        huisbezoek="nee",
        groeien_kenmerken=["niet_weter"],
        lidmaatschap=groep,
    )
    return klant


def _gesprek(users, klant, **kwargs):
    return voortgangsgesprek_leg_vast(
        actor=users["inkomensconsulent"],
        client=klant,
        datum=GESPREK,
        plek="kantoor",
        welzijn=3,
        stress=3,
        juiste_groep=True,
        rechtmatigheid_getoetst=True,
        rechtmatigheid_bevinding="geen",
        **kwargs,
    )


def test_without_a_voortgangsgesprek_the_ambitiegesprek_is_the_current_state(klant):
    stand = afspraken_huidig(client=klant)
    assert stand["huisbezoek"].waarden == {"huisbezoek": "nee"}
    assert stand["huisbezoek"].datum == AMBITIE and stand["huisbezoek"].bron == "ambitiegesprek"
    assert stand["commitment"].waarden["commitment"] == "geweigerd"
    assert stand["kenmerken"].waarden == {"groeien_kenmerken": ["niet_weter"]}


def test_a_voortgangsgesprek_update_changes_the_current_state(users, klant):
    _gesprek(
        users,
        klant,
        huisbezoek="ja",
        commitment="getekend",
        afspraak_getekend_op=GESPREK,
        groeien_kenmerken=[],
    )
    stand = afspraken_huidig(client=klant)
    assert stand["huisbezoek"].waarden == {"huisbezoek": "ja"}
    assert (stand["huisbezoek"].datum, stand["huisbezoek"].bron) == (GESPREK, "voortgangsgesprek")
    assert stand["commitment"].waarden == {
        "commitment": "getekend",
        "afspraak_getekend_op": GESPREK,
        "commitment_reden": "",
    }
    # recorded as "none applies any more", not as "unchanged"
    assert stand["kenmerken"].waarden == {"groeien_kenmerken": []}


def test_an_empty_update_leaves_the_earlier_value(users, klant):
    _gesprek(users, klant, huisbezoek="ja")
    stand = afspraken_huidig(client=klant)
    assert stand["huisbezoek"].bron == "voortgangsgesprek"
    assert stand["commitment"].bron == "ambitiegesprek"
    assert stand["kenmerken"].waarden == {"groeien_kenmerken": ["niet_weter"]}
    gesprek = Voortgangsgesprek.objects.get()
    assert gesprek.commitment == "" and gesprek.groeien_kenmerken is None


def test_the_dossier_shows_the_current_state_with_its_date(users, klant, client_as):
    url = reverse("clients:dossier", args=[klant.pk])
    voor = client_as("werkcoach").get(url).content.decode()
    assert "Geweigerd: Wil eerst de schulden op orde" in voor
    assert "(vastgelegd 01-02-2025 in het ambitiegesprek)" in voor
    _gesprek(users, klant, commitment="getekend", afspraak_getekend_op=GESPREK)
    na = client_as("werkcoach").get(url).content.decode()
    huidig = na.split('id="afspraken-huidig"', 1)[1].split("</dl>", 1)[0]
    assert "Getekend op 20-11-2026" in huidig and "Geweigerd" not in huidig
    assert "(vastgelegd 20-11-2026 in het voortgangsgesprek)" in huidig


def test_the_dossier_section_is_one_query(users, klant, django_assert_num_queries):
    for dag in (D(2026, 3, 1), D(2026, 6, 1), GESPREK):
        Voortgangsgesprek.objects.create(
            client=klant,
            datum=dag,
            gehouden_door=users["inkomensconsulent"],
            plek="kantoor",
            welzijn=3,
            stress=3,
            juiste_groep=True,
            huisbezoek="ja",
        )
    with django_assert_num_queries(1):
        sectie = afspraken_sectie(client=klant, user=users["werkcoach"])
    assert sectie["rijen"][0]["datum"] == GESPREK


@pytest.mark.parametrize(
    ("kwargs", "veld", "tekst"),
    [
        (
            {"commitment": "getekend", "afspraak_getekend_op": D(2026, 11, 25)},
            "afspraak_getekend_op",
            "De afspraak kan niet in de toekomst liggen.",
        ),
        (
            {"commitment": "getekend", "afspraak_getekend_op": D(2026, 11, 19)},
            "afspraak_getekend_op",
            "De afspraak kan niet vóór de datum van het gesprek (20-11-2026) liggen.",
        ),
        (
            {"commitment": "geweigerd", "commitment_reden": ""},
            "commitment_reden",
            "De klant heeft geweigerd: geef de reden.",
        ),
        (
            {"afspraak_getekend_op": GESPREK},
            "afspraak_getekend_op",
            "Een datum van tekenen hoort alleen bij een getekende afspraak.",
        ),
        ({"huisbezoek": "misschien"}, "huisbezoek", "open staat voor een huisbezoek"),
        ({"groeien_kenmerken": ["lui"]}, "groeien_kenmerken", "Kies alleen bekende kenmerken."),
    ],
)
def test_bad_updates_are_refused_at_the_field(users, klant, kwargs, veld, tekst):
    with pytest.raises(ValidationError) as exc:
        _gesprek(users, klant, **kwargs)
    assert any(tekst in f for f in exc.value.message_dict[veld])
    assert not Voortgangsgesprek.objects.exists()


def _formulier(**extra) -> dict:
    return {
        "datum": "2026-11-20",
        "plek": "kantoor",
        "welzijn": "3",
        "stress": "3",
        "juiste_groep": "ja",
        "rechtmatigheid_getoetst": "on",
        "rechtmatigheid_bevinding": "geen",
        "verslag": "Gaat vooruit",
        **extra,
    }


def test_the_form_refuses_a_refusal_without_reason_and_keeps_the_input(client_as, klant):
    response = client_as("inkomensconsulent").post(
        reverse("begeleiding:voortgangsgesprek", args=[klant.pk]),
        _formulier(commitment="geweigerd", huisbezoek="ja"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    fout = html.split('id="id_commitment_reden_error"', 1)
    assert len(fout) == 2 and "De klant heeft geweigerd: geef de reden." in fout[1][:300]
    assert "Gaat vooruit" in html
    assert not Voortgangsgesprek.objects.exists()


@pytest.mark.parametrize(
    ("extra", "verwacht"),
    [
        ({}, None),  # nothing ticked, no update asked: unchanged
        ({"kenmerken_bijwerken": "on"}, []),  # update asked, none ticked: none any more
        ({"groeien_kenmerken": ["beschut", "vanuit_ww"]}, ["vanuit_ww", "beschut"]),
    ],
)
def test_the_form_records_kenmerken_only_when_asked(client_as, klant, extra, verwacht):
    response = client_as("inkomensconsulent").post(
        reverse("begeleiding:voortgangsgesprek", args=[klant.pk]), _formulier(**extra)
    )
    assert response.status_code == 302, response.content.decode()[-1500:]
    gesprek = Voortgangsgesprek.objects.get()
    assert gesprek.groeien_kenmerken == verwacht and gesprek.huisbezoek == ""


def test_the_api_updates_and_answers_400_on_bad_input(users, klant):
    api = APIClient()
    api.force_authenticate(users["inkomensconsulent"])
    url = f"/api/v1/clients/{klant.pk}/voortgangsgesprekken/"
    basis = {
        "datum": "2026-11-20",
        "plek": "kantoor",
        "welzijn": 3,
        "stress": 3,
        "juiste_groep": True,
        "rechtmatigheid_getoetst": True,
        "rechtmatigheid_bevinding": "geen",
    }
    for fout, veld in (
        ({"groeien_kenmerken": ["lui"]}, "groeien_kenmerken"),
        ({"commitment": "geweigerd"}, "commitment_reden"),
        ({"commitment": "getekend", "afspraak_getekend_op": "2026-12-01"}, "afspraak_getekend_op"),
        ({"huisbezoek": "misschien"}, "huisbezoek"),
    ):
        response = api.post(url, {**basis, **fout}, format="json")
        assert response.status_code == 400 and veld in response.json(), response.json()
    assert not Voortgangsgesprek.objects.exists()
    ok = api.post(
        url, {**basis, "huisbezoek": "ja", "groeien_kenmerken": ["beschut"]}, format="json"
    )
    assert ok.status_code == 201, ok.json()
    assert ok.json()["groeien_kenmerken"] == ["beschut"] and ok.json()["commitment"] == ""
    assert afspraken_huidig(client=klant)["huisbezoek"].waarden == {"huisbezoek": "ja"}
