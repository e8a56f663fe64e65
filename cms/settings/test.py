"""Tests: SQLite in memory unless DATABASE_URL names a real database (CI uses PostgreSQL)."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["*"]
if not os.environ.get("DATABASE_URL"):
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Tasks run inline so a test sees the finished result.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
    "CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator",
}
# Login lockout and rate limits are tested on their own (tests/ops); elsewhere they would make
# tests depend on each other's request counts.
AXES_ENABLED = False
# Dataset zips are rebuilt in the background on every publication; tests that need one build it.
DATASET_BUILD_ON_CHANGE = False
RATE_LIMITS = {}
# The page cache is off so that tests changing content without signals see fresh pages; the
# cache's own tests switch it on with a cleared cache.
TWINIT_PAGE_CACHE_SECONDS = 0
