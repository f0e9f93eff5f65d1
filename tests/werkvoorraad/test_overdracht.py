"""Caseload transfer in bulk: tasks move along, one audit row per client, 5,000 in < 60 s."""

import datetime
import time

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from clients.constants import TaakSoort
from clients.groepen.models import Groepslidmaatschap
from clients.models import Client, Contactpersoon, Taak
from clients.overdracht import caseload_draag_over
from deventer_werk.audit.models import AuditEvent
from klantgroepen.models import Klantgroep
from tests.factories import ClientFactory, UserFactory, client_in_groep, make_bsn

pytestmark = pytest.mark.django_db
D = datetime.date


def _bulk(n: int, coach, groep="groeien", wijk="binnenstad") -> list[Client]:
    kg = Klantgroep.objects.get(code=groep)
    klanten = Client.objects.bulk_create(
        ClientFactory.build(bsn=make_bsn(), fase="ingedeeld", wijk=wijk) for _ in range(n)
    )
    Groepslidmaatschap.objects.bulk_create(
        Groepslidmaatschap(client=k, klantgroep=kg, van=D(2025, 2, 1), soort="eerste_indeling")
        for k in klanten
    )
    Contactpersoon.objects.bulk_create(
        Contactpersoon(client=k, organisatie="DWT", medewerker=coach, van=D(2025, 2, 1))
        for k in klanten
    )
    Taak.objects.bulk_create(
        Taak(
            client=k,
            soort=TaakSoort.PLAN_HERZIEN,
            omschrijving="Plan",
            datum=D(2026, 12, 1),
            medewerker=coach,
        )
        for k in klanten
    )
    return klanten


def test_transfer_of_5000_clients_under_60_seconds(users, capsys):
    oud = users["werkcoach"]
    nieuw = UserFactory(username="coach2", rol="werkcoach")
    _bulk(5000, oud)
    start = time.monotonic()
    uitkomst = caseload_draag_over(actor=users["beheerder"], van=oud, naar=nieuw, reden="Vertrek")
    duur = time.monotonic() - start
    with capsys.disabled():
        print(f"\ncaseload-overdracht 5000 klanten: {duur:.1f} s")  # noqa: T201 - the timing
    assert duur < 60
    assert (uitkomst.klanten, uitkomst.taken) == (5000, 5000)
    assert not Contactpersoon.objects.filter(medewerker=oud, tot__isnull=True).exists()
    assert Contactpersoon.objects.filter(medewerker=nieuw, tot__isnull=True).count() == 5000
    assert Taak.objects.filter(medewerker=nieuw, status="open").count() == 5000
    assert AuditEvent.objects.filter(object_type="caseloadoverdracht").count() == 5000


def test_a_filtered_part_to_the_team_queue(users):
    oud = users["werkcoach"]
    _bulk(3, oud, wijk="binnenstad")
    blijft = _bulk(2, oud, wijk="colmschate")
    with pytest.raises(ValidationError) as exc:
        caseload_draag_over(actor=users["beheerder"], van=oud, reden=" ", wijk="binnenstad")
    assert "reden" in exc.value.message_dict
    uitkomst = caseload_draag_over(
        actor=users["beheerder"], van=oud, reden="Herverdeling", wijk="binnenstad"
    )
    assert uitkomst.klanten == 3
    wachtrij = Taak.objects.filter(medewerker__isnull=True, rol="werkcoach", organisatie="DWT")
    assert wachtrij.count() == 3
    assert set(
        Contactpersoon.objects.filter(medewerker=oud, tot__isnull=True).values_list(
            "client_id", flat=True
        )
    ) == {k.pk for k in blijft}


def test_the_page_is_for_the_beheerder_and_shows_errors_at_the_field(client_as, users):
    client_in_groep("groeien", dwt=users["werkcoach"])
    url = reverse("clients:caseload_overdracht")
    assert client_as("werkcoach").get(url).status_code == 403
    c = client_as("beheerder")
    response = c.post(url, {"van": users["werkcoach"].pk, "reden": ""})
    assert response.status_code == 400 and 'id="id_reden_error"' in response.content.decode()
    response = c.post(url, {"van": users["werkcoach"].pk, "reden": "Vertrek"})
    assert response.status_code == 302
    assert Taak.objects.count() == 0
    assert Contactpersoon.objects.filter(tot__isnull=True).count() == 0


def test_old_and_new_owner_see_what_moved(users, client_as):
    """Issue 28: a task handed over says so on the new owner's row (by whom, when, why), and
    the old owner's werkvoorraad lists what they handed over and where it is now."""
    import time_machine

    from clients.taken import taak_draag_over

    oud = users["werkcoach"]
    nieuw = UserFactory(username="werkcoach-nieuw", rol="werkcoach", first_name="Noor")
    klant = client_in_groep("groeien", achternaam="Overdrachtsma", dwt=oud)
    Contactpersoon.objects.create(
        client=klant, organisatie="DWT", rol="werkcoach", medewerker=nieuw, van=D(2025, 2, 1)
    )
    taak = Taak.objects.create(
        client=klant,
        soort=TaakSoort.ACTIE,
        omschrijving="Cv nalopen",
        datum=D(2026, 12, 3),
        medewerker=oud,
    )
    with time_machine.travel(datetime.datetime(2026, 12, 1, 10), tick=False):
        taak_draag_over(taak=taak, door=oud, medewerker=nieuw, reden="Vakantie")
        taak.refresh_from_db()
        assert (taak.overgedragen_van, taak.overgedragen_door) == (oud, oud)
        assert taak.overdracht_reden == "Vakantie"

        client_as("werkcoach")
        html = client_as("werkcoach").get(reverse("begeleiding:werkvoorraad")).content.decode()
        lijst = html.split('id="overgedragen-kop"', 1)[1].split("</section>", 1)[0]
        # names as the page writes them: escaped (Faker gives names such as "van 't Riet")
        assert "Overdrachtsma" in lijst and f"nu bij {escape(nieuw)}" in lijst
        assert "Vakantie" in lijst

        from django.test import Client as Browser

        from tests.fixtures.otp import login_met_tweede_factor

        b = Browser()
        login_met_tweede_factor(b, nieuw)
        html = b.get(reverse("begeleiding:werkvoorraad")).content.decode()
        assert f"overgedragen door {escape(oud)} op 01-12-2026: Vakantie" in html
        assert 'id="overgedragen-kop"' not in html


def test_a_bulk_transfer_marks_the_moved_tasks(users):
    coach = users["werkcoach"]
    naar = UserFactory(username="werkcoach-bulk", rol="werkcoach")
    klanten = _bulk(3, coach)
    caseload_draag_over(actor=users["beheerder"], van=coach, naar=naar, reden="Herverdeling")
    taken = Taak.objects.filter(client__in=klanten)
    assert {t.medewerker for t in taken} == {naar}
    assert {(t.overgedragen_van, t.overgedragen_door, t.overdracht_reden) for t in taken} == {
        (coach, users["beheerder"], "Herverdeling")
    }
