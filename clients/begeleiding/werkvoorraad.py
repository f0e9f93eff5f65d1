"""The werkvoorraad: every professional's open work, counted in the database.

Counts come from one aggregate query over all of the user's open tasks (never from a cut
list); each section is a page of at most ``PER_PAGINA`` rows, filtered and sorted in SQL.
The number of queries does not depend on how much work there is.
"""

import datetime
import math
from dataclasses import dataclass

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value

from clients.constants import URGENTE_SIGNALEN, TaakSoort, TaakStatus, Wijk
from clients.groepen.models import Groepslidmaatschap
from clients.models import Signaal, Taak
from clients.query import IdIn, eigen_client_ids, zichtbaar_voor_gedeeld
from clients.rules import IC_CONTACT
from clients.signalen import signalen_zichtbaar
from clients.taken import taak_van_delen, taak_zichtbaar
from deventer_werk.access import may
from deventer_werk.accounts.constants import Organisatie
from klantgroepen.models import Klantgroep

from .rules import IO_TEAMSIGNALEN

PER_PAGINA = 25
SORTERINGEN = {
    "datum": ("datum", "tijd", "pk"),
    "-datum": ("-datum", "-tijd", "-pk"),
    "klant": ("client__achternaam", "client__voornamen", "datum", "pk"),
    "soort": ("soort", "datum", "pk"),
}
SECTIES = (
    ("te_laat", "Te laat", "Niets te laat."),
    ("vandaag", "Vandaag", "Niets gepland voor vandaag."),
    ("binnenkort", "Komende 7 dagen", "Niets gepland."),
)


@dataclass(frozen=True)
class Filters:
    soort: str = ""
    klantgroep: str = ""
    wijk: str = ""
    te_laat: bool = False
    sorteer: str = "datum"

    @classmethod
    def uit(cls, params) -> "Filters":
        """From query parameters; unknown values are ignored (never an error page)."""
        soort = params.get("soort", "")
        wijk = params.get("wijk", "")
        sorteer = params.get("sorteer", "datum")
        return cls(
            soort=soort if soort in TaakSoort.values else "",
            klantgroep=params.get("klantgroep", "")[:30],
            wijk=wijk if wijk in Wijk.values else "",
            te_laat=params.get("te_laat") == "1",
            sorteer=sorteer if sorteer in SORTERINGEN else "datum",
        )


def _huidige_groep():
    return Groepslidmaatschap.objects.filter(client=OuterRef("client_id"), tot__isnull=True)


def open_taken(*, user, filters: Filters = Filters(), binnen: Q | None = None):
    """The user's open tasks on clients they may see, with the filters applied; with
    ``binnen`` (a date range) only those, read as such from both indexes."""
    # The user's own open tasks and their team queues' as a union of ids, each read through
    # its own index (taak_open_mdw_datum_idx, taak_open_rol_datum_idx): as one OR PostgreSQL
    # scans every open task of the city and filters them.
    open_ = Taak.objects.filter(status=TaakStatus.OPEN).order_by()
    if binnen is not None:
        open_ = open_.filter(binnen)
    eigen, team = (open_.filter(deel & taak_zichtbaar(user)) for deel in taak_van_delen(user))
    qs = Taak.objects.filter(pk__in=eigen.values("pk").union(team.values("pk"), all=True))
    qs = qs.filter(zichtbaar_voor_gedeeld(user))
    if filters.soort:
        qs = qs.filter(soort=filters.soort)
    if filters.wijk:
        qs = qs.filter(client__wijk=filters.wijk)
    if filters.klantgroep:
        qs = qs.filter(Exists(_huidige_groep().filter(klantgroep__code=filters.klantgroep)))
    return qs


def taak_tellingen(qs, vandaag: datetime.date) -> dict:
    """Counts per section in one query."""
    week = vandaag + datetime.timedelta(days=7)
    return qs.aggregate(
        te_laat=Count("pk", filter=Q(datum__lt=vandaag)),
        vandaag=Count("pk", filter=Q(datum=vandaag)),
        binnenkort=Count("pk", filter=Q(datum__gt=vandaag, datum__lte=week)),
        later=Count("pk", filter=Q(datum__gt=week)),
        totaal=Count("pk"),
    )


def _bereik(sectie: str, vandaag: datetime.date) -> Q:
    week = vandaag + datetime.timedelta(days=7)
    return {
        "te_laat": Q(datum__lt=vandaag),
        "vandaag": Q(datum=vandaag),
        "binnenkort": Q(datum__gt=vandaag, datum__lte=week),
    }[sectie]


def _pagina(params, sectie: str, totaal: int) -> tuple[int, int]:
    paginas = max(1, math.ceil(totaal / PER_PAGINA))
    try:
        nummer = int(params.get(f"{sectie}_pagina", 1))
    except (TypeError, ValueError):
        nummer = 1
    return min(max(nummer, 1), paginas), paginas


def taak_sectie(*, qs, sectie: str, vandaag, totaal: int, filters: Filters, params) -> dict:
    """One page of one section: one query (client, medewerker and klantgroep name joined in)."""
    nummer, paginas = _pagina(params, sectie, totaal)
    start = (nummer - 1) * PER_PAGINA
    if not totaal:  # the count is known: no query for an empty section
        return {"taken": [], "totaal": 0, "pagina": 1, "paginas": 1}
    taken = list(
        qs.filter(_bereik(sectie, vandaag))
        .select_related("client", "medewerker", "overgedragen_door")
        .annotate(klantgroep_naam=Subquery(_huidige_groep().values("klantgroep__naam")[:1]))
        .order_by(*SORTERINGEN[filters.sorteer])[start : start + PER_PAGINA]
    )
    for t in taken:
        t.dagen_te_laat = (vandaag - t.datum).days if t.datum < vandaag else 0
    return {"taken": taken, "totaal": totaal, "pagina": nummer, "paginas": paginas}


def taak_secties(*, user, namen, vandaag, tellingen: dict, filters: Filters, params) -> dict:
    """The page of each section in ``namen`` (as ``taak_sectie``) in one query: the pages of
    the non-empty sections as a UNION ALL, each with its own order and offset, sorted by
    section and then the same keys. No query when every section is empty. Each part reads
    only its section's dates from the task indexes (a handhaver's team queue holds a thousand
    reviews: before, every section read them all)."""
    paginas = {}
    delen = []
    orde = SORTERINGEN[filters.sorteer]
    niet_leeg = [naam for naam in namen if tellingen[naam]]
    for i, naam in enumerate(niet_leeg):
        nummer, aantal = _pagina(params, naam, tellingen[naam])
        paginas[naam] = (nummer, aantal)
        bereik = _bereik(naam, vandaag)
        deel = (
            open_taken(user=user, filters=filters, binnen=bereik)
            .filter(bereik)
            .select_related("client", "medewerker", "overgedragen_door")
            .annotate(
                klantgroep_naam=Subquery(_huidige_groep().values("klantgroep__naam")[:1]),
                sectie_nr=Value(i, output_field=IntegerField()),
            )
        )
        if len(niet_leeg) > 1:  # the sort keys as columns, to sort the union by
            deel = deel.annotate(**{f"sorteer_{j}": F(v.lstrip("-")) for j, v in enumerate(orde)})
        start = (nummer - 1) * PER_PAGINA
        delen.append(deel.order_by(*orde)[start : start + PER_PAGINA])
    if len(delen) > 1:
        # by section, then by the same keys in the same directions (and so the same NULL
        # placement and collation) as within each part
        buiten = [f"{v[:1] if v.startswith('-') else ''}sorteer_{j}" for j, v in enumerate(orde)]
        rijen = list(delen[0].union(*delen[1:], all=True).order_by("sectie_nr", *buiten))
    else:
        rijen = list(delen[0]) if delen else []
    secties = {}
    for naam in namen:
        if naam not in paginas:
            secties[naam] = {"taken": [], "totaal": 0, "pagina": 1, "paginas": 1}
            continue
        nummer, aantal = paginas[naam]
        taken = [t for t in rijen if t.sectie_nr == niet_leeg.index(naam)]
        for t in taken:
            t.dagen_te_laat = (vandaag - t.datum).days if t.datum < vandaag else 0
        secties[naam] = {
            "taken": taken,
            "totaal": tellingen[naam],
            "pagina": nummer,
            "paginas": aantal,
        }
    return secties


#: How long a handed-over task stays in the old owner's "door u overgedragen" list.
OVERGEDRAGEN_DAGEN = 14
OVERGEDRAGEN_MAX = 10


def door_mij_overgedragen(*, user, vandaag: datetime.date) -> dict:
    """Open tasks the user handed over (or that a beheerder moved away from them) in the last
    ``OVERGEDRAGEN_DAGEN`` days, on clients they may still see: the old owner sees what moved
    and to whom (issue 28). One query (the newest ``OVERGEDRAGEN_MAX`` and whether there are
    more)."""
    grens = vandaag - datetime.timedelta(days=OVERGEDRAGEN_DAGEN)
    rijen = list(
        Taak.objects.filter(
            status=TaakStatus.OPEN,
            overgedragen_van=user,
            overgedragen_op__date__gte=grens,
        )
        .filter(zichtbaar_voor_gedeeld(user))
        .exclude(medewerker=user)
        .select_related("client", "medewerker")
        .order_by("-overgedragen_op", "-pk")[: OVERGEDRAGEN_MAX + 1]
    )
    return {
        "overgedragen": rijen[:OVERGEDRAGEN_MAX],
        "overgedragen_meer": len(rijen) > OVERGEDRAGEN_MAX,
        "overgedragen_dagen": OVERGEDRAGEN_DAGEN,
    }


def signalen_van(*, user):
    """Open signals of the user's own clients; an inkomensconsulent also sees the urgent
    signals of clients who have no inkomensconsulent yet (the IO team queue)."""
    open_ = Signaal.objects.filter(afgehandeld_op__isnull=True)
    # The own clients' open signals looked up per client (signaal_open_idx) from the user's
    # contact rows, not a hash join over every open signal of the city.
    mijn = open_.filter(zichtbaar_voor_gedeeld(user), IdIn(eigen_client_ids(user), "client_id"))
    mijn = mijn.order_by()
    if may(user, IO_TEAMSIGNALEN) and user.organisatie == Organisatie.IO:
        from clients.models import Contactpersoon

        heeft_ic = Contactpersoon.objects.filter(
            client=OuterRef("client_id"),
            organisatie=Organisatie.IO,
            rol__in=IC_CONTACT,
            tot__isnull=True,
        )
        team = open_.order_by().filter(
            ~Exists(heeft_ic),
            soort__in=URGENTE_SIGNALEN,
            client__fase__in=["melding", "intake", "ingedeeld"],
        )
        # The two sets as a union of ids, each read through its own index (own clients'
        # contact rows; the few open urgent signals): as one OR the team branch's join on
        # the client's fase hashed all 200,000 clients for every view (0.2 s).
        mijn = Signaal.objects.filter(pk__in=mijn.values("pk").union(team.values("pk"), all=True))
    return signalen_zichtbaar(mijn, user)


def signalen_sectie(*, user) -> dict:
    """Urgent signals listed (red, with the total), routine ones grouped per kind (calm):
    1 query, 2 when there are urgent signals to list (the counts come first)."""
    qs = signalen_van(user=user)
    per_soort = list(qs.values("soort", "urgent").annotate(n=Count("pk")).order_by("-n", "soort"))
    urgent = []
    if any(r["urgent"] for r in per_soort):
        urgent = list(
            qs.filter(urgent=True).select_related("client").order_by("aangemaakt_op")[:50]
        )
    labels = dict(Signaal._meta.get_field("soort").choices)
    routine = [
        {"soort": r["soort"], "n": r["n"], "label": labels.get(r["soort"], r["soort"])}
        for r in per_soort
        if not r["urgent"]
    ]
    return {
        "urgente_signalen": urgent,
        "urgente_signalen_totaal": sum(r["n"] for r in per_soort if r["urgent"]),
        "routine_signalen": routine,
    }


def filter_keuzes() -> dict:
    return {
        "soorten": TaakSoort.choices,
        "wijken": Wijk.choices,
        "klantgroepen": list(Klantgroep.objects.order_by("volgorde").values_list("code", "naam")),
        "sorteringen": [
            ("datum", "Datum (oudste eerst)"),
            ("-datum", "Datum (nieuwste eerst)"),
            ("klant", "Klant"),
            ("soort", "Soort"),
        ],
    }
