from django.utils import timezone

from clients.registry import TijdlijnItem

from .models import (
    Aanvraag,
    Ambitiegesprek,
    DiagnoseVraag,
    KickoffUitnodiging,
    Netwerkpartner,
    Screening,
)


def intake_sectie(*, client, user) -> dict:
    """Screening, aanvraag, ambitiegesprek and kick-off in 6 queries, whatever the data."""
    screening = (
        Screening.objects.filter(client=client)
        .select_related("poortwachter", "intaker")
        .order_by("-datum", "-pk")
        .first()
    )
    verwijzingen = list(
        Netwerkpartner.objects.filter(
            pk__in=Screening.verwijzingen.through.objects.filter(screening__client=client).values(
                "netwerkpartner_id"
            )
        ).order_by("naam")
    )
    aanvraag = Aanvraag.objects.filter(client=client).order_by("-aanvraagdatum", "-pk").first()
    gesprek = (
        Ambitiegesprek.objects.filter(client=client)
        .select_related("instrument", "gekozen_klantgroep", "geadviseerde_klantgroep", "intaker")
        .order_by("-datum", "-pk")
        .first()
    )
    vragen = {
        v.pk: v
        for v in DiagnoseVraag.objects.filter(
            instrument__in=Ambitiegesprek.objects.filter(client=client).values("instrument")
        )
    }
    scores = []
    if gesprek is not None:
        per_gebied: dict[str, list[int]] = {}
        for vraag_id, score in gesprek.antwoorden.items():
            vraag = vragen.get(int(vraag_id))
            if vraag is not None:
                per_gebied.setdefault(vraag.get_leefgebied_display(), []).append(int(score))
        scores = [(k, round(sum(v) / len(v), 1)) for k, v in per_gebied.items()]
    uitnodiging = (
        KickoffUitnodiging.objects.filter(client=client)
        .select_related("sessie__klantgroep")
        .order_by("-uitgenodigd_op", "-pk")
        .first()
    )
    return {
        "screening": screening,
        "verwijzingen": verwijzingen,
        "aanvraag": aanvraag,
        "dagen_over": aanvraag.dagen_over(timezone.localdate()) if aanvraag else None,
        "gesprek": gesprek,
        "scores": scores,
        "uitnodiging": uitnodiging,
    }


def tijdlijn_screening(*, client):
    for s in Screening.objects.filter(client=client).select_related("poortwachter"):
        yield TijdlijnItem(
            s.datum,
            "screening",
            "Screening",
            f"Screening: {s.get_uitkomst_display()}",
            door=str(s.poortwachter),
        )


def tijdlijn_aanvraag(*, client):
    for a in Aanvraag.objects.filter(client=client).select_related("consulent"):
        yield TijdlijnItem(
            a.aanvraagdatum,
            "aanvraag",
            "Aanvraag",
            "Aanvraag uitkering ingediend",
            door=str(a.consulent),
        )
        if a.besluitdatum:
            yield TijdlijnItem(
                a.besluitdatum,
                "aanvraag",
                "Aanvraag",
                f"Besluit: {a.get_besluit_display()} (doorlooptijd {a.doorlooptijd} dagen)",
                door=str(a.consulent),
            )


def tijdlijn_ambitie(*, client):
    for g in Ambitiegesprek.objects.filter(client=client).select_related(
        "intaker", "gekozen_klantgroep"
    ):
        yield TijdlijnItem(
            g.datum,
            "ambitiegesprek",
            "Ambitiegesprek",
            f"Ambitiegesprek: keuze {g.gekozen_klantgroep.naam}, trede {g.participatieladder}",
            door=str(g.intaker),
        )


def tijdlijn_kickoff(*, client):
    for u in KickoffUitnodiging.objects.filter(client=client).select_related("sessie__klantgroep"):
        status = u.get_aanwezigheid_display() if u.aanwezigheid else "uitgenodigd"
        yield TijdlijnItem(
            u.sessie.datum,
            "kickoff",
            "Kick-off",
            f"Kick-off {u.sessie.klantgroep.naam} ({u.sessie.plaats}): {status}",
        )
