"""Issue 30 part 4: direct help for an urgent need is recorded as a kind on the signal (at the
melding; at the afhandeling while the melding said "nog geen"), shown on the dossier and the
tijdlijn; bad input gets a Dutch message, the input stays, nothing is saved."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from clients.models import Signaal, Taak
from clients.signalen import signaal_handel_af, signaal_meld
from tests.factories import client_in_groep

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


@pytest.fixture
def klant(users):
    return client_in_groep("zorgen", io=users["inkomensconsulent"])


def _meld(users, klant, **kwargs):
    kwargs.setdefault("soort", "broodnood")
    return signaal_meld(
        actor=users["poortwachter"], client=klant, omschrijving="Geen eten", **kwargs
    )


@pytest.mark.parametrize(
    "velden, tekst",
    [
        (
            {"directe_hulp": "voorschot", "voorschot_bedrag": Decimal("150.50")},
            "voorschot € 150,50",
        ),
        ({"directe_hulp": "voedselbank"}, "voedselbank"),
        ({"directe_hulp": "crisisopvang"}, "crisisopvang"),
        (
            {"directe_hulp": "verwijzing", "verwezen_naar": "Budget Adviesbureau Deventer"},
            "verwezen naar Budget Adviesbureau Deventer",
        ),
        ({"directe_hulp": "geen"}, "nog geen directe hulp"),
    ],
)
def test_each_kind_of_direct_help_is_recorded_with_the_melding(users, klant, velden, tekst):
    signaal = _meld(users, klant, **velden)
    signaal.refresh_from_db()
    assert signaal.directe_hulp == velden["directe_hulp"]
    assert signaal.voorschot_bedrag == velden.get("voorschot_bedrag")
    assert signaal.verwezen_naar == velden.get("verwezen_naar", "")
    assert signaal.directe_hulp_door == users["poortwachter"]
    assert signaal.directe_hulp_op is not None
    # the inkomensconsulent who follows up knows what was given (a voorschot is settled)
    assert tekst in Taak.objects.get(sleutel=f"signaal:{signaal.pk}").omschrijving


@pytest.mark.parametrize(
    "velden, veld, melding",
    [
        ({"directe_hulp": "voorschot"}, "voorschot_bedrag", "Vul het bedrag van het voorschot in."),
        (
            {"directe_hulp": "voorschot", "voorschot_bedrag": Decimal("-10")},
            "voorschot_bedrag",
            "meer dan € 0",
        ),
        (
            {"directe_hulp": "voorschot", "voorschot_bedrag": Decimal("0")},
            "voorschot_bedrag",
            "meer dan € 0",
        ),
        (
            {"directe_hulp": "voorschot", "voorschot_bedrag": Decimal("5000.01")},
            "voorschot_bedrag",
            "ten hoogste € 5.000",
        ),
        (
            {"directe_hulp": "voorschot", "voorschot_bedrag": Decimal("12.345")},
            "voorschot_bedrag",
            "euro en centen",
        ),
        (
            {"directe_hulp": "voedselbank", "voorschot_bedrag": Decimal("50")},
            "voorschot_bedrag",
            "hoort alleen bij een voorschot",
        ),
        ({"directe_hulp": "verwijzing"}, "verwezen_naar", "naar wie de klant is verwezen"),
        (
            {"directe_hulp": "crisisopvang", "verwezen_naar": "Leger des Heils"},
            "verwezen_naar",
            "hoort alleen bij een verwijzing",
        ),
        ({"directe_hulp": "fooi"}, "directe_hulp", "Kies welke directe hulp"),
        ({"directe_hulp": "voedselbank", "soort": "overig"}, "directe_hulp", "broodnood"),
    ],
)
def test_bad_direct_help_is_refused_in_dutch_and_nothing_is_saved(
    users, klant, velden, veld, melding
):
    with pytest.raises(ValidationError) as exc:
        _meld(users, klant, **velden)
    assert any(melding in m for m in exc.value.message_dict[veld])
    assert not Signaal.objects.exists()
    assert not Taak.objects.filter(sleutel__startswith="signaal:").exists()


def test_the_maximum_itself_is_a_valid_voorschot(users, klant):
    signaal = _meld(users, klant, directe_hulp="voorschot", voorschot_bedrag=Decimal("5000"))
    assert signaal.voorschot_bedrag == Decimal("5000")


def _post_melding(http, klant, **velden):
    data = {"soort": "broodnood", "omschrijving": "Koelkast leeg, drie kinderen", **velden}
    return http.post(reverse("clients:signaal_melden", args=[klant.pk]), data)


@pytest.mark.parametrize(
    "bedrag, verwacht",
    [("150,50", Decimal("150.50")), ("€ 1.250,00", Decimal("1250")), ("75", Decimal("75"))],
)
def test_the_form_page_takes_a_dutch_amount(users, klant, client_as, bedrag, verwacht):
    http = client_as("poortwachter")
    response = _post_melding(http, klant, directe_hulp="voorschot", voorschot_bedrag=bedrag)
    assert response.status_code == 302
    assert Signaal.objects.get().voorschot_bedrag == verwacht


@pytest.mark.parametrize(
    "velden, melding",
    [
        (
            {"directe_hulp": "voorschot", "voorschot_bedrag": ""},
            "Vul het bedrag van het voorschot in.",
        ),
        ({"directe_hulp": "voorschot", "voorschot_bedrag": "-25"}, "meer dan € 0"),
        ({"directe_hulp": "voorschot", "voorschot_bedrag": "veel"}, "Vul een bedrag in euro in"),
        ({"directe_hulp": "voorschot", "voorschot_bedrag": "50000"}, "ten hoogste € 5.000"),
        (
            {"directe_hulp": "voedselbank", "voorschot_bedrag": "40"},
            "hoort alleen bij een voorschot",
        ),
        ({}, "Kies welke directe hulp is gegeven, of"),
    ],
)
def test_the_form_page_refuses_bad_direct_help_and_keeps_the_input(
    users, klant, client_as, velden, melding
):
    http = client_as("poortwachter")
    response = _post_melding(http, klant, **velden)
    html = response.content.decode()
    assert response.status_code == 200
    assert melding in html
    assert "Koelkast leeg, drie kinderen" in html  # the input is kept
    if velden.get("voorschot_bedrag"):
        assert f'value="{velden["voorschot_bedrag"]}"' in html
    assert not Signaal.objects.exists()


def test_direct_help_given_later_is_recorded_at_the_afhandeling(users, klant, client_as):
    signaal = _meld(users, klant, directe_hulp="geen")
    http = client_as("inkomensconsulent")
    url = reverse("clients:signaal_afhandelen", args=[klant.pk, signaal.pk])
    assert 'name="directe_hulp"' in http.get(url).content.decode()
    fout = http.post(url, {"afhandeling": "Pakket geregeld", "directe_hulp": "voorschot"})
    assert "Vul het bedrag van het voorschot in." in fout.content.decode()
    assert Signaal.objects.get().afgehandeld_op is None
    http.post(url, {"afhandeling": "Pakket geregeld", "directe_hulp": "voedselbank"})
    signaal.refresh_from_db()
    assert signaal.afgehandeld_op is not None
    assert (signaal.directe_hulp, signaal.directe_hulp_door) == (
        "voedselbank",
        users["inkomensconsulent"],
    )


def test_help_recorded_at_the_melding_stays_as_it_was(users, klant, client_as):
    signaal = _meld(users, klant, directe_hulp="voorschot", voorschot_bedrag=Decimal("100"))
    url = reverse("clients:signaal_afhandelen", args=[klant.pk, signaal.pk])
    assert 'name="directe_hulp"' not in client_as("inkomensconsulent").get(url).content.decode()
    with pytest.raises(ValidationError) as exc:
        signaal_handel_af(
            actor=users["inkomensconsulent"],
            signaal=signaal,
            afhandeling="klaar",
            directe_hulp="voedselbank",
        )
    assert "al vastgelegd" in exc.value.message_dict["directe_hulp"][0]
    signaal.refresh_from_db()
    assert signaal.afgehandeld_op is None and signaal.directe_hulp == "voorschot"


def test_dossier_and_tijdlijn_show_the_direct_help(users, klant, client_as):
    _meld(users, klant, directe_hulp="voorschot", voorschot_bedrag=Decimal("1250.5"))
    _meld(users, klant, soort="huisuitzetting", directe_hulp="geen")
    http = client_as("inkomensconsulent")
    dossier = http.get(reverse("clients:dossier", args=[klant.pk])).content.decode()
    assert "Directe hulp: voorschot € 1.250,50" in dossier
    assert "Nog geen directe hulp vastgelegd" in dossier
    tijdlijn = http.get(reverse("clients:tijdlijn", args=[klant.pk])).content.decode()
    assert "Directe hulp bij broodnood: voorschot € 1.250,50" in tijdlijn
    assert "Dreigende huisuitzetting — nog geen directe hulp" in tijdlijn


def test_the_api_validates_direct_help_like_the_page(users, klant):
    api = APIClient()
    api.force_authenticate(users["poortwachter"])
    url = f"/api/v1/clients/{klant.pk}/signalen/"
    for body, veld in (
        ({"soort": "broodnood", "directe_hulp": "voorschot"}, "voorschot_bedrag"),
        (
            {"soort": "broodnood", "directe_hulp": "voorschot", "voorschot_bedrag": "-5"},
            "voorschot_bedrag",
        ),
        (
            {"soort": "broodnood", "directe_hulp": "voorschot", "voorschot_bedrag": "NaN"},
            "voorschot_bedrag",
        ),
        ({"soort": "overig", "directe_hulp": "crisisopvang"}, "directe_hulp"),
    ):
        response = api.post(url, body, format="json")
        assert response.status_code == 400, response.content
        assert veld in response.json(), response.json()
    assert not Signaal.objects.exists()
    ok = api.post(
        url,
        {"soort": "broodnood", "directe_hulp": "voorschot", "voorschot_bedrag": "80.00"},
        format="json",
    )
    assert ok.status_code == 201
    assert (ok.json()["directe_hulp"], ok.json()["voorschot_bedrag"]) == ("voorschot", "80.00")


def test_the_poortwachter_s_start_page_marks_urgent_meldingen_without_help(users, client_as):
    from tests.factories import ClientFactory, PeriodeFactory

    geholpen = ClientFactory(fase="melding", achternaam="Geholpen")
    wacht = ClientFactory(fase="melding", achternaam="Wacht")
    for c in (geholpen, wacht):
        PeriodeFactory(client=c)
    signaal_meld(
        actor=users["poortwachter"],
        client=geholpen,
        soort="broodnood",
        directe_hulp="voedselbank",
    )
    signaal_meld(actor=users["poortwachter"], client=wacht, soort="broodnood", directe_hulp="geen")
    html = client_as("poortwachter").get(reverse("begeleiding:werkvoorraad")).content.decode()
    regels = {n: r for r in html.split("<li>") for n in ("Geholpen", "Wacht") if n in r}
    assert "nog geen directe hulp" in regels["Wacht"]
    assert "nog geen directe hulp" not in regels["Geholpen"]
