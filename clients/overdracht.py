"""Caseload transfer in bulk: all (or a filtered part) of one professional's clients move to a
colleague or to the team queue, with their open tasks, one audit row per client."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from clients.groepen.models import Groepslidmaatschap
from deventer_werk.audit.constants import Actie, Herkomst
from deventer_werk.audit.services import audit_record

from .constants import TaakStatus
from .models import Contactpersoon, Taak


@dataclass
class Overdracht:
    klanten: int
    taken: int


def _hoofdrol(contact: Contactpersoon) -> str:
    from .rules import hoofdcontact_rol

    return contact.rol or hoofdcontact_rol(contact.organisatie)


def _fouten(*, van, naar, reden: str) -> dict:
    errors: dict[str, list[str]] = {}
    if not reden.strip():
        errors["reden"] = ["Geef de reden van de overdracht."]
    if naar is not None and naar.pk == van.pk:
        errors["naar"] = ["Kies een andere medewerker dan de huidige."]
    if naar is not None and naar.organisatie != van.organisatie:
        errors["naar"] = ["De nieuwe medewerker werkt bij een andere organisatie."]
    return errors


@transaction.atomic
def caseload_draag_over(
    *,
    actor,
    van,
    naar=None,
    reden: str,
    klantgroep: str = "",
    wijk: str = "",
    herkomst: str = Herkomst.WEB,
) -> Overdracht:
    """Move ``van``'s open contact roles (optionally only clients in ``klantgroep`` / ``wijk``)
    to ``naar``, or to the team queue when ``naar`` is None. Open tasks of ``van`` on those
    clients move along. Set-based: a few statements plus one audit row per client."""
    errors = _fouten(van=van, naar=naar, reden=reden)
    if errors:
        raise ValidationError(errors)
    vandaag = timezone.localdate()
    contacten = Contactpersoon.objects.select_for_update().filter(medewerker=van, tot__isnull=True)
    if klantgroep:
        groep = Groepslidmaatschap.objects.filter(
            client=OuterRef("client_id"), tot__isnull=True, klantgroep__code=klantgroep
        )
        contacten = contacten.filter(Exists(groep))
    if wijk:
        contacten = contacten.filter(client__wijk=wijk)
    contacten = list(contacten)
    client_ids = [c.client_id for c in contacten]
    contact_ids = [c.pk for c in contacten]
    Contactpersoon.objects.filter(pk__in=contact_ids).update(tot=vandaag)
    if naar is not None:
        Contactpersoon.objects.bulk_create(
            [
                Contactpersoon(
                    client_id=c.client_id,
                    organisatie=c.organisatie,
                    rol=c.rol,
                    medewerker=naar,
                    van=vandaag,
                )
                for c in contacten
            ],
            batch_size=2000,
        )
    taken = _verplaats_taken(van=van, naar=naar, contacten=contacten, actor=actor, reden=reden)
    for c in contacten:
        audit_record(
            actor=actor,
            actie=Actie.GEWIJZIGD,
            client_id=c.client_id,
            object_type="caseloadoverdracht",
            herkomst=herkomst,
            details={
                "van": van.pk,
                "naar": naar.pk if naar is not None else f"team {_hoofdrol(c)}",
                "reden": reden.strip()[:200],
            },
        )
    return Overdracht(klanten=len(set(client_ids)), taken=taken)


def _verplaats_taken(*, van, naar, contacten, actor=None, reden: str = "") -> int:
    """Open tasks of ``van`` on the moved clients go to ``naar`` or to the team queue of the
    contact role (three statements at most, whatever the number of clients); each task says
    it was handed over, by whom and from whom (both owners see what moved)."""
    overdracht = {
        "overgedragen_op": timezone.now(),
        "overgedragen_door": actor if getattr(actor, "is_authenticated", False) else None,
        "overgedragen_van": van,
        "overdracht_reden": reden.strip()[:200],
    }
    per_rol: dict[tuple[str, str], list] = {}
    for c in contacten:
        per_rol.setdefault((_hoofdrol(c), c.organisatie), []).append(c.client_id)
    n = 0
    for (rol, organisatie), ids in per_rol.items():
        open_taken = Taak.objects.filter(status=TaakStatus.OPEN, medewerker=van, client_id__in=ids)
        if naar is not None:
            n += open_taken.update(medewerker=naar, **overdracht)
        else:
            n += open_taken.update(medewerker=None, rol=rol, organisatie=organisatie, **overdracht)
    return n


def zonder_eigenaar_per_organisatie() -> list[dict]:
    """Selector for the beheerder: per organisation, the clients without a main contact
    person (the open claim tasks in that organisation's team queue). One query."""
    from django.db.models import Count

    from deventer_werk.accounts.constants import Organisatie

    from .constants import TaakSoort

    tellingen = dict(
        Taak.objects.filter(status=TaakStatus.OPEN, soort=TaakSoort.TOEWIJZEN)
        .values("organisatie")
        .annotate(n=Count("pk"))
        .values_list("organisatie", "n")
    )
    return [
        {"organisatie": org.label, "rol": rol, "n": tellingen.get(org.value, 0)}
        for org, rol in (
            (Organisatie.IO, "inkomensconsulenten"),
            (Organisatie.DWT, "werkcoaches"),
        )
    ]
