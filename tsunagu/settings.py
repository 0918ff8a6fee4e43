"""Tsunagu settings: one file, configured from the environment.

Every variable read below, with its default (README's configuration table lists the same ones;
tests/test_tooling.py keeps the three in step):

DATABASE_URL       default: SQLite file under ./var/ (WAL, IMMEDIATE transactions, busy timeout)
SECRET_KEY         default: generated on first run, stored in ./var/secret_key (mode 600)
ALLOWED_HOSTS      comma-separated, default: 127.0.0.1,localhost
CSRF_TRUSTED_ORIGINS  comma-separated origins (https://host) allowed to post forms; default: none
DEBUG              "1" to turn on; off otherwise
TSUNAGU_VAR_DIR    where the SQLite file, secret key and collected static files live (default ./var)
TSUNAGU_SESSION_IDLE_MINUTES  idle minutes before a session ends (default 30)
TSUNAGU_SECURE_COOKIES  "1" behind HTTPS: secure cookies, HTTPS redirect, HSTS
TSUNAGU_PROXY_SSL_HEADER  "1" when a proxy that terminates HTTPS sets X-Forwarded-Proto (and strips it from clients)
TSUNAGU_DEMO       "1" (set by `tsunagu serve --demo`): the demo logins need no second factor
TSUNAGU_REDIS_URL, REDIS_URL  (the first set wins) e.g. redis://127.0.0.1:6379/0: the cache shared by every worker; default:
                   local memory per process (another worker's changes reach the overview within a minute)
EMAIL_HOST, EMAIL_PORT, DEFAULT_FROM_EMAIL  when EMAIL_HOST is set, administrators are e-mailed about lock-outs
                   (defaults: none, 25, tsunagu@localhost)
TSUNAGU_LOG_LEVEL  level of the console log (default WARNING)
TSUNAGU_LONG_VISIT_DAYS  days after which someone still at 見学 (a visit) is flagged to staff (default 30)
TSUNAGU_RETENTION_YEARS  years after a case's closure before the retention job blanks it (default 5; docs/retention.md)
TSUNAGU_RETENTION_DV_YEARS  the same for a DV-protected person (default 10)
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("TSUNAGU_VAR_DIR", Path.cwd() / "var")).resolve()


def _env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """The key from the environment, else one generated once and kept in var/ readable by us only."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = VAR_DIR / "secret_key"
    if path.exists():
        return path.read_text().strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key


def _database(url: str) -> dict:
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except (ValueError, KeyError) as error:
        raise ImproperlyConfigured(
            f"DATABASE_URL is not a database address Tsunagu understands ({error}); "
            "use sqlite:///path/to/file.sqlite3 or postgres://user@host:5432/name."
        ) from error
    engine = config.get("ENGINE", "")
    if engine == "django.db.backends.sqlite3":
        # Kept open across requests too: each gunicorn worker is one thread, so one connection each.
        config["CONN_HEALTH_CHECKS"] = False
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA busy_timeout=5000;",
        }
    elif engine == "django.db.backends.postgresql":
        # PostgreSQL's default random_page_cost (4) assumes spinning disks: with it the planner answers a
        # name search by scanning every case of the office (35–50 ms at 100,000 people) instead of
        # following the person index (a few ms). 1.1 is the usual value for SSDs or data held in memory;
        # set per connection, so no database privileges are needed. JIT compilation is off: it is meant for
        # long analytic queries, and the planner's estimate for a scope subquery (costly, never run) made it
        # compile 91 functions for a case page's placements, 10–25 ms for a query that reads 3 rows.
        config.setdefault("OPTIONS", {}).update(
            connect_timeout=5, options="-c random_page_cost=1.1 -c jit=off"
        )
    else:
        raise ImproperlyConfigured(
            f"DATABASE_URL names an unsupported database engine ({engine}); Tsunagu runs on SQLite or PostgreSQL."
        )
    return config


DEBUG = _env_flag("DEBUG")
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]

DEFAULT_SQLITE_PATH = VAR_DIR / "tsunagu.sqlite3"
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE_PATH}"
DATABASES = {"default": _database(DATABASE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache holds only derived numbers (the overview's counts, for a minute, under a version that every
# write to what they count bumps once committed), never personal data. Local memory is per process: with
# more than one worker (`tsunagu serve` starts 2), each keeps its own counts and sees another worker's
# changes only when its minute is up; Redis, shared by every worker, shows them at the next request.
REDIS_URL = os.environ.get("TSUNAGU_REDIS_URL") or os.environ.get("REDIS_URL") or ""
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "tsunagu",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tsunagu"}}

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "django_htmx",
    "template_partials",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's scripts served from our own static files (no CDN)
    "tsunagu.core",
    "tsunagu.audit",
    "tsunagu.organisations",
    "tsunagu.accounts",
    "tsunagu.background",
    "tsunagu.people",
    "tsunagu.cases",
    "tsunagu.programs",
    "tsunagu.work",
    "tsunagu.network",
    "tsunagu.jobs",
    "tsunagu.children",
    "tsunagu.community",
    "tsunagu.contracts",
    "tsunagu.statistics",
    "tsunagu.imports",
    "tsunagu.api",
    "tsunagu.sampledata",  # the top layer: the demo and bench data (see docs/architecture.md)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "tsunagu.core.requestcontext.RequestContextMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "tsunagu.core.middleware.JapaneseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "tsunagu.core.middleware.IdleSessionMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "tsunagu.accounts.twofactor.SecondFactorMiddleware",
    "tsunagu.core.middleware.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Inside the messages middleware: it adds a message to the responses it changes.
    "tsunagu.core.middleware.FrontLineMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tsunagu.urls"
WSGI_APPLICATION = "tsunagu.wsgi.application"

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
                "django.template.context_processors.i18n",
                "tsunagu.core.context_processors.navigation",
            ],
            "builtins": ["tsunagu.core.templatetags.tsunagu_tags"],
        },
    }
]

FORM_RENDERER = "tsunagu.core.forms.TsunaguFormRenderer"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "tsunagu.accounts.backends.PasswordBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    # Full-width ｐａｓｓｗｏｒｄ１２３４ is the common password it looks like (NFKC before the list is read).
    {"NAME": "tsunagu.accounts.passwords.NormalisedCommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # zxcvbn's offline estimate: 3 of 4 ("safely unguessable") stops keyboard walks, dates and words + digits.
    {"NAME": "tsunagu.accounts.passwords.StrengthValidator", "OPTIONS": {"min_score": 3}},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# A visit (見学) is a first look of a session or two; someone still visiting after this many days is flagged
# on the host's page, the roll-call and the overview, for their worker to move on (体験) or talk it over.
PROGRAMS_LONG_VISIT_DAYS = max(int(os.environ.get("TSUNAGU_LONG_VISIT_DAYS", "30")), 1)
# Retention (docs/retention.md): a person's record is anonymised once every case of theirs closed this many
# years ago (a contract may ask for longer); a DV-protected person's after their own, longer period.
TSUNAGU_RETENTION_YEARS = max(int(os.environ.get("TSUNAGU_RETENTION_YEARS", "5")), 1)
TSUNAGU_RETENTION_DV_YEARS = max(int(os.environ.get("TSUNAGU_RETENTION_DV_YEARS", "10")), 1)

# Idle sessions end: the cookie's age is renewed by every request.
SESSION_IDLE_MINUTES = int(os.environ.get("TSUNAGU_SESSION_IDLE_MINUTES", "30"))
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = False  # see core.middleware.IdleSessionMiddleware
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = _env_flag("TSUNAGU_SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Behind HTTPS, plain HTTP is redirected and browsers are told to use HTTPS only for a year.
SECURE_SSL_REDIRECT = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = 365 * 24 * 3600 if SESSION_COOKIE_SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SESSION_COOKIE_SECURE
if _env_flag("TSUNAGU_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Five wrong passwords lock a user name from the address that typed them (elsewhere the user still logs
# in), for 30 minutes or until an administrator unlocks it; an address with 20 failures across any names
# in that time is refused altogether (tsunagu.accounts.lockout). Unknown names count as one, unnamed.
AXES_FAILURE_LIMIT = 5
TSUNAGU_ADDRESS_FAILURE_LIMIT = 20
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "tsunagu.accounts.lockout.LockoutHandler"
AXES_USERNAME_CALLABLE = "tsunagu.accounts.lockout.known_username"
AXES_SENSITIVE_PARAMETERS = ["username", "password"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "tsunagu.accounts.views.locked_out"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False

# Lock-outs are e-mailed to administrators when a mail server is configured.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "tsunagu@localhost")

# Second factor (TOTP) for every role that sees personal data; the demo logins go without it.
TSUNAGU_DEMO = _env_flag("TSUNAGU_DEMO")
OTP_TOTP_ISSUER = "Tsunagu"
TSUNAGU_RECOVERY_CODES = 10

LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("Japanese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "tsunagu_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise expects it even before collectstatic
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

# Scripts only from our own static files (no inline script, no eval). Styles allow inline attributes:
# the overview's charts are matplotlib SVG drawn inline, with style attributes of their own.
from csp.constants import NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# The REST API (tsunagu/api/, docs/api.md): read-only, a token per user or the session (with CSRF); JSON,
# and DRF's browsable pages for a signed-in user. Each view names its own authentication and permissions.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "tsunagu.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Tsunagu API",
    "DESCRIPTION": "Read-only access to the records a user sees on the pages, scoped and audited alike "
    "(docs/api.md).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

# Logs carry no personal data: request paths hold only ids, and we never log form contents.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("TSUNAGU_LOG_LEVEL", "WARNING")},
    "loggers": {"axes": {"level": "ERROR"}},
}

TSUNAGU_DEMO_PASSWORD = "tsunagu-demo-2026"

# Background jobs (docs/background-jobs.md): queued in the database (django-tasks' database backend) and run
# by `tsunagu worker` (`tsunagu serve` starts one beside the server). The tests use the same backend: a
# test runs the queued jobs in-process (tsunagu/background/testing.py), nothing waits for a worker.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# W021: HSTS preload is a promise to the browsers' list that the operator makes for the whole domain, not us.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
