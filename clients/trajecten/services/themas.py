"""Themabijeenkomsten: branchegericht (by sector) for Matchen and Groeien, wijkgericht (by
wijk) for Faciliteren and Zorgen; invitations by group plus sector or wijk; attendance."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from clients.models import Client
from deventer_werk.audit.constants import Actie, Herkomst
from deventer_werk.audit.services import audit_record

from ..models import Themabijeenkomst, ThemaUitnodiging
from ._basis import Fouten, fout

if TYPE_CHECKING:
    from collections.abc import Iterable

    from clients.trajecten.models import Sector
    from deventer_werk.accounts.models import User
    from klantgroepen.models import Klantgroep


@transaction.atomic
def themabijeenkomst_plan(
    *,
    actor: User,
    type: str,  # noqa: A002 - the domain word
    onderwerp: str,
    datum: datetime.datetime,
    plaats: str,
    klantgroepen: Iterable[Klantgroep],
    sector: Sector | None = None,
    wijk: str = "",
) -> tuple[Themabijeenkomst, int]:
    """Plan a meeting and invite its clients; returns the meeting and the number invited.
    Each klantgroep has its kind of meeting (configuration): a group of the other kind is
    refused, because its clients would be invited on the wrong criterion."""
    errors: Fouten = {}
    if type == Themabijeenkomst.Type.BRANCHEGERICHT and sector is None:
        fout(errors, "sector", "Kies de sector van deze branchegerichte bijeenkomst.")
    if type == Themabijeenkomst.Type.WIJKGERICHT and not wijk:
        fout(errors, "wijk", "Kies de wijk van deze wijkgerichte bijeenkomst.")
    if datum < timezone.now() - datetime.timedelta(days=1):
        fout(errors, "datum", "De datum ligt in het verleden.")
    if datum > timezone.now() + datetime.timedelta(days=366):
        fout(errors, "datum", "De datum ligt meer dan een jaar in de toekomst.")
    klantgroepen = list(klantgroepen)
    if not klantgroepen:
        fout(errors, "klantgroepen", "Kies minstens één klantgroep.")
    anders = [g.naam for g in klantgroepen if g.themabijeenkomst_type != type]
    if anders:
        fout(
            errors,
            "klantgroepen",
            f"{' en '.join(anders)} {'heeft' if len(anders) == 1 else 'hebben'} geen {type}e "
            "bijeenkomsten; kies de klantgroepen die "
            "bij deze soort bijeenkomst horen.",
        )
    if errors:
        raise ValidationError(errors)
    bijeenkomst = Themabijeenkomst(
        type=type,
        onderwerp=onderwerp.strip(),
        datum=datum,
        plaats=plaats.strip(),
        sector=sector if type == Themabijeenkomst.Type.BRANCHEGERICHT else None,
        wijk=wijk if type == Themabijeenkomst.Type.WIJKGERICHT else "",
        georganiseerd_door=actor,
    )
    bijeenkomst.full_clean()
    bijeenkomst.save()
    bijeenkomst.klantgroepen.set(klantgroepen)
    return bijeenkomst, thema_nodig_uit(bijeenkomst=bijeenkomst)


def thema_nodig_uit(*, bijeenkomst: Themabijeenkomst) -> int:
    """Invite the active clients of the meeting's groups: by sector interest (branchegericht)
    or by wijk (wijkgericht). Idempotent (one invitation per client per meeting); returns
    the number of new invitations."""
    clients = Client.objects.actief().in_actuele_klantgroep(in_=bijeenkomst.klantgroepen.all())
    if bijeenkomst.type == Themabijeenkomst.Type.BRANCHEGERICHT:
        clients = clients.filter(werkprofiel__sectoren=bijeenkomst.sector)
    else:
        clients = clients.filter(wijk=bijeenkomst.wijk)
    ids = set(clients.values_list("pk", flat=True))
    bestaand = set(
        ThemaUitnodiging.objects.filter(bijeenkomst=bijeenkomst).values_list("client_id", flat=True)
    )
    nieuw = ids - bestaand
    ThemaUitnodiging.objects.bulk_create(
        [ThemaUitnodiging(bijeenkomst=bijeenkomst, client_id=i) for i in nieuw],
        ignore_conflicts=True,
    )
    return len(nieuw)


@transaction.atomic
def thema_aanwezigheid_registreer(
    *,
    actor: User,
    uitnodiging: ThemaUitnodiging,
    aanwezig: bool,
    herkomst: str = Herkomst.WEB,
) -> ThemaUitnodiging:
    """Record attendance once the meeting has begun (a correction overwrites the register,
    as a paper attendance list would be corrected)."""
    locked = (
        ThemaUitnodiging.objects.select_for_update()
        .select_related("bijeenkomst")
        .get(pk=uitnodiging.pk)
    )
    if locked.bijeenkomst.datum > timezone.now():
        raise ValidationError("De bijeenkomst is nog niet begonnen; aanwezigheid kan daarna.")
    locked.aanwezig = aanwezig
    locked.save(update_fields=["aanwezig"])
    audit_record(
        actor=actor,
        actie=Actie.GEWIJZIGD,
        client_id=locked.client_id,
        object_type="themabijeenkomst",
        herkomst=herkomst,
        details={"bijeenkomst": locked.bijeenkomst_id, "aanwezig": aanwezig},
    )
    return locked
