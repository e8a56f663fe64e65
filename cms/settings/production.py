"""Production: everything secret or host-specific comes from the environment (see README)."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = False
try:
    SECRET_KEY = os.environ["SECRET_KEY"]
except KeyError as exc:
    raise ImproperlyConfigured("Set the SECRET_KEY environment variable.") from exc

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    # Each worker's local cache could not see another worker's purge: no page cache.
    TWINIT_PAGE_CACHE_SECONDS = 0

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 587))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "true").lower() == "true"
SERVER_EMAIL = DEFAULT_FROM_EMAIL  # noqa: F405

if os.environ.get("MEDIA_URL"):
    MEDIA_URL = os.environ["MEDIA_URL"]

# Behind nginx (deploy/nginx/twinit.conf) the visitor's address is in X-Forwarded-For.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("PROXY_COUNT", 1))
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# A load balancer may probe /healthz over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

if os.environ.get("DEEPL_API_KEY"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": os.environ["DEEPL_API_KEY"]},
    }

# The public contact harvesters see in OAI-PMH Identify (defaults to DEFAULT_FROM_EMAIL).
OAI_ADMIN_EMAIL = os.environ.get("OAI_ADMIN_EMAIL", "")

# Optional error tracking: with SENTRY_DSN set, errors (and a sample of requests, see
# SENTRY_TRACES_SAMPLE_RATE) are sent to Sentry; no personal data unless SENTRY_SEND_PII=true.
if os.environ.get("SENTRY_DSN"):
    import sentry_sdk

    sentry_sdk.init(
        dsn=os.environ["SENTRY_DSN"],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
        send_default_pii=os.environ.get("SENTRY_SEND_PII", "false").lower() == "true",
    )
