"""Bookkeeping of periodic work: runs per peildatum and the weekly digests."""

from django.conf import settings
from django.db import models


class Uitvoering(models.Model):
    """One run of a piece of periodic work for one peildatum. The database, not Redis, is the
    source of truth: the work and ``afgerond_op`` are committed in one transaction, so a run
    whose message was lost or whose worker died stays open and the sweeper sends it again."""

    class Soort(models.TextChoices):
        PLANNER = "planner", "Planner voortgangsgesprekken en rechtmatigheid"
        GROEP_NIET_BESPROKEN = "groep_niet_besproken", "Signaal klantgroep lang niet besproken"
        KICKOFF = "kickoff", "Kick-off-uitnodigingen"
        WEEKOVERZICHT = "weekoverzicht", "Weekoverzicht per medewerker"

    soort = models.CharField("soort", max_length=30, choices=Soort.choices)
    peildatum = models.DateField("peildatum")
    opnieuw_verstuurd_op = models.DateTimeField(
        "laatst opnieuw verstuurd door de sweeper", null=True, blank=True
    )
    pogingen = models.PositiveSmallIntegerField("keren opnieuw verstuurd", default=0)
    afgerond_op = models.DateTimeField("afgerond op", null=True, blank=True)
    resultaat = models.JSONField("resultaat", default=dict, blank=True)

    class Meta:
        verbose_name = "uitvoering periodiek werk"
        verbose_name_plural = "uitvoeringen periodiek werk"
        ordering = ["-peildatum", "soort"]
        db_table = "handhaving_uitvoering"  # moved from handhaving, table kept
        constraints = [
            models.UniqueConstraint(fields=["soort", "peildatum"], name="uitvoering_uniek")
        ]

    def __str__(self):
        return f"{self.get_soort_display()} {self.peildatum:%d-%m-%Y}"


class Weekoverzicht(models.Model):
    """The weekly digest of one professional: one row per person and week (unique), so a
    redelivered task or a second worker does not mail anyone twice."""

    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    week = models.DateField("week (maandag)")
    taken_deze_week = models.PositiveIntegerField("taken komende 7 dagen")
    taken_te_laat = models.PositiveIntegerField("taken te laat")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    verzonden_op = models.DateTimeField("verzonden op", null=True, blank=True)

    class Meta:
        verbose_name = "weekoverzicht"
        verbose_name_plural = "weekoverzichten"
        ordering = ["-week", "medewerker_id"]
        db_table = "handhaving_weekoverzicht"  # moved from handhaving, table kept
        constraints = [
            models.UniqueConstraint(fields=["medewerker", "week"], name="weekoverzicht_uniek")
        ]

    def __str__(self):
        return f"Weekoverzicht {self.week:%d-%m-%Y}"
