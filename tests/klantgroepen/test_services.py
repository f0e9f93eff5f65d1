import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from clients.constants import Fase
from clients.groepen.models import Groepslidmaatschap
from clients.groepen.services import groepsindeling_wijzig
from tests.factories import ClientFactory, PeriodeFactory, client_in_groep, klantgroep
from tests.fixtures.otp import login_met_tweede_factor

pytestmark = pytest.mark.django_db


def test_first_indeling_then_doorstroom_keeps_history(users):
    client = ClientFactory(fase=Fase.INTAKE)
    PeriodeFactory(client=client, startdatum=datetime.date(2025, 1, 20))
    groepsindeling_wijzig(
        actor=users["intaker"],
        client=client,
        klantgroep=klantgroep("groeien"),
        van=datetime.date(2025, 3, 1),
        soort="eerste_indeling",
        gekozen_klantgroep=klantgroep("groeien"),
        geadviseerde_klantgroep=klantgroep("groeien"),
    )
    groepsindeling_wijzig(
        actor=users["inkomensconsulent"],
        client=client,
        klantgroep=klantgroep("matchen"),
        van=datetime.date(2025, 6, 1),
        soort="doorstroom",
        reden="Klaar voor werk",
    )
    rows = list(Groepslidmaatschap.objects.filter(client=client).order_by("van"))
    assert [(r.klantgroep.code, r.van, r.tot) for r in rows] == [
        ("groeien", datetime.date(2025, 3, 1), datetime.date(2025, 6, 1)),
        ("matchen", datetime.date(2025, 6, 1), None),
    ]
    client.refresh_from_db()
    assert client.fase == Fase.INGEDEELD


def test_matchen_after_long_benefit_warns_but_does_not_block(users):
    client = client_in_groep("groeien", van=datetime.date(2025, 2, 1))
    result = groepsindeling_wijzig(
        actor=users["inkomensconsulent"],
        client=client,
        klantgroep=klantgroep("matchen"),
        van=datetime.date(2026, 2, 1),
        soort="doorstroom",
        reden="Werkfit",
    )
    assert result.lidmaatschap.pk is not None
    assert any("Matchen past bij maximaal 6 maanden" in w for w in result.waarschuwingen)
    assert result.lidmaatschap.waarschuwingen == result.waarschuwingen


def test_choice_differs_from_advice_needs_motivation(users):
    client = ClientFactory(fase=Fase.INTAKE)
    with pytest.raises(ValidationError) as exc:
        groepsindeling_wijzig(
            actor=users["intaker"],
            client=client,
            klantgroep=klantgroep("zorgen"),
            van=datetime.date(2025, 3, 1),
            soort="eerste_indeling",
            gekozen_klantgroep=klantgroep("zorgen"),
            geadviseerde_klantgroep=klantgroep("groeien"),
        )
    assert "motivatie" in exc.value.message_dict["reden"][0]
    assert not Groepslidmaatschap.objects.filter(client=client).exists()


def test_change_needs_reason_and_later_date(users):
    client = client_in_groep("zorgen", van=datetime.date(2025, 2, 1))
    with pytest.raises(ValidationError) as exc:
        groepsindeling_wijzig(
            actor=users["inkomensconsulent"],
            client=client,
            klantgroep=klantgroep("faciliteren"),
            van=datetime.date(2025, 1, 1),
            soort="doorstroom",
        )
    assert set(exc.value.message_dict) == {"van", "reden"}
    assert Groepslidmaatschap.objects.filter(client=client).count() == 1


def test_database_refuses_overlapping_memberships():
    client = client_in_groep("zorgen", van=datetime.date(2025, 2, 1))
    Groepslidmaatschap.objects.filter(client=client).update(tot=datetime.date(2025, 6, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Groepslidmaatschap.objects.create(
            client=client,
            klantgroep=klantgroep("groeien"),
            van=datetime.date(2025, 5, 1),
            tot=datetime.date(2025, 8, 1),
            soort="doorstroom",
        )


@pytest.mark.parametrize(
    "url",
    [
        "/admin/trajecten/instrument/",
        "/admin/intake/diagnoseinstrument/",
        "/admin/handhaving/steekproefinstelling/",
        "/admin/django_celery_beat/periodictask/",
        "/admin/monitoring/budget/",
        "/admin/intake/screeningvraag/",
    ],
)
def test_beheerder_edits_configuration_in_the_admin(client, users, url):
    beheerder = users["beheerder"]
    beheerder.is_staff = True
    beheerder.save()
    login_met_tweede_factor(client, beheerder)
    assert client.get(url).status_code == 200
    client.force_login(users["inkomensconsulent"])
    assert client.get(url).status_code == 302  # to the admin login: not staff
