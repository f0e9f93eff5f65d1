"""The four klantgroepen as the policy "Inzet op maat" (2020) describes them (§3.1, §3.3).

Used by the data migration; afterwards the functioneel beheerder owns the values.
"""

KLANTGROEPEN = [
    {
        "code": "matchen",
        "naam": "Matchen",
        "volgorde": 1,
        "kenmerken": "Minder dan 6 maanden uitkering; direct plaatsbaar.",
        "dienstverlening": (
            "Intensieve begeleiding richting kansrijke sectoren: matching, stages, work fast; "
            "werkgeversdienstverlening faciliterend."
        ),
        "regie": "DWT",
        "voortgangsgesprekken_per_jaar": 0,
        "rechtmatigheid_interval_maanden": None,
        "rechtmatigheid_in_voortgangsgesprek": False,
        "themabijeenkomst_type": "branchegericht",
        "max_maanden_uitkering": 6,
        "handhaving_focus": "",
        "omvang_2019": 300,
    },
    {
        "code": "groeien",
        "naam": "Groeien",
        "volgorde": 2,
        "kenmerken": (
            "Tot 3 jaar uitkering; belemmeringen om direct plaatsbaar te zijn; "
            "ontwikkelmogelijkheden om binnen ca. 3 jaar aan het werk te gaan."
        ),
        "dienstverlening": (
            "Coaching, diagnose + werkfit maken, (snuffel)stages, werkleerroutes en "
            "loonkostensubsidie (nazorg); 1× per jaar voortgangsgesprek rechtmatigheid en "
            "bestaanszekerheid."
        ),
        "regie": "DWT",
        "voortgangsgesprekken_per_jaar": 1,
        "rechtmatigheid_interval_maanden": 12,
        "rechtmatigheid_in_voortgangsgesprek": True,
        "themabijeenkomst_type": "branchegericht",
        "max_maanden_uitkering": 36,
        "handhaving_focus": "Niet-willers (ultiem middel: verplichte plaatsing)",
        "omvang_2019": 800,
    },
    {
        "code": "faciliteren",
        "naam": "Faciliteren",
        "volgorde": 3,
        "kenmerken": (
            "Potentieel om binnen drie jaar van waarde te zijn voor de samenleving, "
            "maar niet voor de arbeidsmarkt."
        ),
        "dienstverlening": (
            "Participatieplekken: vrijwilligerswerk, additionele arbeid; deels Wmo; "
            "2× per jaar voortgangsgesprek (deels thuis); 1× per 2 jaar rechtmatigheidsonderzoek."
        ),
        "regie": "IO",
        "voortgangsgesprekken_per_jaar": 2,
        "rechtmatigheid_interval_maanden": 24,
        "rechtmatigheid_in_voortgangsgesprek": False,
        "themabijeenkomst_type": "wijkgericht",
        "max_maanden_uitkering": None,
        "handhaving_focus": "",
        "omvang_2019": 875,
    },
    {
        "code": "zorgen",
        "naam": "Zorgen",
        "volgorde": 4,
        "kenmerken": (
            "Grote belemmeringen om te participeren in de samenleving en gering "
            "ontwikkelpotentieel; geen arbeidsmarktpotentieel."
        ),
        "dienstverlening": (
            "2× per jaar voortgangsgesprek, ook in het kader van rechtmatigheid en "
            "bestaanszekerheid (deels thuis); preventie van armoede en schulden; wijkgericht."
        ),
        "regie": "IO",
        "voortgangsgesprekken_per_jaar": 2,
        "rechtmatigheid_interval_maanden": 6,
        "rechtmatigheid_in_voortgangsgesprek": True,
        "themabijeenkomst_type": "wijkgericht",
        "max_maanden_uitkering": None,
        "handhaving_focus": "Mensen die onterecht in deze 'rustige' groep terecht willen komen",
        "omvang_2019": 900,
    },
]


#: The klantgroep advice at the ambitiegesprek, as the policy gives it (issue 27); tried in
#: order, the first that holds advises. Policy §3.3 says explicitly that it does not work with
#: target groups such as "jongeren": age alone is no rule (the condition exists for the
#: beheerder), the doelgroepenregister is.
ADVIESREGELS = [
    {
        "volgorde": 10,
        "klantgroep": "groeien",
        "omschrijving": "Jongere in het doelgroepenregister",
        "beleid": "Inzet op maat §3.3: in principe vallen alle jongeren die behoren tot het "
        "doelgroepenregister in de groep Groeien",
        "doelgroepenregister": True,
    },
    {
        "volgorde": 20,
        "klantgroep": "matchen",
        "omschrijving": "Kort in de uitkering en direct plaatsbaar",
        "beleid": "Inzet op maat §3.1/§3.3: Matchen, minder dan 6 maanden uitkering, direct "
        "plaatsbaar",
        "uitkering_maanden_tot": 6,
        "perspectieven": ["direct"],
        "groeien_kenmerk": False,
    },
    {
        "volgorde": 30,
        "klantgroep": "groeien",
        "omschrijving": "Kenmerk van Groeien",
        "beleid": "Inzet op maat §3.3: kenmerken Groeien (verminderde loonwaarde, niet-willers, "
        "niet-weters, vanuit WW, beschut)",
        "groeien_kenmerk": True,
    },
    {
        "volgorde": 40,
        "klantgroep": "groeien",
        "omschrijving": "Kan (met ondersteuning) aan het werk",
        "beleid": "Inzet op maat §3.1: Groeien, kan aan het werk maar heeft eerst "
        "ondersteuning nodig (binnen ca. 3 jaar)",
        "perspectieven": ["direct", "werk_3_jaar"],
    },
    {
        "volgorde": 50,
        "klantgroep": "faciliteren",
        "omschrijving": "Van waarde voor de samenleving",
        "beleid": "Inzet op maat §3.1: Faciliteren, binnen drie jaar van waarde voor de "
        "samenleving, niet voor de arbeidsmarkt",
        "perspectieven": ["samenleving"],
    },
    {
        "volgorde": 60,
        "klantgroep": "zorgen",
        "omschrijving": "Grote belemmeringen",
        "beleid": "Inzet op maat §3.1: Zorgen, grote belemmeringen en geen arbeidsmarktpotentieel",
        "perspectieven": ["geen"],
    },
]
