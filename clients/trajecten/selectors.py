"""Reads of the trajecten app: dossier section, dashboard, lists, matching, timeline.

Every selector that feeds a page runs a fixed number of queries, whatever the size of the
bestand (pinned in tests)."""

from __future__ import annotations

import datetime
import hashlib
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    Func,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Collate, NullIf

from clients.constants import Fase
from clients.groepen.models import Groepslidmaatschap
from clients.models import Client, Contactpersoon
from clients.query import IdIn
from clients.registry import TijdlijnItem
from deventer_werk.access import may
from deventer_werk.cache import bewaard
from deventer_werk.dates import today

from . import rules
from .models import (
    Competenties,
    LoonwaardeBeoordeling,
    NazorgMoment,
    Plaatsing,
    PlekPlaatsing,
    Themabijeenkomst,
    ThemaUitnodiging,
    Traject,
    Uitkeringseinde,
    UitkeringseindeBesluit,
    Vacature,
    Werkprofiel,
)
from .services.plaatsingen import NAZORG_MAANDEN, add_months

if TYPE_CHECKING:
    from collections.abc import Iterator

    from deventer_werk.accounts.models import User


MATCH_GROEPEN = ("matchen", "groeien")


class VolledigeNaam(Func):
    """The client's full name as shown ("voornamen tussenvoegsel achternaam")."""

    function = "concat_ws"
    output_field = CharField()

    def __init__(self, prefix: str = "client__"):
        super().__init__(
            Value(" "),
            F(f"{prefix}voornamen"),
            NullIf(F(f"{prefix}tussenvoegsel"), Value("")),
            F(f"{prefix}achternaam"),
        )


def _lijst(tekst: str) -> set[str]:
    return {c.strip().lower() for c in tekst.split(",") if c.strip()}


def _score(profiel_comp: set[str], uren: int, sector_match: bool, vacature: Vacature) -> int:
    """Sector interest weighs 3, each shared competence 2, enough available hours 1."""
    return (
        (3 if sector_match else 0)
        + 2 * len(profiel_comp & vacature.competentielijst())
        + (1 if uren >= vacature.uren else 0)
    )


def themabijeenkomst_lijst(*, user: User) -> QuerySet[Themabijeenkomst]:
    """Meetings with invitation and attendance counts (no names), newest first. Someone
    without dossier access (a trainer) sees only the meetings they organise."""
    qs = Themabijeenkomst.objects.all()
    if not may(user, rules.THEMA_ALLE_BIJEENKOMSTEN):
        qs = qs.filter(georganiseerd_door=user)
    return (
        qs.select_related("sector")
        .annotate(
            uitgenodigd=Count("uitnodigingen"),
            aanwezig=Count("uitnodigingen", filter=Q(uitnodigingen__aanwezig=True)),
        )
        .order_by("-datum", "-pk")
    )


def thema_uitnodigingen(*, bijeenkomst: Themabijeenkomst, user: User) -> QuerySet[ThemaUitnodiging]:
    """The attendance list: the organiser sees every name; anyone else only the invitees
    whose dossier they may open (need-to-know)."""
    qs = ThemaUitnodiging.objects.filter(bijeenkomst=bijeenkomst)
    if bijeenkomst.georganiseerd_door_id != user.pk:
        qs = qs.filter(client__in=Client.objects.visible_to(user))
    return qs.select_related("client").order_by("client__achternaam", "client__voornamen", "pk")


def vacature_open(*, pk: object) -> Vacature | None:
    """An open vacancy by its id as given in a query string (anything else: None)."""
    if not str(pk or "").isdigit() or int(pk) > 2**62:
        return None
    return Vacature.objects.filter(pk=int(pk), open=True).first()


# The pages measured at city size (plaatsing, matching, trajecten list, dashboard) check
# need-to-know as an EXISTS on each row's own client, not ``client__in=visible_to(user)``:
# that made PostgreSQL build the whole visible set (every client scanned or hash-joined) to
# return a page or a single row.
def _zichtbaar(user: User) -> Exists:
    """Need-to-know (``Client.visible_to``) on the row's own client (its ``client_id``)."""
    return Exists(Client.objects.visible_to(user).filter(pk=OuterRef("client_id")))


def _mijn(user: User) -> QuerySet:
    """The ids of the clients ``user`` is the current contact person of
    (``Client.with_contactpersoon``), without need-to-know: combine with ``_zichtbaar``."""
    return Contactpersoon.objects.actueel().filter(medewerker=user).values("client_id")


# Matching ranks the cheap way first and checks need-to-know only on the best candidates:
# this many, enough for ``limiet`` unless most of them are out of sight (then the full query).
KANDIDATEN_VOORRONDE = 200


def kandidaten_voor(*, vacature: Vacature, user: User, limiet: int = 20) -> list[dict]:
    """Active Matchen/Groeien clients within need-to-know, ranked on sector interest,
    competences (not diplomas) and availability. PostgreSQL scores and ranks (``_score`` in
    SQL) and returns only the best ones; that ranking is kept (``_ranglijst``), so a page
    view runs two small queries: the ranking's key and the first round's rows.

    Only profiles with the vacancy's sector or at least one requested competence can reach
    the minimum score of 3; that pre-filter uses the sector index and the GIN index on the
    competence array (``werkprofiel_comp_gin_idx``). The score is read from those indexes too
    (one set of profiles per requested competence), not by parsing every profile's
    competences (``dw_competenties`` costs ~8 µs a row: 10,000 candidates at city size).
    Need-to-know is an EXISTS on each candidate's client, on the best
    ``KANDIDATEN_VOORRONDE`` only; should fewer than ``limiet`` of them be visible, a second
    query ranks within need-to-know from the start (same rows, same order)."""
    gevraagd = sorted(vacature.competentielijst())
    met_sector = Werkprofiel.sectoren.through.objects.filter(sector_id=vacature.sector_id)
    comp = Competenties(F("competenties"))
    gedeeld = sum(
        (
            Case(
                When(
                    pk__in=Werkprofiel.objects.alias(comp=comp)
                    .filter(comp__contains=[c])
                    .values("pk"),
                    then=1,
                ),
                default=0,
            )
            for c in gevraagd
        ),
        Value(0),
    )
    zichtbaar = Client.objects.visible_to(user).actief().filter(pk=OuterRef("client_id"))
    kandidaten = (
        Werkprofiel.objects.filter(
            client__lidmaatschappen__tot__isnull=True,
            client__lidmaatschappen__klantgroep__code__in=MATCH_GROEPEN,
        )
        .exclude(client__fase=Fase.AFGESLOTEN)  # cheap; ``zichtbaar`` includes it too
        .filter(
            Q(pk__in=met_sector.values("werkprofiel_id"))
            | Q(pk__in=Werkprofiel.objects.alias(comp=comp).filter(comp__overlap=gevraagd))
        )
        .annotate(
            sector_match=Exists(met_sector.filter(werkprofiel_id=OuterRef("pk"))),
            score=Case(When(sector_match=True, then=3), default=0)
            + 2 * gedeeld
            + Case(When(uren_beschikbaar__gte=vacature.uren, then=1), default=0),
            naam=VolledigeNaam(),
            naam_c=Collate(VolledigeNaam(), "C"),
        )
        .filter(score__gte=3)
        .order_by("-score", "naam_c")
    )
    ranglijst = _ranglijst(vacature, kandidaten, max(limiet, KANDIDATEN_VOORRONDE))
    posities = {client_id: i for i, (client_id, _, _) in enumerate(ranglijst)}
    # The first round: the ranking's candidates that still qualify (a client who left
    # Matchen/Groeien or whose dossier closed since it was kept drops out here) and that this
    # user may see, with their current name and profile.
    voorronde = list(
        Werkprofiel.objects.filter(
            client_id__in=list(posities),
            client__lidmaatschappen__tot__isnull=True,
            client__lidmaatschappen__klantgroep__code__in=MATCH_GROEPEN,
        )
        .filter(Exists(zichtbaar))
        .annotate(naam=VolledigeNaam())
        .values(
            "client_id",
            "naam",
            "client__lidmaatschappen__klantgroep__naam",
            "competenties",
            "uren_beschikbaar",
        )
    )
    voorronde.sort(key=lambda r: posities[r["client_id"]])
    scores = {client_id: (score, sector) for client_id, score, sector in ranglijst}
    for r in voorronde:
        r["score"], r["sector_match"] = scores[r["client_id"]]
    rows = voorronde[:limiet]
    if len(rows) < limiet and len(ranglijst) == max(limiet, KANDIDATEN_VOORRONDE):
        rows = list(
            kandidaten.filter(Exists(zichtbaar)).values(
                "client_id",
                "naam",
                "score",
                "client__lidmaatschappen__klantgroep__naam",
                "competenties",
                "uren_beschikbaar",
                "sector_match",
            )[:limiet]
        )
    gevraagd_set = set(gevraagd)
    return [
        {
            "client_id": r["client_id"],
            "naam": r["naam"],
            "score": r["score"],
            "klantgroep": r["client__lidmaatschappen__klantgroep__naam"],
            "overlap": sorted(_lijst(r["competenties"]) & gevraagd_set),
            "sector_match": r["sector_match"],
            "uren": r["uren_beschikbaar"],
        }
        for r in rows
    ]


# How long a vacancy's ranking is kept at most; it is computed anew as
# soon as a werkprofiel changes or a client joins a klantgroep (the key holds both).
RANGLIJST_BEWAREN = 300


def _ranglijst(vacature: Vacature, kandidaten: QuerySet, aantal: int) -> list[tuple]:
    """The best ``aantal`` candidates for the vacancy before need-to-know, as
    (client_id, score, sector_match): ranking scores every qualifying profile (9,000 at city
    size, ~100 ms), so it is kept for every server process (``bewaard``, issue 33). The key
    holds what the scores depend on: the vacancy's sector, competences and hours, the newest
    werkprofiel change and the newest group membership. What the key does not hold (a
    membership ended, a dossier closed) is checked again on every read of the first round. A
    profile saved in a transaction that commits after a later-stamped one is seen within
    ``RANGLIJST_BEWAREN``.

    Sequential scan, justified (EXPLAIN ANALYZE at city size in
    bench/results/20261207T2251Z-na-sessie.md, 126 ms): the ranking reads trajecten_werkprofiel
    whole (16,310 rows), because 9,239 of them (57 %) qualify and are scored; the pre-filter's
    sets come from the sector and GIN indexes. It runs once per vacancy and change, not per
    view."""
    with connection.cursor() as cursor:  # both maxima are read from an index, in one query
        cursor.execute(
            f"SELECT (SELECT max(gewijzigd_op) FROM {Werkprofiel._meta.db_table}),"  # noqa: S608
            f" (SELECT max(id) FROM {Groepslidmaatschap._meta.db_table})"
        )
        profiel, lid = cursor.fetchone()
    sleutel = "dw:matching:1:" + ":".join(
        str(x)
        for x in (
            vacature.pk,
            aantal,
            vacature.sector_id,
            # a digest: competences hold spaces, which no cache key may
            hashlib.sha256(",".join(sorted(vacature.competentielijst())).encode()).hexdigest(),
            vacature.uren,
            profiel and profiel.timestamp(),
            lid,
        )
    )
    return bewaard(
        sleutel,
        lambda: list(kandidaten.values_list("client_id", "score", "sector_match")[:aantal]),
        RANGLIJST_BEWAREN,
    )


def trajecten_sectie(*, client: Client, user: User) -> dict:
    """Trajecten (with the current loonwaarde), plaatsingen (with nazorg checkpoints),
    participatieplekken, the werkprofiel and suggested vacancies. Always 8 queries: related
    rows are read with their own query rather than prefetched, because a prefetch is skipped
    when there is nothing to attach it to and the count would then depend on the data."""
    trajecten = list(
        Traject.objects.filter(client=client)
        .select_related("instrument", "aanbieder", "sector")
        .order_by("-start", "-pk")[:20]
    )
    laatste_loonwaarde: dict[int, LoonwaardeBeoordeling] = {}
    for b in LoonwaardeBeoordeling.objects.filter(traject__client=client).order_by(
        "traject_id", "datum", "pk"
    ):
        laatste_loonwaarde[b.traject_id] = b
    for t in trajecten:
        t.huidige_beoordeling = laatste_loonwaarde.get(t.pk)  # type: ignore[attr-defined]
    plaatsingen = list(
        Plaatsing.objects.filter(client=client)
        .select_related("werkgever", "uitkeringseinde")  # one join: the count stays 8
        .order_by("-start", "-pk")[:10]
    )
    momenten = list(NazorgMoment.objects.filter(plaatsing__client=client))
    plekken = list(
        PlekPlaatsing.objects.filter(client=client).select_related("plek").order_by("-start")[:10]
    )
    profiel = Werkprofiel.objects.filter(client=client).first()
    sectoren = list(
        Werkprofiel.sectoren.through.objects.filter(werkprofiel__client=client)
        .select_related("sector")
        .order_by("sector__naam")
    )
    vacatures = list(
        Vacature.objects.filter(open=True, sector_id__in=[s.sector_id for s in sectoren] or [0])
        .select_related("werkgever", "sector")
        .order_by("-geplaatst_op")[:50]
    )
    suggesties = []
    if profiel:
        comp = profiel.competentielijst()
        suggesties = sorted(
            vacatures, key=lambda v: -_score(comp, profiel.uren_beschikbaar, True, v)
        )[:5]
    return {
        "trajecten": trajecten,
        "plaatsingen": [_met_nazorgstand(p, momenten) for p in plaatsingen],
        "plekken": plekken,
        "profiel": profiel,
        "profiel_sectoren": [s.sector for s in sectoren],
        "suggesties": suggesties,
        "vandaag": today(),
    }


def _met_nazorgstand(plaatsing: Plaatsing, momenten: list[NazorgMoment]) -> Plaatsing:
    """Attach the placement's checkpoints (held, open or lapsed) as ``nazorgmomenten``."""
    gehouden = {m.maanden: m for m in momenten if m.plaatsing_id == plaatsing.pk}
    plaatsing.nazorgmomenten = [  # type: ignore[attr-defined]
        {
            "maanden": m,
            "gepland": add_months(plaatsing.start, m),
            "moment": gehouden.get(m),
            "vervallen": m not in gehouden and plaatsing.einde is not None,
        }
        for m in NAZORG_MAANDEN
    ]
    return plaatsing


def plaatsing_voor_nazorg(*, user: User, pk: int) -> Plaatsing | None:
    """A placement whose nazorg ``user`` may record: within need-to-know, or the werkcoach who
    made it while its nazorg period runs (the client has usually left the benefit by then, so
    the dossier itself is out of sight for DWT)."""
    if not may(user, rules.PLAATSING):
        return None
    # need-to-know on this placement's one client (``client__in`` had a plan cost of 3.5M)
    plaatsing = (
        Plaatsing.objects.filter(pk=pk)
        .filter(Q(_zichtbaar(user)) | Q(werkcoach=user, nazorg_tot__gte=today()))
        .select_related("client", "werkgever", "traject", "uitkeringseinde")
        .first()
    )
    if plaatsing is None:
        return None
    return _met_nazorgstand(plaatsing, list(plaatsing.nazorg.select_related("door")))


def _halfjaar_start(vandaag: datetime.date) -> datetime.date:
    return datetime.date(vandaag.year, 1 if vandaag.month <= 6 else 7, 1)


def werkcoach_dashboard(*, user: User) -> dict:
    """My clients per group, running trajecten (mine or of my clients), those ending within 30
    days, placements in nazorg with their checkpoints, running participatieplekken, and my
    results this half year. Need-to-know applies, except for the nazorg of my own placements.
    8 queries."""
    vandaag = today()
    halfjaar = _halfjaar_start(vandaag)
    zichtbaar = _zichtbaar(user)
    mijn = _mijn(user)
    # the user's own trajecten by id first, need-to-know on those (see ``traject_lijst``)
    eigen = Traject.objects.filter(Q(werkcoach=user) | Q(client__in=mijn))
    lopend_qs = Traject.objects.filter(status=Traject.Status.LOPEND).filter(
        zichtbaar, IdIn(eigen.order_by().values("pk"))
    )
    lopend = list(
        lopend_qs.select_related("client", "instrument", "sector").order_by("gepland_einde", "pk")[
            :200
        ]
    )
    in_nazorg = Plaatsing.objects.filter(
        werkcoach=user, nazorg_tot__gte=vandaag, einde__isnull=True
    )
    momenten = list(NazorgMoment.objects.filter(plaatsing__in=in_nazorg))
    nazorg = [
        _met_nazorgstand(p, momenten)
        for p in in_nazorg.select_related("client", "werkgever").order_by("start", "pk")[:200]
    ]
    plekken = list(
        PlekPlaatsing.objects.filter(zichtbaar, makelaar=user, einde__isnull=True)
        .select_related("client", "plek")
        .order_by("start", "pk")[:200]
    )
    resultaten = Traject.objects.filter(
        werkcoach=user, status=Traject.Status.BEEINDIGD, einde__gte=halfjaar
    ).aggregate(beeindigd=Count("id"), succesvol=Count("id", filter=Q(resultaat="succesvol")))
    plaatsingen = Plaatsing.objects.filter(werkcoach=user, start__gte=halfjaar).aggregate(
        totaal=Count("id"), uitstroom=Count("id", filter=Q(uitkering_beeindigd=True))
    )
    klanten = list(
        Groepslidmaatschap.objects.actueel()
        .filter(zichtbaar, client__in=mijn)
        .values("klantgroep__naam")
        .annotate(n=Count("id"))
        .order_by("klantgroep__volgorde")
    )
    return {
        "vandaag": vandaag,
        "halfjaar_start": halfjaar,
        "klanten": klanten,
        "lopend": lopend,
        "lopend_totaal": lopend_qs.count(),
        "bijna_klaar": [
            t for t in lopend if t.gepland_einde <= vandaag + datetime.timedelta(days=30)
        ],
        "nazorg": nazorg,
        "nazorg_te_doen": [
            (p, m)
            for p in nazorg
            for m in p.nazorgmomenten  # type: ignore[attr-defined]
            if m["moment"] is None and m["gepland"] <= vandaag + datetime.timedelta(days=14)
        ],
        "plekken": plekken,
        "resultaten": resultaten,
        "plaatsingen": plaatsingen,
    }


def traject_lijst(
    *, user: User, status: str = "", instrument_id: int | None = None, alleen_mijn: bool = True
) -> QuerySet[Traject]:
    """Trajecten within need-to-know, newest first, for a paginated list (the page walks the
    index ``traject_start_id_idx``)."""
    qs = Traject.objects.filter(_zichtbaar(user))
    if alleen_mijn:
        # The user's own trajecten first (~100 of 13,000 at city size, by id), need-to-know
        # on those: as a plain filter PostgreSQL hashed the whole visible set (14,000
        # Faciliteren clients for a participatiemakelaar) to count them, 90 -> 9 ms.
        mijn = Traject.objects.filter(Q(werkcoach=user) | Q(client__in=_mijn(user)))
        qs = qs.filter(IdIn(mijn.order_by().values("pk")))
    if status:
        qs = qs.filter(status=status)
    if instrument_id:
        qs = qs.filter(instrument_id=instrument_id)
    return qs.select_related("client", "instrument", "aanbieder", "sector").order_by(
        "-start", "-pk"
    )


def tijdlijn_trajecten(*, client: Client) -> Iterator[TijdlijnItem]:
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


def tijdlijn_plaatsingen(*, client: Client) -> Iterator[TijdlijnItem]:
    for p in Plaatsing.objects.filter(client=client).select_related("werkgever", "werkcoach"):
        yield TijdlijnItem(
            p.start,
            "plaatsing",
            "Plaatsingen",
            f"Geplaatst: {p.functie} bij {p.werkgever}"
            + (" (met loonkostensubsidie)" if p.met_loonkostensubsidie else ""),
            door=str(p.werkcoach),
        )


def tijdlijn_nazorg(*, client: Client) -> Iterator[TijdlijnItem]:
    for m in NazorgMoment.objects.filter(plaatsing__client=client).select_related(
        "plaatsing__werkgever", "door"
    ):
        yield TijdlijnItem(
            m.datum,
            "nazorg",
            "Nazorg",
            f"Nazorg na {m.maanden} maanden: "
            + ("werkt nog" if m.werkt_nog else "werkt niet meer")
            + f" bij {m.plaatsing.werkgever}",
            door=str(m.door),
        )


def tijdlijn_participatie(*, client: Client) -> Iterator[TijdlijnItem]:
    for p in PlekPlaatsing.objects.filter(client=client).select_related("plek", "makelaar"):
        yield TijdlijnItem(
            p.start,
            "participatie",
            "Participatie",
            f"Participatieplek: {p.plek}",
            door=str(p.makelaar),
        )
        if p.einde:
            yield TijdlijnItem(
                p.einde,
                "participatie",
                "Participatie",
                f"Participatieplek beëindigd: {p.plek}",
                door=str(p.makelaar),
            )


def tijdlijn_uitkeringseinde(*, client: Client) -> Iterator[TijdlijnItem]:
    """The proposal to end the benefit and every decision on it, corrections included (two
    queries: the proposals and their decisions)."""
    for e in (
        Uitkeringseinde.objects.filter(client=client)
        .select_related("voorgesteld_door")
        .prefetch_related(
            Prefetch("besluiten", UitkeringseindeBesluit.objects.select_related("door"))
        )
    ):
        yield TijdlijnItem(
            e.voorgesteld_op,
            "uitkeringseinde",
            "Einde uitkering",
            f"Einde uitkering voorgesteld (laatste dag {e.voorgestelde_laatste_dag:%d-%m-%Y})",
            door=str(e.voorgesteld_door),
        )
        for b in e.besluiten.all():
            # the reason may speak of income: IO's to read (need-to-know per field)
            yield TijdlijnItem(
                b.op,
                "uitkeringseinde",
                "Einde uitkering",
                ("Correctie: " if b.correctie else "Besluit: ") + str(b),
                door=str(b.door),
                inhoud=(("Reden", b.toelichting, ""),) if b.toelichting else (),
                inhoud_actie=rules.UITKERING_EINDE.naam,
            )
