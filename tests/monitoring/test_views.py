"""Monitoring pages: aggregates only, for the right roles, with a pinned query count."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from deventer_werk.audit.models import AuditEvent
from monitoring.models import Budget, Raadsrapportage
from monitoring.services import concept_vorig_halfjaar, rapport_maak_nu
from tests.factories import client_in_groep

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]


@pytest.mark.parametrize(
    ("rol", "status"),
    [
        ("beleidsmedewerker", 200),
        ("beheerder", 200),
        ("inkomensconsulent", 403),
        ("werkcoach", 403),
        ("trainer", 403),
    ],
)
def test_dashboard_only_for_policy_and_beheer(client_as, rol, status):
    assert client_as(rol).get(reverse("monitoring:dashboard")).status_code == status


def test_dashboard_shows_no_personal_data_and_suppresses_small_counts(client_as):
    klanten = [
        client_in_groep("matchen", van=datetime.date(2026, 1, 5), achternaam=f"Uniek{i}")
        for i in range(3)
    ]
    response = client_as("beleidsmedewerker").get(
        reverse("monitoring:dashboard"), {"periode": "2026Q3"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    for k in klanten:
        assert k.achternaam not in html
        assert k.bsn not in html
    # 3 Matchen clients: below the threshold of 5, shown as "<5"
    assert 'data-klantgroep="matchen"' in html
    assert "&lt;5" in html


def test_dashboard_rejects_an_unknown_period_in_dutch(client_as):
    response = client_as("beleidsmedewerker").get(
        reverse("monitoring:dashboard"), {"periode": "2031Q1"}
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()


@pytest.mark.parametrize("n", [10, 1000])
def test_dashboard_query_count_does_not_grow_with_clients(n, client_as, django_assert_num_queries):
    from tests.clients.test_query_counts import _bulk_clients
    from tests.factories import UserFactory

    _bulk_clients(n, UserFactory(rol="inkomensconsulent"))
    c = client_as("beleidsmedewerker")
    # 6 per page + per period (current, previous, one quarter): bestand begin and eind,
    # instroom, nieuwe uitkeringen, uitstroom, doorstroom matrix, doorstroom per soort = 7 × 3
    # + klantgroepen + budget = 6 + 21 + 2; the klantreis indicators add 18 per period
    # (ambitiegesprekken, plan setting + plans 2, gesprekken and reviews held/due, trajecten,
    # werkleerroutes, participatie 2, minimaregelingen 2, Wmo 2, ladder) + traject costs 1
    # = 29 + 54 + 1, less 3 since the session is no longer written on every request
    with django_assert_num_queries(81):
        response = c.get(reverse("monitoring:dashboard"), {"periode": "2026Q2"})
    assert response.status_code == 200


def test_report_request_freeze_and_download_with_audit(client_as, users):
    client_in_groep("groeien", van=datetime.date(2026, 2, 1))
    c = client_as("beleidsmedewerker")
    response = c.post(reverse("monitoring:rapporten"), {"periode": "2026H1"})
    rapport = Raadsrapportage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("monitoring:rapport", args=[rapport.pk])
    assert rapport.status == Raadsrapportage.Status.WACHTRIJ
    # the worker's task body
    rapport_maak_nu(rapport.pk)
    rapport.refresh_from_db()
    assert rapport.status == Raadsrapportage.Status.KLAAR
    assert rapport.cijfers["huidig"]["bestand_eind"] == {"groeien": 1}
    status = c.get(reverse("monitoring:rapport_status", args=[rapport.pk])).json()
    assert status == {"status": "klaar", "status_label": "Klaar", "voortgang": 100, "stap": ""}
    pdf = c.get(reverse("monitoring:rapport_download", args=[rapport.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(
        actie="rapport_gedownload", actor_id=users["beleidsmedewerker"].pk
    ).exists()
    # frozen: a later change of history does not change the stored figures
    client_in_groep("groeien", van=datetime.date(2026, 3, 1))
    rapport_maak_nu(rapport.pk)
    rapport.refresh_from_db()
    assert rapport.cijfers["huidig"]["bestand_eind"] == {"groeien": 1}


def test_a_period_that_is_not_over_cannot_be_requested(client_as):
    response = client_as("beleidsmedewerker").post(
        reverse("monitoring:rapporten"), {"periode": "2026H2"}
    )
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Raadsrapportage.objects.exists()


def test_werkcoach_cannot_request_or_download_reports(client_as):
    c = client_as("werkcoach")
    assert c.post(reverse("monitoring:rapporten"), {"periode": "2026H1"}).status_code == 403
    assert not Raadsrapportage.objects.exists()


def test_concept_is_drafted_once_after_1_july():
    first = concept_vorig_halfjaar(vandaag=datetime.date(2026, 7, 2))
    second = concept_vorig_halfjaar(vandaag=datetime.date(2026, 7, 3))
    assert first.periode == "2026H1" and first.concept
    assert second is None
    assert concept_vorig_halfjaar(vandaag=datetime.date(2027, 1, 2)).periode == "2026H2"


def test_exports_csv_and_xlsx_per_quarter(client_as):
    for _ in range(6):
        client_in_groep("zorgen", van=datetime.date(2026, 2, 1))
    c = client_as("beleidsmedewerker")
    response = c.get(reverse("monitoring:export", args=[2026, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:2] == ["kwartaal", "klantgroep"]
    q1_zorgen = next(r for r in rows if r[0] == "2026Q1" and r[1] == "Zorgen")
    assert q1_zorgen[3] == "6" and q1_zorgen[6] == "6"  # instroom, bestand eind
    assert len([r for r in rows[1:]]) == 4 * 4  # Q1–Q4 × 4 groups (Q4 has started)
    x = c.get(reverse("monitoring:export", args=[2026, "xlsx"]))
    ws = load_workbook(io.BytesIO(x.content)).active
    values = [[cell.value for cell in row] for row in ws.iter_rows()]
    assert ["2026Q1", "Zorgen", 0, 6, 0, 0, 6] in values
    assert c.get(reverse("monitoring:export", args=[2026, "exe"])).status_code == 404


def test_budget_is_seeded_from_the_policy():
    groeien = Budget.objects.get(jaar=2021, klantgroep__code="groeien", organisatie="DWT")
    assert groeien.bedrag == 4_600_000
    assert Budget.objects.get(jaar=2021, klantgroep=None, organisatie="IO").bedrag == 350_000
