"""Extension points of the dossier, so that each part of the klantreis plugs in on its own.

An app registers, in its ``AppConfig.ready()``:
- a dossier section: a template plus a selector that returns its context for one client
  (each selector must use a fixed number of queries: the dossier's count is pinned);
- a timeline provider: returns ``TijdlijnItem`` rows for one client (one query each);
- dossier actions: links shown on the dossier for users who may perform the action;
- a herplanner: brings one client's planned work in line after a change the planning rule
  depends on (klantgroep, uitstroom, herinstroom, contact person), so that the core services
  that make those changes do not import the planning app.

Both sections and actions name an access rule (``deventer_werk.access``) from the app's
``rules.py``; the dossier asks ``may(user, rule)``, no role appears here.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from deventer_werk.access import may


@dataclass(frozen=True)
class DossierSectie:
    key: str
    volgorde: int
    template: str
    context: Callable[..., dict[str, Any]]  # (*, client, user) -> dict
    # The access rule (name) that lets a user see this section of an open dossier.
    actie: str = ""
    # Where on the page: "boven" (above everything: urgent signals) or "midden".
    plek: str = "midden"
    # Number of queries ``context`` runs, whatever the amount of data (pinned in tests).
    queries: int = 1


@dataclass(frozen=True)
class DossierActie:
    label: str
    url_name: str  # reversed with the client's pk
    actie: str  # the access rule (name) that the linked page requires
    volgorde: int = 100
    # Whether the page can succeed for this dossier's state: ``(*, client, dossier) -> bool``
    # with ``dossier`` the context of ``client_dossier``; None: always. Asked only for a user
    # the rule lets through; ``queries`` is what it runs (pinned in tests).
    beschikbaar: Callable[..., bool] | None = None
    queries: int = 0


def dossier_open(*, client, dossier) -> bool:
    """The dossier has a current benefit episode: not afgesloten after uitstroom."""
    return dossier["actuele_periode"] is not None


@dataclass(frozen=True)
class TijdlijnItem:
    moment: datetime.datetime | datetime.date
    soort: str  # a stable key used for filtering, e.g. "screening"
    soort_label: str
    titel: str
    door: str = ""
    url: str = ""
    # What was written: (label, text, rule) rows, shown folded under the item to users who may
    # perform ``inhoud_actie`` and the row's own rule (access rule names; "" = no extra rule).
    inhoud: tuple[tuple[str, str, str], ...] = ()
    inhoud_actie: str = ""


def inhoud_voor(
    user, rijen: tuple[tuple[str, str, str], ...], actie: str = ""
) -> tuple[tuple[str, str, str], ...]:
    """The rows of written content ``user`` may read (need-to-know per field)."""
    if actie and not may(user, actie):
        return ()
    return tuple(r for r in rijen if not r[2] or may(user, r[2]))


SECTIES: list[DossierSectie] = []
ACTIES: list[DossierActie] = []
TIJDLIJN: dict[str, tuple[str, Callable[..., Iterable[TijdlijnItem]]]] = {}


def register_sectie(sectie: DossierSectie) -> None:
    if any(s.key == sectie.key for s in SECTIES):
        return
    SECTIES.append(sectie)
    SECTIES.sort(key=lambda s: s.volgorde)


def register_actie(actie: DossierActie) -> None:
    if actie in ACTIES:
        return
    ACTIES.append(actie)
    ACTIES.sort(key=lambda a: a.volgorde)


def register_tijdlijn(soort: str, label: str, provider: Callable[..., Iterable[TijdlijnItem]]):
    """``provider(*, client)`` yields the items of this kind for one client."""
    TIJDLIJN[soort] = (label, provider)


HERPLANNERS: list[Callable[..., Any]] = []


def register_herplanner(herplanner: Callable[..., Any]) -> None:
    """``herplanner(*, client_id)`` runs inside the caller's transaction."""
    if herplanner not in HERPLANNERS:
        HERPLANNERS.append(herplanner)


def client_herplan(*, client_id) -> None:
    """Bring one client's planned work in line at once (every registered herplanner)."""
    for herplanner in HERPLANNERS:
        herplanner(client_id=client_id)
