"""The demo's rechtmatigheid history, as the policy has it (beleid §3.2, DESIGN.md §3).

- Groeien and Zorgen test rechtmatigheid inside the voortgangsgesprek: most gesprekken find
  nothing, a few ask for nader onderzoek, a few could not test it (a separate review follows).
- Faciliteren has a periodic rechtmatigheidsonderzoek every ``rechtmatigheid_interval_maanden``,
  decided shortly before it is due, so only the few skipped ones are overdue in the demo.
- A handful of onderzoeken are running (at most one per client, the model's constraint).

Everything is built in memory; the command writes it with bulk_create.
"""

import datetime
import random
from dataclasses import dataclass, field

from clients.handhaving.models import (
    Bevinding,
    Rechtmatigheidsonderzoek,
    Selectiereden,
    Stukkenverzoek,
    Uitkomst,
)
from deventer_werk.dates import add_months

#: Share of gesprekken (Groeien, Zorgen) with nader onderzoek / rechtmatigheid not tested.
NADER_ONDERZOEK = 0.04
NIET_GETOETST = 0.05
#: Share of Faciliteren clients whose last periodic review was skipped (overdue in the demo).
OVERGESLAGEN = 0.03

NADER_REDENEN = [
    "Klant noemt inkomsten uit klussen die niet zijn opgegeven.",
    "Onduidelijk wie er op het adres woont; mogelijk een medebewoner.",
    "Klant heeft een auto in gebruik; eigendom en waarde nagaan.",
    "Afschriften tonen regelmatige stortingen van een familielid.",
]
NIET_REDENEN = [
    "Klant had de bankafschriften niet bij zich.",
    "Gesprek telefonisch gevoerd; stukken nog niet ingezien.",
    "Gesprek vooral over schulden en de aanmelding bij de schuldhulp.",
]


@dataclass
class Gesprekstoets:
    """The rechtmatigheid part of one voortgangsgesprek (fields of Voortgangsgesprek)."""

    getoetst: bool
    bevinding: str
    reden: str = ""
    niet_reden: str = ""


def gesprekstoets(rng: random.Random, *, in_gesprek: bool, recent: bool) -> Gesprekstoets:
    """A gesprek in a group with rechtmatigheid inside it is usually tested; a recent one that
    was not tested would still have its separate review to come, so recent ones are tested."""
    if not in_gesprek:
        return Gesprekstoets(False, "niet")
    roll = rng.random()
    if roll < NADER_ONDERZOEK:
        return Gesprekstoets(True, "onderzoek", reden=rng.choice(NADER_REDENEN))
    if roll < NADER_ONDERZOEK + NIET_GETOETST and not recent:
        return Gesprekstoets(False, "niet", niet_reden=rng.choice(NIET_REDENEN))
    return Gesprekstoets(True, "geen")


@dataclass
class Handhaving:
    """The onderzoeken of all clients, built in memory."""

    rng: random.Random
    peildatum: datetime.date
    handhavers: list
    checklist: dict
    onderzoeken: list[Rechtmatigheidsonderzoek] = field(default_factory=list)
    stukken: list[tuple[Rechtmatigheidsonderzoek, Stukkenverzoek]] = field(default_factory=list)
    lopend: set = field(default_factory=set)

    def onderzoek(
        self, client_id, *, start: datetime.date, reden: str, toelichting: str = ""
    ) -> datetime.date | None:
        """One onderzoek started on ``start``; decided some weeks later, or still running when
        that lies after the peildatum. Returns the besluit date (None: running or skipped)."""
        if start > self.peildatum or client_id in self.lopend:
            return None
        rng = self.rng
        handhaver = self.handhavers[rng.randrange(len(self.handhavers))]
        besloten = start + datetime.timedelta(days=rng.randint(10, 45))
        o = Rechtmatigheidsonderzoek(
            client_id=client_id,
            selectiereden=reden,
            selectie_toelichting=toelichting,
            gestart_op=start,
            handhaver=handhaver,
        )
        self.onderzoeken.append(o)
        if besloten > self.peildatum:
            self.lopend.add(client_id)
            if rng.random() < 0.6:
                opgevraagd = start + datetime.timedelta(days=rng.randint(0, 5))
                self.stukken.append(
                    (
                        o,
                        Stukkenverzoek(
                            opgevraagd_op=opgevraagd,
                            omschrijving="Bankafschriften van de laatste drie maanden.",
                            hersteltermijn=opgevraagd + datetime.timedelta(days=14),
                            door=handhaver,
                        ),
                    )
                )
            return None
        self._besluit(o, besloten)
        return besloten

    def _besluit(self, o: Rechtmatigheidsonderzoek, besloten: datetime.date) -> None:
        rng = self.rng
        o.besloten_op = besloten
        o.besloten_door = o.handhaver
        o.documenten_ontvangen_op = o.gestart_op + datetime.timedelta(
            days=rng.randint(0, (besloten - o.gestart_op).days)
        )
        o.checklist = self.checklist
        roll = rng.random()
        if roll < 0.86:
            o.bevinding = Bevinding.RECHTMATIG
            o.uitkomsten = [Uitkomst.GEEN_ACTIE]
            o.motivatie = "Stukken volledig en in orde; de uitkering is rechtmatig."
        elif roll < 0.91:
            o.bevinding = Bevinding.NIET_VAST_TE_STELLEN
            o.uitkomsten = [Uitkomst.WAARSCHUWING]
            o.motivatie = "Niet alles is vast te stellen; klant gewezen op de inlichtingenplicht."
        else:
            o.bevinding = Bevinding.ONRECHTMATIG
            o.gevolgen_strikte_uitkomst = (
                "Volledige terugvordering zou de vaste lasten onbetaalbaar maken."
            )
            if rng.random() < 0.5:
                o.uitkomsten = [Uitkomst.HERSTEL]
                o.motivatie = (
                    "Inkomsten niet gemeld; uitkering aangepast, geen boete (eerste keer)."
                )
            else:
                o.uitkomsten = [Uitkomst.HERSTEL, Uitkomst.TERUGVORDERING]
                o.omgekeerde_toetsen = {
                    Uitkomst.TERUGVORDERING: "Terugvordering in kleine termijnen past bij het "
                    "doel van de wet: de klant houdt genoeg om van te leven."
                }
                o.motivatie = "Inkomsten niet gemeld; herstel en terugvordering in termijnen."
            o.uitvoeren_uiterlijk = besloten + datetime.timedelta(days=14)

    def periodiek(self, client_id, *, van: datetime.date, interval: int) -> None:
        """Periodic reviews from the start of the membership, each started a few weeks
        before it is due; the next one is due ``interval`` months after the besluit."""
        rng = self.rng
        due = add_months(van, interval)
        while due <= self.peildatum:
            start = due - datetime.timedelta(days=rng.randint(5, 30))
            laatste = add_months(due, interval) > self.peildatum
            if laatste and rng.random() < OVERGESLAGEN:
                return  # skipped: the planner shows it overdue
            besloten = self.onderzoek(
                client_id,
                start=max(start, van),
                reden=Selectiereden.PERIODIEK,
                toelichting=f"Periodiek onderzoek, elke {interval} maanden.",
            )
            if besloten is None:
                return
            due = add_months(besloten, interval)

    def na_gesprek(self, client_id, *, datum: datetime.date, toets: Gesprekstoets) -> None:
        """The onderzoek that follows a gesprek asking for nader onderzoek or not testing."""
        if toets.bevinding == "onderzoek":
            self.onderzoek(
                client_id,
                start=datum + datetime.timedelta(days=self.rng.randint(3, 21)),
                reden=Selectiereden.SIGNAAL,
                toelichting=f"Nader onderzoek na voortgangsgesprek {datum:%d-%m-%Y}: {toets.reden}",
            )
        elif toets.niet_reden:
            self.onderzoek(
                client_id,
                start=datum + datetime.timedelta(days=self.rng.randint(7, 28)),
                reden=Selectiereden.PERIODIEK,
                toelichting=f"Niet getoetst in het voortgangsgesprek van {datum:%d-%m-%Y}.",
            )
