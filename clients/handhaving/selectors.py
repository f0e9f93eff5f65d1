from __future__ import annotations

from typing import TYPE_CHECKING

from clients.registry import TijdlijnItem

from .models import Rechtmatigheidsonderzoek, Samenloopsignaal

if TYPE_CHECKING:
    from collections.abc import Iterator

    from clients.models import Client
    from deventer_werk.accounts.models import User


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
                f"Besluit: {o.get_bevinding_display().lower()}, {o.get_uitkomst_display().lower()}",
                door=str(o.handhaver),
            )
