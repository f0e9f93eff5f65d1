import pytest

from deventer_werk.accounts.constants import Rol

from .factories import UserFactory

PASSWORD = "Test-Wachtwoord-2026"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2 with Django's default iterations costs ~0.3 s per user on this machine.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def users(db):
    """One user per role, username equal to the role name."""
    return {rol.value: UserFactory(username=rol.value, rol=rol.value) for rol in Rol}


@pytest.fixture
def client_as(client, users):
    """Log the Django test client in as the given role."""

    def _login(rol: str):
        client.force_login(users[rol])
        return client

    return _login
