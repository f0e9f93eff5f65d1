from django.contrib import admin

from .models import Groepslidmaatschap, Klantgroep


@admin.register(Klantgroep)
class KlantgroepAdmin(admin.ModelAdmin):
    list_display = (
        "naam",
        "regie",
        "voortgangsgesprekken_per_jaar",
        "rechtmatigheid_interval_maanden",
    )


@admin.register(Groepslidmaatschap)
class GroepslidmaatschapAdmin(admin.ModelAdmin):
    list_display = ("client_id", "klantgroep", "van", "tot", "soort")
    list_filter = ("klantgroep", "soort")
    raw_id_fields = ("client",)
