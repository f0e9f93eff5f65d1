"""The cadence engine per klantgroep, with frozen time; idempotency; concurrent planners."""

import datetime
import threading

import pytest
import time_machine
from django.db import connection

from clients.begeleiding.services import voortgangsgesprek_leg_vast
from clients.constants import SignaalSoort, TaakSoort
from clients.groepen.services import groepsindeling_wijzig
from clients.handhaving.models import Rechtmatigheidsonderzoek, SteekproefInstelling
from clients.models import Signaal, Taak
from clients.planning import planner as planning
from clients.services import periode_sluit
from tests.factories import client_in_groep, klantgroep

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def _geen_steekproef():
    SteekproefInstelling.objects.update(percentage=0)


def _taken(client, soort):
    return sorted(Taak.objects.filter(client=client, soort=soort).values_list("datum", flat=True))


def _plan(dag):
    with time_machine.travel(datetime.datetime.combine(dag, datetime.time(5)), tick=False):
        return planning.plan_voortgang(peildatum=dag, horizon_dagen=0)


@pytest.mark.parametrize(
    ("code", "voortgang", "rechtmatigheid"),
    [
        # group, first voortgangsgesprek due, first separate rechtmatigheidsonderzoek due
        ("matchen", None, None),  # no periodic gesprek
        ("groeien", D(2026, 2, 1), None),  # yearly, rechtmatigheid inside the gesprek
        ("faciliteren", D(2025, 8, 1), D(2027, 2, 1)),  # twice a year; review every 2 years
        ("zorgen", D(2025, 8, 1), None),  # twice a year, rechtmatigheid inside the gesprek
    ],
)
def test_cadence_per_group(users, code, voortgang, rechtmatigheid):
    client = client_in_groep(code, van=D(2025, 2, 1), io=users["inkomensconsulent"])
    _plan(D(2027, 3, 1))
    gepland = _taken(client, TaakSoort.VOORTGANGSGESPREK)
    assert gepland == ([voortgang] if voortgang else [])
    assert _taken(client, TaakSoort.RECHTMATIGHEID) == ([rechtmatigheid] if rechtmatigheid else [])
    if voortgang:
        taak = Taak.objects.get(client=client, soort=TaakSoort.VOORTGANGSGESPREK)
        assert taak.medewerker == users["inkomensconsulent"]  # the client's IO contact


def test_after_a_gesprek_the_next_one_follows_the_interval(users):
    client = client_in_groep("zorgen", van=D(2025, 2, 1), io=users["inkomensconsulent"])
    _plan(D(2025, 8, 1))
    with time_machine.travel(datetime.datetime(2025, 8, 10, 12), tick=False):
        voortgangsgesprek_leg_vast(
            actor=users["inkomensconsulent"],
            client=client,
            datum=D(2025, 8, 10),
            plek="thuis",
            welzijn=3,
            stress=3,
            juiste_groep=True,
            rechtmatigheid_getoetst=True,
            rechtmatigheid_bevinding="geen",
        )
    assert Taak.objects.get(client=client, datum=D(2025, 8, 1)).status == "afgerond"
    _plan(D(2026, 2, 10))
    assert _taken(client, TaakSoort.VOORTGANGSGESPREK) == [D(2025, 8, 1), D(2026, 2, 10)]


def test_group_change_half_way_replans_from_the_change(users):
    client = client_in_groep("groeien", van=D(2025, 2, 1), io=users["inkomensconsulent"])
    with time_machine.travel(datetime.datetime(2025, 7, 1, 12), tick=False):
        groepsindeling_wijzig(
            actor=users["inkomensconsulent"],
            client=client,
            klantgroep=klantgroep("faciliteren"),
            van=D(2025, 7, 1),
            soort="terugval",
            reden="Gezondheid",
        )
    _plan(D(2026, 1, 1))
    # Groeien would have been due 2026-02-01; Faciliteren's 6-month rhythm runs from 2025-07-01
    assert _taken(client, TaakSoort.VOORTGANGSGESPREK) == [D(2026, 1, 1)]
    assert _taken(client, TaakSoort.RECHTMATIGHEID) == []  # due 2027-07-01, beyond horizon


def test_uitstroom_stops_planning(users):
    client = client_in_groep("zorgen", van=D(2025, 2, 1), io=users["inkomensconsulent"])
    with time_machine.travel(datetime.datetime(2025, 6, 1, 12), tick=False):
        periode_sluit(
            actor=users["inkomensconsulent"],
            client=client,
            einddatum=D(2025, 6, 1),
            reden="werk_regulier",
        )
    _plan(D(2026, 3, 1))
    assert not Taak.objects.filter(client=client).exists()


def test_a_decided_review_moves_the_next_review(users):
    client = client_in_groep("faciliteren", van=D(2023, 1, 1), io=users["inkomensconsulent"])
    Rechtmatigheidsonderzoek.objects.create(
        client=client,
        selectiereden="periodiek",
        gestart_op=D(2025, 1, 1),
        handhaver=users["handhaver"],
        bevinding="rechtmatig",
        uitkomsten=["geen_actie"],
        motivatie="In orde",
        besloten_op=D(2025, 3, 1),
        besloten_door=users["handhaver"],
    )
    _plan(D(2027, 3, 1))
    assert _taken(client, TaakSoort.RECHTMATIGHEID) == [D(2027, 3, 1)]


def test_configuration_change_moves_the_open_task(users):
    """Re-planning trigger: configuration change. The open gesprek planned under the old
    rhythm is moved (kept as history, "verplaatst"); exactly one open gesprek remains."""
    client = client_in_groep("zorgen", van=D(2025, 2, 1), io=users["inkomensconsulent"])
    _plan(D(2025, 8, 1))
    zorgen = klantgroep("zorgen")
    zorgen.voortgangsgesprekken_per_jaar = 4
    zorgen.save()
    resultaat = _plan(D(2025, 8, 1))
    rows = sorted(
        Taak.objects.filter(client=client, soort=TaakSoort.VOORTGANGSGESPREK).values_list(
            "datum", "status"
        )
    )
    assert rows == [(D(2025, 5, 1), "open"), (D(2025, 8, 1), "verplaatst")]
    assert resultaat.verplaatst == 1
    assert _plan(D(2025, 8, 2)).verplaatst == 0  # idempotent


def test_planner_twice_gives_the_same_rows(users):
    for code in ("groeien", "faciliteren", "zorgen"):
        client_in_groep(code, van=D(2024, 1, 1), io=users["inkomensconsulent"])
    eerste = _plan(D(2026, 6, 1))
    rows = sorted(Taak.objects.values_list("soort", "datum", "client_id"))
    tweede = _plan(D(2026, 6, 1))
    assert eerste.voortgang_gepland == 3 and tweede.voortgang_gepland == 0
    assert sorted(Taak.objects.values_list("soort", "datum", "client_id")) == rows


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_planners_make_no_duplicates(seed_data, users):
    for i in range(30):
        client_in_groep(["groeien", "faciliteren", "zorgen"][i % 3], van=D(2024, 1, 1))
    start = threading.Barrier(2)
    fouten = []

    def run():
        try:
            start.wait()
            planning.plan_voortgang(peildatum=D(2026, 6, 1), horizon_dagen=0)
        except Exception as exc:  # noqa: BLE001 - reported below
            fouten.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not fouten
    sleutels = list(Taak.objects.filter(sleutel__isnull=False).values_list("sleutel", flat=True))
    assert len(sleutels) == len(set(sleutels)) > 0
    # claims are per organisation (a Groeien client without contacts: IO and DWT each one)
    open_per_soort = list(
        Taak.objects.filter(status="open").values_list("client_id", "soort", "organisatie")
    )
    assert len(open_per_soort) == len(set(open_per_soort))


def test_steekproef_is_reproducible_and_about_the_percentage():
    gekozen = [
        planning.in_steekproef(seed=7, client_id=i, maand="2026-11", percentage=10)
        for i in range(5000)
    ]
    nog_eens = [
        planning.in_steekproef(seed=7, client_id=i, maand="2026-11", percentage=10)
        for i in range(5000)
    ]
    assert gekozen == nog_eens
    assert 400 < sum(gekozen) < 600
    ander_seed = [
        planning.in_steekproef(seed=8, client_id=i, maand="2026-11", percentage=10)
        for i in range(5000)
    ]
    assert gekozen != ander_seed


def test_steekproef_tasks_record_why_and_are_idempotent(users):
    SteekproefInstelling.objects.update(percentage=100)
    client = client_in_groep("matchen", van=D(2026, 1, 1))
    _plan(D(2026, 5, 3))
    _plan(D(2026, 5, 20))
    taak = Taak.objects.get(client=client, soort=TaakSoort.STEEKPROEF)
    assert "Steekproef" in taak.omschrijving and taak.rol == "handhaver"
    assert taak.organisatie == "IO"


def test_stale_membership_signal_once(users):
    oud = client_in_groep("zorgen", van=D(2023, 1, 1))
    client_in_groep("zorgen", van=D(2026, 1, 1))
    assert planning.groep_niet_besproken(peildatum=D(2026, 11, 24)) == 1
    assert planning.groep_niet_besproken(peildatum=D(2026, 11, 25)) == 0
    assert Signaal.objects.get().client == oud
    assert Signaal.objects.get().soort == SignaalSoort.GROEP_NIET_BESPROKEN


def _wissel(users, client, code, van, soort="doorstroom"):
    with time_machine.travel(datetime.datetime.combine(van, datetime.time(12)), tick=False):
        groepsindeling_wijzig(
            actor=users["inkomensconsulent"],
            client=client,
            klantgroep=klantgroep(code),
            van=van,
            soort=soort,
            reden="Besproken in het voortgangsgesprek",
        )


def test_group_change_voids_the_old_groups_planned_work(users):
    client = client_in_groep("faciliteren", van=D(2024, 1, 1), io=users["inkomensconsulent"])
    with time_machine.travel(datetime.datetime(2025, 12, 20, 5), tick=False):
        planning.plan_voortgang(peildatum=D(2025, 12, 20))  # horizon 30 days
    assert _taken(client, TaakSoort.VOORTGANGSGESPREK) == [D(2024, 7, 1)]  # overdue
    assert _taken(client, TaakSoort.RECHTMATIGHEID) == [D(2026, 1, 1)]
    _wissel(users, client, "matchen", D(2025, 12, 22))  # Matchen: no periodic gesprek
    # The change itself brought the work in line (issue 28): nothing left for the planner.
    assert not Taak.objects.filter(
        client=client,
        status="open",
        soort__in=[TaakSoort.VOORTGANGSGESPREK, TaakSoort.RECHTMATIGHEID],
    ).exists()
    resultaat = _plan(D(2025, 12, 23))
    assert resultaat.vervallen == 0
    statussen = set(
        Taak.objects.filter(client=client)
        .exclude(soort=TaakSoort.TOEWIJZEN)
        .values_list("status", flat=True)
    )
    assert statussen == {"vervallen"}  # kept as history, off the werkvoorraad
    assert Taak.objects.get(client=client, soort=TaakSoort.VOORTGANGSGESPREK).reden
    assert _plan(D(2025, 12, 24)).vervallen == 0


def test_group_change_replaces_the_old_plan_by_the_new_rhythm(users):
    client = client_in_groep("groeien", van=D(2024, 1, 1), io=users["inkomensconsulent"])
    ander = client_in_groep("groeien", van=D(2024, 1, 1), io=users["inkomensconsulent"])
    with time_machine.travel(datetime.datetime(2024, 12, 15, 5), tick=False):
        planning.plan_voortgang(peildatum=D(2024, 12, 15))
    _wissel(users, client, "faciliteren", D(2024, 12, 20), soort="terugval")
    # the change moved the gesprek at once (issue 28): the planner later moves nothing
    open_gesprek = Taak.objects.filter(
        client=client, soort=TaakSoort.VOORTGANGSGESPREK, status="open"
    ).values_list("datum", flat=True)
    assert list(open_gesprek) == [D(2025, 6, 20)]
    resultaat = _plan(D(2025, 6, 20))
    assert resultaat.verplaatst == 0
    voortgang = Taak.objects.filter(soort=TaakSoort.VOORTGANGSGESPREK)
    assert sorted(voortgang.filter(client=client).values_list("datum", "status")) == [
        (D(2025, 1, 1), "verplaatst"),  # Groeien's yearly gesprek
        (D(2025, 6, 20), "open"),  # Faciliteren: six months after the change
    ]
    # a client without a group change keeps the overdue gesprek
    assert list(voortgang.filter(client=ander).values_list("datum", "status")) == [
        (D(2025, 1, 1), "open")
    ]


def test_planner_command_lists_what_it_planned_without_bsn_or_name(users, capsys):
    from django.core.management import call_command

    client = client_in_groep(
        "zorgen", van=D(2025, 1, 1), io=users["inkomensconsulent"], achternaam="Geheim"
    )
    call_command("plan_voortgang", peildatum=D(2026, 11, 24), details=True)
    out = capsys.readouterr().out
    assert f"Voortgangsgesprek 01-07-2025 klant {client.pk} (periodiek)" in out
    assert client.bsn not in out and "Geheim" not in out
