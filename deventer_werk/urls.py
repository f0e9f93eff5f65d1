from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from . import views
from .accounts.forms import LoginForm

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path(
        "inloggen/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("klanten/", include("clients.urls")),
    path("", include("clients.intake.urls")),
    path("", include("clients.begeleiding.urls")),
    path("", include("clients.trajecten.urls")),
    path("", include("clients.handhaving.urls")),
    path("klantgroepen/", include("klantgroepen.urls")),
    path("monitoring/", include("monitoring.urls")),
    path("beheer/toegangslog/", include("clients.toegangslog.urls")),
    path("beveiliging/", include("deventer_werk.security.urls")),
    path("api/", include("deventer_werk.api.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "deventer_werk.views.permission_denied"
handler404 = "deventer_werk.views.page_not_found"
handler500 = "deventer_werk.views.server_error"
