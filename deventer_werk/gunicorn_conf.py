"""Gunicorn in production (Dockerfile, docker-compose, k8s through the image's CMD):
``gunicorn deventer_werk.wsgi -c python:deventer_werk.gunicorn_conf``.

The access log is one JSON object per request on stdout, with the path only: a query string
(a search term, in the worst case a BSN) never reaches the logs, nor does the referrer or the
user agent. The application's own log line per request is ``http_request`` in
``deventer_werk.operations``; the access log also covers what Django never sees."""

import json
import time

from gunicorn.glogging import Logger

bind = "0.0.0.0:8000"
workers = 3
accesslog = "-"
logger_class = "deventer_werk.gunicorn_conf.JsonAccessLogger"


class JsonAccessLogger(Logger):
    def access(self, resp, req, environ, request_time) -> None:
        if not getattr(self, "access_log_enabled", True):
            return
        status = str(resp.status).split(None, 1)[0]
        headers = {name.lower(): value for name, value in (getattr(resp, "headers", None) or [])}
        line = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "level": "INFO",
            "logger": "gunicorn.access",
            "action": "http_access",
            "method": environ.get("REQUEST_METHOD"),
            # PATH_INFO never holds the query string (that is QUERY_STRING, left out).
            "path": environ.get("PATH_INFO", "").split("?", 1)[0],
            "status": int(status) if status.isdigit() else status,
            "bytes": getattr(resp, "sent", None),
            "duration_ms": round(request_time.total_seconds() * 1000),
            "request_id": headers.get("x-request-id"),
        }
        try:
            self.access_log.info(json.dumps(line))
        except Exception:  # noqa: BLE001 - a log line never breaks a request
            self.exception("access log")
