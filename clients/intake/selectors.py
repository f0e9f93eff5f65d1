from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db.models import (
    Count,
    Exists,
    F,
    FilteredRelation,
    Max,
    Min,
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone
from django.utils.formats import number_format

from clients.afspraken import afspraken_rijen
from clients.constants import GEVOELIGE_LEEFGEBIEDEN, Fase, Leefgebied
from clients.groepen.models import Groepslidmaatschap
from clients.models import Client, Taak
from clients.registry import TijdlijnItem
from deventer_werk.access import may
from deventer_werk.accounts.constants import Organisatie
from deventer_werk.cache import bewaard
from deventer_werk.dates import today
from klantgroepen.models import Klantgroep

from . import rules
from .models import (
    Aanvraag,
    AanwezigheidRegistratie,
    Ambitiegesprek,
    DiagnoseVraag,
    KickoffSessie,
    KickoffUitnodiging,
    LadderMeting,
    Netwerkpartner,
    Screening,
    score_label,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from deventer_werk.accounts.models import User


LADDER_HISTORIE = 6  # rungs shown on the dossier (newest first)
# The invitations that take a seat in a session (a cancellation or a lapsed one frees it).
BEZET = Q(uitnodigingen__vervallen_op__isnull=True) & ~Q(
    uitnodigingen__aanwezigheid=KickoffUitnodiging.Aanwezigheid.AFGEMELD
)


def intake_sectie(*, client: Client, user: User) -> dict:
    """Screening, aanvraag, ambitiegesprek, ladder and kick-off in 7 queries at most, whatever
    the data; each part narrowed to what ``user`` may read (DESIGN.md §1): the screening's
    content and estimate, the aanvraag (IO roles) and the diagnose (DWT roles: what was
    shared for the plan)."""
    screening = (
        Screening.objects.filter(client=client)
        .select_related("poortwachter", "intaker")
        .order_by("-datum", "-pk")
        .first()
    )
    screening_inhoud = may(user, rules.SCREENING_INHOUD)
    verwijzingen = (
        list(
            Netwerkpartner.objects.filter(
                pk__in=Screening.verwijzingen.through.objects.filter(
                    screening__client=client
                ).values("netwerkpartner_id")
            ).order_by("naam")
        )
        if screening_inhoud
        else []
    )
    # Every aanvraag (one per uitkeringsperiode at most), so that the dossier's actions read
    # whether one waits for a besluit or the open period has one without a query of their own.
    aanvragen = (
        list(Aanvraag.objects.filter(client=client).order_by("-aanvraagdatum", "-pk"))
        if may(user, rules.AANVRAAG_LEZEN)
        else None
    )
    aanvraag = aanvragen[0] if aanvragen else None
    gesprek = (
        Ambitiegesprek.objects.filter(client=client)
        .select_related(
            "instrument", "gekozen_klantgroep", "geadviseerde_klantgroep", "intaker", "regeladvies"
        )
        .order_by("-datum", "-pk")
        .first()
    )
    vragen = {
        v.pk: v
        for v in DiagnoseVraag.objects.filter(
            instrument__in=Ambitiegesprek.objects.filter(client=client).values("instrument")
        )
    }
    scores = diagnose_scores(gesprek, vragen) if gesprek is not None else []
    volledig = may(user, rules.DIAGNOSE_VOLLEDIG)
    if gesprek is not None and not volledig:
        zichtbaar = {Leefgebied(g).label for g in zichtbare_leefgebieden(gesprek)}
        scores = (
            [r for r in scores if r[0] in zichtbaar] if may(user, rules.DIAGNOSE_GEDEELD) else []
        )
    uitnodiging = (
        KickoffUitnodiging.objects.filter(client=client, vervallen_op__isnull=True)
        .select_related("sessie__klantgroep")
        .order_by("-aangemaakt_op", "-pk")
        .first()
    )
    ladder = list(
        LadderMeting.objects.filter(client=client)
        .select_related("door")
        .order_by("-datum", "-pk")[:LADDER_HISTORIE]
    )
    return {
        "ladder": ladder,
        "screening": screening,
        "screening_inhoud": screening_inhoud,
        "screening_rechtmatigheid": may(user, rules.SCREENING_RECHTMATIGHEID),
        "verwijzingen": verwijzingen,
        "aanvraag": aanvraag,
        "aanvragen": aanvragen,  # None: not read (outside the user's need-to-know)
        "dagen_over": aanvraag.dagen_over(today()) if aanvraag else None,
        "gesprek": gesprek,
        "gesprek_afspraken": afspraken_rijen(gesprek) if gesprek else (),
        "scores": scores,
        "diagnose_volledig": volledig,
        "gedeeld": gedeeld_tekst(gesprek) if gesprek is not None else "",
        "uitnodiging": uitnodiging,
    }


def zichtbare_leefgebieden(gesprek: Ambitiegesprek) -> set[str]:
    """The leefgebieden of ``gesprek`` a DWT role reads: the ones that are not sensitive and
    the ones the client agreed to share for the plan."""
    return {g for g in Leefgebied if g not in GEVOELIGE_LEEFGEBIEDEN} | set(
        gesprek.gedeelde_leefgebieden or ()
    )


def diagnose_scores(
    gesprek: Ambitiegesprek, vragen: dict[int, DiagnoseVraag]
) -> list[tuple[str, float, str]]:
    """(leefgebied, average stored score, its word) per leefgebied of ``gesprek`` (its
    ``instrument`` loaded): stored scores read low = grote zorgen … high = gaat goed (issue 29)."""
    per_gebied: dict[str, list[int]] = {}
    for vraag_id, score in gesprek.antwoorden.items():
        vraag = vragen.get(int(vraag_id))
        if vraag is not None:
            per_gebied.setdefault(vraag.get_leefgebied_display(), []).append(int(score))
    instrument = gesprek.instrument
    rijen = []
    for gebied, lijst in per_gebied.items():
        gemiddeld = round(sum(lijst) / len(lijst), 1)
        label = score_label(gemiddeld, instrument.schaal_min, instrument.schaal_max)
        rijen.append((gebied, gemiddeld, label))
    return rijen


def diagnose_tekst(
    gesprek: Ambitiegesprek, vragen: dict[int, DiagnoseVraag], gebieden: set[str] | None = None
) -> str:
    """The scores per leefgebied in words with the number: "Werk: zorgen (2,0); …"; only the
    leefgebieden in ``gebieden`` (keys) when given."""
    labels = None if gebieden is None else {Leefgebied(g).label for g in gebieden}
    return "; ".join(
        f"{gebied}: {label} ({number_format(score, 1)})"
        for gebied, score, label in diagnose_scores(gesprek, vragen)
        if labels is None or gebied in labels
    )


def tijdlijn_screening(*, client: Client) -> Iterator[TijdlijnItem]:
    """Each screening with what was recorded (2 queries: screenings, checklist questions);
    the content only for IO roles, the rechtmatigheid estimate narrower still."""
    from .models import ScreeningVraag

    screenings = list(
        Screening.objects.filter(client=client)
        .select_related("poortwachter")
        .prefetch_related("verwijzingen")
    )
    vragen = {str(v.pk): v.tekst for v in ScreeningVraag.objects.all()} if screenings else {}
    for s in screenings:
        checklist = "; ".join(
            f"{vragen.get(str(k), 'vraag ' + str(k))}: {'ja' if v else 'nee'}"
            for k, v in (s.antwoorden or {}).items()
        )
        rijen = (
            ("Checklist", checklist, ""),
            (
                "Inschatting rechtmatigheid",
                s.get_rechtmatigheid_display(),
                rules.SCREENING_RECHTMATIGHEID.naam,
            ),
            ("Verwezen naar", ", ".join(p.naam for p in s.verwijzingen.all()), ""),
            ("Reden geen recht", s.reden_geen_recht, ""),
            ("Toelichting", s.toelichting, ""),
        )
        yield TijdlijnItem(
            s.datum,
            "screening",
            "Screening",
            f"Screening: {s.get_uitkomst_display()}",
            door=str(s.poortwachter),
            inhoud=tuple(r for r in rijen if r[1]),
            inhoud_actie=rules.SCREENING_INHOUD.naam,
        )


def tijdlijn_aanvraag(*, client: Client) -> Iterator[TijdlijnItem]:
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


def regeladvies_tekst(g: Ambitiegesprek) -> str:
    """The advice of a gesprek in words: the group, and where the beleidsregels advised (issue
    27) their group and why (``regeladvies`` loaded)."""
    tekst = g.geadviseerde_klantgroep.naam
    if g.regeladvies is not None:
        tekst += f"; volgens de beleidsregels {g.regeladvies.naam}"
        if g.regeladvies_redenen:
            tekst += f" ({g.regeladvies_redenen})"
    elif g.perspectief:
        tekst += " (advies intaker; geen beleidsregel van toepassing)"
    return tekst


def ambitie_inhoud(g: Ambitiegesprek, vragen: dict[int, DiagnoseVraag]) -> tuple:
    """Everything recorded in an ambitiegesprek as (label, text, rule) rows, empty ones left
    out (``g`` with its klantgroepen and ``regeladvies`` loaded): the tijdlijn and the
    voorbereiding read it back the same way."""
    rijen = (
        # need-to-know per field (DESIGN.md §1): every leefgebied for IO roles, for DWT roles
        # only what the client shared for the plan
        ("Diagnose per leefgebied", diagnose_tekst(g, vragen), rules.DIAGNOSE_VOLLEDIG.naam),
        (
            "Diagnose per leefgebied",
            diagnose_tekst(g, vragen, zichtbare_leefgebieden(g)),
            rules.DIAGNOSE_GEDEELD.naam,
        ),
        ("Gedeeld voor het plan", gedeeld_tekst(g), ""),
        ("Bespreking leefgebieden", g.leefgebieden_toelichting, rules.DIAGNOSE_VOLLEDIG.naam),
        ("Wat kan de klant", g.get_perspectief_display() if g.perspectief else "", ""),
        ("Advies", regeladvies_tekst(g), ""),
        ("Motivatie", g.motivatie, ""),
        # same need-to-know as the leefgebieden (issue 27 part 3)
        *((label, tekst, "") for label, tekst in afspraken_rijen(g)),
    )
    return tuple(r for r in rijen if r[1])


def gedeeld_tekst(g: Ambitiegesprek) -> str:
    """What of the diagnose DWT reads, in words: werk and vaardigheden and the sensitive
    leefgebieden the client shared for the plan."""
    gedeeld = [
        Leefgebied(x).label for x in GEVOELIGE_LEEFGEBIEDEN if x in (g.gedeelde_leefgebieden or ())
    ]
    # werk and vaardigheden DWT always reads (GEVOELIGE_LEEFGEBIEDEN)
    return "; ".join(["Werk en vaardigheden", *gedeeld])


def tijdlijn_ambitie(*, client: Client) -> Iterator[TijdlijnItem]:
    for g in (
        Ambitiegesprek.objects.filter(client=client)
        .select_related(
            "intaker", "gekozen_klantgroep", "geadviseerde_klantgroep", "regeladvies", "instrument"
        )
        .prefetch_related("instrument__vragen")
    ):
        vragen = {v.pk: v for v in g.instrument.vragen.all()}
        yield TijdlijnItem(
            g.datum,
            "ambitiegesprek",
            "Ambitiegesprek",
            f"Ambitiegesprek: keuze {g.gekozen_klantgroep.naam}, trede {g.participatieladder}",
            door=str(g.intaker),
            inhoud=ambitie_inhoud(g, vragen),
        )


def ambitiegesprek_laatste(*, client: Client) -> Ambitiegesprek | None:
    """The client's latest ambitiegesprek with ``inhoud`` (see ``ambitie_inhoud``): 2 queries,
    whether or not there is one."""
    gesprek = (
        Ambitiegesprek.objects.filter(client=client)
        .select_related(
            "intaker", "gekozen_klantgroep", "geadviseerde_klantgroep", "regeladvies", "instrument"
        )
        .order_by("-datum", "-pk")
        .first()
    )
    vragen = {
        v.pk: v
        for v in DiagnoseVraag.objects.filter(
            instrument__in=Ambitiegesprek.objects.filter(client=client)
            .order_by("-datum", "-pk")
            .values("instrument")[:1]
        )
    }
    if gesprek is not None:
        gesprek.inhoud = ambitie_inhoud(gesprek, vragen)  # type: ignore[attr-defined]
    return gesprek


def tijdlijn_kickoff(*, client: Client) -> Iterator[TijdlijnItem]:
    uitnodigingen = KickoffUitnodiging.objects.filter(client=client).select_related(
        "sessie__klantgroep", "vastgelegd_door"
    )
    for u in uitnodigingen:
        opnieuw = "Opnieuw uitgenodigd" if u.aanleiding == u.Aanleiding.OPNIEUW else "Uitgenodigd"
        if u.sessie is None or (u.uitgenodigd_op and u.aangemaakt_op.date() < u.uitgenodigd_op):
            yield TijdlijnItem(
                u.aangemaakt_op,
                "kickoff",
                "Kick-off",
                "Aangemeld voor de kick-off: nog geen bijeenkomst met plaats, "
                "de klant wacht op een nieuwe bijeenkomst",
                door="automatisch",
            )
        if u.sessie is not None:
            wanneer = f"{timezone.localtime(u.sessie.datum):%d-%m-%Y %H:%M}"
            yield TijdlijnItem(
                u.uitgenodigd_op or u.aangemaakt_op,
                "kickoff",
                "Kick-off",
                f"{opnieuw} voor de kick-off {u.sessie.klantgroep.naam} van {wanneer} "
                f"({u.sessie.plaats})",
                door="automatisch",
            )
            if u.aanwezigheid:
                yield TijdlijnItem(
                    u.vastgelegd_op or u.sessie.datum,
                    "kickoff",
                    "Kick-off",
                    f"Kick-off {u.sessie.klantgroep.naam} van {wanneer}: "
                    f"{u.get_aanwezigheid_display().lower()}",
                    door=str(u.vastgelegd_door or ""),
                )
        if u.vervallen_op:
            yield TijdlijnItem(
                u.vervallen_op,
                "kickoff",
                "Kick-off",
                f"Uitnodiging kick-off vervallen: {u.reden_vervallen}",
            )
    # what followed the kick-off (vervolg.py): the first appointment, with whom
    for t in Taak.objects.filter(
        client=client, sleutel__startswith="kickoff-vervolg:"
    ).select_related("medewerker"):
        wie = str(t.medewerker) if t.medewerker else f"teamwachtrij {t.rol}"
        tijd = f" {t.tijd:%H:%M}" if t.tijd else ""
        yield TijdlijnItem(
            t.aangemaakt_op,
            "kickoff",
            "Kick-off",
            f"{t.omschrijving}: {t.datum:%d-%m-%Y}{tijd} met {wie}",
            door="automatisch",
        )


def tijdlijn_ladder(*, client: Client) -> Iterator[TijdlijnItem]:
    """Ladder measurements outside the ambitiegesprek (that one is in its own entry)."""
    for m in (
        LadderMeting.objects.filter(client=client)
        .exclude(bron="ambitiegesprek")
        .select_related("door")
    ):
        yield TijdlijnItem(
            m.datum,
            "ladder",
            "Participatieladder",
            f"Participatieladder: trede {m.trede}",
            door=str(m.door),
        )


# Worklists and kick-off pages -----------------------------------------------------------------
def zonder_ambitiegesprek() -> QuerySet[Client]:
    """The bestand still to talk to: active clients in intake or placed, without an
    ambitiegesprek (the policy wants one with everyone, also existing clients)."""
    return Client.objects.actief().filter(
        Q(fase=Fase.INGEDEELD) | Q(fase=Fase.INTAKE),
        ~Exists(Ambitiegesprek.objects.filter(client=OuterRef("pk"))),
    )


def ambitiegesprekken_te_houden(*, user: User) -> QuerySet[Client]:
    """The clients without an ambitiegesprek that ``user`` may hold one with: the worklist
    and the door of the gesprek page share this one definition.

    Policy §4.1 has DWT hold the gesprek "ook met bestaande klanten", so a DWT role that may
    record it gets a purpose-bound access (DESIGN §1) to every client on the list, also under
    IO regie (Faciliteren, Zorgen); it closes by itself once the gesprek is recorded. Other
    roles that may record it (none today) keep their need-to-know. A role that may not hold
    a gesprek gets nothing.
    """
    if not may(user, rules.AMBITIEGESPREK):
        return Client.objects.none()
    qs = zonder_ambitiegesprek()
    if user.organisatie == Organisatie.DWT:
        return qs
    return qs.filter(pk__in=Client.objects.visible_to(user).values("pk"))


#: The row of the figure for clients who are not yet placed in a group (intake).
NOG_NIET_INGEDEELD = "Nog niet ingedeeld"


def ambitiegesprek_voortgang() -> list[dict]:
    """Held / to hold per current klantgroep, over the bestand the policy wants a gesprek
    with (active clients in intake or placed; intake without a group as its own row), in
    the klantgroepen' order: one query, whatever the size of the bestand.

    One pass with joins (the current membership is unique per client), not two subqueries
    per client: at city size 1,545 -> about 100 ms. Still a count over the whole bestand, so
    the start page reads it through ``ambitiegesprek_voortgang_stand`` (kept a few minutes).
    Its plan (bench/results/20261207T2251Z-na-sessie.md, 91 ms for 42,000 clients) reads every
    active client on purpose: each one is counted."""
    gehouden = Exists(Ambitiegesprek.objects.filter(client=OuterRef("pk")))
    rijen = (
        Client.objects.filter(fase__in=[Fase.INGEDEELD, Fase.INTAKE])
        .alias(huidig=FilteredRelation("lidmaatschappen", condition=Q(lidmaatschappen__tot=None)))
        .values(groep=F("huidig__klantgroep__naam"), volgorde=F("huidig__klantgroep__volgorde"))
        .annotate(
            gehouden=Count("pk", filter=Q(gehouden)),
            te_houden=Count("pk", filter=~Q(gehouden)),
        )
        .order_by(F("volgorde").asc(nulls_last=True), "groep")
    )
    return [
        {
            "groep": r["groep"] or NOG_NIET_INGEDEELD,
            "gehouden": r["gehouden"],
            "te_houden": r["te_houden"],
            "totaal": r["gehouden"] + r["te_houden"],
        }
        for r in rijen
    ]


#: How long the start page keeps the figure per klantgroep (the page says as of when).
VOORTGANG_BEWAREN = datetime.timedelta(minutes=5)


def _laatste_pk(model: type[Model]) -> int:
    """The newest row's id (one index lookup): part of a cache key, so that a new row
    (a gesprek recorded, an invitation sent) makes the next page compute afresh."""
    return model._default_manager.aggregate(m=Max("pk"))["m"] or 0


def ambitiegesprek_voortgang_stand() -> dict:
    """The figure per klantgroep as the intaker's start page shows it, with the moment it
    was computed ("stand van"): kept for every server process (``bewaard``) until a gesprek
    is recorded or ``VOORTGANG_BEWAREN`` has passed, so no page view counts the whole bestand
    (issue 33). A group or phase change elsewhere shows within those minutes. 1 query when
    kept in the process, 2 when kept by another."""
    sleutel = f"dw:ambitiegesprek-voortgang:1:{_laatste_pk(Ambitiegesprek)}"
    return bewaard(
        sleutel,
        lambda: {"rijen": ambitiegesprek_voortgang(), "stand": timezone.now()},
        VOORTGANG_BEWAREN.total_seconds(),
    )


def aanvraag_open(*, client: Client) -> Aanvraag | None:
    """The client's latest application still waiting for a decision, if any."""
    return Aanvraag.objects.filter(client=client, besluit="").order_by("-aanvraagdatum").first()


def kickoff_sessies_voor(*, user: User) -> QuerySet[KickoffSessie]:
    """Sessions from 30 days ago on. A trainer sees the sessions they run; an intaker all
    (to tell clients when their group meets). Counts only, no names."""
    qs = KickoffSessie.objects.filter(datum__date__gte=today() - datetime.timedelta(days=30))
    if not may(user, rules.KICKOFF_ALLE_SESSIES):
        qs = qs.filter(trainer=user)
    return (
        qs.select_related("klantgroep", "trainer")
        .annotate(
            aantal=Count("uitnodigingen", filter=BEZET),
            bevestigd=Count(
                "uitnodigingen", filter=BEZET & Q(uitnodigingen__bevestigd_op__isnull=False)
            ),
        )
        .order_by("datum", "pk")
    )


def kickoff_wachtend_per_groep() -> list[tuple[Klantgroep, int, datetime.datetime | None]]:
    """Per group: clients whose invitation waits for a session with a free seat, and since
    when: the trainers' task is to plan one (planning it invites them at once). Two queries."""
    huidige_groep = (
        Groepslidmaatschap.objects.actueel()
        .filter(client=OuterRef("client_id"))
        .values("klantgroep_id")[:1]
    )
    rijen = {
        r["groep"]: (r["n"], r["sinds"])
        for r in KickoffUitnodiging.objects.filter(
            sessie__isnull=True, vervallen_op__isnull=True, client__fase=Fase.INGEDEELD
        )
        .annotate(groep=Subquery(huidige_groep))
        .values("groep")
        .annotate(n=Count("pk"), sinds=Min("aangemaakt_op"))
        .order_by()
    }
    return [(g, *rijen.get(g.pk, (0, None))) for g in Klantgroep.objects.order_by("volgorde")]


def kickoff_sessie_detail(*, user: User, sessie_pk: int) -> KickoffSessie | None:
    """One session with its attendance list. The trainer who runs it sees every name; an
    intaker only the clients whose dossier they may open (need-to-know)."""
    uitnodigingen = (
        KickoffUitnodiging.objects.filter(vervallen_op__isnull=True)
        .select_related("client")
        .order_by("client__achternaam", "client__voornamen", "pk")
    )
    qs = KickoffSessie.objects.select_related("klantgroep", "trainer").annotate(
        aantal=Count("uitnodigingen", filter=BEZET)
    )
    if may(user, rules.KICKOFF_ALLE_SESSIES):
        uitnodigingen = uitnodigingen.filter(
            Q(sessie__trainer=user) | Q(client__in=Client.objects.visible_to(user))
        )
    else:
        qs = qs.filter(trainer=user)
    return (
        qs.prefetch_related(
            Prefetch("uitnodigingen", queryset=uitnodigingen),
            Prefetch(
                "uitnodigingen__registraties",
                queryset=AanwezigheidRegistratie.objects.select_related("door").order_by(
                    "vastgelegd_op", "pk"
                ),
            ),
        )
        .filter(pk=sessie_pk)
        .first()
    )


def kickoff_bestand_overzicht() -> list[dict]:
    """Per group: clients of the bestand never invited, and the seats a batch may take in the
    coming sessions (beyond the reserve for new clients). Counts only.

    The bestand counts are one grouped query over the current memberships (city size: four
    counts of 610 ms together -> about 170 ms), kept for every server process until an invitation
    is sent or a gesprek recorded, or for ``VOORTGANG_BEWAREN`` (issue 33). 5 queries."""
    from .models import KickoffInstelling
    from .services.bestand import bestand_aantallen

    reserve = KickoffInstelling.huidig().reserve_plaatsen
    vrij: dict[int, int] = {}
    for s in KickoffSessie.objects.filter(datum__gt=timezone.now()).annotate(
        aantal=Count("uitnodigingen", filter=BEZET)
    ):
        vrij[s.klantgroep_id] = vrij.get(s.klantgroep_id, 0) + max(
            s.capaciteit - reserve - s.aantal, 0
        )
    sleutel = (
        f"dw:kickoff-bestand:1:{_laatste_pk(KickoffUitnodiging)}:{_laatste_pk(Ambitiegesprek)}"
    )
    aantallen = bewaard(sleutel, bestand_aantallen, VOORTGANG_BEWAREN.total_seconds())
    return [
        {
            "groep": g,
            "bestand": aantallen.get(g.pk, 0),
            "vrij": vrij.get(g.pk, 0),
            "reserve": reserve,
        }
        for g in Klantgroep.objects.order_by("volgorde")
    ]
