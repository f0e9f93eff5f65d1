"""Issue 30, part 1: a placement by DWT proposes the end of the benefit; the inkomensconsulent
decides (or corrects the decision, with a reason); the period closes on the decided day."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from clients.begeleiding.werkvoorraad import open_taken
from clients.constants import TaakSoort, TaakStatus
from clients.models import Taak
from clients.planning import tasks
from clients.tijdlijn import tijdlijn_voor
from clients.trajecten.models import Uitkeringseinde, UitkeringseindeBesluit
from clients.trajecten.services import (
    plaatsing_registreer,
    uitkeringseinde_besluit,
    uitkeringseinde_voer_uit,
)
from deventer_werk.audit.models import AuditEvent
from tests.factories import UserFactory, client_in_groep
from tests.fixtures.klok import reis

from .factories import werkgever

pytestmark = pytest.mark.django_db
D = datetime.date
START = D(2026, 11, 2)  # the placement starts; "today" is 24-11-2026 (frozen clock)
VOORGESTELD = D(2026, 12, 10)


def _voorstel(users, klant, laatste_dag=VOORGESTELD, **kwargs):
    p = plaatsing_registreer(
        actor=users["werkcoach"],
        client=klant,
        werkgever=werkgever(),
        functie="Orderpicker",
        uren=32,
        contract="bepaald",
        start=START,
        uitkering_beeindigen=True,
        laatste_uitkeringsdag=laatste_dag,
        **kwargs,
    )
    return p.uitkeringseinde


def _besluit(users, einde, **kwargs):
    einde.refresh_from_db()
    return uitkeringseinde_besluit(
        actor=users["inkomensconsulent"], uitkeringseinde=einde, versie=einde.versie, **kwargs
    )


def _klant(users, **kwargs):
    return client_in_groep("matchen", van=D(2026, 6, 1), dwt=users["werkcoach"], **kwargs)


def test_a_placement_only_proposes_the_end_as_a_task_for_the_clients_inkomensconsulent(users):
    klant = _klant(users, io=users["inkomensconsulent"])
    einde = _voorstel(users, klant)
    klant.refresh_from_db()
    periode = klant.perioden.get()
    assert (klant.fase, periode.einddatum) == ("ingedeeld", None)  # nothing closed
    assert einde.status == "voorgesteld" and einde.voorgestelde_laatste_dag == D(2026, 12, 10)
    taak = Taak.objects.get(soort=TaakSoort.UITKERING_EINDE)
    assert taak.medewerker == users["inkomensconsulent"]
    assert "voorgestelde laatste dag 10-12-2026" in taak.omschrijving
    assert taak.formulier_url == reverse("trajecten:uitkeringseinde", args=[klant.pk, einde.pk])
    assert list(open_taken(user=users["inkomensconsulent"]).filter(client=klant)) == [taak]
    assert not open_taken(user=users["werkcoach"]).filter(soort="uitkering_einde").exists()


def test_without_an_inkomensconsulent_the_proposal_goes_to_the_io_team_queue(users):
    klant = _klant(users)
    _voorstel(users, klant)
    taak = Taak.objects.get(soort=TaakSoort.UITKERING_EINDE)
    assert (taak.medewerker, taak.rol, taak.organisatie) == (None, "inkomensconsulent", "IO")
    collega = UserFactory(username="ic2", rol="inkomensconsulent")
    assert open_taken(user=collega).filter(pk=taak.pk).exists()


def test_a_future_last_day_keeps_the_benefit_running_until_that_day(users):
    klant = _klant(users, io=users["inkomensconsulent"])
    einde = _voorstel(users, klant)
    _besluit(users, einde, beeindigen=True, laatste_dag=D(2026, 12, 10))
    einde.refresh_from_db()
    klant.refresh_from_db()
    assert (einde.status, einde.laatste_dag, einde.uitgevoerd_op) == (
        "beeindigen",
        D(2026, 12, 10),
        None,
    )
    assert klant.perioden.get().einddatum is None and klant.fase == "ingedeeld"
    assert Taak.objects.get(soort=TaakSoort.UITKERING_EINDE).status == TaakStatus.AFGEROND
    assert uitkeringseinde_voer_uit(peildatum=D(2026, 12, 9)) == 0
    with reis(D(2026, 12, 10)):
        samenvatting = tasks.plan_voortgang(peildatum="2026-12-10")  # the daily run
        assert samenvatting["uitkeringen_beeindigd"] == 1
        assert uitkeringseinde_voer_uit(peildatum=D(2026, 12, 10)) == 0  # idempotent
    klant.refresh_from_db()
    periode = klant.perioden.get()
    assert (periode.einddatum, periode.uitstroomreden) == (D(2026, 12, 10), "werk_regulier")
    assert klant.fase == "afgesloten"
    einde.refresh_from_db()
    assert einde.uitgevoerd_op == D(2026, 12, 10) and einde.plaatsing.uitkering_beeindigd


def test_a_last_day_today_or_earlier_closes_the_period_at_once(users):
    klant = _klant(users, io=users["inkomensconsulent"])
    einde = _voorstel(users, klant, laatste_dag=D(2026, 11, 20))
    _besluit(users, einde, beeindigen=True, laatste_dag=D(2026, 11, 10))  # IO decides earlier
    assert klant.perioden.get().einddatum == D(2026, 11, 10)
    einde.refresh_from_db()
    assert einde.uitgevoerd_op == D(2026, 11, 24)


def test_not_ending_needs_a_reason_and_keeps_the_benefit(users):
    klant = _klant(users, io=users["inkomensconsulent"])
    einde = _voorstel(users, klant)
    with pytest.raises(ValidationError) as exc:
        _besluit(users, einde, beeindigen=False)
    assert "Geef de reden waarom de uitkering doorloopt." in exc.value.message_dict["toelichting"]
    _besluit(users, einde, beeindigen=False, toelichting="Proefplaatsing, loon onder bijstand")
    einde.refresh_from_db()
    assert einde.status == "niet_beeindigen" and einde.laatste_dag is None
    assert klant.perioden.get().einddatum is None
    assert uitkeringseinde_voer_uit(peildatum=D(2027, 1, 31)) == 0


def test_a_last_day_before_the_placement_start_is_refused_and_nothing_is_saved(users):
    klant = _klant(users, io=users["inkomensconsulent"])
    einde = _voorstel(users, klant)
    with pytest.raises(ValidationError) as exc:
        _besluit(users, einde, beeindigen=True, laatste_dag=D(2026, 11, 1))
    assert exc.value.message_dict["laatste_dag"] == [
        "De laatste dag van de uitkering kan niet vóór de start van de plaatsing "
        "(02-11-2026) liggen."
    ]
    einde.refresh_from_db()
    assert (einde.status, einde.versie) == ("voorgesteld", 1)
    assert not UitkeringseindeBesluit.objects.exists()
    assert Taak.objects.get(soort=TaakSoort.UITKERING_EINDE).status == TaakStatus.OPEN
    assert klant.perioden.get().einddatum is None


def test_the_owner_corrects_with_a_reason_and_the_history_stays(users):
    klant = _klant(users, io=users["inkomensconsulent"])
    einde = _voorstel(users, klant)
    _besluit(users, einde, beeindigen=True, laatste_dag=D(2026, 12, 10))
    with pytest.raises(ValidationError) as exc:
        _besluit(users, einde, beeindigen=True, laatste_dag=D(2026, 12, 20))
    assert "Geef de reden van de correctie." in exc.value.message_dict["toelichting"]
    _besluit(
        users,
        einde,
        beeindigen=True,
        laatste_dag=D(2026, 12, 20),
        toelichting="Eerste salaris pas op 21-12",
    )
    einde.refresh_from_db()
    assert einde.laatste_dag == D(2026, 12, 20) and einde.versie == 3
    besluiten = list(einde.besluiten.values_list("laatste_dag", "correctie", "toelichting"))
    assert besluiten == [
        (D(2026, 12, 10), False, ""),
        (D(2026, 12, 20), True, "Eerste salaris pas op 21-12"),
    ]
    assert uitkeringseinde_voer_uit(peildatum=D(2026, 12, 10)) == 0  # the old day no longer
    wat = list(
        AuditEvent.objects.filter(object_type="uitkeringseinde")
        .order_by("pk")
        .values_list("details__wat", flat=True)
    )
    assert wat == ["voorgesteld", "besloten", "gecorrigeerd"]
    items = {i.titel: i for i in tijdlijn_voor(client=klant, user=users["inkomensconsulent"])}
    correctie = items["Correctie: Uitkering stopt na 20-12-2026"]
    assert correctie.inhoud == (("Reden", "Eerste salaris pas op 21-12", ""),)
    assert "Besluit: Uitkering stopt na 10-12-2026" in items
    assert "Einde uitkering voorgesteld (laatste dag 10-12-2026)" in items
    # DWT sees that it was decided, not the reason
    voor_dwt = {i.titel: i for i in tijdlijn_voor(client=klant, user=users["werkcoach"])}
    assert voor_dwt["Correctie: Uitkering stopt na 20-12-2026"].inhoud == ()


def test_a_stale_version_or_a_closed_period_refuses_the_correction(users):
    klant = _klant(users, io=users["inkomensconsulent"])
    einde = _voorstel(users, klant, laatste_dag=D(2026, 11, 20))
    with pytest.raises(ValidationError) as exc:
        uitkeringseinde_besluit(
            actor=users["inkomensconsulent"],
            uitkeringseinde=einde,
            versie=0,
            beeindigen=True,
            laatste_dag=D(2026, 11, 20),
        )
    assert "Iemand anders" in exc.value.message_dict["__all__"][0]
    _besluit(users, einde, beeindigen=True, laatste_dag=D(2026, 11, 20))  # closes at once
    with pytest.raises(ValidationError) as exc:
        _besluit(users, einde, beeindigen=False, toelichting="Toch niet")
    assert "al gesloten op 24-11-2026" in exc.value.message_dict["__all__"][0]
    assert UitkeringseindeBesluit.objects.count() == 1


def test_the_decision_page_keeps_bad_input_and_is_for_the_inkomensconsulent_only(users, client_as):
    klant = _klant(users, io=users["inkomensconsulent"])
    einde = _voorstel(users, klant)
    url = reverse("trajecten:uitkeringseinde", args=[klant.pk, einde.pk])
    assert client_as("werkcoach").get(url).status_code == 403
    c = client_as("inkomensconsulent")
    page = c.get(url).content.decode()
    assert "stelt voor de uitkering te beëindigen met als laatste dag 10-12-2026" in page
    data = {"beeindigen": "ja", "laatste_dag": "2026-10-30", "toelichting": "x", "versie": 1}
    bad = c.post(url, data).content.decode()
    assert "kan niet vóór de start van de plaatsing (02-11-2026) liggen" in bad
    assert 'value="2026-10-30"' in bad
    assert not UitkeringseindeBesluit.objects.exists()
    response = c.post(url, {**data, "laatste_dag": "2026-12-10", "toelichting": ""})
    assert response.status_code == 302
    page = c.get(response.url).content.decode()
    assert "de uitkering stopt na 10-12-2026; tot die dag loopt de uitkering door" in page
    assert "Correctie vastleggen" in page
    assert Uitkeringseinde.objects.get().status == "beeindigen"


def test_the_dossier_shows_the_state_and_links_the_inkomensconsulent_to_the_decision(
    users, client_as, django_assert_num_queries
):
    from clients.trajecten.selectors import trajecten_sectie

    klant = _klant(users, io=users["inkomensconsulent"])
    einde = _voorstel(users, klant)
    dossier = reverse("clients:dossier", args=[klant.pk])
    link = reverse("trajecten:uitkeringseinde", args=[klant.pk, einde.pk])
    html = client_as("inkomensconsulent").get(dossier).content.decode()
    assert "voorgesteld met laatste dag 10-12-2026, wacht op het besluit" in html
    assert f'href="{link}">beslissen</a>' in html
    _besluit(users, einde, beeindigen=True, laatste_dag=D(2026, 12, 10))
    html = client_as("werkcoach").get(dossier).content.decode()
    assert "stopt na 10-12-2026; tot dan loopt de uitkering door" in html
    assert link not in html  # not the werkcoach's decision
    with django_assert_num_queries(8):
        trajecten_sectie(client=klant, user=users["werkcoach"])
