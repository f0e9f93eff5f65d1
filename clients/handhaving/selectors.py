from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Max, QuerySet

from clients.models import Client
from clients.registry import TijdlijnItem
from deventer_werk.dates import today

from .models import Rechtmatigheidsonderzoek, Samenloopsignaal

if TYPE_CHECKING:
    from collections.abc import Iterator

    from deventer_werk.accounts.models import User


def onderzoeken_lopend(*, user: User) -> QuerySet[Rechtmatigheidsonderzoek]:
    """Running onderzoeken of the clients the user may see, oldest first, with the latest
    hersteltermijn (a later request follows up an earlier one, so the latest one counts for
    "verlopen"): one query per page."""
    return (
        Rechtmatigheidsonderzoek.objects.lopend()
        .filter(client__in=Client.objects.visible_to(user))
        .select_related("client", "handhaver")
        .annotate(_laatste_hersteltermijn=Max("stukkenverzoeken__hersteltermijn"))
        .order_by("gestart_op", "pk")
    )


def onderzoek_detail(*, onderzoek: Rechtmatigheidsonderzoek) -> dict:
    """The requests for documents of one onderzoek, oldest first (the history): 1 query."""
    verzoeken = list(
        onderzoek.stukkenverzoeken.select_related("door").order_by("opgevraagd_op", "pk")
    )
    onderzoek.laatste_hersteltermijn = max((v.hersteltermijn for v in verzoeken), default=None)
    return {
        "verzoeken": verzoeken,
        "peildatum": today(),
    }


def handhaving_sectie(*, client: Client, user: User) -> dict:
    """Reviews and samenloopsignalen, for the roles that deal with rechtmatigheid: 3 queries."""
    onderzoeken = list(
        Rechtmatigheidsonderzoek.objects.filter(client=client)
        .select_related("handhaver", "besloten_door")
        .order_by("-gestart_op", "-pk")[:5]
    )
    signalen = list(
        Samenloopsignaal.objects.filter(client=client)
        .select_related("onderzoek")
        .order_by("-ontvangen_op", "-pk")[:10]
    )
    open_onderzoek = (
        Rechtmatigheidsonderzoek.objects.filter(client=client, besloten_op__isnull=True)
        .order_by("-pk")
        .first()
    )
    return {"onderzoeken": onderzoeken, "samenloop": signalen, "open_onderzoek": open_onderzoek}


def tijdlijn_rechtmatigheid(*, client: Client) -> Iterator[TijdlijnItem]:
    for o in Rechtmatigheidsonderzoek.objects.filter(client=client).select_related("handhaver"):
        yield TijdlijnItem(
            o.gestart_op,
            "rechtmatigheid",
            "Rechtmatigheid",
            f"Rechtmatigheidsonderzoek gestart ({o.get_selectiereden_display().lower()})",
            door=str(o.handhaver),
        )
        if o.besloten_op:
            yield TijdlijnItem(
                o.besloten_op,
                "rechtmatigheid",
                "Rechtmatigheid",
                f"Besluit: {o.get_bevinding_display().lower()}, "
                + ", ".join(o.uitkomsten_labels).lower(),
                door=str(o.handhaver),
            )
