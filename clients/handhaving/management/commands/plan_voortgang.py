"""python manage.py plan_voortgang [--peildatum 2026-11-24]: the daily planner, synchronously."""

import datetime
import time

from django.core.management.base import BaseCommand

from clients.handhaving import planning


class Command(BaseCommand):
    help = "Plant voortgangsgesprekken, rechtmatigheidsonderzoeken en de steekproef (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--peildatum", type=datetime.date.fromisoformat, default=None)

    def handle(self, *args, peildatum, **options):
        from django.utils import timezone

        peildatum = peildatum or timezone.localdate()
        t0 = time.monotonic()
        r = planning.plan_voortgang(peildatum=peildatum)
        niet_besproken = planning.groep_niet_besproken(peildatum=peildatum)
        self.stdout.write(
            f"Planner {peildatum:%d-%m-%Y}: {r.bekeken} klanten bekeken; gepland: "
            f"{r.voortgang_gepland} voortgangsgesprekken, {r.rechtmatigheid_gepland} "
            f"rechtmatigheidsonderzoeken, {r.steekproef_gepland} steekproef; "
            f"{r.te_laat} te laat; {niet_besproken} signalen 'klantgroep lang niet besproken'; "
            f"{time.monotonic() - t0:.1f} s"
        )
