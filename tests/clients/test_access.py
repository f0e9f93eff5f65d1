"""Need-to-know: role × page. A dossier outside a user's view answers 404 and is audited."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from clients.constants import Fase
from clients.models import Client
from deventer_werk.audit.models import AuditEvent
from tests.factories import ClientFactory, client_in_groep

pytestmark = pytest.mark.django_db

ALLE_ROLLEN = [
    "poortwachter",
    "intaker",
    "inkomensconsulent",
    "werkcoach",
    "participatiemakelaar",
    "trainer",
    "handhaver",
    "beleidsmedewerker",
    "beheerder",
]


@pytest.fixture
def dossiers():
    return {
        "matchen": client_in_groep("matchen"),
        "zorgen": client_in_groep("zorgen"),
        "intake": ClientFactory(fase=Fase.INTAKE),
        "faciliteren": client_in_groep("faciliteren"),
    }


# Which dossiers each role may open (DESIGN.md §1).
VERWACHT = {
    "poortwachter": {"matchen", "zorgen", "intake", "faciliteren"},
    "inkomensconsulent": {"matchen", "zorgen", "intake", "faciliteren"},
    # Faciliteren only: the group she finds participatieplekken for (issue 31)
    "participatiemakelaar": {"faciliteren"},
    "handhaver": {"matchen", "zorgen", "intake", "faciliteren"},
    "intaker": {"matchen", "intake"},
    "werkcoach": {"matchen", "intake"},
    "trainer": set(),
    "beleidsmedewerker": set(),
    "beheerder": set(),
}


@pytest.mark.parametrize("rol", ALLE_ROLLEN)
def test_visible_to_matches_the_need_to_know_table(rol, users, dossiers):
    visible = set(Client.objects.visible_to(users[rol]).values_list("pk", flat=True))
    assert visible == {dossiers[k].pk for k in VERWACHT[rol]}


@pytest.mark.parametrize("rol", ALLE_ROLLEN)
def test_dossier_page_per_role(rol, client_as, dossiers):
    http = client_as(rol)
    for key, dossier in dossiers.items():
        response = http.get(reverse("clients:dossier", args=[dossier.pk]))
        expected = 200 if key in VERWACHT[rol] else 404
        assert response.status_code == expected, (rol, key)
        result = "toegestaan" if expected == 200 else "geweigerd"
        assert AuditEvent.objects.filter(
            client_id=dossier.pk, actor_username=rol, actie="bekeken", resultaat=result
        ).exists()


@pytest.mark.parametrize(
    ("rol", "url_name", "status"),
    [
        ("inkomensconsulent", "clients:mijn_klanten", 200),
        ("werkcoach", "clients:zoeken", 200),
        ("trainer", "clients:mijn_klanten", 403),
        ("beleidsmedewerker", "clients:zoeken", 403),
        ("beleidsmedewerker", "monitoring:dashboard", 200),
        ("inkomensconsulent", "monitoring:dashboard", 403),
        ("beheerder", "klantgroepen:lijst", 200),
        ("werkcoach", "klantgroepen:lijst", 403),
        ("beheerder", "audit:zoeken", 200),
        ("handhaver", "audit:zoeken", 403),
        ("poortwachter", "clients:registreren", 200),
        ("werkcoach", "clients:registreren", 403),
    ],
)
def test_pages_per_role(rol, url_name, status, client_as):
    assert client_as(rol).get(reverse(url_name)).status_code == status


def test_anonymous_is_sent_to_login(client, dossiers):
    response = client.get(reverse("clients:dossier", args=[dossiers["zorgen"].pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_bsn_search_is_post_and_never_in_url(client_as, dossiers):
    http = client_as("inkomensconsulent")
    bsn = dossiers["zorgen"].bsn
    response = http.post(reverse("clients:zoeken"), {"b-bsn": bsn})
    assert response.status_code == 200
    assert escape(dossiers["zorgen"].achternaam) in response.content.decode()
    assert bsn not in response.content.decode()
    event = AuditEvent.objects.get(actie="gezocht", actor_username="inkomensconsulent")
    assert bsn not in str(event.details)


def test_dwt_search_does_not_find_io_regie_clients(client_as, dossiers):
    http = client_as("werkcoach")
    response = http.post(reverse("clients:zoeken"), {"b-bsn": dossiers["zorgen"].bsn})
    assert response.status_code == 200
    # the dossier's id, not its (Faker) surname: that may be part of the coach's own name
    assert str(dossiers["zorgen"].pk) not in response.content.decode()


def test_beheerder_sees_access_history(client_as, dossiers):
    client_as("inkomensconsulent").get(reverse("clients:dossier", args=[dossiers["zorgen"].pk]))
    http = client_as("beheerder")
    response = http.post(reverse("audit:zoeken"), {"bsn": dossiers["zorgen"].bsn}, follow=True)
    # the BSN was posted; the page of the log carries the internal id, never the BSN
    assert response.redirect_chain[-1][0] == reverse("audit:klant", args=[dossiers["zorgen"].pk])
    html = response.content.decode()
    assert "inkomensconsulent" in html
    assert "Dossier bekeken" in html


def test_the_participatiemakelaar_sees_exactly_the_faciliteren_clients(users):
    """Issue 31: her visible set equals, in SQL, the clients whose current group is
    Faciliteren; the inkomensconsulent still sees everyone."""
    from django.db import connection

    from clients.models import Client
    from tests.factories import client_in_groep

    for code in ("matchen", "groeien", "faciliteren", "faciliteren", "zorgen"):
        client_in_groep(code)
    with connection.cursor() as cur:
        cur.execute(
            """SELECT l.client_id FROM klantgroepen_groepslidmaatschap l
               JOIN klantgroepen_klantgroep k ON k.id = l.klantgroep_id
               WHERE l.tot IS NULL AND k.code = 'faciliteren'"""
        )
        faciliteren = {r[0] for r in cur.fetchall()}
    zichtbaar = set(
        Client.objects.visible_to(users["participatiemakelaar"]).values_list("pk", flat=True)
    )
    assert zichtbaar == faciliteren and len(faciliteren) == 2
    assert Client.objects.visible_to(users["inkomensconsulent"]).count() == 5
