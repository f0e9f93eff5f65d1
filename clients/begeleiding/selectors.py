from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, F, Max, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce

from clients.groepen.models import Groepslidmaatschap
from clients.models import Client
from clients.registry import TijdlijnItem
from deventer_werk.access import may
from deventer_werk.dates import today

from . import rules
from .models import (
    PLAN_ACTUEEL_MAANDEN,
    BegeleidingInstelling,
    PlanActie,
    PlanDoel,
    PlanVanAanpak,
    Voortgangsgesprek,
    plan_actueel_grens,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from deventer_werk.accounts.models import User


def _actueel_maanden_subquery() -> Coalesce:
    return Coalesce(
        Subquery(BegeleidingInstelling.objects.filter(pk=1).values("plan_actueel_maanden")[:1]),
        PLAN_ACTUEEL_MAANDEN,
    )


def plan_actueel_maanden() -> int:
    """The configured period in which a plan counts as "actueel" (one query)."""
    waarde = (
        BegeleidingInstelling.objects.filter(pk=1)
        .values_list("plan_actueel_maanden", flat=True)
        .first()
    )
    return waarde or PLAN_ACTUEEL_MAANDEN


def begeleiding_sectie(*, client: Client, user: User) -> dict:
    """Current plan (goals, actions) and recent voortgangsgesprekken: always 4 queries."""
    laatste = PlanVanAanpak.objects.filter(client=client).order_by("-versie").values("pk")[:1]
    plan = (
        PlanVanAanpak.objects.filter(pk__in=laatste)
        .select_related("opgesteld_door")
        .annotate(actueel_maanden=_actueel_maanden_subquery())
        .first()
    )
    doelen = list(PlanDoel.objects.filter(plan__in=laatste).order_by("pk"))
    acties = list(PlanActie.objects.filter(plan__in=laatste).order_by("deadline", "pk"))
    for doel in doelen:
        doel.actielijst = [  # type: ignore[attr-defined]  # for the template
            a for a in acties if a.doel_id == doel.pk
        ]
    gesprekken = list(
        Voortgangsgesprek.objects.filter(client=client)
        .select_related("gehouden_door", "groepswijziging__klantgroep")
        .order_by("-datum", "-pk")[:5]
    )
    return {
        "plan": plan,
        "doelen": doelen,
        "plan_actueel": (plan.actueel_op(today(), plan.actueel_maanden) if plan else False),
        "gesprekken": gesprekken,
    }


def tijdlijn_plan(*, client: Client) -> Iterator[TijdlijnItem]:
    for p in PlanVanAanpak.objects.filter(client=client).select_related("opgesteld_door"):
        yield TijdlijnItem(
            p.vastgesteld_op,
            "plan",
            "Plan van aanpak",
            f"Plan van aanpak versie {p.versie}",
            door=str(p.opgesteld_door),
        )


def tijdlijn_voortgang(*, client: Client) -> Iterator[TijdlijnItem]:
    for g in Voortgangsgesprek.objects.filter(client=client).select_related("gehouden_door"):
        titel = f"Voortgangsgesprek ({g.get_plek_display().lower()})"
        if g.rechtmatigheid_getoetst:
            titel += f"; rechtmatigheid: {g.get_rechtmatigheid_bevinding_display().lower()}"
        yield TijdlijnItem(
            g.datum, "voortgangsgesprek", "Voortgangsgesprek", titel, door=str(g.gehouden_door)
        )


def plan_laatste(*, client: Client) -> PlanVanAanpak | None:
    """The client's latest plan (the base of a revision), with its goals and actions."""
    return (
        PlanVanAanpak.objects.filter(client=client)
        .prefetch_related("doelen__acties")
        .order_by("-versie")
        .first()
    )


def plan_list_versies(*, client: Client) -> list[PlanVanAanpak]:
    """Every version of the client's plan, newest first, with goals and actions: 3 queries."""
    return list(
        PlanVanAanpak.objects.filter(client=client)
        .select_related("opgesteld_door")
        .prefetch_related(
            Prefetch("doelen", queryset=PlanDoel.objects.order_by("pk")),
            Prefetch("doelen__acties", queryset=PlanActie.objects.order_by("deadline", "pk")),
        )
        .order_by("-versie")
    )


PLAN_TE_HERZIEN_PER_PAGINA = 25


def plan_list_te_herzien(
    *, user: User, peildatum: datetime.date, pagina: int = 1
) -> tuple[list[Client], int]:
    """The user's own clients (contact person) in Matchen, Groeien or Faciliteren without a
    plan that is actueel on ``peildatum``: one page of 25, oldest first, and the total.
    3 queries (2 when there is nothing to list)."""
    from .services import PLAN_GROEPEN

    grens = plan_actueel_grens(peildatum, plan_actueel_maanden())
    groep = Groepslidmaatschap.objects.actueel().filter(client=OuterRef("pk"))
    qs = (
        Client.objects.visible_to(user)
        .with_contactpersoon(user)
        .filter(Exists(groep.filter(klantgroep__code__in=PLAN_GROEPEN)))
        .annotate(laatste_plan=Max("plannen__vastgesteld_op"))
        .filter(Q(laatste_plan__isnull=True) | Q(laatste_plan__lt=grens))
    )
    totaal = qs.count()
    if not totaal:
        return [], 0
    paginas = -(-totaal // PLAN_TE_HERZIEN_PER_PAGINA)
    start = (min(max(pagina, 1), paginas) - 1) * PLAN_TE_HERZIEN_PER_PAGINA  # past the end: last
    klanten = list(
        qs.annotate(klantgroep_naam=Subquery(groep.values("klantgroep__naam")[:1])).order_by(
            F("laatste_plan").asc(nulls_first=True), "achternaam", "pk"
        )[start : start + PLAN_TE_HERZIEN_PER_PAGINA]
    )
    return klanten, totaal


def werkvoorraad_voor(*, user, vandaag: datetime.date, params=None) -> dict:
    """The start page: counts of all open work (in the database), a page per section of
    overdue, today's and the coming week's tasks (filtered and sorted), urgent signals listed
    and routine ones grouped, caseload per klantgroep, and the role's own sections. Only
    clients the user may see. A fixed number of queries, whatever the amount of work."""
    from .startpagina import rol_secties
    from .werkvoorraad import (
        SECTIES,
        Filters,
        filter_keuzes,
        open_taken,
        signalen_sectie,
        taak_sectie,
        taak_tellingen,
    )

    params = params or {}
    filters = Filters.uit(params)
    qs = open_taken(user=user, filters=filters)
    tellingen = taak_tellingen(qs, vandaag) if user.werkt_in_dossiers else {}
    secties = []
    for naam, titel, leeg in SECTIES if user.werkt_in_dossiers else ():
        if filters.te_laat and naam != "te_laat":
            continue
        sectie = taak_sectie(
            qs=qs,
            sectie=naam,
            vandaag=vandaag,
            totaal=tellingen[naam],
            filters=filters,
            params=params,
        )
        secties.append({"naam": naam, "titel": titel, "leeg": leeg, **sectie})
    mijn = Client.objects.visible_to(user).with_contactpersoon(user)
    context = {
        "vandaag": vandaag,
        "filters": filters,
        "tellingen": tellingen,
        "secties": secties,
        "caseload": list(
            Groepslidmaatschap.objects.actueel()
            .filter(client__in=mijn)
            .values("klantgroep__naam", "klantgroep__volgorde")
            .annotate(n=Count("id"))
            .order_by("klantgroep__volgorde")
        )
        if user.werkt_in_dossiers
        else [],
        "plannen_te_herzien": None,
        **filter_keuzes(),
        **(signalen_sectie(user=user) if user.werkt_in_dossiers else {}),
        **rol_secties(user=user, vandaag=vandaag),
    }
    if may(user, rules.PLAN):
        try:
            pagina = max(int(params.get("plannen_pagina", 1)), 1)
        except (TypeError, ValueError):
            pagina = 1
        klanten, totaal = plan_list_te_herzien(user=user, peildatum=vandaag, pagina=pagina)
        paginas = max(1, -(-totaal // PLAN_TE_HERZIEN_PER_PAGINA))
        pagina = min(pagina, paginas)
        context.update(
            plannen_te_herzien=klanten,
            plannen_te_herzien_totaal=totaal,
            plannen_pagina=pagina,
            plannen_paginas=paginas,
        )
    return context
