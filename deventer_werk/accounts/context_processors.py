"""Navigation per role: every user sees only the menu items that fit their work.

Each item names the access rule (``deventer_werk.access``, declared in the apps' ``rules.py``)
that its page requires; this module knows no roles and imports no app.
"""

from django.urls import reverse

from deventer_werk.access import may

NAVIGATIE = (
    ("Werkvoorraad", "begeleiding:werkvoorraad", "begeleiding.werkvoorraad"),
    ("Mijn klanten", "clients:mijn_klanten", "clients.dossierwerk"),
    ("Zoeken", "clients:zoeken", "clients.dossierwerk"),
    ("Zonder ambitiegesprek", "intake:zonder_ambitiegesprek", "intake.zonder_ambitiegesprek"),
    ("Trajecten", "trajecten:dashboard", "trajecten.dashboard"),
    ("Vacatures", "trajecten:vacatures", "trajecten.vacatures"),
    ("Werkgevers", "trajecten:werkgevers", "trajecten.werkgevers"),
    ("Participatieplekken", "trajecten:plekken", "trajecten.participatieplek"),
    ("Themabijeenkomsten", "trajecten:themabijeenkomsten", "trajecten.themabijeenkomsten"),
    ("Triage samenloop", "handhaving:triage", "handhaving.triage"),
    ("Lopende onderzoeken", "handhaving:onderzoeken", "handhaving.onderzoek"),
    ("Kick-off", "intake:kickoff_sessies", "intake.kickoff_bekijken"),
    ("Monitoring", "monitoring:dashboard", "monitoring.rapporten"),
    ("Raadsrapportages", "monitoring:rapporten", "monitoring.rapporten"),
    ("Klantgroepen", "klantgroepen:lijst", "klantgroepen.beheren"),
    ("Toegangslog", "audit:zoeken", "audit.toegangslog"),
    ("Inlogblokkades", "security:blokkades", "security.blokkades"),
    ("Caseload overdragen", "clients:caseload_overdracht", "clients.caseload_overdragen"),
)


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
    items = [
        (
            _werkvoorraad_label(request) if regel == "begeleiding.werkvoorraad" else label,
            reverse(url),
        )
        for label, url, regel in NAVIGATIE
        if may(user, regel)
    ]
    current = request.path
    return {
        "nav_items": [
            {"label": label, "url": url, "current": current.startswith(url)} for label, url in items
        ]
    }
