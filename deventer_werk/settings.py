"""Settings for Deventer Werk, read from the environment (one module, safe local defaults).

Every variable is documented in the README. In production (``DJANGO_ENV=production``)
a real ``DJANGO_SECRET_KEY`` and ``DJANGO_ALLOWED_HOSTS`` are required and the secure
cookie/HSTS settings are switched on, so that ``manage.py check --deploy`` is clean.
"""

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DJANGO_ENV = env.str("DJANGO_ENV", default="development")
PRODUCTION = DJANGO_ENV == "production"

DEBUG = env.bool("DJANGO_DEBUG", default=not PRODUCTION)

_INSECURE_DEV_KEY = "django-insecure-local-development-only-never-in-production"
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="" if PRODUCTION else _INSECURE_DEV_KEY)
ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

if PRODUCTION:
    if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure"):
        raise ImproperlyConfigured("DJANGO_SECRET_KEY moet in productie een echte sleutel zijn.")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS is verplicht in productie.")

# The BSN at rest (issue 32, clients/versleuteling.py): Fernet keys, newest first (rotation: put
# a new key in front, run `manage.py bsn_sleutel_roteren`, then drop the old one), and a separate
# key for the lookup hash. Development without them: generated once in BSN_SLEUTELBESTAND, next
# to the embedded database (DW_DATA_DIR, default .data/, git-ignored).
BSN_SLEUTELS = env.list("DW_BSN_SLEUTELS", default=[])
BSN_HASH_SLEUTEL = env.str("DW_BSN_HASH_SLEUTEL", default="")
BSN_SLEUTELBESTAND = (
    Path(env.str("DW_DATA_DIR", default=str(BASE_DIR / ".data"))) / "bsn-sleutels.json"
)
if PRODUCTION and (not BSN_SLEUTELS or len(BSN_HASH_SLEUTEL) < 32):
    raise ImproperlyConfigured(
        "DW_BSN_SLEUTELS (Fernet-sleutels) en DW_BSN_HASH_SLEUTEL (minstens 32 tekens) zijn "
        "verplicht in productie: het BSN wordt versleuteld opgeslagen."
    )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django.contrib.postgres",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "deventer_werk.api",
    "django_celery_beat",
    "deventer_werk.accounts",
    "deventer_werk.audit",
    "klantgroepen",
    "clients",
    "clients.intake",
    "clients.begeleiding",
    "clients.trajecten",
    "clients.handhaving",
    "clients.planning",
    "clients.demo",
    "monitoring",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "deventer_werk.middleware.SessionIdleRefreshMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "deventer_werk.urls"
WSGI_APPLICATION = "deventer_werk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "deventer_werk.accounts.context_processors.navigation",
                "deventer_werk.security.context_processors.sessie",
            ],
        },
    },
]


# PostgreSQL only: the product relies on its constraints, triggers and JSON.
def _database(variable: str, default: str = "") -> dict:
    config = env.db_url(variable, default=default)
    if config["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured(f"Deventer Werk ondersteunt alleen PostgreSQL ({variable}).")
    # A unix-socket directory may be given as the URL's "host" query parameter
    # (postgres://postgres@/deventer_werk?host=/path/to/socketdir), as libpq does.
    query = parse_qs(urlsplit(env.str(variable, default=default)).query)
    if query.get("host"):
        config["HOST"] = query["host"][0]
    # No JIT compilation (issue 33): the application runs short queries whose estimated cost
    # over large tables crosses jit_above_cost, and compiling then took 50-60 ms of a 160 ms
    # matching statement at city size while saving nothing. The usual advice for OLTP work.
    options = config.setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()
    return config


# Two roles (README, "Databaserollen"): web, worker and beat connect as DATABASE_URL, the
# application role, which may read and write rows but owns nothing and may only add to the audit
# trail; `manage.py migrate` connects as DATABASE_OWNER_URL, the owner of the tables, and then
# grants the application role its rights (deventer_werk.dbrollen). Without DATABASE_OWNER_URL
# one role does both, as before.
DATABASES = {
    "default": _database("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/deventer_werk")
}
DATABASE_APP_ROLE = {k: DATABASES["default"][k] for k in ("USER", "PASSWORD")}
DATABASE_OWNER: dict | None = None
if env.str("DATABASE_OWNER_URL", default=""):
    _owner = _database("DATABASE_OWNER_URL")
    if any(_owner[k] != DATABASES["default"][k] for k in ("NAME", "HOST", "PORT")):
        raise ImproperlyConfigured(
            "DATABASE_OWNER_URL moet naar dezelfde database wijzen als DATABASE_URL (andere rol)."
        )
    DATABASE_OWNER = {k: _owner[k] for k in ("USER", "PASSWORD")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "deventer_werk.security.passwords.DutchCommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions: HttpOnly, idle timeout, gone when the browser closes. The expiry is renewed when
# the last renewal is over a minute old (deventer_werk.middleware), not written per request.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media"))
MEDIA_URL = "/media/"

REDIS_URL = env.str("REDIS_URL", default="redis://127.0.0.1:6379/0")

# Figures that are costly to compute and the same for everyone (issue 33: a vacancy's
# matching ranking, the intaker's figure per klantgroep) are kept per server process
# ("default") and, so that not each of the processes computes them anew, in the database
# ("gedeeld", Django's own DatabaseCache: its table comes with the migrations, see
# deventer_werk.cache). Nothing personal that a page shows without need-to-know is kept.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "gedeeld": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "dw_gedeelde_cache",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}

# Celery: JSON only, late acks, time limits; tasks take ids and are sent on commit.
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# The longest task (the raad report at city scale) takes well under 4 minutes; the limits
# fit it, so a killed worker's job is redelivered after ~6 minutes instead of 21.
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=240)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=300)
# Must be above the longest task, or Redis redelivers a task that is still running.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=CELERY_TASK_TIME_LIMIT + 60),
    # A request must not hang on a Redis that is down (the sweeper sends the job later).
    "socket_connect_timeout": 2,
    # How often a worker looks for messages whose worker died (seconds × every Nth sweep).
    "unacked_restore_interval": env.int("CELERY_UNACKED_RESTORE_INTERVAL", default=10),
    "unacked_restore_throttle": env.int("CELERY_UNACKED_RESTORE_THROTTLE", default=10),
}
CELERY_RESULT_EXPIRES = 24 * 3600
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_TRACK_STARTED = True
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2

EMAIL_BACKEND = env.str(
    "DJANGO_EMAIL_BACKEND",
    default="django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="noreply@deventer-werk.local")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "deventer_werk.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "EXCEPTION_HANDLER": "deventer_werk.api.exceptions.api_exception_handler",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Cursor pagination: no COUNT over the whole list and no OFFSET paging.
    "DEFAULT_PAGINATION_CLASS": "deventer_werk.api.pagination.CursorPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Deventer Werk API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "DESCRIPTION": "Klantreis Participatiewet (Inzet op maat): dezelfde regels, need-to-know "
    "en audittrail als de browser. BSN alleen in request- en response-bodies.",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "deventer_werk.api.schema.documenteer_fouten",
    ],
    "ENUM_NAME_OVERRIDES": {
        "LidmaatschapSoortEnum": "clients.constants.LidmaatschapSoort",
        "SignaalSoortEnum": "clients.constants.SignaalSoort",
    },
}

# Product configuration.
DW_SMALL_COUNT_THRESHOLD = env.int("DW_SMALL_COUNT_THRESHOLD", default=5)
# A client whose group was not discussed (no voortgangsgesprek, no group change) for this many
# months gets a signal: the Inspectie found that segmented clients otherwise never move.
DW_GROEP_BESPREKEN_MAANDEN = env.int("DW_GROEP_BESPREKEN_MAANDEN", default=18)
# Periodic reviews one handhaver aims to finish per day (the handhaver's start page).
DW_HANDHAVING_DAGDOEL = env.int("DW_HANDHAVING_DAGDOEL", default=8)
# How far ahead the daily planner puts due gesprekken and reviews on the werkvoorraad.
DW_PLANNING_HORIZON_DAGEN = env.int("DW_PLANNING_HORIZON_DAGEN", default=30)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# --- Operations (h4): health first, request ids, JSON logs, static files -----------------
# /healthz before sessions (a logged-in caller gets the same answer while PostgreSQL is down);
# WhiteNoise serves the hashed static files when DEBUG is off (no nginx needed).
MIDDLEWARE.insert(0, "deventer_werk.operations.HealthzMiddleware")
MIDDLEWARE.insert(1, "deventer_werk.operations.RequestLogMiddleware")
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
                  "whitenoise.middleware.WhiteNoiseMiddleware")  # fmt: skip
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "DJANGO_STATICFILES_STORAGE",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION  # development with DEBUG off: no collectstatic needed
LOGGING["formatters"]["json"] = {"()": "deventer_werk.operations.JsonFormatter"}
if env.str("DJANGO_LOG_FORMAT", default="json" if PRODUCTION else "plain") == "json":
    LOGGING["handlers"]["console"]["formatter"] = "json"
# --- end operations ---------------------------------------------------------------------

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"

# ---------------------------------------------------------------------------------------------
# Login doors and headers: lockout (django-axes), second factor (django-otp), strict CSP
# (django-csp), Permissions-Policy and no-store, client IP. See deventer_werk/security/.
# ---------------------------------------------------------------------------------------------
from datetime import timedelta  # noqa: E402

from csp.constants import NONE, SELF  # noqa: E402

INSTALLED_APPS += [
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "deventer_werk.security",
]
# Outermost, so that every answer carries the headers, /healthz's early answer too.
MIDDLEWARE[0:0] = [
    "csp.middleware.CSPMiddleware",
    "deventer_werk.security.middleware.SecurityHeadersMiddleware",
]
_auth_mw = MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1
MIDDLEWARE[_auth_mw:_auth_mw] = [
    "django_otp.middleware.OTPMiddleware",
    "deventer_werk.security.middleware.TweeFactorMiddleware",
]
MIDDLEWARE.append("axes.middleware.AxesMiddleware")  # last, as django-axes requires
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Client IP behind a reverse proxy: only this header, only from this many of our own proxies.
DW_TRUSTED_PROXY_HEADER = env.str("DW_TRUSTED_PROXY_HEADER", default="")
DW_TRUSTED_PROXY_HOPS = env.int("DW_TRUSTED_PROXY_HOPS", default=1)

# Lockout (django-axes): 5 failures for one username (from any address) lock that account, 5
# failures from one address (whatever the usernames) lock that address; the beheerder unlocks.
AXES_FAILURE_LIMIT = env.int("DW_LOCKOUT_FAILURES", default=5)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = timedelta(minutes=env.int("DW_LOCKOUT_MINUTES", default=30))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "deventer_werk.security.views.geblokkeerd"
AXES_CLIENT_IP_CALLABLE = "deventer_werk.security.client_ip.client_ip"
AXES_VERBOSE = False

# Second factor (TOTP, django-otp) for every account: on in production, off for local demo.
DW_REQUIRE_2FA = env.bool("DW_REQUIRE_2FA", default=PRODUCTION)
# Roles that need the second factor everywhere, also where DW_REQUIRE_2FA is off.
DW_2FA_ROLLEN = env.list("DW_2FA_ROLLEN", default=["beheerder"])
OTP_TOTP_ISSUER = "Deventer Werk"

# Strict CSP: only our own files; no inline script or style anywhere (django-csp 4).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
