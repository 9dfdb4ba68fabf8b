"""Settings shared by every environment. Environment-specific files import * from here."""

import datetime
import os
from pathlib import Path

import dj_database_url

from portal.media_storage import media_storages
from search.conf import search_backends

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


INSTALLED_APPS = [
    "home",
    "rendicion",
    "search",
    "importer",
    "opendata",
    "accounts",
    "operations",
    "caching",
    "health",
    "registro",
    "participa",
    "govco",
    "encuestas",
    "inscripciones",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    # After Wagtail's documents and images apps, whose policies it replaces, and before the
    # apps that look policies up (rendicion/editorial/apps.py).
    "rendicion.editorial",
    "rendicion.media",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "csp",
    "corsheaders",
]

MIDDLEWARE = [
    # First, so that responses made by the middleware below (redirects, 304s) carry it too.
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the database: marks anonymous public reads for the replica.
    "portal.db_routers.ReplicaReadsMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "portal.headers.PortalCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Inside every middleware that adds headers, so cached pages get them too (docs/caching.md).
    "caching.middleware.PageCacheMiddleware",
    # Last, as django-axes asks: it turns a lockout into the response of accounts.lockout.
    "axes.middleware.AxesMiddleware",
]
# SecurityMiddleware sends "X-Content-Type-Options: nosniff" with every response: downloads,
# exports and served media rely on it, so no view sets it (Django's default, stated here).
SECURE_CONTENT_TYPE_NOSNIFF = True

# --- Security headers (docs/security.md) ---
# The public site runs no inline script and loads nothing from elsewhere, except the players
# of embedded videos. Style *attributes* are allowed: SDG colours and progress-bar widths are
# set per element, and an attribute cannot run script (style elements stay forbidden).
_SELF, _NONE = "'self'", "'none'"
CSP_EMBED_FRAME_SOURCES = env_list(
    "CSP_EMBED_FRAME_SOURCES",
    "https://www.youtube.com,https://www.youtube-nocookie.com,https://player.vimeo.com",
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": [_SELF, "data:"],
        "font-src": [_SELF],
        "connect-src": [_SELF],
        "frame-src": [_SELF, *CSP_EMBED_FRAME_SOURCES],
        "object-src": [_NONE],
        "base-uri": [_SELF],
        "form-action": [_SELF],
        # Nobody frames the public site (Wagtail's preview is an admin URL).
        "frame-ancestors": [_NONE],
    }
}
# Django's default, stated: Wagtail's preview views override it with SAMEORIGIN themselves.
X_FRAME_OPTIONS = "DENY"
# Wagtail's admin still needs inline scripts and styles (and eval in a few choosers); these
# directives apply only under its URLs (portal.headers.PortalCSPMiddleware).
CSP_ADMIN_URL_PREFIXES = ["/admin/"]
CSP_ADMIN_DIRECTIVES = {
    "default-src": [_SELF],
    "script-src": [_SELF, "'unsafe-inline'", "'unsafe-eval'"],
    "style-src": [_SELF, "'unsafe-inline'"],
    "img-src": [_SELF, "data:", "blob:"],
    "font-src": [_SELF, "data:"],
    "connect-src": [_SELF],
    "frame-src": [_SELF, *CSP_EMBED_FRAME_SOURCES],
    "worker-src": [_SELF, "blob:"],
    "object-src": [_NONE],
    "base-uri": [_SELF],
    "form-action": [_SELF],
    # The preview panel frames the admin's own preview view.
    "frame-ancestors": [_SELF],
}
# No feature the portal does not use: a compromised embed cannot ask for them either.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}
PERMISSIONS_POLICY["fullscreen"] = ["self", *CSP_EMBED_FRAME_SOURCES]
# No avatars from gravatar.com: editors' e-mail hashes stay here and the admin loads nothing
# from elsewhere.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor does it ask releases.wagtail.org for updates: upgrades come through requirements.txt.
WAGTAIL_ENABLE_UPDATE_CHECK = False

# --- Sign-in protection (django-axes, docs/security.md) ---
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "30")))
# A user name from one address: an attacker cannot lock everyone out of one account by
# guessing from elsewhere, and an office sharing one address is not locked out by one person.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
# Behind the proxies (nginx, Varnish): how many of them add to X-Forwarded-For; 0 trusts only
# the connection's address.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0")) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# --- Citizen participation (docs/participation.md) ---
# Ley 1755 de 2015, art. 14: 15 business days to answer a petition.
PARTICIPATION_ANSWER_BUSINESS_DAYS = int(os.environ.get("PARTICIPATION_ANSWER_BUSINESS_DAYS", "15"))
# django-ratelimit rates ("N/s|m|h|d") for every public form, per client address and per e-mail.
PARTICIPATION_RATE_PER_ADDRESS = os.environ.get("PARTICIPATION_RATE_PER_ADDRESS", "10/h")
PARTICIPATION_RATE_PER_EMAIL = os.environ.get("PARTICIPATION_RATE_PER_EMAIL", "5/h")
# The counters live in the shared cache (Redis in production), so app servers count together.
RATELIMIT_USE_CACHE = "default"
# The entity's data-treatment policy (Ley 1581 de 2012) a citizen accepts with a question:
# participa.consent.current_policy() reads these two.
PARTICIPATION_DATA_POLICY_URL = os.environ.get(
    "PARTICIPATION_DATA_POLICY_URL", "/politica-de-tratamiento-de-datos/"
)
PARTICIPATION_DATA_POLICY_VERSION = os.environ.get("PARTICIPATION_DATA_POLICY_VERSION", "1")
# Questions "due soon" in the admin: the answer deadline is this many business days away or less.
PARTICIPATION_DUE_SOON_BUSINESS_DAYS = int(
    os.environ.get("PARTICIPATION_DUE_SOON_BUSINESS_DAYS", "3")
)
# Published questions per page of a hearing or encounter.
PARTICIPATION_QUESTIONS_PER_PAGE = 10
# After this many days a submission's name, e-mail and phone are erased (anonymise_submissions).
PARTICIPATION_RETENTION_DAYS = int(os.environ.get("PARTICIPATION_RETENTION_DAYS", "730"))
# The domain of the calendars' UIDs (stable, whatever address the portal is reached at).
CALENDAR_UID_DOMAIN = os.environ.get("CALENDAR_UID_DOMAIN", "rendicion.palmira.gov.co")
# How long a cancellation link in a registration e-mail stays valid (days).
REGISTRATION_LINK_MAX_AGE_DAYS = int(os.environ.get("REGISTRATION_LINK_MAX_AGE_DAYS", "120"))

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# DATABASE_URL selects the database: SQLite by default, PostgreSQL in production,
# e.g. postgres://user@127.0.0.1:5432/rendicion
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent saves on SQLite (bench/load_bench.py): a deferred transaction that turns
    # into a write fails at once with "database is locked"; an immediate one waits its turn.
    # WAL lets readers go on while one writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

# PostgreSQL's planner assumes spinning disks (random_page_cost 4), so for a common word it
# read the whole search index rather than its GIN index: 8 ms instead of 3 for a one-word
# search of bench/search_bench.py. 1.1 is the usual value for SSDs and cloud volumes;
# POSTGRES_RANDOM_PAGE_COST= (empty) keeps the server's own setting (e.g. behind a pooler
# that refuses startup options).
POSTGRES_RANDOM_PAGE_COST = os.environ.get("POSTGRES_RANDOM_PAGE_COST", "1.1").strip()


def postgres_options(database):
    if database["ENGINE"] == "django.db.backends.postgresql" and POSTGRES_RANDOM_PAGE_COST:
        float(POSTGRES_RANDOM_PAGE_COST)  # a number, or the settings refuse to load
        database.setdefault("OPTIONS", {})["options"] = (
            f"-c random_page_cost={POSTGRES_RANDOM_PAGE_COST}"
        )
    return database


postgres_options(DATABASES["default"])

# DATABASE_REPLICA_URL adds a read replica (a PostgreSQL standby streaming from the primary):
# reads of anonymous public requests go to it, everything else to the primary
# (portal/db_routers.py, docs/deploy.md).
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "").strip()
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = postgres_options(
        dj_database_url.parse(
            DATABASE_REPLICA_URL,
            conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        )
    )
    # Tests run against the primary's test database through this alias too.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_REPLICA_READS = bool(DATABASE_REPLICA_URL)
DATABASE_ROUTERS = ["portal.db_routers.PrimaryReplicaRouter"]

# REDIS_URL switches the cache to Redis; without it a per-process memory cache is used.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "rendicion"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Spanish first: the portal is for Colombian citizens; the admin follows the same language.
LANGUAGE_CODE = "es-co"
LANGUAGES = [("es-co", "Español (Colombia)")]
TIME_ZONE = "America/Bogota"
USE_I18N = True
USE_TZ = True
# The portal's own strings (`make messages` writes there), then the Spanish it supplies for
# Wagtail strings the upstream catalog leaves in English or misspells (docs/admin-spanish.md).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_overrides"]
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = [("es", "Español")]
WAGTAIL_USER_TIME_ZONES = ["America/Bogota"]
# ASCII page addresses: "encuentro-de-dialogo-de-educacion", not "encuentro-de-di%C3%A1logo…"
# once a browser or a citizen's chat app percent-encodes the accents (docs/editorial-creation.md).
WAGTAIL_ALLOW_UNICODE_SLUGS = False

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Where `manage.py backup` writes when given no folder: another disk or a mounted remote
# share in production (docs/operations.md), never MEDIA_ROOT or the web server's folders.
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", BASE_DIR / "backups"))

# Media on local disk, or on an S3-compatible bucket with AWS_STORAGE_BUCKET_NAME
# (portal/media_storage.py, docs/deploy.md).
STORAGES = {
    **media_storages(os.environ),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Page cache (docs/caching.md): anonymous GETs kept this long, emptied by any public change.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
PAGE_CACHE_MAX_BYTES = 2 * 1024 * 1024
# Cache-Control of public pages, for browsers and a CDN in front.
PUBLIC_MAX_AGE = int(os.environ.get("PUBLIC_MAX_AGE", "60"))
PUBLIC_STALE_WHILE_REVALIDATE = int(os.environ.get("PUBLIC_STALE_WHILE_REVALIDATE", "300"))
# Front caches (Varnish with deploy/varnish/default.vcl) emptied with the page cache.
FRONT_CACHE_URLS = env_list("FRONT_CACHE_URLS")

# --- Wagtail ---
WAGTAIL_SITE_NAME = os.environ.get(
    "WAGTAIL_SITE_NAME", "Rendición de Cuentas · Alcaldía de Palmira"
)
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The public address (scheme and host) of absolute links in the API, the open-data files and
# the catalogue, e.g. https://rendicion.palmira.gov.co. Unset: the address each request came
# to, never the Site record's hostname, which is often "localhost" (opendata/addresses.py).
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "").strip().rstrip("/") or None
WAGTAILAPI_BASE_URL = PORTAL_BASE_URL

# --- Cross-origin reads of the open data (django-cors-headers, docs/open-data.md) ---
# Any web page may read the API, the /datos/ files and the ZIPs from a browser: they are
# public and read-only. Never with cookies or credentials, and nothing else of the site (the
# admin, the forms, the HTML pages) is shared.
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_URLS_REGEX = r"^/(api/|datos/[^/]+$|documentos/vigencia-\d+\.zip$)"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
# Conditional GETs from a script need the ETag; the file name comes with the download.
CORS_EXPOSE_HEADERS = ["ETag", "Content-Disposition"]

# Custom models from the very first migration: later work adds metadata, checksums and
# privacy to documents, and swapping these models once data exists is painful.
WAGTAILDOCS_DOCUMENT_MODEL = "rendicion.PortalDocument"
WAGTAILIMAGES_IMAGE_MODEL = "rendicion.PortalImage"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "ods", "odt", "csv", "pptx", "zip", "jpg", "png"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(os.environ.get("DOCUMENTS_MAX_UPLOAD_MB", "50")) * 1024 * 1024
# Images: a very large photo makes every listing and rendition slow (121 MP took 2.3 s and
# 720 MB in the admin listing); editors resize before uploading.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(os.environ.get("IMAGES_MAX_UPLOAD_MB", "10")) * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = int(os.environ.get("IMAGES_MAX_MEGAPIXELS", "40")) * 1_000_000
# Indicator imports (docs/indicator-import.md, "Limits"): a spreadsheet is checked before it
# is read and read as a stream, so a small file that unpacks to millions of rows is refused
# with a message instead of taking the server's memory (a 10 MB .xlsx of 2 million rows took
# 89 s and 1.2 GB before these limits).
IMPORT_MAX_UPLOAD_MB = int(os.environ.get("IMPORT_MAX_UPLOAD_MB", "10"))
IMPORT_MAX_UNCOMPRESSED_MB = int(os.environ.get("IMPORT_MAX_UNCOMPRESSED_MB", "100"))
IMPORT_MAX_SHEET_MB = int(os.environ.get("IMPORT_MAX_SHEET_MB", "50"))
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", "20000"))
IMPORT_MAX_CELLS = int(os.environ.get("IMPORT_MAX_CELLS", "1000000"))
# Documents are streamed through Django so that permissions are checked on every download.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Uploads are checked by content as well as by extension (rendicion/media/uploads.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "rendicion.media.uploads.PortalDocumentForm"
# Served with these types whatever the client or the OS mime table says; only PDF is shown
# inline, everything else is downloaded as an attachment (see docs/documents.md).
WAGTAILDOCS_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "csv": "text/csv",
    "zip": "application/zip",
    "jpg": "image/jpeg",
    "png": "image/png",
}
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]

# Spanish search (accents and inflections do not matter): SEARCH_BACKEND=database (default),
# elasticsearch or opensearch with SEARCH_URL; see search/conf.py and docs/search.md.
WAGTAILSEARCH_BACKENDS = search_backends(os.environ)

WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
# Final approval publishes without checking the approver's publish permission, which only
# portal administrators hold (docs/workflow.md).
WAGTAIL_FINISH_WORKFLOW_ACTION = "rendicion.editorial.moderation.publish_approved_revision"
# A step approves one revision; any later revision goes through the steps again
# (docs/workflow.md, "What goes live is what was approved").
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
# Notifications go to the next approvers and the author, not to every superuser.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
WAGTAILADMIN_COMMENTS_ENABLED = True
# Autosave off (Wagtail 8: an interval of 0 disables it). Every revision here is a workflow
# artefact: autosave stored a new page while it was being typed and a draft of a live page
# merely opened, whose "pending changes" blocked the import and confused reviewers
# (docs/editorial-state.md). Leaving with unsaved changes still asks for confirmation.
WAGTAIL_AUTOSAVE_INTERVAL = 0

WAGTAILEMBEDS_RESPONSIVE_HTML = True

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}

# The OpenAPI description of the accountability data API, /api/openapi.json (docs/api.md).
SPECTACULAR_SETTINGS = {
    "TITLE": "API de datos de la Rendición de Cuentas",
    "DESCRIPTION": (
        "Indicadores, mediciones, ODS, compromisos, acciones de mejora y vigencias publicados "
        "en el portal de Rendición de Cuentas de la Alcaldía de Palmira. Solo lectura; solo "
        "lo aprobado y público."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Wagtail's API v2 (/api/v2/) builds its serializers per request and is described by
    # Wagtail's documentation; this document describes the accountability data API.
    "PREPROCESSING_HOOKS": ["api.schema.only_accountability_api"],
    "COMPONENT_SPLIT_REQUEST": False,
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "rendicion@palmira.gov.co")

# load_demo_data creates users with a published password; production refuses it by default.
ALLOW_DEMO_DATA = env_bool("ALLOW_DEMO_DATA", True)

# The public record (docs/record.md): the Ed25519 key that signs its tree heads (base64, from
# manage.py record_keygen) and who receives each signed head by e-mail.
RECORD_SIGNING_KEY = os.environ.get("RECORD_SIGNING_KEY", "")
RECORD_WITNESS_EMAILS = env_list("RECORD_WITNESS_EMAILS")
# Without RECORD_SIGNING_KEY, sign with a key derived from SECRET_KEY: development and tests
# only (their settings turn it on); production signs only with the configured key.
RECORD_DEVELOPMENT_KEY = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
