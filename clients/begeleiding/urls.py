from django.urls import path

from . import taak_views, views

app_name = "begeleiding"
urlpatterns = [
    path("werkvoorraad/", views.werkvoorraad, name="werkvoorraad"),
    path("werkvoorraad/taken/<int:taak_pk>/", taak_views.taak, name="taak"),
    path("werkvoorraad/onderzoeken-nemen/", taak_views.reviews_neem, name="reviews_neem"),
    path("klanten/<uuid:pk>/plan-van-aanpak/", views.plan, name="plan"),
    path("klanten/<uuid:pk>/plan-van-aanpak/versies/", views.plan_versies, name="plan_versies"),
    path("klanten/<uuid:pk>/voortgangsgesprek/", views.voortgangsgesprek, name="voortgangsgesprek"),
    path("klanten/<uuid:pk>/voorbereiding/", views.voorbereiding, name="voorbereiding"),
    path("klanten/<uuid:pk>/uitstroom/", views.uitstroom, name="uitstroom"),
]
