"""Operations plumbing: health before sessions, a Dutch 503 while PostgreSQL is away, and
structured JSON logs with a request id, user id and action (never a BSN or a name)."""

import contextvars
import json
import logging
import re
import sys
import time
import uuid

from django.db import DatabaseError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

logger = logging.getLogger("deventer_werk.request")
request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
user_id_var: contextvars.ContextVar[int | None] = contextvars.ContextVar("user_id", default=None)
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class HealthzMiddleware:
    """``/healthz`` answered before the session and auth middleware: a logged-in caller gets
    the same 200/503 as the load balancer, also while PostgreSQL is down."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz":
            from .views import healthz

            return healthz(request)
        return self.get_response(request)


class RequestLogMiddleware:
    """A request id (the proxy's ``X-Request-ID`` or a new one) on every log line and on the
    response, and one ``http_request`` line per request with the user id, never the path's
    query string."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        rid = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        token = request_id_var.set(rid)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            user = getattr(request, "_cached_user", None)
            user_id = getattr(user, "pk", None)
            user_id_var.set(user_id)
            response["X-Request-ID"] = rid
            logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "action": "http_request",
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000),
                    "user_id": user_id,
                },
            )
            return response
        finally:
            request_id_var.reset(token)
            user_id_var.set(None)


def database_unavailable(request) -> HttpResponse | None:
    """The 503 for an error that is PostgreSQL being away (None for any other error)."""
    exc = sys.exc_info()[1]
    if not isinstance(exc, DatabaseError) or not _is_connection_error(exc):
        return None
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": "De database is even niet bereikbaar."}, status=503)
    else:
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = "30"
    return response


def _is_connection_error(exc: DatabaseError) -> bool:
    from django.db import InterfaceError, OperationalError

    return isinstance(exc, InterfaceError | OperationalError)


# Extra fields that may appear in a log line; anything else passed in ``extra`` is dropped, so
# a careless ``extra={"client": ...}`` cannot put a name or BSN in the logs.
SAFE_FIELDS = ("action", "status", "duration_ms", "rapport", "fout", "task", "count")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data = {
            "ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": request_id_var.get() or None,
            "user_id": getattr(record, "user_id", None) or user_id_var.get(),
        }
        for name in SAFE_FIELDS:
            if hasattr(record, name):
                data[name] = getattr(record, name)
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, default=str)
