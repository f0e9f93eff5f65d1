"""Issue 31 part 3, the marker test: recognisable values in every sensitive category, seeded
on the access matrix's own client; every GET page, export and API read of the matrix walked
as every role; a category a role may not see (DESIGN.md §1, need-to-know per section) must
not appear in any response.

The categories and who may see them:

* rechtmatigheid (selection reason, motivation, the gesprek's reason for an onderzoek) and
  samenloop signals: the handhaver and the inkomensconsulent;
* income (inkomenssituatie) and leefsituatie from a voortgangsgesprek: IO roles;
* the full BSN: IO roles (DWT roles, the trainer, beleid and beheer see it masked or not).
"""

import datetime

import pytest
import time_machine
from rest_framework.test import APIClient

from clients.begeleiding.models import Voortgangsgesprek
from clients.handhaving.models import Rechtmatigheidsonderzoek
from clients.models import Client, Signaal
from tests.fixtures.otp import login_met_tweede_factor
from tests.test_access_matrix import (  # noqa: F401  (wereld is a fixture)
    HH,
    IC,
    MATRIX,
    PM,
    PW,
    ROLLEN,
    _url,
    antwoord_tekst,
    objecten_voor,
    wereld,
)

pytestmark = pytest.mark.django_db

IO = {PW, IC, PM, HH}
RECHTMATIG = {HH, IC}
MARKERS = {
    "rechtmatigheid": ("MRKSELECTIETOELICHTING", RECHTMATIG),
    "rechtmatigheid-motivatie": ("MRKONDERZOEKMOTIVATIE", RECHTMATIG),
    "rechtmatigheid-gesprek": ("MRKNADERONDERZOEKREDEN", RECHTMATIG),
    "samenloop": ("MRKSAMENLOOPSIGNAAL", RECHTMATIG),
    "inkomen": ("MRKINKOMENSSITUATIE", IO),
    "leefsituatie": ("MRKLEEFSITUATIE", IO),
}


def _zaai(users, wereld):  # noqa: F811
    klant = Client.objects.get(pk=wereld["objecten"]["client"])
    Rechtmatigheidsonderzoek.objects.filter(pk=wereld["objecten"]["onderzoek"]).update(
        selectie_toelichting=MARKERS["rechtmatigheid"][0],
        motivatie=MARKERS["rechtmatigheid-motivatie"][0],
    )
    Signaal.objects.create(client=klant, soort="samenloop", omschrijving=MARKERS["samenloop"][0])
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
                    if marker not in tekst:
                        continue
                    gelezen[categorie] = gelezen.get(categorie, 0) + 1
                    if rol not in mogen:
                        fouten.append(f"{rol} ziet {categorie} op {naam}")
    per_rol = {rol: sum(1 for f in fouten if f.startswith(f"{rol} ")) for rol in ROLLEN}
    print(f"\nverboden categorieën per rol: {per_rol}; gelezen waar toegestaan: {gelezen}")  # noqa: T201
    # the markers really reach the pages of those who may read them
    assert set(gelezen) == set(categorieen), f"niet gevonden: {set(categorieen) - set(gelezen)}"
    assert fouten == [], "\n".join(sorted(fouten))
