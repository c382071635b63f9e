"""Settings shared by every environment; dev.py, test.py and prod.py adjust them.

Configuration comes from the environment (twelve-factor), so one image serves every partner's
deployment: see the README's Configuration section for every variable.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# Reference data files from elsewhere are read from here, never committed (DESIGN.md §5).
SHARED_DATA_DIR = Path(os.environ.get("NC_SHARED_DATA_DIR", BASE_DIR.parent / "shared" / "data"))
VAR_DIR = Path(os.environ.get("NC_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
# `load_demo_data` (demo logins with a published password, a demo superuser) runs only where this
# is true: dev.py and test.py turn it on, prod.py forces it off whatever the environment says.
DEMO_DATA_ALLOWED = env_bool("NC_DEMO_DATA_ALLOWED", False)
# Reference files missing from SHARED_DATA_DIR and var/data/ are downloaded from their publishers
# (directory/reference_files.py); 0 keeps a machine offline. The test settings turn it off.
REFERENCE_DOWNLOADS = env_bool("NC_REFERENCE_DOWNLOADS", True)
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")
# Absolute base address for links in e-mails sent by background tasks (no request to ask).
PLATFORM_URL = os.environ.get("PLATFORM_URL", "http://127.0.0.1:8000")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "rest_framework",
    "drf_spectacular",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "django_celery_results",
    "auditlog",
    "northern_connections.core",
    "northern_connections.accounts",
    "northern_connections.directory",
    "northern_connections.challenges",
    "northern_connections.matchmaking",
    "northern_connections.events",
    "northern_connections.livinglabs",
    "northern_connections.monitoring",
    "northern_connections.support",
    "northern_connections.knowledge",
    "northern_connections.partnering",
    "northern_connections.strategy",
    "northern_connections.surveys",
    "northern_connections.home",
]

MIDDLEWARE = [
    # Operations (core/observability.py): /healthz, /readyz and /metrics answered before anything else;
    # then one log line and the metrics of every request, timed around all that follows.
    "northern_connections.core.observability.ProbeMiddleware",
    "northern_connections.core.observability.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "northern_connections.core.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "northern_connections.core.audit.AuditActorMiddleware",
    "northern_connections.accounts.middleware.PreferredLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "northern_connections.core.context_processors.platform",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the worker write while the web process reads; the timeout rides out short locks.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Argon2 first: the OWASP recommendation; the others only verify old hashes.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home:index"

# django-allauth: e-mail is the login; verification is mandatory before the first login.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Failed logins are throttled per IP and per account (allauth keeps the counters in the cache).
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
ACCOUNT_FORMS = {"signup": "northern_connections.accounts.forms.SignupForm"}

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("da", _("Danish")),
    ("nb", _("Norwegian Bokmål")),
    ("sv", _("Swedish")),
    ("nl", _("Dutch")),
    ("de", _("German")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English pages use European dates (16/05/2026, 14:00), not Django's American `en` formats.
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
# htmx comes from npm (package.json), installed by `make`; never committed.
STATICFILES_DIRS = [BASE_DIR / "static", ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist")]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
        if os.environ.get("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "nc_cache"}
    )
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Northern Connections <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "northern_connections.accounts.authentication.ApiTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["northern_connections.core.api.permissions.GatePermission"],
    "DEFAULT_PAGINATION_CLASS": "northern_connections.core.api.pagination.StandardPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.NamespaceVersioning",
    "ALLOWED_VERSIONS": ["v1"],
    # Rate limits (core/api/throttling.py): per client address, per user, and per scope for the
    # expensive endpoints (a view's `throttle_scope`). Counted in the default cache: Redis or the database.
    "DEFAULT_THROTTLE_CLASSES": [
        "northern_connections.core.api.throttling.AnonThrottle",
        "northern_connections.core.api.throttling.UserThrottle",
        "northern_connections.core.api.throttling.ScopeThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("NC_API_RATE_ANON", "120/min"),
        "user": os.environ.get("NC_API_RATE_USER", "600/min"),
        "matching": os.environ.get("NC_API_RATE_MATCHING", "30/min"),
        "scheduling": os.environ.get("NC_API_RATE_SCHEDULING", "10/min"),
        # Starting to answer a survey makes a ballot: per address (anonymous) or person.
        "answering": os.environ.get("NC_API_RATE_ANSWERING", "60/min"),
    },
    # Reverse proxies in front of the web processes: the client is that many entries from the end of
    # X-Forwarded-For (unset: REMOTE_ADDR, right when clients connect directly).
    "NUM_PROXIES": int(os.environ["NC_API_NUM_PROXIES"]) if os.environ.get("NC_API_NUM_PROXIES") else None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Northern Connections API",
    "DESCRIPTION": "Organisations, challenges, matchmaking and events of the Northern Connections platform.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
}

DJANGO_TABLES2_TEMPLATE = "components/table.html"

# Background tasks: Celery with Redis in production; the embedded default needs no server and
# passes messages through the file system between `make run`'s web process and worker.
CELERY_BROKER_URL = os.environ.get("REDIS_URL") or "filesystem://"
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {}
    if os.environ.get("REDIS_URL")
    else {
        "data_folder_in": str(VAR_DIR / "queue"),
        "data_folder_out": str(VAR_DIR / "queue"),
        "processed_folder": str(VAR_DIR / "queue-processed"),
        "store_processed": False,
    }
)
CELERY_RESULT_BACKEND = "django-db"
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
# Periodic jobs, run by `celery beat` (embedded in the worker by `make run`).
CELERY_BEAT_SCHEDULE = {
    # A challenge closes at its deadline; services refuse late applications regardless.
    "close-due-challenges": {"task": "northern_connections.challenges.tasks.close_due_challenges", "schedule": 300},
    # Pending meeting requests expire after the hours their event chose; answering checks it too.
    "expire-meeting-requests": {"task": "northern_connections.events.tasks.expire_meeting_requests", "schedule": 300},
    # Partner requests expire at the end of their validity (a year, plus one extension).
    "expire-partner-requests": {"task": "northern_connections.partnering.tasks.expire_partner_requests",
                                "schedule": 3600},
    # Matchmaking: e-mail digests of saved searches (the delivery log makes a doubled run harmless), and a
    # nightly snapshot of the shared index so that no process ever replays a long change log.
    "match-digests-daily": {"task": "northern_connections.matchmaking.tasks.send_match_digests",
                            "schedule": 24 * 3600, "args": ("daily",)},
    "match-digests-weekly": {"task": "northern_connections.matchmaking.tasks.send_match_digests",
                             "schedule": 7 * 24 * 3600, "args": ("weekly",)},
    "rebuild-match-index": {"task": "northern_connections.matchmaking.tasks.rebuild_match_index",
                            "schedule": 24 * 3600},
    # Monitoring: partners are reminded of a reporting deadline two weeks ahead (once per period).
    "monitoring-period-reminders": {"task": "northern_connections.monitoring.tasks.send_period_reminders",
                                    "schedule": 24 * 3600},
    # A survey closes at its closing time; answering refuses a closed survey regardless.
    "close-due-surveys": {"task": "northern_connections.surveys.tasks.close_due_surveys", "schedule": 300},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "northern_connections.core.observability.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # One line per request (core/observability.py); on in production, here only on request (runserver logs too).
    "loggers": {"nc.request": {"level": "INFO" if env_bool("NC_REQUEST_LOG", False) else "WARNING"}},
}
# Content Security Policy (core/security.py): a dict of directive -> sources; None sends no header.
CONTENT_SECURITY_POLICY = None
# /metrics (core/observability.py): with a token, only `Authorization: Bearer <token>`; without, loopback only.
METRICS_TOKEN = os.environ.get("NC_METRICS_TOKEN", "")

# Matchmaking: an optional local sentence-transformers model (a path; never downloaded at run
# time) fused with the lexical score, and how many change-log entries a process replays before
# it reloads the newest index snapshot instead.
MATCHMAKING_EMBEDDING_MODEL = os.environ.get("MATCHMAKING_EMBEDDING_MODEL", "")
MATCHMAKING_MAX_REPLAY = int(os.environ.get("MATCHMAKING_MAX_REPLAY", "1000"))

# Audit trail (core/audit.py, django-auditlog): who changed what is recorded, not from which
# address (data minimisation: an IP address is personal data the trail does not need).
AUDITLOG_DISABLE_REMOTE_ADDR = True

# Rows per page of HTML lists: the user may choose among these.
PAGE_SIZES = [25, 50, 100]
