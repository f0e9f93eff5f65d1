"""The existing bestand to the kick-off in batches a trainer starts and sizes: newest clients
first, never a seat a new client needs (the reserve per session, and nothing while new
clients of the group wait). Also on the 2,875-client demo set."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db.models import Max
from django.urls import reverse

from clients.groepen.models import Groepslidmaatschap
from clients.intake.models import Ambitiegesprek, KickoffSessie, KickoffUitnodiging
from clients.intake.services import kickoff_sessie_plan
from clients.intake.services.bestand import kickoff_bestand, kickoff_bestand_nodig_uit
from clients.models import Uitkeringsperiode
from deventer_werk.accounts.models import User
from deventer_werk.audit.models import AuditEvent
from tests.factories import bulk_clients, klantgroep
from tests.fixtures.klok import VANDAAG

from .factories import ambitie, melding
from .test_kickoff import _oud_gesprek

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def _sessie(trainer, dag, capaciteit=6, code="groeien"):
    return kickoff_sessie_plan(
        actor=trainer,
        klantgroep=klantgroep(code),
        datum=datetime.datetime(2026, 12, dag, 9, tzinfo=datetime.UTC),
        plaats="Stadhuis",
        trainer=trainer,
        capaciteit=capaciteit,
    )


def _bestand(users, n, code="groeien"):
    """``n`` clients with an old gesprek, reported on different days (the i-th newest)."""
    clients = bulk_clients(n, code, van=datetime.date(2022, 3, 1), fase="ingedeeld")
    for i, c in enumerate(clients):
        Uitkeringsperiode.objects.create(
            client=c, melddatum=datetime.date(2021, 1, 1) + datetime.timedelta(days=30 * i)
        )
        _oud_gesprek(c, users["intaker"], datetime.date(2022, 3, 1))
    return clients[::-1]  # newest first


def test_a_batch_takes_the_newest_clients_and_leaves_seats_for_new_clients(users):
    a, b = _sessie(users["trainer"], 9), _sessie(users["trainer"], 16)
    bestand = _bestand(users, 6)
    uitslag = kickoff_bestand_nodig_uit(
        actor=users["trainer"], klantgroep=klantgroep("groeien"), aantal=3
    )
    assert (uitslag.uitgenodigd, uitslag.kandidaten, uitslag.reserve) == (3, 6, 4)
    uitgenodigd = set(
        KickoffUitnodiging.objects.filter(aanleiding="bestand").values_list("client_id", flat=True)
    )
    assert uitgenodigd == {c.pk for c in bestand[:3]}  # the newest three
    assert a.uitnodigingen.count() == 2 and b.uitnodigingen.count() == 1
    # a bigger batch than there are seats: only the seats beyond the reserve
    uitslag = kickoff_bestand_nodig_uit(
        actor=users["trainer"], klantgroep=klantgroep("groeien"), aantal=10
    )
    assert uitslag.uitgenodigd == 1
    assert a.uitnodigingen.count() == 2 and b.uitnodigingen.count() == 2
    # a new client after the gesprek still finds a seat (the reserve)
    nieuw = melding(users["poortwachter"])
    ambitie(users["intaker"], nieuw, "groeien", datum=VANDAAG)
    assert KickoffUitnodiging.objects.get(client=nieuw).sessie == a
    event = AuditEvent.objects.filter(object_type="kickoff_bestand").latest("pk")
    assert event.details == {"klantgroep": "groeien", "gevraagd": 10, "uitgenodigd": 1}
    # the invited bestand is no longer a candidate
    assert kickoff_bestand(klantgroep=klantgroep("groeien")).count() == 2


def test_no_batch_while_new_clients_wait_and_the_size_is_checked(users):
    _sessie(users["trainer"], 9, capaciteit=1)
    _bestand(users, 2)
    for _ in range(2):
        ambitie(users["intaker"], melding(users["poortwachter"]), "groeien", datum=VANDAAG)
    with pytest.raises(ValidationError) as exc:
        kickoff_bestand_nodig_uit(
            actor=users["trainer"], klantgroep=klantgroep("groeien"), aantal=5
        )
    assert "Er wachten nieuwe klanten van Groeien op een plaats" in str(exc.value)
    for aantal in (0, 501):
        with pytest.raises(ValidationError, match="Kies een aantal van 1 tot en met 500"):
            kickoff_bestand_nodig_uit(
                actor=users["trainer"], klantgroep=klantgroep("zorgen"), aantal=aantal
            )
    assert not KickoffUitnodiging.objects.filter(aanleiding="bestand").exists()


def test_the_trainer_starts_a_batch_on_the_page(client_as, users):
    _sessie(users["trainer"], 9, capaciteit=10)
    _bestand(users, 8)
    c = client_as("trainer")
    html = c.get(reverse("intake:kickoff_bestand")).content.decode()
    assert "Nog nooit uitgenodigd" in html
    r = c.post(
        reverse("intake:kickoff_bestand"),
        {"klantgroep": klantgroep("groeien").pk, "aantal": 8},
        follow=True,
    )
    html = r.content.decode()
    assert "6 klanten van Groeien uit het bestaande bestand uitgenodigd (gevraagd: 8)" in html
    assert "Er zijn niet meer plaatsen: plan een extra bijeenkomst." in html
    r = c.post(reverse("intake:kickoff_bestand"), {"klantgroep": klantgroep("groeien").pk})
    assert "Controleer het formulier." in r.content.decode()
    assert client_as("intaker").get(reverse("intake:kickoff_bestand")).status_code == 403


def test_on_the_2875_client_demo_a_batch_leaves_every_session_seats_for_new_clients(users):
    call_command("demo_data", clients=2875, seed=2019, peildatum=VANDAAG)
    trainer = User.objects.get(username="trainer")
    sessies = list(KickoffSessie.objects.filter(trainer=trainer))
    assert len(sessies) == 8 and sum(s.capaciteit for s in sessies) == 160
    for code in ("matchen", "groeien", "faciliteren", "zorgen"):
        groep = klantgroep(code)
        voor = {
            pk: melding
            for pk, melding in kickoff_bestand(klantgroep=groep).values_list(
                "pk", "laatste_melding"
            )
        }
        uitslag = kickoff_bestand_nodig_uit(actor=trainer, klantgroep=groep, aantal=500)
        assert uitslag.uitgenodigd == 2 * (20 - 4)  # two sessions, 4 seats kept free in each
        gekozen = set(
            KickoffUitnodiging.objects.filter(
                aanleiding="bestand", sessie__klantgroep=groep
            ).values_list("client_id", flat=True)
        )
        # newest clients first: nobody left behind was reported later than one invited
        laatst_gekozen = min(voor[pk] for pk in gekozen)
        assert all(m <= laatst_gekozen for pk, m in voor.items() if pk not in gekozen)
    for s in sessies:
        assert s.uitnodigingen.count() == 16
    # a new client of each group still gets a seat at the end of the ambitiegesprek
    intaker = User.objects.get(username="intaker")
    for code in ("matchen", "groeien", "faciliteren", "zorgen"):
        klant = melding(User.objects.get(username="poortwachter"))
        ambitie(intaker, klant, code, datum=VANDAAG)
        assert KickoffUitnodiging.objects.get(client=klant).sessie is not None
    assert Ambitiegesprek.objects.count() > 1000
    assert Groepslidmaatschap.objects.aggregate(m=Max("van"))["m"] <= VANDAAG
