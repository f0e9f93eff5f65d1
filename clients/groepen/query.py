import datetime

from django.db import models
from django.db.models import Expression, Q


class GroepslidmaatschapQuerySet(models.QuerySet):
    def actueel(self) -> "GroepslidmaatschapQuerySet":
        """The current memberships (``tot`` empty): at most one per client."""
        return self.filter(tot__isnull=True)

    def van_client(self, client) -> "GroepslidmaatschapQuerySet":
        return self.filter(client=client)

    def huidig(self, client):
        """The client's current membership with its klantgroep, or None: the one "current
        group" lookup."""
        return self.actueel().van_client(client).select_related("klantgroep").first()

    def op_datum(self, peildatum: "datetime.date | Expression") -> "GroepslidmaatschapQuerySet":
        """Memberships that were in force on ``peildatum`` (van inclusive, tot exclusive); the
        date may be an expression (``OuterRef``) in a subquery."""
        return self.filter(Q(van__lte=peildatum) & (Q(tot__isnull=True) | Q(tot__gt=peildatum)))
