"""Kick-off invitations (policy §3.2, §4.1): at the end of the ambitiegesprek every client is
invited to the first session of their group, about two weeks later, that has a free seat.

An invitation without a session waits for one: the trainers see per group how many clients
wait (their task: plan a session), and planning a session seats them at once. A client has
at most one open invitation (a partial unique constraint); a missed kick-off leads to a new
invitation, so the history of every invitation stays.

Seats are counted with the session row locked, so two saves at once never overfill it.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from clients.constants import Fase
from clients.groepen.models import Groepslidmaatschap
from deventer_werk.audit.constants import Actie, Herkomst
from deventer_werk.audit.services import audit_record

from ..models import Ambitiegesprek, KickoffInstelling, KickoffSessie, KickoffUitnodiging

if TYPE_CHECKING:
    import uuid

    from clients.models import Client
    from deventer_werk.accounts.models import User

Aanleiding = KickoffUitnodiging.Aanleiding


def _begin_van_dag(datum: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(datum, datetime.time.min))


def bezette_plaatsen(sessie: KickoffSessie) -> int:
    """Seats taken: every invitation to the session except cancellations and lapsed ones."""
    return (
        KickoffUitnodiging.objects.filter(sessie=sessie, vervallen_op__isnull=True)
        .exclude(aanwezigheid=KickoffUitnodiging.Aanwezigheid.AFGEMELD)
        .count()
    )


def kickoff_vanaf(uitnodiging: KickoffUitnodiging) -> datetime.datetime:
    """The earliest moment a session may have for this invitation: after an ambitiegesprek
    the configured interval (policy: about two weeks); after a miss, the next session."""
    nu = timezone.now()
    if uitnodiging.aanleiding == Aanleiding.AMBITIEGESPREK:
        dagen = KickoffInstelling.huidig().uitnodigen_na_dagen
        datum = uitnodiging.ambitiegesprek.datum + datetime.timedelta(days=dagen)
        return max(_begin_van_dag(datum), nu)
    if uitnodiging.vorige_id and uitnodiging.vorige and uitnodiging.vorige.sessie:
        return max(uitnodiging.vorige.sessie.datum + datetime.timedelta(minutes=1), nu)
    return nu


def _zoek_plaats(
    *, klantgroep_id: int, vanaf: datetime.datetime, reserve: int = 0
) -> KickoffSessie | None:
    """The first session of the group from ``vanaf`` with a seat beyond ``reserve``; the
    returned session row stays locked until the transaction ends."""
    kandidaten = KickoffSessie.objects.filter(klantgroep_id=klantgroep_id, datum__gte=vanaf)
    for pk in kandidaten.order_by("datum", "pk").values_list("pk", flat=True):
        sessie = KickoffSessie.objects.select_for_update().get(pk=pk)
        if bezette_plaatsen(sessie) + reserve < sessie.capaciteit:
            return sessie
    return None


def _huidige_groep_id(client_id: uuid.UUID) -> int | None:
    lid = Groepslidmaatschap.objects.actueel().filter(client_id=client_id).first()
    return lid.klantgroep_id if lid else None


def _audit(uitnodiging: KickoffUitnodiging, *, actor: User | None, herkomst: str, wat: str) -> None:
    audit_record(
        actor=actor,
        actie=Actie.AANGEMAAKT if wat == "aangemaakt" else Actie.GEWIJZIGD,
        client_id=uitnodiging.client_id,
        object_type="kickoff_uitnodiging",
        herkomst=herkomst,
        details={
            "uitnodiging": uitnodiging.pk,
            "sessie": uitnodiging.sessie_id,
            "aanleiding": uitnodiging.aanleiding,
            "wat": wat,
        },
    )


@transaction.atomic
def kickoff_uitnodig(
    *,
    actor: User | None,
    client: Client,
    ambitiegesprek: Ambitiegesprek,
    aanleiding: str = Aanleiding.AMBITIEGESPREK,
    vorige: KickoffUitnodiging | None = None,
    herkomst: str = Herkomst.WEB,
) -> KickoffUitnodiging:
    """Invite ``client`` to the first session of their current group with a free seat (from
    ``kickoff_vanaf``), or put them on the waiting list of that group when there is none.
    Refused (Dutch message) when the client already has an open invitation."""
    bestaand = kickoff_open_uitnodiging(client_id=client.pk)
    if bestaand is not None:
        raise ValidationError(
            {
                "__all__": [
                    f"{client.volledige_naam} heeft al een open uitnodiging voor de kick-off "
                    f"({uitnodiging_omschrijving(bestaand)}); een tweede is niet mogelijk."
                ]
            }
        )
    groep_id = _huidige_groep_id(client.pk)
    if groep_id is None:
        raise ValidationError(
            {"__all__": ["Deze klant is (nog) niet in een klantgroep ingedeeld."]}
        )
    uitnodiging = KickoffUitnodiging(
        client=client, ambitiegesprek=ambitiegesprek, aanleiding=aanleiding, vorige=vorige
    )
    sessie = _zoek_plaats(klantgroep_id=groep_id, vanaf=kickoff_vanaf(uitnodiging))
    if sessie is not None:
        uitnodiging.sessie = sessie
        uitnodiging.uitgenodigd_op = timezone.localdate()
    try:
        with transaction.atomic():
            uitnodiging.save()
    except IntegrityError as exc:  # a concurrent invitation of the same client
        raise ValidationError(
            {"__all__": ["Deze klant heeft al een open uitnodiging voor de kick-off."]}
        ) from exc
    _audit(uitnodiging, actor=actor, herkomst=herkomst, wat="aangemaakt")
    return uitnodiging


def kickoff_open_uitnodiging(*, client_id: uuid.UUID) -> KickoffUitnodiging | None:
    return (
        KickoffUitnodiging.objects.filter(
            client_id=client_id, aanwezigheid="", vervallen_op__isnull=True
        )
        .select_related("sessie__klantgroep")
        .first()
    )


def kickoff_laat_vervallen(
    *, actor: User | None, uitnodiging: KickoffUitnodiging, reden: str, herkomst: str
) -> None:
    KickoffUitnodiging.objects.filter(pk=uitnodiging.pk, vervallen_op__isnull=True).update(
        vervallen_op=timezone.now(), reden_vervallen=reden[:200], versie=uitnodiging.versie + 1
    )
    _audit(uitnodiging, actor=actor, herkomst=herkomst, wat="vervallen")


@transaction.atomic
def kickoff_na_ambitiegesprek(
    *, actor: User, gesprek: Ambitiegesprek, herkomst: str = Herkomst.WEB
) -> KickoffUitnodiging:
    """Called by ``ambitiegesprek_leg_vast``: the invitation at the end of the gesprek. An open
    invitation for the same group stays (a second gesprek is no second invitation); one for
    another group lapses and the client is invited for the group chosen now."""
    open_ = kickoff_open_uitnodiging(client_id=gesprek.client_id)
    if open_ is not None:
        if open_.sessie is not None and open_.sessie.klantgroep_id == gesprek.gekozen_klantgroep_id:
            return open_
        kickoff_laat_vervallen(
            actor=actor,
            uitnodiging=open_,
            reden=f"Nieuw ambitiegesprek: klantgroep {gesprek.gekozen_klantgroep.naam}",
            herkomst=herkomst,
        )
    return kickoff_uitnodig(
        actor=actor, client=gesprek.client, ambitiegesprek=gesprek, herkomst=herkomst
    )


def kickoff_plaats_wachtenden(
    *, klantgroep_id: int | None = None, herkomst: str = Herkomst.TAAK, actor: User | None = None
) -> int:
    """Give waiting invitations (oldest first) a seat in the first fitting session of the
    client's current group. Called when a session is planned and by the nightly task (a seat
    freed by a cancellation). Returns the number seated; each one commits on its own."""
    wachtend = KickoffUitnodiging.objects.filter(
        sessie__isnull=True,
        vervallen_op__isnull=True,
        client__fase=Fase.INGEDEELD,
    )
    if klantgroep_id is not None:
        wachtend = wachtend.filter(
            client__lidmaatschappen__tot__isnull=True,
            client__lidmaatschappen__klantgroep_id=klantgroep_id,
        )
    aantal = 0
    for pk in list(wachtend.order_by("aangemaakt_op", "pk").values_list("pk", flat=True)):
        aantal += _plaats_een(pk=pk, herkomst=herkomst, actor=actor)
    return aantal


@transaction.atomic
def _plaats_een(*, pk: int, herkomst: str, actor: User | None) -> bool:
    uitnodiging = (
        KickoffUitnodiging.objects.select_for_update(of=("self",))
        .select_related("ambitiegesprek", "vorige__sessie")
        .filter(pk=pk, sessie__isnull=True, vervallen_op__isnull=True)
        .first()
    )
    if uitnodiging is None:
        return False
    groep_id = _huidige_groep_id(uitnodiging.client_id)
    if groep_id is None:
        return False
    sessie = _zoek_plaats(klantgroep_id=groep_id, vanaf=kickoff_vanaf(uitnodiging))
    if sessie is None:
        return False
    uitnodiging.sessie = sessie
    uitnodiging.uitgenodigd_op = timezone.localdate()
    uitnodiging.save(update_fields=["sessie", "uitgenodigd_op"])
    _audit(uitnodiging, actor=actor, herkomst=herkomst, wat="uitgenodigd")
    return True


def uitnodiging_omschrijving(uitnodiging: KickoffUitnodiging) -> str:
    """Dutch one-liner: where and when, or that the client waits for a session."""
    if uitnodiging.sessie is None:
        return "wacht op een nieuwe bijeenkomst"
    wanneer = timezone.localtime(uitnodiging.sessie.datum)
    return f"{wanneer:%d-%m-%Y} om {wanneer:%H:%M}, {uitnodiging.sessie.plaats}"


def kickoff_wachtend_filter() -> Q:
    """Invitations that wait for a session (used by the selectors)."""
    return Q(sessie__isnull=True, vervallen_op__isnull=True)
