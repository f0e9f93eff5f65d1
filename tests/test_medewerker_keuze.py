"""The choice of colleague: the same HTML as Django's select, one query, grouped per
organisation, and no per-option template (the reason it exists: lists of hundreds)."""

import pytest
from django import forms
from django.db import connection
from django.test.html import parse_html
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deventer_werk.accounts.models import User
from deventer_werk.forms import Form, MedewerkerKeuze, SnelleSelect
from tests.factories import ClientFactory, UserFactory

KEUZES = [
    ("", "---------"),
    ("Inkomensondersteuning", [(1, "Anne <Bakker>"), (2, "Bram & co")]),
    ("Deventer Werktalent", [(3, "Cor")]),
    (4, "Zonder groep"),
]


@pytest.mark.parametrize("waarde", [None, "", 2, "3", 4])
@pytest.mark.parametrize("keuzes", [KEUZES, [(1, "een"), (2, "twee")]])
def test_same_html_as_djangos_select(waarde, keuzes):
    attrs = {"id": "id_x", "class": "utrecht-select", "required": True, "aria-invalid": "true"}
    django_html = forms.Select(choices=keuzes).render("x", waarde, attrs=attrs)
    snel = SnelleSelect(choices=keuzes).render("x", waarde, attrs=attrs)
    assert "<option" in snel
    assert parse_html(snel) == parse_html(django_html)


class _Form(Form):
    medewerker = MedewerkerKeuze(label="Medewerker", queryset=User.objects.none())

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["medewerker"].queryset = queryset


@pytest.mark.django_db
def test_grouped_per_organisation_in_one_query():
    io = UserFactory(first_name="Ineke", last_name="Zomer", rol="inkomensconsulent")
    wc = UserFactory(first_name="Wim", last_name="Akker", rol="werkcoach")
    naamloos = UserFactory(username="zonder.naam", first_name="", last_name="", rol="werkcoach")
    form = _Form(queryset=User.objects.filter(pk__in=[io.pk, wc.pk, naamloos.pk]))
    with CaptureQueriesContext(connection) as queries:
        html = str(form["medewerker"])
    assert len(queries) == 1
    assert "utrecht-select" in html and "aria-required" in html
    assert html.index('label="Inkomensondersteuning"') < html.index("Ineke Zomer")
    assert html.index('label="Deventer Werktalent"') < html.index("Wim Akker")
    assert ">zonder.naam</option>" in html  # the name as User.__str__ gives it
    assert str(naamloos) == "zonder.naam"


@pytest.mark.django_db
def test_one_organisation_is_a_flat_list_and_validation_keeps_the_queryset():
    wc = UserFactory(first_name="Wim", last_name="Akker", rol="werkcoach")
    io = UserFactory(rol="inkomensconsulent")
    queryset = User.objects.filter(pk=wc.pk)
    html = str(_Form(queryset=queryset)["medewerker"])
    assert "optgroup" not in html and "Wim Akker" in html
    assert _Form({"medewerker": wc.pk}, queryset=queryset).is_valid()
    buiten = _Form({"medewerker": io.pk}, queryset=queryset)
    assert not buiten.is_valid()
    assert buiten.cleaned_data.get("medewerker") is None


@pytest.mark.django_db
def test_contactpersoon_page_offers_colleagues_per_organisation(client_as, users):
    klant = ClientFactory()
    pagina = client_as("inkomensconsulent").get(reverse("clients:contactpersoon", args=[klant.pk]))
    html = pagina.content.decode()
    assert pagina.status_code == 200
    assert 'label="Inkomensondersteuning"' in html and 'label="Deventer Werktalent"' in html
    assert f'<option value="{users["werkcoach"].pk}">' in html


def test_every_plain_select_of_our_forms_is_written_in_python():
    class Keuzes(Form):
        kleur = forms.ChoiceField(choices=[("r", "rood"), ("g", "groen")])
        ja_nee = forms.NullBooleanField()

    form = Keuzes(initial={"kleur": "g"})
    assert type(form.fields["kleur"].widget) is SnelleSelect
    assert type(form.fields["ja_nee"].widget) is forms.NullBooleanSelect  # left alone
    assert type(Keuzes.base_fields["kleur"].widget) is forms.Select  # the class's own
    assert parse_html(str(form["kleur"])) == parse_html(
        forms.Select(choices=form.fields["kleur"].choices).render(
            "kleur", "g", attrs={"id": "id_kleur", **form.fields["kleur"].widget.attrs}
        )
    )
