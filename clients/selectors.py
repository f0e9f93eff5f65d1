"""Reads for the client pages. Selectors own select_related/prefetch_related."""

from __future__ import annotations

import datetime
import uuid
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet
from django.db.models.functions import Lower

from clients.groepen.models import Groepslidmaatschap

from .constants import Fase, Uitstroomreden
from .models import Client, Contactpersoon, Correctie, Uitkeringsperiode

if TYPE_CHECKING:
    from deventer_werk.accounts.models import User


def _with_current(qs: QuerySet[Client]) -> QuerySet[Client]:
    """Attach the current membership and open contacts in two extra queries, whatever the size."""
    return qs.prefetch_related(
        Prefetch(
            "lidmaatschappen",
            queryset=Groepslidmaatschap.objects.actueel().select_related("klantgroep"),
            to_attr="actuele_lidmaatschappen",
        ),
        Prefetch(
            "contactpersonen",
            queryset=Contactpersoon.objects.actueel().select_related("medewerker"),
            to_attr="actuele_contactpersonen",
        ),
    )


#: The poortwachter's "mijn klanten": the meldingen she registered in the last 8 weeks (issue
#: 30), long enough to see a screening through to the ambitiegesprek or the besluit.
EIGEN_MELDINGEN_WEKEN = 8


def eigen_meldingen_sinds(vandaag: datetime.date) -> datetime.date:
    return vandaag - datetime.timedelta(weeks=EIGEN_MELDINGEN_WEKEN)


def client_list_mijn_klanten(*, user: User) -> QuerySet[Client]:
    """Clients for whom ``user`` is the current contact person, within need-to-know.

    A poortwachter is nobody's contact person: her clients are the meldingen she registered
    in the last 8 weeks (by melddatum), newest first, also those she closed as "geen recht"
    (she wants to find back what she screened). The same number of queries either way.
    """
    from deventer_werk.access import may
    from deventer_werk.dates import today

    from .rules import CONTACTPERSOON_ZIJN, EIGEN_MELDINGEN

    qs = Client.objects.visible_to(user)
    if may(user, EIGEN_MELDINGEN):
        qs = qs.met_eigen_melding(
            user,
            sinds=eigen_meldingen_sinds(today()),
            # a poortwachter who is also an inkomensconsulent keeps her own clients too
            of_contactpersoon=may(user, CONTACTPERSOON_ZIJN),
        )
        return _with_current(qs.order_by("-eigen_melddatum", "achternaam", "voornamen", "pk"))
    return _with_current(qs.actief().with_contactpersoon(user))


def client_search(
    *,
    user: User,
    naam: str = "",
    geboortedatum: datetime.date | None = None,
    bsn: str = "",
) -> QuerySet[Client]:
    qs = Client.objects.visible_to(user)
    if bsn:
        qs = qs.met_bsn(bsn)
    if naam:
        # Ordered on an expression on purpose: ordering by the plain name lets PostgreSQL walk
        # client_naam_idx and filter row by row until 50 match (0.5 s at 200,000 clients);
        # this way it reads the trigram index and sorts the few matches.
        qs = qs.naam_bevat(naam).order_by(Lower("achternaam"), Lower("voornamen"), "pk")
    if geboortedatum:
        qs = qs.filter(geboortedatum=geboortedatum)
    return _with_current(qs)


def client_get_visible(*, user: User, pk: uuid.UUID) -> Client | None:
    return Client.objects.visible_to(user).filter(pk=pk).first()


def client_dossier(*, client: Client) -> dict:
    """Everything the dossier page shows, in a fixed number of queries."""
    lidmaatschappen = list(
        Groepslidmaatschap.objects.filter(client=client)
        .select_related(
            "klantgroep", "gekozen_klantgroep", "geadviseerde_klantgroep", "besloten_door"
        )
        .order_by("-van")
    )
    contactpersonen = list(
        Contactpersoon.objects.filter(client=client)
        .select_related("medewerker")
        .order_by("tot", "-van")
    )
    perioden = list(Uitkeringsperiode.objects.filter(client=client).order_by("-melddatum"))
    actueel = next((lm for lm in lidmaatschappen if lm.tot is None), None)
    laatste = perioden[0] if perioden else None
    return {
        # what the correction pages can act on (issue 29: a link only where it can succeed)
        "groep_corrigeerbaar": actueel is not None and client.fase != Fase.AFGESLOTEN,
        "uitstroom_corrigeerbaar": laatste is not None
        and laatste.einddatum is not None
        and laatste.uitstroomreden != Uitstroomreden.GEEN_RECHT,
        "afgesloten_perioden": [p for p in perioden if p.einddatum is not None],
        "lidmaatschappen": lidmaatschappen,
        "actueel_lidmaatschap": actueel,
        "contactpersonen": contactpersonen,
        "actuele_contactpersonen": [c for c in contactpersonen if c.tot is None],
        "perioden": perioden,
        "actuele_periode": next((p for p in perioden if p.einddatum is None), None),
    }


def correcties_sectie(*, client: Client) -> dict:
    """The corrections of group changes and uitstroom (issue 29), for the dossier's history:
    one query, on the dossier only (the voorbereiding page does not show them)."""
    correcties = list(Correctie.objects.filter(client=client).select_related("door"))
    return {
        "correcties_groep": [c for c in correcties if c.soort == Correctie.Soort.GROEPSWIJZIGING],
        "correcties_uitstroom": [c for c in correcties if c.soort == Correctie.Soort.UITSTROOM],
    }


def signalen_sectie(*, client: Client, user: User) -> dict:
    from .signalen import signaal_list_open

    return {"open_signalen": list(signaal_list_open(client=client, user=user))}
