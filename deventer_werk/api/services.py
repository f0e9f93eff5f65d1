import hashlib
import secrets

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from deventer_werk.accounts.constants import ROL_ORGANISATIE, Rol
from deventer_werk.accounts.models import User

from .models import ApiToken


def hash_sleutel(sleutel: str) -> str:
    return hashlib.sha256(sleutel.encode()).hexdigest()


@transaction.atomic
def api_token_maak(*, naam: str, rol: str) -> tuple[ApiToken, str]:
    """A new token with its own service account; returns the token once, in plain text."""
    if rol not in Rol.values:
        raise ValueError(f"Onbekende rol: {rol}")
    gebruiker = User.objects.create(
        username=f"api-{slugify(naam)}"[:150],
        first_name="Systeem",
        last_name=naam,
        organisatie=ROL_ORGANISATIE[Rol(rol)],
    )
    gebruiker.set_unusable_password()
    gebruiker.save(update_fields=["password"])
    gebruiker.groups.add(Group.objects.get(name=rol))
    sleutel = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        naam=naam, gebruiker=gebruiker, prefix=sleutel[:8], sleutel_hash=hash_sleutel(sleutel)
    )
    return token, sleutel


def api_token_trek_in(*, token: ApiToken) -> None:
    token.ingetrokken_op = timezone.now()
    token.save(update_fields=["ingetrokken_op"])
    token.gebruiker.is_active = False
    token.gebruiker.save(update_fields=["is_active"])
