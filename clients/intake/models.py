"""Intake: melding & screening, aanvraag & besluit, ambitiegesprek, kick-off.

Every record is a dated fact; configuration (checklist, partners, diagnose-instrument) is
versioned or append-only so that a past result never changes when configuration does.
"""

import datetime

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from clients.constants import Commitment, Feedbackmethode, GroeienKenmerk, Huisbezoek, Leefgebied
from klantgroepen.constants import Perspectief

from .constants import KICKOFF_NA_DAGEN

BESLISTERMIJN_DAGEN = 56  # 8 weeks (Participatiewet / Awb)
#: The direction of stored diagnose scores (issue 29): every score low = grote zorgen.
SCHAALVERSIE = 2


# Configuration ------------------------------------------------------------------------------
class ScreeningVraag(models.Model):
    tekst = models.CharField("vraag", max_length=300)
    toelichting = models.CharField("toelichting", max_length=300, blank=True)
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)
    actief = models.BooleanField("actief", default=True)

    class Meta:
        verbose_name = "screeningsvraag"
        verbose_name_plural = "screeningschecklist"
        ordering = ["volgorde", "pk"]

    def __str__(self):
        return self.tekst


class Netwerkpartner(models.Model):
    naam = models.CharField("naam", max_length=150, unique=True)
    omschrijving = models.CharField("waarvoor", max_length=300, blank=True)
    actief = models.BooleanField("actief", default=True)

    class Meta:
        verbose_name = "netwerkpartner"
        verbose_name_plural = "netwerkpartners"
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class DiagnoseInstrument(models.Model):
    """A version of the questionnaire. Answers point at the version they were given with."""

    naam = models.CharField("naam", max_length=100)
    versie = models.PositiveSmallIntegerField("versie")
    schaal_min = models.PositiveSmallIntegerField("laagste score", default=1)
    schaal_max = models.PositiveSmallIntegerField("hoogste score", default=5)
    schaal_uitleg = models.CharField(
        "uitleg schaal", max_length=300, default="1 = grote zorgen … 5 = gaat goed"
    )
    actief = models.BooleanField("in gebruik", default=False)
    ingangsdatum = models.DateField("in gebruik sinds")

    class Meta:
        verbose_name = "diagnose-instrument"
        verbose_name_plural = "diagnose-instrumenten"
        ordering = ["-versie"]
        constraints = [
            models.UniqueConstraint(fields=["naam", "versie"], name="diagnose_naam_versie_uniek"),
            models.UniqueConstraint(
                fields=["actief"], condition=Q(actief=True), name="diagnose_een_actief"
            ),
        ]

    def __str__(self):
        return f"{self.naam} v{self.versie}"

    def ambitiegesprek_set_exists(self) -> bool:
        return Ambitiegesprek.objects.filter(instrument=self).exists()


class DiagnoseVraag(models.Model):
    instrument = models.ForeignKey(
        DiagnoseInstrument, on_delete=models.PROTECT, related_name="vragen"
    )
    leefgebied = models.CharField("leefgebied", max_length=20, choices=Leefgebied.choices)
    tekst = models.CharField("vraag", max_length=300)
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)
    # What the lowest and the highest answer mean in the direction of the question (issue 29).
    betekenis_laag = models.CharField(
        "betekenis laagste antwoord", max_length=60, help_text="bijvoorbeeld: helemaal niet"
    )
    betekenis_hoog = models.CharField(
        "betekenis hoogste antwoord", max_length=60, help_text="bijvoorbeeld: heel sterk"
    )
    omgekeerd = models.BooleanField(
        "omgekeerde vraag",
        default=False,
        help_text="Aanvinken als een hoger antwoord meer zorgen betekent (bijvoorbeeld: "
        "speelt verslaving een rol?). De score wordt dan omgedraaid opgeslagen, zodat "
        "altijd geldt: laag = grote zorgen, hoog = gaat goed.",
    )

    class Meta:
        verbose_name = "diagnosevraag"
        verbose_name_plural = "diagnosevragen"
        ordering = ["instrument", "volgorde", "pk"]

    def __str__(self):
        return self.tekst

    def opgeslagen_score(self, antwoord: int, instrument: "DiagnoseInstrument") -> int:
        """The answer as given, in the direction of the question, as stored (low = grote
        zorgen … high = gaat goed)."""
        if self.omgekeerd:
            return instrument.schaal_min + instrument.schaal_max - antwoord
        return antwoord


#: Words for a (possibly averaged) stored score, from the lowest to the highest (issue 29).
SCORE_LABELS = ("grote zorgen", "zorgen", "gaat redelijk", "gaat vrij goed", "gaat goed")


def score_label(score: float, schaal_min: int = 1, schaal_max: int = 5) -> str:
    """The word for a stored (or averaged) score: 1 = grote zorgen … 5 = gaat goed."""
    if schaal_max <= schaal_min:
        return ""
    positie = (float(score) - schaal_min) / (schaal_max - schaal_min) * (len(SCORE_LABELS) - 1)
    index = int(positie + 0.5)  # half up: 2.5 reads "gaat redelijk", not "zorgen"
    return SCORE_LABELS[max(0, min(len(SCORE_LABELS) - 1, index))]


# Screening ----------------------------------------------------------------------------------
class Screening(models.Model):
    class Inschatting(models.TextChoices):
        WAARSCHIJNLIJK = "waarschijnlijk", "Waarschijnlijk recht"
        ONZEKER = "onzeker", "Onzeker: nader onderzoek"
        WAARSCHIJNLIJK_NIET = "waarschijnlijk_niet", "Waarschijnlijk geen recht"

    class Uitkomst(models.TextChoices):
        AFSPRAAK = "afspraak", "Afspraak ambitiegesprek"
        GEEN_RECHT = "geen_recht", "Geen recht"

    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="screenings"
    )
    periode = models.ForeignKey(
        "clients.Uitkeringsperiode", on_delete=models.CASCADE, related_name="screenings"
    )
    datum = models.DateField("datum screening")
    poortwachter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    antwoorden = models.JSONField(
        "checklist", default=dict, blank=True, help_text="{vraag_id: true/false}"
    )
    rechtmatigheid = models.CharField(
        "inschatting rechtmatigheid", max_length=20, choices=Inschatting.choices
    )
    verwijzingen = models.ManyToManyField(
        Netwerkpartner, verbose_name="verwezen naar", blank=True, related_name="+"
    )
    uitkomst = models.CharField("uitkomst", max_length=12, choices=Uitkomst.choices)
    reden_geen_recht = models.TextField("reden geen recht", blank=True)
    afspraak_op = models.DateTimeField("afspraak ambitiegesprek", null=True, blank=True)
    intaker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="intaker",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    toelichting = models.TextField("toelichting", blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "screening"
        verbose_name_plural = "screenings"
        ordering = ["-datum", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["periode"], name="screening_een_per_periode"),
            models.CheckConstraint(
                condition=~Q(uitkomst="afspraak")
                | (Q(afspraak_op__isnull=False) & Q(intaker__isnull=False)),
                name="screening_afspraak_volledig",
            ),
            models.CheckConstraint(
                condition=~Q(uitkomst="geen_recht") | ~Q(reden_geen_recht=""),
                name="screening_geen_recht_met_reden",
            ),
        ]

    def __str__(self):
        return f"Screening {self.datum:%d-%m-%Y}"


# Aanvraag & besluit ----------------------------------------------------------------------------
class Aanvraag(models.Model):
    class Besluit(models.TextChoices):
        TOEKENNING = "toekenning", "Toekenning"
        AFWIJZING = "afwijzing", "Afwijzing"

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="aanvragen")
    periode = models.OneToOneField(
        "clients.Uitkeringsperiode", on_delete=models.CASCADE, related_name="aanvraag"
    )
    aanvraagdatum = models.DateField("aanvraagdatum")
    documenten_compleet_op = models.DateField("documenten compleet op", null=True, blank=True)
    besluit = models.CharField("besluit", max_length=12, choices=Besluit.choices, blank=True)
    besluitdatum = models.DateField("besluitdatum", null=True, blank=True)
    besluit_reden = models.TextField("motivering besluit", blank=True)
    consulent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    versie = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "aanvraag uitkering"
        verbose_name_plural = "aanvragen uitkering"
        constraints = [
            models.CheckConstraint(
                condition=Q(besluitdatum__isnull=True)
                | Q(besluitdatum__gte=models.F("aanvraagdatum")),
                name="aanvraag_besluit_na_aanvraag",
            ),
            models.CheckConstraint(
                condition=(Q(besluit="") & Q(besluitdatum__isnull=True))
                | (~Q(besluit="") & Q(besluitdatum__isnull=False)),
                name="aanvraag_besluit_met_datum",
            ),
        ]

    def __str__(self):
        return f"Aanvraag {self.aanvraagdatum:%d-%m-%Y}"

    @property
    def uiterste_besluitdatum(self) -> datetime.date:
        return self.aanvraagdatum + datetime.timedelta(days=BESLISTERMIJN_DAGEN)

    def dagen_over(self, vandaag: datetime.date) -> int | None:
        if self.besluitdatum:
            return None
        return (self.uiterste_besluitdatum - vandaag).days

    @property
    def doorlooptijd(self) -> int | None:
        return (self.besluitdatum - self.aanvraagdatum).days if self.besluitdatum else None


# Ambitiegesprek -----------------------------------------------------------------------------
class Ambitiegesprek(models.Model):
    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="ambitiegesprekken"
    )
    datum = models.DateField("datum gesprek")
    intaker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    instrument = models.ForeignKey(DiagnoseInstrument, on_delete=models.PROTECT, related_name="+")
    antwoorden = models.JSONField("scores", default=dict, help_text="{vraag_id: score}")
    # Issue 29: 1 = the answers as given on a bare 1–5 (reversed questions the other way round);
    # 2 = every score in one direction (low = grote zorgen … high = gaat goed). Migration
    # intake 0012 converted the gesprekken of version 1 once.
    schaalversie = models.PositiveSmallIntegerField(
        "versie schaal van de scores", default=SCHAALVERSIE
    )
    leefgebieden_toelichting = models.TextField("bespreking leefgebieden", blank=True)
    # The sensitive leefgebieden (GEVOELIGE_LEEFGEBIEDEN) the client agreed to share with DWT
    # for the plan (DESIGN.md §1: a flag per item); [] : none (also every gesprek from before).
    gedeelde_leefgebieden = ArrayField(
        models.CharField(max_length=20, choices=Leefgebied.choices),
        verbose_name="leefgebieden gedeeld met DWT voor het plan",
        default=list,
        blank=True,
    )
    participatieladder = models.PositiveSmallIntegerField(
        "trede participatieladder", validators=[MinValueValidator(1), MaxValueValidator(6)]
    )
    gekozen_klantgroep = models.ForeignKey(
        "klantgroepen.Klantgroep",
        verbose_name="keuze klant",
        on_delete=models.PROTECT,
        related_name="+",
    )
    geadviseerde_klantgroep = models.ForeignKey(
        "klantgroepen.Klantgroep",
        verbose_name="advies intaker",
        on_delete=models.PROTECT,
        related_name="+",
    )
    motivatie = models.TextField("motivatie", blank=True)
    # The advice of the configured rules (klantgroepen.advies) at the time of the gesprek, kept
    # as it was: the rules may change later (issue 27). Empty when no rule held.
    perspectief = models.CharField(
        "perspectief uit het gesprek", max_length=20, choices=Perspectief.choices, blank=True
    )
    regeladvies = models.ForeignKey(
        "klantgroepen.Klantgroep",
        verbose_name="advies volgens de beleidsregels",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    regeladvies_redenen = models.TextField("waarom (beleidsregels)", blank=True)
    # §2.3 "afspraak = afspraak": signed (with the date) or refused (with the reason).
    commitment = models.CharField(
        "commitment aan het plan", max_length=10, choices=Commitment.choices, blank=True
    )
    afspraak_getekend_op = models.DateField(
        "afspraak = afspraak getekend op", null=True, blank=True
    )
    commitment_reden = models.TextField("reden geweigerd", blank=True)
    rechten_plichten_op = models.DateField("rechten en plichten uitgelegd op")
    # §3.2 "De feedbackmethode wordt standaard in dit gesprek toegepast"; not applied: why.
    feedbackmethode = models.CharField(
        "feedbackmethode", max_length=16, choices=Feedbackmethode.choices, blank=True
    )
    feedbackmethode_toelichting = models.TextField("toelichting feedbackmethode", blank=True)
    # Footnote 15: a home visit only when the client is open to it.
    huisbezoek = models.CharField(
        "open voor huisbezoek", max_length=16, choices=Huisbezoek.choices, blank=True
    )
    # §3.1; null: not recorded (gesprekken from before), [] : none of them applies.
    groeien_kenmerken = ArrayField(
        models.CharField(max_length=24, choices=GroeienKenmerk.choices),
        verbose_name="kenmerken Groeien",
        null=True,
        blank=True,
    )
    lidmaatschap = models.ForeignKey(
        "clients.Groepslidmaatschap", on_delete=models.CASCADE, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "ambitiegesprek"
        verbose_name_plural = "ambitiegesprekken"
        ordering = ["-datum", "-pk"]
        indexes = [models.Index(fields=["datum"], name="ambitie_datum_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(commitment="getekend") | Q(afspraak_getekend_op__isnull=False),
                name="ambitie_getekend_met_datum",
            ),
            models.CheckConstraint(
                condition=~Q(commitment="geweigerd")
                | (Q(afspraak_getekend_op__isnull=True) & ~Q(commitment_reden="")),
                name="ambitie_geweigerd_met_reden",
            ),
            models.CheckConstraint(
                condition=~Q(feedbackmethode="niet_toegepast") | ~Q(feedbackmethode_toelichting=""),
                name="ambitie_feedback_niet_met_toelichting",
            ),
        ]

    def __str__(self):
        return f"Ambitiegesprek {self.datum:%d-%m-%Y}"

    def scores_per_leefgebied(self) -> dict[str, float]:
        totals: dict[str, list[int]] = {}
        vragen = {v.pk: v for v in self.instrument.vragen.all()}
        for vraag_id, score in self.antwoorden.items():
            vraag = vragen.get(int(vraag_id))
            if vraag is not None:
                totals.setdefault(vraag.leefgebied, []).append(int(score))
        return {k: round(sum(v) / len(v), 1) for k, v in totals.items()}


class LadderMeting(models.Model):
    """Participatieladder rung (1–6) as history."""

    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="laddermetingen"
    )
    datum = models.DateField("datum")
    trede = models.PositiveSmallIntegerField(
        "trede", validators=[MinValueValidator(1), MaxValueValidator(6)]
    )
    bron = models.CharField("bron", max_length=40)
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "participatieladdermeting"
        verbose_name_plural = "participatieladder"
        ordering = ["-datum", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(trede__gte=1) & Q(trede__lte=6), name="ladder_1_6")
        ]

    def __str__(self):
        return f"Trede {self.trede} op {self.datum:%d-%m-%Y}"


# Kick-off -----------------------------------------------------------------------------------
class KickoffSessie(models.Model):
    klantgroep = models.ForeignKey(
        "klantgroepen.Klantgroep", on_delete=models.PROTECT, related_name="+"
    )
    datum = models.DateTimeField("datum en tijd")
    plaats = models.CharField("plaats", max_length=200)
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    capaciteit = models.PositiveSmallIntegerField(
        "capaciteit", validators=[MinValueValidator(1), MaxValueValidator(200)]
    )

    class Meta:
        verbose_name = "kick-offbijeenkomst"
        verbose_name_plural = "kick-offbijeenkomsten"
        ordering = ["datum"]
        constraints = [
            models.CheckConstraint(condition=Q(capaciteit__gte=1), name="kickoff_capaciteit")
        ]

    def __str__(self):
        return f"Kick-off {self.klantgroep} {self.datum:%d-%m-%Y %H:%M}"


class KickoffInstelling(models.Model):
    """Settings of the kick-off, one row (pk 1), editable by the functioneel beheerder."""

    uitnodigen_na_dagen = models.PositiveSmallIntegerField(
        "eerste bijeenkomst vanaf … dagen na het ambitiegesprek",
        default=KICKOFF_NA_DAGEN,
        validators=[MinValueValidator(0), MaxValueValidator(90)],
        help_text="Beleid §4.1: de kick-off is ca. twee weken na het eerste gesprek.",
    )
    max_gemist = models.PositiveSmallIntegerField(
        "signaal na … keer gemist",
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="Afgemeld of niet verschenen; daarna een signaal aan de contactpersoon "
        "(bij zo vaak niet verschenen ook 'werkt niet mee' voor de handhaver).",
    )
    eerste_afspraak_na_dagen = models.PositiveSmallIntegerField(
        "eerste afspraak … dagen na de kick-off",
        default=7,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )
    reserve_plaatsen = models.PositiveSmallIntegerField(
        "plaatsen per bijeenkomst vrij voor nieuwe klanten",
        default=4,
        validators=[MaxValueValidator(200)],
        help_text="Een uitnodiging van het bestaande bestand laat zoveel plaatsen vrij.",
    )

    class Meta:
        verbose_name = "instelling kick-off"
        verbose_name_plural = "instellingen kick-off"
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="kickoff_instelling_een_rij"),
        ]

    def __str__(self):
        return "Instellingen kick-off"

    @classmethod
    def huidig(cls) -> "KickoffInstelling":
        instelling, _ = cls.objects.get_or_create(pk=1)
        return instelling


class KickoffUitnodiging(models.Model):
    """A client's invitation to a kick-off. Without a session the client waits for one (no
    seat yet: the trainers plan one). One open invitation per client; every miss leads to a
    new invitation (``vorige`` points at the missed one), so the history stays."""

    class Aanwezigheid(models.TextChoices):
        UITGENODIGD = "", "Nog niet bekend"
        AANWEZIG = "aanwezig", "Aanwezig"
        AFGEMELD = "afgemeld", "Afgemeld"
        NIET_VERSCHENEN = "niet_verschenen", "Niet verschenen"

    class Aanleiding(models.TextChoices):
        AMBITIEGESPREK = "ambitiegesprek", "Na het ambitiegesprek"
        OPNIEUW = "opnieuw", "Opnieuw na een gemiste kick-off"
        BESTAND = "bestand", "Bestaand bestand"

    sessie = models.ForeignKey(
        KickoffSessie,
        on_delete=models.PROTECT,
        related_name="uitnodigingen",
        null=True,
        blank=True,
        help_text="Leeg: wacht op een bijeenkomst met plaats",
    )
    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="kickoff_uitnodigingen"
    )
    ambitiegesprek = models.ForeignKey(
        Ambitiegesprek, on_delete=models.CASCADE, related_name="kickoff_uitnodigingen"
    )
    aanleiding = models.CharField(
        "aanleiding", max_length=16, choices=Aanleiding.choices, default=Aanleiding.AMBITIEGESPREK
    )
    vorige = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField("aangemaakt op", default=timezone.now)
    uitgenodigd_op = models.DateField("uitgenodigd op", null=True, blank=True)
    bevestigd_op = models.DateTimeField("komst bevestigd op", null=True, blank=True)
    aanwezigheid = models.CharField(
        "aanwezigheid", max_length=16, choices=Aanwezigheid.choices, blank=True, default=""
    )
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    vastgelegd_op = models.DateTimeField("aanwezigheid vastgelegd op", null=True, blank=True)
    vervallen_op = models.DateTimeField("vervallen op", null=True, blank=True)
    reden_vervallen = models.CharField("reden vervallen", max_length=200, blank=True)
    # Optimistic lock: a second trainer saving an older view gets a message, not an overwrite.
    versie = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "kick-offuitnodiging"
        verbose_name_plural = "kick-offuitnodigingen"
        ordering = ["sessie", "client__achternaam"]
        indexes = [
            models.Index(
                fields=["sessie"],
                condition=Q(sessie__isnull=True, vervallen_op__isnull=True),
                name="kickoff_wachtend_idx",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["client"],
                condition=Q(aanwezigheid="", vervallen_op__isnull=True),
                name="kickoff_een_open_uitnodiging",
                violation_error_message=(
                    "Deze klant heeft al een open uitnodiging voor de kick-off."
                ),
            ),
            models.CheckConstraint(
                condition=Q(sessie__isnull=False) | Q(aanwezigheid=""),
                name="kickoff_aanwezigheid_met_sessie",
            ),
            models.CheckConstraint(
                condition=Q(sessie__isnull=True) | Q(uitgenodigd_op__isnull=False),
                name="kickoff_sessie_met_datum",
            ),
        ]

    def __str__(self):
        return f"Uitnodiging {self.sessie or 'wachtend'}"

    @property
    def open(self) -> bool:
        return not self.aanwezigheid and self.vervallen_op is None


class AanwezigheidRegistratie(models.Model):
    """Every recording of attendance, append-only: a correction keeps what was recorded before
    (the invitation only carries the current value)."""

    uitnodiging = models.ForeignKey(
        KickoffUitnodiging, on_delete=models.CASCADE, related_name="registraties"
    )
    aanwezigheid = models.CharField(
        "aanwezigheid", max_length=16, choices=KickoffUitnodiging.Aanwezigheid.choices
    )
    vastgelegd_op = models.DateTimeField("vastgelegd op")
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "registratie aanwezigheid"
        verbose_name_plural = "registraties aanwezigheid"
        ordering = ["uitnodiging", "vastgelegd_op", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(aanwezigheid=""), name="aanwezigheid_registratie_niet_leeg"
            )
        ]

    def __str__(self):
        return f"{self.get_aanwezigheid_display()} ({self.vastgelegd_op:%d-%m-%Y %H:%M})"
