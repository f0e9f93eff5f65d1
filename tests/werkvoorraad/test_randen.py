"""Issue 28: the work engine at every edge, one test per edge (each failed on e1da228)."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from clients.begeleiding.werkvoorraad import open_taken
from clients.constants import TaakSoort, TaakStatus
from clients.groepen.services import groepsindeling_wijzig
from clients.handhaving.models import SteekproefInstelling
from clients.models import Taak
from clients.planning import planner as planning
from clients.services import client_register, contactpersoon_wijs_toe, periode_sluit
from clients.taken import taak_plan, taak_rond_af
from clients.trajecten.services import uitkeringseinde_besluit
from clients.trajecten.services.plaatsingen import plaatsing_registreer
from tests.factories import UserFactory, client_in_groep, klantgroep
from tests.trajecten.factories import werkgever

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def _geen_steekproef():
    SteekproefInstelling.objects.update(percentage=0)


def _op(dag: datetime.date, uur: int = 12):
    return time_machine.travel(datetime.datetime.combine(dag, datetime.time(uur)), tick=False)


def _plan(dag: datetime.date):
    with _op(dag, 5):
        return planning.plan_voortgang(peildatum=dag, horizon_dagen=0)


def _open(klant, soort):
    return list(
        Taak.objects.filter(client=klant, soort=soort, status=TaakStatus.OPEN).values_list(
            "datum", flat=True
        )
    )


def test_closing_a_task_by_hand_needs_a_reason(users, client_as):
    ic = users["inkomensconsulent"]
    klant = client_in_groep("zorgen", van=D(2026, 1, 1), io=ic)
    taak, _ = taak_plan(
        client=klant,
        soort=TaakSoort.VOORTGANGSGESPREK,
        omschrijving="Voortgangsgesprek Zorgen",
        datum=D(2026, 11, 20),
        medewerker=ic,
    )
    with pytest.raises(ValidationError) as exc:
        taak_rond_af(taak=taak, status=TaakStatus.VERVALLEN, door=ic, notitie="  ")
    assert "reden" in str(exc.value.message_dict["notitie"])
    response = client_as("inkomensconsulent").post(
        reverse("begeleiding:taak", args=[taak.pk]),
        {"actie": "afronden", "afronden-notitie": ""},
    )
    assert response.status_code == 400
    taak.refresh_from_db()
    assert taak.status == TaakStatus.OPEN


def test_voortgangsgesprek_closed_by_hand_is_planned_again_from_the_close_date(users):
    ic = users["inkomensconsulent"]
    klant = client_in_groep("zorgen", van=D(2025, 1, 1), io=ic)  # twice a year
    _plan(D(2025, 7, 1))
    taak = Taak.objects.get(client=klant, soort=TaakSoort.VOORTGANGSGESPREK)
    assert taak.datum == D(2025, 7, 1)
    with _op(D(2025, 7, 10)):
        taak_rond_af(taak=taak, door=ic, notitie="Telefonisch gesproken, gaat goed")
    _plan(D(2025, 7, 11))  # the closed one stays closed; the next is half a year later
    assert _open(klant, TaakSoort.VOORTGANGSGESPREK) == []
    _plan(D(2026, 1, 10))
    assert _open(klant, TaakSoort.VOORTGANGSGESPREK) == [D(2026, 1, 10)]
    _plan(D(2026, 1, 11))  # and only once
    assert Taak.objects.filter(client=klant, soort=TaakSoort.VOORTGANGSGESPREK).count() == 2


def test_rechtmatigheidsonderzoek_closed_by_hand_is_planned_again_from_the_close_date(users):
    klant = client_in_groep(
        "faciliteren", van=D(2024, 1, 1), io=users["inkomensconsulent"]
    )  # every two years, separately
    _plan(D(2026, 1, 1))
    taak = Taak.objects.get(client=klant, soort=TaakSoort.RECHTMATIGHEID)
    with _op(D(2026, 1, 5)):
        taak_rond_af(taak=taak, door=users["handhaver"], notitie="Dossieronderzoek, in orde")
    _plan(D(2027, 12, 31))
    assert _open(klant, TaakSoort.RECHTMATIGHEID) == []
    _plan(D(2028, 1, 5))
    assert _open(klant, TaakSoort.RECHTMATIGHEID) == [D(2028, 1, 5)]


def test_group_change_leaves_no_stale_task_before_the_planner_runs(users):
    ic, coach = users["inkomensconsulent"], users["werkcoach"]
    klant = client_in_groep("faciliteren", van=D(2024, 1, 1), io=ic)
    _plan(D(2025, 12, 20))
    assert open_taken(user=ic).filter(client=klant, soort=TaakSoort.VOORTGANGSGESPREK).exists()
    with _op(D(2025, 12, 22)):
        groepsindeling_wijzig(
            actor=ic,
            client=klant,
            klantgroep=klantgroep("matchen"),
            van=D(2025, 12, 22),
            soort="terugval",
            reden="Kan weer werken",
        )
        # no planner run in between: the inkomensconsulent's list is in line at once
        assert not open_taken(user=ic).filter(client=klant).exists()
        # and DWT, which has regie now, finds the client in its team queue
        claim = open_taken(user=coach).get(client=klant)
    assert claim.soort == TaakSoort.TOEWIJZEN and claim.organisatie == "DWT"
    assert Taak.objects.get(client=klant, soort=TaakSoort.VOORTGANGSGESPREK).status == (
        TaakStatus.VERVALLEN
    )


def test_uitstroom_and_herinstroom_bring_open_tasks_in_line_at_once(users):
    ic = users["inkomensconsulent"]
    klant = client_in_groep("zorgen", van=D(2025, 1, 1), io=ic)
    _plan(D(2026, 7, 1))
    taak_plan(
        client=klant,
        soort=TaakSoort.NAZORG,
        omschrijving="Nazorg 6 maanden",
        datum=D(2027, 1, 1),
        medewerker=users["werkcoach"],
        sleutel="nazorg:999:6",
    )
    periode_sluit(actor=ic, client=klant, einddatum=D(2026, 11, 1), reden="werk_regulier")
    assert set(
        Taak.objects.filter(client=klant, status="open").values_list("soort", flat=True)
    ) == {TaakSoort.NAZORG}
    client_register(actor=users["poortwachter"], bsn=klant.bsn, melddatum=D(2026, 11, 20))
    nazorg = Taak.objects.get(client=klant, soort=TaakSoort.NAZORG)
    assert nazorg.status == TaakStatus.VERVALLEN and "Herinstroom" in nazorg.reden


def test_claim_tasks_are_per_organisation(users):
    klant = client_in_groep("groeien", van=D(2026, 1, 1))  # no contact at all yet
    _plan(D(2026, 11, 24))
    claims = Taak.objects.filter(client=klant, soort=TaakSoort.TOEWIJZEN, status="open")
    assert sorted(claims.values_list("organisatie", "rol")) == [
        ("DWT", "werkcoach"),
        ("IO", "inkomensconsulent"),
    ]
    contactpersoon_wijs_toe(actor=users["werkcoach"], client=klant, medewerker=users["werkcoach"])
    # the werkcoach's claim closes; IO still has to claim its own contact person
    assert list(claims.values_list("organisatie", flat=True)) == ["IO"]
    contactpersoon_wijs_toe(
        actor=users["inkomensconsulent"], client=klant, medewerker=users["inkomensconsulent"]
    )
    assert not claims.exists()


def test_claim_of_the_new_regie_organisation_after_a_move_to_matchen(users):
    klant = client_in_groep("faciliteren", van=D(2025, 1, 1))
    _plan(D(2026, 11, 20))
    groepsindeling_wijzig(
        actor=users["inkomensconsulent"],
        client=klant,
        klantgroep=klantgroep("matchen"),
        van=D(2026, 11, 24),
        soort="terugval",
        reden="Kan weer werken",
    )
    open_claims = Taak.objects.filter(client=klant, soort=TaakSoort.TOEWIJZEN, status="open")
    assert sorted(open_claims.values_list("organisatie", flat=True)) == ["DWT", "IO"]
    assert open_taken(user=users["werkcoach"]).filter(client=klant).exists()


def test_nazorg_stays_visible_and_workable_for_the_werkcoach_until_nazorg_tot(users, client_as):
    coach = users["werkcoach"]
    klant = client_in_groep("groeien", van=D(2025, 1, 1), dwt=coach, io=users["inkomensconsulent"])
    plaatsing = plaatsing_registreer(
        actor=coach,
        client=klant,
        werkgever=werkgever(),
        functie="Orderpicker",
        uren=32,
        contract="bepaald",
        start=D(2026, 5, 4),
        uitkering_beeindigen=True,
        laatste_uitkeringsdag=D(2026, 5, 4),
    )
    uitkeringseinde_besluit(
        actor=users["inkomensconsulent"],
        uitkeringseinde=plaatsing.uitkeringseinde,
        versie=1,
        beeindigen=True,
        laatste_dag=D(2026, 5, 4),
    )
    c = client_as("werkcoach")
    lijst = c.get(reverse("begeleiding:werkvoorraad"), {"soort": "nazorg"})
    assert lijst.status_code == 200
    taak = Taak.objects.get(sleutel=f"nazorg:{plaatsing.pk}:6")
    assert reverse("begeleiding:taak", args=[taak.pk]) in lijst.content.decode()
    assert c.get(reverse("begeleiding:taak", args=[taak.pk])).status_code == 200
    assert c.get(reverse("clients:dossier", args=[klant.pk])).status_code == 200
    response = c.post(
        reverse("begeleiding:taak", args=[taak.pk]),
        {"actie": "afronden", "afronden-notitie": "Gebeld: werkt er nog"},
    )
    assert response.status_code == 302
    # another werkcoach does not see the dossier
    c.force_login(UserFactory(username="coach2", rol="werkcoach"))
    assert c.get(reverse("clients:dossier", args=[klant.pk])).status_code == 404
    # after nazorg_tot, with the last check done, the dossier leaves DWT's sight
    Taak.objects.filter(client=klant, soort=TaakSoort.NAZORG).update(status="afgerond")
    with _op(plaatsing.nazorg_tot):
        c.force_login(coach)
        assert c.get(reverse("clients:dossier", args=[klant.pk])).status_code == 200
    with _op(plaatsing.nazorg_tot + datetime.timedelta(days=1)):
        c.force_login(coach)
        assert c.get(reverse("clients:dossier", args=[klant.pk])).status_code == 404


def test_dwt_roles_never_see_rechtmatigheid_or_steekproef_tasks(users, client_as):
    coach = users["werkcoach"]
    klant = client_in_groep("groeien", van=D(2025, 1, 1), dwt=coach)
    steekproef, _ = taak_plan(
        client=klant,
        soort=TaakSoort.STEEKPROEF,
        omschrijving="Steekproef rechtmatigheid 2026-11 (aselect, seed 42)",
        datum=D(2026, 11, 28),
        rol="handhaver",
        organisatie="IO",
    )
    # even when such a task lands on a DWT user by mistake
    review, _ = taak_plan(
        client=klant,
        soort=TaakSoort.RECHTMATIGHEID,
        omschrijving="Periodiek rechtmatigheidsonderzoek Groeien",
        datum=D(2026, 11, 20),
        medewerker=coach,
    )
    c = client_as("werkcoach")
    dossier = c.get(reverse("clients:dossier", args=[klant.pk])).content.decode()
    assert "Steekproef" not in dossier and "rechtmatigheidsonderzoek" not in dossier
    assert not open_taken(user=coach).filter(pk=review.pk).exists()
    assert (
        "Periodiek rechtmatigheid"
        not in c.get(reverse("begeleiding:werkvoorraad")).content.decode()
    )
    assert c.get(reverse("begeleiding:taak", args=[review.pk])).status_code == 404
    # IO's handhaver does see both
    h = client_as("handhaver")
    assert (
        "Steekproef rechtmatigheid 2026-11"
        in h.get(reverse("clients:dossier", args=[klant.pk])).content.decode()
    )
    assert steekproef.pk in open_taken(user=users["handhaver"]).values_list("pk", flat=True)
