from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

from clients.constants import (
    Commitment,
    DirecteHulp,
    Fase,
    Feedbackmethode,
    GedeeldOnderwerp,
    GroeienKenmerk,
    Huisbezoek,
    Leefgebied,
    LidmaatschapSoort,
    SignaalSoort,
    Wijk,
)
from clients.groepen.models import Groepslidmaatschap
from clients.models import Client, Signaal
from clients.services import CLIENT_EDITABLE_FIELDS
from clients.validators import normalize_bsn, validate_bsn
from klantgroepen.constants import Perspectief
from klantgroepen.models import Klantgroep

from .hygiene import MULTILINE_STYLE, WriteSerializer


class StrictCharField(serializers.CharField):
    """A text field that refuses numbers, booleans, lists and objects instead of coercing."""

    default_error_messages = {"invalid": "Geef tekst op."}

    def __init__(self, *, multiline=False, **kwargs):
        if multiline:
            kwargs.setdefault("style", MULTILINE_STYLE)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        try:
            data.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates cannot be stored
            self.fail("invalid")
        return super().to_internal_value(data)


class ContactpersoonSerializer(serializers.Serializer):
    organisatie = serializers.CharField()
    medewerker = serializers.CharField(source="medewerker.get_full_name")
    medewerker_id = serializers.IntegerField()
    van = serializers.DateField()


class ClientListSerializer(serializers.ModelSerializer):
    klantgroep = serializers.SerializerMethodField()
    contactpersonen = serializers.SerializerMethodField()

    class Meta:
        model = Client
        fields = [
            "id",
            "voornamen",
            "tussenvoegsel",
            "achternaam",
            "geboortedatum",
            "wijk",
            "fase",
            "klantgroep",
            "contactpersonen",
        ]

    def get_klantgroep(self, obj) -> str | None:
        current = getattr(obj, "actuele_lidmaatschappen", None)
        return current[0].klantgroep.code if current else None

    def get_contactpersonen(self, obj) -> list[dict]:
        return list(
            ContactpersoonSerializer(getattr(obj, "actuele_contactpersonen", []), many=True).data
        )


def _mag(serializer: serializers.BaseSerializer, regel) -> bool:
    """May the requesting user read what ``regel`` guards? Without a request in the context:
    no (the narrow view when a caller forgot to pass it)."""
    from deventer_werk.access import may

    request = serializer.context.get("request")
    return request is not None and may(request.user, regel)


class ClientDetailSerializer(ClientListSerializer):
    """The full BSN only for IO roles (DESIGN.md §1); others get it masked (*****1234)."""

    bsn = serializers.CharField(read_only=True)  # decrypted from Client.bsn_versleuteld

    def to_representation(self, instance):
        from clients.rules import BSN_VOLLEDIG

        data = super().to_representation(instance)
        if data.get("bsn") and not _mag(self, BSN_VOLLEDIG):
            data["bsn"] = instance.bsn_gemaskeerd
        return data

    class Meta(ClientListSerializer.Meta):
        fields = [
            *ClientListSerializer.Meta.fields[:1],
            "bsn",
            *ClientListSerializer.Meta.fields[1:],
            "straat",
            "huisnummer",
            "postcode",
            "woonplaats",
            "telefoon",
            "email",
            "doelgroepenregister",
            "versie",
        ]
        read_only_fields = fields


_CLIENT_FIELD_KWARGS: dict[str, dict[str, Any]] = {
    "voornamen": {"max_length": 200},
    "tussenvoegsel": {"max_length": 20, "required": False, "allow_blank": True},
    "achternaam": {"max_length": 200},
    "straat": {"max_length": 200, "required": False, "allow_blank": True},
    "huisnummer": {"max_length": 20, "required": False, "allow_blank": True},
    "postcode": {"max_length": 7, "required": False, "allow_blank": True},
    "woonplaats": {"max_length": 100, "required": False},
    "telefoon": {"max_length": 30, "required": False, "allow_blank": True},
}


class ClientFieldsMixin(WriteSerializer):
    voornamen = StrictCharField(**_CLIENT_FIELD_KWARGS["voornamen"])
    tussenvoegsel = StrictCharField(**_CLIENT_FIELD_KWARGS["tussenvoegsel"])
    achternaam = StrictCharField(**_CLIENT_FIELD_KWARGS["achternaam"])
    geboortedatum = serializers.DateField()
    straat = StrictCharField(**_CLIENT_FIELD_KWARGS["straat"])
    huisnummer = StrictCharField(**_CLIENT_FIELD_KWARGS["huisnummer"])
    postcode = StrictCharField(**_CLIENT_FIELD_KWARGS["postcode"])
    woonplaats = StrictCharField(**_CLIENT_FIELD_KWARGS["woonplaats"])
    wijk = serializers.ChoiceField(choices=Wijk.choices, required=False, allow_blank=True)
    telefoon = StrictCharField(**_CLIENT_FIELD_KWARGS["telefoon"])
    email = serializers.EmailField(required=False, allow_blank=True, max_length=254)
    doelgroepenregister = serializers.BooleanField(required=False)


class ClientCreateSerializer(ClientFieldsMixin):
    bsn = StrictCharField(max_length=11, help_text="9 cijfers (elfproef)")
    melddatum = serializers.DateField()
    startdatum_uitkering = serializers.DateField(required=False, allow_null=True)

    def validate_bsn(self, value):
        bsn = normalize_bsn(value)
        try:
            validate_bsn(bsn)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc
        return bsn


class ClientUpdateSerializer(ClientFieldsMixin):
    versie = serializers.IntegerField(
        min_value=1, max_value=2_147_483_647, help_text="De versie waarop de wijziging gebaseerd is"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.partial:
            for name in CLIENT_EDITABLE_FIELDS:
                self.fields[name].required = False

    def validate(self, attrs):
        # A partial update skips absent fields, but without the version it was based on a
        # change could silently overwrite someone else's: required on PATCH too.
        if "versie" not in attrs:
            raise serializers.ValidationError(
                {"versie": ["Geef de versie op waarop de wijziging gebaseerd is."]}
            )
        return attrs


class BsnZoekSerializer(WriteSerializer):
    bsn = StrictCharField(max_length=11)

    def validate_bsn(self, value):
        # any BSN may be searched for (an unknown one finds nothing), but only in ASCII digits
        if not normalize_bsn(value).isascii():
            raise serializers.ValidationError("Een BSN bestaat uit precies 9 cijfers.")
        return value


class GroepslidmaatschapSerializer(serializers.ModelSerializer):
    klantgroep: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    gekozen_klantgroep: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )
    geadviseerde_klantgroep: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True, allow_null=True
    )
    waarschuwingen = serializers.ListField(child=StrictCharField(), read_only=True)

    class Meta:
        model = Groepslidmaatschap
        fields = [
            "id",
            "klantgroep",
            "van",
            "tot",
            "soort",
            "reden",
            "gekozen_klantgroep",
            "geadviseerde_klantgroep",
            "waarschuwingen",
        ]
        read_only_fields = fields


def _klantgroep_field(**kwargs):
    return serializers.SlugRelatedField(
        slug_field="code", queryset=Klantgroep.objects.all(), **kwargs
    )


class GroepswijzigingSerializer(WriteSerializer):
    klantgroep = _klantgroep_field()
    van = serializers.DateField()
    soort = serializers.ChoiceField(choices=LidmaatschapSoort.choices)
    reden = StrictCharField(multiline=True, required=False, allow_blank=True, max_length=2000)
    gekozen_klantgroep = _klantgroep_field(required=False, allow_null=True)
    geadviseerde_klantgroep = _klantgroep_field(required=False, allow_null=True)


class SignaalSerializer(serializers.ModelSerializer):
    class Meta:
        model = Signaal
        fields = [
            "id",
            "soort",
            "urgent",
            "omschrijving",
            "bron",
            "aangemaakt_op",
            "afgehandeld_op",
            "afhandeling",
            "directe_hulp",
            "voorschot_bedrag",
            "verwezen_naar",
            "directe_hulp_op",
        ]
        read_only_fields = fields


# Direct help for an urgent signal (issue 30), checked by the service as on the page: a
# voorschot needs an amount (more than 0, at most 5,000, in cents), a verwijzing to whom.
class DirecteHulpSerializer(WriteSerializer):
    directe_hulp = serializers.ChoiceField(
        choices=DirecteHulp.choices,
        required=False,
        allow_blank=True,
        help_text="alleen bij broodnood, huisuitzetting of schulden",
    )
    voorschot_bedrag = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        required=False,
        allow_null=True,
        help_text="euro; verplicht bij een voorschot, anders leeg",
    )
    verwezen_naar = StrictCharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="verplicht bij een verwijzing, anders leeg",
    )


class SignaalMeldSerializer(DirecteHulpSerializer):
    soort = serializers.ChoiceField(choices=SignaalSoort.choices)
    omschrijving = StrictCharField(
        multiline=True, required=False, allow_blank=True, max_length=4000
    )


class SignaalAfhandelSerializer(DirecteHulpSerializer):
    afhandeling = StrictCharField(multiline=True, max_length=4000)


class IndicatorRijSerializer(serializers.Serializer):
    klantgroep = StrictCharField()
    bestand_begin = StrictCharField(
        help_text="'<5' als het aantal klein is, 'x' als het anders terug te rekenen is"
    )
    instroom = StrictCharField()
    doorstroom_in = StrictCharField()
    doorstroom_uit = StrictCharField()
    uitstroom = StrictCharField(help_text="klanten die het bestand verlieten")
    uitstroom_naar_werk = StrictCharField(help_text="uitkeringen beëindigd door werk")
    bestand_eind = StrictCharField()


class IndicatorTabelSerializer(serializers.Serializer):
    id = StrictCharField()
    titel = StrictCharField()
    voorlopig = serializers.BooleanField()
    kolommen = serializers.ListField(child=StrictCharField())
    rijen = serializers.ListField(child=serializers.ListField(child=StrictCharField()))


class IndicatorenSerializer(serializers.Serializer):
    periode = StrictCharField()
    start = serializers.DateField()
    eind = serializers.DateField()
    drempel = serializers.IntegerField()
    voorlopig = serializers.BooleanField()
    klantgroepen = IndicatorRijSerializer(many=True)
    doorstroom = serializers.DictField(child=serializers.DictField(child=StrictCharField()))
    tabellen = IndicatorTabelSerializer(many=True)


FASE_CHOICES = Fase.choices


# Klantreis -----------------------------------------------------------------------------------
class ScreeningSerializer(serializers.Serializer):
    """A screening: its rechtmatigheid estimate is null for a role outside
    ``intake.screening_rechtmatigheid``, the reason "geen recht" for one outside
    ``intake.screening_inhoud`` (DESIGN.md §1, the same rules as the dossier)."""

    id = serializers.IntegerField()
    datum = serializers.DateField()
    rechtmatigheid = serializers.CharField(allow_null=True)
    uitkomst = serializers.CharField()
    reden_geen_recht = serializers.CharField(allow_null=True)
    afspraak_op = serializers.DateTimeField(allow_null=True)

    def to_representation(self, instance):
        from clients.intake.rules import SCREENING_INHOUD, SCREENING_RECHTMATIGHEID

        data = super().to_representation(instance)
        if not _mag(self, SCREENING_RECHTMATIGHEID):
            data["rechtmatigheid"] = None
        if not _mag(self, SCREENING_INHOUD):
            data["reden_geen_recht"] = None
        return data


class AmbitiegesprekSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    datum = serializers.DateField()
    participatieladder = serializers.IntegerField()
    gekozen_klantgroep = serializers.CharField(source="gekozen_klantgroep.code")
    geadviseerde_klantgroep = serializers.CharField(source="geadviseerde_klantgroep.code")
    motivatie = serializers.CharField()
    instrument = serializers.CharField(source="instrument.__str__")
    # issue 27 part 3; "" / null: not recorded (gesprekken from before these were asked)
    commitment = serializers.ChoiceField(choices=Commitment.choices)
    afspraak_getekend_op = serializers.DateField(allow_null=True)
    commitment_reden = serializers.CharField()
    feedbackmethode = serializers.ChoiceField(choices=Feedbackmethode.choices)
    feedbackmethode_toelichting = serializers.CharField()
    huisbezoek = serializers.ChoiceField(choices=Huisbezoek.choices)
    groeien_kenmerken = serializers.ListField(
        child=serializers.ChoiceField(choices=GroeienKenmerk.choices), allow_null=True
    )
    # The advice of the beleidsregels at the time of the gesprek (issue 27); ""/null: none.
    perspectief = serializers.ChoiceField(choices=Perspectief.choices)
    regeladvies = serializers.CharField(source="regeladvies.code", allow_null=True, default=None)
    regeladvies_redenen = serializers.CharField()
    # the sensitive leefgebieden the client shared with DWT for the plan (DESIGN.md §1)
    gedeelde_leefgebieden = serializers.ListField(
        child=serializers.ChoiceField(choices=Leefgebied.choices)
    )


class VoortgangsgesprekSerializer(WriteSerializer):
    id = serializers.IntegerField(read_only=True)
    datum = serializers.DateField()
    plek = serializers.ChoiceField(choices=["kantoor", "thuis", "telefonisch", "beeldbellen"])
    welzijn = serializers.IntegerField(min_value=1, max_value=5)
    stress = serializers.IntegerField(min_value=1, max_value=5)
    juiste_groep = serializers.BooleanField()
    nieuwe_klantgroep = _klantgroep_field(required=False, allow_null=True, write_only=True)
    geadviseerde_klantgroep = _klantgroep_field(required=False, allow_null=True, write_only=True)
    reden_groepswijziging = StrictCharField(
        multiline=True, required=False, allow_blank=True, max_length=2000, write_only=True
    )
    schuldsignaal = serializers.BooleanField(required=False, default=False)
    gedeeld_met_dwt = serializers.ListField(
        child=serializers.ChoiceField(choices=GedeeldOnderwerp.choices),
        required=False,
        default=list,
        max_length=len(GedeeldOnderwerp.choices),
        help_text="Wat de klant met DWT deelt voor het plan; weggelaten of [] : niets",
    )
    rechtmatigheid_getoetst = serializers.BooleanField(required=False, default=False)
    rechtmatigheid_bevinding = serializers.ChoiceField(
        choices=["geen", "onderzoek", "niet"], required=False, default="niet"
    )
    rechtmatigheid_niet_reden = StrictCharField(
        multiline=True, required=False, allow_blank=True, max_length=2000, default=""
    )
    leefsituatie = StrictCharField(
        multiline=True, required=False, allow_blank=True, max_length=4000
    )
    inkomenssituatie = StrictCharField(
        multiline=True, required=False, allow_blank=True, max_length=4000
    )
    # Updates of what the ambitiegesprek recorded (issue 27 part 3); left out: unchanged.
    huisbezoek = serializers.ChoiceField(
        choices=Huisbezoek.choices, required=False, allow_blank=True, default=""
    )
    commitment = serializers.ChoiceField(
        choices=Commitment.choices, required=False, allow_blank=True, default=""
    )
    afspraak_getekend_op = serializers.DateField(required=False, allow_null=True, default=None)
    commitment_reden = StrictCharField(
        multiline=True, required=False, allow_blank=True, max_length=2000, default=""
    )
    groeien_kenmerken = serializers.ListField(
        child=serializers.ChoiceField(choices=GroeienKenmerk.choices),
        required=False,
        allow_null=True,
        default=None,
        max_length=len(GroeienKenmerk.choices),
        help_text="null of weggelaten: ongewijzigd; [] : geen kenmerken (meer)",
    )


class VoortgangsgesprekLeesSerializer(serializers.Serializer):
    """A voortgangsgesprek as read through the API, per field under the dossier's rules
    (DESIGN.md §1): income and what the client did not share for the plan null outside
    ``begeleiding.gesprek_inhoud`` (IO roles); welzijn/stress, leefsituatie and the debt
    signal also for DWT roles when the client shared them (``gedeeld_met_dwt``,
    ``begeleiding.gesprek_gedeeld``); rechtmatigheid null outside
    ``begeleiding.gesprek_rechtmatigheid``. That the gesprek took place, when and where, and
    the agreements (huisbezoek, commitment) every dossier role reads."""

    # field -> the item of gedeeld_met_dwt that lets DWT read it (None: never shared)
    INHOUD = {
        "welzijn": GedeeldOnderwerp.WELZIJN,
        "stress": GedeeldOnderwerp.WELZIJN,
        "schuldsignaal": GedeeldOnderwerp.SCHULDEN,
        "leefsituatie": GedeeldOnderwerp.LEEFSITUATIE,
        "inkomenssituatie": None,
    }
    RECHTMATIGHEID = (
        "rechtmatigheid_getoetst",
        "rechtmatigheid_bevinding",
        "rechtmatigheid_niet_reden",
    )

    id = serializers.IntegerField()
    datum = serializers.DateField()
    plek = serializers.CharField()
    welzijn = serializers.IntegerField(allow_null=True)
    stress = serializers.IntegerField(allow_null=True)
    juiste_groep = serializers.BooleanField()
    schuldsignaal = serializers.BooleanField(allow_null=True)
    gedeeld_met_dwt = serializers.ListField(
        child=serializers.ChoiceField(choices=GedeeldOnderwerp.choices)
    )
    rechtmatigheid_getoetst = serializers.BooleanField(allow_null=True)
    rechtmatigheid_bevinding = serializers.CharField(allow_null=True)
    rechtmatigheid_niet_reden = serializers.CharField(allow_null=True)
    leefsituatie = serializers.CharField(allow_null=True)
    inkomenssituatie = serializers.CharField(allow_null=True)
    huisbezoek = serializers.CharField()
    commitment = serializers.CharField()
    afspraak_getekend_op = serializers.DateField(allow_null=True)
    groeien_kenmerken = serializers.ListField(child=serializers.CharField(), allow_null=True)

    def to_representation(self, instance):
        from clients.begeleiding.rules import (
            GESPREK_GEDEELD,
            GESPREK_INHOUD,
            GESPREK_RECHTMATIGHEID,
        )

        data = super().to_representation(instance)
        if not _mag(self, GESPREK_INHOUD):
            gedeeld = set(instance.gedeeld_met_dwt or ()) if _mag(self, GESPREK_GEDEELD) else set()
            for veld, onderwerp in self.INHOUD.items():
                if onderwerp not in gedeeld:
                    data[veld] = None
        if not _mag(self, GESPREK_RECHTMATIGHEID):
            data.update(dict.fromkeys(self.RECHTMATIGHEID))
        return data


class PlanSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    versie = serializers.IntegerField()
    vastgesteld_op = serializers.DateField()
    doelen = serializers.SerializerMethodField()

    def get_doelen(self, obj) -> list[dict]:
        return [
            {
                "leefgebied": d.leefgebied,
                "omschrijving": d.omschrijving,
                "acties": [
                    {
                        "omschrijving": a.omschrijving,
                        "eigenaar": a.eigenaar,
                        "deadline": a.deadline.isoformat(),
                        "status": a.status,
                    }
                    for a in d.acties.all()
                ],
            }
            for d in obj.doelen.all()
        ]


class TrajectSerializer(WriteSerializer):
    id = serializers.IntegerField(read_only=True)
    instrument = serializers.CharField(source="instrument.naam", read_only=True)
    instrument_id = serializers.IntegerField(write_only=True, min_value=1, max_value=2_147_483_647)
    aanbieder_id = serializers.IntegerField(min_value=1, max_value=2_147_483_647)
    sector_id = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=2_147_483_647
    )
    start = serializers.DateField()
    gepland_einde = serializers.DateField(required=False, allow_null=True)
    einde = serializers.DateField(read_only=True, allow_null=True)
    status = serializers.CharField(read_only=True)
    resultaat = serializers.CharField(read_only=True)
    loonwaarde = serializers.IntegerField(
        required=False, allow_null=True, min_value=0, max_value=100
    )
    herbeoordeling_op = serializers.DateField(required=False, allow_null=True)
    afwijking_reden = StrictCharField(
        multiline=True, required=False, allow_blank=True, max_length=2000
    )


class PlaatsingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    werkgever = serializers.CharField(source="werkgever.naam")
    functie = serializers.CharField()
    uren = serializers.IntegerField()
    contract = serializers.CharField()
    start = serializers.DateField()
    met_loonkostensubsidie = serializers.BooleanField()
    nazorg_tot = serializers.DateField()


class RechtmatigheidsonderzoekSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    selectiereden = serializers.CharField()
    selectie_toelichting = serializers.CharField()
    gestart_op = serializers.DateField()
    bevinding = serializers.CharField()
    uitkomsten = serializers.ListField(child=serializers.CharField())
    omgekeerde_toetsen = serializers.DictField(child=serializers.CharField())
    motivatie = serializers.CharField()
    gevolgen_strikte_uitkomst = serializers.CharField()
    besloten_op = serializers.DateField(allow_null=True)
