"""Settings for the quote and attribution database.

Every deployment-specific value comes from the environment. Without any, the settings
are those of production: DEBUG off, which needs SECRET_KEY and ALLOWED_HOSTS. `make run`
and the test settings (config/test_settings.py) turn DEBUG on for local use, which brings
SQLite-friendly defaults and a throwaway secret key.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "csp",
    "axes",
    "simple_history",
    "core",
    "sources",
    "quotes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.RequestLogMiddleware",
    "core.middleware.RejectControlCharactersMiddleware",
    # Before sessions, authentication and the views: anonymous answers replayed from the shared cache.
    "core.cache.ResponseCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.db.PrimaryPinMiddleware",
    "core.history.RecordingMiddleware",
    "core.middleware.PageThrottleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes requires: locks the admin login out after repeated failures.
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "config.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Read replicas (PostgreSQL streaming replicas of DATABASE_URL), comma-separated URLs in the same form.
# They become the aliases replica1, replica2…: anonymous reads go to them, writes, migrations, staff
# and a client that has just written (for PRIMARY_PIN_SECONDS) to the primary. See core/db.py.
DATABASE_REPLICAS = []
for _number, _url in enumerate(env_list("DATABASE_REPLICA_URLS"), start=1):
    DATABASES[f"replica{_number}"] = {
        **dj_database_url.parse(
            _url, conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")), conn_health_checks=True
        ),
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_REPLICAS.append(f"replica{_number}")
DATABASE_ROUTERS = ["core.db.PrimaryReplicaRouter"]

# PostgreSQL: bind parameters on the server and keep each connection's plans of its frequent
# queries (psycopg prepares a query from its 2nd run), which halves the database's work for
# the API's hot reads. Set DATABASE_PREPARED_STATEMENTS=false behind a pooler in transaction
# mode that cannot keep prepared statements (PgBouncer before 1.21).
for _database in DATABASES.values():
    if _database["ENGINE"] == "django.db.backends.postgresql" and env_bool(
        "DATABASE_PREPARED_STATEMENTS", default=True
    ):
        _database.setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=1)
PRIMARY_PIN_SECONDS = env_int("PRIMARY_PIN_SECONDS", 10)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# HTTPS. Behind a TLS-terminating proxy, the proxy says which scheme the client used in the header
# named by SECURE_PROXY_SSL_HEADER (set it empty when no proxy sets it). HSTS is opt-in: set
# SECURE_HSTS_SECONDS once the site is known to work over HTTPS.
_proxy_ssl_header = os.environ.get("SECURE_PROXY_SSL_HEADER", "" if DEBUG else "X-Forwarded-Proto").strip()
if _proxy_ssl_header:
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_ssl_header.upper().replace("-", "_"), "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=False)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): everything from this site only; no inline scripts. Inline
# style attributes are allowed (the admin and the pages use a few); <style> elements are not.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# Client addresses: the number of trusted proxies in front of the app, each appending to
# X-Forwarded-For. 0 (the default) means the app is reached directly and the header is ignored.
NUM_PROXIES = env_int("NUM_PROXIES", 0)

# The cache holds the throttle counters (API, pages), so it must be shared by every worker: the
# database by default (run `manage.py createcachetable`), Redis when REDIS_URL is set. CACHE=memory
# keeps them per process (tests, a single local process).
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
_REDIS = "django.core.cache.backends.redis.RedisCache"
if REDIS_URL:
    CACHES = {"default": {"BACKEND": _REDIS, "LOCATION": REDIS_URL}}
elif os.environ.get("CACHE", "database") == "memory":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "django_cache"}
    }

# Sessions: in the database; with Redis, read through the cache (and still written to the database).
SESSION_ENGINE = "django.contrib.sessions.backends." + ("cached_db" if REDIS_URL else "db")

# Anonymous API responses and reader pages, kept for RESPONSE_CACHE_SECONDS under a key that includes
# the content counter, so that any edit retires them all at once (core/cache.py). On by default only
# with Redis, where every app server shares them; 0 turns it off. Set it without Redis to keep them
# in each process's memory.
RESPONSE_CACHE_SECONDS = env_int("RESPONSE_CACHE_SECONDS", 300 if REDIS_URL else 0)
CACHES["responses"] = (
    {"BACKEND": _REDIS, "LOCATION": REDIS_URL, "KEY_PREFIX": "responses"}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "responses"}
)

# Reader pages (/, /quotes/…, /speakers/…): requests per client address.
PAGES_RATE = os.environ.get("PAGES_RATE", "120/minute")

# Admin login lockout (django-axes): after LOGIN_FAILURE_LIMIT failed logins from one address, or
# for one username, logins are refused (429) for LOGIN_LOCKOUT_MINUTES.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.middleware.axes_client_address"
AXES_VERBOSE = False

# Bounded work per request. Spreadsheet import of quotes (admin): the largest file and the most rows
# one upload may hold. Article import (admin paste or upload, and the import_article command): the
# largest article text, in bytes of UTF-8.
QUOTE_IMPORT_MAX_ROWS = env_int("QUOTE_IMPORT_MAX_ROWS", 20_000)
QUOTE_IMPORT_MAX_BYTES = env_int("QUOTE_IMPORT_MAX_BYTES", 10 * 1024 * 1024)
ARTICLE_MAX_BYTES = env_int("ARTICLE_MAX_BYTES", 2 * 1024 * 1024)

# Logs go to standard error. Each request is one JSON line on the "quotes.requests" logger
# (REQUEST_LOG_LEVEL=INFO logs every request, WARNING only server errors).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "requests": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "quotes.requests": {
            "handlers": ["requests"],
            "level": os.environ.get("REQUEST_LOG_LEVEL", "INFO"),
            "propagate": False,
        },
        # Replaced by the JSON request log.
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.server": {"handlers": [], "level": "ERROR", "propagate": False},
    },
}

# Public REST API (/api/v1/). Reads are anonymous and public; writes need a token or a session
# and the matching model permissions. See README, "The API".
API_THROTTLING = env_bool("API_THROTTLING", default=True)  # API and reader pages; off only for benchmarks
API_ANON_RATE = os.environ.get("API_ANON_RATE", "120/minute")
API_USER_RATE = os.environ.get("API_USER_RATE", "600/minute")
API_PAGE_SIZE = int(os.environ.get("API_PAGE_SIZE", "20"))
API_MAX_PAGE_SIZE = int(os.environ.get("API_MAX_PAGE_SIZE", "100"))
API_CACHE_MAX_AGE = int(os.environ.get("API_CACHE_MAX_AGE", "60"))
API_MAX_BODY_SIZE = int(os.environ.get("API_MAX_BODY_SIZE", str(256 * 1024)))
API_MAX_JSON_DEPTH = int(os.environ.get("API_MAX_JSON_DEPTH", "16"))
API_IDEMPOTENCY_SECONDS = int(os.environ.get("API_IDEMPOTENCY_SECONDS", str(24 * 3600)))
API_PUBLISHER_NAME = os.environ.get("API_PUBLISHER_NAME", "Quote & attribution database")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["core.api.ModelPermissionsOrPublicRead"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["core.api.JSONParser"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "core.api.ContentNegotiation",
    "DEFAULT_FILTER_BACKENDS": ["core.api.FilterBackend"],
    "DEFAULT_THROTTLE_CLASSES": ["core.api.AnonThrottle", "core.api.UserThrottle"] if API_THROTTLING else [],
    "DEFAULT_THROTTLE_RATES": {"anon": API_ANON_RATE, "user": API_USER_RATE},
    "NUM_PROXIES": NUM_PROXIES,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.exception_handler",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Quote & attribution database API",
    "DESCRIPTION": (
        "Who said what, with citations. Every quote carries what is needed to cite it: the speaker, "
        "the role they held, when and where the words were said (to the precision the sources allow), "
        "the verdict on the attribution and the sources that report it.\n\n"
        "Reads are public and anonymous. Writes need a token (`Authorization: Token <key>`) or a "
        "session, and the same permissions as the admin.\n\n"
        'Errors always have the shape `{"errors": [{"parameter" | "field": name, '
        '"code": code, "message": text}]}`.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Swagger UI puts deep links inside each operation's expand button (axe: nested-interactive).
    "SWAGGER_UI_SETTINGS": {"deepLinking": False},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.schema.document_errors_and_auth",
    ],
    "ENUM_NAME_OVERRIDES": {
        "SpeakerKindEnum": "quotes.models.SpeakerKind",
        "SourceKindEnum": "sources.models.SourceKind",
    },
}

CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_CREDENTIALS = False
CORS_EXPOSE_HEADERS = ("ETag", "Last-Modified", "Link", "Retry-After")
