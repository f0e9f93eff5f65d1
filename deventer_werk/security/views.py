"""Login doors: second factor (TOTP with recovery codes), session keep-alive, the lockout page
and unlocking locked-out accounts."""

import base64
import io
import time

import qrcode
import qrcode.image.svg
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import F, Max, Sum
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from deventer_werk.access import require
from deventer_werk.audit.constants import Actie, Resultaat
from deventer_werk.audit.services import audit_record
from deventer_werk.middleware import REFRESHED_KEY

from .forms import HerstelcodeForm, OntgrendelForm, TokenForm
from .rules import BLOKKADES

HERSTELCODES = 10
_HERSTELCODES_SESSIE = "_dw_herstelcodes"


def _qr_svg(data: str) -> str:
    """The otpauth URL as an inline SVG QR code. One fixed mask pattern: any of the eight is
    valid for every scanner, and trying all eight for the "best" took two thirds of the
    page's time (issue 33: 2fa setup at 4x the floor)."""
    qr = qrcode.QRCode(box_size=8, mask_pattern=0, image_factory=qrcode.image.svg.SvgPathImage)
    qr.add_data(data)
    image = qr.make_image()
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    return svg[svg.index("<svg") :]  # drop the XML declaration for inline use


def _sleutel(binair: bytes) -> str:
    """The secret as an authenticator app asks for it when typed: base32, in groups of four."""
    tekst = base64.b32encode(binair).decode().rstrip("=")
    return " ".join(tekst[i : i + 4] for i in range(0, len(tekst), 4))


def _nieuwe_herstelcodes(user) -> list[str]:
    """Ten one-time recovery codes (django-otp's static device), replacing earlier ones."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name="herstelcodes")
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(HERSTELCODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


@login_required
@require_http_methods(["GET", "POST"])
def twee_factor_instellen(request):
    """Set up TOTP: an unconfirmed device with a QR code (inline SVG), confirmed by one code;
    then the recovery codes, shown once."""
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect("security:2fa_verify")
    device, _ = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "authenticator"}
    )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                codes = _nieuwe_herstelcodes(request.user)
                audit_record(
                    actor=request.user,
                    actie=Actie.GEWIJZIGD,
                    object_type="2fa",
                    request=request,
                    details={"stap": "ingesteld"},
                )
            otp_login(request, device)
            request.session[_HERSTELCODES_SESSIE] = codes
            return redirect("security:herstelcodes")
        form.add_error("token", "Deze code klopt niet. Probeer de volgende code.")
    return render(
        request,
        "security/2fa_instellen.html",
        {
            "form": form,
            "qr_svg": mark_safe(_qr_svg(device.config_url)),  # noqa: S308 (our own SVG)
            "sleutel": _sleutel(device.bin_key),
        },
    )


@login_required
def herstelcodes(request):
    """The recovery codes, once, right after enrolment (taken out of the session on reading)."""
    codes = request.session.pop(_HERSTELCODES_SESSIE, None)
    if not codes:
        return redirect("home")
    return render(request, "security/herstelcodes.html", {"codes": codes})


def _volgende(request) -> str:
    doel = request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(doel, allowed_hosts={request.get_host()}):
        return doel
    return "home"


@login_required
@require_http_methods(["GET", "POST"])
def twee_factor_controleren(request):
    """The second step: a TOTP code, or one of the recovery codes (each works once). A wrong
    or replayed code gets one message; it never says which kind of code was expected."""
    totp = list(TOTPDevice.objects.filter(user=request.user, confirmed=True))
    if not totp:
        return redirect("security:2fa_setup")
    herstel = request.GET.get("herstelcode") == "1"
    form = (HerstelcodeForm if herstel else TokenForm)(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["token"]
        devices = list(StaticDevice.objects.filter(user=request.user)) if herstel else totp
        device = next((d for d in devices if d.verify_token(code)), None)
        if device is not None:
            otp_login(request, device)
            if herstel:
                audit_record(
                    actor=request.user,
                    actie=Actie.INGELOGD,
                    object_type="2fa",
                    request=request,
                    details={"stap": "herstelcode gebruikt"},
                )
            return redirect(_volgende(request))
        audit_record(
            actor=request.user,
            actie=Actie.INLOGPOGING_MISLUKT,
            object_type="2fa",
            resultaat=Resultaat.GEWEIGERD,
            request=request,
        )
        form.add_error("token", "Deze code klopt niet of is al gebruikt.")
    return render(request, "security/2fa_controleren.html", {"form": form, "herstel": herstel})


@login_required
@require_POST
def sessie_verlengen(request):
    """Keep-alive for the idle-timeout warning ("Ingelogd blijven"): an explicit renewal, so
    the session is saved now even inside the once-a-minute window of the idle refresh."""
    request.session[REFRESHED_KEY] = int(time.time())
    return JsonResponse({"verloopt_over": settings.SESSION_COOKIE_AGE})


def _minuten(seconden: float) -> str:
    minuten = max(1, round(seconden / 60))
    return "1 minuut" if minuten == 1 else f"{minuten} minuten"


def geblokkeerd(request, response=None, credentials=None):
    """django-axes' lockout answer (``AXES_LOCKOUT_CALLABLE``): in Dutch, with the wait time,
    and the same for every username, so it says nothing about whether an account exists."""
    wacht = settings.AXES_COOLOFF_TIME.total_seconds()
    return render(
        request,
        "security/geblokkeerd.html",
        {"wachttijd": _minuten(wacht)},
        status=429,
    )


@login_required
@require_http_methods(["GET", "POST"])
def blokkades(request):
    """The beheerder sees locked-out logins (user or IP) and can unlock them."""
    require(request.user, BLOKKADES)
    if request.method == "POST":
        form = OntgrendelForm(request.POST)
        if form.is_valid():
            naam = form.cleaned_data["gebruikersnaam"] or None
            ip = form.cleaned_data["ip_adres"] or None
            if naam:
                reset(username=naam)
            if ip:
                reset(ip=ip)
            audit_record(
                actor=request.user,
                actie=Actie.ONTGRENDELD,
                object_type="inlog",
                request=request,
                details={"gebruikersnaam": naam or "", "ip_adres": ip or ""},
            )
        return redirect("security:blokkades")
    return render(request, "security/blokkades.html", _blokkades())


def _blokkades() -> dict:
    """Accounts and addresses at the failure limit within the cool-off time (failures are
    counted per username over all addresses and per address over all usernames)."""
    recent = AccessAttempt.objects.filter(
        attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME
    )
    limiet = settings.AXES_FAILURE_LIMIT

    def per(veld: str) -> list[dict]:
        return list(
            recent.values(waarde=F(veld))
            .annotate(pogingen=Sum("failures_since_start"), laatste=Max("attempt_time"))
            .filter(pogingen__gte=limiet)
            .order_by("-laatste")[:200]
        )

    return {"accounts": per("username"), "adressen": per("ip_address"), "limiet": limiet}
