from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "deventer_werk.accounts"
    label = "accounts"
    verbose_name = "Gebruikers en rollen"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from deventer_werk.middleware import stamp_session_on_login

        user_logged_in.connect(stamp_session_on_login, dispatch_uid="dw_session_stamp")
