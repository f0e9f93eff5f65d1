from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import User


@admin.register(User)
class DWUserAdmin(UserAdmin):
    fieldsets = (*(UserAdmin.fieldsets or ()), ("Organisatie", {"fields": ("organisatie",)}))
    list_display = ("username", "first_name", "last_name", "organisatie", "is_active")
    list_filter = ("organisatie", "groups", "is_active")
