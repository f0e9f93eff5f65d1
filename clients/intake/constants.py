"""Which roles do what in the intake (checked with ``user.heeft_rol`` in the views)."""

from deventer_werk.accounts.constants import Rol

SCREENING_ROLLEN = (Rol.POORTWACHTER,)
AANVRAAG_ROLLEN = (Rol.INKOMENSCONSULENT,)
AMBITIE_ROLLEN = (Rol.INTAKER,)
# The professionals who talk with the client about participation record a new rung.
LADDER_ROLLEN = (Rol.INTAKER, Rol.WERKCOACH, Rol.INKOMENSCONSULENT, Rol.PARTICIPATIEMAKELAAR)
# Trainers run kick-offs (and plan them); intakers see when each group meets.
KICKOFF_ROLLEN = (Rol.TRAINER, Rol.INTAKER)

# The kick-off invitation goes out about two weeks after the ambitiegesprek.
KICKOFF_NA_DAGEN = 14
