"""Issue 30 part 3: the rechtmatigheidsonderzoek as a case with steps (gestart → stukken
opgevraagd → besluit), several outcomes with the omgekeerde toets per strict outcome, one
running onderzoek per client, the periodic review paused while one runs, and the list of
running onderzoeken."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from clients.constants import TaakSoort, TaakStatus
from clients.handhaving.models import Rechtmatigheidsonderzoek, SteekproefInstelling, Stukkenverzoek
from clients.handhaving.services import onderzoek_besluit, onderzoek_start, stukken_opvraag
from clients.models import Taak
from clients.planning import planner as planning
from deventer_werk.audit.models import AuditEvent
from tests.factories import client_in_groep

pytestmark = pytest.mark.django_db
D = datetime.date
VANDAAG = D(2026, 11, 24)


@pytest.fixture(autouse=True)
def _vandaag():
    with time_machine.travel(datetime.datetime(2026, 11, 24, 9, 0), tick=False):
        yield


@pytest.fixture(autouse=True)
def _geen_steekproef():
    SteekproefInstelling.objects.update(percentage=0)


START = D(2026, 11, 2)


def _start(users, klant, dag=START):
    return onderzoek_start(
        actor=users["handhaver"], client=klant, selectiereden="periodiek", gestart_op=dag
    )


BESLUIT = {
    "bevinding": "onrechtmatig",
    "uitkomsten": ["terugvordering", "boete"],
    "toets_terugvordering": "Aflossen in termijnen van 50 euro; huur blijft betaalbaar",
    "toets_boete": "Boete verrekend in kleine termijnen; geen kinderen, geen huisuitzetting",
    "gevolgen_strikte_uitkomst": "Terugbetalen van vijf maanden ineens is niet te dragen",
    "motivatie": "Inkomsten uit bijbaan vijf maanden niet gemeld; eerder gewaarschuwd",
    "besloten_op": "2026-11-24",
    "uitvoeren_uiterlijk": "2026-12-08",
    "versie": 1,
}


def test_an_onderzoek_goes_through_all_states_and_ends_in_one_ic_task(client_as, users):
    ic = users["inkomensconsulent"]
    klant = client_in_groep("faciliteren", van=D(2024, 1, 1), io=ic)
    c = client_as("handhaver")
    start = c.post(
        reverse("handhaving:onderzoek_start", args=[klant.pk]),
        {"selectiereden": "periodiek", "gestart_op": "2026-11-02"},
    )
    assert start.status_code == 302
    onderzoek = Rechtmatigheidsonderzoek.objects.get(client=klant)
    url = reverse("handhaving:onderzoek", args=[klant.pk, onderzoek.pk])
    assert "Gestart" in c.get(url).content.decode()
    # stukken opgevraagd, twice: both requests stay as history
    for omschrijving, termijn in [
        ("Bankafschriften mei–oktober", "2026-12-01"),
        ("Loonstroken", "2026-12-15"),
    ]:
        r = c.post(url, {"omschrijving": omschrijving, "hersteltermijn": termijn})
        assert r.status_code == 302 and r.url == url
    pagina = c.get(url).content.decode()
    assert "Stukken opgevraagd" in pagina
    assert "Bankafschriften mei–oktober" in pagina and "Loonstroken" in pagina
    assert "Hersteltermijn t/m 15-12-2026" in pagina
    assert onderzoek.stukkenverzoeken.count() == 2
    # besluit with two outcomes, each with its own omgekeerde toets
    besluit = c.post(
        reverse("handhaving:onderzoek_besluit", args=[klant.pk, onderzoek.pk]), BESLUIT
    )
    assert besluit.status_code == 302
    onderzoek.refresh_from_db()
    assert onderzoek.uitkomsten == ["terugvordering", "boete"]
    assert onderzoek.omgekeerde_toetsen == {
        "terugvordering": BESLUIT["toets_terugvordering"],
        "boete": BESLUIT["toets_boete"],
    }
    besloten = c.get(url).content.decode()
    assert "Besluit genomen" in besloten and "Loonstroken" in besloten
    assert "Stukken opvragen</button>" not in besloten  # no more requests once decided
    taak = Taak.objects.get(client=klant, soort=TaakSoort.ONDERZOEK_UITKOMST)
    assert taak.medewerker == ic and taak.datum == D(2026, 12, 8)
    assert taak.omschrijving.startswith(
        "Terugvordering en Boete na rechtmatigheidsonderzoek van 24-11-2026: stel de "
        "terugvordering vast en verstuur het besluit; leg de boete op en verstuur het boetebesluit."
    )
    dossier = c.get(reverse("clients:dossier", args=[klant.pk])).content.decode()
    assert "Terugvordering, Boete" in dossier and BESLUIT["toets_boete"] in dossier


def test_one_running_onderzoek_per_client(client_as, users):
    klant = client_in_groep("faciliteren", van=D(2024, 1, 1))
    _start(users, klant)
    with pytest.raises(ValidationError) as exc:
        _start(users, klant, D(2026, 11, 20))
    assert "loopt al een rechtmatigheidsonderzoek" in exc.value.message_dict["__all__"][0]
    # the database refuses it too, whatever path a second one takes
    with pytest.raises(IntegrityError), transaction.atomic():
        Rechtmatigheidsonderzoek.objects.create(
            client=klant, selectiereden="signaal", gestart_op=VANDAAG, handhaver=users["handhaver"]
        )
    # the page: a Dutch message, the input kept, nothing saved
    r = client_as("handhaver").post(
        reverse("handhaving:onderzoek_start", args=[klant.pk]),
        {
            "selectiereden": "melding",
            "selectie_toelichting": "Tip van buren",
            "gestart_op": "2026-11-20",
        },
    )
    html = r.content.decode()
    assert r.status_code == 200 and "loopt al een rechtmatigheidsonderzoek" in html
    assert "Tip van buren" in html
    assert Rechtmatigheidsonderzoek.objects.filter(client=klant).count() == 1
    # another client can have its own running onderzoek; after the besluit a new one can start
    _start(users, client_in_groep("zorgen", van=D(2024, 1, 1)))
    o = Rechtmatigheidsonderzoek.objects.get(client=klant)
    onderzoek_besluit(
        actor=users["handhaver"],
        onderzoek=o,
        versie=o.versie,
        bevinding="rechtmatig",
        uitkomsten=["geen_actie"],
        motivatie="In orde",
        besloten_op=VANDAAG,
    )
    assert _start(users, klant, VANDAAG).besloten_op is None


def _plan(dag):
    with time_machine.travel(datetime.datetime.combine(dag, datetime.time(5)), tick=False):
        return planning.plan_voortgang(peildatum=dag, horizon_dagen=0)


def _open_reviews(klant):
    return list(
        Taak.objects.filter(
            client=klant, soort=TaakSoort.RECHTMATIGHEID, status=TaakStatus.OPEN
        ).values_list("datum", flat=True)
    )


def test_a_running_onderzoek_pauses_the_periodic_review(users):
    # Faciliteren: a separate review every 2 years; in the group since 2023-01-01
    klant = client_in_groep("faciliteren", van=D(2023, 1, 1), io=users["inkomensconsulent"])
    _plan(D(2026, 11, 1))
    assert _open_reviews(klant) == [D(2025, 1, 1)]  # overdue
    with time_machine.travel(datetime.datetime(2026, 11, 2, 9), tick=False):
        onderzoek = _start(users, klant)
    assert _open_reviews(klant) == []  # the onderzoek answers the overdue review
    for dag in (D(2026, 11, 10), D(2027, 3, 1), D(2027, 6, 1)):
        _plan(dag)
        assert _open_reviews(klant) == [], dag  # paused, not "x dagen te laat"
    with time_machine.travel(datetime.datetime(2027, 6, 2, 9), tick=False):
        onderzoek_besluit(
            actor=users["handhaver"],
            onderzoek=onderzoek,
            versie=onderzoek.versie,
            bevinding="rechtmatig",
            uitkomsten=["geen_actie"],
            motivatie="In orde",
            besloten_op=D(2027, 6, 2),
        )
    # the next periodic review is due two years after the besluit, by the same rule
    _plan(D(2029, 6, 2))
    assert _open_reviews(klant) == [D(2029, 6, 2)]


@pytest.mark.parametrize(
    ("wijziging", "veld", "tekst"),
    [
        ({"toets_boete": ""}, "toets_boete", "Omgekeerde toets bij boete"),
        (
            {"uitkomsten": ["aangifte"], "toets_boete": ""},
            "toets_aangifte",
            "Omgekeerde toets bij aangifte",
        ),
        (
            {"uitkomsten": ["geen_actie", "waarschuwing"], "uitvoeren_uiterlijk": ""},
            "uitkomsten",
            "“Geen gevolgen” sluit de andere uitkomsten uit.",
        ),
    ],
)
def test_bad_outcomes_give_a_dutch_message_at_the_field_and_save_nothing(
    client_as, users, wijziging, veld, tekst
):
    klant = client_in_groep("faciliteren", van=D(2024, 1, 1), io=users["inkomensconsulent"])
    onderzoek = _start(users, klant)
    c = client_as("handhaver")
    r = c.post(
        reverse("handhaving:onderzoek_besluit", args=[klant.pk, onderzoek.pk]),
        {**BESLUIT, **wijziging},
    )
    assert r.status_code == 200
    form = r.context["form"]
    assert any(tekst in e for e in form.errors[veld]), form.errors
    assert BESLUIT["motivatie"] in r.content.decode()  # input kept
    onderzoek.refresh_from_db()
    assert onderzoek.besloten_op is None and onderzoek.uitkomsten == []
    assert not Taak.objects.filter(soort=TaakSoort.ONDERZOEK_UITKOMST).exists()


def test_a_hersteltermijn_in_the_past_is_refused(client_as, users):
    klant = client_in_groep("faciliteren", van=D(2024, 1, 1))
    onderzoek = _start(users, klant)
    r = client_as("handhaver").post(
        reverse("handhaving:onderzoek", args=[klant.pk, onderzoek.pk]),
        {"omschrijving": "Huurcontract", "hersteltermijn": "2026-11-20"},
    )
    assert r.status_code == 200
    assert r.context["form"].errors["hersteltermijn"] == [
        "De hersteltermijn kan niet in het verleden liggen."
    ]
    assert "Huurcontract" in r.content.decode()
    assert not Stukkenverzoek.objects.exists()
    # and no more requests once the onderzoek is decided
    onderzoek_besluit(
        actor=users["handhaver"],
        onderzoek=onderzoek,
        versie=onderzoek.versie,
        bevinding="rechtmatig",
        uitkomsten=["geen_actie"],
        motivatie="In orde",
        besloten_op=VANDAAG,
    )
    with pytest.raises(ValidationError):
        stukken_opvraag(
            actor=users["handhaver"],
            onderzoek=onderzoek,
            omschrijving="x",
            hersteltermijn=D(2026, 12, 1),
        )


def _lopend(users, n):
    """n clients with a running onderzoek, each with two requests, the first one overdue."""
    for i in range(n):
        klant = client_in_groep("faciliteren", van=D(2024, 1, 1), achternaam=f"Lopend{i}")
        o = Rechtmatigheidsonderzoek.objects.create(
            client=klant,
            selectiereden="periodiek",
            gestart_op=D(2026, 10, 1),
            handhaver=users["handhaver"],
        )
        Stukkenverzoek.objects.bulk_create(
            [
                Stukkenverzoek(
                    onderzoek=o,
                    opgevraagd_op=D(2026, 10, 2),
                    omschrijving="a",
                    hersteltermijn=D(2026, 10, 16),
                    door=users["handhaver"],
                ),
                Stukkenverzoek(
                    onderzoek=o,
                    opgevraagd_op=D(2026, 10, 20),
                    omschrijving="b",
                    hersteltermijn=D(2026, 11, 3) if i % 2 else D(2026, 12, 3),
                    door=users["handhaver"],
                ),
            ]
        )


@pytest.mark.parametrize("n", [3, 24])
def test_the_list_of_running_onderzoeken_has_a_pinned_query_count(
    client_as, users, n, django_assert_num_queries
):
    _lopend(users, n)
    c = client_as("handhaver")
    url = reverse("handhaving:onderzoeken")
    c.get(url)  # warm the session
    # session, user, count, page of rows, audit insert (with its savepoint pair)
    with django_assert_num_queries(6):
        r = c.get(url)
    html = r.content.decode()
    assert f"Lopend ({n})" in html
    assert "54 dagen geleden" in html  # 01-10-2026 → 24-11-2026
    # odd clients: the latest hersteltermijn has passed; even ones asked again, still running
    assert html.count("Verlopen: 03-11-2026") == n // 2
    assert html.count("t/m 03-12-2026") == n - n // 2 and "Verlopen: 03-12-2026" not in html


def test_the_list_is_paginated_audited_and_for_ic_too(client_as, users):
    _lopend(users, 27)
    c = client_as("inkomensconsulent")
    eerste = c.get(reverse("handhaving:onderzoeken")).content.decode()
    assert "Pagina 1 van 2" in eerste and "Lopend0" in eerste and "Lopend26" not in eerste
    tweede = c.get(reverse("handhaving:onderzoeken") + "?pagina=2").content.decode()
    assert "Lopend26" in tweede
    audit = AuditEvent.objects.filter(object_type="lopende onderzoeken").latest("pk")
    assert len(audit.details["clients"]) == 2
    # decided onderzoeken leave the list
    Rechtmatigheidsonderzoek.objects.update(
        besloten_op=VANDAAG, bevinding="rechtmatig", uitkomsten=["geen_actie"], motivatie="ok"
    )
    assert (
        "Er lopen geen rechtmatigheidsonderzoeken."
        in c.get(reverse("handhaving:onderzoeken")).content.decode()
    )
    assert client_as("werkcoach").get(reverse("handhaving:onderzoeken")).status_code == 403


def test_a_samenloop_signal_joins_the_running_onderzoek(users):
    from clients.handhaving.services import samenloop_registreer, samenloop_trieer

    klant = client_in_groep("zorgen", van=D(2024, 1, 1))
    lopend = _start(users, klant)
    signaal = samenloop_registreer(
        actor=users["handhaver"], client=klant, soort="voertuig", ontvangen_op=VANDAAG
    )
    signaal = samenloop_trieer(actor=users["handhaver"], signaal=signaal, triage="onderzoek")
    assert signaal.onderzoek == lopend
    assert Rechtmatigheidsonderzoek.objects.filter(client=klant).count() == 1
