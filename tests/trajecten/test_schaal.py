"""The trajecten pages at city size: the rewritten queries give the same rows as before and
do not make PostgreSQL build the whole need-to-know set to return a handful of rows."""

import datetime

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from clients.models import Client
from clients.trajecten import rules, selectors
from clients.trajecten.models import Plaatsing, Werkgever
from deventer_werk.access import may
from deventer_werk.dates import today
from tests.factories import UserFactory, client_in_groep

from .factories import werkgever

pytestmark = pytest.mark.django_db
D = datetime.date


NAZORG_LOOPT = D(2027, 5, 1)


def _plaatsing(klant, coach, *, nazorg_tot=NAZORG_LOOPT, einde=None) -> Plaatsing:
    return Plaatsing.objects.create(
        client=klant,
        werkgever=Werkgever.objects.first() or werkgever(),
        functie="Orderpicker",
        uren=32,
        contract="bepaald",
        start=D(2026, 5, 1),
        einde=einde,
        werkcoach=coach,
        nazorg_tot=nazorg_tot,
    )


def _plaatsing_oud(*, user, pk):
    """The query before the rewrite (``client__in=visible_to(user)``), as the reference."""
    return (
        Plaatsing.objects.filter(pk=pk)
        .filter(
            Q(client__in=Client.objects.visible_to(user))
            | Q(werkcoach=user, nazorg_tot__gte=today())
        )
        .first()
    )


def test_plaatsing_detail_sees_the_same_placements_as_before(users):
    coach = users["werkcoach"]
    collega = UserFactory(username="werkcoach2", rol="werkcoach")

    def klant(groep):
        return client_in_groep(groep, van=D(2026, 1, 1))

    plaatsingen = [
        _plaatsing(klant("groeien"), collega),  # DWT regie: visible to every werkcoach
        _plaatsing(klant("zorgen"), collega),  # IO regie, a colleague's placement in nazorg
        _plaatsing(klant("zorgen"), coach),  # IO regie, but my placement in nazorg
        _plaatsing(klant("zorgen"), coach, nazorg_tot=D(2026, 11, 1)),  # mine, nazorg over
        _plaatsing(klant("faciliteren"), collega, einde=D(2026, 8, 1)),  # ended, nazorg runs
        _plaatsing(klant("faciliteren"), collega, nazorg_tot=D(2026, 11, 1)),  # nazorg over
    ]
    verwacht = {
        coach.pk: [True, False, True, False, False, False],
        collega.pk: [True, True, False, False, True, False],
    }
    for user in [*users.values(), collega]:
        for i, p in enumerate(plaatsingen):
            nieuw = selectors.plaatsing_voor_nazorg(user=user, pk=p.pk)
            oud = _plaatsing_oud(user=user, pk=p.pk) if may(user, rules.PLAATSING) else None
            assert (nieuw.pk if nieuw else None) == (oud.pk if oud else None), (user, i)
            if user.pk in verwacht:
                assert (nieuw is not None) == verwacht[user.pk][i], (user, i)
    assert selectors.plaatsing_voor_nazorg(user=coach, pk=10**9) is None


def test_plaatsing_detail_checks_need_to_know_on_its_one_client(users):
    """One query for the placement, with need-to-know as an EXISTS on the placement's own
    client: no ``client_id IN (SELECT ... FROM clients_client ...)`` over the whole bestand
    (cost 3.5M and 750 ms at city size, for one row)."""
    coach = users["werkcoach"]
    p = _plaatsing(client_in_groep("groeien", van=D(2026, 1, 1)), coach)
    assert may(coach, rules.PLAATSING)  # the user's roles are read (and cached) first
    with CaptureQueriesContext(connection) as q:
        assert selectors.plaatsing_voor_nazorg(user=coach, pk=p.pk) == p
    assert len(q.captured_queries) == 2  # the placement, its nazorg moments
    sql = q.captured_queries[0]["sql"]
    assert '"trajecten_plaatsing"."client_id" IN (SELECT' not in sql
    assert 'V0."id" = ("trajecten_plaatsing"."client_id")' in sql
