"""The access policy's audit side: form pages and lists with names leave a trace, refusals too."""

import pytest
from django.urls import reverse

from deventer_werk.access import acties, may
from deventer_werk.audit.models import AuditEvent
from tests.factories import client_in_groep

pytestmark = pytest.mark.django_db


def test_a_form_page_view_is_audited_once_and_a_refusal_is_recorded(client_as, users):
    klant = client_in_groep("matchen", io=users["inkomensconsulent"])
    url = reverse("clients:bewerken", args=[klant.pk])
    assert client_as("inkomensconsulent").get(url).status_code == 200
    rijen = AuditEvent.objects.filter(client_id=klant.pk, object_type="klant")
    assert list(rijen.values_list("actie", "resultaat")) == [("bekeken", "toegestaan")]

    # the poortwachter sees the dossier but may not record a voortgangsgesprek: 403, recorded
    url = reverse("begeleiding:voortgangsgesprek", args=[klant.pk])
    assert client_as("poortwachter").get(url).status_code == 403
    geweigerd = AuditEvent.objects.get(client_id=klant.pk, object_type="voortgangsgesprek")
    assert (geweigerd.resultaat, geweigerd.actor_username) == ("geweigerd", "poortwachter")


def test_a_list_with_names_records_the_client_ids_shown(client_as, users):
    mijn = client_in_groep("matchen", io=users["inkomensconsulent"])
    client_in_groep("groeien")  # not mine: not on the list
    assert client_as("inkomensconsulent").get(reverse("clients:mijn_klanten")).status_code == 200
    rij = AuditEvent.objects.get(object_type="mijn_klanten")
    assert rij.details == {"clients": [str(mijn.pk)]}


def test_every_rule_names_only_existing_roles_and_unknown_names_fail(users):
    from deventer_werk.accounts.constants import Rol

    for naam, regel in acties().items():
        assert regel.rollen <= set(Rol.values), naam
    assert may(users["werkcoach"], "trajecten.plaatsing")
    assert not may(users["trainer"], "trajecten.plaatsing")
    with pytest.raises(KeyError):
        may(users["werkcoach"], "bestaat.niet")
