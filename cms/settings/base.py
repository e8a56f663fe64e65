"""Settings shared by every environment; ``dev``, ``test`` and ``production`` adjust them."""

import os
from datetime import timedelta
from email.utils import getaddresses
from pathlib import Path

import dj_database_url
import django
from csp.constants import NONE, SELF, UNSAFE_INLINE, WASM_UNSAFE_EVAL
from django.conf.locale import LANG_INFO

from campaign.languages import DEFAULT_LANGUAGE, EXTRA_LANG_INFO, django_languages

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "twinit_pages",
    "models3d",
    "workflows",
    "europeana",
    "locales",
    "teams",
    "ops",
    "campaign_site",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
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
    "django_tasks",
    "django_tasks_db",
    "corsheaders",
    "csp",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "ops.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "ops.ratelimit.RateLimitMiddleware",
    "csp.middleware.CSPMiddleware",
    "ops.csp.AdminPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
    "workflows.confidentiality_middleware.ConfidentialityMiddleware",
    "cms.middleware.PublicNotFoundMiddleware",
    "twinit_pages.page_cache.AnonymousPageCacheMiddleware",
    "workflows.publication_gate_middleware.PublicationGateMiddleware",
]

# Full-page cache for anonymous readers (twinit_pages/page_cache.py), in the default cache: the
# local memory of the one demo process, or Redis (REDIS_URL) shared by every production worker.
# Purges reach every process only through a shared cache, so without Redis production keeps the
# page cache off (production.py).
TWINIT_PAGE_CACHE_SECONDS = int(os.environ.get("TWINIT_PAGE_CACHE_SECONDS", 600))

ROOT_URLCONF = "cms.urls"

# django-axes first: a locked-out username/address is refused before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cms" / "templates"],
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

WSGI_APPLICATION = "cms.wsgi.application"

# SQLite is the embedded default so a newcomer needs nothing installed; PostgreSQL via DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    # Web requests run short queries: PostgreSQL's JIT compiler spends more time compiling a
    # facet-counting query than running it (1.6 s against 0.7 s at 50,000 assets), and 16 MB
    # lets those counts group in memory instead of sorting on disk.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options", "-c jit=off -c work_mem=16MB")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: one list in campaign/languages.py.
LANG_INFO.update(EXTRA_LANG_INFO)
LANGUAGE_CODE = DEFAULT_LANGUAGE
LANGUAGES = django_languages()
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locales" / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Brussels"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "cms" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    # Files appear whole or not at all (a full disk leaves no partial upload): ops/storage.py.
    "default": {"BACKEND": "ops.storage.AtomicFileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# npm packages are installed by the set-up (never committed); collectstatic picks what it needs.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "models3d.staticfiles.NodeModulesFinder",
]

WAGTAIL_SITE_NAME = "Twin it! 3D for Europe's culture"
# The one public base URL: every absolute link (pages, API, OAI-PMH, EDM, exports) starts with it.
# By default the address `runserver` is given by scripts/run-demo.sh (HOST and PORT).
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL") or "http://{}:{}".format(
    {"0.0.0.0": "localhost", "": "localhost"}.get(os.environ.get("HOST", ""), os.environ.get("HOST")),
    os.environ.get("PORT", "8000"),
)
# Search: on PostgreSQL, full text with each language's text-search configuration (GIN-indexed)
# and trigram typo tolerance; SQLite's full-text search otherwise. A collection beyond one
# database server switches to OpenSearch by setting OPENSEARCH_URL (see README).
if os.environ.get("OPENSEARCH_URL"):
    WAGTAILSEARCH_BACKENDS = {"default": {
        "BACKEND": "wagtail.search.backends.opensearch2",
        "URLS": [os.environ["OPENSEARCH_URL"]],
        "INDEX": os.environ.get("OPENSEARCH_INDEX", "twinit"),
        "TIMEOUT": 5,
    }}
elif DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "twinit_pages.search_backend"}}
else:
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "pdf", "txt", "json", "xml", "zip", "docx", "xlsx", "odt"]
WAGTAIL_ALLOW_UNICODE_SLUGS = True
# The admin must not call out to third parties (release checks, avatars): privacy and offline use.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
# Workflow rejections and approvals mail the people who must act next.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
# Approval publishes through the publication gate (workflows.gate), never around it.
WAGTAIL_FINISH_WORKFLOW_ACTION = "workflows.gate.publish_workflow_state"
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False

WAGTAILLOCALIZE_JOBS = {"BACKEND": "wagtail_localize.tasks.ImmediateBackend"}
# Deleting a page disables its translation records instead of erasing them, so a translation
# stays a translation after its source is deleted and never takes the source's place
# (campaign.geography.is_source).
WAGTAILLOCALIZE_DISABLE_ON_DELETE = True
# Who reviews a translation: dotted path of a function(page) -> group names; None: the national
# coordinators for their country's own languages, Europeana editors for the others.
TWINIT_TRANSLATION_REVIEWERS = None
# Extra Python sources (relative to BASE_DIR) whose strings readers see, for the catalogues.
TWINIT_PUBLIC_STRING_SOURCES = ()

# Background work (3D processing) runs in `manage.py db_worker` from a database queue.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# 3D library (models3d): every setting it reads, with its default.
THREED_MAX_UPLOAD_BYTES = int(os.environ.get("THREED_MAX_UPLOAD_BYTES", 1024**3))
# Resumable uploads: chunk size the browser sends, and where chunks wait (outside MEDIA_ROOT;
# empty: a folder in the system's temporary directory).
THREED_UPLOAD_CHUNK_BYTES = 8 * 1024 * 1024
THREED_UPLOAD_DIR = ""
# Where processing unpacks and converts (never below MEDIA_ROOT); None: the temporary directory.
THREED_WORK_DIR = None
# Background processing: a worker's heartbeat, when a silent one counts as dead, how long one
# model may take, how often a job is retried, and how often the worker looks for stuck jobs.
THREED_HEARTBEAT_SECONDS = 10
THREED_DEAD_AFTER_SECONDS = 45
THREED_MAX_PROCESSING_SECONDS = 30 * 60
THREED_MAX_ATTEMPTS = 3
THREED_RECOVERY_INTERVAL_SECONDS = 15

# OAI-PMH (europeana.oai): repository identifier (empty: the host of WAGTAILADMIN_BASE_URL), its
# name (None: WAGTAIL_SITE_NAME), the public contact (empty: DEFAULT_FROM_EMAIL), records per
# response page.
OAI_REPOSITORY_IDENTIFIER = ""
OAI_REPOSITORY_NAME = None
OAI_ADMIN_EMAIL = ""
OAI_PAGE_SIZE = 100
# The Europeana dataset file is rebuilt in the background when a public asset changes.
DATASET_BUILD_ON_CHANGE = True
# Europeana's EDM schemas (XSD, Schematron); None: the copy in the repository's edm-schema/.
EUROPEANA_EDM_SCHEMA_DIR = None

# The collection map draws country outlines itself; a tile server is optional (none: works offline),
# e.g. MAP_TILE_URL=https://tile.example.org/{z}/{x}/{y}.png with its attribution.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "")

# The aggregator named as edm:provider in the Europeana export.
EUROPEANA_PROVIDER_NAME = os.environ.get("EUROPEANA_PROVIDER_NAME", "Europeana Foundation")

# Read-only public API and exports may be fetched from any origin; so may uploaded media (the GLBs
# IIIF manifests name) when this site serves them itself (the demo); nginx does it in production.
CORS_URLS_REGEX = r"^/(api|oai|oembed|dataset|iiif|media)/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_ALL_ORIGINS = True

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Twin it! 3D <noreply@twinit.example>")

# --- operations: logs, error mail ---------------------------------------------------------------
# Every log line goes to stderr (journald, docker logs …) with the request id, user and path of
# the request being served; server errors are also mailed to ADMINS ("Name <address>, …").
_admins = [a for _, a in getaddresses([os.environ.get("ADMINS", "")]) if a]
ADMINS = _admins if django.VERSION >= (6, 0) else [(a, a) for a in _admins]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_context": {"()": "ops.logging.RequestContextFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s "
                            "[request=%(request_id)s user=%(user)s %(path)s] %(message)s"},
    },
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr",
                   "filters": ["request_context"], "formatter": "plain"},
        "mail_admins": {"class": "django.utils.log.AdminEmailHandler", "level": "ERROR",
                        "filters": ["require_debug_false"]},
    },
    "root": {"handlers": ["stderr"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["stderr", "mail_admins"], "level": "INFO", "propagate": False},
        # runserver's own access log keeps Django's format.
        "django.server": {"level": "INFO"},
    },
}


# --- abuse resistance ---------------------------------------------------------------------------
# Login throttling (django-axes): 5 wrong passwords for one username from one address lock that
# pair for 15 minutes; a successful login resets the count. Lockouts are listed in /django-admin/.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", 15)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Requests per client address and window on the open-data endpoints (ops/ratelimit.py):
# group: (requests, seconds). Harvesters and apps stay far below; a flood gets 429 + Retry-After.
RATE_LIMITS = {
    "api": (int(os.environ.get("RATE_LIMIT_API_PER_MINUTE", 300)), 60),
    "oai": (int(os.environ.get("RATE_LIMIT_OAI_PER_MINUTE", 120)), 60),
    "oembed": (int(os.environ.get("RATE_LIMIT_OEMBED_PER_MINUTE", 300)), 60),
    "dataset": (int(os.environ.get("RATE_LIMIT_DATASET_PER_HOUR", 30)), 3600),
}
# Addresses of our own reverse proxy: behind it, the visitor is the last X-Forwarded-For entry.
TRUSTED_PROXIES = ["127.0.0.1", "::1"]

# Content-Security-Policy (django-csp) on every HTML page. Everything comes from our own origin;
# no inline script on public pages. <model-viewer> needs blob: workers and images for textures
# and WebAssembly for its Draco/KTX2 decoders; styles may be inline (the viewer's shadow DOM).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, WASM_UNSAFE_EVAL],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF, "data:", "blob:"],
        "worker-src": [SELF, "blob:"],
        "media-src": [SELF, "blob:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}
# The admins' own inline scripts (see ops/csp.py); every other directive stays as above.
CSP_ADMIN_REPLACE = {"script-src": [SELF, UNSAFE_INLINE, WASM_UNSAFE_EVAL]}
