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
