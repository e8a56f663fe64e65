from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from . import health


@never_cache
def healthz(request):
    """200 when the database, the cache and media storage work; 503 naming what does not."""
    checks = health.run_all()
    ok = all(check.ok for check in checks)
    return JsonResponse(
        {"status": "ok" if ok else "failing",
         "checks": {check.name: "ok" if check.ok else check.detail for check in checks}},
        status=200 if ok else 503,
    )
