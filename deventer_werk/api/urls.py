from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("clients", views.ClientViewSet, basename="client")

client_sub = [
    path(
        "groepslidmaatschappen/",
        views.GroepslidmaatschapViewSet.as_view({"get": "list", "post": "create"}),
        name="groepslidmaatschap-list",
    ),
    path(
        "signalen/",
        views.SignaalViewSet.as_view({"get": "list", "post": "create"}),
        name="signaal-list",
    ),
    path("screenings/", views.ScreeningLijst.as_view({"get": "list"}), name="screening-list"),
    path(
        "ambitiegesprekken/",
        views.AmbitieLijst.as_view({"get": "list"}),
        name="ambitiegesprek-list",
    ),
    path(
        "voortgangsgesprekken/",
        views.VoortgangViewSet.as_view({"get": "list", "post": "create"}),
        name="voortgangsgesprek-list",
    ),
    path("plannen/", views.PlanLijst.as_view({"get": "list"}), name="plan-list"),
    path(
        "trajecten/",
        views.TrajectViewSet.as_view({"get": "list", "post": "create"}),
        name="traject-list",
    ),
    path("plaatsingen/", views.PlaatsingLijst.as_view({"get": "list"}), name="plaatsing-list"),
    path(
        "rechtmatigheidsonderzoeken/",
        views.RechtmatigheidLijst.as_view({"get": "list"}),
        name="rechtmatigheidsonderzoek-list",
    ),
    path(
        "signalen/<int:pk>/afhandelen/",
        views.SignaalViewSet.as_view({"post": "afhandelen"}),
        name="signaal-afhandelen",
    ),
]

app_name = "api"
urlpatterns = [
    path("v1/", include(router.urls)),
    path("v1/clients/<uuid:client_pk>/", include(client_sub)),
    path("v1/indicatoren/", views.indicatoren, name="indicatoren"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
