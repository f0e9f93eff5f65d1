"""Synthetic demo data: clients with histories, contacts and one demo user per role.

Deterministic for a given ``--seed`` (Faker nl_NL and ``random.Random``); never real people.
Fast enough for 50,000 clients: everything is built in memory and written with bulk_create.
"""

import datetime
import os
import random
import time

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from clients.constants import Fase, GroeienKenmerk, LidmaatschapSoort, Uitstroomreden, Wijk
from clients.groepen.models import Groepslidmaatschap
from clients.models import Client, Contactpersoon, Uitkeringsperiode
from deventer_werk.accounts.constants import ROL_ORGANISATIE, Organisatie, Rol
from deventer_werk.accounts.models import User
from deventer_werk.dates import today
from klantgroepen.constants import Regie
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
EXTRA_MEDEWERKERS = {Rol.INKOMENSCONSULENT: 12, Rol.WERKCOACH: 10, Rol.INTAKER: 3}


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


def _naam(achternaam: str) -> dict[str, str]:
    """Split a Dutch surname into tussenvoegsel and achternaam ("van den Berg")."""
    delen = achternaam.split()
    voor = [d for d in delen[:-1] if d.islower()]
    return {"tussenvoegsel": " ".join(voor), "achternaam": " ".join(delen[len(voor) :])}


def _date_between(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, max(0, (end - start).days)))


class Command(BaseCommand):
    help = "Maakt synthetische demodata: klanten met historie, contactpersonen, demo-gebruikers."

    def add_arguments(self, parser):
        parser.add_argument("--clients", type=int, default=2875, help="aantal klanten")
        parser.add_argument("--seed", type=int, default=2019, help="startwaarde (reproduceerbaar)")
        parser.add_argument("--peildatum", type=datetime.date.fromisoformat, default=None)
        parser.add_argument(
            "--reset", action="store_true", help="verwijder eerst alle bestaande klanten"
        )

    def handle(self, *args, clients: int, seed: int, peildatum, reset: bool, **options):
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
            users = self._users()
            counts = self._clients(clients, seed, peildatum, users)
            counts.update(self._klantreis(seed, peildatum, users))
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
    def _users(self) -> dict[str, list[User]]:
        password = os.environ.get(DEMO_PASSWORD_ENV, DEFAULT_DEMO_PASSWORD)
        from faker import Faker  # a development-only package (the "dev" extra)

        fake = Faker("nl_NL")
        fake.seed_instance(7)
        groups = {g.name: g for g in Group.objects.all()}
        users: dict[str, list[User]] = {}
        for rol in Rol:
            names = [rol.value] + [
                f"{rol.value}{i}" for i in range(2, EXTRA_MEDEWERKERS.get(rol, 0) + 2)
            ]
            users[rol.value] = []
            for username in names:
                user, created = User.objects.get_or_create(
                    username=username,
                    defaults={
                        "first_name": fake.first_name(),
                        "last_name": fake.last_name(),
                        "organisatie": ROL_ORGANISATIE[rol],
                        "is_staff": rol == Rol.BEHEERDER,
                    },
                )
                if created:
                    user.set_password(password)
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
        codes = list(GROEP_GEWICHTEN)
        weights = [GROEP_GEWICHTEN[c] for c in codes]
        redenen = list(UITSTROOM_GEWICHTEN)
        reden_weights = [UITSTROOM_GEWICHTEN[r] for r in redenen]
        wijken = list(Wijk.values)
        consulenten = users[Rol.INKOMENSCONSULENT]
        coaches = users[Rol.WERKCOACH]
        makelaars = users[Rol.PARTICIPATIEMAKELAAR]
        begin = peildatum - datetime.timedelta(days=6 * 365)
        seen: set[str] = set()

        new_clients, perioden, leden, contacten = [], [], [], []
        for i in range(n):
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
                **_naam(fake.last_name()),
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
            periode = Uitkeringsperiode(client=client, melddatum=melddatum, startdatum=startdatum)
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
            contact_van = van
            contact_tot = laatste.tot if einde else None
            contacten.append(
                Contactpersoon(
                    client=client,
                    organisatie=Organisatie.IO,
                    medewerker=consulenten[i % len(consulenten)],
                    van=contact_van,
                    tot=contact_tot,
                )
            )
            if code == "faciliteren" and i % 2 == 0:
                contacten.append(
                    Contactpersoon(
                        client=client,
                        organisatie=Organisatie.IO,
                        rol=Rol.PARTICIPATIEMAKELAAR,
                        medewerker=makelaars[i % len(makelaars)],
                        van=laatste.van,
                        tot=contact_tot,
                    )
                )
            if groepen[code].regie == Regie.DWT:
                contacten.append(
                    Contactpersoon(
                        client=client,
                        organisatie=Organisatie.DWT,
                        medewerker=coaches[i % len(coaches)],
                        van=laatste.van,
                        tot=contact_tot,
                    )
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

    # Klantreis history ---------------------------------------------------------------------
    def _klantreis(self, seed: int, peildatum: datetime.date, users) -> dict[str, int]:
        """Ambitiegesprekken, ladder, voortgangsgesprekken, plans, trajecten, werkgevers,
        vacatures, werkprofielen, participatieplekken and kick-off sessions, so that every
        page and every indicator has something to show."""
        from clients.begeleiding.models import PlanActie, PlanDoel, PlanVanAanpak, Voortgangsgesprek
        from clients.intake.models import (
            Ambitiegesprek,
            DiagnoseInstrument,
            KickoffSessie,
            LadderMeting,
        )
        from clients.trajecten.models import (
            Instrument,
            Participatieplek,
            PlekPlaatsing,
            Sector,
            Traject,
            Vacature,
            Werkgever,
            Werkprofiel,
        )
        from deventer_werk.dates import add_months

        rng = random.Random(seed + 1)
        from faker import Faker  # a development-only package (the "dev" extra)

        fake = Faker("nl_NL")
        fake.seed_instance(seed + 1)
        instrument = DiagnoseInstrument.objects.get(actief=True)
        vraag_ids = list(instrument.vragen.values_list("pk", flat=True))
        intakers, coaches = users[Rol.INTAKER], users[Rol.WERKCOACH]
        consulenten = users[Rol.INKOMENSCONSULENT]
        eerste = {
            m.client_id: m
            for m in Groepslidmaatschap.objects.filter(
                soort=LidmaatschapSoort.EERSTE_INDELING
            ).select_related("klantgroep")
        }
        actueel = {
            m.client_id: m
            for m in Groepslidmaatschap.objects.actueel().select_related("klantgroep")
        }
        gesprekken, ladder, voortgang, plannen = [], [], [], []
        for client_id, lid in eerste.items():
            if rng.random() < 0.72:
                gesprekken.append(
                    Ambitiegesprek(
                        client_id=client_id,
                        datum=lid.van,
                        intaker=intakers[rng.randrange(len(intakers))],
                        instrument=instrument,
                        antwoorden={str(v): rng.randint(1, 5) for v in vraag_ids},
                        participatieladder=rng.randint(1, 5),
                        gekozen_klantgroep_id=lid.klantgroep_id,
                        geadviseerde_klantgroep_id=lid.klantgroep_id,
                        commitment="getekend",
                        afspraak_getekend_op=lid.van,
                        rechten_plichten_op=lid.van,
                        feedbackmethode="toegepast",
                        huisbezoek=rng.choice(["ja", "nee", "niet_gevraagd"]),
                        groeien_kenmerken=(
                            rng.sample(GroeienKenmerk.values, rng.randint(0, 2))
                            if lid.klantgroep.code == "groeien"
                            else []
                        ),
                        lidmaatschap=lid,
                    )
                )
                ladder.append(
                    LadderMeting(
                        client_id=client_id,
                        datum=lid.van,
                        trede=gesprekken[-1].participatieladder,
                        bron="ambitiegesprek",
                        door=gesprekken[-1].intaker,
                    )
                )
        for client_id, lid in actueel.items():
            interval = lid.klantgroep.voortgang_interval_maanden
            if interval:
                datum = add_months(lid.van, interval)
                while datum <= peildatum:
                    if rng.random() < 0.8:
                        getoetst = lid.klantgroep.rechtmatigheid_in_voortgangsgesprek
                        voortgang.append(
                            Voortgangsgesprek(
                                client_id=client_id,
                                datum=datum,
                                gehouden_door=consulenten[rng.randrange(len(consulenten))],
                                plek=rng.choice(["kantoor", "thuis", "telefonisch"]),
                                welzijn=rng.randint(1, 5),
                                stress=rng.randint(1, 5),
                                juiste_groep=True,
                                rechtmatigheid_getoetst=getoetst,
                                rechtmatigheid_bevinding="geen" if getoetst else "niet",
                            )
                        )
                    datum = add_months(datum, interval)
            if lid.klantgroep.code in ("matchen", "groeien", "faciliteren") and rng.random() < 0.75:
                vastgesteld = min(
                    peildatum, lid.van + datetime.timedelta(days=rng.randint(14, 500))
                )
                plannen.append(
                    PlanVanAanpak(
                        client_id=client_id,
                        versie=1,
                        vastgesteld_op=vastgesteld,
                        opgesteld_door=coaches[rng.randrange(len(coaches))],
                    )
                )
        Ambitiegesprek.objects.bulk_create(gesprekken, batch_size=2000)
        LadderMeting.objects.bulk_create(ladder, batch_size=2000)
        Voortgangsgesprek.objects.bulk_create(voortgang, batch_size=2000)
        PlanVanAanpak.objects.bulk_create(plannen, batch_size=2000)
        doelen = PlanDoel.objects.bulk_create(
            [
                PlanDoel(
                    plan=p, leefgebied="werk", omschrijving="Stap zetten richting werk of meedoen"
                )
                for p in plannen
            ],
            batch_size=2000,
        )
        PlanActie.objects.bulk_create(
            [
                PlanActie(
                    plan_id=d.plan_id,
                    doel=d,
                    omschrijving="Afspraak met werkcoach",
                    eigenaar="klant",
                    deadline=d.plan.vastgesteld_op + datetime.timedelta(days=30),
                    status="gedaan",
                )
                for d in doelen
            ],
            batch_size=2000,
        )

        sectoren = list(Sector.objects.all())
        werkgevers = Werkgever.objects.bulk_create(
            [
                Werkgever(
                    naam=f"{fake.company()} Deventer",
                    sector=rng.choice(sectoren),
                    omvang=rng.choice(["klein", "midden", "groot"]),
                    accountmanager=coaches[i % len(coaches)],
                    contactpersoon=fake.name(),
                )
                for i in range(30)
            ]
        )
        Vacature.objects.bulk_create(
            [
                Vacature(
                    werkgever=wg,
                    functie=rng.choice(
                        [
                            "Orderpicker",
                            "Schoonmaker",
                            "Helpende zorg",
                            "Bouwplaatsassistent",
                            "Servicemonteur",
                            "Medewerker ICT-support",
                        ]
                    ),
                    sector=wg.sector,
                    uren=rng.choice([16, 24, 32, 36]),
                    competenties=", ".join(rng.sample(COMPETENTIES, 3)),
                    geplaatst_op=peildatum - datetime.timedelta(days=rng.randint(1, 60)),
                )
                for wg in werkgevers
                for _ in range(rng.randint(1, 2))
            ]
        )
        instrumenten = {i.naam: i for i in Instrument.objects.prefetch_related("aanbieders")}
        per_groep = {
            "matchen": ["Matching op vacature", "Stage", "Work fast"],
            "groeien": [
                "Werkleerroute logistiek",
                "Werkleerroute zorg",
                "Coaching",
                "Diagnose en werkfit maken",
                "Werkleerroute schoonmaak",
            ],
            "faciliteren": ["Vrijwilligerswerk", "Participatieplek"],
        }
        trajecten, profielen = [], []
        for client_id, lid in actueel.items():
            code = lid.klantgroep.code
            if code in ("matchen", "groeien"):
                profielen.append(
                    Werkprofiel(
                        client_id=client_id,
                        competenties=", ".join(rng.sample(COMPETENTIES, 3)),
                        uren_beschikbaar=rng.choice([16, 24, 32, 36]),
                    )
                )
            if code in per_groep and rng.random() < 0.45:
                inst = instrumenten[rng.choice(per_groep[code])]
                start = min(peildatum, lid.van + datetime.timedelta(days=rng.randint(20, 300)))
                gepland = start + datetime.timedelta(weeks=inst.standaard_duur_weken)
                klaar = gepland <= peildatum and rng.random() < 0.9
                trajecten.append(
                    Traject(
                        client_id=client_id,
                        instrument=inst,
                        aanbieder=inst.aanbieders.all()[0],
                        klantgroep_id=lid.klantgroep_id,
                        start=start,
                        gepland_einde=gepland,
                        einde=gepland if klaar else None,
                        status="beeindigd" if klaar else "lopend",
                        resultaat=("succesvol" if rng.random() < 0.62 else "voortijdig")
                        if klaar
                        else "",
                        reden_voortijdig="Gezondheid" if klaar else "",
                        kosten=inst.kosten,
                        werkcoach=coaches[rng.randrange(len(coaches))],
                    )
                )
        for t in trajecten:
            if t.resultaat != "voortijdig":
                t.reden_voortijdig = ""
        Traject.objects.bulk_create(trajecten, batch_size=2000)
        Werkprofiel.objects.bulk_create(profielen, batch_size=2000)
        koppels = []
        for p in Werkprofiel.objects.all().only("pk"):
            for sec in rng.sample(sectoren, 2):
                koppels.append(Werkprofiel.sectoren.through(werkprofiel_id=p.pk, sector_id=sec.pk))
        Werkprofiel.sectoren.through.objects.bulk_create(koppels, batch_size=5000)
        wijken = list(Wijk.values)
        plekken = Participatieplek.objects.bulk_create(
            [
                Participatieplek(
                    organisatie=f"Buurthuis {fake.last_name()}",
                    wijk=rng.choice(wijken),
                    omschrijving=rng.choice(
                        ["Gastvrouw/gastheer", "Tuinonderhoud", "Koffieschenker", "Klusjesdienst"]
                    ),
                    soort="vrijwilligerswerk",
                    plaatsen=200,
                )
                for _ in range(20)
            ]
        )
        makelaar = users[Rol.PARTICIPATIEMAKELAAR][0]
        PlekPlaatsing.objects.bulk_create(
            [
                PlekPlaatsing(
                    client_id=cid,
                    plek=rng.choice(plekken),
                    makelaar=makelaar,
                    start=min(peildatum, lid.van + datetime.timedelta(days=rng.randint(30, 200))),
                )
                for cid, lid in actueel.items()
                if lid.klantgroep.code == "faciliteren" and rng.random() < 0.3
            ],
            batch_size=2000,
        )
        trainer = users[Rol.TRAINER][0]
        from django.utils import timezone as tz

        KickoffSessie.objects.bulk_create(
            [
                KickoffSessie(
                    klantgroep_id=kg,
                    plaats="Stadhuis Deventer, zaal De Waag",
                    trainer=trainer,
                    capaciteit=20,
                    datum=tz.make_aware(
                        datetime.datetime.combine(
                            peildatum + datetime.timedelta(days=7 * w + 2), datetime.time(9, 30)
                        )
                    ),
                )
                for kg in Klantgroep.objects.values_list("pk", flat=True)
                for w in (1, 3)
            ]
        )
        return {
            "ambitiegesprekken": len(gesprekken),
            "voortgangsgesprekken": len(voortgang),
            "plannen": len(plannen),
            "trajecten": len(trajecten),
        }


COMPETENTIES = [
    "orderpicken",
    "heftruck",
    "klantgericht",
    "betrouwbaar",
    "rijbewijs B",
    "samenwerken",
    "schoonmaken",
    "zorgzaam",
    "technisch inzicht",
    "computervaardig",
    "Nederlandse taal",
    "fysiek werk",
    "nauwkeurig",
    "flexibel rooster",
]
