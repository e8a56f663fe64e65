"""Full-page cache for anonymous readers, purged precisely when what a page shows changes.

A reader's page is cached under its full path (with ``?page=``) and its interface language; a
logged-in user, any other query string, a form with a CSRF cookie and every admin or open-data
URL bypass it. Each path has a *version* in the cache: purging a path writes a new version, so
every cached variant of it (every ``?page=``, every language) is gone at once, in every process
sharing the cache (Redis in production, the local memory cache in the single-process demo).

What is purged (``purge_page``) when a page is published, unpublished, moved or deleted, or when
a 3D model it shows changes: the page in every language, the parents of those pages (a Member
State page lists its assets) and the pages showing campaign-wide figures in every language (the
home page with its counts and latest assets, the collection explorer).

Responses carry ``Cache-Control`` (public and revalidated for readers, private for users) and
``Vary: Cookie``; Django's ConditionalGetMiddleware adds the ``ETag`` and answers 304.

The open-data endpoints (the JSON API and OAI-PMH) are cached the same way with any query
string, each prefix under one version that every purge renews: an asset published anywhere
changes lists, records and resumption pages alike. Their views set their own ``Cache-Control``
and ``ETag``; a cached OAI-PMH answer gets a fresh ``responseDate``.
"""

import hashlib
import re
import uuid

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

# Paths (under each language prefix) that show campaign-wide figures or lists.
COLLECTION_WIDE = ("", "collection/")
# Open-data prefixes: every URL under one is cached, whatever its query string.
OPEN_DATA = ("/api/", "/oai/")
RESPONSE_DATE = re.compile(rb"<responseDate>[^<]*</responseDate>")


def _seconds():
    return settings.TWINIT_PAGE_CACHE_SECONDS


def _language_prefixed(path):
    parts = path.split("/")
    return len(parts) > 2 and parts[1] in {code for code, _name in settings.LANGUAGES}


def _version_key(path):
    return "twinit:page-version:" + hashlib.sha256(path.encode()).hexdigest()


def _cache_key(request, version):
    full = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"twinit:page:{get_language()}:{version}:{full}"


def _version(path):
    """The path's current version, created once (the first process to ask sets it)."""
    version_key = _version_key(path)
    version = cache.get(version_key)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(version_key, version, None)
        version = cache.get(version_key, version)
    return version


def _open_data_prefix(path):
    return next((prefix for prefix in OPEN_DATA if path.startswith(prefix)), None)


def _cacheable_request(request):
    if request.method not in ("GET", "HEAD") or not _seconds():
        return False
    if getattr(request, "user", None) is None or request.user.is_authenticated:
        return False
    if _open_data_prefix(request.path):
        return True
    if set(request.GET) - {"page"}:
        return False
    return _language_prefixed(request.path)


def _fresh_response_date(response):
    """An OAI-PMH answer states when it was given: a cached one says now."""
    from django.utils import timezone

    now = timezone.now().strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    response.content = RESPONSE_DATE.sub(
        b"<responseDate>" + now + b"</responseDate>", response.content, count=1)
    return response


def _cacheable_response(response, open_data=False):
    # OAI-PMH asks clients to revalidate (no-cache) with its ETag: the server may still keep it.
    refusals = ("private", "no-store") if open_data else ("private", "no-cache", "no-store")
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200 and not response.streaming and not response.cookies
        and not any(word in cache_control for word in refusals)
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            response = self.get_response(request)
            if _language_prefixed(request.path) and getattr(request, "user", None) is not None \
                    and request.user.is_authenticated:
                patch_cache_control(response, private=True, no_cache=True)
            return response
        open_data = _open_data_prefix(request.path)
        key = _cache_key(request, _version(open_data or request.path))
        cached = cache.get(key)
        if cached is not None:
            return _fresh_response_date(cached) if open_data == "/oai/" else cached
        response = self.get_response(request)
        if _cacheable_response(response, open_data=bool(open_data)):
            if not open_data:  # the API and OAI-PMH views say how long clients may keep them
                patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
                patch_vary_headers(response, ("Cookie",))
            cache.set(key, response, _seconds())
        return response


def purge_paths(paths):
    """Forget every cached variant of these paths."""
    cache.set_many({_version_key(path): uuid.uuid4().hex for path in paths}, None)


def paths_to_purge(page):
    """The paths showing `page`: itself and its parent in every language, every language's
    campaign-wide pages and the open-data endpoints."""
    from wagtail.models import Page

    paths = set()
    translations = Page.objects.filter(translation_key=page.translation_key)
    parents = Page.objects.filter(
        path__in={p.path[: -Page.steplen] for p in translations if p.depth > 1}
    )
    for item in [*translations, *parents]:
        url = item.get_url()
        if url:
            paths.add(url)
    for code, _name in settings.LANGUAGES:
        paths.update(f"/{code}/{suffix}" for suffix in COLLECTION_WIDE)
    paths.update(OPEN_DATA)
    return paths


def purge_page(page):
    purge_paths(paths_to_purge(page))
