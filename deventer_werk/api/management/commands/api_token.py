"""python manage.py api_token --naam "DWT-systeem" --rol werkcoach

Makes a token for a system integration, tied to one role and its organisation. The token is
printed once; only its hash is stored."""

from django.core.management.base import BaseCommand, CommandError

from deventer_werk.accounts.constants import Rol
from deventer_werk.api.services import api_token_maak


class Command(BaseCommand):
    help = "Maakt een API-token voor een systeemkoppeling (één rol en organisatie)."

    def add_arguments(self, parser):
        parser.add_argument("--naam", required=True)
        parser.add_argument("--rol", required=True, choices=Rol.values)

    def handle(self, *args, naam, rol, **options):
        try:
            token, sleutel = api_token_maak(naam=naam, rol=rol)
        except Exception as exc:  # noqa: BLE001 - shown to the beheerder in Dutch
            raise CommandError(f"Token niet gemaakt: {exc}") from exc
        self.stdout.write(f"Token voor {token.naam} ({rol}, {token.gebruiker.organisatie}):")
        self.stdout.write(sleutel)
        self.stdout.write("Bewaar deze token veilig; hij wordt niet opnieuw getoond.")
