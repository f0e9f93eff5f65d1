"""Issue 32 item 2: the BSN encrypted at rest (Fernet), a keyed hash for exact lookups, the key
rotation, and development keys that are generated once and never in git."""

import json
import os
import subprocess
from pathlib import Path

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils.html import escape

from clients.models import Client
from clients.selectors import client_search
from clients.versleuteling import bsn_hash, bsn_ontsleutel
from tests.factories import ClientFactory, make_bsn

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parents[2]
OUD, NIEUW = Fernet.generate_key().decode(), Fernet.generate_key().decode()
HASH_SLEUTEL = "test-hash-sleutel-0123456789-abcdefghijklmnopqrstuvwxyz"


def _rij(client) -> str:
    """The row as PostgreSQL stores it, every column as text."""
    with connection.cursor() as cur:
        cur.execute("SELECT row_to_json(c)::text FROM clients_client c WHERE id = %s", [client.pk])
        return cur.fetchone()[0]


def test_the_bsn_is_stored_encrypted_and_read_back_through_the_property():
    bsn = make_bsn()
    client = ClientFactory(bsn=bsn)
    rij = _rij(client)
    assert bsn not in rij
    assert bsn_hash(bsn) in rij
    opnieuw = Client.objects.get(pk=client.pk)
    assert opnieuw.bsn == bsn
    assert opnieuw.bsn_gemaskeerd == f"*****{bsn[-4:]}"
    assert bsn_ontsleutel(opnieuw.bsn_versleuteld) == bsn
    # two clients with the same BSN get different ciphertexts (random IV), the same hash
    tweede = Client(bsn=bsn)
    assert tweede.bsn_versleuteld != opnieuw.bsn_versleuteld
    assert tweede.bsn_hash == opnieuw.bsn_hash


def test_an_altered_ciphertext_is_refused_not_misread():
    client = ClientFactory()
    token = bytearray(client.bsn_versleuteld, "ascii")
    token[40] = ord("A") if token[40] != ord("A") else ord("B")  # inside the ciphertext
    with pytest.raises(InvalidToken):
        bsn_ontsleutel(token.decode())


def test_full_clean_still_validates_the_bsn():
    with pytest.raises(ValidationError) as exc:
        ClientFactory.build(bsn="123456789").full_clean(validate_constraints=False)
    assert "elfproef" in str(exc.value.message_dict["bsn"])


def test_lookup_by_bsn_is_one_query_on_the_hash_index(users, django_assert_num_queries):
    bsn = make_bsn()
    gezocht = ClientFactory(bsn=bsn)
    ClientFactory.create_batch(3)
    with django_assert_num_queries(1):
        assert [c.pk for c in Client.objects.met_bsn(bsn)] == [gezocht.pk]
    with connection.cursor() as cur:  # a tiny table is scanned; force the planner's hand
        cur.execute("SET LOCAL enable_seqscan = off")
        plan = client_search(user=users["inkomensconsulent"], bsn=bsn).explain()
    assert "client_bsn_hash_idx" in plan or "client_bsn_uniek_actief" in plan, plan


def test_bsn_search_page_query_count(client_as, users, django_assert_num_queries):
    from .test_query_counts import _bulk_clients

    _bulk_clients(20, users["inkomensconsulent"])
    gezocht = Client.objects.first()
    http = client_as("inkomensconsulent")
    # session, user, roles + the result (hash lookup), memberships, contacts, audit insert
    with django_assert_num_queries(7):
        response = http.post(reverse("clients:zoeken"), {"b-bsn": gezocht.bsn})
    assert response.status_code == 200
    assert escape(gezocht.achternaam) in response.text
    assert gezocht.bsn not in response.text


def test_key_rotation_re_encrypts_every_row_and_the_old_key_can_go(settings, capsys):
    settings.BSN_SLEUTELS = [OUD]
    settings.BSN_HASH_SLEUTEL = HASH_SLEUTEL
    bsns = [make_bsn() for _ in range(5)]
    for bsn in bsns:
        ClientFactory(bsn=bsn)
    onder_oud = dict(Client.objects.values_list("pk", "bsn_versleuteld"))

    settings.BSN_SLEUTELS = [NIEUW, OUD]  # the new key in front, the old one still readable
    call_command("bsn_sleutel_roteren", "--batch", "2")  # 3 batches
    assert "5 van 5 BSN's opnieuw versleuteld" in capsys.readouterr().out
    for pk, token in Client.objects.values_list("pk", "bsn_versleuteld"):
        assert token != onder_oud[pk]
        Fernet(NIEUW).decrypt(token.encode())  # the newest key alone opens it
        with pytest.raises(InvalidToken):
            Fernet(OUD).decrypt(token.encode())

    call_command("bsn_sleutel_roteren")  # nothing left to do: it may run again
    assert "0 van 5" in capsys.readouterr().out

    settings.BSN_SLEUTELS = [NIEUW]  # the old key is gone
    assert sorted(c.bsn for c in Client.objects.all()) == sorted(bsns)
    assert Client.objects.met_bsn(bsns[0]).count() == 1


def test_rotation_without_the_old_key_stops_with_a_clear_message(settings):
    from django.core.management.base import CommandError

    settings.BSN_SLEUTELS = [OUD]
    ClientFactory()
    settings.BSN_SLEUTELS = [NIEUW]  # the old key dropped too early
    with pytest.raises(CommandError, match="Zet de oude sleutel terug"):
        call_command("bsn_sleutel_roteren")


def test_rotation_recomputes_the_hash_after_a_new_hash_key(settings):
    settings.BSN_SLEUTELS = [OUD]
    settings.BSN_HASH_SLEUTEL = HASH_SLEUTEL
    bsn = make_bsn()
    ClientFactory(bsn=bsn)
    settings.BSN_HASH_SLEUTEL = HASH_SLEUTEL[::-1]
    assert not Client.objects.met_bsn(bsn).exists()
    call_command("bsn_sleutel_roteren")
    assert Client.objects.met_bsn(bsn).count() == 1


def test_development_keys_are_generated_once_private_and_ignored_by_git(settings, tmp_path):
    settings.BSN_SLEUTELS = []
    settings.BSN_HASH_SLEUTEL = ""
    settings.BSN_SLEUTELBESTAND = tmp_path / "data" / "bsn-sleutels.json"
    bsn = make_bsn()
    client = Client(bsn=bsn)
    bestand = settings.BSN_SLEUTELBESTAND
    assert bestand.stat().st_mode & 0o777 == 0o600
    sleutels = json.loads(bestand.read_text())
    assert Fernet(sleutels["sleutels"][0]).decrypt(client.bsn_versleuteld.encode()) == bsn.encode()
    settings.BSN_SLEUTELBESTAND = bestand  # a fresh start reads the same file
    assert bsn_ontsleutel(client.bsn_versleuteld) == bsn
    assert json.loads(bestand.read_text()) == sleutels
    # the default place, .data/, is never committed
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", ".data/bsn-sleutels.json"], cwd=BASE_DIR, check=False
    )
    assert ignored.returncode == 0


@pytest.mark.integration  # runs pg_dump
@pytest.mark.django_db(transaction=True)
def test_a_dump_of_the_demo_data_holds_no_bsn(tmp_path, seed_data):
    # seed_data: an earlier transactional test may have flushed the roles and klantgroepen
    from deventer_werk.backup import pg_tool

    call_command("demo_data", clients=60, seed=2019, verbosity=0)
    bsns = [c.bsn for c in Client.objects.all()]
    db = connection.settings_dict
    dump = tmp_path / "dump.sql"
    subprocess.run(  # noqa: S603
        [pg_tool("pg_dump"), "-h", db["HOST"] or "127.0.0.1", "-p", str(db["PORT"] or 5432),
         "-U", db["USER"], "-d", db["NAME"], "-f", str(dump)],
        env={**os.environ, "PGPASSWORD": db["PASSWORD"] or ""}, check=True, timeout=120,
    )  # fmt: skip
    tekst = dump.read_text()
    assert len(bsns) == 60
    assert [b for b in bsns if b in tekst] == []
    assert bsn_hash(bsns[0]) in tekst  # the dump does hold the clients
