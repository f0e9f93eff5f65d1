"""Issue 31 part 3, the marker test: recognisable values in every sensitive category, seeded
on the access matrix's own client; every GET page, export and API read of the matrix walked
as every role; a category a role may not see (DESIGN.md §1, need-to-know per section) must
not appear in any response.

The categories and who may see them:

* rechtmatigheid (selection reason, motivation, the gesprek's reason for an onderzoek) and
  samenloop signals: the handhaver and the inkomensconsulent;
* income (inkomenssituatie) and leefsituatie from a voortgangsgesprek: IO roles;
* what the client shared with DWT for the plan (a flag per item: here the leefsituatie of a
  second gesprek and the diagnose of Lichamelijke gezondheid): IO roles and DWT's dossier
  roles; what was not shared (the diagnose of Verslaving, the bespreking of the leefgebieden):
  IO roles only;
* the screening's estimate of rechtmatigheid: the poortwachter, the inkomensconsulent and the
  handhaver;
* urgent signals (broodnood, huisuitzetting, schulden: bestaanszekerheid): IO roles; a DWT
  role reads the ones DWT reported;
* contact details (e-mail): the dossier roles (the trainer sees names, beleid nothing);
* the full BSN: IO roles (DWT roles, the trainer, beleid and beheer see it masked or not).

A marker is a literal text, or a compiled pattern where the value is not unique text (a
diagnose score is a leefgebied with a word and a number).
"""

import datetime
import re

import pytest
import time_machine
from rest_framework.test import APIClient

from clients.begeleiding.models import Voortgangsgesprek
from clients.groepen.models import Groepslidmaatschap
from clients.handhaving.models import Rechtmatigheidsonderzoek
from clients.intake.models import Ambitiegesprek, DiagnoseVraag, Screening
from clients.models import Client, Signaal, Uitkeringsperiode
from tests.fixtures.otp import login_met_tweede_factor
from tests.test_access_matrix import (  # noqa: F401  (wereld is a fixture)
    HH,
    IC,
    IN,
    MATRIX,
    PM,
    PW,
    ROLLEN,
    WC,
    _url,
    antwoord_tekst,
    objecten_voor,
    wereld,
)

pytestmark = pytest.mark.django_db

IO = {PW, IC, PM, HH}
RECHTMATIG = {HH, IC}
DOSSIER = IO | {IN, WC}
SCORE = r"(</th>\s*<td[^>]*>|: )(grote zorgen|zorgen|redelijk|gaat vrij goed|gaat goed) \(\d,\d\)"
MARKERS: dict[str, tuple[str | re.Pattern, set]] = {
    "rechtmatigheid": ("MRKSELECTIETOELICHTING", RECHTMATIG),
    "rechtmatigheid-motivatie": ("MRKONDERZOEKMOTIVATIE", RECHTMATIG),
    "rechtmatigheid-gesprek": ("MRKNADERONDERZOEKREDEN", RECHTMATIG),
    "samenloop": ("MRKSAMENLOOPSIGNAAL", RECHTMATIG),
    "inkomen": ("MRKINKOMENSSITUATIE", IO),
    "leefsituatie": ("MRKLEEFSITUATIE", IO),
    "leefsituatie-gedeeld": ("MRKGEDEELDELEEFSITUATIE", DOSSIER),
    "diagnose-gedeeld": (re.compile("Lichamelijke gezondheid" + SCORE), DOSSIER),
    "diagnose-niet-gedeeld": (re.compile("Verslaving" + SCORE), IO),
    "bespreking-leefgebieden": ("MRKBESPREKINGLEEFGEBIEDEN", IO),
    "screening-rechtmatigheid": (
        re.compile(r'Onzeker: nader onderzoek|"rechtmatigheid": ?"onzeker"'),
        {PW, IC, HH},
    ),
    "contact": ("mrkcontact@voorbeeld.nl", DOSSIER),
    # urgent signals are bestaanszekerheid: IO roles, DWT only the ones DWT reported
    "schulden-signaal": ("MRKSCHULDENSIGNAAL", IO),
    "signaal-van-dwt": ("MRKSIGNAALVANDWT", DOSSIER),
}


def _zaai_ambitiegesprek(klant, wereld):  # noqa: F811
    """An ambitiegesprek on the own client, copied from the world's Faciliteren one: every
    leefgebied scored, Lichamelijke gezondheid shared for the plan, Verslaving not."""
    bron = Ambitiegesprek.objects.filter(client_id=wereld["faciliteren"]).get()
    vragen = DiagnoseVraag.objects.filter(instrument=bron.instrument)
    bron.pk = None
    bron.client = klant
    bron.lidmaatschap = Groepslidmaatschap.objects.actueel().get(client=klant)
    bron.antwoorden = {str(v.pk): 2 for v in vragen}
    bron.leefgebieden_toelichting = MARKERS["bespreking-leefgebieden"][0]
    bron.gedeelde_leefgebieden = ["gezondheid"]
    bron.save()


def _zaai(users, wereld):  # noqa: F811
    klant = Client.objects.get(pk=wereld["objecten"]["client"])
    Rechtmatigheidsonderzoek.objects.filter(pk=wereld["objecten"]["onderzoek"]).update(
        selectie_toelichting=MARKERS["rechtmatigheid"][0],
        motivatie=MARKERS["rechtmatigheid-motivatie"][0],
    )
    Signaal.objects.create(client=klant, soort="samenloop", omschrijving=MARKERS["samenloop"][0])
    Client.objects.filter(pk=klant.pk).update(email=MARKERS["contact"][0])
    for marker, door in (("schulden-signaal", users[IC]), ("signaal-van-dwt", users[WC])):
        Signaal.objects.create(
            client=klant,
            soort="schulden",
            urgent=True,
            omschrijving=MARKERS[marker][0],
            aangemaakt_door=door,
        )
    Screening.objects.create(
        client=klant,
        periode=Uitkeringsperiode.objects.filter(client=klant).latest("melddatum"),
        datum=datetime.date(2026, 11, 1),
        poortwachter=users[PW],
        rechtmatigheid="onzeker",
        uitkomst="afspraak",
        afspraak_op=datetime.datetime(2026, 11, 5, 10, tzinfo=datetime.UTC),
        intaker=users[IN],
    )
    _zaai_ambitiegesprek(klant, wereld)
    Voortgangsgesprek.objects.create(
        client=klant,
        datum=datetime.date(2026, 11, 10),
        gehouden_door=users[IC],
        plek="kantoor",
        welzijn=4,
        stress=2,
        juiste_groep=True,
        leefsituatie=MARKERS["leefsituatie-gedeeld"][0],
        inkomenssituatie=MARKERS["inkomen"][0],  # never shared, whatever the flags
        gedeeld_met_dwt=["leefsituatie", "welzijn"],
    )
    Voortgangsgesprek.objects.create(
        client=klant,
        datum=datetime.date(2026, 11, 20),
        gehouden_door=users[IC],
        plek="kantoor",
        welzijn=3,
        stress=3,
        juiste_groep=True,
        leefsituatie=MARKERS["leefsituatie"][0],
        inkomenssituatie=MARKERS["inkomen"][0],
        rechtmatigheid_getoetst=True,
        rechtmatigheid_bevinding="onderzoek",
        rechtmatigheid_reden=MARKERS["rechtmatigheid-gesprek"][0],
        verslag="Gesprek over werk",
    )
    return klant


def test_no_role_sees_a_category_it_may_not(users, wereld):  # noqa: F811
    klant = _zaai(users, wereld)
    categorieen = {**MARKERS, "bsn": (klant.bsn, IO)}
    gelezen: dict[str, int] = {}
    gelezen_door: dict[str, set] = {}
    fouten = []
    with time_machine.travel(datetime.datetime(2026, 11, 24, 10, tzinfo=datetime.UTC), tick=False):
        for rol in ROLLEN:
            http = APIClient()
            login_met_tweede_factor(http, users[rol])
            for naam, spec in sorted(MATRIX.items()):
                if spec["method"] != "get":
                    continue
                url = _url(naam, spec, objecten_voor(rol, wereld))
                response = http.get(url, spec["query"] or None, follow=True)
                if response.status_code != 200:
                    continue
                tekst = antwoord_tekst(response)
                for categorie, (marker, mogen) in categorieen.items():
                    if isinstance(marker, re.Pattern):
                        if not marker.search(tekst):
                            continue
                    elif marker not in tekst:
                        continue
                    gelezen[categorie] = gelezen.get(categorie, 0) + 1
                    gelezen_door.setdefault(categorie, set()).add(rol)
                    if rol not in mogen:
                        fouten.append(f"{rol} ziet {categorie} op {naam}")
    per_rol = {rol: sum(1 for f in fouten if f.startswith(f"{rol} ")) for rol in ROLLEN}
    print(f"\nverboden categorieën per rol: {per_rol}; gelezen waar toegestaan: {gelezen}")  # noqa: T201
    # the markers really reach the pages of those who may read them
    assert set(gelezen) == set(categorieen), f"niet gevonden: {set(categorieen) - set(gelezen)}"
    assert fouten == [], "\n".join(sorted(fouten))
    # what the client shared for the plan really reaches the werkcoach
    for categorie in ("leefsituatie-gedeeld", "diagnose-gedeeld", "signaal-van-dwt"):
        assert WC in gelezen_door[categorie], categorie
