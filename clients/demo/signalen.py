"""Demo: urgent signals with the direct help the poortwachter gave (issue 30), so the start
page, the dossier and the monitoring show what "direct handelen" looks like."""

import random
from decimal import Decimal

from clients.constants import DirecteHulp, Fase, SignaalSoort
from clients.models import Client
from clients.signalen import signaal_meld
from deventer_werk.accounts.constants import Rol
from deventer_werk.audit.constants import Herkomst

#: (soort, directe hulp, voorschot, verwezen naar, omschrijving), dealt out in turn
VOORBEELDEN = [
    (SignaalSoort.BROODNOOD, DirecteHulp.VOORSCHOT, "150.00", "", "Geen geld voor eten"),
    (SignaalSoort.BROODNOOD, DirecteHulp.VOEDSELBANK, None, "", "Koelkast leeg"),
    (SignaalSoort.HUISUITZETTING, DirecteHulp.CRISISOPVANG, None, "", "Vonnis, ontruiming"),
    (
        SignaalSoort.SCHULDEN,
        DirecteHulp.VERWIJZING,
        None,
        "Budget Adviesbureau Deventer",
        "Aanmaningen energie",
    ),
    (SignaalSoort.BROODNOOD, DirecteHulp.VOORSCHOT, "275.50", "", "Uitkering WW gestopt"),
    (SignaalSoort.HUISUITZETTING, DirecteHulp.GEEN, None, "", "Huurachterstand 3 maanden"),
]


def urgente_signalen_maak(*, seed: int, users) -> dict[str, int]:
    rng = random.Random(seed + 30)
    meldingen = list(
        Client.objects.filter(fase=Fase.MELDING).order_by("achternaam", "voornamen", "pk")
    )
    gekozen = rng.sample(meldingen, min(len(VOORBEELDEN), len(meldingen)))
    poortwachter = users[Rol.POORTWACHTER.value][0]
    for client, (soort, hulp, bedrag, naar, tekst) in zip(gekozen, VOORBEELDEN, strict=False):
        signaal_meld(
            actor=poortwachter,
            client=client,
            soort=soort,
            omschrijving=f"{tekst} (demodata)",
            bron="screening",
            herkomst=Herkomst.COMMANDO,
            directe_hulp=hulp,
            voorschot_bedrag=Decimal(bedrag) if bedrag else None,
            verwezen_naar=naar,
        )
    return {"urgente signalen": len(gekozen)}
