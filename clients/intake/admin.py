from django import forms
from django.contrib import admin

from .models import (
    DiagnoseInstrument,
    DiagnoseVraag,
    KickoffInstelling,
    KickoffSessie,
    Netwerkpartner,
    ScreeningVraag,
)
from .services.uitnodiging import bezette_plaatsen


@admin.register(ScreeningVraag)
class ScreeningVraagAdmin(admin.ModelAdmin):
    list_display = ("tekst", "volgorde", "actief")
    list_editable = ("volgorde", "actief")


@admin.register(Netwerkpartner)
class NetwerkpartnerAdmin(admin.ModelAdmin):
    list_display = ("naam", "omschrijving", "actief")


class DiagnoseVraagInline(admin.TabularInline):
    model = DiagnoseVraag
    extra = 0

    def get_readonly_fields(self, request, obj=None):
        # Scores of a used version are stored in one direction with this flag (issue 29).
        if obj is not None and obj.pk and obj.ambitiegesprek_set_exists():
            return ("omgekeerd",)
        return ()


@admin.register(DiagnoseInstrument)
class DiagnoseInstrumentAdmin(admin.ModelAdmin):
    """A new version is a new instrument (copy the questions); answers keep their version."""

    list_display = ("naam", "versie", "actief", "ingangsdatum")
    inlines = [DiagnoseVraagInline]

    def get_readonly_fields(self, request, obj=None):
        # A version that has been used is frozen: past results must not change.
        if obj is not None and obj.pk and obj.ambitiegesprek_set_exists():
            return ("naam", "versie", "schaal_min", "schaal_max")
        return ()


class KickoffSessieForm(forms.ModelForm):
    """A session is never over capacity: its capacity cannot drop below the seats taken."""

    class Meta:
        model = KickoffSessie
        fields = ("klantgroep", "datum", "plaats", "trainer", "capaciteit")

    def clean_capaciteit(self):
        capaciteit = self.cleaned_data["capaciteit"]
        if self.instance.pk:
            bezet = bezette_plaatsen(self.instance)
            if capaciteit is not None and capaciteit < bezet:
                raise forms.ValidationError(
                    f"De capaciteit kan niet lager zijn dan het aantal uitgenodigde klanten "
                    f"({bezet}); er is niets opgeslagen."
                )
        return capaciteit


@admin.register(KickoffSessie)
class KickoffSessieAdmin(admin.ModelAdmin):
    form = KickoffSessieForm
    list_display = ("klantgroep", "datum", "plaats", "trainer", "capaciteit")


@admin.register(KickoffInstelling)
class KickoffInstellingAdmin(admin.ModelAdmin):
    """One row (seeded by migration 0007): change it, never add or delete it."""

    list_display = (
        "__str__",
        "uitnodigen_na_dagen",
        "max_gemist",
        "eerste_afspraak_na_dagen",
        "reserve_plaatsen",
    )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
