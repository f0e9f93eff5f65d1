"""The werkvoorraad: planning, completing, moving and handing over tasks (services) and
reading them (selectors). A task is the one truth of what is due for a client."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from deventer_werk.accounts.constants import Organisatie
from deventer_werk.audit.constants import Actie, Herkomst
from deventer_werk.audit.services import audit_record

from .constants import TAAK_IO_SOORTEN, TaakSoort, TaakStatus
from .models import Client, Taak
from .rules import HOUDERS, IC_CONTACT, mag_houden, taak_houders, teamwachtrij


def taak_plan(
    *,
    client: Client,
    soort: str,
    omschrijving: str,
    datum: datetime.date,
    medewerker=None,
    rol: str = "",
    organisatie: str = "",
    tijd: datetime.time | None = None,
    sleutel: str | None = None,
) -> tuple[Taak, bool]:
    """Put a task on a werkvoorraad. Idempotent: returns the existing task and ``False`` when
    one with the same ``sleutel`` exists, or (for kinds open once per client) an open task of
    that kind exists; both are guarded by unique constraints, so concurrent planners agree."""
    if medewerker is None and not rol:
        raise ValidationError("Een taak is van een medewerker of van een rol.")
    values = {
        "client": client,
        "soort": soort,
        "omschrijving": omschrijving[:255],
        "datum": datum,
        "medewerker": medewerker,
        "rol": rol,
        "organisatie": organisatie,
        "tijd": tijd,
        "sleutel": sleutel,
    }
    try:
        with transaction.atomic():
            return Taak.objects.create(**values), True
    except IntegrityError:
        bestaand = (Taak.objects.filter(sleutel=sleutel).first() if sleutel else None) or (
            Taak.objects.filter(client=client, soort=soort, status=TaakStatus.OPEN).first()
        )
        if bestaand is None:
            raise
        return bestaand, False


def _audit_taak(*, actor, taak: Taak, wat: str, herkomst: str, **details) -> None:
    audit_record(
        actor=actor,
        actie=Actie.GEWIJZIGD,
        client_id=taak.client_id,
        object_type="taak",
        herkomst=herkomst,
        details={"taak": taak.pk, "soort": taak.soort, "wat": wat, **details},
    )


def _sluit(taak: Taak, *, status: str, door=None, reden: str = "") -> None:
    taak.status = status
    taak.afgerond_op = timezone.now()
    taak.afgerond_door = door if getattr(door, "is_authenticated", False) else None
    taak.reden = reden[:500]
    taak.save(update_fields=["status", "afgerond_op", "afgerond_door", "reden"])


@transaction.atomic
def taak_rond_af(
    *,
    taak: Taak,
    status: str = TaakStatus.AFGEROND,
    door=None,
    notitie: str = "",
    herkomst: str = Herkomst.WEB,
) -> Taak:
    """Close an open task (done, or cancelled) with who, when and why; audited when a person
    does it. Closing a closed task changes nothing."""
    locked = Taak.objects.select_for_update().get(pk=taak.pk)
    if locked.status != TaakStatus.OPEN:
        return locked
    if door is not None and not notitie.strip():
        # By hand, always with a reason: a periodic kind is planned again from this day.
        raise ValidationError(
            {
                "notitie": [
                    "Schrijf kort op wat er gedaan is."
                    if status == TaakStatus.AFGEROND
                    else "Geef de reden waarom deze taak vervalt."
                ]
            }
        )
    _sluit(locked, status=status, door=door, reden=notitie.strip())
    if door is not None:
        _audit_taak(actor=door, taak=locked, wat=status, herkomst=herkomst)
    return locked


@transaction.atomic
def taak_verplaats(
    *, taak: Taak, datum: datetime.date, reden: str, door=None, herkomst: str = Herkomst.WEB
) -> Taak:
    """Reschedule: the task becomes "verplaatst" (history) and a new open one takes its place."""
    locked = Taak.objects.select_for_update().get(pk=taak.pk)
    errors: dict[str, list[str]] = {}
    if locked.status != TaakStatus.OPEN:
        errors["__all__"] = ["Deze taak is niet meer open."]
    if not reden.strip():
        errors["reden"] = ["Geef de reden van het verplaatsen."]
    if datum == locked.datum:
        errors["datum"] = ["Kies een andere datum."]
    if errors:
        raise ValidationError(errors)
    _sluit(locked, status=TaakStatus.VERPLAATST, door=door, reden=reden.strip())
    nieuw = Taak.objects.create(
        client_id=locked.client_id,
        soort=locked.soort,
        omschrijving=locked.omschrijving,
        medewerker_id=locked.medewerker_id,
        rol=locked.rol,
        organisatie=locked.organisatie,
        datum=datum,
        tijd=locked.tijd,
        sleutel=_verplaatste_sleutel(locked.sleutel, datum),
    )
    if door is not None:
        _audit_taak(
            actor=door, taak=locked, wat="verplaatst", herkomst=herkomst, naar=datum.isoformat()
        )
    return nieuw


def _verplaatste_sleutel(sleutel: str | None, datum: datetime.date) -> str | None:
    """A moved planned task keeps its planning key (so the planner does not plan it again);
    the old row gives its key up."""
    if not sleutel:
        return None
    Taak.objects.filter(sleutel=sleutel).update(sleutel=None)
    return sleutel


@transaction.atomic
def taak_draag_over(
    *,
    taak: Taak,
    door,
    medewerker=None,
    rol: str = "",
    organisatie: str = "",
    reden: str = "",
    herkomst: str = Herkomst.WEB,
) -> Taak:
    """Hand an open task over to a colleague or to a team queue (role + organisation)."""
    locked = Taak.objects.select_for_update().get(pk=taak.pk)
    if locked.status != TaakStatus.OPEN:
        raise ValidationError({"__all__": ["Deze taak is niet meer open."]})
    if medewerker is None and not rol:
        raise ValidationError({"medewerker": ["Kies een collega of een teamwachtrij."]})
    houders = taak_houders(locked, getattr(door, "organisatie", "") or "")
    if medewerker is not None and not mag_houden(medewerker, houders):
        raise ValidationError(
            {"medewerker": [f"{medewerker} heeft geen rol die dit werk mag doen."]}
        )
    if medewerker is None and rol not in houders:
        raise ValidationError({"medewerker": ["Deze teamwachtrij mag dit werk niet doen."]})
    van = locked.medewerker_id
    locked.overgedragen_van_id = van
    locked.medewerker = medewerker
    locked.rol = "" if medewerker is not None else rol
    locked.organisatie = "" if medewerker is not None else organisatie
    locked.overgedragen_op = timezone.now()
    locked.overgedragen_door = door if getattr(door, "is_authenticated", False) else None
    locked.overdracht_reden = reden.strip()[:200]
    locked.save(
        update_fields=[
            "medewerker",
            "rol",
            "organisatie",
            "overgedragen_op",
            "overgedragen_door",
            "overgedragen_van",
            "overdracht_reden",
        ]
    )
    _audit_taak(
        actor=door,
        taak=locked,
        wat="overgedragen",
        herkomst=herkomst,
        van=van,
        naar=medewerker.pk if medewerker is not None else f"{rol}/{organisatie}",
        reden=reden.strip()[:200],
    )
    return locked


def taak_rond_af_voor(
    *, client: Client, soort: str | list[str], door=None, organisatie: str | None = None
) -> int:
    """Complete the open tasks of a kind for a client: called by the service that saves the
    form doing the work (gesprek held, onderzoek decided, plan made ...). With
    ``organisatie`` only that organisation's tasks (claims are per organisation)."""
    soorten = [soort] if isinstance(soort, str) else list(soort)
    qs = Taak.objects.filter(client=client, soort__in=soorten, status=TaakStatus.OPEN)
    if organisatie is not None:
        qs = qs.filter(organisatie=organisatie)
    return qs.update(
        status=TaakStatus.AFGEROND,
        afgerond_op=timezone.now(),
        afgerond_door=door if getattr(door, "is_authenticated", False) else None,
    )


def taak_vervallen(*, taken: QuerySet[Taak], reden: str, door=None) -> int:
    """Cancel open tasks that are no longer due (kept as history, with the reason)."""
    return taken.filter(status=TaakStatus.OPEN).update(
        status=TaakStatus.VERVALLEN,
        afgerond_op=timezone.now(),
        afgerond_door=door if getattr(door, "is_authenticated", False) else None,
        reden=reden[:500],
    )


def taak_herbeleg(*, client: Client, van_medewerker_id, naar, rol: str) -> int:
    """Re-own a client's open tasks after a contact change: the old contact's tasks and the
    team-queue tasks of the contact's role go to the new contact person. Reviews stay with
    handhaving."""
    wie = Q(medewerker__isnull=True, rol=rol)
    if van_medewerker_id:
        wie |= Q(medewerker_id=van_medewerker_id)
    return (
        Taak.objects.filter(client=client, status=TaakStatus.OPEN)
        .exclude(
            soort__in=[TaakSoort.RECHTMATIGHEID, TaakSoort.STEEKPROEF, TaakSoort.NADER_ONDERZOEK]
        )
        .filter(wie)
        .update(medewerker=naar, rol="", organisatie="")
    )


def taak_list_werkvoorraad(*, user, tot: datetime.date | None = None) -> QuerySet[Taak]:
    """Open tasks of ``user`` (personally, or in the team queue of one of their roles and
    their organisation), up to ``tot`` when given."""
    qs = Taak.objects.filter(status=TaakStatus.OPEN).filter(taak_van(user))
    if tot is not None:
        qs = qs.filter(datum__lte=tot)
    return qs.select_related("client", "medewerker").order_by("datum", "tijd")


def taak_van(user) -> Q:
    """The tasks that are ``user``'s work: their own and their team queues' (never a kind
    the user may not see, see ``taak_zichtbaar``)."""
    eigen, team = taak_van_delen(user)
    return (eigen | team) & taak_zichtbaar(user)


def taak_van_delen(user) -> tuple[Q, Q]:
    """The two halves of ``taak_van`` without ``taak_zichtbaar``: the user's own tasks and
    their team queues' (each served by its own index, see the werkvoorraad)."""
    return Q(medewerker=user), Q(
        medewerker__isnull=True,
        rol__in=list(user.rollen),
        organisatie__in=["", user.organisatie or ""],
    )


def taak_zichtbaar(user) -> Q:
    """Need-to-know on tasks: rechtmatigheid and steekproef reviews and the rechtmatigheid
    loop's tasks are IO's (DESIGN.md §1);
    no other organisation sees them anywhere, not on a werkvoorraad nor on a dossier."""
    if user.organisatie == Organisatie.IO:
        return Q()
    return ~Q(soort__in=TAAK_IO_SOORTEN)


def io_eigenaar(client: Client, soort: str) -> dict:
    """The client's inkomensconsulent as owner of a task of ``soort`` when they may hold it
    (``HOUDERS``), else IO's team queue."""
    from .models import Contactpersoon

    contact = (
        Contactpersoon.objects.actueel()
        .filter(client=client, organisatie=Organisatie.IO, rol__in=IC_CONTACT)
        .select_related("medewerker")
        .first()
    )
    if contact is not None and mag_houden(contact.medewerker, HOUDERS[soort]):
        return {"medewerker": contact.medewerker}
    return teamwachtrij(Organisatie.IO)
