"""The end of a benefit because of a placement: DWT proposes, IO decides (issue 30).

Ending a benefit is the inkomensconsulent's decision (policy §4.1 "Afhandeling uitkering").
A werkcoach's placement only *proposes* it; the decision (and every correction of it) is a
row of its own, so what was decided when, by whom and why stays readable. The benefit period
closes on the decided last day, not before (``uitgevoerd_op``)."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class Uitkeringseinde(models.Model):
    """The proposal to end the benefit, made with a placement; its current decision is the
    latest ``UitkeringseindeBesluit``."""

    class Status(models.TextChoices):
        VOORGESTELD = "voorgesteld", "Voorgesteld, wacht op besluit"
        BEEINDIGEN = "beeindigen", "Besloten: uitkering stopt"
        NIET_BEEINDIGEN = "niet_beeindigen", "Besloten: uitkering loopt door"

    plaatsing = models.OneToOneField(
        "trajecten.Plaatsing", on_delete=models.CASCADE, related_name="uitkeringseinde"
    )
    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="uitkeringseinden"
    )
    voorgestelde_laatste_dag = models.DateField("voorgestelde laatste dag uitkering")
    voorgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    voorgesteld_op = models.DateTimeField("voorgesteld op", auto_now_add=True)
    status = models.CharField(
        "status", max_length=16, choices=Status.choices, default=Status.VOORGESTELD
    )
    # The decided last day (current decision); the period closes on it.
    laatste_dag = models.DateField("besloten laatste dag uitkering", null=True, blank=True)
    # Set when the benefit period was closed on the decided day.
    uitgevoerd_op = models.DateField("uitkeringsperiode gesloten op", null=True, blank=True)
    versie = models.PositiveIntegerField("versie", default=1)

    class Meta:
        verbose_name = "einde uitkering door plaatsing"
        verbose_name_plural = "einden uitkering door plaatsing"
        ordering = ["-voorgesteld_op", "-pk"]
        indexes = [
            models.Index(
                fields=["laatste_dag"],
                condition=Q(status="beeindigen", uitgevoerd_op__isnull=True),
                name="uitkeringseinde_te_doen_idx",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="beeindigen") | Q(laatste_dag__isnull=False),
                name="uitkeringseinde_beeindigen_met_dag",
            ),
            models.CheckConstraint(
                condition=Q(uitgevoerd_op__isnull=True) | Q(status="beeindigen"),
                name="uitkeringseinde_uitgevoerd_alleen_bij_beeindigen",
            ),
        ]

    def __str__(self) -> str:
        return f"Einde uitkering ({self.get_status_display()})"


class UitkeringseindeBesluit(models.Model):
    """One decision of the inkomensconsulent on a proposal; a correction is a new row with
    its reason (history, never an overwrite)."""

    uitkeringseinde = models.ForeignKey(
        Uitkeringseinde, on_delete=models.CASCADE, related_name="besluiten"
    )
    beeindigen = models.BooleanField("uitkering beëindigen")
    laatste_dag = models.DateField("laatste dag uitkering", null=True, blank=True)
    toelichting = models.TextField("reden of toelichting", blank=True)
    correctie = models.BooleanField("correctie van een eerder besluit", default=False)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    op = models.DateTimeField("besloten op", auto_now_add=True)

    class Meta:
        verbose_name = "besluit einde uitkering"
        verbose_name_plural = "besluiten einde uitkering"
        ordering = ["uitkeringseinde", "op", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(beeindigen=True) & Q(laatste_dag__isnull=False))
                | (Q(beeindigen=False) & Q(laatste_dag__isnull=True) & ~Q(toelichting="")),
                name="uitkeringseindebesluit_consistent",
            ),
            models.CheckConstraint(
                condition=Q(correctie=False) | ~Q(toelichting=""),
                name="uitkeringseindebesluit_correctie_met_reden",
            ),
        ]

    def __str__(self) -> str:
        if self.beeindigen:
            return f"Uitkering stopt na {self.laatste_dag:%d-%m-%Y}"
        return "Uitkering loopt door"
