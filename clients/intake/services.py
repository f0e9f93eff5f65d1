"""Intake services: every rule of melding → screening → ambitiegesprek → kick-off lives here."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from clients.constants import Fase, SignaalSoort, TaakSoort, Uitstroomreden
from clients.models import Client, Uitkeringsperiode
from clients.services import ConcurrentEditError, client_set_fase, periode_sluit
from clients.signalen import signaal_meld
from clients.taken import taak_plan, taak_rond_af_voor
from deventer_werk.accounts.constants import Rol
from deventer_werk.audit.constants import Actie, Herkomst
from deventer_werk.audit.services import audit_record
from klantgroepen.constants import LidmaatschapSoort
from klantgroepen.models import Groepslidmaatschap, Klantgroep
from klantgroepen.services import groepsindeling_wijzig

from .models import (
    Aanvraag,
    Ambitiegesprek,
    DiagnoseInstrument,
    KickoffSessie,
    KickoffUitnodiging,
    LadderMeting,
    Netwerkpartner,
    Screening,
)

KICKOFF_NA_DAGEN = 14


def _open_periode(client: Client) -> Uitkeringsperiode:
    periode = client.perioden.filter(einddatum__isnull=True).order_by("-melddatum").first()
    if periode is None:
        raise ValidationError("Deze klant heeft geen lopende melding of uitkering.")
    return periode


def _niet_in_toekomst(errors: dict, veld: str, datum: datetime.date | None, wat: str) -> None:
    if datum and datum > timezone.localdate():
        errors.setdefault(veld, []).append(f"{wat} kan niet in de toekomst liggen.")


@transaction.atomic
def screening_leg_vast(
    *,
    actor,
    client: Client,
    datum: datetime.date,
    antwoorden: dict[str, bool],
    rechtmatigheid: str,
    uitkomst: str,
    verwijzingen: list[Netwerkpartner] | None = None,
    urgente_signalen: list[str] | None = None,
    signaal_toelichting: str = "",
    reden_geen_recht: str = "",
    afspraak_op: datetime.datetime | None = None,
    intaker=None,
    toelichting: str = "",
    herkomst: str = Herkomst.WEB,
) -> Screening:
    """Record the poortwachter's screening. "Geen recht" closes the dossier with the reason;
    an appointment puts the ambitiegesprek on the intaker's werkvoorraad."""
    client = Client.objects.select_for_update().get(pk=client.pk)
    periode = _open_periode(client)
    errors: dict[str, list[str]] = {}
    _niet_in_toekomst(errors, "datum", datum, "De screeningsdatum")
    if datum < periode.melddatum:
        errors.setdefault("datum", []).append(
            f"De screening kan niet vóór de melding ({periode.melddatum:%d-%m-%Y}) liggen."
        )
    if Screening.objects.filter(periode=periode).exists():
        errors.setdefault("datum", []).append("Voor deze melding is al een screening vastgelegd.")
    if uitkomst == Screening.Uitkomst.AFSPRAAK:
        if afspraak_op is None:
            errors["afspraak_op"] = ["Geef datum en tijd van het ambitiegesprek."]
        elif afspraak_op.date() < datum:
            errors["afspraak_op"] = ["Het ambitiegesprek kan niet vóór de screening liggen."]
        if intaker is None:
            errors["intaker"] = ["Kies de intaker die het ambitiegesprek voert."]
        elif not intaker.heeft_rol(Rol.INTAKER):
            errors["intaker"] = ["Deze medewerker is geen intaker."]
    elif uitkomst == Screening.Uitkomst.GEEN_RECHT:
        if not reden_geen_recht.strip():
            errors["reden_geen_recht"] = ["Geef de reden waarom er geen recht is."]
    else:
        errors["uitkomst"] = ["Kies een uitkomst."]
    if errors:
        raise ValidationError(errors)
    screening = Screening(
        client=client,
        periode=periode,
        datum=datum,
        poortwachter=actor,
        antwoorden={str(k): bool(v) for k, v in antwoorden.items()},
        rechtmatigheid=rechtmatigheid,
        uitkomst=uitkomst,
        reden_geen_recht=reden_geen_recht.strip(),
        afspraak_op=afspraak_op if uitkomst == Screening.Uitkomst.AFSPRAAK else None,
        intaker=intaker if uitkomst == Screening.Uitkomst.AFSPRAAK else None,
        toelichting=toelichting,
    )
    screening.full_clean(exclude=["verwijzingen"])
    screening.save()
    screening.verwijzingen.set(verwijzingen or [])
    for soort in urgente_signalen or []:
        signaal_meld(
            actor=actor,
            client=client,
            soort=soort,
            omschrijving=signaal_toelichting,
            bron="screening",
            herkomst=herkomst,
        )
    audit_record(
        actor=actor,
        actie=Actie.AANGEMAAKT,
        client_id=client.pk,
        object_type="screening",
        herkomst=herkomst,
        details={"uitkomst": uitkomst},
    )
    if uitkomst == Screening.Uitkomst.GEEN_RECHT:
        periode_sluit(
            actor=actor,
            client=client,
            einddatum=datum,
            reden=Uitstroomreden.GEEN_RECHT,
            toelichting=reden_geen_recht,
            herkomst=herkomst,
        )
    else:
        client_set_fase(client=client, fase=Fase.INTAKE)
        local = timezone.localtime(afspraak_op)
        taak_plan(
            client=client,
            soort=TaakSoort.AMBITIEGESPREK,
            medewerker=intaker,
            omschrijving="Ambitiegesprek",
            datum=local.date(),
            tijd=local.time(),
            sleutel=f"ambitie:{screening.pk}",
        )
    return screening


@transaction.atomic
def aanvraag_registreer(
    *,
    actor,
    client: Client,
    aanvraagdatum: datetime.date,
    documenten_compleet_op: datetime.date | None = None,
    herkomst: str = Herkomst.WEB,
) -> Aanvraag:
    periode = _open_periode(client)
    errors: dict[str, list[str]] = {}
    _niet_in_toekomst(errors, "aanvraagdatum", aanvraagdatum, "De aanvraagdatum")
    if aanvraagdatum < periode.melddatum:
        errors.setdefault("aanvraagdatum", []).append(
            f"De aanvraag kan niet vóór de melding ({periode.melddatum:%d-%m-%Y}) liggen."
        )
    if documenten_compleet_op and documenten_compleet_op < aanvraagdatum:
        errors["documenten_compleet_op"] = [
            "Documenten kunnen niet vóór de aanvraag compleet zijn."
        ]
    if Aanvraag.objects.filter(periode=periode).exists():
        errors.setdefault("aanvraagdatum", []).append("Voor deze periode is al een aanvraag.")
    if errors:
        raise ValidationError(errors)
    aanvraag = Aanvraag.objects.create(
        client=client,
        periode=periode,
        aanvraagdatum=aanvraagdatum,
        documenten_compleet_op=documenten_compleet_op,
        consulent=actor,
    )
    taak_plan(
        client=client,
        soort=TaakSoort.BESLUIT,
        medewerker=actor,
        omschrijving="Besluit op aanvraag (uiterlijk)",
        datum=aanvraag.uiterste_besluitdatum,
        sleutel=f"besluit:{aanvraag.pk}",
    )
    audit_record(
        actor=actor,
        actie=Actie.AANGEMAAKT,
        client_id=client.pk,
        object_type="aanvraag",
        herkomst=herkomst,
    )
    return aanvraag


@transaction.atomic
def aanvraag_besluit(
    *,
    actor,
    aanvraag: Aanvraag,
    versie: int,
    besluit: str,
    besluitdatum: datetime.date,
    reden: str = "",
    documenten_compleet_op: datetime.date | None = None,
    herkomst: str = Herkomst.WEB,
) -> Aanvraag:
    locked = Aanvraag.objects.select_for_update().get(pk=aanvraag.pk)
    if locked.versie != versie:
        raise ConcurrentEditError()
    errors: dict[str, list[str]] = {}
    if locked.besluit:
        errors["besluit"] = ["Op deze aanvraag is al besloten."]
    if besluit not in Aanvraag.Besluit.values:
        errors["besluit"] = ["Kies toekenning of afwijzing."]
    _niet_in_toekomst(errors, "besluitdatum", besluitdatum, "De besluitdatum")
    if besluitdatum < locked.aanvraagdatum:
        errors.setdefault("besluitdatum", []).append(
            f"Het besluit kan niet vóór de aanvraag ({locked.aanvraagdatum:%d-%m-%Y}) liggen."
        )
    if besluit == Aanvraag.Besluit.AFWIJZING and not reden.strip():
        errors["reden"] = ["Motiveer de afwijzing."]
    if errors:
        raise ValidationError(errors)
    locked.besluit = besluit
    locked.besluitdatum = besluitdatum
    locked.besluit_reden = reden.strip()
    if documenten_compleet_op:
        locked.documenten_compleet_op = documenten_compleet_op
    locked.versie += 1
    locked.full_clean()
    locked.save()
    if besluit == Aanvraag.Besluit.TOEKENNING and locked.periode.startdatum is None:
        Uitkeringsperiode.objects.filter(pk=locked.periode_id).update(startdatum=besluitdatum)
    taak_rond_af_voor(client=locked.client, soort=TaakSoort.BESLUIT)
    audit_record(
        actor=actor,
        actie=Actie.GEWIJZIGD,
        client_id=locked.client_id,
        object_type="besluit",
        herkomst=herkomst,
        details={"besluit": besluit},
    )
    return locked


def _soort_wijziging(huidig: Klantgroep | None, nieuw: Klantgroep) -> str:
    if huidig is None:
        return LidmaatschapSoort.EERSTE_INDELING
    # volgorde: Matchen 1 … Zorgen 4; towards Matchen is doorstroom, the other way terugval
    return (
        LidmaatschapSoort.DOORSTROOM
        if nieuw.volgorde < huidig.volgorde
        else (LidmaatschapSoort.TERUGVAL)
    )


@transaction.atomic
def ambitiegesprek_leg_vast(
    *,
    actor,
    client: Client,
    datum: datetime.date,
    antwoorden: dict[str, int],
    participatieladder: int,
    gekozen_klantgroep: Klantgroep,
    geadviseerde_klantgroep: Klantgroep,
    afspraak_getekend_op: datetime.date,
    rechten_plichten_op: datetime.date,
    motivatie: str = "",
    leefgebieden_toelichting: str = "",
    herkomst: str = Herkomst.WEB,
) -> Ambitiegesprek:
    """The ambitiegesprek: diagnose, ladder, the client's choice and the intaker's advice.

    The client's choice places them in the group (policy: "op voorspraak van de inwoner zelf");
    where advice and choice differ, a motivation is required. Works for new clients (first
    placement) and for the existing bestand (a change of group, or a confirmation).
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
    if gekozen_klantgroep != geadviseerde_klantgroep and not motivatie.strip():
        errors["motivatie"] = ["Keuze en advies verschillen: geef een motivatie."]
    for veld, waarde, wat in (
        ("afspraak_getekend_op", afspraak_getekend_op, "De afspraak"),
        ("rechten_plichten_op", rechten_plichten_op, "De uitleg van rechten en plichten"),
    ):
        if waarde and waarde < periode.melddatum:
            errors[veld] = [f"{wat} kan niet vóór de melding liggen."]
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
    huidig = (
        Groepslidmaatschap.objects.filter(client=client, tot__isnull=True)
        .select_related("klantgroep")
        .first()
    )
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
            soort=_soort_wijziging(huidig.klantgroep if huidig else None, gekozen_klantgroep),
            reden=motivatie or "Keuze in het ambitiegesprek",
            gekozen_klantgroep=gekozen_klantgroep,
            geadviseerde_klantgroep=geadviseerde_klantgroep,
            herkomst=herkomst,
        ).lidmaatschap
    gesprek = Ambitiegesprek.objects.create(
        client=client,
        datum=datum,
        intaker=actor,
        instrument=instrument,
        antwoorden={str(k): int(v) for k, v in antwoorden.items()},
        leefgebieden_toelichting=leefgebieden_toelichting,
        participatieladder=participatieladder,
        gekozen_klantgroep=gekozen_klantgroep,
        geadviseerde_klantgroep=geadviseerde_klantgroep,
        motivatie=motivatie.strip(),
        afspraak_getekend_op=afspraak_getekend_op,
        rechten_plichten_op=rechten_plichten_op,
        lidmaatschap=lidmaatschap,
    )
    LadderMeting.objects.create(
        client=client, datum=datum, trede=participatieladder, bron="ambitiegesprek", door=actor
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
        details={"klantgroep": gekozen_klantgroep.code},
    )
    return gesprek


def kickoff_sessie_plan(
    *,
    actor,
    klantgroep: Klantgroep,
    datum: datetime.datetime,
    plaats: str,
    trainer,
    capaciteit: int,
) -> KickoffSessie:
    errors: dict[str, list[str]] = {}
    if datum < timezone.now():
        errors["datum"] = ["Een nieuwe bijeenkomst ligt in de toekomst."]
    if trainer is None or not trainer.heeft_rol(Rol.TRAINER):
        errors["trainer"] = ["Kies een trainer."]
    if not 1 <= capaciteit <= 200:
        errors["capaciteit"] = ["De capaciteit ligt tussen 1 en 200."]
    if errors:
        raise ValidationError(errors)
    sessie = KickoffSessie(
        klantgroep=klantgroep, datum=datum, plaats=plaats, trainer=trainer, capaciteit=capaciteit
    )
    sessie.full_clean()
    sessie.save()
    return sessie


def kickoff_nodig_uit(*, peildatum: datetime.date | None = None) -> int:
    """Invite every client whose ambitiegesprek was at least 14 days ago (and who has no
    invitation yet) to the next kick-off of their group with room left. Idempotent: one
    invitation per ambitiegesprek (unique), so a second run or a second worker adds nothing."""
    peildatum = peildatum or timezone.localdate()
    wachtend = (
        Ambitiegesprek.objects.filter(
            datum__lte=peildatum - datetime.timedelta(days=KICKOFF_NA_DAGEN)
        )
        .filter(~Exists(KickoffUitnodiging.objects.filter(ambitiegesprek=OuterRef("pk"))))
        .filter(client__fase=Fase.INGEDEELD)
        .select_related("lidmaatschap")
        .order_by("datum", "pk")
    )
    sessies: dict[int, list] = {}
    for sessie in (
        KickoffSessie.objects.filter(datum__date__gte=peildatum)
        .annotate(n=Count("uitnodigingen"))
        .order_by("datum")
    ):
        sessies.setdefault(sessie.klantgroep_id, []).append([sessie, sessie.capaciteit - sessie.n])
    aantal = 0
    for gesprek in wachtend.iterator(chunk_size=500):
        kandidaten = sessies.get(gesprek.lidmaatschap.klantgroep_id, [])
        plek = next((k for k in kandidaten if k[1] > 0), None)
        if plek is None:
            continue
        try:
            with transaction.atomic():
                KickoffUitnodiging.objects.create(
                    sessie=plek[0],
                    client_id=gesprek.client_id,
                    ambitiegesprek=gesprek,
                    uitgenodigd_op=peildatum,
                )
        except IntegrityError:
            continue  # another worker invited this client just now
        plek[1] -= 1
        aantal += 1
    return aantal


@transaction.atomic
def kickoff_aanwezigheid(
    *, actor, uitnodiging: KickoffUitnodiging, aanwezigheid: str, herkomst: str = Herkomst.WEB
) -> KickoffUitnodiging:
    if aanwezigheid not in KickoffUitnodiging.Aanwezigheid.values or not aanwezigheid:
        raise ValidationError({"aanwezigheid": ["Kies aanwezig, afgemeld of niet verschenen."]})
    locked = (
        KickoffUitnodiging.objects.select_for_update()
        .select_related("client")
        .get(pk=uitnodiging.pk)
    )
    vorige = locked.aanwezigheid
    locked.aanwezigheid = aanwezigheid
    locked.vastgelegd_door = actor
    locked.save(update_fields=["aanwezigheid", "vastgelegd_door"])
    if aanwezigheid == KickoffUitnodiging.Aanwezigheid.NIET_VERSCHENEN and vorige != aanwezigheid:
        signaal_meld(
            actor=actor,
            client=locked.client,
            soort=SignaalSoort.KICKOFF_NIET_VERSCHENEN,
            omschrijving=f"Niet verschenen op {locked.sessie}",
            bron="kick-off",
            herkomst=herkomst,
        )
    audit_record(
        actor=actor,
        actie=Actie.GEWIJZIGD,
        client_id=locked.client_id,
        object_type="kickoff",
        herkomst=herkomst,
        details={"aanwezigheid": aanwezigheid},
    )
    return locked


def zonder_ambitiegesprek():
    """The existing bestand still to talk to: active, placed clients without an ambitiegesprek."""
    return Client.objects.actief().filter(
        Q(fase=Fase.INGEDEELD) | Q(fase=Fase.INTAKE),
        ~Exists(Ambitiegesprek.objects.filter(client=OuterRef("pk"))),
    )
