"""Response headers every page gets, and the second-factor door for staff accounts."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)


def _authenticated(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class SecurityHeadersMiddleware:
    """Permissions-Policy everywhere; ``no-store`` on every authenticated response, so no
    dossier, export or PDF stays in a browser or proxy cache; Clear-Site-Data on logout."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name == "logout" and request.method == "POST":
            response.headers["Clear-Site-Data"] = '"cache", "cookies", "storage"'
            patch_cache_control(response, no_store=True)
        elif _authenticated(request) or "HTTP_AUTHORIZATION" in request.META:
            response.headers.pop("Cache-Control", None)
            patch_cache_control(response, no_store=True, private=True)
        return response


# Pages reachable before the second factor: the 2FA pages themselves, logging out, static files.
_OPEN_PREFIXES = ("/beveiliging/2fa/", "/uitloggen/", "/static/", "/healthz")


def tweede_factor_verplicht(user) -> bool:
    """``DW_REQUIRE_2FA`` (on in production) asks it of every account; the roles in
    ``DW_2FA_ROLLEN`` (the beheerder: unlocks accounts, reads the access log) always."""
    if settings.DW_REQUIRE_2FA:
        return True
    return bool(user.rollen & frozenset(settings.DW_2FA_ROLLEN))


class TweeFactorMiddleware:
    """Accounts that need a second factor (:func:`tweede_factor_verplicht`) confirm a TOTP
    code (or a recovery code) before anything else.

    Runs after django-otp's OTPMiddleware (which sets ``user.is_verified``). Users without a
    device go to the setup page, others to the verify page; API calls get a JSON 403.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._needs_second_factor(request):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": "Tweestapsverificatie is vereist voor deze sessie."}, status=403
                )
            from django_otp import user_has_device

            target = (
                "security:2fa_verify" if user_has_device(request.user) else "security:2fa_setup"
            )
            return redirect(target)
        return self.get_response(request)

    @staticmethod
    def _needs_second_factor(request) -> bool:
        if not _authenticated(request) or request.path.startswith(_OPEN_PREFIXES):
            return False
        return tweede_factor_verplicht(request.user) and not request.user.is_verified()
