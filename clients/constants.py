from django.db import models


class Fase(models.TextChoices):
    """Where the dossier is in the klantreis (operational state; history lives elsewhere)."""

    MELDING = "melding", "Melding en screening"
    INTAKE = "intake", "Intake bij DWT"
    INGEDEELD = "ingedeeld", "Ingedeeld in klantgroep"
    AFGESLOTEN = "afgesloten", "Afgesloten"


class Wijk(models.TextChoices):
    BINNENSTAD = "binnenstad", "Binnenstad"
    ZANDWEERD = "zandweerd", "Zandweerd"
    KEIZERSLANDEN = "keizerslanden", "Keizerslanden"
    RIVIERENWIJK = "rivierenwijk", "Rivierenwijk"
    VOORSTAD = "voorstad", "Voorstad"
    BORGELE_PLATVOET = "borgele_platvoet", "Borgele en Platvoet"
    COLMSCHATE = "colmschate", "Colmschate"
    VIJFHOEK = "vijfhoek", "Vijfhoek"
    DE_HOVEN = "de_hoven", "De Hoven"
    ZANDWEERD_NOORD = "zandweerd_noord", "Zandweerd-Noord"
    DIEPENVEEN = "diepenveen", "Diepenveen"
    SCHALKHAAR = "schalkhaar", "Schalkhaar"
    BATHMEN = "bathmen", "Bathmen"


class Uitstroomreden(models.TextChoices):
    WERK_REGULIER = "werk_regulier", "Werk (regulier)"
    WERK_LKS = "werk_lks", "Werk met loonkostensubsidie"
    BESCHUT_WERK = "beschut_werk", "Beschut werk"
    STUDIE = "studie", "Studie"
    VERHUIZING = "verhuizing", "Verhuizing"
    ANDERE_UITKERING = "andere_uitkering", "Andere uitkering"
    DETENTIE = "detentie", "Detentie"
    OVERLIJDEN = "overlijden", "Overlijden"
    GEEN_RECHT = "geen_recht", "Geen recht (na screening)"
    OVERIG = "overig", "Overig"


UITSTROOM_NAAR_WERK = frozenset(
    {Uitstroomreden.WERK_REGULIER, Uitstroomreden.WERK_LKS, Uitstroomreden.BESCHUT_WERK}
)


class SignaalSoort(models.TextChoices):
    BROODNOOD = "broodnood", "Broodnood"
    HUISUITZETTING = "huisuitzetting", "Dreigende huisuitzetting"
    SCHULDEN = "schulden", "Schulden"
    KICKOFF_NIET_VERSCHENEN = "kickoff_no_show", "Niet verschenen op kick-off"
    NIET_MEEWERKEN = "niet_meewerken", "Werkt niet mee (Groeien)"
    MEER_MOGELIJK = "meer_mogelijk", "Lijkt meer te kunnen (Zorgen)"
    SAMENLOOP = "samenloop", "Samenloopsignaal"
    GROEP_NIET_BESPROKEN = "groep_niet_besproken", "Klantgroep lang niet besproken"
    UITKERINGSDUUR = "uitkeringsduur", "Uitkeringsduur past niet meer bij de klantgroep"
    OVERIG = "overig", "Overig"


URGENTE_SIGNALEN = frozenset(
    {SignaalSoort.BROODNOOD, SignaalSoort.HUISUITZETTING, SignaalSoort.SCHULDEN}
)


class DirecteHulp(models.TextChoices):
    """What was done at once for an urgent signal (beleid §3.2, §4.1: the poortwachter "pakt
    door in het geval van broodnood of dreigende huisuitzetting"). Empty: not recorded (a
    signal that is not urgent, or one from before this was asked)."""

    NIET_VASTGELEGD = "", "Niet vastgelegd"
    GEEN = "geen", "Nog geen directe hulp"
    VOORSCHOT = "voorschot", "Voorschot op de uitkering"
    VOEDSELBANK = "voedselbank", "Voedselbank"
    CRISISOPVANG = "crisisopvang", "Crisisopvang"
    VERWIJZING = "verwijzing", "Verwijzing naar een hulpverlener"


#: The kinds that are help given (counted in monitoring); "geen" and empty are not.
DIRECTE_HULP_GEGEVEN = (
    DirecteHulp.VOORSCHOT,
    DirecteHulp.VOEDSELBANK,
    DirecteHulp.CRISISOPVANG,
    DirecteHulp.VERWIJZING,
)
#: A sane ceiling for a voorschot in euros: about two months of the bijstandsnorm; a larger
#: amount is a typing error (an extra zero), not an advance.
VOORSCHOT_MAXIMUM = 5000


class TaakSoort(models.TextChoices):
    AMBITIEGESPREK = "ambitiegesprek", "Ambitiegesprek"
    KICKOFF = "kickoff", "Kick-off"
    BESLUIT = "besluit", "Besluit op aanvraag"
    VOORTGANGSGESPREK = "voortgangsgesprek", "Voortgangsgesprek"
    RECHTMATIGHEID = "rechtmatigheid", "Rechtmatigheidsonderzoek"
    STEEKPROEF = "steekproef", "Steekproef rechtmatigheid"
    PLAN_HERZIEN = "plan_herzien", "Plan van aanpak herzien"
    GROEP_HERZIEN = "groep_herzien", "Klantgroep herzien"
    NAZORG = "nazorg", "Nazorg-controle"
    UITKERING_EINDE = "uitkering_einde", "Besluit einde uitkering (plaatsing)"
    NADER_ONDERZOEK = "nader_onderzoek", "Signaal voor handhaving"
    ONDERZOEK_UITKOMST = "onderzoek_uitkomst", "Uitkomst rechtmatigheidsonderzoek uitvoeren"
    OPVOLGING = "opvolging", "Opvolging signaal"
    TOEWIJZEN = "toewijzen", "Klant zonder contactpersoon"
    ACTIE = "actie", "Actie uit plan van aanpak"
    OVERIG = "overig", "Overig"


class TaakStatus(models.TextChoices):
    OPEN = "open", "Open"
    AFGEROND = "afgerond", "Afgerond"
    VERVALLEN = "vervallen", "Vervallen"
    VERPLAATST = "verplaatst", "Verplaatst"


# Kinds of which a client has at most one open task at a time (enforced by the database).
# Nazorg (1, 3, 6, 12 months), plan actions and other work can be open several at once; a
# claim task ("toewijzen") is open at most once per client and organisation (IO and DWT each
# claim their own contact person), a constraint of its own.
TAAK_EEN_OPEN_SOORTEN = (
    "ambitiegesprek",
    "kickoff",
    "besluit",
    "voortgangsgesprek",
    "rechtmatigheid",
    "steekproef",
    "plan_herzien",
)

# Kinds only IO's rechtmatigheid roles see (DESIGN.md §1: DWT roles never see rechtmatigheid).
TAAK_RECHTMATIGHEID_SOORTEN = ("rechtmatigheid", "steekproef")
# Kinds no other organisation than IO sees: the reviews, and the rechtmatigheid loop between
# the inkomensconsulent and the handhaver (issue 30): a request for nader onderzoek and the
# outcome of an onderzoek to carry out.
TAAK_IO_SOORTEN = (*TAAK_RECHTMATIGHEID_SOORTEN, "nader_onderzoek", "onderzoek_uitkomst")


class Leefgebied(models.TextChoices):
    """The leefgebieden an ambitiegesprek and a plan van aanpak cover (integral view)."""

    WERK = "werk", "Werk en dagbesteding"
    FINANCIEN = "financien", "Financiën en schulden"
    HUISVESTING = "huisvesting", "Huisvesting"
    GEZONDHEID = "gezondheid", "Lichamelijke gezondheid"
    PSYCHISCH = "psychisch", "Psychisch welbevinden"
    SOCIAAL = "sociaal", "Sociaal netwerk"
    VAARDIGHEDEN = "vaardigheden", "Taal en vaardigheden"
    GEZIN = "gezin", "Gezin en zorgtaken"
    VERSLAVING = "verslaving", "Verslaving"
    JUSTITIE = "justitie", "Justitie"


# Leefgebieden whose diagnose scores are health, addiction, debts, welzijn or leefsituatie
# (DESIGN.md §1): DWT roles see them only where the client agreed to share them for the plan
# (a flag per leefgebied on the ambitiegesprek). Werk and vaardigheden are the plan itself.
# Justitie is not named there; it is criminal data (AVG art. 10), so the narrower view.
GEVOELIGE_LEEFGEBIEDEN = tuple(
    g for g in Leefgebied if g not in (Leefgebied.WERK, Leefgebied.VAARDIGHEDEN)
)


class GedeeldOnderwerp(models.TextChoices):
    """What of a voortgangsgesprek the client agreed to share with DWT for the plan (DESIGN.md
    §1, a flag per item); the rest of the gesprek (income, minimaregelingen, rechtmatigheid,
    the verslag) stays with Inkomensondersteuning."""

    WELZIJN = "welzijn", "Welzijn en stress"
    LEEFSITUATIE = "leefsituatie", "Leefsituatie"
    SCHULDEN = "schulden", "Signalen van schulden"


class LidmaatschapSoort(models.TextChoices):
    EERSTE_INDELING = "eerste_indeling", "Eerste indeling"
    DOORSTROOM = "doorstroom", "Doorstroom"
    TERUGVAL = "terugval", "Terugval"


# What the ambitiegesprek records (issue 27 part 3; beleid §2.3, §3.1, §3.2, voetnoot 15).
# The empty value is "niet vastgelegd" (gesprekken from before these were recorded); on a
# voortgangsgesprek it means "ongewijzigd".
class Feedbackmethode(models.TextChoices):
    NIET_VASTGELEGD = "", "Niet vastgelegd"
    TOEGEPAST = "toegepast", "Toegepast"
    NIET_TOEGEPAST = "niet_toegepast", "Niet toegepast"


class Huisbezoek(models.TextChoices):
    """Footnote 15: a home visit only when the client is open to it."""

    NIET_VASTGELEGD = "", "Niet vastgelegd"
    JA = "ja", "Ja, staat open voor een huisbezoek"
    NEE = "nee", "Nee"
    NIET_GEVRAAGD = "niet_gevraagd", "Niet gevraagd"


class Commitment(models.TextChoices):
    """§2.3 "afspraak = afspraak": the client signs the plan, or refuses (with the reason)."""

    NIET_VASTGELEGD = "", "Niet vastgelegd"
    GETEKEND = "getekend", "Getekend"
    GEWEIGERD = "geweigerd", "Geweigerd"


class GroeienKenmerk(models.TextChoices):
    """§3.1, the characteristics of the group Groeien. The codes are stable: the group advice
    rules are built on them."""

    VERMINDERDE_LOONWAARDE = "verminderde_loonwaarde", "Verminderde loonwaarde"
    NIET_WILLER = "niet_willer", "Niet-willer"
    NIET_WETER = "niet_weter", "Niet-weter"
    VANUIT_WW = "vanuit_ww", "Komt vanuit de WW"
    BESCHUT = "beschut", "Indicatie beschut werk"
