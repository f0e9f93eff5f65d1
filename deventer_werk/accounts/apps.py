from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "deventer_werk.accounts"
    label = "accounts"
    verbose_name = "Gebruikers en rollen"
