from django.contrib import admin

from .models import Minimaregeling


@admin.register(Minimaregeling)
class MinimaregelingAdmin(admin.ModelAdmin):
    list_display = ("naam", "actief")
