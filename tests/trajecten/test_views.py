"""The trajecten pages: forms keep input and show Dutch errors, roles and need-to-know."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils.html import escape

from clients.trajecten.models import (
    NazorgMoment,
    Plaatsing,
    PlekPlaatsing,
    Traject,
    Vacature,
    Werkgever,
    Werkprofiel,
)
from clients.trajecten.services import uitkeringseinde_besluit
from deventer_werk.audit.models import AuditEvent
from klantgroepen.models import Klantgroep
from tests.factories import UserFactory, client_in_groep

from .factories import instrument, ontslag, plek, profiel, sector, vacature

pytestmark = pytest.mark.django_db
D = datetime.date


def test_dossier_shows_the_section_and_the_coach_actions(client_as, users):
    klant = client_in_groep("groeien", van=D(2026, 1, 1), dwt=users["werkcoach"])
    profiel(klant, competenties="orderpicken")
    vacature()
    page = client_as("werkcoach").get(reverse("clients:dossier", args=[klant.pk])).content.decode()
    for tekst in (
        "Trajecten en plaatsingen",
        "Traject starten",
        "Plaatsing vastleggen",
        "Werkprofiel bijwerken",
        "Orderpicker bij Bol Logistiek Deventer",  # suggested vacancy
    ):
        assert tekst in page
    assert "Plaatsen op participatieplek" not in page


def test_start_traject_keeps_input_and_shows_the_group_warning(client_as, users):
    klant = client_in_groep("groeien", van=D(2026, 1, 1))
    c = client_as("werkcoach")
    url = reverse("trajecten:traject_nieuw", args=[klant.pk])
    wf = instrument("Work fast")
    data = {"instrument": wf.pk, "aanbieder": wf.aanbieders.first().pk, "start": "2026-11-30"}
    response = c.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "niet bedoeld voor klantgroep Groeien" in page
    assert 'value="2026-11-30"' in page
    assert not Traject.objects.exists()
    assert c.post(url, {**data, "afwijking_reden": "Bijna werkfit"}).status_code == 302
    assert Traject.objects.get().afwijking_reden == "Bijna werkfit"


def test_ending_a_traject_through_the_page(client_as, users):
    klant = client_in_groep("groeien", van=D(2026, 1, 1))
    c = client_as("werkcoach")
    wlr = instrument("Werkleerroute logistiek")
    c.post(
        reverse("trajecten:traject_nieuw", args=[klant.pk]),
        {"instrument": wlr.pk, "aanbieder": wlr.aanbieders.first().pk, "start": "2026-03-01"},
    )
    t = Traject.objects.get()
    url = reverse("trajecten:traject_einde", args=[klant.pk, t.pk])
    bad = c.post(url, {"einde": "2026-11-20", "resultaat": "voortijdig", "versie": 1})
    assert "Geef de reden" in bad.content.decode()
    c.post(url, {"einde": "2026-11-20", "resultaat": "succesvol", "versie": 1})
    t.refresh_from_db()
    assert t.resultaat == "succesvol"


def test_roles_outside_the_work_get_403_and_clients_outside_view_404(client_as, users):
    groeien = client_in_groep("groeien", van=D(2026, 1, 1))
    zorgen = client_in_groep("zorgen", van=D(2026, 1, 1))
    assert (
        client_as("inkomensconsulent")
        .get(reverse("trajecten:traject_nieuw", args=[groeien.pk]))
        .status_code
        == 403
    )
    for name in ("trajecten:dashboard", "trajecten:lijst", "trajecten:vacatures"):
        assert client_as("handhaver").get(reverse(name)).status_code == 403
    # DWT does not see a Zorgen dossier (IO regie): 404, and the refusal is audited
    response = client_as("werkcoach").get(reverse("trajecten:traject_nieuw", args=[zorgen.pk]))
    assert response.status_code == 404
    assert AuditEvent.objects.filter(client_id=zorgen.pk, resultaat="geweigerd").exists()


def test_placement_from_a_vacancy_then_nazorg_after_uitstroom(client_as, users):
    klant = client_in_groep("groeien", van=D(2025, 1, 1), dwt=users["werkcoach"])
    v = vacature()
    c = client_as("werkcoach")
    url = reverse("trajecten:plaatsing_nieuw", args=[klant.pk])
    form = c.get(url, {"vacature": v.pk}).content.decode()
    assert 'value="Orderpicker"' in form  # prefilled from the vacancy
    data = {
        "vacature": v.pk,
        "werkgever": v.werkgever_id,
        "functie": "Orderpicker",
        "uren": 32,
        "contract": "bepaald",
        "start": "2026-05-04",
        "met_loonkostensubsidie": "on",
        "loonwaarde": "150",
        "uitkering_beeindigen": "on",
        "laatste_uitkeringsdag": "2026-05-04",
    }
    bad = c.post(url, data).content.decode()
    assert "tussen 0 en 100" in bad and 'value="Orderpicker"' in bad
    response = c.post(url, {**data, "loonwaarde": "70"})
    p = Plaatsing.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "trajecten:plaatsing", args=[p.pk]
    )
    assert p.vacature == v
    detail = c.get(response.url).content.decode()
    assert "einde voorgesteld (laatste dag 04-05-2026); de inkomensconsulent beslist" in detail
    uitkeringseinde_besluit(
        actor=users["inkomensconsulent"],
        uitkeringseinde=p.uitkeringseinde,
        versie=1,
        beeindigen=True,
        laatste_dag=D(2026, 5, 4),
    )
    # the client left the benefit: the werkcoach who placed them keeps the dossier and the
    # nazorg page while the nazorg runs (issue 28; before, the dossier answered 404)
    assert c.get(reverse("clients:dossier", args=[klant.pk])).status_code == 200
    detail = c.get(response.url).content.decode()
    assert "Na 6 maanden" in detail and "uitstroom naar werk" in detail
    dashboard = c.get(reverse("trajecten:dashboard")).content.decode()
    assert escape(klant.achternaam) in dashboard  # a name like 's Gravensande is escaped
    c.post(response.url, {"maanden": 6, "datum": "2026-11-05", "werkt_nog": "ja"})  # on NU
    assert NazorgMoment.objects.get(plaatsing=p).werkt_nog is True
    # another werkcoach cannot open it
    ander = UserFactory(username="coach2", rol="werkcoach")
    c.force_login(ander)
    assert c.get(response.url).status_code == 404
    assert c.get(reverse("clients:dossier", args=[klant.pk])).status_code == 404


def test_dashboard_hides_trajecten_of_clients_outside_need_to_know(client_as, users):
    klant = client_in_groep("groeien", van=D(2026, 1, 1), achternaam="Verhuisdnaario")
    wlr = instrument("Werkleerroute logistiek")
    Traject.objects.create(
        client=klant,
        instrument=wlr,
        aanbieder=wlr.aanbieders.first(),
        klantgroep=Klantgroep.objects.get(code="groeien"),
        start=D(2026, 2, 1),
        gepland_einde=D(2026, 12, 1),
        werkcoach=users["werkcoach"],
    )
    c = client_as("werkcoach")
    assert "Verhuisdnaario" in c.get(reverse("trajecten:dashboard")).content.decode()
    # doorstroom to Faciliteren: IO regie, out of DWT's sight
    klant.lidmaatschappen.update(tot=D(2026, 11, 1))
    klant.lidmaatschappen.create(
        klantgroep=Klantgroep.objects.get(code="faciliteren"),
        van=D(2026, 11, 1),
        soort="doorstroom",
    )
    assert "Verhuisdnaario" not in c.get(reverse("trajecten:dashboard")).content.decode()
    assert "Verhuisdnaario" not in c.get(reverse("trajecten:lijst")).content.decode()


def test_participatiemakelaar_places_and_ends_a_place(client_as, users):
    klant = client_in_groep("faciliteren", van=D(2026, 1, 1), wijk="de_hoven")
    p = plek(plaatsen=2)
    c = client_as("participatiemakelaar")
    r = c.post(
        reverse("trajecten:plek_nieuw", args=[klant.pk]), {"plek": p.pk, "start": "2026-11-02"}
    )
    assert r.status_code == 302
    pp = PlekPlaatsing.objects.get()
    dossier = c.get(reverse("clients:dossier", args=[klant.pk])).content.decode()
    assert "Gastvrouw" in dossier
    url = reverse("trajecten:plek_beeindig", args=[klant.pk, pp.pk])
    assert "vóór de start" in c.post(url, {"einde": "2026-10-01"}).content.decode()
    c.post(url, {"einde": "2026-11-20", "reden": "Vond betaald werk"})
    pp.refresh_from_db()
    assert pp.einde == D(2026, 11, 20)
    plekken = c.get(reverse("trajecten:plekken")).content.decode()
    assert "Buurthuis De Hoven" in plekken and klant.achternaam not in plekken


def test_werkprofiel_page(client_as, users):
    klant = client_in_groep("matchen", van=D(2026, 1, 1))
    c = client_as("werkcoach")
    url = reverse("trajecten:werkprofiel", args=[klant.pk])
    data = {"sectoren": [sector("ICT").pk], "competenties": "programmeren", "versie": 0}
    bad = c.post(url, {**data, "uren_beschikbaar": ""}).content.decode()
    assert "Dit veld is vereist." in bad and 'value="programmeren"' in bad
    assert c.post(url, {**data, "uren_beschikbaar": 20}).status_code == 302
    stale = c.post(url, {**data, "uren_beschikbaar": 30}).content.decode()
    assert "intussen gewijzigd" in stale
    assert Werkprofiel.objects.get(client=klant).uren_beschikbaar == 20


def test_employer_page_vacancy_dismissal_and_edit(client_as, users):
    c = client_as("werkcoach")
    bad = c.post(reverse("trajecten:werkgevers"), {"naam": "", "omvang": "klein"})
    assert "Dit veld is vereist." in bad.content.decode()
    r = c.post(
        reverse("trajecten:werkgevers"),
        {"naam": "Bouwbedrijf IJssel", "sector": sector("Bouw").pk, "omvang": "midden"},
    )
    wg = Werkgever.objects.get()
    assert wg.accountmanager.username == "werkcoach"
    url = reverse("trajecten:werkgever", args=[wg.pk])
    assert r.url == url
    c.post(url, {"actie": "ontslag", "ontslag-datum": "2026-10-01", "ontslag-aantal": 3})
    page = c.get(url).content.decode()
    assert "Verdringingscheck" in page and "3 medewerker(s)" in page
    bad = c.post(
        url,
        {
            "actie": "vacature",
            "vacature-functie": "Timmerman",
            "vacature-sector": sector("Bouw").pk,
            "vacature-uren": 80,
            "vacature-competenties": "timmeren",
            "vacature-geplaatst_op": "2026-11-20",
        },
    ).content.decode()
    assert 'value="Timmerman"' in bad and not Vacature.objects.exists()
    c.post(
        url,
        {
            "actie": "vacature",
            "vacature-functie": "Timmerman",
            "vacature-sector": sector("Bouw").pk,
            "vacature-uren": 38,
            "vacature-competenties": "timmeren",
            "vacature-geplaatst_op": "2026-11-20",
        },
    )
    assert Vacature.objects.get().functie == "Timmerman"
    wijzig = {
        "actie": "wijzig",
        "wg-naam": "Bouwbedrijf IJssel",
        "wg-sector": sector("Bouw").pk,
        "wg-omvang": "groot",
        "wg-versie": 1,
    }
    c.post(url, wijzig)
    assert "intussen gewijzigd" in c.post(url, wijzig).content.decode()
    wg.refresh_from_db()
    assert (wg.omvang, wg.versie) == ("groot", 2)


def test_a_vacancy_shows_candidates_with_a_placement_link_and_the_warning(client_as, users):
    v = vacature()
    ontslag(v.werkgever, datum=D(2026, 10, 1))
    kandidaat = client_in_groep("matchen", van=D(2026, 1, 1), achternaam="Kandidaat")
    profiel(kandidaat, competenties="orderpicken")
    page = client_as("werkcoach").get(reverse("trajecten:vacature", args=[v.pk])).content.decode()
    assert "Kandidaat" in page and "mogelijk verdringing" in page
    assert f"/klanten/{kandidaat.pk}/plaatsing/?vacature={v.pk}" in page


def test_attendance_list_follows_need_to_know(client, users):
    trainer = users["trainer"]
    zorgen = client_in_groep(
        "zorgen", van=D(2026, 1, 1), wijk="rivierenwijk", achternaam="Wijkbewoner"
    )
    client.force_login(trainer)
    client.post(
        reverse("trajecten:themabijeenkomsten"),
        {
            "type": "wijkgericht",
            "onderwerp": "Rondkomen",
            "datum": "2026-12-10",
            "tijd": "10:00",
            "plaats": "Wijkcentrum",
            "wijk": "rivierenwijk",
            "klantgroepen": [Klantgroep.objects.get(code="zorgen").pk],
        },
    )
    from clients.trajecten.models import Themabijeenkomst, ThemaUitnodiging

    b = Themabijeenkomst.objects.get()
    url = reverse("trajecten:themabijeenkomst", args=[b.pk])
    assert "Wijkbewoner" in client.get(url).content.decode()  # the organiser
    client.force_login(users["werkcoach"])  # DWT: Zorgen is out of sight
    page = client.get(url).content.decode()
    assert "Wijkbewoner" not in page and "uit uw eigen werkveld" in page
    client.force_login(users["participatiemakelaar"])  # Faciliteren only: Zorgen is not hers
    assert "Wijkbewoner" not in client.get(url).content.decode()
    u = ThemaUitnodiging.objects.get(client=zorgen)
    with time_machine.travel(datetime.datetime(2026, 12, 10, 11, tzinfo=datetime.UTC)):
        client.force_login(trainer)
        client.post(url, {"uitnodiging": u.pk, "aanwezig": "ja"})
    u.refresh_from_db()
    assert u.aanwezig is True


def test_wrong_groups_for_the_kind_of_meeting_is_a_dutch_error(client_as, users):
    page = (
        client_as("werkcoach")
        .post(
            reverse("trajecten:themabijeenkomsten"),
            {
                "type": "branchegericht",
                "onderwerp": "Werken in de zorg",
                "datum": "2026-12-10",
                "tijd": "10:00",
                "plaats": "DWT",
                "sector": sector("Zorg").pk,
                "klantgroepen": [Klantgroep.objects.get(code="faciliteren").pk],
            },
        )
        .content.decode()
    )
    assert "Faciliteren heeft geen branchegerichte bijeenkomsten" in page
    assert 'value="Werken in de zorg"' in page


def test_placement_without_employer_is_a_dutch_error_next_to_the_field(client_as, users):
    klant = client_in_groep("matchen", van=D(2026, 6, 1))
    page = (
        client_as("werkcoach")
        .post(
            reverse("trajecten:plaatsing_nieuw", args=[klant.pk]),
            {"functie": "Chauffeur", "uren": 20, "contract": "uitzend", "start": "2026-12-01"},
        )
        .content.decode()
    )
    assert "een plaatsing zonder werkgever kan niet" in page
    assert 'value="Chauffeur"' in page
    assert not Plaatsing.objects.exists()
