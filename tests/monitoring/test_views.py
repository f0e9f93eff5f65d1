"""Monitoring pages: aggregates only, for the right roles, with a pinned query count."""

import csv
import datetime
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from deventer_werk.audit.models import AuditEvent
from monitoring.models import Budget, PeriodeCijfers, Raadsrapportage
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
    assert 'data-k="bestand|2026-09-30|matchen">&lt;5<' in html
    current = client_as("beleidsmedewerker").get(reverse("monitoring:dashboard"))
    assert "voorlopige cijfers" in current.content.decode()  # the current quarter by default


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
    # the first request of a finished period computes and stores its figures once
    assert c.get(reverse("monitoring:dashboard"), {"periode": "2026Q2"}).status_code == 200
    assert PeriodeCijfers.objects.filter(periode="2026Q2").count() == 1
    # after that the stored figures are read (and one indexed look for corrections since):
    # 5 queries for 10 and for 1000 clients
    # (session, user, groups, stored figures); no computation over the history
    with django_assert_num_queries(5):
        response = c.get(reverse("monitoring:dashboard"), {"periode": "2026Q2"})
    assert response.status_code == 200


def test_period_figures_get_a_new_version_only_when_they_change():
    from monitoring.periods import Periode
    from monitoring.services import periodecijfers_vastleggen

    q = Periode.parse("2026Q2")
    eerste = periodecijfers_vastleggen(q)
    assert periodecijfers_vastleggen(q).pk == eerste.pk  # unchanged: no second version
    client_in_groep("zorgen", van=datetime.date(2026, 5, 1))  # a late registration
    tweede = periodecijfers_vastleggen(q)
    assert (eerste.versie, tweede.versie) == (1, 2)
    assert PeriodeCijfers.objects.filter(periode="2026Q2").count() == 2  # the old one is kept


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
    assert rows[0] == ["Bestand en stromen per klantgroep, 1e kwartaal 2026"]
    assert rows[1][:3] == ["Klantgroep", "Begin", "Instroom"]
    zorgen = [r for r in rows if r and r[0] == "Zorgen"]
    assert len(zorgen) == 4  # Q1–Q4 (Q4 has started)
    assert zorgen[0][2] == "6" and zorgen[0][6] == "6"  # instroom, bestand eind
    assert any("(voorlopig)" in r[0] for r in rows if r)  # Q4 is not over: marked
    x = c.get(reverse("monitoring:export", args=[2026, "xlsx"]))
    wb = load_workbook(io.BytesIO(x.content))
    ws = wb.worksheets[0]
    values = [[cell.value for cell in row] for row in ws.iter_rows()]
    assert ["Zorgen", 0, 6, 0, 0, 0, 6, 6] in values
    assert ws.freeze_panes == "B3" and ws["A2"].font.bold and ws.column_dimensions["A"].width >= 18
    assert ws["C3"].number_format == "#,##0"
    assert "voorlopig" in wb.worksheets[-1].title
    assert c.get(reverse("monitoring:export", args=[2026, "exe"])).status_code == 404


def test_budget_is_seeded_from_the_policy():
    groeien = Budget.objects.get(jaar=2021, klantgroep__code="groeien", organisatie="DWT")
    assert groeien.bedrag == 4_600_000
    assert Budget.objects.get(jaar=2021, klantgroep=None, organisatie="IO").bedrag == 350_000


def test_a_period_is_made_once_unless_its_figures_changed(client_as, users):
    from monitoring.periods import Periode
    from monitoring.services import periodecijfers_vastleggen

    client_in_groep("groeien", van=datetime.date(2026, 2, 1))
    c = client_as("beleidsmedewerker")
    c.post(reverse("monitoring:rapporten"), {"periode": "2026H1"})
    eerste = Raadsrapportage.objects.get()
    again = c.post(reverse("monitoring:rapporten"), {"periode": "2026H1"})
    assert again["Location"] == reverse("monitoring:rapport", args=[eerste.pk])
    assert Raadsrapportage.objects.count() == 1  # queued: the same request is not repeated
    rapport_maak_nu(eerste.pk)
    c.post(reverse("monitoring:rapporten"), {"periode": "2026H1"})
    assert Raadsrapportage.objects.count() == 1  # finished and unchanged
    client_in_groep("groeien", van=datetime.date(2026, 3, 1))  # a late registration
    periodecijfers_vastleggen(Periode.parse("2026H1"))  # the nightly task sees the change
    c.post(reverse("monitoring:rapporten"), {"periode": "2026H1"})
    assert Raadsrapportage.objects.count() == 2  # a new report beside the old one


def test_dashboard_current_period_wijk_filter_and_table_exports(client_as):
    from clients.models import Client

    binnen = [client_in_groep("matchen", van=datetime.date(2026, 10, 5)) for _ in range(6)]
    Client.objects.filter(pk__in=[k.pk for k in binnen]).update(wijk="binnenstad")
    ander = client_in_groep("matchen", van=datetime.date(2026, 10, 6))
    Client.objects.filter(pk=ander.pk).update(wijk="bathmen")  # another wijk
    c = client_as("beleidsmedewerker")
    html = c.get(reverse("monitoring:dashboard"), {"periode": "2026Q4"}).content.decode()
    assert "voorlopige cijfers" in html and '<img src="data:image/svg+xml;base64,' in html
    assert 'data-k="in|2026Q4|matchen">7<' in html
    wijk = c.get(reverse("monitoring:dashboard"), {"periode": "2026Q4", "wijk": "binnenstad"})
    assert re.search(r'data-k="in\|2026Q4\|matchen">([^<]*)<', wijk.content.decode())[1] == "6"
    x = c.get(
        reverse("monitoring:export_tabel", args=["bestand", "xlsx"]),
        {"periode": "2026Q4", "wijk": "binnenstad"},
    )
    ws = load_workbook(io.BytesIO(x.content)).worksheets[0]
    assert "voorlopig" in ws["A1"].value and "voorlopig" in ws.title
    assert c.get(reverse("monitoring:export_tabel", args=["geheim", "csv"])).status_code == 404
    bad = c.get(reverse("monitoring:dashboard"), {"periode": "2026Q4", "wijk": "../etc"})
    assert bad.status_code == 200 and "Selecteer een geldige keuze" in bad.content.decode()


def test_api_refuses_a_period_that_has_not_started(users):
    from tests.api.test_api import api_as

    c = api_as(users["beleidsmedewerker"])
    response = c.get("/api/v1/indicatoren/", {"periode": "2031Q1"})
    assert response.status_code == 400 and "nog niet begonnen" in response.json()["periode"][0]
    assert not PeriodeCijfers.objects.exists()
    lopend = c.get("/api/v1/indicatoren/", {"periode": "2026Q4"}).json()
    assert lopend["voorlopig"] is True


def test_the_dashboard_draws_its_charts_once_per_set_of_figures(client_as, monkeypatch):
    """Issue 33: the charts are drawn once for a set of figures, not on every request; other
    figures (another period) are drawn anew, never shown from another set."""
    from django.core.cache import cache

    from monitoring import pdf

    cache.clear()
    getekend = []
    echt = pdf._grafieken_tekenen
    monkeypatch.setattr(pdf, "_grafieken_tekenen", lambda p: getekend.append(1) or echt(p))
    c = client_as("beleidsmedewerker")
    for _ in range(3):
        assert c.get(reverse("monitoring:dashboard"), {"periode": "2026Q2"}).status_code == 200
    assert len(getekend) == 1
    html = c.get(reverse("monitoring:dashboard"), {"periode": "2026Q1"}).content.decode()
    assert len(getekend) == 2 and "data:image/svg+xml" in html


def test_the_charts_are_drawn_when_the_figures_are_stored_and_shared_by_every_process(
    client_as, monkeypatch
):
    """Issue 33: every server process used to draw the charts once (the first dashboard view
    in each of five workers took 170-700 ms). Now the figures' task draws them when it stores
    a new version, into the database; a process without them in its cache reads them there."""
    from django.core.cache import cache

    from monitoring import pdf
    from monitoring.models import DashboardGrafieken
    from monitoring.periods import Periode
    from monitoring.services import periodecijfers_vastleggen

    getekend = []
    echt = pdf._grafieken_tekenen
    monkeypatch.setattr(pdf, "_grafieken_tekenen", lambda p: getekend.append(1) or echt(p))
    periodecijfers_vastleggen(Periode.parse("2026Q2"))
    assert len(getekend) == 1 and DashboardGrafieken.objects.count() == 1
    periodecijfers_vastleggen(Periode.parse("2026Q2"))  # unchanged figures: nothing drawn
    assert len(getekend) == 1

    c = client_as("beleidsmedewerker")
    for _ in range(2):
        cache.clear()  # another process: nothing in its own cache
        html = c.get(reverse("monitoring:dashboard"), {"periode": "2026Q2"}).content.decode()
        assert "data:image/svg+xml" in html
    assert len(getekend) == 1
    opgeslagen = DashboardGrafieken.objects.get().grafieken
    assert opgeslagen["bestand"] in html and opgeslagen["stromen"] in html


def test_the_table_template_labels_each_cell_as_before(users):
    """``Tabel.gelabeld`` pairs each cell with its column once; the HTML is the same as the
    template's former loop over the columns for every cell wrote (kept beside this test)."""
    from pathlib import Path

    from django.template import engines

    from monitoring.periods import Periode
    from monitoring.presentatie import presenteer
    from monitoring.selectors import periodecijfers
    from tests.factories import client_in_groep

    for code in ("matchen", "groeien", "zorgen", "faciliteren"):
        client_in_groep(code)
    p = presenteer(periodecijfers(Periode.parse("2026Q2")))
    django = engines["django"]
    nieuw = django.get_template("monitoring/_tabel.html")
    oud = django.from_string((Path(__file__).parent / "_tabel_voor_issue33.html").read_text())
    assert p.tabellen
    for t in p.tabellen.values():
        html = nieuw.render({"t": t})
        assert html == oud.render({"t": t}), t.id
        if len(t.kolommen) > 1 and t.rijen:
            assert f'data-label="{t.kolommen[1]}"' in html
