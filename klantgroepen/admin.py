from django.contrib import admin

from .models import Klantgroep


@admin.register(Klantgroep)
class KlantgroepAdmin(admin.ModelAdmin):
    list_display = (
        "naam",
        "regie",
        "voortgangsgesprekken_per_jaar",
        "rechtmatigheid_interval_maanden",
    )
