"""Trajecten, plaatsingen, werkgevers and vacatures, participatieplekken, themabijeenkomsten.

The instrument catalogue, sectors and providers are configuration. Trajecten and plaatsingen
are dated facts: the council's "uitstroom naar werk", "slagingspercentage trajecten",
"mensen in werkleerroutes" and "actief via vrijwilligerswerk" are counted from them.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from clients.constants import Wijk


class InstrumentSoort(models.TextChoices):
    MATCHING = "matching", "Matching"
    STAGE = "stage", "Stage"
    SNUFFELSTAGE = "snuffelstage", "Snuffelstage"
    WORK_FAST = "work_fast", "Work fast"
    WERKLEERROUTE = "werkleerroute", "Werkleerroute"
    COACHING = "coaching", "Coaching"
    DIAGNOSE = "diagnose", "Diagnose en werkfit maken"
    SCHOLING = "scholing", "Scholing"
    LKS = "loonkostensubsidie", "Loonkostensubsidie"
    BESCHUT = "beschut_werk", "Beschut werk"
    JOBCOACHING = "jobcoaching", "Jobcoaching"
    NAZORG = "nazorg", "Nazorg"
    PARTICIPATIEPLEK = "participatieplek", "Participatieplek"
    VRIJWILLIGERSWERK = "vrijwilligerswerk", "Vrijwilligerswerk"
    ADDITIONELE_ARBEID = "additionele_arbeid", "Additionele arbeid"


class Sector(models.Model):
    naam = models.CharField("naam", max_length=80, unique=True)
    kansrijk = models.BooleanField("kansrijke sector", default=False)

    class Meta:
        verbose_name = "sector"
        verbose_name_plural = "sectoren"
        ordering = ["-kansrijk", "naam"]

    def __str__(self):
        return self.naam


class Aanbieder(models.Model):
    naam = models.CharField("naam", max_length=120, unique=True)

    class Meta:
        verbose_name = "aanbieder"
        verbose_name_plural = "aanbieders"
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class Instrument(models.Model):
    naam = models.CharField("naam", max_length=120, unique=True)
    soort = models.CharField("soort", max_length=20, choices=InstrumentSoort.choices)
    aanbieders = models.ManyToManyField(Aanbieder, verbose_name="aanbieders", blank=True)
    klantgroepen = models.ManyToManyField(
        "klantgroepen.Klantgroep", verbose_name="voor klantgroepen", related_name="+"
    )
    standaard_duur_weken = models.PositiveSmallIntegerField("standaardduur (weken)", default=12)
    kosten = models.DecimalField(
        "kosten per traject (€)", max_digits=9, decimal_places=2, default=0
    )
    cbs_code = models.CharField("code CBS (SRG)", max_length=20, blank=True)
    actief = models.BooleanField("actief", default=True)

    class Meta:
        verbose_name = "instrument"
        verbose_name_plural = "instrumentencatalogus"
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class Traject(models.Model):
    class Status(models.TextChoices):
        LOPEND = "lopend", "Lopend"
        BEEINDIGD = "beeindigd", "Beëindigd"

    class Resultaat(models.TextChoices):
        SUCCESVOL = "succesvol", "Succesvol"
        VOORTIJDIG = "voortijdig", "Voortijdig beëindigd"

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="trajecten")
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="trajecten")
    aanbieder = models.ForeignKey(Aanbieder, on_delete=models.PROTECT, related_name="+")
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    klantgroep = models.ForeignKey(
        "klantgroepen.Klantgroep",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Klantgroep bij de start",
    )
    start = models.DateField("start")
    gepland_einde = models.DateField("gepland einde")
    einde = models.DateField("werkelijk einde", null=True, blank=True)
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.LOPEND
    )
    resultaat = models.CharField("resultaat", max_length=10, choices=Resultaat.choices, blank=True)
    reden_voortijdig = models.TextField("reden voortijdig einde", blank=True)
    kosten = models.DecimalField("kosten (€)", max_digits=9, decimal_places=2, default=0)
    loonwaarde = models.PositiveSmallIntegerField(
        "loonwaarde (%)",
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    herbeoordeling_op = models.DateField("herbeoordeling loonwaarde", null=True, blank=True)
    afwijking_reden = models.TextField("reden afwijking van de klantgroep", blank=True)
    werkcoach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    versie = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "traject"
        verbose_name_plural = "trajecten"
        ordering = ["-start", "-pk"]
        indexes = [models.Index(fields=["werkcoach", "status"], name="traject_coach_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(gepland_einde__gte=models.F("start")), name="traject_gepland_na_start"
            ),
            models.CheckConstraint(
                condition=Q(einde__isnull=True) | Q(einde__gte=models.F("start")),
                name="traject_einde_na_start",
            ),
            models.CheckConstraint(
                condition=Q(loonwaarde__isnull=True)
                | (Q(loonwaarde__gte=0) & Q(loonwaarde__lte=100)),
                name="traject_loonwaarde_0_100",
            ),
            models.CheckConstraint(
                condition=(Q(status="lopend") & Q(einde__isnull=True) & Q(resultaat=""))
                | (Q(status="beeindigd") & Q(einde__isnull=False) & ~Q(resultaat="")),
                name="traject_status_consistent",
            ),
        ]

    def __str__(self):
        return f"{self.instrument} ({self.start:%d-%m-%Y})"


class Werkgever(models.Model):
    class Omvang(models.TextChoices):
        KLEIN = "klein", "Klein (< 10)"
        MIDDEN = "midden", "Middelgroot (10–250)"
        GROOT = "groot", "Groot (> 250)"

    naam = models.CharField("naam", max_length=150)
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="werkgevers")
    omvang = models.CharField("omvang", max_length=6, choices=Omvang.choices)
    accountmanager = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    contactpersoon = models.CharField("contactpersoon", max_length=150, blank=True)
    telefoon = models.CharField("telefoon", max_length=30, blank=True)
    email = models.EmailField("e-mail", blank=True)

    class Meta:
        verbose_name = "werkgever"
        verbose_name_plural = "werkgevers"
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class OntslagMelding(models.Model):
    """Dismissals for business reasons: input for the verdringingscheck."""

    werkgever = models.ForeignKey(Werkgever, on_delete=models.CASCADE, related_name="ontslagen")
    datum = models.DateField("datum")
    aantal = models.PositiveSmallIntegerField("aantal")
    functie = models.CharField("functie", max_length=150, blank=True)

    class Meta:
        verbose_name = "ontslag om bedrijfseconomische redenen"
        verbose_name_plural = "ontslagen om bedrijfseconomische redenen"
        ordering = ["-datum"]

    def __str__(self):
        return f"{self.werkgever}: {self.aantal} op {self.datum:%d-%m-%Y}"


class Vacature(models.Model):
    werkgever = models.ForeignKey(Werkgever, on_delete=models.CASCADE, related_name="vacatures")
    functie = models.CharField("functie", max_length=150)
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="vacatures")
    uren = models.PositiveSmallIntegerField(
        "uren per week", validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    competenties = models.CharField(
        "gevraagde competenties",
        max_length=500,
        help_text="Kommagescheiden, bijv. 'klantgericht, rijbewijs B'",
    )
    open = models.BooleanField("open", default=True)
    geplaatst_op = models.DateField("geplaatst op")

    class Meta:
        verbose_name = "vacature"
        verbose_name_plural = "vacatures"
        ordering = ["-geplaatst_op"]

    def __str__(self):
        return f"{self.functie} bij {self.werkgever}"

    def competentielijst(self) -> set[str]:
        return {c.strip().lower() for c in self.competenties.split(",") if c.strip()}


class Werkprofiel(models.Model):
    """What matching looks at: sector interest, competences (not diplomas), availability."""

    client = models.OneToOneField(
        "clients.Client", on_delete=models.CASCADE, related_name="werkprofiel"
    )
    sectoren = models.ManyToManyField(Sector, verbose_name="interesse in sectoren", blank=True)
    competenties = models.CharField("competenties", max_length=500, blank=True)
    uren_beschikbaar = models.PositiveSmallIntegerField("uren beschikbaar per week", default=32)

    class Meta:
        verbose_name = "werkprofiel"
        verbose_name_plural = "werkprofielen"

    def __str__(self):
        return f"Werkprofiel {self.client_id}"

    def competentielijst(self) -> set[str]:
        return {c.strip().lower() for c in self.competenties.split(",") if c.strip()}


class Plaatsing(models.Model):
    class Contract(models.TextChoices):
        BEPAALD = "bepaald", "Bepaalde tijd"
        ONBEPAALD = "onbepaald", "Onbepaalde tijd"
        UITZEND = "uitzend", "Uitzendcontract"
        BESCHUT = "beschut", "Beschut werk"

    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="plaatsingen"
    )
    werkgever = models.ForeignKey(Werkgever, on_delete=models.PROTECT, related_name="plaatsingen")
    vacature = models.ForeignKey(
        Vacature, on_delete=models.SET_NULL, null=True, blank=True, related_name="plaatsingen"
    )
    functie = models.CharField("functie", max_length=150)
    uren = models.PositiveSmallIntegerField(
        "uren per week", validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    contract = models.CharField("contract", max_length=10, choices=Contract.choices)
    start = models.DateField("startdatum")
    met_loonkostensubsidie = models.BooleanField("met loonkostensubsidie", default=False)
    loonwaarde = models.PositiveSmallIntegerField(
        "loonwaarde (%)",
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    verdringing_waarschuwing = models.TextField("verdringingscheck", blank=True)
    verdringing_motivatie = models.TextField("motivatie ondanks waarschuwing", blank=True)
    uitkering_beeindigd = models.BooleanField("uitkering beëindigd door plaatsing", default=False)
    werkcoach = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    nazorg_tot = models.DateField("nazorg tot")

    class Meta:
        verbose_name = "plaatsing"
        verbose_name_plural = "plaatsingen"
        ordering = ["-start", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(loonwaarde__isnull=True)
                | (Q(loonwaarde__gte=0) & Q(loonwaarde__lte=100)),
                name="plaatsing_loonwaarde_0_100",
            ),
        ]

    def __str__(self):
        return f"{self.functie} bij {self.werkgever} ({self.start:%d-%m-%Y})"


class Participatieplek(models.Model):
    class Soort(models.TextChoices):
        VRIJWILLIGERSWERK = "vrijwilligerswerk", "Vrijwilligerswerk"
        ADDITIONELE_ARBEID = "additionele_arbeid", "Additionele arbeid"

    organisatie = models.CharField("organisatie", max_length=150)
    omschrijving = models.CharField("wat", max_length=200)
    soort = models.CharField("soort", max_length=20, choices=Soort.choices)
    wijk = models.CharField("wijk", max_length=30, choices=Wijk.choices)
    plaatsen = models.PositiveSmallIntegerField(
        "aantal plaatsen", default=1, validators=[MinValueValidator(1)]
    )
    actief = models.BooleanField("actief", default=True)

    class Meta:
        verbose_name = "participatieplek"
        verbose_name_plural = "participatieplekken"
        ordering = ["wijk", "organisatie"]

    def __str__(self):
        return f"{self.omschrijving} – {self.organisatie} ({self.get_wijk_display()})"


class PlekPlaatsing(models.Model):
    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="plekplaatsingen"
    )
    plek = models.ForeignKey(Participatieplek, on_delete=models.PROTECT, related_name="plaatsingen")
    start = models.DateField("start")
    einde = models.DateField("einde", null=True, blank=True)
    makelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "plaatsing op participatieplek"
        verbose_name_plural = "plaatsingen op participatieplekken"
        ordering = ["-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(einde__isnull=True) | Q(einde__gte=models.F("start")),
                name="plekplaatsing_einde_na_start",
            ),
            models.UniqueConstraint(
                fields=["client", "plek"],
                condition=Q(einde__isnull=True),
                name="plekplaatsing_een_lopend",
            ),
        ]

    def __str__(self):
        return f"{self.plek} vanaf {self.start:%d-%m-%Y}"


class Themabijeenkomst(models.Model):
    class Type(models.TextChoices):
        BRANCHEGERICHT = "branchegericht", "Branchegericht"
        WIJKGERICHT = "wijkgericht", "Wijkgericht"

    type = models.CharField("type", max_length=15, choices=Type.choices)
    onderwerp = models.CharField("onderwerp", max_length=200)
    datum = models.DateTimeField("datum en tijd")
    plaats = models.CharField("plaats", max_length=200)
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    wijk = models.CharField("wijk", max_length=30, choices=Wijk.choices, blank=True)
    klantgroepen = models.ManyToManyField("klantgroepen.Klantgroep", related_name="+")

    class Meta:
        verbose_name = "themabijeenkomst"
        verbose_name_plural = "themabijeenkomsten"
        ordering = ["-datum"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(type="branchegericht") & Q(sector__isnull=False))
                | (Q(type="wijkgericht") & ~Q(wijk="")),
                name="thema_sector_of_wijk",
            ),
        ]

    def __str__(self):
        return f"{self.onderwerp} ({self.datum:%d-%m-%Y})"


class ThemaUitnodiging(models.Model):
    bijeenkomst = models.ForeignKey(
        Themabijeenkomst, on_delete=models.CASCADE, related_name="uitnodigingen"
    )
    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="thema_uitnodigingen"
    )
    aanwezig = models.BooleanField("aanwezig", null=True, blank=True)

    class Meta:
        verbose_name = "uitnodiging themabijeenkomst"
        verbose_name_plural = "uitnodigingen themabijeenkomsten"
        constraints = [
            models.UniqueConstraint(
                fields=["bijeenkomst", "client"], name="thema_uitnodiging_uniek"
            )
        ]

    def __str__(self):
        return f"Uitnodiging {self.bijeenkomst}"
