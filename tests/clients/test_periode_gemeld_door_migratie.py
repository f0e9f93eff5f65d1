"""Migration clients 0013 (issue 30 part 4) fills who registered each existing melding from the
audit trail: a client's k-th "aangemaakt" row for "klant"/"herinstroom" opened their k-th
episode. Where the trail cannot tell, the field stays empty rather than guessing."""

import pytest

from tests.fixtures.migraties import migreer as _migreer

VOOR = [("clients", "0012_correctie"), ("audit", "0004_actie_geblokkeerd_ontgrendeld")]
NA = [("clients", "0013_periode_gemeld_door")]


@pytest.mark.django_db(transaction=True)
def test_gemeld_door_is_filled_from_the_audit_trail_where_it_can_be(
    seed_data, terug_naar_de_laatste_migraties
):
    oud = _migreer(VOOR)
    User = oud.get_model("accounts", "User")
    pw = User.objects.create(username="migratie-pw")
    ander = User.objects.create(username="migratie-pw2")
    Client = oud.get_model("clients", "Client")
    Periode = oud.get_model("clients", "Uitkeringsperiode")
    Audit = oud.get_model("audit", "AuditEvent")

    def klant(bsn, *perioden):
        c = Client.objects.create(
            bsn=bsn, voornamen="Test", achternaam="Migratie", geboortedatum="1990-01-01"
        )
        return c, [
            Periode.objects.create(
                client_id=c.pk,
                melddatum=meld,
                einddatum=eind,
                uitstroomreden="werk_regulier" if eind else "",
            )
            for meld, eind in perioden
        ]

    def melding(client, actor, object_type="klant"):
        Audit.objects.create(
            actor_id=actor.pk if actor else None,
            client_id=client.pk,
            actie="aangemaakt",
            object_type=object_type,
            resultaat="toegestaan",
            herkomst="web",
        )

    een, (p_een,) = klant("111222333", ("2026-10-01", None))
    melding(een, pw)
    Audit.objects.create(  # a signal raised later is no melding
        actor_id=ander.pk,
        client_id=een.pk,
        actie="aangemaakt",
        object_type="signaal",
        resultaat="toegestaan",
        herkomst="web",
    )
    terug, (p_eerst, p_daarna) = klant(
        "111222345", ("2024-01-08", "2024-12-31"), ("2026-09-01", None)
    )
    melding(terug, ander)  # the first melding, years ago
    melding(terug, pw, "herinstroom")
    zonder, (p_zonder,) = klant("111222357", ("2026-10-02", None))  # no audit row
    commando, (p_commando,) = klant("111222369", ("2026-10-03", None))
    melding(commando, None)  # registered by a command, no user
    # two episodes, one audit row: which one it was is a guess, so neither is filled
    half, (p_half1, p_half2) = klant(
        "111222370", ("2023-01-02", "2023-06-30"), ("2026-08-03", None)
    )
    melding(half, pw, "herinstroom")

    _migreer(NA)
    from clients.models import Uitkeringsperiode

    gemeld = dict(Uitkeringsperiode.objects.values_list("pk", "gemeld_door_id"))
    assert gemeld[p_een.pk] == pw.pk
    assert (gemeld[p_eerst.pk], gemeld[p_daarna.pk]) == (ander.pk, pw.pk)
    assert gemeld[p_zonder.pk] is None
    assert gemeld[p_commando.pk] is None
    assert (gemeld[p_half1.pk], gemeld[p_half2.pk]) == (None, None)
