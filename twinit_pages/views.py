"""Public views that are not pages: the collection explorer and the site search."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.paginator import Paginator
from django.http import JsonResponse, QueryDict
from django.shortcuts import render
from django.utils import translation

from campaign import choices
from twinit_pages import collection
from twinit_pages import search as site_search
from twinit_pages.queries import with_cards
from twinit_pages.templatetags.twinit import locale_code


def _url(params, **changes):
    """The current query string with some parameters changed (``None`` removes one)."""
    query = params.copy()
    query.pop("page", None)
    for key, value in changes.items():
        query.pop(key, None)
        if value is not None:
            query.setlist(key, value if isinstance(value, list) else [value])
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


def _toggle(params, param, value):
    values = [v for v in params.getlist(param)]
    lowered = [v.lower() for v in values]
    if str(value).lower() in lowered:
        values = [v for v in values if v.lower() != str(value).lower()]
    else:
        values.append(str(value))
    return _url(params, **{param: values or None})


def _facet_context(exploration, params):
    facets = []
    for facet in exploration.facets:
        entries = facet.entries()
        for entry in entries:
            entry["url"] = _toggle(params, facet.param, entry["value"])
        facets.append({"param": facet.param, "label": facet.label, "entries": entries})
    return facets


def _render(request, template, params, exploration, extra):
    paginator = Paginator(range(exploration.total), collection.PAGE_SIZE)
    page = paginator.get_page(params.get("page"))
    ids = exploration.window(page.start_index() - 1 if exploration.total else 0)
    page.object_list = with_cards(collection.pages_in_order(ids))
    without_page = params.copy()
    without_page.pop("page", None)
    context = {
        "exploration": exploration,
        "results": page,
        "facets": _facet_context(exploration, params),
        "active_filters": [
            {**item, "url": _toggle(params, item["facet"].param, item["value"])}
            for item in exploration.active_filters
        ],
        "clear_url": _url(QueryDict(mutable=True), q=params.get("q") or None),
        "sorts": [{"value": key, "label": label} for key, (label, _order)
                  in collection.SORTS.items()],
        "page_query": without_page.urlencode(),
        **extra,
    }
    return render(request, template, context)


def explorer(request):
    """Browse the whole collection by facets; every state of it is a shareable URL."""
    params = request.GET
    exploration = collection.explore(params, translation.get_language())
    return _render(request, "twinit_pages/collection.html", params, exploration,
                   {"query": ""})


def search(request):
    """Full-text search over live public assets and campaign pages in the reader's language.

    Results are the explorer's cards with the same facets; a query that finds nothing is tried
    again as the closest known words ("Did you mean …?").
    """
    language = translation.get_language()
    params = request.GET.copy()
    query = params.get("q", "").strip()
    suggestion, corrected_from, pages = "", "", []
    if query:
        exploration = collection.explore(
            params, language, matching=site_search.matching_asset_ids(query)
        )
        pages = site_search.matching_pages(query, language)
        if not exploration.total and not pages:
            suggestion = site_search.suggest(query, language)
            if suggestion:
                retry_params = params.copy()
                retry_params["q"] = suggestion
                retry = collection.explore(
                    retry_params, language, matching=site_search.matching_asset_ids(suggestion))
                if retry.total:
                    corrected_from, query, params = query, suggestion, retry_params
                    exploration = retry
                    pages = site_search.matching_pages(suggestion, language)
    else:
        exploration = collection.explore(params, language, matching=[])
    return _render(request, "twinit_pages/search.html", params, exploration, {
        "query": query, "suggestion": suggestion, "corrected_from": corrected_from,
        "pages": pages,
    })


def collection_map(request):
    """All live assets on a map; the explorer's filters in the URL narrow it the same way."""
    params = request.GET
    exploration = collection.explore(params, translation.get_language())
    country = next(facet for facet in exploration.facets if facet.param == "country")
    states = [{"code": entry["value"], "name": entry["label"], "count": entry["count"]}
              for entry in country.entries()]
    response = render(request, "twinit_pages/map.html", {
        "states": sorted(states, key=lambda s: str(s["name"])),
        **map_context(params.urlencode()),
    })
    return allow_map_tiles(response)


def map_context(query_string):
    """What includes/collection_map.html needs: the explorer query it shows, the tile server."""
    return {"query_string": query_string, "tile_url": settings.MAP_TILE_URL,
            "tile_attribution": settings.MAP_TILE_ATTRIBUTION}


def allow_map_tiles(response):
    """Let a page with a map load the configured tile server's images (the one outside source
    the site allows; none by default)."""
    if settings.MAP_TILE_URL:
        parts = urlsplit(settings.MAP_TILE_URL.replace("{s}", "a"))
        response._csp_update = {"img-src": [f"{parts.scheme}://{parts.netloc}"]}
    return response


def collection_map_points(request):
    """The located assets as compact JSON for the map: one SQL query, no page objects."""
    language = translation.get_language()
    assets = collection.explore(request.GET, language).pages().filter(latitude__isnull=False)
    codes = collection.state_paths()
    labels = dict(choices.MEMBER_STATES)
    rows = assets.values_list("title", "latitude", "longitude", "url_path", "parent_path",
                              "locale_id")
    data = []
    for title, lat, lng, url_path, parent_path, locale_id in rows:
        rest = url_path.strip("/").split("/", 1)[-1]
        code = locale_code(locale_id, request)
        data.append({
            "title": title, "lat": float(lat), "lng": float(lng),
            "url": f"/{language}/{rest}/", "country": str(labels.get(codes.get(parent_path), "")),
            "lang": code if code != language else "",
        })
    return JsonResponse({"assets": data})
