"""DESIGN.md §1: the full BSN for IO roles, masked by default, shown on request, audited."""

import pytest
from django.urls import reverse

from deventer_werk.audit.models import AuditEvent
from tests.factories import client_in_groep

pytestmark = pytest.mark.django_db


def test_io_sees_the_full_bsn_on_request_and_the_look_is_audited(client_as, users):
    klant = client_in_groep("matchen", io=users["inkomensconsulent"], dwt=users["werkcoach"])
    url = reverse("clients:bsn_tonen", args=[klant.pk])
    ic = client_as("inkomensconsulent")
    dossier = ic.get(reverse("clients:dossier", args=[klant.pk])).content.decode()
    assert klant.bsn not in dossier and klant.bsn_gemaskeerd in dossier
    assert f'action="{url}"' in dossier and "Toon volledig BSN" in dossier
    assert ic.get(url).status_code == 405  # never by GET: no BSN page in a browser history
    response = ic.post(url)
    assert response.status_code == 200 and klant.bsn in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    rij = AuditEvent.objects.get(object_type="bsn_volledig")
    assert (rij.client_id, rij.actor_username, rij.actie) == (
        klant.pk,
        "inkomensconsulent",
        "bekeken",
    )
    assert klant.bsn not in str(rij.details)
    ic.logout()
    # DWT sees the dossier, never the full BSN: no button, and the door is closed
    coach = client_as("werkcoach")
    dossier = coach.get(reverse("clients:dossier", args=[klant.pk])).content.decode()
    assert "Toon volledig BSN" not in dossier
    response = coach.post(url)
    assert response.status_code == 403 and klant.bsn not in response.content.decode()
    assert AuditEvent.objects.filter(
        object_type="clients:bsn_tonen", resultaat="geweigerd", actor_username="werkcoach"
    ).exists()
