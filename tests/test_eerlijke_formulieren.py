"""Honest forms (issue 27, part 3): no form page renders a pre-filled date, a checked radio
button or checkbox, and in the klantreis no select with an assessment already chosen. A
professional who presses save without looking must get an error, not a made-up answer.

The pages come from the access matrix: every GET page, opened as a role allowed there on the
matrix's ``wereld`` objects (for the ambitiegesprek also through the purpose-bound door).
"""

import datetime
from html.parser import HTMLParser

import pytest
import time_machine
from rest_framework.test import APIClient

from tests.fixtures.otp import login_met_tweede_factor
from tests.test_access_matrix import (  # noqa: F401  (wereld is a fixture)
    MATRIX,
    _url,
    objecten_voor,
    rol_voor,
    wereld,
)

pytestmark = pytest.mark.django_db

# The klantreis: the pages about one client (plus registering one and a placement's nazorg).
# Lists, sorting and the configuration of werkgevers and plekken are not about a client.
KLANTREIS_OBJECT = {"clients:registreren", "trajecten:plaatsing"}

# Filled-in controls that are not a made-up answer, each with the reason it may stay.
ONSCHULDIG = {
    # the status of a new plan action: every action starts open, nothing is judged
    **{
        ("begeleiding:plan", f"doel{i}_actie{j}_status"): "een nieuwe actie is altijd open"
        for i in range(3)
        for j in range(3)
    },
    # editing the personal details shows what is stored, not a proposal
    ("clients:bewerken", "geboortedatum"): "opgeslagen gegevens van de klant",
    ("clients:bewerken", "wijk"): "opgeslagen gegevens van de klant",
    # a correction starts from what was recorded; what is wrong must still be chosen
    **{
        (naam, veld): "de vastlegging die wordt gecorrigeerd"
        for naam, veld in (
            ("clients:groep_corrigeren", "klantgroep"),
            ("clients:groep_corrigeren", "van"),
            ("clients:uitstroom_corrigeren", "uitstroomreden"),
            ("clients:uitstroom_corrigeren", "einddatum"),
        )
    },
}


class _Formulieren(HTMLParser):
    """Collects, inside <form> elements, the controls that arrive with an answer filled in."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_form = 0
        self.datums: list[tuple[str, str]] = []  # (name, value) of date inputs with a value
        self.aangevinkt: list[tuple[str, str]] = []  # checked radios and checkboxes
        self.selects: list[tuple[str, str]] = []  # (name, effectively selected value)
        self.formulieren = 0
        self._select: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.in_form += 1
            self.formulieren += 1
        if not self.in_form:
            return
        if tag == "input":
            soort = (a.get("type") or "text").lower()
            if soort == "date" and a.get("value"):
                self.datums.append((a.get("name"), a["value"]))
            if soort in ("radio", "checkbox") and "checked" in a:
                self.aangevinkt.append((a.get("name"), a.get("value")))
        elif tag == "select":
            self._select = {"name": a.get("name"), "multiple": "multiple" in a, "opties": []}
        elif tag == "option" and self._select is not None:
            self._select["opties"].append((a.get("value", ""), "selected" in a))

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form -= 1
        elif tag == "select" and self._select is not None:
            s, self._select = self._select, None
            gekozen = [waarde for waarde, selected in s["opties"] if selected]
            if not gekozen and s["opties"] and not s["multiple"]:
                # a browser shows the first option as chosen when none is marked selected
                gekozen = [s["opties"][0][0]]
            for waarde in gekozen:
                if waarde:
                    self.selects.append((s["name"], waarde))


def _paginas(w):
    """(route name, role, url) for every GET page of the matrix (the API excluded), on the
    objects of the ``wereld`` fixture ``w``."""
    for naam, spec in sorted(MATRIX.items()):
        if spec["method"] != "get" or naam.startswith("api:"):
            continue
        rol = rol_voor(naam, spec)
        yield naam, rol, _url(naam, spec, objecten_voor(rol, w))
        for rol in sorted(spec["doelgebonden"]):
            # the purpose-bound door: a client under IO regie without a gesprek
            yield naam, rol, _url(naam, spec, w["objecten"], {"client": w["vreemd"]})


def test_no_form_in_the_klantreis_arrives_filled_in(users, wereld):  # noqa: F811
    http = APIClient()
    ingelogd = None
    fouten, formulierpaginas = [], set()
    with time_machine.travel(datetime.datetime(2026, 11, 24, 10, tzinfo=datetime.UTC), tick=False):
        for naam, rol, url in _paginas(wereld):
            if rol != ingelogd:
                http = APIClient()
                login_met_tweede_factor(http, users[rol])
                ingelogd = rol
            response = http.get(url, follow=True)
            assert response.status_code == 200, f"{naam} als {rol}: {response.status_code}"
            if "text/html" not in response.get("Content-Type", ""):
                continue
            parser = _Formulieren()
            parser.feed(response.content.decode())
            if parser.formulieren:
                formulierpaginas.add(naam)
            waar = f"{naam} ({rol})"
            gevonden = [("datum", *d) for d in parser.datums]
            gevonden += [("aangevinkt", *c) for c in parser.aangevinkt]
            if MATRIX[naam]["soort"] == "client" or naam in KLANTREIS_OBJECT:
                gevonden += [("keuze", *s) for s in parser.selects]
            fouten += [
                f"{waar}: {wat} {veld}={waarde}"
                for wat, veld, waarde in gevonden
                if (naam, veld) not in ONSCHULDIG
            ]
    print(f"\n{len(formulierpaginas)} pagina's met een formulier, {len(fouten)} ingevuld")  # noqa: T201
    # the walk really reached the klantreis forms
    assert {
        "intake:screening",
        "intake:ambitiegesprek",
        "intake:ladder",
        "intake:besluit",
        "begeleiding:voortgangsgesprek",
        "begeleiding:plan",
        "begeleiding:uitstroom",
        "trajecten:traject_nieuw",
        "handhaving:onderzoek_besluit",
        "clients:groepsindeling",
    } <= formulierpaginas
    assert fouten == [], "\n".join(fouten)
