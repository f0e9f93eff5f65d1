"""Kick-off: sessions and attendance with its consequences (a miss re-invites, repeated misses
signal the contact person). Invitations themselves live in ``uitnodiging.py``."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from clients.constants import Fase, SignaalSoort
from clients.models import Signaal
from clients.services import ConcurrentEditError
from clients.signalen import signaal_handel_af, signaal_meld
from deventer_werk.access import may
from deventer_werk.audit.constants import Actie, Herkomst
from deventer_werk.audit.services import audit_record
from klantgroepen.models import Klantgroep

from .. import rules
from ..models import (
    AanwezigheidRegistratie,
    KickoffSessie,
    KickoffUitnodiging,
)
from ._common import (
    KICKOFF_BRON,
)
from .gemist import kickoff_gemist_gevolgen
from .uitnodiging import kickoff_laat_vervallen, kickoff_plaats_wachtenden
from .vervolg import kickoff_vervolg

if TYPE_CHECKING:
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
    audit_record(
        actor=actor,
        actie=Actie.AANGEMAAKT,
        object_type="kickoff_sessie",
        herkomst=Herkomst.WEB,
        details={"sessie": sessie.pk, "klantgroep": klantgroep.code, "capaciteit": capaciteit},
    )
    # the clients who wait for a session of this group are invited at once
    kickoff_plaats_wachtenden(klantgroep_id=klantgroep.pk, herkomst=Herkomst.WEB, actor=actor)
    return sessie


def kickoff_nodig_uit(
    *, peildatum: datetime.date | None = None, herkomst: str = Herkomst.TAAK
) -> int:
    """The nightly safety net: seat the clients who wait for a kick-off in a session that has
    a seat now (a cancellation freed one, a session was added in the admin). The invitation
    itself is made when the ambitiegesprek is saved; old gesprekken of the existing bestand
    are invited in batches by a trainer (``kickoff_bestand_nodig_uit``), never here.
    ``peildatum`` is kept for the task's signature; the clock decides. Open invitations of
    clients who left lapse first, so their seats are free again. Idempotent."""
    kickoff_na_uitstroom(herkomst=herkomst)
    return kickoff_plaats_wachtenden(herkomst=herkomst)


def kickoff_na_uitstroom(*, herkomst: str = Herkomst.TAAK) -> int:
    """Open invitations of clients whose dossier is closed lapse (kept, with the reason)."""
    open_ = KickoffUitnodiging.objects.filter(
        aanwezigheid="", vervallen_op__isnull=True, client__fase=Fase.AFGESLOTEN
    )
    aantal = 0
    for uitnodiging in open_:
        kickoff_laat_vervallen(
            actor=None,
            uitnodiging=uitnodiging,
            reden="Uitstroom: dossier afgesloten",
            herkomst=herkomst,
        )
        aantal += 1
    return aantal


@transaction.atomic
def kickoff_aanwezigheid(
    *,
    actor: User,
    uitnodiging: KickoffUitnodiging,
    aanwezigheid: str,
    versie: int | None = None,
    contactpersoon: User | None = None,
    afspraak_datum: datetime.date | None = None,
    afspraak_tijd: datetime.time | None = None,
    herkomst: str = Herkomst.WEB,
) -> KickoffUitnodiging:
    """Record attendance. The first "aanwezig" starts what follows the kick-off
    (``vervolg.kickoff_vervolg``: the contact person ``contactpersoon`` and the first
    appointment on ``afspraak_datum``, both optional). Every recording is kept
    (``AanwezigheidRegistratie``); a no-show leaves a follow-up signal on the dossier, and
    correcting a no-show closes that signal; a miss re-invites (``gemist.py``).
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
    sessie = locked.sessie
    if sessie is None:
        raise ValidationError(
            {
                "aanwezigheid": [
                    "Deze klant wacht nog op een bijeenkomst; er is niets vast te leggen."
                ]
            }
        )
    nu = timezone.now()
    if aanwezigheid != KickoffUitnodiging.Aanwezigheid.AFGEMELD and sessie.datum > nu:
        raise ValidationError(
            {
                "aanwezigheid": [
                    "Aanwezig of niet verschenen legt u vast vanaf het begin van de "
                    f"bijeenkomst ({timezone.localtime(sessie.datum):%d-%m-%Y %H:%M}); "
                    "vooraf kan alleen een afmelding."
                ]
            }
        )
    if locked.vervallen_op is not None:
        raise ValidationError(
            {"aanwezigheid": ["Deze uitnodiging is vervallen; er is niets meer vast te leggen."]}
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
            omschrijving=_no_show_omschrijving(sessie),
            bron=KICKOFF_BRON,
            herkomst=herkomst,
        )
    elif vorige == KickoffUitnodiging.Aanwezigheid.NIET_VERSCHENEN:
        for signaal in Signaal.objects.filter(
            client=locked.client,
            soort=SignaalSoort.KICKOFF_NIET_VERSCHENEN,
            bron=KICKOFF_BRON,
            omschrijving=_no_show_omschrijving(sessie),
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
    kickoff_gemist_gevolgen(actor=actor, uitnodiging=locked, vorige=vorige, herkomst=herkomst)
    if aanwezigheid == KickoffUitnodiging.Aanwezigheid.AANWEZIG:
        kickoff_vervolg(
            actor=actor,
            uitnodiging=locked,
            medewerker=contactpersoon,
            afspraak_datum=afspraak_datum,
            afspraak_tijd=afspraak_tijd,
            herkomst=herkomst,
        )
    return locked


def _no_show_omschrijving(sessie: KickoffSessie) -> str:
    return f"Niet verschenen op de kick-off van {timezone.localtime(sessie.datum):%d-%m-%Y %H:%M}"


@transaction.atomic
def kickoff_bevestig(
    *,
    actor: User,
    uitnodiging: KickoffUitnodiging,
    versie: int | None = None,
    herkomst: str = Herkomst.WEB,
) -> KickoffUitnodiging:
    """The client confirmed they will come (by phone, mail, at the desk): recorded before the
    session on an open invitation; counted as "bevestigd" on the trainer's start page."""
    locked = (
        KickoffUitnodiging.objects.select_for_update(of=("self",))
        .select_related("sessie")
        .get(pk=uitnodiging.pk)
    )
    if versie is not None and locked.versie != versie:
        raise ConcurrentEditError()
    if not locked.open or locked.sessie is None:
        raise ValidationError(
            {"__all__": ["Alleen een open uitnodiging voor een bijeenkomst kan worden bevestigd."]}
        )
    if locked.sessie.datum <= timezone.now():
        raise ValidationError(
            {"__all__": ["De bijeenkomst is al begonnen: leg de aanwezigheid vast."]}
        )
    if locked.bevestigd_op is not None:
        return locked
    locked.bevestigd_op = timezone.now()
    locked.versie += 1
    locked.save(update_fields=["bevestigd_op", "versie"])
    audit_record(
        actor=actor,
        actie=Actie.GEWIJZIGD,
        client_id=locked.client_id,
        object_type="kickoff",
        herkomst=herkomst,
        details={"bevestigd": True, "uitnodiging": locked.pk},
    )
    return locked
