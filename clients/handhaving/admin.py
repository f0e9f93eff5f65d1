from django.contrib import admin

from .models import ChecklistPunt, SteekproefInstelling


@admin.register(SteekproefInstelling)
class SteekproefInstellingAdmin(admin.ModelAdmin):
    list_display = ("klantgroep", "percentage", "seed")


@admin.register(ChecklistPunt)
class ChecklistPuntAdmin(admin.ModelAdmin):
    """Reviews keep the points as they read when decided: editing here changes only new ones."""

    list_display = ("tekst", "volgorde", "actief")
    list_editable = ("volgorde", "actief")
