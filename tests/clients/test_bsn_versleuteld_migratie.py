"""Migration clients 0015 (issue 32): existing BSNs are encrypted and hashed, the plain column
goes; backwards they come back from the ciphertext. Nothing is lost either way."""

import pytest
from django.db import connection

from clients.models import Client
from clients.versleuteling import bsn_hash
from tests.factories import make_bsn
from tests.fixtures.migraties import migreer

VOOR = [("clients", "0014_signaal_directe_hulp")]
NA = [("clients", "0015_bsn_versleuteld")]


def _kolommen() -> set[str]:
    with connection.cursor() as cur:
        return {
            c.name for c in connection.introspection.get_table_description(cur, "clients_client")
        }


@pytest.mark.django_db(transaction=True)
def test_existing_bsns_are_encrypted_without_loss_and_come_back(terug_naar_de_laatste_migraties):
    oud = migreer(VOOR)
    OudeClient = oud.get_model("clients", "Client")
    bsns = {make_bsn(): fase for fase in ("ingedeeld", "afgesloten", "afgesloten", "intake")}
    gedeeld = make_bsn()  # a closed dossier and an active one with the same BSN may coexist
    bsns[gedeeld] = "ingedeeld"
    for bsn, fase in bsns.items():
        OudeClient.objects.create(
            bsn=bsn, voornamen="Test", achternaam="Migratie", geboortedatum="1990-01-01", fase=fase
        )
    OudeClient.objects.create(
        bsn=gedeeld, voornamen="Eerder", achternaam="Migratie", geboortedatum="1990-01-01",
        fase="afgesloten",
    )  # fmt: skip
    ids = dict(OudeClient.objects.values_list("pk", "bsn"))

    migreer(NA)
    assert "bsn" not in _kolommen()
    for client in Client.objects.all():
        assert client.bsn == ids[client.pk]
        assert client.bsn_hash == bsn_hash(ids[client.pk])
        assert ids[client.pk] not in client.bsn_versleuteld
    assert Client.objects.met_bsn(gedeeld).count() == 2
    assert Client.objects.actief().met_bsn(gedeeld).count() == 1

    terug = migreer(VOOR)
    assert "bsn_versleuteld" not in _kolommen()
    assert dict(terug.get_model("clients", "Client").objects.values_list("pk", "bsn")) == ids
