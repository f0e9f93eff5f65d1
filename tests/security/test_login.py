"""Login doors: lockout after 5 failures per account and per address, the beheerder's
unlock, password policy, second factor (TOTP, recovery codes, replay), logout, keep-alive."""

import time

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from deventer_werk.audit.constants import Actie
from deventer_werk.audit.models import AuditEvent
from deventer_werk.middleware import REFRESHED_KEY

from ..conftest import PASSWORD
from ..fixtures.otp import login_met_tweede_factor

LOGIN = "/inloggen/"


def _login(client, username, password, ip="10.1.2.3"):
    return client.post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip, follow=False
    )


def test_lockout_after_five_failures_per_account(client, users):
    codes = [
        _login(client, "werkcoach", "fout-wachtwoord", ip=f"10.1.2.{i}").status_code
        for i in range(5)
    ]
    # Four times the form again; the fifth failure (from five addresses) locks the account.
    assert codes == [200, 200, 200, 200, 429]
    # Then even the right password, from yet another address, is refused with the Dutch page.
    response = _login(client, "werkcoach", PASSWORD, ip="10.9.9.9")
    assert response.status_code == 429
    tekst = response.content.decode()
    assert "Inloggen tijdelijk geblokkeerd" in tekst
    assert "30 minuten geblokkeerd" in tekst  # the wait time
    assert "werkcoach" not in tekst
    assert "_auth_user_id" not in client.session
    blokkades = AuditEvent.objects.filter(actie=Actie.GEBLOKKEERD)
    assert {b.details["gebruikersnaam"] for b in blokkades} == {"werkcoach"}
    assert "10.1.2.4" in {b.ip_adres for b in blokkades}  # the fifth failure
    # Another account still gets in.
    assert _login(client, "intaker", PASSWORD, ip="10.9.9.9").status_code == 302


def test_lockout_after_five_failures_per_address(client, users):
    namen = ["a", "b", "c", "d", "e"]
    codes = [_login(client, naam, "fout", ip="10.5.5.5").status_code for naam in namen]
    assert codes == [200, 200, 200, 200, 429]
    # From that address nobody logs in, not even with a right password …
    assert _login(client, "intaker", PASSWORD, ip="10.5.5.5").status_code == 429
    # … while the same account from another address does.
    assert _login(client, "intaker", PASSWORD, ip="10.6.6.6").status_code == 302


def test_lockout_page_says_nothing_about_the_username(client, users):
    """An unknown username is locked out the same way, with the same page."""
    for _ in range(5):
        _login(client, "bestaat-niet", "fout", ip="10.7.7.7")
    for _ in range(5):
        _login(client, "werkcoach", "fout", ip="10.8.8.8")
    onbekend = _login(client, "bestaat-niet", "fout", ip="10.7.7.1")
    bekend = _login(client, "werkcoach", "fout", ip="10.8.8.1")
    assert onbekend.status_code == bekend.status_code == 429
    assert onbekend.content == bekend.content


def test_four_failures_then_success_resets(client, users):
    for _ in range(4):
        _login(client, "intaker", "fout-wachtwoord")
    assert _login(client, "intaker", PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        _login(client, "intaker", "fout-wachtwoord", ip="10.1.2.4")
    assert _login(client, "intaker", PASSWORD, ip="10.1.2.4").status_code == 302


def test_beheerder_unlocks_an_account_and_an_address(client, users):
    for i in range(5):
        _login(client, "handhaver", "fout", ip=f"10.2.0.{i}")
    for naam in "vwxyz":
        _login(client, naam, "fout", ip="10.3.3.3")
    assert _login(client, "handhaver", PASSWORD, ip="10.4.4.4").status_code == 429
    login_met_tweede_factor(client, users["beheerder"])
    page = client.get(reverse("security:blokkades")).content.decode()
    assert "handhaver" in page and "10.3.3.3" in page
    client.post(reverse("security:blokkades"), {"gebruikersnaam": "handhaver"})
    client.post(reverse("security:blokkades"), {"ip_adres": "10.3.3.3"})
    assert not AccessAttempt.objects.filter(username="handhaver").exists()
    assert not AccessAttempt.objects.filter(ip_address="10.3.3.3").exists()
    ontgrendeld = AuditEvent.objects.filter(actie=Actie.ONTGRENDELD)
    assert ontgrendeld.count() == 2
    assert {e.actor_username for e in ontgrendeld} == {"beheerder"}
    client.logout()
    assert _login(client, "handhaver", PASSWORD, ip="10.4.4.4").status_code == 302
    client.logout()
    assert _login(client, "intaker", PASSWORD, ip="10.3.3.3").status_code == 302


def test_only_beheerder_sees_blokkades(client_as):
    assert client_as("werkcoach").get(reverse("security:blokkades")).status_code == 403


WEAK = [
    "Zomer2026",
    "Wachtwoord1",
    "Wachtwoord2026!",
    "welkom12345678",
    "Deventer2026!!",
    "123456789012",
    "password1234",
    "Winter2025",
    "qwertyuiop12",
    "Kort-1!",
]


def test_weak_passwords_refused():
    refused = 0
    for password in WEAK:
        try:
            validate_password(password)
        except ValidationError:
            refused += 1
    assert refused == len(WEAK) == 10


def test_password_like_the_username_refused(users):
    with pytest.raises(ValidationError):
        validate_password("inkomensconsulent1", user=users["inkomensconsulent"])


def test_strong_password_accepted():
    validate_password("paars-kompas-regen-tafel-41")
    validate_password("Deventer-Demo-2026")


@pytest.fixture
def met_2fa(settings):
    settings.DW_REQUIRE_2FA = True
    # django-otp slows down retries after a wrong code; the tests send the right one at once.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def _code(device, op=None) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if op is not None:
        totp.time = op
    return f"{totp.token():06d}"


def test_2fa_required_setup_then_verify(client, users, met_2fa):
    client.force_login(users["werkcoach"])
    response = client.get(reverse("clients:mijn_klanten"))
    assert response.status_code == 302
    assert response["Location"] == reverse("security:2fa_setup")
    page = client.get(reverse("security:2fa_setup"))
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=users["werkcoach"], confirmed=False)
    bad = client.post(reverse("security:2fa_setup"), {"token": "000000"})
    assert "klopt niet" in bad.content.decode()
    ok = client.post(reverse("security:2fa_setup"), {"token": _code(device)})
    assert ok["Location"] == reverse("security:herstelcodes")
    codes = client.get(ok["Location"])
    assert codes.content.decode().count("<code>") == 10
    # shown once
    assert client.get(reverse("security:herstelcodes")).status_code == 302
    assert client.get(reverse("clients:mijn_klanten")).status_code == 200
    # A new session needs the code again.
    client.logout()
    client.force_login(users["werkcoach"])
    response = client.get(reverse("clients:mijn_klanten"))
    assert response["Location"] == reverse("security:2fa_verify")
    assert client.get("/api/v1/clients/").status_code == 403


def test_2fa_wrong_and_replayed_codes_refused(client, users, met_2fa):
    device = TOTPDevice.objects.create(user=users["intaker"], name="app", confirmed=True)
    client.force_login(users["intaker"])
    url = reverse("security:2fa_verify")
    nu = time.time()
    with time_machine.travel(nu, tick=False):
        code = _code(device, nu)
        fout = client.post(url, {"token": "123456" if code != "123456" else "654321"})
        assert "klopt niet of is al gebruikt" in fout.content.decode()
        assert client.post(url, {"token": code}).status_code == 302
    client.logout()
    client.force_login(users["intaker"])
    with time_machine.travel(nu + 1, tick=False):
        opnieuw = client.post(url, {"token": code})  # the same code, same 30 s window
        assert opnieuw.status_code == 200
        assert "klopt niet of is al gebruikt" in opnieuw.content.decode()
    assert client.get(reverse("clients:mijn_klanten")).status_code == 302
    mislukt = AuditEvent.objects.filter(actie=Actie.INLOGPOGING_MISLUKT, object_type="2fa")
    assert mislukt.count() == 2


def test_2fa_recovery_code_works_once(client, users, met_2fa):
    TOTPDevice.objects.create(user=users["intaker"], name="app", confirmed=True)
    from deventer_werk.security.views import _nieuwe_herstelcodes

    code = _nieuwe_herstelcodes(users["intaker"])[0]
    url = reverse("security:2fa_verify") + "?herstelcode=1"
    client.force_login(users["intaker"])
    assert client.post(url, {"token": code.upper()}).status_code == 302
    assert client.get(reverse("clients:mijn_klanten")).status_code == 200
    assert StaticToken.objects.filter(device__user=users["intaker"]).count() == 9
    client.logout()
    client.force_login(users["intaker"])
    again = client.post(url, {"token": code})
    assert "klopt niet of is al gebruikt" in again.content.decode()


def test_2fa_off_for_local_demo_but_always_for_the_beheerder(client, users, settings):
    settings.DW_REQUIRE_2FA = False
    client.force_login(users["werkcoach"])
    assert client.get(reverse("clients:mijn_klanten")).status_code == 200
    client.force_login(users["beheerder"])
    response = client.get(reverse("klantgroepen:lijst"))
    assert response["Location"] == reverse("security:2fa_setup")
    login_met_tweede_factor(client, users["beheerder"])
    assert client.get(reverse("klantgroepen:lijst")).status_code == 200


def test_2fa_next_stays_on_this_site(client, users, met_2fa):
    device = TOTPDevice.objects.create(user=users["intaker"], name="app", confirmed=True)
    client.force_login(users["intaker"])
    url = reverse("security:2fa_verify") + "?next=https://example.org/"
    response = client.post(url, {"token": _code(device)})
    assert response["Location"] == reverse("home")


def test_logout_clears_site_data(client_as):
    client = client_as("werkcoach")
    response = client.post(reverse("logout"))
    assert response["Clear-Site-Data"] == '"cache", "cookies", "storage"'


def test_keepalive_renews_session_inside_the_refresh_minute(client_as):
    client = client_as("werkcoach")
    client.get(reverse("clients:mijn_klanten"))  # the idle refresh stamped the session
    stamp = client.session[REFRESHED_KEY]
    response = client.post(reverse("security:keepalive"))
    assert response.status_code == 200
    assert response.json()["verloopt_over"] > 0
    assert "sessionid" in response.cookies  # saved again: the idle clock restarts
    assert client.session[REFRESHED_KEY] >= stamp
    client.logout()
    assert client.post(reverse("security:keepalive")).status_code == 302


def test_idle_warning_counts_from_the_last_renewal(client_as):
    client = client_as("werkcoach")
    later = time.time() + 120  # past the login's own stamp, inside the idle timeout
    with time_machine.travel(later, tick=False):
        client.get(reverse("clients:mijn_klanten"))  # renews: 1800 s ahead
    with time_machine.travel(later + 40, tick=False):
        html = client.get(reverse("clients:mijn_klanten")).content.decode()
    assert "js/sessie.js" in html
    assert 'data-sessie-timeout="1760"' in html  # not renewed within the minute: 40 s gone
    assert 'id="dw-sessie-dialoog"' in html
