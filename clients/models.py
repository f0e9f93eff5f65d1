import uuid

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from deventer_werk.accounts.constants import Organisatie, rol_naam

from .constants import (
    TAAK_EEN_OPEN_SOORTEN,
    VOORSCHOT_MAXIMUM,
    DirecteHulp,
    Fase,
    SignaalSoort,
    TaakSoort,
    TaakStatus,
    Uitstroomreden,
    Wijk,
)
from .query import ClientQuerySet, ContactpersoonQuerySet, ZoekNaam
from .validators import validate_bsn
from .versleuteling import bsn_hash, bsn_ontsleutel, bsn_versleutel


class Client(models.Model):
    """A person in the Participatiewet. Internal UUID key; the BSN never appears in a URL.

    The BSN is stored encrypted (``bsn_versleuteld``) with a keyed hash for exact lookups
    (``bsn_hash``, ``Client.objects.met_bsn(bsn)``); ``client.bsn`` reads and sets the plain
    value (clients/versleuteling.py).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    bsn_versleuteld = models.TextField("BSN (versleuteld)", editable=False)
    bsn_hash = models.CharField("BSN (sleutelhash)", max_length=64, editable=False)
    voornamen = models.CharField("voornamen", max_length=200)
    tussenvoegsel = models.CharField("tussenvoegsel", max_length=20, blank=True)
    achternaam = models.CharField("achternaam", max_length=200)
    geboortedatum = models.DateField("geboortedatum")
    straat = models.CharField("straat", max_length=200, blank=True)
    huisnummer = models.CharField("huisnummer", max_length=20, blank=True)
    postcode = models.CharField("postcode", max_length=7, blank=True)
    woonplaats = models.CharField("woonplaats", max_length=100, default="Deventer")
    wijk = models.CharField("wijk", max_length=30, choices=Wijk.choices, blank=True)
    telefoon = models.CharField("telefoonnummer", max_length=30, blank=True)
    email = models.EmailField("e-mailadres", blank=True)
    doelgroepenregister = models.BooleanField("in het doelgroepenregister", default=False)
    fase = models.CharField("fase", max_length=12, choices=Fase.choices, default=Fase.MELDING)
    # Optimistic locking: a form that was opened on an older version is refused.
    versie = models.PositiveIntegerField("versie", default=1)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    objects = ClientQuerySet.as_manager()

    class Meta:
        verbose_name = "klant"
        verbose_name_plural = "klanten"
        ordering = ["achternaam", "voornamen"]
        indexes = [
            models.Index(fields=["achternaam", "voornamen"], name="client_naam_idx"),
            models.Index(fields=["geboortedatum"], name="client_geboortedatum_idx"),
            models.Index(fields=["bsn_hash"], name="client_bsn_hash_idx"),
            # The open dossiers by fase (the poortwachter's meldingen, DWT's intakes): the
            # start page read all 200,000 clients for 628 meldingen (migration 0017).
            models.Index(
                fields=["fase"], condition=~Q(fase=Fase.AFGESLOTEN), name="client_fase_open_idx"
            ),
            # Name search (contains, any word, no accents): trigram index on the full name.
            GinIndex(OpClass(ZoekNaam(), name="gin_trgm_ops"), name="client_zoeknaam_trgm_idx"),
            # The bestand of the ambitiegesprek (intake and ingedeeld, issue 33): its count and
            # its oldest-first page read this index only (city size: count 73 -> 28 ms, first
            # page 97 -> 0.7 ms), not the 200,000 rows of clients_client.
            models.Index(
                fields=["aangemaakt_op", "id"],
                name="client_bestand_idx",
                condition=Q(fase__in=["ingedeeld", "intake"]),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["bsn_hash"],
                condition=~Q(fase=Fase.AFGESLOTEN),
                name="client_bsn_uniek_actief",
                violation_error_message="Er is al een actieve klant met dit BSN.",
            ),
        ]

    def __str__(self) -> str:
        return self.volledige_naam

    @property
    def volledige_naam(self) -> str:
        return " ".join(p for p in (self.voornamen, self.tussenvoegsel, self.achternaam) if p)

    @property
    def bsn(self) -> str:
        """The plain BSN, decrypted on first access (cached for this token)."""
        token = self.bsn_versleuteld
        if not token:
            return ""
        cache = self.__dict__.get("_bsn_cache")
        if cache is None or cache[0] != token:
            cache = (token, bsn_ontsleutel(token))
            self.__dict__["_bsn_cache"] = cache
        return cache[1]

    @bsn.setter
    def bsn(self, value: str) -> None:
        self.__dict__["_bsn_gezet"] = True
        if not value:
            self.bsn_versleuteld = self.bsn_hash = ""
            return
        self.bsn_versleuteld = bsn_versleutel(value)
        self.bsn_hash = bsn_hash(value)
        self.__dict__["_bsn_cache"] = (self.bsn_versleuteld, value)

    def clean_fields(self, exclude=None) -> None:
        """Also validates the BSN (of a new client, or set on this instance) with its stored
        column. A ModelForm excludes that column, as it excluded the plain one: a form with a
        BSN field checks it itself."""
        errors: dict = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        valideer = exclude is None or "bsn_versleuteld" not in exclude
        if valideer and (self._state.adding or self.__dict__.get("_bsn_gezet")):
            try:
                validate_bsn(self.bsn)
            except ValidationError as exc:
                errors["bsn"] = exc.messages
        if errors:
            raise ValidationError(errors)

    @property
    def bsn_gemaskeerd(self) -> str:
        return f"*****{self.bsn[-4:]}" if self.bsn else ""


class Uitkeringsperiode(models.Model):
    """One episode of the client in the Participatiewet: melding to uitstroom.

    A client who comes back gets a new episode; the old one stays as it was.
    """

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="perioden")
    melddatum = models.DateField("melddatum")
    startdatum = models.DateField("startdatum uitkering", null=True, blank=True)
    einddatum = models.DateField("einddatum", null=True, blank=True)
    uitstroomreden = models.CharField(
        "reden uitstroom", max_length=20, choices=Uitstroomreden.choices, blank=True
    )
    toelichting = models.TextField("toelichting", blank=True)
    # Who registered the melding that opened this episode (issue 30: the poortwachter's "mijn
    # klanten"). Empty for episodes from before it was recorded that the audit trail could not
    # tell (migration 0013) and for imported ones.
    gemeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="gemeld door",
    )

    class Meta:
        verbose_name = "uitkeringsperiode"
        verbose_name_plural = "uitkeringsperioden"
        ordering = ["client", "-melddatum"]
        indexes = [
            models.Index(
                fields=["gemeld_door", "-melddatum"],
                condition=Q(gemeld_door__isnull=False),
                name="periode_gemeld_door_idx",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["client"], condition=Q(einddatum__isnull=True), name="periode_een_open"
            ),
            models.CheckConstraint(
                condition=Q(startdatum__isnull=True) | Q(startdatum__gte=models.F("melddatum")),
                name="periode_start_na_melding",
            ),
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True) | Q(einddatum__gte=models.F("melddatum")),
                name="periode_eind_na_melding",
            ),
            models.CheckConstraint(
                condition=Q(einddatum__isnull=True) | ~Q(uitstroomreden=""),
                name="periode_eind_met_reden",
            ),
        ]

    def __str__(self) -> str:
        return f"periode vanaf {self.melddatum:%d-%m-%Y}"


class Contactpersoon(models.Model):
    """The client's contact persons, as history: one open row per organisation and role, so a
    Faciliteren client has both an inkomensconsulent and a participatiemakelaar at IO."""

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="contactpersonen")
    organisatie = models.CharField("organisatie", max_length=10, choices=Organisatie.choices)
    # The role this contact fills ('' = the organisation's main contact: inkomensconsulent at
    # IO, werkcoach at DWT); e.g. a Faciliteren client has an IO participatiemakelaar too.
    rol = models.CharField("rol", max_length=30, blank=True, default="")
    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contactklanten"
    )
    van = models.DateField("vanaf")
    tot = models.DateField("tot", null=True, blank=True)

    objects = ContactpersoonQuerySet.as_manager()

    class Meta:
        verbose_name = "contactpersoon"
        verbose_name_plural = "contactpersonen"
        ordering = ["client", "organisatie", "-van"]
        indexes = [
            models.Index(
                fields=["medewerker"], condition=Q(tot__isnull=True), name="contact_open_mdw_idx"
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "organisatie", "rol"],
                condition=Q(tot__isnull=True),
                name="contactpersoon_een_per_organisatie_rol",
            ),
            models.CheckConstraint(
                condition=Q(organisatie__in=[Organisatie.IO, Organisatie.DWT]),
                name="contactpersoon_io_of_dwt",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_organisatie_display()} ({self.rol}): {self.medewerker}"


class Signaal(models.Model):
    """Something about the client that needs attention until someone handles it.

    Urgent signals (broodnood, huisuitzetting, schulden) are shown at the top of the dossier
    and on the IO werkvoorraad until ``afgehandeld_op`` is set.
    """

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="signalen")
    soort = models.CharField("soort", max_length=30, choices=SignaalSoort.choices)
    urgent = models.BooleanField("urgent", default=False)
    omschrijving = models.TextField("omschrijving", blank=True)
    bron = models.CharField(
        "bron", max_length=50, blank=True, help_text="bijv. screening, kick-off"
    )
    aangemaakt_op = models.DateTimeField("gemeld op", auto_now_add=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    afgehandeld_op = models.DateTimeField("afgehandeld op", null=True, blank=True)
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    afhandeling = models.TextField("afhandeling", blank=True)
    # Direct help for an urgent need (issue 30): recorded with the melding, or at the
    # afhandeling while it still says "nog geen" (clients.signalen).
    directe_hulp = models.CharField(
        "directe hulp", max_length=20, choices=DirecteHulp.choices, blank=True, default=""
    )
    voorschot_bedrag = models.DecimalField(
        "bedrag voorschot (euro)", max_digits=7, decimal_places=2, null=True, blank=True
    )
    verwezen_naar = models.CharField("verwezen naar", max_length=200, blank=True)
    directe_hulp_op = models.DateTimeField("directe hulp vastgelegd op", null=True, blank=True)
    directe_hulp_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "signaal"
        verbose_name_plural = "signalen"
        ordering = ["-urgent", "-aangemaakt_op"]
        indexes = [
            models.Index(
                fields=["client"], condition=Q(afgehandeld_op__isnull=True), name="signaal_open_idx"
            ),
            # open signals of a kind across the city: the IO team queue's urgent ones, the
            # handhavers' "werkt niet mee" (migration 0020)
            models.Index(
                fields=["soort"],
                condition=Q(afgehandeld_op__isnull=True),
                name="signaal_open_soort_idx",
            ),
        ]
        constraints = [
            # The planner's "klantgroep lang niet besproken" signal exists once while open,
            # even when two workers run the check at the same time.
            models.UniqueConstraint(
                fields=["client", "soort"],
                condition=Q(afgehandeld_op__isnull=True, soort="groep_niet_besproken"),
                name="signaal_groep_niet_besproken_een_open",
            ),
            # So does the "uitkeringsduur past niet meer bij de klantgroep" signal (issue 27).
            models.UniqueConstraint(
                fields=["client", "soort"],
                condition=Q(afgehandeld_op__isnull=True, soort="uitkeringsduur"),
                name="signaal_uitkeringsduur_een_open",
            ),
            # a voorschot has an amount (0 < bedrag <= the ceiling); no other kind has one
            models.CheckConstraint(
                condition=(
                    Q(
                        directe_hulp="voorschot",
                        voorschot_bedrag__gt=0,
                        voorschot_bedrag__lte=VOORSCHOT_MAXIMUM,
                    )
                    | (~Q(directe_hulp="voorschot") & Q(voorschot_bedrag__isnull=True))
                ),
                name="signaal_voorschot_met_bedrag",
            ),
            models.CheckConstraint(
                condition=Q(directe_hulp="verwijzing", verwezen_naar__gt="")
                | (~Q(directe_hulp="verwijzing") & Q(verwezen_naar="")),
                name="signaal_verwijzing_met_naar_wie",
            ),
            models.CheckConstraint(
                condition=Q(directe_hulp="") | Q(directe_hulp_op__isnull=False),
                name="signaal_directe_hulp_met_datum",
            ),
        ]

    def __str__(self) -> str:
        return self.get_soort_display()

    @property
    def open(self) -> bool:
        return self.afgehandeld_op is None


class Taak(models.Model):
    """One item on a professional's werkvoorraad: an appointment, a due review, an action.

    ``sleutel`` makes planned work idempotent: the planner derives a stable key (for example
    ``voortgang:<client>:<due date>``) and the database refuses a second row with it.
    Either ``medewerker`` (a person) or ``rol`` (a team queue) says whose work it is.
    """

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="taken")
    soort = models.CharField("soort", max_length=30, choices=TaakSoort.choices)
    omschrijving = models.CharField("omschrijving", max_length=255)
    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="medewerker",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="taken",
    )
    rol = models.CharField("rol", max_length=30, blank=True)
    # A team queue is a role of one organisation (blank: the role in any organisation).
    organisatie = models.CharField(
        "organisatie", max_length=10, choices=Organisatie.choices, blank=True
    )
    datum = models.DateField("datum (gepland of uiterlijk)")
    tijd = models.TimeField("tijd", null=True, blank=True)
    status = models.CharField(
        "status", max_length=12, choices=TaakStatus.choices, default=TaakStatus.OPEN
    )
    sleutel = models.CharField("planningssleutel", max_length=120, null=True, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    afgerond_op = models.DateTimeField("afgerond op", null=True, blank=True)
    # Who closed, moved or cancelled the task, and why (blank for the planner).
    afgerond_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="afgehandeld door",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reden = models.CharField("reden of notitie", max_length=500, blank=True)
    # The latest handover (issue 28: old and new owner see what moved): when, by whom, from
    # whom (a person; empty: from a team queue) and why. The audit trail keeps every one.
    overgedragen_op = models.DateTimeField("overgedragen op", null=True, blank=True)
    overgedragen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="overgedragen door",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    overgedragen_van = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="overgedragen van",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="door_mij_overgedragen",
    )
    overdracht_reden = models.CharField("reden overdracht", max_length=200, blank=True)

    class Meta:
        verbose_name = "taak"
        verbose_name_plural = "taken"
        ordering = ["datum", "tijd"]
        indexes = [
            models.Index(
                fields=["medewerker", "datum"],
                condition=Q(status="open"),
                name="taak_open_mdw_datum_idx",
            ),
            models.Index(
                fields=["rol", "datum"], condition=Q(status="open"), name="taak_open_rol_datum_idx"
            ),
            models.Index(
                fields=["client"], condition=Q(status="open"), name="taak_open_client_idx"
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["sleutel"], name="taak_sleutel_uniek"),
            models.UniqueConstraint(
                fields=["client", "soort"],
                condition=Q(status="open", soort__in=TAAK_EEN_OPEN_SOORTEN),
                name="taak_een_open_per_soort",
                violation_error_message="Deze klant heeft al een open taak van deze soort.",
            ),
            models.UniqueConstraint(
                fields=["client", "organisatie"],
                condition=Q(status="open", soort="toewijzen"),
                name="taak_een_open_claim_per_organisatie",
                violation_error_message="Deze klant staat al in de teamwachtrij.",
            ),
            models.CheckConstraint(
                condition=Q(medewerker__isnull=False) | ~Q(rol=""), name="taak_heeft_eigenaar"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.datum:%d-%m-%Y}"

    @property
    def wat(self) -> str:
        """The work, said once: the kind, and the description where it adds to it (a
        planned "Voortgangsgesprek Faciliteren" is not "Voortgangsgesprek: Voortgangsgesprek
        Faciliteren")."""
        soort = self.get_soort_display()
        omschrijving = self.omschrijving.strip()
        if not omschrijving or omschrijving.lower() == soort.lower():
            return soort
        if omschrijving.lower().startswith(soort.lower()):
            return omschrijving
        return f"{soort}: {omschrijving}"

    @property
    def voor(self) -> str:
        """Whose work it is, by name (``medewerker`` should be joined in), or the team queue."""
        if self.medewerker_id:
            return str(self.medewerker)
        return f"team {rol_naam(self.rol)}" + (f" ({self.organisatie})" if self.organisatie else "")

    @property
    def formulier_url(self) -> str:
        """The form that does this work (saving it completes the task); else the dossier."""
        from .taaklinks import taak_formulier_url

        return taak_formulier_url(self)


# Registered with the clients app; defined in its own module (clients/groepen/).
from .groepen.models import Groepslidmaatschap  # noqa: E402, F401


class Correctie(models.Model):
    """A correction of a recorded decision by its owner (issue 29 item 3): a group change or
    an uitstroom that was wrong. The corrected record is changed (or, for an undone group
    change, removed) in the same transaction, so every figure follows; this row keeps what it
    was, what it became, why and by whom. Append-only: never edited, never deleted."""

    class Soort(models.TextChoices):
        GROEPSWIJZIGING = "groepswijziging", "Klantgroep"
        UITSTROOM = "uitstroom", "Uitstroom"

    class Wijze(models.TextChoices):
        GEWIJZIGD = "gewijzigd", "Gegevens gecorrigeerd"
        ONGEDAAN = "ongedaan", "Ongedaan gemaakt"

    client = models.ForeignKey(Client, on_delete=models.CASCADE, related_name="correcties")
    soort = models.CharField("wat is gecorrigeerd", max_length=20, choices=Soort.choices)
    wijze = models.CharField("correctie", max_length=10, choices=Wijze.choices)
    was = models.CharField("was", max_length=300)
    wordt = models.CharField("wordt", max_length=300)
    oud = models.JSONField("vastlegging vóór de correctie", default=dict)
    reden = models.TextField("reden van de correctie")
    # The dates of the corrected event before and after: the periods whose figures change.
    datum_was = models.DateField("datum vóór de correctie")
    datum_wordt = models.DateField("datum na de correctie", null=True, blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="door"
    )
    op = models.DateTimeField("gecorrigeerd op", auto_now_add=True)

    class Meta:
        verbose_name = "correctie"
        verbose_name_plural = "correcties"
        ordering = ["client", "-op"]
        indexes = [models.Index(fields=["op"], name="correctie_op_idx")]
        constraints = [
            models.CheckConstraint(condition=~Q(reden=""), name="correctie_met_reden"),
        ]

    def __str__(self) -> str:
        return f"Correctie {self.get_soort_display().lower()}: {self.was} → {self.wordt}"
