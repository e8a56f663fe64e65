"""Public open-data endpoints: oEmbed, the embeddable viewer page, the read API, the dataset.

Every view serves live, public assets only (``europeana.state``); nothing reads drafts,
revisions or contact points.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

from csp.decorators import csp_replace
from django.conf import settings
from django.db.models import Max, TextField
from django.db.models.functions import Cast
from django.http import (
    HttpResponse,
    HttpResponseRedirect,
    JsonResponse,
    QueryDict,
)
from django.shortcuts import redirect, render
from django.utils.http import quote_etag
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_GET

from campaign import choices, geography
from models3d.models import ThreeDModel
from twinit_pages.models import HeritageAssetPage

from . import public
from .bulk import records_for, with_related
from .edm import record_to_xml
from .embed import embed_html
from .models import OAIRecord
from .record import api_url, base_url, record_for
from .state import public_assets

CACHE_SECONDS = 300
MAX_PAGE_SIZE = 100


# --- helpers --------------------------------------------------------------------------------------


def not_found(request, message="No published asset here.", *, html=False):
    """A 404 that stays a 404: LocaleMiddleware would redirect it to /en/… because Wagtail's
    i18n catch-all matches every path; it does not when the request's urlconf has no i18n
    patterns."""
    request.urlconf = "europeana.urls"
    if html:
        return HttpResponse(message, status=404, content_type="text/plain; charset=utf-8")
    return JsonResponse({"error": message}, status=404)


def live_asset(page_id):
    """A live, public HeritageAssetPage (source or translation), or None."""
    return HeritageAssetPage.objects.live().public().filter(pk=page_id).first()


def public_source(page_id):
    return with_related(public_assets().filter(pk=page_id)).first()


def collection_version():
    """Changes whenever any asset or translation is published, unpublished or deleted."""
    latest = OAIRecord.objects.aggregate(latest=Max("datestamp"), n=Max("id"))
    return f"{latest['latest'].isoformat() if latest['latest'] else '-'}:{latest['n']}"


def cached_json(request, data_func, *, status=200):
    """JsonResponse with Cache-Control and an ETag of the collection version and the URL."""
    etag = quote_etag(hashlib.sha256(
        f"{collection_version()}|{request.get_full_path()}".encode()
    ).hexdigest()[:32])
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponse(status=304)
    else:
        response = JsonResponse(data_func(), status=status, json_dumps_params={
            "ensure_ascii": False})
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    return response


def error(message, status):
    return JsonResponse({"error": message}, status=status)


# --- oEmbed -----------------------------------------------------------------------------------


def page_for_url(url):
    """The live public asset page an URL points at: a page URL, our /embed/ or /id/ URLs."""
    path = urlsplit(url).path or "/"
    parts = [p for p in path.split("/") if p]
    if len(parts) >= 2 and parts[-2] in ("embed", "asset") and parts[-1].isdigit():
        return HeritageAssetPage.objects.live().public().filter(pk=int(parts[-1])).first()
    if not parts:
        return None
    candidates = HeritageAssetPage.objects.live().public().filter(slug=parts[-1])
    for page in candidates:
        page_url = page.get_url()
        if page_url and urlsplit(page_url).path.rstrip("/") == path.rstrip("/"):
            return page
    return None


@require_GET
def oembed(request):
    url = request.GET.get("url", "")
    fmt = request.GET.get("format", "json")
    if fmt != "json":
        return HttpResponse("Only format=json is supported.", status=501,
                            content_type="text/plain")
    if not url:
        return error("Give the url of an asset page.", 400)
    page = page_for_url(url)
    if page is None:
        return not_found(request, "No published asset at this URL.")
    page = page.specific
    record = record_for(page)
    width, height = 640, 480
    try:
        if request.GET.get("maxwidth"):
            width = min(width, int(request.GET["maxwidth"]))
        if request.GET.get("maxheight"):
            height = min(height, int(request.GET["maxheight"]))
    except ValueError:
        return error("maxwidth and maxheight must be integers.", 400)
    title = record.title
    data = {
        "version": "1.0",
        "type": "rich",
        "title": title,
        "provider_name": settings.WAGTAIL_SITE_NAME,
        "provider_url": base_url() + "/",
        "html": embed_html(page.pk, title, width, height),
        "width": width,
        "height": height,
        "cache_age": CACHE_SECONDS,
    }
    if record.data_provider:
        data["author_name"] = record.data_provider.value
    if record.rights_uri:
        data["license_url"] = record.rights_uri
    image = next(iter(page.gallery_images.select_related("image")), None)
    if image is not None:
        data.update({"thumbnail_url": public_image_url(image.image),
                     "thumbnail_width": image.image.width,
                     "thumbnail_height": image.image.height})
    response = JsonResponse(data)
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    return response


def public_image_url(image):
    from .record import absolute

    return absolute(image.file.url)



@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})  # embedded by oEmbed consumers and Europeana.eu
@require_GET
def embed(request, page_id):
    """A minimal page with the asset's 3D viewer, for iframes (oEmbed, Europeana.eu)."""
    page = live_asset(page_id)
    if page is None:
        return not_found(request, html=True)
    page = page.specific
    record = record_for(page)
    ready = [m for m in page.three_d_models() if m.status == ThreeDModel.Status.READY]
    context = {
        "page": page, "record": record, "model": ready[0] if ready else None,
        "models": ready, "viewer_template": "models3d/includes/viewer.html" if ready else None,
        "poster": record.object_uri,
        "rights_label": page.rights_label() if page.rights_uri else "",
    }
    response = render(request, "europeana/embed.html", context)
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    return response


# --- read API -------------------------------------------------------------------------------------


def _vocabulary_value(name, value, vocabulary):
    """The canonical code for a filter value given in any case, or raise ValueError."""
    by_lower = {code.lower(): code for code, _label in vocabulary}
    if value.lower() not in by_lower:
        allowed = ", ".join(code for code, _label in vocabulary)
        raise ValueError(f"Unknown {name} {value!r}. Use one of: {allowed}.")
    return by_lower[value.lower()]


def filtered_assets(params):
    """(queryset, error message) for the list filters and the full-text query ``q``.

    Codes match without regard to case (``usage_area=maintenance``, ``country=ee``); an
    unknown value is an error that names the accepted ones, never an empty list.
    """
    pages = public_assets()
    try:
        country = params.get("country", "")
        if country:
            pages = geography.pages_in(_vocabulary_value(
                "country", country, choices.MEMBER_STATES), pages)
        for name, field, vocabulary in (
            ("category", "priority_categories", choices.PRIORITY_CATEGORIES),
            ("usage_area", "usage_areas", choices.USAGE_AREAS),
        ):
            value = params.get(name, "")
            if value:
                code = _vocabulary_value(name, value, vocabulary)
                pages = pages.annotate(**{f"{field}_text": Cast(field, TextField())}).filter(
                    **{f"{field}_text__contains": f'"{code}"'}
                )
        heritage_type = params.get("heritage_type", "")
        if heritage_type:
            pages = pages.filter(heritage_type=_vocabulary_value(
                "heritage_type", heritage_type, choices.HERITAGE_TYPES))
        language = params.get("language", "")
        if language:
            code = _vocabulary_value("language", language, settings.LANGUAGES)
            keys = HeritageAssetPage.objects.live().public().filter(
                locale__language_code=code).values("translation_key")
            pages = pages.filter(translation_key__in=keys)
    except ValueError as problem:
        return None, str(problem)
    query = params.get("q", "").strip()
    if query:
        from twinit_pages.search import matching_asset_ids

        # A match in any language's live page finds the asset (records are per translation
        # group); a draft's words must not.
        keys = HeritageAssetPage.objects.live().public().filter(
            pk__in=matching_asset_ids(query)).values("translation_key")
        pages = pages.filter(translation_key__in=keys)
    return pages, None


@require_GET
def asset_list(request):
    pages, message = filtered_assets(request.GET)
    if message:
        return error(message, 400)
    try:
        number = max(1, int(request.GET.get("page", 1)))
        size = min(MAX_PAGE_SIZE, max(1, int(request.GET.get("page_size", 20))))
    except ValueError:
        return error("page and page_size must be integers.", 400)

    def data():
        total = pages.count()
        batch = list(with_related(pages.order_by("pk"))[(number - 1) * size: number * size])
        records = records_for(batch, request=request)
        results = [public.asset_json(r, p) for r, p in zip(records, batch, strict=True)]
        query = request.GET.copy()
        links = {}
        if number * size < total:
            query["page"] = number + 1
            links["next"] = f"{base_url()}{request.path}?{query.urlencode()}"
        if number > 1:
            query["page"] = number - 1
            links["previous"] = f"{base_url()}{request.path}?{query.urlencode()}"
        return {"count": total, "page": number, "page_size": size,
                "next": links.get("next"), "previous": links.get("previous"),
                "results": results}

    return cached_json(request, data)


@require_GET
def asset_detail(request, page_id):
    page = public_source(page_id)
    if page is None:
        return not_found(request)
    return cached_json(request, lambda: public.asset_json(
        records_for([page], request=request)[0], page, detail=True))


@require_GET
def asset_paradata(request, page_id):
    page = public_source(page_id)
    if page is None:
        return not_found(request)
    return cached_json(request, lambda: {
        "id": str(page.pk), "asset": api_url(page.pk),
        **public.paradata_json(page),
    })


@require_GET
def asset_edm(request, page_id):
    page = public_source(page_id)
    if page is None:
        return not_found(request)
    response = HttpResponse(record_to_xml(records_for([page], request=request)[0]),
                            content_type="application/rdf+xml; charset=utf-8")
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    return response


@require_GET
def iiif_manifest(request, page_id):
    """The asset's IIIF Presentation 4 (draft) manifest: its 3D models as Scenes."""
    from . import iiif

    page = public_source(page_id)
    if page is None:
        return not_found(request)
    record = records_for([page], request=request)[0]
    if not iiif.has_manifest(record):
        return not_found(request, "This asset has no 3D model ready for viewing yet.")
    response = cached_json(request, lambda: iiif.manifest(record, page))
    if response.status_code == 200:
        response["Content-Type"] = iiif.MEDIA_TYPE
    return response


@require_GET
def openapi(request):
    from .openapi import spec

    response = JsonResponse(spec())
    response["Cache-Control"] = "public, max-age=3600"
    return response


# --- dataset download ---------------------------------------------------------------------------


@require_GET
def dataset(request, country=None):
    """The hackathon dataset zip: built in the background whenever content changes
    (europeana.dataset_files) and handed out as a file, never built per request."""
    from django.core.cache import cache

    from .dataset_files import dataset_path, dataset_url
    from .tasks import build_dataset

    if country:
        country = country.upper()
        if country not in choices.MEMBER_STATE_CODES:
            return not_found(request, "Unknown country.", html=True)
    if not dataset_path(country).is_file():
        # Not built yet (a new site, or files restored without it): queue one build, whoever asks.
        if cache.add(f"dataset-build-requested:{country or 'all'}", 1, timeout=600):
            build_dataset.enqueue(country)
        response = error("The dataset is being prepared. Try again in a few minutes.", 503)
        response["Retry-After"] = "120"
        return response
    response = HttpResponseRedirect(dataset_url(country))
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def resolve_id(request, page_id, part=None):
    """Our stable EDM URIs (/id/asset/<id>[/place|/timespan|/aggregation]) lead to the page."""
    page = live_asset(page_id)
    if page is None:
        return not_found(request, html=True)
    return redirect(page.get_url(request) or "/", permanent=False)


# --- "Reuse the data" page --------------------------------------------------------------------------


def reuse(request):
    """Everything a reuser needs on one page: API reference, OAI-PMH, datasets, embeds, licences."""
    from twinit_pages.collection import explore

    from .reuse import datasets, totals

    rows = datasets()
    exploration = explore(QueryDict(), request.LANGUAGE_CODE)
    licences = next(f for f in exploration.facets if f.param == "licence").entries()
    example = public_assets().order_by("pk").first()
    iiif_example = _iiif_example()
    # Redoc's bundle would show its maker's logo from a CDN: js/redoc-offline.js, loaded before
    # it, keeps the browser from asking (the site's policy, img-src 'self', would refuse it).
    return render(request, "europeana/reuse.html", {
        "base_url": base_url(), "datasets": rows, "all": totals(rows), "licences": licences,
        "example": example, "example_url": example.get_full_url(request) if example else "",
        "iiif_example": iiif_example,
    })


def _iiif_example():
    """The manifest of the first public asset whose 3D model is ready, or ""."""
    from models3d.models import ThreeDModel
    from twinit_pages.queries import _model_ids

    from .iiif import manifest_url

    ready = ThreeDModel.objects.filter(status=ThreeDModel.Status.READY).exclude(web_file="")
    for page in public_assets().order_by("pk")[:20]:
        if ready.filter(pk__in=_model_ids(page)).exists():
            return manifest_url(page.pk)
    return ""


def _reuse_url(request, anchor):
    from django.urls import reverse
    from django.utils import translation

    with translation.override(translation.get_language_from_request(request)):
        return reverse("reuse") + anchor


@require_GET
def api_root(request):
    """/api/ and /api/v1/ land on the API reference of the reuse page."""
    return redirect(_reuse_url(request, "#api"))
