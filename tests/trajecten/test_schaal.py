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
from tests.fixtures.klok import NU, reis

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


def _kandidaten_oud(*, vacature, user, limiet=20):
    """``kandidaten_voor`` before the rewrite (need-to-know and the competence parsing on
    every row), as the reference for rows and order."""
    from django.db.models import Case, Exists, F, IntegerField, OuterRef, When
    from django.db.models.expressions import RawSQL
    from django.db.models.functions import Collate

    from clients.trajecten.models import Competenties, Werkprofiel

    gevraagd = sorted(vacature.competentielijst())
    met_sector = Werkprofiel.sectoren.through.objects.filter(sector_id=vacature.sector_id)
    gedeeld = RawSQL(
        "(SELECT count(*) FROM unnest(dw_competenties(trajecten_werkprofiel.competenties)) c"
        " WHERE c = ANY(%s::text[]))",
        (gevraagd,),
        output_field=IntegerField(),
    )
    return list(
        Werkprofiel.objects.filter(
            client__in=Client.objects.visible_to(user).actief(),
            client__lidmaatschappen__tot__isnull=True,
            client__lidmaatschappen__klantgroep__code__in=selectors.MATCH_GROEPEN,
        )
        .alias(comp=Competenties(F("competenties")))
        .filter(Q(pk__in=met_sector.values("werkprofiel_id")) | Q(comp__overlap=gevraagd))
        .annotate(
            sector_match=Exists(met_sector.filter(werkprofiel_id=OuterRef("pk"))),
            score=Case(When(sector_match=True, then=3), default=0)
            + 2 * gedeeld
            + Case(When(uren_beschikbaar__gte=vacature.uren, then=1), default=0),
            naam=selectors.VolledigeNaam(),
            naam_c=Collate(selectors.VolledigeNaam(), "C"),
        )
        .filter(score__gte=3)
        .order_by("-score", "naam_c")
        .values_list("client_id", "score", "sector_match")[:limiet]
    )


def _bestand_voor_matching(n: int = 120):
    """Profiles over every group, phase, sector and competence mix (unique names: the ranking
    breaks ties on the name)."""
    import random

    from clients.constants import Fase
    from clients.trajecten.models import Sector, Werkprofiel

    rng = random.Random(33)
    sectoren = list(Sector.objects.order_by("pk")[:3])
    pool = ["orderpicken", "heftruck", "betrouwbaar", "klantvriendelijk", "zorgzaam", "Heftruck "]
    for i in range(n):
        groep = rng.choice(["matchen", "groeien", "groeien", "zorgen", "faciliteren"])
        fase = rng.choice([Fase.INGEDEELD] * 4 + [Fase.AFGESLOTEN, Fase.INTAKE])
        klant = client_in_groep(groep, van=D(2026, 1, 1), fase=fase, achternaam=f"Klant {i:03}")
        p = Werkprofiel.objects.create(
            client=klant,
            competenties=", ".join(rng.sample(pool, rng.randint(0, 4))),
            uren_beschikbaar=rng.choice([8, 24, 32, 40]),
        )
        p.sectoren.set(rng.sample(sectoren, rng.randint(0, 2)))


@pytest.mark.parametrize("voorronde", [200, 5])
def test_matching_gives_the_same_candidates_in_the_same_order(voorronde, users, monkeypatch):
    """Identical to the query before the rewrite, also when need-to-know hides candidates in
    the first round (groeien under IO regie here) and the full query has to run."""
    from klantgroepen.models import Klantgroep

    from .factories import vacature

    monkeypatch.setattr(selectors, "KANDIDATEN_VOORRONDE", voorronde)
    _bestand_voor_matching()
    coach = users["werkcoach"]
    vacatures = [
        vacature(),
        vacature(competenties="heftruck, zorgzaam", uren=40),
        vacature(competenties="", uren=8),
    ]
    for regie in ("DWT", "IO"):
        Klantgroep.objects.filter(code="groeien").update(regie=regie)
        for v in vacatures:
            for limiet in (20, 3):
                nieuw = [
                    (k["client_id"], k["score"], k["sector_match"])
                    for k in selectors.kandidaten_voor(vacature=v, user=coach, limiet=limiet)
                ]
                assert nieuw == _kandidaten_oud(vacature=v, user=coach, limiet=limiet)
                assert nieuw, (regie, v.competenties)


def test_matching_parses_no_competences_per_row_and_checks_need_to_know_after_ranking(users):
    """The candidates' competences are read through the GIN index (no ``dw_competenties`` on
    every candidate row), and need-to-know is not in the ranking at all: it is checked on the
    first round's ids only, not on every qualifying profile."""
    from .factories import vacature

    _bestand_voor_matching(10)
    v = vacature()
    with CaptureQueriesContext(connection) as q:
        selectors.kandidaten_voor(vacature=v, user=users["werkcoach"])
    (ranking,) = [x["sql"] for x in q.captured_queries if "ORDER BY" in x["sql"]]
    assert 'dw_competenties("trajecten_werkprofiel"."competenties")' not in ranking
    assert "unnest" not in ranking
    assert '"clients_contactpersoon"' not in ranking  # no need-to-know in the ranking
    (eerste_ronde,) = [
        x["sql"]
        for x in q.captured_queries
        if '"trajecten_werkprofiel"."client_id" IN (' in x["sql"]
    ]
    assert "EXISTS" in eerste_ronde and "ORDER BY" not in eerste_ronde


def _namen(kandidaten) -> list[str]:
    return [k["naam"] for k in kandidaten]


def test_matching_keeps_its_ranking_until_a_profile_or_a_membership_changes(users):
    """The ranking is computed once; a page view then runs two small queries. A changed
    profile or a client joining Matchen shows at once (the key holds both); a client leaving
    Matchen drops out at once (checked on every read), without ranking anew."""
    from clients.groepen.models import Groepslidmaatschap
    from klantgroepen.models import Klantgroep

    from .factories import profiel, vacature

    coach = users["werkcoach"]
    v = vacature(competenties="heftruck", uren=40)
    a = client_in_groep("matchen", van=D(2026, 1, 1), achternaam="Aalders")
    b = client_in_groep("groeien", van=D(2026, 1, 1), achternaam="Bakker")
    profiel(a, competenties="heftruck", uren=40)
    profiel_b = profiel(b, competenties="orderpicken", uren=8)
    eerst = selectors.kandidaten_voor(vacature=v, user=coach)
    assert [(k["naam"].split()[-1], k["score"]) for k in eerst] == [("Aalders", 6), ("Bakker", 3)]

    with CaptureQueriesContext(connection) as q:
        assert selectors.kandidaten_voor(vacature=v, user=coach) == eerst
    assert len(q.captured_queries) == 2  # the key, the first round: no ranking
    assert not [x for x in q.captured_queries if "ORDER BY" in x["sql"]]

    profiel_b.competenties = "heftruck, orderpicken"
    profiel_b.uren_beschikbaar = 40
    with reis(NU + datetime.timedelta(minutes=1)):  # the clock stands still in these tests
        profiel_b.save()  # gewijzigd_op moves: ranked anew
    nu = selectors.kandidaten_voor(vacature=v, user=coach)
    assert {k["naam"].split()[-1]: k["score"] for k in nu} == {"Aalders": 6, "Bakker": 6}

    # a profile kept aside, then its client joins Matchen: only the membership moves the key
    c = client_in_groep("zorgen", van=D(2026, 1, 1), achternaam="Claassen")
    profiel(c, competenties="heftruck", uren=40)
    assert "Claassen" not in " ".join(_namen(selectors.kandidaten_voor(vacature=v, user=coach)))
    lid = Groepslidmaatschap.objects.get(client=c, tot__isnull=True)
    lid.tot = D(2026, 6, 1)
    lid.save()
    Groepslidmaatschap.objects.create(
        client=c,
        klantgroep=Klantgroep.objects.get(code="matchen"),
        van=D(2026, 6, 1),
        soort="doorstroom",
    )
    assert "Claassen" in " ".join(_namen(selectors.kandidaten_voor(vacature=v, user=coach)))

    # leaving Matchen (the membership ended) moves no key: the first round checks it again
    with CaptureQueriesContext(connection) as q:
        Groepslidmaatschap.objects.filter(client=c, tot__isnull=True).update(tot=D(2026, 11, 1))
        assert "Claassen" not in " ".join(_namen(selectors.kandidaten_voor(vacature=v, user=coach)))
    assert not [x for x in q.captured_queries if "ORDER BY" in x["sql"]]


def _traject_lijst_oud(*, user, status="", instrument_id=None, alleen_mijn=True):
    """``traject_lijst`` before the rewrite (``client__in=visible_to(user)``)."""
    from clients.trajecten.models import Traject

    zichtbaar = Client.objects.visible_to(user)
    qs = Traject.objects.filter(client__in=zichtbaar)
    if alleen_mijn:
        qs = qs.filter(Q(werkcoach=user) | Q(client__in=zichtbaar.with_contactpersoon(user)))
    if status:
        qs = qs.filter(status=status)
    if instrument_id:
        qs = qs.filter(instrument_id=instrument_id)
    return qs.order_by("-start", "-pk")


def _trajecten_over_alle_groepen(users, collega):
    """Trajecten of clients in every group and phase, by the werkcoach, a colleague or the
    participatiemakelaar, with and without them as contact person."""
    import random

    from clients.constants import Fase
    from clients.models import Contactpersoon
    from clients.trajecten.models import Traject
    from klantgroepen.models import Klantgroep

    from .factories import aanbieder, instrument

    rng = random.Random(31)
    coaches = [users["werkcoach"], collega, users["participatiemakelaar"]]
    instrumenten = [instrument("Werkleerroute logistiek"), instrument("Work fast")]
    for _ in range(60):
        groep = rng.choice(["matchen", "groeien", "zorgen", "faciliteren"])
        fase = rng.choice([Fase.INGEDEELD] * 3 + [Fase.AFGESLOTEN, Fase.INTAKE])
        klant = client_in_groep(groep, van=D(2026, 1, 1), fase=fase)
        contact = rng.choice([None, *coaches])
        if contact is not None:
            Contactpersoon.objects.create(
                client=klant, organisatie=contact.organisatie, medewerker=contact, van=D(2026, 1, 1)
            )
        beeindigd = rng.random() < 0.3
        Traject.objects.create(
            client=klant,
            status="beeindigd" if beeindigd else "lopend",
            einde=D(2026, 11, 1) if beeindigd else None,
            resultaat="succesvol" if beeindigd else "",
            instrument=rng.choice(instrumenten),
            aanbieder=aanbieder(),
            klantgroep=Klantgroep.objects.get(code=groep),
            start=D(2026, 1, 1) + datetime.timedelta(days=rng.randint(0, 300)),
            gepland_einde=D(2027, 6, 1),
            werkcoach=rng.choice(coaches),
        )
    return instrumenten


def test_traject_list_gives_the_same_rows_in_the_same_order(users):
    collega = UserFactory(username="werkcoach2", rol="werkcoach")
    instrumenten = _trajecten_over_alle_groepen(users, collega)
    for user in [users["werkcoach"], collega, users["participatiemakelaar"]]:
        for alleen_mijn in (True, False):
            for status, instrument_id in (("", None), ("lopend", instrumenten[0].pk)):
                kwargs = {
                    "user": user,
                    "status": status,
                    "instrument_id": instrument_id,
                    "alleen_mijn": alleen_mijn,
                }
                nieuw = selectors.traject_lijst(**kwargs)
                oud = _traject_lijst_oud(**kwargs)
                assert list(nieuw.values_list("pk", flat=True)) == list(
                    oud.values_list("pk", flat=True)
                )
                assert nieuw.count() == oud.count()
                if not alleen_mijn:
                    assert nieuw.count(), user


def test_traject_list_checks_need_to_know_per_traject(users):
    """No ``client_id IN (SELECT ... FROM clients_client ...)``: that joined (or hashed) the
    whole client table for a page of 50 (city size: 237 ms SQL for the werkcoach)."""
    sql = str(selectors.traject_lijst(user=users["werkcoach"]).query)
    assert '"trajecten_traject"."client_id" IN (SELECT V0."id"' not in sql
    assert 'V0."id" = ("trajecten_traject"."client_id")' in sql
    # own trajecten first, by id: PostgreSQL never hashes the whole visible set to count them
    assert '"trajecten_traject"."id" = ANY(ARRAY(SELECT' in sql
    alle = str(selectors.traject_lijst(user=users["werkcoach"], alleen_mijn=False).query)
    assert "= ANY(ARRAY(" not in alle


def _dashboard_oud(*, user):
    """The dashboard's selections before the rewrite (``client__in=visible_to(user)``)."""
    from django.db.models import Count

    from clients.groepen.models import Groepslidmaatschap
    from clients.trajecten.models import PlekPlaatsing, Traject

    zichtbaar = Client.objects.visible_to(user)
    mijn = zichtbaar.with_contactpersoon(user)
    lopend = Traject.objects.filter(status=Traject.Status.LOPEND, client__in=zichtbaar).filter(
        Q(werkcoach=user) | Q(client__in=mijn)
    )
    return {
        "lopend": list(lopend.order_by("gepland_einde", "pk").values_list("pk", flat=True)[:200]),
        "lopend_totaal": lopend.count(),
        "plekken": list(
            PlekPlaatsing.objects.filter(makelaar=user, einde__isnull=True, client__in=zichtbaar)
            .order_by("start", "pk")
            .values_list("pk", flat=True)[:200]
        ),
        "klanten": list(
            Groepslidmaatschap.objects.actueel()
            .filter(client__in=mijn)
            .values("klantgroep__naam")
            .annotate(n=Count("id"))
            .order_by("klantgroep__volgorde")
        ),
    }


def test_dashboard_gives_the_same_rows_and_counts(users):
    from clients.trajecten.models import PlekPlaatsing

    from .factories import plek

    collega = UserFactory(username="werkcoach2", rol="werkcoach")
    _trajecten_over_alle_groepen(users, collega)
    makelaar = users["participatiemakelaar"]
    for i, klant in enumerate(Client.objects.order_by("pk")[:20]):
        PlekPlaatsing.objects.create(
            plek=plek(organisatie=f"Plek {i}"),
            client=klant,
            makelaar=makelaar,
            start=D(2026, 3, 1) + datetime.timedelta(days=i),
        )
    for user in [users["werkcoach"], collega, makelaar]:
        nieuw = selectors.werkcoach_dashboard(user=user)
        oud = _dashboard_oud(user=user)
        assert [t.pk for t in nieuw["lopend"]] == oud["lopend"]
        assert nieuw["lopend_totaal"] == oud["lopend_totaal"]
        assert [p.pk for p in nieuw["plekken"]] == oud["plekken"]
        assert nieuw["klanten"] == oud["klanten"]
        assert nieuw["lopend"] and nieuw["klanten"], user
    assert selectors.werkcoach_dashboard(user=makelaar)["plekken"]


def test_dashboard_checks_need_to_know_per_row(users):
    """No ``client_id IN (SELECT ... FROM clients_client ...)`` on the dashboard (city size:
    the running trajecten took 84 ms, the clients per group 53 ms)."""
    with CaptureQueriesContext(connection) as q:
        selectors.werkcoach_dashboard(user=users["werkcoach"])
    for x in q.captured_queries:
        assert 'IN (SELECT V0."id" FROM "clients_client" V0' not in x["sql"], x["sql"]


def test_the_dashboards_running_trajecten_start_from_the_users_own(users):
    """As the list: the running trajecten (page and count) are the user's own by id first,
    need-to-know on those (participatiemakelaar at city size: 2 x 55 -> 2 x 6 ms)."""
    with CaptureQueriesContext(connection) as q:
        selectors.werkcoach_dashboard(user=users["participatiemakelaar"])
    lopend = [
        x["sql"]
        for x in q.captured_queries
        if '"trajecten_traject"."status" = \'lopend\'' in x["sql"]
    ]
    assert len(lopend) == 2  # the page, the count
    assert all('"trajecten_traject"."id" = ANY(ARRAY(SELECT' in sql for sql in lopend)
