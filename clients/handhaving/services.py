"""Rechtmatigheidsonderzoek with the omgekeerde toets, samenloopsignalen with triage."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from clients.constants import SignaalSoort, TaakSoort
from clients.models import Client
from clients.registry import client_herplan
from clients.services import ConcurrentEditError
from clients.signalen import signaal_meld
from clients.taken import io_eigenaar, taak_plan, taak_rond_af_voor
from deventer_werk.audit.constants import Actie, Herkomst
from deventer_werk.audit.services import audit_record
from deventer_werk.dates import today

from .models import (
    STRIKTE_UITKOMSTEN,
    Bevinding,
    ChecklistPunt,
    Rechtmatigheidsonderzoek,
    Samenloopsignaal,
    Selectiereden,
    Stukkenverzoek,
    Uitkomst,
)

if TYPE_CHECKING:
    from deventer_werk.accounts.models import User


ZWARE_UITKOMSTEN = set(STRIKTE_UITKOMSTEN)

#: Outcomes the inkomensconsulent carries out, with what to do (the rechtmatigheid loop,
#: issue 30): the handhaver decides, IO changes the benefit.
UITVOERING_IO: dict[str, str] = {
    Uitkomst.HERSTEL: "pas de uitkering aan (herstel)",
    Uitkomst.TERUGVORDERING: "stel de terugvordering vast en verstuur het besluit",
    Uitkomst.BOETE: "leg de boete op en verstuur het boetebesluit",
    Uitkomst.STOPZETTING: "stop de uitkering of trek haar in",
    Uitkomst.MAATREGEL: "leg de maatregel (verlaging) op",
}

LOPEND_FOUT = (
    "Voor deze klant loopt al een rechtmatigheidsonderzoek; rond dat eerst af of vraag daarin "
    "stukken op."
)


def toets_veld(uitkomst: str) -> str:
    """The form field holding the omgekeerde toets of one strict outcome."""
    return f"toets_{uitkomst}"


def _uitvoering_plan(onderzoek: Rechtmatigheidsonderzoek) -> None:
    """The outcomes IO carries out as one task for the inkomensconsulent: every outcome with
    what to do, and by when."""
    assert onderzoek.uitvoeren_uiterlijk is not None and onderzoek.besloten_op is not None
    uit_te_voeren = [u for u in onderzoek.uitkomsten if u in UITVOERING_IO]
    namen = " en ".join(Uitkomst(u).label for u in uit_te_voeren)
    wat = "; ".join(UITVOERING_IO[u] for u in uit_te_voeren)
    taak_plan(
        client=onderzoek.client,
        soort=TaakSoort.ONDERZOEK_UITKOMST,
        omschrijving=(
            f"{namen} na rechtmatigheidsonderzoek van "
            f"{onderzoek.besloten_op:%d-%m-%Y}: {wat}. {onderzoek.motivatie}"
        ),
        datum=onderzoek.uitvoeren_uiterlijk,
        sleutel=f"onderzoek-uitkomst:{onderzoek.pk}",
        **io_eigenaar(onderzoek.client, TaakSoort.ONDERZOEK_UITKOMST),
    )


@transaction.atomic
def onderzoek_start(
    *,
    actor: User,
    client: Client,
    selectiereden: str,
    gestart_op: datetime.date,
    toelichting: str = "",
    herkomst: str = Herkomst.WEB,
) -> Rechtmatigheidsonderzoek:
    errors: dict[str, list[str]] = {}
    if selectiereden not in Selectiereden.values:
        errors["selectiereden"] = ["Kies waarom deze klant is geselecteerd."]
    if gestart_op > today():
        errors["gestart_op"] = ["De startdatum kan niet in de toekomst liggen."]
    if selectiereden in (Selectiereden.SIGNAAL, Selectiereden.MELDING, Selectiereden.THEMA) and (
        not toelichting.strip()
    ):
        errors["selectie_toelichting"] = ["Licht de selectie toe (welk signaal, thema of melding)."]
    # lock the client row so two starts at once cannot both pass the check below
    Client.objects.select_for_update().filter(pk=client.pk).first()
    if Rechtmatigheidsonderzoek.objects.lopend().filter(client=client).exists():
        errors["__all__"] = [LOPEND_FOUT]
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            onderzoek = Rechtmatigheidsonderzoek.objects.create(
                client=client,
                selectiereden=selectiereden,
                selectie_toelichting=toelichting.strip(),
                gestart_op=gestart_op,
                handhaver=actor,
            )
    except IntegrityError as exc:  # the partial unique constraint rmo_een_lopend_per_klant
        raise ValidationError({"__all__": [LOPEND_FOUT]}) from exc
    # the requests for nader onderzoek and the periodic or steekproef review of this client
    # are answered by this onderzoek; while it runs the planner plans no periodic review
    taak_rond_af_voor(
        client=client,
        soort=[TaakSoort.NADER_ONDERZOEK, TaakSoort.RECHTMATIGHEID, TaakSoort.STEEKPROEF],
        door=actor,
    )
    audit_record(
        actor=actor,
        actie=Actie.AANGEMAAKT,
        client_id=client.pk,
        object_type="rechtmatigheidsonderzoek",
        herkomst=herkomst,
        details={"selectiereden": selectiereden},
    )
    return onderzoek


@transaction.atomic
def onderzoek_besluit(
    *,
    actor: User,
    onderzoek: Rechtmatigheidsonderzoek,
    versie: int,
    bevinding: str,
    uitkomsten: list[str],
    motivatie: str,
    besloten_op: datetime.date,
    omgekeerde_toetsen: dict[str, str] | None = None,
    gevolgen_strikte_uitkomst: str = "",
    risico_huisuitzetting: bool = False,
    kinderen_betrokken: bool = False,
    documenten_ontvangen_op: datetime.date | None = None,
    checklist: list[int] | None = None,
    uitvoeren_uiterlijk: datetime.date | None = None,
    herkomst: str = Herkomst.WEB,
) -> Rechtmatigheidsonderzoek:
    """The legal finding and the chosen outcomes (several at once, "geen gevolgen" alone), with
    the omgekeerde toets for each strict outcome (``omgekeerde_toetsen``: outcome → text): what
    would it cause, and does it fit the purpose of the law?
    ``checklist`` holds the ids of the (active) checklist points that were done; the review
    keeps every active point with its text as it reads today, done or not. An outcome IO
    carries out (``UITVOERING_IO``) needs ``uitvoeren_uiterlijk`` and becomes a task for the
    client's inkomensconsulent (or the IO team queue), due that day."""
    locked = Rechtmatigheidsonderzoek.objects.select_for_update().get(pk=onderzoek.pk)
    if locked.versie != versie:
        raise ConcurrentEditError()
    errors: dict[str, list[str]] = {}
    if locked.besloten_op:
        errors["__all__"] = ["Over dit onderzoek is al besloten."]
    if bevinding not in Bevinding.values:
        errors["bevinding"] = ["Kies de juridische bevinding."]
    uitkomsten = list(dict.fromkeys(uitkomsten))
    toetsen = {u: (t or "").strip() for u, t in (omgekeerde_toetsen or {}).items()}
    if not uitkomsten or set(uitkomsten) - set(Uitkomst.values):
        errors["uitkomsten"] = ["Kies één of meer uitkomsten."]
    elif Uitkomst.GEEN_ACTIE in uitkomsten and len(uitkomsten) > 1:
        errors["uitkomsten"] = ["“Geen gevolgen” sluit de andere uitkomsten uit."]
    for u in uitkomsten:
        if u in STRIKTE_UITKOMSTEN and not toetsen.get(u):
            errors[toets_veld(u)] = [
                f"Omgekeerde toets bij {Uitkomst(u).label.lower()}: beschrijf wat deze uitkomst "
                "voor de klant betekent en waarom zij past bij het doel van de wet."
            ]
    if not motivatie.strip():
        errors["motivatie"] = ["Motiveer de gekozen uitkomst."]
    if besloten_op > today():
        errors["besloten_op"] = ["De besluitdatum kan niet in de toekomst liggen."]
    elif besloten_op < locked.gestart_op:
        errors["besloten_op"] = [
            f"Het besluit kan niet vóór de start ({locked.gestart_op:%d-%m-%Y})."
        ]
    if documenten_ontvangen_op and documenten_ontvangen_op < locked.gestart_op:
        errors["documenten_ontvangen_op"] = ["Documenten kunnen niet vóór de start zijn ontvangen."]
    if bevinding == Bevinding.RECHTMATIG and set(uitkomsten) - {Uitkomst.GEEN_ACTIE}:
        errors["uitkomsten"] = [
            "Bij een rechtmatige uitkering past geen sanctie: kies “geen gevolgen”."
        ]
    if bevinding == Bevinding.ONRECHTMATIG and not gevolgen_strikte_uitkomst.strip():
        errors["gevolgen_strikte_uitkomst"] = [
            "Omgekeerde toets: beschrijf wat de strikte uitkomst voor de klant zou betekenen."
        ]
    zwaar = ZWARE_UITKOMSTEN.intersection(uitkomsten)
    io = [u for u in uitkomsten if u in UITVOERING_IO]
    if zwaar and (risico_huisuitzetting or kinderen_betrokken) and len(motivatie.strip()) < 40:
        errors["motivatie"] = [
            "Er is risico op huisuitzetting of er zijn kinderen betrokken: motiveer uitgebreid "
            "waarom deze uitkomst toch past bij het doel van de wet."
        ]
    if io and uitvoeren_uiterlijk is None:
        errors["uitvoeren_uiterlijk"] = [
            "Geef aan wanneer Inkomensondersteuning de uitkomsten uiterlijk uitvoert; de "
            "inkomensconsulent krijgt dit als taak."
        ]
    elif io and uitvoeren_uiterlijk and uitvoeren_uiterlijk < besloten_op:
        errors["uitvoeren_uiterlijk"] = ["Uitvoeren kan niet vóór de besluitdatum."]
    elif not io and uitvoeren_uiterlijk is not None:
        errors["uitvoeren_uiterlijk"] = [
            "Een uitvoerdatum hoort bij herstel, terugvordering, boete, stopzetting of een "
            "maatregel."
        ]
    punten = list(ChecklistPunt.objects.filter(actief=True).order_by("volgorde", "pk"))
    gedaan = set(checklist or [])
    if gedaan - {p.pk for p in punten}:
        errors["checklist"] = ["Kies alleen punten van de huidige checklist."]
    if errors:
        raise ValidationError(errors)
    locked.checklist = {
        "punten": [{"id": p.pk, "tekst": p.tekst, "gedaan": p.pk in gedaan} for p in punten]
    }
    locked.bevinding = bevinding
    locked.uitkomsten = uitkomsten
    locked.omgekeerde_toetsen = {u: toetsen[u] for u in uitkomsten if u in STRIKTE_UITKOMSTEN}
    locked.motivatie = motivatie.strip()
    locked.gevolgen_strikte_uitkomst = gevolgen_strikte_uitkomst.strip()
    locked.risico_huisuitzetting = risico_huisuitzetting
    locked.kinderen_betrokken = kinderen_betrokken
    locked.documenten_ontvangen_op = documenten_ontvangen_op
    locked.besloten_op = besloten_op
    locked.besloten_door = actor
    locked.uitvoeren_uiterlijk = uitvoeren_uiterlijk
    locked.versie += 1
    locked.full_clean()
    locked.save()
    taak_rond_af_voor(
        client=locked.client, soort=[TaakSoort.RECHTMATIGHEID, TaakSoort.STEEKPROEF], door=actor
    )
    if io:
        _uitvoering_plan(locked)
    # the next periodic review is planned from the besluit, by the planner's own rule
    client_herplan(client_id=locked.client_id)
    audit_record(
        actor=actor,
        actie=Actie.GEWIJZIGD,
        client_id=locked.client_id,
        object_type="rechtmatigheidsonderzoek",
        herkomst=herkomst,
        details={
            "bevinding": bevinding,
            "uitkomsten": uitkomsten,
            "uitvoeren_uiterlijk": uitvoeren_uiterlijk.isoformat() if uitvoeren_uiterlijk else None,
        },
    )
    return locked


@transaction.atomic
def stukken_opvraag(
    *,
    actor: User,
    onderzoek: Rechtmatigheidsonderzoek,
    omschrijving: str,
    hersteltermijn: datetime.date,
    opgevraagd_op: datetime.date | None = None,
    herkomst: str = Herkomst.WEB,
) -> Stukkenverzoek:
    """Ask the client for documents within a running onderzoek, with a hersteltermijn (the
    last day to deliver). May happen more than once: each request is kept."""
    locked = Rechtmatigheidsonderzoek.objects.select_for_update().get(pk=onderzoek.pk)
    opgevraagd_op = opgevraagd_op or today()
    errors: dict[str, list[str]] = {}
    if locked.besloten_op:
        errors["__all__"] = ["Over dit onderzoek is al besloten; er kunnen geen stukken meer bij."]
    if not omschrijving.strip():
        errors["omschrijving"] = ["Beschrijf welke stukken de klant moet aanleveren."]
    if hersteltermijn < today():
        errors["hersteltermijn"] = ["De hersteltermijn kan niet in het verleden liggen."]
    elif hersteltermijn < opgevraagd_op:
        errors["hersteltermijn"] = ["De hersteltermijn kan niet vóór het verzoek liggen."]
    if errors:
        raise ValidationError(errors)
    verzoek = Stukkenverzoek(
        onderzoek=locked,
        opgevraagd_op=opgevraagd_op,
        omschrijving=omschrijving.strip(),
        hersteltermijn=hersteltermijn,
        door=actor,
    )
    verzoek.full_clean()
    verzoek.save()
    audit_record(
        actor=actor,
        actie=Actie.GEWIJZIGD,
        client_id=locked.client_id,
        object_type="rechtmatigheidsonderzoek",
        herkomst=herkomst,
        details={"stukken_opgevraagd": verzoek.pk, "hersteltermijn": hersteltermijn.isoformat()},
    )
    return verzoek


def samenloop_registreer(
    *,
    actor: User,
    client: Client,
    soort: str,
    ontvangen_op: datetime.date,
    omschrijving: str = "",
    herkomst: str = Herkomst.WEB,
) -> Samenloopsignaal:
    errors = {}
    if soort not in Samenloopsignaal.Soort.values:
        errors["soort"] = ["Kies het soort samenloopsignaal."]
    if ontvangen_op > today():
        errors["ontvangen_op"] = ["De ontvangstdatum kan niet in de toekomst liggen."]
    if errors:
        raise ValidationError(errors)
    signaal = Samenloopsignaal.objects.create(
        client=client, soort=soort, ontvangen_op=ontvangen_op, omschrijving=omschrijving
    )
    audit_record(
        actor=actor,
        actie=Actie.AANGEMAAKT,
        client_id=client.pk,
        object_type="samenloopsignaal",
        herkomst=herkomst,
        details={"soort": soort},
    )
    return signaal


@transaction.atomic
def samenloop_trieer(
    *,
    actor: User,
    signaal: Samenloopsignaal,
    triage: str,
    toelichting: str = "",
    herkomst: str = Herkomst.WEB,
) -> Samenloopsignaal:
    locked = (
        Samenloopsignaal.objects.select_for_update().select_related("client").get(pk=signaal.pk)
    )
    if locked.triage:
        raise ValidationError({"triage": ["Dit signaal is al getrieerd."]})
    if triage not in Samenloopsignaal.Triage.values:
        raise ValidationError({"triage": ["Kies onderzoekswaardig of niet."]})
    if triage == Samenloopsignaal.Triage.NIET and not toelichting.strip():
        raise ValidationError({"triage_toelichting": ["Licht toe waarom niet onderzoekswaardig."]})
    locked.triage = triage
    locked.triage_door = actor
    locked.triage_op = today()
    locked.triage_toelichting = toelichting.strip()
    if triage == Samenloopsignaal.Triage.ONDERZOEKSWAARDIG:
        # one running onderzoek per client: a new signal joins the one that runs
        locked.onderzoek = Rechtmatigheidsonderzoek.objects.lopend().filter(
            client=locked.client
        ).first() or onderzoek_start(
            actor=actor,
            client=locked.client,
            selectiereden=Selectiereden.SIGNAAL,
            gestart_op=today(),
            toelichting=f"Samenloop: {locked.get_soort_display()}",
            herkomst=herkomst,
        )
        signaal_meld(
            actor=actor,
            client=locked.client,
            soort=SignaalSoort.SAMENLOOP,
            omschrijving=f"{locked.get_soort_display()}: in onderzoek",
            bron="samenloop",
            herkomst=herkomst,
        )
    locked.save()
    return locked
