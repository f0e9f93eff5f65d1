"""Requesting and making raad reports; storing period figures (versioned)."""

from __future__ import annotations

import datetime
import logging
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from deventer_werk.audit.services import audit_record
from deventer_werk.dates import today

from . import cijfers as cijfers_mod
from . import pdf
from .models import PeriodeCijfers, Raadsrapportage
from .periods import Periode, halfjaar_van, kwartaal_van
from .presentatie import presenteer


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
        nieuw = PeriodeCijfers.objects.create(
            periode=periode.code,
            wijk=wijk,
            versie=(laatste.versie + 1) if laatste else 1,
            cijfers=cijfers,
            vingerafdruk=afdruk,
            voorlopig=cijfers["huidig"]["periode"]["voorlopig"],
        )
    # The dashboard's charts of the new figures, drawn here rather than on a page view; from
    # the figures as stored (JSON), which is what the dashboard reads.
    opgeslagen = PeriodeCijfers.objects.values_list("cijfers", flat=True).get(pk=nieuw.pk)
    pdf.grafieken_dashboard(presenteer(opgeslagen))
    return nieuw


def periodecijfers_nachtelijk(*, vandaag: datetime.date | None = None) -> list[str]:
    """Beat: the last finished quarter and half year (whole city), once per night."""
    vandaag = vandaag or timezone.localdate()
    perioden = [kwartaal_van(vandaag).vorige(), halfjaar_van(vandaag).vorige()]
    return [periodecijfers_vastleggen(p).periode for p in perioden]


logger = logging.getLogger(__name__)
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
    """Queue a report; the Celery task is sent only when the row is committed. A period that
    already has a report (queued, running or finished) whose figures have not changed since
    gets that report back instead of a second one."""
    if periode.eind >= (vandaag or today()):
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
    transaction.on_commit(lambda: rapport_verstuur(obj.pk))
    return obj


def rapport_verstuur(rapport_id: int) -> bool:
    """Hand the report to the broker once, without waiting on a broker that is down: the row
    stays "in de wachtrij" and the sweeper sends it when Redis is back."""
    from .tasks import rapport_maak

    try:
        # One attempt on a connection of its own (max_retries 0: no 2 s of reconnect sleeps)
        # and no result backend: the report's state is its row. Without ignore_result Celery
        # first subscribes to the result in Redis, retrying ~19 s while Redis is down.
        app = rapport_maak.app
        with app.connection_for_write(transport_options={"max_retries": 0}) as conn:
            producer = app.amqp.Producer(conn, auto_declare=False)
            rapport_maak.apply_async(
                (rapport_id,), retry=False, ignore_result=True, producer=producer
            )
    except Exception as exc:  # noqa: BLE001 - kombu/redis raise many kinds; none may reach the user
        logger.warning(
            "rapport niet verstuurd, sweeper probeert opnieuw",
            extra={"action": "rapport_niet_verstuurd", "rapport": rapport_id, "fout": repr(exc)},
        )
        return False
    Raadsrapportage.objects.filter(pk=rapport_id).update(verstuurd_op=timezone.now())
    return True


def rapport_te_versturen(*, nu: datetime.datetime) -> list[int]:
    """Reports whose message Redis never got (requested > 20 s ago, never sent), lost (queued and
    last sent longer ago than the visibility timeout) or whose worker died (no progress for
    longer than the task time limit)."""
    rust = datetime.timedelta(seconds=20)
    verloren = datetime.timedelta(
        seconds=settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"]
    )
    vast = datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    S = Raadsrapportage.Status
    return list(
        Raadsrapportage.objects.filter(
            Q(status=S.WACHTRIJ, verstuurd_op__isnull=True, aangevraagd_op__lt=nu - rust)
            | Q(status=S.WACHTRIJ, verstuurd_op__lt=nu - verloren)
            | Q(status=S.BEZIG, bijgewerkt_op__lt=nu - vast)
        ).values_list("pk", flat=True)
    )


def _claim(rapport_id: int) -> bool:
    """Atomically take the report: queued, or stuck because its worker died. A second delivery
    of the same message (a sweep, a redelivery) finds it taken and does nothing."""
    nu = timezone.now()
    vast = nu - datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    S = Raadsrapportage.Status
    return bool(
        Raadsrapportage.objects.filter(pk=rapport_id)
        .filter(Q(status=S.WACHTRIJ) | Q(status=S.BEZIG, bijgewerkt_op__lt=vast))
        .update(status=S.BEZIG, voortgang=5, stap="Starten", foutmelding="", bijgewerkt_op=nu)
    )


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
    if not _claim(obj.pk):
        return obj  # idempotent: finished, or another worker is making it right now

    def voortgang(pct: int, stap: str) -> None:
        Raadsrapportage.objects.filter(pk=obj.pk).update(
            voortgang=pct, stap=stap, bijgewerkt_op=timezone.now()
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
    vandaag = vandaag or today()
    periode = halfjaar_van(vandaag).vorige()
    if Raadsrapportage.objects.filter(periode=periode.code, concept=True).exists():
        return None
    return rapport_vraag_aan(actor=None, periode=periode, concept=True, vandaag=vandaag)
