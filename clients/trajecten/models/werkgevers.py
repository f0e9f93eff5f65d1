"""Werkgeversdienstverlening: employers, their dismissals (verdringingscheck), vacancies, and
the client's werkprofiel that matching reads (competences rather than diplomas)."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Func

from .catalogus import Sector


class Competenties(Func):
    """The competences as a lower-case, trimmed text array (SQL ``dw_competenties``, an
    immutable function from migration trajecten 0004, indexed with GIN for matching)."""

    function = "dw_competenties"
    output_field = ArrayField(models.TextField())


class Werkgever(models.Model):
    class Omvang(models.TextChoices):
        KLEIN = "klein", "Klein (< 10)"
        MIDDEN = "midden", "Middelgroot (10–250)"
        GROOT = "groot", "Groot (> 250)"

    naam = models.CharField("naam", max_length=150)
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="werkgevers")
    omvang = models.CharField("omvang", max_length=6, choices=Omvang.choices)
    accountmanager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    contactpersoon = models.CharField("contactpersoon", max_length=150, blank=True)
    telefoon = models.CharField("telefoon", max_length=30, blank=True)
    email = models.EmailField("e-mail", blank=True)
    versie = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "werkgever"
        verbose_name_plural = "werkgevers"
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class OntslagMelding(models.Model):
    """Dismissals for business reasons: input for the verdringingscheck."""

    werkgever = models.ForeignKey(Werkgever, on_delete=models.CASCADE, related_name="ontslagen")
    datum = models.DateField("datum")
    aantal = models.PositiveSmallIntegerField("aantal")
    functie = models.CharField("functie", max_length=150, blank=True)
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "ontslag om bedrijfseconomische redenen"
        verbose_name_plural = "ontslagen om bedrijfseconomische redenen"
        ordering = ["-datum"]

    def __str__(self):
        return f"{self.werkgever}: {self.aantal} op {self.datum:%d-%m-%Y}"


class Vacature(models.Model):
    werkgever = models.ForeignKey(Werkgever, on_delete=models.CASCADE, related_name="vacatures")
    functie = models.CharField("functie", max_length=150)
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="vacatures")
    uren = models.PositiveSmallIntegerField(
        "uren per week", validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    competenties = models.CharField(
        "gevraagde competenties",
        max_length=500,
        help_text="Kommagescheiden, bijv. 'klantgericht, rijbewijs B'",
    )
    open = models.BooleanField("open", default=True)
    geplaatst_op = models.DateField("geplaatst op")
    gesloten_op = models.DateField("gesloten op", null=True, blank=True)

    class Meta:
        verbose_name = "vacature"
        verbose_name_plural = "vacatures"
        ordering = ["-geplaatst_op"]

    def __str__(self):
        return f"{self.functie} bij {self.werkgever}"

    def competentielijst(self) -> set[str]:
        return {c.strip().lower() for c in self.competenties.split(",") if c.strip()}


class Werkprofiel(models.Model):
    """What matching looks at: sector interest, competences (not diplomas), availability."""

    client = models.OneToOneField(
        "clients.Client", on_delete=models.CASCADE, related_name="werkprofiel"
    )
    sectoren = models.ManyToManyField(Sector, verbose_name="interesse in sectoren", blank=True)
    competenties = models.CharField("competenties", max_length=500, blank=True)
    uren_beschikbaar = models.PositiveSmallIntegerField(
        "uren beschikbaar per week", default=32, validators=[MaxValueValidator(60)]
    )
    versie = models.PositiveIntegerField(default=1)
    gewijzigd_op = models.DateTimeField(auto_now=True, null=True)

    class Meta:
        verbose_name = "werkprofiel"
        verbose_name_plural = "werkprofielen"
        indexes = [
            # Matching pre-filters on "shares a requested competence" (array overlap).
            GinIndex(Competenties(F("competenties")), name="werkprofiel_comp_gin_idx"),
            # The key of matching's kept ranking: the newest change (an index-only max).
            models.Index(fields=["gewijzigd_op"], name="werkprofiel_gewijzigd_idx"),
        ]

    def __str__(self):
        return f"Werkprofiel {self.client_id}"

    def competentielijst(self) -> set[str]:
        return {c.strip().lower() for c in self.competenties.split(",") if c.strip()}
