"""The werkvoorraad at city size, second round: each section reads only the rows it shows or
counts (through their own indexes), and the figures and rows stay exactly those of the
formulas they replace (kept here as the reference)."""

import datetime

import pytest
from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from clients.begeleiding.reviews import _redenen, reviews_triage
from clients.constants import TAAK_RECHTMATIGHEID_SOORTEN, TaakSoort, TaakStatus
from clients.models import Signaal, Taak
from clients.rules import HANDHAVERS
from tests.factories import UserFactory, client_in_groep

pytestmark = pytest.mark.django_db
VANDAAG = datetime.date(2026, 11, 24)


def _oud_review_tellingen(user, vandaag):
    """The review counts before: one aggregate over every review ever planned."""
    per_reden = {
        f"r{i}": Count(
            "pk",
            filter=Q(medewerker__isnull=True, rol=HANDHAVERS, datum__lte=vandaag)
            & Q(status=TaakStatus.OPEN)
            & q,
        )
        for i, (q, _) in enumerate(_redenen(), 1)
    }
    return Taak.objects.filter(soort__in=TAAK_RECHTMATIGHEID_SOORTEN).aggregate(
        wachtrij=Count(
            "pk",
            filter=Q(
                status=TaakStatus.OPEN, medewerker__isnull=True, rol=HANDHAVERS, datum__lte=vandaag
            ),
        ),
        mijn=Count("pk", filter=Q(status=TaakStatus.OPEN, medewerker=user)),
        vandaag_gedaan=Count(
            "pk",
            filter=Q(status=TaakStatus.AFGEROND, afgerond_door=user) & Q(afgerond_op__date=vandaag),
        ),
        **per_reden,
    )


@pytest.fixture
def reviews(users):
    hh = users["handhaver"]
    ander = UserFactory(username="handhaver2", rol="handhaver")
    d = datetime.timedelta
    nu = timezone.make_aware(datetime.datetime.combine(VANDAAG, datetime.time(10)))
    soorten = (TaakSoort.RECHTMATIGHEID, TaakSoort.STEEKPROEF)
    sleutels = ("rechtmatigheid-gesprek:", "steekproef:", "rechtmatigheid:", "")
    for i in range(16):
        klant = client_in_groep("zorgen")
        if i % 4 == 0:
            Signaal.objects.create(client=klant, soort="niet_meewerken")
        eigenaar = (
            {"rol": "handhaver", "organisatie": "IO"},
            {"medewerker": hh},
            {"medewerker": ander},
            {"rol": "handhaver", "organisatie": "IO"},
        )[i % 4]
        taak = Taak.objects.create(
            client=klant,
            soort=soorten[i % 2] if i % 5 else TaakSoort.OVERIG,
            omschrijving="Onderzoek",
            datum=VANDAAG + d(days=(i % 3) - 1),
            sleutel=f"{sleutels[i % 4]}{i}",
            **eigenaar,
        )
        if i % 6 == 5:  # closed: today, yesterday, by the user or another
            Taak.objects.filter(pk=taak.pk).update(
                status=TaakStatus.AFGEROND if i % 4 else TaakStatus.VERVALLEN,
                afgerond_door=hh if i % 12 == 5 else ander,
                afgerond_op=nu - d(days=i % 2),
            )
    Taak.objects.create(
        client=client_in_groep("zorgen"),
        soort=TaakSoort.RECHTMATIGHEID,
        omschrijving="Gedaan",
        datum=VANDAAG,
        medewerker=hh,
        status=TaakStatus.AFGEROND,
        afgerond_door=hh,
        afgerond_op=nu,
    )
    return hh


def test_review_counts_are_those_of_the_aggregate_over_every_review(reviews):
    hh = reviews
    oud = _oud_review_tellingen(hh, VANDAAG)
    nieuw = reviews_triage(user=hh, vandaag=VANDAAG)
    assert oud["vandaag_gedaan"] >= 1 and oud["mijn"] >= 1 and oud["wachtrij"] >= 2
    assert nieuw["reviews_wachtrij"] == oud["wachtrij"]
    assert nieuw["reviews_mijn"] == oud["mijn"]
    assert nieuw["reviews_vandaag_gedaan"] == oud["vandaag_gedaan"]
    assert [r["n"] for r in nieuw["reviews_per_reden"]] == [oud[f"r{i}"] for i in range(1, 5)]
    assert len(nieuw["reviews"]) == oud["wachtrij"]


def test_review_counts_read_only_the_queue_and_the_user_s_own_rows(reviews):
    """The aggregate's WHERE names the three kinds of rows it counts, so PostgreSQL reads them
    through their indexes (before: a scan of every task of the city, 60 ms)."""
    with CaptureQueriesContext(connection) as q:
        reviews_triage(user=reviews, vandaag=VANDAAG)
    sql = next(x["sql"] for x in q.captured_queries if '"wachtrij"' in x["sql"])
    where = sql.rsplit('FROM "clients_taak" WHERE', 1)[1]
    assert '"clients_taak"."afgerond_door_id" =' in where, where
    assert '"clients_taak"."medewerker_id" IS NULL' in where, where


def test_the_handhaver_s_counts_do_not_join_every_client(users):
    """A handhaver sees every dossier: the samenloop and "werkt niet mee" counts and the
    queue's rows read no clients table for need-to-know (before: a semi-join on all 200,000
    clients each); a participatiemakelaar's need-to-know still applies."""
    from clients.begeleiding.reviews import _wachtrij
    from clients.begeleiding.startpagina import handhaver_sectie

    klant = client_in_groep("zorgen")
    Signaal.objects.create(client=klant, soort="niet_meewerken")
    with CaptureQueriesContext(connection) as q:
        sectie = handhaver_sectie(user=users["handhaver"], vandaag=VANDAAG)
    assert sectie["niet_meewerken"]["totaal"] == 1
    tellingen = [x["sql"] for x in q.captured_queries if "COUNT(" in x["sql"]]
    # samenloop count, "werkt niet mee" rows with their total, review counts
    assert len(tellingen) == 3, tellingen
    assert not any('FROM "clients_client"' in s for s in tellingen), tellingen
    assert "clients_client" not in str(_wachtrij(user=users["handhaver"], vandaag=VANDAAG).query)
    pm = users["participatiemakelaar"]
    assert "clients_client" in str(_wachtrij(user=pm, vandaag=VANDAAG).query)


def test_signals_count_first_and_list_urgent_ones_only_when_there_are_any(
    users, django_assert_num_queries
):
    """Urgent signals are rare (a handful in the city): the counts per kind come first and
    the list of urgent ones is read only when a count says there is one. The own clients'
    signals are looked up per client from the contact rows (``= ANY(ARRAY(...))``)."""
    from clients.begeleiding.werkvoorraad import signalen_sectie, signalen_van

    wc = users["werkcoach"]
    klant = client_in_groep("groeien", dwt=wc)
    Signaal.objects.create(client=klant, soort="overig")
    signalen_sectie(user=wc)  # the user's roles are read once
    with django_assert_num_queries(1):
        sectie = signalen_sectie(user=wc)
    assert sectie["urgente_signalen"] == [] and sectie["urgente_signalen_totaal"] == 0
    assert [(r["soort"], r["n"]) for r in sectie["routine_signalen"]] == [("overig", 1)]
    urgent = Signaal.objects.create(client=klant, soort="schulden", urgent=True, aangemaakt_door=wc)
    with django_assert_num_queries(2):
        sectie = signalen_sectie(user=wc)
    assert sectie["urgente_signalen"] == [urgent] and sectie["urgente_signalen_totaal"] == 1
    assert '"clients_signaal"."client_id" = ANY(ARRAY(' in str(signalen_van(user=wc).query)


@pytest.mark.parametrize("n", [0, 3, 12])
def test_a_short_list_with_its_total_is_one_query(n, users, django_assert_num_queries):
    """The start page's short lists of a caseload's size (own Faciliteren clients, nazorg,
    "werkt niet mee") carry their total on each row: the same total and rows as a count
    and a page, in one query."""
    from clients.begeleiding.startpagina import _lijst, _lijst_klein
    from clients.models import Client

    pm = users["participatiemakelaar"]
    for i in range(n):
        client_in_groep("faciliteren", io=pm, achternaam=f"Klant{i:02d}")
    qs = Client.objects.visible_to(pm).eigen_van(pm).order_by("achternaam", "pk")
    oud = _lijst(qs, 10)
    with django_assert_num_queries(1):
        nieuw = _lijst_klein(qs, 10)
    assert nieuw["totaal"] == oud["totaal"] == n
    assert nieuw["rijen"] == oud["rijen"] and len(nieuw["rijen"]) == min(n, 10)


def test_the_werkcoach_s_traject_counts_are_one_aggregate(users, django_assert_num_queries):
    from clients.begeleiding.startpagina import VERLOPEN_GROEP, werkcoach_sectie
    from clients.trajecten.models import Traject
    from tests.trajecten.factories import aanbieder, instrument

    coach = users["werkcoach"]
    klant = client_in_groep("groeien", dwt=coach)
    ander = client_in_groep("groeien")
    d = datetime.timedelta
    for k, einde in (
        (klant, VANDAAG + d(days=10)),
        (klant, VANDAAG - d(days=5)),
        (klant, VANDAAG - VERLOPEN_GROEP - d(days=1)),
        (klant, VANDAAG + d(days=40)),
        (ander, VANDAAG + d(days=3)),
    ):
        Traject.objects.create(
            client=k,
            instrument=instrument("Werkleerroute logistiek"),
            aanbieder=aanbieder(),
            klantgroep=k.lidmaatschappen.get().klantgroep,
            werkcoach=coach,
            start=VANDAAG - d(days=400),
            gepland_einde=einde,
        )
    werkcoach_sectie(user=coach, vandaag=VANDAAG)  # the user's roles are read once
    # counts (one aggregate), the ending ones, nazorg with its total
    with django_assert_num_queries(3):
        sectie = werkcoach_sectie(user=coach, vandaag=VANDAAG)
    assert sectie["trajecten_einde"]["totaal"] == 2
    assert [t.gepland_einde for t in sectie["trajecten_einde"]["rijen"]] == [
        VANDAAG - d(days=5),
        VANDAAG + d(days=10),
    ]
    assert sectie["trajecten_lang_verlopen"] == 1
    assert sectie["nazorg"] == {"totaal": 0, "rijen": []}


def _oud_plannen(user, peildatum, pagina):
    """The plans to revise before: a count, then the page (clamped to the last)."""
    from django.db.models import Exists, F, Max, OuterRef, Subquery

    from clients.begeleiding.models import plan_actueel_grens
    from clients.begeleiding.selectors import PLAN_TE_HERZIEN_PER_PAGINA, plan_actueel_maanden
    from clients.begeleiding.services import PLAN_GROEPEN
    from clients.groepen.models import Groepslidmaatschap
    from clients.models import Client

    grens = plan_actueel_grens(peildatum, plan_actueel_maanden())
    groep = Groepslidmaatschap.objects.actueel().filter(client=OuterRef("pk"))
    qs = (
        Client.objects.visible_to(user)
        .eigen_van(user)
        .filter(Exists(groep.filter(klantgroep__code__in=PLAN_GROEPEN)))
        .annotate(laatste_plan=Max("plannen__vastgesteld_op"))
        .filter(Q(laatste_plan__isnull=True) | Q(laatste_plan__lt=grens))
    )
    totaal = qs.count()
    if not totaal:
        return [], 0
    paginas = -(-totaal // PLAN_TE_HERZIEN_PER_PAGINA)
    start = (min(max(pagina, 1), paginas) - 1) * PLAN_TE_HERZIEN_PER_PAGINA
    klanten = list(
        qs.annotate(klantgroep_naam=Subquery(groep.values("klantgroep__naam")[:1])).order_by(
            F("laatste_plan").asc(nulls_first=True), "achternaam", "pk"
        )[start : start + PLAN_TE_HERZIEN_PER_PAGINA]
    )
    return klanten, totaal


@pytest.mark.parametrize("aantal", [0, 3, 30])
def test_plans_to_revise_page_and_total_in_one_query(aantal, users, django_assert_num_queries):
    """The page carries the total (a caseload's size): the same rows, names, dates and total
    as a count and a page, on every page, also past the end (the last page)."""
    from clients.begeleiding.selectors import plan_list_te_herzien
    from tests.begeleiding.factories import plan_maak

    coach = users["werkcoach"]
    for i in range(aantal):
        klant = client_in_groep(("groeien", "matchen", "zorgen")[i % 3], dwt=coach)
        if i % 4 == 1:  # an old plan: to revise, listed after those without one
            plan_maak(klant, door=coach, vastgesteld_op=VANDAAG - datetime.timedelta(days=400 + i))
        elif i % 4 == 2:  # an actueel plan: not listed
            plan_maak(klant, door=coach, vastgesteld_op=VANDAAG - datetime.timedelta(days=10))
    client_in_groep("groeien")  # not her client
    plan_list_te_herzien(user=coach, peildatum=VANDAAG)  # the user's roles are read once
    for pagina in (1, 2, 5):
        oud = _oud_plannen(coach, VANDAAG, pagina)
        verwacht = 2 if pagina == 1 or (oud[1] > 25 and pagina == 2) else 4 if oud[1] else 3
        with django_assert_num_queries(verwacht):
            klanten, totaal = plan_list_te_herzien(user=coach, peildatum=VANDAAG, pagina=pagina)
        assert totaal == oud[1]
        assert klanten == oud[0]
        assert [(k.klantgroep_naam, k.laatste_plan) for k in klanten] == [
            (k.klantgroep_naam, k.laatste_plan) for k in oud[0]
        ]


@pytest.mark.parametrize(
    "rol", ["inkomensconsulent", "participatiemakelaar", "werkcoach", "trainer"]
)
def test_need_to_know_built_once_per_user_is_the_same_filter(rol, users, monkeypatch):
    """The werkvoorraad filters six querysets on need-to-know: ``zichtbare_clienten`` builds
    ``visible_to`` once per user (and day and roles) and hands out clones, the same SQL and
    never a stale result."""
    from clients.models import Client, ClientQuerySet
    from clients.query import zichtbaar_voor, zichtbaar_voor_gedeeld, zichtbare_clienten

    user = users[rol]
    klant = {
        "inkomensconsulent": lambda: client_in_groep("zorgen", io=user),
        "participatiemakelaar": lambda: client_in_groep("faciliteren", io=user),
        "werkcoach": lambda: client_in_groep("groeien", dwt=user),
        "trainer": lambda: None,
    }[rol]()
    client_in_groep("zorgen")
    assert list(zichtbare_clienten(user).order_by("pk")) == list(
        Client.objects.visible_to(user).order_by("pk")
    )
    q_oud, q_nieuw = zichtbaar_voor(user), zichtbaar_voor_gedeeld(user)
    assert set(Taak.objects.filter(q_nieuw)) == set(Taak.objects.filter(q_oud))
    if rol != "trainer":  # (the trainer's is an empty filter, no SQL at all)
        assert str(Taak.objects.filter(q_nieuw).query) == str(Taak.objects.filter(q_oud).query)
    gebouwd = []
    origineel = ClientQuerySet.visible_to
    monkeypatch.setattr(
        ClientQuerySet, "visible_to", lambda qs, u: gebouwd.append(u) or origineel(qs, u)
    )
    eerst = list(zichtbare_clienten(user))
    tweede = client_in_groep("faciliteren")  # read when the query runs, not when it is built
    assert set(zichtbare_clienten(user)) - set(eerst) <= {tweede}
    zichtbaar_voor_gedeeld(user)
    assert gebouwd == []  # built before: not again
    if klant is not None:
        assert klant in eerst
    anders = type(user).objects.get(pk=user.pk)  # another request: built anew
    zichtbare_clienten(anders)
    assert gebouwd == [anders]


@pytest.mark.parametrize("rol", ["werkcoach", "participatiemakelaar", "handhaver", "poortwachter"])
def test_the_werkvoorraad_builds_need_to_know_once(rol, users, monkeypatch):
    from clients.begeleiding.selectors import werkvoorraad_voor
    from clients.models import ClientQuerySet

    gebouwd = []
    origineel = ClientQuerySet.visible_to
    monkeypatch.setattr(
        ClientQuerySet, "visible_to", lambda qs, u: gebouwd.append(u) or origineel(qs, u)
    )
    werkvoorraad_voor(user=users[rol], vandaag=VANDAAG)
    assert len(gebouwd) == 1  # before: once per section (six times for the werkcoach)


@pytest.mark.parametrize("sorteer", ["datum", "-datum", "klant", "soort"])
@pytest.mark.parametrize("pagina", [{}, {"te_laat_pagina": "2", "binnenkort_pagina": "9"}])
@pytest.mark.parametrize("filter", [{}, {"soort": "overig", "klantgroep": "zorgen"}])
def test_the_task_sections_pages_in_one_query_are_those_of_one_query_each(
    sorteer, pagina, filter, users, django_assert_num_queries
):
    """The three sections' pages as one UNION ALL: the same rows in the same order (each
    section its own sort and page, past the end the last), with the same klantgroep name,
    days late, owner and client, as one query per section."""
    from clients.begeleiding.werkvoorraad import (
        SECTIES,
        Filters,
        open_taken,
        taak_sectie,
        taak_secties,
        taak_tellingen,
    )

    ic = users["inkomensconsulent"]
    d = datetime.timedelta
    soorten = (TaakSoort.OVERIG, TaakSoort.VOORTGANGSGESPREK, TaakSoort.PLAN_HERZIEN)
    for i in range(34):
        klant = client_in_groep(("zorgen", "groeien")[i % 2], io=ic, achternaam=f"K{i % 7}")
        for j, dagen in enumerate((-1 - i % 5, 0, 1 + i % 6)):
            if i % 3 == 0 and j == 1:
                continue
            Taak.objects.create(
                client=klant,
                soort=soorten[(i + j) % 3],
                omschrijving="x",
                datum=VANDAAG + d(days=dagen),
                tijd=datetime.time(9 + i % 3) if i % 2 else None,
                medewerker=ic,
            )
    filters = Filters.uit({"sorteer": sorteer, **filter})
    qs = open_taken(user=ic, filters=filters)
    tellingen = taak_tellingen(qs, VANDAAG)
    namen = [naam for naam, _, _ in SECTIES]
    oud = {
        naam: taak_sectie(
            qs=qs,
            sectie=naam,
            vandaag=VANDAAG,
            totaal=tellingen[naam],
            filters=filters,
            params=pagina,
        )
        for naam in namen
    }
    with django_assert_num_queries(1):
        nieuw = taak_secties(
            user=ic,
            namen=namen,
            vandaag=VANDAAG,
            tellingen=tellingen,
            filters=filters,
            params=pagina,
        )
    for naam in namen:
        a, b = oud[naam], nieuw[naam]
        assert (a["totaal"], a["pagina"], a["paginas"]) == (b["totaal"], b["pagina"], b["paginas"])
        assert [t.pk for t in a["taken"]] == [t.pk for t in b["taken"]], naam
        assert [
            (t.klantgroep_naam, t.dagen_te_laat, t.client.achternaam, t.medewerker_id)
            for t in a["taken"]
        ] == [
            (t.klantgroep_naam, t.dagen_te_laat, t.client.achternaam, t.medewerker_id)
            for t in b["taken"]
        ]
    assert len(nieuw["te_laat"]["taken"]) > 0 and len(nieuw["binnenkort"]["taken"]) > 0
    # one non-empty section: no union; none: no query
    with django_assert_num_queries(1):
        alleen = taak_secties(
            user=ic,
            namen=["vandaag"],
            vandaag=VANDAAG,
            tellingen=tellingen,
            filters=filters,
            params={},
        )
    assert [t.pk for t in alleen["vandaag"]["taken"]] == [
        t.pk
        for t in taak_sectie(
            qs=qs,
            sectie="vandaag",
            vandaag=VANDAAG,
            totaal=tellingen["vandaag"],
            filters=filters,
            params={},
        )["taken"]
    ]
    leeg = dict(tellingen, te_laat=0, vandaag=0, binnenkort=0)
    with django_assert_num_queries(0):
        niets = taak_secties(
            user=ic, namen=namen, vandaag=VANDAAG, tellingen=leeg, filters=filters, params={}
        )
    assert all(s == {"taken": [], "totaal": 0, "pagina": 1, "paginas": 1} for s in niets.values())


def test_werkvoorraad_with_every_section_filled_query_count(
    client_as, users, django_assert_num_queries
):
    """Overdue, today's and the coming week's tasks: the three pages in one query."""
    from django.urls import reverse

    ic = users["inkomensconsulent"]
    vandaag = timezone.localdate()
    for i in range(30):
        klant = client_in_groep("zorgen", io=ic)
        for dagen in (-3, 0, 3):
            Taak.objects.create(
                client=klant,
                soort=TaakSoort.OVERIG,
                omschrijving=f"Taak {i} {dagen}",
                datum=vandaag + datetime.timedelta(days=dagen),
                medewerker=ic,
            )
    c = client_as("inkomensconsulent")
    c.get(reverse("begeleiding:werkvoorraad"))  # the menu counter is written once
    # page (3: session, user, roles) + task counts, the three pages (one query), caseload,
    # klantgroep filter choices, signals per kind (no urgent ones: no list), door u
    # overgedragen, audit = 10 (before: 12)
    with django_assert_num_queries(10):
        html = c.get(reverse("begeleiding:werkvoorraad")).content.decode()
    assert "Te laat (30)" in html and "Vandaag (30)" in html and "Komende 7 dagen (30)" in html
    assert html.count("Afronden, verplaatsen of overdragen") == 75


def test_open_signals_of_a_kind_have_their_index():
    """The IO team queue's urgent signals and the "werkt niet mee" list read the open signals
    of a kind through ``signaal_open_soort_idx`` (migration clients 0020), not all of them."""
    with connection.cursor() as cur:
        cur.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'signaal_open_soort_idx'")
        (definitie,) = cur.fetchone()
    assert "(soort)" in definitie and "afgehandeld_op IS NULL" in definitie


def test_each_section_reads_only_its_dates_from_the_task_indexes(users):
    """A section's part of the union filters both halves (own tasks, team queue) on its
    dates, so each is read from its index range (taak_open_rol_datum_idx: rol, datum)."""
    from clients.begeleiding.werkvoorraad import _bereik, open_taken

    hh = users["handhaver"]
    sql = str(open_taken(user=hh, binnen=_bereik("te_laat", VANDAAG)).query)
    union = sql[sql.index("UNION ALL") - 400 :]
    assert union.count('."datum" < ') >= 2, sql
