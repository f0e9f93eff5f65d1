"""The cadence engine: who is due for a voortgangsgesprek or a rechtmatigheidsonderzoek.

Driven by the Klantgroep configuration (voortgangsgesprekken per jaar, rechtmatigheid
interval, rechtmatigheid inside the voortgangsgesprek or separately).

The rule, per active client (dossier ingedeeld, a current membership):

    next due = (the later of: the last one held, the start of the current membership)
               + the interval of the current klantgroep

So a group change re-plans from the date of the change (the new group's rhythm starts then,
unless a gesprek was held after it): open planned gesprekken and reviews that were put on the
werkvoorraad before the change and no longer match the new group's plan are set to
"vervallen" (kept as history, not deleted). Uitstroom ends the membership and with it all
planning (the uitstroom service sets open tasks to "vervallen"). Changing the configuration
changes future due dates, never the past: tasks already on the werkvoorraad stay.

Everything is computed in one query over all clients and written with bulk inserts;
idempotency comes from the database: every planned task has a stable key (client, kind,
due date) with a unique constraint, so a second run, or two workers at once, insert nothing
new.
"""

import datetime
import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import DateField, Exists, F, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from clients.begeleiding.models import Voortgangsgesprek
from clients.constants import Fase, SignaalSoort, TaakSoort, TaakStatus
from clients.groepen.models import Groepslidmaatschap
from clients.handhaving.models import Rechtmatigheidsonderzoek, SteekproefInstelling
from clients.models import Contactpersoon, Signaal, Taak
from deventer_werk.accounts.constants import Organisatie, Rol
from deventer_werk.dates import add_months
from klantgroepen.models import Klantgroep


def volgende_datum(
    *, laatste: datetime.date | None, groep_van: datetime.date, interval_maanden: int | None
) -> datetime.date | None:
    """Next due date, or None when this group has no such rhythm."""
    if not interval_maanden:
        return None
    basis = max(laatste, groep_van) if laatste else groep_van
    return add_months(basis, interval_maanden)


def in_steekproef(*, seed: int, client_id, maand: str, percentage: float) -> bool:
    """Reproducible random sample: the same seed, client and month always give the same
    answer; about ``percentage`` % of clients per month are selected. No profile is used."""
    if percentage <= 0:
        return False
    digest = hashlib.sha256(f"{seed}:{client_id}:{maand}".encode()).hexdigest()
    return int(digest[:8], 16) / 0x1_0000_0000 < percentage / 100


@dataclass
class PlanResultaat:
    peildatum: datetime.date
    bekeken: int = 0
    voortgang_gepland: int = 0
    rechtmatigheid_gepland: int = 0
    steekproef_gepland: int = 0
    vervallen: int = 0
    te_laat: int = 0
    regels: list[str] = field(default_factory=list)

    def samenvatting(self) -> dict:
        return {
            "bekeken": self.bekeken,
            "voortgang": self.voortgang_gepland,
            "rechtmatigheid": self.rechtmatigheid_gepland,
            "steekproef": self.steekproef_gepland,
            "vervallen": self.vervallen,
            "te_laat": self.te_laat,
        }


def _actieve_clienten(peildatum: datetime.date):
    laatste_gesprek = (
        Voortgangsgesprek.objects.filter(client_id=OuterRef("client_id"))
        .values("client_id")
        .annotate(m=Max("datum"))
        .values("m")
    )
    laatste_onderzoek = (
        Rechtmatigheidsonderzoek.objects.filter(
            client_id=OuterRef("client_id"), besloten_op__isnull=False
        )
        .values("client_id")
        .annotate(m=Max("besloten_op"))
        .values("m")
    )
    io_contact = (
        Contactpersoon.objects.actueel()
        .filter(client_id=OuterRef("client_id"), organisatie=Organisatie.IO)
        .values("medewerker_id")[:1]
    )
    return (
        Groepslidmaatschap.objects.actueel()
        .filter(client__fase=Fase.INGEDEELD, van__lte=peildatum)
        .annotate(
            laatste_gesprek=Subquery(laatste_gesprek, output_field=DateField()),
            laatste_onderzoek=Subquery(laatste_onderzoek, output_field=DateField()),
            io_medewerker=Subquery(io_contact),
        )
        .values(
            "client_id",
            "van",
            "klantgroep_id",
            "klantgroep__naam",
            "klantgroep__rechtmatigheid_interval_maanden",
            "klantgroep__rechtmatigheid_in_voortgangsgesprek",
            "laatste_gesprek",
            "laatste_onderzoek",
            "io_medewerker",
        )
        .order_by("client_id")
    )


def plan_voortgang(*, peildatum: datetime.date, horizon_dagen: int | None = None) -> PlanResultaat:
    """Put due voortgangsgesprekken, rechtmatigheidsonderzoeken and steekproef reviews on the
    responsible professional's werkvoorraad (or the role's). Safe to run any number of times."""
    horizon = peildatum + datetime.timedelta(
        days=settings.DW_PLANNING_HORIZON_DAGEN if horizon_dagen is None else horizon_dagen
    )
    maand = f"{peildatum:%Y-%m}"
    steekproef = {s.klantgroep_id: s for s in SteekproefInstelling.objects.all()}
    groepen = {k.pk: k for k in Klantgroep.objects.all()}  # the cadence configuration
    resultaat = PlanResultaat(peildatum=peildatum)
    nieuw: list[Taak] = []
    # Planned tasks from before a group change; kept only if the new plan has the same key.
    na_wissel = _gepland_voor_groepswissel()
    huidig: set[str] = set()
    for row in _actieve_clienten(peildatum).iterator(chunk_size=5000):
        resultaat.bekeken += 1
        groep = groepen[row["klantgroep_id"]]
        in_gesprek = row["klantgroep__rechtmatigheid_in_voortgangsgesprek"]
        eigenaar = (
            {"medewerker_id": row["io_medewerker"]}
            if row["io_medewerker"]
            else {"rol": Rol.INKOMENSCONSULENT}
        )
        due = volgende_datum(
            laatste=row["laatste_gesprek"],
            groep_van=row["van"],
            interval_maanden=groep.voortgang_interval_maanden,
        )
        if due and row["client_id"] in na_wissel:
            huidig.add(f"voortgang:{row['client_id']}:{due.isoformat()}")
        if due and due <= horizon:
            nieuw.append(
                Taak(
                    client_id=row["client_id"],
                    soort=TaakSoort.VOORTGANGSGESPREK,
                    datum=due,
                    omschrijving=f"Voortgangsgesprek {row['klantgroep__naam']}"
                    + (" met rechtmatigheid en bestaanszekerheid" if in_gesprek else ""),
                    sleutel=f"voortgang:{row['client_id']}:{due.isoformat()}",
                    **eigenaar,
                )
            )
        if not in_gesprek:
            laatste_rm = max(filter(None, [row["laatste_onderzoek"]]), default=None)
            rm_due = volgende_datum(
                laatste=laatste_rm,
                groep_van=row["van"],
                interval_maanden=row["klantgroep__rechtmatigheid_interval_maanden"],
            )
            if rm_due and row["client_id"] in na_wissel:
                huidig.add(f"rechtmatigheid:{row['client_id']}:{rm_due.isoformat()}")
            if rm_due and rm_due <= horizon:
                nieuw.append(
                    Taak(
                        client_id=row["client_id"],
                        soort=TaakSoort.RECHTMATIGHEID,
                        datum=rm_due,
                        omschrijving="Periodiek rechtmatigheidsonderzoek "
                        + row["klantgroep__naam"],
                        rol=Rol.HANDHAVER,
                        sleutel=f"rechtmatigheid:{row['client_id']}:{rm_due.isoformat()}",
                    )
                )
        instelling = steekproef.get(row["klantgroep_id"])
        if instelling and in_steekproef(
            seed=instelling.seed,
            client_id=row["client_id"],
            maand=maand,
            percentage=float(instelling.percentage),
        ):
            nieuw.append(
                Taak(
                    client_id=row["client_id"],
                    soort=TaakSoort.RECHTMATIGHEID,
                    datum=peildatum.replace(day=1) + datetime.timedelta(days=27),
                    omschrijving=(
                        f"Steekproef rechtmatigheid {maand} (aselect, seed {instelling.seed})"
                    ),
                    rol=Rol.HANDHAVER,
                    sleutel=f"steekproef:{row['client_id']}:{maand}",
                )
            )
    bestaand = _bestaande_sleutels([t.sleutel for t in nieuw])
    toevoegen = [t for t in nieuw if t.sleutel not in bestaand]
    vervallen = [pk for taken in na_wissel.values() for pk, sl in taken if sl not in huidig]
    with transaction.atomic():
        Taak.objects.bulk_create(toevoegen, batch_size=2000, ignore_conflicts=True)
        if vervallen:
            resultaat.vervallen = Taak.objects.filter(
                pk__in=vervallen, status=TaakStatus.OPEN
            ).update(status=TaakStatus.VERVALLEN, afgerond_op=timezone.now())
    for t in toevoegen:
        resultaat.regels.append(
            f"{t.get_soort_display()} {t.datum:%d-%m-%Y} klant {t.client_id} "
            f"({'steekproef' if t.sleutel.startswith('steekproef:') else 'periodiek'}) "
            f"voor {f'medewerker {t.medewerker_id}' if t.medewerker_id else f'rol {t.rol}'}"
        )
        if t.sleutel.startswith("voortgang:"):
            resultaat.voortgang_gepland += 1
        elif t.sleutel.startswith("steekproef:"):
            resultaat.steekproef_gepland += 1
        else:
            resultaat.rechtmatigheid_gepland += 1
    resultaat.te_laat = Taak.objects.filter(
        status=TaakStatus.OPEN,
        datum__lt=peildatum,
        soort__in=[TaakSoort.VOORTGANGSGESPREK, TaakSoort.RECHTMATIGHEID],
    ).count()
    return resultaat


def _gepland_voor_groepswissel() -> dict:
    """Open planned gesprekken and periodic reviews of clients whose current membership was
    recorded after the task was planned: {client_id: [(task id, sleutel), ...]}. One query."""
    nieuwer_lidmaatschap = Groepslidmaatschap.objects.actueel().filter(
        client_id=OuterRef("client_id"), aangemaakt_op__gt=OuterRef("aangemaakt_op")
    )
    per_client: dict = {}
    for pk, client_id, sleutel in (
        Taak.objects.filter(status=TaakStatus.OPEN)
        .filter(Q(sleutel__startswith="voortgang:") | Q(sleutel__startswith="rechtmatigheid:"))
        .filter(Exists(nieuwer_lidmaatschap))
        .values_list("pk", "client_id", "sleutel")
    ):
        per_client.setdefault(client_id, []).append((pk, sleutel))
    return per_client


def _bestaande_sleutels(sleutels: list[str]) -> set[str]:
    bestaand: set[str] = set()
    for i in range(0, len(sleutels), 5000):
        bestaand.update(
            Taak.objects.filter(sleutel__in=sleutels[i : i + 5000]).values_list(
                "sleutel", flat=True
            )
        )
    return bestaand


def groep_niet_besproken(*, peildatum: datetime.date) -> int:
    """Signal clients whose klantgroep was not discussed for too long (no voortgangsgesprek
    and no group change within the configured months). One open signal per client (unique)."""
    grens = add_months(peildatum, -settings.DW_GROEP_BESPREKEN_MAANDEN)
    laatste = (
        Voortgangsgesprek.objects.filter(client_id=OuterRef("client_id"))
        .values("client_id")
        .annotate(m=Max("datum"))
        .values("m")
    )
    client_ids = list(
        Groepslidmaatschap.objects.actueel()
        .filter(client__fase=Fase.INGEDEELD)
        .annotate(
            besproken=Greatest(
                F("van"), Coalesce(Subquery(laatste, output_field=DateField()), F("van"))
            )
        )
        .filter(besproken__lt=grens)
        .exclude(
            client__signalen__soort=SignaalSoort.GROEP_NIET_BESPROKEN,
            client__signalen__afgehandeld_op__isnull=True,
        )
        .values_list("client_id", flat=True)
    )
    Signaal.objects.bulk_create(
        [
            Signaal(
                client_id=cid,
                soort=SignaalSoort.GROEP_NIET_BESPROKEN,
                bron="planner",
                omschrijving=f"Langer dan {settings.DW_GROEP_BESPREKEN_MAANDEN} maanden geen "
                "voortgangsgesprek of groepswijziging: bespreek of de klantgroep nog past.",
            )
            for cid in client_ids
        ],
        batch_size=2000,
        ignore_conflicts=True,
    )
    return len(client_ids)
