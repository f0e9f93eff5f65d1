from django.contrib import admin

from .models import Budget, Raadsrapportage


@admin.register(Budget)
class BudgetAdmin(admin.ModelAdmin):
    list_display = ("jaar", "klantgroep", "organisatie", "bedrag")
    list_filter = ("jaar", "organisatie", "klantgroep")


@admin.register(Raadsrapportage)
class RaadsrapportageAdmin(admin.ModelAdmin):
    list_display = (
        "periode",
        "status",
        "concept",
        "aangevraagd_door",
        "aangevraagd_op",
        "klaar_op",
    )
    readonly_fields = (
        "periode",
        "status",
        "voortgang",
        "stap",
        "cijfers",
        "foutmelding",
        "aangevraagd_door",
        "aangevraagd_op",
        "klaar_op",
        "concept",
    )
    exclude = ("pdf",)

    def has_add_permission(self, request):
        return False
