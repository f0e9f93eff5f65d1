"""Themabijeenkomsten: invitations by group plus sector or wijk; attendance afterwards."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from clients.trajecten.models import ThemaUitnodiging
from clients.trajecten.services import (
    thema_aanwezigheid_registreer,
    thema_nodig_uit,
    themabijeenkomst_plan,
)
from klantgroepen.models import Klantgroep
from tests.factories import client_in_groep

from .factories import profiel, sector

pytestmark = pytest.mark.django_db
D = datetime.date


def _groepen(*codes):
    return list(Klantgroep.objects.filter(code__in=codes))


def _datum(dag=10, uur=10):
    return datetime.datetime(2026, 12, dag, uur, tzinfo=datetime.UTC)


def test_branchegericht_invites_on_sector_interest(users):
    m = client_in_groep("matchen", van=D(2026, 1, 1))
    profiel(m, sectoren=("Logistiek",))
    g = client_in_groep("groeien", van=D(2026, 1, 1))
    profiel(g, sectoren=("Zorg",))
    client_in_groep("matchen", van=D(2026, 1, 1))  # no profile: not invited
    b, aantal = themabijeenkomst_plan(
        actor=users["werkcoach"],
        type="branchegericht",
        onderwerp="Werken in de logistiek",
        datum=_datum(),
        plaats="DWT",
        sector=sector(),
        klantgroepen=_groepen("matchen", "groeien"),
    )
    assert aantal == 1
    assert list(b.uitnodigingen.values_list("client_id", flat=True)) == [m.pk]
    assert thema_nodig_uit(bijeenkomst=b) == 0  # idempotent
    assert b.georganiseerd_door == users["werkcoach"]


def test_wijkgericht_invites_on_wijk(users):
    z = client_in_groep("zorgen", van=D(2026, 1, 1), wijk="rivierenwijk")
    client_in_groep("zorgen", van=D(2026, 1, 1), wijk="colmschate")
    f = client_in_groep("faciliteren", van=D(2026, 1, 1), wijk="rivierenwijk")
    weg = client_in_groep("faciliteren", van=D(2026, 1, 1), wijk="rivierenwijk")
    weg.fase = "afgesloten"
    weg.save()
    b, _ = themabijeenkomst_plan(
        actor=users["participatiemakelaar"],
        type="wijkgericht",
        onderwerp="Rondkomen",
        datum=_datum(11, 14),
        plaats="Wijkcentrum",
        wijk="rivierenwijk",
        klantgroepen=_groepen("faciliteren", "zorgen"),
    )
    assert set(b.uitnodigingen.values_list("client_id", flat=True)) == {z.pk, f.pk}


@pytest.mark.parametrize(
    ("kwargs", "veld"),
    [
        ({"type": "branchegericht", "sector": None}, "sector"),
        ({"type": "wijkgericht", "wijk": ""}, "wijk"),
        ({"klantgroepen": ["matchen", "zorgen"]}, "klantgroepen"),  # Zorgen: wijkgericht
        ({"klantgroepen": []}, "klantgroepen"),
        ({"datum": datetime.datetime(2026, 1, 5, 10, tzinfo=datetime.UTC)}, "datum"),
    ],
)
def test_bad_meeting_input(users, kwargs, veld):
    data = {
        "type": "branchegericht",
        "onderwerp": "Bouw",
        "datum": _datum(),
        "plaats": "DWT",
        "sector": sector("Bouw"),
        "klantgroepen": ["matchen"],
    } | kwargs
    data["klantgroepen"] = _groepen(*data["klantgroepen"])
    with pytest.raises(ValidationError) as exc:
        themabijeenkomst_plan(actor=users["trainer"], **data)
    assert veld in exc.value.message_dict


def test_attendance_only_once_the_meeting_began(users):
    z = client_in_groep("zorgen", van=D(2026, 1, 1), wijk="rivierenwijk")
    b, _ = themabijeenkomst_plan(
        actor=users["trainer"],
        type="wijkgericht",
        onderwerp="Schulden voorkomen",
        datum=_datum(),
        plaats="Wijkcentrum",
        wijk="rivierenwijk",
        klantgroepen=_groepen("zorgen"),
    )
    u = ThemaUitnodiging.objects.get(bijeenkomst=b, client=z)
    with pytest.raises(ValidationError):
        thema_aanwezigheid_registreer(actor=users["trainer"], uitnodiging=u, aanwezig=True)
    with time_machine.travel(datetime.datetime(2026, 12, 10, 11, tzinfo=datetime.UTC)):
        thema_aanwezigheid_registreer(actor=users["trainer"], uitnodiging=u, aanwezig=True)
    u.refresh_from_db()
    assert u.aanwezig is True
