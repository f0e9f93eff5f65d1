from django.urls import path

from . import views

app_name = "security"
urlpatterns = [
    path("2fa/instellen/", views.twee_factor_instellen, name="2fa_setup"),
    path("2fa/controleren/", views.twee_factor_controleren, name="2fa_verify"),
    path("2fa/herstelcodes/", views.herstelcodes, name="herstelcodes"),
    path("sessie/verlengen/", views.sessie_verlengen, name="keepalive"),
    path("blokkades/", views.blokkades, name="blokkades"),
]
