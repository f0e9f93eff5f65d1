"""CSP, Permissions-Policy and no-store on every authenticated page; name search is POST."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils.html import escape

from deventer_werk.accounts.constants import Rol

from ..factories import ClientFactory

EXTRA = {
    "poortwachter": ["/klanten/nieuw/"],
    "beheerder": [],
}


def _pages(user) -> list[str]:
    """Every menu page of the role (the navigation is the list of pages a role works with)."""
    from django.test import RequestFactory

    from deventer_werk.accounts.context_processors import navigation

    request = RequestFactory().get("/")
    request.user = user
    return [item["url"] for item in navigation(request)["nav_items"]] + EXTRA.get(user.username, [])


def _assert_headers(response):
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.parametrize("rol", [r.value for r in Rol])
def test_authenticated_pages_carry_csp_and_no_store(client_as, users, rol):
    client = client_as(rol)
    pages = _pages(users[rol])
    assert pages
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        _assert_headers(response)
        assert "no-store" in response["Cache-Control"], url


def test_dossier_and_api_detail_no_store(client_as, users):
    klant = ClientFactory()
    client = client_as("inkomensconsulent")
    for url in (f"/klanten/{klant.pk}/", f"/api/v1/clients/{klant.pk}/"):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert "no-store" in response["Cache-Control"], url
        assert "Content-Security-Policy" in response


def test_anonymous_pages_carry_csp(client):
    for url in ("/inloggen/", "/healthz"):
        _assert_headers(client.get(url))


def test_name_search_is_post(client_as):
    client = client_as("inkomensconsulent")
    klant = ClientFactory(achternaam="Zoekbaarheid")
    page = client.get(reverse("clients:zoeken")).content.decode()
    assert re.search(r'<form[^>]*method="post"', page)
    response = client.post(reverse("clients:zoeken"), {"z-naam": "Zoekbaarheid"})
    assert response.status_code == 200
    assert escape(klant.achternaam) in response.content.decode()


def test_no_inline_script_or_style_in_templates():
    root = Path(__file__).resolve().parents[2] / "templates"
    offenders = []
    for path in root.rglob("*.html"):
        if path.name == "rapport.html":  # PDF template for WeasyPrint, never served as a page
            continue
        text = path.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or " style=" in text:
            offenders.append(path.name)
        if "<style" in text:
            offenders.append(path.name)
    assert offenders == []
