"""Access policy of rechtmatigheid and handhaving."""

from deventer_werk.access import regel
from deventer_werk.accounts.constants import Rol

ONDERZOEK = regel(
    "handhaving.onderzoek",
    (Rol.HANDHAVER, Rol.INKOMENSCONSULENT),
    "Rechtmatigheidsonderzoek starten en besluiten",
)
SAMENLOOP = regel("handhaving.samenloop", (Rol.HANDHAVER,), "Samenloopsignaal registreren")
TRIAGE = regel("handhaving.triage", (Rol.HANDHAVER,), "Triage samenloopsignalen")

# Rechtmatigheid, handhaving, the omgekeerde toets and the selection reason: the handhaver and
# the inkomensconsulent only (DESIGN.md §1, need-to-know per section; issue 31).
SECTIE = regel(
    "handhaving.sectie",
    (Rol.HANDHAVER, Rol.INKOMENSCONSULENT),
    "Sectie rechtmatigheid in het dossier",
)
