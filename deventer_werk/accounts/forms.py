from django.contrib.auth.forms import AuthenticationForm

from deventer_werk.forms import UtrechtFormMixin


class LoginForm(UtrechtFormMixin, AuthenticationForm):
    pass
