from django.contrib import admin

from . import models

for model in (
    models.Sector,
    models.Aanbieder,
    models.Werkgever,
    models.OntslagMelding,
    models.Vacature,
    models.Participatieplek,
    models.Themabijeenkomst,
):
    admin.site.register(model)


@admin.register(models.Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ("naam", "soort", "standaard_duur_weken", "kosten", "cbs_code", "actief")
    list_filter = ("soort", "klantgroepen", "actief")
    filter_horizontal = ("klantgroepen", "aanbieders")
