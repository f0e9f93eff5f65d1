from django.urls import path

from . import views

app_name = "klantgroepen"
urlpatterns = [
    path("", views.lijst, name="lijst"),
    path("<slug:code>/", views.bewerken, name="bewerken"),
]
