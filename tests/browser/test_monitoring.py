"""A beleidsmedewerker asks for the raad report in the browser; a real Celery worker makes it."""

import datetime
import subprocess

from monitoring.models import Raadsrapportage
from tests.factories import UserFactory, client_in_groep

from .conftest import assert_accessible, login, shot


def test_beleidsmedewerker_requests_the_raad_report_and_downloads_the_pdf(
    page, celery_worker_process, tmp_path
):
    for i in range(12):
        client_in_groep(
            ["matchen", "groeien", "faciliteren", "zorgen"][i % 4], van=datetime.date(2025, 3, 1)
        )
    user = UserFactory(username="beleid", rol="beleidsmedewerker")
    login(page, user)
    page.goto("/monitoring/")
    assert "Monitoring klantgroepen" in page.locator("h1").inner_text()
    assert_accessible(page)
    shot(page, "20_monitoring_dashboard")

    page.get_by_role("link", name="Raadsrapportages").click()
    page.get_by_label("Halfjaar").select_option("2026H1")
    page.get_by_role("button", name="Rapport maken").click()
    # the page polls the status; the worker freezes the figures and prints the PDF
    page.get_by_role("link", name="PDF downloaden").wait_for(timeout=60_000)
    assert_accessible(page)
    shot(page, "21_raadsrapportage_klaar")
    rapport = Raadsrapportage.objects.get()
    assert rapport.status == Raadsrapportage.Status.KLAAR
    assert rapport.cijfers["huidig"]["bestand_eind"] == {
        "matchen": 3,
        "groeien": 3,
        "faciliteren": 3,
        "zorgen": 3,
    }
    with page.expect_download() as download_info:
        page.get_by_role("link", name="PDF downloaden").click()
    path = tmp_path / "rapport.pdf"
    download_info.value.save_as(path)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Raadsrapportage Inzet op" in text
    assert "1e halfjaar 2026" in text
