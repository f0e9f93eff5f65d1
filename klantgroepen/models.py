from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateRangeField, RangeOperators
from django.db import models
from django.db.models import Func, Q

from .constants import LidmaatschapSoort, Regie, ThemabijeenkomstType
from .query import GroepslidmaatschapQuerySet


class Klantgroep(models.Model):
    """Service rules of one klantgroep: configuration, editable by the functioneel beheerder.

    Seeded from the policy "Inzet op maat" §3.1/§3.3 (migration 0002).
    """

    code = models.SlugField("code", max_length=20, unique=True)
    naam = models.CharField("naam", max_length=50, unique=True)
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)
    kenmerken = models.TextField("kenmerken")
    dienstverlening = models.TextField("dienstverlening", blank=True)
    regie = models.CharField("uitvoeringsregie", max_length=3, choices=Regie.choices)
    voortgangsgesprekken_per_jaar = models.PositiveSmallIntegerField(
        "voortgangsgesprekken per jaar", help_text="0 = geen periodiek voortgangsgesprek"
    )
    rechtmatigheid_interval_maanden = models.PositiveSmallIntegerField(
        "rechtmatigheidsonderzoek elke … maanden",
        null=True,
        blank=True,
        help_text="Leeg = alleen bij de screening",
    )
    rechtmatigheid_in_voortgangsgesprek = models.BooleanField(
        "rechtmatigheid in het voortgangsgesprek", default=False
    )
    themabijeenkomst_type = models.CharField(
        "themabijeenkomsten", max_length=20, choices=ThemabijeenkomstType.choices
    )
    max_maanden_uitkering = models.PositiveSmallIntegerField(
        "past bij maximaal … maanden uitkering",
        null=True,
        blank=True,
        help_text="Waarschuwing (geen blokkade) als de uitkering langer loopt",
    )
    handhaving_focus = models.CharField("handhavingsfocus", max_length=255, blank=True)
    omvang_2019 = models.PositiveIntegerField("omvang 2019", null=True, blank=True)

    class Meta:
        verbose_name = "klantgroep"
        verbose_name_plural = "klantgroepen"
        ordering = ["volgorde"]
        constraints = [
            models.CheckConstraint(
                condition=Q(voortgangsgesprekken_per_jaar__lte=12),
                name="klantgroep_voortgang_max_12",
            ),
        ]

    def __str__(self) -> str:
        return self.naam

    @property
    def voortgang_interval_maanden(self) -> int | None:
        if not self.voortgangsgesprekken_per_jaar:
            return None
        return 12 // self.voortgangsgesprekken_per_jaar


class DateRangeFunc(Func):
    function = "daterange"
    output_field = DateRangeField()


class Groepslidmaatschap(models.Model):
    """History of a client's klantgroep: one dated row per period, never overwritten.

    The current group is the row with ``tot`` empty. ``van`` is inclusive, ``tot`` exclusive
    (the day the next membership starts). PostgreSQL refuses overlapping periods.
    """

    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="lidmaatschappen"
    )
    klantgroep = models.ForeignKey(Klantgroep, on_delete=models.PROTECT, related_name="+")
    van = models.DateField("vanaf")
    tot = models.DateField("tot", null=True, blank=True)
    soort = models.CharField("soort", max_length=20, choices=LidmaatschapSoort.choices)
    reden = models.TextField("reden", blank=True)
    gekozen_klantgroep = models.ForeignKey(
        Klantgroep,
        verbose_name="gekozen door klant",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    geadviseerde_klantgroep = models.ForeignKey(
        Klantgroep,
        verbose_name="advies professional",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="besloten door",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    waarschuwingen = models.JSONField("waarschuwingen bij besluit", default=list, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    objects = GroepslidmaatschapQuerySet.as_manager()

    class Meta:
        verbose_name = "groepslidmaatschap"
        verbose_name_plural = "groepslidmaatschappen"
        ordering = ["client", "-van"]
        indexes = [models.Index(fields=["klantgroep", "van", "tot"], name="lidm_groep_periode_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(tot__isnull=True) | Q(tot__gt=models.F("van")),
                name="lidmaatschap_tot_na_van",
            ),
            models.UniqueConstraint(
                fields=["client"], condition=Q(tot__isnull=True), name="lidmaatschap_een_actueel"
            ),
            ExclusionConstraint(
                name="lidmaatschap_geen_overlap",
                expressions=[
                    ("client", RangeOperators.EQUAL),
                    (DateRangeFunc("van", "tot"), RangeOperators.OVERLAPS),
                ],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.klantgroep} vanaf {self.van:%d-%m-%Y}"
