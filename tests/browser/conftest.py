"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Every test here runs on a real server thread with committed data (transactional database,
seed data restored by the ``seed_data`` fixture). Screenshots land in test-artifacts/screenshots/.
Helpers: ``login(page, user)``, ``shot(page, name)``, ``assert_accessible(page)`` (axe-core,
WCAG 2.1 A/AA rules, no serious or critical violations).
"""

import os
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # sync Playwright runs an event loop

CHROMIUM = os.environ.get("DW_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PASSWORD = "Test-Wachtwoord-2026"


def pytest_collection_modifyitems(config, items):
    here = str(Path(__file__).parent)
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.django_db(transaction=True))


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"Chromium niet gevonden op {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("DW_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, seed_data):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def login(page, user, password: str = PASSWORD) -> None:
    """Log in through the form; where the second factor is asked (the beheerder), enrol or
    verify with a code computed from the user's TOTP device, as an authenticator app does."""
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(user.username)
    page.get_by_label("Wachtwoord").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()
    if "/beveiliging/2fa/" in page.url:
        tweede_stap(page, user)


def totp_code(device) -> str:
    """The code an authenticator app shows now; waits for the next 30-second step when this
    step's code was used already (django-otp refuses a replayed code)."""
    import time

    from django_otp.oath import TOTP

    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    while totp.t() <= device.last_t:
        time.sleep(0.5)
        totp.time = time.time()
    return f"{totp.token():06d}"


def tweede_stap(page, user) -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    instellen = "/instellen/" in page.url
    device = TOTPDevice.objects.filter(user=user, confirmed=not instellen).latest("id")
    page.get_by_label("Code uit uw authenticator-app").fill(totp_code(device))
    with page.expect_navigation():
        page.get_by_role("button", name="Bevestigen" if instellen else "Controleren").click()
    if instellen:
        assert "herstelcodes" in page.url
        with page.expect_navigation():
            page.get_by_role("link", name="Ik heb de codes bewaard, verder").click()


def shot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def assert_accessible(page) -> None:
    """axe-core (bundled with axe-playwright-python, no network) on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
        },
    )
    serious = [
        v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")
    ]
    assert not serious, "\n".join(
        f"{v['id']}: {v['help']} ({len(v['nodes'])}x) {v['nodes'][0]['target']}" for v in serious
    )
