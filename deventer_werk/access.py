"""The access-policy mechanism: named actions, each allowed to a set of roles.

The *tables* live in one ``rules.py`` per app (``clients/rules.py``,
``clients/intake/rules.py`` …); each declares its actions with :func:`regel` and is imported
by the app's ``AppConfig.ready()``. This module imports no app: views, dossier sections and
actions, the API (:func:`drf_permission`), the navigation and templates (the ``mag``
filter in ``{% load toegang %}``) ask :func:`may` / :func:`require` by action, never by role.

Need-to-know on rows (which dossiers a user may open) is not decided here but by
``Client.objects.visible_to(user)``; every client-scoped page checks that first (404) and
only then the action (403).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied


@dataclass(frozen=True)
class Action:
    """One thing a user may do or see, allowed to ``rollen`` (group names)."""

    naam: str
    rollen: frozenset[str]
    omschrijving: str = ""

    def __str__(self) -> str:
        return self.naam


_REGISTER: dict[str, Action] = {}


def regel(naam: str, rollen: Iterable[str], omschrijving: str = "") -> Action:
    """Declare an action (called once per action in an app's ``rules.py``)."""
    actie = Action(naam=naam, rollen=frozenset(str(r) for r in rollen), omschrijving=omschrijving)
    bestaand = _REGISTER.get(naam)
    if bestaand is not None and bestaand != actie:
        raise ValueError(f"Toegangsregel {naam!r} is twee keer anders gedefinieerd.")
    _REGISTER[naam] = actie
    return actie


def actie(naam: str | Action) -> Action:
    """The action with this name; an unknown name is a programming error (KeyError)."""
    if isinstance(naam, Action):
        return naam
    return _REGISTER[naam]


def acties() -> dict[str, Action]:
    """Every declared action by name (for the documentation and the access-matrix test)."""
    return dict(_REGISTER)


def may(user, naam: str | Action) -> bool:
    """May ``user`` perform this action? Anonymous and inactive users never may."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return bool(user.rollen & actie(naam).rollen)


def require(user, naam: str | Action) -> None:
    """Raise ``PermissionDenied`` (403) unless ``user`` may perform the action."""
    if not may(user, naam):
        raise PermissionDenied


def drf_permission(naam: str | Action):
    """A DRF permission class for one action (login required as well)."""
    from rest_framework.permissions import BasePermission

    gevraagd = naam

    class _MagActie(BasePermission):
        message = "Uw rol mag dit niet."

        def has_permission(self, request, view) -> bool:
            return may(request.user, gevraagd)

    _MagActie.__name__ = f"Mag_{str(naam).replace('.', '_')}"
    return _MagActie


def gebruikers_met(naam: str | Action):
    """Active users who may perform the action (e.g. the intakers a screening can hand over
    to), ordered by name."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(groups__name__in=actie(naam).rollen, is_active=True)
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )
