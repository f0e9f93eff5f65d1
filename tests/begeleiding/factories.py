"""Plans written straight to the database, for read-side tests (the service has its own)."""

import datetime

from clients.begeleiding.models import PlanActie, PlanDoel, PlanVanAanpak


def plan_maak(
    client,
    *,
    door,
    vastgesteld_op: datetime.date,
    versie: int = 1,
    vorige: PlanVanAanpak | None = None,
    doel: str = "Werkritme opbouwen",
    actie: str = "Werkleerroute starten",
    status: str = PlanActie.Status.OPEN,
) -> PlanVanAanpak:
    plan = PlanVanAanpak.objects.create(
        client=client,
        versie=versie,
        vorige=vorige,
        vastgesteld_op=vastgesteld_op,
        opgesteld_door=door,
    )
    d = PlanDoel.objects.create(plan=plan, leefgebied="werk", omschrijving=doel)
    PlanActie.objects.create(
        plan=plan,
        doel=d,
        omschrijving=actie,
        eigenaar=PlanActie.Eigenaar.KLANT,
        deadline=vastgesteld_op + datetime.timedelta(days=60),
        status=status,
    )
    return plan
