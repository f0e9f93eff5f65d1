from django.contrib import admin

from .models import Groepslidmaatschap


@admin.register(Groepslidmaatschap)
class GroepslidmaatschapAdmin(admin.ModelAdmin):
    list_display = ("client_id", "klantgroep", "van", "tot", "soort")
    list_filter = ("klantgroep", "soort")
    raw_id_fields = ("client",)
