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
# One page to prepare the next gesprek (issue 29): what it shows, each part only for who sees
# that part on the dossier.
VOORBEREIDING = regel("begeleiding.voorbereiding", DOSSIER_ROLLEN, "Gesprek voorbereiden")
UITSTROOM = regel("begeleiding.uitstroom", (Rol.INKOMENSCONSULENT,), "Uitstroom vastleggen")
WERKVOORRAAD = regel(
    "begeleiding.werkvoorraad", (*DOSSIER_ROLLEN, Rol.TRAINER), "Werkvoorraad (startpagina)"
)
# The role's own sections on the start page.
START_MELDINGEN = regel(
    "begeleiding.start_meldingen", (Rol.POORTWACHTER,), "Meldingen en aanvragen op de start"
)
START_AMBITIE = regel("begeleiding.start_ambitie", (Rol.INTAKER,), "Ambitiegesprekken op de start")
START_TRAJECTEN = regel(
    "begeleiding.start_trajecten",
    (Rol.WERKCOACH, Rol.PARTICIPATIEMAKELAAR),
    "Trajecten en plannen op de start",
)
START_PLEKKEN = regel(
    "begeleiding.start_plekken",
    (Rol.PARTICIPATIEMAKELAAR,),
    "Eigen Faciliteren-klanten en vrije participatieplekken op de start",
)
START_HANDHAVING = regel(
    "begeleiding.start_handhaving", (Rol.HANDHAVER,), "Triage en signalen op de start"
)
START_SESSIES = regel(
    "begeleiding.start_sessies", (Rol.TRAINER,), "Eigen bijeenkomsten op de start"
)
# Nazorg after a placement in work is the werkcoach's (Matchen, Groeien; DESIGN.md §1).
START_NAZORG = regel("begeleiding.start_nazorg", (Rol.WERKCOACH,), "Eigen nazorg op de start")
# Urgent signals of clients without an inkomensconsulent land in the IO team queue; the
# inkomensconsulent picks them up (bestaanszekerheid is IO's, DESIGN.md §1). The werkvoorraad
# also requires the user to work at IO.
IO_TEAMSIGNALEN = regel(
    "begeleiding.io_teamsignalen",
    (Rol.INKOMENSCONSULENT,),
    "Urgente signalen van klanten zonder inkomensconsulent",
)
# Who can be named DWT coach in a voortgangsgesprek.
DWT_COACH = regel("begeleiding.dwt_coach", (Rol.WERKCOACH,), "DWT-coach van een klant")

SECTIE = regel("begeleiding.sectie", DOSSIER_ROLLEN, "Sectie begeleiding in het dossier")

# What was said in a voortgangsgesprek (leefsituatie, inkomen, welzijn/stress, schulden,
# minimaregelingen, verwijzing, rechtmatigheid, verslag): IO's conversation about income and
# bestaanszekerheid (DESIGN.md §1). DWT roles see that it took place, and what the client
# shared for the plan (GESPREK_GEDEELD).
GESPREK_INHOUD = regel(
    "begeleiding.gesprek_inhoud",
    (Rol.POORTWACHTER, Rol.INKOMENSCONSULENT, Rol.PARTICIPATIEMAKELAAR, Rol.HANDHAVER),
    "Inhoud van voortgangsgesprekken lezen",
)
# What the client agreed to share with DWT for the plan (a flag per item on the gesprek:
# welzijn/stress, leefsituatie, schulden; DESIGN.md §1): IO roles and DWT's dossier roles.
GESPREK_GEDEELD = regel(
    "begeleiding.gesprek_gedeeld",
    (
        Rol.POORTWACHTER,
        Rol.INKOMENSCONSULENT,
        Rol.PARTICIPATIEMAKELAAR,
        Rol.HANDHAVER,
        Rol.WERKCOACH,
        Rol.INTAKER,
    ),
    "Wat de klant deelde voor het plan lezen",
)
# The rechtmatigheid part of it: the inkomensconsulent and the handhaver only (DESIGN.md §1).
GESPREK_RECHTMATIGHEID = regel(
    "begeleiding.gesprek_rechtmatigheid",
    (Rol.INKOMENSCONSULENT, Rol.HANDHAVER),
    "Rechtmatigheid in voortgangsgesprekken lezen",
)
