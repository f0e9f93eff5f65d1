"""The client's IP address, also behind a reverse proxy (audit trail and login lockout).

Only a header set by a proxy we run can be trusted: ``DW_TRUSTED_PROXY_HEADER`` names it
(e.g. ``X-Forwarded-For``) and ``DW_TRUSTED_PROXY_HOPS`` says how many proxies of ours append
to it. The address ``hops`` places from the right is the one our outermost proxy saw; anything
left of it was written by the client and is ignored. Without configuration: ``REMOTE_ADDR``.
"""

import ipaddress

from django.conf import settings


def _valid_ip(value: str) -> str | None:
    value = value.strip()
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    if request is None:
        return None
    meta = getattr(request, "META", {})
    header = getattr(settings, "DW_TRUSTED_PROXY_HEADER", "")
    if header:
        key = "HTTP_" + header.upper().replace("-", "_")
        hops = max(1, getattr(settings, "DW_TRUSTED_PROXY_HOPS", 1))
        entries = [e for e in meta.get(key, "").split(",") if e.strip()]
        if len(entries) >= hops:
            ip = _valid_ip(entries[-hops])
            if ip:
                return ip
    return _valid_ip(meta.get("REMOTE_ADDR", "") or "")
