"""Issue 19: index-backed name search, session refresh once a minute, pooled /healthz."""

import time

import pytest
from django.db import connection
from django.urls import reverse

from clients.models import Client
from clients.selectors import client_search
from deventer_werk import views as root_views
from deventer_werk.middleware import REFRESHED_KEY
from tests.factories import ClientFactory, make_bsn

from .test_query_counts import _bulk_clients

pytestmark = pytest.mark.django_db


def test_name_search_ignores_accents_and_case_and_includes_tussenvoegsel(users):
    zoe = ClientFactory(voornamen="Zoë", tussenvoegsel="van der", achternaam="Mühlen")
    ClientFactory(voornamen="Piet", tussenvoegsel="", achternaam="Jansen", bsn=make_bsn())
    io = users["inkomensconsulent"]
    for term in ("zoe muhlen", "VAN DER", "ZOË", "der mühl"):
        assert [c.pk for c in client_search(user=io, naam=term)] == [zoe.pk], term
    assert list(client_search(user=io, naam="zoe jansen")) == []


def test_name_search_uses_the_trigram_index():
    with connection.cursor() as cur:  # a tiny table is scanned; force the planner's hand
        cur.execute("SET LOCAL enable_seqscan = off")
        cur.execute("SET LOCAL enable_indexscan = off")  # not the (ordered) name index
        plan = Client.objects.naam_bevat("jansen").explain()
    assert "client_zoeknaam_trgm_idx" in plan


@pytest.mark.parametrize("n", [10, 1000])
def test_search_page_query_count(n, client_as, users, django_assert_num_queries):
    _bulk_clients(n, users["inkomensconsulent"])
    http = client_as("inkomensconsulent")
    # session, user, roles + page of results, memberships, contacts, audit insert
    with django_assert_num_queries(7):
        response = http.post(reverse("clients:zoeken"), {"z-naam": "e"})
    assert response.status_code == 200


def test_session_is_renewed_at_most_once_a_minute(client_as, settings):
    from django.contrib.sessions.models import Session

    http = client_as("inkomensconsulent")
    key = http.session.session_key
    http.get(reverse("clients:mijn_klanten"))
    first = Session.objects.get(pk=key)
    http.get(reverse("clients:mijn_klanten"))
    assert Session.objects.get(pk=key).expire_date == first.expire_date  # no write
    session = http.session
    session[REFRESHED_KEY] = int(time.time()) - settings.SESSION_REFRESH_SECONDS - 1
    session.save()
    before = Session.objects.get(pk=key).expire_date
    time.sleep(0.01)
    http.get(reverse("clients:mijn_klanten"))
    assert Session.objects.get(pk=key).expire_date > before  # idle timeout renewed


def test_anonymous_requests_get_no_session(client):
    from django.contrib.sessions.models import Session

    client.get("/healthz")
    client.get(reverse("clients:mijn_klanten"))
    assert Session.objects.count() == 0


def test_healthz_reuses_one_redis_client(client):
    assert client.get("/healthz").json()["redis"] == "ok"
    pool = root_views._redis()
    assert client.get("/healthz").status_code == 200
    assert root_views._redis() is pool
