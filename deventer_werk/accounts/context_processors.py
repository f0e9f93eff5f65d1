"""Navigation per role: every user sees only the menu items that fit their work."""

from django.urls import reverse

from .constants import Rol


def _werkvoorraad_label(request) -> str:
    """The menu item with the counter of open work due today or earlier. The werkvoorraad
    page counts it (in the same query as its own counts) and keeps it in the session, so the
    menu costs no query on other pages."""
    n = request.session.get("dw_werk_teller") if hasattr(request, "session") else None
    return f"Werkvoorraad ({n})" if n else "Werkvoorraad"


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    if user.werkt_in_dossiers:
        items.append((_werkvoorraad_label(request), reverse("begeleiding:werkvoorraad")))
        items.append(("Mijn klanten", reverse("clients:mijn_klanten")))
        items.append(("Zoeken", reverse("clients:zoeken")))
    elif user.heeft_rol(Rol.TRAINER):
        items.append(("Start", reverse("begeleiding:werkvoorraad")))
    if user.heeft_rol(Rol.INTAKER, Rol.INKOMENSCONSULENT):
        items.append(("Zonder ambitiegesprek", reverse("intake:zonder_ambitiegesprek")))
    if user.heeft_rol(Rol.WERKCOACH, Rol.PARTICIPATIEMAKELAAR):
        items.append(("Trajecten", reverse("trajecten:dashboard")))
    if user.heeft_rol(Rol.WERKCOACH):
        items.append(("Vacatures", reverse("trajecten:vacatures")))
        items.append(("Werkgevers", reverse("trajecten:werkgevers")))
    if user.heeft_rol(Rol.PARTICIPATIEMAKELAAR):
        items.append(("Participatieplekken", reverse("trajecten:plekken")))
    if user.heeft_rol(Rol.WERKCOACH, Rol.PARTICIPATIEMAKELAAR, Rol.TRAINER):
        items.append(("Themabijeenkomsten", reverse("trajecten:themabijeenkomsten")))
    if user.heeft_rol(Rol.HANDHAVER):
        items.append(("Triage samenloop", reverse("handhaving:triage")))
    if user.heeft_rol(Rol.TRAINER, Rol.INTAKER):
        items.append(("Kick-off", reverse("intake:kickoff_sessies")))
    if user.heeft_rol(Rol.BELEIDSMEDEWERKER):
        items.append(("Monitoring", reverse("monitoring:dashboard")))
        items.append(("Raadsrapportages", reverse("monitoring:rapporten")))
    if user.heeft_rol(Rol.BEHEERDER):
        items.append(("Klantgroepen", reverse("klantgroepen:lijst")))
        items.append(("Toegangslog", reverse("audit:zoeken")))
        items.append(("Caseload overdragen", reverse("clients:caseload_overdracht")))
    current = request.path
    return {
        "nav_items": [
            {"label": label, "url": url, "current": current.startswith(url)} for label, url in items
        ]
    }
