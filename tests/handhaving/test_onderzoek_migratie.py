"""Migration handhaving 0011 (issue 30 part 3) keeps the existing onderzoeken: a decided one
keeps its single outcome as a one-element list (a strict outcome with the omgekeerde toets it
had), the free-text requested documents become a Stukkenverzoek, a running one stays running."""

import datetime

import pytest

from tests.fixtures.migraties import maak_klant
from tests.fixtures.migraties import migreer as _migreer

VOOR = [("handhaving", "0010_stopzetting_en_uitvoeren_uiterlijk")]
NA = [("handhaving", "0011_onderzoek_met_stappen_en_uitkomsten")]


@pytest.mark.django_db(transaction=True)
def test_existing_onderzoeken_map_into_the_multi_outcome_form(
    seed_data, terug_naar_de_laatste_migraties
):
    oud = _migreer(VOOR)
    handhaver = oud.get_model("accounts", "User").objects.create(username="migratie-handhaver")
    klanten = [
        maak_klant(
            oud, bsn=bsn, voornamen="Test", achternaam="Migratie", geboortedatum="1990-01-01"
        )
        for bsn in ("111222333", "111222345")
    ]
    Onderzoek = oud.get_model("handhaving", "Rechtmatigheidsonderzoek")
    gemeen = {"selectiereden": "periodiek", "handhaver_id": handhaver.pk}
    besloten = {"besloten_door_id": handhaver.pk, "bevinding": "onrechtmatig", "motivatie": "m"}
    streng = Onderzoek.objects.create(
        client_id=klanten[0].pk,
        gestart_op="2025-01-06",
        besloten_op="2025-03-01",
        uitkomst="terugvordering",
        gevolgen_strikte_uitkomst="Huur blijft betaalbaar bij aflossing",
        documenten_opgevraagd="Bankafschriften",
        documenten_ontvangen_op="2025-02-01",
        **gemeen,
        **besloten,
    )
    licht = Onderzoek.objects.create(
        client_id=klanten[0].pk,
        gestart_op="2025-05-01",
        besloten_op="2025-05-20",
        uitkomst="waarschuwing",
        gevolgen_strikte_uitkomst="Weinig",
        **gemeen,
        **besloten,
    )
    lopend = Onderzoek.objects.create(client_id=klanten[1].pk, gestart_op="2026-11-01", **gemeen)

    _migreer(NA)
    from clients.handhaving.models import Rechtmatigheidsonderzoek, Stukkenverzoek

    s = Rechtmatigheidsonderzoek.objects.get(pk=streng.pk)
    assert s.uitkomsten == ["terugvordering"]
    assert s.omgekeerde_toetsen == {"terugvordering": "Huur blijft betaalbaar bij aflossing"}
    verzoek = Stukkenverzoek.objects.get(onderzoek=s)
    assert (verzoek.omschrijving, verzoek.hersteltermijn) == (
        "Bankafschriften",
        datetime.date(2025, 2, 1),
    )
    w = Rechtmatigheidsonderzoek.objects.get(pk=licht.pk)
    assert (w.uitkomsten, w.omgekeerde_toetsen) == (["waarschuwing"], {})
    assert w.gevolgen_strikte_uitkomst == "Weinig"
    r = Rechtmatigheidsonderzoek.objects.get(pk=lopend.pk)
    assert r.uitkomsten == [] and r.besloten_op is None and r.status == "Gestart"


@pytest.mark.django_db(transaction=True)
def test_two_running_onderzoeken_on_one_client_stop_the_migration_by_name(
    seed_data, terug_naar_de_laatste_migraties
):
    oud = _migreer(VOOR)
    handhaver = oud.get_model("accounts", "User").objects.create(username="migratie-handhaver")
    klant = maak_klant(
        oud, bsn="111222333", voornamen="Test", achternaam="Dubbel", geboortedatum="1990-01-01"
    )
    Onderzoek = oud.get_model("handhaving", "Rechtmatigheidsonderzoek")
    dubbel = [
        Onderzoek.objects.create(
            client_id=klant.pk, selectiereden="periodiek", gestart_op=dag, handhaver_id=handhaver.pk
        )
        for dag in ("2026-10-01", "2026-11-01")
    ]
    with pytest.raises(RuntimeError, match=f"klant-ids {klant.pk}"):
        _migreer(NA)
    assert Onderzoek.objects.filter(client_id=klant.pk).count() == 2  # nothing changed
    dubbel[1].delete()  # what the beheerder does; then the migration runs (teardown)
