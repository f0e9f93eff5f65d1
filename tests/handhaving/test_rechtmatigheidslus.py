"""Issue 30, part 2: the rechtmatigheid loop closes both ways. A finding that needs nader
onderzoek becomes a task with its reason in the handhavers' queue; an onderzoek's outcome
that IO carries out becomes a task for the inkomensconsulent with what to do and by when."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from clients.begeleiding.models import Voortgangsgesprek
from clients.begeleiding.werkvoorraad import open_taken
from clients.constants import TaakSoort, TaakStatus
from clients.handhaving.models import Rechtmatigheidsonderzoek
from clients.handhaving.services import onderzoek_besluit, onderzoek_start
from clients.models import Taak
from clients.signalen import signaal_meld
from tests.factories import client_in_groep

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_clock")]
D = datetime.date  # today is 24-11-2026


def _gesprek(**extra) -> dict:
    return {
        "datum": "2026-11-20",
        "plek": "thuis",
        "welzijn": "3",
        "stress": "3",
        "juiste_groep": "ja",
        "rechtmatigheid_getoetst": "on",
        "rechtmatigheid_bevinding": "onderzoek",
        **extra,
    }


def test_nader_onderzoek_in_a_gesprek_puts_the_reason_in_the_handhavers_queue(client_as, users):
    klant = client_in_groep("groeien", van=D(2025, 1, 5), io=users["inkomensconsulent"])
    url = reverse("begeleiding:voortgangsgesprek", args=[klant.pk])
    c = client_as("inkomensconsulent")
    # without a reason: a Dutch message, the input kept, nothing saved
    bad = c.post(url, _gesprek(verslag="Huisbezoek")).content.decode()
    assert "Geef aan wat nader onderzocht moet worden" in bad and "Huisbezoek" in bad
    assert not Voortgangsgesprek.objects.exists()
    assert not Taak.objects.filter(soort=TaakSoort.NADER_ONDERZOEK).exists()

    reden = "Tweede naam op de brievenbus; mogelijk samenwonend"
    assert c.post(url, _gesprek(rechtmatigheid_reden=reden)).status_code == 302
    taak = Taak.objects.get(client=klant, soort=TaakSoort.NADER_ONDERZOEK)
    assert (taak.medewerker, taak.rol, taak.organisatie) == (None, "handhaver", "IO")
    assert taak.omschrijving == f"Nader onderzoek nodig (voortgangsgesprek 20-11-2026): {reden}"
    assert taak.datum == D(2026, 12, 1)
    assert Voortgangsgesprek.objects.get().rechtmatigheid_reden == reden
    # the handhaver's work; DWT never sees it (need-to-know)
    assert open_taken(user=users["handhaver"]).filter(pk=taak.pk).exists()
    assert not open_taken(user=users["werkcoach"]).filter(pk=taak.pk).exists()
    assert taak.formulier_url == reverse("handhaving:onderzoek_start", args=[klant.pk])
    werkvoorraad = client_as("handhaver").get(reverse("begeleiding:werkvoorraad"))
    assert "mogelijk samenwonend" in werkvoorraad.content.decode()

    # starting the onderzoek answers the request
    onderzoek_start(
        actor=users["handhaver"],
        client=klant,
        selectiereden="signaal",
        gestart_op=D(2026, 11, 24),
        toelichting="Voortgangsgesprek: nader onderzoek",
    )
    taak.refresh_from_db()
    assert taak.status == TaakStatus.AFGEROND and taak.afgerond_door == users["handhaver"]


def test_a_werkt_niet_mee_signal_is_a_task_for_the_handhaver(users):
    klant = client_in_groep("groeien", van=D(2025, 1, 5), dwt=users["werkcoach"])
    signaal_meld(
        actor=users["werkcoach"],
        client=klant,
        soort="niet_meewerken",
        omschrijving="Drie afspraken gemist zonder bericht",
    )
    taak = Taak.objects.get(client=klant, soort=TaakSoort.NADER_ONDERZOEK)
    assert taak.omschrijving == "Werkt niet mee: Drie afspraken gemist zonder bericht"
    assert (taak.rol, taak.organisatie) == ("handhaver", "IO")
    assert not open_taken(user=users["werkcoach"]).filter(soort="nader_onderzoek").exists()


def _onrechtmatig(users, onderzoek, **kw):
    return onderzoek_besluit(
        actor=users["handhaver"],
        onderzoek=onderzoek,
        versie=onderzoek.versie,
        bevinding="onrechtmatig",
        motivatie="Samenwonen niet gemeld sinds juni; geen kinderen, eigen woning blijft",
        gevolgen_strikte_uitkomst="Terugbetalen van vijf maanden; geen risico op huisuitzetting",
        omgekeerde_toetsen={
            u: "Aflossing in termijnen past binnen het leefgeld" for u in kw["uitkomsten"]
        },
        besloten_op=D(2026, 11, 23),
        **kw,
    )


def test_an_outcome_for_io_becomes_a_task_for_the_inkomensconsulent_with_what_and_when(
    client_as, users
):
    ic = users["inkomensconsulent"]
    klant = client_in_groep("zorgen", van=D(2025, 1, 5), io=ic)
    onderzoek = onderzoek_start(
        actor=users["handhaver"], client=klant, selectiereden="periodiek", gestart_op=D(2026, 11, 2)
    )
    # without a date: a Dutch message and nothing saved
    with pytest.raises(ValidationError) as exc:
        _onrechtmatig(users, onderzoek, uitkomsten=["terugvordering"])
    assert (
        "wanneer Inkomensondersteuning de uitkomsten uiterlijk uitvoert"
        in (exc.value.message_dict["uitvoeren_uiterlijk"][0])
    )
    onderzoek.refresh_from_db()
    assert onderzoek.besloten_op is None
    assert not Taak.objects.filter(soort=TaakSoort.ONDERZOEK_UITKOMST).exists()

    _onrechtmatig(
        users, onderzoek, uitkomsten=["terugvordering"], uitvoeren_uiterlijk=D(2026, 12, 7)
    )
    taak = Taak.objects.get(client=klant, soort=TaakSoort.ONDERZOEK_UITKOMST)
    assert taak.medewerker == ic and taak.datum == D(2026, 12, 7)
    assert taak.omschrijving.startswith(
        "Terugvordering na rechtmatigheidsonderzoek van 23-11-2026: stel de terugvordering "
        "vast en verstuur het besluit. Samenwonen niet gemeld"
    )
    assert open_taken(user=ic).filter(pk=taak.pk).exists()
    assert not open_taken(user=users["werkcoach"]).filter(pk=taak.pk).exists()
    sectie = client_as("inkomensconsulent").get(reverse("clients:dossier", args=[klant.pk]))
    assert "Uitvoeren door IO uiterlijk 07-12-2026" in sectie.content.decode()


@pytest.mark.parametrize(
    ("uitkomst", "wat"),
    [("herstel", "pas de uitkering aan"), ("stopzetting", "stop de uitkering of trek haar in")],
)
def test_herstel_and_stopzetting_go_to_the_io_queue_without_an_inkomensconsulent(
    users, uitkomst, wat
):
    klant = client_in_groep("faciliteren", van=D(2024, 1, 1))
    onderzoek = onderzoek_start(
        actor=users["handhaver"], client=klant, selectiereden="periodiek", gestart_op=D(2026, 11, 2)
    )
    _onrechtmatig(users, onderzoek, uitkomsten=[uitkomst], uitvoeren_uiterlijk=D(2026, 11, 30))
    taak = Taak.objects.get(client=klant, soort=TaakSoort.ONDERZOEK_UITKOMST)
    assert (taak.medewerker, taak.rol, taak.organisatie) == (None, "inkomensconsulent", "IO")
    assert wat in taak.omschrijving


def test_outcomes_without_io_work_plan_nothing_and_refuse_a_date(users):
    klant = client_in_groep("faciliteren", van=D(2024, 1, 1))
    onderzoek = onderzoek_start(
        actor=users["handhaver"], client=klant, selectiereden="periodiek", gestart_op=D(2026, 11, 2)
    )
    with pytest.raises(ValidationError) as exc:
        _onrechtmatig(
            users, onderzoek, uitkomsten=["waarschuwing"], uitvoeren_uiterlijk=D(2026, 12, 1)
        )
    assert "uitvoeren_uiterlijk" in exc.value.message_dict
    _onrechtmatig(users, onderzoek, uitkomsten=["waarschuwing"])
    assert Rechtmatigheidsonderzoek.objects.get().uitkomsten == ["waarschuwing"]
    assert not Taak.objects.filter(soort=TaakSoort.ONDERZOEK_UITKOMST).exists()


def test_the_outcome_page_takes_the_date(client_as, users):
    klant = client_in_groep("zorgen", van=D(2025, 1, 5), io=users["inkomensconsulent"])
    onderzoek = onderzoek_start(
        actor=users["handhaver"], client=klant, selectiereden="periodiek", gestart_op=D(2026, 11, 2)
    )
    url = reverse("handhaving:onderzoek_besluit", args=[klant.pk, onderzoek.pk])
    data = {
        "bevinding": "onrechtmatig",
        "uitkomsten": ["stopzetting"],
        "gevolgen_strikte_uitkomst": "Geen inkomen meer; woont bij ouders, geen kinderen",
        "toets_stopzetting": "Woont bij ouders; stopzetting brengt geen huisuitzetting",
        "motivatie": "Werkt al drie maanden fulltime zonder melding; recht is vervallen",
        "besloten_op": "2026-11-24",
        "uitvoeren_uiterlijk": "2026-11-20",
        "versie": 1,
    }
    c = client_as("handhaver")
    bad = c.post(url, data).content.decode()
    assert "Uitvoeren kan niet vóór de besluitdatum." in bad and "fulltime" in bad
    assert not Taak.objects.filter(soort=TaakSoort.ONDERZOEK_UITKOMST).exists()
    assert c.post(url, {**data, "uitvoeren_uiterlijk": "2026-11-27"}).status_code == 302
    taak = Taak.objects.get(soort=TaakSoort.ONDERZOEK_UITKOMST)
    assert taak.datum == D(2026, 11, 27) and "stop de uitkering" in taak.omschrijving
