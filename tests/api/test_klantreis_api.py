"""Klantreis resources in the API: same services, scoping, field errors; pinned list counts."""

import datetime

import pytest
from rest_framework.test import APIClient

from clients.begeleiding.models import Voortgangsgesprek
from clients.trajecten.models import Aanbieder, Instrument, Traject
from klantgroepen.models import Klantgroep
from tests.factories import client_in_groep

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]
D = datetime.date


def api_as(user):
    c = APIClient()
    c.force_authenticate(user)
    return c


def test_voortgangsgesprek_via_the_api_uses_the_same_rules(users):
    klant = client_in_groep("zorgen", van=D(2025, 1, 1))
    c = api_as(users["inkomensconsulent"])
    url = f"/api/v1/clients/{klant.pk}/voortgangsgesprekken/"
    bad = c.post(
        url,
        {"datum": "2026-11-20", "plek": "thuis", "welzijn": 3, "stress": 9, "juiste_groep": False},
        format="json",
    )
    assert bad.status_code == 400 and "stress" in bad.json()
    no_group = c.post(
        url,
        {"datum": "2026-11-20", "plek": "thuis", "welzijn": 3, "stress": 3, "juiste_groep": False},
        format="json",
    )
    assert no_group.status_code == 400 and "nieuwe_klantgroep" in no_group.json()
    gesprek = {"datum": "2026-11-20", "plek": "thuis", "welzijn": 3, "stress": 3}
    zonder_toets = c.post(url, {**gesprek, "juiste_groep": True}, format="json")
    assert zonder_toets.status_code == 400  # Zorgen: rechtmatigheid belongs in the gesprek
    assert "rechtmatigheid_niet_reden" in zonder_toets.json()
    ok = c.post(
        url,
        {
            **gesprek,
            "juiste_groep": True,
            "rechtmatigheid_getoetst": True,
            "rechtmatigheid_bevinding": "geen",
        },
        format="json",
    )
    assert ok.status_code == 201
    assert [g["id"] for g in c.get(url).json()] == [Voortgangsgesprek.objects.get().pk]
    assert api_as(users["werkcoach"]).post(url, {}, format="json").status_code in (403, 404)


def test_traject_via_the_api(users):
    klant = client_in_groep("groeien", van=D(2025, 1, 1))
    c = api_as(users["werkcoach"])
    url = f"/api/v1/clients/{klant.pk}/trajecten/"
    wlr = Instrument.objects.get(naam="Werkleerroute logistiek")
    konnected = Aanbieder.objects.get(naam="KonnecteD")
    body = {"instrument_id": wlr.pk, "aanbieder_id": konnected.pk, "start": "2026-11-01"}
    assert c.post(url, {**body, "instrument_id": 999999}, format="json").json() == {
        "instrument_id": ["Onbekend instrument."]
    }
    assert "loonwaarde" in c.post(url, {**body, "loonwaarde": 150}, format="json").json()
    created = c.post(url, body, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["instrument"] == "Werkleerroute logistiek"
    assert Traject.objects.get().werkcoach == users["werkcoach"]


@pytest.mark.parametrize("n", [10, 1000])
def test_klantreis_list_query_counts(n, users, django_assert_num_queries):
    klant = client_in_groep("groeien", van=D(2020, 1, 1), io=users["inkomensconsulent"])
    Voortgangsgesprek.objects.bulk_create(
        Voortgangsgesprek(
            client=klant,
            datum=D(2020, 1, 1) + datetime.timedelta(days=i),
            gehouden_door=users["inkomensconsulent"],
            plek="kantoor",
            welzijn=3,
            stress=3,
            juiste_groep=True,
        )
        for i in range(n)
    )
    wlr = Instrument.objects.get(naam="Werkleerroute logistiek")
    Traject.objects.bulk_create(
        Traject(
            client=klant,
            instrument=wlr,
            aanbieder=Aanbieder.objects.get(naam="KonnecteD"),
            klantgroep=Klantgroep.objects.get(code="groeien"),
            start=D(2021, 1, 1),
            gepland_einde=D(2021, 6, 1),
            werkcoach=users["werkcoach"],
        )
        for _ in range(n)
    )
    from deventer_werk.accounts.models import User

    # groups, visibility, audit insert, rows (a fresh user per request, as in production)
    for pad in ("voortgangsgesprekken", "trajecten"):
        c = api_as(User.objects.get(pk=users["inkomensconsulent"].pk))
        with django_assert_num_queries(4):
            assert len(c.get(f"/api/v1/clients/{klant.pk}/{pad}/").json()) == n


@pytest.mark.parametrize("n", [10, 1000])
def test_every_other_klantreis_list_has_a_pinned_query_count(n, users, django_assert_num_queries):
    from clients.begeleiding.models import PlanActie, PlanDoel, PlanVanAanpak
    from clients.handhaving.models import Rechtmatigheidsonderzoek
    from clients.intake.models import Ambitiegesprek, DiagnoseInstrument, Screening
    from clients.models import Uitkeringsperiode
    from clients.trajecten.models import Plaatsing, Sector, Werkgever
    from deventer_werk.accounts.models import User

    klant = client_in_groep("groeien", van=D(2020, 1, 1), io=users["inkomensconsulent"])
    lid = klant.lidmaatschappen.get()
    groeien = Klantgroep.objects.get(code="groeien")
    perioden = Uitkeringsperiode.objects.bulk_create(
        Uitkeringsperiode(
            client=klant,
            melddatum=D(2000, 1, 1) + datetime.timedelta(days=2 * i),
            einddatum=D(2000, 1, 1) + datetime.timedelta(days=2 * i),
            uitstroomreden="geen_recht",
        )
        for i in range(n)
    )
    Screening.objects.bulk_create(
        Screening(
            client=klant,
            periode=p,
            datum=p.melddatum,
            poortwachter=users["poortwachter"],
            rechtmatigheid="onzeker",
            uitkomst="geen_recht",
            reden_geen_recht="x",
        )
        for p in perioden
    )
    inst = DiagnoseInstrument.objects.get(actief=True)
    Ambitiegesprek.objects.bulk_create(
        Ambitiegesprek(
            client=klant,
            datum=D(2020, 1, 1),
            intaker=users["intaker"],
            instrument=inst,
            participatieladder=3,
            gekozen_klantgroep=groeien,
            geadviseerde_klantgroep=groeien,
            afspraak_getekend_op=D(2020, 1, 1),
            rechten_plichten_op=D(2020, 1, 1),
            lidmaatschap=lid,
        )
        for _ in range(n)
    )
    plannen = PlanVanAanpak.objects.bulk_create(
        PlanVanAanpak(
            client=klant,
            versie=i + 1,
            vastgesteld_op=D(2020, 2, 1),
            opgesteld_door=users["werkcoach"],
        )
        for i in range(n)
    )
    doelen = PlanDoel.objects.bulk_create(
        PlanDoel(plan=p, leefgebied="werk", omschrijving="Werk") for p in plannen
    )
    PlanActie.objects.bulk_create(
        PlanActie(
            plan_id=d.plan_id, doel=d, omschrijving="CV", eigenaar="klant", deadline=D(2020, 3, 1)
        )
        for d in doelen
    )
    wg = Werkgever.objects.create(naam="Werkgever", sector=Sector.objects.first(), omvang="klein")
    Plaatsing.objects.bulk_create(
        Plaatsing(
            client=klant,
            werkgever=wg,
            functie="Picker",
            uren=20,
            contract="bepaald",
            start=D(2021, 1, 1),
            werkcoach=users["werkcoach"],
            nazorg_tot=D(2022, 1, 1),
        )
        for _ in range(n)
    )
    Rechtmatigheidsonderzoek.objects.bulk_create(
        Rechtmatigheidsonderzoek(
            client=klant,
            selectiereden="periodiek",
            gestart_op=D(2021, 1, 1),
            handhaver=users["handhaver"],
            # one running onderzoek per client: the others are decided
            **(
                {}
                if i == 0
                else {
                    "bevinding": "rechtmatig",
                    "uitkomsten": ["geen_actie"],
                    "motivatie": "In orde",
                    "besloten_op": D(2021, 2, 1),
                    "besloten_door": users["handhaver"],
                }
            ),
        )
        for i in range(n)
    )
    # groups, visibility, audit insert, rows (+ goals and actions for plans)
    for pad, queries in [
        ("screenings", 4),
        ("ambitiegesprekken", 4),
        ("plannen", 6),
        ("plaatsingen", 4),
        ("rechtmatigheidsonderzoeken", 4),
    ]:
        c = api_as(User.objects.get(pk=users["inkomensconsulent"].pk))
        with django_assert_num_queries(queries):
            assert len(c.get(f"/api/v1/clients/{klant.pk}/{pad}/").json()) == n, pad
