"""Configuration for the functioneel beheerder: the instrument catalogue, sectors, providers,
participatieplekken; the employer register is also kept here."""

from django.contrib import admin

from . import models

for model in (models.Sector, models.Aanbieder, models.OntslagMelding, models.Themabijeenkomst):
    admin.site.register(model)


@admin.register(models.Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ("naam", "soort", "standaard_duur_weken", "kosten", "cbs_code", "actief")
    list_filter = ("soort", "klantgroepen", "actief")
    filter_horizontal = ("klantgroepen", "aanbieders")
    search_fields = ("naam", "cbs_code")


class OntslagInline(admin.TabularInline):
    model = models.OntslagMelding
    extra = 0
    fields = ("datum", "aantal", "functie")


@admin.register(models.Werkgever)
class WerkgeverAdmin(admin.ModelAdmin):
    list_display = ("naam", "sector", "omvang", "accountmanager")
    list_filter = ("sector", "omvang")
    search_fields = ("naam",)
    inlines = [OntslagInline]
    exclude = ("versie",)


@admin.register(models.Vacature)
class VacatureAdmin(admin.ModelAdmin):
    list_display = ("functie", "werkgever", "sector", "uren", "open", "geplaatst_op")
    list_filter = ("open", "sector")
    search_fields = ("functie", "werkgever__naam")


@admin.register(models.Participatieplek)
class ParticipatieplekAdmin(admin.ModelAdmin):
    list_display = ("omschrijving", "organisatie", "soort", "wijk", "plaatsen", "actief")
    list_filter = ("soort", "wijk", "actief")
    search_fields = ("organisatie", "omschrijving")
