"""When the handhaving pages cannot succeed for a dossier's state (issue 29, item 4): the
``belemmering`` of their dossier actions (``clients.registry.DossierActie``)."""

from .models import Rechtmatigheidsonderzoek
from .services import LOPEND_FOUT


def onderzoek_belemmering(*, client, user=None, dossier=None) -> str:
    """At most one running onderzoek per client (also a constraint): one query. A closed
    dossier may still be investigated (a terugvordering over the past period)."""
    return (
        LOPEND_FOUT
        if Rechtmatigheidsonderzoek.objects.lopend().filter(client=client).exists()
        else ""
    )
