"""Participatieplekken for Faciliteren, and themabijeenkomsten (branche- or wijkgericht)."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from clients.constants import Wijk

from .catalogus import Sector


class Participatieplek(models.Model):
    class Soort(models.TextChoices):
        VRIJWILLIGERSWERK = "vrijwilligerswerk", "Vrijwilligerswerk"
        ADDITIONELE_ARBEID = "additionele_arbeid", "Additionele arbeid"

    organisatie = models.CharField("organisatie", max_length=150)
    omschrijving = models.CharField("wat", max_length=200)
    soort = models.CharField("soort", max_length=20, choices=Soort.choices)
    wijk = models.CharField("wijk", max_length=30, choices=Wijk.choices)
    plaatsen = models.PositiveSmallIntegerField(
        "aantal plaatsen", default=1, validators=[MinValueValidator(1)]
    )
    actief = models.BooleanField("actief", default=True)

    class Meta:
        verbose_name = "participatieplek"
        verbose_name_plural = "participatieplekken"
        ordering = ["wijk", "organisatie"]

    def __str__(self):
        return f"{self.omschrijving} – {self.organisatie} ({self.get_wijk_display()})"


class PlekPlaatsing(models.Model):
    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="plekplaatsingen"
    )
    plek = models.ForeignKey(Participatieplek, on_delete=models.PROTECT, related_name="plaatsingen")
    start = models.DateField("start")
    einde = models.DateField("einde", null=True, blank=True)
    makelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    afwijking_reden = models.TextField("reden afwijking van de klantgroep", blank=True)
    reden_einde = models.TextField("reden einde", blank=True)

    class Meta:
        verbose_name = "plaatsing op participatieplek"
        verbose_name_plural = "plaatsingen op participatieplekken"
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(einde__isnull=True) | Q(einde__gte=models.F("start")),
                name="plekplaatsing_einde_na_start",
            ),
            models.UniqueConstraint(
                fields=["client", "plek"],
                condition=Q(einde__isnull=True),
                name="plekplaatsing_een_lopend",
            ),
        ]

    def __str__(self):
        return f"{self.plek} vanaf {self.start:%d-%m-%Y}"


class Themabijeenkomst(models.Model):
    class Type(models.TextChoices):
        BRANCHEGERICHT = "branchegericht", "Branchegericht"
        WIJKGERICHT = "wijkgericht", "Wijkgericht"

    type = models.CharField("type", max_length=15, choices=Type.choices)
    onderwerp = models.CharField("onderwerp", max_length=200)
    datum = models.DateTimeField("datum en tijd")
    plaats = models.CharField("plaats", max_length=200)
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    wijk = models.CharField("wijk", max_length=30, choices=Wijk.choices, blank=True)
    klantgroepen = models.ManyToManyField("klantgroepen.Klantgroep", related_name="+")
    # The organiser: a trainer sees the names and attendance of the meetings they run only.
    georganiseerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "themabijeenkomst"
        verbose_name_plural = "themabijeenkomsten"
        ordering = ["-datum"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(type="branchegericht") & Q(sector__isnull=False))
                | (Q(type="wijkgericht") & ~Q(wijk="")),
                name="thema_sector_of_wijk",
            ),
        ]

    def __str__(self):
        return f"{self.onderwerp} ({self.datum:%d-%m-%Y})"


class ThemaUitnodiging(models.Model):
    bijeenkomst = models.ForeignKey(
        Themabijeenkomst, on_delete=models.CASCADE, related_name="uitnodigingen"
    )
    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="thema_uitnodigingen"
    )
    aanwezig = models.BooleanField("aanwezig", null=True, blank=True)

    class Meta:
        verbose_name = "uitnodiging themabijeenkomst"
        verbose_name_plural = "uitnodigingen themabijeenkomsten"
        constraints = [
            models.UniqueConstraint(
                fields=["bijeenkomst", "client"], name="thema_uitnodiging_uniek"
            )
        ]

    def __str__(self):
        return f"Uitnodiging {self.bijeenkomst}"
