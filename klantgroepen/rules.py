"""Access policy of the klantgroepen configuration."""

from deventer_werk.access import regel
from deventer_werk.accounts.constants import Rol

BEHEREN = regel("klantgroepen.beheren", (Rol.BEHEERDER,), "Klantgroepen configureren")
