"""Role sections of the start page: the work each role starts the day with, besides tasks.

Each section is a count (one query) and the first rows (one query), so the page's query
count does not depend on the size of the bestand.
"""

import datetime

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Window

from clients.constants import Fase, SignaalSoort
from clients.models import Signaal, Uitkeringsperiode
from clients.query import zichtbaar_voor_gedeeld, zichtbare_clienten
from deventer_werk.access import may
from deventer_werk.accounts.constants import Organisatie

from . import rules

EERSTE = 25
BESLISTERMIJN = datetime.timedelta(weeks=8)


def _lijst(qs, n: int = EERSTE) -> dict:
    totaal = qs.count()
    return {"totaal": totaal, "rijen": list(qs[:n]) if totaal else []}


def _lijst_klein(qs, n: int = EERSTE) -> dict:
    """``_lijst`` in one query, the total beside each row (``COUNT(*) OVER ()``): for a set
    of a caseload's size (a few hundred rows at most), which PostgreSQL reads whole either
    way; not for a set of the city's size, where the count alone is cheaper than the rows."""
    rijen = list(qs.annotate(lijst_totaal=Window(Count("pk")))[:n])
    return {"totaal": rijen[0].lijst_totaal if rijen else 0, "rijen": rijen}


#: Meldingen per page on the poortwachter's start page.
MELDINGEN_PER_PAGINA = 25


def poortwachter_sectie(*, user, vandaag, params=None) -> dict:
    """Meldingen to screen, paginated (issue 30: every melding reachable): urgent ones first
    (an open broodnood, huisuitzetting or schulden signal), then the longest waiting; and
    aanvragen without besluit with the days left of the 8-week term (most urgent first)."""
    from clients.intake.models import Aanvraag

    urgent = Signaal.objects.filter(client=OuterRef("pk"), urgent=True, afgehandeld_op__isnull=True)
    meldingen = (
        zichtbare_clienten(user)
        .filter(fase=Fase.MELDING)
        .annotate(
            # the newest melddatum per client (a subquery per melding, through the client's
            # index: as a Max over a join PostgreSQL hashed all 200,000 episodes)
            melddatum=Subquery(
                Uitkeringsperiode.objects.filter(client=OuterRef("pk"))
                .order_by("-melddatum")
                .values("melddatum")[:1]
            ),
            urgent=Exists(urgent),
            # an urgent need without direct help recorded yet: the poortwachter acts (issue 30)
            zonder_hulp=Exists(urgent.filter(directe_hulp__in=["", "geen"])),
        )
        .order_by("-urgent", "melddatum", "pk")
    )
    totaal = meldingen.count()
    paginas = max(1, -(-totaal // MELDINGEN_PER_PAGINA))
    try:
        pagina = int((params or {}).get("meldingen_pagina", 1))
    except (TypeError, ValueError):
        pagina = 1
    pagina = min(max(pagina, 1), paginas)
    start = (pagina - 1) * MELDINGEN_PER_PAGINA
    aanvragen = (
        Aanvraag.objects.filter(zichtbaar_voor_gedeeld(user), besluit="")
        .exclude(client__fase=Fase.AFGESLOTEN)
        .select_related("client")
        .order_by("aanvraagdatum", "pk")
    )
    open_aanvragen = _lijst(aanvragen)
    for a in open_aanvragen["rijen"]:
        a.dagen_over = (a.aanvraagdatum + BESLISTERMIJN - vandaag).days
        a.dagen_verstreken = max(-a.dagen_over, 0)
    return {
        "meldingen": {
            "totaal": totaal,
            "rijen": list(meldingen[start : start + MELDINGEN_PER_PAGINA]) if totaal else [],
            "pagina": pagina,
            "paginas": paginas,
        },
        "aanvragen": open_aanvragen,
    }


def intaker_sectie(*, user) -> dict:
    """Ambitiegesprekken to hold, the existing bestand included (oldest dossier first), also
    under IO regie (policy §4.1), and the figure held / to hold per klantgroep (kept a few
    minutes: it counts the whole bestand)."""
    from clients.intake.selectors import ambitiegesprek_voortgang_stand, ambitiegesprekken_te_houden

    qs = ambitiegesprekken_te_houden(user=user).order_by("aangemaakt_op", "pk")
    voortgang = ambitiegesprek_voortgang_stand()
    if user.organisatie == Organisatie.DWT:
        # DWT holds the gesprek with the whole bestand (``ambitiegesprekken_te_houden``): its
        # size is the kept figure's "te houden" (same definition), not a count of 12,750
        # clients on every view (30 ms at city size); the oldest ones are read live.
        rijen = list(qs[:EERSTE])
        totaal = sum(r["te_houden"] for r in voortgang["rijen"])
        zonder_ambitie = {"totaal": max(totaal, len(rijen)), "rijen": rijen}
    else:
        zonder_ambitie = _lijst(qs)
    return {
        "zonder_ambitie": zonder_ambitie,
        "voortgang": voortgang["rijen"],
        "voortgang_stand": voortgang["stand"],
    }


#: A traject more than this long past its planned end is stale: counted as one group (to
#: tidy up in the trajecten list), not listed above the ones that end now.
VERLOPEN_GROEP = datetime.timedelta(days=90)


def werkcoach_sectie(*, user, vandaag) -> dict:
    """Own clients' trajecten ending within 30 days or recently past their planned end
    (listed, soonest first), the long-stale ones grouped as one count, and the user's
    placements in nazorg. 3 queries at most: both traject counts in one aggregate (no list
    query for an empty count), the nazorg list with its total."""
    from clients.trajecten.models import Plaatsing, Traject

    lopend = Traject.objects.filter(
        status=Traject.Status.LOPEND,
        client__in=zichtbare_clienten(user).with_contactpersoon(user),
    )
    grens = vandaag - VERLOPEN_GROEP
    einde = Q(gepland_einde__lte=vandaag + datetime.timedelta(days=30), gepland_einde__gte=grens)
    tellingen = lopend.aggregate(
        einde=Count("pk", filter=einde),
        lang_verlopen=Count("pk", filter=Q(gepland_einde__lt=grens)),
    )
    qs = lopend.filter(einde).select_related("client", "instrument").order_by("gepland_einde", "pk")
    trajecten = {
        "totaal": tellingen["einde"],
        "rijen": list(qs[:EERSTE]) if tellingen["einde"] else [],
    }
    for t in trajecten["rijen"]:
        t.dagen_over = (t.gepland_einde - vandaag).days
    nazorg = None
    if may(user, rules.START_NAZORG):
        nazorg = _lijst_klein(
            Plaatsing.objects.filter(werkcoach=user, nazorg_tot__gte=vandaag, einde__isnull=True)
            .select_related("client", "werkgever")
            .order_by("nazorg_tot", "pk"),
            10,
        )
    return {
        "trajecten_einde": trajecten,
        "trajecten_lang_verlopen": tellingen["lang_verlopen"],
        "verlopen_grens": grens,
        "nazorg": nazorg,
    }


def participatiemakelaar_sectie(*, user) -> dict:
    """Own Faciliteren clients (contact person) and active participatieplekken with a free
    place. 3 queries at most (the own clients with their total in one)."""

    from clients.trajecten.models import Participatieplek

    mijn = (
        zichtbare_clienten(user)
        .eigen_van(user)
        .in_actuele_klantgroep(code="faciliteren")
        .order_by("achternaam", "voornamen", "pk")
    )
    plekken = (
        Participatieplek.objects.filter(actief=True)
        .annotate(bezet=Count("plaatsingen", filter=Q(plaatsingen__einde__isnull=True)))
        .filter(plaatsen__gt=F("bezet"))
        .order_by("wijk", "organisatie", "pk")
    )
    plekken_lijst = _lijst(plekken)
    for p in plekken_lijst["rijen"]:
        p.vrij = p.plaatsen - p.bezet
    return {"faciliteren": _lijst_klein(mijn), "plekken_vrij": plekken_lijst}


def handhaver_sectie(*, user, vandaag) -> dict:
    """Samenloop signals waiting for triage, open "werkt niet mee" signals (the first ten with
    their total, one query), and the triaged queue of overdue reviews (see
    ``reviews_triage``)."""
    from clients.handhaving.models import Samenloopsignaal

    from .reviews import reviews_triage

    # zichtbaar_voor_gedeeld: no semi-join on all 200,000 clients for a user who sees every dossier
    zichtbaar = zichtbaar_voor_gedeeld(user)
    samenloop = Samenloopsignaal.objects.filter(zichtbaar, triage="")
    niet_mee = (
        Signaal.objects.filter(
            zichtbaar, afgehandeld_op__isnull=True, soort=SignaalSoort.NIET_MEEWERKEN
        )
        .select_related("client")
        .order_by("aangemaakt_op", "pk")
    )
    return {
        "samenloop_triage": samenloop.count(),
        "niet_meewerken": _lijst_klein(niet_mee, 10),
        **reviews_triage(user=user, vandaag=vandaag),
    }


def trainer_sectie(*, user) -> dict:
    """The trainer's kick-offs and the groups waiting for one (lives with the kick-off)."""
    from clients.intake.startpagina import trainer_sectie as kickoff_trainer_sectie

    return kickoff_trainer_sectie(user=user)


def rol_secties(*, user, vandaag, params=None) -> dict:
    context: dict = {}
    if may(user, rules.START_MELDINGEN):
        context["poortwachter"] = poortwachter_sectie(user=user, vandaag=vandaag, params=params)
    if may(user, rules.START_AMBITIE):
        context["intaker"] = intaker_sectie(user=user)
    if may(user, rules.START_TRAJECTEN):
        context["werkcoach"] = werkcoach_sectie(user=user, vandaag=vandaag)
    if may(user, rules.START_PLEKKEN):
        context["participatiemakelaar"] = participatiemakelaar_sectie(user=user)
    if may(user, rules.START_HANDHAVING):
        context["handhaver"] = handhaver_sectie(user=user, vandaag=vandaag)
    if may(user, rules.START_SESSIES):
        context["trainer"] = trainer_sectie(user=user)
    return context
