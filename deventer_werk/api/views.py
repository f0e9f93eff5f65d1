"""REST API v1: the browser's services, need-to-know scoping and audit trail, as JSON."""

from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action, api_view, permission_classes
from rest_framework.exceptions import NotFound
from rest_framework.filters import OrderingFilter
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from clients import rules as client_rules
from clients.access import client_open_or_404
from clients.begeleiding import rules as begeleiding_rules
from clients.groepen.models import Groepslidmaatschap
from clients.groepen.services import groepsindeling_wijzig
from clients.handhaving import rules as handhaving_rules
from clients.models import Client, Signaal
from clients.selectors import _with_current, client_search
from clients.services import client_register, client_update
from clients.signalen import signaal_handel_af, signaal_meld, signalen_zichtbaar
from clients.trajecten import rules as trajecten_rules
from deventer_werk.access import drf_permission, require
from deventer_werk.audit.constants import Actie, Herkomst
from deventer_werk.audit.services import audit_record
from monitoring import rules as monitoring_rules
from monitoring.periods import Periode
from monitoring.presentatie import presenteer
from monitoring.selectors import periodecijfers

from . import serializers as s
from .filters import ClientFilter, SignaalFilter, StrictDjangoFilterBackend


def _client(
    request, pk, regel=client_rules.DOSSIER_BEKIJKEN, actie=Actie.BEKEKEN, object_type="dossier"
) -> Client:
    """Need-to-know first (404 outside it, whatever the role), then the action (403)."""
    client = client_open_or_404(
        request, pk, object_type=object_type, herkomst=Herkomst.API, actie=actie
    )
    require(request.user, regel)
    return client


class ClientViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Klanten binnen uw need-to-know. Zoeken op BSN gaat met POST naar ``zoeken``."""

    filter_backends = [StrictDjangoFilterBackend, OrderingFilter]
    filterset_class = ClientFilter
    ordering_fields = ["achternaam", "geboortedatum", "gewijzigd_op"]
    ordering = ["achternaam", "voornamen", "id"]
    lookup_value_converter = "uuid"

    queryset = Client.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Client.objects.none()
        require(self.request.user, client_rules.DOSSIERWERK)
        return _with_current(Client.objects.visible_to(self.request.user))

    def get_serializer_class(self):
        return {
            "list": s.ClientListSerializer,
            "create": s.ClientCreateSerializer,
            "update": s.ClientUpdateSerializer,
            "partial_update": s.ClientUpdateSerializer,
            "zoeken": s.BsnZoekSerializer,
        }.get(self.action, s.ClientDetailSerializer)

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        audit_record(
            actor=request.user,
            actie=Actie.GEZOCHT,
            object_type="klantenlijst",
            herkomst=Herkomst.API,
            request=request,
            details={"filters": sorted(k for k in request.query_params if k != "page")},
        )
        return response

    def retrieve(self, request, pk=None):
        client = _client(request, pk)
        client = _with_current(Client.objects.filter(pk=client.pk)).get()
        return Response(s.ClientDetailSerializer(client, context={"request": request}).data)

    @extend_schema(request=s.ClientCreateSerializer, responses={201: s.ClientDetailSerializer})
    def create(self, request):
        require(request.user, client_rules.REGISTREREN)
        data = self._validated(s.ClientCreateSerializer, request.data)
        client = client_register(actor=request.user, herkomst=Herkomst.API, request=request, **data)
        client = _with_current(Client.objects.filter(pk=client.pk)).get()
        return Response(
            s.ClientDetailSerializer(client, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        request=s.ClientUpdateSerializer, responses={200: s.ClientDetailSerializer, 409: None}
    )
    def update(self, request, pk=None, partial=False):
        client = _client(
            request, pk, client_rules.GEGEVENS_BEWERKEN, actie=Actie.GEWIJZIGD, object_type="klant"
        )
        data = self._validated(s.ClientUpdateSerializer, request.data, partial=partial)
        versie = data.pop("versie")
        with transaction.atomic():
            client = client_update(
                actor=request.user,
                client=client,
                versie=versie,
                herkomst=Herkomst.API,
                request=request,
                **data,
            )
        client = _with_current(Client.objects.filter(pk=client.pk)).get()
        return Response(s.ClientDetailSerializer(client, context={"request": request}).data)

    @extend_schema(
        request=s.ClientUpdateSerializer, responses={200: s.ClientDetailSerializer, 409: None}
    )
    def partial_update(self, request, pk=None):
        return self.update(request, pk, partial=True)

    @extend_schema(
        request=s.BsnZoekSerializer,
        responses={200: s.ClientListSerializer(many=True)},
        filters=False,
    )
    @action(detail=False, methods=["post"], pagination_class=None, filter_backends=[])
    def zoeken(self, request):
        """Zoek op BSN. Het BSN staat in de body, nooit in de URL."""
        require(request.user, client_rules.DOSSIERWERK)
        data = self._validated(s.BsnZoekSerializer, request.data)
        from clients.validators import normalize_bsn

        clients = list(client_search(user=request.user, bsn=normalize_bsn(data["bsn"]))[:10])
        audit_record(
            actor=request.user,
            actie=Actie.GEZOCHT,
            object_type="bsn",
            herkomst=Herkomst.API,
            request=request,
            details={"gevonden": len(clients)},
        )
        return Response(s.ClientListSerializer(clients, many=True).data)

    @staticmethod
    def _validated(serializer_class, data, partial=False) -> dict:
        serializer = serializer_class(data=data, partial=partial)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)


@extend_schema(responses=s.GroepslidmaatschapSerializer(many=True))
class GroepslidmaatschapViewSet(viewsets.GenericViewSet):
    """Groepshistorie van één klant, en een groepswijziging vastleggen."""

    serializer_class = s.GroepslidmaatschapSerializer
    queryset = Groepslidmaatschap.objects.none()
    pagination_class = None

    def list(self, request, client_pk=None):
        client = _client(request, client_pk, object_type="groepshistorie")
        rows = (
            Groepslidmaatschap.objects.filter(client=client)
            .select_related("klantgroep", "gekozen_klantgroep", "geadviseerde_klantgroep")
            .order_by("-van")
        )
        return Response(s.GroepslidmaatschapSerializer(rows, many=True).data)

    @extend_schema(
        request=s.GroepswijzigingSerializer, responses={201: s.GroepslidmaatschapSerializer}
    )
    def create(self, request, client_pk=None):
        client = _client(
            request,
            client_pk,
            client_rules.GROEP_WIJZIGEN,
            actie=Actie.GEWIJZIGD,
            object_type="klantgroep",
        )
        serializer = s.GroepswijzigingSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        uitkomst = groepsindeling_wijzig(
            actor=request.user, client=client, herkomst=Herkomst.API, **serializer.validated_data
        )
        return Response(
            s.GroepslidmaatschapSerializer(uitkomst.lidmaatschap).data,
            status=status.HTTP_201_CREATED,
        )


class SignaalViewSet(viewsets.GenericViewSet):
    """Signalen van één klant: lijst, melden en afhandelen."""

    serializer_class = s.SignaalSerializer
    queryset = Signaal.objects.none()
    pagination_class = None
    filter_backends = [StrictDjangoFilterBackend]
    filterset_class = SignaalFilter

    @extend_schema(responses=s.SignaalSerializer(many=True))
    def list(self, request, client_pk=None):
        client = _client(request, client_pk, object_type="signalen")
        rows = self.filter_queryset(
            signalen_zichtbaar(Signaal.objects.filter(client=client), request.user).order_by(
                "-aangemaakt_op"
            )
        )
        return Response(s.SignaalSerializer(rows, many=True).data)

    @extend_schema(request=s.SignaalMeldSerializer, responses={201: s.SignaalSerializer})
    def create(self, request, client_pk=None):
        client = _client(
            request,
            client_pk,
            client_rules.SIGNAAL_MELDEN,
            actie=Actie.GEWIJZIGD,
            object_type="signaal",
        )
        serializer = s.SignaalMeldSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        signaal = signaal_meld(
            actor=request.user, client=client, herkomst=Herkomst.API, **serializer.validated_data
        )
        return Response(s.SignaalSerializer(signaal).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.SignaalAfhandelSerializer, responses={200: s.SignaalSerializer})
    @action(detail=True, methods=["post"], filter_backends=[])
    def afhandelen(self, request, client_pk=None, pk=None):
        client = _client(
            request,
            client_pk,
            client_rules.SIGNAAL_AFHANDELEN,
            actie=Actie.GEWIJZIGD,
            object_type="signaal",
        )
        if not str(pk).isdigit() or int(pk) > 2**62:
            raise NotFound("Niet gevonden.")
        signaal = get_object_or_404(Signaal, client=client, pk=int(pk))
        serializer = s.SignaalAfhandelSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        signaal = signaal_handel_af(
            actor=request.user, signaal=signaal, herkomst=Herkomst.API, **serializer.validated_data
        )
        return Response(s.SignaalSerializer(signaal).data)


@extend_schema(
    parameters=[
        OpenApiParameter(
            "periode",
            str,
            description="bijv. 2026Q2 of 2026H1",
            required=True,
            pattern=r"^20\d\d(Q[1-4]|H[12])$",
        )
    ],
    responses=s.IndicatorenSerializer,
)
@api_view(["GET"])
@permission_classes([IsAuthenticated, drf_permission(monitoring_rules.INDICATOREN)])
def indicatoren(request):
    """Geaggregeerde cijfers per klantgroep (geen persoonsgegevens; kleine aantallen '<5')."""
    from rest_framework.exceptions import ValidationError

    try:
        periode = Periode.parse(request.query_params.get("periode", ""))
    except ValueError as exc:
        raise ValidationError({"periode": [str(exc)]}) from exc
    if periode.start > timezone.localdate():
        raise ValidationError({"periode": ["Deze periode is nog niet begonnen."]})
    p = presenteer(periodecijfers(periode))
    return Response(_indicatoren_json(periode, p))


def _indicatoren_json(periode: Periode, p) -> dict:
    """The same suppressed cells as the dashboard, PDF and exports (one presentation)."""
    s = p.snapshot
    code, begin, eind = periode.code, s["huidig"]["begindatum"], s["huidig"]["peildatum"]
    codes = [g["code"] for g in s["klantgroepen"]]

    def c(*sleutel) -> str:
        return str(p.cel(sleutel))

    return {
        "periode": code,
        "start": periode.start,
        "eind": periode.eind,
        "drempel": s["drempel"],
        "voorlopig": s["huidig"]["periode"]["voorlopig"],
        "klantgroepen": [
            {
                "klantgroep": g,
                "bestand_begin": c("bestand", begin, g),
                "instroom": c("in", code, g),
                "doorstroom_in": c("door_in", code, g),
                "doorstroom_uit": c("door_uit", code, g),
                "uitstroom": c("uit", code, g),
                "uitstroom_naar_werk": c("werk", code, g),
                "bestand_eind": c("bestand", eind, g),
            }
            for g in codes
        ],
        "doorstroom": {v: {n: c("door", code, v, n) for n in codes if n != v} for v in codes},
        "tabellen": [
            {
                "id": t.id,
                "titel": t.titel,
                "voorlopig": t.voorlopig,
                "kolommen": t.kolommen,
                "rijen": [[str(cel) for cel in rij] for rij in t.rijen],
            }
            for t in p.tabellen.values()
        ],
    }


def _klantreis_lijst(
    *,
    model_path: str,
    serializer,
    object_type: str,
    select=(),
    prefetch=(),
    ordering=("-pk",),
    regel=client_rules.DOSSIER_BEKIJKEN,
):
    """A read-only list of one client's klantreis records: need-to-know, audit, fixed queries."""
    from django.apps import apps

    app_label, model_name = model_path.split(".")

    @extend_schema(responses=serializer(many=True))
    def lijst(self, request, client_pk=None):
        client = _client(request, client_pk, regel, object_type=object_type)
        model = apps.get_model(app_label, model_name)
        rows = (
            model.objects.filter(client=client)
            .select_related(*select)
            .prefetch_related(*prefetch)
            .order_by(*ordering)
        )
        return Response(serializer(rows, many=True, context={"request": request}).data)

    return type(
        f"{model_name}Lijst",
        (viewsets.GenericViewSet,),
        {
            "list": lijst,
            "pagination_class": None,
            "serializer_class": serializer,
            "queryset": Client.objects.none(),
            "__doc__": f"{object_type.capitalize()} van één klant.",
        },
    )


ScreeningLijst = _klantreis_lijst(
    model_path="intake.Screening", serializer=s.ScreeningSerializer, object_type="screenings"
)
AmbitieLijst = _klantreis_lijst(
    model_path="intake.Ambitiegesprek",
    serializer=s.AmbitiegesprekSerializer,
    object_type="ambitiegesprekken",
    select=("gekozen_klantgroep", "geadviseerde_klantgroep", "instrument", "regeladvies"),
)
PlanLijst = _klantreis_lijst(
    model_path="begeleiding.PlanVanAanpak",
    serializer=s.PlanSerializer,
    object_type="plannen",
    prefetch=("doelen__acties",),
)
PlaatsingLijst = _klantreis_lijst(
    model_path="trajecten.Plaatsing",
    serializer=s.PlaatsingSerializer,
    object_type="plaatsingen",
    select=("werkgever",),
)
RechtmatigheidLijst = _klantreis_lijst(
    model_path="handhaving.Rechtmatigheidsonderzoek",
    serializer=s.RechtmatigheidsonderzoekSerializer,
    object_type="rechtmatigheidsonderzoeken",
    regel=handhaving_rules.SECTIE,  # the handhaver and the inkomensconsulent (DESIGN.md §1)
)


class VoortgangViewSet(
    _klantreis_lijst(
        model_path="begeleiding.Voortgangsgesprek",
        serializer=s.VoortgangsgesprekLeesSerializer,
        object_type="voortgangsgesprekken",
    )
):
    @extend_schema(
        request=s.VoortgangsgesprekSerializer, responses={201: s.VoortgangsgesprekSerializer}
    )
    def create(self, request, client_pk=None):
        from clients.begeleiding.services import voortgangsgesprek_leg_vast

        # need-to-know first: outside it the answer is 404 whatever the role
        client = _client(
            request,
            client_pk,
            begeleiding_rules.VOORTGANGSGESPREK,
            actie=Actie.GEWIJZIGD,
            object_type="voortgangsgesprek",
        )
        serializer = s.VoortgangsgesprekSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        gesprek = voortgangsgesprek_leg_vast(
            actor=request.user, client=client, herkomst=Herkomst.API, **serializer.validated_data
        )
        return Response(s.VoortgangsgesprekSerializer(gesprek).data, status=status.HTTP_201_CREATED)


class TrajectViewSet(
    _klantreis_lijst(
        model_path="trajecten.Traject",
        serializer=s.TrajectSerializer,
        object_type="trajecten",
        select=("instrument",),
    )
):
    @extend_schema(request=s.TrajectSerializer, responses={201: s.TrajectSerializer})
    def create(self, request, client_pk=None):
        from clients.trajecten.models import Aanbieder, Instrument, Sector
        from clients.trajecten.services import traject_start

        client = _client(
            request,
            client_pk,
            trajecten_rules.TRAJECT,
            actie=Actie.GEWIJZIGD,
            object_type="traject",
        )
        serializer = s.TrajectSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        fouten = {}
        instrument = Instrument.objects.filter(pk=data.pop("instrument_id"), actief=True).first()
        aanbieder = Aanbieder.objects.filter(pk=data.pop("aanbieder_id")).first()
        sector_id = data.pop("sector_id", None)
        sector = Sector.objects.filter(pk=sector_id).first() if sector_id else None
        if instrument is None:
            fouten["instrument_id"] = ["Onbekend instrument."]
        if aanbieder is None:
            fouten["aanbieder_id"] = ["Onbekende aanbieder."]
        if sector_id and sector is None:
            fouten["sector_id"] = ["Onbekende sector."]
        if fouten:
            from rest_framework.exceptions import ValidationError

            raise ValidationError(fouten)
        traject = traject_start(
            actor=request.user,
            client=client,
            instrument=instrument,
            aanbieder=aanbieder,
            sector=sector,
            herkomst=Herkomst.API,
            **data,
        )
        return Response(s.TrajectSerializer(traject).data, status=status.HTTP_201_CREATED)
