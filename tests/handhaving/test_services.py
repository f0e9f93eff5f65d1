import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from clients.handhaving.models import Rechtmatigheidsonderzoek, Samenloopsignaal
from clients.handhaving.services import (
    onderzoek_besluit,
    onderzoek_start,
    samenloop_registreer,
    samenloop_trieer,
)
from clients.services import ConcurrentEditError
from tests.factories import client_in_groep

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]
D = datetime.date


def _onderzoek(users, **kw):
    client = client_in_groep("faciliteren", van=D(2024, 1, 1))
    return onderzoek_start(
        actor=users["handhaver"],
        client=client,
        selectiereden="periodiek",
        gestart_op=D(2026, 11, 1),
        **kw,
    )


def test_omgekeerde_toets_is_required_for_an_unlawful_finding(users):
    o = _onderzoek(users)
    with pytest.raises(ValidationError) as exc:
        onderzoek_besluit(
            actor=users["handhaver"],
            onderzoek=o,
            versie=1,
            bevinding="onrechtmatig",
            uitkomsten=["terugvordering"],
            motivatie="Inkomsten niet gemeld",
            besloten_op=D(2026, 11, 20),
        )
    assert "gevolgen_strikte_uitkomst" in exc.value.message_dict
    o = onderzoek_besluit(
        actor=users["handhaver"],
        onderzoek=o,
        versie=1,
        bevinding="onrechtmatig",
        uitkomsten=["alternatief"],
        motivatie="Stopzetten leidt tot huisuitzetting; werkstraf past beter",
        gevolgen_strikte_uitkomst="Huurachterstand en huisuitzetting, twee kinderen",
        risico_huisuitzetting=True,
        kinderen_betrokken=True,
        besloten_op=D(2026, 11, 20),
    )
    assert (o.bevinding, o.uitkomsten, o.besloten_door) == (
        "onrechtmatig",
        ["alternatief"],
        users["handhaver"],
    )


def test_heavy_outcome_with_children_needs_an_extensive_motivation(users):
    o = _onderzoek(users)
    with pytest.raises(ValidationError) as exc:
        onderzoek_besluit(
            actor=users["handhaver"],
            onderzoek=o,
            versie=1,
            bevinding="onrechtmatig",
            uitkomsten=["maatregel"],
            motivatie="Regels zijn regels",
            gevolgen_strikte_uitkomst="Kinderen in de knel",
            kinderen_betrokken=True,
            besloten_op=D(2026, 11, 20),
        )
    assert "motivatie" in exc.value.message_dict


@pytest.mark.parametrize(
    ("kwargs", "veld"),
    [
        ({"bevinding": "rechtmatig", "uitkomsten": ["maatregel"]}, "uitkomsten"),
        ({"besloten_op": D(2026, 10, 1)}, "besloten_op"),
        ({"besloten_op": D(2027, 1, 1)}, "besloten_op"),
        ({"motivatie": " "}, "motivatie"),
    ],
)
def test_bad_decisions_save_nothing(users, kwargs, veld):
    o = _onderzoek(users)
    base = {
        "actor": users["handhaver"],
        "onderzoek": o,
        "versie": 1,
        "bevinding": "rechtmatig",
        "uitkomsten": ["geen_actie"],
        "motivatie": "In orde",
        "besloten_op": D(2026, 11, 20),
    }
    with pytest.raises(ValidationError) as exc:
        onderzoek_besluit(**{**base, **kwargs})
    assert veld in exc.value.message_dict
    assert Rechtmatigheidsonderzoek.objects.get().besloten_op is None


def test_concurrent_decision_is_refused(users):
    o = _onderzoek(users)
    onderzoek_besluit(
        actor=users["handhaver"],
        onderzoek=o,
        versie=1,
        bevinding="rechtmatig",
        uitkomsten=["geen_actie"],
        motivatie="In orde",
        besloten_op=D(2026, 11, 20),
    )
    with pytest.raises(ConcurrentEditError):
        onderzoek_besluit(
            actor=users["handhaver"],
            onderzoek=o,
            versie=1,
            bevinding="onrechtmatig",
            uitkomsten=["herstel"],
            motivatie="x",
            gevolgen_strikte_uitkomst="y",
            besloten_op=D(2026, 11, 21),
        )


def test_samenloop_triage_starts_a_review_with_reason_signaal(users):
    client = client_in_groep("zorgen", van=D(2024, 1, 1))
    s = samenloop_registreer(
        actor=users["handhaver"],
        client=client,
        soort="inkomsten",
        ontvangen_op=D(2026, 11, 10),
        omschrijving="Loon bij uitzendbureau",
    )
    samenloop_trieer(actor=users["handhaver"], signaal=s, triage="onderzoek")
    s.refresh_from_db()
    assert s.onderzoek.selectiereden == "signaal"
    assert client.signalen.filter(soort="samenloop").exists()
    niet = samenloop_registreer(
        actor=users["handhaver"], client=client, soort="voertuig", ontvangen_op=D(2026, 11, 10)
    )
    with pytest.raises(ValidationError):
        samenloop_trieer(actor=users["handhaver"], signaal=niet, triage="niet")
    assert Samenloopsignaal.objects.get(pk=niet.pk).triage == ""


def test_handhaver_decides_in_the_browser_form(client_as, users):
    o = _onderzoek(users)
    c = client_as("handhaver")
    url = reverse("handhaving:onderzoek_besluit", args=[o.client_id, o.pk])
    bad = c.post(
        url,
        {
            "bevinding": "onrechtmatig",
            "uitkomsten": ["terugvordering"],
            "motivatie": "Niet gemeld",
            "besloten_op": "2026-11-20",
            "versie": 1,
        },
    )
    assert "Omgekeerde toets" in bad.content.decode() and "Niet gemeld" in bad.content.decode()
    ok = c.post(
        url,
        {
            "bevinding": "onrechtmatig",
            "uitkomsten": ["waarschuwing"],
            "motivatie": "Eerste keer, klein bedrag",
            "besloten_op": "2026-11-20",
            "gevolgen_strikte_uitkomst": "Terugvordering drukt op leefgeld",
            "versie": 1,
        },
    )
    assert ok.status_code == 302
    dossier = c.get(reverse("clients:dossier", args=[o.client_id])).content.decode()
    assert "Waarschuwing" in dossier and "Terugvordering drukt op leefgeld" in dossier


def test_the_review_keeps_its_checklist_as_it_read_when_decided(users):
    from clients.handhaving.models import ChecklistPunt

    punten = list(ChecklistPunt.objects.filter(actief=True))
    assert len(punten) >= 5  # seeded configuration
    o = _onderzoek(users)
    base = {
        "actor": users["handhaver"],
        "onderzoek": o,
        "versie": 1,
        "bevinding": "rechtmatig",
        "uitkomsten": ["geen_actie"],
        "motivatie": "In orde",
        "besloten_op": D(2026, 11, 20),
    }
    ChecklistPunt.objects.filter(pk=punten[-1].pk).update(actief=False)
    with pytest.raises(ValidationError) as exc:
        onderzoek_besluit(**base, checklist=[punten[0].pk, punten[-1].pk])
    assert "checklist" in exc.value.message_dict
    o = onderzoek_besluit(**base, checklist=[punten[0].pk, punten[1].pk])
    ChecklistPunt.objects.filter(pk=punten[0].pk).update(tekst="Later anders geformuleerd")
    o.refresh_from_db()
    assert o.checklist_gedaan == 2 and len(o.checklist_punten) == len(punten) - 1
    assert o.checklist_punten[0] == {"id": punten[0].pk, "tekst": punten[0].tekst, "gedaan": True}


def test_checklist_in_the_browser_form_and_on_the_dossier(client_as, users):
    from clients.handhaving.models import ChecklistPunt

    punt = ChecklistPunt.objects.filter(actief=True).first()
    o = _onderzoek(users)
    c = client_as("handhaver")
    url = reverse("handhaving:onderzoek_besluit", args=[o.client_id, o.pk])
    assert punt.tekst in c.get(url).content.decode()
    ok = c.post(
        url,
        {
            "checklist": [punt.pk],
            "bevinding": "rechtmatig",
            "uitkomsten": ["geen_actie"],
            "motivatie": "Alles in orde",
            "besloten_op": "2026-11-20",
            "versie": 1,
        },
    )
    assert ok.status_code == 302
    dossier = c.get(reverse("clients:dossier", args=[o.client_id])).content.decode()
    aantal = ChecklistPunt.objects.filter(actief=True).count()
    assert f"Checklist: 1 van {aantal} punten nagegaan" in dossier


def test_samenloop_outcome_shows_on_the_dossier(client_as, users):
    client = client_in_groep("zorgen", van=D(2024, 1, 1))
    s = samenloop_registreer(
        actor=users["handhaver"], client=client, soort="vermogen", ontvangen_op=D(2026, 11, 10)
    )
    s = samenloop_trieer(actor=users["handhaver"], signaal=s, triage="onderzoek")
    onderzoek_besluit(
        actor=users["handhaver"],
        onderzoek=s.onderzoek,
        versie=1,
        bevinding="rechtmatig",
        uitkomsten=["geen_actie"],
        motivatie="Spaargeld onder de grens",
        besloten_op=D(2026, 11, 24),
    )
    dossier = client_as("handhaver").get(reverse("clients:dossier", args=[client.pk]))
    assert "onderzoek gestart 24-11-2026: rechtmatig, geen gevolgen" in dossier.content.decode()
