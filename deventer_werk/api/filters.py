import datetime

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django_filters.fields import IsoDateTimeField
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError

from clients.constants import Fase, Wijk
from clients.groepen.models import Groepslidmaatschap
from clients.models import Client, Contactpersoon
from klantgroepen.constants import KlantgroepCode


class UtcIsoDateTimeField(IsoDateTimeField):
    """ISO 8601 date-time, normalised to UTC (PostgreSQL refuses offsets beyond ±15:59)."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return None
        try:
            return value.astimezone(datetime.UTC)
        except (OverflowError, ValueError) as exc:
            raise forms.ValidationError("Ongeldig tijdstip.", code="invalid") from exc


class UtcIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcIsoDateTimeField


class ClientFilter(django_filters.FilterSet):
    klantgroep = django_filters.ChoiceFilter(
        choices=KlantgroepCode.choices, method="filter_klantgroep", label="Huidige klantgroep"
    )
    contactpersoon = django_filters.NumberFilter(
        method="filter_contactpersoon", label="Id van de huidige contactpersoon"
    )
    fase = django_filters.ChoiceFilter(choices=Fase.choices)
    wijk = django_filters.ChoiceFilter(choices=Wijk.choices)
    geboren_na = django_filters.DateFilter(field_name="geboortedatum", lookup_expr="gte")
    geboren_voor = django_filters.DateFilter(field_name="geboortedatum", lookup_expr="lte")
    gewijzigd_na = UtcIsoDateTimeFilter(field_name="gewijzigd_op", lookup_expr="gte")

    class Meta:
        model = Client
        fields = ["klantgroep", "contactpersoon", "fase", "wijk"]

    def filter_klantgroep(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            Exists(
                Groepslidmaatschap.objects.actueel().filter(
                    client_id=OuterRef("pk"), klantgroep__code=value
                )
            )
        )

    def filter_contactpersoon(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(
            Exists(
                Contactpersoon.objects.actueel().filter(
                    client_id=OuterRef("pk"), medewerker_id=value
                )
            )
        )


class SignaalFilter(django_filters.FilterSet):
    open = django_filters.BooleanFilter(
        field_name="afgehandeld_op", lookup_expr="isnull", label="Alleen open signalen"
    )
    urgent = django_filters.BooleanFilter()
    gemeld_na = UtcIsoDateTimeFilter(field_name="aangemaakt_op", lookup_expr="gte")


class StrictDjangoFilterBackend(DjangoFilterBackend):
    """Query parameters as the schema describes them: once, not empty, booleans true/false.

    django-filter quietly ignores an empty or malformed value, which would return the whole
    list to an integration that made a typo; here that is a 400 with the parameter named.
    """

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None:
            errors = {}
            for name, f in filterset_class.base_filters.items():
                values = request.query_params.getlist(name)
                if not values:
                    continue
                if len(values) > 1:
                    errors[name] = ["Geef deze parameter één keer op."]
                elif values[0] == "":
                    errors[name] = ["Geef een waarde op of laat de parameter weg."]
                elif isinstance(f, django_filters.BooleanFilter) and values[0] not in (
                    "true",
                    "false",
                ):
                    errors[name] = ["Gebruik true of false."]
            if errors:
                raise ValidationError(errors)
        return super().filter_queryset(request, queryset, view)
