import datetime

import pytest
from django.urls import reverse

from clients.groepen.models import Groepslidmaatschap
from clients.models import Client, Uitkeringsperiode
from tests.factories import client_in_groep

pytestmark = pytest.mark.django_db

VALID = {
    "bsn": "111222333",
    "melddatum": "2026-03-02",
    "voornamen": "Fatima",
    "achternaam": "Testpersoon",
    "geboortedatum": "1985-04-12",
    "woonplaats": "Deventer",
}


def test_register_then_dossier(client_as):
    http = client_as("poortwachter")
    response = http.post(reverse("clients:registreren"), VALID)
    client = Client.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("clients:dossier", args=[client.pk])
    assert "111222333" not in response["Location"]
    page = http.get(response["Location"]).content.decode()
    assert "Fatima Testpersoon" in page
    assert "*****2333" in page
    assert "111222333" not in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("bsn", "123456789", "elfproef"),
        ("bsn", "12", "9 cijfers"),
        ("geboortedatum", "2099-01-01", "toekomst"),
        ("achternaam", "", "Dit veld is vereist"),
        ("melddatum", "2099-01-01", "toekomst"),
    ],
)
def test_register_bad_input_keeps_what_was_typed(client_as, field, value, message):
    http = client_as("poortwachter")
    data = {**VALID, field: value}
    response = http.post(reverse("clients:registreren"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'value="Fatima"' in html
    assert Client.objects.count() == 0
    assert Uitkeringsperiode.objects.count() == 0


def test_duplicate_bsn_message_next_to_field(client_as):
    http = client_as("poortwachter")
    http.post(reverse("clients:registreren"), VALID)
    response = http.post(reverse("clients:registreren"), {**VALID, "voornamen": "Anna"})
    html = response.content.decode()
    assert "Er is al een actieve klant met dit BSN." in html
    assert 'value="Anna"' in html
    assert Client.objects.count() == 1


def test_concurrent_edit_gives_clear_message(client_as, users):
    dossier = client_in_groep("zorgen", io=users["inkomensconsulent"])
    http = client_as("inkomensconsulent")
    url = reverse("clients:bewerken", args=[dossier.pk])
    form = {
        "voornamen": dossier.voornamen,
        "achternaam": dossier.achternaam,
        "geboortedatum": dossier.geboortedatum.isoformat(),
        "woonplaats": "Deventer",
        "versie": dossier.versie,
    }
    assert http.post(url, {**form, "telefoon": "0570-111111"}).status_code == 302
    response = http.post(url, {**form, "telefoon": "0570-222222"})
    html = response.content.decode()
    assert "Iemand anders heeft dit dossier intussen gewijzigd" in html
    assert 'value="0570-222222"' in html
    dossier.refresh_from_db()
    assert dossier.telefoon == "0570-111111"


def test_group_change_form_refuses_missing_reason(client_as, users):
    dossier = client_in_groep("zorgen", van=datetime.date(2025, 2, 1))
    http = client_as("inkomensconsulent")
    url = reverse("clients:groepsindeling", args=[dossier.pk])
    response = http.post(
        url, {"klantgroep": "", "soort": "doorstroom", "van": "2026-01-05", "reden": ""}
    )
    assert "Dit veld is vereist" in response.content.decode()
    faciliteren = Groepslidmaatschap.objects.get(client=dossier).klantgroep.__class__.objects.get(
        code="faciliteren"
    )
    response = http.post(
        url,
        {
            "klantgroep": faciliteren.pk,
            "geadviseerde_klantgroep": faciliteren.pk,
            "van": "2026-01-05",
            "reden": "",
        },
    )
    assert "Geef de reden van de groepswijziging." in response.content.decode()
    response = http.post(
        url,
        {
            "klantgroep": faciliteren.pk,
            "geadviseerde_klantgroep": faciliteren.pk,
            "van": "2026-01-05",
            "reden": "Actief als vrijwilliger",
        },
    )
    assert response.status_code == 302
    assert Groepslidmaatschap.objects.filter(client=dossier).count() == 2


def test_group_change_records_choice_and_advice_and_derives_the_kind(client_as, users):
    """Issue 29: the new group is the client's choice, the advice is required, and the kind
    follows from the current group (never "eerste indeling" for a client in a group)."""
    from clients.groepen.models import Groepslidmaatschap as Lid
    from tests.factories import klantgroep

    dossier = client_in_groep("zorgen", van=datetime.date(2025, 2, 1))
    http = client_as("inkomensconsulent")
    url = reverse("clients:groepsindeling", args=[dossier.pk])
    pagina = http.get(url).content.decode()
    assert "Huidige klantgroep: <strong>Zorgen</strong>" in pagina
    assert 'name="soort"' not in pagina
    fout = http.post(
        url,
        {"klantgroep": klantgroep("faciliteren").pk, "van": "2026-01-05", "reden": "Vrijwilliger"},
    ).content.decode()
    assert 'id="id_geadviseerde_klantgroep_error"' in fout and "Vrijwilliger" in fout
    assert Lid.objects.filter(client=dossier).count() == 1
    antwoord = http.post(
        url,
        {
            "klantgroep": klantgroep("faciliteren").pk,
            "geadviseerde_klantgroep": klantgroep("zorgen").pk,
            "van": "2026-01-05",
            "reden": "Wil graag vrijwilligerswerk doen; advies was eerst stabiliseren",
            "soort": "eerste_indeling",  # ignored: the kind follows from the groups
        },
    )
    assert antwoord.status_code == 302
    nieuw = Lid.objects.get(client=dossier, tot__isnull=True)
    assert nieuw.soort == "doorstroom"
    assert (nieuw.gekozen_klantgroep.code, nieuw.geadviseerde_klantgroep.code) == (
        "faciliteren",
        "zorgen",
    )
