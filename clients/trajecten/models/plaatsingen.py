"""Plaatsingen (work) with their nazorg checkpoints."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from .werkgevers import Vacature, Werkgever


class Plaatsing(models.Model):
    class Contract(models.TextChoices):
        BEPAALD = "bepaald", "Bepaalde tijd"
        ONBEPAALD = "onbepaald", "Onbepaalde tijd"
        UITZEND = "uitzend", "Uitzendcontract"
        BESCHUT = "beschut", "Beschut werk"

    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="plaatsingen"
    )
    werkgever = models.ForeignKey(Werkgever, on_delete=models.PROTECT, related_name="plaatsingen")
    vacature = models.ForeignKey(
        Vacature, on_delete=models.SET_NULL, null=True, blank=True, related_name="plaatsingen"
    )
    functie = models.CharField("functie", max_length=150)
    uren = models.PositiveSmallIntegerField(
        "uren per week", validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    contract = models.CharField("contract", max_length=10, choices=Contract.choices)
    start = models.DateField("startdatum")
    met_loonkostensubsidie = models.BooleanField("met loonkostensubsidie", default=False)
    loonwaarde = models.PositiveSmallIntegerField(
        "loonwaarde (%)",
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    # With loonkostensubsidie the placement starts a loonkostensubsidie traject (loonwaarde
    # assessments, costs per klantgroep) before the benefit ends.
    traject = models.ForeignKey(
        "trajecten.Traject",
        verbose_name="traject loonkostensubsidie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plaatsingen",
    )
    verdringing_waarschuwing = models.TextField("verdringingscheck", blank=True)
    verdringing_motivatie = models.TextField("motivatie ondanks waarschuwing", blank=True)
    uitkering_beeindigd = models.BooleanField("uitkering beëindigd door plaatsing", default=False)
    werkcoach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    nazorg_tot = models.DateField("nazorg tot")
    # Set when a nazorg checkpoint finds the client no longer works there (a new fact; the
    # placement itself stays as it was recorded).
    einde = models.DateField("uit dienst per", null=True, blank=True)

    class Meta:
        verbose_name = "plaatsing"
        verbose_name_plural = "plaatsingen"
        ordering = ["-start", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(loonwaarde__isnull=True)
                | (Q(loonwaarde__gte=0) & Q(loonwaarde__lte=100)),
                name="plaatsing_loonwaarde_0_100",
            ),
            models.CheckConstraint(
                condition=Q(einde__isnull=True) | Q(einde__gte=models.F("start")),
                name="plaatsing_einde_na_start",
            ),
        ]

    def __str__(self):
        return f"{self.functie} bij {self.werkgever} ({self.start:%d-%m-%Y})"


class NazorgMoment(models.Model):
    """A nazorg checkpoint of a placement (after 6 and 12 months): is the client still working
    there? Recorded once per checkpoint; the answer is what "duurzame uitstroom" is read from."""

    plaatsing = models.ForeignKey(Plaatsing, on_delete=models.CASCADE, related_name="nazorg")
    maanden = models.PositiveSmallIntegerField("na … maanden")
    datum = models.DateField("datum contact")
    werkt_nog = models.BooleanField("werkt nog bij deze werkgever")
    toelichting = models.TextField("toelichting", blank=True)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "nazorgmoment"
        verbose_name_plural = "nazorgmomenten"
        ordering = ["plaatsing", "maanden"]
        constraints = [
            models.UniqueConstraint(fields=["plaatsing", "maanden"], name="nazorgmoment_uniek"),
        ]

    def __str__(self):
        return f"Nazorg na {self.maanden} maanden ({self.datum:%d-%m-%Y})"
