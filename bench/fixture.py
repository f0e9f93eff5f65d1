"""What the Locust users need, made by the runner before the run: a logged-in session per role
(made directly, no password hashing during the run; with the second factor marked as passed
where the role needs one), an API token, and per endpoint (role × GET route) a few candidate
URLs on objects that role works with. Objects the generated data lacks (a themabijeenkomst,
a plaatsing with a proposed end of benefit, an open aanvraag, a finished raadsrapportage) are
added once, so that every route has something to show."""

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone

from . import routes


def _sessies(user, n: int) -> list[str]:
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils.module_loading import import_string
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from deventer_werk.security.middleware import tweede_factor_verplicht

    # The first backend that loads users (axes' comes first and only guards the login form).
    backend = next(
        pad for pad in settings.AUTHENTICATION_BACKENDS if hasattr(import_string(pad), "get_user")
    )
    device = None
    if tweede_factor_verplicht(user):
        device, _ = TOTPDevice.objects.get_or_create(
            user=user, confirmed=True, defaults={"name": "benchmark"}
        )
    out = []
    for _ in range(n):
        s = SessionStore()
        s[SESSION_KEY] = str(user.pk)
        s[BACKEND_SESSION_KEY] = backend
        s[HASH_SESSION_KEY] = user.get_session_auth_hash()
        if device is not None:
            s[DEVICE_ID_SESSION_KEY] = device.persistent_id
        s.create()
        out.append(str(s.session_key))
    return out


def aanvullen(users: dict) -> list[str]:
    """Add the objects some routes need when the generated data has none; returns what."""
    from django.core.exceptions import ValidationError

    from clients.intake.models import Aanvraag
    from clients.intake.services.screening import aanvraag_registreer
    from clients.models import Client, Signaal, Taak
    from clients.trajecten.models import (
        Plaatsing,
        Sector,
        Themabijeenkomst,
        Uitkeringseinde,
        Werkgever,
    )
    from monitoring.models import Raadsrapportage

    vandaag = timezone.localdate()
    toegevoegd = []
    if not Themabijeenkomst.objects.filter(georganiseerd_door=users[routes.TR]).exists():
        Themabijeenkomst.objects.create(
            type="branchegericht",
            onderwerp="Logistiek (benchmark)",
            datum=datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=14),
            plaats="Stadhuis",
            sector=Sector.objects.order_by("pk").first(),
            georganiseerd_door=users[routes.TR],
        )
        toegevoegd.append("themabijeenkomst")
    wc = users[routes.WC]
    eigen_wc = Client.objects.visible_to(wc).actief().order_by("pk")
    client = eigen_wc.first()
    werkgever = Werkgever.objects.order_by("pk").first()
    if not Plaatsing.objects.filter(client__in=eigen_wc).exists() and client and werkgever:
        plaatsing = Plaatsing.objects.create(
            client=client,
            werkgever=werkgever,
            functie="Orderpicker",
            uren=32,
            contract="bepaald",
            start=vandaag - datetime.timedelta(days=30),
            werkcoach=wc,
            nazorg_tot=vandaag + datetime.timedelta(days=335),
        )
        toegevoegd.append("plaatsing")
        if not Uitkeringseinde.objects.exists():
            Uitkeringseinde.objects.create(
                plaatsing=plaatsing,
                client=client,
                voorgestelde_laatste_dag=vandaag + datetime.timedelta(days=7),
                voorgesteld_door=wc,
            )
            toegevoegd.append("uitkeringseinde")
    ic = users[routes.IC]
    if not Aanvraag.objects.filter(besluit="").exists():
        for client in Client.objects.visible_to(ic).actief().order_by("pk")[:20]:
            try:
                aanvraag_registreer(actor=ic, client=client, aanvraagdatum=vandaag)
            except ValidationError:
                continue  # a period that started later, or one with an aanvraag already
            toegevoegd.append("open aanvraag")
            break
    pm = users[routes.PM]
    eigen_pm = Client.objects.visible_to(pm).actief().order_by("pk")
    eerste_pm = eigen_pm.first()
    if not Signaal.objects.filter(client__in=eigen_pm).exists() and eerste_pm is not None:
        Signaal.objects.create(client=eerste_pm, soort="overig")
        toegevoegd.append("signaal")
    for rol, user in users.items():
        # A task of one's own (only its owner opens it): on a client the role works with.
        if rol not in routes.DOSSIER or Taak.objects.filter(medewerker=user).exists():
            continue
        client = Client.objects.visible_to(user).actief().order_by("pk").first()
        if client is None:
            continue
        Taak.objects.create(
            client=client,
            soort="overig",
            datum=vandaag,
            omschrijving="Terugbellen (benchmark)",
            medewerker=user,
        )
        toegevoegd.append(f"taak van {rol}")
    if not Raadsrapportage.objects.filter(status="klaar").exists():
        Raadsrapportage.objects.create(
            periode=f"{vandaag.year - 1}H2",
            status="klaar",
            pdf=b"%PDF-1.4\n",
            aangevraagd_door=users[routes.BL],
        )
        toegevoegd.append("raadsrapportage")
    return toegevoegd


def _kandidaten(soort: str, user, rol: str, klanten) -> list[dict]:
    """Candidate values for one kind of object, as ``rol`` works with it."""
    from clients.handhaving.models import Rechtmatigheidsonderzoek
    from clients.intake.models import Aanvraag, KickoffSessie
    from clients.models import Signaal, Taak
    from clients.trajecten.models import (
        Plaatsing,
        PlekPlaatsing,
        Themabijeenkomst,
        Traject,
        Uitkeringseinde,
        Vacature,
        Werkgever,
    )
    from klantgroepen.models import Klantgroep
    from monitoring.models import Raadsrapportage

    n = routes.CANDIDATES
    kind_models: dict[str, Any] = {
        "signaal": Signaal,
        "traject": Traject,
        "plekplaatsing": PlekPlaatsing,
        "onderzoek": Rechtmatigheidsonderzoek,
        "uitkeringseinde": Uitkeringseinde,
    }
    if soort == "client":
        return [{"client": pk} for pk in klanten[:n]]
    if soort in kind_models:
        rows = (
            kind_models[soort]
            .objects.filter(client_id__in=klanten[:500])
            .order_by("pk")
            .values_list("client_id", "pk")[:n]
        )
        return [{"client": c, soort: pk} for c, pk in rows]
    if soort == "open aanvraag":
        aanvragen = Aanvraag.objects.filter(besluit="", client_id__in=klanten[:500])
        return [
            {"client": c} for c in aanvragen.order_by("pk").values_list("client_id", flat=True)[:n]
        ]
    if soort == "taak":
        return [
            {"taak": pk}
            for pk in Taak.objects.filter(medewerker=user)
            .values_list("pk", flat=True)
            .order_by("pk")[:n]
        ]
    if soort == "sessie":
        sessies = KickoffSessie.objects.order_by("-datum")
        if rol == routes.TR:
            sessies = sessies.filter(trainer=user)
        return [{"sessie": pk} for pk in sessies.values_list("pk", flat=True)[:n]]
    if soort == "bijeenkomst":
        bijeenkomsten = Themabijeenkomst.objects.order_by("-datum")
        if rol == routes.TR:
            bijeenkomsten = bijeenkomsten.filter(georganiseerd_door=user)
        return [{"bijeenkomst": pk} for pk in bijeenkomsten.values_list("pk", flat=True)[:n]]
    if soort == "plaatsing":
        plaatsingen = Plaatsing.objects.filter(client_id__in=klanten[:500]).order_by("pk")
        return [{"plaatsing": pk} for pk in plaatsingen.values_list("pk", flat=True)[:n]]
    if soort == "vacature":
        vacatures = Vacature.objects.filter(open=True).order_by("pk")
        return [{"vacature": pk} for pk in vacatures.values_list("pk", flat=True)[:n]]
    if soort == "werkgever":
        return [
            {"werkgever": pk}
            for pk in Werkgever.objects.order_by("pk").values_list("pk", flat=True)[:n]
        ]
    if soort == "klantgroep":
        return [
            {"klantgroep": c}
            for c in Klantgroep.objects.order_by("pk").values_list("code", flat=True)[:n]
        ]
    if soort == "rapport":
        rapporten = Raadsrapportage.objects.filter(status="klaar").order_by("-pk")
        return [{"rapport": pk} for pk in rapporten.values_list("pk", flat=True)[:n]]
    if soort == "jaar":
        jaar = timezone.localdate().year
        return [{"jaar": jaar}, {"jaar": jaar - 1}]
    if soort == "formaat":
        return [{"formaat": "csv"}]
    if soort == "tabel":
        return [{"tabel": "alle"}]
    raise ValueError(f"onbekend soort object: {soort}")


def _combineer(lijsten: list[list[dict]]) -> list[dict]:
    """Zip the candidate lists of one URL's objects (the child object's list carries its
    client; the shortest list decides), never a cartesian product."""
    if not lijsten:
        return [{}]
    if any(not lijst for lijst in lijsten):
        return []
    out = []
    for i in range(max(len(lijst) for lijst in lijsten)):
        waarden: dict = {}
        for lijst in lijsten:
            waarden.update(lijst[i % len(lijst)])
        out.append(waarden)
    return out


def _urls(naam: str, spec: dict, user, rol: str, klanten: list, periode: str) -> list[str]:
    args = spec["args"]
    kind = spec["kind"]
    soorten = {s for s in args.values() if s != "client"}
    lijsten = []
    if kind in ("signaal", "traject", "onderzoek", "uitkeringseinde", "plek", "open aanvraag"):
        lijsten.append(_kandidaten("plekplaatsing" if kind == "plek" else kind, user, rol, klanten))
        soorten -= {"signaal", "traject", "onderzoek", "uitkeringseinde", "plekplaatsing"}
    elif "client" in args.values():
        lijsten.append(_kandidaten("client", user, rol, klanten))
    for soort in sorted(soorten):
        lijsten.append(_kandidaten(soort, user, rol, klanten))
    query = "&".join(f"{k}={v.format(periode=periode)}" for k, v in spec["query"].items())
    out = []
    for waarden in _combineer(lijsten):
        kwargs = {arg: waarden[soort] for arg, soort in args.items()}
        url = reverse(naam, kwargs=kwargs)
        out.append(f"{url}?{query}" if query else url)
    return out


def maak(max_users: int) -> dict:
    """Sessions, the API token and every endpoint with its candidate URLs (not yet probed)."""

    from clients.models import Client
    from deventer_werk.accounts.models import User
    from deventer_werk.api.models import ApiToken
    from deventer_werk.api.services import api_token_maak
    from monitoring.periods import kwartaal_van

    periode = kwartaal_van(timezone.localdate()).vorige().code
    users = {rol: User.objects.get(username=rol) for rol in routes.ROLLEN}
    toegevoegd = aanvullen(users)
    rollen: dict[str, dict] = {}
    endpoints: list[dict] = []
    alle_klanten = [
        str(pk) for pk in Client.objects.actief().order_by("pk").values_list("pk", flat=True)[:500]
    ]
    for rol in routes.ROLLEN:
        user = users[rol]
        if rol in routes.DOSSIER:
            zichtbaar = Client.objects.visible_to(user).actief().order_by("pk")
            klanten = [str(pk) for pk in zichtbaar.values_list("pk", flat=True)[:500]]
            namen = sorted(
                {a[:4].lower() for a in zichtbaar.values_list("achternaam", flat=True)[:100]}
            )
        else:
            klanten, namen = alle_klanten, []
        # Spread the candidates over the caseload (not the first few by id).
        stap = max(1, len(klanten) // routes.CANDIDATES)
        klanten = klanten[::stap] + klanten
        rollen[rol] = {"sessies": _sessies(user, max_users)}
        for naam in routes.routes_voor(rol):
            endpoints.append(
                {
                    "naam": f"{rol}: {naam}",
                    "rol": rol,
                    "auth": rol,
                    "route": naam,
                    "weight": routes.WEIGHTS.get(naam, 1),
                    "urls": _urls(naam, routes.ROUTES[naam], user, rol, klanten, periode),
                }
            )
        if rol in routes.DOSSIER:
            endpoints.append(
                {
                    "naam": f"{rol}: {routes.NAAM_ZOEKEN}",
                    "rol": rol,
                    "auth": rol,
                    "route": "clients:zoeken",
                    "weight": routes.NAAM_ZOEKEN_WEIGHT,
                    "post": "z-naam",
                    "urls": [reverse("clients:zoeken")],
                    "namen": namen or ["jan"],
                }
            )
    ApiToken.objects.filter(naam="benchmark").delete()
    User.objects.filter(username="api-benchmark").delete()
    _, sleutel = api_token_maak(naam="benchmark", rol=routes.IC)
    rollen[routes.API_TOKEN] = {"token": sleutel}
    for naam in routes.API_TOKEN_ROUTES:
        spec = routes.ROUTES[naam]
        endpoints.append(
            {
                "naam": f"{routes.API_TOKEN}: {naam}",
                "rol": routes.API_TOKEN,
                "auth": routes.API_TOKEN,
                "route": naam,
                "weight": routes.WEIGHTS.get(naam, 1),
                "urls": _urls(naam, spec, users[routes.IC], routes.IC, alle_klanten, periode),
            }
        )
    endpoints.append(
        {
            "naam": routes.FLOOR,
            "rol": "vloer",
            "auth": routes.IC,
            "route": "bench_floor",
            "weight": routes.FLOOR_WEIGHT,
            "urls": [reverse("bench_floor")],
        }
    )
    return {"rollen": rollen, "endpoints": endpoints, "periode": periode, "toegevoegd": toegevoegd}
