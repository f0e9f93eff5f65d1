"""No dead ends and honest wording (issue 29, item 4): the dossier offers only the actions
that can succeed for its state; werkvoorraad rows say the work once and whose it is by name;
a field a rule requires under a condition is not labelled "(niet verplicht)"."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from clients.intake.services import aanvraag_registreer
from clients.models import Taak
from clients.services import periode_sluit
from tests.factories import client_in_groep

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def _vandaag():
    with time_machine.travel(datetime.datetime(2026, 11, 24, 10, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def klant(users):
    return client_in_groep("matchen", io=users["inkomensconsulent"], dwt=users["werkcoach"])


def _label(response, veld) -> str:
    """The rendered <label> of a field, as the page shows it."""
    html = response.content.decode()
    start = html.index(f'for="{veld.id_for_label}">')
    return html[start : html.index("</label>", start)]


def _acties(http, klant) -> list[str]:
    response = http.get(reverse("clients:dossier", args=[klant.pk]))
    assert response.status_code == 200
    return [a["label"] for a in response.context["acties"]]


def test_besluit_op_aanvraag_only_while_an_aanvraag_waits(client_as, users, klant):
    http = client_as("inkomensconsulent")
    assert "Besluit op aanvraag" not in _acties(http, klant)
    assert http.get(reverse("intake:besluit", args=[klant.pk])).status_code == 404

    aanvraag_registreer(
        actor=users["inkomensconsulent"], client=klant, aanvraagdatum=D(2026, 11, 2)
    )
    assert "Besluit op aanvraag" in _acties(http, klant)
    assert http.get(reverse("intake:besluit", args=[klant.pk])).status_code == 200


def test_a_closed_dossier_offers_no_voortgangsgesprek_or_uitstroom(client_as, users, klant):
    http = client_as("inkomensconsulent")
    open_acties = _acties(http, klant)
    assert {"Voortgangsgesprek vastleggen", "Uitstroom vastleggen"} <= set(open_acties)

    periode_sluit(
        actor=users["inkomensconsulent"],
        client=klant,
        einddatum=D(2026, 11, 20),
        reden="verhuizing",
    )
    gesloten = _acties(http, klant)
    assert "Voortgangsgesprek vastleggen" not in gesloten
    assert "Uitstroom vastleggen" not in gesloten
    assert "Signaal melden" in gesloten  # what still works stays


@pytest.mark.parametrize(
    ("soort", "omschrijving", "wat"),
    [
        ("voortgangsgesprek", "Voortgangsgesprek Faciliteren", "Voortgangsgesprek Faciliteren"),
        ("voortgangsgesprek", "voortgangsgesprek", "Voortgangsgesprek"),
        ("overig", "Bellen over de VOG", "Overig: Bellen over de VOG"),
        ("besluit", "Besluit op aanvraag (uiterlijk)", "Besluit op aanvraag (uiterlijk)"),
    ],
)
def test_a_task_says_the_work_once(soort, omschrijving, wat):
    assert Taak(soort=soort, omschrijving=omschrijving).wat == wat


def test_werkvoorraad_rows_name_whose_work_it_is(client_as, users, klant):
    consulent = users["inkomensconsulent"]
    Taak.objects.create(
        client=klant,
        soort="voortgangsgesprek",
        omschrijving="Voortgangsgesprek Matchen",
        datum=D(2026, 11, 24),
        medewerker=consulent,
    )
    html = client_as("inkomensconsulent").get(reverse("begeleiding:werkvoorraad")).content.decode()
    assert "Voortgangsgesprek: Voortgangsgesprek" not in html
    assert ">Voortgangsgesprek Matchen</a>" in html
    assert f'data-label="Voor">{consulent}</td>' in html


@pytest.mark.parametrize(
    ("route", "rol", "label", "voorwaarde"),
    [
        (
            "begeleiding:voortgangsgesprek",
            "inkomensconsulent",
            "Nieuwe klantgroep",
            "Nee, wijzigen",
        ),
        (
            "begeleiding:voortgangsgesprek",
            "inkomensconsulent",
            "Reden groepswijziging",
            "Nee, wijzigen",
        ),
        ("clients:groepsindeling", "inkomensconsulent", "Reden / motivatie", "doorstroom"),
        (
            "handhaving:onderzoek_besluit",
            "handhaver",
            "Wat zou de strikte juridische uitkomst",
            "onrechtmatig",
        ),
        ("handhaving:onderzoek_besluit", "handhaver", "Omgekeerde toets bij boete", "uitkomst"),
    ],
)
def test_a_conditionally_required_field_says_when_it_is_required(
    client_as, users, klant, route, rol, label, voorwaarde
):
    from clients.handhaving.models import Rechtmatigheidsonderzoek

    onderzoek = Rechtmatigheidsonderzoek.objects.create(
        client=klant, selectiereden="periodiek", gestart_op=D(2026, 11, 1), handhaver=users[rol]
    )
    args = [klant.pk, onderzoek.pk] if route == "handhaving:onderzoek_besluit" else [klant.pk]
    response = client_as(rol).get(reverse(route, args=args))
    assert response.status_code == 200
    veld = next(f for f in response.context["form"] if f.label.startswith(label))
    assert "(niet verplicht)" not in _label(response, veld)
    assert veld.help_text.startswith("Verplicht") and voorwaarde in veld.help_text


def test_a_truly_optional_field_keeps_niet_verplicht(client_as, klant):
    response = client_as("inkomensconsulent").get(
        reverse("begeleiding:voortgangsgesprek", args=[klant.pk])
    )
    verslag = next(f for f in response.context["form"] if f.name == "verslag")
    assert "(niet verplicht)" in _label(response, verslag)


def test_multiple_choice_check_boxes_get_the_check_box_look_not_the_radio_look(client_as, klant):
    response = client_as("inkomensconsulent").get(
        reverse("begeleiding:voortgangsgesprek", args=[klant.pk])
    )
    form = response.context["form"]
    css = form.fields["minimaregelingen_gebruikt"].widget.attrs["class"]
    assert "utrecht-checkbox" in css and "radio" not in css
    assert "utrecht-radio-button" in form.fields["plek"].widget.attrs["class"]


def test_aanvraag_registreren_only_once_per_episode_and_not_in_a_closed_dossier(
    client_as, users, klant
):
    http = client_as("inkomensconsulent")
    assert "Aanvraag uitkering registreren" in _acties(http, klant)
    aanvraag_registreer(
        actor=users["inkomensconsulent"], client=klant, aanvraagdatum=D(2026, 11, 2)
    )
    assert "Aanvraag uitkering registreren" not in _acties(http, klant)

    ander = client_in_groep("matchen", io=users["inkomensconsulent"])
    periode_sluit(
        actor=users["inkomensconsulent"],
        client=ander,
        einddatum=D(2026, 11, 20),
        reden="verhuizing",
    )
    assert "Aanvraag uitkering registreren" not in _acties(http, ander)


def test_the_condition_is_read_out_with_the_field(client_as, klant):
    response = client_as("inkomensconsulent").get(
        reverse("begeleiding:voortgangsgesprek", args=[klant.pk])
    )
    html = response.content.decode()
    veld = response.context["form"]["reden_groepswijziging"]
    assert f'aria-describedby="{veld.auto_id}_help"' in str(veld)
    assert f'id="{veld.auto_id}_help"' in html


# --- every dossier action, in every fase and on a closed dossier (issue 29, item 4) ---------

DOSSIERROLLEN = (
    "poortwachter",
    "intaker",
    "inkomensconsulent",
    "werkcoach",
    "participatiemakelaar",
    "handhaver",
)


def _in_fase(fase: str, users):
    """A client in ``fase``: a new melding, screened (intake), ingedeeld in Matchen or in
    Zorgen (no plan van aanpak), or afgesloten after uitstroom."""
    from tests.intake.factories import melding, screening_met_afspraak

    ic = users["inkomensconsulent"]
    if fase in ("melding", "intake"):
        klant = melding(users["poortwachter"], melddatum=D(2026, 10, 1))
        if fase == "intake":
            screening_met_afspraak(users["poortwachter"], users["intaker"], klant)
        return klant
    code = "zorgen" if fase == "ingedeeld-zorgen" else "matchen"
    klant = client_in_groep(code, io=ic, dwt=users["werkcoach"] if code == "matchen" else None)
    if fase == "afgesloten":
        periode_sluit(actor=ic, client=klant, einddatum=D(2026, 11, 20), reden="verhuizing")
    return klant


@pytest.mark.parametrize(
    "fase", ["melding", "intake", "ingedeeld-matchen", "ingedeeld-zorgen", "afgesloten"]
)
def test_every_action_the_dossier_offers_opens_and_every_other_is_refused_with_a_reason(
    client_as, users, fase
):
    """Walks every registered dossier action for every dossier role that may take it: offered
    on the dossier, its page opens (200); not offered, its page refuses and sends the user
    back with the reason (or 404 where the child object, an open aanvraag, is missing)."""
    from clients import registry
    from deventer_werk.access import may

    klant = _in_fase(fase, users)
    dossier_url = reverse("clients:dossier", args=[klant.pk])
    gelopen = 0
    for rol in DOSSIERROLLEN:
        http = client_as(rol)
        dossier = http.get(dossier_url)
        if dossier.status_code == 404:
            continue  # outside this role's need-to-know
        aangeboden = {a["url"] for a in dossier.context["acties"]}
        for actie in registry.ACTIES:
            if not may(users[rol], actie.actie):
                continue
            url = reverse(actie.url_name, args=[klant.pk])
            response = http.get(url)
            gelopen += 1
            waar = f"{actie.label} als {rol} in fase {fase}"
            if url in aangeboden:
                assert response.status_code == 200, waar
                continue
            assert response.status_code in (302, 404), waar
            if response.status_code == 302:
                assert response.url == dossier_url, waar
                reden = [str(m) for m in response.wsgi_request._messages]
                assert reden and all(len(r) > 20 for r in reden), waar
    assert gelopen >= 10


@pytest.mark.parametrize(
    ("route", "rol"),
    [
        ("intake:screening", "poortwachter"),
        ("intake:aanvraag", "inkomensconsulent"),
        ("intake:ladder", "inkomensconsulent"),
        ("begeleiding:voortgangsgesprek", "inkomensconsulent"),
        ("begeleiding:uitstroom", "inkomensconsulent"),
        ("begeleiding:plan", "participatiemakelaar"),
        ("trajecten:traject_nieuw", "participatiemakelaar"),
        ("trajecten:plek_nieuw", "participatiemakelaar"),
        ("trajecten:werkprofiel", "participatiemakelaar"),
        ("clients:groepsindeling", "inkomensconsulent"),
        ("clients:contactpersoon", "inkomensconsulent"),
    ],
)
def test_a_closed_dossier_refuses_get_and_post_with_the_reason(client_as, users, klant, route, rol):
    """IO keeps seeing a closed dossier (DWT no longer does: 404 before any of this)."""
    periode_sluit(
        actor=users["inkomensconsulent"],
        client=klant,
        einddatum=D(2026, 11, 20),
        reden="verhuizing",
    )
    http = client_as(rol)
    url = reverse(route, args=[klant.pk])
    dossier = http.get(reverse("clients:dossier", args=[klant.pk]))
    if rol == "participatiemakelaar":
        # Faciliteren clients only (issue 31): a closed dossier has no current group, so it
        # is outside her need-to-know before any action is asked (404, nothing saved)
        assert dossier.status_code == 404
        assert http.get(url).status_code == 404
        assert http.post(url, {"toelichting": "Nog even gebeld"}).status_code == 404
        return
    assert dossier.status_code == 200
    assert f'href="{url}"' not in dossier.content.decode()  # no action, no link in a section
    response = http.get(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("clients:dossier", args=[klant.pk])
    assert "Dit dossier is afgesloten (uitstroom)" in response.content.decode()
    # a form left open while the dossier closed: the form again with the reason, nothing saved
    response = http.post(url, {"toelichting": "Nog even gebeld"})
    assert response.status_code == 200
    assert "Dit dossier is afgesloten (uitstroom)" in response.content.decode()
    from clients.intake.models import LadderMeting, Screening
    from clients.trajecten.models import Traject

    klant.refresh_from_db()
    assert klant.fase == "afgesloten"
    assert not Screening.objects.filter(client=klant).exists()
    assert not LadderMeting.objects.filter(client=klant, door=users[rol]).exists()
    assert not Traject.objects.filter(client=klant).exists()


def test_screening_only_for_a_melding_that_has_none(client_as, users):
    from tests.intake.factories import melding, screening_met_afspraak

    http = client_as("poortwachter")
    klant = melding(users["poortwachter"])
    assert "Screening vastleggen" in _acties(http, klant)
    screening_met_afspraak(users["poortwachter"], users["intaker"], klant)
    assert "Screening vastleggen" not in _acties(http, klant)
    response = http.get(reverse("intake:screening", args=[klant.pk]), follow=True)
    assert "De screening van deze melding is al vastgelegd" in response.content.decode()


def test_voortgangsgesprek_and_plan_only_for_a_client_in_a_group_that_has_them(client_as, users):
    from tests.intake.factories import melding

    nieuw = melding(users["poortwachter"])
    ic = client_as("inkomensconsulent")
    assert "Voortgangsgesprek vastleggen" not in _acties(ic, nieuw)
    response = ic.get(reverse("begeleiding:voortgangsgesprek", args=[nieuw.pk]), follow=True)
    assert (
        "Een voortgangsgesprek is er voor klanten die zijn ingedeeld" in response.content.decode()
    )

    # a Zorgen client has no plan: the roles that make plans (werkcoach, participatiemakelaar)
    # do not even see the dossier (need-to-know, issue 31), so the door answers 404
    zorgen = client_in_groep("zorgen", io=users["inkomensconsulent"])
    for rol in ("participatiemakelaar", "werkcoach"):
        http = client_as(rol)
        assert http.get(reverse("clients:dossier", args=[zorgen.pk])).status_code == 404
        assert http.get(reverse("begeleiding:plan", args=[zorgen.pk])).status_code == 404


def test_traject_starten_only_for_the_role_with_the_uitvoeringsregie(client_as, users, klant):
    """Matchen is DWT's: the werkcoach is offered a traject. The participatiemakelaar (IO,
    Faciliteren only since issue 31) does not see the dossier at all; on a Faciliteren client
    she is offered one, the werkcoach does not see that dossier."""
    assert "Traject starten" in _acties(client_as("werkcoach"), klant)
    pm = client_as("participatiemakelaar")
    assert pm.get(reverse("trajecten:traject_nieuw", args=[klant.pk])).status_code == 404
    faciliteren = client_in_groep("faciliteren", io=users["inkomensconsulent"])
    assert "Traject starten" in _acties(pm, faciliteren)


def test_rechtmatigheidsonderzoek_starten_not_while_one_runs(client_as, users, klant):
    from clients.handhaving.models import Rechtmatigheidsonderzoek

    http = client_as("handhaver")
    assert "Rechtmatigheidsonderzoek starten" in _acties(http, klant)
    Rechtmatigheidsonderzoek.objects.create(
        client=klant,
        selectiereden="periodiek",
        gestart_op=D(2026, 11, 1),
        handhaver=users["handhaver"],
    )
    assert "Rechtmatigheidsonderzoek starten" not in _acties(http, klant)
    response = http.get(reverse("handhaving:onderzoek_start", args=[klant.pk]), follow=True)
    assert "loopt al een rechtmatigheidsonderzoek" in response.content.decode()
