import pytest
from django.urls import reverse

from clients.signalen import signaal_meld
from tests.factories import client_in_groep

pytestmark = pytest.mark.django_db


def test_urgent_signal_shows_on_dossier_until_handled(client_as, users):
    dossier = client_in_groep("zorgen")
    signaal = signaal_meld(
        actor=users["poortwachter"],
        client=dossier,
        soort="huisuitzetting",
        omschrijving="Huurachterstand 3 maanden",
        bron="screening",
    )
    assert signaal.urgent
    http = client_as("inkomensconsulent")
    html = http.get(reverse("clients:dossier", args=[dossier.pk])).content.decode()
    assert "Dreigende huisuitzetting" in html and "Urgent" in html
    url = reverse("clients:signaal_afhandelen", args=[dossier.pk, signaal.pk])
    response = http.post(url, {"afhandeling": ""})
    assert "vereist" in response.content.decode()
    response = http.post(url, {"afhandeling": "Betalingsregeling met woningcorporatie"})
    assert response.status_code == 302
    html = http.get(reverse("clients:dossier", args=[dossier.pk])).content.decode()
    assert "is afgehandeld" in html  # the confirmation message
    assert "Open signalen" not in html


def test_timeline_newest_first_and_filterable(client_as, users):
    dossier = client_in_groep("zorgen", io=users["inkomensconsulent"])
    signaal_meld(actor=users["poortwachter"], client=dossier, soort="schulden")
    http = client_as("inkomensconsulent")
    html = http.get(reverse("clients:tijdlijn", args=[dossier.pk])).content.decode()
    assert html.index("Signaal: Schulden") < html.index("Eerste indeling: Zorgen")
    assert html.index("Eerste indeling: Zorgen") < html.index("Melding")
    filtered = http.get(reverse("clients:tijdlijn", args=[dossier.pk]), {"soort": "signaal"})
    assert "Eerste indeling" not in filtered.content.decode()
    assert "Signaal: Schulden" in filtered.content.decode()


def test_a_professional_raises_a_handhaving_signal_by_hand(client_as, users):
    from django.urls import reverse

    from clients.models import Signaal
    from tests.factories import client_in_groep

    klant = client_in_groep("zorgen", io=users["inkomensconsulent"])
    c = client_as("inkomensconsulent")
    url = reverse("clients:signaal_melden", args=[klant.pk])
    leeg = c.post(url, {"soort": "meer_mogelijk"})
    assert "Dit veld is vereist." in leeg.content.decode()
    ok = c.post(url, {"soort": "meer_mogelijk", "omschrijving": "Doet veel vrijwilligerswerk"})
    assert ok.status_code == 302
    s = Signaal.objects.get(client=klant)
    assert (s.soort, s.urgent, s.bron) == ("meer_mogelijk", False, "handmatig")
    # a signal kind only the planner raises is not offered
    assert c.post(url, {"soort": "groep_niet_besproken", "omschrijving": "x"}).status_code == 200
