from django.db import models


class Fase(models.TextChoices):
    """Where the dossier is in the klantreis (operational state; history lives elsewhere)."""

    MELDING = "melding", "Melding en screening"
    INTAKE = "intake", "Intake bij DWT"
    INGEDEELD = "ingedeeld", "Ingedeeld in klantgroep"
    AFGESLOTEN = "afgesloten", "Afgesloten"


class Wijk(models.TextChoices):
    BINNENSTAD = "binnenstad", "Binnenstad"
    ZANDWEERD = "zandweerd", "Zandweerd"
    KEIZERSLANDEN = "keizerslanden", "Keizerslanden"
    RIVIERENWIJK = "rivierenwijk", "Rivierenwijk"
    VOORSTAD = "voorstad", "Voorstad"
    BORGELE_PLATVOET = "borgele_platvoet", "Borgele en Platvoet"
    COLMSCHATE = "colmschate", "Colmschate"
    VIJFHOEK = "vijfhoek", "Vijfhoek"
    DE_HOVEN = "de_hoven", "De Hoven"
    ZANDWEERD_NOORD = "zandweerd_noord", "Zandweerd-Noord"
    DIEPENVEEN = "diepenveen", "Diepenveen"
    SCHALKHAAR = "schalkhaar", "Schalkhaar"
    BATHMEN = "bathmen", "Bathmen"


class Uitstroomreden(models.TextChoices):
    WERK_REGULIER = "werk_regulier", "Werk (regulier)"
    WERK_LKS = "werk_lks", "Werk met loonkostensubsidie"
    BESCHUT_WERK = "beschut_werk", "Beschut werk"
    STUDIE = "studie", "Studie"
    VERHUIZING = "verhuizing", "Verhuizing"
    ANDERE_UITKERING = "andere_uitkering", "Andere uitkering"
    DETENTIE = "detentie", "Detentie"
    OVERLIJDEN = "overlijden", "Overlijden"
    GEEN_RECHT = "geen_recht", "Geen recht (na screening)"
    OVERIG = "overig", "Overig"


UITSTROOM_NAAR_WERK = frozenset(
    {Uitstroomreden.WERK_REGULIER, Uitstroomreden.WERK_LKS, Uitstroomreden.BESCHUT_WERK}
)
