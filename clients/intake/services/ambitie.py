"""The ambitiegesprek (intaker) and the participatieladder as history."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from clients.constants import (
    GEVOELIGE_LEEFGEBIEDEN,
    Commitment,
    Fase,
    Feedbackmethode,
    GroeienKenmerk,
    TaakSoort,
)
from clients.groepen.models import Groepslidmaatschap
from clients.groepen.services import groepsindeling_wijzig, soort_wijziging
from clients.models import Client, Uitkeringsperiode
from clients.services import client_set_fase
from clients.taken import taak_rond_af_voor
from clients.validators import afspraken_controleer
from deventer_werk.audit.constants import Actie, Herkomst
from deventer_werk.audit.services import audit_record
from deventer_werk.dates import maanden_tussen, today
from klantgroepen.advies import Kenmerken, klantgroep_advies
from klantgroepen.constants import Perspectief
from klantgroepen.models import Klantgroep

from ..models import (
    Ambitiegesprek,
    DiagnoseInstrument,
    LadderMeting,
)
from ._common import (
    LADDER_BRON_AMBITIE,
    LADDER_BRON_BIJGEWERKT,
    _niet_in_toekomst,
    _open_periode,
)
from .uitnodiging import kickoff_na_ambitiegesprek

if TYPE_CHECKING:
    from deventer_werk.accounts.models import User


def ambitie_kenmerken(
    client: Client,
    *,
    periode: Uitkeringsperiode | None,
    datum: datetime.date,
    perspectief: str = "",
    groeien_kenmerken: list[str] | None = None,
) -> Kenmerken:
    """What the advice rules read of ``client`` on ``datum``: age, doelgroepenregister, the
    months of the running benefit (from its start, else the melding) and what the gesprek
    concluded. No query beyond ``periode``."""
    leeftijd = None
    if client.geboortedatum:
        leeftijd = (
            datum.year
            - client.geboortedatum.year
            - ((datum.month, datum.day) < (client.geboortedatum.month, client.geboortedatum.day))
        )
    begin = (periode.startdatum or periode.melddatum) if periode is not None else None
    return Kenmerken(
        leeftijd=leeftijd,
        doelgroepenregister=client.doelgroepenregister,
        maanden_uitkering=maanden_tussen(begin, datum)
        if begin and begin <= datum
        else (0 if begin else None),
        perspectief=perspectief or None,
        groeien_kenmerken=frozenset(groeien_kenmerken or ()),
    )


@transaction.atomic
def ambitiegesprek_leg_vast(
    *,
    actor: User,
    client: Client,
    datum: datetime.date,
    antwoorden: dict[str, int],
    participatieladder: int,
    gekozen_klantgroep: Klantgroep,
    geadviseerde_klantgroep: Klantgroep | None,
    rechten_plichten_op: datetime.date,
    feedbackmethode: str,
    huisbezoek: str,
    commitment: str,
    afspraak_getekend_op: datetime.date | None = None,
    commitment_reden: str = "",
    feedbackmethode_toelichting: str = "",
    groeien_kenmerken: list[str] | None = None,
    motivatie: str = "",
    leefgebieden_toelichting: str = "",
    gedeelde_leefgebieden: list[str] | None = None,
    perspectief: str = "",
    herkomst: str = Herkomst.WEB,
) -> Ambitiegesprek:
    """The ambitiegesprek: diagnose, ladder, the client's choice and the advice.

    The advice is the configured rules' (``klantgroepen.advies``, from what is known of the
    client and what the gesprek concluded); the intaker may advise otherwise, with a
    motivation, and advises herself where no rule holds. The client's choice places them in
    the group (policy: "op voorspraak van de inwoner zelf"); where advice and choice differ, a
    motivation is required. Works for new clients (first placement) and for the existing
    bestand (a change of group, or a confirmation).
    It also records (issue 27 part 3) the client's commitment, signed on a date or refused
    with a reason (§2.3), whether the feedbackmethode was applied and if not why (§3.2),
    whether the client is open to a home visit (footnote 15) and the Groeien kenmerken (§3.1).
    """
    client = Client.objects.select_for_update().get(pk=client.pk)
    periode = _open_periode(client)
    instrument = DiagnoseInstrument.objects.filter(actief=True).first()
    errors: dict[str, list[str]] = {}
    if instrument is None:
        errors["antwoorden"] = ["Er is geen diagnose-instrument in gebruik (configuratie)."]
    _niet_in_toekomst(errors, "datum", datum, "De datum van het gesprek")
    if datum < periode.melddatum:
        errors.setdefault("datum", []).append(
            f"Het ambitiegesprek kan niet vóór de melding ({periode.melddatum:%d-%m-%Y}) liggen."
        )
    if not 1 <= int(participatieladder) <= 6:
        errors["participatieladder"] = ["Kies een trede van 1 tot en met 6."]
    if perspectief and perspectief not in Perspectief.values:
        errors["perspectief"] = ["Kies een van de mogelijkheden."]
    advies = klantgroep_advies(
        ambitie_kenmerken(
            client,
            periode=periode,
            datum=datum,
            perspectief=perspectief,
            groeien_kenmerken=groeien_kenmerken,
        )
    )
    if geadviseerde_klantgroep is None:
        geadviseerde_klantgroep = advies.klantgroep
    if geadviseerde_klantgroep is None:
        errors["geadviseerde_klantgroep"] = [
            "Geen adviesregel is van toepassing: geef uw eigen advies."
        ]
    elif advies.klantgroep is not None and not motivatie.strip():
        if geadviseerde_klantgroep != advies.klantgroep:
            errors["motivatie"] = [
                f"Uw advies wijkt af van het advies volgens de beleidsregels "
                f"({advies.klantgroep.naam}): geef een motivatie."
            ]
    if (
        geadviseerde_klantgroep is not None
        and gekozen_klantgroep != geadviseerde_klantgroep
        and not motivatie.strip()
    ):
        errors["motivatie"] = [
            f"De klant kiest {gekozen_klantgroep.naam}, het advies is "
            f"{geadviseerde_klantgroep.naam}: geef een motivatie."
        ]
    _afspraken_controleer(
        errors,
        datum=datum,
        feedbackmethode=feedbackmethode,
        feedbackmethode_toelichting=feedbackmethode_toelichting,
        huisbezoek=huisbezoek,
        commitment=commitment,
        afspraak_getekend_op=afspraak_getekend_op,
        commitment_reden=commitment_reden,
        groeien_kenmerken=groeien_kenmerken,
    )
    for veld, waarde, wat in (
        ("rechten_plichten_op", rechten_plichten_op, "De uitleg van rechten en plichten"),
    ):
        if waarde and waarde < periode.melddatum:
            errors[veld] = [f"{wat} kan niet vóór de melding liggen."]
        elif waarde and datum and waarde < datum:
            # signed at the gesprek or later, never before it was held
            errors[veld] = [
                f"{wat} kan niet vóór de datum van het gesprek ({datum:%d-%m-%Y}) liggen."
            ]
        _niet_in_toekomst(errors, veld, waarde, wat)
    if instrument is not None:
        vragen = {str(v.pk) for v in instrument.vragen.all()}
        ontbrekend = vragen - {str(k) for k in antwoorden}
        if ontbrekend:
            errors["antwoorden"] = [f"Beantwoord alle vragen ({len(ontbrekend)} open)."]
        for k, score in antwoorden.items():
            if str(k) not in vragen:
                errors["antwoorden"] = ["Onbekende vraag."]
            elif not instrument.schaal_min <= int(score) <= instrument.schaal_max:
                errors["antwoorden"] = [
                    f"Scores lopen van {instrument.schaal_min} tot {instrument.schaal_max}."
                ]
    if errors:
        raise ValidationError(errors)
    assert geadviseerde_klantgroep is not None  # an error above otherwise
    huidig = Groepslidmaatschap.objects.huidig(client)
    if huidig is not None and huidig.klantgroep_id == gekozen_klantgroep.pk:
        lidmaatschap = huidig
    else:
        van = (
            datum
            if huidig is None or datum > huidig.van
            else huidig.van + datetime.timedelta(days=1)
        )
        lidmaatschap = groepsindeling_wijzig(
            actor=actor,
            client=client,
            klantgroep=gekozen_klantgroep,
            van=van,
            soort=soort_wijziging(huidig.klantgroep if huidig else None, gekozen_klantgroep),
            reden=motivatie or "Keuze in het ambitiegesprek",
            gekozen_klantgroep=gekozen_klantgroep,
            geadviseerde_klantgroep=geadviseerde_klantgroep,
            herkomst=herkomst,
        ).lidmaatschap
    gesprek = Ambitiegesprek(
        client=client,
        datum=datum,
        intaker=actor,
        instrument=instrument,
        antwoorden={str(k): int(v) for k, v in antwoorden.items()},
        leefgebieden_toelichting=leefgebieden_toelichting,
        # the sensitive leefgebieden the client shared with DWT for the plan (DESIGN.md §1)
        gedeelde_leefgebieden=[
            g for g in GEVOELIGE_LEEFGEBIEDEN if g in set(gedeelde_leefgebieden or ())
        ],
        participatieladder=participatieladder,
        gekozen_klantgroep=gekozen_klantgroep,
        geadviseerde_klantgroep=geadviseerde_klantgroep,
        motivatie=motivatie.strip(),
        perspectief=perspectief,
        regeladvies=advies.klantgroep,
        regeladvies_redenen="; ".join(advies.redenen),
        commitment=commitment,
        afspraak_getekend_op=afspraak_getekend_op if commitment == Commitment.GETEKEND else None,
        commitment_reden=commitment_reden.strip() if commitment == Commitment.GEWEIGERD else "",
        rechten_plichten_op=rechten_plichten_op,
        feedbackmethode=feedbackmethode,
        feedbackmethode_toelichting=feedbackmethode_toelichting.strip(),
        huisbezoek=huisbezoek,
        groeien_kenmerken=_kenmerken(groeien_kenmerken),
        lidmaatschap=lidmaatschap,
    )
    gesprek.full_clean()
    gesprek.save()
    _ladder_bewaar(
        client=client, datum=datum, trede=participatieladder, bron=LADDER_BRON_AMBITIE, door=actor
    )
    if client.fase != Fase.INGEDEELD:
        client_set_fase(client=client, fase=Fase.INGEDEELD)
    taak_rond_af_voor(client=client, soort=TaakSoort.AMBITIEGESPREK)
    audit_record(
        actor=actor,
        actie=Actie.AANGEMAAKT,
        client_id=client.pk,
        object_type="ambitiegesprek",
        herkomst=herkomst,
        details={
            "klantgroep": gekozen_klantgroep.code,
            "commitment": commitment,
            "huisbezoek": huisbezoek,
        },
    )
    # policy §3.2: "Aan het eind van het ambitiegesprek wordt elke klant uitgenodigd"
    kickoff_na_ambitiegesprek(actor=actor, gesprek=gesprek, herkomst=herkomst)
    return gesprek


def _kenmerken(groeien_kenmerken: list[str] | None) -> list[str]:
    """Each kenmerk once, in the order of the policy (§3.1)."""
    gekozen = set(groeien_kenmerken or [])
    return [k for k in GroeienKenmerk.values if k in gekozen]


def _afspraken_controleer(
    errors: dict[str, list[str]],
    *,
    datum: datetime.date,
    feedbackmethode: str,
    feedbackmethode_toelichting: str,
    huisbezoek: str,
    commitment: str,
    afspraak_getekend_op: datetime.date | None,
    commitment_reden: str,
    groeien_kenmerken: list[str] | None,
) -> None:
    if feedbackmethode not in (Feedbackmethode.TOEGEPAST, Feedbackmethode.NIET_TOEGEPAST):
        errors["feedbackmethode"] = ["Kies of de feedbackmethode is toegepast."]
    elif feedbackmethode == Feedbackmethode.NIET_TOEGEPAST and not (
        feedbackmethode_toelichting.strip()
    ):
        errors["feedbackmethode_toelichting"] = [
            "De feedbackmethode hoort standaard bij dit gesprek (beleid §3.2): "
            "licht toe waarom die niet is toegepast."
        ]
    afspraken_controleer(
        errors,
        gesprek_datum=datum,
        vandaag=today(),
        commitment=commitment,
        afspraak_getekend_op=afspraak_getekend_op,
        commitment_reden=commitment_reden,
        huisbezoek=huisbezoek,
        groeien_kenmerken=groeien_kenmerken,
        verplicht=True,
    )


def _ladder_bewaar(
    *, client: Client, datum: datetime.date, trede: int, bron: str, door: User
) -> LadderMeting:
    meting = LadderMeting(client=client, datum=datum, trede=trede, bron=bron, door=door)
    meting.full_clean()
    meting.save()
    return meting


@transaction.atomic
def ladder_meet(
    *,
    actor: User,
    client: Client,
    datum: datetime.date,
    trede: int,
    bron: str = LADDER_BRON_BIJGEWERKT,
    herkomst: str = Herkomst.WEB,
) -> LadderMeting:
    """A new rung on the participatieladder, as a dated measurement next to the earlier ones
    (a measurement is never changed; the latest by date is the current rung)."""
    client = Client.objects.select_for_update().get(pk=client.pk)
    periode = _open_periode(client)
    errors: dict[str, list[str]] = {}
    if trede is None or not 1 <= int(trede) <= 6:
        errors["trede"] = ["Kies een trede van 1 tot en met 6."]
    _niet_in_toekomst(errors, "datum", datum, "De datum van de meting")
    if datum < periode.melddatum:
        errors.setdefault("datum", []).append(
            f"De meting kan niet vóór de melding ({periode.melddatum:%d-%m-%Y}) liggen."
        )
    if errors:
        raise ValidationError(errors)
    meting = _ladder_bewaar(client=client, datum=datum, trede=int(trede), bron=bron, door=actor)
    audit_record(
        actor=actor,
        actie=Actie.AANGEMAAKT,
        client_id=client.pk,
        object_type="participatieladder",
        herkomst=herkomst,
        details={"trede": meting.trede},
    )
    return meting
