"""The WSGI entry point the production recipe's gunicorn workers load."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")
application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018 - import every view module now, not on the first request

# What is loaded by now (Django, Wagtail, the project's models, URLs and views) lives as long as
# the worker. Frozen, it is out of the cyclic garbage collector's reach, so a full collection
# walks only what requests create: walking the whole heap paused one OAI-PMH page in six by
# 250-350 ms (benchmarks/scale.py, the p95 column).
gc.freeze()
