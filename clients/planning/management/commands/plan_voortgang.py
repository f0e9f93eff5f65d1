"""python manage.py plan_voortgang [--peildatum 2026-11-24] [--details]: the daily planner and
the stale-membership check, synchronously (the same code as the beat tasks)."""

import datetime
import time

from django.core.management.base import BaseCommand
from django.db import transaction

from clients.planning import planner
from clients.planning.models import Uitvoering
from clients.planning.uitvoering import uitvoering_rond_af
from deventer_werk.dates import today


class Command(BaseCommand):
    help = "Plant voortgangsgesprekken, rechtmatigheidsonderzoeken en de steekproef (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--peildatum", type=datetime.date.fromisoformat, default=None)
        parser.add_argument(
            "--details", action="store_true", help="toon elke geplande taak (zonder BSN of naam)"
        )

    def handle(self, *args, peildatum, details, **options):
        peildatum = peildatum or today()
        t0 = time.monotonic()
        with transaction.atomic():
            r = planner.plan_voortgang(peildatum=peildatum)
            uitvoering_rond_af(
                soort=Uitvoering.Soort.PLANNER, peildatum=peildatum, resultaat=r.samenvatting()
            )
        with transaction.atomic():
            niet_besproken = planner.groep_niet_besproken(peildatum=peildatum)
            uitkeringsduur = planner.groep_uitkeringsduur(peildatum=peildatum)
            uitvoering_rond_af(
                soort=Uitvoering.Soort.GROEP_NIET_BESPROKEN,
                peildatum=peildatum,
                resultaat={"signalen": niet_besproken, "uitkeringsduur": uitkeringsduur},
            )
        if details:
            for regel in r.regels:
                self.stdout.write(f"  gepland: {regel}")
        self.stdout.write(
            f"Planner {peildatum:%d-%m-%Y}: {r.bekeken} klanten bekeken; gepland: "
            f"{r.voortgang_gepland} voortgangsgesprekken, {r.rechtmatigheid_gepland} "
            f"rechtmatigheidsonderzoeken, {r.steekproef_gepland} steekproef; "
            f"{r.vervallen} vervallen na groepswissel; {r.te_laat} te laat; "
            f"{niet_besproken} signalen 'klantgroep lang niet besproken'; "
            f"{uitkeringsduur} signalen 'uitkeringsduur past niet meer bij de klantgroep'; "
            f"{time.monotonic() - t0:.1f} s"
        )
