"""The dossier timeline: everything that happened to a client, newest first.

Each part of the klantreis registers a provider (``clients.registry.register_tijdlijn``);
each provider costs one query, so the page's query count depends only on the number of kinds.
"""

import dataclasses
import datetime

from django.utils import timezone

from clients.groepen.models import Groepslidmaatschap

from .constants import DIRECTE_HULP_GEGEVEN, DirecteHulp
from .models import Client, Contactpersoon, Correctie, Signaal, Uitkeringsperiode
from .registry import TIJDLIJN, TIJDLIJN_REGEL, TijdlijnItem, inhoud_voor, register_tijdlijn


def _as_datetime(moment) -> datetime.datetime:
    if isinstance(moment, datetime.datetime):
        return moment
    return timezone.make_aware(datetime.datetime.combine(moment, datetime.time.min))


def tijdlijn_voor(*, client: Client, user, soorten: set[str] | None = None) -> list[TijdlijnItem]:
    """The client's items, newest first; the written content only where ``user`` may read it
    (need-to-know per field: a DWT role sees that a voortgangsgesprek took place, not what
    was said about income or health)."""
    from deventer_werk.access import may

    items: list[TijdlijnItem] = []
    for soort, (_label, provider) in TIJDLIJN.items():
        if soorten and soort not in soorten:
            continue
        if soort in TIJDLIJN_REGEL and not may(user, TIJDLIJN_REGEL[soort]):
            continue  # a kind outside the user's need-to-know: not even queried
        items.extend(i for i in provider(client=client) if not i.actie or may(user, i.actie))
    items = [
        dataclasses.replace(i, inhoud=inhoud_voor(user, i.inhoud, i.inhoud_actie))
        if i.inhoud
        else i
        for i in items
    ]
    return sorted(items, key=lambda i: _as_datetime(i.moment), reverse=True)


def tijdlijn_soorten(user=None) -> list[tuple[str, str]]:
    """The kinds to filter on: those the user may see (all without a user)."""
    from deventer_werk.access import may

    return [
        (soort, label)
        for soort, (label, _p) in TIJDLIJN.items()
        if user is None or soort not in TIJDLIJN_REGEL or may(user, TIJDLIJN_REGEL[soort])
    ]


def _groepen(*, client):
    for lm in Groepslidmaatschap.objects.filter(client=client).select_related(
        "klantgroep", "besloten_door"
    ):
        yield TijdlijnItem(
            moment=lm.van,
            soort="klantgroep",
            soort_label="Klantgroep",
            titel=f"{lm.get_soort_display()}: {lm.klantgroep.naam}"
            + (f" — {lm.reden}" if lm.reden else ""),
            door=str(lm.besloten_door or ""),
        )


def _perioden(*, client):
    for p in Uitkeringsperiode.objects.filter(client=client):
        yield TijdlijnItem(
            moment=p.melddatum, soort="uitkering", soort_label="Uitkering", titel="Melding"
        )
        if p.startdatum:
            yield TijdlijnItem(
                moment=p.startdatum,
                soort="uitkering",
                soort_label="Uitkering",
                titel="Start uitkering",
            )
        if p.einddatum:
            yield TijdlijnItem(
                moment=p.einddatum,
                soort="uitkering",
                soort_label="Uitkering",
                titel=f"Uitstroom: {p.get_uitstroomreden_display()}",
            )


def _contacten(*, client):
    for c in Contactpersoon.objects.filter(client=client).select_related("medewerker"):
        yield TijdlijnItem(
            moment=c.van,
            soort="contactpersoon",
            soort_label="Contactpersoon",
            titel=f"Contactpersoon {c.organisatie}: {c.medewerker}",
        )


def _signalen(*, client):
    from .signalen import directe_hulp_tekst, signaal_regel

    for s in Signaal.objects.filter(client=client).select_related(
        "aangemaakt_door", "afgehandeld_door", "directe_hulp_door"
    ):
        nog_geen = " — nog geen directe hulp" if s.directe_hulp == DirecteHulp.GEEN else ""
        # samenloop is rechtmatigheid, urgent signals bestaanszekerheid (issue 31)
        actie = signaal_regel(s)
        yield TijdlijnItem(
            moment=s.aangemaakt_op,
            soort="signaal",
            soort_label="Signaal",
            titel=f"Signaal: {s.get_soort_display()}{nog_geen}",
            door=str(s.aangemaakt_door or "systeem"),
            actie=actie,
        )
        if s.directe_hulp in DIRECTE_HULP_GEGEVEN and s.directe_hulp_op:
            yield TijdlijnItem(
                # recorded with the melding: stamped a moment before the signal was saved
                moment=max(s.directe_hulp_op, s.aangemaakt_op),
                soort="signaal",
                soort_label="Signaal",
                titel=f"Directe hulp bij {s.get_soort_display().lower()}: {directe_hulp_tekst(s)}",
                door=str(s.directe_hulp_door or ""),
                actie=actie,
            )
        if s.afgehandeld_op:
            yield TijdlijnItem(
                moment=s.afgehandeld_op,
                soort="signaal",
                soort_label="Signaal",
                titel=f"Signaal afgehandeld: {s.get_soort_display()}",
                door=str(s.afgehandeld_door or ""),
                actie=actie,
            )


def _correcties(*, client):
    for c in Correctie.objects.filter(client=client).select_related("door"):
        yield TijdlijnItem(
            moment=c.op,
            soort="correctie",
            soort_label="Correctie",
            titel=f"Correctie {c.get_soort_display().lower()}: {c.was} → {c.wordt} — {c.reden}",
            door=str(c.door),
        )


def register_core() -> None:
    register_tijdlijn("klantgroep", "Klantgroep", _groepen)
    register_tijdlijn("uitkering", "Uitkering", _perioden)
    register_tijdlijn("contactpersoon", "Contactpersoon", _contacten)
    register_tijdlijn("signaal", "Signalen", _signalen)
    register_tijdlijn("correctie", "Correcties", _correcties)
