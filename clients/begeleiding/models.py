"""Begeleiding: plan van aanpak (with versions), voortgangsgesprekken, minimaregelingen."""

import datetime

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from clients.constants import Commitment, GedeeldOnderwerp, GroeienKenmerk, Huisbezoek, Leefgebied

# Default of BegeleidingInstelling.plan_actueel_maanden (the policy: reviewed within a year).
PLAN_ACTUEEL_MAANDEN = 12


def plan_actueel_grens(peildatum: datetime.date, maanden: int) -> datetime.date:
    """The oldest review date that still counts as "actueel" on ``peildatum``."""
    return peildatum - datetime.timedelta(days=round(maanden * 30.44))


class BegeleidingInstelling(models.Model):
    """Settings of begeleiding, one row (pk 1), editable by the functioneel beheerder."""

    plan_actueel_maanden = models.PositiveSmallIntegerField(
        "plan van aanpak actueel (maanden)",
        default=PLAN_ACTUEEL_MAANDEN,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="Een plan is actueel als het in zoveel maanden is besproken of herzien.",
    )

    class Meta:
        verbose_name = "instelling begeleiding"
        verbose_name_plural = "instellingen begeleiding"
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="begeleiding_instelling_een_rij"),
            models.CheckConstraint(
                condition=Q(plan_actueel_maanden__gte=1) & Q(plan_actueel_maanden__lte=60),
                name="begeleiding_actueel_1_60",
            ),
        ]

    def __str__(self):
        return "Instellingen begeleiding"


class Minimaregeling(models.Model):
    naam = models.CharField("naam", max_length=150, unique=True)
    actief = models.BooleanField("actief", default=True)

    class Meta:
        verbose_name = "minimaregeling"
        verbose_name_plural = "minimaregelingen"
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class PlanVanAanpak(models.Model):
    """One version of the plan. A revision is a new row; the previous one stays as it was."""

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="plannen")
    versie = models.PositiveSmallIntegerField("versie")
    vorige = models.OneToOneField(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="herziening"
    )
    vastgesteld_op = models.DateField("vastgesteld / besproken op")
    opgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    toelichting = models.TextField("toelichting", blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "plan van aanpak"
        verbose_name_plural = "plannen van aanpak"
        ordering = ["client", "-versie"]
        constraints = [
            models.UniqueConstraint(fields=["client", "versie"], name="plan_versie_uniek"),
        ]

    def __str__(self):
        return f"Plan van aanpak v{self.versie} ({self.vastgesteld_op:%d-%m-%Y})"

    def actueel_op(self, peildatum: datetime.date, maanden: int = PLAN_ACTUEEL_MAANDEN) -> bool:
        return self.vastgesteld_op >= plan_actueel_grens(peildatum, maanden)


class PlanDoel(models.Model):
    plan = models.ForeignKey(PlanVanAanpak, on_delete=models.CASCADE, related_name="doelen")
    leefgebied = models.CharField("leefgebied", max_length=20, choices=Leefgebied.choices)
    omschrijving = models.CharField("doel", max_length=300)

    class Meta:
        verbose_name = "doel"
        verbose_name_plural = "doelen"
        ordering = ["plan", "pk"]

    def __str__(self):
        return self.omschrijving


class PlanActie(models.Model):
    class Eigenaar(models.TextChoices):
        KLANT = "klant", "Klant"
        PROFESSIONAL = "professional", "Professional"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        BEZIG = "bezig", "Bezig"
        GEDAAN = "gedaan", "Gedaan"
        GESTOPT = "gestopt", "Gestopt"

    plan = models.ForeignKey(PlanVanAanpak, on_delete=models.CASCADE, related_name="acties")
    doel = models.ForeignKey(PlanDoel, on_delete=models.CASCADE, related_name="acties")
    omschrijving = models.CharField("actie", max_length=300)
    eigenaar = models.CharField("wie", max_length=12, choices=Eigenaar.choices)
    deadline = models.DateField("uiterlijk")
    status = models.CharField("status", max_length=10, choices=Status.choices, default=Status.OPEN)

    class Meta:
        verbose_name = "actie"
        verbose_name_plural = "acties"
        ordering = ["plan", "deadline", "pk"]

    def __str__(self):
        return self.omschrijving


class Voortgangsgesprek(models.Model):
    class Plek(models.TextChoices):
        KANTOOR = "kantoor", "Kantoor"
        THUIS = "thuis", "Thuis (huisbezoek)"
        TELEFONISCH = "telefonisch", "Telefonisch"
        BEELDBELLEN = "beeldbellen", "Beeldbellen"

    class Bevinding(models.TextChoices):
        GEEN_BIJZONDERHEDEN = "geen", "Geen bijzonderheden"
        NADER_ONDERZOEK = "onderzoek", "Nader onderzoek nodig"
        NIET_GETOETST = "niet", "Niet getoetst"

    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="voortgangsgesprekken"
    )
    datum = models.DateField("datum gesprek")
    gehouden_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    dwt_coach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="met werkcoach (DWT)",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    plek = models.CharField("plek", max_length=12, choices=Plek.choices)
    welzijn = models.PositiveSmallIntegerField(
        "hoe gaat het (1 slecht – 5 goed)", validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    stress = models.PositiveSmallIntegerField(
        "ervaren stress (1 weinig – 5 veel)",
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    leefsituatie = models.TextField("leefsituatie", blank=True)
    inkomenssituatie = models.TextField("inkomenssituatie", blank=True)
    minimaregelingen_gebruikt = models.ManyToManyField(
        Minimaregeling, verbose_name="minimaregelingen in gebruik", blank=True, related_name="+"
    )
    minimaregelingen_geadviseerd = models.ManyToManyField(
        Minimaregeling, verbose_name="minimaregelingen geadviseerd", blank=True, related_name="+"
    )
    schuldsignaal = models.BooleanField("signalen van schulden", default=False)
    # What the client agreed to share with DWT for the plan (DESIGN.md §1: a flag per item);
    # [] : nothing (also every gesprek from before this was asked).
    gedeeld_met_dwt = ArrayField(
        models.CharField(max_length=16, choices=GedeeldOnderwerp.choices),
        verbose_name="gedeeld met DWT voor het plan",
        default=list,
        blank=True,
    )
    verwezen_naar = models.ForeignKey(
        "intake.Netwerkpartner",
        verbose_name="verwezen naar",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    juiste_groep = models.BooleanField("klant zit in de juiste klantgroep")
    groepswijziging = models.ForeignKey(
        "clients.Groepslidmaatschap",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    rechtmatigheid_getoetst = models.BooleanField("rechtmatigheid getoetst", default=False)
    rechtmatigheid_bevinding = models.CharField(
        "bevinding rechtmatigheid",
        max_length=10,
        choices=Bevinding.choices,
        default=Bevinding.NIET_GETOETST,
    )
    # Where the klantgroep has rechtmatigheid inside the gesprek (Groeien, Zorgen; beleid
    # §3.2) and it was not tested: why not. A separate rechtmatigheidsonderzoek is planned.
    rechtmatigheid_niet_reden = models.TextField("reden rechtmatigheid niet getoetst", blank=True)
    # With "nader onderzoek nodig": what the handhaver should look into (their task, issue 30).
    rechtmatigheid_reden = models.TextField("waarom nader onderzoek", blank=True)
    verslag = models.TextField("verslag", blank=True)
    # Updates of what the ambitiegesprek recorded; empty / null: unchanged in this gesprek.
    huisbezoek = models.CharField(
        "open voor huisbezoek", max_length=16, choices=Huisbezoek.choices, blank=True
    )
    commitment = models.CharField(
        "commitment aan het plan", max_length=10, choices=Commitment.choices, blank=True
    )
    afspraak_getekend_op = models.DateField(
        "afspraak = afspraak getekend op", null=True, blank=True
    )
    commitment_reden = models.TextField("reden geweigerd", blank=True)
    groeien_kenmerken = ArrayField(
        models.CharField(max_length=24, choices=GroeienKenmerk.choices),
        verbose_name="kenmerken Groeien",
        null=True,
        blank=True,
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "voortgangsgesprek"
        verbose_name_plural = "voortgangsgesprekken"
        ordering = ["-datum", "-pk"]
        indexes = [models.Index(fields=["client", "-datum"], name="voortgang_client_datum_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(rechtmatigheid_getoetst=False, rechtmatigheid_bevinding="niet")
                | (Q(rechtmatigheid_getoetst=True) & ~Q(rechtmatigheid_bevinding="niet")),
                name="voortgang_bevinding_past_bij_toets",
            ),
            models.CheckConstraint(
                condition=~Q(commitment="getekend") | Q(afspraak_getekend_op__isnull=False),
                name="voortgang_getekend_met_datum",
            ),
            models.CheckConstraint(
                condition=~Q(commitment="geweigerd")
                | (Q(afspraak_getekend_op__isnull=True) & ~Q(commitment_reden="")),
                name="voortgang_geweigerd_met_reden",
            ),
        ]

    def __str__(self):
        return f"Voortgangsgesprek {self.datum:%d-%m-%Y}"
