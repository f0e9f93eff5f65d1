"""Corrections of a recorded decision by its owner (issue 29 item 3).

A wrong group change or a wrong uitstroom is corrected, never silently edited: the record is
put right (so the klantreis, the werkvoorraad and every monitoring figure follow) and a
``Correctie`` row keeps what it was, what it became, the reason and who did it. The dossier,
the tijdlijn and the monitoring show these rows.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from clients.groepen.models import Groepslidmaatschap
from clients.groepen.services import soort_wijziging
from deventer_werk.audit.constants import Actie, Herkomst
from deventer_werk.audit.services import audit_record
from deventer_werk.dates import today
from klantgroepen.models import Klantgroep

from .constants import Fase, Uitstroomreden
from .models import Client, Contactpersoon, Correctie, Uitkeringsperiode

if TYPE_CHECKING:
    from deventer_werk.accounts.models import User

DAG = datetime.timedelta(days=1)


def _vastleggen(correctie: Correctie, *, herkomst: str) -> Correctie:
    """Keep the correction, bring the client's planned work in line, write the audit row."""
    from clients.registry import client_herplan

    correctie.save()
    client_herplan(client_id=correctie.client_id)
    audit_record(
        actor=correctie.door,
        actie=Actie.GEWIJZIGD,
        client_id=correctie.client_id,
        object_type="correctie",
        herkomst=herkomst,
        details={"soort": correctie.soort, "wijze": correctie.wijze},
    )
    return correctie


# --- group changes ----------------------------------------------------------------------
Lid = Groepslidmaatschap | None


def groepswijziging_te_corrigeren(client: Client) -> tuple[Lid, Lid]:
    """The membership that can be corrected (the current one) and the one before it (that
    ended the day it started), or (None, None) when the client has no current group."""
    huidig = Groepslidmaatschap.objects.huidig(client)
    if huidig is None:
        return None, None
    vorige = (
        Groepslidmaatschap.objects.filter(client=client, tot=huidig.van)
        .select_related("klantgroep")
        .first()
    )
    return huidig, vorige


def _beschrijf_lidmaatschap(lm: Groepslidmaatschap) -> str:
    return f"{lm.get_soort_display()} naar {lm.klantgroep.naam} per {lm.van:%d-%m-%Y}"


def _lidmaatschap_oud(lm: Groepslidmaatschap) -> dict:
    return {
        "id": lm.pk,
        "klantgroep": lm.klantgroep.code,
        "van": lm.van.isoformat(),
        "soort": lm.soort,
        "reden": lm.reden,
        "gekozen_klantgroep": lm.gekozen_klantgroep_id,
        "geadviseerde_klantgroep": lm.geadviseerde_klantgroep_id,
        "besloten_door": lm.besloten_door_id,
        "aangemaakt_op": lm.aangemaakt_op.isoformat() if lm.aangemaakt_op else None,
    }


def _verwijzingen_los(lm: Groepslidmaatschap) -> None:
    """Records that point at a membership that is undone keep existing (a voortgangsgesprek
    that proposed the change stays as it was said); their optional link is cleared. A
    required link (the ambitiegesprek of an eerste indeling) makes undoing impossible, which
    the caller checked before."""
    for rel in Groepslidmaatschap._meta.related_objects:
        if rel.one_to_many and rel.field.null:
            rel.related_model._default_manager.filter(**{rel.field.name: lm}).update(
                **{rel.field.name: None}
            )


@transaction.atomic
def groepswijziging_corrigeer(
    *,
    actor: User,
    client: Client,
    wijze: str,
    reden: str,
    klantgroep: Klantgroep | None = None,
    van: datetime.date | None = None,
    herkomst: str = Herkomst.WEB,
) -> Correctie:
    """Correct the client's latest group change: undo it (the client is back in the group
    before, as if the change never happened) or put group and/or date right. The kind of the
    change (doorstroom, terugval) follows the corrected group."""
    locked = Client.objects.select_for_update().get(pk=client.pk)
    huidig, vorige = groepswijziging_te_corrigeren(locked)
    errors: dict[str, list[str]] = {}
    if not reden.strip():
        errors["reden"] = ["Geef de reden van de correctie."]
    if huidig is None:
        raise ValidationError({"wijze": ["Deze klant heeft geen klantgroep om te corrigeren."]})
    if locked.fase == Fase.AFGESLOTEN:
        errors["wijze"] = ["Het dossier is afgesloten: corrigeer eerst de uitstroom."]
    if wijze == Correctie.Wijze.ONGEDAAN:
        if vorige is None:
            errors["wijze"] = [
                "Een eerste indeling kan niet ongedaan worden gemaakt: corrigeer de klantgroep "
                "of de ingangsdatum."
            ]
    elif wijze == Correctie.Wijze.GEWIJZIGD:
        if klantgroep is None:
            errors["klantgroep"] = ["Kies de juiste klantgroep."]
        if van is None:
            errors["van"] = ["Geef de juiste ingangsdatum."]
        if klantgroep is not None and van is not None:
            if klantgroep.pk == huidig.klantgroep_id and van == huidig.van:
                errors["klantgroep"] = [
                    "Klantgroep en ingangsdatum zijn gelijk aan de vastlegging."
                ]
            if vorige is not None and klantgroep.pk == vorige.klantgroep_id:
                errors["klantgroep"] = [
                    f"{klantgroep.naam} is de klantgroep vóór deze wijziging: kies "
                    "'ongedaan maken'."
                ]
            if van > today() + datetime.timedelta(days=366):
                errors["van"] = ["De ingangsdatum ligt te ver in de toekomst."]
            if vorige is not None and van <= vorige.van:
                errors["van"] = [
                    f"De ingangsdatum moet na {vorige.van:%d-%m-%Y} liggen (start van de "
                    f"klantgroep daarvoor, {vorige.klantgroep.naam})."
                ]
    else:
        errors["wijze"] = ["Kies wat er gecorrigeerd moet worden."]
    if errors:
        raise ValidationError(errors)
    assert huidig is not None
    was = _beschrijf_lidmaatschap(huidig)
    oud = _lidmaatschap_oud(huidig)
    datum_was = huidig.van
    if wijze == Correctie.Wijze.ONGEDAAN:
        assert vorige is not None
        _verwijzingen_los(huidig)
        huidig.delete()
        vorige.tot = None
        vorige.save(update_fields=["tot"])
        wordt = f"Ongedaan: weer {vorige.klantgroep.naam} (sinds {vorige.van:%d-%m-%Y})"
        datum_wordt = None
    else:
        assert klantgroep is not None and van is not None
        if huidig.gekozen_klantgroep_id == huidig.klantgroep_id:
            huidig.gekozen_klantgroep = klantgroep  # the choice was recorded wrongly too
        huidig.klantgroep = klantgroep
        huidig.soort = soort_wijziging(vorige.klantgroep if vorige else None, klantgroep)
        # The exclusion constraint (no overlap) is checked per statement: shrink first.
        if vorige is not None and van < huidig.van:
            vorige.tot = van
            vorige.save(update_fields=["tot"])
            huidig.van = van
            huidig.save(update_fields=["klantgroep", "soort", "van", "gekozen_klantgroep"])
        else:
            huidig.van = van
            huidig.save(update_fields=["klantgroep", "soort", "van", "gekozen_klantgroep"])
            if vorige is not None:
                vorige.tot = van
                vorige.save(update_fields=["tot"])
        wordt = _beschrijf_lidmaatschap(huidig)
        datum_wordt = van
    return _vastleggen(
        Correctie(
            client=locked,
            soort=Correctie.Soort.GROEPSWIJZIGING,
            wijze=wijze,
            was=was,
            wordt=wordt,
            oud=oud,
            reden=reden.strip(),
            datum_was=datum_was,
            datum_wordt=datum_wordt,
            door=actor,
        ),
        herkomst=herkomst,
    )


# --- uitstroom --------------------------------------------------------------------------
def uitstroom_te_corrigeren(client: Client) -> Uitkeringsperiode | None:
    """The client's latest ended period with an uitstroom (a refusal at screening is a
    screening decision, not an uitstroom), while no later period has begun."""
    laatste = Uitkeringsperiode.objects.filter(client=client).order_by("-melddatum").first()
    if (
        laatste is None
        or laatste.einddatum is None
        or laatste.uitstroomreden == Uitstroomreden.GEEN_RECHT
    ):
        return None
    return laatste


@transaction.atomic
def uitstroom_corrigeer(
    *,
    actor: User,
    client: Client,
    wijze: str,
    reden: str,
    uitstroomreden: str = "",
    einddatum: datetime.date | None = None,
    herkomst: str = Herkomst.WEB,
) -> Correctie:
    """Correct the client's last uitstroom: undo it (the benefit runs on; group and contact
    persons that ended with it run on) or put reason and/or last day right."""
    locked = Client.objects.select_for_update().get(pk=client.pk)
    periode = uitstroom_te_corrigeren(locked)
    if periode is None:
        raise ValidationError({"wijze": ["Deze klant heeft geen uitstroom om te corrigeren."]})
    periode = Uitkeringsperiode.objects.select_for_update().get(pk=periode.pk)
    assert periode.einddatum is not None
    dag_erna = periode.einddatum + DAG
    lidmaatschap = (
        Groepslidmaatschap.objects.filter(client=locked, tot=dag_erna)
        .select_related("klantgroep")
        .first()
    )
    later_lid = Groepslidmaatschap.objects.filter(client=locked, van__gte=dag_erna).exists()
    errors: dict[str, list[str]] = {}
    if not reden.strip():
        errors["reden"] = ["Geef de reden van de correctie."]
    if wijze == Correctie.Wijze.ONGEDAAN:
        if later_lid:
            errors["wijze"] = [
                "Na deze uitstroom is de klant opnieuw ingedeeld: ongedaan maken kan niet meer."
            ]
    elif wijze == Correctie.Wijze.GEWIJZIGD:
        reden_mag = set(Uitstroomreden.values) - {Uitstroomreden.GEEN_RECHT}
        if uitstroomreden not in reden_mag:
            errors["uitstroomreden"] = ["Kies de juiste reden van uitstroom."]
        if einddatum is None:
            errors["einddatum"] = ["Geef de juiste einddatum."]
        else:
            if einddatum == periode.einddatum and uitstroomreden == periode.uitstroomreden:
                errors["uitstroomreden"] = ["Reden en einddatum zijn gelijk aan de vastlegging."]
            if einddatum > today() + datetime.timedelta(days=62):
                errors["einddatum"] = ["De einddatum ligt te ver in de toekomst."]
            if einddatum < periode.melddatum:
                errors["einddatum"] = [
                    "De einddatum kan niet vóór de melddatum "
                    f"({periode.melddatum:%d-%m-%Y}) liggen."
                ]
            if einddatum != periode.einddatum and later_lid:
                errors["einddatum"] = [
                    "Na deze uitstroom is de klant opnieuw ingedeeld: alleen de reden kan nog "
                    "worden gecorrigeerd."
                ]
            if lidmaatschap is not None and einddatum < lidmaatschap.van:
                errors["einddatum"] = [
                    f"De einddatum kan niet vóór de start van de klantgroep "
                    f"({lidmaatschap.van:%d-%m-%Y}) liggen."
                ]
    else:
        errors["wijze"] = ["Kies wat er gecorrigeerd moet worden."]
    if errors:
        raise ValidationError(errors)
    was = f"Uitstroom per {periode.einddatum:%d-%m-%Y}: {periode.get_uitstroomreden_display()}"
    oud = {
        "periode": periode.pk,
        "einddatum": periode.einddatum.isoformat(),
        "uitstroomreden": periode.uitstroomreden,
        "toelichting": periode.toelichting,
    }
    datum_was = periode.einddatum
    contacten = Contactpersoon.objects.filter(client=locked, tot=dag_erna)
    if wijze == Correctie.Wijze.ONGEDAAN:
        periode.einddatum = None
        periode.uitstroomreden = ""
        periode.save(update_fields=["einddatum", "uitstroomreden"])
        if lidmaatschap is not None:
            lidmaatschap.tot = None
            lidmaatschap.save(update_fields=["tot"])
        # Contact persons who ended with the uitstroom run on, unless one was appointed since.
        for c in contacten:
            if (
                not Contactpersoon.objects.actueel()
                .filter(client=locked, organisatie=c.organisatie, rol=c.rol)
                .exists()
            ):
                c.tot = None
                c.save(update_fields=["tot"])
        locked.fase = Fase.INGEDEELD if lidmaatschap is not None else Fase.MELDING
        locked.versie += 1
        locked.save(update_fields=["fase", "versie", "gewijzigd_op"])
        wordt = "Ongedaan: de uitkering loopt door"
        datum_wordt = None
    else:
        assert einddatum is not None
        periode.einddatum = einddatum
        periode.uitstroomreden = uitstroomreden
        periode.full_clean()
        periode.save(update_fields=["einddatum", "uitstroomreden"])
        nieuw_erna = einddatum + DAG
        if nieuw_erna != dag_erna:
            if lidmaatschap is not None:
                lidmaatschap.tot = nieuw_erna
                lidmaatschap.save(update_fields=["tot"])
            for c in contacten:
                c.tot = max(nieuw_erna, c.van + DAG)
                c.save(update_fields=["tot"])
        wordt = f"Uitstroom per {einddatum:%d-%m-%Y}: {periode.get_uitstroomreden_display()}"
        datum_wordt = einddatum
    return _vastleggen(
        Correctie(
            client=locked,
            soort=Correctie.Soort.UITSTROOM,
            wijze=wijze,
            was=was,
            wordt=wordt,
            oud=oud,
            reden=reden.strip(),
            datum_was=datum_was,
            datum_wordt=datum_wordt,
            door=actor,
        ),
        herkomst=herkomst,
    )
