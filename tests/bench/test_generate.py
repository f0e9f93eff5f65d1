"""The benchmark generator's raw SQL runs against today's schema (it crashed on main when
NOT NULL columns were added without a database default): closed dossiers and audit rows at a
tiny size, in the test database. ``make bench`` itself runs at city size outside the suite."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from clients.models import Contactpersoon, Taak, Uitkeringsperiode
from deventer_werk.accounts.models import User
from deventer_werk.audit.models import AuditEvent
from tests.factories import ClientFactory


@pytest.mark.django_db(transaction=True)
def test_generator_writes_closed_dossiers_and_audit_rows(seed_data, users):
    from bench.generate import _audit, _gesloten

    ClientFactory.create_batch(3)  # the closed dossiers borrow names from active ones
    collega = User.objects.create(username="inkomensconsulent2")
    collega.groups.add(Group.objects.get(name="inkomensconsulent"))
    _gesloten(25)
    assert Uitkeringsperiode.objects.filter(einddatum__isnull=False).count() == 25
    assert Contactpersoon.objects.filter(tot__isnull=False, organisatie="IO").count() == 25
    assert Taak.objects.filter(status="afgerond", organisatie="IO").count() == 50
    voor = AuditEvent.objects.count()
    _audit(300)
    assert AuditEvent.objects.count() == voor + 300
    # spread over every inkomensconsulent, not all on one (issue 33: 150,000 closed contacts
    # and 300,000 tasks on the bench's one consultant made her start page count them all)
    per_mdw = set(
        Contactpersoon.objects.filter(tot__isnull=False).values_list("medewerker", flat=True)
    )
    assert per_mdw == {users["inkomensconsulent"].pk, collega.pk}


@pytest.mark.django_db
def test_demo_data_scales_the_staff_with_the_city(seed_data):
    """A city of 50,000 clients has 17 times Deventer's staff (``--medewerkers``), so that
    each one has a caseload as in Deventer."""
    call_command("demo_data", clients=30, seed=2019, medewerkers=3, verbosity=0)
    ic = User.objects.filter(groups__name="inkomensconsulent").count()
    assert ic == 1 + 12 * 3
    wc = User.objects.filter(groups__name="werkcoach").count()
    assert wc == 1 + 10 * 3


def test_the_generator_only_starts_afresh_on_a_bench_database():
    """A second ``make bench`` replaces the set (before, it added a second 10,000,000 audit
    rows); a database without "bench" in its name is never dropped."""
    from bench.generate import _maak_database

    with pytest.raises(SystemExit, match="alleen een database met 'bench'"):
        _maak_database("postgres://postgres@127.0.0.1:5432/deventer_werk", opnieuw=True)
