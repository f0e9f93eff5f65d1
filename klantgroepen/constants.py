from django.db import models

from deventer_werk.accounts.constants import UITVOERENDE_ORGANISATIES, Organisatie

#: Uitvoeringsregie of a klantgroep: one of the organisations (one enum, values DWT / IO).
Regie = Organisatie
REGIE_CHOICES = UITVOERENDE_ORGANISATIES


class ThemabijeenkomstType(models.TextChoices):
    BRANCHEGERICHT = "branchegericht", "Branchegericht"
    WIJKGERICHT = "wijkgericht", "Wijkgericht"


class KlantgroepCode(models.TextChoices):
    MATCHEN = "matchen", "Matchen"
    GROEIEN = "groeien", "Groeien"
    FACILITEREN = "faciliteren", "Faciliteren"
    ZORGEN = "zorgen", "Zorgen"


class Perspectief(models.TextChoices):
    """What the ambitiegesprek concludes the client can do, in the words of the group
    descriptions of policy §3.1 (the intaker records it; the advice rules read it)."""

    DIRECT = "direct", "Kan direct (op zeer korte termijn) aan het werk"
    WERK_3_JAAR = (
        "werk_3_jaar",
        ("Kan met ondersteuning binnen ca. 3 jaar aan het werk (eventueel met loonkostensubsidie)"),
    )
    SAMENLEVING = (
        "samenleving",
        ("Kan binnen 3 jaar van waarde zijn voor de samenleving, niet voor de arbeidsmarkt"),
    )
    GEEN = "geen", "Grote belemmeringen om te participeren, gering ontwikkelpotentieel"
