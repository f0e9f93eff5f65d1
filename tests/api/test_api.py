"""REST API: same services, need-to-know, audit trail and Dutch field errors as the browser."""

import datetime
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from clients.models import Client, Signaal
from deventer_werk.api.services import api_token_maak, api_token_trek_in
from deventer_werk.audit.models import AuditEvent
from tests.factories import client_in_groep, make_bsn

pytestmark = pytest.mark.django_db

LIST = "/api/v1/clients/"


def api_as(user) -> APIClient:
    c = APIClient()
    c.force_authenticate(user)
    return c


def token_client(rol: str, naam: str | None = None) -> tuple[APIClient, object]:
    token, sleutel = api_token_maak(naam=naam or f"systeem-{rol}", rol=rol)
    c = APIClient()
    c.credentials(HTTP_AUTHORIZATION=f"Token {sleutel}")
    return c, token


NIEUW = {
    "voornamen": "Noor",
    "achternaam": "Visser",
    "geboortedatum": "1991-04-02",
    "melddatum": "2026-11-02",
}


# Role × endpoint matrix ---------------------------------------------------------------------
MATRIX = [
    # (rol, list, create, indicatoren, groepswijziging)
    ("poortwachter", 200, 201, 403, 403),
    ("intaker", 200, 403, 403, 201),
    ("inkomensconsulent", 200, 201, 403, 201),
    ("werkcoach", 200, 403, 403, 201),
    # Faciliteren only (issue 31): a Groeien client is outside her need-to-know
    ("participatiemakelaar", 200, 403, 403, 404),
    ("handhaver", 200, 403, 403, 403),
    # no dossier access at all: the client is outside need-to-know, checked first (404)
    ("trainer", 403, 403, 403, 404),
    ("beleidsmedewerker", 403, 403, 200, 404),
    ("beheerder", 403, 403, 200, 404),
]


@pytest.mark.parametrize(("rol", "lijst", "aanmaken", "indicatoren", "groep"), MATRIX)
def test_role_endpoint_matrix(users, rol, lijst, aanmaken, indicatoren, groep):
    klant = client_in_groep("groeien", io=users["inkomensconsulent"])
    c = api_as(users[rol])
    assert c.get(LIST).status_code == lijst
    assert c.post(LIST, {**NIEUW, "bsn": make_bsn()}, format="json").status_code == aanmaken
    assert c.get("/api/v1/indicatoren/", {"periode": "2026Q2"}).status_code == indicatoren
    wissel = {
        "klantgroep": "matchen",
        "van": "2026-11-01",
        "soort": "doorstroom",
        "reden": "Klaar voor werk",
    }
    response = c.post(f"{LIST}{klant.pk}/groepslidmaatschappen/", wissel, format="json")
    # a role without the right sees 403 (need-to-know 404: the next test)
    assert response.status_code == groep, response.content


def test_group_change_outside_need_to_know_is_404(users):
    """A werkcoach may change groups, but not for a client under IO regie he does not know."""
    klant = client_in_groep("zorgen", io=users["inkomensconsulent"])
    wissel = {"klantgroep": "matchen", "van": "2026-11-01", "soort": "doorstroom", "reden": "x"}
    url = f"{LIST}{klant.pk}/groepslidmaatschappen/"
    assert api_as(users["werkcoach"]).post(url, wissel, format="json").status_code == 404
    assert api_as(users["inkomensconsulent"]).post(url, wissel, format="json").status_code == 201


def test_anonymous_gets_401_or_403():
    assert APIClient().get(LIST).status_code in (401, 403)


def test_tokens_of_two_organisations_see_only_their_clients():
    io, _ = token_client("inkomensconsulent")
    dwt, _ = token_client("werkcoach")
    zorgen = client_in_groep("zorgen")
    matchen = client_in_groep("matchen")
    assert io.get(f"{LIST}{zorgen.pk}/").status_code == 200
    assert dwt.get(f"{LIST}{zorgen.pk}/").status_code == 404  # IO regie: not for DWT
    assert dwt.get(f"{LIST}{matchen.pk}/").status_code == 200
    ids = {row["id"] for row in dwt.get(LIST).json()["results"]}
    assert str(matchen.pk) in ids and str(zorgen.pk) not in ids
    refused = AuditEvent.objects.filter(client_id=zorgen.pk, resultaat="geweigerd", herkomst="api")
    assert refused.count() == 1


def test_revoked_or_wrong_token_is_refused():
    c, token = token_client("inkomensconsulent")
    assert c.get(LIST).status_code == 200
    api_token_trek_in(token=token)
    assert c.get(LIST).status_code == 401
    bad = APIClient()
    bad.credentials(HTTP_AUTHORIZATION="Token ditiskeinetoken")
    assert bad.get(LIST).status_code == 401


def test_reads_and_writes_are_audited_with_origin_api(users):
    klant = client_in_groep("groeien", io=users["inkomensconsulent"])
    c = api_as(users["inkomensconsulent"])
    body = c.get(f"{LIST}{klant.pk}/").json()
    assert body["bsn"] == klant.bsn
    assert AuditEvent.objects.filter(client_id=klant.pk, actie="bekeken", herkomst="api").exists()
    c.patch(
        f"{LIST}{klant.pk}/", {"telefoon": "0570123456", "versie": body["versie"]}, format="json"
    )
    assert AuditEvent.objects.filter(client_id=klant.pk, actie="gewijzigd", herkomst="api").exists()


def test_bsn_lookup_is_a_post_and_never_a_query_parameter(users):
    klant = client_in_groep("groeien", io=users["inkomensconsulent"])
    c = api_as(users["inkomensconsulent"])
    found = c.post(f"{LIST}zoeken/", {"bsn": klant.bsn}, format="json").json()
    assert [r["id"] for r in found] == [str(klant.pk)]
    # a bsn query parameter is not a filter: it is ignored, never logged as a lookup
    everyone = c.get(LIST, {"bsn": klant.bsn}).json()
    assert len(everyone["results"]) == min(Client.objects.count(), 50)
    schema = Path(__file__).resolve().parents[2].joinpath("openapi.yaml").read_text()
    assert "name: bsn" not in schema


def test_create_uses_the_same_rules_as_the_browser(users):
    c = api_as(users["poortwachter"])
    bsn = make_bsn()
    created = c.post(LIST, {**NIEUW, "bsn": bsn}, format="json")
    assert created.status_code == 201
    assert created.json()["fase"] == "melding"
    duplicate = c.post(LIST, {**NIEUW, "bsn": bsn}, format="json")
    assert duplicate.status_code == 400
    assert duplicate.json() == {"bsn": ["Er is al een actieve klant met dit BSN."]}


@pytest.mark.parametrize(
    ("body", "veld", "tekst"),
    [
        ({**NIEUW, "bsn": "123456780"}, "bsn", "elfproef"),
        ({**NIEUW, "bsn": make_bsn(), "geboortedatum": "2999-01-01"}, "geboortedatum", "toekomst"),
        ({**NIEUW, "bsn": make_bsn(), "geboortedatum": "gisteren"}, "geboortedatum", ""),
        ({**NIEUW, "bsn": make_bsn(), "wijk": "atlantis"}, "wijk", ""),
        ({**NIEUW, "bsn": make_bsn(), "voornamen": ["lijst"]}, "voornamen", ""),
        (
            {
                **NIEUW,
                "bsn": make_bsn(),
                "melddatum": "2026-11-20",
                "startdatum_uitkering": "2026-11-01",
            },
            "startdatum_uitkering",
            "melddatum",
        ),
        ({"bsn": make_bsn()}, "achternaam", "vereist"),
    ],
)
def test_bad_input_is_a_400_with_field_errors(users, body, veld, tekst):
    response = api_as(users["poortwachter"]).post(LIST, body, format="json")
    assert response.status_code == 400
    assert veld in response.json()
    assert tekst in " ".join(response.json()[veld]).lower()
    assert not Client.objects.exists()


def test_malformed_json_and_oversize_input_are_400(users):
    c = api_as(users["poortwachter"])
    response = c.post(LIST, data="{niet: json", content_type="application/json")
    assert response.status_code == 400
    assert "detail" in response.json()
    big = json.dumps({**NIEUW, "bsn": make_bsn(), "straat": "x" * 3_000_000})
    response = c.post(LIST, data=big, content_type="application/json")
    assert response.status_code == 400
    unknown_enum = c.post(
        f"{LIST}zoeken/", data=json.dumps({"bsn": 12}), content_type="application/json"
    )
    assert unknown_enum.status_code in (200, 400)


def test_concurrent_edit_is_a_409_and_keeps_the_other_change(users):
    klant = client_in_groep("groeien", io=users["inkomensconsulent"])
    a, b = api_as(users["inkomensconsulent"]), api_as(users["poortwachter"])
    versie = a.get(f"{LIST}{klant.pk}/").json()["versie"]
    assert (
        a.patch(
            f"{LIST}{klant.pk}/", {"telefoon": "0611111111", "versie": versie}, format="json"
        ).status_code
        == 200
    )
    late = b.patch(
        f"{LIST}{klant.pk}/", {"telefoon": "0622222222", "versie": versie}, format="json"
    )
    assert late.status_code == 409
    assert "intussen gewijzigd" in late.json()["detail"]
    klant.refresh_from_db()
    assert klant.telefoon == "0611111111"


def test_group_change_and_signals_via_the_api(users):
    klant = client_in_groep("groeien", io=users["inkomensconsulent"], van=datetime.date(2025, 2, 1))
    c = api_as(users["inkomensconsulent"])
    wissel = c.post(
        f"{LIST}{klant.pk}/groepslidmaatschappen/",
        {"klantgroep": "matchen", "van": "2026-11-01", "soort": "doorstroom", "reden": "Werkfit"},
        format="json",
    )
    assert wissel.status_code == 201, wissel.json()
    historie = c.get(f"{LIST}{klant.pk}/groepslidmaatschappen/").json()
    assert [h["klantgroep"] for h in historie] == ["matchen", "groeien"]
    unknown = c.post(
        f"{LIST}{klant.pk}/groepslidmaatschappen/",
        {"klantgroep": "onbekend", "van": "2026-11-01", "soort": "doorstroom"},
        format="json",
    )
    assert unknown.status_code == 400 and "klantgroep" in unknown.json()
    s = c.post(
        f"{LIST}{klant.pk}/signalen/", {"soort": "schulden", "omschrijving": "BKR"}, format="json"
    ).json()
    assert s["urgent"] is True
    done = c.post(
        f"{LIST}{klant.pk}/signalen/{s['id']}/afhandelen/",
        {"afhandeling": "Doorverwezen naar BAD"},
        format="json",
    )
    assert done.status_code == 200
    again = c.post(
        f"{LIST}{klant.pk}/signalen/{s['id']}/afhandelen/",
        {"afhandeling": "nogmaals"},
        format="json",
    )
    assert again.status_code == 400
    assert Signaal.objects.get().afgehandeld_op is not None


def test_indicators_have_no_personal_data_and_suppress_small_counts(users):
    for _ in range(3):
        client_in_groep("matchen", van=datetime.date(2026, 1, 10))
    body = (
        api_as(users["beleidsmedewerker"]).get("/api/v1/indicatoren/", {"periode": "2026Q1"}).json()
    )
    matchen = next(r for r in body["klantgroepen"] if r["klantgroep"] == "matchen")
    assert matchen["bestand_eind"] == "<5"
    assert "bsn" not in json.dumps(body)
    bad = api_as(users["beleidsmedewerker"]).get("/api/v1/indicatoren/", {"periode": "2026Q9"})
    assert bad.status_code == 400 and "periode" in bad.json()


@pytest.mark.parametrize("n", [10, 1000])
def test_list_query_count_is_pinned(n, users, django_assert_num_queries):
    from tests.clients.test_query_counts import _bulk_clients

    _bulk_clients(n, users["inkomensconsulent"])
    c = api_as(users["inkomensconsulent"])
    # user's groups (role check), page (cursor: no count), current memberships, open
    # contacts, audit insert
    with django_assert_num_queries(5):
        response = c.get(LIST)
    assert response.status_code == 200
    body = response.json()
    assert len(body["results"]) == min(n, 50)
    assert "count" not in body and (body["next"] is not None) == (n > 50)


@pytest.mark.parametrize("n", [10, 1000])
def test_signal_list_query_count_is_pinned(n, users, django_assert_num_queries):
    klant = client_in_groep("zorgen", io=users["inkomensconsulent"])
    Signaal.objects.bulk_create(Signaal(client=klant, soort="overig") for _ in range(n))
    c = api_as(users["inkomensconsulent"])
    # groups, visibility check, audit insert, signals
    with django_assert_num_queries(4):
        assert len(c.get(f"{LIST}{klant.pk}/signalen/").json()) == n


def test_committed_schema_equals_the_generated_one(tmp_path):
    out = tmp_path / "openapi.yaml"
    call_command("spectacular", "--file", str(out), "--validate", "--fail-on-warn")
    committed = Path(__file__).resolve().parents[2] / "openapi.yaml"
    assert out.read_text() == committed.read_text(), (
        "openapi.yaml is verouderd: python manage.py spectacular --file openapi.yaml"
    )


def test_docs_are_served_from_our_own_static_files(client, users):
    client.force_login(users["inkomensconsulent"])
    html = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in html
    assert "cdn" not in html.lower() and "unpkg" not in html.lower()


@pytest.mark.parametrize("n", [10, 1000])
def test_membership_list_query_count_is_pinned(n, users, django_assert_num_queries):
    from clients.groepen.models import Groepslidmaatschap
    from klantgroepen.models import Klantgroep

    klant = client_in_groep("zorgen", io=users["inkomensconsulent"], van=datetime.date(2020, 1, 1))
    Groepslidmaatschap.objects.filter(client=klant).update(tot=datetime.date(2020, 1, 2))
    groep = Klantgroep.objects.get(code="groeien")
    start = datetime.date(2020, 1, 2)
    Groepslidmaatschap.objects.bulk_create(
        Groepslidmaatschap(
            client=klant,
            klantgroep=groep,
            soort="terugval",
            van=start + datetime.timedelta(days=i),
            tot=start + datetime.timedelta(days=i + 1),
        )
        for i in range(n)
    )
    c = api_as(users["inkomensconsulent"])
    # groups, visibility check, audit insert, memberships with their klantgroepen joined
    with django_assert_num_queries(4):
        assert len(c.get(f"{LIST}{klant.pk}/groepslidmaatschappen/").json()) == n + 1
