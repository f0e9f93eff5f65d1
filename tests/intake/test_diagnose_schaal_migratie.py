"""Migration intake 0012 (issue 29 item 2): gesprekken recorded on the bare 1–5 get the answers
to the reversed questions flipped into the stored direction (low = grote zorgen), once: they
are marked with the scale version, and a second run changes nothing."""

import importlib

import pytest

from tests.fixtures.migraties import maak_klant
from tests.fixtures.migraties import migreer as _migreer

VOOR = [("intake", "0011_ambitiegesprek_regeladvies")]
NA = [("intake", "0012_diagnose_schaal_richting")]
ALCOHOL = "Speelt alcohol, drugs of gokken een rol in uw leven?"
RONDKOMEN = "Kunt u rondkomen van uw inkomen?"

migratie = importlib.import_module("clients.intake.migrations.0012_diagnose_schaal_richting")


@pytest.mark.django_db(transaction=True)
def test_existing_reversed_answers_are_flipped_once(seed_data, terug_naar_de_laatste_migraties):
    oud = _migreer(VOOR)
    intaker = oud.get_model("accounts", "User").objects.create(username="migratie-intaker-29")
    klant = maak_klant(
        oud, bsn="111222334", voornamen="Test", achternaam="Schaal", geboortedatum="1990-01-01"
    )
    groep = oud.get_model("klantgroepen", "Klantgroep").objects.get(code="groeien")
    lid = oud.get_model("clients", "Groepslidmaatschap").objects.create(
        client_id=klant.pk, klantgroep_id=groep.pk, van="2026-01-05", soort="eerste_indeling"
    )
    instrument = oud.get_model("intake", "DiagnoseInstrument").objects.get(actief=True)
    alcohol = instrument.vragen.get(tekst=ALCOHOL)
    rondkomen = instrument.vragen.get(tekst=RONDKOMEN)
    gesprek = oud.get_model("intake", "Ambitiegesprek").objects.create(
        client_id=klant.pk,
        datum="2026-01-05",
        intaker_id=intaker.pk,
        instrument_id=instrument.pk,
        # alcohol 5 = "plays a big role" on the old bare scale; rondkomen 2 = hardly
        antwoorden={str(alcohol.pk): 5, str(rondkomen.pk): 2},
        participatieladder=3,
        gekozen_klantgroep_id=groep.pk,
        geadviseerde_klantgroep_id=groep.pk,
        afspraak_getekend_op="2026-01-06",
        rechten_plichten_op="2026-01-05",
        lidmaatschap_id=lid.pk,
    )

    nieuw = _migreer(NA)
    Ambitiegesprek = nieuw.get_model("intake", "Ambitiegesprek")
    na = Ambitiegesprek.objects.get(pk=gesprek.pk)
    assert na.antwoorden == {str(alcohol.pk): 1, str(rondkomen.pk): 2}
    assert na.schaalversie == 2
    vraag = nieuw.get_model("intake", "DiagnoseVraag").objects.get(pk=alcohol.pk)
    assert (vraag.omgekeerd, vraag.betekenis_laag, vraag.betekenis_hoog) == (
        True,
        "helemaal niet",
        "heel sterk",
    )

    # running the conversion again changes nothing: the gesprek is on the new version
    migratie.scores_in_een_richting(nieuw, None)
    assert Ambitiegesprek.objects.get(pk=gesprek.pk).antwoorden == {
        str(alcohol.pk): 1,
        str(rondkomen.pk): 2,
    }
