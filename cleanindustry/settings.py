"""The portal's only settings module, configured by environment variables.

Every variable has a default that gives the embedded run (`make run`): a SQLite file, a
local-memory cache, Celery tasks run eagerly in-process and email written to files under
var/. Production sets DATABASE_URL, REDIS_URL, EMAIL_URL, SECRET_KEY and friends; see
.env.example for the full list.
"""

import secrets
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import environ
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF
from django.conf.locale import LANG_INFO

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"  # runtime state of the embedded run; never committed

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DEBUG", default=False)


def _embedded_secret_key() -> str:
    # With DEBUG on and no SECRET_KEY, a random key kept in var/ (the one `make` exports too),
    # so that signed links survive a restart. Nothing secret is ever committed.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


# Production sets SECRET_KEY: a key made up here would differ between hosts and deploys, and
# every signed link and session would break with it. Without one, commands that sign nothing
# (migrations, checks) still run; the web and worker processes refuse to start
# (cleanindustry/startup.py), and Django refuses anything that would sign.
SECRET_KEY = env.str("SECRET_KEY", default="") or (_embedded_secret_key() if DEBUG else "")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://localhost:8000").rstrip("/")
SITE_NAME = "Clean Industry Portal"

INSTALLED_APPS = [
    # Before the admin: it patches model fields and admin classes for translated content.
    "modeltranslation",
    # django.contrib.admin with the staff home as its site (staffhome/apps.py).
    "staffhome.apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    "reversion",
    "reversion_compare",
    "django_prose_editor",
    "cleanindustry",
    "core",
    "publishing",
    "accounts",
    "search",
    "pages",
    "media",
    "exchange",
    "assessment",
    "roadmap",
    "subscriptions",
    "opendata",
    "staffhome",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag on every page (cached or not) and 304 for a matching If-None-Match.
    "django.middleware.http.ConditionalGetMiddleware",
    # Whole pages for anonymous visitors, from Redis; a hit skips everything below it (a
    # stored page keeps the CSP and Permissions-Policy headers it was answered with).
    "core.cache.PublicPageCacheMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language comes from the URL alone (/es/...): English pages have no prefix.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Saves and deletes are the signed-in user's: the publishing rule checks their rights.
    "publishing.services.ActingUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.StaffMFARequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # The email providers' webhooks: not served without a secret; a refused post gets a 401.
    "core.webhooks.AnymailWebhookMiddleware",
]

ROOT_URLCONF = "cleanindustry.urls"
WSGI_APPLICATION = "cleanindustry.wsgi.application"

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
                "core.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # A database host that does not answer (a network partition drops packets rather than
    # refusing them) fails a connection within this many seconds, answered with the 503 page
    # (cleanindustry.views.server_error), instead of holding a worker until gunicorn kills it.
    # DATABASE_URL's ?connect_timeout=N overrides it.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
# On PostgreSQL, DB_POOL=1 gives each worker process a psycopg_pool connection pool instead of
# one persistent connection (Django requires CONN_MAX_AGE 0 with a pool). With sync gunicorn
# workers, one request at a time per process, a persistent connection is as fast; the pool
# pays off with threaded workers (gthread) or ASGI.
if env.bool("DB_POOL", default=False) and DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": env.int("DB_POOL_MAX_SIZE", default=4),
        "timeout": 10,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and task queue -------------------------------------------------------------------
# Two Redis roles that must not share an instance in production: REDIS_URL is the Celery
# broker (queued email sends: never evicted, kept on disk), REDIS_CACHE_URL the cache (pages,
# the navigation and footer, rate-limit counters), which an instance with `maxmemory` and
# `allkeys-lru` keeps to a fixed size. `maxmemory` counts every database of an instance and
# eviction picks keys from all of them, so only a separate instance keeps the broker's keys
# safe (README "Production", docker-compose.yml). Unset, REDIS_CACHE_URL is the next database
# of REDIS_URL's Redis: enough to keep the keys apart on one development Redis, not to cap the
# cache.
REDIS_URL = env.str("REDIS_URL", default="")


def _next_database(url: str) -> str:
    parts = urlsplit(url)
    database = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{database + 1}"))


REDIS_CACHE_URL = env.str("REDIS_CACHE_URL", default=REDIS_URL and _next_database(REDIS_URL))
if REDIS_CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.redis_cache.SharedClientRedisCache",
            "LOCATION": REDIS_CACHE_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="cleanindustry"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Whole-page cache (cleanindustry/cache.py): entries are invalidated by the content version,
# so the timeout only bounds the memory taken by pages nobody asks for any more.
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=3600)
PAGE_CACHE_SKIP_PREFIXES = ("/admin/", "/accounts/", "/healthz", "/media/")
# What is deployed: cached pages are keyed on it, so a deploy shows its templates and wording
# at once. The deploy sets it (a commit id, an image tag); without it, the time this process
# started (gunicorn's preload_app computes it once, in the master, for every worker).
RELEASE = env.str("RELEASE", default="") or f"started-{time.time_ns()}"

CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True  # a task whose worker dies is redelivered, not lost
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "America/Los_Angeles"
CELERY_BEAT_SCHEDULE: dict = {
    # Scheduled content goes public within a minute of its publish_at.
    "publish-scheduled-content": {
        "task": "publishing.tasks.publish_scheduled_content",
        "schedule": 60.0,
    },
    # Owners of content due for review: one email a week at most each (the database keeps
    # count), so a daily run reaches a new owner within a day and no one more than weekly.
    "staffhome-review-reminders": {
        "task": "staffhome.tasks.send_review_reminders",
        "schedule": crontab(minute=0, hour=9),
    },
}

# --- Email ----------------------------------------------------------------------------------
EMAIL_FILE_PATH = str(VAR_DIR / "mail")
vars().update(env.email_url("EMAIL_URL", default=f"filemail://{VAR_DIR / 'mail'}"))
# An email service provider through django-anymail, e.g. "anymail.backends.postmark.EmailBackend".
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default=vars()["EMAIL_BACKEND"])
ANYMAIL = env.dict("ANYMAIL", default={})
# The basic-auth credentials ("user:password") the providers' tracking webhooks
# (/anymail/<provider>/tracking/: bounces and complaints) must send; several, comma-separated,
# while changing them. Unset, the webhooks are not served (core/webhooks.py).
if _webhook_secret := env.list("ANYMAIL_WEBHOOK_SECRET", default=[]):
    ANYMAIL["WEBHOOK_SECRET"] = _webhook_secret
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Clean Industry Initiative <cleanindustry@localhost>"
)
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
STAFF_NOTIFICATION_EMAILS = env.list("STAFF_NOTIFICATION_EMAILS", default=["staff@localhost"])
# Roadmap actions and findings not reviewed for this many days are "review due" on the staff home,
# and their owners get a weekly reminder (staffhome/reminders.py).
CONTENT_REVIEW_DAYS = env.int("CONTENT_REVIEW_DAYS", default=90)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)

# --- Security -------------------------------------------------------------------------------
# Secure by default: with DEBUG off, http is redirected to https, cookies are sent over https
# only and browsers are told to use https (HSTS). SECURE_SSL_REDIRECT=false turns the three off
# together, for plain HTTP on loopback (`make run`, the benchmarks).
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
if env.bool("BEHIND_TLS_PROXY", default=SECURE_SSL_REDIRECT):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # no script of ours reads the token from the cookie
SESSION_COOKIE_AGE = 60 * 60 * 12  # staff sign in again every working day
# Sessions in the database, never in the cache: staff stay signed in while Redis is down.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000 if SECURE_SSL_REDIRECT else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=SECURE_HSTS_SECONDS > 0)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Scripts and styles only from our own origin; a template that needs an inline script gives
# it nonce="{{ request.csp_nonce }}". allauth's <script type="application/json"> is data.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],  # data: for the TOTP QR code
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        **({"upgrade-insecure-requests": True} if SECURE_SSL_REDIRECT else {}),
    },
}
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer", "browsing-topics", "camera", "display-capture", "geolocation",
        "gyroscope", "magnetometer", "microphone", "payment", "usb",
    ]
}  # fmt: skip

# --- Staff sign-in (django-allauth) -----------------------------------------------------------
# Staff sign in by email at /accounts/login/, also for /admin/; nobody can sign up: an
# administrator invites staff (`manage.py invite_staff`), and every staff account must set up
# two-factor authentication before the admin shows anything (accounts.middleware).
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/admin/"
ACCOUNT_ADAPTER = "accounts.adapters.StaffOnlyAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False  # a reset asked for an unknown address sends nothing
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Clean Industry Portal] "
# Rates per client IP and per account ("key"): past them allauth answers 429 (or, for one
# account's failed passwords, a form error that reads the same whether or not it exists).
ACCOUNT_RATE_LIMITS = {
    "login": "10/m/ip,30/h/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "5/m/ip,3/h/key",
    "reset_password_from_key": "10/m/ip",
    "mfa": "10/m/ip,30/h/ip",  # the MFA views, wrapped in cleanindustry/urls.py
    "contact": env.str("CONTACT_RATE_LIMIT", default="5/h/ip,20/d/ip"),  # the contact form
    # Email-updates sign-ups (subscriptions/views.py), an hour: from one client address, and
    # emails to one mailbox asked for from one client address (the "key"; see the view).
    "subscribe": f"{env.int('SUBSCRIPTIONS_RATE_PER_IP', default=20)}/h/ip",
    "subscribe_mailbox": f"{env.int('SUBSCRIPTIONS_RATE_PER_ADDRESS', default=3)}/h/key",
}
# Behind N reverse proxies, the client IP is the Nth address from the right of X-Forwarded-For.
# Every limit in the portal reads it through allauth (core.clients.client_ip), and
# counts an IPv6 client by its /64 network (allauth's ALLAUTH_RATE_LIMIT_IPV6_PREFIX default).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3  # an invitation link lasts three days

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Internationalisation ---------------------------------------------------------------------
# The interface languages, one line each: a new language needs this line and its catalogue in
# locale/<code>/LC_MESSAGES (README "Adding a language"). Names are the language's own, as the
# language switcher shows them.
# The list is the City of Portland's Title VI language list: English and the ten languages its
# services must reach, in the list's order.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("es", "Español"),
    ("vi", "Tiếng Việt"),
    ("zh-hans", "简体中文"),
    ("ru", "Русский"),
    ("ro", "Română"),
    ("uk", "Українська"),
    ("ja", "日本語"),
    ("so", "Soomaali"),
    ("ar", "العربية"),
    ("lo", "ພາສາລາວ"),
]
# Django knows every language above but Somali and Lao: their names and direction, as Django's
# own table gives them for the others (get_language_info, the switcher, `dir`).
LANG_INFO.update(
    {
        "so": {"bidi": False, "code": "so", "name": "Somali", "name_local": "Soomaali"},
        "lo": {"bidi": False, "code": "lo", "name": "Lao", "name_local": "ພາສາລາວ"},
    }
)
# Date and number formats for the languages Django has none for (core/formats/<code>/).
FORMAT_MODULE_PATH = ["core.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Content fields staff can fill in per language (django-modeltranslation adds a column per
# language, so a language listed here comes with a migration). A page whose text is missing in
# the visitor's language shows the English text, with a notice saying so.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# Slugs fill in from the English title, whichever language tab staff type in first.
MODELTRANSLATION_PREPOPULATE_LANGUAGE = "en"
# The admin's language tabs use jQuery UI: ours, from npm (`make assets`), never a CDN
# (django-modeltranslation reads this unprefixed setting).
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.tabs.js"
# Language access: the free phone line for translation and interpretation, shown in every
# supported language in the footer and in every email (with the contact form).
LANGUAGE_ACCESS_PHONE = env.str("LANGUAGE_ACCESS_PHONE", default="311 (503-823-4000)")
# The same line as a link a phone can call (the notice on pages not yet reviewed links to it).
LANGUAGE_ACCESS_TEL = env.str("LANGUAGE_ACCESS_TEL", default="+15038234000")
TIME_ZONE = "America/Los_Angeles"
USE_I18N = True
USE_TZ = True

# --- Static and media files -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
# The largest report PDF and image accepted, in bytes (cleanindustry/uploads.py).
MAX_PDF_UPLOAD_SIZE = env.int("MAX_PDF_UPLOAD_SIZE", default=20 * 1024 * 1024)
MAX_IMAGE_UPLOAD_SIZE = env.int("MAX_IMAGE_UPLOAD_SIZE", default=10 * 1024 * 1024)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Links whose next path segment is a secret (subscribers' manage tokens and confirmation codes,
# allauth's email-confirmation and password keys): every log shows it as <redacted>
# (cleanindustry/logs.py; gunicorn's logs too, through gunicorn.conf.py's logger_class).
SECRET_URL_PREFIXES = [
    r"/updates/(?:confirm|manage|unsubscribe|change-address)/",
    r"/accounts/(?:confirm-email|password/reset/key)/",
]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_secrets": {"()": "core.logs.RedactSecrets"}},
    "formatters": {
        "django.server": {  # Django's own, as its runserver log is re-declared below
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_secrets"]},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # The loggers that write request paths ("Not Found: /updates/manage/…/") redact them
        # on the record itself, before any handler (the console, an error tracker) sees it.
        "django.request": {"filters": ["redact_secrets"]},
        "django.security.csrf": {"filters": ["redact_secrets"]},
        "django.server": {
            "handlers": ["django.server"],
            "filters": ["redact_secrets"],
            "level": "INFO",
            "propagate": False,
        },
    },
}

# --- Email updates (subscriptions) ---
SUBSCRIPTIONS_CONFIRM_MAX_AGE = env.int("SUBSCRIPTIONS_CONFIRM_MAX_AGE", default=7 * 24 * 3600)
SUBSCRIPTIONS_PURGE_PENDING_AFTER_DAYS = env.int(
    "SUBSCRIPTIONS_PURGE_PENDING_AFTER_DAYS", default=30
)
# Sign-ups allowed per hour (SUBSCRIPTIONS_RATE_PER_IP, SUBSCRIPTIONS_RATE_PER_ADDRESS): see
# ACCOUNT_RATE_LIMITS["subscribe"] and ["subscribe_mailbox"].
SUBSCRIPTIONS_BATCH_SIZE = env.int("SUBSCRIPTIONS_BATCH_SIZE", default=500)
# A claimed batch not finished within the lease is taken over by another worker.
SUBSCRIPTIONS_LEASE_SECONDS = env.int("SUBSCRIPTIONS_LEASE_SECONDS", default=600)
SUBSCRIPTIONS_MAX_ATTEMPTS = env.int("SUBSCRIPTIONS_MAX_ATTEMPTS", default=8)
SUBSCRIPTIONS_RETRY_BASE_SECONDS = env.int("SUBSCRIPTIONS_RETRY_BASE_SECONDS", default=30)
# Messages a second, every worker on every host together (the email provider's quota); 0: no
# limit. Kept in REDIS_URL's Redis (in-process without it): subscriptions/rate.py.
SUBSCRIPTIONS_MAX_RATE = env.int("SUBSCRIPTIONS_MAX_RATE", default=0)
SUBSCRIPTIONS_UNSUBSCRIBE_MAILTO = env.str("SUBSCRIPTIONS_UNSUBSCRIBE_MAILTO", default="")
# Soft bounces (subscriptions/services/bounces.py): days with one that suppress an address (a
# reminder goes out a day before), and days without one after which its score starts again.
SUBSCRIPTIONS_SOFT_BOUNCE_LIMIT = env.int("SUBSCRIPTIONS_SOFT_BOUNCE_LIMIT", default=5)
SUBSCRIPTIONS_SOFT_BOUNCE_STALE_DAYS = env.int("SUBSCRIPTIONS_SOFT_BOUNCE_STALE_DAYS", default=7)
# List care (subscriptions/services/retention.py, daily): an address unsubscribed from
# everything is erased this many days later, keeping only a salted hash of it on the
# suppression list; deliveries older than SUBSCRIPTIONS_DELIVERY_ADDRESS_DAYS forget whom they
# went to. The salt of that hash: set it once in production and never change it (a new salt
# lets every erased address be imported again). Left empty, it is derived from SECRET_KEY,
# and rotating SECRET_KEY would have the same effect.
SUBSCRIPTIONS_ERASE_AFTER_DAYS = env.int("SUBSCRIPTIONS_ERASE_AFTER_DAYS", default=28)
SUBSCRIPTIONS_DELIVERY_ADDRESS_DAYS = env.int("SUBSCRIPTIONS_DELIVERY_ADDRESS_DAYS", default=365)
SUBSCRIPTIONS_HASH_SALT = env.str("SUBSCRIPTIONS_HASH_SALT", default="")
CELERY_BEAT_SCHEDULE.update(
    {
        "subscriptions-send-due-updates": {
            "task": "subscriptions.tasks.send_due_updates",
            "schedule": 60.0,
        },
        # Confirmation and welcome emails of sign-ups made while the broker was down.
        "subscriptions-send-owed-emails": {
            "task": "subscriptions.tasks.send_owed_emails",
            "schedule": 60.0,
        },
        "subscriptions-weekly-digest": {
            "task": "subscriptions.tasks.send_weekly_digest",
            "schedule": crontab(minute=0, hour=8, day_of_week="mon"),
        },
        # Unconfirmed sign-ups purged, unsubscribed addresses erased, old deliveries anonymised.
        "subscriptions-list-care": {
            "task": "subscriptions.tasks.care_for_list",
            "schedule": crontab(minute=30, hour=3),
        },
    }
)
