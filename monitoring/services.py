"""Requesting and making raad reports."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from deventer_werk.audit.services import audit_record

from . import rapport
from .models import Raadsrapportage
from .periods import Periode, halfjaar_van

if TYPE_CHECKING:
    from deventer_werk.accounts.models import User


@transaction.atomic
def rapport_vraag_aan(
    *,
    actor: User | None,
    periode: Periode,
    concept: bool = False,
    vandaag: datetime.date | None = None,
) -> Raadsrapportage:
    """Queue a report; the Celery task is sent only when the row is committed."""
    if periode.eind >= (vandaag or timezone.localdate()):
        raise ValueError("Deze periode is nog niet voorbij; kies een afgelopen periode.")
    obj = Raadsrapportage.objects.create(
        periode=periode.code, aangevraagd_door=actor, concept=concept
    )
    audit_record(
        actor=actor,
        actie="rapport_aangevraagd",
        object_type="raadsrapportage",
        details={"rapport": obj.pk, "periode": periode.code},
    )
    from .tasks import rapport_maak

    transaction.on_commit(lambda: rapport_maak.delay(obj.pk))
    return obj


def rapport_maak_nu(rapport_id: int) -> Raadsrapportage:
    """Freeze the figures and print the PDF; progress is saved as it goes."""
    obj = Raadsrapportage.objects.get(pk=rapport_id)
    if obj.status == Raadsrapportage.Status.KLAAR:
        return obj  # idempotent: a redelivered task does not redo a finished report

    def voortgang(pct: int, stap: str) -> None:
        Raadsrapportage.objects.filter(pk=obj.pk).update(voortgang=pct, stap=stap)

    Raadsrapportage.objects.filter(pk=obj.pk).update(
        status=Raadsrapportage.Status.BEZIG, voortgang=5, stap="Starten", foutmelding=""
    )
    try:
        snapshot = rapport.cijfers_bereken(Periode.parse(obj.periode), voortgang)
        voortgang(70, "Opmaak")
        html = rapport.rapport_html(snapshot)
        voortgang(80, "PDF maken")
        pdf = rapport.rapport_pdf(html)
    except Exception as exc:
        Raadsrapportage.objects.filter(pk=obj.pk).update(
            status=Raadsrapportage.Status.MISLUKT, foutmelding=f"{type(exc).__name__}: {exc}"[:500]
        )
        raise
    Raadsrapportage.objects.filter(pk=obj.pk).update(
        status=Raadsrapportage.Status.KLAAR,
        voortgang=100,
        stap="",
        cijfers=snapshot,
        pdf=pdf,
        klaar_op=timezone.now(),
    )
    obj.refresh_from_db()
    return obj


def concept_vorig_halfjaar(*, vandaag: datetime.date | None = None) -> Raadsrapportage | None:
    """Beat, after 1 January and 1 July: draft the report of the half year just ended (once)."""
    vandaag = vandaag or timezone.localdate()
    periode = halfjaar_van(vandaag).vorige()
    if Raadsrapportage.objects.filter(periode=periode.code, concept=True).exists():
        return None
    return rapport_vraag_aan(actor=None, periode=periode, concept=True, vandaag=vandaag)
