"""The klantgroep advice at the ambitiegesprek, from the configured rules (issue 27).

Policy §3.2: the client is placed in a group "op voorspraak van de inwoner zelf": the rules
suggest, the client's choice decides (a different choice needs a motivation, see
``clients.groepen.services``). The rules are configuration (``AdviesRegel``), seeded from the
policy with the paragraph each comes from; tried in order, the first that holds advises.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .models import AdviesRegel, Klantgroep


@dataclass(frozen=True)
class Kenmerken:
    """What is known of the client when the advice is asked. ``None``: not (yet) known; a
    rule that needs an unknown kenmerk does not hold."""

    leeftijd: int | None = None
    doelgroepenregister: bool = False
    maanden_uitkering: int | None = None
    perspectief: str | None = None
    groeien_kenmerken: frozenset[str] = frozenset()


@dataclass
class Advies:
    klantgroep: Klantgroep | None = None
    regel: AdviesRegel | None = None
    #: Why, in words: each condition of the rule that held, then the policy reference.
    redenen: list[str] = field(default_factory=list)


def adviesregels() -> list[AdviesRegel]:
    """The active rules in order, with their klantgroep (one query)."""
    return list(AdviesRegel.objects.filter(actief=True).select_related("klantgroep"))


def klantgroep_advies(
    kenmerken: Kenmerken, *, regels: Iterable[AdviesRegel] | None = None
) -> Advies:
    """The advice of the first rule that holds for ``kenmerken``; an empty ``Advies`` (no
    group) when none does: then the intaker advises without a rule."""
    for regel in adviesregels() if regels is None else regels:
        redenen = regel.redenen(kenmerken)
        if redenen is not None:
            return Advies(
                klantgroep=regel.klantgroep,
                regel=regel,
                redenen=[*redenen, f"Beleid: {regel.beleid}"] if regel.beleid else redenen,
            )
    return Advies()
