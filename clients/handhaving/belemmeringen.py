"""When the handhaving pages cannot succeed for a dossier's state (issue 29, item 4): the
``belemmering`` of their dossier actions (``clients.registry.DossierActie``)."""

from clients.registry import sectie_van

from .models import Rechtmatigheidsonderzoek
from .services import LOPEND_FOUT


def onderzoek_belemmering(*, client, user=None, dossier=None) -> str:
    """At most one running onderzoek per client (also a constraint): one query. A closed
    dossier may still be investigated (a terugvordering over the past period). On the dossier
    the handhaving section has read the running one already (no query)."""
    sectie = sectie_van(dossier, "handhaving")
    if sectie is not None:
        lopend = sectie["open_onderzoek"] is not None
    else:
        lopend = Rechtmatigheidsonderzoek.objects.lopend().filter(client=client).exists()
    return LOPEND_FOUT if lopend else ""
