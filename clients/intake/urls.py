from django.urls import path

from . import views

app_name = "intake"
urlpatterns = [
    path("klanten/<uuid:pk>/screening/", views.screening, name="screening"),
    path("klanten/<uuid:pk>/aanvraag/", views.aanvraag, name="aanvraag"),
    path("klanten/<uuid:pk>/besluit/", views.besluit, name="besluit"),
    path("klanten/<uuid:pk>/ambitiegesprek/", views.ambitiegesprek, name="ambitiegesprek"),
    path("klanten/<uuid:pk>/participatieladder/", views.ladder, name="ladder"),
    path(
        "intake/zonder-ambitiegesprek/", views.zonder_ambitiegesprek, name="zonder_ambitiegesprek"
    ),
    path("kick-off/", views.kickoff_sessies, name="kickoff_sessies"),
    path("kick-off/<int:sessie_pk>/", views.kickoff_sessie, name="kickoff_sessie"),
    path("kick-off/bestand/", views.kickoff_bestand, name="kickoff_bestand"),
]
