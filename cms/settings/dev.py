"""Local development: debug on, console email, tasks in the database queue run by db_worker."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# No machine translator in development: wagtail-localize's dummy one (it reverses words) must
# never appear in the demo. Production uses DeepL when DEEPL_API_KEY is set.
