"""Plaatsingen: verdringingscheck, nazorg checkpoints, uitstroom naar werk."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from clients.constants import TaakSoort
from clients.models import Client, Taak
from clients.taken import taak_plan, taak_rond_af, taak_vervallen
from deventer_werk.audit.constants import Actie, Herkomst
from deventer_werk.audit.services import audit_record
from deventer_werk.dates import today

from ..models import (
    Instrument,
    InstrumentSoort,
    NazorgMoment,
    OntslagMelding,
    Plaatsing,
    Vacature,
    Werkgever,
)
from ._basis import Fouten, add_months, fout, huidige_groep, te_ver_vooruit
from .trajecten import traject_fouten, traject_maak
from .uitkeringseinde import laatste_dag_fouten, uitkeringseinde_stel_voor

if TYPE_CHECKING:
    from deventer_werk.accounts.models import User
    from klantgroepen.models import Klantgroep


VERDRINGING_MAANDEN = 6
NAZORG_MAANDEN = (6, 12)
HERBEOORDELING_NA_MAANDEN = 12


def verdringingscheck(*, werkgever: Werkgever, peildatum: datetime.date) -> str:
    """A warning text when the employer dismissed people for business reasons in the
    ``VERDRINGING_MAANDEN`` before ``peildatum``; empty when there is nothing to warn about."""
    grens = add_months(peildatum, -VERDRINGING_MAANDEN)
    ontslagen = list(
        OntslagMelding.objects.filter(werkgever=werkgever, datum__gte=grens, datum__lte=peildatum)
    )
    if not ontslagen:
        return ""
    aantal = sum(o.aantal for o in ontslagen)
    return (
        f"{werkgever} heeft in de {VERDRINGING_MAANDEN} maanden vóór {peildatum:%d-%m-%Y} "
        f"{aantal} medewerker(s) om bedrijfseconomische redenen ontslagen: mogelijk verdringing."
    )


def _nazorg_sleutel(plaatsing_pk: int, maanden: int) -> str:
    return f"nazorg:{plaatsing_pk}:{maanden}"


def _lks_instrument() -> Instrument | None:
    return (
        Instrument.objects.filter(soort=InstrumentSoort.LKS, actief=True)
        .prefetch_related("aanbieders")
        .order_by("pk")
        .first()
    )


def _plaatsing_fouten(
    *,
    werkgever: Werkgever | None,
    vacature: Vacature | None,
    functie: str,
    uren: int,
    start: datetime.date,
    uitkering_beeindigen: bool,
    laatste_uitkeringsdag: datetime.date | None,
) -> Fouten:
    errors: Fouten = {}
    if werkgever is None:
        fout(errors, "werkgever", "Kies de werkgever; een plaatsing zonder werkgever kan niet.")
    if not functie.strip():
        fout(errors, "functie", "Geef de functie.")
    if not 1 <= uren <= 60:
        fout(errors, "uren", "Het aantal uren per week ligt tussen 1 en 60.")
    if te_ver_vooruit(start):
        fout(errors, "start", "De startdatum ligt meer dan een jaar in de toekomst.")
    if vacature is not None and vacature.werkgever_id != getattr(werkgever, "pk", None):
        fout(errors, "vacature", "Deze vacature is van een andere werkgever.")
    elif vacature is not None and not vacature.open:
        fout(errors, "vacature", "Deze vacature is al gesloten.")
    if uitkering_beeindigen:
        for veld, teksten in laatste_dag_fouten(
            laatste_dag=laatste_uitkeringsdag, plaatsing_start=start, veld="laatste_uitkeringsdag"
        ).items():
            errors.setdefault(veld, []).extend(teksten)
    if not uitkering_beeindigen and laatste_uitkeringsdag is not None:
        fout(
            errors,
            "uitkering_beeindigen",
            "U gaf een laatste uitkeringsdag: vink aan dat u het einde van de uitkering "
            "voorstelt, of maak de datum leeg.",
        )
    return errors


def _lks_fouten(
    *,
    groep: Klantgroep,
    lks: Instrument | None,
    start: datetime.date,
    loonwaarde: int | None,
    herbeoordeling_op: datetime.date | None,
    afwijking_reden: str,
) -> Fouten:
    """The loonkostensubsidie traject's rules (loonwaarde, re-assessment, klantgroep)."""
    if lks is None:
        return {"met_loonkostensubsidie": ["Loonkostensubsidie staat niet in de catalogus."]}
    return traject_fouten(
        groep=groep,
        instrument=lks,
        aanbieder=None,
        start=start,
        gepland_einde=start + datetime.timedelta(weeks=lks.standaard_duur_weken),
        loonwaarde=loonwaarde,
        herbeoordeling_op=herbeoordeling_op,
        afwijking_reden=afwijking_reden,
    )


def _nazorg_plan(*, actor: User, plaatsing: Plaatsing) -> None:
    for maanden in NAZORG_MAANDEN:
        taak_plan(
            client=plaatsing.client,
            soort=TaakSoort.NAZORG,
            medewerker=actor,
            datum=add_months(plaatsing.start, maanden),
            omschrijving=(
                f"Nazorg: werkt de klant na {maanden} maanden nog bij {plaatsing.werkgever}?"
            ),
            sleutel=_nazorg_sleutel(plaatsing.pk, maanden),
        )


@transaction.atomic
def plaatsing_registreer(
    *,
    actor: User,
    client: Client,
    werkgever: Werkgever | None,
    functie: str,
    uren: int,
    contract: str,
    start: datetime.date,
    met_loonkostensubsidie: bool = False,
    loonwaarde: int | None = None,
    herbeoordeling_op: datetime.date | None = None,
    afwijking_reden: str = "",
    vacature: Vacature | None = None,
    verdringing_motivatie: str = "",
    uitkering_beeindigen: bool = False,
    laatste_uitkeringsdag: datetime.date | None = None,
    herkomst: str = Herkomst.WEB,
) -> Plaatsing:
    """Record a placement. The verdringingscheck's warning needs a motivation and both are
    kept with the placement. With loonkostensubsidie a loonkostensubsidie traject starts
    (loonwaarde, re-assessment, costs for the client's group). Nazorg checkpoints after 6 and
    12 months go on the coach's werkvoorraad. With ``uitkering_beeindigen`` the coach only
    *proposes* the end of the benefit with its last day: ending it is the inkomensconsulent's
    decision (``uitkeringseinde_besluit``); nazorg tasks survive the later uitstroom."""
    groep = huidige_groep(client)
    if vacature is not None:  # locked: two placements cannot both fill the last vacancy
        vacature = Vacature.objects.select_for_update().get(pk=vacature.pk)
    errors = _plaatsing_fouten(
        werkgever=werkgever,
        vacature=vacature,
        functie=functie,
        uren=uren,
        start=start,
        uitkering_beeindigen=uitkering_beeindigen,
        laatste_uitkeringsdag=laatste_uitkeringsdag,
    )
    lks = _lks_instrument() if met_loonkostensubsidie else None
    if met_loonkostensubsidie:
        herbeoordeling_op = herbeoordeling_op or add_months(start, HERBEOORDELING_NA_MAANDEN)
        lks_fouten = _lks_fouten(
            groep=groep,
            lks=lks,
            start=start,
            loonwaarde=loonwaarde,
            herbeoordeling_op=herbeoordeling_op,
            afwijking_reden=afwijking_reden,
        )
        for veld, teksten in lks_fouten.items():
            errors.setdefault(veld, []).extend(teksten)
    elif loonwaarde is not None:
        fout(errors, "loonwaarde", "Een loonwaarde hoort bij een plaatsing met loonkostensubsidie.")
    waarschuwing = verdringingscheck(werkgever=werkgever, peildatum=start) if werkgever else ""
    if waarschuwing and not verdringing_motivatie.strip():
        fout(
            errors,
            "verdringing_motivatie",
            f"{waarschuwing} Motiveer waarom de plaatsing toch past.",
        )
    if errors:
        raise ValidationError(errors)

    traject = None
    if lks is not None:
        traject = traject_maak(
            actor=actor,
            client=client,
            groep=groep,
            instrument=lks,
            aanbieder=lks.aanbieders.first(),
            start=start,
            gepland_einde=start + datetime.timedelta(weeks=lks.standaard_duur_weken),
            loonwaarde=loonwaarde,
            herbeoordeling_op=herbeoordeling_op,
            afwijking_reden=afwijking_reden,
        )
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
        traject=traject,
        verdringing_waarschuwing=waarschuwing,
        verdringing_motivatie=verdringing_motivatie.strip(),
        werkcoach=actor,
        nazorg_tot=add_months(start, NAZORG_MAANDEN[-1]),
    )
    plaatsing.full_clean()
    plaatsing.save()
    _nazorg_plan(actor=actor, plaatsing=plaatsing)
    if uitkering_beeindigen:
        assert laatste_uitkeringsdag is not None  # validated above
        uitkeringseinde_stel_voor(
            actor=actor, plaatsing=plaatsing, laatste_dag=laatste_uitkeringsdag, herkomst=herkomst
        )
    if vacature is not None:
        Vacature.objects.filter(pk=vacature.pk).update(open=False, gesloten_op=start)
    audit_record(
        actor=actor,
        actie=Actie.AANGEMAAKT,
        client_id=client.pk,
        object_type="plaatsing",
        herkomst=herkomst,
        details={
            "plaatsing": plaatsing.pk,
            "lks": met_loonkostensubsidie,
            "verdringing": bool(waarschuwing),
            "einde_uitkering_voorgesteld": uitkering_beeindigen,
        },
    )
    return plaatsing


@transaction.atomic
def nazorg_registreer(
    *,
    actor: User,
    plaatsing: Plaatsing,
    maanden: int,
    datum: datetime.date,
    werkt_nog: bool,
    toelichting: str = "",
    uit_dienst_per: datetime.date | None = None,
    herkomst: str = Herkomst.WEB,
) -> NazorgMoment:
    """Record a nazorg checkpoint: does the client still work there? Once per checkpoint.
    When not, the placement gets its end date and the later checkpoints lapse."""
    locked = Plaatsing.objects.select_for_update().get(pk=plaatsing.pk)
    errors: Fouten = {}
    if maanden not in NAZORG_MAANDEN:
        fout(errors, "maanden", "Kies een nazorgmoment.")
    elif NazorgMoment.objects.filter(plaatsing=locked, maanden=maanden).exists():
        fout(errors, "maanden", f"Het nazorgmoment na {maanden} maanden is al vastgelegd.")
    if datum > today():
        fout(errors, "datum", "De datum kan niet in de toekomst liggen.")
    if datum < locked.start:
        fout(errors, "datum", f"De datum ligt vóór de start ({locked.start:%d-%m-%Y}).")
    if werkt_nog and uit_dienst_per is not None:
        fout(errors, "uit_dienst_per", "Een uit-dienstdatum hoort bij 'werkt niet meer'.")
    einde = None
    if not werkt_nog and locked.einde is None:
        einde = uit_dienst_per or datum
        if einde < locked.start or einde > datum:
            fout(
                errors,
                "uit_dienst_per",
                f"De uit-dienstdatum ligt tussen de start ({locked.start:%d-%m-%Y}) en de "
                "datum van dit contact.",
            )
        if not toelichting.strip():
            fout(errors, "toelichting", "Vertel kort wat er gebeurd is.")
    if errors:
        raise ValidationError(errors)
    moment = NazorgMoment(
        plaatsing=locked,
        maanden=maanden,
        datum=datum,
        werkt_nog=werkt_nog,
        toelichting=toelichting.strip(),
        door=actor,
    )
    moment.full_clean()
    moment.save()
    for taak in Taak.objects.filter(sleutel=_nazorg_sleutel(locked.pk, maanden)):
        taak_rond_af(taak=taak, door=actor, notitie=f"Nazorgmoment {maanden} maanden vastgelegd")
    if einde is not None:
        locked.einde = einde
        locked.save(update_fields=["einde"])
        later = [_nazorg_sleutel(locked.pk, m) for m in NAZORG_MAANDEN if m > maanden]
        taak_vervallen(
            taken=Taak.objects.filter(sleutel__in=later),
            reden="Klant werkt niet meer bij deze werkgever",
            door=actor,
        )
    audit_record(
        actor=actor,
        actie=Actie.AANGEMAAKT,
        client_id=locked.client_id,
        object_type="nazorg",
        herkomst=herkomst,
        details={"plaatsing": locked.pk, "maanden": maanden, "werkt_nog": werkt_nog},
    )
    return moment
