"""Settings for the ITA Portal, read from the environment.

One module for every deployment (as healthchecks does): what differs between a
laptop, CI and production comes from environment variables, documented in the
README. Nothing here reads a file other than this one.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [
        part.strip()
        for part in os.environ.get(name, default).split(",")
        if part.strip()
    ]


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (see README, 'Deploying')."
        )
    # Only with DEBUG on (refused above otherwise).
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production"  # nosec B105

# Encrypts the organisations' private signing keys (reports/signing.py).
# Required when DEBUG is off for anything to be signed; with DEBUG on a key
# derived from SECRET_KEY stands in. Changing it makes stored keys unusable.
SIGNING_KEY_SECRET = os.environ.get("SIGNING_KEY_SECRET", "")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
CSRF_FAILURE_VIEW = "ita_portal.views.csrf_failure"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "template_partials",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "ita_portal",
    "notifications",
    "organizations",
    "audit",
    "twofactor",
    "assessments",
    "measures",
    "reports",
    "desk",
    "public",
    "oversight",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ita_portal.middleware.ThaiFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "organizations.middleware.CurrentOrganizationMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # A second factor where the organisation or Django admin asks for one.
    "twofactor.middleware.SecondFactorMiddleware",
    # Last, as django-axes asks: it turns a lock-out into the Thai page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ita_portal.urls"

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
                "organizations.context_processors.current_organization",
                "reports.context_processors.memo_inbox",
                "desk.context_processors.my_tasks",
            ],
        },
    },
]

WSGI_APPLICATION = "ita_portal.wsgi.application"

# SQLite in the project by default, so a newcomer needs nothing else;
# PostgreSQL (psycopg2) when DATABASE_URL says so, as production and CI do.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL")
        or "sqlite:///{}".format(BASE_DIR / "db.sqlite3"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def cache_from_url(url: str, max_entries: int) -> dict:
    """CACHE_URL: empty or `locmem://` (each process its own, Django's
    default), `db://TABLE` (in the database, shared by every app server;
    `manage.py createcachetable` makes the table), `file:///PATH` (shared
    by one server's workers) or `redis://HOST:PORT/DB` (Django's Redis
    cache, shared by every web process and worker: the public pages, rate
    limits and the render locks, reports/jobs.py)."""
    scheme, _, rest = url.partition("://")
    backends = {
        "": "django.core.cache.backends.locmem.LocMemCache",
        "locmem": "django.core.cache.backends.locmem.LocMemCache",
        "db": "django.core.cache.backends.db.DatabaseCache",
        "file": "ita_portal.cache.FileCache",
        "redis": "django.core.cache.backends.redis.RedisCache",
        "rediss": "django.core.cache.backends.redis.RedisCache",
    }
    if scheme not in backends:
        raise ImproperlyConfigured(
            f"CACHE_URL {url!r}: use locmem://, db://TABLE, file:///PATH "
            "or redis://HOST:PORT/DB"
        )
    if scheme in ("redis", "rediss"):
        # Redis drops entries itself (its maxmemory policy): no MAX_ENTRIES.
        return {"BACKEND": backends[scheme], "LOCATION": url}
    return {
        "BACKEND": backends[scheme],
        "LOCATION": rest if scheme in ("db", "file") else "ita-portal",
        "OPTIONS": {"MAX_ENTRIES": max_entries},
    }


# The public pages keep each published plan's rendered parts here (public/cache.py).
CACHES = {
    "default": cache_from_url(
        os.environ.get("CACHE_URL", ""),
        int(os.environ.get("CACHE_MAX_ENTRIES", "300")),
    )
}
# Seconds a public plan page's head (the published plan and its version) is
# served from the cache without asking the database; what changes shows on
# the next view where the cache is shared, within this time where it is not
# (public/cache.py). 0: every view asks the database.
PUBLIC_CACHE_SECONDS = int(os.environ.get("PUBLIC_CACHE_SECONDS", "30"))
# Seconds a public plan page's head is kept. Where every process shares the
# cache (redis://, db://) a change reaches every worker at once: the hooks
# (public/signals.py) forget the head of every plan a change touches and the
# rebuild task writes it again, so a head may live until the next change
# (a day, by default) and a first view after a publication costs what a
# repeat view costs. Where each process has its own (locmem://, file:// on
# one of several servers) the other processes' heads are never forgotten,
# only expire: PUBLIC_CACHE_SECONDS, the longest a change may stay unseen.
# A change the hooks cannot see (SQL, QuerySet.update()) shows within this
# time too.
_SHARED_CACHES = (
    "django.core.cache.backends.redis.RedisCache",
    "django.core.cache.backends.db.DatabaseCache",
)
PUBLIC_HEAD_SECONDS = int(
    os.environ.get(
        "PUBLIC_HEAD_SECONDS",
        24 * 60 * 60
        if CACHES["default"]["BACKEND"] in _SHARED_CACHES
        else PUBLIC_CACHE_SECONDS,
    )
)

AUTH_USER_MODEL = "organizations.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a login while the account or the address is locked out.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Django's four rules; their Thai messages are in locale/th.
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Failed logins (django-axes): after AXES_FAILURE_LIMIT failures an account,
# and separately an address, is locked out for AXES_COOLOFF_MINUTES; the page
# says so in Thai (templates/registration/locked_out.html).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_MINUTES = int(os.environ.get("AXES_COOLOFF_MINUTES", "15"))
AXES_COOLOFF_TIME = timedelta(minutes=AXES_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "ita_portal.views.locked_out"
AXES_USERNAME_FORM_FIELD = "username"
# Behind load balancers that append the client's address to X-Forwarded-For,
# the number of them (ita_portal/client_ip.py); 0: REMOTE_ADDR is the client.
CLIENT_IP_PROXY_COUNT = int(os.environ.get("CLIENT_IP_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "ita_portal.client_ip.client_ip"
AXES_VERBOSE = False
# The second factor (twofactor/): a signature (endorse, approve, reject,
# send) needs a code verified in this session within this many minutes;
# OTP_FAILURE_LIMIT wrong codes lock the user's code entry for
# OTP_LOCKOUT_SECONDS.
OTP_FRESH_MINUTES = int(os.environ.get("OTP_FRESH_MINUTES", "15"))
OTP_FAILURE_LIMIT = int(os.environ.get("OTP_FAILURE_LIMIT", "5"))
OTP_LOCKOUT_SECONDS = int(os.environ.get("OTP_LOCKOUT_SECONDS", "300"))
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "ITA Portal")
# django-otp's own per-device back-off off: the limit above replaces it (it
# would refuse a right code a second after a wrong one, without saying why).
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Thai first; English is the second language, chosen from the page.
LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("ไทย")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English pages write dates with English month names and this era's year:
# BE (2563, as Thai officials count) or CE (2020). Documents are always Thai.
ENGLISH_DATE_ERA = os.environ.get("ENGLISH_DATE_ERA", "BE").strip().upper() or "BE"
if ENGLISH_DATE_ERA not in ("BE", "CE"):
    raise ImproperlyConfigured("ENGLISH_DATE_ERA must be BE or CE.")
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Largest upload the portal accepts (emblems, evidence files), in bytes.
UPLOAD_MAX_BYTES = int(os.environ.get("UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))
EMBLEM_MAX_BYTES = int(os.environ.get("EMBLEM_MAX_BYTES", str(2 * 1024 * 1024)))

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
# Seconds to wait on the mail server before the send fails (and is retried).
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "ITA Portal <noreply@localhost>"
)
# Background jobs (ita_portal/celery.py). No broker: tasks run in the calling
# process at once (eager), so the embedded default needs no worker.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or os.environ.get(
    "REDIS_URL", ""
)
CELERY_RESULT_BACKEND = (
    os.environ.get("CELERY_RESULT_BACKEND") or CELERY_BROKER_URL or None
)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Asia/Bangkok"
# Periodic work for `celery beat`, name -> {"task": ..., "schedule": ...}, in
# CELERY_TIMEZONE (Bangkok time). The same services run from cron through
# `manage.py send_reminders`.
CELERY_BEAT_SCHEDULE: dict = {
    "overdue-measures": {
        "task": "measures.tasks.overdue_notify",
        "schedule": crontab(hour=7, minute=0),
    },
    "progress-reminders": {
        "task": "measures.tasks.reminders_send",
        "schedule": crontab(hour=7, minute=15),
    },
    # Mail recorded while the broker was down, sent again.
    "stranded-mail": {
        "task": "notifications.tasks.deliver_stranded",
        "schedule": crontab(minute="*/15"),
    },
    # The overseers' Excel exports past their time (oversight/exports.py).
    "old-exports": {
        "task": "oversight.exports_remove_old",
        "schedule": crontab(minute=30),
    },
}

# The portal's address as people reach it, for links in e-mails sent from cron.
PORTAL_URL = os.environ.get("PORTAL_URL", "http://127.0.0.1:8000").rstrip("/")
# The national open data (/public/data/, public/opendata.py): its licence (a
# URL a CKAN catalogue understands) and who publishes it.
OPEN_DATA_LICENSE = os.environ.get(
    "OPEN_DATA_LICENSE", "https://creativecommons.org/licenses/by/4.0/"
)
OPEN_DATA_PUBLISHER = os.environ.get(
    "OPEN_DATA_PUBLISHER", "ระบบ ITA ขององค์กรปกครองส่วนท้องถิ่น"
)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Production hardening: on unless DEBUG, each switchable for a deployment that
# terminates TLS elsewhere (set SECURE_PROXY_SSL_HEADER_NAME then).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# A load balancer checks app servers over plain HTTP: /healthz answers it.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = int(
    os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy on every page (django-csp): the portal serves all
# its scripts, styles, fonts and images itself and runs no inline code; an
# inline script, should one be needed, carries {{ request.csp_nonce }}.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
if os.environ.get("SECURE_PROXY_SSL_HEADER_NAME"):
    SECURE_PROXY_SSL_HEADER = (os.environ["SECURE_PROXY_SSL_HEADER_NAME"], "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # WeasyPrint and fontTools are chatty at INFO about every CSS property.
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
        # django-axes logs every login at INFO; lock-outs come at WARNING.
        "axes": {"level": "WARNING"},
    },
}
