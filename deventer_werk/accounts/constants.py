from django.db import models


class Organisatie(models.TextChoices):
    IO = "IO", "Inkomensondersteuning"
    DWT = "DWT", "Deventer Werktalent"
    GEMEENTE = "gemeente", "Gemeente Deventer"


#: The organisations that carry out the service (uitvoeringsregie of a klantgroep, budgets).
UITVOERENDE_ORGANISATIES = [(o.value, o.label) for o in (Organisatie.DWT, Organisatie.IO)]


class Rol(models.TextChoices):
    """Roles are Django groups with these names (created by a data migration)."""

    POORTWACHTER = "poortwachter", "Poortwachter"
    INTAKER = "intaker", "Intaker"
    INKOMENSCONSULENT = "inkomensconsulent", "Inkomensconsulent"
    WERKCOACH = "werkcoach", "Werkcoach"
    PARTICIPATIEMAKELAAR = "participatiemakelaar", "Participatiemakelaar"
    TRAINER = "trainer", "Trainer"
    HANDHAVER = "handhaver", "Handhaver"
    BELEIDSMEDEWERKER = "beleidsmedewerker", "Beleidsmedewerker"
    BEHEERDER = "beheerder", "Functioneel beheerder"


def rol_naam(waarde: str) -> str:
    """A role's label for running text ("team inkomensconsulent"); an unknown value as is."""
    return Rol(waarde).label.lower() if waarde in Rol.values else waarde


# The organisation each role belongs to (DESIGN.md §1); demo users follow this.
ROL_ORGANISATIE = {
    Rol.POORTWACHTER: Organisatie.IO,
    Rol.INTAKER: Organisatie.DWT,
    Rol.INKOMENSCONSULENT: Organisatie.IO,
    Rol.WERKCOACH: Organisatie.DWT,
    Rol.PARTICIPATIEMAKELAAR: Organisatie.IO,
    Rol.TRAINER: Organisatie.DWT,
    Rol.HANDHAVER: Organisatie.IO,
    Rol.BELEIDSMEDEWERKER: Organisatie.GEMEENTE,
    Rol.BEHEERDER: Organisatie.GEMEENTE,
}

# Roles that work in client dossiers at all. Trainers only see attendance lists,
# beleidsmedewerkers only aggregates, beheerders configuration and the audit trail.
DOSSIER_ROLLEN = frozenset(
    {
        Rol.POORTWACHTER,
        Rol.INTAKER,
        Rol.INKOMENSCONSULENT,
        Rol.WERKCOACH,
        Rol.PARTICIPATIEMAKELAAR,
        Rol.HANDHAVER,
    }
)
