"""When the begeleiding pages cannot succeed for a dossier's state (issue 29, item 4): the
``belemmering`` of their dossier actions (``clients.registry.DossierActie``)."""

from clients.constants import Fase
from clients.registry import afgesloten_belemmering, lidmaatschap_van

from .services import PLAN_GROEPEN


def plan_belemmering(*, client, user=None, dossier=None) -> str:
    """A plan van aanpak is for Matchen, Groeien and Faciliteren (the service's rule)."""
    if reden := afgesloten_belemmering("een plan van aanpak vastleggen")(client=client):
        return reden
    lidmaatschap = lidmaatschap_van(client=client, dossier=dossier)
    if lidmaatschap is None:
        return (
            "Deze klant is nog niet ingedeeld in een klantgroep; een plan van aanpak volgt op "
            "de indeling."
        )
    if lidmaatschap.klantgroep.code not in PLAN_GROEPEN:
        return (
            "Een plan van aanpak is er voor klanten in Matchen, Groeien en Faciliteren; deze "
            f"klant is ingedeeld in {lidmaatschap.klantgroep.naam}."
        )
    return ""


def voortgangsgesprek_belemmering(*, client, user=None, dossier=None) -> str:
    """A voortgangsgesprek is for a client who is ingedeeld (the service's rule)."""
    if reden := afgesloten_belemmering("een voortgangsgesprek vastleggen")(client=client):
        return reden
    if client.fase != Fase.INGEDEELD:
        return (
            "Een voortgangsgesprek is er voor klanten die zijn ingedeeld in een klantgroep; "
            f"deze klant is nog in de fase '{client.get_fase_display()}'."
        )
    return ""
