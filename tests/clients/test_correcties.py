"""Issue 29 item 3: a wrong group change or uitstroom is corrected by its owner, with a reason,
kept in history (dossier, tijdlijn) and reflected in monitoring as a correction."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from clients.constants import Fase
from clients.correcties import groepswijziging_corrigeer, uitstroom_corrigeer
from clients.groepen.models import Groepslidmaatschap
from clients.groepen.services import groepsindeling_wijzig
from clients.models import Correctie, Uitkeringsperiode
from clients.services import periode_sluit
from deventer_werk.audit.models import AuditEvent
from monitoring import indicators
from monitoring.periods import kwartaal_van
from monitoring.selectors import periodecijfers
from tests.factories import client_in_groep, klantgroep

pytestmark = pytest.mark.django_db

D = datetime.date
TWEE_FEBRUARI = D(2026, 2, 2)
EIND_FEBRUARI = D(2026, 2, 27)


def _doorgestroomd(users, *, naar="matchen", van=TWEE_FEBRUARI):
    """A Groeien client who (wrongly) was moved to ``naar`` on ``van``."""
    client = client_in_groep(
        "groeien", van=D(2025, 2, 1), io=users["inkomensconsulent"], dwt=users["werkcoach"]
    )
    groepsindeling_wijzig(
        actor=users["werkcoach"],
        client=client,
        klantgroep=klantgroep(naar),
        van=van,
        soort="doorstroom" if naar == "matchen" else "terugval",
        reden="Klant wil direct aan het werk",
        gekozen_klantgroep=klantgroep(naar),
        geadviseerde_klantgroep=klantgroep(naar),
    )
    return client


def test_undoing_a_wrong_group_change_restores_the_group_and_keeps_the_history(users):
    client = _doorgestroomd(users)
    q1 = kwartaal_van(D(2026, 2, 2))
    assert indicators.stromen(q1)["doorstroom"] == {"groeien": {"matchen": 1}}

    correctie = groepswijziging_corrigeer(
        actor=users["werkcoach"],
        client=client,
        wijze="ongedaan",
        reden="Verkeerde klant aangeklikt",
    )

    huidig = Groepslidmaatschap.objects.huidig(client)
    assert (huidig.klantgroep.code, huidig.van, huidig.tot) == ("groeien", D(2025, 2, 1), None)
    assert Groepslidmaatschap.objects.filter(client=client).count() == 1
    assert correctie.was == "Doorstroom naar Matchen per 02-02-2026"
    assert correctie.wordt == "Ongedaan: weer Groeien (sinds 01-02-2025)"
    assert correctie.oud["klantgroep"] == "matchen"
    assert correctie.oud["reden"] == "Klant wil direct aan het werk"
    # monitoring: the doorstroom is gone, the correction is counted in the period
    assert indicators.stromen(q1)["doorstroom"] == {}
    assert indicators.correcties(q1) == {"groepswijziging": 1}
    assert AuditEvent.objects.filter(
        client_id=client.pk, object_type="correctie", actie="gewijzigd"
    ).exists()


def test_a_wrong_group_or_date_is_put_right_and_the_kind_follows(users):
    client = _doorgestroomd(users, naar="matchen", van=D(2026, 2, 2))
    groepswijziging_corrigeer(
        actor=users["inkomensconsulent"],
        client=client,
        wijze="gewijzigd",
        klantgroep=klantgroep("faciliteren"),
        van=D(2026, 1, 15),
        reden="Moest Faciliteren zijn, besproken op 15 januari",
    )
    leden = list(Groepslidmaatschap.objects.filter(client=client).order_by("van"))
    assert [(lm.klantgroep.code, lm.van, lm.tot, lm.soort) for lm in leden] == [
        ("groeien", D(2025, 2, 1), D(2026, 1, 15), "eerste_indeling"),
        ("faciliteren", D(2026, 1, 15), None, "terugval"),
    ]
    assert leden[1].gekozen_klantgroep.code == "faciliteren"
    correctie = Correctie.objects.get(client=client)
    assert correctie.wordt == "Terugval naar Faciliteren per 15-01-2026"
    assert (correctie.datum_was, correctie.datum_wordt) == (D(2026, 2, 2), D(2026, 1, 15))
    # a later date moves the previous group's end along
    groepswijziging_corrigeer(
        actor=users["inkomensconsulent"],
        client=client,
        wijze="gewijzigd",
        klantgroep=klantgroep("faciliteren"),
        van=D(2026, 3, 1),
        reden="Datum was die van het gesprek, niet van het besluit",
    )
    assert Groepslidmaatschap.objects.get(client=client, klantgroep__code="groeien").tot == D(
        2026, 3, 1
    )
    assert Correctie.objects.filter(client=client).count() == 2


def test_corrections_that_cannot_hold_are_refused_in_dutch_and_change_nothing(users):
    eerste = client_in_groep("groeien", van=D(2025, 2, 1))
    with pytest.raises(ValidationError) as exc:
        groepswijziging_corrigeer(
            actor=users["intaker"], client=eerste, wijze="ongedaan", reden="fout"
        )
    assert "eerste indeling kan niet ongedaan" in exc.value.message_dict["wijze"][0]

    client = _doorgestroomd(users)
    with pytest.raises(ValidationError) as exc:
        groepswijziging_corrigeer(
            actor=users["werkcoach"], client=client, wijze="ongedaan", reden=" "
        )
    assert exc.value.message_dict["reden"] == ["Geef de reden van de correctie."]
    with pytest.raises(ValidationError) as exc:
        groepswijziging_corrigeer(
            actor=users["werkcoach"],
            client=client,
            wijze="gewijzigd",
            klantgroep=klantgroep("groeien"),
            van=D(2026, 2, 2),
            reden="terug",
        )
    assert "kies 'ongedaan maken'" in exc.value.message_dict["klantgroep"][0]
    with pytest.raises(ValidationError) as exc:
        groepswijziging_corrigeer(
            actor=users["werkcoach"],
            client=client,
            wijze="gewijzigd",
            klantgroep=klantgroep("matchen"),
            van=D(2024, 1, 1),
            reden="datum",
        )
    assert "moet na 01-02-2025" in exc.value.message_dict["van"][0]
    assert Groepslidmaatschap.objects.huidig(client).klantgroep.code == "matchen"
    assert not Correctie.objects.exists()


def _uitgestroomd(users, *, reden="werk_regulier", einde=EIND_FEBRUARI):
    client = client_in_groep(
        "matchen", van=D(2025, 2, 1), io=users["inkomensconsulent"], dwt=users["werkcoach"]
    )
    periode_sluit(actor=users["inkomensconsulent"], client=client, einddatum=einde, reden=reden)
    return client


def test_undoing_a_wrong_uitstroom_lets_benefit_group_and_contacts_run_on(users):
    client = _uitgestroomd(users)
    q1 = kwartaal_van(D(2026, 2, 27))
    assert indicators.uitstroom_redenen(q1) == {"matchen": {"werk_regulier": 1}}

    uitstroom_corrigeer(
        actor=users["inkomensconsulent"],
        client=client,
        wijze="ongedaan",
        reden="Werkgever trok het contract in voor de eerste werkdag",
    )

    client.refresh_from_db()
    periode = Uitkeringsperiode.objects.get(client=client)
    assert (periode.einddatum, periode.uitstroomreden) == (None, "")
    assert client.fase == Fase.INGEDEELD
    assert Groepslidmaatschap.objects.huidig(client).klantgroep.code == "matchen"
    assert client.contactpersonen.filter(tot__isnull=True).count() == 2
    assert indicators.uitstroom_redenen(q1) == {}
    assert indicators.stromen(q1)["uitstroom"] == {}
    assert indicators.correcties(q1) == {"uitstroom": 1}
    correctie = Correctie.objects.get(client=client)
    assert correctie.was == "Uitstroom per 27-02-2026: Werk (regulier)"
    assert correctie.oud["uitstroomreden"] == "werk_regulier"


def test_a_wrong_uitstroom_reason_or_date_is_put_right(users):
    client = _uitgestroomd(users, reden="verhuizing")
    uitstroom_corrigeer(
        actor=users["inkomensconsulent"],
        client=client,
        wijze="gewijzigd",
        uitstroomreden="werk_lks",
        einddatum=D(2026, 4, 30),
        reden="Klant is niet verhuisd maar met loonkostensubsidie aan het werk",
    )
    periode = Uitkeringsperiode.objects.get(client=client)
    assert (periode.einddatum, periode.uitstroomreden) == (D(2026, 4, 30), "werk_lks")
    assert Groepslidmaatschap.objects.get(client=client).tot == D(2026, 5, 1)
    assert set(client.contactpersonen.values_list("tot", flat=True)) == {D(2026, 5, 1)}
    assert indicators.uitstroom_redenen(kwartaal_van(D(2026, 2, 1))) == {}
    assert indicators.uitstroom_redenen(kwartaal_van(D(2026, 4, 1))) == {"matchen": {"werk_lks": 1}}
    # the correction counts in both quarters it touches
    assert indicators.correcties(kwartaal_van(D(2026, 2, 1))) == {"uitstroom": 1}
    assert indicators.correcties(kwartaal_van(D(2026, 4, 1))) == {"uitstroom": 1}
    with pytest.raises(ValidationError) as exc:
        uitstroom_corrigeer(
            actor=users["inkomensconsulent"],
            client=client,
            wijze="gewijzigd",
            uitstroomreden="werk_lks",
            einddatum=D(2026, 4, 30),
            reden="nogmaals",
        )
    assert "gelijk aan de vastlegging" in exc.value.message_dict["uitstroomreden"][0]


def test_stored_figures_of_a_finished_period_follow_a_correction(users):
    client = _uitgestroomd(users, einde=D(2025, 11, 28))
    q4 = kwartaal_van(D(2025, 11, 28))
    voor = periodecijfers(q4)
    assert voor["huidig"]["redenen"] == {"matchen": {"werk_regulier": 1}}
    uitstroom_corrigeer(
        actor=users["inkomensconsulent"],
        client=client,
        wijze="gewijzigd",
        uitstroomreden="verhuizing",
        einddatum=D(2025, 11, 28),
        reden="Verhuisd naar Zwolle, geen werk",
    )
    na = periodecijfers(q4)
    assert na["huidig"]["redenen"] == {"matchen": {"verhuizing": 1}}
    assert na["huidig"]["correcties"] == {"uitstroom": 1}


def test_pages_links_and_owners(client_as, users):
    coach = client_as("werkcoach")
    wissel = _doorgestroomd(users)
    dossier = coach.get(reverse("clients:dossier", args=[wissel.pk])).content.decode()
    url = reverse("clients:groep_corrigeren", args=[wissel.pk])
    assert url in dossier
    pagina = coach.get(url).content.decode()
    assert "Doorstroom naar Matchen" in pagina and "ongedaan maken" in pagina
    response = coach.post(url, {"wijze": "ongedaan", "reden": ""})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Correctie.objects.exists()
    response = coach.post(url, {"wijze": "ongedaan", "reden": "Verkeerde klant aangeklikt"})
    assert response.status_code == 302
    dossier = coach.get(reverse("clients:dossier", args=[wissel.pk])).content.decode()
    assert "Correcties van groepswijzigingen" in dossier
    assert "Verkeerde klant aangeklikt" in dossier
    tijdlijn = coach.get(reverse("clients:tijdlijn", args=[wissel.pk])).content.decode()
    assert "Correctie klantgroep: Doorstroom naar Matchen per 02-02-2026" in tijdlijn
    # after the undo only the eerste indeling is left: no undo offered, no correction link
    assert "ongedaan maken" not in coach.get(url).content.decode()

    uit = _uitgestroomd(users)
    uit_url = reverse("clients:uitstroom_corrigeren", args=[uit.pk])
    assert coach.get(uit_url).status_code in (403, 404)  # ending a benefit is IO's decision
    coach.logout()
    io = client_as("inkomensconsulent")
    assert uit_url in io.get(reverse("clients:dossier", args=[uit.pk])).content.decode()
    response = io.post(
        uit_url,
        {
            "wijze": "gewijzigd",
            "uitstroomreden": "verhuizing",
            "einddatum": "27-02-2026",
            "reden": "Verhuisd, geen werk",
        },
    )
    assert response.status_code == 302
    dossier = io.get(reverse("clients:dossier", args=[uit.pk])).content.decode()
    assert "Correcties van uitstroom" in dossier and "Verhuisd, geen werk" in dossier
    # nothing to correct: the page sends the user back with a message, never a dead end
    zonder = client_in_groep("zorgen")
    response = io.get(reverse("clients:uitstroom_corrigeren", args=[zonder.pk]))
    assert response.status_code == 302


def test_the_dashboard_says_the_period_was_corrected(users, client_as):
    clients = [_uitgestroomd(users, einde=D(2025, 11, 28)) for _ in range(5)]
    for c in clients:
        uitstroom_corrigeer(
            actor=users["inkomensconsulent"],
            client=c,
            wijze="ongedaan",
            reden="Uitstroom bij de verkeerde klant vastgelegd",
        )
    http = client_as("beleidsmedewerker")
    pagina = http.get(reverse("monitoring:dashboard"), {"periode": "2025Q4"}).content.decode()
    assert "Gecorrigeerd in deze periode: 5 uitstromen." in pagina
    # the sentence follows the small-number rule of the tables
    groep = _doorgestroomd(users, van=D(2025, 11, 3))
    groepswijziging_corrigeer(
        actor=users["werkcoach"], client=groep, wijze="ongedaan", reden="Verkeerde klant"
    )
    pagina = http.get(reverse("monitoring:dashboard"), {"periode": "2025Q4"}).content.decode()
    assert "minder dan 5 groepswijzigingen en 5 uitstromen" in pagina


def test_a_closed_dossier_gets_no_group_change_from_any_door(users):
    client = _uitgestroomd(users)
    with pytest.raises(ValidationError) as exc:
        groepsindeling_wijzig(
            actor=users["inkomensconsulent"],
            client=client,
            klantgroep=klantgroep("zorgen"),
            van=D(2026, 3, 2),
            soort="terugval",
            reden="na uitstroom",
            gekozen_klantgroep=klantgroep("zorgen"),
            geadviseerde_klantgroep=klantgroep("zorgen"),
        )
    assert "afgesloten" in exc.value.message_dict["klantgroep"][0]
    client.refresh_from_db()
    assert client.fase == Fase.AFGESLOTEN
    assert Groepslidmaatschap.objects.get(client=client).tot == D(2026, 2, 28)
