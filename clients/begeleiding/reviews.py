"""The handhavers' triaged queue: due and overdue rechtmatigheid reviews in the team queue,
ordered by risk reason and then by age, divided among the handhavers by taking the next few.

Risk reasons, most urgent first:
1. an open handhaving signal on the dossier (werkt niet mee, samenloop, lijkt meer te
   kunnen) — a concrete reason to look;
2. not tested in the voortgangsgesprek (Groeien, Zorgen: beleid §3.2) — a known gap;
3. steekproef (aselect, bound to its month);
4. periodic review (the group's rhythm).
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Value, When

from clients.constants import TAAK_RECHTMATIGHEID_SOORTEN, SignaalSoort, TaakStatus
from clients.models import Signaal, Taak
from clients.query import zichtbaar_voor_gedeeld
from clients.rules import HANDHAVERS
from deventer_werk.audit.constants import Actie, Herkomst
from deventer_werk.audit.services import audit_record

EERSTE = 25

HANDHAVINGSSIGNALEN = (
    SignaalSoort.NIET_MEEWERKEN,
    SignaalSoort.SAMENLOOP,
    SignaalSoort.MEER_MOGELIJK,
)


def _signaal() -> Q:
    return Q(
        Exists(
            Signaal.objects.filter(
                client=OuterRef("client_id"),
                afgehandeld_op__isnull=True,
                soort__in=HANDHAVINGSSIGNALEN,
            )
        )
    )


def _redenen() -> list[tuple[Q, str]]:
    """(condition, label) per risk reason, most urgent first; each review counts once, under
    the first reason that applies."""
    signaal = _signaal()
    return [
        (signaal, "Open handhavingssignaal"),
        (~signaal & Q(sleutel__startswith="rechtmatigheid-gesprek:"), REDEN_GESPREK),
        (~signaal & Q(sleutel__startswith="steekproef:"), "Steekproef (aselect)"),
        (~signaal & Q(sleutel__startswith="rechtmatigheid:"), "Periodiek onderzoek"),
    ]


REDEN_GESPREK = "Niet getoetst in het voortgangsgesprek"


def _rang():
    return Case(
        *[When(q, then=Value(i)) for i, (q, _) in enumerate(_redenen(), 1)],
        default=Value(len(_redenen()) + 1),
        output_field=IntegerField(),
    )


def _wachtrij(*, user, vandaag: datetime.date):
    """Due reviews in the handhavers' team queue that ``user`` may see."""
    return Taak.objects.filter(
        status=TaakStatus.OPEN,
        soort__in=TAAK_RECHTMATIGHEID_SOORTEN,
        medewerker__isnull=True,
        rol=HANDHAVERS,
        datum__lte=vandaag,
    ).filter(zichtbaar_voor_gedeeld(user))


def reviews_triage(*, user, vandaag: datetime.date) -> dict:
    """Counts per risk reason, the user's own open reviews and today's done against the
    daily target (one aggregate query), and the first rows of the queue (one query)."""
    per_reden = {
        f"r{i}": Count(
            "pk",
            filter=Q(medewerker__isnull=True, rol=HANDHAVERS, datum__lte=vandaag)
            & Q(status=TaakStatus.OPEN)
            & q,
        )
        for i, (q, _) in enumerate(_redenen(), 1)
    }
    # Only the rows some count can take: the due team queue, the user's own open reviews and
    # what the user closed (each read through its own index, taak_open_rol_datum_idx,
    # taak_open_mdw_datum_idx, afgerond_door): over every review ever planned the aggregate
    # scanned all 300,000 tasks of the city (60 ms).
    relevant = (
        Q(status=TaakStatus.OPEN, medewerker__isnull=True, rol=HANDHAVERS, datum__lte=vandaag)
        | Q(status=TaakStatus.OPEN, medewerker=user)
        | Q(status=TaakStatus.AFGEROND, afgerond_door=user)
    )
    tellingen = Taak.objects.filter(relevant, soort__in=TAAK_RECHTMATIGHEID_SOORTEN).aggregate(
        wachtrij=Count(
            "pk",
            filter=Q(
                status=TaakStatus.OPEN,
                medewerker__isnull=True,
                rol=HANDHAVERS,
                datum__lte=vandaag,
            ),
        ),
        mijn=Count("pk", filter=Q(status=TaakStatus.OPEN, medewerker=user)),
        vandaag_gedaan=Count(
            "pk",
            filter=Q(status=TaakStatus.AFGEROND, afgerond_door=user) & Q(afgerond_op__date=vandaag),
        ),
        **per_reden,
    )
    rijen = []
    if tellingen["wachtrij"]:
        rijen = list(
            _wachtrij(user=user, vandaag=vandaag)
            .annotate(rang=_rang())
            .select_related("client")
            .order_by("rang", "datum", "pk")[:EERSTE]
        )
    labels = dict(enumerate((label for _, label in _redenen()), 1))
    for t in rijen:
        t.reden_label = labels.get(t.rang, "Overig")
        t.dagen_te_laat = (vandaag - t.datum).days
    return {
        "reviews": rijen,
        "reviews_wachtrij": tellingen["wachtrij"],
        "reviews_per_reden": [
            {"label": label, "n": tellingen[f"r{i}"]} for i, label in labels.items()
        ],
        "reviews_mijn": tellingen["mijn"],
        "reviews_vandaag_gedaan": tellingen["vandaag_gedaan"],
        # Reviews one handhaver aims to finish per day (shown against what they closed today):
        # a setting, the team lead's choice (DW_HANDHAVING_DAGDOEL).
        "dagdoel": settings.DW_HANDHAVING_DAGDOEL,
    }


@transaction.atomic
def reviews_neem(*, handhaver, aantal: int, vandaag: datetime.date) -> int:
    """Divide the queue: the next ``aantal`` reviews (by risk reason, then age) become the
    handhaver's own work. Rows another handhaver is taking at the same moment are skipped
    (SKIP LOCKED), so two handhavers never get the same review. Audited per task."""
    pks = list(
        _wachtrij(user=handhaver, vandaag=vandaag)
        .annotate(rang=_rang())
        .order_by("rang", "datum", "pk")
        .select_for_update(skip_locked=True, of=("self",))
        .values_list("pk", "client_id", "soort")[: max(0, min(aantal, EERSTE))]
    )
    Taak.objects.filter(pk__in=[pk for pk, _, _ in pks], status=TaakStatus.OPEN).update(
        medewerker=handhaver, rol="", organisatie=""
    )
    for pk, client_id, soort in pks:
        audit_record(
            actor=handhaver,
            actie=Actie.GEWIJZIGD,
            client_id=client_id,
            object_type="taak",
            herkomst=Herkomst.WEB,
            details={"taak": pk, "soort": soort, "wat": "genomen uit teamwachtrij"},
        )
    return len(pks)
