"""Kick-off: invitations (current group, latest gesprek, capacity), attendance as history,
no-show signal and its correction, trainer-only names, pinned query counts."""

import datetime
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from clients.constants import LidmaatschapSoort, SignaalSoort
from clients.groepen.services import groepsindeling_wijzig
from clients.intake.models import (
    AanwezigheidRegistratie,
    Ambitiegesprek,
    KickoffInstelling,
    KickoffSessie,
    KickoffUitnodiging,
)
from clients.intake.selectors import tijdlijn_kickoff
from clients.intake.services import (
    kickoff_aanwezigheid,
    kickoff_nodig_uit,
    kickoff_sessie_plan,
    kickoff_uitnodig,
)
from clients.models import Signaal
from clients.services import ConcurrentEditError
from deventer_werk.audit.models import AuditEvent
from tests.factories import UserFactory, bulk_clients, klantgroep
from tests.fixtures.klok import NU, VANDAAG

from .factories import (
    AFSPRAKEN_FORMULIER,
    PERSPECTIEF_VOOR,
    ambitie,
    melding,
    screening_met_afspraak,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]
SESSIE = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC)
NA_SESSIE = datetime.datetime(2026, 12, 1, 11, 0, tzinfo=datetime.UTC)


def _sessie(trainer, code="zorgen", *, datum=SESSIE, capaciteit=10, plaats="Wijkcentrum"):
    return kickoff_sessie_plan(
        actor=trainer,
        klantgroep=klantgroep(code),
        datum=datum,
        plaats=plaats,
        trainer=trainer,
        capaciteit=capaciteit,
    )


def _uitgenodigd(users, code="zorgen", **kwargs):
    klant = melding(users["poortwachter"], **kwargs)
    ambitie(users["intaker"], klant, code, datum=datetime.date(2026, 11, 2))
    return klant


def _op(dag: int, uur: int = 9) -> datetime.datetime:
    """A session moment in December 2026 (UTC; 10:00 in Deventer for uur=9)."""
    return datetime.datetime(2026, 12, dag, uur, tzinfo=datetime.UTC)


def _gesprek_vandaag(users, code="groeien", **kwargs):
    klant = melding(users["poortwachter"], **kwargs)
    ambitie(users["intaker"], klant, code, datum=VANDAAG)
    return klant


def test_saving_the_gesprek_invites_to_the_first_session_two_weeks_later_with_a_seat(users):
    te_vroeg = _sessie(users["trainer"], "groeien", datum=_op(7))  # gesprek + 13 days
    vol = _sessie(users["trainer"], "groeien", datum=_op(8), capaciteit=1)
    _sessie(users["trainer"], "matchen", datum=_op(8, 8))  # another group
    eerste = _sessie(users["trainer"], "groeien", datum=_op(9))
    _sessie(users["trainer"], "groeien", datum=_op(10))
    bezet = _gesprek_vandaag(users)  # takes the one seat of 8 December
    assert KickoffUitnodiging.objects.get(client=bezet).sessie == vol
    klant = _gesprek_vandaag(users, achternaam="Jansen")
    uitnodiging = KickoffUitnodiging.objects.get(client=klant)
    assert uitnodiging.sessie == eerste and uitnodiging.uitgenodigd_op == VANDAAG
    assert uitnodiging.aanleiding == "ambitiegesprek"
    assert not te_vroeg.uitnodigingen.exists()
    # on the audit trail, as the intaker's work
    event = AuditEvent.objects.filter(object_type="kickoff_uitnodiging", client_id=klant.pk).get()
    assert event.actor_id == users["intaker"].pk and event.details["sessie"] == eerste.pk


def test_the_interval_is_configuration(users):
    KickoffInstelling.objects.update(uitnodigen_na_dagen=7)
    week = _sessie(users["trainer"], "groeien", datum=_op(1))
    _sessie(users["trainer"], "groeien", datum=_op(9))
    klant = _gesprek_vandaag(users)
    assert KickoffUitnodiging.objects.get(client=klant).sessie == week


def test_a_gesprek_recorded_late_invites_to_a_future_session(users):
    verleden = _sessie(users["trainer"], "groeien", datum=_op(1))
    klant = melding(users["poortwachter"])
    with time_machine.travel(_op(2, 12), tick=False):
        ambitie(users["intaker"], klant, "groeien", datum=datetime.date(2026, 10, 5))
        later = _sessie(users["trainer"], "groeien", datum=_op(3))
    uitnodiging = KickoffUitnodiging.objects.get(client=klant)
    assert uitnodiging.sessie == later and not verleden.uitnodigingen.exists()


def test_without_a_free_seat_the_client_waits_and_a_new_session_invites_at_once(users, client_as):
    _sessie(users["trainer"], "groeien", datum=_op(9), capaciteit=1)
    _gesprek_vandaag(users)
    klant = _gesprek_vandaag(users, achternaam="Wachter")
    uitnodiging = KickoffUitnodiging.objects.get(client=klant)
    assert uitnodiging.sessie is None and uitnodiging.uitgenodigd_op is None
    # the trainers' task: the kick-off page says a session is needed for Groeien
    html = client_as("trainer").get(reverse("intake:kickoff_sessies")).content.decode()
    assert "<strong>1</strong> — plan een bijeenkomst" in html
    nieuw = _sessie(users["trainer"], "groeien", datum=_op(15))
    uitnodiging.refresh_from_db()
    assert uitnodiging.sessie == nieuw and uitnodiging.uitgenodigd_op == VANDAAG
    html = client_as("trainer").get(reverse("intake:kickoff_sessies")).content.decode()
    assert "plan een bijeenkomst" not in html


def test_a_second_open_invitation_for_the_same_client_is_refused(users):
    sessie = _sessie(users["trainer"], "groeien", datum=_op(9))
    klant = _gesprek_vandaag(users, achternaam="Dubbel")
    gesprek = klant.ambitiegesprekken.get()
    with pytest.raises(ValidationError) as exc:
        kickoff_uitnodig(actor=users["intaker"], client=klant, ambitiegesprek=gesprek)
    assert "Dubbel heeft al een open uitnodiging voor de kick-off" in str(exc.value)
    assert "09-12-2026 om 10:00" in str(exc.value)
    # and the database refuses it too (two workers at once)
    with pytest.raises(IntegrityError), transaction.atomic():
        KickoffUitnodiging.objects.create(
            client=klant, ambitiegesprek=gesprek, sessie=sessie, uitgenodigd_op=VANDAAG
        )
    assert KickoffUitnodiging.objects.filter(client=klant).count() == 1
    # a second gesprek for the same group keeps the invitation
    ambitie(users["intaker"], klant, "groeien", datum=VANDAAG)
    assert KickoffUitnodiging.objects.filter(client=klant).count() == 1


def test_a_new_gesprek_for_another_group_lapses_the_open_invitation(users):
    groeien = _sessie(users["trainer"], "groeien", datum=_op(9))
    matchen = _sessie(users["trainer"], "matchen", datum=_op(9, 13))
    klant = _gesprek_vandaag(users)
    ambitie(users["intaker"], klant, "matchen", datum=VANDAAG)
    oud, nieuw = KickoffUitnodiging.objects.filter(client=klant).order_by("pk")
    assert oud.sessie == groeien and oud.vervallen_op is not None
    assert "Nieuw ambitiegesprek: klantgroep Matchen" in oud.reden_vervallen
    assert nieuw.sessie == matchen and nieuw.open
    assert groeien.uitnodigingen.count() == 1  # kept as history, the seat is free again
    html = "".join(i.titel for i in tijdlijn_kickoff(client=klant))
    assert "Uitnodiging kick-off vervallen: Nieuw ambitiegesprek" in html


def test_the_nightly_task_seats_waiting_clients_but_never_invites_old_gesprekken(users):
    sessie = _sessie(users["trainer"], "groeien", datum=_op(9), capaciteit=1)
    eerste = _gesprek_vandaag(users)
    wachter = _gesprek_vandaag(users)
    # an old gesprek of the existing bestand that never got an invitation
    oud = bulk_clients(1, "groeien", van=datetime.date(2022, 3, 1), fase="ingedeeld")[0]
    _oud_gesprek(oud, users["intaker"], datetime.date(2022, 3, 1))
    assert kickoff_nodig_uit(peildatum=VANDAAG) == 0
    kickoff_aanwezigheid(
        actor=users["trainer"],
        uitnodiging=KickoffUitnodiging.objects.get(client=eerste),
        aanwezigheid="afgemeld",
    )
    # the cancellation re-invited ``eerste`` (waiting); the freed seat goes to who waited first
    assert kickoff_nodig_uit(peildatum=VANDAAG) == 1
    assert KickoffUitnodiging.objects.get(client=wachter).sessie == sessie
    assert not KickoffUitnodiging.objects.filter(client=oud).exists()


def test_clients_who_left_are_not_seated(users):
    from clients.services import periode_sluit

    klant = _gesprek_vandaag(users)
    periode_sluit(
        actor=users["inkomensconsulent"], client=klant, einddatum=VANDAAG, reden="verhuizing"
    )
    sessie = _sessie(users["trainer"], "groeien", datum=_op(9))
    assert not sessie.uitnodigingen.exists()


def _oud_gesprek(client, intaker, datum):
    from clients.groepen.models import Groepslidmaatschap
    from clients.intake.models import Ambitiegesprek, DiagnoseInstrument

    groep = Groepslidmaatschap.objects.get(client=client)
    return Ambitiegesprek.objects.create(
        client=client,
        datum=datum,
        intaker=intaker,
        instrument=DiagnoseInstrument.objects.get(actief=True),
        participatieladder=3,
        gekozen_klantgroep=groep.klantgroep,
        geadviseerde_klantgroep=groep.klantgroep,
        afspraak_getekend_op=datum,
        rechten_plichten_op=datum,
        lidmaatschap=groep,
    )


def test_attendance_before_the_session_only_a_cancellation(users):
    klant = _uitgenodigd(users)
    _sessie(users["trainer"])
    kickoff_nodig_uit(peildatum=datetime.date(2026, 11, 20))
    uitnodiging = KickoffUitnodiging.objects.get(client=klant)
    with pytest.raises(ValidationError) as exc:
        kickoff_aanwezigheid(
            actor=users["trainer"], uitnodiging=uitnodiging, aanwezigheid="niet_verschenen"
        )
    assert "vooraf kan alleen een afmelding" in str(exc.value)
    assert not Signaal.objects.exists() and not AanwezigheidRegistratie.objects.exists()
    kickoff_aanwezigheid(actor=users["trainer"], uitnodiging=uitnodiging, aanwezigheid="afgemeld")
    assert KickoffUitnodiging.objects.get(pk=uitnodiging.pk).aanwezigheid == "afgemeld"


def test_correction_keeps_history_closes_the_no_show_signal_and_checks_the_version(users):
    klant = _uitgenodigd(users)
    _sessie(users["trainer"])
    kickoff_nodig_uit(peildatum=datetime.date(2026, 11, 20))
    uitnodiging = KickoffUitnodiging.objects.get(client=klant)
    with time_machine.travel(NA_SESSIE, tick=False):
        kickoff_aanwezigheid(
            actor=users["trainer"],
            uitnodiging=uitnodiging,
            aanwezigheid="niet_verschenen",
            versie=1,
        )
        # saving the same again is not a new fact and no second signal
        kickoff_aanwezigheid(
            actor=users["trainer"], uitnodiging=uitnodiging, aanwezigheid="niet_verschenen"
        )
        signaal = Signaal.objects.get(client=klant)
        assert signaal.soort == SignaalSoort.KICKOFF_NIET_VERSCHENEN
        assert signaal.afgehandeld_op is None
        # a second trainer's page was loaded before the first save: refused
        with pytest.raises(ConcurrentEditError):
            kickoff_aanwezigheid(
                actor=users["trainer"], uitnodiging=uitnodiging, aanwezigheid="aanwezig", versie=1
            )
        kickoff_aanwezigheid(
            actor=users["trainer"], uitnodiging=uitnodiging, aanwezigheid="aanwezig", versie=2
        )
    uitnodiging.refresh_from_db()
    assert uitnodiging.aanwezigheid == "aanwezig" and uitnodiging.versie == 3
    assert list(uitnodiging.registraties.values_list("aanwezigheid", flat=True)) == [
        "niet_verschenen",
        "aanwezig",
    ]
    signaal.refresh_from_db()
    assert signaal.afgehandeld_op is not None
    assert "gecorrigeerd naar 'aanwezig'" in signaal.afhandeling


# Pages ----------------------------------------------------------------------------------------
def test_a_trainer_sees_only_the_sessions_they_run(client_as, users):
    andere = UserFactory(username="trainer2", rol="trainer")
    eigen = _sessie(users["trainer"], plaats="Stadhuis zaal 1")
    vreemd = _sessie(andere, plaats="Wijkcentrum Colmschate")
    c = client_as("trainer")
    html = c.get(reverse("intake:kickoff_sessies")).content.decode()
    assert "Stadhuis zaal 1" in html and "Colmschate" not in html
    assert c.get(reverse("intake:kickoff_sessie", args=[eigen.pk])).status_code == 200
    assert c.get(reverse("intake:kickoff_sessie", args=[vreemd.pk])).status_code == 404


def test_intaker_sees_counts_and_only_clients_in_their_field_and_cannot_record(client_as, users):
    dwt = _uitgenodigd(users, "groeien", achternaam="Dijkstra")
    _uitgenodigd(users, "groeien", achternaam="Bakker")
    sessie = _sessie(users["trainer"], "groeien")
    kickoff_nodig_uit(peildatum=datetime.date(2026, 11, 20))
    # one of them moved to Zorgen (IO regie) since: the DWT intaker no longer sees that name
    groepsindeling_wijzig(
        actor=users["inkomensconsulent"],
        client=KickoffUitnodiging.objects.exclude(client=dwt).get().client,
        klantgroep=klantgroep("zorgen"),
        van=datetime.date(2026, 11, 21),
        soort=LidmaatschapSoort.TERUGVAL,
        reden="Klachten",
    )
    c = client_as("intaker")
    lijst = c.get(reverse("intake:kickoff_sessies")).content.decode()
    assert "2 / 10" in lijst and "Bijeenkomst plannen" not in lijst
    html = c.get(reverse("intake:kickoff_sessie", args=[sessie.pk])).content.decode()
    assert "Dijkstra" in html and "Bakker" not in html and 'name="aanwezigheid"' not in html
    r = c.post(
        reverse("intake:kickoff_sessie", args=[sessie.pk]),
        {"uitnodiging": KickoffUitnodiging.objects.get(client=dwt).pk, "aanwezigheid": "afgemeld"},
    )
    assert r.status_code == 403
    assert KickoffUitnodiging.objects.get(client=dwt).aanwezigheid == ""


@pytest.mark.parametrize("rol", ["poortwachter", "werkcoach", "beleidsmedewerker"])
def test_other_roles_do_not_see_kickoff_pages(client_as, users, rol):
    sessie = _sessie(users["trainer"])
    c = client_as(rol)
    assert c.get(reverse("intake:kickoff_sessies")).status_code == 403
    assert c.get(reverse("intake:kickoff_sessie", args=[sessie.pk])).status_code == 403


def test_attendance_errors_are_shown_on_the_row_and_keep_the_choice(client_as, users):
    klant = _uitgenodigd(users, achternaam="Veenstra")
    sessie = _sessie(users["trainer"])
    kickoff_nodig_uit(peildatum=datetime.date(2026, 11, 20))
    uitnodiging = KickoffUitnodiging.objects.get(client=klant)
    c = client_as("trainer")
    url = reverse("intake:kickoff_sessie", args=[sessie.pk])
    # before the session: only a cancellation
    r = c.post(url, {"uitnodiging": uitnodiging.pk, "aanwezigheid": "aanwezig", "versie": 1})
    html = r.content.decode()
    assert r.status_code == 200
    assert "vooraf kan alleen een afmelding" in html
    assert 'value="aanwezig" checked' in html
    # nothing chosen
    r = c.post(url, {"uitnodiging": uitnodiging.pk, "versie": 1})
    assert "Kies aanwezig, afgemeld of niet verschenen." in r.content.decode()
    # an outdated page
    kickoff_aanwezigheid(actor=users["trainer"], uitnodiging=uitnodiging, aanwezigheid="afgemeld")
    r = c.post(url, {"uitnodiging": uitnodiging.pk, "aanwezigheid": "afgemeld", "versie": 1})
    assert "intussen gewijzigd" in r.content.decode()
    # an invitation of another session is not found
    assert c.post(url, {"uitnodiging": 999999, "aanwezigheid": "afgemeld"}).status_code == 404


def test_attendance_list_read_is_audited_without_names(client_as, users):
    _uitgenodigd(users, achternaam="Oosterhuis")
    sessie = _sessie(users["trainer"])
    kickoff_nodig_uit(peildatum=datetime.date(2026, 11, 20))
    client_as("trainer").get(reverse("intake:kickoff_sessie", args=[sessie.pk]))
    event = AuditEvent.objects.get(object_type="kickoff_presentielijst")
    assert event.actie == "bekeken" and event.actor_id == users["trainer"].pk
    assert event.details == {"sessie": sessie.pk, "aantal_namen": 1}
    assert "Oosterhuis" not in str(event.details)


def test_waiting_clients_per_group_are_shown_to_plan_another_session(client_as, users):
    _uitgenodigd(users, "faciliteren")
    _uitgenodigd(users, "faciliteren")
    html = client_as("trainer").get(reverse("intake:kickoff_sessies")).content.decode()
    assert "<strong>2</strong> — plan een bijeenkomst" in html


def test_timeline_shows_invitation_and_attendance(client_as, users):
    klant = _uitgenodigd(users, "groeien")
    _sessie(users["trainer"], "groeien")
    kickoff_nodig_uit(peildatum=datetime.date(2026, 11, 20))
    with time_machine.travel(NA_SESSIE, tick=False):
        kickoff_aanwezigheid(
            actor=users["trainer"],
            uitnodiging=KickoffUitnodiging.objects.get(),
            aanwezigheid="aanwezig",
        )
        c = client_as("werkcoach")
        html = c.get(reverse("clients:tijdlijn", args=[klant.pk]), {"soort": "kickoff"})
    text = html.content.decode()
    assert "Uitgenodigd voor de kick-off Groeien" in text
    assert "Kick-off Groeien van 01-12-2026 10:00: aanwezig" in text


# Pinned query counts -----------------------------------------------------------------------
def _veel_sessies(n: int, trainer) -> KickoffSessie:
    groepen = [klantgroep(c) for c in ("matchen", "groeien", "faciliteren", "zorgen")]
    KickoffSessie.objects.bulk_create(
        KickoffSessie(
            klantgroep=groepen[i % 4],
            datum=SESSIE + datetime.timedelta(days=i),
            plaats=f"Zaal {i}",
            trainer=trainer,
            capaciteit=20,
        )
        for i in range(n)
    )
    return KickoffSessie.objects.order_by("datum", "pk")[0]


def _veel_uitnodigingen(n: int, sessie: KickoffSessie, intaker) -> None:
    from clients.groepen.models import Groepslidmaatschap
    from clients.intake.models import Ambitiegesprek, DiagnoseInstrument

    clients = bulk_clients(n, sessie.klantgroep, van=datetime.date(2026, 11, 2), fase="ingedeeld")
    lid = {g.client_id: g for g in Groepslidmaatschap.objects.filter(client__in=clients)}
    instrument = DiagnoseInstrument.objects.get(actief=True)
    gesprekken = Ambitiegesprek.objects.bulk_create(
        Ambitiegesprek(
            client=c,
            datum="2026-11-02",
            intaker=intaker,
            instrument=instrument,
            participatieladder=3,
            gekozen_klantgroep=sessie.klantgroep,
            geadviseerde_klantgroep=sessie.klantgroep,
            afspraak_getekend_op="2026-11-02",
            rechten_plichten_op="2026-11-02",
            lidmaatschap=lid[c.pk],
        )
        for c in clients
    )
    uitnodigingen = KickoffUitnodiging.objects.bulk_create(
        KickoffUitnodiging(sessie=sessie, client=c, ambitiegesprek=g, uitgenodigd_op="2026-11-16")
        for c, g in zip(clients, gesprekken, strict=True)
    )
    AanwezigheidRegistratie.objects.bulk_create(
        AanwezigheidRegistratie(
            uitnodiging=u, aanwezigheid="afgemeld", vastgelegd_op=NU, door=sessie.trainer
        )
        for u in uitnodigingen
    )


# Every page: 3 (session, user, roles; the idle-timeout refresh is at most once a minute).
# The list: + sessions count, page of sessions (klantgroep, trainer joined), waiting per
# group, klantgroepen, and the planning form's choices of klantgroep and trainer = 9.
KICKOFF_LIJST_QUERIES = 3 + 6
# The attendance list: + session, invitations (clients joined), their recordings (users
# joined), audit insert = 7. The session's own trainer also gets the follow-up choices of a
# Matchen session: the kick-off settings and the werkcoaches to name = 9.
PRESENTIELIJST_QUERIES = 3 + 4
PRESENTIELIJST_TRAINER_QUERIES = PRESENTIELIJST_QUERIES + 2


@pytest.mark.parametrize("n", [10, 1000])
def test_kickoff_list_query_count(n, client_as, users, django_assert_num_queries):
    _veel_sessies(n, users["trainer"])
    c = client_as("trainer")
    with django_assert_num_queries(KICKOFF_LIJST_QUERIES):
        response = c.get(reverse("intake:kickoff_sessies"))
    assert response.status_code == 200
    assert len(re.findall(r'href="/kick-off/\d+/"', response.content.decode())) == min(n, 50)


@pytest.mark.parametrize("n", [10, 1000])
def test_attendance_list_query_count(n, client_as, users, django_assert_num_queries):
    sessie = _veel_sessies(1, users["trainer"])
    _veel_uitnodigingen(n, sessie, users["intaker"])
    c = client_as("trainer")
    with django_assert_num_queries(PRESENTIELIJST_TRAINER_QUERIES):
        response = c.get(reverse("intake:kickoff_sessie", args=[sessie.pk]))
    assert response.status_code == 200
    assert response.content.decode().count("Opslaan<span") == n  # one attendance form a row


@pytest.mark.parametrize("n", [10, 1000])
def test_attendance_list_query_count_for_an_intaker(n, client_as, users, django_assert_num_queries):
    sessie = _veel_sessies(1, users["trainer"])
    _veel_uitnodigingen(n, sessie, users["intaker"])
    c = client_as("intaker")
    with django_assert_num_queries(PRESENTIELIJST_QUERIES):
        response = c.get(reverse("intake:kickoff_sessie", args=[sessie.pk]))
    assert response.status_code == 200


def _gesprek_formulier(code: str) -> dict:
    from .factories import alle_antwoorden

    data: dict = {f"score_{k}": v for k, v in alle_antwoorden(4).items()}
    data.update(
        {
            "datum": VANDAAG.isoformat(),
            "participatieladder": "4",
            "perspectief": PERSPECTIEF_VOOR[code],
            "gekozen_klantgroep": klantgroep(code).pk,
            "geadviseerde_klantgroep": klantgroep(code).pk,
            "afspraak_getekend_op": VANDAAG.isoformat(),
            "rechten_plichten_op": VANDAAG.isoformat(),
            **AFSPRAKEN_FORMULIER,
        }
    )
    return data


def test_the_intaker_sees_the_kickoff_date_at_once_and_on_the_dossier(client_as, users):
    _sessie(users["trainer"], "matchen", datum=_op(9), plaats="Stadhuis, zaal 3")
    klant = melding(users["poortwachter"], achternaam="de Wit")
    screening_met_afspraak(users["poortwachter"], users["intaker"], klant)
    c = client_as("intaker")
    r = c.post(
        reverse("intake:ambitiegesprek", args=[klant.pk]),
        _gesprek_formulier("matchen"),
        follow=True,
    )
    html = r.content.decode()
    assert (
        "Uitgenodigd voor de kick-off Matchen op woensdag 9 december 2026 om 10:00 "
        "(Stadhuis, zaal 3)." in html
    )
    dossier = c.get(reverse("clients:dossier", args=[klant.pk])).content.decode()
    assert "Matchen op woensdag 9 december 2026 10:00, Stadhuis, zaal 3: uitgenodigd" in dossier
    tijdlijn = c.get(reverse("clients:tijdlijn", args=[klant.pk])).content.decode()
    assert "Uitgenodigd voor de kick-off Matchen van 09-12-2026 10:00" in tijdlijn


def test_without_a_session_the_intaker_is_told_the_client_waits(client_as, users):
    klant = melding(users["poortwachter"])
    screening_met_afspraak(users["poortwachter"], users["intaker"], klant)
    r = client_as("intaker").post(
        reverse("intake:ambitiegesprek", args=[klant.pk]),
        _gesprek_formulier("groeien"),
        follow=True,
    )
    html = r.content.decode()
    assert "Er is nog geen kick-off Groeien met een vrije plaats" in html
    assert "wacht op een nieuwe bijeenkomst met een vrije plaats" in html  # the dossier


# Attendance has consequences (slice 2) ----------------------------------------------------------
def _gemist(users, uitnodiging, aanwezigheid="niet_verschenen"):
    with time_machine.travel(uitnodiging.sessie.datum + datetime.timedelta(hours=2), tick=False):
        return kickoff_aanwezigheid(
            actor=users["trainer"], uitnodiging=uitnodiging, aanwezigheid=aanwezigheid
        )


def test_a_no_show_is_reinvited_to_the_next_session_with_a_free_seat(users):
    eerste = _sessie(users["trainer"], "groeien", datum=_op(9))
    vol = _sessie(users["trainer"], "groeien", datum=_op(16), capaciteit=1)
    volgende = _sessie(users["trainer"], "groeien", datum=_op(23))
    KickoffUitnodiging.objects.create(
        client=_gesprek_vandaag(users, "groeien"),
        ambitiegesprek=Ambitiegesprek.objects.latest("pk"),
        sessie=vol,
        uitgenodigd_op=VANDAAG,
        aanwezigheid="afgemeld",  # a cancelled seat, then taken below
    )
    KickoffUitnodiging.objects.filter(sessie=eerste).update(sessie=vol)  # vol is full now
    klant = _gesprek_vandaag(users, "groeien", achternaam="Noshow")
    uitnodiging = KickoffUitnodiging.objects.get(client=klant)
    assert uitnodiging.sessie == eerste
    _gemist(users, uitnodiging)
    nieuw = KickoffUitnodiging.objects.get(client=klant, aanwezigheid="")
    assert nieuw.sessie == volgende and nieuw.aanleiding == "opnieuw"
    assert nieuw.vorige == uitnodiging
    titels = [i.titel for i in tijdlijn_kickoff(client=klant)]
    assert any(
        t.startswith("Opnieuw uitgenodigd voor de kick-off Groeien van 23-12") for t in titels
    )
    # one miss: the no-show signal of that session, no "werkt niet mee" yet
    assert list(klant.signalen.values_list("soort", flat=True)) == ["kickoff_no_show"]


def test_a_cancellation_before_the_session_reinvites_and_frees_the_seat(users):
    sessie = _sessie(users["trainer"], "groeien", datum=_op(9), capaciteit=1)
    later = _sessie(users["trainer"], "groeien", datum=_op(16))
    klant = _gesprek_vandaag(users, "groeien")
    kickoff_aanwezigheid(
        actor=users["trainer"],
        uitnodiging=KickoffUitnodiging.objects.get(client=klant),
        aanwezigheid="afgemeld",
    )
    assert KickoffUitnodiging.objects.get(client=klant, aanwezigheid="").sessie == later
    ander = _gesprek_vandaag(users, "groeien")
    assert KickoffUitnodiging.objects.get(client=ander).sessie == sessie  # the freed seat


def test_correcting_a_miss_withdraws_the_reinvitation(users):
    _sessie(users["trainer"], "groeien", datum=_op(9))
    _sessie(users["trainer"], "groeien", datum=_op(16))
    klant = _gesprek_vandaag(users, "groeien")
    uitnodiging = KickoffUitnodiging.objects.get(client=klant)
    _gemist(users, uitnodiging)
    _gemist(users, uitnodiging, "aanwezig")
    herkansing = KickoffUitnodiging.objects.get(client=klant, vorige=uitnodiging)
    assert herkansing.vervallen_op is not None
    assert herkansing.reden_vervallen == "Aanwezigheid gecorrigeerd: de klant was er wel"
    assert not KickoffUitnodiging.objects.filter(
        client=klant, aanwezigheid="", vervallen_op__isnull=True
    ).exists()


def test_repeated_misses_signal_the_contact_person_and_no_shows_the_handhaver(client_as, users):
    from clients.models import Contactpersoon, Taak

    sessies = [_sessie(users["trainer"], "groeien", datum=_op(d)) for d in (9, 16, 23)]
    klant = _gesprek_vandaag(users, "groeien", achternaam="Vermist")
    Contactpersoon.objects.create(
        client=klant, organisatie="IO", medewerker=users["inkomensconsulent"], van=VANDAAG
    )
    _gemist(users, KickoffUitnodiging.objects.get(sessie=sessies[0]), "afgemeld")
    assert not Signaal.objects.filter(bron="kick-off gemist").exists()  # 1 of 2
    _gemist(users, KickoffUitnodiging.objects.get(sessie=sessies[1]))
    signaal = Signaal.objects.get(bron="kick-off gemist")
    assert signaal.soort == "kickoff_no_show" and "2 keer gemist" in signaal.omschrijving
    taak = Taak.objects.get(client=klant, soort="opvolging")
    assert taak.medewerker == users["inkomensconsulent"]  # no werkcoach yet: the IO contact
    # one no-show and one cancellation: not yet "werkt niet mee"
    assert not Signaal.objects.filter(soort=SignaalSoort.NIET_MEEWERKEN).exists()
    _gemist(users, KickoffUitnodiging.objects.get(sessie=sessies[2]))
    niet_mee = Signaal.objects.get(soort=SignaalSoort.NIET_MEEWERKEN)
    assert niet_mee.client == klant and "2 keer niet verschenen" in niet_mee.omschrijving
    assert Signaal.objects.filter(bron="kick-off gemist").count() == 2  # no second of a kind
    # the contact person and the handhaver see it on their start page
    with time_machine.travel(_op(24), tick=False):
        werk = client_as("inkomensconsulent").get(reverse("begeleiding:werkvoorraad"))
        assert "Kick-off gemist" in werk.content.decode()
        start = client_as("handhaver").get(reverse("begeleiding:werkvoorraad")).content.decode()
    assert 'Signalen "werkt niet mee": 1' in start and "Vermist" in start
    # and it keeps inviting (the kick-off is verplicht)
    assert KickoffUitnodiging.objects.filter(client=klant, aanwezigheid="").count() == 1


def test_the_number_of_misses_is_configuration(users):
    KickoffInstelling.objects.update(max_gemist=1)
    _sessie(users["trainer"], "zorgen", datum=_op(9))
    klant = _gesprek_vandaag(users, "zorgen")
    _gemist(users, KickoffUitnodiging.objects.get(client=klant))
    assert Signaal.objects.filter(client=klant, bron="kick-off gemist").exists()
    assert Signaal.objects.filter(client=klant, soort=SignaalSoort.NIET_MEEWERKEN).exists()
    # no contact person at all: the follow-up lands in the IO team queue (Zorgen: IO regie)
    from clients.models import Taak

    taak = Taak.objects.get(client=klant, soort="opvolging")
    assert taak.medewerker is None and (taak.rol, taak.organisatie) == ("inkomensconsulent", "IO")


def test_attendance_on_a_waiting_invitation_is_refused_and_nothing_is_saved(users):
    klant = _gesprek_vandaag(users, "faciliteren")
    uitnodiging = KickoffUitnodiging.objects.get(client=klant)
    with pytest.raises(ValidationError) as exc:
        kickoff_aanwezigheid(
            actor=users["trainer"], uitnodiging=uitnodiging, aanwezigheid="afgemeld"
        )
    assert "wacht nog op een bijeenkomst" in str(exc.value)
    assert not AanwezigheidRegistratie.objects.exists()
    assert KickoffUitnodiging.objects.filter(client=klant).count() == 1


def test_the_trainer_reads_where_a_no_show_is_invited_next(client_as, users):
    sessie = _sessie(users["trainer"], "matchen", datum=_op(9))
    _sessie(users["trainer"], "matchen", datum=_op(16), plaats="Stadhuis")
    klant = _gesprek_vandaag(users, "matchen", achternaam="Bos")
    uitnodiging = KickoffUitnodiging.objects.get(client=klant)
    with time_machine.travel(_op(9, 12), tick=False):
        r = client_as("trainer").post(
            reverse("intake:kickoff_sessie", args=[sessie.pk]),
            {"uitnodiging": uitnodiging.pk, "aanwezigheid": "niet_verschenen", "versie": 1},
            follow=True,
        )
    html = r.content.decode()
    assert "is opnieuw uitgenodigd: 16-12-2026 om 10:00, Stadhuis." in html


def test_a_session_is_never_over_capacity(users):
    from clients.intake.admin import KickoffSessieForm

    sessie = _sessie(users["trainer"], "groeien", datum=_op(9), capaciteit=2)
    klanten = [_gesprek_vandaag(users) for _ in range(3)]
    assert sessie.uitnodigingen.count() == 2  # the third waits
    assert KickoffUitnodiging.objects.get(client=klanten[2]).sessie is None
    # the beheerder cannot lower the capacity below the seats taken
    data = {
        "klantgroep": sessie.klantgroep_id,
        "datum_0": "2026-12-09",
        "datum_1": "10:00",
        "plaats": sessie.plaats,
        "trainer": sessie.trainer_id,
        "capaciteit": 1,
    }
    form = KickoffSessieForm(data, instance=sessie)
    assert not form.is_valid()
    assert "niet lager zijn dan het aantal uitgenodigde klanten (2)" in str(form.errors)
    sessie.refresh_from_db()
    assert sessie.capaciteit == 2


def test_the_seat_of_a_client_who_left_is_freed_by_the_nightly_task(users):
    from clients.services import periode_sluit

    sessie = _sessie(users["trainer"], "groeien", datum=_op(9), capaciteit=1)
    weg = _gesprek_vandaag(users)
    wachter = _gesprek_vandaag(users)
    periode_sluit(
        actor=users["inkomensconsulent"], client=weg, einddatum=VANDAAG, reden="verhuizing"
    )
    assert kickoff_nodig_uit(peildatum=VANDAAG) == 1
    vervallen = KickoffUitnodiging.objects.get(client=weg)
    assert vervallen.reden_vervallen == "Uitstroom: dossier afgesloten"
    assert KickoffUitnodiging.objects.get(client=wachter).sessie == sessie
    assert kickoff_nodig_uit(peildatum=VANDAAG) == 0  # idempotent
