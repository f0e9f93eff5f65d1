"""Tasks as the one truth of what is due: states, one open per kind, who closes what."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from clients.constants import TaakSoort, TaakStatus
from clients.handhaving.models import Rechtmatigheidsonderzoek
from clients.handhaving.services import onderzoek_besluit
from clients.models import Taak
from clients.taken import taak_draag_over, taak_plan, taak_rond_af, taak_verplaats
from deventer_werk.audit.models import AuditEvent
from tests.factories import client_in_groep

pytestmark = pytest.mark.django_db
D = datetime.date


def _taak(client, soort=TaakSoort.VOORTGANGSGESPREK, **kw):
    return Taak.objects.create(
        client=client, soort=soort, omschrijving="x", datum=kw.pop("datum", D(2026, 11, 20)), **kw
    )


def test_the_database_refuses_a_second_open_task_of_a_kind(users):
    klant = client_in_groep("zorgen", io=users["inkomensconsulent"])
    _taak(klant, medewerker=users["inkomensconsulent"])
    with pytest.raises(IntegrityError), transaction.atomic():
        _taak(klant, rol="inkomensconsulent", datum=D(2026, 12, 1))
    # closed tasks and kinds that may be open several times are not limited
    _taak(klant, soort=TaakSoort.NAZORG, medewerker=users["werkcoach"])
    _taak(klant, soort=TaakSoort.NAZORG, medewerker=users["werkcoach"])
    taak, nieuw = taak_plan(
        client=klant,
        soort=TaakSoort.VOORTGANGSGESPREK,
        omschrijving="nog een",
        datum=D(2027, 1, 1),
        rol="inkomensconsulent",
    )
    assert not nieuw and taak.datum == D(2026, 11, 20)


def test_done_by_hand_needs_a_note_and_records_who_when_why(users):
    klant = client_in_groep("zorgen", io=users["inkomensconsulent"])
    ic = users["inkomensconsulent"]
    taak = _taak(klant, medewerker=ic)
    with pytest.raises(ValidationError):
        taak_rond_af(taak=taak, door=ic, notitie=" ")
    taak = taak_rond_af(taak=taak, door=ic, notitie="Telefonisch gesproken")
    assert (taak.status, taak.afgerond_door, taak.reden) == (
        "afgerond",
        ic,
        "Telefonisch gesproken",
    )
    assert taak.afgerond_op is not None
    assert AuditEvent.objects.filter(object_type="taak", client_id=klant.pk).count() == 1


def test_reschedule_keeps_history_and_one_open_task(users):
    klant = client_in_groep("zorgen", io=users["inkomensconsulent"])
    ic = users["inkomensconsulent"]
    taak = _taak(klant, medewerker=ic, sleutel=f"voortgang:{klant.pk}:2026-11-20")
    with pytest.raises(ValidationError) as exc:
        taak_verplaats(taak=taak, datum=D(2026, 12, 5), reden="", door=ic)
    assert "reden" in exc.value.message_dict
    nieuw = taak_verplaats(taak=taak, datum=D(2026, 12, 5), reden="Klant ziek", door=ic)
    taak.refresh_from_db()
    assert taak.status == TaakStatus.VERPLAATST and taak.reden == "Klant ziek"
    assert nieuw.status == "open" and nieuw.datum == D(2026, 12, 5)
    assert nieuw.sleutel == f"voortgang:{klant.pk}:2026-11-20"  # the planner does not re-add
    assert Taak.objects.filter(client=klant, status="open").count() == 1


def test_hand_over_to_the_team_queue_is_audited(users):
    klant = client_in_groep("zorgen", io=users["inkomensconsulent"])
    ic = users["inkomensconsulent"]
    taak = taak_draag_over(
        taak=_taak(klant, medewerker=ic),
        door=ic,
        rol="inkomensconsulent",
        organisatie="IO",
        reden="Met verlof",
    )
    assert (taak.medewerker, taak.rol, taak.organisatie) == (None, "inkomensconsulent", "IO")
    event = AuditEvent.objects.get(object_type="taak")
    assert event.details["wat"] == "overgedragen" and event.details["van"] == ic.pk


def test_a_voortgangsgesprek_does_not_close_a_review_but_an_onderzoek_does(users):
    from clients.begeleiding.services import voortgangsgesprek_leg_vast

    klant = client_in_groep("zorgen", io=users["inkomensconsulent"])
    _taak(klant, medewerker=users["inkomensconsulent"])
    steekproef = _taak(klant, soort=TaakSoort.STEEKPROEF, rol="handhaver", organisatie="IO")
    periodiek = _taak(klant, soort=TaakSoort.RECHTMATIGHEID, rol="handhaver", organisatie="IO")
    voortgangsgesprek_leg_vast(
        actor=users["inkomensconsulent"],
        client=klant,
        datum=D(2026, 11, 23),
        plek="thuis",
        welzijn=3,
        stress=3,
        juiste_groep=True,
        rechtmatigheid_getoetst=True,
        rechtmatigheid_bevinding="geen",
    )
    statussen = dict(Taak.objects.filter(client=klant).values_list("soort", "status"))
    assert statussen == {
        "voortgangsgesprek": "afgerond",
        "steekproef": "open",
        "rechtmatigheid": "open",
    }
    onderzoek = Rechtmatigheidsonderzoek.objects.create(
        client=klant,
        selectiereden="steekproef",
        gestart_op=D(2026, 11, 1),
        handhaver=users["handhaver"],
    )
    onderzoek_besluit(
        actor=users["handhaver"],
        onderzoek=onderzoek,
        versie=onderzoek.versie,
        bevinding="rechtmatig",
        uitkomsten=["geen_actie"],
        motivatie="In orde",
        besloten_op=D(2026, 11, 24),
    )
    for taak in (steekproef, periodiek):
        taak.refresh_from_db()
        assert taak.status == "afgerond" and taak.afgerond_door == users["handhaver"]


def test_every_task_links_to_the_form_that_does_the_work(users):
    klant = client_in_groep("zorgen", io=users["inkomensconsulent"])
    assert _taak(klant, rol="inkomensconsulent").formulier_url.endswith(
        f"/klanten/{klant.pk}/voortgangsgesprek/"
    )
    nazorg = _taak(klant, soort=TaakSoort.NAZORG, sleutel="nazorg:42:6", rol="werkcoach")
    assert nazorg.formulier_url.endswith("/plaatsingen/42/")
    overig = _taak(klant, soort=TaakSoort.OVERIG, rol="werkcoach")
    assert overig.formulier_url.endswith(f"/klanten/{klant.pk}/")
