import datetime

import pytest
from django.core.management import CommandError, call_command

from clients.groepen.models import Groepslidmaatschap
from clients.models import Client
from deventer_werk.accounts.constants import Rol
from deventer_werk.accounts.models import User

pytestmark = pytest.mark.django_db


def _run(**kw):
    call_command(
        "demo_data",
        clients=kw.get("clients", 400),
        seed=kw.get("seed", 7),
        peildatum=datetime.date(2026, 11, 24),
        reset=kw.get("reset", False),
    )


def test_demo_data_is_deterministic_spread_like_2019_and_has_a_user_per_role():
    _run()
    bsns = sorted(Client.objects.values_list("bsn", flat=True))
    per_groep = {
        code: Groepslidmaatschap.objects.filter(tot__isnull=True, klantgroep__code=code).count()
        for code in ("matchen", "groeien", "faciliteren", "zorgen")
    }
    # policy 2019: 300 / 800 / 875 / 900 — Matchen is clearly the smallest group
    assert per_groep["matchen"] < per_groep["groeien"] < per_groep["zorgen"] + 60
    assert all(User.objects.filter(username=rol.value).exists() for rol in Rol)
    with pytest.raises(CommandError):
        _run()  # refuses to add to existing clients without --reset
    _run(reset=True)
    assert sorted(Client.objects.values_list("bsn", flat=True)) == bsns
