"""Login doors in the browser: TOTP enrolment and login, recovery codes, the lockout page,
strict CSP with no console violations, the idle warning's keep-alive."""

import base64

from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory

from .conftest import PASSWORD, assert_accessible, shot, totp_code


def _inloggen(page, username, password):
    page.goto("/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()


def test_beheerder_enrols_totp_and_logs_in_with_a_code(page):
    beheerder = UserFactory(username="fb-beheer", rol="beheerder")
    csp_fouten = []
    page.on(
        "console",
        lambda m: csp_fouten.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto("/inloggen/")
    shot(page, "25_inloggen")
    _inloggen(page, beheerder.username, PASSWORD)
    # Enrolment: QR code, the typed key, one code to confirm.
    assert page.url.endswith("/beveiliging/2fa/instellen/")
    assert page.locator(".dw-qr svg").count() == 1
    sleutel = page.locator(".dw-sleutel").inner_text().replace(" ", "")
    device = TOTPDevice.objects.get(user=beheerder, confirmed=False)
    assert base64.b32decode(sleutel + "=" * (-len(sleutel) % 8)) == device.bin_key
    assert_accessible(page)
    shot(page, "25_2fa_instellen")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "25_2fa_instellen_390")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_label("Code uit uw authenticator-app").fill("000000")
    page.get_by_role("button", name="Bevestigen").click()
    assert "Deze code klopt niet" in page.locator("main form").inner_text()
    page.wait_for_timeout(1100)  # django-otp throttles: 1 s after a wrong code, 2 s after two
    page.get_by_label("Code uit uw authenticator-app").fill(totp_code(device))
    with page.expect_navigation():
        page.get_by_role("button", name="Bevestigen").click()
    codes = page.locator(".dw-herstelcodes code").all_inner_texts()
    assert len(codes) == 10
    shot(page, "25_herstelcodes")
    with page.expect_navigation():
        page.get_by_role("link", name="Ik heb de codes bewaard, verder").click()
    assert "Klantgroepen" in page.locator("h1").inner_text()
    # Log out and in again: the second step asks for the app's code.
    with page.expect_navigation():
        page.get_by_role("button", name="Uitloggen").click()
    _inloggen(page, beheerder.username, PASSWORD)
    assert page.url.endswith("/beveiliging/2fa/controleren/")
    shot(page, "25_2fa_controleren")
    page.get_by_label("Code uit uw authenticator-app").fill(totp_code(device))
    with page.expect_navigation():
        page.get_by_role("button", name="Controleren").click()
    assert "Klantgroepen" in page.locator("h1").inner_text()
    # A recovery code works once, in a new session.
    with page.expect_navigation():
        page.get_by_role("button", name="Uitloggen").click()
    _inloggen(page, beheerder.username, PASSWORD)
    page.get_by_role("link", name="Een herstelcode gebruiken").click()
    page.get_by_label("Herstelcode").fill(codes[0])
    with page.expect_navigation():
        page.get_by_role("button", name="Controleren").click()
    assert "Klantgroepen" in page.locator("h1").inner_text()
    assert csp_fouten == []


def test_lockout_page_after_five_wrong_passwords(page):
    coach = UserFactory(username="coach-blok", rol="werkcoach")
    for _ in range(5):
        _inloggen(page, coach.username, "fout-wachtwoord-1")
    assert "Inloggen tijdelijk geblokkeerd" in page.locator("h1").inner_text()
    assert "30 minuten" in page.locator("main").inner_text()
    assert_accessible(page)
    shot(page, "25_geblokkeerd")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "25_geblokkeerd_390")
    # The right password does not open the door now.
    _inloggen(page, coach.username, PASSWORD)
    assert "Inloggen tijdelijk geblokkeerd" in page.locator("h1").inner_text()


def test_idle_warning_keeps_the_session_and_the_input(page, settings):
    settings.SESSION_COOKIE_AGE = 16  # the warning 4 s before the end (a quarter of the time)
    coach = UserFactory(username="coach-idle", rol="werkcoach")
    _inloggen(page, coach.username, PASSWORD)
    page.goto("/klanten/zoeken/")
    page.get_by_role("textbox", name="Naam").fill("Jansen")
    dialoog = page.locator("#dw-sessie-dialoog")
    dialoog.wait_for(state="visible", timeout=16_000)
    shot(page, "25_sessie_waarschuwing")
    with page.expect_response("**/beveiliging/sessie/verlengen/") as antwoord:
        page.get_by_role("button", name="Ingelogd blijven").click()
    assert antwoord.value.status == 200
    assert not dialoog.is_visible()
    assert page.get_by_role("textbox", name="Naam").input_value() == "Jansen"
