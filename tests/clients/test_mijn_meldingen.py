"""Issue 30 part 4: a poortwachter is nobody's contact person, so her "Mijn klanten" lists the
meldingen she registered herself in the last 8 weeks, newest first; who registered a melding
is kept on the episode it opened (also for a client who comes back)."""

import datetime

import pytest
from django.urls import reverse

from clients.constants import Fase
from clients.models import Uitkeringsperiode
from clients.selectors import client_list_mijn_klanten
from clients.services import client_register, periode_sluit
from tests.factories import UserFactory, make_bsn
from tests.fixtures.klok import VANDAAG

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def _meld(actor, melddatum: datetime.date, achternaam: str, **extra):
    return client_register(
        actor=actor,
        bsn=extra.pop("bsn", None) or make_bsn(),
        melddatum=melddatum,
        voornamen="Test",
        achternaam=achternaam,
        geboortedatum=datetime.date(1985, 4, 1),
        **extra,
    )


def test_register_records_who_reported_the_melding(users):
    client = _meld(users["poortwachter"], VANDAAG, "Eerste")
    assert Uitkeringsperiode.objects.get(client=client).gemeld_door == users["poortwachter"]


def test_a_returning_client_s_new_episode_records_its_own_reporter(users):
    ander = UserFactory(username="poortwachter2", rol="poortwachter")
    client = _meld(ander, VANDAAG - datetime.timedelta(days=200), "Terug")
    periode_sluit(
        actor=users["inkomensconsulent"],
        client=client,
        einddatum=VANDAAG - datetime.timedelta(days=100),
        reden="werk_regulier",
    )
    _meld(users["poortwachter"], VANDAAG - datetime.timedelta(days=3), "Terug", bsn=client.bsn)
    perioden = Uitkeringsperiode.objects.filter(client=client).order_by("melddatum")
    assert [p.gemeld_door for p in perioden] == [ander, users["poortwachter"]]


def test_poortwachter_sees_her_own_meldingen_of_the_last_8_weeks_only(users, client_as):
    pw = users["poortwachter"]
    ander = UserFactory(username="poortwachter2", rol="poortwachter")
    grens = VANDAAG - datetime.timedelta(weeks=8)
    _meld(pw, VANDAAG, "Vandaag")
    _meld(pw, grens, "Precies-acht-weken")
    geen_recht = _meld(pw, VANDAAG - datetime.timedelta(days=20), "Geen-recht")
    periode_sluit(actor=pw, client=geen_recht, einddatum=VANDAAG, reden="geen_recht")
    _meld(pw, grens - datetime.timedelta(days=1), "Te-oud")
    _meld(ander, VANDAAG, "Van-een-collega")

    html = client_as("poortwachter").get(reverse("clients:mijn_klanten")).content.decode()

    assert "U heeft de afgelopen 8 weken 3 meldingen geregistreerd" in html
    # newest first; a melding she closed as "geen recht" stays findable
    assert html.index("Vandaag") < html.index("Geen-recht") < html.index("Precies-acht-weken")
    assert "Te-oud" not in html
    assert "Van-een-collega" not in html
    assert Fase.AFGESLOTEN.label in html
    assert f"{VANDAAG:%d-%m-%Y}" in html  # the "Gemeld op" column


def test_poortwachter_without_recent_meldingen_gets_a_way_forward(users, client_as):
    _meld(users["poortwachter"], VANDAAG - datetime.timedelta(weeks=9), "Oud")
    html = client_as("poortwachter").get(reverse("clients:mijn_klanten")).content.decode()
    assert "afgelopen 8 weken geen meldingen geregistreerd" in html
    assert reverse("clients:registreren") in html


def test_other_roles_keep_their_contact_persons_list(users):
    """An inkomensconsulent who registers a melding is not its contact person by that."""
    _meld(users["inkomensconsulent"], VANDAAG, "Door-ic-gemeld")
    assert list(client_list_mijn_klanten(user=users["inkomensconsulent"])) == []


def test_a_poortwachter_who_is_also_inkomensconsulent_keeps_her_contact_clients(users):
    from tests.factories import client_in_groep

    beide = UserFactory(username="pw-ic", rol="poortwachter")
    beide.groups.add(*users["inkomensconsulent"].groups.all())
    eigen = client_in_groep("zorgen", io=beide)
    melding = _meld(beide, VANDAAG, "Eigen-melding")
    assert set(client_list_mijn_klanten(user=beide)) == {eigen, melding}
