import pytest
from django.db import DatabaseError, connection, transaction

from deventer_werk.audit.models import AuditEvent
from deventer_werk.audit.services import audit_record

pytestmark = pytest.mark.django_db


def test_postgres_refuses_update_and_delete(users):
    event = audit_record(actor=users["inkomensconsulent"], actie="bekeken")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(actie="gewijzigd")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
        cur.execute("DELETE FROM audit_auditevent")
    assert AuditEvent.objects.get(pk=event.pk).actie == "bekeken"


def test_login_and_failed_login_are_recorded(client, users):
    # Through the login form: django-axes counts failures per request (address and username).
    client.post("/inloggen/", {"username": "inkomensconsulent", "password": "fout"})
    failed = AuditEvent.objects.get(actie="inlog_mislukt")
    assert failed.resultaat == "geweigerd"
    assert "fout" not in str(failed.details)
    ok = client.post(
        "/inloggen/", {"username": "inkomensconsulent", "password": "Test-Wachtwoord-2026"}
    )
    assert ok.status_code == 302
    assert AuditEvent.objects.filter(actie="ingelogd", actor_username="inkomensconsulent").exists()
