from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Exists, F, Func, OuterRef, Q, Subquery, Value

from deventer_werk.accounts.constants import Organisatie

from .constants import Fase

if TYPE_CHECKING:
    from deventer_werk.accounts.models import User


class ZoekNaam(Func):
    """The normalised full name (voornamen, tussenvoegsel, achternaam; lower case, no
    accents) that name search matches on. ``dw_zoeknaam`` is an immutable SQL function
    (migration clients 0004) so that a trigram GIN index can be built on it."""

    function = "dw_zoeknaam"
    output_field = models.TextField()

    def __init__(self, *expressions, **extra):
        if not expressions:
            expressions = (F("voornamen"), F("tussenvoegsel"), F("achternaam"))
        super().__init__(*expressions, **extra)


class ZoekTerm(Func):
    """A search term normalised exactly like ``ZoekNaam`` (lower case, no accents)."""

    function = "dw_zoekterm"
    output_field = models.TextField()


def zichtbaar_voor(user: User, veld: str = "client") -> Q:
    """Need-to-know as a filter on a model with a foreign key ``veld`` to Client: ``visible_to``
    itself, left out where it lets the user see every client (the key is never empty), so
    that a query over the user's own rows does not join all 200,000 clients."""
    from .models import Client

    zichtbaar = Client.objects.visible_to(user)
    if not zichtbaar.query.has_filters():
        return Q()
    return Q(**{f"{veld}__in": zichtbaar})


def zichtbare_clienten(user: User) -> models.QuerySet:
    """``Client.objects.visible_to(user)``, built once per user instance, day and roles and
    handed out as a fresh clone: a page that filters several querysets on need-to-know (the
    werkvoorraad: six) builds that filter once. The queryset stays lazy: what it selects is
    read when the query that uses it runs."""
    from deventer_werk.dates import today

    from .models import Client

    if not getattr(user, "is_authenticated", False):
        return Client.objects.visible_to(user)
    sleutel = (today(), user.is_active, user.organisatie, user.rollen)
    memo = getattr(user, "_dw_zichtbare_clienten", None)
    if memo is None or memo[0] != sleutel:
        memo = (sleutel, Client.objects.visible_to(user))
        user._dw_zichtbare_clienten = memo
    return memo[1].all()


def zichtbaar_voor_gedeeld(user: User, veld: str = "client") -> Q:
    """``zichtbaar_voor`` on ``zichtbare_clienten``: the same filter, built once per user."""
    zichtbaar = zichtbare_clienten(user)
    if not zichtbaar.query.has_filters():
        return Q()
    return Q(**{f"{veld}__in": zichtbaar})


class IdIn(Func):
    """``pk = ANY(ARRAY(subquery))``: the rows whose id a subquery returns, looked up one by
    one through the primary key. PostgreSQL plans the array as a handful of values, so it
    always starts from these rows (a user's own few thousand) and never hashes a scan of all
    200,000 clients, as it may for ``IN (subquery)`` when it misjudges the subquery's size."""

    template = "(%(expressions)s))"
    arg_joiner = " = ANY("
    output_field = models.BooleanField()
    conditional = True

    def __init__(self, subquery, veld: str = "pk", **extra):
        from django.contrib.postgres.expressions import ArraySubquery

        super().__init__(F(veld), ArraySubquery(subquery), **extra)


def eigen_client_ids(user: User) -> models.QuerySet:
    """The ids of the clients of whom ``user`` is the current contact person, read from the
    user's own contact rows (index ``contact_open_mdw_idx``), as a subquery."""
    from .models import Contactpersoon

    return Contactpersoon.objects.actueel().filter(medewerker=user).order_by().values("client_id")


class ClientQuerySet(models.QuerySet):
    def actief(self) -> ClientQuerySet:
        return self.exclude(fase=Fase.AFGESLOTEN)

    def met_bsn(self, bsn: str) -> ClientQuerySet:
        """Exact lookup on the keyed hash (the BSN itself is stored encrypted)."""
        from .versleuteling import bsn_hash

        return self.filter(bsn_hash=bsn_hash(bsn))

    def visible_to(self, user: User) -> ClientQuerySet:
        """Need-to-know: the one place that decides which dossiers a user may open.

        IO professionals see every client, except the participatiemakelaar: Faciliteren
        clients only (the group she works for; issue 31). DWT professionals see clients in
        intake with DWT or whose current klantgroep is under DWT regie, and the werkcoach
        keeps seeing the clients they placed in work while the nazorg runs (until
        ``nazorg_tot``, also after uitstroom naar werk) or while they hold an open nazorg
        task. Everyone else (trainer, beleidsmedewerker, beheerder, inactive users) sees no
        dossier at all.
        """
        from deventer_werk.access import may

        from .rules import ALLE_DOSSIERS, DOSSIERWERK

        if not may(user, DOSSIERWERK):
            return self.none()
        if user.organisatie == Organisatie.IO:
            if may(user, ALLE_DOSSIERS):
                return self.all()
            # the participatiemakelaar: Faciliteren clients only (DESIGN.md §1, issue 31)
            from clients.groepen.models import Groepslidmaatschap
            from klantgroepen.constants import KlantgroepCode

            faciliteren = Groepslidmaatschap.objects.actueel().filter(
                client=OuterRef("pk"), klantgroep__code=KlantgroepCode.FACILITEREN
            )
            return self.filter(Exists(faciliteren))
        if user.organisatie == Organisatie.DWT:
            from clients.groepen.models import Groepslidmaatschap

            dwt_regie = Groepslidmaatschap.objects.actueel().filter(
                client=OuterRef("pk"), klantgroep__regie=Organisatie.DWT
            )
            return self.filter(Q(fase=Fase.INTAKE) | Exists(dwt_regie) | self._in_nazorg(user))
        return self.none()

    def _in_nazorg(self, user: User) -> Q:
        """The werkcoach's placed clients while the nazorg runs (by the reverse relation:
        the core app does not import the trajecten app), or with an open nazorg task."""
        from deventer_werk.dates import today

        from .constants import TaakSoort, TaakStatus
        from .models import Taak

        geplaatst = self.model.objects.filter(
            plaatsingen__werkcoach=user,
            plaatsingen__nazorg_tot__gte=today(),
            plaatsingen__einde__isnull=True,
        ).values("pk")
        taak = Taak.objects.filter(
            client=OuterRef("pk"), medewerker=user, soort=TaakSoort.NAZORG, status=TaakStatus.OPEN
        )
        return Q(pk__in=geplaatst) | Q(Exists(taak))

    def naam_bevat(self, tekst: str) -> ClientQuerySet:
        """Every word of ``tekst`` occurs in the name (incl. tussenvoegsel), ignoring case and
        accents. Backed by the trigram GIN index ``client_zoeknaam_trgm_idx``: the term is a
        constant after folding the immutable functions, so PostgreSQL can use the index."""
        qs = self.alias(zoeknaam=ZoekNaam())
        for deel in tekst.split():
            qs = qs.filter(zoeknaam__contains=ZoekTerm(Value(deel)))
        return qs

    def with_contactpersoon(self, user: User) -> ClientQuerySet:
        """Clients for whom ``user`` is the current contact person: read from the user's own
        contact rows (an ``IN``, not a correlated ``EXISTS``, so that PostgreSQL starts from
        those few thousand rows rather than testing every client of a klantgroep)."""
        return self.filter(pk__in=eigen_client_ids(user))

    def eigen_van(self, user: User) -> ClientQuerySet:
        """``with_contactpersoon``, planned from the user's own contact rows whatever the
        estimates: for a list or count over the whole caseload (a few thousand clients), not
        where a few rows of another table (trajecten) are a better start."""
        return self.filter(IdIn(eigen_client_ids(user)))

    def met_eigen_melding(
        self, user: User, *, sinds: datetime.date, of_contactpersoon: bool = False
    ) -> ClientQuerySet:
        """Clients with an episode whose melding ``user`` registered on or after ``sinds``
        (with ``of_contactpersoon``: or of whom ``user`` is the contact person while the
        dossier is open), annotated with the newest such ``eigen_melddatum`` (a subquery)."""
        from .models import Contactpersoon, Uitkeringsperiode

        # Start from the user's own meldingen (index periode_gemeld_door_idx, a few thousand
        # rows at most) rather than testing the annotation on every client: the filter
        # "eigen_melddatum is not null" ran the subquery for all 200,000 clients (0.5 s).
        eigen = Uitkeringsperiode.objects.filter(gemeld_door=user, melddatum__gte=sinds)
        ids = eigen.values("client_id")
        if of_contactpersoon:
            mine = Contactpersoon.objects.actueel().filter(medewerker=user)
            ids = ids.union(
                mine.exclude(client__fase=Fase.AFGESLOTEN).values("client_id"), all=True
            )
        return self.filter(pk__in=ids).annotate(
            eigen_melddatum=Subquery(
                eigen.filter(client=OuterRef("pk")).order_by("-melddatum").values("melddatum")[:1]
            )
        )

    def in_actuele_klantgroep(self, **klantgroep) -> ClientQuerySet:
        """Clients whose current klantgroep matches the lookups, e.g. ``in_=[...]`` or
        ``code__in=[...]`` (``in_`` stands for ``in``, a Python keyword)."""
        lookups = {
            f"lidmaatschappen__klantgroep__{k.rstrip('_')}": v for k, v in klantgroep.items()
        }
        return self.filter(lidmaatschappen__tot__isnull=True, **lookups)


class ContactpersoonQuerySet(models.QuerySet):
    def actueel(self) -> ContactpersoonQuerySet:
        """The open contact persons (``tot`` empty)."""
        return self.filter(tot__isnull=True)
