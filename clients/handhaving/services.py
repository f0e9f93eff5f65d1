"""Rechtmatigheidsonderzoek with the omgekeerde toets, samenloopsignalen with triage."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction

from clients.constants import SignaalSoort, TaakSoort
from clients.models import Client, Contactpersoon
from clients.services import ConcurrentEditError
from clients.signalen import signaal_meld
from clients.taken import taak_plan, taak_rond_af_voor
from deventer_werk.accounts.constants import Organisatie, Rol
from deventer_werk.audit.constants import Actie, Herkomst
from deventer_werk.audit.services import audit_record
from deventer_werk.dates import today

from .models import (
    Bevinding,
    ChecklistPunt,
    Rechtmatigheidsonderzoek,
    Samenloopsignaal,
    Selectiereden,
    Uitkomst,
)

if TYPE_CHECKING:
    from deventer_werk.accounts.models import User


ZWARE_UITKOMSTEN = {Uitkomst.MAATREGEL, Uitkomst.TERUGVORDERING, Uitkomst.STOPZETTING}

#: Outcomes the inkomensconsulent carries out, with what to do (the rechtmatigheid loop,
#: issue 30): the handhaver decides, IO changes the benefit.
UITVOERING_IO: dict[str, str] = {
    Uitkomst.HERSTEL: "pas de uitkering aan (herstel)",
    Uitkomst.TERUGVORDERING: "stel de terugvordering vast en verstuur het besluit",
    Uitkomst.STOPZETTING: "stop de uitkering of trek haar in",
    Uitkomst.MAATREGEL: "leg de maatregel (verlaging) op",
}


def _io_eigenaar(client: Client) -> dict:
    """The client's inkomensconsulent, or IO's inkomensconsulent team queue."""
    ic = (
        Contactpersoon.objects.actueel()
        .filter(client=client, organisatie=Organisatie.IO, rol__in=["", Rol.INKOMENSCONSULENT])
        .select_related("medewerker")
        .first()
    )
    if ic is not None and ic.medewerker.heeft_rol(Rol.INKOMENSCONSULENT):
        return {"medewerker": ic.medewerker}
    return {"rol": Rol.INKOMENSCONSULENT, "organisatie": Organisatie.IO}


def _uitvoering_plan(onderzoek: Rechtmatigheidsonderzoek) -> None:
    """The outcome as a task for the inkomensconsulent: what to do, and by when."""
    assert onderzoek.uitvoeren_uiterlijk is not None and onderzoek.besloten_op is not None
    wat = UITVOERING_IO[onderzoek.uitkomst]
    taak_plan(
        client=onderzoek.client,
        soort=TaakSoort.ONDERZOEK_UITKOMST,
        omschrijving=(
            f"{Uitkomst(onderzoek.uitkomst).label} na rechtmatigheidsonderzoek van "
            f"{onderzoek.besloten_op:%d-%m-%Y}: {wat}. {onderzoek.motivatie}"
        ),
        datum=onderzoek.uitvoeren_uiterlijk,
        sleutel=f"onderzoek-uitkomst:{onderzoek.pk}",
        **_io_eigenaar(onderzoek.client),
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
    if errors:
        raise ValidationError(errors)
    onderzoek = Rechtmatigheidsonderzoek.objects.create(
        client=client,
        selectiereden=selectiereden,
        selectie_toelichting=toelichting.strip(),
        gestart_op=gestart_op,
        handhaver=actor,
    )
    # the requests for nader onderzoek on this client are answered by this onderzoek
    taak_rond_af_voor(client=client, soort=TaakSoort.NADER_ONDERZOEK, door=actor)
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
    uitkomst: str,
    motivatie: str,
    besloten_op: datetime.date,
    gevolgen_strikte_uitkomst: str = "",
    risico_huisuitzetting: bool = False,
    kinderen_betrokken: bool = False,
    documenten_opgevraagd: str = "",
    documenten_ontvangen_op: datetime.date | None = None,
    checklist: list[int] | None = None,
    uitvoeren_uiterlijk: datetime.date | None = None,
    herkomst: str = Herkomst.WEB,
) -> Rechtmatigheidsonderzoek:
    """The legal finding and the chosen outcome, with the omgekeerde toets: what would the
    strict outcome cause, and does the chosen outcome fit the purpose of the law?
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
    if uitkomst not in Uitkomst.values:
        errors["uitkomst"] = ["Kies de uitkomst."]
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
    if bevinding == Bevinding.RECHTMATIG and uitkomst not in (Uitkomst.GEEN_ACTIE, ""):
        errors["uitkomst"] = ["Bij een rechtmatige uitkering past geen sanctie: kies geen actie."]
    if bevinding == Bevinding.ONRECHTMATIG and not gevolgen_strikte_uitkomst.strip():
        errors["gevolgen_strikte_uitkomst"] = [
            "Omgekeerde toets: beschrijf wat de strikte uitkomst voor de klant zou betekenen."
        ]
    if (
        uitkomst in ZWARE_UITKOMSTEN
        and (risico_huisuitzetting or kinderen_betrokken)
        and len(motivatie.strip()) < 40
    ):
        errors["motivatie"] = [
            "Er is risico op huisuitzetting of er zijn kinderen betrokken: motiveer uitgebreid "
            "waarom deze uitkomst toch past bij het doel van de wet."
        ]
    if uitkomst in UITVOERING_IO and uitvoeren_uiterlijk is None:
        errors["uitvoeren_uiterlijk"] = [
            "Geef aan wanneer Inkomensondersteuning de uitkomst uiterlijk uitvoert; de "
            "inkomensconsulent krijgt dit als taak."
        ]
    elif uitkomst in UITVOERING_IO and uitvoeren_uiterlijk and uitvoeren_uiterlijk < besloten_op:
        errors["uitvoeren_uiterlijk"] = ["Uitvoeren kan niet vóór de besluitdatum."]
    elif uitkomst not in UITVOERING_IO and uitvoeren_uiterlijk is not None:
        errors["uitvoeren_uiterlijk"] = [
            "Een uitvoerdatum hoort bij herstel, terugvordering, stopzetting of een maatregel."
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
    locked.uitkomst = uitkomst
    locked.motivatie = motivatie.strip()
    locked.gevolgen_strikte_uitkomst = gevolgen_strikte_uitkomst.strip()
    locked.risico_huisuitzetting = risico_huisuitzetting
    locked.kinderen_betrokken = kinderen_betrokken
    locked.documenten_opgevraagd = documenten_opgevraagd
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
    if uitkomst in UITVOERING_IO:
        _uitvoering_plan(locked)
    audit_record(
        actor=actor,
        actie=Actie.GEWIJZIGD,
        client_id=locked.client_id,
        object_type="rechtmatigheidsonderzoek",
        herkomst=herkomst,
        details={
            "bevinding": bevinding,
            "uitkomst": uitkomst,
            "uitvoeren_uiterlijk": uitvoeren_uiterlijk.isoformat() if uitvoeren_uiterlijk else None,
        },
    )
    return locked


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
        locked.onderzoek = onderzoek_start(
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
