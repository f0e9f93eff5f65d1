"""Access policy of monitoring: aggregates only, never personal data."""

from deventer_werk.access import regel
from deventer_werk.accounts.constants import Rol

DASHBOARD = regel(
    "monitoring.dashboard", (Rol.BELEIDSMEDEWERKER, Rol.BEHEERDER), "Monitoringdashboard"
)
EXPORT = regel("monitoring.export", (Rol.BELEIDSMEDEWERKER, Rol.BEHEERDER), "Cijfers exporteren")
INDICATOREN = regel(
    "monitoring.indicatoren", (Rol.BELEIDSMEDEWERKER, Rol.BEHEERDER), "Indicatoren (API)"
)
RAPPORTEN = regel("monitoring.rapporten", (Rol.BELEIDSMEDEWERKER,), "Raadsrapportages")
