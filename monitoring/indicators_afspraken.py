"""Indicators on a peildatum from what the ambitiegesprek records (issue 27 part 3):

- the Groeien kenmerken (§3.1): clients per kenmerk, current value on the peildatum (the
  latest ambitiegesprek or voortgangsgesprek that recorded them), in Groeien and overall;
- ambitiegesprekken held / still to hold per klantgroep (§3.2: "met alle klanten (nieuw en
  bestaand)"), new clients apart from the existing bestand.

Counts only; suppression happens in ``presentatie`` like for every other table.
"""

import datetime
from collections import Counter

from django.db.models import Count, Exists, OuterRef, Q, Subquery

from clients.begeleiding.afspraken import afspraken_uit, clienten_met_afspraken
from clients.constants import GroeienKenmerk
from clients.intake.models import Ambitiegesprek
from clients.models import Client, Uitkeringsperiode

from .bronnen import Groepslidmaatschap

# §6.2: "per 1 juli [2020] te starten met de nieuwe werkwijze voor de nieuwe instroom". A
# client whose first benefit period was reported on or after this day is a new client.
BELEID_START = datetime.date(2020, 7, 1)
GEEN = "geen"
NIET_VASTGELEGD = "niet_vastgelegd"
ZONDER_GROEP = "zonder_groep"
KOLOMMEN = ("nieuw_gehouden", "nieuw_te_houden", "bestaand_gehouden", "bestaand_te_houden")


def _groep_op(peildatum: datetime.date) -> Subquery:
    return Subquery(
        Groepslidmaatschap.objects.op_datum(peildatum)
        .filter(client_id=OuterRef("pk"))
        .order_by("-van")
        .values("klantgroep__code")[:1]
    )


def kenmerken_stand(peildatum: datetime.date) -> dict[str, dict[str, int]]:
    """{"groeien" | "alle": {kenmerk code | "geen" | "niet_vastgelegd": clients}} over the
    clients in a klantgroep on ``peildatum``; one query. A client with two kenmerken counts
    in both rows.

    Sequential scans, justified (issue 33; EXPLAIN ANALYZE at city size in
    bench/results/20261207T2251Z-na-sessie.md, 0.9 s of 3.1 s): a parallel seq scan of
    clients_client (66,667 rows a worker) and of klantgroepen_groepslidmaatschap (14,226 a
    worker) for the 42,678 members on the day, a fifth of all clients: an index would visit
    the same pages one by one. It runs when a period's figures are computed (a task, or the
    first view of a period not yet stored), never per page view: they are stored
    (``PeriodeCijfers``)."""
    leden = Groepslidmaatschap.objects.op_datum(peildatum).values("client_id")
    qs = clienten_met_afspraken(
        Client.objects.filter(pk__in=leden).annotate(groep=_groep_op(peildatum)),
        peildatum=peildatum,
    )
    tellingen: dict[str, Counter] = {"groeien": Counter(), "alle": Counter()}
    for rij in qs.values(*qs.query.annotations):
        kenmerken = afspraken_uit(rij, ("kenmerken",))["kenmerken"].waarden["groeien_kenmerken"]
        codes = [NIET_VASTGELEGD] if kenmerken is None else (kenmerken or [GEEN])
        tellingen["alle"].update(codes)
        if rij["groep"] == "groeien":
            tellingen["groeien"].update(codes)
    rijen = [*GroeienKenmerk.values, GEEN, NIET_VASTGELEGD]
    return {k: {code: t.get(code, 0) for code in rijen} for k, t in tellingen.items()}


def ambitie_stand(peildatum: datetime.date) -> dict[str, dict[str, int]]:
    """Per klantgroep code on ``peildatum`` (or "zonder_groep": reported, not yet placed):
    {"nieuw_gehouden", "nieuw_te_houden", "bestaand_gehouden", "bestaand_te_houden"} over the
    clients with a benefit period open on that day; one query."""
    perioden = Uitkeringsperiode.objects.filter(client_id=OuterRef("pk"))
    open_op = perioden.filter(melddatum__lte=peildatum).filter(
        Q(einddatum__isnull=True) | Q(einddatum__gte=peildatum)
    )
    eerste_melding = Subquery(perioden.order_by("melddatum").values("melddatum")[:1])
    gehouden = Q(
        Exists(Ambitiegesprek.objects.filter(client_id=OuterRef("pk"), datum__lte=peildatum))
    )
    nieuw = Q(eerste__gte=BELEID_START)
    rijen = (
        Client.objects.filter(Exists(open_op))
        .annotate(groep=_groep_op(peildatum), eerste=eerste_melding)
        .values("groep")
        .annotate(
            nieuw_gehouden=Count("pk", filter=nieuw & gehouden),
            nieuw_te_houden=Count("pk", filter=nieuw & ~gehouden),
            bestaand_gehouden=Count("pk", filter=~nieuw & gehouden),
            bestaand_te_houden=Count("pk", filter=~nieuw & ~gehouden),
        )
    )
    return {
        r["groep"] or ZONDER_GROEP: {
            "nieuw_gehouden": r["nieuw_gehouden"],
            "nieuw_te_houden": r["nieuw_te_houden"],
            "bestaand_gehouden": r["bestaand_gehouden"],
            "bestaand_te_houden": r["bestaand_te_houden"],
        }
        for r in rijen
    }


def bereken(peildatum: datetime.date) -> dict:
    return {
        "peildatum": peildatum.isoformat(),
        "kenmerken": kenmerken_stand(peildatum),
        "ambitie_stand": ambitie_stand(peildatum),
    }
