"""Trajecten, plaatsingen (with verdringingscheck and nazorg), participatieplekken, themas."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from clients.constants import TaakSoort, Uitstroomreden
from clients.models import Client
from clients.services import ConcurrentEditError, periode_sluit
from clients.taken import taak_plan
from deventer_werk.audit.constants import Actie, Herkomst
from deventer_werk.audit.services import audit_record
from klantgroepen.models import Groepslidmaatschap

from .models import (
    InstrumentSoort,
    OntslagMelding,
    Participatieplek,
    Plaatsing,
    PlekPlaatsing,
    Themabijeenkomst,
    ThemaUitnodiging,
    Traject,
)

VERDRINGING_MAANDEN = 6
NAZORG_MAANDEN = (6, 12)


def _groep(client):
    lid = (
        Groepslidmaatschap.objects.filter(client=client, tot__isnull=True)
        .select_related("klantgroep")
        .first()
    )
    if lid is None:
        raise ValidationError("Deze klant is niet ingedeeld in een klantgroep.")
    return lid.klantgroep


def _add_months(d: datetime.date, m: int) -> datetime.date:
    from clients.handhaving.planning import add_months

    return add_months(d, m)


@transaction.atomic
def traject_start(
    *,
    actor,
    client: Client,
    instrument,
    aanbieder,
    start: datetime.date,
    gepland_einde: datetime.date | None = None,
    sector=None,
    kosten=None,
    loonwaarde: int | None = None,
    herbeoordeling_op: datetime.date | None = None,
    afwijking_reden: str = "",
    herkomst: str = Herkomst.WEB,
) -> Traject:
    """Start a traject. An instrument outside the client's group is a warning the coach may
    override with a reason (recorded); dates out of order and a loonwaarde outside 0–100 %
    are refused."""
    groep = _groep(client)
    gepland_einde = gepland_einde or start + datetime.timedelta(
        weeks=instrument.standaard_duur_weken
    )
    errors: dict[str, list[str]] = {}
    if gepland_einde < start:
        errors["gepland_einde"] = ["Het geplande einde ligt vóór de start."]
    if start > timezone.localdate() + datetime.timedelta(days=366):
        errors["start"] = ["De start ligt te ver in de toekomst."]
    if not instrument.klantgroepen.filter(pk=groep.pk).exists() and not afwijking_reden.strip():
        errors["afwijking_reden"] = [
            f"{instrument} is niet bedoeld voor {groep.naam}. Wilt u het toch inzetten, "
            "geef dan de reden."
        ]
    if not instrument.aanbieders.filter(pk=aanbieder.pk).exists():
        errors["aanbieder"] = [f"{aanbieder} biedt {instrument} niet aan."]
    if instrument.soort == InstrumentSoort.LKS:
        if loonwaarde is None:
            errors["loonwaarde"] = ["Geef de vastgestelde loonwaarde (0–100 %)."]
        if herbeoordeling_op is None:
            errors["herbeoordeling_op"] = ["Plan de herbeoordeling van de loonwaarde."]
    if loonwaarde is not None and not 0 <= loonwaarde <= 100:
        errors["loonwaarde"] = ["De loonwaarde ligt tussen 0 en 100 %."]
    if herbeoordeling_op and herbeoordeling_op < start:
        errors["herbeoordeling_op"] = ["De herbeoordeling ligt vóór de start."]
    if errors:
        raise ValidationError(errors)
    traject = Traject(
        client=client,
        instrument=instrument,
        aanbieder=aanbieder,
        sector=sector,
        klantgroep=groep,
        start=start,
        gepland_einde=gepland_einde,
        kosten=instrument.kosten if kosten is None else kosten,
        loonwaarde=loonwaarde,
        herbeoordeling_op=herbeoordeling_op,
        afwijking_reden=afwijking_reden.strip(),
        werkcoach=actor,
    )
    traject.full_clean()
    traject.save()
    if herbeoordeling_op:
        taak_plan(
            client=client,
            soort=TaakSoort.OVERIG,
            medewerker=actor,
            datum=herbeoordeling_op,
            omschrijving="Herbeoordeling loonwaarde",
            sleutel=f"loonwaarde:{traject.pk}",
        )
    audit_record(
        actor=actor,
        actie=Actie.AANGEMAAKT,
        client_id=client.pk,
        object_type="traject",
        herkomst=herkomst,
        details={"instrument": instrument.pk},
    )
    return traject


@transaction.atomic
def traject_beeindig(
    *,
    actor,
    traject: Traject,
    versie: int,
    einde: datetime.date,
    resultaat: str,
    reden: str = "",
    herkomst: str = Herkomst.WEB,
) -> Traject:
    locked = Traject.objects.select_for_update().get(pk=traject.pk)
    if locked.versie != versie:
        raise ConcurrentEditError()
    errors: dict[str, list[str]] = {}
    if locked.status == Traject.Status.BEEINDIGD:
        errors["__all__"] = ["Dit traject is al beëindigd."]
    if einde < locked.start:
        errors["einde"] = [f"Het einde kan niet vóór de start ({locked.start:%d-%m-%Y}) liggen."]
    if einde > timezone.localdate():
        errors["einde"] = ["Het einde kan niet in de toekomst liggen."]
    if resultaat not in Traject.Resultaat.values:
        errors["resultaat"] = ["Kies succesvol of voortijdig beëindigd."]
    if resultaat == Traject.Resultaat.VOORTIJDIG and not reden.strip():
        errors["reden"] = ["Geef de reden van het voortijdig einde."]
    if errors:
        raise ValidationError(errors)
    locked.einde = einde
    locked.resultaat = resultaat
    locked.reden_voortijdig = reden.strip()
    locked.status = Traject.Status.BEEINDIGD
    locked.versie += 1
    locked.full_clean()
    locked.save()
    audit_record(
        actor=actor,
        actie=Actie.GEWIJZIGD,
        client_id=locked.client_id,
        object_type="traject",
        herkomst=herkomst,
        details={"resultaat": resultaat},
    )
    return locked


def verdringingscheck(*, werkgever, peildatum: datetime.date) -> str:
    """A warning text when the employer dismissed people for business reasons recently."""
    grens = _add_months(peildatum, -VERDRINGING_MAANDEN)
    ontslagen = list(OntslagMelding.objects.filter(werkgever=werkgever, datum__gte=grens))
    if not ontslagen:
        return ""
    aantal = sum(o.aantal for o in ontslagen)
    return (
        f"{werkgever} heeft in de afgelopen {VERDRINGING_MAANDEN} maanden {aantal} "
        f"medewerker(s) om bedrijfseconomische redenen ontslagen: mogelijk verdringing."
    )


@transaction.atomic
def plaatsing_registreer(
    *,
    actor,
    client: Client,
    werkgever,
    functie: str,
    uren: int,
    contract: str,
    start: datetime.date,
    met_loonkostensubsidie: bool = False,
    loonwaarde: int | None = None,
    vacature=None,
    verdringing_motivatie: str = "",
    uitkering_beeindigen: bool = False,
    laatste_uitkeringsdag: datetime.date | None = None,
    herkomst: str = Herkomst.WEB,
) -> Plaatsing:
    """A placement starts nazorg with checkpoints after 6 and 12 months on the werkvoorraad.
    Ending the benefit because of it records uitstroom naar werk (regulier, with
    loonkostensubsidie, or beschut werk)."""
    errors: dict[str, list[str]] = {}
    if werkgever is None:
        errors["werkgever"] = ["Kies de werkgever."]
    if not functie.strip():
        errors["functie"] = ["Geef de functie."]
    if met_loonkostensubsidie and loonwaarde is None:
        errors["loonwaarde"] = ["Geef de loonwaarde bij loonkostensubsidie."]
    if loonwaarde is not None and not 0 <= loonwaarde <= 100:
        errors["loonwaarde"] = ["De loonwaarde ligt tussen 0 en 100 %."]
    waarschuwing = verdringingscheck(werkgever=werkgever, peildatum=start) if werkgever else ""
    if waarschuwing and not verdringing_motivatie.strip():
        errors["verdringing_motivatie"] = [
            waarschuwing + " Motiveer waarom de plaatsing toch past."
        ]
    if uitkering_beeindigen and laatste_uitkeringsdag is None:
        errors["laatste_uitkeringsdag"] = ["Geef de laatste dag van de uitkering."]
    if errors:
        raise ValidationError(errors)
    nazorg_tot = _add_months(start, NAZORG_MAANDEN[-1])
    plaatsing = Plaatsing(
        client=client,
        werkgever=werkgever,
        vacature=vacature,
        functie=functie.strip(),
        uren=uren,
        contract=contract,
        start=start,
        met_loonkostensubsidie=met_loonkostensubsidie,
        loonwaarde=loonwaarde,
        verdringing_waarschuwing=waarschuwing,
        verdringing_motivatie=verdringing_motivatie.strip(),
        uitkering_beeindigd=uitkering_beeindigen,
        werkcoach=actor,
        nazorg_tot=nazorg_tot,
    )
    plaatsing.full_clean()
    plaatsing.save()
    for maanden in NAZORG_MAANDEN:
        taak_plan(
            client=client,
            soort=TaakSoort.NAZORG,
            medewerker=actor,
            datum=_add_months(start, maanden),
            omschrijving=f"Nazorg: werkt de klant na {maanden} maanden nog bij {werkgever}?",
            sleutel=f"nazorg:{plaatsing.pk}:{maanden}",
        )
    if vacature is not None:
        vacature.open = False
        vacature.save(update_fields=["open"])
    audit_record(
        actor=actor,
        actie=Actie.AANGEMAAKT,
        client_id=client.pk,
        object_type="plaatsing",
        herkomst=herkomst,
        details={"lks": met_loonkostensubsidie, "verdringing": bool(waarschuwing)},
    )
    if uitkering_beeindigen:
        reden = (
            Uitstroomreden.BESCHUT_WERK
            if contract == Plaatsing.Contract.BESCHUT
            else Uitstroomreden.WERK_LKS
            if met_loonkostensubsidie
            else Uitstroomreden.WERK_REGULIER
        )
        periode_sluit(
            actor=actor,
            client=client,
            einddatum=laatste_uitkeringsdag,
            reden=reden,
            toelichting=f"Plaatsing bij {werkgever}: {functie}",
            herkomst=herkomst,
        )
    return plaatsing


@transaction.atomic
def plek_plaats(
    *,
    actor,
    client: Client,
    plek: Participatieplek,
    start: datetime.date,
    herkomst: str = Herkomst.WEB,
) -> PlekPlaatsing:
    errors = {}
    if start > timezone.localdate() + datetime.timedelta(days=366):
        errors["start"] = ["De start ligt te ver in de toekomst."]
    bezet = PlekPlaatsing.objects.filter(plek=plek, einde__isnull=True).count()
    if bezet >= plek.plaatsen:
        errors["plek"] = ["Deze participatieplek is vol."]
    if PlekPlaatsing.objects.filter(plek=plek, client=client, einde__isnull=True).exists():
        errors["plek"] = ["De klant heeft deze plek al."]
    if errors:
        raise ValidationError(errors)
    pp = PlekPlaatsing.objects.create(client=client, plek=plek, start=start, makelaar=actor)
    audit_record(
        actor=actor,
        actie=Actie.AANGEMAAKT,
        client_id=client.pk,
        object_type="participatieplek",
        herkomst=herkomst,
    )
    return pp


def plek_beeindig(
    *, actor, plaatsing: PlekPlaatsing, einde: datetime.date, herkomst: str = Herkomst.WEB
) -> PlekPlaatsing:
    if einde < plaatsing.start:
        raise ValidationError({"einde": ["Het einde ligt vóór de start."]})
    plaatsing.einde = einde
    plaatsing.save(update_fields=["einde"])
    audit_record(
        actor=actor,
        actie=Actie.GEWIJZIGD,
        client_id=plaatsing.client_id,
        object_type="participatieplek",
        herkomst=herkomst,
    )
    return plaatsing


def thema_nodig_uit(*, bijeenkomst: Themabijeenkomst) -> int:
    """Invite the clients of the meeting's groups: by sector interest (branchegericht) or by
    wijk (wijkgericht). Idempotent (one invitation per client per meeting)."""
    clients = Client.objects.filter(
        lidmaatschappen__tot__isnull=True,
        lidmaatschappen__klantgroep__in=bijeenkomst.klantgroepen.all(),
    )
    if bijeenkomst.type == Themabijeenkomst.Type.BRANCHEGERICHT:
        clients = clients.filter(werkprofiel__sectoren=bijeenkomst.sector)
    else:
        clients = clients.filter(wijk=bijeenkomst.wijk)
    ids = list(clients.values_list("pk", flat=True).distinct())
    bestaand = set(
        ThemaUitnodiging.objects.filter(bijeenkomst=bijeenkomst).values_list("client_id", flat=True)
    )
    ThemaUitnodiging.objects.bulk_create(
        [ThemaUitnodiging(bijeenkomst=bijeenkomst, client_id=i) for i in ids if i not in bestaand],
        ignore_conflicts=True,
    )
    return len([i for i in ids if i not in bestaand])
