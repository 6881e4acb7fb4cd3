"""Kolokol's one settings module, driven by environment variables.

Each variable is documented where it is read. ``KOLOKOL_ENV=production``
switches on the HTTPS settings and makes the secrets mandatory; the default,
``demo``, runs on one machine with SQLite and nothing else.
"""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from kolokol import config
from kolokol.config import ConfigError, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent

# "demo" (one machine, generated secret) or "production" (explicit secrets, HTTPS).
KOLOKOL_ENV = env_str("KOLOKOL_ENV", "demo").lower()
if KOLOKOL_ENV not in {"demo", "production"}:
    raise ConfigError(f"KOLOKOL_ENV: expected 'demo' or 'production', got {KOLOKOL_ENV!r}")
PRODUCTION = KOLOKOL_ENV == "production"

# Where the SQLite database, uploaded media, the generated secret and (later)
# the rendered store live. Must be writable by the app.
DATA_DIR = config.data_dir()

SECRET_KEY = config.secret_key(PRODUCTION, DATA_DIR)

# Tracebacks in the browser. Never on unless asked.
DEBUG = env_bool("DEBUG", False)

# Host names this installation answers to, comma-separated.
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ConfigError("ALLOWED_HOSTS: required when KOLOKOL_ENV=production")

# Public address of the site, used in admin notification emails and absolute links.
KOLOKOL_BASE_URL = env_str("KOLOKOL_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = KOLOKOL_BASE_URL

INSTALLED_APPS = [
    "kolokol.core",
    "kolokol.media",
    "kolokol.services",
    "kolokol.sections",
    "kolokol.people",
    "kolokol.articles",
    "kolokol.breaking",
    "kolokol.demo",
    "kolokol.publishing",
    "kolokol.newsroom",
    "kolokol.comments",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "kolokol.core.middleware.SecurityHeadersMiddleware",
    # Stored pages are answered here, before sessions, routing or the database.
    "kolokol.publishing.middleware.RenderedStoreMiddleware",
    # Anything else that needs an unreachable database gets a 503, not a 500.
    "kolokol.publishing.outage.DatabaseOutageMiddleware",
    "kolokol.core.middleware.ServiceLanguageMiddleware",
    # Sessions exist for the admin only; a reader never gets a session cookie
    # because nothing on the public side writes to the session.
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "kolokol.urls"
WSGI_APPLICATION = "kolokol.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kolokol.core.textsize.context",
            ],
        },
    },
]

# DATABASE_URL: postgres://user:password@host:5432/name or sqlite:////path.
# Unset: SQLite at $KOLOKOL_DATA_DIR/kolokol.sqlite3.
DATABASES = {"default": config.database(DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# REDIS_URL: redis://host:6379/0 for a cache shared by several app servers.
# Unset: an in-process cache, enough for one server.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                # A Redis outage degrades to cache misses, never to errors for readers.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
    DJANGO_REDIS_IGNORE_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages a service can be published in. The admin follows each editor's
# own preference; public pages follow their service's language.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ru", _("Russian")),
    ("en", _("English")),
    ("ky", _("Kyrgyz")),
    ("fa", _("Persian")),
]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
# Default time zone for the admin; each service shows times in its own zone.
TIME_ZONE = env_str("TIME_ZONE", "UTC")

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns on every start without it
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
# Hashed, precompressed (gzip + brotli) static files, collected by `kolokol setup`.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "kolokol.core.storage.StaticStorage"},
}
# Serve uploaded media from the app itself. On for the embedded default; turn
# off when nginx or object storage serves /media/.
KOLOKOL_SERVE_MEDIA = env_bool("KOLOKOL_SERVE_MEDIA", True)

# The rendered store: public pages kept as files and served before routing.
# KOLOKOL_STORE=0 renders every request (useful while changing templates).
KOLOKOL_STORE_ENABLED = env_bool("KOLOKOL_STORE", True)
KOLOKOL_STORE_DIR = DATA_DIR / "store"

# Security. Cookies are only ever set for editors (session, CSRF) and for a
# reader who explicitly picks a text size.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# A comment refused for a missing CSRF cookie goes back to the reader with its text.
CSRF_FAILURE_VIEW = "kolokol.comments.views.csrf_failure"
if PRODUCTION:
    # Behind a TLS-terminating proxy (nginx, a CDN) that sets X-Forwarded-Proto.
    if env_bool("KOLOKOL_BEHIND_PROXY", True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Preloading protects the very first visit from SSL stripping, which matters
    # most to readers on filtered networks. Set 0 before the domain is ready.
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [KOLOKOL_BASE_URL])

# Logging: errors to stderr. Nothing here logs a client address; the app
# server runs without an access log (see kolokol/core/management/commands/serve.py).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Wagtail.
WAGTAIL_SITE_NAME = env_str("KOLOKOL_SITE_NAME", "Kolokol")
WAGTAILIMAGES_IMAGE_MODEL = "media.NewsImage"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("KOLOKOL_IMAGE_MAX_BYTES", 15 * 1024 * 1024)
# Refuse decompression bombs: 60 megapixels is a large press photo.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 60_000_000
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        # No embeds in rich text: an oEmbed fetch is a third-party request.
        "OPTIONS": {
            "features": ["bold", "italic", "link", "document-link", "ol", "ul", "h2", "h3"]
        },
    }
}
WAGTAILEMBEDS_RESPONSIVE_HTML = False
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
WAGTAIL_ENABLE_UPDATE_CHECK = False  # the admin must not call out to a third party either
WAGTAIL_ALLOW_UNICODE_SLUGS = True
TAGGIT_CASE_INSENSITIVE = True

# Reader comments (kolokol.comments). Seconds a reader must spend on the form
# before sending (faster is a robot); comments a reader may send in ten
# minutes and an article may take in a minute; days rejected and spam
# comments are kept for moderators before the worker deletes them.
KOLOKOL_COMMENT_MIN_SECONDS = env_int("KOLOKOL_COMMENT_MIN_SECONDS", 3)
KOLOKOL_COMMENT_READER_LIMIT = env_int("KOLOKOL_COMMENT_READER_LIMIT", 5)
KOLOKOL_COMMENT_ARTICLE_LIMIT = env_int("KOLOKOL_COMMENT_ARTICLE_LIMIT", 30)
KOLOKOL_COMMENT_RETENTION_DAYS = env_int("KOLOKOL_COMMENT_RETENTION_DAYS", 30)
