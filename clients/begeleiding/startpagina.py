"""Role sections of the start page: the work each role starts the day with, besides tasks.

Each section is a count (one query) and the first rows (one query), so the page's query
count does not depend on the size of the bestand.
"""

import datetime

from django.db.models import Max

from clients.constants import Fase, SignaalSoort
from clients.models import Client, Signaal
from deventer_werk.access import may

from . import rules

EERSTE = 25
BESLISTERMIJN = datetime.timedelta(weeks=8)


def _lijst(qs, n: int = EERSTE) -> dict:
    totaal = qs.count()
    return {"totaal": totaal, "rijen": list(qs[:n]) if totaal else []}


def poortwachter_sectie(*, user, vandaag) -> dict:
    """Meldingen to screen, and aanvragen without besluit with the days left of the 8-week
    term (most urgent first)."""
    from clients.intake.models import Aanvraag

    meldingen = (
        Client.objects.visible_to(user)
        .filter(fase=Fase.MELDING)
        .annotate(melddatum=Max("perioden__melddatum"))
        .order_by("melddatum", "pk")
    )
    aanvragen = (
        Aanvraag.objects.filter(besluit="", client__in=Client.objects.visible_to(user))
        .exclude(client__fase=Fase.AFGESLOTEN)
        .select_related("client")
        .order_by("aanvraagdatum", "pk")
    )
    open_aanvragen = _lijst(aanvragen)
    for a in open_aanvragen["rijen"]:
        a.dagen_over = (a.aanvraagdatum + BESLISTERMIJN - vandaag).days
        a.dagen_verstreken = max(-a.dagen_over, 0)
    return {"meldingen": _lijst(meldingen), "aanvragen": open_aanvragen}


def intaker_sectie(*, user) -> dict:
    """Ambitiegesprekken to hold, the existing bestand included (oldest dossier first)."""
    from clients.intake.selectors import zonder_ambitiegesprek

    qs = zonder_ambitiegesprek().filter(pk__in=Client.objects.visible_to(user).values("pk"))
    return {"zonder_ambitie": _lijst(qs.order_by("aangemaakt_op", "pk"))}


def werkcoach_sectie(*, user, vandaag) -> dict:
    """Own clients' trajecten past their planned end, or ending within 30 days."""
    from clients.trajecten.models import Traject

    qs = (
        Traject.objects.filter(
            status=Traject.Status.LOPEND,
            gepland_einde__lte=vandaag + datetime.timedelta(days=30),
            client__in=Client.objects.visible_to(user).with_contactpersoon(user),
        )
        .select_related("client", "instrument")
        .order_by("gepland_einde", "pk")
    )
    trajecten = _lijst(qs)
    for t in trajecten["rijen"]:
        t.dagen_over = (t.gepland_einde - vandaag).days
    return {"trajecten_einde": trajecten}


def handhaver_sectie(*, user) -> dict:
    """Samenloop signals waiting for triage and open "werkt niet mee" signals."""
    from clients.handhaving.models import Samenloopsignaal

    zichtbaar = Client.objects.visible_to(user)
    samenloop = Samenloopsignaal.objects.filter(triage="", client__in=zichtbaar)
    niet_mee = (
        Signaal.objects.filter(
            afgehandeld_op__isnull=True,
            soort=SignaalSoort.NIET_MEEWERKEN,
            client__in=zichtbaar,
        )
        .select_related("client")
        .order_by("aangemaakt_op", "pk")
    )
    return {"samenloop_triage": samenloop.count(), "niet_meewerken": _lijst(niet_mee, 10)}


def trainer_sectie(*, user) -> dict:
    """The trainer's kick-offs and the groups waiting for one (lives with the kick-off)."""
    from clients.intake.startpagina import trainer_sectie as kickoff_trainer_sectie

    return kickoff_trainer_sectie(user=user)


def rol_secties(*, user, vandaag) -> dict:
    context: dict = {}
    if may(user, rules.START_MELDINGEN):
        context["poortwachter"] = poortwachter_sectie(user=user, vandaag=vandaag)
    if may(user, rules.START_AMBITIE):
        context["intaker"] = intaker_sectie(user=user)
    if may(user, rules.START_TRAJECTEN):
        context["werkcoach"] = werkcoach_sectie(user=user, vandaag=vandaag)
    if may(user, rules.START_HANDHAVING):
        context["handhaver"] = handhaver_sectie(user=user)
    if may(user, rules.START_SESSIES):
        context["trainer"] = trainer_sectie(user=user)
    return context
