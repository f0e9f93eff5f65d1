"""Groepslidmaatschap moved from klantgroepen to clients without touching its table: a row
written through the old model before the move is read through the new one afterwards."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

VOOR = [
    ("clients", "0003_signaal_groep_niet_besproken_uniek"),
    ("klantgroepen", "0002_seed_klantgroepen"),
    ("intake", "0004_aanwezigheid_historie_en_versie"),
    ("begeleiding", "0004_instelling_plan_actueel"),
]
NA = [
    ("clients", "0004_groepslidmaatschap_van_klantgroepen"),
    ("klantgroepen", "0003_groepslidmaatschap_naar_clients"),
    ("intake", "0005_lidmaatschap_naar_clients"),
    ("begeleiding", "0005_groepswijziging_naar_clients"),
]


def _migreer(doel):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(doel)
    return executor.loader.project_state(doel).apps


@pytest.fixture
def terug_naar_de_laatste_migraties():
    """Whatever happens in the test: the database ends on the latest migrations again, so the
    tests after this one find every column (the test migrates back and only up to the move)."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_row_written_before_the_move_is_read_after_it(seed_data, terug_naar_de_laatste_migraties):
    oud = _migreer(VOOR)
    assert "groepslidmaatschap" not in oud.all_models["clients"]
    client = oud.get_model("clients", "Client").objects.create(
        bsn="111222333", voornamen="Test", achternaam="Migratie", geboortedatum="1990-01-01"
    )
    groep = oud.get_model("klantgroepen", "Klantgroep").objects.get(code="groeien")
    rij = oud.get_model("klantgroepen", "Groepslidmaatschap").objects.create(
        client_id=client.pk,
        klantgroep_id=groep.pk,
        van=datetime.date(2026, 1, 5),
        soort="eerste_indeling",
        reden="voor de verhuizing",
    )

    nieuw = _migreer(NA)
    assert "groepslidmaatschap" not in nieuw.all_models["klantgroepen"]
    from clients.models import Groepslidmaatschap

    # Only the columns that existed at the move: later migrations add Klantgroep fields
    # (e.g. plan_herzien_maanden) that this intermediate schema does not have yet.
    gelezen = (
        Groepslidmaatschap.objects.actueel()
        .van_client(client.pk)
        .select_related("klantgroep")
        .only("pk", "reden", "klantgroep__code")
        .get()
    )
    assert (gelezen.pk, gelezen.klantgroep.code, gelezen.reden) == (
        rij.pk,
        "groeien",
        "voor de verhuizing",
    )
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    assert ContentType.objects.get_for_model(Groepslidmaatschap).app_label == "clients"
    assert not ContentType.objects.filter(
        app_label="klantgroepen", model="groepslidmaatschap"
    ).exists()
