from django.urls import path

from . import views

app_name = "handhaving"
urlpatterns = [
    path("klanten/<uuid:pk>/rechtmatigheid/", views.onderzoek_start, name="onderzoek_start"),
    path(
        "klanten/<uuid:pk>/rechtmatigheid/<int:onderzoek_pk>/",
        views.onderzoek,
        name="onderzoek",
    ),
    path(
        "klanten/<uuid:pk>/rechtmatigheid/<int:onderzoek_pk>/besluit/",
        views.onderzoek_besluit,
        name="onderzoek_besluit",
    ),
    path("klanten/<uuid:pk>/samenloop/", views.samenloop, name="samenloop"),
    path("handhaving/triage/", views.triage, name="triage"),
    path("handhaving/onderzoeken/", views.onderzoeken, name="onderzoeken"),
]
