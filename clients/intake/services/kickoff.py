"""Kick-off: sessions, invitations (a nightly task calls ``kickoff_nodig_uit``), attendance."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from clients.constants import SignaalSoort
from clients.models import Signaal
from clients.services import ConcurrentEditError
from clients.signalen import signaal_handel_af, signaal_meld
from deventer_werk.access import may
from deventer_werk.audit.constants import Actie, Herkomst
from deventer_werk.audit.services import audit_record
from deventer_werk.dates import today
from klantgroepen.models import Klantgroep

from .. import rules
from ..models import (
    AanwezigheidRegistratie,
    KickoffSessie,
    KickoffUitnodiging,
)
from ..selectors import kickoff_wachtend
from ._common import (
    KICKOFF_BRON,
)

if TYPE_CHECKING:
    import uuid

    from deventer_werk.accounts.models import User


@transaction.atomic
def kickoff_sessie_plan(
    *,
    actor: User,
    klantgroep: Klantgroep,
    datum: datetime.datetime,
    plaats: str,
    trainer: User,
    capaciteit: int,
) -> KickoffSessie:
    errors: dict[str, list[str]] = {}
    if datum < timezone.now():
        errors["datum"] = ["Een nieuwe bijeenkomst ligt in de toekomst."]
    if trainer is None or not may(trainer, rules.KICKOFF_TRAINEN):
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


def kickoff_nodig_uit(
    *, peildatum: datetime.date | None = None, herkomst: str = Herkomst.TAAK
) -> int:
    """Invite every client whose latest ambitiegesprek was at least 14 days before
    ``peildatum`` and who has no invitation for it yet, to the first kick-off of their current
    group after ``peildatum`` that still has room. Returns the number of new invitations.

    Idempotent and safe with two workers: one invitation per ambitiegesprek (a unique
    constraint) and the session row is locked while its seats are counted. A client for whom
    no session has room waits for the next run (the kick-off page shows how many wait).
    """
    peildatum = peildatum or today()
    sessies: dict[int, list[int]] = {}
    for sessie_pk, groep_pk in (
        KickoffSessie.objects.filter(datum__date__gt=peildatum)
        .order_by("datum", "pk")
        .values_list("pk", "klantgroep_id")
    ):
        sessies.setdefault(groep_pk, []).append(sessie_pk)
    if not sessies:
        return 0
    vol: set[int] = set()
    aantal = 0
    for gesprek_pk, client_pk, groep_pk in kickoff_wachtend(peildatum=peildatum).values_list(
        "pk", "client_id", "huidige_groep"
    ):
        for sessie_pk in sessies.get(groep_pk, []):
            if sessie_pk in vol:
                continue
            uitkomst = _kickoff_plaats(
                sessie_pk=sessie_pk,
                gesprek_pk=gesprek_pk,
                client_pk=client_pk,
                peildatum=peildatum,
                herkomst=herkomst,
            )
            if uitkomst == "vol":
                vol.add(sessie_pk)
                continue
            aantal += uitkomst == "uitgenodigd"
            break
    return aantal


@transaction.atomic
def _kickoff_plaats(
    *,
    sessie_pk: int,
    gesprek_pk: int,
    client_pk: uuid.UUID,
    peildatum: datetime.date,
    herkomst: str,
) -> str:
    sessie = KickoffSessie.objects.select_for_update().get(pk=sessie_pk)
    bezet = sessie.uitnodigingen.exclude(
        aanwezigheid=KickoffUitnodiging.Aanwezigheid.AFGEMELD
    ).count()
    if bezet >= sessie.capaciteit:
        return "vol"
    try:
        with transaction.atomic():
            KickoffUitnodiging.objects.create(
                sessie=sessie,
                client_id=client_pk,
                ambitiegesprek_id=gesprek_pk,
                uitgenodigd_op=peildatum,
            )
    except IntegrityError:
        return "al_uitgenodigd"  # another worker invited this client just now
    audit_record(
        actor=None,
        actie=Actie.AANGEMAAKT,
        client_id=client_pk,
        object_type="kickoff_uitnodiging",
        herkomst=herkomst,
        details={"sessie": sessie.pk},
    )
    return "uitgenodigd"


@transaction.atomic
def kickoff_aanwezigheid(
    *,
    actor: User,
    uitnodiging: KickoffUitnodiging,
    aanwezigheid: str,
    versie: int | None = None,
    herkomst: str = Herkomst.WEB,
) -> KickoffUitnodiging:
    """Record attendance. Every recording is kept (``AanwezigheidRegistratie``); a no-show
    leaves a follow-up signal on the dossier, and correcting a no-show closes that signal.
    Pass ``versie`` (from the page) to refuse a save based on an outdated view."""
    if aanwezigheid not in KickoffUitnodiging.Aanwezigheid.values or not aanwezigheid:
        raise ValidationError({"aanwezigheid": ["Kies aanwezig, afgemeld of niet verschenen."]})
    locked = (
        KickoffUitnodiging.objects.select_for_update(of=("self",))
        .select_related("client", "sessie__klantgroep")
        .get(pk=uitnodiging.pk)
    )
    if versie is not None and locked.versie != versie:
        raise ConcurrentEditError()
    nu = timezone.now()
    if aanwezigheid != KickoffUitnodiging.Aanwezigheid.AFGEMELD and locked.sessie.datum > nu:
        raise ValidationError(
            {
                "aanwezigheid": [
                    "Aanwezig of niet verschenen legt u vast vanaf het begin van de "
                    f"bijeenkomst ({timezone.localtime(locked.sessie.datum):%d-%m-%Y %H:%M}); "
                    "vooraf kan alleen een afmelding."
                ]
            }
        )
    vorige = locked.aanwezigheid
    if vorige == aanwezigheid:
        return locked  # nothing changed: no new fact, no second signal
    locked.aanwezigheid = aanwezigheid
    locked.vastgelegd_door = actor
    locked.vastgelegd_op = nu
    locked.versie += 1
    locked.save(update_fields=["aanwezigheid", "vastgelegd_door", "vastgelegd_op", "versie"])
    registratie = AanwezigheidRegistratie(
        uitnodiging=locked, aanwezigheid=aanwezigheid, vastgelegd_op=nu, door=actor
    )
    registratie.full_clean()
    registratie.save()
    if aanwezigheid == KickoffUitnodiging.Aanwezigheid.NIET_VERSCHENEN:
        signaal_meld(
            actor=actor,
            client=locked.client,
            soort=SignaalSoort.KICKOFF_NIET_VERSCHENEN,
            omschrijving=_no_show_omschrijving(locked.sessie),
            bron=KICKOFF_BRON,
            herkomst=herkomst,
        )
    elif vorige == KickoffUitnodiging.Aanwezigheid.NIET_VERSCHENEN:
        for signaal in Signaal.objects.filter(
            client=locked.client,
            soort=SignaalSoort.KICKOFF_NIET_VERSCHENEN,
            bron=KICKOFF_BRON,
            omschrijving=_no_show_omschrijving(locked.sessie),
            afgehandeld_op__isnull=True,
        ):
            signaal_handel_af(
                actor=actor,
                signaal=signaal,
                afhandeling="Aanwezigheid gecorrigeerd naar "
                f"'{locked.get_aanwezigheid_display().lower()}' door de trainer.",
                herkomst=herkomst,
            )
    audit_record(
        actor=actor,
        actie=Actie.GEWIJZIGD,
        client_id=locked.client_id,
        object_type="kickoff",
        herkomst=herkomst,
        details={"aanwezigheid": aanwezigheid, "vorige": vorige},
    )
    return locked


def _no_show_omschrijving(sessie: KickoffSessie) -> str:
    return f"Niet verschenen op de kick-off van {timezone.localtime(sessie.datum):%d-%m-%Y %H:%M}"
