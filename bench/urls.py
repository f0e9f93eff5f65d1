"""The application's URLs plus the floor endpoint of the benchmark."""

from django.urls import include, path

from . import views

urlpatterns = [
    path("bench/floor/", views.floor, name="bench_floor"),
    path("", include("deventer_werk.urls")),
]

handler404 = "deventer_werk.views.page_not_found"
