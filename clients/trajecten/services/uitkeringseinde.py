"""Ending a benefit because of a placement: the werkcoach proposes, the inkomensconsulent
decides (or corrects a decision), and the period closes on the decided last day."""

from __future__ import annotations

import datetime
import logging
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from clients.constants import TaakSoort, TaakStatus, Uitstroomreden
from clients.models import Taak, Uitkeringsperiode
from clients.services import periode_sluit
from clients.taken import io_eigenaar, taak_plan, taak_rond_af
from deventer_werk.audit.constants import Actie, Herkomst
from deventer_werk.audit.services import audit_record
from deventer_werk.dates import today

from ..models import Plaatsing, Uitkeringseinde, UitkeringseindeBesluit
from ._basis import Fouten, fout

if TYPE_CHECKING:
    from deventer_werk.accounts.models import User

logger = logging.getLogger(__name__)

#: As ``periode_sluit``: an end further ahead is not a decision but a guess.
MAX_DAGEN_VOORUIT = 62
BESLISTERMIJN_DAGEN = 5


def uitkeringseinde_sleutel(einde_pk: int) -> str:
    return f"uitkeringseinde:{einde_pk}"


def _uitstroomreden(plaatsing: Plaatsing) -> str:
    if plaatsing.contract == Plaatsing.Contract.BESCHUT:
        return Uitstroomreden.BESCHUT_WERK
    if plaatsing.met_loonkostensubsidie:
        return Uitstroomreden.WERK_LKS
    return Uitstroomreden.WERK_REGULIER


def laatste_dag_fouten(
    *, laatste_dag: datetime.date | None, plaatsing_start: datetime.date, veld: str
) -> Fouten:
    """The one rule for a (proposed or decided) last day of the benefit."""
    errors: Fouten = {}
    if laatste_dag is None:
        fout(errors, veld, "Geef de laatste dag van de uitkering.")
    elif laatste_dag < plaatsing_start:
        fout(
            errors,
            veld,
            f"De laatste dag van de uitkering kan niet vóór de start van de plaatsing "
            f"({plaatsing_start:%d-%m-%Y}) liggen.",
        )
    elif laatste_dag > today() + datetime.timedelta(days=MAX_DAGEN_VOORUIT):
        fout(
            errors,
            veld,
            f"De laatste dag ligt meer dan {MAX_DAGEN_VOORUIT} dagen vooruit; leg het einde "
            "vast als de datum bekend is.",
        )
    return errors


def uitkeringseinde_stel_voor(
    *, actor: User, plaatsing: Plaatsing, laatste_dag: datetime.date, herkomst: str
) -> Uitkeringseinde:
    """Propose the end of the benefit (called inside ``plaatsing_registreer``): a task for
    the client's inkomensconsulent (or the IO team queue) to decide, nothing closes yet."""
    einde = Uitkeringseinde(
        plaatsing=plaatsing,
        client=plaatsing.client,
        voorgestelde_laatste_dag=laatste_dag,
        voorgesteld_door=actor,
    )
    einde.full_clean()
    einde.save()
    taak_plan(
        client=plaatsing.client,
        soort=TaakSoort.UITKERING_EINDE,
        omschrijving=(
            f"Besluit einde uitkering: geplaatst als {plaatsing.functie} bij "
            f"{plaatsing.werkgever} per {plaatsing.start:%d-%m-%Y}; voorgestelde laatste dag "
            f"{laatste_dag:%d-%m-%Y}"
        ),
        datum=today() + datetime.timedelta(days=BESLISTERMIJN_DAGEN),
        sleutel=uitkeringseinde_sleutel(einde.pk),
        **io_eigenaar(plaatsing.client, TaakSoort.UITKERING_EINDE),
    )
    audit_record(
        actor=actor,
        actie=Actie.AANGEMAAKT,
        client_id=plaatsing.client_id,
        object_type="uitkeringseinde",
        herkomst=herkomst,
        details={"uitkeringseinde": einde.pk, "plaatsing": plaatsing.pk, "wat": "voorgesteld"},
    )
    return einde


def _besluit_fouten(
    *,
    locked: Uitkeringseinde,
    versie: int,
    beeindigen: bool,
    laatste_dag: datetime.date | None,
    toelichting: str,
) -> Fouten:
    errors: Fouten = {}
    if versie != locked.versie:
        fout(
            errors,
            "__all__",
            "Iemand anders heeft dit besluit intussen vastgelegd of gewijzigd. Bekijk het "
            "actuele besluit en probeer het opnieuw.",
        )
    if locked.uitgevoerd_op is not None:
        fout(
            errors,
            "__all__",
            f"De uitkeringsperiode is al gesloten op {locked.uitgevoerd_op:%d-%m-%Y}; een "
            "correctie daarna loopt via een nieuwe aanvraag of herstel van de periode.",
        )
    correctie = locked.status != Uitkeringseinde.Status.VOORGESTELD
    if beeindigen:
        errors.update(
            laatste_dag_fouten(
                laatste_dag=laatste_dag, plaatsing_start=locked.plaatsing.start, veld="laatste_dag"
            )
        )
    elif laatste_dag is not None:
        fout(errors, "laatste_dag", "Een laatste dag hoort bij 'uitkering beëindigen'.")
    if not toelichting.strip() and (correctie or not beeindigen):
        fout(
            errors,
            "toelichting",
            "Geef de reden van de correctie."
            if correctie
            else "Geef de reden waarom de uitkering doorloopt.",
        )
    return errors


@transaction.atomic
def uitkeringseinde_besluit(
    *,
    actor: User,
    uitkeringseinde: Uitkeringseinde,
    versie: int,
    beeindigen: bool,
    laatste_dag: datetime.date | None = None,
    toelichting: str = "",
    herkomst: str = Herkomst.WEB,
) -> UitkeringseindeBesluit:
    """The inkomensconsulent decides on the proposal, or corrects an earlier decision (with
    a reason; the earlier decision stays as history). A last day today or earlier closes
    the benefit period now; a later one on that day (``uitkeringseinde_voer_uit``)."""
    locked = (
        Uitkeringseinde.objects.select_for_update()
        .select_related("plaatsing__werkgever")
        .get(pk=uitkeringseinde.pk)
    )
    errors = _besluit_fouten(
        locked=locked,
        versie=versie,
        beeindigen=beeindigen,
        laatste_dag=laatste_dag,
        toelichting=toelichting,
    )
    if errors:
        raise ValidationError(errors)
    correctie = locked.status != Uitkeringseinde.Status.VOORGESTELD
    besluit = UitkeringseindeBesluit(
        uitkeringseinde=locked,
        beeindigen=beeindigen,
        laatste_dag=laatste_dag if beeindigen else None,
        toelichting=toelichting.strip(),
        correctie=correctie,
        door=actor,
    )
    besluit.full_clean()
    besluit.save()
    locked.status = (
        Uitkeringseinde.Status.BEEINDIGEN if beeindigen else Uitkeringseinde.Status.NIET_BEEINDIGEN
    )
    locked.laatste_dag = besluit.laatste_dag
    locked.versie += 1
    locked.save(update_fields=["status", "laatste_dag", "versie"])
    for taak in Taak.objects.filter(
        sleutel=uitkeringseinde_sleutel(locked.pk), status=TaakStatus.OPEN
    ):
        taak_rond_af(taak=taak, door=actor, notitie=str(besluit), herkomst=herkomst)
    audit_record(
        actor=actor,
        actie=Actie.GEWIJZIGD if correctie else Actie.AANGEMAAKT,
        client_id=locked.client_id,
        object_type="uitkeringseinde",
        herkomst=herkomst,
        details={
            "uitkeringseinde": locked.pk,
            "wat": "gecorrigeerd" if correctie else "besloten",
            "beeindigen": beeindigen,
            "laatste_dag": laatste_dag.isoformat() if beeindigen and laatste_dag else None,
        },
    )
    if besluit.laatste_dag is not None and besluit.laatste_dag <= today():
        _voer_uit(locked, besluit=besluit, herkomst=herkomst)
    return besluit


def _voer_uit(einde: Uitkeringseinde, *, besluit: UitkeringseindeBesluit, herkomst: str) -> None:
    """Close the benefit period on the decided day (uitstroom naar werk). When the period
    was closed otherwise in the meantime, nothing is closed twice."""
    plaatsing = einde.plaatsing
    assert besluit.laatste_dag is not None  # an ending decision has its day (constraint)
    if Uitkeringsperiode.objects.filter(client_id=einde.client_id, einddatum__isnull=True).exists():
        try:
            periode_sluit(
                actor=besluit.door,
                client=einde.client,
                einddatum=besluit.laatste_dag,
                reden=_uitstroomreden(plaatsing),
                toelichting=f"Plaatsing bij {plaatsing.werkgever}: {plaatsing.functie}",
                herkomst=herkomst,
                # loonkostensubsidie goes on while the client works: keep its re-assessment
                taken_blijven=Q(sleutel__startswith=f"loonwaarde:{plaatsing.traject_id}:")
                if plaatsing.traject_id
                else None,
            )
        except ValidationError as exc:  # its date rules, shown at our own field
            raise ValidationError(
                {
                    ("laatste_dag" if veld == "einddatum" else veld): teksten
                    for veld, teksten in exc.message_dict.items()
                }
            ) from exc
        Plaatsing.objects.filter(pk=plaatsing.pk).update(uitkering_beeindigd=True)
    einde.uitgevoerd_op = today()
    einde.save(update_fields=["uitgevoerd_op"])


def uitkeringseinde_voer_uit(*, peildatum: datetime.date) -> int:
    """Close the benefit periods whose decided last day has come (the daily planner calls
    this). Idempotent: a closed one is marked ``uitgevoerd_op`` and skipped afterwards."""
    aantal = 0
    te_doen = Uitkeringseinde.objects.filter(
        status=Uitkeringseinde.Status.BEEINDIGEN,
        uitgevoerd_op__isnull=True,
        laatste_dag__lte=peildatum,
    ).values_list("pk", flat=True)
    for pk in list(te_doen):
        try:
            with transaction.atomic():
                einde = (
                    Uitkeringseinde.objects.select_for_update()
                    .select_related("plaatsing__werkgever", "client")
                    .get(pk=pk)
                )
                if (
                    einde.uitgevoerd_op is not None
                    or einde.status != Uitkeringseinde.Status.BEEINDIGEN
                ):
                    continue
                besluit = einde.besluiten.last()
                assert besluit is not None  # the status was set by a decision
                _voer_uit(einde, besluit=besluit, herkomst=Herkomst.TAAK)
                aantal += 1
        except ValidationError:
            # e.g. the client was given a new klantgroep after the decided day: the
            # inkomensconsulent corrects the decision; the others still close.
            logger.warning("uitkeringseinde %s niet uitgevoerd", pk, exc_info=True)
    return aantal
