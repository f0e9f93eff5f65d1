"""When the intake pages cannot succeed for a dossier's state (issue 29, item 4): the
``belemmering`` of their dossier actions (``clients.registry.DossierActie``)."""

from clients.constants import Fase
from clients.registry import afgesloten_belemmering, sectie_van

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
        aanvragen = _aanvragen(dossier)
        if periode is None:
            bestaat = False
        elif aanvragen is not None:
            bestaat = any(a.periode_id == periode.pk for a in aanvragen)
        else:
            bestaat = Aanvraag.objects.filter(periode=periode).exists()
    else:
        bestaat = Aanvraag.objects.filter(
            periode__client=client, periode__einddatum__isnull=True
        ).exists()
    return "Voor deze periode is al een aanvraag geregistreerd." if bestaat else ""


def besluit_belemmering(*, client, user=None, dossier=None) -> str:
    """A decision needs an application waiting for one (one query; none on the dossier for a
    user who sees the intake section's aanvragen)."""
    aanvragen = _aanvragen(dossier)
    if aanvragen is not None:
        wacht = any(a.besluit == "" for a in aanvragen)
    else:
        wacht = Aanvraag.objects.filter(client=client, besluit="").exists()
    if wacht:
        return ""
    return "Er wacht geen aanvraag op een besluit; registreer eerst de aanvraag."


def _aanvragen(dossier) -> list[Aanvraag] | None:
    """Every aanvraag of the client as the dossier's intake section read them (None: not read,
    no dossier or not within the user's need-to-know)."""
    sectie = sectie_van(dossier, "intake")
    return None if sectie is None else sectie["aanvragen"]
