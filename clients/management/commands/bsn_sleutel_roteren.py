from django.core.management.base import BaseCommand, CommandError

from clients.services import bsn_sleutel_roteer
from clients.versleuteling import InvalidToken


class Command(BaseCommand):
    help = (
        "Versleutelt elk BSN opnieuw met de nieuwste sleutel (de eerste van DW_BSN_SLEUTELS) en "
        "berekent de zoekhash opnieuw. Daarna kan de oude sleutel uit DW_BSN_SLEUTELS weg."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=1000, help="klanten per transactie")

    def handle(self, *args, batch: int, **options):
        if batch < 1:
            raise CommandError("Geef een positieve batchgrootte (--batch).")
        try:
            uitkomst = bsn_sleutel_roteer(batch=batch)
        except InvalidToken:
            raise CommandError(
                "Een BSN is met geen van de sleutels in DW_BSN_SLEUTELS te openen. Zet de oude "
                "sleutel terug (achter de nieuwe) en draai dit commando opnieuw; wat al klaar "
                "is, blijft klaar."
            ) from None
        self.stdout.write(
            f"{uitkomst.herversleuteld} van {uitkomst.totaal} BSN's opnieuw versleuteld "
            "met de nieuwste sleutel."
        )
