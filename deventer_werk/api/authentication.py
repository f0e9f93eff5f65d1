import hmac

from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from .models import ApiToken
from .services import hash_sleutel


class TokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Token <sleutel>`` for system integrations."""

    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Ongeldige Authorization-header."))
        try:
            sleutel = header[1].decode()
        except UnicodeError as exc:
            raise exceptions.AuthenticationFailed(_("Ongeldige token.")) from exc
        token = (
            ApiToken.objects.select_related("gebruiker")
            .filter(prefix=sleutel[:8], ingetrokken_op__isnull=True)
            .first()
        )
        if token is None or not hmac.compare_digest(token.sleutel_hash, hash_sleutel(sleutel)):
            raise exceptions.AuthenticationFailed(_("Ongeldige of ingetrokken token."))
        if not token.gebruiker.is_active:
            raise exceptions.AuthenticationFailed(_("Het serviceaccount is niet actief."))
        return token.gebruiker, token

    def authenticate_header(self, request):
        return self.keyword
