"""The werkvoorraad at city size (issue 33): each count starts from the user's own rows (own
contact rows, own tasks, the few open urgent signals) and never joins every client of the
city; the rows, counts and need-to-know are exactly those of the plain formulas they
replace (kept here as the reference)."""

import datetime

import pytest
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q

from clients.begeleiding.selectors import werkvoorraad_voor
from clients.begeleiding.werkvoorraad import open_taken, signalen_van, taak_tellingen
from clients.constants import URGENTE_SIGNALEN, Fase, TaakSoort, TaakStatus
from clients.groepen.models import Groepslidmaatschap
from clients.models import Client, Contactpersoon, Signaal, Taak
from clients.rules import IC_CONTACT
from clients.signalen import signalen_zichtbaar
from clients.taken import taak_van
from deventer_werk.accounts.constants import Organisatie
from tests.factories import UserFactory, client_in_groep

pytestmark = pytest.mark.django_db
VANDAAG = datetime.date(2026, 11, 24)
ROLLEN = ("inkomensconsulent", "participatiemakelaar", "werkcoach", "handhaver")


# -- the formulas before issue 33, as the reference ----------------------------------------


def _oud_mijn(user):
    mine = Contactpersoon.objects.actueel().filter(client=OuterRef("pk"), medewerker=user)
    return Client.objects.visible_to(user).filter(Exists(mine))


def _oud_open_taken(user):
    qs = Taak.objects.filter(status=TaakStatus.OPEN).filter(taak_van(user))
    return qs.filter(client__in=Client.objects.visible_to(user))


def _oud_signalen(user):
    wie = Q(client__in=_oud_mijn(user))
    if user.organisatie == Organisatie.IO and "inkomensconsulent" in user.rollen:
        heeft_ic = Contactpersoon.objects.filter(
            client=OuterRef("client_id"),
            organisatie=Organisatie.IO,
            rol__in=IC_CONTACT,
            tot__isnull=True,
        )
        wie |= Q(
            soort__in=URGENTE_SIGNALEN, client__fase__in=["melding", "intake", "ingedeeld"]
        ) & ~Q(Exists(heeft_ic))
    return signalen_zichtbaar(Signaal.objects.filter(afgehandeld_op__isnull=True).filter(wie), user)


def _oud_caseload(user):
    return list(
        Groepslidmaatschap.objects.actueel()
        .filter(client__in=_oud_mijn(user))
        .values("klantgroep__naam", "klantgroep__volgorde")
        .annotate(n=Count("id"))
        .order_by("klantgroep__volgorde")
    )


# -- a small city with every case the formulas distinguish ---------------------------------


def _taak(klant, datum, **eigenaar):
    return Taak.objects.create(
        client=klant,
        soort=eigenaar.pop("soort", TaakSoort.OVERIG),
        omschrijving="x",
        datum=datum,
        **eigenaar,
    )


@pytest.fixture
def stad(users):
    ic, pm, wc = users["inkomensconsulent"], users["participatiemakelaar"], users["werkcoach"]
    ander_ic = UserFactory(username="ic2", rol="inkomensconsulent")
    d = datetime.timedelta
    klanten = {
        "ic_zorgen": client_in_groep("zorgen", io=ic),
        "ic_faciliteren": client_in_groep("faciliteren", io=ic),
        "pm_faciliteren": client_in_groep("faciliteren", io=pm),
        "pm_zorgen": client_in_groep("zorgen", io=pm),  # the pm's contact, out of her sight
        "wc_groeien": client_in_groep("groeien", dwt=wc, io=ander_ic),
        "wc_zorgen": client_in_groep("zorgen", dwt=wc),  # under IO regie: not the werkcoach's
        "ander": client_in_groep("zorgen", io=ander_ic),
        "melding_zonder_ic": client_in_groep("zorgen"),
        "melding_met_ic": client_in_groep("zorgen", io=ander_ic),
    }
    Client.objects.filter(
        pk__in=[klanten["melding_zonder_ic"].pk, klanten["melding_met_ic"].pk]
    ).update(fase=Fase.MELDING)
    gesloten = client_in_groep("zorgen", io=ic)
    Contactpersoon.objects.filter(client=gesloten).update(tot=VANDAAG - d(days=3))
    for i, klant in enumerate(klanten.values()):
        for rol in ROLLEN:
            u = users[rol]
            _taak(klant, VANDAAG - d(days=i), medewerker=u, rol=rol, organisatie=u.organisatie)
            _taak(klant, VANDAAG + d(days=i), medewerker=u, rol=rol, organisatie=u.organisatie)
        _taak(klant, VANDAAG + d(days=10 + i), rol="inkomensconsulent", organisatie="IO")
        _taak(klant, VANDAAG, rol="werkcoach", organisatie="")
        # one open rechtmatigheid task per client: the team queue's or (IO's kind) the wc's
        eigenaar = {"rol": "handhaver", "organisatie": "IO"} if i % 2 else {"medewerker": wc}
        _taak(klant, VANDAAG, soort=TaakSoort.RECHTMATIGHEID, **eigenaar)
        Taak.objects.filter(client=klant, datum=VANDAAG - d(days=i), medewerker=ic).update(
            status=TaakStatus.AFGEROND
        ) if i % 3 == 0 else None
        for soort, urgent in (("broodnood", True), ("niet_meewerken", False), ("samenloop", False)):
            Signaal.objects.create(client=klant, soort=soort, urgent=urgent, bron="test")
        Signaal.objects.create(client=klant, soort="schulden", urgent=True, aangemaakt_door=wc)
    afgehandeld = Signaal.objects.filter(client=klanten["ic_zorgen"], soort="niet_meewerken")
    afgehandeld.update(afgehandeld_op=datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC))
    return klanten


@pytest.mark.parametrize("rol", ROLLEN)
def test_the_same_tasks_counts_signals_and_caseload_as_the_plain_formulas(rol, users, stad):
    user = users[rol]
    assert {t.pk for t in open_taken(user=user)} == {t.pk for t in _oud_open_taken(user)}
    assert open_taken(user=user).exists()
    assert taak_tellingen(open_taken(user=user), VANDAAG) == taak_tellingen(
        _oud_open_taken(user), VANDAAG
    )
    assert {s.pk for s in signalen_van(user=user)} == {s.pk for s in _oud_signalen(user)}
    mijn = Client.objects.visible_to(user).with_contactpersoon(user)
    assert set(mijn) == set(_oud_mijn(user))
    assert werkvoorraad_voor(user=user, vandaag=VANDAAG)["caseload"] == _oud_caseload(user)


def test_the_inkomensconsulent_s_team_queue_of_urgent_signals_is_kept(users, stad):
    ic = users["inkomensconsulent"]
    signalen = signalen_van(user=ic)
    assert signalen.filter(client=stad["melding_zonder_ic"], soort="broodnood").exists()
    assert not signalen.filter(client=stad["melding_met_ic"]).exists()
    assert not signalen.filter(client=stad["ander"]).exists()


def test_need_to_know_still_applies_to_own_rows(users, stad):
    pm = users["participatiemakelaar"]
    assert not open_taken(user=pm).filter(client=stad["pm_zorgen"]).exists()
    assert not signalen_van(user=pm).filter(client=stad["pm_zorgen"]).exists()
    caseload = werkvoorraad_voor(user=pm, vandaag=VANDAAG)["caseload"]
    assert [(r["klantgroep__naam"], r["n"]) for r in caseload] == [("Faciliteren", 1)]


def test_who_sees_every_dossier_does_not_join_every_client(users):
    """For an inkomensconsulent ``visible_to`` is every client: the task and signal queries
    start from her own rows and do not read the clients table at all (before: a semi-join
    on all 200,000 clients in every count)."""
    ic = users["inkomensconsulent"]
    assert "clients_client" not in str(open_taken(user=ic).query)
    pm = users["participatiemakelaar"]
    assert "clients_client" in str(open_taken(user=pm).query)  # need-to-know applies


def test_the_planner_knows_how_many_open_rows_a_user_has():
    """The multi-column statistics (migration clients 0016) that keep the planner from
    estimating a user's open rows from all their history."""
    with connection.cursor() as cur:
        cur.execute("SELECT stxname FROM pg_statistic_ext")
        namen = {r[0] for r in cur.fetchall()}
    assert {"contactpersoon_mdw_tot_stats", "taak_mdw_status_stats"} <= namen


@pytest.mark.parametrize("rol", ROLLEN)
def test_eigen_van_is_with_contactpersoon(rol, users, stad):
    user = users[rol]
    eigen = Client.objects.visible_to(user).eigen_van(user)
    assert set(eigen) == set(_oud_mijn(user))
    assert eigen.count() == _oud_mijn(user).count()


def test_the_participatiemakelaar_s_own_clients_are_read_from_her_contact_rows(users, stad):
    """Her own Faciliteren clients (a list and a count over a caseload of 3,000) start from
    her contact rows through the primary key (before: from all 14,000 Faciliteren
    memberships of the city, 0.2 s)."""
    from clients.begeleiding.startpagina import participatiemakelaar_sectie

    pm = users["participatiemakelaar"]
    sectie = participatiemakelaar_sectie(user=pm)["faciliteren"]
    assert sectie["totaal"] == 1 and sectie["rijen"] == [stad["pm_faciliteren"]]
    sql = str(Client.objects.visible_to(pm).eigen_van(pm).query)
    assert '"clients_client"."id" = ANY(ARRAY(SELECT' in sql, sql


def test_poortwachter_meldingen_newest_melddatum_order_and_count(users, django_assert_num_queries):
    """The meldingen to screen: per client the newest melddatum (a returning client has two
    episodes), urgent first, then the longest waiting; the total without a GROUP BY over all
    episodes (index client_fase_open_idx, migration clients 0017)."""
    from clients.begeleiding.startpagina import poortwachter_sectie
    from clients.models import Uitkeringsperiode

    pw = users["poortwachter"]
    oud, terug, urgent = (client_in_groep("zorgen", achternaam=n) for n in ("Oud", "Terug", "Urg"))
    client_in_groep("zorgen", achternaam="Ingedeeld")  # not a melding
    Client.objects.filter(pk__in=[oud.pk, terug.pk, urgent.pk]).update(fase=Fase.MELDING)
    Uitkeringsperiode.objects.filter(client=oud).update(
        melddatum=datetime.date(2026, 1, 5), startdatum=None
    )
    Uitkeringsperiode.objects.filter(client=urgent).update(
        melddatum=datetime.date(2026, 3, 1), startdatum=None
    )
    Uitkeringsperiode.objects.filter(client=terug).update(
        melddatum=datetime.date(2025, 1, 1),
        startdatum=None,
        einddatum=datetime.date(2025, 6, 1),
        uitstroomreden="werk_regulier",
    )
    Uitkeringsperiode.objects.create(client=terug, melddatum=datetime.date(2026, 2, 1))
    Signaal.objects.create(client=urgent, soort="broodnood", urgent=True, bron="test")
    meldingen = poortwachter_sectie(user=pw, vandaag=VANDAAG)["meldingen"]
    assert meldingen["totaal"] == 3
    assert meldingen["rijen"] == [urgent, oud, terug]
    assert [m.melddatum for m in meldingen["rijen"]] == [
        datetime.date(2026, 3, 1),
        datetime.date(2026, 1, 5),
        datetime.date(2026, 2, 1),
    ]
    assert [m.urgent for m in meldingen["rijen"]] == [True, False, False]


def test_the_meldingen_count_reads_no_episodes(users):
    from django.test.utils import CaptureQueriesContext

    from clients.begeleiding.startpagina import poortwachter_sectie

    with CaptureQueriesContext(connection) as q:
        poortwachter_sectie(user=users["poortwachter"], vandaag=VANDAAG)
    telling = next(x["sql"] for x in q.captured_queries if "COUNT(*)" in x["sql"])
    assert "clients_uitkeringsperiode" not in telling and "GROUP BY" not in telling, telling
    with connection.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'client_fase_open_idx'")
        assert cur.fetchone()
