from django.apps import AppConfig


class TrajectenConfig(AppConfig):
    name = "clients.trajecten"
    label = "trajecten"
    verbose_name = "Trajecten, plaatsingen en werkgevers"
