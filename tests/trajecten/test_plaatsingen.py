"""Plaatsingen: verdringingscheck, loonkostensubsidie, uitstroom naar werk, nazorg."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from clients.constants import TaakSoort, TaakStatus
from clients.models import Taak
from clients.trajecten.models import NazorgMoment, Plaatsing, Traject
from clients.trajecten.services import (
    nazorg_registreer,
    plaatsing_registreer,
    uitkeringseinde_besluit,
)
from tests.factories import client_in_groep

from .factories import ontslag, vacature, werkgever

pytestmark = pytest.mark.django_db
D = datetime.date


def _plaats(users, klant, **kwargs):
    data = {
        "werkgever": kwargs.pop("werkgever", None) or werkgever(),
        "functie": "Orderpicker",
        "uren": 32,
        "contract": "bepaald",
        "start": D(2026, 11, 2),
    } | kwargs
    return plaatsing_registreer(actor=users["werkcoach"], client=klant, **data)


def _besluit_einde(users, p, laatste_dag):
    return uitkeringseinde_besluit(
        actor=users["inkomensconsulent"],
        uitkeringseinde=p.uitkeringseinde,
        versie=p.uitkeringseinde.versie,
        beeindigen=True,
        laatste_dag=laatste_dag,
    )


def test_placement_with_lks_records_uitstroom_naar_werk_and_keeps_nazorg_open(users):
    klant = client_in_groep("groeien", van=D(2025, 1, 1))
    p = _plaats(
        users,
        klant,
        met_loonkostensubsidie=True,
        loonwaarde=70,
        uitkering_beeindigen=True,
        laatste_uitkeringsdag=D(2026, 11, 2),
    )
    klant.refresh_from_db()
    # the werkcoach proposes; the benefit runs until the inkomensconsulent decides
    assert klant.fase == "ingedeeld" and klant.perioden.get().einddatum is None
    _besluit_einde(users, p, D(2026, 11, 2))
    klant.refresh_from_db()
    assert klant.fase == "afgesloten"
    assert klant.perioden.get().uitstroomreden == "werk_lks"
    assert p.nazorg_tot == D(2027, 11, 2)
    # the checkpoints are planned after the uitstroom, so they did not lapse with it
    nazorg = Taak.objects.filter(client=klant, soort=TaakSoort.NAZORG, status=TaakStatus.OPEN)
    assert sorted(nazorg.values_list("datum", flat=True)) == [D(2027, 5, 2), D(2027, 11, 2)]
    # loonkostensubsidie is a traject of its own: loonwaarde, re-assessment, cost per group
    lks = p.traject
    assert (lks.instrument.soort, lks.loonwaarde, lks.klantgroep.code) == (
        "loonkostensubsidie",
        70,
        "groeien",
    )
    assert lks.beoordelingen.get().volgende_herbeoordeling == D(2027, 11, 2)
    assert Taak.objects.filter(
        client=klant, status=TaakStatus.OPEN, sleutel__startswith=f"loonwaarde:{lks.pk}:"
    ).exists()


@pytest.mark.parametrize(
    ("contract", "lks", "reden"),
    [("onbepaald", False, "werk_regulier"), ("beschut", False, "beschut_werk")],
)
def test_uitstroomreden_follows_the_placement(users, contract, lks, reden):
    klant = client_in_groep("groeien", van=D(2025, 1, 1))
    p = _plaats(
        users,
        klant,
        contract=contract,
        met_loonkostensubsidie=lks,
        uitkering_beeindigen=True,
        laatste_uitkeringsdag=D(2026, 11, 2),
    )
    _besluit_einde(users, p, D(2026, 11, 2))
    assert klant.perioden.get().uitstroomreden == reden


def test_placement_without_ending_the_benefit_keeps_the_dossier_open(users):
    klant = client_in_groep("matchen", van=D(2026, 6, 1))
    _plaats(users, klant, uren=12)
    klant.refresh_from_db()
    assert klant.fase == "ingedeeld"
    assert klant.perioden.get().einddatum is None


def test_verdringingscheck_warns_and_the_motivation_is_kept(users):
    klant = client_in_groep("matchen", van=D(2026, 6, 1))
    wg = werkgever()
    ontslag(wg, datum=D(2026, 9, 1))
    with pytest.raises(ValidationError) as exc:
        _plaats(users, klant, werkgever=wg, start=D(2026, 11, 20))
    assert "mogelijk verdringing" in exc.value.message_dict["verdringing_motivatie"][0]
    assert not Plaatsing.objects.exists()
    p = _plaats(
        users,
        klant,
        werkgever=wg,
        start=D(2026, 11, 20),
        verdringing_motivatie="Andere afdeling; ontslagen waren kantoorfuncties",
    )
    assert "4 medewerker(s)" in p.verdringing_waarschuwing
    assert p.verdringing_motivatie.startswith("Andere afdeling")


def test_old_dismissals_do_not_warn(users):
    klant = client_in_groep("matchen", van=D(2026, 6, 1))
    wg = werkgever()
    ontslag(wg, datum=D(2026, 4, 1))  # more than six months before the start
    p = _plaats(users, klant, werkgever=wg, start=D(2026, 11, 20))
    assert p.verdringing_waarschuwing == ""


@pytest.mark.parametrize(
    ("kwargs", "veld"),
    [
        ({"werkgever": None, "functie": "Picker"}, "werkgever"),
        ({"functie": "  "}, "functie"),
        ({"met_loonkostensubsidie": True, "loonwaarde": 150}, "loonwaarde"),
        ({"met_loonkostensubsidie": True}, "loonwaarde"),
        ({"loonwaarde": 50}, "loonwaarde"),  # a loonwaarde without LKS
        ({"uitkering_beeindigen": True}, "laatste_uitkeringsdag"),
        ({"laatste_uitkeringsdag": D(2026, 11, 1)}, "uitkering_beeindigen"),
        (
            {"uitkering_beeindigen": True, "laatste_uitkeringsdag": D(2026, 11, 1)},
            "laatste_uitkeringsdag",  # the day before the placement starts
        ),
        ({"start": D(2028, 1, 1)}, "start"),
    ],
)
def test_bad_placement_input_saves_nothing(users, kwargs, veld):
    klant = client_in_groep("groeien", van=D(2025, 1, 1))
    if kwargs.get("werkgever", "x") is None:
        kwargs["werkgever"] = None
        with pytest.raises(ValidationError) as exc:
            plaatsing_registreer(
                actor=users["werkcoach"],
                client=klant,
                uren=24,
                contract="uitzend",
                start=D(2026, 11, 20),
                **kwargs,
            )
    else:
        with pytest.raises(ValidationError) as exc:
            _plaats(users, klant, **kwargs)
    assert veld in exc.value.message_dict
    assert not Plaatsing.objects.exists()
    assert not Traject.objects.exists()
    klant.refresh_from_db()
    assert klant.fase == "ingedeeld"


def test_lks_outside_the_group_needs_a_reason(users):
    klant = client_in_groep("matchen", van=D(2026, 6, 1))
    with pytest.raises(ValidationError) as exc:
        _plaats(users, klant, met_loonkostensubsidie=True, loonwaarde=80)
    assert "afwijking_reden" in exc.value.message_dict
    p = _plaats(
        users,
        klant,
        met_loonkostensubsidie=True,
        loonwaarde=80,
        afwijking_reden="Na een ongeval blijvend verminderde loonwaarde",
    )
    assert p.traject.afwijking_reden.startswith("Na een ongeval")


def test_a_vacancy_is_closed_by_its_placement_and_must_be_of_the_employer(users):
    klant = client_in_groep("matchen", van=D(2026, 6, 1))
    v = vacature()
    with pytest.raises(ValidationError) as exc:
        _plaats(users, klant, werkgever=werkgever("Ander bedrijf"), vacature=v)
    assert "vacature" in exc.value.message_dict
    _plaats(users, klant, werkgever=v.werkgever, vacature=v)
    v.refresh_from_db()
    assert (v.open, v.gesloten_op) == (False, D(2026, 11, 2))


def test_nazorg_checkpoint_completes_its_task(users):
    klant = client_in_groep("groeien", van=D(2025, 1, 1))
    p = _plaats(users, klant, start=D(2026, 3, 2))
    nazorg_registreer(
        actor=users["werkcoach"], plaatsing=p, maanden=6, datum=D(2026, 9, 3), werkt_nog=True
    )
    taken = dict(Taak.objects.filter(client=klant).values_list("sleutel", "status"))
    assert taken == {f"nazorg:{p.pk}:6": "afgerond", f"nazorg:{p.pk}:12": "open"}
    with pytest.raises(ValidationError) as exc:
        nazorg_registreer(
            actor=users["werkcoach"], plaatsing=p, maanden=6, datum=D(2026, 9, 4), werkt_nog=True
        )
    assert "al vastgelegd" in exc.value.message_dict["maanden"][0]


def test_nazorg_finds_the_client_no_longer_works_there(users):
    klant = client_in_groep("groeien", van=D(2025, 1, 1))
    p = _plaats(users, klant, start=D(2026, 3, 2))
    with pytest.raises(ValidationError) as exc:
        nazorg_registreer(
            actor=users["werkcoach"], plaatsing=p, maanden=6, datum=D(2026, 9, 3), werkt_nog=False
        )
    assert "toelichting" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        nazorg_registreer(
            actor=users["werkcoach"],
            plaatsing=p,
            maanden=6,
            datum=D(2026, 9, 3),
            werkt_nog=False,
            toelichting="Contract niet verlengd",
            uit_dienst_per=D(2026, 10, 1),  # after the contact
        )
    assert "uit_dienst_per" in exc.value.message_dict
    nazorg_registreer(
        actor=users["werkcoach"],
        plaatsing=p,
        maanden=6,
        datum=D(2026, 9, 3),
        werkt_nog=False,
        toelichting="Contract niet verlengd",
        uit_dienst_per=D(2026, 8, 31),
    )
    p.refresh_from_db()
    assert p.einde == D(2026, 8, 31)
    assert NazorgMoment.objects.get(plaatsing=p).werkt_nog is False
    assert Taak.objects.get(sleutel=f"nazorg:{p.pk}:12").status == TaakStatus.VERVALLEN


def test_nazorg_in_the_future_is_refused(users):
    klant = client_in_groep("groeien", van=D(2025, 1, 1))
    p = _plaats(users, klant, start=D(2026, 3, 2))
    with pytest.raises(ValidationError) as exc:
        nazorg_registreer(
            actor=users["werkcoach"], plaatsing=p, maanden=6, datum=D(2026, 12, 1), werkt_nog=True
        )
    assert "datum" in exc.value.message_dict
