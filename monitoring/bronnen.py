"""The one place where monitoring imports group membership and klantgroep configuration.

Group membership lives in ``clients.groepen``; the configuration in ``klantgroepen``.
"""

from clients.constants import LidmaatschapSoort
from clients.groepen.models import Groepslidmaatschap
from klantgroepen.models import Klantgroep

__all__ = ["Groepslidmaatschap", "Klantgroep", "LidmaatschapSoort"]
