"""Access rules of the login doors."""

from deventer_werk.access import regel
from deventer_werk.accounts.constants import Rol

BLOKKADES = regel("security.blokkades", (Rol.BEHEERDER,), "Inlogblokkades bekijken en opheffen")
