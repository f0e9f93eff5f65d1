"""Synthetic demo data: clients with histories, contacts and one demo user per role.

Deterministic for a given ``--seed`` (Faker nl_NL and ``random.Random``); never real people.
Fast enough for 50,000 clients: everything is built in memory and written with bulk_create.
"""

import datetime
import os
import random
import time

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from clients.constants import Fase, LidmaatschapSoort, Uitstroomreden, Wijk
from clients.demo.catalogus import naam_kies, volledige_achternaam
from clients.demo.klantreis import klantreis_maak
from clients.demo.signalen import urgente_signalen_maak
from clients.groepen.models import Groepslidmaatschap
from clients.models import Client, Contactpersoon, Uitkeringsperiode
from clients.trajecten.models import Participatieplek, Werkgever
from deventer_werk.accounts.constants import ROL_ORGANISATIE, Organisatie, Rol
from deventer_werk.accounts.models import User
from deventer_werk.dates import today
from klantgroepen.models import Klantgroep

DEMO_PASSWORD_ENV = "DW_DEMO_PASSWORD"  # noqa: S105 - the name of the variable
DEFAULT_DEMO_PASSWORD = "Deventer-Demo-2026"  # noqa: S105 - documented demo password

# The policy's 2019 figures (§3.2): 300 Matchen, 800 Groeien, 875 Faciliteren, 900 Zorgen.
GROEP_GEWICHTEN = {"matchen": 300, "groeien": 800, "faciliteren": 875, "zorgen": 900}
# Plausible moves between groups: (from, to, kind).
OVERGANGEN = [
    ("groeien", "matchen", LidmaatschapSoort.DOORSTROOM),
    ("faciliteren", "groeien", LidmaatschapSoort.DOORSTROOM),
    ("zorgen", "faciliteren", LidmaatschapSoort.DOORSTROOM),
    ("matchen", "groeien", LidmaatschapSoort.TERUGVAL),
    ("groeien", "faciliteren", LidmaatschapSoort.TERUGVAL),
    ("faciliteren", "zorgen", LidmaatschapSoort.TERUGVAL),
]
UITSTROOM_GEWICHTEN = {
    Uitstroomreden.WERK_REGULIER: 40,
    Uitstroomreden.WERK_LKS: 12,
    Uitstroomreden.BESCHUT_WERK: 3,
    Uitstroomreden.STUDIE: 6,
    Uitstroomreden.VERHUIZING: 12,
    Uitstroomreden.ANDERE_UITKERING: 15,
    Uitstroomreden.DETENTIE: 2,
    Uitstroomreden.OVERLIJDEN: 3,
    Uitstroomreden.OVERIG: 7,
}
EXTRA_MEDEWERKERS = {
    # a second poortwachter: at city size 18 of them share the meldingen (not one person
    # with 2,400 meldingen in eight weeks on her mijn klanten)
    Rol.POORTWACHTER: 1,
    Rol.INKOMENSCONSULENT: 12,
    Rol.WERKCOACH: 10,
    Rol.INTAKER: 3,
    Rol.PARTICIPATIEMAKELAAR: 3,
    Rol.HANDHAVER: 2,
}


def _bsn(rng: random.Random, seen: set[str]) -> str:
    while True:
        digits = [rng.randint(0, 9) for _ in range(8)]
        if digits[0] == 0 and digits[1] == 0:
            continue
        last = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
        if last < 10:
            bsn = "".join(map(str, digits)) + str(last)
            if bsn not in seen:
                seen.add(bsn)
                return bsn


def _date_between(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _contacten(
    rng: random.Random,
    client: Client,
    segmenten: list[tuple],
    *,
    regie: dict[str, str],
    users: dict[str, list[User]],
    peildatum: datetime.date,
) -> list[Contactpersoon]:
    """The contact persons over the client's memberships ``(code, van, tot)``, by the regie
    rules (DESIGN.md §1, the klantgroep's ``regie``): one IO inkomensconsulent throughout (now
    and then handed over to a colleague once), a DWT werkcoach while the group has DWT regie
    (Matchen, Groeien; one coach for consecutive DWT groups), an IO participatiemakelaar while
    in Faciliteren."""
    begin, einde = segmenten[0][1], segmenten[-1][2]
    consulenten = rng.sample(users[Rol.INKOMENSCONSULENT], 2)
    io = [(consulenten[0], begin, einde)]
    laatst = (einde or peildatum) - datetime.timedelta(days=120)
    if rng.random() < 0.15 and laatst > begin + datetime.timedelta(days=120):
        wissel = _date_between(rng, begin + datetime.timedelta(days=120), laatst)
        io = [(consulenten[0], begin, wissel), (consulenten[1], wissel, einde)]
    rijen = [
        Contactpersoon(client=client, organisatie=Organisatie.IO, medewerker=m, van=v, tot=t)
        for m, v, t in io
    ]
    coach = rng.choice(users[Rol.WERKCOACH])
    makelaar = rng.choice(users[Rol.PARTICIPATIEMAKELAAR]) if rng.random() < 0.92 else None
    for code, van, tot in segmenten:
        if regie[code] == Organisatie.DWT:
            vorige = rijen[-1]
            if vorige.organisatie == Organisatie.DWT and vorige.tot == van:
                vorige.tot = tot  # the same coach stays on from Groeien to Matchen and back
                continue
            rijen.append(
                Contactpersoon(
                    client=client, organisatie=Organisatie.DWT, medewerker=coach, van=van, tot=tot
                )
            )
        elif code == "faciliteren" and makelaar is not None:
            rijen.append(
                Contactpersoon(
                    client=client,
                    organisatie=Organisatie.IO,
                    rol=Rol.PARTICIPATIEMAKELAAR,
                    medewerker=makelaar,
                    van=van,
                    tot=tot,
                )
            )
    return rijen


class Command(BaseCommand):
    help = "Maakt synthetische demodata: klanten met historie, contactpersonen, demo-gebruikers."

    def add_arguments(self, parser):
        parser.add_argument("--clients", type=int, default=2875, help="aantal klanten")
        parser.add_argument("--seed", type=int, default=2019, help="startwaarde (reproduceerbaar)")
        parser.add_argument("--peildatum", type=datetime.date.fromisoformat, default=None)
        parser.add_argument(
            "--medewerkers",
            type=float,
            default=1.0,
            help="zoveel keer de medewerkers van Deventer (bij een grotere stad: klanten / 2875, "
            "zodat elke medewerker een caseload van Deventer heeft)",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="verwijder eerst alle bestaande klanten, werkgevers en participatieplekken",
        )

    def handle(
        self,
        *args,
        clients: int,
        seed: int,
        peildatum,
        reset: bool,
        medewerkers: float = 1.0,
        **options,
    ):
        if settings.PRODUCTION:
            raise CommandError(
                "demo_data draait niet in productie (DJANGO_ENV=production): het maakt "
                "gebruikers met een bekend wachtwoord."
            )
        started = time.monotonic()
        peildatum = peildatum or today()
        if clients < 1:
            raise CommandError("Geef een positief aantal klanten (--clients).")
        if Client.objects.exists() and not reset:
            raise CommandError("Er zijn al klanten. Gebruik --reset om opnieuw te beginnen.")
        with transaction.atomic():
            if reset:
                Client.objects.all().delete()
                # a second run would otherwise list every employer and plek twice
                Werkgever.objects.all().delete()
                Participatieplek.objects.all().delete()
            users = self._users(medewerkers)
            counts = self._clients(clients, seed, peildatum, users)
            counts.update(klantreis_maak(seed=seed, peildatum=peildatum, users=users))
            counts.update(urgente_signalen_maak(seed=seed, users=users))
        # First start has work: the planner runs now instead of waiting for 05:00.
        from clients.planning.planner import (
            groep_niet_besproken,
            groep_uitkeringsduur,
            plan_voortgang,
        )

        plan = plan_voortgang(peildatum=peildatum)
        counts["taken gepland"] = (
            plan.voortgang_gepland + plan.rechtmatigheid_gepland + plan.steekproef_gepland
        )
        counts["signalen groep niet besproken"] = groep_niet_besproken(peildatum=peildatum)
        counts["signalen uitkeringsduur"] = groep_uitkeringsduur(peildatum=peildatum)
        elapsed = time.monotonic() - started
        summary = ", ".join(f"{k}: {v}" for k, v in counts.items())
        self.stdout.write(f"Demodata klaar in {elapsed:.1f} s — {summary}")

    # Users ------------------------------------------------------------------------------
    def _users(self, schaal: float = 1.0) -> dict[str, list[User]]:
        """One user per role named after it, plus Deventer's colleagues (``EXTRA_MEDEWERKERS``)
        times ``schaal``: a city of 50,000 clients has 17 times the staff, not caseloads of
        thousands per person."""
        password = os.environ.get(DEMO_PASSWORD_ENV, DEFAULT_DEMO_PASSWORD)
        from faker import Faker  # a development-only package (the "dev" extra)

        fake = Faker("nl_NL")
        fake.seed_instance(7)
        rng = random.Random(7)
        groups = {g.name: g for g in Group.objects.all()}
        gehasht = make_password(password)
        users: dict[str, list[User]] = {}
        for rol in Rol:
            names = [rol.value] + [
                f"{rol.value}{i}"
                for i in range(2, round(EXTRA_MEDEWERKERS.get(rol, 0) * max(schaal, 1.0)) + 2)
            ]
            users[rol.value] = []
            for username in names:
                user, created = User.objects.get_or_create(
                    username=username,
                    defaults={
                        "first_name": fake.first_name(),
                        "last_name": volledige_achternaam(rng),
                        "organisatie": ROL_ORGANISATIE[rol],
                        "is_staff": rol == Rol.BEHEERDER,
                    },
                )
                if created:  # hashed once: every demo user has the same password
                    user.password = gehasht
                    user.save(update_fields=["password"])
                user.groups.add(groups[rol.value])
                users[rol.value].append(user)
        return users

    # Clients ----------------------------------------------------------------------------
    def _clients(self, n: int, seed: int, peildatum: datetime.date, users) -> dict[str, int]:
        rng = random.Random(seed)
        from faker import Faker  # a development-only package (the "dev" extra)

        fake = Faker("nl_NL")
        fake.seed_instance(seed)
        groepen = {g.code: g for g in Klantgroep.objects.all()}
        regie = {code: g.regie for code, g in groepen.items()}
        codes = list(GROEP_GEWICHTEN)
        weights = [GROEP_GEWICHTEN[c] for c in codes]
        redenen = list(UITSTROOM_GEWICHTEN)
        reden_weights = [UITSTROOM_GEWICHTEN[r] for r in redenen]
        wijken = list(Wijk.values)
        begin = peildatum - datetime.timedelta(days=6 * 365)
        seen: set[str] = set()
        poortwachters = users[Rol.POORTWACHTER.value]

        new_clients, perioden, leden, contacten = [], [], [], []
        for _ in range(n):
            melddatum = _date_between(rng, begin, peildatum - datetime.timedelta(days=14))
            roll = rng.random()
            if roll < 0.03:
                fase = Fase.MELDING if roll < 0.012 else Fase.INTAKE
                melddatum = peildatum - datetime.timedelta(days=rng.randint(1, 40))
            elif roll < 0.15:
                fase = Fase.AFGESLOTEN
            else:
                fase = Fase.INGEDEELD
            client = Client(
                bsn=_bsn(rng, seen),
                voornamen=fake.first_name(),
                **naam_kies(rng),
                geboortedatum=_date_between(
                    rng,
                    peildatum - datetime.timedelta(days=66 * 365),
                    peildatum.replace(year=peildatum.year - 18) - datetime.timedelta(days=1),
                ),
                straat=fake.street_name(),
                huisnummer=str(rng.randint(1, 250)),
                postcode=f"74{rng.randint(11, 31)} {chr(65 + rng.randint(0, 25))}"
                f"{chr(65 + rng.randint(0, 25))}",
                wijk=rng.choice(wijken),
                telefoon=f"06{rng.randint(10000000, 99999999)}",
                fase=fase,
            )
            new_clients.append(client)
            startdatum = None
            if fase != Fase.MELDING:
                startdatum = melddatum + datetime.timedelta(days=rng.randint(7, 56))
                startdatum = min(startdatum, peildatum)
            periode = Uitkeringsperiode(
                client=client,
                melddatum=melddatum,
                startdatum=startdatum,
                # by turns, not by rng: the rest of the demo stays the same draw
                gemeld_door=poortwachters[len(perioden) % len(poortwachters)],
            )
            perioden.append(periode)
            if fase in (Fase.MELDING, Fase.INTAKE):
                continue
            code = rng.choices(codes, weights)[0]
            van = min(startdatum + datetime.timedelta(days=rng.randint(14, 60)), peildatum)
            einde = None
            if fase == Fase.AFGESLOTEN:
                einde = _date_between(rng, van + datetime.timedelta(days=30), peildatum)
                periode.einddatum = einde
                periode.uitstroomreden = rng.choices(redenen, reden_weights)[0]
            eerste = Groepslidmaatschap(
                client=client,
                klantgroep=groepen[code],
                van=van,
                soort=LidmaatschapSoort.EERSTE_INDELING,
                gekozen_klantgroep=groepen[code],
                geadviseerde_klantgroep=groepen[code],
            )
            eerste_index = len(leden)
            leden.append(eerste)
            laatste = eerste
            wissel_grens = (einde or peildatum) - datetime.timedelta(days=60)
            if rng.random() < 0.22 and wissel_grens > van + datetime.timedelta(days=60):
                opties = [o for o in OVERGANGEN if o[0] == code]
                van_code, naar_code, soort = rng.choice(opties)
                wissel = _date_between(rng, van + datetime.timedelta(days=60), wissel_grens)
                eerste.tot = wissel
                laatste = Groepslidmaatschap(
                    client=client,
                    klantgroep=groepen[naar_code],
                    van=wissel,
                    soort=soort,
                    reden="Besproken in voortgangsgesprek (demodata).",
                )
                leden.append(laatste)
                code = naar_code
            if einde:
                laatste.tot = max(einde, laatste.van + datetime.timedelta(days=1))
            segmenten = [(m.klantgroep.code, m.van, m.tot) for m in leden[eerste_index:]]
            contacten.extend(
                _contacten(rng, client, segmenten, regie=regie, users=users, peildatum=peildatum)
            )
        batch = 2000
        Client.objects.bulk_create(new_clients, batch_size=batch)
        Uitkeringsperiode.objects.bulk_create(perioden, batch_size=batch)
        Groepslidmaatschap.objects.bulk_create(leden, batch_size=batch)
        Contactpersoon.objects.bulk_create(contacten, batch_size=batch)
        return {
            "klanten": len(new_clients),
            "uitkeringsperioden": len(perioden),
            "groepslidmaatschappen": len(leden),
            "contactpersonen": len(contacten),
        }
