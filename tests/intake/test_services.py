import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from clients.constants import Fase, SignaalSoort, TaakSoort
from clients.groepen.models import Groepslidmaatschap
from clients.intake.models import (
    Aanvraag,
    DiagnoseInstrument,
    DiagnoseVraag,
    KickoffUitnodiging,
    Netwerkpartner,
    Screening,
)
from clients.intake.selectors import zonder_ambitiegesprek
from clients.intake.services import (
    aanvraag_besluit,
    aanvraag_registreer,
    kickoff_aanwezigheid,
    kickoff_nodig_uit,
    kickoff_sessie_plan,
    screening_leg_vast,
)
from clients.models import Signaal, Taak
from tests.factories import client_in_groep, klantgroep

from .factories import alle_antwoorden, ambitie, melding, screening_met_afspraak

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def test_screening_with_appointment_moves_to_intake_and_plans_the_gesprek(users):
    client = melding(users["poortwachter"])
    bad = Netwerkpartner.objects.get(naam__startswith="Budget")
    s = screening_leg_vast(
        actor=users["poortwachter"],
        client=client,
        datum=datetime.date(2026, 10, 2),
        antwoorden={"1": True},
        rechtmatigheid="waarschijnlijk",
        uitkomst="afspraak",
        intaker=users["intaker"],
        verwijzingen=[bad],
        afspraak_op=datetime.datetime(2026, 10, 9, 10, 0, tzinfo=datetime.UTC),
        urgente_signalen=[SignaalSoort.HUISUITZETTING],
    )
    client.refresh_from_db()
    assert client.fase == Fase.INTAKE
    assert list(s.verwijzingen.all()) == [bad]
    assert (
        Taak.objects.get(client=client, soort=TaakSoort.AMBITIEGESPREK).medewerker
        == users["intaker"]
    )
    assert Signaal.objects.get(client=client).urgent is True


def test_screening_geen_recht_closes_the_dossier_with_the_reason(users):
    client = melding(users["poortwachter"])
    screening_leg_vast(
        actor=users["poortwachter"],
        client=client,
        datum=datetime.date(2026, 10, 2),
        antwoorden={},
        rechtmatigheid="waarschijnlijk_niet",
        uitkomst="geen_recht",
        reden_geen_recht="Vermogen boven de grens",
    )
    client.refresh_from_db()
    assert client.fase == Fase.AFGESLOTEN
    assert client.perioden.get().uitstroomreden == "geen_recht"


@pytest.mark.parametrize(
    ("kwargs", "veld"),
    [
        ({"datum": datetime.date(2026, 9, 1)}, "datum"),  # before the melding
        ({"datum": datetime.date(2027, 1, 1)}, "datum"),  # future
        ({"uitkomst": "afspraak", "intaker": None}, "intaker"),
        ({"uitkomst": "geen_recht", "reden_geen_recht": " "}, "reden_geen_recht"),
    ],
)
def test_screening_bad_input_saves_nothing(users, kwargs, veld):
    client = melding(users["poortwachter"])
    base = {
        "actor": users["poortwachter"],
        "client": client,
        "datum": datetime.date(2026, 10, 2),
        "antwoorden": {},
        "rechtmatigheid": "onzeker",
        "uitkomst": "afspraak",
        "intaker": users["intaker"],
        "afspraak_op": datetime.datetime(2026, 10, 9, 10, tzinfo=datetime.UTC),
    }
    with pytest.raises(ValidationError) as exc:
        screening_leg_vast(**{**base, **kwargs})
    assert veld in exc.value.message_dict
    assert not Screening.objects.exists()


def test_decision_term_and_lead_time(users):
    client = melding(users["poortwachter"])
    a = aanvraag_registreer(
        actor=users["inkomensconsulent"], client=client, aanvraagdatum=datetime.date(2026, 10, 5)
    )
    assert a.uiterste_besluitdatum == datetime.date(2026, 11, 30)
    assert a.dagen_over(datetime.date(2026, 11, 24)) == 6
    with pytest.raises(ValidationError) as exc:
        aanvraag_besluit(
            actor=users["inkomensconsulent"],
            aanvraag=a,
            versie=1,
            besluit="toekenning",
            besluitdatum=datetime.date(2026, 10, 1),
        )
    assert "besluitdatum" in exc.value.message_dict
    a = aanvraag_besluit(
        actor=users["inkomensconsulent"],
        aanvraag=a,
        versie=1,
        besluit="toekenning",
        besluitdatum=datetime.date(2026, 11, 2),
    )
    assert a.doorlooptijd == 28
    assert client.perioden.get().startdatum == datetime.date(2026, 11, 2)
    with pytest.raises(ValidationError):  # stale version
        aanvraag_besluit(
            actor=users["inkomensconsulent"],
            aanvraag=Aanvraag.objects.get(),
            versie=1,
            besluit="afwijzing",
            besluitdatum=datetime.date(2026, 11, 3),
            reden="x",
        )


def test_ambitiegesprek_places_the_client_in_the_chosen_group(users):
    client = melding(users["poortwachter"])
    screening_met_afspraak(users["poortwachter"], users["intaker"], client)
    gesprek = ambitie(
        users["intaker"],
        client,
        "groeien",
        advies="matchen",
        motivatie="Klant wil eerst taal verbeteren",
    )
    lid = Groepslidmaatschap.objects.get(client=client)
    assert lid.klantgroep.code == "groeien" and lid.soort == "eerste_indeling"
    assert lid.geadviseerde_klantgroep.code == "matchen"
    assert gesprek.lidmaatschap == lid
    client.refresh_from_db()
    assert client.fase == Fase.INGEDEELD
    assert client.laddermetingen.get().trede == 3
    assert not Taak.objects.filter(
        client=client, soort=TaakSoort.AMBITIEGESPREK, status="open"
    ).exists()


def test_choice_differs_from_advice_needs_a_motivation(users):
    client = melding(users["poortwachter"])
    with pytest.raises(ValidationError) as exc:
        ambitie(users["intaker"], client, "groeien", advies="matchen", motivatie="")
    assert "motivatie" in exc.value.message_dict
    assert not Groepslidmaatschap.objects.filter(client=client).exists()


def test_ambitiegesprek_before_the_melding_is_refused(users):
    client = melding(users["poortwachter"], melddatum=datetime.date(2026, 10, 20))
    with pytest.raises(ValidationError) as exc:
        ambitie(users["intaker"], client, "matchen", datum=datetime.date(2026, 10, 9))
    assert "datum" in exc.value.message_dict


def test_a_new_instrument_version_does_not_change_past_results(users):
    client = melding(users["poortwachter"])
    gesprek = ambitie(users["intaker"], client, "zorgen")
    before = gesprek.scores_per_leefgebied()
    old = DiagnoseInstrument.objects.get(actief=True)
    old.actief = False
    old.save()
    nieuw = DiagnoseInstrument.objects.create(
        naam=old.naam, versie=2, actief=True, ingangsdatum=datetime.date(2026, 11, 1)
    )
    DiagnoseVraag.objects.create(instrument=nieuw, leefgebied="werk", tekst="Nieuwe vraag")
    gesprek.refresh_from_db()
    assert gesprek.instrument == old
    assert gesprek.scores_per_leefgebied() == before
    assert alle_antwoorden().keys() != {str(k) for k in gesprek.antwoorden}


def test_existing_clients_without_ambitiegesprek_are_on_the_worklist(users):
    bestaand = client_in_groep("zorgen")
    nieuw = melding(users["poortwachter"])
    ambitie(users["intaker"], nieuw, "matchen")
    assert list(zonder_ambitiegesprek()) == [bestaand]
    # the existing client's ambitiegesprek confirms or changes the group
    ambitie(users["intaker"], bestaand, "faciliteren", datum=datetime.date(2026, 10, 9))
    historie = list(Groepslidmaatschap.objects.filter(client=bestaand).order_by("van"))
    assert [h.klantgroep.code for h in historie] == ["zorgen", "faciliteren"]
    assert historie[1].soort == "doorstroom"
    assert not zonder_ambitiegesprek().exists()


def test_kickoff_invitation_at_the_gesprek_idempotent_and_no_show_signal(users):
    sessie = kickoff_sessie_plan(
        actor=users["trainer"],
        klantgroep=klantgroep("groeien"),
        datum=datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC),
        plaats="Stadhuis, zaal 2",
        trainer=users["trainer"],
        capaciteit=12,
    )
    client = melding(users["poortwachter"])
    gesprek = ambitie(users["intaker"], client, "groeien", datum=datetime.date(2026, 11, 2))
    assert kickoff_nodig_uit(peildatum=datetime.date(2026, 11, 24)) == 0  # invited already
    uitnodiging = KickoffUitnodiging.objects.get()
    assert uitnodiging.sessie == sessie and uitnodiging.ambitiegesprek == gesprek
    with time_machine.travel(datetime.datetime(2026, 12, 1, 11, tzinfo=datetime.UTC)):
        kickoff_aanwezigheid(
            actor=users["trainer"], uitnodiging=uitnodiging, aanwezigheid="niet_verschenen"
        )
    assert Signaal.objects.get(client=client).soort == SignaalSoort.KICKOFF_NIET_VERSCHENEN


def test_kickoff_respects_capacity(users):
    sessie = kickoff_sessie_plan(
        actor=users["trainer"],
        klantgroep=klantgroep("zorgen"),
        datum=datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC),
        plaats="Wijkcentrum",
        trainer=users["trainer"],
        capaciteit=2,
    )
    for _ in range(3):
        ambitie(
            users["intaker"],
            melding(users["poortwachter"]),
            "zorgen",
            datum=datetime.date(2026, 11, 2),
        )
    assert kickoff_nodig_uit(peildatum=datetime.date(2026, 11, 24)) == 0  # no seat left
    assert sessie.uitnodigingen.count() == 2
    assert KickoffUitnodiging.objects.filter(sessie__isnull=True).count() == 1  # waits
