import datetime
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Q

from clients.begeleiding.models import PlanActie, PlanVanAanpak, Voortgangsgesprek
from clients.constants import TaakSoort, TaakStatus
from clients.demo.catalogus import FUNCTIES, TUSSENVOEGSELS
from clients.groepen.models import Groepslidmaatschap
from clients.handhaving.models import Bevinding, Rechtmatigheidsonderzoek, Selectiereden
from clients.models import Client, Contactpersoon, Taak
from clients.trajecten.models import Participatieplek, Traject, Vacature, Werkgever
from deventer_werk.accounts.constants import Organisatie, Rol
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
    bsns = sorted(Client.objects.values_list("bsn_hash", flat=True))
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
    assert sorted(Client.objects.values_list("bsn_hash", flat=True)) == bsns


# Issue 29 item 6: demo data that looks like Deventer -------------------------------------
NATIONALE_BEDRIJVEN = ("NAM", "ING", "Booking.com", "T-Mobile", "Vitens", "Raet", "Sita")


def _huidige_groep() -> dict:
    return dict(
        Groepslidmaatschap.objects.filter(tot__isnull=True).values_list(
            "client_id", "klantgroep__code"
        )
    )


def test_demo_werkgevers_vacatures_plekken_en_namen_zien_eruit_als_deventer():
    _run()
    vacatures = list(Vacature.objects.select_related("sector", "werkgever"))
    assert vacatures
    for v in vacatures:
        assert v.sector_id == v.werkgever.sector_id
        assert v.functie in FUNCTIES[v.sector.naam], f"{v} ({v.sector})"
    # drop-downs list every werkgever, vacature and plek once
    for namen in (
        [str(w) for w in Werkgever.objects.all()],
        [str(v) for v in vacatures],
        [str(p) for p in Participatieplek.objects.all()],
    ):
        assert len(namen) == len(set(namen))
    for w in Werkgever.objects.values_list("naam", flat=True):
        assert not any(b in w.split() for b in NATIONALE_BEDRIJVEN), w
    for plek in Participatieplek.objects.annotate(
        bezet=Count("plaatsingen", filter=Q(plaatsingen__einde__isnull=True))
    ):
        assert 1 <= plek.plaatsen <= 10 and plek.bezet <= plek.plaatsen, plek
    for tussenvoegsel, achternaam in Client.objects.values_list("tussenvoegsel", "achternaam"):
        woorden = f"{tussenvoegsel} {achternaam}".split()
        assert len(woorden) == len(set(woorden)), woorden  # no "van den den", "de de Jonge"
        assert tussenvoegsel in ("", *TUSSENVOEGSELS) and achternaam[:1].isupper()
        assert " " not in achternaam and "," not in achternaam


def test_demo_contacten_en_acties_volgen_de_regie():
    _run()
    groep = _huidige_groep()
    regie_rol = {
        "matchen": "werkcoach",
        "groeien": "werkcoach",
        "faciliteren": "participatiemakelaar",
    }
    dwt = set(
        Contactpersoon.objects.filter(tot__isnull=True, organisatie=Organisatie.DWT).values_list(
            "client_id", flat=True
        )
    )
    assert not {c for c in dwt if groep.get(c) in ("faciliteren", "zorgen")}
    assert {c for c, g in groep.items() if g == "faciliteren"} & set(
        Contactpersoon.objects.filter(rol=Rol.PARTICIPATIEMAKELAAR).values_list(
            "client_id", flat=True
        )
    )
    rollen = {u.pk: u.groups.get().name for u in User.objects.prefetch_related("groups")}
    plannen = PlanVanAanpak.objects.filter(client_id__in=list(groep)).values_list(
        "client_id", "opgesteld_door_id"
    )
    trajecten = Traject.objects.filter(client_id__in=list(groep)).values_list(
        "client_id", "werkcoach_id"
    )
    assert plannen and trajecten
    for client_id, door in [*plannen, *trajecten]:
        assert rollen[door] == regie_rol[groep[client_id]], (groep[client_id], rollen[door])
    assert not PlanActie.objects.filter(
        plan__client_id__in=[c for c, g in groep.items() if g == "faciliteren"],
        omschrijving__icontains="werkcoach",
    ).exists()
    # one IO consultant at a time, a small history, and the gesprek is held by the one of that day
    io = Contactpersoon.objects.filter(organisatie=Organisatie.IO, rol="")
    per_client = io.values("client_id").annotate(n=Count("medewerker", distinct=True))
    assert max(r["n"] for r in per_client) <= 2
    assert (
        not io.filter(tot__isnull=True).values("client_id").annotate(n=Count("pk")).filter(n__gt=1)
    )
    gesprekken = list(Voortgangsgesprek.objects.values_list("client_id", "datum", "gehouden_door"))
    assert gesprekken
    for client_id, datum, door in gesprekken:
        assert io.filter(
            Q(tot__isnull=True) | Q(tot__gt=datum),
            client_id=client_id,
            medewerker_id=door,
            van__lte=datum,
        ).exists()


def test_demo_rechtmatigheid_zoals_het_beleid_het_heeft():
    _run(clients=800)
    groep = _huidige_groep()
    per_groep: dict[str, Counter] = {}
    for client_id, bevinding, reden, niet_reden in Voortgangsgesprek.objects.values_list(
        "client_id", "rechtmatigheid_bevinding", "rechtmatigheid_reden", "rechtmatigheid_niet_reden"
    ):
        per_groep.setdefault(groep[client_id], Counter())[bevinding] += 1
        if bevinding == "onderzoek":
            assert reden
        if bevinding == "niet" and groep[client_id] in ("groeien", "zorgen"):
            assert niet_reden  # rechtmatigheid belongs in these gesprekken: say why not
    for code in ("groeien", "zorgen"):
        tel = per_groep[code]
        assert tel["geen"] > 0.8 * tel.total() and tel["onderzoek"] > 0, (code, tel)
    assert set(per_groep["faciliteren"]) == {"niet"}  # a separate review every two years
    onderzoeken = Rechtmatigheidsonderzoek.objects.all()
    assert onderzoeken.filter(selectiereden=Selectiereden.SIGNAAL).exists()
    assert 1 <= onderzoeken.lopend().count() <= 0.03 * len(groep)
    besloten = onderzoeken.filter(besloten_op__isnull=False)
    assert besloten.exclude(bevinding=Bevinding.RECHTMATIG).exists()
    faciliteren = sum(1 for g in groep.values() if g == "faciliteren")
    te_laat = Taak.objects.filter(
        soort=TaakSoort.RECHTMATIGHEID,
        status=TaakStatus.OPEN,
        datum__lt=datetime.date(2026, 11, 24),
    ).count()
    assert te_laat <= 0.06 * faciliteren, (te_laat, faciliteren)
