"""Indicators from the klantreis records: ambitiegesprekken, plannen van aanpak,
voortgangsgesprekken and rechtmatigheid held versus due, trajecten and their success per
instrument, werkleerroutes, participatie, minimaregelingen, Wmo referrals, participatieladder.

Each indicator is a count over dated facts in the period (or on its last day), grouped where
it makes sense by the klantgroep the client was in at that moment.
"""

from collections import defaultdict

from django.db.models import Count, F, OuterRef, Q, Subquery, Sum

from clients.begeleiding.models import Voortgangsgesprek
from clients.begeleiding.selectors import plan_actueel_grens, plan_actueel_maanden
from clients.constants import DIRECTE_HULP_GEGEVEN, DirecteHulp, TaakSoort, TaakStatus
from clients.handhaving.models import Rechtmatigheidsonderzoek
from clients.intake.models import Ambitiegesprek, LadderMeting, Screening
from clients.models import Signaal, Taak
from clients.trajecten.models import InstrumentSoort, PlekPlaatsing, Traject

from .bronnen import Groepslidmaatschap
from .periods import Periode


def _groep_op(datum_veld: str):
    """Subquery: the klantgroep code of the client on the date in ``datum_veld``."""
    return Subquery(
        Groepslidmaatschap.objects.op_datum(OuterRef(datum_veld))
        .filter(client_id=OuterRef("client_id"))
        .order_by("-van")
        .values("klantgroep__code")[:1]
    )


def _per_groep(qs, datum_veld: str) -> dict[str, int]:
    rows = qs.annotate(groep=_groep_op(datum_veld)).values("groep").annotate(n=Count("id"))
    return {r["groep"] or "onbekend": r["n"] for r in rows}


def _in(periode: Periode, veld: str) -> Q:
    return Q(**{f"{veld}__range": (periode.start, periode.eind)})


def bereken(periode: Periode) -> dict:
    eind = periode.eind
    # ambitiegesprekken, and how many with the existing bestand (already placed before)
    eerdere_groep = Groepslidmaatschap.objects.filter(
        client_id=OuterRef("client_id"), van__lt=OuterRef("datum")
    )
    ambitie = Ambitiegesprek.objects.filter(_in(periode, "datum")).aggregate(
        totaal=Count("id"),
        bestand=Count(
            "id",
            filter=Q(
                pk__in=Ambitiegesprek.objects.filter(_in(periode, "datum"))
                .annotate(eerder=Subquery(eerdere_groep.values("pk")[:1]))
                .filter(eerder__isnull=False)
                .values("pk")
            ),
        ),
    )
    # Matchen/Groeien on the last day with a current plan (reviewed within 12 months)
    mg = Groepslidmaatschap.objects.op_datum(eind).filter(
        klantgroep__code__in=["matchen", "groeien"]
    )
    grens = plan_actueel_grens(eind, plan_actueel_maanden())  # configured by the beheerder
    met_plan = (
        mg.filter(client__plannen__vastgesteld_op__range=(grens, eind))
        .values("client_id")
        .distinct()
        .count()
    )
    # voortgangsgesprekken held vs due, per group
    gehouden = _per_groep(Voortgangsgesprek.objects.filter(_in(periode, "datum")), "datum")
    gepland = _per_groep(
        Taak.objects.filter(_in(periode, "datum"), soort=TaakSoort.VOORTGANGSGESPREK).exclude(
            status=TaakStatus.VERPLAATST  # a moved task is counted once, at its new date
        ),
        "datum",
    )
    rm_besloten = _per_groep(
        Rechtmatigheidsonderzoek.objects.filter(_in(periode, "besloten_op")), "besloten_op"
    )
    rm_in_gesprek = _per_groep(
        Voortgangsgesprek.objects.filter(_in(periode, "datum"), rechtmatigheid_getoetst=True),
        "datum",
    )
    rm_gepland = _per_groep(
        Taak.objects.filter(
            _in(periode, "datum"), soort__in=[TaakSoort.RECHTMATIGHEID, TaakSoort.STEEKPROEF]
        ).exclude(status=TaakStatus.VERPLAATST),
        "datum",
    )
    # trajecten per instrument: started, ended, successful
    trajecten = {}
    for r in (
        Traject.objects.values("instrument__naam")
        .annotate(
            gestart=Count("id", filter=_in(periode, "start")),
            beeindigd=Count("id", filter=_in(periode, "einde")),
            succesvol=Count("id", filter=_in(periode, "einde") & Q(resultaat="succesvol")),
        )
        .filter(Q(gestart__gt=0) | Q(beeindigd__gt=0))
        .order_by("instrument__naam")
    ):
        trajecten[r["instrument__naam"]] = [r["gestart"], r["beeindigd"], r["succesvol"]]
    actief_in_periode = Q(start__lte=eind) & (Q(einde__isnull=True) | Q(einde__gte=periode.start))
    werkleerroutes = (
        Traject.objects.filter(actief_in_periode, instrument__soort=InstrumentSoort.WERKLEERROUTE)
        .values("client_id")
        .distinct()
        .count()
    )
    participatie = len(
        set(PlekPlaatsing.objects.filter(actief_in_periode).values_list("client_id", flat=True))
        | set(
            Traject.objects.filter(
                actief_in_periode,
                instrument__soort__in=[
                    InstrumentSoort.VRIJWILLIGERSWERK,
                    InstrumentSoort.PARTICIPATIEPLEK,
                    InstrumentSoort.ADDITIONELE_ARBEID,
                ],
            ).values_list("client_id", flat=True)
        )
    )
    minima: defaultdict[str, list[int]] = defaultdict(lambda: [0, 0])
    for naam, n in (
        Voortgangsgesprek.objects.filter(_in(periode, "datum"))
        .values_list("minimaregelingen_gebruikt__naam")
        .annotate(n=Count("id"))
    ):
        if naam:
            minima[naam][0] = n
    for naam, n in (
        Voortgangsgesprek.objects.filter(_in(periode, "datum"))
        .values_list("minimaregelingen_geadviseerd__naam")
        .annotate(n=Count("id"))
    ):
        if naam:
            minima[naam][1] = n
    wmo = (
        Screening.verwijzingen.through.objects.filter(
            screening__datum__range=(periode.start, eind), netwerkpartner__naam__icontains="wmo"
        ).count()
        + Voortgangsgesprek.objects.filter(
            _in(periode, "datum"), verwezen_naar__naam__icontains="wmo"
        ).count()
    )
    vorige_trede = (
        LadderMeting.objects.filter(client_id=OuterRef("client_id"), datum__lt=OuterRef("datum"))
        .order_by("-datum", "-pk")
        .values("trede")[:1]
    )
    ladder = (
        LadderMeting.objects.filter(_in(periode, "datum"))
        .annotate(vorige=Subquery(vorige_trede))
        .aggregate(
            hoger=Count("id", filter=Q(trede__gt=F("vorige"))),
            lager=Count("id", filter=Q(trede__lt=F("vorige"))),
            metingen=Count("id"),
        )
    )
    return {
        "ambitie": ambitie,
        "plan": {
            "matchen_groeien": mg.values("client_id").distinct().count(),
            "met_plan": met_plan,
        },
        "voortgang": {"gehouden": gehouden, "gepland": gepland},
        "rechtmatigheid": {
            "besloten": rm_besloten,
            "in_gesprek": rm_in_gesprek,
            "gepland": rm_gepland,
        },
        "trajecten": trajecten,
        "werkleerroutes": werkleerroutes,
        "participatie": participatie,
        "minima": {k: v for k, v in sorted(minima.items())},
        "wmo": wmo,
        "ladder": ladder,
        "directe_hulp": directe_hulp(periode),
    }


def directe_hulp(periode: Periode) -> dict:
    """Direct help for urgent needs recorded in the period (issue 30, beleid §3.2/§4.1): how
    often per kind, and the voorschotten's total amount. Counted on the day it was recorded
    (at the melding, or at the afhandeling when the melding said "nog geen")."""
    rijen = (
        Signaal.objects.filter(
            directe_hulp__in=DIRECTE_HULP_GEGEVEN,
            directe_hulp_op__date__range=(periode.start, periode.eind),
        )
        .values("directe_hulp")
        .annotate(n=Count("id"), bedrag=Sum("voorschot_bedrag"))
    )
    per_soort = {str(soort): 0 for soort in DIRECTE_HULP_GEGEVEN}
    bedrag = 0.0
    for r in rijen:
        per_soort[r["directe_hulp"]] = r["n"]
        if r["directe_hulp"] == DirecteHulp.VOORSCHOT:
            bedrag = float(r["bedrag"] or 0)
    return {"per_soort": per_soort, "voorschot_bedrag": round(bedrag, 2)}


def trajectkosten_per_groep(periode: Periode) -> dict[str, float]:
    rows = (
        Traject.objects.filter(_in(periode, "start"))
        .values("klantgroep__code")
        .annotate(k=Sum("kosten"))
    )
    return {r["klantgroep__code"]: float(r["k"] or 0) for r in rows}
