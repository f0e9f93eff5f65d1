"""Migration intake 0010 (issue 27 part 3) makes nothing up for existing gesprekken: the
commitment they recorded (the old form required the signature date) becomes 'getekend' on
that date; feedbackmethode, home visit and Groeien kenmerken stay 'niet vastgelegd'."""

import datetime

import pytest

from tests.fixtures.migraties import maak_klant
from tests.fixtures.migraties import migreer as _migreer

VOOR = [("intake", "0009_kickoff_een_open_uitnodiging")]
NA = [("intake", "0010_ambitiegesprek_afspraken")]


@pytest.mark.django_db(transaction=True)
def test_existing_gesprekken_keep_their_signature_and_nothing_is_invented(
    seed_data, terug_naar_de_laatste_migraties
):
    oud = _migreer(VOOR)
    intaker = oud.get_model("accounts", "User").objects.create(username="migratie-intaker-2")
    klant = maak_klant(
        oud, bsn="111222333", voornamen="Test", achternaam="Migratie", geboortedatum="1990-01-01"
    )
    groep = oud.get_model("klantgroepen", "Klantgroep").objects.get(code="groeien")
    lid = oud.get_model("clients", "Groepslidmaatschap").objects.create(
        client_id=klant.pk, klantgroep_id=groep.pk, van="2026-01-05", soort="eerste_indeling"
    )
    instrument = oud.get_model("intake", "DiagnoseInstrument").objects.get(actief=True)
    gesprek = oud.get_model("intake", "Ambitiegesprek").objects.create(
        client_id=klant.pk,
        datum="2026-01-05",
        intaker_id=intaker.pk,
        instrument_id=instrument.pk,
        participatieladder=3,
        gekozen_klantgroep_id=groep.pk,
        geadviseerde_klantgroep_id=groep.pk,
        afspraak_getekend_op="2026-01-06",
        rechten_plichten_op="2026-01-05",
        lidmaatschap_id=lid.pk,
    )

    nieuw = _migreer(NA)
    na = nieuw.get_model("intake", "Ambitiegesprek").objects.get(pk=gesprek.pk)
    assert na.commitment == "getekend"
    assert na.afspraak_getekend_op == datetime.date(2026, 1, 6)
    assert (na.feedbackmethode, na.huisbezoek, na.commitment_reden) == ("", "", "")
    assert na.groeien_kenmerken is None
