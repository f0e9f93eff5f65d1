from django.urls import path

from . import correctie_views, overdracht_views, views

app_name = "clients"
urlpatterns = [
    path("", views.mijn_klanten, name="mijn_klanten"),
    path("zoeken/", views.zoeken, name="zoeken"),
    path(
        "caseload-overdracht/",
        overdracht_views.caseload_overdracht,
        name="caseload_overdracht",
    ),
    path("nieuw/", views.registreren, name="registreren"),
    path("<uuid:pk>/", views.dossier, name="dossier"),
    path("<uuid:pk>/bewerken/", views.bewerken, name="bewerken"),
    path("<uuid:pk>/bsn/", views.bsn_tonen, name="bsn_tonen"),
    path("<uuid:pk>/klantgroep/", views.groepsindeling, name="groepsindeling"),
    path(
        "<uuid:pk>/klantgroep/corrigeren/",
        correctie_views.groep_corrigeren,
        name="groep_corrigeren",
    ),
    path(
        "<uuid:pk>/uitstroom/corrigeren/",
        correctie_views.uitstroom_corrigeren,
        name="uitstroom_corrigeren",
    ),
    path("<uuid:pk>/contactpersoon/", views.contactpersoon, name="contactpersoon"),
    path("<uuid:pk>/tijdlijn/", views.tijdlijn, name="tijdlijn"),
    path("<uuid:pk>/signaal/", views.signaal_melden, name="signaal_melden"),
    path(
        "<uuid:pk>/signalen/<int:signaal_id>/afhandelen/",
        views.signaal_afhandelen,
        name="signaal_afhandelen",
    ),
]
