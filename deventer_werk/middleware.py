"""Session idle timeout without a session write on every request.

``SESSION_SAVE_EVERY_REQUEST`` wrote and committed the session row on every page view. This
middleware renews the session (and so its expiry, ``SESSION_COOKIE_AGE`` ahead) only when the
last renewal is more than ``SESSION_REFRESH_SECONDS`` old: the idle timeout stays correct to
within that minute, and a burst of requests costs one write instead of one each.
"""

import time

from django.conf import settings

REFRESHED_KEY = "_dw_ververst"


class SessionIdleRefreshMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # Only sessions that exist (a logged-in user); never create one for anonymous calls.
        if session is None or session.session_key is None or session.is_empty():
            return response
        if session.modified:
            return response  # saved anyway by SessionMiddleware
        now = int(time.time())
        if now - session.get(REFRESHED_KEY, 0) >= settings.SESSION_REFRESH_SECONDS:
            session[REFRESHED_KEY] = now
        return response


def stamp_session_on_login(sender, request, user, **kwargs):
    """Login saves the session anyway: record it as renewed, so the next minute is free."""
    session = getattr(request, "session", None)
    if session is not None:
        session[REFRESHED_KEY] = int(time.time())
