"""Access policy of trajecten, plaatsingen, participatieplekken, werkgevers, vacatures and
themabijeenkomsten."""

from deventer_werk.access import regel
from deventer_werk.accounts.constants import DOSSIER_ROLLEN, Rol

_COACHES = (Rol.WERKCOACH, Rol.PARTICIPATIEMAKELAAR)

TRAJECT = regel("trajecten.traject", _COACHES, "Traject starten, beëindigen, loonwaarde")
DASHBOARD = regel("trajecten.dashboard", _COACHES, "Trajectendashboard en -lijst")
WERKPROFIEL = regel("trajecten.werkprofiel", _COACHES, "Werkprofiel bijwerken")
PLAATSING = regel("trajecten.plaatsing", (Rol.WERKCOACH,), "Plaatsing vastleggen, nazorg")
# Regie per role: a werkcoach works for DWT-groups, the participatiemakelaar for IO-groups.
TRAJECT_DWT = regel("trajecten.traject_dwt", (Rol.WERKCOACH,), "Traject in een DWT-groep")
TRAJECT_IO = regel("trajecten.traject_io", (Rol.PARTICIPATIEMAKELAAR,), "Traject in een IO-groep")
PLEK = regel(
    "trajecten.participatieplek", (Rol.PARTICIPATIEMAKELAAR,), "Participatieplekken en plaatsen"
)
# Ending a benefit is IO's decision (policy §4.1): a placement only proposes it (issue 30).
UITKERING_EINDE = regel(
    "trajecten.uitkering_einde", (Rol.INKOMENSCONSULENT,), "Einde uitkering na plaatsing beslissen"
)
WERKGEVERS = regel("trajecten.werkgevers", (Rol.WERKCOACH,), "Werkgeversregister")
VACATURES = regel("trajecten.vacatures", (Rol.WERKCOACH,), "Vacatures en kandidaten")
THEMABIJEENKOMSTEN = regel(
    "trajecten.themabijeenkomsten",
    (Rol.WERKCOACH, Rol.PARTICIPATIEMAKELAAR, Rol.TRAINER),
    "Themabijeenkomsten",
)
# Coaches see every meeting (names only of clients they may see); anyone else (a trainer, who
# has no dossier access) only the meetings they organise, with names and attendance.
THEMA_ALLE_BIJEENKOMSTEN = regel(
    "trajecten.thema_alle_bijeenkomsten", _COACHES, "Alle themabijeenkomsten"
)

SECTIE = regel("trajecten.sectie", DOSSIER_ROLLEN, "Sectie trajecten in het dossier")
