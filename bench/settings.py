"""Settings for the benchmark only: production-like (DEBUG off) plus per-request DB figures.

Used by ``bench/run.py`` for gunicorn; never import this in production.
"""

from deventer_werk.settings import *  # noqa: F403
from deventer_werk.settings import MIDDLEWARE

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.urls"
# First, so that the figures include the session and authentication queries.
MIDDLEWARE = ["bench.middleware.QueryStatsMiddleware", *MIDDLEWARE]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
