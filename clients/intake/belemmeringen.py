"""When the intake pages cannot succeed for a dossier's state (issue 29, item 4): the
``belemmering`` of their dossier actions (``clients.registry.DossierActie``)."""

from clients.constants import Fase
from clients.registry import afgesloten_belemmering

from .models import Aanvraag


def screening_belemmering(*, client, user=None, dossier=None) -> str:
    """A screening belongs to a melding that has none yet: the fase melding (screening moves
    the dossier on to intake, or closes it with "geen recht")."""
    if reden := afgesloten_belemmering("een screening vastleggen")(client=client):
        return reden
    if client.fase != Fase.MELDING:
        return (
            "De screening van deze melding is al vastgelegd; een nieuwe screening hoort bij "
            "een nieuwe melding."
        )
    return ""


def aanvraag_belemmering(*, client, user=None, dossier=None) -> str:
    """One application per open episode (one query; none for a closed dossier)."""
    if reden := afgesloten_belemmering("een aanvraag registreren")(client=client):
        return reden
    if dossier is not None:
        periode = dossier["actuele_periode"]
        bestaat = periode is not None and Aanvraag.objects.filter(periode=periode).exists()
    else:
        bestaat = Aanvraag.objects.filter(
            periode__client=client, periode__einddatum__isnull=True
        ).exists()
    return "Voor deze periode is al een aanvraag geregistreerd." if bestaat else ""


def besluit_belemmering(*, client, user=None, dossier=None) -> str:
    """A decision needs an application waiting for one (one query)."""
    if Aanvraag.objects.filter(client=client, besluit="").exists():
        return ""
    return "Er wacht geen aanvraag op een besluit; registreer eerst de aanvraag."
