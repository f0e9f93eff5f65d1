"""Access policy of the audit trail (toegangslog)."""

from deventer_werk.access import regel
from deventer_werk.accounts.constants import Rol

TOEGANGSLOG = regel("audit.toegangslog", (Rol.BEHEERDER,), "Toegangslog raadplegen")
