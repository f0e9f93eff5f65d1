"""What the demo data is made of: Dutch names, fictional Deventer employers with vacancies in
their own sector, and local participatieplekken with a realistic number of places.

Every employer and organisation here is invented; no real (national) company name is used, so
a demo never suggests that an existing firm works with the gemeente.
"""

import random
import re
from functools import cache

#: Tussenvoegsels with a rough share among Dutch surnames that have one.
TUSSENVOEGSELS = {
    "van": 30,
    "de": 25,
    "van der": 12,
    "van den": 8,
    "van de": 8,
    "ter": 3,
    "ten": 3,
    "van 't": 2,
    "in 't": 1,
    "op de": 1,
    "te": 1,
}
_WOORD = re.compile(r"^[A-Z][a-zëéèïöüâ]+(-[A-Z][a-zëéèïöüâ]+)?$")


@cache
def _achternamen() -> tuple[str, ...]:
    """Faker's Dutch surnames reduced to the bare name: its list also holds historical ones
    ("Heribert van Laon"), inverted ones ("Bourgondië, van") and names with their own
    tussenvoegsel ("de Jonge"), which combined with a tussenvoegsel gave "van der de Jonge"."""
    from faker.providers.person.nl_NL import Provider  # a development-only package

    kaal = set()
    for naam in Provider.last_names:
        delen = naam.split()
        if delen and " ".join(delen[:-1]) in ("", *TUSSENVOEGSELS) and _WOORD.match(delen[-1]):
            kaal.add(delen[-1])
    return tuple(sorted(kaal))


def naam_kies(rng: random.Random) -> dict[str, str]:
    """A surname as the client record holds it: about a third with one tussenvoegsel."""
    achternaam = rng.choice(_achternamen())
    tussenvoegsel = ""
    if rng.random() < 0.3:
        tussenvoegsel = rng.choices(list(TUSSENVOEGSELS), list(TUSSENVOEGSELS.values()))[0]
    return {"tussenvoegsel": tussenvoegsel, "achternaam": achternaam}


def volledige_achternaam(rng: random.Random) -> str:
    naam = naam_kies(rng)
    return f"{naam['tussenvoegsel']} {naam['achternaam']}".strip()


#: Job titles per sector (the seeded sectors, migration trajecten 0002): a vacancy's title is
#: always one of its own sector's.
FUNCTIES = {
    "Logistiek": ["Orderpicker", "Magazijnmedewerker", "Heftruckchauffeur", "Inpakker"],
    "Bouw": ["Bouwplaatsassistent", "Hulptimmerman", "Grondwerker", "Stratenmaker"],
    "Zorg": ["Helpende zorg", "Facilitair medewerker zorg", "Gastvrouw zorgcentrum"],
    "Schoonmaak": ["Schoonmaker", "Glazenwasser", "Medewerker huishoudelijke dienst"],
    "Techniek": ["Servicemonteur", "Assistent installatietechniek", "Productiemedewerker metaal"],
    "ICT": ["Medewerker ICT-support", "Servicedeskmedewerker", "Data-invoerder"],
    "Horeca": ["Afwasser", "Medewerker bediening", "Keukenhulp"],
    "Detailhandel": ["Vakkenvuller", "Kassamedewerker", "Medewerker webwinkel"],
    "Groen": ["Hovenier", "Medewerker groenonderhoud", "Kwekerijmedewerker"],
}

#: Fictional Deventer employers (name, sector, omvang). Invented names only.
WERKGEVERS = [
    ("IJsselhaven Logistiek", "Logistiek", "groot"),
    ("Distributiecentrum Kloosterlanden", "Logistiek", "groot"),
    ("Transportbedrijf Gebr. Wessels", "Logistiek", "midden"),
    ("Koeriersdienst De Snelle Fiets", "Logistiek", "klein"),
    ("Bouwbedrijf Hanzestad", "Bouw", "midden"),
    ("Aannemersbedrijf Ter Horst", "Bouw", "midden"),
    ("Renovatiebedrijf Oud Deventer", "Bouw", "klein"),
    ("Zorgcentrum De Lindehof", "Zorg", "groot"),
    ("Thuiszorg Salland-Midden", "Zorg", "groot"),
    ("Woonzorg Het Zandpad", "Zorg", "midden"),
    ("Schoonmaakbedrijf Brink & Zonen", "Schoonmaak", "midden"),
    ("Glashelder Schoonmaakdiensten", "Schoonmaak", "klein"),
    ("Facilitair Bedrijf IJsselstreek", "Schoonmaak", "groot"),
    ("Installatiebedrijf Van Raalte", "Techniek", "midden"),
    ("Metaalbewerking Hanzeweg", "Techniek", "midden"),
    ("Elektrotechniek Colmschate", "Techniek", "klein"),
    ("Servicedesk Hanze ICT", "ICT", "midden"),
    ("Datacentrum Oostrik", "ICT", "klein"),
    ("Brasserie De Vismarkt", "Horeca", "klein"),
    ("Hotel Aan de IJsselkade", "Horeca", "midden"),
    ("Grand Café De Brink", "Horeca", "klein"),
    ("Supermarkt Het Buurtschap", "Detailhandel", "midden"),
    ("Bouwmarkt Deventer-Oost", "Detailhandel", "midden"),
    ("Kringloopwarenhuis De Tweede Ronde", "Detailhandel", "klein"),
    ("Hoveniersbedrijf Het Worpplantsoen", "Groen", "klein"),
    ("Kwekerij De Sallandse Heuvel", "Groen", "klein"),
    ("Groenvoorziening IJsselwaarden", "Groen", "midden"),
]

#: Local participatieplekken (organisation, wijk, what, soort, places). Invented names only.
PLEKKEN = [
    ("Buurthuis De Knotwilg", "keizerslanden", "Gastvrouw/gastheer", "vrijwilligerswerk", 4),
    ("Buurthuis De Knotwilg", "keizerslanden", "Klusjesdienst", "vrijwilligerswerk", 2),
    ("Wijkcentrum Het Rivierenhuis", "rivierenwijk", "Koffieschenker", "vrijwilligerswerk", 3),
    ("Wijkcentrum Het Rivierenhuis", "rivierenwijk", "Taalmaatje", "vrijwilligerswerk", 4),
    ("Speeltuinvereniging De Zandweerd", "zandweerd", "Tuinonderhoud", "vrijwilligerswerk", 3),
    (
        "Wijkboerderij Zandweerd-Noord",
        "zandweerd_noord",
        "Dierenverzorging",
        "vrijwilligerswerk",
        4,
    ),
    ("Wijkboerderij Zandweerd-Noord", "zandweerd_noord", "Tuinonderhoud", "vrijwilligerswerk", 3),
    ("Buurtkamer Voorstad", "voorstad", "Gastvrouw/gastheer", "vrijwilligerswerk", 3),
    ("Repair Café Voorstad", "voorstad", "Reparateur", "vrijwilligerswerk", 2),
    ("Buurthuis Borgele", "borgele_platvoet", "Koffieschenker", "vrijwilligerswerk", 3),
    (
        "Voedselbank-uitgiftepunt Platvoet",
        "borgele_platvoet",
        "Inpakken en uitgeven",
        "vrijwilligerswerk",
        6,
    ),
    ("Ontmoetingscentrum Colmschate", "colmschate", "Gastvrouw/gastheer", "vrijwilligerswerk", 4),
    ("Sportpark Colmschate", "colmschate", "Terreinonderhoud", "additionele_arbeid", 3),
    ("Stadsbibliotheek Binnenstad", "binnenstad", "Boeken terugzetten", "vrijwilligerswerk", 3),
    ("Museumwinkel Binnenstad", "binnenstad", "Winkelhulp", "vrijwilligerswerk", 2),
    (
        "Stadsbeheer Deventer, ploeg Vijfhoek",
        "vijfhoek",
        "Zwerfafval opruimen",
        "additionele_arbeid",
        6,
    ),
    ("Dorpshuis De Hoven", "de_hoven", "Klusjesdienst", "vrijwilligerswerk", 2),
    ("Zorgboerderij De Diepenveense Es", "diepenveen", "Dierenverzorging", "vrijwilligerswerk", 5),
    ("Dorpshuis Schalkhaar", "schalkhaar", "Koffieschenker", "vrijwilligerswerk", 2),
    ("Kringloop Bathmen", "bathmen", "Sorteren en prijzen", "additionele_arbeid", 4),
    (
        "Kringloopwarenhuis De Tweede Ronde",
        "keizerslanden",
        "Sorteren en prijzen",
        "additionele_arbeid",
        8,
    ),
    ("Volkstuinvereniging De Hoge Hondstraat", "voorstad", "Tuinonderhoud", "vrijwilligerswerk", 5),
    (
        "Fietsenwerkplaats Rivierenwijk",
        "rivierenwijk",
        "Fietsen opknappen",
        "additionele_arbeid",
        4,
    ),
    ("Buurtrestaurant De Schalm", "zandweerd", "Keukenhulp", "vrijwilligerswerk", 4),
]

COMPETENTIES = [
    "orderpicken",
    "heftruck",
    "klantgericht",
    "betrouwbaar",
    "rijbewijs B",
    "samenwerken",
    "schoonmaken",
    "zorgzaam",
    "technisch inzicht",
    "computervaardig",
    "Nederlandse taal",
    "fysiek werk",
    "nauwkeurig",
    "flexibel rooster",
]
