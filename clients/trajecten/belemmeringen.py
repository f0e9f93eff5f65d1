"""When the trajecten pages cannot succeed for a dossier's state (issue 29, item 4): the
``belemmering`` of their dossier actions (``clients.registry.DossierActie``)."""

from collections.abc import Callable

from clients.registry import afgesloten_belemmering, lidmaatschap_van

from .services.trajecten import rol_fouten

NIET_INGEDEELD = (
    "Deze klant is niet (meer) ingedeeld in een klantgroep; {wat} kan pas na de indeling."
)


def _ingedeeld(wat: str) -> Callable[..., str]:
    def belemmering(*, client, user=None, dossier=None) -> str:
        if reden := afgesloten_belemmering(wat)(client=client):
            return reden
        if lidmaatschap_van(client=client, dossier=dossier) is None:
            return NIET_INGEDEELD.format(wat=wat)
        return ""

    return belemmering


#: A placement on a job or a participatieplek needs the client's current group (the services
#: read it); a closed dossier has none.
plaatsing_belemmering = _ingedeeld("een plaatsing vastleggen")
plek_belemmering = _ingedeeld("een plaatsing op een participatieplek")
werkprofiel_belemmering = afgesloten_belemmering("het werkprofiel bijwerken")


def traject_belemmering(*, client, user=None, dossier=None) -> str:
    """A traject needs the client's current group, and is logged by the role that has the
    uitvoeringsregie of that group (the service's ``rol_fouten``)."""
    wat = "een traject starten"
    if reden := afgesloten_belemmering(wat)(client=client):
        return reden
    lidmaatschap = lidmaatschap_van(client=client, dossier=dossier)
    if lidmaatschap is None:
        return NIET_INGEDEELD.format(wat=wat)
    fouten = rol_fouten(actor=user, groep=lidmaatschap.klantgroep) if user is not None else {}
    return " ".join(tekst for teksten in fouten.values() for tekst in teksten)
