"""Access policy of begeleiding: plan van aanpak, voortgangsgesprek, uitstroom, werkvoorraad."""

from deventer_werk.access import regel
from deventer_werk.accounts.constants import DOSSIER_ROLLEN, Rol

PLAN = regel(
    "begeleiding.plan",
    (Rol.WERKCOACH, Rol.PARTICIPATIEMAKELAAR),
    "Plan van aanpak opstellen of herzien",
)
PLAN_VERSIES = regel("begeleiding.plan_versies", DOSSIER_ROLLEN, "Versies plan van aanpak")
VOORTGANGSGESPREK = regel(
    "begeleiding.voortgangsgesprek", (Rol.INKOMENSCONSULENT,), "Voortgangsgesprek vastleggen"
)
UITSTROOM = regel("begeleiding.uitstroom", (Rol.INKOMENSCONSULENT,), "Uitstroom vastleggen")
WERKVOORRAAD = regel("begeleiding.werkvoorraad", DOSSIER_ROLLEN, "Werkvoorraad")
# Who can be named DWT coach in a voortgangsgesprek.
DWT_COACH = regel("begeleiding.dwt_coach", (Rol.WERKCOACH,), "DWT-coach van een klant")

SECTIE = regel("begeleiding.sectie", DOSSIER_ROLLEN, "Sectie begeleiding in het dossier")
