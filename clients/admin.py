# Admin of the clients core lives next to its models (clients/groepen/admin.py).
from .groepen import admin as groepen_admin  # noqa: F401
