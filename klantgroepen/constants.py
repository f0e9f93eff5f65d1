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
