from django.urls import path

from . import views

app_name = "trajecten"
urlpatterns = [
    path("trajecten/", views.dashboard, name="dashboard"),
    path("vacatures/", views.vacatures, name="vacatures"),
    path("werkgevers/", views.werkgevers, name="werkgevers"),
    path("themabijeenkomsten/", views.themabijeenkomsten, name="themabijeenkomsten"),
    path(
        "klanten/<uuid:pk>/participatieplek/<int:plaatsing_pk>/einde/",
        views.plek_beeindig,
        name="plek_beeindig",
    ),
    path("vacatures/<int:vacature_pk>/", views.vacature, name="vacature"),
    path("klanten/<uuid:pk>/traject/", views.traject_nieuw, name="traject_nieuw"),
    path(
        "klanten/<uuid:pk>/traject/<int:traject_pk>/einde/",
        views.traject_einde,
        name="traject_einde",
    ),
    path("klanten/<uuid:pk>/plaatsing/", views.plaatsing_nieuw, name="plaatsing_nieuw"),
    path("klanten/<uuid:pk>/participatieplek/", views.plek_nieuw, name="plek_nieuw"),
]
