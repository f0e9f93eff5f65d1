"""The one place where monitoring imports group membership and klantgroep configuration.

Group membership is moving from ``klantgroepen`` into ``clients``; when it does, only the
import below changes.
"""

from klantgroepen.constants import LidmaatschapSoort
from klantgroepen.models import Groepslidmaatschap, Klantgroep

__all__ = ["Groepslidmaatschap", "Klantgroep", "LidmaatschapSoort"]
