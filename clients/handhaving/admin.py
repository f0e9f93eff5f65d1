from django.contrib import admin

from .models import SteekproefInstelling


@admin.register(SteekproefInstelling)
class SteekproefInstellingAdmin(admin.ModelAdmin):
    list_display = ("klantgroep", "percentage", "seed")
