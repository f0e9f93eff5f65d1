"""Monitoring configuration (budgets) and frozen raad reports."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from deventer_werk.accounts.constants import UITVOERENDE_ORGANISATIES, Organisatie


class Budget(models.Model):
    """Budget per year, klantgroep and organisation (policy §6.1); empty klantgroep = intake."""

    Organisatie = Organisatie  # the one enum (deventer_werk.accounts.constants), DWT or IO

    jaar = models.PositiveSmallIntegerField("jaar")
    klantgroep = models.ForeignKey(
        "klantgroepen.Klantgroep",
        verbose_name="klantgroep",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text="Leeg = intake (van melding tot en met ambitiegesprek) en toekenning",
    )
    organisatie = models.CharField("organisatie", max_length=3, choices=UITVOERENDE_ORGANISATIES)
    bedrag = models.DecimalField("bedrag (€)", max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = "budget"
        verbose_name_plural = "budgetten"
        ordering = ["jaar", "organisatie", "klantgroep__volgorde"]
        constraints = [
            models.UniqueConstraint(
                fields=["jaar", "klantgroep", "organisatie"],
                name="budget_uniek_per_jaar_groep_org",
                nulls_distinct=False,
            ),
            models.CheckConstraint(condition=Q(bedrag__gte=0), name="budget_niet_negatief"),
        ]

    def __str__(self):
        groep = self.klantgroep.naam if self.klantgroep else "Intake"
        return f"{self.jaar} {groep} {self.organisatie}: € {self.bedrag}"


class Raadsrapportage(models.Model):
    """One requested report: the figures frozen as JSON and the rendered PDF."""

    class Status(models.TextChoices):
        WACHTRIJ = "wachtrij", "In de wachtrij"
        BEZIG = "bezig", "Wordt gemaakt"
        KLAAR = "klaar", "Klaar"
        MISLUKT = "mislukt", "Mislukt"

    periode = models.CharField("periode", max_length=6)
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.WACHTRIJ
    )
    voortgang = models.PositiveSmallIntegerField("voortgang (%)", default=0)
    stap = models.CharField("stap", max_length=100, blank=True)
    cijfers = models.JSONField("bevroren cijfers", null=True, blank=True)
    pdf = models.BinaryField("PDF", null=True, blank=True, editable=False)
    foutmelding = models.TextField("foutmelding", blank=True)
    concept = models.BooleanField("automatisch concept", default=False)
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="aangevraagd door",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    aangevraagd_op = models.DateTimeField("aangevraagd op", auto_now_add=True)
    klaar_op = models.DateTimeField("klaar op", null=True, blank=True)
    # The database is the queue of record: the sweeper sends what Redis never got or lost.
    verstuurd_op = models.DateTimeField("laatst aan de wachtrij gegeven", null=True, blank=True)
    bijgewerkt_op = models.DateTimeField("laatste voortgang", null=True, blank=True)

    class Meta:
        verbose_name = "raadsrapportage"
        verbose_name_plural = "raadsrapportages"
        ordering = ["-aangevraagd_op"]
        indexes = [models.Index(fields=["status", "aangevraagd_op"], name="rapport_status_idx")]

    def __str__(self):
        return f"Raadsrapportage {self.periode} ({self.get_status_display()})"

    @property
    def bestandsnaam(self) -> str:
        return f"raadsrapportage-deventer-werk-{self.periode}.pdf"


class PeriodeCijfers(models.Model):
    """Figures of one period (and wijk), computed once by a Celery task and kept per version:
    when the figures of a period change (late registrations), a new version is stored beside
    the old one."""

    periode = models.CharField("periode", max_length=6)
    wijk = models.CharField("wijk", max_length=30, blank=True)
    versie = models.PositiveSmallIntegerField("versie")
    cijfers = models.JSONField("cijfers")
    vingerafdruk = models.CharField("vingerafdruk", max_length=64)
    voorlopig = models.BooleanField("voorlopig", default=False)
    berekend_op = models.DateTimeField("berekend op", auto_now_add=True)
    gecontroleerd_op = models.DateTimeField("laatst nagerekend op", auto_now=True)

    class Meta:
        verbose_name = "periodecijfers"
        verbose_name_plural = "periodecijfers"
        ordering = ["periode", "wijk", "-versie"]
        constraints = [
            models.UniqueConstraint(
                fields=["periode", "wijk", "versie"], name="periodecijfers_uniek_per_versie"
            )
        ]

    def __str__(self):
        return f"Cijfers {self.periode} {self.wijk or 'heel Deventer'} v{self.versie}"


class DashboardGrafieken(models.Model):
    """The dashboard's charts of one set of figures, drawn once for every server process
    (issue 33: matplotlib took 170-700 ms, and each process drew them anew). ``sleutel``
    holds the chart version and the figures' fingerprint: other figures, other charts."""

    sleutel = models.CharField("sleutel", max_length=120, unique=True)
    grafieken = models.JSONField("grafieken")
    getekend_op = models.DateTimeField("getekend op", auto_now_add=True)

    class Meta:
        verbose_name = "dashboardgrafieken"
        verbose_name_plural = "dashboardgrafieken"

    def __str__(self):
        return f"Grafieken {self.sleutel}"
