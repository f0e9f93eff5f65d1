from django.urls import path

from . import views

app_name = "audit"  # kept: templates and links use audit:zoeken
urlpatterns = [
    path("", views.toegangslog_zoeken, name="zoeken"),
    path("<uuid:client_id>/", views.toegangslog_klant, name="klant"),
    path("<uuid:client_id>/export.csv", views.toegangslog_export, name="export"),
]
