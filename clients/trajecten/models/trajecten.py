"""Trajecten: dated facts per client, with the loonwaarde assessments of loonkostensubsidie."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from .catalogus import Aanbieder, Instrument, Sector


class Traject(models.Model):
    class Status(models.TextChoices):
        LOPEND = "lopend", "Lopend"
        BEEINDIGD = "beeindigd", "Beëindigd"

    class Resultaat(models.TextChoices):
        SUCCESVOL = "succesvol", "Succesvol"
        VOORTIJDIG = "voortijdig", "Voortijdig beëindigd"

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="trajecten")
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="trajecten")
    aanbieder = models.ForeignKey(Aanbieder, on_delete=models.PROTECT, related_name="+")
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    klantgroep = models.ForeignKey(
        "klantgroepen.Klantgroep",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Klantgroep bij de start",
    )
    start = models.DateField("start")
    gepland_einde = models.DateField("gepland einde")
    einde = models.DateField("werkelijk einde", null=True, blank=True)
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.LOPEND
    )
    resultaat = models.CharField("resultaat", max_length=10, choices=Resultaat.choices, blank=True)
    reden_voortijdig = models.TextField("reden voortijdig einde", blank=True)
    kosten = models.DecimalField("kosten (€)", max_digits=9, decimal_places=2, default=0)
    loonwaarde = models.PositiveSmallIntegerField(
        "loonwaarde (%)",
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    herbeoordeling_op = models.DateField("herbeoordeling loonwaarde", null=True, blank=True)
    afwijking_reden = models.TextField("reden afwijking van de klantgroep", blank=True)
    werkcoach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    versie = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "traject"
        verbose_name_plural = "trajecten"
        ordering = ["-start", "-pk"]
        indexes = [
            models.Index(fields=["werkcoach", "status"], name="traject_coach_status_idx"),
            # the trajecten list's page in its order (migration 0007)
            models.Index(fields=["-start", "-id"], name="traject_start_id_idx"),
            # the dashboard's running trajecten in their order (migration 0008)
            models.Index(
                fields=["gepland_einde", "id"],
                condition=Q(status="lopend"),
                name="traject_lopend_einde_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(gepland_einde__gte=models.F("start")), name="traject_gepland_na_start"
            ),
            models.CheckConstraint(
                condition=Q(einde__isnull=True) | Q(einde__gte=models.F("start")),
                name="traject_einde_na_start",
            ),
            models.CheckConstraint(
                condition=Q(loonwaarde__isnull=True)
                | (Q(loonwaarde__gte=0) & Q(loonwaarde__lte=100)),
                name="traject_loonwaarde_0_100",
            ),
            models.CheckConstraint(
                condition=(Q(status="lopend") & Q(einde__isnull=True) & Q(resultaat=""))
                | (Q(status="beeindigd") & Q(einde__isnull=False) & ~Q(resultaat="")),
                name="traject_status_consistent",
            ),
        ]

    def __str__(self):
        return f"{self.instrument} ({self.start:%d-%m-%Y})"


class LoonwaardeBeoordeling(models.Model):
    """One assessment of the loonwaarde of a loonkostensubsidie traject. The first one is made
    when the traject starts; each re-assessment adds a row (never overwrites) and plans the
    next one. The current loonwaarde is the latest row."""

    traject = models.ForeignKey(Traject, on_delete=models.CASCADE, related_name="beoordelingen")
    datum = models.DateField("datum beoordeling")
    loonwaarde = models.PositiveSmallIntegerField(
        "loonwaarde (%)", validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    volgende_herbeoordeling = models.DateField("volgende herbeoordeling", null=True, blank=True)
    toelichting = models.TextField("toelichting", blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "loonwaardebeoordeling"
        verbose_name_plural = "loonwaardebeoordelingen"
        ordering = ["traject", "-datum", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(loonwaarde__gte=0) & Q(loonwaarde__lte=100),
                name="loonwaardebeoordeling_0_100",
            ),
            models.CheckConstraint(
                condition=Q(volgende_herbeoordeling__isnull=True)
                | Q(volgende_herbeoordeling__gt=models.F("datum")),
                name="loonwaardebeoordeling_volgende_na_datum",
            ),
        ]

    def __str__(self):
        return f"Loonwaarde {self.loonwaarde}% op {self.datum:%d-%m-%Y}"
