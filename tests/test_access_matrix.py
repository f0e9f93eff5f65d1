"""Route-walking access test: every URL pattern (pages and the API under /api/v1/) has an
entry in one access matrix, and each route is requested as every role, anonymously, and for
client-scoped routes with an own client, a client outside need-to-know and a non-existent one.

The matrix is written out here on purpose (from DESIGN.md §1 and the README), independent of
the ``rules.py`` modules it checks. A route without an entry fails the test.

Expected outcomes:
- anonymous: a redirect to the login page (pages) or 401/403 (API), except ``OPEN`` routes;
- a role in the route's set: allowed (any status below 400, or a 400 for an empty API body);
- outside need-to-know (or a non-existent client): 404 whatever the role, checked first;
- a role not in the set, on a visible client or a route without a client: 403.
"""

import datetime
import uuid

import pytest
import time_machine
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.test import APIClient

from clients.handhaving.models import Rechtmatigheidsonderzoek
from clients.intake.models import KickoffSessie
from clients.intake.services import aanvraag_registreer
from clients.models import Client, Signaal, Taak
from clients.trajecten.models import (
    Plaatsing,
    PlekPlaatsing,
    Themabijeenkomst,
    Traject,
    Uitkeringseinde,
)
from monitoring.models import Raadsrapportage
from tests.factories import client_in_groep, klantgroep
from tests.fixtures.otp import login_met_tweede_factor
from tests.intake.factories import ambitie
from tests.trajecten.factories import instrument, plek, sector, vacature, werkgever

pytestmark = pytest.mark.django_db

PW, IN, IC, WC, PM, TR, HH, BL, BH = (
    "poortwachter",
    "intaker",
    "inkomensconsulent",
    "werkcoach",
    "participatiemakelaar",
    "trainer",
    "handhaver",
    "beleidsmedewerker",
    "beheerder",
)
ROLLEN = (PW, IN, IC, WC, PM, TR, HH, BL, BH)
DOSSIER = frozenset({PW, IN, IC, WC, PM, HH})
# IO sees every dossier (need-to-know), except the participatiemakelaar: Faciliteren only
# (issue 31). The world's own client is in Matchen (every other dossier role sees it); the
# participatiemakelaar's own client is a Faciliteren one (``objecten_voor``).
IO_ROLLEN = frozenset({PW, IC, HH})
ALLE = frozenset(ROLLEN)

# Routes anyone may open, and namespaces with their own authentication (Django admin: staff).
OPEN = {"login", "logout", "healthz", "api:schema", "api:docs"}
EIGEN_AUTH_NAMESPACES = {"admin"}


def route(rollen, soort="plain", args=None, method="get", kind=None, query=None, doelgebonden=()):
    """``soort``: plain (no object), client (client-scoped; ``kind`` names the child object
    in the URL, if any) or object (a non-client object: ``args`` names its fixture key).
    ``doelgebonden``: roles that open this route also for a client outside their need-to-know
    while the client has no ambitiegesprek (DESIGN §1, the one purpose-bound exception)."""
    return {
        "doelgebonden": frozenset(doelgebonden),
        "rollen": frozenset(rollen),
        "soort": soort,
        "args": args or {},
        "method": method,
        "kind": kind,
        "query": query or {},
    }


C = {"pk": "client"}
MATRIX = {
    "home": route(ALLE),
    # dossier core
    "clients:mijn_klanten": route(DOSSIER),
    "clients:zoeken": route(DOSSIER),
    "clients:registreren": route({PW, IC}),
    "clients:caseload_overdracht": route({BH}),
    "clients:dossier": route(DOSSIER, "client", C),
    "clients:bsn_tonen": route({PW, IC, PM, HH}, "client", C, method="post"),
    "clients:bewerken": route(DOSSIER, "client", C),
    "clients:groepsindeling": route({IN, IC, WC, PM}, "client", C),
    "clients:groep_corrigeren": route({IN, IC, WC, PM}, "client", C),
    "clients:uitstroom_corrigeren": route({IC}, "client", C),
    "clients:contactpersoon": route({IC, WC, PW, IN}, "client", C),
    "clients:tijdlijn": route(DOSSIER, "client", C),
    "clients:signaal_melden": route(DOSSIER, "client", C),
    "clients:signaal_afhandelen": route(
        DOSSIER, "client", {"pk": "client", "signaal_id": "signaal"}, kind="signaal"
    ),
    # intake
    "intake:screening": route({PW}, "client", C),
    "intake:aanvraag": route({IC}, "client", C),
    "intake:besluit": route({IC}, "client", C, kind="open aanvraag"),
    # DWT's intaker holds it with every client without one, also under IO regie (§4.1)
    "intake:ambitiegesprek": route({IN}, "client", C, doelgebonden={IN}),
    "intake:ladder": route({IN, WC, IC, PM}, "client", C),
    "intake:zonder_ambitiegesprek": route({IN}),
    "intake:kickoff_sessies": route({TR, IN}),
    "intake:kickoff_sessie": route({TR, IN}, "object", {"sessie_pk": "sessie"}),
    "intake:kickoff_bestand": route({TR}),
    # begeleiding
    "begeleiding:werkvoorraad": route(DOSSIER | {TR}),
    "begeleiding:taak": route(DOSSIER | {TR}, "object", {"taak_pk": "taak"}),
    "begeleiding:reviews_neem": route({HH}, method="post"),
    "begeleiding:plan": route({WC, PM}, "client", C),
    "begeleiding:plan_versies": route(DOSSIER, "client", C),
    "begeleiding:voortgangsgesprek": route({IC}, "client", C),
    "begeleiding:uitstroom": route({IC}, "client", C),
    "begeleiding:voorbereiding": route(DOSSIER, "client", C),
    # trajecten
    "trajecten:dashboard": route({WC, PM}),
    "trajecten:lijst": route({WC, PM}),
    "trajecten:vacatures": route({WC}),
    "trajecten:vacature": route({WC}, "object", {"vacature_pk": "vacature"}),
    "trajecten:werkgevers": route({WC}),
    "trajecten:werkgever": route({WC}, "object", {"werkgever_pk": "werkgever"}),
    "trajecten:plekken": route({PM}),
    "trajecten:themabijeenkomsten": route({WC, PM, TR}),
    "trajecten:themabijeenkomst": route({WC, PM, TR}, "object", {"bijeenkomst_pk": "bijeenkomst"}),
    "trajecten:plaatsing": route({WC}, "object", {"plaatsing_pk": "plaatsing"}),
    "trajecten:traject_nieuw": route({WC, PM}, "client", C),
    "trajecten:traject_einde": route(
        {WC, PM}, "client", {"pk": "client", "traject_pk": "traject"}, kind="traject"
    ),
    "trajecten:loonwaarde": route(
        {WC, PM}, "client", {"pk": "client", "traject_pk": "traject"}, kind="traject"
    ),
    "trajecten:plaatsing_nieuw": route({WC}, "client", C),
    "trajecten:plek_nieuw": route({PM}, "client", C),
    "trajecten:plek_beeindig": route(
        {PM}, "client", {"pk": "client", "plaatsing_pk": "plekplaatsing"}, kind="plek"
    ),
    "trajecten:werkprofiel": route({WC, PM}, "client", C),
    "trajecten:uitkeringseinde": route(
        {IC}, "client", {"pk": "client", "einde_pk": "uitkeringseinde"}, kind="uitkeringseinde"
    ),
    # handhaving
    "handhaving:onderzoek_start": route({HH, IC}, "client", C),
    "handhaving:onderzoek_besluit": route(
        {HH, IC}, "client", {"pk": "client", "onderzoek_pk": "onderzoek"}, kind="onderzoek"
    ),
    "handhaving:samenloop": route({HH}, "client", C),
    "handhaving:triage": route({HH}),
    "handhaving:onderzoeken": route({HH, IC}),
    "handhaving:onderzoek": route(
        {HH, IC}, "client", {"pk": "client", "onderzoek_pk": "onderzoek"}, kind="onderzoek"
    ),
    # configuration, monitoring, audit
    "klantgroepen:lijst": route({BH}),
    "klantgroepen:bewerken": route({BH}, "object", {"code": "klantgroep"}),
    "monitoring:dashboard": route({BL, BH}),
    "monitoring:rapporten": route({BL}),
    "monitoring:rapport": route({BL}, "object", {"pk": "rapport"}),
    "monitoring:rapport_status": route({BL}, "object", {"pk": "rapport"}),
    "monitoring:rapport_download": route({BL}, "object", {"pk": "rapport"}),
    "monitoring:export": route({BL, BH}, "object", {"jaar": "jaar", "formaat": "formaat"}),
    "monitoring:export_tabel": route({BL, BH}, "object", {"tabel": "tabel", "formaat": "formaat"}),
    "audit:zoeken": route({BH}),
    "audit:klant": route({BH}, "object", {"client_id": "client"}),
    "audit:export": route({BH}, "object", {"client_id": "client"}),
    # login doors: the second factor and the keep-alive are every signed-in user's own
    "security:2fa_setup": route(ALLE),
    "security:2fa_verify": route(ALLE),
    "security:herstelcodes": route(ALLE),
    "security:keepalive": route(ALLE, method="post"),
    "security:blokkades": route({BH}),
    # API v1
    "api:client-list": route(DOSSIER),
    "api:client-detail": route(DOSSIER, "client", C),
    "api:client-zoeken": route(DOSSIER, method="post"),
    "api:indicatoren": route({BL, BH}, query={"periode": "2026Q2"}),
    "api:groepslidmaatschap-list": route(DOSSIER, "client", {"client_pk": "client"}),
    "api:signaal-list": route(DOSSIER, "client", {"client_pk": "client"}),
    "api:screening-list": route(DOSSIER, "client", {"client_pk": "client"}),
    "api:ambitiegesprek-list": route(DOSSIER, "client", {"client_pk": "client"}),
    "api:voortgangsgesprek-list": route(DOSSIER, "client", {"client_pk": "client"}),
    "api:plan-list": route(DOSSIER, "client", {"client_pk": "client"}),
    "api:traject-list": route(DOSSIER, "client", {"client_pk": "client"}),
    "api:plaatsing-list": route(DOSSIER, "client", {"client_pk": "client"}),
    "api:rechtmatigheidsonderzoek-list": route({IC, HH}, "client", {"client_pk": "client"}),
    "api:signaal-afhandelen": route(
        DOSSIER,
        "client",
        {"client_pk": "client", "pk": "signaal"},
        method="post",
        kind="signaal",
    ),
}
# Objects that belong to someone else (another trainer's session, a meeting organised by a
# werkcoach): the trainer, who has no dossier access, only sees their own.
# Objects that are one person's work: the other roles that may open such pages get a 404.
EIGEN_OBJECT = {"begeleiding:taak": {IC}}
VREEMD_OBJECT = {
    "intake:kickoff_sessie": ("sessie", {TR}),
    "trajecten:themabijeenkomst": ("bijeenkomst", {TR}),
}


def _walk(resolver, prefix="", namespace=None):
    """(qualified name or None, pattern text) for every URL pattern, admin excluded."""
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or namespace
            if ns in EIGEN_AUTH_NAMESPACES:
                continue
            yield from _walk(p, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            naam = f"{namespace}:{p.name}" if namespace and p.name else p.name
            yield naam, prefix + str(p.pattern)


def test_every_route_has_an_entry_in_the_access_matrix():
    routes = list(_walk(get_resolver()))
    zonder_naam = [pattern for naam, pattern in routes if naam is None]
    namen = {naam for naam, _ in routes if naam}
    assert zonder_naam == [], "routes zonder naam kunnen niet in de matrix"
    assert namen - set(MATRIX) - OPEN == set(), "routes zonder toegangsregel in de matrix"
    assert set(MATRIX) - namen == set(), "matrix noemt routes die niet (meer) bestaan"


@pytest.fixture
def wereld(users):
    """Own client (Matchen: every dossier role sees it), a foreign one (Zorgen: IO regie,
    outside a DWT role's need-to-know; no ambitiegesprek yet), a foreign one that had its
    gesprek, and one object of each kind, all on the own client."""
    with time_machine.travel(datetime.datetime(2026, 11, 24, 10, tzinfo=datetime.UTC), tick=False):
        eigen = client_in_groep("matchen", io=users[IC], dwt=users[WC])
        vreemd = client_in_groep("zorgen", io=users[IC])
        vreemd_gesprek = client_in_groep("zorgen", io=users[IC])
        ambitie(users[IN], vreemd_gesprek, "zorgen")
        faciliteren = client_in_groep("faciliteren", io=users[IC])
        ambitie(users[IN], faciliteren, "faciliteren")
        matchen = klantgroep("matchen")
        aanvraag_registreer(actor=users[IC], client=eigen, aanvraagdatum=datetime.date(2026, 11, 2))
        work_fast = instrument("Work fast")
        datum = datetime.datetime(2026, 12, 1, 10, tzinfo=datetime.UTC)
        objecten = {
            "client": eigen.pk,
            "signaal": Signaal.objects.create(client=eigen, soort="overig").pk,
            "traject": Traject.objects.create(
                client=eigen,
                instrument=work_fast,
                aanbieder=work_fast.aanbieders.first(),
                klantgroep=matchen,
                start=datetime.date(2026, 10, 1),
                gepland_einde=datetime.date(2027, 3, 1),
                werkcoach=users[WC],
            ).pk,
            "plekplaatsing": PlekPlaatsing.objects.create(
                client=eigen, plek=plek(), start=datetime.date(2026, 10, 1), makelaar=users[PM]
            ).pk,
            "onderzoek": Rechtmatigheidsonderzoek.objects.create(
                client=eigen,
                selectiereden="periodiek",
                gestart_op=datetime.date(2026, 11, 1),
                handhaver=users[HH],
            ).pk,
            "sessie": KickoffSessie.objects.create(
                klantgroep=matchen, datum=datum, plaats="Stadhuis", trainer=users[TR], capaciteit=12
            ).pk,
            "bijeenkomst": Themabijeenkomst.objects.create(
                type="branchegericht",
                onderwerp="Logistiek",
                datum=datum,
                plaats="DWT",
                sector=sector(),
                georganiseerd_door=users[TR],
            ).pk,
            "vacature": vacature().pk,
            "werkgever": werkgever("Bakkerij Deventer").pk,
            "plaatsing": Plaatsing.objects.create(
                client=eigen,
                werkgever=werkgever("Zorggroep Sint Jozef"),
                functie="Orderpicker",
                uren=32,
                contract="bepaald",
                start=datetime.date(2026, 10, 1),
                werkcoach=users[WC],
                nazorg_tot=datetime.date(2027, 10, 1),
            ).pk,
            "rapport": Raadsrapportage.objects.create(
                periode="2026H1", status="klaar", pdf=b"%PDF-1.4\n", aangevraagd_door=users[BL]
            ).pk,
            "klantgroep": "matchen",
            "tabel": "alle",
            "taak": Taak.objects.create(
                client=eigen,
                soort="overig",
                datum=datetime.date(2026, 11, 24),
                omschrijving="Bellen",
                medewerker=users[IC],
            ).pk,
            "jaar": 2026,
            "formaat": "csv",
        }
        objecten["uitkeringseinde"] = Uitkeringseinde.objects.create(
            plaatsing_id=objecten["plaatsing"],
            client=eigen,
            voorgestelde_laatste_dag=datetime.date(2026, 11, 30),
            voorgesteld_door=users[WC],
        ).pk
        vreemde_objecten = {
            "sessie": KickoffSessie.objects.create(
                klantgroep=matchen,
                datum=datum,
                plaats="Stadhuis",
                trainer=users[WC],  # not the test's trainer
                capaciteit=12,
            ).pk,
            "bijeenkomst": Themabijeenkomst.objects.create(
                type="branchegericht",
                onderwerp="Zorg",
                datum=datum,
                plaats="DWT",
                sector=sector(),
                georganiseerd_door=users[WC],
            ).pk,
        }
    return {
        "objecten": objecten,
        "vreemd": vreemd.pk,
        "vreemd_gesprek": vreemd_gesprek.pk,
        "faciliteren": faciliteren.pk,
        "faciliteren_plek": PlekPlaatsing.objects.create(
            client=faciliteren, plek=plek(), start=datetime.date(2026, 10, 1), makelaar=users[PM]
        ).pk,
        "vreemde_objecten": vreemde_objecten,
    }


NIET_BESTAAND = {
    "client": uuid.UUID(int=1),
    "jaar": 1990,
    "klantgroep": "bestaat-niet",
    "tabel": "bestaat-niet",
}


def _url(naam, spec, objecten, vervang=None):
    waarden = {**objecten, **(vervang or {})}
    kwargs = {arg: waarden[sleutel] for arg, sleutel in spec["args"].items()}
    return reverse(naam, kwargs=kwargs)


def _verwacht_toegestaan(status: int, method: str) -> bool:
    # An empty POST body is refused with a 400: the door itself was open.
    return status < 400 or (method == "post" and status == 400)


def _vraag(http, spec, url):
    if spec["method"] == "post":
        return http.post(url, {}, format="json")
    return http.get(url, spec["query"])


def rol_voor(naam: str, spec: dict) -> str:
    """The first role (in ROLLEN order) that may open ``naam`` on the world's own objects."""
    for rol in ROLLEN:
        if rol not in spec["rollen"] or rol not in EIGEN_OBJECT.get(naam, {rol}):
            continue
        if spec["soort"] == "client" and rol not in DOSSIER:
            continue
        return rol
    raise AssertionError(f"geen rol die {naam} mag openen")


def antwoord_tekst(response) -> str:
    """A page's or API answer's text (a download streamed in full); JSON also with its
    non-ASCII characters unescaped, so names and markers are found as written."""
    import json

    inhoud = b"".join(response.streaming_content) if response.streaming else response.content
    tekst = inhoud.decode(errors="replace")
    if response.get("Content-Type", "").startswith("application/json"):
        tekst += json.dumps(json.loads(tekst), ensure_ascii=False)
    return tekst


def objecten_voor(rol, wereld) -> dict:
    """The world's objects as ``rol`` works with them: the participatiemakelaar's own client
    is the Faciliteren one, with its participatieplek (she sees no Matchen client)."""
    if rol != PM:
        return wereld["objecten"]
    return {
        **wereld["objecten"],
        "client": wereld["faciliteren"],
        "plekplaatsing": wereld["faciliteren_plek"],
    }


def _cases(naam, spec, rol, wereld):
    """(case label, url, expected) per case for one role."""
    objecten = objecten_voor(rol, wereld)
    mag = rol in spec["rollen"]
    eigen = "toegestaan" if mag else 403
    if spec["soort"] == "plain":
        return [("eigen", _url(naam, spec, objecten), eigen)]
    if spec["soort"] == "object":
        sleutel = next(iter(spec["args"].values()))
        niet_bestaand = NIET_BESTAAND.get(sleutel, 999_999)
        if mag and rol not in EIGEN_OBJECT.get(naam, {rol}):
            eigen = 404
        cases = [
            ("eigen", _url(naam, spec, objecten), eigen),
            (
                "niet-bestaand",
                _url(naam, spec, objecten, {sleutel: niet_bestaand}),
                404 if mag else 403,
            ),
        ]
        if naam in VREEMD_OBJECT:
            obj, alleen_eigen = VREEMD_OBJECT[naam]
            vreemd = 404 if rol in alleen_eigen else eigen
            url = _url(naam, spec, objecten, {obj: wereld["vreemde_objecten"][obj]})
            cases.append(("vreemd", url, vreemd))
        return cases
    # client-scoped: need-to-know before the role
    ziet_eigen = rol in DOSSIER
    ziet_vreemd = rol in IO_ROLLEN
    eigen = eigen if ziet_eigen else 404
    kinderen = set(spec["args"].values()) - {"client"}
    if rol == PM and kinderen - {"plekplaatsing"} and eigen == "toegestaan":
        eigen = 404  # the child object belongs to the Matchen client: not under her own

    def vreemd(doelgebonden: bool):
        if doelgebonden and rol in spec["doelgebonden"]:
            return "toegestaan"  # purpose-bound: the gesprek page only, while none is held
        if not ziet_vreemd:
            return 404
        if not mag:
            return 403
        # the child object in the URL belongs to the own client: not found under another
        return 404 if spec["kind"] else "toegestaan"

    cases = [
        ("eigen", _url(naam, spec, objecten), eigen),
        ("vreemd", _url(naam, spec, objecten, {"client": wereld["vreemd"]}), vreemd(True)),
        ("niet-bestaand", _url(naam, spec, objecten, NIET_BESTAAND), 404),
    ]
    if not kinderen and not spec["kind"]:
        # a Faciliteren client (it had its gesprek): IO roles and the participatiemakelaar
        fac = _url(naam, spec, objecten, {"client": wereld["faciliteren"]})
        if rol not in IO_ROLLEN | {PM}:
            cases.append(("faciliteren", fac, 404))
        else:
            cases.append(("faciliteren", fac, "toegestaan" if mag else 403))
    if spec["doelgebonden"]:
        # once the gesprek is held the purpose-bound door is closed again
        url = _url(naam, spec, objecten, {"client": wereld["vreemd_gesprek"]})
        cases.append(("vreemd-met-gesprek", url, vreemd(False)))
    return cases


def _ontbrekende_headers(response, waar: str) -> list[str]:
    """Every authenticated answer, page or API, allowed or refused: a strict CSP, the
    Permissions-Policy and no-store (nothing of a dossier stays in a cache)."""
    csp = response.get("Content-Security-Policy", "")
    fout = []
    if "script-src 'self'" not in csp or "style-src 'self'" not in csp or "unsafe-inline" in csp:
        fout.append("CSP")
    if "camera=()" not in response.get("Permissions-Policy", ""):
        fout.append("Permissions-Policy")
    if "no-store" not in response.get("Cache-Control", ""):
        fout.append("no-store")
    return [f"{waar}: zonder {', '.join(fout)}"] if fout else []


@pytest.mark.parametrize("rol", ROLLEN)
def test_access_matrix_per_role(rol, users, wereld, settings):
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    http = APIClient()
    login_met_tweede_factor(http, users[rol])
    fouten, toegestaan_onverwacht, aantal = [], 0, 0
    with time_machine.travel(datetime.datetime(2026, 11, 24, 10, tzinfo=datetime.UTC), tick=False):
        for naam, spec in sorted(MATRIX.items()):
            for case, url, verwacht in _cases(naam, spec, rol, wereld):
                aantal += 1
                response = _vraag(http, spec, url)
                status = response.status_code
                fouten += _ontbrekende_headers(response, f"{naam} [{case}] {url}")
                toegestaan = _verwacht_toegestaan(status, spec["method"])
                if verwacht == "toegestaan":
                    ok = toegestaan
                else:
                    ok = status == verwacht
                    toegestaan_onverwacht += toegestaan
                if not ok or status >= 500:
                    fouten.append(f"{naam} [{case}] {url}: {status}, verwacht {verwacht}")
    print(f"\n{rol}: {aantal} verzoeken, {toegestaan_onverwacht} onverwacht toegestaan")  # noqa: T201
    assert toegestaan_onverwacht == 0
    assert fouten == []


def test_anonymous_is_sent_to_the_login_page_or_refused_by_the_api(wereld):
    http = APIClient()
    objecten = wereld["objecten"]
    fouten = []
    for naam, spec in sorted(MATRIX.items()):
        url = _url(naam, spec, objecten)
        response = _vraag(http, spec, url)
        if url.startswith("/api/"):
            if response.status_code not in (401, 403):
                fouten.append(f"{naam}: {response.status_code}")
        elif response.status_code != 302 or not response["Location"].startswith(reverse("login")):
            fouten.append(f"{naam}: {response.status_code}")
    assert fouten == []
    # the explicitly open routes answer without a login, the admin has its own login
    assert http.get(reverse("login")).status_code == 200
    assert http.get(reverse("healthz")).status_code in (200, 503)
    admin = http.get("/admin/")
    assert admin.status_code == 302 and "/admin/login/" in admin["Location"]
    assert Client.objects.count() == 4  # the world's: nothing registered anonymously
