"""The benchmark generator's raw SQL runs against today's schema (it crashed on main when
NOT NULL columns were added without a database default): closed dossiers and audit rows at a
tiny size, in the test database. ``make bench`` itself runs at city size outside the suite."""

import pytest

from clients.models import Contactpersoon, Taak, Uitkeringsperiode
from deventer_werk.audit.models import AuditEvent
from tests.factories import ClientFactory


@pytest.mark.django_db(transaction=True)
def test_generator_writes_closed_dossiers_and_audit_rows(seed_data, users):
    from bench.generate import _audit, _gesloten

    ClientFactory.create_batch(3)  # the closed dossiers borrow names from active ones
    _gesloten(25)
    assert Uitkeringsperiode.objects.filter(einddatum__isnull=False).count() == 25
    assert Contactpersoon.objects.filter(tot__isnull=False, organisatie="IO").count() == 25
    assert Taak.objects.filter(status="afgerond", organisatie="IO").count() == 50
    voor = AuditEvent.objects.count()
    _audit(300)
    assert AuditEvent.objects.count() == voor + 300
