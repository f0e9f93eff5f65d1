"""Trajecten: start (with the klantgroep warning), end (with the result), and the loonwaarde
assessments of loonkostensubsidie."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from clients.constants import TaakSoort, TaakStatus
from clients.models import Client, Taak
from clients.services import ConcurrentEditError
from clients.taken import taak_plan, taak_rond_af, taak_vervallen
from deventer_werk.access import may
from deventer_werk.audit.constants import Actie, Herkomst
from deventer_werk.audit.services import audit_record
from deventer_werk.dates import today
from klantgroepen.constants import Regie
from klantgroepen.models import Klantgroep

from .. import rules
from ..models import Instrument, InstrumentSoort, LoonwaardeBeoordeling, Traject
from ._basis import Fouten, fout, huidige_groep, te_ver_vooruit

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from clients.trajecten.models import Aanbieder, Sector
    from deventer_werk.accounts.models import User


def _loonwaarde_sleutel(traject_pk: int, datum: datetime.date) -> str:
    return f"loonwaarde:{traject_pk}:{datum.isoformat()}"


def _open_herbeoordelingen(traject: Traject) -> QuerySet[Taak]:
    return Taak.objects.filter(
        Q(sleutel=f"loonwaarde:{traject.pk}") | Q(sleutel__startswith=f"loonwaarde:{traject.pk}:"),
        status=TaakStatus.OPEN,
    )


def rol_fouten(*, actor: User, groep: Klantgroep) -> Fouten:
    """Uitvoeringsregie: the werkcoach logs trajecten for DWT groups (Matchen, Groeien), the
    participatiemakelaar for IO groups (Faciliteren, Zorgen)."""
    if groep.regie == Regie.DWT and may(actor, rules.TRAJECT_DWT):
        return {}
    if groep.regie == Regie.IO and may(actor, rules.TRAJECT_IO):
        return {}
    wie = "de werkcoach (DWT)" if groep.regie == Regie.DWT else "de participatiemakelaar (IO)"
    return {"__all__": [f"Voor klanten in {groep.naam} legt {wie} de trajecten vast."]}


def traject_fouten(
    *,
    groep: Klantgroep,
    instrument: Instrument,
    aanbieder: Aanbieder | None,
    start: datetime.date,
    gepland_einde: datetime.date,
    loonwaarde: int | None,
    herbeoordeling_op: datetime.date | None,
    afwijking_reden: str,
) -> Fouten:
    """Everything that is wrong with a new traject, per field (Dutch)."""
    errors: Fouten = {}
    if gepland_einde < start:
        fout(errors, "gepland_einde", "Het geplande einde ligt vóór de start.")
    if te_ver_vooruit(start):
        fout(errors, "start", "De start ligt meer dan een jaar in de toekomst.")
    if not instrument.actief:
        fout(errors, "instrument", f"{instrument} wordt niet meer ingezet.")
    if not instrument.klantgroepen.filter(pk=groep.pk).exists() and not afwijking_reden.strip():
        fout(
            errors,
            "afwijking_reden",
            f"Let op: {instrument} is niet bedoeld voor klantgroep {groep.naam}. Wilt u het "
            "toch inzetten, geef dan de reden.",
        )
    if aanbieder is not None and not instrument.aanbieders.filter(pk=aanbieder.pk).exists():
        fout(errors, "aanbieder", f"{aanbieder} biedt {instrument} niet aan.")
    if loonwaarde is not None and not 0 <= loonwaarde <= 100:
        fout(errors, "loonwaarde", "De loonwaarde ligt tussen 0 en 100 %.")
    if instrument.soort == InstrumentSoort.LKS:
        if loonwaarde is None:
            fout(errors, "loonwaarde", "Geef de vastgestelde loonwaarde (0–100 %).")
        if herbeoordeling_op is None:
            fout(errors, "herbeoordeling_op", "Plan de herbeoordeling van de loonwaarde.")
    if herbeoordeling_op and herbeoordeling_op <= start:
        fout(errors, "herbeoordeling_op", "De herbeoordeling ligt na de start.")
    return errors


def traject_maak(
    *,
    actor: User,
    client: Client,
    groep: Klantgroep,
    instrument: Instrument,
    aanbieder: Aanbieder | None,
    start: datetime.date,
    gepland_einde: datetime.date,
    sector: Sector | None = None,
    kosten: Decimal | None = None,
    loonwaarde: int | None = None,
    herbeoordeling_op: datetime.date | None = None,
    afwijking_reden: str = "",
) -> Traject:
    """Save a validated traject with its first loonwaarde assessment and its re-assessment
    on the werkvoorraad. Call inside a transaction, after ``traject_fouten``."""
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
    if loonwaarde is not None:
        beoordeling = LoonwaardeBeoordeling(
            traject=traject,
            datum=start,
            loonwaarde=loonwaarde,
            volgende_herbeoordeling=herbeoordeling_op,
            toelichting="Vastgesteld bij de start",
            door=actor,
        )
        beoordeling.full_clean()
        beoordeling.save()
    if herbeoordeling_op:
        taak_plan(
            client=client,
            soort=TaakSoort.OVERIG,
            medewerker=actor,
            datum=herbeoordeling_op,
            omschrijving=f"Herbeoordeling loonwaarde ({instrument})",
            sleutel=_loonwaarde_sleutel(traject.pk, herbeoordeling_op),
        )
    return traject


@transaction.atomic
def traject_start(
    *,
    actor: User,
    client: Client,
    instrument: Instrument,
    aanbieder: Aanbieder | None,
    start: datetime.date,
    gepland_einde: datetime.date | None = None,
    sector: Sector | None = None,
    kosten: Decimal | None = None,
    loonwaarde: int | None = None,
    herbeoordeling_op: datetime.date | None = None,
    afwijking_reden: str = "",
    herkomst: str = Herkomst.WEB,
) -> Traject:
    """Start a traject. An instrument outside the client's group is a warning the coach may
    override with a reason (recorded on the traject); dates out of order, a loonwaarde
    outside 0–100 % and a provider that does not offer the instrument are refused."""
    groep = huidige_groep(client)
    gepland_einde = gepland_einde or start + datetime.timedelta(
        weeks=instrument.standaard_duur_weken
    )
    errors = rol_fouten(actor=actor, groep=groep) | traject_fouten(
        groep=groep,
        instrument=instrument,
        aanbieder=aanbieder,
        start=start,
        gepland_einde=gepland_einde,
        loonwaarde=loonwaarde,
        herbeoordeling_op=herbeoordeling_op,
        afwijking_reden=afwijking_reden,
    )
    if errors:
        raise ValidationError(errors)
    traject = traject_maak(
        actor=actor,
        client=client,
        groep=groep,
        instrument=instrument,
        aanbieder=aanbieder,
        start=start,
        gepland_einde=gepland_einde,
        sector=sector,
        kosten=kosten,
        loonwaarde=loonwaarde,
        herbeoordeling_op=herbeoordeling_op,
        afwijking_reden=afwijking_reden,
    )
    audit_record(
        actor=actor,
        actie=Actie.AANGEMAAKT,
        client_id=client.pk,
        object_type="traject",
        herkomst=herkomst,
        details={
            "traject": traject.pk,
            "instrument": instrument.pk,
            "afwijking": bool(afwijking_reden.strip()),
        },
    )
    return traject


@transaction.atomic
def traject_beeindig(
    *,
    actor: User,
    traject: Traject,
    versie: int,
    einde: datetime.date,
    resultaat: str,
    reden: str = "",
    herkomst: str = Herkomst.WEB,
) -> Traject:
    """End a running traject with its result (succesvol, or voortijdig with a reason). A form
    opened on an older version is refused. Open loonwaarde re-assessments lapse."""
    locked = Traject.objects.select_for_update().get(pk=traject.pk)
    if locked.versie != versie:
        raise ConcurrentEditError()
    errors: Fouten = {}
    if locked.status == Traject.Status.BEEINDIGD:
        fout(errors, "__all__", "Dit traject is al beëindigd.")
    if einde < locked.start:
        fout(errors, "einde", f"Het einde kan niet vóór de start ({locked.start:%d-%m-%Y}) liggen.")
    if einde > today():
        fout(errors, "einde", "Het einde kan niet in de toekomst liggen.")
    if resultaat not in Traject.Resultaat.values:
        fout(errors, "resultaat", "Kies succesvol of voortijdig beëindigd.")
    if resultaat == Traject.Resultaat.VOORTIJDIG and not reden.strip():
        fout(errors, "reden", "Geef de reden van het voortijdig einde.")
    if errors:
        raise ValidationError(errors)
    locked.einde = einde
    locked.resultaat = resultaat
    locked.reden_voortijdig = reden.strip() if resultaat == Traject.Resultaat.VOORTIJDIG else ""
    locked.status = Traject.Status.BEEINDIGD
    locked.versie += 1
    locked.full_clean()
    locked.save()
    taak_vervallen(taken=_open_herbeoordelingen(locked), reden="Traject beëindigd", door=actor)
    audit_record(
        actor=actor,
        actie=Actie.GEWIJZIGD,
        client_id=locked.client_id,
        object_type="traject",
        herkomst=herkomst,
        details={"traject": locked.pk, "resultaat": resultaat},
    )
    return locked


@transaction.atomic
def loonwaarde_herbeoordeel(
    *,
    actor: User,
    traject: Traject,
    datum: datetime.date,
    loonwaarde: int,
    volgende_herbeoordeling: datetime.date | None = None,
    toelichting: str = "",
    herkomst: str = Herkomst.WEB,
) -> LoonwaardeBeoordeling:
    """Record a re-assessment of the loonwaarde (a new row; earlier ones stay), complete the
    planned re-assessment and plan the next one."""
    locked = Traject.objects.select_for_update().select_related("instrument").get(pk=traject.pk)
    vorige = locked.beoordelingen.order_by("-datum", "-pk").first()
    errors: Fouten = {}
    if locked.instrument.soort != InstrumentSoort.LKS and vorige is None:
        fout(errors, "__all__", "Dit traject heeft geen loonwaarde.")
    if locked.status != Traject.Status.LOPEND:
        fout(errors, "__all__", "Dit traject is beëindigd.")
    if not 0 <= loonwaarde <= 100:
        fout(errors, "loonwaarde", "De loonwaarde ligt tussen 0 en 100 %.")
    if datum > today():
        fout(errors, "datum", "De beoordeling kan niet in de toekomst liggen.")
    if datum < locked.start:
        fout(errors, "datum", f"De beoordeling ligt vóór de start ({locked.start:%d-%m-%Y}).")
    elif vorige is not None and datum < vorige.datum:
        fout(errors, "datum", f"Er is al een latere beoordeling ({vorige.datum:%d-%m-%Y}).")
    if volgende_herbeoordeling is not None and volgende_herbeoordeling <= datum:
        fout(errors, "volgende_herbeoordeling", "De volgende herbeoordeling ligt na deze.")
    if errors:
        raise ValidationError(errors)
    beoordeling = LoonwaardeBeoordeling(
        traject=locked,
        datum=datum,
        loonwaarde=loonwaarde,
        volgende_herbeoordeling=volgende_herbeoordeling,
        toelichting=toelichting.strip(),
        door=actor,
    )
    beoordeling.full_clean()
    beoordeling.save()
    for taak in _open_herbeoordelingen(locked):
        taak_rond_af(taak=taak, door=actor, notitie="Loonwaarde opnieuw beoordeeld")
    if volgende_herbeoordeling:
        taak_plan(
            client=locked.client,
            soort=TaakSoort.OVERIG,
            medewerker=actor,
            datum=volgende_herbeoordeling,
            omschrijving=f"Herbeoordeling loonwaarde ({locked.instrument})",
            sleutel=_loonwaarde_sleutel(locked.pk, volgende_herbeoordeling),
        )
    audit_record(
        actor=actor,
        actie=Actie.AANGEMAAKT,
        client_id=locked.client_id,
        object_type="loonwaarde",
        herkomst=herkomst,
        details={"traject": locked.pk},
    )
    return beoordeling
