from django.db import models


class Actie(models.TextChoices):
    BEKEKEN = "bekeken", "Dossier bekeken"
    AANGEMAAKT = "aangemaakt", "Aangemaakt"
    GEWIJZIGD = "gewijzigd", "Gewijzigd"
    GEZOCHT = "gezocht", "Gezocht"
    EXPORT = "export", "Geëxporteerd"
    INGELOGD = "ingelogd", "Ingelogd"
    UITGELOGD = "uitgelogd", "Uitgelogd"
    INLOGPOGING_MISLUKT = "inlog_mislukt", "Inlogpoging mislukt"
    GEBLOKKEERD = "geblokkeerd", "Inloggen geblokkeerd"
    ONTGRENDELD = "ontgrendeld", "Blokkade opgeheven"


class Resultaat(models.TextChoices):
    TOEGESTAAN = "toegestaan", "Toegestaan"
    GEWEIGERD = "geweigerd", "Geweigerd"


class Herkomst(models.TextChoices):
    WEB = "web", "Browser"
    API = "api", "API"
    TAAK = "taak", "Achtergrondtaak"
    COMMANDO = "commando", "Beheercommando"
