from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from .constants import REGIE_CHOICES, Perspectief, ThemabijeenkomstType

if TYPE_CHECKING:
    from .advies import Kenmerken


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


class AdviesRegel(models.Model):
    """One rule of the klantgroep advice at the ambitiegesprek: when every condition that is
    set holds, it advises its klantgroep. Rules are tried by ``volgorde``; the first that holds
    gives the advice (``klantgroepen.advies``). Configuration with the policy reference, seeded
    from "Inzet op maat" §3.1/§3.3 (migration 0007); an empty condition does not matter."""

    volgorde = models.PositiveSmallIntegerField("volgorde")
    klantgroep = models.ForeignKey(
        Klantgroep, verbose_name="advies", on_delete=models.PROTECT, related_name="adviesregels"
    )
    omschrijving = models.CharField("omschrijving", max_length=200)
    beleid = models.CharField(
        "beleidsverwijzing", max_length=200, help_text="Waar in het beleid de regel staat"
    )
    actief = models.BooleanField("actief", default=True)
    doelgroepenregister = models.BooleanField(
        "in het doelgroepenregister", null=True, blank=True, help_text="Leeg = maakt niet uit"
    )
    leeftijd_tot = models.PositiveSmallIntegerField(
        "jonger dan … jaar", null=True, blank=True, help_text="Leeg = elke leeftijd"
    )
    uitkering_maanden_tot = models.PositiveSmallIntegerField(
        "uitkering korter dan … maanden", null=True, blank=True
    )
    uitkering_maanden_vanaf = models.PositiveSmallIntegerField(
        "uitkering minstens … maanden", null=True, blank=True
    )
    groeien_kenmerk = models.BooleanField(
        "minstens één Groeien-kenmerk",
        null=True,
        blank=True,
        help_text="Verminderde loonwaarde, niet-willer, niet-weter, vanuit de WW, beschut",
    )
    perspectieven = ArrayField(
        models.CharField(max_length=20, choices=Perspectief.choices),
        verbose_name="perspectief uit het gesprek",
        default=list,
        blank=True,
        help_text="Leeg = elk perspectief",
    )

    class Meta:
        verbose_name = "adviesregel klantgroep"
        verbose_name_plural = "adviesregels klantgroep"
        ordering = ["volgorde", "pk"]

    def __str__(self) -> str:
        return f"{self.volgorde}. {self.omschrijving} → {self.klantgroep}"

    def clean(self) -> None:
        if (
            self.uitkering_maanden_tot is not None
            and self.uitkering_maanden_vanaf is not None
            and self.uitkering_maanden_vanaf >= self.uitkering_maanden_tot
        ):
            raise ValidationError(
                {"uitkering_maanden_vanaf": "Moet kleiner zijn dan 'uitkering korter dan'."}
            )

    def redenen(self, k: Kenmerken) -> list[str] | None:
        """The conditions that hold, in words, when all set conditions hold; else None."""
        redenen: list[str] = []
        if self.doelgroepenregister is not None:
            if k.doelgroepenregister != self.doelgroepenregister:
                return None
            redenen.append(
                "in het doelgroepenregister"
                if self.doelgroepenregister
                else "niet in het doelgroepenregister"
            )
        if self.leeftijd_tot is not None:
            if k.leeftijd is None or k.leeftijd >= self.leeftijd_tot:
                return None
            redenen.append(f"jonger dan {self.leeftijd_tot} jaar ({k.leeftijd})")
        if self.uitkering_maanden_tot is not None or self.uitkering_maanden_vanaf is not None:
            if k.maanden_uitkering is None:
                return None
            if (
                self.uitkering_maanden_tot is not None
                and k.maanden_uitkering >= self.uitkering_maanden_tot
            ):
                return None
            if (
                self.uitkering_maanden_vanaf is not None
                and k.maanden_uitkering < self.uitkering_maanden_vanaf
            ):
                return None
            redenen.append(f"{k.maanden_uitkering} maanden uitkering")
        if self.groeien_kenmerk is not None:
            if bool(k.groeien_kenmerken) != self.groeien_kenmerk:
                return None
            redenen.append(
                "Groeien-kenmerk vastgelegd" if self.groeien_kenmerk else "geen Groeien-kenmerk"
            )
        if self.perspectieven:
            if k.perspectief not in self.perspectieven:
                return None
            redenen.append(f"perspectief: {Perspectief(k.perspectief).label.lower()}")
        return redenen
