from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from .access import may

# Where each user's work starts: the first page (by access rule name) they may open.
STARTPAGINAS = (
    ("begeleiding.werkvoorraad", "begeleiding:werkvoorraad"),
    ("monitoring.rapporten", "monitoring:dashboard"),
    ("klantgroepen.beheren", "klantgroepen:lijst"),
)


@login_required
def home(request):
    """Send everyone to the page where their work starts."""
    for regel, url_name in STARTPAGINAS:
        if may(request.user, regel):
            return redirect(url_name)
    return render(request, "home.html")


_redis_clients: dict = {}


def _redis():
    """One client (with its connection pool) per process and Redis URL, reused by every
    health check."""
    import redis
    from django.conf import settings

    url = settings.REDIS_URL
    if url not in _redis_clients:
        _redis_clients[url] = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
    return _redis_clients[url]


def healthz(request):
    """Liveness and readiness for the load balancer and docker compose: database and Redis."""
    from django.db import connection
    from django.http import JsonResponse

    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception:  # noqa: BLE001 - any failure means "not ready"
        checks["database"] = "fout"
    try:
        _redis().ping()
        checks["redis"] = "ok"
    except Exception:  # noqa: BLE001
        checks["redis"] = "fout"
    healthy = all(v == "ok" for v in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "fout", **checks}, status=200 if healthy else 503
    )


def page_not_found(request, exception=None):
    """404: JSON under /api/ (an integration expects JSON), the Dutch page elsewhere."""
    from django.http import JsonResponse
    from django.views.defaults import page_not_found as html_page_not_found

    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Niet gevonden."}, status=404)
    return html_page_not_found(request, exception)


def permission_denied(request, exception=None):
    """403: the Dutch page, and the refusal in the audit trail when the view did not record
    it itself (a role check on a page without a client)."""
    from django.views.defaults import permission_denied as html_permission_denied

    from .audit.services import weigering_vastleggen

    weigering_vastleggen(request)
    return html_permission_denied(request, exception)


def server_error(request):
    """500, except while PostgreSQL is away: then a Dutch 503 (JSON under /api/)."""
    from django.views.defaults import server_error as html_server_error

    from .operations import database_unavailable

    return database_unavailable(request) or html_server_error(request)
