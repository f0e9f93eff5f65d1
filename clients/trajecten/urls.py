from django.urls import path

from . import views

app_name = "trajecten"
urlpatterns = [
    path("trajecten/", views.dashboard, name="dashboard"),
    path("trajecten/lijst/", views.traject_lijst, name="lijst"),
    path("vacatures/", views.vacatures, name="vacatures"),
    path("vacatures/<int:vacature_pk>/", views.vacature, name="vacature"),
    path("werkgevers/", views.werkgevers, name="werkgevers"),
    path("werkgevers/<int:werkgever_pk>/", views.werkgever, name="werkgever"),
    path("participatieplekken/", views.plekken, name="plekken"),
    path("themabijeenkomsten/", views.themabijeenkomsten, name="themabijeenkomsten"),
    path(
        "themabijeenkomsten/<int:bijeenkomst_pk>/",
        views.themabijeenkomst,
        name="themabijeenkomst",
    ),
    path("plaatsingen/<int:plaatsing_pk>/", views.plaatsing, name="plaatsing"),
    path("klanten/<uuid:pk>/traject/", views.traject_nieuw, name="traject_nieuw"),
    path(
        "klanten/<uuid:pk>/traject/<int:traject_pk>/einde/",
        views.traject_einde,
        name="traject_einde",
    ),
    path(
        "klanten/<uuid:pk>/traject/<int:traject_pk>/loonwaarde/",
        views.loonwaarde,
        name="loonwaarde",
    ),
    path("klanten/<uuid:pk>/plaatsing/", views.plaatsing_nieuw, name="plaatsing_nieuw"),
    path("klanten/<uuid:pk>/participatieplek/", views.plek_nieuw, name="plek_nieuw"),
    path(
        "klanten/<uuid:pk>/participatieplek/<int:plaatsing_pk>/einde/",
        views.plek_beeindig,
        name="plek_beeindig",
    ),
    path(
        "klanten/<uuid:pk>/uitkering-einde/<int:einde_pk>/",
        views.uitkeringseinde,
        name="uitkeringseinde",
    ),
    path("klanten/<uuid:pk>/werkprofiel/", views.werkprofiel, name="werkprofiel"),
]
