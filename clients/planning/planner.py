"""The cadence engine: who is due for a voortgangsgesprek or a rechtmatigheidsonderzoek.

Driven by the Klantgroep configuration (voortgangsgesprekken per jaar, rechtmatigheid
interval, rechtmatigheid inside the voortgangsgesprek or separately).

The rule, per active client (dossier ingedeeld, a current membership):

    next due = (the later of: the last one held, the start of the current membership)
               + the interval of the current klantgroep

Re-planning is the same rule: every run compares the open planned gesprekken and reviews
with what the rule gives today. A task whose kind is still due on another date (group change,
changed configuration) becomes "verplaatst" and the new date is planned; one that is no longer
due (a group without gesprekken, uitstroom) becomes "vervallen" with the reason; open
gesprekken follow the current IO contact. Rows are kept as history, never deleted. Nazorg
after uitstroom naar werk is not planned here and survives the end of the benefit.

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
from django.db.models import CharField, DateField, Exists, F, Max, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat, Greatest, TruncDate
from django.utils import timezone

from clients.begeleiding.models import Voortgangsgesprek
from clients.constants import Fase, SignaalSoort, TaakSoort, TaakStatus
from clients.groepen.models import Groepslidmaatschap
from clients.handhaving.models import Rechtmatigheidsonderzoek, SteekproefInstelling
from clients.models import Contactpersoon, Signaal, Taak
from clients.rules import HANDHAVERS_WACHTRIJ, IC_CONTACT, teamwachtrij
from deventer_werk.accounts.constants import Organisatie
from deventer_werk.dates import add_months, maanden_tussen, today
from klantgroepen.models import Klantgroep

from .zonder_eigenaar import plan_zonder_eigenaar


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
    verplaatst: int = 0
    te_laat: int = 0
    zonder_eigenaar: int = 0
    regels: list[str] = field(default_factory=list)

    def samenvatting(self) -> dict:
        return {
            "bekeken": self.bekeken,
            "voortgang": self.voortgang_gepland,
            "rechtmatigheid": self.rechtmatigheid_gepland,
            "steekproef": self.steekproef_gepland,
            "vervallen": self.vervallen,
            "verplaatst": self.verplaatst,
            "te_laat": self.te_laat,
            "zonder_eigenaar": self.zonder_eigenaar,
        }


def _met_hand_gesloten(soort: str):
    """The latest day a planned task of ``soort`` was closed by hand (completed with a note
    on the werkvoorraad): the work counts as done that day, so the rhythm starts again from
    there. A form that does the work closes the task without a note; its own date counts."""
    return (
        Taak.objects.filter(
            client_id=OuterRef("client_id"), soort=soort, status=TaakStatus.AFGEROND
        )
        .exclude(reden="")
        .values("client_id")
        .annotate(m=Max(TruncDate("afgerond_op")))
        .values("m")
    )


def _actieve_clienten(peildatum: datetime.date, client_ids: list | None = None):
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
        .filter(
            client_id=OuterRef("client_id"),
            organisatie=Organisatie.IO,
            rol__in=IC_CONTACT,
        )
        .values("medewerker_id")[:1]
    )
    qs = Groepslidmaatschap.objects.op_datum(peildatum).filter(client__fase=Fase.INGEDEELD)
    if client_ids is not None:
        qs = qs.filter(client_id__in=client_ids)
    return (
        qs.annotate(
            laatste_gesprek=Subquery(laatste_gesprek, output_field=DateField()),
            laatste_onderzoek=Subquery(laatste_onderzoek, output_field=DateField()),
            gesprek_gesloten=Subquery(
                _met_hand_gesloten(TaakSoort.VOORTGANGSGESPREK), output_field=DateField()
            ),
            onderzoek_gesloten=Subquery(
                _met_hand_gesloten(TaakSoort.RECHTMATIGHEID), output_field=DateField()
            ),
            io_medewerker=Subquery(io_contact),
            # a running onderzoek pauses the periodic review (issue 30); after the besluit
            # the rhythm starts again from besloten_op (laatste_onderzoek)
            onderzoek_loopt=Exists(
                Rechtmatigheidsonderzoek.objects.lopend().filter(client_id=OuterRef("client_id"))
            ),
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
            "gesprek_gesloten",
            "onderzoek_gesloten",
            "io_medewerker",
            "onderzoek_loopt",
        )
        .order_by("client_id")
    )


def _laatste(*datums: datetime.date | None) -> datetime.date | None:
    bekend = [d for d in datums if d is not None]
    return max(bekend) if bekend else None


def _voortgang_taak(row, eigenaar: dict, groep: Klantgroep) -> Taak | None:
    due = volgende_datum(
        laatste=_laatste(row["laatste_gesprek"], row["gesprek_gesloten"]),
        groep_van=row["van"],
        interval_maanden=groep.voortgang_interval_maanden,
    )
    if not due:
        return None
    omschrijving = f"Voortgangsgesprek {row['klantgroep__naam']}" + (
        " met rechtmatigheid en bestaanszekerheid"
        if row["klantgroep__rechtmatigheid_in_voortgangsgesprek"]
        else ""
    )
    return Taak(
        client_id=row["client_id"],
        soort=TaakSoort.VOORTGANGSGESPREK,
        datum=due,
        omschrijving=omschrijving,
        sleutel=f"voortgang:{row['client_id']}:{due.isoformat()}",
        **eigenaar,
    )


def _rechtmatigheid_taak(row) -> Taak | None:
    if row["klantgroep__rechtmatigheid_in_voortgangsgesprek"] or row["onderzoek_loopt"]:
        return None
    due = volgende_datum(
        laatste=_laatste(row["laatste_onderzoek"], row["onderzoek_gesloten"]),
        groep_van=row["van"],
        interval_maanden=row["klantgroep__rechtmatigheid_interval_maanden"],
    )
    if not due:
        return None
    return Taak(
        client_id=row["client_id"],
        soort=TaakSoort.RECHTMATIGHEID,
        datum=due,
        omschrijving="Periodiek rechtmatigheidsonderzoek " + row["klantgroep__naam"],
        **HANDHAVERS_WACHTRIJ,
        sleutel=f"rechtmatigheid:{row['client_id']}:{due.isoformat()}",
    )


def _steekproef_taak(row, *, maand: str, peildatum, steekproef) -> Taak | None:
    instelling = steekproef.get(row["klantgroep_id"])
    cid = row["client_id"]
    if not instelling or not in_steekproef(
        seed=instelling.seed, client_id=cid, maand=maand, percentage=float(instelling.percentage)
    ):
        return None
    return Taak(
        client_id=cid,
        soort=TaakSoort.STEEKPROEF,
        datum=peildatum.replace(day=1) + datetime.timedelta(days=27),
        omschrijving=f"Steekproef rechtmatigheid {maand} (aselect, seed {instelling.seed})",
        **HANDHAVERS_WACHTRIJ,
        sleutel=f"steekproef:{cid}:{maand}",
    )


def _voor_client(
    row, *, groep: Klantgroep, horizon, maand, peildatum, steekproef
) -> list[tuple[Taak, bool]]:
    """The planned work of one client: (task, within the horizon) per kind that is due."""
    eigenaar = (
        {"medewerker_id": row["io_medewerker"]}
        if row["io_medewerker"]
        else teamwachtrij(Organisatie.IO)
    )
    taken = [
        (t, t.datum <= horizon)
        for t in (_voortgang_taak(row, eigenaar, groep), _rechtmatigheid_taak(row))
        if t is not None
    ]
    sp = _steekproef_taak(row, maand=maand, peildatum=peildatum, steekproef=steekproef)
    if sp is not None:
        taken.append((sp, True))
    return taken


def plan_voortgang(
    *,
    peildatum: datetime.date,
    horizon_dagen: int | None = None,
    client_ids: list | None = None,
) -> PlanResultaat:
    """Put due voortgangsgesprekken, rechtmatigheidsonderzoeken and steekproef reviews on the
    responsible professional's werkvoorraad (or the role's team queue) and bring open planned
    tasks in line with today's rule: moved where the rhythm changed, cancelled where no longer
    due (group change, uitstroom, configuration), re-owned where the IO contact changed.
    Safe to run any number of times. With ``client_ids`` only those clients are brought in
    line (the same rule, see ``client_herplan``)."""
    horizon = peildatum + datetime.timedelta(
        days=settings.DW_PLANNING_HORIZON_DAGEN if horizon_dagen is None else horizon_dagen
    )
    steekproef = {s.klantgroep_id: s for s in SteekproefInstelling.objects.all()}
    groepen = {k.pk: k for k in Klantgroep.objects.all()}  # the cadence configuration
    resultaat = PlanResultaat(peildatum=peildatum)
    open_gepland = _open_gepland(client_ids)
    nieuw: list[Taak] = []
    verwacht: dict[str, Taak] = {}
    eigenaar: dict = {}
    # One plain fetch (no server-side cursor): a named cursor opened here broke when the
    # planner ran in a worker after other work on the same connection ("cursor does not
    # exist"); the rows are small (about 10 values per active client).
    for row in list(_actieve_clienten(peildatum, client_ids)):
        resultaat.bekeken += 1
        eigenaar[row["client_id"]] = row["io_medewerker"]
        for taak, binnen in _voor_client(
            row,
            groep=groepen[row["klantgroep_id"]],
            horizon=horizon,
            maand=f"{peildatum:%Y-%m}",
            peildatum=peildatum,
            steekproef=steekproef,
        ):
            verwacht[taak.sleutel] = taak
            if binnen:
                nieuw.append(taak)
    verplaatst, vervallen = _niet_meer_actueel(open_gepland, verwacht)
    nieuw += [verwacht[s] for s in verplaatst.values() if verwacht[s] not in nieuw]
    bestaand = _bestaande_sleutels([t.sleutel for t in nieuw])
    toevoegen = [t for t in nieuw if t.sleutel not in bestaand]
    with transaction.atomic():
        resultaat.verplaatst, resultaat.vervallen = _sluit_verouderd(verplaatst, vervallen)
        Taak.objects.bulk_create(toevoegen, batch_size=2000, ignore_conflicts=True)
        _herbeleg(open_gepland, eigenaar)
        resultaat.zonder_eigenaar = plan_zonder_eigenaar(peildatum=peildatum, client_ids=client_ids)
    _tel(resultaat, toevoegen)
    if client_ids is not None:
        return resultaat
    resultaat.te_laat = Taak.objects.filter(
        status=TaakStatus.OPEN,
        datum__lt=peildatum,
        soort__in=[TaakSoort.VOORTGANGSGESPREK, TaakSoort.RECHTMATIGHEID, TaakSoort.STEEKPROEF],
    ).count()
    return resultaat


def _tel(resultaat: PlanResultaat, toevoegen: list[Taak]) -> None:
    for t in toevoegen:
        resultaat.regels.append(
            f"{t.get_soort_display()} {t.datum:%d-%m-%Y} klant {t.client_id} "
            f"({'steekproef' if (t.sleutel or '').startswith('steekproef:') else 'periodiek'}) "
            f"voor {f'medewerker {t.medewerker_id}' if t.medewerker_id else f'rol {t.rol}'}"
        )
        if (t.sleutel or "").startswith("voortgang:"):
            resultaat.voortgang_gepland += 1
        elif (t.sleutel or "").startswith("steekproef:"):
            resultaat.steekproef_gepland += 1
        else:
            resultaat.rechtmatigheid_gepland += 1


def _open_gepland(client_ids: list | None = None) -> list[tuple]:
    """Open periodic gesprekken and reviews the planner put on a werkvoorraad:
    (pk, client_id, sleutel, medewerker_id). One query."""
    qs = Taak.objects.filter(status=TaakStatus.OPEN).filter(
        Q(sleutel__startswith="voortgang:") | Q(sleutel__startswith="rechtmatigheid:")
    )
    if client_ids is not None:
        qs = qs.filter(client_id__in=client_ids)
    return list(qs.values_list("pk", "client_id", "sleutel", "medewerker_id"))


def client_herplan(*, client_id, peildatum: datetime.date | None = None) -> PlanResultaat:
    """Bring one client's planned work in line at once, by the planner's own rule: called by
    the services that change what the rule depends on (klantgroep, uitstroom, herinstroom,
    contact person), inside their transaction, so that no stale task is visible in between
    and a failed change leaves the tasks as they were. ``horizon_dagen`` is the planner's."""
    return plan_voortgang(peildatum=peildatum or today(), client_ids=[client_id])


def _niet_meer_actueel(open_gepland, verwacht: dict[str, Taak]) -> tuple[dict, dict]:
    """Open planned tasks whose key the rule no longer gives: {pk: new key} where the same
    kind is due on another date (moved), {pk: reason} where it is not due at all."""
    per_soort = {(t.client_id, t.sleutel.split(":", 1)[0]): t.sleutel for t in verwacht.values()}
    verplaatst: dict[int, str] = {}
    vervallen: dict[int, str] = {}
    for pk, client_id, sleutel, _mdw in open_gepland:
        if sleutel in verwacht:
            continue
        ander = per_soort.get((client_id, sleutel.split(":", 1)[0]))
        if ander:
            verplaatst[pk] = ander
        else:
            vervallen[pk] = "Niet meer nodig: klantgroep of uitstroom"
    return verplaatst, vervallen


def _sluit_verouderd(verplaatst: dict, vervallen: dict) -> tuple[int, int]:
    nu = timezone.now()
    n = Taak.objects.filter(pk__in=list(verplaatst), status=TaakStatus.OPEN).update(
        status=TaakStatus.VERPLAATST, afgerond_op=nu, reden="Ritme gewijzigd: opnieuw gepland"
    )
    return n, Taak.objects.filter(pk__in=list(vervallen), status=TaakStatus.OPEN).update(
        status=TaakStatus.VERVALLEN,
        afgerond_op=nu,
        reden="Niet meer nodig (klantgroep of uitstroom)",
    )


def _herbeleg(open_gepland, eigenaar: dict) -> None:
    """Open voortgangsgesprekken follow the client's current IO contact."""
    per_medewerker: dict = {}
    for pk, client_id, sleutel, mdw in open_gepland:
        nu = eigenaar.get(client_id)
        if sleutel.startswith("voortgang:") and nu and nu != mdw:
            per_medewerker.setdefault(nu, []).append(pk)
    for mdw, pks in per_medewerker.items():
        Taak.objects.filter(pk__in=pks, status=TaakStatus.OPEN).update(
            medewerker_id=mdw, rol="", organisatie=""
        )


def _bestaande_sleutels(sleutels: list[str | None]) -> set[str | None]:
    bestaand: set[str | None] = set()
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


#: Days within which the contact person reviews the group after the signal (a week, as a
#: signal's follow-up).
GROEP_HERZIEN_DAGEN = 7


def groep_uitkeringsduur(*, peildatum: datetime.date) -> int:
    """Signal clients whose benefit has run longer than their klantgroep fits (policy §3.3:
    Matchen "< 6 maanden uitkering", Groeien "< 3 jaar"; the group's ``max_maanden_uitkering``)
    and put "klantgroep herzien" on the werkvoorraad of the contact person of the group's
    uitvoeringsregie (the DWT werkcoach for Matchen), or that organisation's team queue while
    the client has none. Once per membership (the task's key); a group change completes it.
    One query per configured group plus the writes; idempotent."""
    kandidaten: list[tuple] = []
    for groep in Klantgroep.objects.filter(max_maanden_uitkering__isnull=False):
        grens = add_months(peildatum, -groep.max_maanden_uitkering)
        kandidaten += [
            (groep, *rij)
            for rij in Groepslidmaatschap.objects.actueel()
            .filter(
                klantgroep=groep,
                client__fase=Fase.INGEDEELD,
                client__perioden__einddatum__isnull=True,
                client__perioden__startdatum__lt=grens,
            )
            .exclude(
                Exists(
                    Taak.objects.filter(
                        sleutel=Concat(
                            Value("uitkeringsduur:"), Cast(OuterRef("pk"), output_field=CharField())
                        )
                    )
                )
            )
            .values_list("pk", "client_id", "client__perioden__startdatum")
        ]
    if not kandidaten:
        return 0
    contact = {
        (cid, org): mid
        for cid, org, mid in Contactpersoon.objects.actueel()
        .filter(client_id__in=[k[2] for k in kandidaten], rol="")
        .values_list("client_id", "organisatie", "medewerker_id")
    }
    datum = peildatum + datetime.timedelta(days=GROEP_HERZIEN_DAGEN)
    taken, signalen = [], []
    for groep, lid_id, client_id, start in kandidaten:
        maanden = maanden_tussen(start, peildatum)
        tekst = (
            f"{groep.naam} past bij maximaal {groep.max_maanden_uitkering} maanden uitkering; "
            f"de uitkering loopt sinds {start:%d-%m-%Y} ({maanden} maanden): bespreek met de "
            "klant of de klantgroep nog past."
        )
        medewerker_id = contact.get((client_id, groep.regie))
        eigenaar = {"medewerker_id": medewerker_id} if medewerker_id else teamwachtrij(groep.regie)
        taken.append(
            Taak(
                client_id=client_id,
                soort=TaakSoort.GROEP_HERZIEN,
                omschrijving=f"{maanden} maanden uitkering in {groep.naam} (past bij maximaal "
                f"{groep.max_maanden_uitkering})",
                datum=datum,
                sleutel=f"uitkeringsduur:{lid_id}",
                **eigenaar,
            )
        )
        signalen.append(
            Signaal(
                client_id=client_id,
                soort=SignaalSoort.UITKERINGSDUUR,
                bron="planner",
                omschrijving=tekst,
            )
        )
    with transaction.atomic():
        Taak.objects.bulk_create(taken, batch_size=2000, ignore_conflicts=True)
        Signaal.objects.bulk_create(signalen, batch_size=2000, ignore_conflicts=True)
    return len(kandidaten)
