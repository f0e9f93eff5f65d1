"""API tokens for system integrations: each tied to an organisation and a role.

A token acts as its own service account (a user with exactly that role and organisation),
so need-to-know, role checks and the audit trail work as for a person. Only a hash of the
token is stored; the token itself is shown once, when it is made.
"""

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    naam = models.CharField("naam (systeem)", max_length=100, unique=True)
    gebruiker = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="serviceaccount",
        on_delete=models.PROTECT,
        related_name="api_token",
    )
    prefix = models.CharField("begin van de token", max_length=8, unique=True)
    sleutel_hash = models.CharField("hash van de token", max_length=64)
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)
    ingetrokken_op = models.DateTimeField("ingetrokken op", null=True, blank=True)

    class Meta:
        verbose_name = "API-token"
        verbose_name_plural = "API-tokens"
        ordering = ["naam"]

    def __str__(self):
        return f"{self.naam} ({self.prefix}…)"
