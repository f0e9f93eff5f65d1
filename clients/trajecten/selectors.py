import datetime

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from clients.models import Client
from clients.registry import TijdlijnItem
from klantgroepen.models import Groepslidmaatschap

from .models import Plaatsing, PlekPlaatsing, Traject, Vacature, Werkprofiel

MATCH_GROEPEN = ("matchen", "groeien")


def _score(profiel_comp: set[str], uren: int, sector_match: bool, vacature: Vacature) -> int:
    return (
        (3 if sector_match else 0)
        + 2 * len(profiel_comp & vacature.competentielijst())
        + (1 if uren >= vacature.uren else 0)
    )


def kandidaten_voor(*, vacature: Vacature, user, limiet: int = 20) -> list[dict]:
    """Matchen/Groeien clients within need-to-know, ranked on sector interest, competences
    (not diplomas) and availability. One query, whatever the size of the bestand."""
    rows = (
        Werkprofiel.objects.filter(
            client__in=Client.objects.visible_to(user).actief(),
            client__lidmaatschappen__tot__isnull=True,
            client__lidmaatschappen__klantgroep__code__in=MATCH_GROEPEN,
        )
        .annotate(
            sector_match=Exists(
                Werkprofiel.sectoren.through.objects.filter(
                    werkprofiel_id=OuterRef("pk"), sector_id=vacature.sector_id
                )
            )
        )
        .values(
            "client_id",
            "client__voornamen",
            "client__tussenvoegsel",
            "client__achternaam",
            "client__lidmaatschappen__klantgroep__naam",
            "competenties",
            "uren_beschikbaar",
            "sector_match",
        )
    )
    kandidaten = []
    for r in rows.iterator(chunk_size=2000):
        comp = {c.strip().lower() for c in r["competenties"].split(",") if c.strip()}
        score = _score(comp, r["uren_beschikbaar"], r["sector_match"], vacature)
        if score >= 3:
            naam = " ".join(
                filter(
                    None,
                    [r["client__voornamen"], r["client__tussenvoegsel"], r["client__achternaam"]],
                )
            )
            kandidaten.append(
                {
                    "client_id": r["client_id"],
                    "naam": naam,
                    "score": score,
                    "klantgroep": r["client__lidmaatschappen__klantgroep__naam"],
                    "overlap": sorted(comp & vacature.competentielijst()),
                    "sector_match": r["sector_match"],
                    "uren": r["uren_beschikbaar"],
                }
            )
    kandidaten.sort(key=lambda k: (-k["score"], k["naam"]))
    return kandidaten[:limiet]


def trajecten_sectie(*, client, user) -> dict:
    """Trajecten, plaatsingen, participatieplekken and suggested vacancies: 5 queries."""
    trajecten = list(
        Traject.objects.filter(client=client)
        .select_related("instrument", "aanbieder", "sector")
        .order_by("-start")[:20]
    )
    plaatsingen = list(
        Plaatsing.objects.filter(client=client).select_related("werkgever").order_by("-start")[:10]
    )
    plekken = list(
        PlekPlaatsing.objects.filter(client=client).select_related("plek").order_by("-start")[:10]
    )
    profiel = (
        Werkprofiel.objects.filter(client=client)
        .values("pk", "competenties", "uren_beschikbaar")
        .first()
    )
    sector_ids = Werkprofiel.sectoren.through.objects.filter(werkprofiel__client=client).values(
        "sector_id"
    )
    vacatures = list(
        Vacature.objects.filter(open=True, sector_id__in=sector_ids)
        .select_related("werkgever", "sector")
        .order_by("-geplaatst_op")[:50]
    )
    suggesties = []
    if profiel:
        comp = {c.strip().lower() for c in profiel["competenties"].split(",") if c.strip()}
        suggesties = sorted(
            vacatures, key=lambda v: -_score(comp, profiel["uren_beschikbaar"], True, v)
        )[:5]
    return {
        "trajecten": trajecten,
        "plaatsingen": plaatsingen,
        "plekken": plekken,
        "suggesties": suggesties,
        "vandaag": timezone.localdate(),
    }


def werkcoach_dashboard(*, user) -> dict:
    vandaag = timezone.localdate()
    halfjaar_start = datetime.date(vandaag.year, 1 if vandaag.month <= 6 else 7, 1)
    lopend = list(
        Traject.objects.filter(werkcoach=user, status=Traject.Status.LOPEND)
        .select_related("client", "instrument", "sector")
        .order_by("gepland_einde")[:200]
    )
    nazorg = list(
        Plaatsing.objects.filter(werkcoach=user, nazorg_tot__gte=vandaag)
        .select_related("client", "werkgever")
        .order_by("start")[:200]
    )
    resultaten = Traject.objects.filter(werkcoach=user, einde__gte=halfjaar_start).aggregate(
        beeindigd=Count("id"), succesvol=Count("id", filter=Q(resultaat="succesvol"))
    )
    plaatsingen = Plaatsing.objects.filter(werkcoach=user, start__gte=halfjaar_start).count()
    klanten = (
        Groepslidmaatschap.objects.actueel()
        .filter(client__in=Client.objects.visible_to(user).with_contactpersoon(user))
        .values("klantgroep__naam")
        .annotate(n=Count("id"))
        .order_by("klantgroep__volgorde")
    )
    return {
        "lopend": lopend,
        "bijna_klaar": [
            t for t in lopend if t.gepland_einde <= vandaag + datetime.timedelta(days=30)
        ],
        "nazorg": nazorg,
        "resultaten": resultaten,
        "plaatsingen_halfjaar": plaatsingen,
        "halfjaar_start": halfjaar_start,
        "klanten": list(klanten),
        "vandaag": vandaag,
    }


def tijdlijn_trajecten(*, client):
    for t in Traject.objects.filter(client=client).select_related("instrument", "werkcoach"):
        yield TijdlijnItem(
            t.start,
            "traject",
            "Trajecten",
            f"Traject gestart: {t.instrument}",
            door=str(t.werkcoach),
        )
        if t.einde:
            yield TijdlijnItem(
                t.einde,
                "traject",
                "Trajecten",
                f"Traject {t.instrument}: {t.get_resultaat_display().lower()}",
                door=str(t.werkcoach),
            )


def tijdlijn_plaatsingen(*, client):
    for p in Plaatsing.objects.filter(client=client).select_related("werkgever", "werkcoach"):
        yield TijdlijnItem(
            p.start,
            "plaatsing",
            "Plaatsingen",
            f"Geplaatst: {p.functie} bij {p.werkgever}"
            + (" (met loonkostensubsidie)" if p.met_loonkostensubsidie else ""),
            door=str(p.werkcoach),
        )
