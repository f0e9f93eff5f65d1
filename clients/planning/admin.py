from django.contrib import admin

from .models import Uitvoering, Weekoverzicht


class AlleenLezenAdmin(admin.ModelAdmin):
    """A record of what the system did: visible to the beheerder, never edited by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Uitvoering)
class UitvoeringAdmin(AlleenLezenAdmin):
    list_display = ("soort", "peildatum", "afgerond_op", "pogingen", "opnieuw_verstuurd_op")
    list_filter = ("soort",)
    date_hierarchy = "peildatum"


@admin.register(Weekoverzicht)
class WeekoverzichtAdmin(AlleenLezenAdmin):
    list_display = ("week", "medewerker", "taken_deze_week", "taken_te_laat", "verzonden_op")
    list_filter = ("week",)
    list_select_related = ("medewerker",)
