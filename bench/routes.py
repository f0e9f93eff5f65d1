"""Every GET route of the application, which roles may open it and what its URL needs, and the
benchmark's deterministic, weighted schedule built from it.

``ROUTES`` mirrors the GET entries of the access matrix in ``tests/test_access_matrix.py``
(``tests/bench/test_schedule.py`` keeps the two in step: a new route without an entry here
fails that test). Each role walks the routes it may open in a fixed, weighted order (smooth
weighted round robin), the roles' walks are merged the same way, and the runner repeats that
round until every endpoint has at least the asked number of samples.
"""

from collections.abc import Iterable

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
ALLE = frozenset(ROLLEN)
#: The token client of the API (an inkomensconsulent's token): its own "role" in the schedule.
API_TOKEN = "api-token"  # noqa: S105 - a role name, not a secret
FLOOR = "vloer (floor)"


def route(rollen, args=None, kind=None, query=None) -> dict:
    """``args``: URL kwarg -> kind of object (``client``, ``signaal``, …); ``kind``: the child
    object a client route needs (``open aanvraag``: a client with an undecided aanvraag)."""
    return {
        "rollen": frozenset(rollen),
        "args": args or {},
        "kind": kind,
        "query": query or {},
    }


C = {"pk": "client"}
A = {"client_pk": "client"}
ROUTES = {
    "home": route(ALLE),
    "clients:mijn_klanten": route(DOSSIER),
    "clients:zoeken": route(DOSSIER),
    "clients:registreren": route({PW, IC}),
    "clients:caseload_overdracht": route({BH}),
    "clients:dossier": route(DOSSIER, C),
    "clients:bewerken": route(DOSSIER, C),
    "clients:groepsindeling": route({IN, IC, WC, PM}, C),
    "clients:groep_corrigeren": route({IN, IC, WC, PM}, C),
    "clients:uitstroom_corrigeren": route({IC}, C),
    "clients:contactpersoon": route({PW, IN, IC, WC}, C),
    "clients:tijdlijn": route(DOSSIER, C),
    "clients:signaal_melden": route(DOSSIER, C),
    "clients:signaal_afhandelen": route(
        DOSSIER, {"pk": "client", "signaal_id": "signaal"}, kind="signaal"
    ),
    "intake:screening": route({PW}, C),
    "intake:aanvraag": route({IC}, C),
    "intake:besluit": route({IC}, C, kind="open aanvraag"),
    "intake:ambitiegesprek": route({IN}, C),
    "intake:ladder": route({IN, IC, WC, PM}, C),
    "intake:zonder_ambitiegesprek": route({IN}),
    "intake:kickoff_sessies": route({IN, TR}),
    "intake:kickoff_sessie": route({IN, TR}, {"sessie_pk": "sessie"}),
    "intake:kickoff_bestand": route({TR}),
    "begeleiding:werkvoorraad": route(DOSSIER | {TR}),
    "begeleiding:taak": route(DOSSIER | {TR}, {"taak_pk": "taak"}),
    "begeleiding:plan": route({WC, PM}, C),
    "begeleiding:plan_versies": route(DOSSIER, C),
    "begeleiding:voortgangsgesprek": route({IC}, C),
    "begeleiding:uitstroom": route({IC}, C),
    "begeleiding:voorbereiding": route(DOSSIER, C),
    "trajecten:dashboard": route({WC, PM}),
    "trajecten:lijst": route({WC, PM}),
    "trajecten:vacatures": route({WC}),
    "trajecten:vacature": route({WC}, {"vacature_pk": "vacature"}),
    "trajecten:werkgevers": route({WC}),
    "trajecten:werkgever": route({WC}, {"werkgever_pk": "werkgever"}),
    "trajecten:plekken": route({PM}),
    "trajecten:themabijeenkomsten": route({WC, PM, TR}),
    "trajecten:themabijeenkomst": route({WC, PM, TR}, {"bijeenkomst_pk": "bijeenkomst"}),
    "trajecten:plaatsing": route({WC}, {"plaatsing_pk": "plaatsing"}),
    "trajecten:traject_nieuw": route({WC, PM}, C),
    "trajecten:traject_einde": route(
        {WC, PM}, {"pk": "client", "traject_pk": "traject"}, kind="traject"
    ),
    "trajecten:loonwaarde": route(
        {WC, PM}, {"pk": "client", "traject_pk": "traject"}, kind="traject"
    ),
    "trajecten:plaatsing_nieuw": route({WC}, C),
    "trajecten:plek_nieuw": route({PM}, C),
    "trajecten:plek_beeindig": route(
        {PM}, {"pk": "client", "plaatsing_pk": "plekplaatsing"}, kind="plek"
    ),
    "trajecten:werkprofiel": route({WC, PM}, C),
    "trajecten:uitkeringseinde": route(
        {IC}, {"pk": "client", "einde_pk": "uitkeringseinde"}, kind="uitkeringseinde"
    ),
    "handhaving:onderzoek_start": route({IC, HH}, C),
    "handhaving:onderzoek_besluit": route(
        {IC, HH}, {"pk": "client", "onderzoek_pk": "onderzoek"}, kind="onderzoek"
    ),
    "handhaving:samenloop": route({HH}, C),
    "handhaving:triage": route({HH}),
    "handhaving:onderzoeken": route({IC, HH}),
    "handhaving:onderzoek": route(
        {IC, HH}, {"pk": "client", "onderzoek_pk": "onderzoek"}, kind="onderzoek"
    ),
    "klantgroepen:lijst": route({BH}),
    "klantgroepen:bewerken": route({BH}, {"code": "klantgroep"}),
    "monitoring:dashboard": route({BL, BH}),
    "monitoring:rapporten": route({BL}),
    "monitoring:rapport": route({BL}, {"pk": "rapport"}),
    "monitoring:rapport_status": route({BL}, {"pk": "rapport"}),
    "monitoring:rapport_download": route({BL}, {"pk": "rapport"}),
    "monitoring:export": route({BL, BH}, {"jaar": "jaar", "formaat": "formaat"}),
    "monitoring:export_tabel": route({BL, BH}, {"tabel": "tabel", "formaat": "formaat"}),
    "audit:zoeken": route({BH}),
    "audit:klant": route({BH}, {"client_id": "client"}),
    "audit:export": route({BH}, {"client_id": "client"}),
    "security:2fa_setup": route(ALLE),
    "security:2fa_verify": route(ALLE),
    "security:herstelcodes": route(ALLE),
    "security:blokkades": route({BH}),
    "api:client-list": route(DOSSIER),
    "api:client-detail": route(DOSSIER, C),
    "api:indicatoren": route({BL, BH}, query={"periode": "{periode}"}),
    "api:groepslidmaatschap-list": route(DOSSIER, A),
    "api:signaal-list": route(DOSSIER, A),
    "api:screening-list": route(DOSSIER, A),
    "api:ambitiegesprek-list": route(DOSSIER, A),
    "api:voortgangsgesprek-list": route(DOSSIER, A),
    "api:plan-list": route(DOSSIER, A),
    "api:traject-list": route(DOSSIER, A),
    "api:plaatsing-list": route(DOSSIER, A),
    "api:rechtmatigheidsonderzoek-list": route({IC, HH}, A),
}
#: Doors the matrix opens for a role whose objects never show there: a task is always on a
#: client, and the trainer sees no client (her own task answers 404 too).
NOOIT = {("begeleiding:taak", TR)}
#: The API routes the token client walks too.
API_TOKEN_ROUTES = (
    "api:client-list",
    "api:client-detail",
    "api:signaal-list",
    "api:voortgangsgesprek-list",
)
#: How often a route comes round per walk, relative to the others (default 1): the pages a
#: professional opens all day weigh more.
WEIGHTS = {
    "clients:dossier": 4,
    "begeleiding:werkvoorraad": 4,
    "clients:mijn_klanten": 3,
    "clients:tijdlijn": 2,
    "begeleiding:voorbereiding": 2,
    "home": 2,
    "trajecten:vacature": 2,
    "monitoring:dashboard": 2,
    "api:client-list": 2,
    "api:client-detail": 2,
}
#: Name search (a POST: no names in URLs), per dossier role, besides its GET routes.
NAAM_ZOEKEN = "zoeken op naam"
NAAM_ZOEKEN_WEIGHT = 2
FLOOR_WEIGHT = 4
#: Candidate objects tried per endpoint (the runner keeps those that answer below 400).
CANDIDATES = 5


def routes_voor(rol: str) -> list[str]:
    """The GET routes ``rol`` may open on its own objects, in a fixed order."""
    out = []
    for naam, spec in ROUTES.items():
        if rol not in spec["rollen"] or (naam, rol) in NOOIT:
            continue
        client_route = "client" in (spec["args"].get("pk"), spec["args"].get("client_pk"))
        if client_route and rol not in DOSSIER:
            continue  # need-to-know: only the dossier roles open a client's pages
        out.append(naam)
    return out


def smooth_wrr(items: Iterable[tuple[object, int]]) -> list:
    """Smooth weighted round robin (nginx): each item ``weight`` times, spread evenly, in a
    fixed order."""
    items = [(item, w) for item, w in items if w > 0]
    total = sum(w for _, w in items)
    current = [0] * len(items)
    out = []
    for _ in range(total):
        for i, (_, w) in enumerate(items):
            current[i] += w
        best = max(range(len(items)), key=lambda i: current[i])
        current[best] -= total
        out.append(items[best][0])
    return out


def schedule(endpoints: list[dict]) -> list[dict]:
    """One round: every endpoint ``weight`` times; per role its own weighted walk, the roles'
    walks merged by their length (so they run side by side, not one after the other). Each
    step says which occurrence of its endpoint it is (``k``), to rotate the endpoint's URLs."""
    per_rol: dict[str, list[dict]] = {}
    for e in endpoints:
        per_rol.setdefault(e["rol"], []).append(e)
    walks = {rol: smooth_wrr((e, e["weight"]) for e in eps) for rol, eps in per_rol.items()}
    order = smooth_wrr((rol, len(walk)) for rol, walk in walks.items())
    position = dict.fromkeys(walks, 0)
    seen: dict[str, int] = {}
    out = []
    for rol in order:
        e = walks[rol][position[rol]]
        position[rol] += 1
        k = seen.get(e["naam"], 0)
        seen[e["naam"]] = k + 1
        out.append({"endpoint": e["naam"], "k": k})
    return out


def rounds_for(endpoints: list[dict], samples: int) -> int:
    """Rounds so that the least weighted endpoint gets at least ``samples`` samples."""
    least = min(e["weight"] for e in endpoints)
    return max(1, -(-samples // least))
