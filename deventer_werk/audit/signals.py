"""Log-ins and log-outs go into the audit trail too (who worked in the system, and when)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .constants import Actie, Resultaat
from .services import audit_record


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    audit_record(actor=user, actie=Actie.INGELOGD, request=request)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record(actor=user, actie=Actie.UITGELOGD, request=request)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    # Only the attempted username (never the password) is kept.
    audit_record(
        actor=None,
        actie=Actie.INLOGPOGING_MISLUKT,
        resultaat=Resultaat.GEWEIGERD,
        request=request,
        details={"gebruikersnaam": str(credentials.get("username", ""))[:150]},
    )
