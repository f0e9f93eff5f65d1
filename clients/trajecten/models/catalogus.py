"""Configuration: sectors, providers and the instrument catalogue (policy §3.3)."""

from django.db import models


class InstrumentSoort(models.TextChoices):
    MATCHING = "matching", "Matching"
    STAGE = "stage", "Stage"
    SNUFFELSTAGE = "snuffelstage", "Snuffelstage"
    WORK_FAST = "work_fast", "Work fast"
    WERKLEERROUTE = "werkleerroute", "Werkleerroute"
    COACHING = "coaching", "Coaching"
    DIAGNOSE = "diagnose", "Diagnose en werkfit maken"
    SCHOLING = "scholing", "Scholing"
    LKS = "loonkostensubsidie", "Loonkostensubsidie"
    BESCHUT = "beschut_werk", "Beschut werk"
    JOBCOACHING = "jobcoaching", "Jobcoaching"
    NAZORG = "nazorg", "Nazorg"
    PARTICIPATIEPLEK = "participatieplek", "Participatieplek"
    VRIJWILLIGERSWERK = "vrijwilligerswerk", "Vrijwilligerswerk"
    ADDITIONELE_ARBEID = "additionele_arbeid", "Additionele arbeid"


class Sector(models.Model):
    naam = models.CharField("naam", max_length=80, unique=True)
    kansrijk = models.BooleanField("kansrijke sector", default=False)

    class Meta:
        verbose_name = "sector"
        verbose_name_plural = "sectoren"
        ordering = ["-kansrijk", "naam"]

    def __str__(self):
        return self.naam


class Aanbieder(models.Model):
    naam = models.CharField("naam", max_length=120, unique=True)

    class Meta:
        verbose_name = "aanbieder"
        verbose_name_plural = "aanbieders"
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class Instrument(models.Model):
    naam = models.CharField("naam", max_length=120, unique=True)
    soort = models.CharField("soort", max_length=20, choices=InstrumentSoort.choices)
    aanbieders = models.ManyToManyField(Aanbieder, verbose_name="aanbieders", blank=True)
    klantgroepen = models.ManyToManyField(
        "klantgroepen.Klantgroep", verbose_name="voor klantgroepen", related_name="+"
    )
    standaard_duur_weken = models.PositiveSmallIntegerField("standaardduur (weken)", default=12)
    kosten = models.DecimalField(
        "kosten per traject (€)", max_digits=9, decimal_places=2, default=0
    )
    cbs_code = models.CharField("code CBS (SRG)", max_length=20, blank=True)
    actief = models.BooleanField("actief", default=True)

    class Meta:
        verbose_name = "instrument"
        verbose_name_plural = "instrumentencatalogus"
        ordering = ["naam"]

    def __str__(self):
        return self.naam
