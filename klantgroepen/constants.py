from django.db import models


class Regie(models.TextChoices):
    DWT = "DWT", "Deventer Werktalent"
    IO = "IO", "Inkomensondersteuning"


class ThemabijeenkomstType(models.TextChoices):
    BRANCHEGERICHT = "branchegericht", "Branchegericht"
    WIJKGERICHT = "wijkgericht", "Wijkgericht"


class LidmaatschapSoort(models.TextChoices):
    EERSTE_INDELING = "eerste_indeling", "Eerste indeling"
    DOORSTROOM = "doorstroom", "Doorstroom"
    TERUGVAL = "terugval", "Terugval"


class KlantgroepCode(models.TextChoices):
    MATCHEN = "matchen", "Matchen"
    GROEIEN = "groeien", "Groeien"
    FACILITEREN = "faciliteren", "Faciliteren"
    ZORGEN = "zorgen", "Zorgen"
