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
