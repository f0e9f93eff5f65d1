"""Definitions used in the raad report (the bijlage, referred to where they are used)."""

DEFINITIES = [
    (
        "Klantgroep",
        "Matchen, Groeien, Faciliteren of Zorgen (beleidskader Inzet op maat, §3).",
    ),
    (
        "Bestand op een datum",
        (
            "Klanten met een groepslidmaatschap dat op die datum liep (historie, niet de "
            "huidige stand)."
        ),
    ),
    (
        "Instroom",
        "Klanten die in de periode in een klantgroep kwamen zonder direct daarvoor in een "
        "andere klantgroep te zitten.",
    ),
    (
        "Doorstroom in / uit",
        "Wissel van klantgroep in de periode. Doorstroom: naar een groep met meer "
        "zelfredzaamheid (bijv. Groeien → Matchen); terugval: de andere kant op.",
    ),
    (
        "Uitstroom",
        "Klanten van wie het groepslidmaatschap in de periode eindigde zonder nieuwe "
        "klantgroep: zij verlieten het bestand. Zo geldt per klantgroep: begin + instroom + "
        "doorstroom in − doorstroom uit − uitstroom = eind.",
    ),
    (
        "Nieuwe uitkeringen",
        "Uitkeringsperioden met een startdatum in de periode.",
    ),
    (
        "Beëindigde uitkeringen",
        "Uitkeringsperioden met een einddatum in de periode, naar reden en naar de klantgroep "
        "op de laatste dag. Afwijzing na screening telt niet mee. Naar werk: werk (regulier), "
        "werk met loonkostensubsidie of beschut werk.",
    ),
    (
        "Voorlopig",
        "Een periode die nog niet voorbij is; de cijfers gelden tot en met de peildatum en "
        "kunnen nog veranderen.",
    ),
    (
        "Nulmeting 2019",
        "De eerste bestandsanalyse van juli 2019 uit het beleidskader (§3.3): 300 Matchen, "
        "800 Groeien, 875 Faciliteren, 900 Zorgen.",
    ),
    (
        "Onderdrukking (<5 en x)",
        "Aantallen van 1 tot en met 4 staan als '<5' (primaire onderdrukking). Zou zo'n "
        "aantal uit totalen, andere cellen, verschillen, kwartalen of de vorige periode in "
        "hetzelfde rapport terug te rekenen zijn, dan is ook het kleinste andere getal in die "
        "optelling verborgen, weergegeven als 'x' (secundaire onderdrukking). Percentages staan "
        "er alleen als teller en noemer allebei getoond zijn en de noemer minstens 5 is. Het "
        "totaalbedrag van de voorschotten is verborgen ('x') als hun aantal verborgen is.",
    ),
    (
        "Directe hulp",
        "Wat er meteen is gedaan bij een urgent signaal (broodnood, dreigende huisuitzetting, "
        "schulden): een voorschot op de uitkering (met het bedrag), de voedselbank, "
        "crisisopvang of een verwijzing. Geteld op de dag dat de hulp is vastgelegd.",
    ),
    (
        "Bevroren cijfers",
        (
            "De cijfers zijn bij het maken van het rapport vastgelegd; het rapport verandert "
            "daarna niet meer."
        ),
    ),
]
