from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Exists, OuterRef, Q

from deventer_werk.accounts.constants import Organisatie

from .constants import Fase

if TYPE_CHECKING:
    from deventer_werk.accounts.models import User


class ClientQuerySet(models.QuerySet):
    def actief(self) -> ClientQuerySet:
        return self.exclude(fase=Fase.AFGESLOTEN)

    def visible_to(self, user: User) -> ClientQuerySet:
        """Need-to-know: the one place that decides which dossiers a user may open.

        IO professionals see every client. DWT professionals see clients in intake with DWT
        or whose current klantgroep is under DWT regie. Everyone else (trainer,
        beleidsmedewerker, beheerder, inactive users) sees no dossier at all.
        """
        if user is None or not user.is_authenticated or not user.werkt_in_dossiers:
            return self.none()
        if user.organisatie == Organisatie.IO:
            return self.all()
        if user.organisatie == Organisatie.DWT:
            from clients.groepen.models import Groepslidmaatschap

            dwt_regie = Groepslidmaatschap.objects.actueel().filter(
                client=OuterRef("pk"), klantgroep__regie=Organisatie.DWT
            )
            return self.filter(Q(fase=Fase.INTAKE) | Exists(dwt_regie))
        return self.none()

    def with_contactpersoon(self, user: User) -> ClientQuerySet:
        """Clients for whom ``user`` is the current contact person."""
        from .models import Contactpersoon

        mine = Contactpersoon.objects.actueel().filter(client=OuterRef("pk"), medewerker=user)
        return self.filter(Exists(mine))

    def in_actuele_klantgroep(self, **klantgroep) -> ClientQuerySet:
        """Clients whose current klantgroep matches the lookups, e.g. ``in_=[...]`` or
        ``code__in=[...]`` (``in_`` stands for ``in``, a Python keyword)."""
        lookups = {
            f"lidmaatschappen__klantgroep__{k.rstrip('_')}": v for k, v in klantgroep.items()
        }
        return self.filter(lidmaatschappen__tot__isnull=True, **lookups)


class ContactpersoonQuerySet(models.QuerySet):
    def actueel(self) -> ContactpersoonQuerySet:
        """The open contact persons (``tot`` empty)."""
        return self.filter(tot__isnull=True)
