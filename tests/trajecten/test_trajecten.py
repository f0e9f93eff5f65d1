"""Trajecten: the catalogue, starting with the klantgroep warning, ending, loonwaarde."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from clients.constants import TaakStatus
from clients.models import Taak
from clients.services import ConcurrentEditError
from clients.trajecten.models import LoonwaardeBeoordeling, Traject
from clients.trajecten.services import loonwaarde_herbeoordeel, traject_beeindig, traject_start
from tests.factories import client_in_groep

from .factories import aanbieder, instrument, sector

pytestmark = pytest.mark.django_db
D = datetime.date


def _start(actor, klant, naam="Werkleerroute logistiek", **kwargs):
    inst = instrument(naam)
    kwargs.setdefault("aanbieder", inst.aanbieders.first())
    kwargs.setdefault("start", D(2026, 3, 1))
    return traject_start(actor=actor, client=klant, instrument=inst, **kwargs)


def test_catalogue_is_seeded_from_the_policy():
    assert instrument("Werkleerroute logistiek").klantgroepen.get().code == "groeien"
    assert set(instrument("Work fast").klantgroepen.values_list("code", flat=True)) == {"matchen"}
    assert instrument("Loonkostensubsidie").cbs_code == "SRG-LKS"
    assert set(instrument("Vrijwilligerswerk").klantgroepen.values_list("code", flat=True)) == {
        "faciliteren",
        "zorgen",
    }
    assert sector("Logistiek").kansrijk and sector("ICT").kansrijk


def test_werkleerroute_ends_successfully_with_its_cost_and_group(users):
    klant = client_in_groep("groeien", van=D(2026, 1, 1))
    t = _start(users["werkcoach"], klant, sector=sector())
    assert t.gepland_einde == D(2026, 3, 1) + datetime.timedelta(weeks=26)
    assert t.kosten == 3500
    assert t.klantgroep.code == "groeien"  # the group at the start, for costs per group
    t = traject_beeindig(
        actor=users["werkcoach"], traject=t, versie=1, einde=D(2026, 9, 1), resultaat="succesvol"
    )
    assert (t.status, t.resultaat, t.einde) == ("beeindigd", "succesvol", D(2026, 9, 1))


def test_ending_early_needs_a_reason_and_a_stale_form_is_refused(users):
    klant = client_in_groep("groeien", van=D(2026, 1, 1))
    t = _start(users["werkcoach"], klant)
    with pytest.raises(ValidationError) as exc:
        traject_beeindig(
            actor=users["werkcoach"],
            traject=t,
            versie=1,
            einde=D(2026, 5, 1),
            resultaat="voortijdig",
        )
    assert "reden" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        traject_beeindig(
            actor=users["werkcoach"],
            traject=t,
            versie=1,
            einde=D(2026, 2, 1),
            resultaat="succesvol",
        )
    assert "vóór de start" in exc.value.message_dict["einde"][0]
    traject_beeindig(
        actor=users["werkcoach"],
        traject=t,
        versie=1,
        einde=D(2026, 5, 1),
        resultaat="voortijdig",
        reden="Ziek geworden",
    )
    with pytest.raises(ConcurrentEditError):
        traject_beeindig(
            actor=users["werkcoach"],
            traject=t,
            versie=1,
            einde=D(2026, 6, 1),
            resultaat="succesvol",
        )
    t.refresh_from_db()
    assert (t.resultaat, t.reden_voortijdig) == ("voortijdig", "Ziek geworden")


@pytest.mark.parametrize(
    ("kwargs", "veld"),
    [
        ({"gepland_einde": D(2026, 1, 1)}, "gepland_einde"),
        ({"start": D(2028, 3, 1)}, "start"),
        (
            {"naam": "Loonkostensubsidie", "loonwaarde": 120, "herbeoordeling_op": D(2027, 3, 1)},
            "loonwaarde",
        ),
        ({"naam": "Loonkostensubsidie", "loonwaarde": -1}, "loonwaarde"),
        ({"naam": "Loonkostensubsidie"}, "loonwaarde"),
        ({"naam": "Loonkostensubsidie", "loonwaarde": 60}, "herbeoordeling_op"),
        (
            {"naam": "Loonkostensubsidie", "loonwaarde": 60, "herbeoordeling_op": D(2026, 2, 1)},
            "herbeoordeling_op",
        ),
        ({"naam": "Work fast"}, "afwijking_reden"),  # Matchen only
        ({"aanbieder": "Cambio"}, "aanbieder"),  # KonnecteD runs the werkleerroutes
    ],
)
def test_bad_traject_input_is_refused_with_a_dutch_message(users, kwargs, veld):
    klant = client_in_groep("groeien", van=D(2026, 1, 1))
    if "aanbieder" in kwargs:
        kwargs["aanbieder"] = aanbieder(kwargs["aanbieder"])
    with pytest.raises(ValidationError) as exc:
        _start(users["werkcoach"], klant, **kwargs)
    assert veld in exc.value.message_dict
    assert not Traject.objects.exists()


def test_group_warning_can_be_overridden_with_a_reason_that_is_kept(users):
    klant = client_in_groep("groeien", van=D(2026, 1, 1))
    with pytest.raises(ValidationError) as exc:
        _start(users["werkcoach"], klant, naam="Work fast")
    assert "niet bedoeld voor klantgroep Groeien" in exc.value.message_dict["afwijking_reden"][0]
    t = _start(
        users["werkcoach"],
        klant,
        naam="Work fast",
        afwijking_reden="  Klant is bijna werkfit; korte route past ",
    )
    assert t.afwijking_reden == "Klant is bijna werkfit; korte route past"


def test_regie_decides_who_logs_a_traject(users):
    groeien = client_in_groep("groeien", van=D(2026, 1, 1))
    faciliteren = client_in_groep("faciliteren", van=D(2026, 1, 1))
    with pytest.raises(ValidationError) as exc:
        _start(users["participatiemakelaar"], groeien)
    assert "werkcoach" in exc.value.messages[0]
    with pytest.raises(ValidationError):
        _start(users["werkcoach"], faciliteren, naam="Vrijwilligerswerk")
    t = _start(users["participatiemakelaar"], faciliteren, naam="Vrijwilligerswerk")
    assert t.werkcoach == users["participatiemakelaar"]


def test_a_client_who_left_cannot_start_a_traject(users):
    klant = client_in_groep("groeien", van=D(2026, 1, 1))
    klant.lidmaatschappen.update(tot=D(2026, 6, 1))
    with pytest.raises(ValidationError) as exc:
        _start(users["werkcoach"], klant)
    assert "niet (meer) ingedeeld" in exc.value.messages[0]


def _lks(users, klant):
    return _start(
        users["werkcoach"],
        klant,
        naam="Loonkostensubsidie",
        start=D(2026, 1, 5),
        loonwaarde=60,
        herbeoordeling_op=D(2026, 7, 5),
    )


def test_loonwaarde_assessments_are_history_and_plan_the_next(users):
    klant = client_in_groep("groeien", van=D(2025, 6, 1))
    t = _lks(users, klant)
    eerste = LoonwaardeBeoordeling.objects.get(traject=t)
    assert (eerste.loonwaarde, eerste.volgende_herbeoordeling) == (60, D(2026, 7, 5))
    taak = Taak.objects.get(client=klant, sleutel__startswith=f"loonwaarde:{t.pk}:")
    assert taak.datum == D(2026, 7, 5)

    loonwaarde_herbeoordeel(
        actor=users["werkcoach"],
        traject=t,
        datum=D(2026, 7, 10),
        loonwaarde=75,
        volgende_herbeoordeling=D(2027, 7, 10),
    )
    assert list(t.beoordelingen.order_by("datum").values_list("loonwaarde", flat=True)) == [60, 75]
    taak.refresh_from_db()
    assert taak.status == TaakStatus.AFGEROND
    volgende = Taak.objects.get(client=klant, status=TaakStatus.OPEN)
    assert volgende.datum == D(2027, 7, 10)
    t.refresh_from_db()
    assert t.loonwaarde == 60  # the traject keeps what was decided at the start


@pytest.mark.parametrize(
    ("kwargs", "veld"),
    [
        ({"loonwaarde": 101}, "loonwaarde"),
        ({"datum": D(2026, 12, 1)}, "datum"),  # future
        ({"datum": D(2025, 12, 1)}, "datum"),  # before the start
        ({"volgende_herbeoordeling": D(2026, 7, 1)}, "volgende_herbeoordeling"),
    ],
)
def test_bad_loonwaarde_input(users, kwargs, veld):
    klant = client_in_groep("groeien", van=D(2025, 6, 1))
    t = _lks(users, klant)
    data = {"datum": D(2026, 7, 10), "loonwaarde": 70} | kwargs
    with pytest.raises(ValidationError) as exc:
        loonwaarde_herbeoordeel(actor=users["werkcoach"], traject=t, **data)
    assert veld in exc.value.message_dict
    assert t.beoordelingen.count() == 1


def test_ending_an_lks_traject_lapses_its_reassessment(users):
    klant = client_in_groep("groeien", van=D(2025, 6, 1))
    t = _lks(users, klant)
    traject_beeindig(
        actor=users["werkcoach"], traject=t, versie=1, einde=D(2026, 6, 1), resultaat="succesvol"
    )
    assert Taak.objects.get(client=klant).status == TaakStatus.VERVALLEN
