from django.urls import path

from . import views

app_name = "audit"  # kept: templates and links use audit:zoeken
urlpatterns = [path("", views.toegangslog_zoeken, name="zoeken")]
