"""Access policy of rechtmatigheid and handhaving."""

from deventer_werk.access import regel
from deventer_werk.accounts.constants import DOSSIER_ROLLEN, Rol

ONDERZOEK = regel(
    "handhaving.onderzoek",
    (Rol.HANDHAVER, Rol.INKOMENSCONSULENT),
    "Rechtmatigheidsonderzoek starten en besluiten",
)
SAMENLOOP = regel("handhaving.samenloop", (Rol.HANDHAVER,), "Samenloopsignaal registreren")
TRIAGE = regel("handhaving.triage", (Rol.HANDHAVER,), "Triage samenloopsignalen")

SECTIE = regel("handhaving.sectie", DOSSIER_ROLLEN, "Sectie rechtmatigheid in het dossier")
