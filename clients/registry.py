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
import functools
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
    # Why the page cannot succeed for this dossier's state, as the Dutch sentence the page
    # shows when it refuses, "" when it can: ``(*, client, user, dossier=None) -> str`` with
    # ``dossier`` the context of ``client_dossier`` (None on the page itself: it loads what it
    # needs). The dossier hides the link, the page (``KlantreisFormView``) refuses: one rule
    # for both. None: always possible. Asked only for a user the rule lets through;
    # ``queries`` is what it runs on the dossier (pinned in tests), none when ``sectie``
    # answers it for this user (``dossier_queries``).
    belemmering: Callable[..., str] | None = None
    queries: int = 0
    # The dossier section (key) whose context answers the ``belemmering`` on the dossier: for a
    # user who sees that section it reads ``dossier["secties"][key]`` and runs no query.
    sectie: str = ""

    def dossier_queries(self, user) -> int:
        """The queries ``belemmering`` runs on the dossier for ``user`` (pinned in tests)."""
        if self.sectie and any(s.key == self.sectie and may(user, s.actie) for s in SECTIES):
            return 0
        return self.queries


AFGESLOTEN = (
    "Dit dossier is afgesloten (uitstroom): {wat} kan niet meer. Komt de klant terug, "
    "registreer dan een nieuwe melding; die opent een nieuwe periode in dit dossier."
)


@functools.cache  # one function per text: registering twice stays one action (``ACTIES``)
def afgesloten_belemmering(wat: str) -> Callable[..., str]:
    """A ``belemmering``: the action needs a dossier that is not afgesloten (zero queries)."""

    def belemmering(*, client, user=None, dossier=None) -> str:
        from .constants import Fase

        return AFGESLOTEN.format(wat=wat) if client.fase == Fase.AFGESLOTEN else ""

    belemmering.__qualname__ = f"afgesloten_belemmering({wat!r})"
    return belemmering


def sectie_van(dossier, key: str) -> dict | None:
    """The context of the dossier section ``key`` as the dossier computed it, None when there
    is no dossier (the page itself) or the user does not see that section."""
    if dossier is None:
        return None
    return dossier.get("secties", {}).get(key)


def lidmaatschap_van(*, client, dossier=None):
    """The client's current klantgroep membership (with its klantgroep): from the dossier's
    context when given (no query), else one query."""
    if dossier is not None:
        return dossier["actueel_lidmaatschap"]
    from .groepen.models import Groepslidmaatschap

    return Groepslidmaatschap.objects.huidig(client)


def actie_belemmering(url_name: str, *, client, user, dossier=None) -> str:
    """Why the page ``url_name`` cannot succeed for this client now ("" when it can): the
    ``belemmering`` of the dossier action that links to it, or one registered for a page the
    dossier links to in its own sections (``register_belemmering``)."""
    belemmering = BELEMMERINGEN.get(url_name)
    return belemmering(client=client, user=user, dossier=dossier) if belemmering else ""


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
    # The item itself only for users who may perform this rule (e.g. a samenloop signal among
    # the signals, issue 31); "" = everyone who sees the timeline.
    actie: str = ""


def inhoud_voor(
    user, rijen: tuple[tuple[str, str, str], ...], actie: str = ""
) -> tuple[tuple[str, str, str], ...]:
    """The rows of written content ``user`` may read (need-to-know per field)."""
    if actie and not may(user, actie):
        return ()
    return tuple(r for r in rijen if not r[2] or may(user, r[2]))


SECTIES: list[DossierSectie] = []
# url name -> belemmering (see ``DossierActie.belemmering``) of every klantreis page.
BELEMMERINGEN: dict[str, Callable[..., str]] = {}
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
    if actie.belemmering is not None:
        register_belemmering(actie.url_name, actie.belemmering)
    ACTIES.append(actie)
    ACTIES.sort(key=lambda a: a.volgorde)


def register_belemmering(url_name: str, belemmering: Callable[..., str]) -> None:
    """When the page ``url_name`` cannot succeed (a link in a dossier section rather than a
    dossier action); the page refuses with the reason."""
    BELEMMERINGEN[url_name] = belemmering


TIJDLIJN_REGEL: dict[str, str] = {}


def register_tijdlijn(
    soort: str, label: str, provider: Callable[..., Iterable[TijdlijnItem]], actie: str = ""
):
    """``provider(*, client)`` yields the items of this kind for one client; with ``actie``
    (a rule name) the kind exists only for users who may perform it (need-to-know)."""
    TIJDLIJN[soort] = (label, provider)
    if actie:
        TIJDLIJN_REGEL[soort] = actie


HERPLANNERS: list[Callable[..., Any]] = []


def register_herplanner(herplanner: Callable[..., Any]) -> None:
    """``herplanner(*, client_id)`` runs inside the caller's transaction."""
    if herplanner not in HERPLANNERS:
        HERPLANNERS.append(herplanner)


def client_herplan(*, client_id) -> None:
    """Bring one client's planned work in line at once (every registered herplanner)."""
    for herplanner in HERPLANNERS:
        herplanner(client_id=client_id)
