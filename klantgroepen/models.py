from django.db import models
from django.db.models import Q

from .constants import REGIE_CHOICES, ThemabijeenkomstType


class Klantgroep(models.Model):
    """Service rules of one klantgroep: configuration, editable by the functioneel beheerder.

    Seeded from the policy "Inzet op maat" §3.1/§3.3 (migration 0002).
    """

    code = models.SlugField("code", max_length=20, unique=True)
    naam = models.CharField("naam", max_length=50, unique=True)
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)
    kenmerken = models.TextField("kenmerken")
    dienstverlening = models.TextField("dienstverlening", blank=True)
    regie = models.CharField("uitvoeringsregie", max_length=3, choices=REGIE_CHOICES)
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
    plan_herzien_maanden = models.PositiveSmallIntegerField(
        "plan van aanpak herzien elke … maanden",
        null=True,
        blank=True,
        help_text="Leeg = de algemene termijn waarin een plan actueel is",
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
