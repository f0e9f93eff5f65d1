"""Access policy of the intake: melding, screening, aanvraag/besluit, ambitiegesprek,
participatieladder and kick-off."""

from deventer_werk.access import regel
from deventer_werk.accounts.constants import DOSSIER_ROLLEN, Rol

SCREENING = regel("intake.screening", (Rol.POORTWACHTER,), "Screening vastleggen")
AANVRAAG = regel("intake.aanvraag", (Rol.INKOMENSCONSULENT,), "Aanvraag uitkering registreren")
BESLUIT = regel("intake.besluit", (Rol.INKOMENSCONSULENT,), "Besluit op aanvraag")
AMBITIEGESPREK = regel("intake.ambitiegesprek", (Rol.INTAKER,), "Ambitiegesprek vastleggen")
# The professionals who talk with the client about participation record a new rung.
LADDER = regel(
    "intake.ladder",
    (Rol.INTAKER, Rol.WERKCOACH, Rol.INKOMENSCONSULENT, Rol.PARTICIPATIEMAKELAAR),
    "Participatieladder bijwerken",
)
# The worklist of gesprekken to hold: only who holds them (policy §4.1: DWT). The
# inkomensconsulent cannot hold one, so her menu no longer leads there; she sees per client
# on the dossier whether the gesprek was held, and its outcome.
ZONDER_AMBITIEGESPREK = regel(
    "intake.zonder_ambitiegesprek", (Rol.INTAKER,), "Bestand zonder ambitiegesprek"
)
# Trainers run kick-offs (and plan them); intakers see when each group meets.
KICKOFF_BEKIJKEN = regel("intake.kickoff_bekijken", (Rol.TRAINER, Rol.INTAKER), "Kick-offs")
KICKOFF_PLANNEN = regel("intake.kickoff_plannen", (Rol.TRAINER,), "Kick-off plannen")
# Intakers see every session (counts only), to tell clients when their group meets; others
# (a trainer) only the sessions they run.
KICKOFF_ALLE_SESSIES = regel(
    "intake.kickoff_alle_sessies", (Rol.INTAKER,), "Alle kick-offs (zonder namen)"
)
# Only the session's own trainer records attendance (checked on the session as well).
KICKOFF_AANWEZIGHEID = regel(
    "intake.kickoff_aanwezigheid", (Rol.TRAINER,), "Aanwezigheid kick-off vastleggen"
)
# Users a screening can hand over to / a session can be run by.
INTAKE_UITVOEREN = regel("intake.intake_uitvoeren", (Rol.INTAKER,), "Ambitiegesprek voeren")
KICKOFF_TRAINEN = regel("intake.kickoff_trainen", (Rol.TRAINER,), "Kick-off leiden")

SECTIE = regel("intake.sectie", DOSSIER_ROLLEN, "Sectie intake in het dossier")
# Who can be the contact person a trainer names at the kick-off (policy §4.1): the werkcoach
# (Matchen, Groeien) and the participatiemakelaar (Faciliteren).
KICKOFF_WERKCOACH = regel(
    "intake.kickoff_werkcoach", (Rol.WERKCOACH,), "Werkcoach na de kick-off (DWT-contact)"
)
KICKOFF_PARTICIPATIEMAKELAAR = regel(
    "intake.kickoff_participatiemakelaar",
    (Rol.PARTICIPATIEMAKELAAR,),
    "Participatiemakelaar na de kick-off (Faciliteren)",
)

# What the poortwachter wrote at the screening (checklist, note, reason "geen recht"): IO's
# melding; the rough rechtmatigheid estimate only for those who guard rechtmatigheid
# (DESIGN.md §1), the poortwachter who made it included.
SCREENING_INHOUD = regel(
    "intake.screening_inhoud",
    (Rol.POORTWACHTER, Rol.INKOMENSCONSULENT, Rol.PARTICIPATIEMAKELAAR, Rol.HANDHAVER),
    "Inhoud van de screening lezen",
)
# The benefit's aanvraag and besluit: IO roles (DESIGN.md §1: DWT sees only "uitkering loopt
# sinds …", which the dossier's header shows).
AANVRAAG_LEZEN = regel(
    "intake.aanvraag_lezen",
    (Rol.POORTWACHTER, Rol.INKOMENSCONSULENT, Rol.PARTICIPATIEMAKELAAR, Rol.HANDHAVER),
    "Aanvraag en besluit uitkering lezen",
)
# The diagnose of an ambitiegesprek: IO roles read every leefgebied and the bespreking; DWT
# roles (the intaker who held it too, once it is recorded) only werk, vaardigheden and the
# leefgebieden the client agreed to share for the plan (DESIGN.md §1, a flag per item).
DIAGNOSE_VOLLEDIG = regel(
    "intake.diagnose_volledig",
    (Rol.POORTWACHTER, Rol.INKOMENSCONSULENT, Rol.PARTICIPATIEMAKELAAR, Rol.HANDHAVER),
    "Diagnose van alle leefgebieden lezen",
)
DIAGNOSE_GEDEELD = regel(
    "intake.diagnose_gedeeld",
    (Rol.INTAKER, Rol.WERKCOACH),
    "Diagnose lezen voor zover gedeeld voor het plan",
)
SCREENING_RECHTMATIGHEID = regel(
    "intake.screening_rechtmatigheid",
    (Rol.POORTWACHTER, Rol.INKOMENSCONSULENT, Rol.HANDHAVER),
    "Inschatting rechtmatigheid van de screening lezen",
)
