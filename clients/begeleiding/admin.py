from django.contrib import admin

from .models import BegeleidingInstelling, Minimaregeling


@admin.register(Minimaregeling)
class MinimaregelingAdmin(admin.ModelAdmin):
    """Retire a regeling with "actief" instead of deleting it: past gesprekken refer to it."""

    list_display = ("naam", "actief")
    list_editable = ("actief",)
    search_fields = ("naam",)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BegeleidingInstelling)
class BegeleidingInstellingAdmin(admin.ModelAdmin):
    """One row (seeded by migration 0004): change it, never add or delete it."""

    list_display = ("__str__", "plan_actueel_maanden")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
