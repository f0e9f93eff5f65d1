"""Issue 27 part 1, the whole bestand: the DWT intaker holds the ambitiegesprek with every
client without one, also under IO regie (policy §4.1 "door medewerker DWT", "ook met
bestaande klanten"), through a purpose-bound access that opens only the gesprek page, is
audited, and closes once the gesprek is recorded (DESIGN §1)."""

import pytest
from django.urls import reverse

from clients.intake.models import Ambitiegesprek
from clients.intake.selectors import ambitiegesprek_voortgang
from deventer_werk.audit.models import AuditEvent
from tests.factories import client_in_groep, klantgroep

from .factories import AFSPRAKEN_FORMULIER, PERSPECTIEF_VOOR, alle_antwoorden, ambitie

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


def _gesprek_data(code: str) -> dict:
    data: dict[str, object] = {f"score_{k}": v for k, v in alle_antwoorden(2).items()}
    data.update(
        {
            "datum": "2026-11-20",
            "participatieladder": "2",
            "perspectief": PERSPECTIEF_VOOR[code],
            "gekozen_klantgroep": klantgroep(code).pk,
            "geadviseerde_klantgroep": klantgroep(code).pk,
            "afspraak_getekend_op": "2026-11-20",
            "rechten_plichten_op": "2026-11-20",
            **AFSPRAKEN_FORMULIER,
        }
    )
    return data


def _audit(user, client, **kwargs):
    return AuditEvent.objects.filter(
        actor_id=user.pk, client_id=client.pk, object_type="ambitiegesprek", **kwargs
    )


def test_io_regie_client_walks_to_a_gesprek_held_by_the_dwt_intaker(client_as, users):
    klant = client_in_groep("zorgen", io=users["inkomensconsulent"], achternaam="Zorgvliet")
    gesprek_url = reverse("intake:ambitiegesprek", args=[klant.pk])
    intaker = users["intaker"]

    # The inkomensconsulent cannot hold it, and her menu does not lead to a list of them.
    c = client_as("inkomensconsulent")
    assert c.get(gesprek_url).status_code == 403
    assert c.get(reverse("intake:zonder_ambitiegesprek")).status_code == 403
    start = c.get(reverse("begeleiding:werkvoorraad")).content.decode()
    assert "Zonder ambitiegesprek" not in start

    # The intaker finds the client on her list and start page, linked to the gesprek only.
    c = client_as("intaker")
    lijst = c.get(reverse("intake:zonder_ambitiegesprek")).content.decode()
    assert "Zorgvliet" in lijst and gesprek_url in lijst
    dossier_link = f'href="{reverse("clients:dossier", args=[klant.pk])}"'
    assert dossier_link not in lijst
    start = c.get(reverse("begeleiding:werkvoorraad")).content.decode()
    assert "Ambitiegesprekken te houden (1)" in start and gesprek_url in start

    # Everything but the gesprek stays closed (need-to-know unchanged): 404.
    for naam in ("clients:dossier", "clients:tijdlijn", "handhaving:onderzoek_start"):
        assert c.get(reverse(naam, args=[klant.pk])).status_code == 404, naam
    assert c.get(reverse("api:client-detail", args=[klant.pk])).status_code == 404

    # The gesprek page opens, audited as purpose-bound; no link into the dossier.
    pagina = c.get(gesprek_url)
    assert pagina.status_code == 200
    html = pagina.content.decode()
    assert "Toegang voor dit gesprek" in html
    assert dossier_link not in html
    assert _audit(intaker, klant, resultaat="toegestaan", details__toegang="doelgebonden").count()

    # A form with an error is shown again (and that read is audited too), nothing saved.
    fout = c.post(gesprek_url, {**_gesprek_data("zorgen"), "participatieladder": ""})
    assert fout.status_code == 200 and not Ambitiegesprek.objects.exists()
    assert _audit(intaker, klant, actie="bekeken", details__toegang="doelgebonden").count() == 2

    # The client chooses to stay in Zorgen: the gesprek is recorded through the page.
    response = c.post(gesprek_url, _gesprek_data("zorgen"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("intake:zonder_ambitiegesprek")
    assert "Uw toegang voor dit gesprek is nu gesloten." in response.content.decode()
    gesprek = Ambitiegesprek.objects.get(client=klant)
    assert gesprek.intaker == intaker and gesprek.gekozen_klantgroep.code == "zorgen"

    # The door is closed again: 404 for the intaker, the refusal audited; off the list.
    assert c.get(gesprek_url).status_code == 404
    assert _audit(intaker, klant, resultaat="geweigerd").count() == 1
    assert "Zorgvliet" not in c.get(reverse("intake:zonder_ambitiegesprek")).content.decode()

    # The inkomensconsulent sees the outcome on the dossier.
    dossier = client_as("inkomensconsulent").get(reverse("clients:dossier", args=[klant.pk]))
    html = dossier.content.decode()
    assert "Ambitiegesprek" in html and "20-11-2026 door" in html
    assert "Zorgen / Zorgen" in html


def test_a_gesprek_that_moves_the_client_to_dwt_regie_opens_the_dossier(client_as, users):
    klant = client_in_groep("faciliteren", io=users["inkomensconsulent"])
    c = client_as("intaker")
    url = reverse("intake:ambitiegesprek", args=[klant.pk])
    response = c.post(url, _gesprek_data("groeien"))
    assert response.status_code == 302
    assert response["Location"] == reverse("clients:dossier", args=[klant.pk])
    assert c.get(response["Location"]).status_code == 200  # Groeien: DWT regie, need-to-know


@pytest.mark.parametrize("rol", ["werkcoach", "participatiemakelaar", "handhaver", "trainer"])
def test_other_roles_neither_hold_nor_list_gesprekken(client_as, users, rol):
    klant = client_in_groep("zorgen", io=users["inkomensconsulent"])
    c = client_as(rol)
    # a DWT werkcoach, a trainer or the participatiemakelaar (Faciliteren only) gets the usual
    # 404 (no purpose-bound access), the handhaver (sees every dossier) 403
    verwacht = 403 if rol == "handhaver" else 404
    assert c.get(reverse("intake:ambitiegesprek", args=[klant.pk])).status_code == verwacht
    assert c.get(reverse("intake:zonder_ambitiegesprek")).status_code == 403


def test_held_and_to_hold_per_klantgroep_in_one_query(users, django_assert_num_queries):
    client_in_groep("zorgen")
    client_in_groep("zorgen")
    gehouden = client_in_groep("zorgen")
    ambitie(users["intaker"], gehouden, "zorgen", datum=gehouden.perioden.get().melddatum)
    client_in_groep("matchen")
    with django_assert_num_queries(1):
        rijen = ambitiegesprek_voortgang()
    per_groep = {r["groep"]: (r["gehouden"], r["te_houden"], r["totaal"]) for r in rijen}
    assert per_groep == {"Matchen": (0, 1, 1), "Zorgen": (1, 2, 3)}
    assert [r["groep"] for r in rijen] == ["Matchen", "Zorgen"]  # the klantgroepen' order


def test_the_figure_is_on_the_intakers_start_page(client_as, users):
    client_in_groep("faciliteren")
    html = client_as("intaker").get(reverse("begeleiding:werkvoorraad")).content.decode()
    assert 'id="ambitie-voortgang"' in html
    assert '<th class="utrecht-table__header-cell" scope="row">Faciliteren</th>' in html
