"""Requesting and making raad reports; storing period figures (versioned)."""

import datetime

from django.db import transaction
from django.utils import timezone

from deventer_werk.audit.services import audit_record

from . import cijfers as cijfers_mod
from . import pdf
from .models import PeriodeCijfers, Raadsrapportage
from .periods import Periode, halfjaar_van, kwartaal_van


def periodecijfers_vastleggen(periode: Periode, wijk: str = "") -> PeriodeCijfers:
    """Compute the figures of a period; store a new version only when they changed."""
    cijfers = cijfers_mod.cijfers_bereken(periode, wijk=wijk or None)
    afdruk = cijfers_mod.vingerafdruk(cijfers)
    with transaction.atomic():
        laatste = (
            PeriodeCijfers.objects.select_for_update()
            .filter(periode=periode.code, wijk=wijk)
            .order_by("-versie")
            .first()
        )
        if laatste and laatste.vingerafdruk == afdruk:
            laatste.save(update_fields=["gecontroleerd_op"])  # unchanged: no new version
            return laatste
        return PeriodeCijfers.objects.create(
            periode=periode.code,
            wijk=wijk,
            versie=(laatste.versie + 1) if laatste else 1,
            cijfers=cijfers,
            vingerafdruk=afdruk,
            voorlopig=cijfers["huidig"]["periode"]["voorlopig"],
        )


def periodecijfers_nachtelijk(*, vandaag: datetime.date | None = None) -> list[str]:
    """Beat: the last finished quarter and half year (whole city), once per night."""
    vandaag = vandaag or timezone.localdate()
    perioden = [kwartaal_van(vandaag).vorige(), halfjaar_van(vandaag).vorige()]
    return [periodecijfers_vastleggen(p).periode for p in perioden]


@transaction.atomic
def rapport_vraag_aan(
    *, actor, periode: Periode, concept: bool = False, vandaag: datetime.date | None = None
) -> Raadsrapportage:
    """Queue a report; the Celery task is sent only when the row is committed. A period that
    already has a report (queued, running or finished) whose figures have not changed since
    gets that report back instead of a second one."""
    if periode.eind >= (vandaag or timezone.localdate()):
        raise ValueError("Deze periode is nog niet voorbij; kies een afgelopen periode.")
    bestaand = (
        Raadsrapportage.objects.select_for_update()
        .filter(periode=periode.code)
        .exclude(status=Raadsrapportage.Status.MISLUKT)
        .defer("pdf")
        .order_by("-aangevraagd_op")
        .first()
    )
    if bestaand and not _cijfers_gewijzigd(bestaand):
        return bestaand
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


def _cijfers_gewijzigd(rapport: Raadsrapportage) -> bool:
    """True when the figures of the period were recomputed with a different result after the
    report froze them (a newer stored version with another fingerprint)."""
    if rapport.status != Raadsrapportage.Status.KLAAR or not rapport.cijfers:
        return False
    return (
        PeriodeCijfers.objects.filter(
            periode=rapport.periode, wijk="", berekend_op__gte=rapport.klaar_op
        )
        .exclude(vingerafdruk=cijfers_mod.vingerafdruk(rapport.cijfers))
        .exists()
    )


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
        snapshot = cijfers_mod.cijfers_bereken(Periode.parse(obj.periode), voortgang)
        voortgang(70, "Opmaak")
        html = pdf.rapport_html(snapshot)
        voortgang(80, "PDF maken")
        document = pdf.rapport_pdf(html)
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
        pdf=document,
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
