"""Rechtmatigheid and handhaving: reviews with the omgekeerde toets, samenloopsignalen,
steekproef configuration. No risk scores: every review records why it was selected."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q


class Selectiereden(models.TextChoices):
    PERIODIEK = "periodiek", "Periodiek per klantgroep"
    STEEKPROEF = "steekproef", "Steekproef (aselect)"
    SIGNAAL = "signaal", "Signaal (bijv. samenloop)"
    THEMA = "thema", "Themacontrole"
    MELDING = "melding", "Melding van derden"


class Bevinding(models.TextChoices):
    RECHTMATIG = "rechtmatig", "Rechtmatig"
    ONRECHTMATIG = "onrechtmatig", "Onrechtmatig"
    NIET_VAST_TE_STELLEN = "niet_vast", "Niet vast te stellen"


class Uitkomst(models.TextChoices):
    GEEN_ACTIE = "geen_actie", "Geen gevolgen"
    HERSTEL = "herstel", "Herstel (uitkering aanpassen)"
    TERUGVORDERING = "terugvordering", "Terugvordering"
    BOETE = "boete", "Boete"
    WAARSCHUWING = "waarschuwing", "Waarschuwing"
    ALTERNATIEVE_SANCTIE = "alternatief", "Alternatieve sanctie"
    MAATREGEL = "maatregel", "Maatregel (verlaging)"
    STOPZETTING = "stopzetting", "Stopzetting of intrekking uitkering"
    AANGIFTE = "aangifte", "Aangifte"


#: The strict outcomes: each needs its own omgekeerde toets (policy §"Voorbeeld Omgekeerde
#: toets": what would this outcome cause for the client, and does it fit the purpose of the law?)
STRIKTE_UITKOMSTEN = (
    Uitkomst.TERUGVORDERING,
    Uitkomst.BOETE,
    Uitkomst.MAATREGEL,
    Uitkomst.STOPZETTING,
    Uitkomst.AANGIFTE,
)


class OnderzoekQuerySet(models.QuerySet):
    def lopend(self):
        return self.filter(besloten_op__isnull=True)


class SteekproefInstelling(models.Model):
    klantgroep = models.OneToOneField(
        "klantgroepen.Klantgroep", on_delete=models.CASCADE, related_name="steekproef"
    )
    percentage = models.DecimalField(
        "percentage per maand",
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    seed = models.PositiveIntegerField("startwaarde (reproduceerbaar)", default=2020)

    class Meta:
        verbose_name = "steekproefinstelling"
        verbose_name_plural = "steekproefinstellingen"
        constraints = [
            models.CheckConstraint(
                condition=Q(percentage__gte=0) & Q(percentage__lte=100), name="steekproef_0_100"
            )
        ]

    def __str__(self):
        return f"Steekproef {self.klantgroep}: {self.percentage}%"


class ChecklistPunt(models.Model):
    """One point of the rechtmatigheidsonderzoek checklist (configuration, seeded, editable by
    the beheerder). A review stores the points as they read when it was decided, so changing
    the checklist later does not rewrite past reviews."""

    tekst = models.CharField("tekst", max_length=200, unique=True)
    volgorde = models.PositiveSmallIntegerField("volgorde", default=0)
    actief = models.BooleanField("actief", default=True)

    class Meta:
        verbose_name = "checklistpunt rechtmatigheidsonderzoek"
        verbose_name_plural = "checklist rechtmatigheidsonderzoek"
        ordering = ["volgorde", "pk"]

    def __str__(self):
        return self.tekst


class Rechtmatigheidsonderzoek(models.Model):
    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="rechtmatigheidsonderzoeken"
    )
    selectiereden = models.CharField(
        "waarom geselecteerd", max_length=12, choices=Selectiereden.choices
    )
    selectie_toelichting = models.CharField("toelichting selectie", max_length=300, blank=True)
    gestart_op = models.DateField("gestart op")
    handhaver = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    checklist = models.JSONField("checklist", default=dict, blank=True)
    documenten_ontvangen_op = models.DateField("documenten ontvangen op", null=True, blank=True)
    bevinding = models.CharField(
        "juridische bevinding", max_length=12, choices=Bevinding.choices, blank=True
    )
    # omgekeerde toets: what would the strict legal outcome cause, and what fits the purpose
    gevolgen_strikte_uitkomst = models.TextField("gevolgen van de strikte uitkomst", blank=True)
    risico_huisuitzetting = models.BooleanField("risico op huisuitzetting", default=False)
    kinderen_betrokken = models.BooleanField("kinderen betrokken", default=False)
    uitkomsten = ArrayField(
        models.CharField(max_length=14, choices=Uitkomst.choices),
        verbose_name="gekozen uitkomsten",
        default=list,
        blank=True,
    )
    # the omgekeerde toets per strict outcome: {uitkomst: what it would cause, why it fits}
    omgekeerde_toetsen = models.JSONField("omgekeerde toets per uitkomst", default=dict, blank=True)
    motivatie = models.TextField("motivatie uitkomst", blank=True)
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    besloten_op = models.DateField("besloten op", null=True, blank=True)
    # By when IO carries the outcome out (herstel, terugvordering, stopzetting, maatregel):
    # the inkomensconsulent's task is due then (issue 30).
    uitvoeren_uiterlijk = models.DateField("uitvoeren door IO uiterlijk", null=True, blank=True)
    versie = models.PositiveIntegerField(default=1)

    objects = OnderzoekQuerySet.as_manager()

    class Meta:
        verbose_name = "rechtmatigheidsonderzoek"
        verbose_name_plural = "rechtmatigheidsonderzoeken"
        ordering = ["-gestart_op", "-pk"]
        indexes = [models.Index(fields=["client", "-besloten_op"], name="rmo_client_besloten_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(besloten_op__isnull=True)
                | (~Q(bevinding="") & Q(uitkomsten__len__gt=0) & ~Q(motivatie="")),
                name="rmo_besluit_volledig",
            ),
            # one running onderzoek per client (issue 30): a second one would split the file
            models.UniqueConstraint(
                fields=["client"],
                condition=Q(besloten_op__isnull=True),
                name="rmo_een_lopend_per_klant",
            ),
            models.CheckConstraint(
                condition=Q(besloten_op__isnull=True) | Q(besloten_op__gte=models.F("gestart_op")),
                name="rmo_besluit_na_start",
            ),
        ]

    def __str__(self):
        return f"Rechtmatigheidsonderzoek {self.gestart_op:%d-%m-%Y}"

    @property
    def status(self) -> str:
        if self.besloten_op:
            return "Besluit genomen"
        return "Stukken opgevraagd" if self.laatste_hersteltermijn else "Gestart"

    @property
    def laatste_hersteltermijn(self):
        """Set by the selectors (annotation); the latest hersteltermijn of the requests."""
        return getattr(self, "_laatste_hersteltermijn", None)

    @laatste_hersteltermijn.setter
    def laatste_hersteltermijn(self, value):
        self._laatste_hersteltermijn = value

    @property
    def hersteltermijn_verlopen(self) -> bool:
        from deventer_werk.dates import today

        t = self.laatste_hersteltermijn
        return bool(t and not self.besloten_op and t < today())

    @property
    def dagen_sinds_start(self) -> int:
        from deventer_werk.dates import today

        return ((self.besloten_op or today()) - self.gestart_op).days

    @property
    def uitkomsten_labels(self) -> list[str]:
        return [Uitkomst(u).label for u in self.uitkomsten]

    @property
    def toetsen_per_uitkomst(self) -> list[tuple[str, str]]:
        return [(Uitkomst(u).label, t) for u, t in (self.omgekeerde_toetsen or {}).items()]

    @property
    def checklist_punten(self) -> list[dict]:
        return (self.checklist or {}).get("punten", [])

    @property
    def checklist_gedaan(self) -> int:
        return sum(1 for p in self.checklist_punten if p.get("gedaan"))


class Stukkenverzoek(models.Model):
    """A request for documents within an onderzoek, with the hersteltermijn (issue 30): an
    onderzoek can ask more than once; every request stays as history."""

    onderzoek = models.ForeignKey(
        Rechtmatigheidsonderzoek, on_delete=models.CASCADE, related_name="stukkenverzoeken"
    )
    opgevraagd_op = models.DateField("opgevraagd op")
    omschrijving = models.TextField("opgevraagde stukken")
    hersteltermijn = models.DateField("hersteltermijn tot en met")
    door = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "stukkenverzoek"
        verbose_name_plural = "stukkenverzoeken"
        ordering = ["opgevraagd_op", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hersteltermijn__gte=models.F("opgevraagd_op")),
                name="stukkenverzoek_termijn_na_verzoek",
            )
        ]

    def __str__(self):
        return f"Stukken opgevraagd {self.opgevraagd_op:%d-%m-%Y}"


class Samenloopsignaal(models.Model):
    class Soort(models.TextChoices):
        INKOMSTEN = "inkomsten", "Inkomsten uit werk (polisadministratie)"
        VERMOGEN = "vermogen", "Vermogen / bankrekening"
        VOERTUIG = "voertuig", "Voertuig (RDW)"
        BUITENLAND = "buitenland", "Verblijf of vermogen in het buitenland"
        UITKERING = "uitkering", "Andere uitkering (UWV/SVB)"
        ADRES = "adres", "Adreswijziging / woonsituatie (BRP)"

    class Triage(models.TextChoices):
        ONDERZOEKSWAARDIG = "onderzoek", "Onderzoekswaardig"
        NIET = "niet", "Niet onderzoekswaardig"

    client = models.ForeignKey(
        "clients.Client", on_delete=models.CASCADE, related_name="samenloopsignalen"
    )
    soort = models.CharField("soort", max_length=12, choices=Soort.choices)
    ontvangen_op = models.DateField("ontvangen op")
    omschrijving = models.TextField("omschrijving", blank=True)
    triage = models.CharField("triage", max_length=10, choices=Triage.choices, blank=True)
    triage_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    triage_op = models.DateField("triage op", null=True, blank=True)
    triage_toelichting = models.TextField("toelichting triage", blank=True)
    onderzoek = models.ForeignKey(
        Rechtmatigheidsonderzoek,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="samenloopsignalen",
    )

    class Meta:
        verbose_name = "samenloopsignaal"
        verbose_name_plural = "samenloopsignalen"
        ordering = ["-ontvangen_op", "-pk"]

    def __str__(self):
        return f"{self.get_soort_display()} ({self.ontvangen_op:%d-%m-%Y})"
