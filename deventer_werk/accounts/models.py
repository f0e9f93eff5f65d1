from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models

from .constants import DOSSIER_ROLLEN, Organisatie, Rol


class User(AbstractUser):
    organisatie = models.CharField(
        "organisatie", max_length=10, choices=Organisatie.choices, default=Organisatie.GEMEENTE
    )

    class Meta:
        verbose_name = "gebruiker"
        verbose_name_plural = "gebruikers"

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @cached_property
    def rollen(self) -> frozenset[str]:
        """Role names (group names) of this user; cached per request-bound instance."""
        return frozenset(self.groups.values_list("name", flat=True))

    def heeft_rol(self, *rollen: str) -> bool:
        return bool(self.rollen.intersection(rollen))

    @property
    def rol_label(self) -> str:
        """All roles as one stable string, for the audit trail."""
        return ",".join(sorted(self.rollen)) or "-"

    @property
    def werkt_in_dossiers(self) -> bool:
        return self.is_active and bool(self.rollen & DOSSIER_ROLLEN)

    @property
    def is_beheerder(self) -> bool:
        return self.heeft_rol(Rol.BEHEERDER)

    @property
    def is_beleidsmedewerker(self) -> bool:
        return self.heeft_rol(Rol.BELEIDSMEDEWERKER)
