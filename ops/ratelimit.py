"""Rate limits on the open-data endpoints (API, OAI-PMH, oEmbed, dataset downloads).

A fixed window per client address and endpoint group, counted in the shared cache (Redis in
production, so every gunicorn worker counts together). Over the limit: 429 with Retry-After.
Limits are ``RATE_LIMITS = {group: (requests, seconds)}``; an empty dict turns them off.
"""

from __future__ import annotations

import ipaddress
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse

GROUPS = (
    ("api", re.compile(r"^/api/")),
    ("oai", re.compile(r"^/oai/")),
    ("oembed", re.compile(r"^/oembed/")),
    ("dataset", re.compile(r"^/dataset/")),
)


def client_address(request) -> str:
    """The visitor's address: REMOTE_ADDR, or the address our own proxy saw when the request
    came from a trusted proxy (the last X-Forwarded-For entry is the one nginx added)."""
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = settings.TRUSTED_PROXIES
    if remote in trusted:
        forwarded = [part.strip() for part in
                     request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            try:
                return str(ipaddress.ip_address(forwarded[-1]))
            except ValueError:
                pass
    return remote


def group_for(path: str) -> str | None:
    for name, pattern in GROUPS:
        if pattern.match(path):
            return name
    return None


def hit(group: str, address: str, limit: int, period: int, now: float | None = None) -> int | None:
    """Count one request; the seconds to wait if it is over the limit, else None."""
    now = time.time() if now is None else now
    window = int(now // period)
    key = f"ratelimit:{group}:{address}:{window}"
    cache.add(key, 0, timeout=period + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=period + 1)
        count = 1
    if count > limit:
        return max(1, int((window + 1) * period - now))
    return None


class RateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limits = settings.RATE_LIMITS
        group = group_for(request.path_info) if limits else None
        if group in limits and request.method != "OPTIONS":
            limit, period = limits[group]
            wait = hit(group, client_address(request), limit, period)
            if wait is not None:
                response = JsonResponse({
                    "error": f"Too many requests to this service: at most {limit} every "
                             f"{period} seconds from one address. Try again in {wait} seconds.",
                }, status=429)
                response["Retry-After"] = str(wait)
                return response
        return self.get_response(request)
