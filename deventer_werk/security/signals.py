"""Lockouts go into the project's audit trail (who was locked out, from where)."""

from axes.signals import user_locked_out
from django.dispatch import receiver

from deventer_werk.audit.constants import Actie, Resultaat
from deventer_werk.audit.services import audit_record


@receiver(user_locked_out)
def _locked_out(sender, request, username=None, ip_address=None, **kwargs):
    audit_record(
        actor=None,
        actie=Actie.GEBLOKKEERD,
        object_type="inlog",
        resultaat=Resultaat.GEWEIGERD,
        request=request,
        details={"gebruikersnaam": str(username or "")[:150]},
    )
