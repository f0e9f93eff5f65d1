"""The trainer's start page (issue 26): today's and coming sessions with invited, confirmed
and capacity, one click to the attendance list; the groups waiting for a session; the
client's confirmation recorded before the session (optimistic lock like attendance)."""

import datetime
import re

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from clients.intake.models import KickoffSessie, KickoffUitnodiging
from clients.intake.services import kickoff_bevestig, kickoff_sessie_plan
from clients.services import ConcurrentEditError
from deventer_werk.audit.models import AuditEvent
from tests.factories import UserFactory, klantgroep
from tests.fixtures.klok import VANDAAG

from .factories import ambitie, melding

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def _sessie(trainer, moment, code="groeien", capaciteit=12):
    return KickoffSessie.objects.create(
        klantgroep=klantgroep(code),
        datum=moment,
        plaats="Stadhuis",
        trainer=trainer,
        capaciteit=capaciteit,
    )


def _uitgenodigd(users, sessie, n):
    klanten = []
    for _ in range(n):
        klant = melding(users["poortwachter"])
        ambitie(users["intaker"], klant, sessie.klantgroep.code, datum=VANDAAG)
        klanten.append(klant)
    return klanten


def test_start_page_shows_invited_confirmed_and_capacity_from_today(client_as, users):
    trainer = users["trainer"]
    gisteren = _sessie(trainer, datetime.datetime(2026, 11, 23, 9, tzinfo=datetime.UTC))
    vandaag = _sessie(trainer, datetime.datetime(2026, 11, 24, 7, tzinfo=datetime.UTC))  # 08:00
    kickoff_sessie_plan(
        actor=trainer,
        klantgroep=klantgroep("groeien"),
        datum=datetime.datetime(2026, 12, 9, 9, tzinfo=datetime.UTC),
        plaats="Leeuwenbrug",
        trainer=trainer,
        capaciteit=5,
    )
    later = KickoffSessie.objects.get(plaats="Leeuwenbrug")
    _sessie(UserFactory(username="trainer2", rol="trainer"), later.datum)  # another trainer's
    a, b, c = _uitgenodigd(users, later, 3)
    kickoff_bevestig(actor=trainer, uitnodiging=KickoffUitnodiging.objects.get(client=a), versie=1)
    html = client_as("trainer").get(reverse("begeleiding:werkvoorraad")).content.decode()
    assert "Uw kick-offbijeenkomsten vanaf vandaag (2)" in html
    rij = re.search(r"Groeien 09-12-2026 10:00</a></th>(.*?)</tr>", html, re.S).group(1)
    cellen = re.findall(r">(\d+)(?: \(vol\))?</td>", rij)
    assert cellen == ["3", "1", "5"]  # invited, confirmed, capacity
    assert reverse("intake:kickoff_sessie", args=[later.pk]) in html
    assert reverse("intake:kickoff_sessie", args=[vandaag.pk]) in html  # one click today
    assert reverse("intake:kickoff_sessie", args=[gisteren.pk]) not in html


def test_start_page_names_the_groups_to_plan_for(client_as, users):
    for _ in range(2):
        ambitie(users["intaker"], melding(users["poortwachter"]), "faciliteren", datum=VANDAAG)
    html = client_as("trainer").get(reverse("begeleiding:werkvoorraad")).content.decode()
    assert "Te plannen (1)" in html
    assert "Plan een kick-off Faciliteren</a>: 2 klanten wachten" in html


def _start_queries(c) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert c.get(reverse("begeleiding:werkvoorraad")).status_code == 200
    return len(ctx.captured_queries)


def test_trainer_start_page_query_count_does_not_grow(client_as, users):
    trainer = users["trainer"]
    eerste = datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC)
    _sessie(trainer, eerste)
    c = client_as("trainer")
    c.get(reverse("begeleiding:werkvoorraad"))  # the session's first-request work
    weinig = _start_queries(c)
    for i in range(1, 60):
        sessie = _sessie(trainer, eerste + datetime.timedelta(days=i), code="zorgen")
        if i % 10 == 0:
            _uitgenodigd(users, sessie, 1)
    assert _start_queries(c) == weinig


def test_confirmation_before_the_session_only_and_with_the_version(client_as, users):
    sessie = _sessie(users["trainer"], datetime.datetime(2026, 12, 9, 9, tzinfo=datetime.UTC))
    (klant,) = _uitgenodigd(users, sessie, 1)
    uitnodiging = KickoffUitnodiging.objects.get(client=klant)
    c = client_as("trainer")
    url = reverse("intake:kickoff_sessie", args=[sessie.pk])
    assert "Komst bevestigd" in c.get(url).content.decode()
    r = c.post(
        url, {"uitnodiging": uitnodiging.pk, "versie": 1, "actie": "bevestigen"}, follow=True
    )
    assert "is bevestigd" in r.content.decode()
    uitnodiging.refresh_from_db()
    assert uitnodiging.bevestigd_op is not None and uitnodiging.versie == 2
    assert AuditEvent.objects.filter(object_type="kickoff", details__bevestigd=True).exists()
    # a second trainer's page from before: a conflict, never a silent overwrite
    with pytest.raises(ConcurrentEditError):
        kickoff_bevestig(actor=users["trainer"], uitnodiging=uitnodiging, versie=1)
    with pytest.raises(ConcurrentEditError):
        kickoff_aanwezigheid_oud(users, uitnodiging)
    with time_machine.travel(sessie.datum + datetime.timedelta(hours=1), tick=False):
        with pytest.raises(ValidationError, match="al begonnen"):
            kickoff_bevestig(actor=users["trainer"], uitnodiging=uitnodiging, versie=2)


def kickoff_aanwezigheid_oud(users, uitnodiging):
    from clients.intake.services import kickoff_aanwezigheid

    return kickoff_aanwezigheid(
        actor=users["trainer"], uitnodiging=uitnodiging, aanwezigheid="afgemeld", versie=1
    )
