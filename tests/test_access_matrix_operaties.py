"""Issue 31 part 2: the API access matrix per operation (method × route × role). The main
matrix lists one method per route name; here every writing operation of the API has a row of
its own, a walk checks that no operation lacks one, and every role tries every operation with
an empty body: an allowed door answers below 400 or with 400 (the body was refused, the door
was open); a closed one 403, or 404 outside need-to-know. Unexpected allows: 0."""

import datetime

import pytest
import time_machine
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient

from tests.fixtures.otp import login_met_tweede_factor
from tests.test_access_matrix import (  # noqa: F401  (wereld is a fixture)
    DOSSIER,
    IC,
    IN,
    MATRIX,
    PM,
    PW,
    ROLLEN,
    WC,
    _url,
    objecten_voor,
    wereld,
)

pytestmark = pytest.mark.django_db

# (route, method) → the roles the access policy lets through (after need-to-know).
OPERATIES = {
    ("api:client-list", "post"): {PW, IC},  # clients.registreren
    ("api:client-detail", "put"): DOSSIER,  # clients.bewerken
    ("api:client-detail", "patch"): DOSSIER,
    ("api:groepslidmaatschap-list", "post"): {IN, IC, WC, PM},  # clients.groep_wijzigen
    ("api:signaal-list", "post"): DOSSIER,  # clients.signaal_melden
    ("api:voortgangsgesprek-list", "post"): {IC},  # begeleiding.voortgangsgesprek
    ("api:traject-list", "post"): {WC, PM},  # trajecten.traject
}
LEES = {"get", "head", "options"}


def _api_operaties():
    """(route name, method) of every operation the API routes answer to."""

    def walk(resolver, namespace=None):
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                yield from walk(p, p.namespace or namespace)
            elif isinstance(p, URLPattern) and namespace == "api" and p.name:
                acties = getattr(p.callback, "actions", None)
                if acties:
                    methoden = set(acties)
                else:
                    cls = getattr(p.callback, "cls", None)
                    methoden = {m for m in getattr(cls, "http_method_names", []) if hasattr(cls, m)}
                for m in methoden:
                    yield f"api:{p.name}", m

    return set(walk(get_resolver()))


def test_every_api_operation_has_a_row():
    ontbreekt = []
    for naam, methode in sorted(_api_operaties()):
        if methode in LEES or naam not in MATRIX:
            continue
        if MATRIX[naam]["method"] == methode or (naam, methode) in OPERATIES:
            continue
        ontbreekt.append(f"{methode.upper()} {naam}")
    assert ontbreekt == [], "API-operaties zonder rij in de matrix"
    assert set(OPERATIES) <= _api_operaties(), "de matrix noemt operaties die niet bestaan"


@pytest.mark.parametrize("rol", ROLLEN)
def test_every_api_operation_per_role(rol, users, wereld):  # noqa: F811
    http = APIClient()
    login_met_tweede_factor(http, users[rol])
    fouten, onverwacht, aantal = [], 0, 0
    with time_machine.travel(datetime.datetime(2026, 11, 24, 10, tzinfo=datetime.UTC), tick=False):
        for (naam, methode), rollen in sorted(OPERATIES.items()):
            spec = MATRIX[naam]
            url = _url(naam, spec, objecten_voor(rol, wereld))
            status = getattr(http, methode)(url, {}, format="json").status_code
            aantal += 1
            if spec["soort"] == "client" and rol not in DOSSIER:
                verwacht = 404
            elif rol not in rollen:
                verwacht = 403
            else:
                verwacht = "toegestaan"
            if verwacht == "toegestaan":
                ok = status < 400 or status == 400
            else:
                ok = status == verwacht
                onverwacht += status < 400 or status == 400
            if not ok or status >= 500:
                fouten.append(f"{methode.upper()} {naam}: {status}, verwacht {verwacht}")
    print(f"\n{rol}: {aantal} operaties, {onverwacht} onverwacht toegestaan")  # noqa: T201
    assert onverwacht == 0
    assert fouten == []
