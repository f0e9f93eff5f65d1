from django.contrib import admin

from .models import AdviesRegel, Klantgroep


@admin.register(Klantgroep)
class KlantgroepAdmin(admin.ModelAdmin):
    list_display = (
        "naam",
        "regie",
        "voortgangsgesprekken_per_jaar",
        "rechtmatigheid_interval_maanden",
    )


@admin.register(AdviesRegel)
class AdviesRegelAdmin(admin.ModelAdmin):
    list_display = ("volgorde", "omschrijving", "klantgroep", "actief", "beleid")
    list_filter = ("klantgroep", "actief")
