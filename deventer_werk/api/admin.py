from django.contrib import admin

from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ("naam", "prefix", "gebruiker", "aangemaakt_op", "ingetrokken_op")
    readonly_fields = ("naam", "prefix", "gebruiker", "aangemaakt_op", "sleutel_hash")

    def has_add_permission(self, request):
        return False  # made with `manage.py api_token`, so the token is shown exactly once
