"""Settings shared by every environment; ``dev``, ``test`` and ``production`` adjust them."""

import os
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO

from locales.languages import DEFAULT_LANGUAGE, EXTRA_LANG_INFO, django_languages

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "twinit_pages",
    "models3d",
    "workflows",
    "europeana",
    "locales",
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
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "workflows.confidentiality_middleware.ConfidentialityMiddleware",
    "twinit_pages.middleware.PublicNotFoundMiddleware",
]

ROOT_URLCONF = "cms.urls"

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
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: one list in locales/languages.py.
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
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
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
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "pdf", "txt", "json", "xml", "zip", "docx", "xlsx", "odt"]
WAGTAIL_ALLOW_UNICODE_SLUGS = True
# The admin must not call out to third parties (release checks, avatars): privacy and offline use.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
# Workflow rejections and approvals mail the people who must act next.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False

WAGTAILLOCALIZE_JOBS = {"BACKEND": "wagtail_localize.tasks.ImmediateBackend"}

# Background work (3D processing) runs in `manage.py db_worker` from a database queue.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

THREED_MAX_UPLOAD_BYTES = int(os.environ.get("THREED_MAX_UPLOAD_BYTES", 1024**3))

# The collection map draws country outlines itself; a tile server is optional (none: works offline),
# e.g. MAP_TILE_URL=https://tile.example.org/{z}/{x}/{y}.png with its attribution.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "")

# The aggregator named as edm:provider in the Europeana export.
EUROPEANA_PROVIDER_NAME = os.environ.get("EUROPEANA_PROVIDER_NAME", "Europeana Foundation")

# Read-only public API and exports may be fetched from any origin.
CORS_URLS_REGEX = r"^/(api|oai|oembed|dataset)/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_ALL_ORIGINS = True

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Twin it! 3D <noreply@twinit.example>")
