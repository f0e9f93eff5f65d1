import datetime

import pytest
from django.core.exceptions import ValidationError

from clients.constants import Fase
from clients.models import Client, Uitkeringsperiode
from clients.services import ConcurrentEditError, client_register, client_update
from deventer_werk.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _register(actor, **overrides):
    data = {
        "bsn": "111222333",
        "melddatum": datetime.date(2026, 3, 2),
        "voornamen": "Jan",
        "achternaam": "Testpersoon",
        "geboortedatum": datetime.date(1980, 5, 17),
    }
    data.update(overrides)
    return client_register(actor=actor, **data)


def test_register_creates_client_episode_and_audit_line(users):
    client = _register(users["poortwachter"])
    assert client.fase == Fase.MELDING
    assert Uitkeringsperiode.objects.get(client=client).melddatum == datetime.date(2026, 3, 2)
    event = AuditEvent.objects.get(client_id=client.pk, actie="aangemaakt")
    assert event.actor_username == "poortwachter"
    assert "111222333" not in str(event.details)


def test_duplicate_active_bsn_is_refused_in_dutch(users):
    _register(users["poortwachter"])
    with pytest.raises(ValidationError) as exc:
        _register(users["poortwachter"], voornamen="Piet")
    assert exc.value.message_dict["bsn"] == ["Er is al een actieve klant met dit BSN."]
    assert Client.objects.count() == 1
    assert Uitkeringsperiode.objects.count() == 1


def test_future_birth_date_and_invalid_bsn_are_refused(users):
    with pytest.raises(ValidationError) as exc:
        _register(users["poortwachter"], geboortedatum=datetime.date(2099, 1, 1))
    assert "toekomst" in exc.value.message_dict["geboortedatum"][0]
    with pytest.raises(ValidationError) as exc:
        _register(users["poortwachter"], bsn="123456789")
    assert "elfproef" in exc.value.message_dict["bsn"][0]
    assert Client.objects.count() == 0


def test_update_with_stale_version_is_refused(users):
    client = _register(users["poortwachter"])
    client_update(actor=users["inkomensconsulent"], client=client, versie=1, telefoon="0570-123456")
    with pytest.raises(ConcurrentEditError):
        client_update(actor=users["inkomensconsulent"], client=client, versie=1, telefoon="06-1")
    client.refresh_from_db()
    assert client.telefoon == "0570-123456"
    assert client.versie == 2


def test_uitstroom_closes_episode_membership_and_contacts_then_reinstroom(users):
    from clients.groepen.models import Groepslidmaatschap
    from clients.services import periode_sluit
    from tests.factories import client_in_groep

    client = client_in_groep(
        "matchen", van=datetime.date(2025, 2, 1), io=users["inkomensconsulent"]
    )
    with pytest.raises(ValidationError) as exc:
        periode_sluit(
            actor=users["inkomensconsulent"],
            client=client,
            einddatum=datetime.date(2025, 1, 1),
            reden="werk_regulier",
        )
    assert "einddatum" in exc.value.message_dict
    periode_sluit(
        actor=users["inkomensconsulent"],
        client=client,
        einddatum=datetime.date(2025, 9, 30),
        reden="werk_regulier",
    )
    client.refresh_from_db()
    assert client.fase == Fase.AFGESLOTEN
    assert Groepslidmaatschap.objects.get(client=client).tot == datetime.date(2025, 10, 1)
    assert not client.contactpersonen.filter(tot__isnull=True).exists()

    again = client_register(
        actor=users["poortwachter"],
        bsn=client.bsn,
        melddatum=datetime.date(2026, 2, 2),
        voornamen=client.voornamen,
        achternaam=client.achternaam,
        geboortedatum=client.geboortedatum,
    )
    assert again.pk == client.pk
    assert again.fase == Fase.MELDING
    perioden = list(Uitkeringsperiode.objects.filter(client=client).order_by("melddatum"))
    assert [(p.einddatum, p.uitstroomreden) for p in perioden] == [
        (datetime.date(2025, 9, 30), "werk_regulier"),
        (None, ""),
    ]
