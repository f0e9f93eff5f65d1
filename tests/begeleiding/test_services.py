import datetime

import pytest
from django.core.exceptions import ValidationError

from clients.begeleiding.models import Minimaregeling, PlanVanAanpak, Voortgangsgesprek
from clients.begeleiding.services import DoelInvoer, plan_stel_vast, voortgangsgesprek_leg_vast
from clients.groepen.models import Groepslidmaatschap
from clients.models import Signaal
from clients.services import ConcurrentEditError
from tests.factories import client_in_groep, klantgroep

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]
D = datetime.date


EIND_2026 = D(2026, 12, 31)


def _doel(deadline=EIND_2026):
    return DoelInvoer(
        leefgebied="werk",
        omschrijving="Werkritme opbouwen",
        acties=[
            {
                "omschrijving": "Werkleerroute logistiek starten",
                "eigenaar": "professional",
                "deadline": deadline,
            },
            {"omschrijving": "Elke ochtend om 8 uur op", "eigenaar": "klant", "deadline": deadline},
        ],
    )


def test_a_revision_keeps_the_previous_version(users):
    client = client_in_groep("groeien", van=D(2026, 1, 1))
    v1 = plan_stel_vast(
        actor=users["werkcoach"],
        client=client,
        vastgesteld_op=D(2026, 2, 1),
        doelen=[_doel()],
        gebaseerd_op_versie=0,
    )
    v2 = plan_stel_vast(
        actor=users["werkcoach"],
        client=client,
        vastgesteld_op=D(2026, 9, 1),
        doelen=[_doel(), DoelInvoer("financien", "Schulden in beeld", [])],
        gebaseerd_op_versie=1,
    )
    assert (v1.versie, v2.versie, v2.vorige) == (1, 2, v1)
    assert v1.doelen.count() == 1 and v1.acties.count() == 2
    assert v2.doelen.count() == 2
    assert v2.actueel_op(D(2026, 11, 24)) and not v1.actueel_op(D(2027, 3, 1))
    with pytest.raises(ConcurrentEditError):
        plan_stel_vast(
            actor=users["werkcoach"],
            client=client,
            vastgesteld_op=D(2026, 10, 1),
            doelen=[_doel()],
            gebaseerd_op_versie=1,
        )
    assert PlanVanAanpak.objects.count() == 2


def test_no_plan_for_zorgen_and_no_action_before_the_plan(users):
    zorgen = client_in_groep("zorgen")
    with pytest.raises(ValidationError):
        plan_stel_vast(
            actor=users["werkcoach"],
            client=zorgen,
            vastgesteld_op=D(2026, 2, 1),
            doelen=[_doel()],
            gebaseerd_op_versie=0,
        )
    groeien = client_in_groep("groeien", van=D(2026, 1, 1))
    with pytest.raises(ValidationError) as exc:
        plan_stel_vast(
            actor=users["werkcoach"],
            client=groeien,
            vastgesteld_op=D(2026, 2, 1),
            doelen=[_doel(deadline=D(2026, 1, 1))],
            gebaseerd_op_versie=0,
        )
    assert "doelen" in exc.value.message_dict
    assert not PlanVanAanpak.objects.exists()


def test_voortgangsgesprek_with_group_change_and_debt_signal(users):
    client = client_in_groep("matchen", van=D(2026, 1, 1))
    regeling = Minimaregeling.objects.first()
    g = voortgangsgesprek_leg_vast(
        actor=users["inkomensconsulent"],
        client=client,
        datum=D(2026, 11, 20),
        plek="thuis",
        welzijn=2,
        stress=4,
        juiste_groep=False,
        nieuwe_klantgroep=klantgroep("groeien"),
        geadviseerde_klantgroep=klantgroep("zorgen"),
        reden_groepswijziging="Valt terug door schulden",
        schuldsignaal=True,
        minimaregelingen_geadviseerd=[regeling],
        rechtmatigheid_getoetst=True,
        rechtmatigheid_bevinding="geen",
    )
    nu = Groepslidmaatschap.objects.get(client=client, tot__isnull=True)
    assert nu.klantgroep.code == "groeien" and nu.soort == "terugval"
    # issue 29: the history keeps the client's choice and the consultant's advice
    assert (nu.gekozen_klantgroep.code, nu.geadviseerde_klantgroep.code) == ("groeien", "zorgen")
    assert g.groepswijziging == nu
    assert list(g.minimaregelingen_geadviseerd.all()) == [regeling]
    assert Signaal.objects.get(client=client).soort == "schulden"


@pytest.mark.parametrize(
    ("kwargs", "veld"),
    [
        ({"datum": D(2027, 1, 1)}, "datum"),
        ({"datum": D(2025, 1, 1)}, "datum"),  # before the placement
        ({"juiste_groep": False}, "nieuwe_klantgroep"),
        ({"juiste_groep": False}, "geadviseerde_klantgroep"),
        ({"rechtmatigheid_getoetst": True}, "rechtmatigheid_bevinding"),
    ],
)
def test_voortgangsgesprek_bad_input(users, kwargs, veld):
    client = client_in_groep("zorgen", van=D(2026, 1, 1))
    base = {
        "actor": users["inkomensconsulent"],
        "client": client,
        "datum": D(2026, 11, 20),
        "plek": "kantoor",
        "welzijn": 3,
        "stress": 3,
        "juiste_groep": True,
    }
    with pytest.raises(ValidationError) as exc:
        voortgangsgesprek_leg_vast(**{**base, **kwargs})
    assert veld in exc.value.message_dict
    assert not Voortgangsgesprek.objects.exists()
