"""Issue 28: start pages that are a day's work (handhaver, participatiemakelaar, werkcoach),
with pinned query counts at two sizes, and hand-over only to a role that may hold the work."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from clients.constants import TaakSoort
from clients.models import Signaal, Taak
from clients.taken import taak_draag_over
from clients.trajecten.models import PlekPlaatsing, Traject
from tests.factories import UserFactory, bulk_clients, client_in_groep
from tests.trajecten.factories import instrument, plek

pytestmark = pytest.mark.django_db
D = datetime.date
WERKVOORRAAD = "begeleiding:werkvoorraad"


def _review(klant, sleutel: str, datum: datetime.date, soort=TaakSoort.RECHTMATIGHEID) -> Taak:
    return Taak.objects.create(
        client=klant,
        soort=soort,
        omschrijving="Onderzoek",
        datum=datum,
        rol="handhaver",
        organisatie="IO",
        sleutel=sleutel,
    )


def test_handhaver_queue_is_triaged_by_risk_reason_then_age_and_divisible(client_as, users):
    a, b, c, d = (
        client_in_groep("zorgen", achternaam=n)
        for n in ("Periodiekoud", "Steekproefklant", "Gespreknieuw", "Gesprekoud")
    )
    periodiek_oud = _review(a, f"rechtmatigheid:{a.pk}:2023-01-01", D(2023, 1, 1))
    steekproef = _review(b, f"steekproef:{b.pk}:2026-11", D(2026, 11, 1), TaakSoort.STEEKPROEF)
    gesprek_nieuw = _review(c, "rechtmatigheid-gesprek:2", D(2026, 11, 20))
    gesprek_oud = _review(d, "rechtmatigheid-gesprek:1", D(2026, 10, 1))
    _review(client_in_groep("zorgen"), "rechtmatigheid:x:2027-01-01", D(2027, 1, 1))  # not due
    e = client_in_groep("groeien", achternaam="Signaalklant")
    met_signaal = _review(e, f"rechtmatigheid:{e.pk}:2026-11-01", D(2026, 11, 1))
    Signaal.objects.create(client=e, soort="niet_meewerken")
    html = client_as("handhaver").get(reverse(WERKVOORRAAD)).content.decode()
    assert "Onderzoeken in de teamwachtrij (5)" in html
    assert "Open handhavingssignaal: 1" in html
    assert "Niet getoetst in het voortgangsgesprek: 2" in html
    assert "Steekproef (aselect): 1" in html and "Periodiek onderzoek: 1" in html
    assert "van het dagdoel 8" in html
    rij = html[html.index('id="hh-reviews"') : html.index('id="hh-kop"')]
    volgorde = [rij.index(k.client.achternaam) for k in (met_signaal, gesprek_oud, gesprek_nieuw)]
    volgorde += [rij.index(k.client.achternaam) for k in (steekproef, periodiek_oud)]
    assert volgorde == sorted(volgorde)  # risk reason first, then the oldest
    # divide: each handhaver takes the next ones, never the same
    tweede = UserFactory(username="handhaver2", rol="handhaver")
    c1 = client_as("handhaver")
    assert c1.post(reverse("begeleiding:reviews_neem"), {"aantal": 3}).status_code == 302
    c1.force_login(tweede)
    c1.post(reverse("begeleiding:reviews_neem"), {"aantal": 2})
    eigenaar = dict(
        Taak.objects.filter(
            pk__in=[met_signaal.pk, gesprek_oud.pk, gesprek_nieuw.pk, steekproef.pk]
        ).values_list("pk", "medewerker__username")
    )
    assert eigenaar == {
        met_signaal.pk: "handhaver",
        gesprek_oud.pk: "handhaver",
        gesprek_nieuw.pk: "handhaver",
        steekproef.pk: "handhaver2",
    }
    periodiek_oud.refresh_from_db()
    assert periodiek_oud.medewerker == tweede


@pytest.mark.parametrize("n", [10, 300])
def test_handhaver_start_page_query_count(n, client_as, users, django_assert_num_queries):
    klanten = bulk_clients(n, "faciliteren")
    Taak.objects.bulk_create(
        Taak(
            client=k,
            soort=TaakSoort.RECHTMATIGHEID,
            omschrijving="Periodiek",
            datum=D(2026, 1, 1),
            rol="handhaver",
            organisatie="IO",
            sleutel=f"rechtmatigheid:{k.pk}:2026-01-01",
        )
        for k in klanten
    )
    c = client_as("handhaver")
    c.get(reverse(WERKVOORRAAD))  # the menu counter is written to the session once
    # page (3) + task counts, overdue page, urgent signals, signals per kind, caseload,
    # filter choices, samenloop count, "werkt niet mee" count, review counts (one
    # aggregate), the queue's first rows = 13
    # +1 door u overgedragen (28), +1 audit (31), -1 no urgent signals: no list query
    with django_assert_num_queries(14):
        html = c.get(reverse(WERKVOORRAAD)).content.decode()
    assert f"Onderzoeken in de teamwachtrij ({n})" in html
    assert html.count("Periodiek onderzoek</td>") == min(n, 25)


def test_participatiemakelaar_sees_own_faciliteren_clients_and_free_places(client_as, users):
    pm = users["participatiemakelaar"]
    eigen = client_in_groep("faciliteren", io=pm, achternaam="Eigenklant")
    client_in_groep("faciliteren", io=users["inkomensconsulent"], achternaam="Vreemdeklant")
    vol = plek(organisatie="Kringloop Vol", plaatsen=1)
    PlekPlaatsing.objects.create(client=eigen, plek=vol, start=D(2026, 1, 1), makelaar=pm)
    plek(organisatie="Buurthuis Vrij", plaatsen=2)
    html = client_as("participatiemakelaar").get(reverse(WERKVOORRAAD)).content.decode()
    assert "Uw Faciliteren-klanten (1)" in html and "Eigenklant" in html
    assert "Vreemdeklant" not in html
    assert "Participatieplekken met een vrije plaats (1)" in html
    assert "Buurthuis Vrij" in html and "Kringloop Vol" not in html
    assert "(2 van 2 vrij)" in html


@pytest.mark.parametrize("n", [10, 300])
def test_participatiemakelaar_start_page_query_count(
    n, client_as, users, django_assert_num_queries
):
    bulk_clients(n, "faciliteren", medewerker=users["participatiemakelaar"])
    for i in range(min(n, 30)):
        plek(organisatie=f"Plek {i}", plaatsen=2)
    c = client_as("participatiemakelaar")
    c.get(reverse(WERKVOORRAAD))
    # page (3) + task counts, signals per kind (no urgent ones: no list), caseload, filter
    # choices, trajecten ending and long-stale (one aggregate), own Faciliteren clients (rows
    # with their total), free plekken (count, rows), plans (setting, rows with their total),
    # door u overgedragen (28), audit (31) = 15 (no nazorg: the werkcoach's work)
    with django_assert_num_queries(15):
        html = c.get(reverse(WERKVOORRAAD)).content.decode()
    assert f"Uw Faciliteren-klanten ({n})" in html
    assert f"Participatieplekken met een vrije plaats ({min(n, 30)})" in html


def test_werkcoach_sees_nazorg_and_stale_trajecten_grouped(client_as, users):
    from tests.trajecten.factories import aanbieder

    coach = users["werkcoach"]
    klant = client_in_groep("groeien", van=D(2022, 1, 1), dwt=coach, achternaam="Coachklant")
    for einde in (D(2023, 3, 1), D(2024, 5, 1), D(2026, 11, 30)):
        Traject.objects.create(
            client=klant,
            instrument=instrument("Werkleerroute logistiek"),
            aanbieder=aanbieder(),
            klantgroep=klant.lidmaatschappen.get().klantgroep,
            werkcoach=coach,
            start=D(2022, 2, 1),
            gepland_einde=einde,
        )
    html = client_as("werkcoach").get(reverse(WERKVOORRAAD)).content.decode()
    assert "Trajecten die aflopen of net over hun einddatum zijn (1)" in html
    assert "30-11-2026" in html and "01-03-2023" not in html  # the old ones are not on top
    assert "Daarnaast staan 2 trajecten van vóór" in html
    assert "Uw plaatsingen in nazorg (0)" in html


def test_hand_over_only_to_a_role_that_may_hold_the_work(client_as, users):
    coach = users["werkcoach"]
    klant = client_in_groep("groeien", dwt=coach)
    taak = Taak.objects.create(
        client=klant,
        soort=TaakSoort.PLAN_HERZIEN,
        omschrijving="Plan herzien",
        datum=D(2026, 11, 30),
        medewerker=coach,
    )
    collega = UserFactory(username="coach2", rol="werkcoach", first_name="Wim", last_name="Coach")
    UserFactory(username="intaker2", rol="intaker", first_name="Ida", last_name="Intake")
    c = client_as("werkcoach")
    page = c.get(reverse("begeleiding:taak", args=[taak.pk])).content.decode()
    assert f"mdw/{collega.pk}" in page and "Ida Intake" not in page
    assert "werkcoach/DWT" in page and "intaker/DWT" not in page
    response = c.post(
        reverse("begeleiding:taak", args=[taak.pk]),
        {"actie": "overdragen", "overdragen-naar": "intaker/DWT", "overdragen-reden": "Druk"},
    )
    assert response.status_code == 400
    with pytest.raises(ValidationError):
        taak_draag_over(taak=taak, door=coach, medewerker=users["intaker"], reden="Druk")
    taak_draag_over(taak=taak, door=coach, medewerker=collega, reden="Verlof")
    taak.refresh_from_db()
    assert taak.medewerker == collega


@pytest.mark.parametrize("n", [10, 300])
def test_beheerder_sees_dossiers_without_owner_per_organisation(
    n, client_as, users, django_assert_num_queries
):
    from clients.planning.zonder_eigenaar import plan_zonder_eigenaar

    bulk_clients(n, "groeien")  # no contact: IO and DWT each have to claim
    bulk_clients(3, "zorgen", medewerker=users["inkomensconsulent"])  # IO contact, IO regie
    plan_zonder_eigenaar(peildatum=D(2026, 11, 24))
    c = client_as("beheerder")
    c.get(reverse("clients:caseload_overdracht"))
    # the page with the overdracht form, plus one query for the claim counts per
    # organisation, plus the beheerder's second factor (django-otp reads the session's
    # device): the same number at both sizes
    with django_assert_num_queries(8):
        html = c.get(reverse("clients:caseload_overdracht")).content.decode()
    assert f"Inkomensondersteuning: <strong>{n}</strong>" in html
    assert f"Deventer Werktalent: <strong>{n}</strong>" in html


@pytest.mark.parametrize("n", [10, 300])
def test_poortwachter_start_page_query_count(n, client_as, users, django_assert_num_queries):
    from clients.constants import Fase
    from clients.intake.models import Aanvraag
    from clients.models import Uitkeringsperiode

    meldingen = bulk_clients(n, "zorgen", periode=D(2026, 11, 1), fase=Fase.MELDING)
    perioden = Uitkeringsperiode.objects.filter(client__in=meldingen[: n // 2])
    Aanvraag.objects.bulk_create(
        Aanvraag(
            client_id=p.client_id,
            periode=p,
            aanvraagdatum=D(2026, 11, 2),
            consulent=users["inkomensconsulent"],
        )
        for p in perioden
    )
    c = client_as("poortwachter")
    c.get(reverse(WERKVOORRAAD))
    with django_assert_num_queries(POORTWACHTER_START):
        html = c.get(reverse(WERKVOORRAAD)).content.decode()
    assert f"({n})" in html


@pytest.mark.parametrize("n", [10, 300])
def test_intaker_start_page_query_count(n, client_as, users, django_assert_num_queries):
    bulk_clients(n, "matchen", periode=D(2026, 11, 1))  # no ambitiegesprek yet
    c = client_as("intaker")
    c.get(reverse(WERKVOORRAAD))
    with django_assert_num_queries(INTAKER_START):
        html = c.get(reverse(WERKVOORRAAD)).content.decode()
    assert f"({n})" in html


# Page (3) + the werkvoorraad's task counts and lists, then the role's own sections: the
# poortwachter's meldingen (count, rows) and open aanvragen (count, rows); the intaker's
# clients without an ambitiegesprek (rows; their total is the kept figure's) and held / to
# hold per klantgroep (one query). The same at both sizes.
# +1 each: the tasks the user handed over (issue 28)
# +1: the audit row with the clients shown (issue 31); -1: no urgent signals, no list query
POORTWACHTER_START = 13
INTAKER_START = 11


def test_the_handhavers_daily_target_is_a_setting(client_as, settings):
    """Issue 28: the team lead sets the daily target (DW_HANDHAVING_DAGDOEL); taking work
    without a number takes that many."""
    settings.DW_HANDHAVING_DAGDOEL = 3
    for i in range(5):
        k = client_in_groep("faciliteren", achternaam=f"Dagdoel{i}")
        _review(k, f"rechtmatigheid:{k.pk}:2026-11-01", D(2026, 11, 1))
    c = client_as("handhaver")
    assert "van het dagdoel 3" in c.get(reverse(WERKVOORRAAD)).content.decode()
    assert c.post(reverse("begeleiding:reviews_neem")).status_code == 302
    assert Taak.objects.filter(medewerker__username="handhaver").count() == 3


def test_every_melding_is_reachable_urgent_first(client_as, users):
    """Issue 30 part 4: 60 meldingen, 25 a page: the 26th is on page 2; an urgent one (open
    broodnood signal) stands on top of page 1; "Nieuwe melding" is on the start page."""
    from clients.constants import Fase

    meldingen = bulk_clients(60, "zorgen", periode=D(2026, 11, 1), fase=Fase.MELDING)
    Signaal.objects.create(client=meldingen[-1], soort="broodnood", urgent=True)
    c = client_as("poortwachter")
    eerste = c.get(reverse(WERKVOORRAAD)).content.decode()
    sectie = eerste.split('id="pw-meldingen"', 1)[1].split("</section>", 1)[0]
    assert "Meldingen te screenen (60)" in sectie and "pagina 1 van 3" in sectie
    assert reverse("clients:registreren") in sectie
    eerste_rij = sectie.split("<li>", 2)[1]
    assert "Urgent" in eerste_rij
    assert reverse("intake:screening", args=[meldingen[-1].pk]) in eerste_rij
    tweede = c.get(reverse(WERKVOORRAAD), {"meldingen_pagina": 2}).content.decode()
    sectie = tweede.split('id="pw-meldingen"', 1)[1].split("</section>", 1)[0]
    gezien = [k for k in meldingen if reverse("intake:screening", args=[k.pk]) in sectie]
    assert len(gezien) == 25 and "pagina 2 van 3" in sectie
    derde = c.get(reverse(WERKVOORRAAD), {"meldingen_pagina": 3}).content.decode()
    alle = {k.pk for k in meldingen if reverse("intake:screening", args=[k.pk]) in eerste + derde}
    assert len(alle | {k.pk for k in gezien}) == 60  # every melding on exactly one page
    # nonsense page numbers fall back, never an error page
    assert c.get(reverse(WERKVOORRAAD), {"meldingen_pagina": "x"}).status_code == 200
