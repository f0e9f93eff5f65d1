import time

from django.conf import settings

from deventer_werk.middleware import REFRESHED_KEY


def sessie(request) -> dict:
    """Seconds until the idle timeout, for the warning script in ``static/js/sessie.js``.

    The session is renewed at most once a minute (``SessionIdleRefreshMiddleware``, after the
    view): a page served inside that minute leaves the server's expiry where the last renewal
    put it, so the script counts from that renewal, not from the page load.
    """
    leeftijd = settings.SESSION_COOKIE_AGE
    session = getattr(request, "session", None)
    if session is not None and session.session_key is not None:
        verstreken = int(time.time()) - int(session.get(REFRESHED_KEY, 0))
        if 0 <= verstreken < settings.SESSION_REFRESH_SECONDS:
            leeftijd -= verstreken
    return {"sessie_timeout": leeftijd}
