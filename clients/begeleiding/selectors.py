from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Count, Exists, F, Max, OuterRef, Prefetch, Q, Subquery, Window
from django.db.models.functions import Coalesce

from clients.afspraken import commitment_tekst, huisbezoek_tekst, kenmerken_tekst
from clients.constants import GedeeldOnderwerp
from clients.groepen.models import Groepslidmaatschap
from clients.models import Client
from clients.query import eigen_client_ids, zichtbaar_voor_gedeeld, zichtbare_clienten
from clients.registry import TijdlijnItem, inhoud_voor
from clients.rules import DOSSIERWERK
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


def plan_huidig(*, client: Client) -> dict:
    """The client's latest plan van aanpak with its goals and their actions, and whether it is
    actueel today: always 3 queries (the dossier and the voorbereiding read it the same way)."""
    laatste = PlanVanAanpak.objects.filter(client=client).order_by("-versie").values("pk")[:1]
    plan = (  # the same row as ``laatste`` (versie is unique per client), without its subquery
        PlanVanAanpak.objects.filter(client=client)
        .select_related("opgesteld_door")
        .annotate(actueel_maanden=_actueel_maanden_subquery())
        .order_by("-versie")
        .first()
    )
    doelen = list(PlanDoel.objects.filter(plan__in=laatste).order_by("pk"))
    acties = list(PlanActie.objects.filter(plan__in=laatste).order_by("deadline", "pk"))
    for doel in doelen:
        doel.actielijst = [  # type: ignore[attr-defined]  # for the template
            a for a in acties if a.doel_id == doel.pk
        ]
    return {
        "plan": plan,
        "doelen": doelen,
        "plan_actueel": (plan.actueel_op(today(), plan.actueel_maanden) if plan else False),
    }


def voortgangsgesprekken_voor(*, client: Client, user: User, aantal: int) -> list:
    """The client's latest ``aantal`` voortgangsgesprekken, newest first, each with ``inhoud``:
    what was said, only the rows ``user`` may read (the template gets nothing else). 1 query."""
    # the minimaregelingen are IO's (GESPREK_INHOUD, never shared with DWT): not read for a
    # user whose rows would leave them out anyway
    regelingen = may(user, rules.GESPREK_INHOUD)
    gesprekken = list(_gesprekken(client, regelingen=regelingen).order_by("-datum", "-pk")[:aantal])
    for g in gesprekken:
        g.inhoud = inhoud_voor(user, gesprek_inhoud(g))  # type: ignore[attr-defined]
    return gesprekken


def begeleiding_sectie(*, client: Client, user: User) -> dict:
    """Current plan (goals, actions) and recent voortgangsgesprekken: always 4 queries."""
    return {
        **plan_huidig(client=client),
        "gesprekken": voortgangsgesprekken_voor(
            client=client, user=user, aantal=GESPREKKEN_OP_DOSSIER
        ),
        "gesprek_inhoud": may(user, rules.GESPREK_INHOUD),
    }


GESPREKKEN_OP_DOSSIER = 10


def _regelingen(veld: str) -> ArraySubquery:
    through = getattr(Voortgangsgesprek, veld).through
    return ArraySubquery(
        through.objects.filter(voortgangsgesprek=OuterRef("pk"))
        .order_by("minimaregeling__naam")
        .values("minimaregeling__naam")
    )


def _gesprekken(client: Client, *, regelingen: bool = True):
    """Voortgangsgesprekken with what the dossier and the timeline show of them, in one query
    (with ``regelingen`` the minimaregelingen as arrays of names), with or without
    gesprekken."""
    qs = Voortgangsgesprek.objects.filter(client=client).select_related(
        "gehouden_door", "dwt_coach", "verwezen_naar", "groepswijziging__klantgroep"
    )
    if not regelingen:
        return qs
    return qs.annotate(
        gebruikt_namen=_regelingen("minimaregelingen_gebruikt"),
        geadviseerd_namen=_regelingen("minimaregelingen_geadviseerd"),
    )


def _lijst(namen: list[str] | None) -> str:
    return ", ".join(namen or []) or "geen"


def gesprek_inhoud(g: Voortgangsgesprek) -> tuple[tuple[str, str, str], ...]:
    """Everything recorded in a voortgangsgesprek, as (label, text, rule), in the order of the
    form. Empty free-text fields are left out; choices always show (also "nee")."""
    rijen: list[tuple[str, str]] = [
        ("Hoe gaat het", f"{g.welzijn} van 5 (1 = slecht, 5 = goed)"),
        ("Ervaren stress", f"{g.stress} van 5 (1 = weinig, 5 = veel)"),
        ("Leefsituatie", g.leefsituatie),
        ("Inkomenssituatie", g.inkomenssituatie),
        ("Minimaregelingen in gebruik", _lijst(getattr(g, "gebruikt_namen", None))),
        ("Minimaregelingen geadviseerd", _lijst(getattr(g, "geadviseerd_namen", None))),
        ("Signalen van schulden", "ja" if g.schuldsignaal else "nee"),
        ("Verwezen naar", str(g.verwezen_naar) if g.verwezen_naar_id else ""),
        (
            "Klantgroep",
            f"gewijzigd naar {g.groepswijziging.klantgroep.naam}"
            if g.groepswijziging_id
            else ("passend" if g.juiste_groep else "niet passend"),
        ),
        (
            "Rechtmatigheid",
            g.get_rechtmatigheid_bevinding_display()
            + (f": {g.rechtmatigheid_reden}" if g.rechtmatigheid_reden else "")
            if g.rechtmatigheid_getoetst
            else f"niet getoetst: {g.rechtmatigheid_niet_reden or 'geen reden vastgelegd'}",
        ),
        ("Open voor huisbezoek", huisbezoek_tekst(g.huisbezoek) if g.huisbezoek else ""),
        (
            "Afspraak = afspraak",
            commitment_tekst(g.commitment, g.afspraak_getekend_op, g.commitment_reden)
            if g.commitment
            else "",
        ),
        (
            "Kenmerken Groeien",
            kenmerken_tekst(g.groeien_kenmerken) if g.groeien_kenmerken is not None else "",
        ),
        ("DWT-coach", str(g.dwt_coach) if g.dwt_coach_id else ""),
        ("Verslag", g.verslag),
    ]
    return tuple((label, tekst, _regel_voor(g, label)) for label, tekst in rijen if tekst) + (
        ("Gedeeld voor het plan", gedeeld_tekst(g), rules.GESPREK_GEDEELD.naam),
    )


# Rows of a voortgangsgesprek the client may share with DWT for the plan (DESIGN.md §1).
DEELBAAR = {
    "Hoe gaat het": GedeeldOnderwerp.WELZIJN,
    "Ervaren stress": GedeeldOnderwerp.WELZIJN,
    "Leefsituatie": GedeeldOnderwerp.LEEFSITUATIE,
    "Signalen van schulden": GedeeldOnderwerp.SCHULDEN,
}


def _regel_voor(g: Voortgangsgesprek, label: str) -> str:
    """The rule that reads a row: rechtmatigheid for its guardians; a row the client shared
    for the plan for DWT too; everything else for IO's roles (``GESPREK_INHOUD``)."""
    if label == "Rechtmatigheid":
        return rules.GESPREK_RECHTMATIGHEID.naam
    if DEELBAAR.get(label) in (g.gedeeld_met_dwt or ()):
        return rules.GESPREK_GEDEELD.naam
    return rules.GESPREK_INHOUD.naam


def gedeeld_tekst(g: Voortgangsgesprek) -> str:
    """What the client shared with DWT for the plan, in words."""
    gedeeld = [o.label for o in GedeeldOnderwerp if o in (g.gedeeld_met_dwt or ())]
    return ", ".join(gedeeld).capitalize() if gedeeld else "Niets"


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
    """Each gesprek with what was said (3 queries); the timeline shows each row only to roles
    that may read it (see ``gesprek_inhoud``)."""
    for g in _gesprekken(client):
        yield TijdlijnItem(
            g.datum,
            "voortgangsgesprek",
            "Voortgangsgesprek",
            f"Voortgangsgesprek ({g.get_plek_display().lower()})",
            door=str(g.gehouden_door),
            inhoud=gesprek_inhoud(g),  # every row carries its own rule
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
    2 queries: the setting, and the page with the total beside each row (a caseload's size;
    a page past the end, the last page, takes 2 more)."""
    from .services import PLAN_GROEPEN

    grens = plan_actueel_grens(peildatum, plan_actueel_maanden())
    groep = Groepslidmaatschap.objects.actueel().filter(client=OuterRef("pk"))
    qs = (
        zichtbare_clienten(user)
        .eigen_van(user)
        .filter(Exists(groep.filter(klantgroep__code__in=PLAN_GROEPEN)))
        .annotate(laatste_plan=Max("plannen__vastgesteld_op"))
        .filter(Q(laatste_plan__isnull=True) | Q(laatste_plan__lt=grens))
    )
    pagina_qs = qs.annotate(
        klantgroep_naam=Subquery(groep.values("klantgroep__naam")[:1]),
        lijst_totaal=Window(Count("pk")),
    ).order_by(F("laatste_plan").asc(nulls_first=True), "achternaam", "pk")
    start = (max(pagina, 1) - 1) * PLAN_TE_HERZIEN_PER_PAGINA
    klanten = list(pagina_qs[start : start + PLAN_TE_HERZIEN_PER_PAGINA])
    if klanten:
        return klanten, klanten[0].lijst_totaal
    totaal = qs.count() if start else 0
    if not totaal:
        return [], 0
    start = (-(-totaal // PLAN_TE_HERZIEN_PER_PAGINA) - 1) * PLAN_TE_HERZIEN_PER_PAGINA  # last
    return list(pagina_qs[start : start + PLAN_TE_HERZIEN_PER_PAGINA]), totaal


def werkvoorraad_voor(*, user, vandaag: datetime.date, params=None) -> dict:
    """The start page: counts of all open work (in the database), a page per section of
    overdue, today's and the coming week's tasks (filtered and sorted), urgent signals listed
    and routine ones grouped, caseload per klantgroep, and the role's own sections. Only
    clients the user may see. A fixed number of queries, whatever the amount of work."""
    from .startpagina import rol_secties
    from .werkvoorraad import (
        SECTIES,
        Filters,
        door_mij_overgedragen,
        filter_keuzes,
        open_taken,
        signalen_sectie,
        taak_secties,
        taak_tellingen,
    )

    params = params or {}
    dossierwerk = may(user, DOSSIERWERK)
    filters = Filters.uit(params)
    qs = open_taken(user=user, filters=filters)
    tellingen = taak_tellingen(qs, vandaag) if dossierwerk else {}
    getoond = [
        (naam, titel, leeg)
        for naam, titel, leeg in (SECTIES if dossierwerk else ())
        if not filters.te_laat or naam == "te_laat"
    ]
    paginas = taak_secties(
        user=user,
        namen=[naam for naam, _, _ in getoond],
        vandaag=vandaag,
        tellingen=tellingen,
        filters=filters,
        params=params,
    )
    secties = [
        {"naam": naam, "titel": titel, "leeg": leeg, **paginas[naam]}
        for naam, titel, leeg in getoond
    ]
    context = {
        "vandaag": vandaag,
        "filters": filters,
        "tellingen": tellingen,
        "secties": secties,
        "caseload": list(
            Groepslidmaatschap.objects.actueel()
            .filter(zichtbaar_voor_gedeeld(user), client_id__in=eigen_client_ids(user))
            .values("klantgroep__naam", "klantgroep__volgorde")
            .annotate(n=Count("id"))
            .order_by("klantgroep__volgorde")
        )
        if dossierwerk
        else [],
        "plannen_te_herzien": None,
        **filter_keuzes(),
        **(signalen_sectie(user=user) if dossierwerk else {}),
        **(door_mij_overgedragen(user=user, vandaag=vandaag) if dossierwerk else {}),
        **rol_secties(user=user, vandaag=vandaag, params=params),
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
