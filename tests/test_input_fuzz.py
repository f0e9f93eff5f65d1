"""Fuzz test over every form and every API write route of the access matrix (issue 32).

Each text, date and number field gets the bad values below, one field at a time, on top of
the form as the page renders it (plus valid values where the page starts empty) or a valid
API body. A bad value may be refused (a 4xx, or the form shown again with an error), never
answered with a server error and never saved: every POST runs in a savepoint that is rolled
back afterwards, and PostgreSQL's per-transaction statistics tell whether a domain table had a
row inserted, updated or deleted meanwhile.
"""

import datetime
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
import time_machine
from django.db import connection, transaction
from django.urls import Resolver404, resolve
from rest_framework import serializers
from rest_framework.test import APIClient

from clients.models import Client
from clients.trajecten.models import Traject
from deventer_werk.api import serializers as s
from tests import test_access_matrix
from tests.factories import make_bsn
from tests.fixtures.otp import login_met_tweede_factor
from tests.test_access_matrix import DOSSIER, EIGEN_OBJECT, MATRIX, OPEN, _url, objecten_voor

pytestmark = pytest.mark.django_db
wereld = test_access_matrix.wereld  # the access matrix's fixture: its clients and objects

SLECHT = {
    "superscript": "²²²²²²²²²",
    "arabisch-indisch": "١٢٣٤٥٦٧٨٩",
    "jaar 1": "0001-01-01",
    "jaar 9999": "9999-12-31",
    "rechts-naar-links": "Jan\u202eneJ",
    "nulbreedte": "Ja\u200bn",
    "nul-byte": "Jan\x00",
    "10.000 tekens": "x" * 10_000,
}
# In a name or free text the digit and date strings are odd but harmless text: there they may
# be saved (and must not cause a server error). Everything is bad for a BSN, number or date.
SLECHT_IN_TEKST = {"rechts-naar-links", "nulbreedte", "nul-byte", "10.000 tekens"}
FUZZ_INPUT_TYPES = {"text", "date", "number", "email", "tel", "search", "datetime-local", "time"}
# Written on any request, refused or not: the audit trail, sessions, login bookkeeping.
GEEN_OPSLAG = ("audit_", "axes_", "django_session", "otp_", "accounts_user", "django_admin_log")
NU = datetime.datetime(2026, 11, 24, 10, tzinfo=datetime.UTC)

# Valid values for forms that start empty, so that the one bad value is the only problem.
GELDIG = {
    "bsn": make_bsn,
    "voornamen": "Jan",
    "achternaam": "Jansen",
    "geboortedatum": "1980-05-01",
    "melddatum": "2026-11-20",
    "woonplaats": "Deventer",
    "van": "2026-11-24",
    "datum": "2026-11-24",
    "start": "2026-11-24",
    "gestart_op": "2026-11-24",
    "omschrijving": "Toelichting",
    "reden": "Toelichting",
    "motivatie": "Toelichting",
    "functie": "Orderpicker",
    "uren": "32",
    "naam": "Jansen",
    "afhandeling": "Gebeld",
    "einddatum": "2026-11-24",
    "aanvraagdatum": "2026-11-20",
    "notitie": "Gedaan",
    "onderwerp": "Logistiek",
    "plaats": "Stadhuis",
    "tijd": "10:00",
    "competenties": "Heftruck",
    "loonwaarde": "60",
    "organisatie": "Buurthuis",
    "toelichting": "Toelichting",
    "verslag": "Verslag",
    "maanden": "3",
}


class _Forms(HTMLParser):
    """Every <form> of a page: method, action and the values it would submit."""

    def __init__(self):
        super().__init__()
        self.forms, self._select, self._textarea = [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append(
                {"method": (a.get("method") or "get").lower(), "action": a.get("action") or ""}
                | {"data": {}, "fuzz": []}
            )
            return
        if tag == "option" and self.forms and self._select:
            # the selected option, else the first real choice (as a user would pick one)
            waarde, data = a.get("value", ""), self.forms[-1]["data"]
            if "selected" in a or (waarde and not data.get(self._select)):
                data[self._select] = waarde
        if not self.forms or not a.get("name"):
            return
        form, name = self.forms[-1], a["name"]
        if tag == "input":
            soort = (a.get("type") or "text").lower()
            if soort == "radio":
                # the checked choice, else the first one
                if "checked" in a or name not in form["data"]:
                    form["data"][name] = a.get("value", "on")
            elif soort == "checkbox":
                if "checked" in a:
                    form["data"].setdefault(name, a.get("value", "on"))
            elif soort not in ("submit", "button", "file"):
                form["data"][name] = a.get("value") or ""
                form.setdefault("soorten", {})[name] = soort
                if soort in FUZZ_INPUT_TYPES:
                    tekst = soort not in ("date", "number", "datetime-local", "time")
                    form["fuzz"].append((name, tekst and name != "bsn"))
        elif tag == "textarea":
            form["data"][name], self._textarea = "", name
            form["fuzz"].append((name, True))
        elif tag == "select":
            self._select = name

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self.forms:
            # a browser drops the newline Django writes after <textarea>
            tekst = self.forms[-1]["data"][self._textarea] + data
            self.forms[-1]["data"][self._textarea] = tekst.removeprefix("\n")


def _writes() -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_xact_user_tables"
        )
        return {tabel: n for tabel, n in cursor.fetchall() if not tabel.startswith(GEEN_OPSLAG)}


class _Teller:
    def __init__(self):
        self.posts = self.geweigerd = self.toegestaan = self.onschuldig = 0
        self.fouten, self.opgeslagen = [], []

    def stuur(self, label, send, *args, slecht=True, **kwargs):
        """One request in a savepoint that is rolled back: its status and, for a bad value,
        whether it wrote to a domain table."""
        self.posts += 1
        with transaction.atomic():
            voor = _writes()
            response = send(*args, **kwargs)
            status = response.status_code
            if status >= 500:
                self.fouten.append(f"{label}: {status}")
            else:
                na = _writes()
                gewijzigd = sorted(t for t, n in na.items() if n != voor.get(t, 0))
                if not slecht:
                    self.onschuldig += 1
                elif gewijzigd:
                    self.opgeslagen.append(f"{label}: {status}, {', '.join(gewijzigd)}")
                elif status >= 400 or status == 200:
                    self.geweigerd += 1
                else:
                    self.toegestaan += 1
            transaction.set_rollback(True)
        return response

    def rapport(self, soort):
        print(  # noqa: T201
            f"\n{soort}: {self.posts} verzoeken, {self.geweigerd} geweigerd (4xx of formulier "
            f"met fout), {len(self.fouten)} serverfouten (5xx), {len(self.opgeslagen)} stil "
            f"opgeslagen, {self.toegestaan} anders beantwoord zonder opslag, {self.onschuldig} "
            "onschuldige tekst (cijfers of datum in een tekstveld)"
        )
        for regel in self.fouten + self.opgeslagen:
            print("  ", regel)  # noqa: T201


def _rollen(naam, spec):
    """Roles to try for a route, the ones that see the own client first."""
    voorkeur = EIGEN_OBJECT.get(naam, spec["rollen"])
    return sorted(voorkeur, key=lambda r: (r not in DOSSIER, r))


def _formulieren(http_per_rol, wereld):
    """(route, role, form) for every form on every page route of the matrix, once per
    (action, fields)."""
    gezien, gevonden = set(), []
    for naam, spec in sorted(MATRIX.items()):
        if naam.startswith("api:") or spec["method"] != "get":
            continue
        for rol in _rollen(naam, spec):
            url = _url(naam, spec, objecten_voor(rol, wereld))
            response = http_per_rol(rol).get(url, spec["query"])
            if response.status_code != 200 or "text/html" not in response.get("Content-Type"):
                continue
            parser = _Forms()
            parser.feed(response.content.decode())
            for form in parser.forms:
                actie = urlsplit(form["action"]).path or url
                try:
                    doel = resolve(actie)
                except Resolver404:
                    continue
                sleutel = (actie, form["method"], tuple(sorted(form["data"])))
                if doel.view_name in OPEN or not form["fuzz"] or sleutel in gezien:
                    continue
                gezien.add(sleutel)
                gevonden.append((naam, rol, actie, form))
            break
    return gevonden


@pytest.fixture
def http_per_rol(users):
    clients = {}

    def http(rol):
        if rol not in clients:
            clients[rol] = APIClient(raise_request_exception=False)
            login_met_tweede_factor(clients[rol], users[rol])
        return clients[rol]

    return http


def _basis(form):
    data = dict(form["data"])
    for veld in data:
        waarde = GELDIG.get(veld.rpartition("-")[2])  # also a prefixed form's field
        if waarde is None and form.get("soorten", {}).get(veld) == "date":
            # forms arrive without pre-filled dates (honest forms): the test's "today", the
            # day of every other date it fills in, so no date lies before another
            waarde = GELDIG["datum"]
        if waarde is not None and not data[veld]:
            data[veld] = waarde() if callable(waarde) else waarde
    return data


def test_no_form_answers_a_bad_value_with_a_server_error_or_saves_it(
    wereld, http_per_rol, settings
):
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    teller, geldig, ongeldig = _Teller(), [], []
    with time_machine.travel(NU, tick=False):
        formulieren = _formulieren(http_per_rol, wereld)
        for naam, rol, actie, form in formulieren:
            http = http_per_rol(rol)
            basis = _basis(form)
            send = http.post if form["method"] == "post" else http.get
            if form["method"] == "post":
                with transaction.atomic():
                    voor = _writes()
                    send(actie, basis)
                    (geldig if _writes() != voor else ongeldig).append(f"{naam} {actie}")
                    transaction.set_rollback(True)
            for veld, tekst in form["fuzz"]:
                for label, waarde in SLECHT.items():
                    data = {**basis, veld: waarde}
                    teller.stuur(
                        f"{naam} {form['method'].upper()} {actie} {veld}={label}",
                        send,
                        actie,
                        data,
                        slecht=not tekst or label in SLECHT_IN_TEKST,
                    )
    teller.rapport(f"formulieren ({len(formulieren)})")
    print(  # noqa: T201
        f"zonder slechte waarde opgeslagen: {len(geldig)} POST-formulieren; "
        f"niet (zoekformulieren, of geldig alleen met keuzes die de test niet raadt): "
        f"{len(ongeldig)}"
    )
    # the bad value was the only problem in most forms: the refusals are the hygiene's
    assert len(formulieren) >= 40 and len(geldig) >= 20
    assert teller.fouten == []
    assert teller.opgeslagen == []


def _api_routes(wereld, users):
    """(route, role, method, url, valid body, serializer of the body) for every API write."""
    o = wereld["objecten"]
    klant = Client.objects.get(pk=o["client"])
    client_velden = {
        "voornamen": "Jan",
        "achternaam": "Jansen",
        "geboortedatum": "1980-05-01",
        "woonplaats": "Deventer",
    }
    bestaand = Traject.objects.get(pk=o["traject"])
    traject = {
        "instrument_id": bestaand.instrument_id,
        "aanbieder_id": bestaand.aanbieder_id,
        "start": "2026-11-24",
    }

    def url(naam, **kw):
        return _url(naam, {"args": kw}, o)

    return [
        (
            "api:client-list",
            "inkomensconsulent",
            "post",
            url("api:client-list"),
            {**client_velden, "bsn": make_bsn(), "melddatum": "2026-11-20"},
            s.ClientCreateSerializer,
        ),
        (
            "api:client-detail",
            "inkomensconsulent",
            "patch",
            url("api:client-detail", pk="client"),
            {"versie": klant.versie},
            s.ClientUpdateSerializer,
        ),
        (
            "api:client-detail",
            "inkomensconsulent",
            "put",
            url("api:client-detail", pk="client"),
            {**client_velden, "versie": klant.versie},
            s.ClientUpdateSerializer,
        ),
        (
            "api:client-zoeken",
            "inkomensconsulent",
            "post",
            url("api:client-zoeken"),
            {"bsn": klant.bsn},
            s.BsnZoekSerializer,
        ),
        (
            "api:groepslidmaatschap-list",
            "inkomensconsulent",
            "post",
            url("api:groepslidmaatschap-list", client_pk="client"),
            {"klantgroep": "zorgen", "van": "2026-11-24", "soort": "doorstroom", "reden": "x"},
            s.GroepswijzigingSerializer,
        ),
        (
            "api:signaal-list",
            "inkomensconsulent",
            "post",
            url("api:signaal-list", client_pk="client"),
            {"soort": "overig", "omschrijving": "Toelichting"},
            s.SignaalMeldSerializer,
        ),
        (
            "api:signaal-afhandelen",
            "inkomensconsulent",
            "post",
            url("api:signaal-afhandelen", client_pk="client", pk="signaal"),
            {"afhandeling": "Gebeld"},
            s.SignaalAfhandelSerializer,
        ),
        (
            "api:voortgangsgesprek-list",
            "inkomensconsulent",
            "post",
            url("api:voortgangsgesprek-list", client_pk="client"),
            {"datum": "2026-11-24", "plek": "kantoor", "welzijn": 3, "stress": 3}
            | {"juiste_groep": True, "leefsituatie": "Stabiel"},
            s.VoortgangsgesprekSerializer,
        ),
        (
            "api:traject-list",
            "werkcoach",
            "post",
            url("api:traject-list", client_pk="client"),
            traject,
            s.TrajectSerializer,
        ),
    ]


def _api_schrijfroutes(wereld):
    """(route, method) for every API route of the matrix that takes a POST, PUT or PATCH."""
    schrijf = set()
    for naam, spec in MATRIX.items():
        if not naam.startswith("api:"):
            continue
        view = resolve(_url(naam, spec, wereld["objecten"])).func
        acties = getattr(view, "actions", None)
        methods = set(acties) if acties else {m.lower() for m in view.cls().allowed_methods}
        schrijf |= {(naam, m) for m in methods & {"post", "put", "patch"}}
    return schrijf


def _api_fuzz_velden(serializer_class):
    """(name, is plain text) for every writable text, date and number field."""
    soorten = (serializers.CharField, serializers.DateField, serializers.IntegerField)
    return [
        (n, isinstance(f, serializers.CharField) and n != "bsn")
        for n, f in serializer_class().fields.items()
        if not f.read_only and isinstance(f, soorten)
    ]


def test_no_api_write_answers_a_bad_value_with_a_server_error_or_saves_it(
    wereld, http_per_rol, users, settings
):
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    teller = _Teller()
    with time_machine.travel(NU, tick=False):
        routes = _api_routes(wereld, users)
        assert {(r[0], r[2]) for r in routes} == _api_schrijfroutes(wereld)
        for naam, rol, method, url, body, serializer_class in routes:
            http = http_per_rol(rol)
            send = getattr(http, method)
            with transaction.atomic():
                geldig = send(url, body, format="json")
                transaction.set_rollback(True)
            assert geldig.status_code < 400, (naam, method, geldig.content)
            for veld, tekst in _api_fuzz_velden(serializer_class):
                for label, waarde in SLECHT.items():
                    data = {**body, veld: waarde}
                    teller.stuur(
                        f"{naam} {method} {veld}={label}",
                        send,
                        url,
                        data,
                        format="json",
                        slecht=not tekst or label in SLECHT_IN_TEKST,
                    )
        zonder_versie = teller.stuur(
            "api:client-detail patch zonder versie",
            http_per_rol("inkomensconsulent").patch,
            _url("api:client-detail", MATRIX["api:client-detail"], wereld["objecten"]),
            {"voornamen": "Jan"},
            format="json",
        )
    teller.rapport(f"API ({len(routes)} schrijfroutes)")
    assert zonder_versie.status_code == 400
    assert list(zonder_versie.json()) == ["versie"]
    assert teller.fouten == []
    assert teller.opgeslagen == []
