"""Kolokol's one settings module, driven by environment variables.

Each variable is documented where it is read. ``KOLOKOL_ENV=production``
switches on the HTTPS settings and makes the secrets mandatory; the default,
``demo``, runs on one machine with SQLite and nothing else.
"""

import hashlib
import os
import socket
from datetime import timedelta
from pathlib import Path

from django.conf import global_settings
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _

from kolokol import config
from kolokol.config import (
    ConfigError,
    env_bool,
    env_http_url,
    env_int,
    env_list,
    env_mirrors,
    env_str,
)

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
# Unset: the demo server's own address, on the port `make run` serves
# (PORT), so canonical links, sitemaps, robots.txt and feeds all agree.
KOLOKOL_BASE_URL = env_http_url("KOLOKOL_BASE_URL") or f"http://127.0.0.1:{env_int('PORT', 8000)}"
WAGTAILADMIN_BASE_URL = KOLOKOL_BASE_URL

INSTALLED_APPS = [
    "kolokol.core",
    "kolokol.media",
    "kolokol.multimedia",
    "kolokol.services",
    "kolokol.sections",
    "kolokol.people",
    "kolokol.articles",
    "kolokol.breaking",
    "kolokol.demo",
    "kolokol.publishing",
    "kolokol.newsroom",
    "kolokol.seo",
    "kolokol.search",
    "kolokol.corrections",
    "kolokol.feeds",
    "kolokol.editions",
    "kolokol.newsletters",
    "kolokol.telegram",
    "kolokol.live",
    "kolokol.factchecks",
    "kolokol.republishing",
    "kolokol.programs",
    "kolokol.textedition",
    "kolokol.api",
    "corsheaders",
    "kolokol.comments",
    "kolokol.backups",
    "axes",
    "kolokol.twostep",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "django_tasks",
    "django_tasks_db",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.sites",
    "kolokol.newsroom.userapp.KolokolUsersConfig",  # wagtail.users, offering our roles only
    "wagtail.snippets",
    "wagtail.documents",
    "wagtailmedia",
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
    # Outermost: whatever Django answers goes out compressed (stored pages
    # already are); see kolokol/core/compression.py.
    "kolokol.core.compression.CompressionMiddleware",
    # First, so that every API answer (429s and 304s too) carries CORS headers.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before WhiteNoise, so that static files (an SVG opened on its own is a
    # document) carry the CSP too.
    "kolokol.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Stored pages are answered here, before sessions, routing or the database.
    "kolokol.publishing.middleware.RenderedStoreMiddleware",
    # Anything else that needs an unreachable database gets a 503, not a 500.
    "kolokol.publishing.outage.DatabaseOutageMiddleware",
    "kolokol.core.middleware.ServiceLanguageMiddleware",
    # The headless API: its language, validators, 304s and HEAD (never stored).
    "kolokol.api.middleware.ApiMiddleware",
    # Sessions exist for the admin only; a reader never gets a session cookie
    # because nothing on the public side writes to the session.
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Two-step sign-in: which session passed its second step, and nothing in
    # the admin before it does (kolokol/twostep/middleware.py).
    "django_otp.middleware.OTPMiddleware",
    "kolokol.twostep.middleware.TwoStepMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its answer.
    "axes.middleware.AxesMiddleware",
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
    # Wagtail's rendition lookups (27 per picture) under their own prefix.
    CACHES["renditions"] = {**CACHES["default"], "KEY_PREFIX": "renditions"}
    CACHES["limits"] = {**CACHES["default"], "KEY_PREFIX": "limits"}
    DJANGO_REDIS_IGNORE_EXCEPTIONS = True
else:
    CACHES = {
        # Django's default of 300 entries would let Wagtail's rendition lookups
        # push out the chrome and the rate-limit counters.
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        },
        "renditions": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "renditions",
            "OPTIONS": {"MAX_ENTRIES": 50_000},
        },
    }
# Reader limits (comments, likes, API throttling) must hold whichever worker
# or server answers: with no Redis they are counted in the database, which
# every process shares (``make run`` has two workers). Its table is made by
# a migration (kolokol.publishing 0002), so every installation has it.
if not REDIS_URL:
    CACHES["limits"] = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "kolokol_limits",
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }

# Sign-in throttling (django-axes): five wrong passwords lock the account,
# and five from one address lock that address, for 15 minutes; a right one
# resets the count. Addresses are kept only as the day's keyed hash, as for
# comments, and successful sign-ins are not logged with them.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("KOLOKOL_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]
AXES_CLIENT_IP_CALLABLE = "kolokol.core.readers.address_as_ip"
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_HTTP_RESPONSE_CODE = 429

# Two-step sign-in (kolokol/twostep/): who must use it is an admin setting.
# Passkeys work at the addresses editors open the admin at, over HTTPS (or
# on localhost: browsers make none for a bare IP such as the demo's 127.0.0.1).
OTP_WEBAUTHN_ALLOWED_ORIGINS = env_list(
    "KOLOKOL_PASSKEY_ORIGINS",
    [config.passkey_origin(KOLOKOL_BASE_URL, env_int("PORT", 8000))],
)
OTP_WEBAUTHN_RP_ID_CALLABLE = "kolokol.twostep.passkeys.relying_party"
OTP_WEBAUTHN_RP_NAME_CALLABLE = "kolokol.twostep.passkeys.relying_party_name"
# A passkey is the second step here, never a replacement for the password.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False

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
# More service languages, e.g. KOLOKOL_EXTRA_LANGUAGES=uz,hy,ps:پښتو:rtl
# (CODE[:NAME[:rtl|ltr]]). Their pages fall back to English where Kolokol
# has no translation; search stems words where a Snowball stemmer exists.
EXTRA_LANGUAGES = config.env_languages("KOLOKOL_EXTRA_LANGUAGES", [c for c, _n in LANGUAGES])
LANGUAGES += [(language.code, language.name) for language in EXTRA_LANGUAGES]
# Right to left: Django's own list (Persian among them) and the extra ones
# configured so; an extra language marked ltr is left to right whatever Django says.
LANGUAGES_BIDI = [
    *(
        code
        for code in global_settings.LANGUAGES_BIDI
        if code not in {language.code for language in EXTRA_LANGUAGES}
    ),
    *(language.code for language in EXTRA_LANGUAGES if language.rtl),
]
# get_language_info() (a language's own name in the language menu, the
# search stemmer) knows only what is in Django's LANG_INFO: the extra
# languages are added to it, with the name and direction configured.
LANG_INFO.update(
    {
        language.code: {
            "bidi": language.rtl,
            "code": language.code,
            "name": language.english_name,
            "name_local": language.name,
        }
        for language in EXTRA_LANGUAGES
    }
)
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Our catalogues first; then the Kyrgyz and Persian for Wagtail strings Wagtail
# leaves untranslated (kolokol/admin_locale/README.md).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "admin_locale"]
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
    # Uploaded audio and video as recorded, with whatever their metadata names:
    # never served (kolokol/multimedia/storage.py). Shared by every server
    # that runs `kolokol worker --media`.
    "sources": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(DATA_DIR / "sources"), "base_url": "/no-such-address/"},
    },
}
# Audio and video (kolokol/multimedia): wagtailmedia's admin with our model.
WAGTAILMEDIA = {
    "MEDIA_MODEL": "multimedia.Clip",
    "MEDIA_FORM_BASE": "kolokol.multimedia.forms.ClipForm",
    "AUDIO_EXTENSIONS": ["aac", "flac", "m4a", "mp3", "oga", "ogg", "opus", "wav", "webm"],
    "VIDEO_EXTENSIONS": ["3gp", "avi", "m4v", "mkv", "mov", "mp4", "mpeg", "mpg", "ts", "webm"],
}
KOLOKOL_FFMPEG = env_str("KOLOKOL_FFMPEG", "ffmpeg")
KOLOKOL_FFPROBE = env_str("KOLOKOL_FFPROBE", "ffprobe")
# x264's speed against size: "veryfast" keeps a 2-core server at several
# times real time for the three sizes together.
KOLOKOL_X264_PRESET = env_str("KOLOKOL_X264_PRESET", "veryfast")
# The longest recording accepted (default 4 hours) and the largest upload.
KOLOKOL_CLIP_MAX_SECONDS = env_int("KOLOKOL_CLIP_MAX_SECONDS", 4 * 3600)
KOLOKOL_CLIP_MAX_BYTES = env_int("KOLOKOL_CLIP_MAX_BYTES", 4 * 1024**3)
# Serve uploaded media from the app itself. On for the embedded default; turn
# off when nginx or object storage serves /media/.
KOLOKOL_SERVE_MEDIA = env_bool("KOLOKOL_SERVE_MEDIA", True)

# Static mirrors that `kolokol worker` brings up to date within seconds of
# every publish (an incremental export in the warm worker), e.g.
# KOLOKOL_MIRRORS=/srv/mirror=https://mirror.example/,/srv/onion
# An empty folder gets a full export first, in the background.
KOLOKOL_MIRRORS = env_mirrors("KOLOKOL_MIRRORS")
# Mirrors in object-store buckets, several at once for rotating mirror
# domains: KOLOKOL_MIRROR_BUCKETS=news-a=https://a.example/,news-b/ru=https://b.example/
# Each is exported into a folder of its own under the data folder, then what
# changed is uploaded (kolokol/publishing/mirrorbuckets.py).
KOLOKOL_MIRROR_BUCKETS = config.env_mirror_buckets(
    "KOLOKOL_MIRROR_BUCKETS", DATA_DIR / "mirror-buckets"
)
KOLOKOL_MIRRORS += [(mirror.folder, mirror.url) for mirror in KOLOKOL_MIRROR_BUCKETS]
# Audio and video in static mirrors: "all" their MP4 and AAC files (HLS stays
# at the origin), or "light": only the lightest file of each, to keep a
# mirror small enough to copy and host anywhere.
KOLOKOL_MIRROR_MEDIA = env_str("KOLOKOL_MIRROR_MEDIA", "all")
if KOLOKOL_MIRROR_MEDIA not in {"all", "light"}:
    raise ConfigError(
        f"KOLOKOL_MIRROR_MEDIA: {KOLOKOL_MIRROR_MEDIA!r} is neither 'all' nor 'light'"
    )

# Signed offline editions (kolokol/editions/): the worker writes each service's
# last KOLOKOL_EDITION_DAYS days once a day into this folder as well as into
# the database, which every server serves /ru/offline/ from.
KOLOKOL_EDITION_DAYS = env_int("KOLOKOL_EDITION_DAYS", 7)
if not 1 <= KOLOKOL_EDITION_DAYS <= 60:
    raise ConfigError(f"KOLOKOL_EDITION_DAYS: expected 1 to 60, got {KOLOKOL_EDITION_DAYS}")
KOLOKOL_EDITIONS_DIR = Path(env_str("KOLOKOL_EDITIONS_DIR") or DATA_DIR / "editions")

# The rendered store: public pages kept as files and served before routing.
# KOLOKOL_STORE=0 renders every request (useful while changing templates).
KOLOKOL_STORE_ENABLED = env_bool("KOLOKOL_STORE", True)
KOLOKOL_STORE_DIR = DATA_DIR / "store"
# A shared copy of the store in an S3-compatible bucket, for a CDN or the
# bucket's website hosting to serve (kolokol/publishing/objectstore.py,
# deploy/README.md). Unset: no bucket. Credentials are boto3's own:
# AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment.
KOLOKOL_STORE_S3_BUCKET = env_str("KOLOKOL_STORE_S3_BUCKET")
# Unset: AWS itself; e.g. https://s3.eu-central-003.backblazeb2.com for another provider.
KOLOKOL_STORE_S3_ENDPOINT_URL = env_http_url("KOLOKOL_STORE_S3_ENDPOINT_URL")
KOLOKOL_STORE_S3_REGION = env_str("KOLOKOL_STORE_S3_REGION")
# Keys start with this folder (e.g. "site"); unset: at the bucket's top.
KOLOKOL_STORE_S3_PREFIX = env_str("KOLOKOL_STORE_S3_PREFIX").strip("/")

# Background work (re-rendering after a publish, CDN purges, Wagtail's own
# reference index and focal points) runs as django-tasks tasks. "database":
# queued in the database, run by `kolokol worker` (any number, on any
# machine; `kolokol serve` starts one), kept until done and retried if a
# worker dies. "immediate": run in the process that asks, at once (tests,
# one-off commands).
KOLOKOL_TASKS = env_str("KOLOKOL_TASKS", "database")
if KOLOKOL_TASKS not in {"database", "immediate"}:
    raise ConfigError(f"KOLOKOL_TASKS: {KOLOKOL_TASKS!r} is neither 'database' nor 'immediate'")
# A task whose worker has been silent this long (killed, its machine lost)
# is queued again for another worker.
KOLOKOL_TASK_DEAD_AFTER = env_int("KOLOKOL_TASK_DEAD_AFTER", 10)
# Prometheus metrics at /metrics (kolokol/publishing/metrics.py). Each
# process (granian's, the worker's) keeps its counts in files here, which
# the process answering a scrape adds up: prometheus_client's multiprocess
# mode, chosen before it is first imported. `kolokol serve` removes the
# files of processes that are gone when it starts.
KOLOKOL_METRICS_DIR = DATA_DIR / "metrics"
KOLOKOL_METRICS_DIR.mkdir(mode=0o700, exist_ok=True)
os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(KOLOKOL_METRICS_DIR)
# Set: /metrics answers only requests with "Authorization: Bearer <token>".
# Unset: only requests made on this machine straight to the app (loopback,
# no proxy's forwarding headers).
KOLOKOL_METRICS_TOKEN = env_str("KOLOKOL_METRICS_TOKEN")
if KOLOKOL_METRICS_TOKEN and len(KOLOKOL_METRICS_TOKEN) < 20:
    raise ConfigError("KOLOKOL_METRICS_TOKEN: must be at least 20 characters")
# Work only this machine can do (exporting a mirror into a folder here)
# waits in a queue named after the machine and data folder, which only the
# workers here take.
HOST_QUEUE = (
    "here-"
    + hashlib.sha256(f"{socket.gethostname()}:{DATA_DIR.resolve()}".encode()).hexdigest()[:16]
)
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if KOLOKOL_TASKS == "database"
        else "django_tasks.backends.immediate.ImmediateBackend",
        # "media": transcoding (kolokol/multimedia), taken by its own threads
        # (`kolokol worker --media N`) so that an hour of video never holds up
        # the pages due after a publish.
        "QUEUES": ["default", "pages", "files", "media", HOST_QUEUE],
    }
}
MEDIA_QUEUES = ["media"]

# Security. Cookies are only ever set for editors (session, CSRF) and for a
# reader who explicitly picks a text size.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# A commenter's CSRF cookie goes when the browser closes, not in a year:
# no lasting trace on a shared or seized phone, and their later reading
# goes back to the stored pages (nginx sends any reader with a cookie to the app).
CSRF_COOKIE_AGE = None
# A comment refused for a missing CSRF cookie goes back to the reader with its text.
CSRF_FAILURE_VIEW = "kolokol.comments.views.csrf_failure"
# Behind a TLS-terminating proxy (nginx, a CDN) that sets X-Forwarded-Proto
# and X-Forwarded-For (deploy/nginx/kolokol-proxy.conf).
BEHIND_PROXY = PRODUCTION and env_bool("KOLOKOL_BEHIND_PROXY", True)
if PRODUCTION:
    if BEHIND_PROXY:
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
# server runs without an access log (see kolokol/publishing/management/commands/serve.py).
LOG_LEVEL = env_str("LOG_LEVEL", "WARNING").upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ConfigError(
        f"LOG_LEVEL: expected DEBUG, INFO, WARNING, ERROR or CRITICAL, got {LOG_LEVEL!r}"
    )
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "publisher_not_found": {"()": "kolokol.publishing.logfilter.PublisherNotFound"},
        "worker_task": {"()": "kolokol.publishing.logfilter.LoggedByWorker"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "django.request": {"filters": ["publisher_not_found"]},
        # What the worker does (each task, a heartbeat line every minute) is
        # worth keeping at the default level; LOG_LEVEL=ERROR quiets it.
        "kolokol.worker": {"level": "INFO" if LOG_LEVEL == "WARNING" else LOG_LEVEL},
        # The worker logs each task itself, with its time and any traceback.
        "django_tasks": {"filters": ["worker_task"]},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}

# Wagtail.
WAGTAIL_SITE_NAME = env_str("KOLOKOL_SITE_NAME", "Kolokol")
WAGTAILIMAGES_IMAGE_MODEL = "media.NewsImage"
# Uploads over this size are refused before anything is stored.
KOLOKOL_MAX_IMAGE_MB = env_int("KOLOKOL_MAX_IMAGE_MB", 20)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = KOLOKOL_MAX_IMAGE_MB * 1024 * 1024
# Refuse decompression bombs: 60 megapixels is a large press photo.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 60_000_000
# The upload form also decodes the whole file: truncated or fake images are refused.
WAGTAILIMAGES_IMAGE_FORM_BASE = "kolokol.media.forms.NewsImageForm"
# Rendition quality: a 640 px lead image stays under 60 KB (bench/page_weight.py).
WAGTAILIMAGES_JPEG_QUALITY = 75
WAGTAILIMAGES_WEBP_QUALITY = 72
WAGTAILIMAGES_AVIF_QUALITY = 55
# libavif effort, 0 (slowest, smallest) to 10: see kolokol/media/encoders.py.
KOLOKOL_AVIF_SPEED = env_int("KOLOKOL_AVIF_SPEED", 8)
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
# Documents only through Wagtail's view, which checks the collection's
# privacy; never a redirect to the file under /media (kolokol/media/views.py).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
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
# Nor fetch each editor's avatar from Gravatar with a hash of their address.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ALLOW_UNICODE_SLUGS = True
TAGGIT_CASE_INSENSITIVE = True

# Editorial workflow (kolokol/newsroom). Editing a page that is in review
# sends it back for approval: editors approve what they saw, not what came after.
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH = True
# Admin notifications (a reporter's submission, an editor's decision) by
# email when EMAIL_HOST is set; without it they show in the admin only.
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.dummy.EmailBackend"
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "kolokol@localhost")
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
# Newsletters' envelope sender, the mailbox that receives bounces (kolokol
# newsletter bounce reads them); DEFAULT_FROM_EMAIL when unset.
KOLOKOL_NEWSLETTER_BOUNCES = env_str("KOLOKOL_NEWSLETTER_BOUNCES", "")
# The Telegram Bot API (kolokol/telegram): a relay's address where Telegram is blocked.
KOLOKOL_TELEGRAM_API = env_http_url("KOLOKOL_TELEGRAM_API") or "https://api.telegram.org"
# The headless API at /api/v1/ (kolokol/api). Requests a client may make in a
# window, e.g. "120/min", "5000/hour"; each client is told apart by a keyed,
# daily-rotating hash of its address, never the address itself.
KOLOKOL_API_RATE = env_str("KOLOKOL_API_RATE", "120/min")
# Proxies in front of the app that set X-Forwarded-For: behind the shipped
# nginx (production) one, as comments count; else 0, the connecting peer's
# address, any X-Forwarded-For ignored (a reader could forge it).
NINJA_NUM_PROXIES = env_int("KOLOKOL_API_NUM_PROXIES", 1 if BEHIND_PROXY else 0)
# Anyone may read the API from a browser (no credentials, GET/HEAD/OPTIONS
# only); which requests get CORS headers is decided in kolokol/api/cors.py.
CORS_URLS_REGEX = r"(?!)"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "accept-language", "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After"]
CORS_PREFLIGHT_MAX_AGE = 86400
# Reader comments (kolokol.comments). Seconds a reader must spend on the form
# before sending (faster is a robot); comments a reader may send in ten
# minutes and an article may take in a minute; days rejected and spam
# comments are kept for moderators before the worker deletes them.
KOLOKOL_COMMENT_MIN_SECONDS = env_int("KOLOKOL_COMMENT_MIN_SECONDS", 3)
KOLOKOL_COMMENT_READER_LIMIT = env_int("KOLOKOL_COMMENT_READER_LIMIT", 5)
KOLOKOL_COMMENT_ARTICLE_LIMIT = env_int("KOLOKOL_COMMENT_ARTICLE_LIMIT", 30)
# Comments from one address over ten minutes, all articles together.
KOLOKOL_COMMENT_ADDRESS_LIMIT = env_int("KOLOKOL_COMMENT_ADDRESS_LIMIT", 20)
KOLOKOL_COMMENT_RETENTION_DAYS = env_int("KOLOKOL_COMMENT_RETENTION_DAYS", 30)
