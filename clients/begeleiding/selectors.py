from django.utils import timezone

from clients.registry import TijdlijnItem

from .models import PlanActie, PlanDoel, PlanVanAanpak, Voortgangsgesprek


def begeleiding_sectie(*, client, user) -> dict:
    """Current plan (goals, actions) and recent voortgangsgesprekken: always 4 queries."""
    laatste = PlanVanAanpak.objects.filter(client=client).order_by("-versie").values("pk")[:1]
    plan = PlanVanAanpak.objects.filter(pk__in=laatste).select_related("opgesteld_door").first()
    doelen = list(PlanDoel.objects.filter(plan__in=laatste).order_by("pk"))
    acties = list(PlanActie.objects.filter(plan__in=laatste).order_by("deadline", "pk"))
    for doel in doelen:
        doel.actielijst = [a for a in acties if a.doel_id == doel.pk]
    gesprekken = list(
        Voortgangsgesprek.objects.filter(client=client)
        .select_related("gehouden_door", "groepswijziging__klantgroep")
        .order_by("-datum", "-pk")[:5]
    )
    return {
        "plan": plan,
        "doelen": doelen,
        "plan_actueel": plan.actueel_op(timezone.localdate()) if plan else False,
        "gesprekken": gesprekken,
    }


def tijdlijn_plan(*, client):
    for p in PlanVanAanpak.objects.filter(client=client).select_related("opgesteld_door"):
        yield TijdlijnItem(
            p.vastgesteld_op,
            "plan",
            "Plan van aanpak",
            f"Plan van aanpak versie {p.versie}",
            door=str(p.opgesteld_door),
        )


def tijdlijn_voortgang(*, client):
    for g in Voortgangsgesprek.objects.filter(client=client).select_related("gehouden_door"):
        titel = f"Voortgangsgesprek ({g.get_plek_display().lower()})"
        if g.rechtmatigheid_getoetst:
            titel += f"; rechtmatigheid: {g.get_rechtmatigheid_bevinding_display().lower()}"
        yield TijdlijnItem(
            g.datum, "voortgangsgesprek", "Voortgangsgesprek", titel, door=str(g.gehouden_door)
        )
