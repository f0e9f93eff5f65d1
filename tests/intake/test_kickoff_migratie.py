"""Migrations intake 0007–0009 (issue 26) keep the existing invitations: each keeps its
session and attendance, gets its invitation day as the day it was made, and where a client had
two open invitations (one per gesprek, possible before) the older one lapses with the reason
instead of being deleted, so that the new one-open-invitation constraint holds."""

import datetime

import pytest

from tests.fixtures.migraties import maak_klant
from tests.fixtures.migraties import migreer as _migreer

VOOR = [("intake", "0006_beheerder_configuratie")]
NA = [("intake", "0009_kickoff_een_open_uitnodiging")]


@pytest.mark.django_db(transaction=True)
def test_existing_invitations_are_kept_and_a_duplicate_open_one_lapses(
    seed_data, terug_naar_de_laatste_migraties
):
    oud = _migreer(VOOR)
    User = oud.get_model("accounts", "User")
    intaker = User.objects.create(username="migratie-intaker")
    klant = maak_klant(
        oud, bsn="111222333", voornamen="Test", achternaam="Migratie", geboortedatum="1990-01-01"
    )
    groep = oud.get_model("klantgroepen", "Klantgroep").objects.get(code="groeien")
    lid = oud.get_model("clients", "Groepslidmaatschap").objects.create(
        client_id=klant.pk, klantgroep_id=groep.pk, van="2026-01-05", soort="eerste_indeling"
    )
    instrument = oud.get_model("intake", "DiagnoseInstrument").objects.get(actief=True)
    Gesprek = oud.get_model("intake", "Ambitiegesprek")
    gesprekken = [
        Gesprek.objects.create(
            client_id=klant.pk,
            datum=datum,
            intaker_id=intaker.pk,
            instrument_id=instrument.pk,
            participatieladder=3,
            gekozen_klantgroep_id=groep.pk,
            geadviseerde_klantgroep_id=groep.pk,
            afspraak_getekend_op=datum,
            rechten_plichten_op=datum,
            lidmaatschap_id=lid.pk,
        )
        for datum in ("2026-02-01", "2026-03-01")
    ]
    sessie = oud.get_model("intake", "KickoffSessie").objects.create(
        klantgroep_id=groep.pk,
        datum=datetime.datetime(2026, 3, 20, 9, tzinfo=datetime.UTC),
        plaats="Stadhuis",
        trainer_id=intaker.pk,
        capaciteit=10,
    )
    Uitnodiging = oud.get_model("intake", "KickoffUitnodiging")
    eerste, tweede = (
        Uitnodiging.objects.create(
            sessie_id=sessie.pk, client_id=klant.pk, ambitiegesprek_id=g.pk, uitgenodigd_op=dag
        )
        for g, dag in zip(gesprekken, ("2026-02-15", "2026-03-15"), strict=True)
    )

    _migreer(NA)
    from clients.intake.models import KickoffInstelling, KickoffUitnodiging

    assert KickoffInstelling.objects.get().uitnodigen_na_dagen == 14
    oudste, nieuwste = KickoffUitnodiging.objects.filter(client_id=klant.pk).order_by("pk")
    assert (oudste.pk, nieuwste.pk) == (eerste.pk, tweede.pk)
    assert oudste.vervallen_op is not None and "latere uitnodiging" in oudste.reden_vervallen
    assert nieuwste.open and nieuwste.sessie_id == sessie.pk
    assert nieuwste.aangemaakt_op.date() == datetime.date(2026, 3, 15)
    assert nieuwste.aanleiding == "ambitiegesprek"
