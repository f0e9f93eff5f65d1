from django.urls import path

from . import views

app_name = "monitoring"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("rapportages/", views.rapporten, name="rapporten"),
    path("rapportages/<int:pk>/", views.rapport_detail, name="rapport"),
    path("rapportages/<int:pk>/status/", views.rapport_status, name="rapport_status"),
    path("rapportages/<int:pk>/pdf/", views.rapport_download, name="rapport_download"),
    path("export/<int:jaar>.<str:formaat>", views.export, name="export"),
    path("export/tabel/<slug:tabel>.<str:formaat>", views.export_tabel, name="export_tabel"),
]
