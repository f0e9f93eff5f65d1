"""The "voorbereiding" page (issue 29, item 1): one page to prepare the next gesprek with a
client, read by the same selectors and under the same need-to-know as the dossier sections it
repeats: the last gesprek in full, open tasks and afspraken, open signals, the current plan,
klantgroep and contact persons."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from clients.intake import rules as intake_rules
from clients.intake.selectors import ambitiegesprek_laatste
from clients.registry import SECTIES, inhoud_voor
from clients.selectors import client_dossier
from deventer_werk.access import may

from . import rules
from .selectors import plan_huidig, voortgangsgesprekken_voor

if TYPE_CHECKING:
    from clients.models import Client
    from deventer_werk.accounts.models import User

# Registered dossier sections this page repeats as they are (key: their context name here).
DOSSIER_SECTIES = {"signalen": "signalen", "taken": "taken", "afspraken": "afspraken"}


def _dossier_sectie(key: str, *, client: Client, user: User) -> dict[str, Any] | None:
    """The context of a registered dossier section, or None for a user who does not see that
    section on the dossier."""
    sectie = next(s for s in SECTIES if s.key == key)
    return sectie.context(client=client, user=user) if may(user, sectie.actie) else None


def laatste_gesprek(*, client: Client, user: User) -> dict[str, Any] | None:
    """The last recorded gesprek, voortgangsgesprek or ambitiegesprek (the later date; the
    voortgangsgesprek on the same day), within what ``user`` sees of each on the dossier:
    ``{"soort", "gesprek", "inhoud", "inhoud_verborgen"}``. 3 queries at most."""
    kandidaten = []
    if may(user, rules.SECTIE):
        voortgang = voortgangsgesprekken_voor(client=client, user=user, aantal=1)
        if voortgang:
            g = voortgang[0]
            kandidaten.append(
                {
                    "soort": "voortgangsgesprek",
                    "gesprek": g,
                    "inhoud": g.inhoud,
                    "inhoud_verborgen": not may(user, rules.GESPREK_INHOUD),
                }
            )
    if may(user, intake_rules.SECTIE):
        ambitie = ambitiegesprek_laatste(client=client)
        if ambitie is not None:
            kandidaten.append(
                {
                    "soort": "ambitiegesprek",
                    "gesprek": ambitie,
                    "inhoud": inhoud_voor(user, ambitie.inhoud),  # type: ignore[attr-defined]
                    "inhoud_verborgen": False,
                }
            )
    # max() keeps the first of equals: the voortgangsgesprek, held after the ambitiegesprek
    return max(kandidaten, key=lambda k: k["gesprek"].datum, default=None)


def voorbereiding_voor(*, client: Client, user: User) -> dict[str, Any]:
    """Everything the voorbereiding shows, each part only for a user who sees it on the
    dossier. A fixed number of queries (pinned in tests), whatever the client's history."""
    dossier = client_dossier(client=client)
    context: dict[str, Any] = {
        "actueel_lidmaatschap": dossier["actueel_lidmaatschap"],
        "actuele_contactpersonen": dossier["actuele_contactpersonen"],
        "actuele_periode": dossier["actuele_periode"],
        "laatste_gesprek": laatste_gesprek(client=client, user=user),
        "plan_sectie": plan_huidig(client=client) if may(user, rules.SECTIE) else None,
    }
    for key, naam in DOSSIER_SECTIES.items():
        context[naam] = _dossier_sectie(key, client=client, user=user)
    return context
