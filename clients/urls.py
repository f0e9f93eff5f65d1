from django.urls import path

from . import views

app_name = "clients"
urlpatterns = [
    path("", views.mijn_klanten, name="mijn_klanten"),
    path("zoeken/", views.zoeken, name="zoeken"),
    path("nieuw/", views.registreren, name="registreren"),
    path("<uuid:pk>/", views.dossier, name="dossier"),
    path("<uuid:pk>/bewerken/", views.bewerken, name="bewerken"),
    path("<uuid:pk>/klantgroep/", views.groepsindeling, name="groepsindeling"),
    path("<uuid:pk>/contactpersoon/", views.contactpersoon, name="contactpersoon"),
]
