"""Who may do what on a dossier: one place, used by the browser views and the API."""

from deventer_werk.accounts.constants import Rol

REGISTREREN_ROLLEN = (Rol.POORTWACHTER, Rol.INKOMENSCONSULENT)
GROEP_WIJZIGEN_ROLLEN = (
    Rol.INTAKER,
    Rol.INKOMENSCONSULENT,
    Rol.WERKCOACH,
    Rol.PARTICIPATIEMAKELAAR,
)
CONTACT_ROLLEN = (Rol.INKOMENSCONSULENT, Rol.WERKCOACH, Rol.POORTWACHTER, Rol.INTAKER)
