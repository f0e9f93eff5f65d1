"""Rechtmatigheid and handhaving: reviews with the omgekeerde toets, samenloopsignalen,
steekproef configuration. No risk scores: every review records why it was selected."""

from django.conf import settings
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
    GEEN_ACTIE = "geen_actie", "Geen actie"
    HERSTEL = "herstel", "Herstel (uitkering aanpassen)"
    TERUGVORDERING = "terugvordering", "Terugvordering"
    WAARSCHUWING = "waarschuwing", "Waarschuwing"
    ALTERNATIEVE_SANCTIE = "alternatief", "Alternatieve sanctie"
    MAATREGEL = "maatregel", "Maatregel (verlaging)"
    STOPZETTING = "stopzetting", "Stopzetting of intrekking uitkering"


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
    documenten_opgevraagd = models.TextField("opgevraagde documenten", blank=True)
    documenten_ontvangen_op = models.DateField("documenten ontvangen op", null=True, blank=True)
    bevinding = models.CharField(
        "juridische bevinding", max_length=12, choices=Bevinding.choices, blank=True
    )
    # omgekeerde toets: what would the strict legal outcome cause, and what fits the purpose
    gevolgen_strikte_uitkomst = models.TextField("gevolgen van de strikte uitkomst", blank=True)
    risico_huisuitzetting = models.BooleanField("risico op huisuitzetting", default=False)
    kinderen_betrokken = models.BooleanField("kinderen betrokken", default=False)
    uitkomst = models.CharField(
        "gekozen uitkomst", max_length=14, choices=Uitkomst.choices, blank=True
    )
    motivatie = models.TextField("motivatie uitkomst", blank=True)
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    besloten_op = models.DateField("besloten op", null=True, blank=True)
    # By when IO carries the outcome out (herstel, terugvordering, stopzetting, maatregel):
    # the inkomensconsulent's task is due then (issue 30).
    uitvoeren_uiterlijk = models.DateField("uitvoeren door IO uiterlijk", null=True, blank=True)
    versie = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "rechtmatigheidsonderzoek"
        verbose_name_plural = "rechtmatigheidsonderzoeken"
        ordering = ["-gestart_op", "-pk"]
        indexes = [models.Index(fields=["client", "-besloten_op"], name="rmo_client_besloten_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(besloten_op__isnull=True)
                | (~Q(bevinding="") & ~Q(uitkomst="") & ~Q(motivatie="")),
                name="rmo_besluit_volledig",
            ),
            models.CheckConstraint(
                condition=Q(besloten_op__isnull=True) | Q(besloten_op__gte=models.F("gestart_op")),
                name="rmo_besluit_na_start",
            ),
        ]

    def __str__(self):
        return f"Rechtmatigheidsonderzoek {self.gestart_op:%d-%m-%Y}"

    @property
    def checklist_punten(self) -> list[dict]:
        return (self.checklist or {}).get("punten", [])

    @property
    def checklist_gedaan(self) -> int:
        return sum(1 for p in self.checklist_punten if p.get("gedaan"))


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
