"""Helpers for the klantreis tests: a melding, a screening, an ambitiegesprek."""

import datetime

from django.utils import timezone

from clients.intake.models import DiagnoseInstrument, Screening
from clients.intake.services import ambitiegesprek_leg_vast, screening_leg_vast
from clients.services import client_register
from tests.factories import ClientFactory, klantgroep, make_bsn


def melding(actor, *, melddatum=datetime.date(2026, 10, 1), **kwargs):
    data = ClientFactory.build()
    return client_register(
        actor=actor,
        bsn=make_bsn(),
        melddatum=melddatum,
        voornamen=data.voornamen,
        achternaam=kwargs.pop("achternaam", data.achternaam),
        geboortedatum=data.geboortedatum,
        wijk=data.wijk,
        **kwargs,
    )


def screening_met_afspraak(poortwachter, intaker, client, *, datum=datetime.date(2026, 10, 2)):
    return screening_leg_vast(
        actor=poortwachter,
        client=client,
        datum=datum,
        antwoorden={},
        rechtmatigheid="waarschijnlijk",
        uitkomst=Screening.Uitkomst.AFSPRAAK,
        intaker=intaker,
        afspraak_op=timezone.make_aware(
            datetime.datetime.combine(datum + datetime.timedelta(days=7), datetime.time(10, 0))
        ),
    )


#: The perspectief from the gesprek for which the advice rules advise each group (for a
#: client with a short benefit; issue 27).
PERSPECTIEF_VOOR = {
    "matchen": "direct",
    "groeien": "werk_3_jaar",
    "faciliteren": "samenleving",
    "zorgen": "geen",
}


def alle_antwoorden(score: int = 3) -> dict[str, int]:
    instrument = DiagnoseInstrument.objects.get(actief=True)
    return {str(v.pk): score for v in instrument.vragen.all()}


def ambitie(intaker, client, code, *, datum=datetime.date(2026, 10, 9), advies=None, motivatie=""):
    return ambitiegesprek_leg_vast(
        actor=intaker,
        client=client,
        datum=datum,
        antwoorden=alle_antwoorden(),
        participatieladder=3,
        gekozen_klantgroep=klantgroep(code),
        geadviseerde_klantgroep=klantgroep(advies or code),
        motivatie=motivatie,
        afspraak_getekend_op=datum,
        rechten_plichten_op=datum,
        commitment="getekend",
        feedbackmethode="toegepast",
        huisbezoek="nee",
    )


#: What the ambitiegesprek form needs besides the scores, dates and groups (issue 27 part 3).
AFSPRAKEN_FORMULIER = {
    "feedbackmethode": "toegepast",
    "huisbezoek": "nee",
    "commitment": "getekend",
}
