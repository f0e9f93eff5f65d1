import datetime

from django.db import models
from django.db.models import Q


class GroepslidmaatschapQuerySet(models.QuerySet):
    def actueel(self) -> "GroepslidmaatschapQuerySet":
        return self.filter(tot__isnull=True)

    def op_datum(self, peildatum: datetime.date) -> "GroepslidmaatschapQuerySet":
        """Memberships that were in force on ``peildatum`` (van inclusive, tot exclusive)."""
        return self.filter(Q(van__lte=peildatum) & (Q(tot__isnull=True) | Q(tot__gt=peildatum)))
