"""The demo's klantreis history after the indeling: ambitiegesprekken, ladder, voortgangs-
gesprekken with rechtmatigheid, onderzoeken, plans, trajecten, werkgevers, vacatures,
werkprofielen, participatieplekken and kick-off sessions, so that every page and every
indicator has something to show.

Who does what follows the regie rules through the client's contact persons (written by the
command before this runs): the voortgangsgesprek is held by the IO inkomensconsulent of that
day; plans and trajecten are made by the contact of the organisation with regie (the DWT
werkcoach for Matchen and Groeien, the IO participatiemakelaar for Faciliteren).
"""

import datetime
import random
import uuid
from collections import defaultdict

from django.utils import timezone

from clients.constants import (
    GEVOELIGE_LEEFGEBIEDEN,
    GedeeldOnderwerp,
    GroeienKenmerk,
    LidmaatschapSoort,
)
from clients.demo.catalogus import (
    COMPETENTIES,
    FUNCTIES,
    PLEKKEN,
    WERKGEVERS,
    volledige_achternaam,
)
from clients.demo.rechtmatigheid import Handhaving, gesprekstoets
from clients.groepen.models import Groepslidmaatschap
from clients.models import Client, Contactpersoon
from deventer_werk.accounts.constants import Organisatie, Rol
from deventer_werk.dates import add_months
from klantgroepen.models import Klantgroep

BATCH = 2000
#: Share of due voortgangsgesprekken that were held (the rest shows up as overdue work).
GEHOUDEN = 0.9
PER_GROEP = {
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
PLAN_DOEL = {
    "faciliteren": ("sociaal", "Meedoen in de wijk", "Afspraak met participatiemakelaar"),
}
PLAN_DOEL_WERK = ("werk", "Stap zetten richting werk", "Afspraak met werkcoach")


class Contacten:
    """The contact persons per client, to ask who was the contact on a day."""

    def __init__(self) -> None:
        self.rijen: dict[uuid.UUID, list[tuple]] = defaultdict(list)
        for row in Contactpersoon.objects.values_list(
            "client_id", "organisatie", "rol", "medewerker_id", "van", "tot"
        ).order_by("client_id", "van"):
            self.rijen[row[0]].append(row[1:])

    def op(
        self, client_id: uuid.UUID, organisatie: str, rol: str, datum: datetime.date
    ) -> int | None:
        """The medewerker id of the contact on ``datum`` (or the nearest earlier one)."""
        gevonden = None
        for org, r, medewerker_id, van, tot in self.rijen.get(client_id, ()):
            if org == organisatie and r == rol and van <= datum:
                gevonden = medewerker_id
                if tot is None or datum < tot:
                    return medewerker_id
        return gevonden

    def regie(self, client_id: uuid.UUID, code: str, datum: datetime.date) -> int | None:
        if code == "faciliteren":
            return self.op(client_id, Organisatie.IO, Rol.PARTICIPATIEMAKELAAR, datum)
        return self.op(client_id, Organisatie.DWT, "", datum)


def klantreis_maak(*, seed: int, peildatum: datetime.date, users) -> dict[str, int]:
    rng = random.Random(seed + 1)
    contacten = Contacten()
    actueel = {
        m.client_id: m for m in Groepslidmaatschap.objects.actueel().select_related("klantgroep")
    }
    counts = _intake(rng, users)
    counts.update(_begeleiding(rng, peildatum, users, actueel, contacten))
    counts.update(_trajecten(rng, peildatum, users, actueel, contacten))
    _plekken(rng, peildatum, actueel, contacten)
    _kickoff(peildatum, users)
    return counts


def _gedeeld(zaad: str, keuzes) -> list[str]:
    """Up to three of ``keuzes`` (in their order) a demo client shared with DWT."""
    eigen = random.Random(zaad)
    gekozen = set(eigen.sample(list(keuzes), eigen.randint(0, min(3, len(keuzes)))))
    return [str(k) for k in keuzes if k in gekozen]


def _intake(rng: random.Random, users) -> dict[str, int]:
    from clients.intake.models import Ambitiegesprek, DiagnoseInstrument, LadderMeting

    instrument = DiagnoseInstrument.objects.get(actief=True)
    vraag_ids = list(instrument.vragen.values_list("pk", flat=True))
    intakers = users[Rol.INTAKER]
    gesprekken, ladder = [], []
    for lid in Groepslidmaatschap.objects.filter(
        soort=LidmaatschapSoort.EERSTE_INDELING
    ).select_related("klantgroep"):
        if rng.random() >= 0.72:
            continue
        gesprek = Ambitiegesprek(
            client_id=lid.client_id,
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
            # what the client shared with DWT for the plan; its own random stream, so the
            # rest of the demo data stays as it was
            gedeelde_leefgebieden=_gedeeld(str(lid.client_id), GEVOELIGE_LEEFGEBIEDEN),
        )
        gesprekken.append(gesprek)
        ladder.append(
            LadderMeting(
                client_id=lid.client_id,
                datum=lid.van,
                trede=gesprek.participatieladder,
                bron="ambitiegesprek",
                door=gesprek.intaker,
            )
        )
    Ambitiegesprek.objects.bulk_create(gesprekken, batch_size=BATCH)
    LadderMeting.objects.bulk_create(ladder, batch_size=BATCH)
    return {"ambitiegesprekken": len(gesprekken)}


def _begeleiding(rng, peildatum, users, actueel, contacten: Contacten) -> dict[str, int]:
    from clients.begeleiding.models import PlanActie, PlanDoel, PlanVanAanpak, Voortgangsgesprek
    from clients.handhaving.models import ChecklistPunt, Rechtmatigheidsonderzoek, Stukkenverzoek

    punten = ChecklistPunt.objects.filter(actief=True).order_by("volgorde", "pk")
    handhaving = Handhaving(
        rng=rng,
        peildatum=peildatum,
        handhavers=users[Rol.HANDHAVER],
        checklist={"punten": [{"id": p.pk, "tekst": p.tekst, "gedaan": True} for p in punten]},
    )
    recent = peildatum - datetime.timedelta(days=30)
    voortgang, plannen = [], []
    for client_id, lid in actueel.items():
        groep: Klantgroep = lid.klantgroep
        interval = groep.voortgang_interval_maanden
        datum = add_months(lid.van, interval) if interval else peildatum
        while interval and datum <= peildatum:
            door = contacten.op(client_id, Organisatie.IO, "", datum)
            if door is not None and rng.random() < GEHOUDEN:
                toets = gesprekstoets(
                    rng, in_gesprek=groep.rechtmatigheid_in_voortgangsgesprek, recent=datum > recent
                )
                voortgang.append(
                    Voortgangsgesprek(
                        client_id=client_id,
                        datum=datum,
                        gehouden_door_id=door,
                        plek=rng.choice(["kantoor", "thuis", "telefonisch"]),
                        welzijn=rng.randint(1, 5),
                        stress=rng.randint(1, 5),
                        juiste_groep=True,
                        gedeeld_met_dwt=_gedeeld(f"{client_id}{datum}", GedeeldOnderwerp),
                        rechtmatigheid_getoetst=toets.getoetst,
                        rechtmatigheid_bevinding=toets.bevinding,
                        rechtmatigheid_reden=toets.reden,
                        rechtmatigheid_niet_reden=toets.niet_reden,
                    )
                )
                handhaving.na_gesprek(client_id, datum=datum, toets=toets)
            datum = add_months(datum, interval)
        if groep.rechtmatigheid_interval_maanden and not groep.rechtmatigheid_in_voortgangsgesprek:
            handhaving.periodiek(
                client_id, van=lid.van, interval=groep.rechtmatigheid_interval_maanden
            )
        if groep.code in ("matchen", "groeien", "faciliteren") and rng.random() < 0.75:
            vastgesteld = min(peildatum, lid.van + datetime.timedelta(days=rng.randint(14, 500)))
            auteur = contacten.regie(client_id, groep.code, vastgesteld)
            if auteur is not None:
                plannen.append(
                    PlanVanAanpak(
                        client_id=client_id,
                        versie=1,
                        vastgesteld_op=vastgesteld,
                        opgesteld_door_id=auteur,
                    )
                )
    Voortgangsgesprek.objects.bulk_create(voortgang, batch_size=BATCH)
    Rechtmatigheidsonderzoek.objects.bulk_create(handhaving.onderzoeken, batch_size=BATCH)
    for onderzoek, verzoek in handhaving.stukken:
        verzoek.onderzoek = onderzoek
    Stukkenverzoek.objects.bulk_create([v for _, v in handhaving.stukken], batch_size=BATCH)
    PlanVanAanpak.objects.bulk_create(plannen, batch_size=BATCH)
    codes = {cid: lid.klantgroep.code for cid, lid in actueel.items()}
    doelen = PlanDoel.objects.bulk_create(
        [
            PlanDoel(
                plan=p,
                leefgebied=PLAN_DOEL.get(codes[p.client_id], PLAN_DOEL_WERK)[0],
                omschrijving=PLAN_DOEL.get(codes[p.client_id], PLAN_DOEL_WERK)[1],
            )
            for p in plannen
        ],
        batch_size=BATCH,
    )
    PlanActie.objects.bulk_create(
        [
            PlanActie(
                plan_id=d.plan_id,
                doel=d,
                omschrijving=PLAN_DOEL.get(codes[d.plan.client_id], PLAN_DOEL_WERK)[2],
                eigenaar="klant",
                deadline=d.plan.vastgesteld_op + datetime.timedelta(days=30),
                status="gedaan",
            )
            for d in doelen
        ],
        batch_size=BATCH,
    )
    return {
        "voortgangsgesprekken": len(voortgang),
        "rechtmatigheidsonderzoeken": len(handhaving.onderzoeken),
        "waarvan lopend": len(handhaving.lopend),
        "plannen": len(plannen),
    }


def _werkgevers(rng, peildatum, users) -> None:
    from faker import Faker  # a development-only package (the "dev" extra)

    from clients.trajecten.models import Sector, Vacature, Werkgever

    fake = Faker("nl_NL")
    fake.seed_instance(rng.randrange(1_000_000))
    sectoren = {s.naam: s for s in Sector.objects.all()}
    coaches = users[Rol.WERKCOACH]
    werkgevers = Werkgever.objects.bulk_create(
        [
            Werkgever(
                naam=naam,
                sector=sectoren[sector],
                omvang=omvang,
                accountmanager=coaches[i % len(coaches)],
                contactpersoon=f"{fake.first_name()} {volledige_achternaam(rng)}",
            )
            for i, (naam, sector, omvang) in enumerate(WERKGEVERS)
            if sector in sectoren
        ]
    )
    Vacature.objects.bulk_create(
        [
            Vacature(
                werkgever=wg,
                functie=functie,
                sector=wg.sector,
                uren=rng.choice([16, 24, 32, 36]),
                competenties=", ".join(rng.sample(COMPETENTIES, 3)),
                geplaatst_op=peildatum - datetime.timedelta(days=rng.randint(1, 60)),
            )
            for wg in werkgevers
            for functie in rng.sample(FUNCTIES[wg.sector.naam], rng.randint(1, 2))
        ]
    )


def _trajecten(rng, peildatum, users, actueel, contacten: Contacten) -> dict[str, int]:
    from clients.trajecten.models import Instrument, Sector, Traject, Werkprofiel

    _werkgevers(rng, peildatum, users)
    sectoren = list(Sector.objects.all())
    instrumenten = {i.naam: i for i in Instrument.objects.prefetch_related("aanbieders")}
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
        if code not in PER_GROEP or rng.random() >= 0.45:
            continue
        inst = instrumenten[rng.choice(PER_GROEP[code])]
        start = min(peildatum, lid.van + datetime.timedelta(days=rng.randint(20, 300)))
        coach = contacten.regie(client_id, code, start)
        if coach is None:
            continue
        gepland = start + datetime.timedelta(weeks=inst.standaard_duur_weken)
        klaar = gepland <= peildatum and rng.random() < 0.9
        resultaat = ("succesvol" if rng.random() < 0.62 else "voortijdig") if klaar else ""
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
                resultaat=resultaat,
                reden_voortijdig="Gezondheid" if resultaat == "voortijdig" else "",
                kosten=inst.kosten,
                werkcoach_id=coach,
            )
        )
    Traject.objects.bulk_create(trajecten, batch_size=BATCH)
    Werkprofiel.objects.bulk_create(profielen, batch_size=BATCH)
    koppels = [
        Werkprofiel.sectoren.through(werkprofiel_id=p.pk, sector_id=sec.pk)
        for p in profielen
        for sec in rng.sample(sectoren, 2)
    ]
    Werkprofiel.sectoren.through.objects.bulk_create(koppels, batch_size=5000)
    return {"trajecten": len(trajecten)}


def _plekken(rng, peildatum, actueel, contacten: Contacten) -> None:
    """Local participatieplekken with a few places each; Faciliteren clients of a
    participatiemakelaar are placed up to about four fifths of the places, in their own wijk
    where there is room, so that the makelaar still has free places to offer."""
    from clients.trajecten.models import Participatieplek, PlekPlaatsing

    plekken = Participatieplek.objects.bulk_create(
        [
            Participatieplek(
                organisatie=org, wijk=wijk, omschrijving=wat, soort=soort, plaatsen=plaatsen
            )
            for org, wijk, wat, soort, plaatsen in PLEKKEN
        ]
    )
    vrij = {p.pk: p.plaatsen for p in plekken}
    ruimte = int(sum(vrij.values()) * 0.8)
    wijk_van = dict(Client.objects.filter(pk__in=list(actueel)).values_list("pk", "wijk"))
    plaatsingen: list[PlekPlaatsing] = []
    for client_id, lid in actueel.items():
        if lid.klantgroep.code != "faciliteren" or rng.random() >= 0.3:
            continue
        if len(plaatsingen) >= ruimte:
            break
        start = min(peildatum, lid.van + datetime.timedelta(days=rng.randint(30, 200)))
        makelaar = contacten.regie(client_id, "faciliteren", start)
        open_plekken = [p for p in plekken if vrij[p.pk] > 0]
        if makelaar is None or not open_plekken:
            continue
        dichtbij = [p for p in open_plekken if p.wijk == wijk_van[client_id]]
        plek = rng.choice(dichtbij or open_plekken)
        vrij[plek.pk] -= 1
        plaatsingen.append(
            PlekPlaatsing(client_id=client_id, plek=plek, makelaar_id=makelaar, start=start)
        )
    PlekPlaatsing.objects.bulk_create(plaatsingen, batch_size=BATCH)


def _kickoff(peildatum, users) -> None:
    from clients.intake.models import KickoffSessie

    trainer = users[Rol.TRAINER][0]
    KickoffSessie.objects.bulk_create(
        [
            KickoffSessie(
                klantgroep_id=kg,
                plaats="Stadhuis Deventer, zaal De Waag",
                trainer=trainer,
                capaciteit=20,
                datum=timezone.make_aware(
                    datetime.datetime.combine(
                        peildatum + datetime.timedelta(days=7 * w + 2), datetime.time(9, 30)
                    )
                ),
            )
            for kg in Klantgroep.objects.values_list("pk", flat=True)
            for w in (1, 3)
        ]
    )
