"""The public collection as a reader sees it: one card per asset, filtered by facets.

The explorer (``/<lang>/collection/``) and the search results share this module, so a facet means
the same on both and a filtered URL can be shared. Every count is an SQL aggregate over the whole
result, never a loop over pages, so the explorer holds at campaign scale (50,000 assets).

A reader in language ``xx`` sees each asset once: its ``xx`` page where one exists (a translation
or wagtail-localize's alias), otherwise its source page in the language it was written in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import CharField, Exists, F, IntegerField, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from campaign import choices
from campaign.languages import EU_LANGUAGES, LANGUAGE_CODES
from twinit_pages.models import HeritageAssetPage, MemberStatePage
from twinit_pages.page_cache import collection_version
from twinit_pages.queries import live_asset_rows

PAGE_SIZE = 24

SORTS = {
    "newest": (_("Newest first"), ("-first_published_at", "-pk")),
    "title": (_("Title (A–Z)"), ("title", "pk")),
    "country": (_("Member State"), ("parent_path", "title", "pk")),
}
DEFAULT_SORT = "newest"


def live_assets():
    return HeritageAssetPage.objects.live().public()


def reader_assets(language):
    """One live page per asset for a reader of ``language`` (see the module docstring).

    Two anti-joins on Wagtail's (translation_key, locale) index: a page in the reader's language,
    or a source page (not an alias) of a group with no live page in that language and no earlier
    live source. A GROUP BY over every translation group cost a scan per request at 50,000.
    """
    live = live_assets()
    in_language = live.filter(translation_key=OuterRef("translation_key"),
                              locale__language_code=language)
    earlier_source = live.filter(translation_key=OuterRef("translation_key"),
                                 alias_of__isnull=True, pk__lt=OuterRef("pk"))
    return live.filter(
        Q(locale__language_code=language)
        | Q(alias_of__isnull=True) & ~Exists(in_language) & ~Exists(earlier_source)
    )


def with_parent_path(queryset):
    """Annotate the Member State page's path (assets are its direct children) for grouping."""
    return queryset.annotate(parent_path=Substr("path", 1, Length("path") - Page.steplen))


def state_paths():
    """{Member State page path: ISO code}, every locale, in one query."""
    return dict(MemberStatePage.objects.values_list("path", "iso_code"))


def _json_list_has(field_name, code):
    # Codes are stored as a JSON list; the quoted code cannot match inside another code.
    return Q(**{f"{field_name}__icontains": f'"{code}"'})


@dataclass
class Facet:
    """One filter of the explorer: a query parameter, its options and how it narrows a queryset.

    ``count_sql`` groups the rows of ``matched`` (the common table expression ``count_facets``
    builds: one row per matching asset, columns ``pk``, ``parent_path``, ``translation_key`` and
    each facet's field) into (value, count) rows; ``counts_from`` turns them into ``counts``.
    """

    param: str
    label: str
    options: tuple  # ((value, label), …)
    selected: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    field_name = ""

    def condition(self, values):
        raise NotImplementedError

    def count_sql(self):
        raise NotImplementedError

    def counts_from(self, rows):
        return dict(rows)

    def parse(self, values):
        """Keep known values only, matched without regard to case (``estonia`` or ``EE``)."""
        by_key = {}
        for value, label in self.options:
            by_key[str(value).lower()] = value
            by_key[str(label).lower()] = value
        return [by_key[v.lower()] for v in values if v.lower() in by_key]

    def entries(self):
        """Options with a count or selected, for the template, most frequent first."""
        rows = [
            {"value": value, "label": label, "count": self.counts.get(value, 0),
             "selected": value in self.selected}
            for value, label in self.options
        ]
        rows = [row for row in rows if row["count"] or row["selected"]]
        return sorted(rows, key=lambda row: (-row["count"], str(row["label"])))


class CountryFacet(Facet):
    def condition(self, values):
        paths = [path for path, code in state_paths().items() if code in values]
        condition = Q(pk__in=[])
        for path in paths:
            condition |= Q(path__startswith=path)
        return condition

    def count_sql(self):
        return "SELECT parent_path AS v, COUNT(*) AS n FROM matched GROUP BY parent_path", []

    def counts_from(self, rows):
        codes = state_paths()
        counts = {}
        for path, n in rows:
            code = codes.get(path)
            if code:
                counts[code] = counts.get(code, 0) + n
        return counts


class ValueFacet(Facet):
    """A single-valued field: one GROUP BY."""

    def condition(self, values):
        return Q(**{f"{self.field_name}__in": values})

    def count_sql(self):
        return (f"SELECT {self.field_name} AS v, COUNT(*) AS n FROM matched "
                f"GROUP BY {self.field_name}"), []


class ListFacet(Facet):
    """A JSON list of codes: one GROUP BY over the list elements (the database's JSON table
    function), not a text match per option and row. The field holds each code once (its form is
    a set of checkboxes), so an element counts its asset once."""

    def condition(self, values):
        condition = Q()
        for value in values:
            condition |= _json_list_has(self.field_name, value)
        return condition

    def count_sql(self):
        elements = ("jsonb_array_elements_text" if connection.vendor == "postgresql"
                    else "json_each")
        return (
            f"SELECT e.value AS v, COUNT(*) AS n FROM matched "
            f"CROSS JOIN {elements}(matched.{self.field_name}) AS e GROUP BY e.value", []
        )


class LanguageFacet(Facet):
    """Languages an asset can be read in: its source and its live, reviewed translations."""

    def condition(self, values):
        keys = (
            live_asset_rows().filter(alias_of__isnull=True, locale__language_code__in=values)
            .values("translation_key")
        )
        return Q(translation_key__in=keys)

    def count_sql(self):
        # A page per (translation key, locale) and a matched row per key (one page per asset):
        # a plain join, which the planner hashes, counts each asset once per language.
        readable = (live_asset_rows().filter(alias_of__isnull=True).order_by()
                    .values(code=F("locale__language_code"), tkey=F("translation_key")))
        sql, params = readable.query.sql_with_params()
        return (
            f"SELECT r.code AS v, COUNT(*) AS n FROM ({sql}) AS r "
            f"JOIN matched ON matched.translation_key = r.tkey GROUP BY r.code", list(params)
        )


class ArFacet(Facet):
    """Assets a reader can place in their room: one of its ready 3D models has an AR file.

    Pages find their models through Wagtail's reference index (kept on every page save), so the
    filter is one subquery however many models an asset shows.
    """

    def _ar_pages(self):
        from django.contrib.contenttypes.models import ContentType
        from django.db.models.functions import Cast
        from wagtail.models import ReferenceIndex

        from models3d.models import ThreeDModel

        ready = ThreeDModel.objects.filter(status=ThreeDModel.Status.READY).exclude(ar_file="")
        return (
            ReferenceIndex.objects.filter(
                base_content_type=ContentType.objects.get_for_model(Page),
                to_content_type=ContentType.objects.get_for_model(ThreeDModel),
                to_object_id__in=ready.annotate(key=Cast("pk", CharField())).values("key"),
            ).annotate(page_id=Cast("object_id", IntegerField())).values("page_id")
        )

    def condition(self, values):
        return Q(pk__in=self._ar_pages()) if "yes" in values else Q()

    def count_sql(self):
        sql, params = self._ar_pages().query.sql_with_params()
        return f"SELECT 'yes' AS v, COUNT(*) AS n FROM matched WHERE pk IN ({sql})", list(params)


def count_facets(facets, queryset):
    """Fill each facet's ``counts`` over ``queryset`` in one query; return the queryset's size.

    The matching assets are read once, as a common table expression, and every facet groups
    those rows: a search or a filter is evaluated once, not once per facet, which is what keeps
    the explorer and the search within a few hundred milliseconds at 50,000 assets.
    """
    fields = sorted({facet.field_name for facet in facets if facet.field_name})
    # Annotations come last in the SELECT whatever their place in values_list().
    rows = with_parent_path(queryset).order_by().values_list(
        "pk", "translation_key", *fields, "parent_path")
    matched_sql, params = rows.query.sql_with_params()
    params = list(params)
    columns = ", ".join(["pk", "translation_key", *fields, "parent_path"])
    parts = []
    for index, facet in enumerate(facets):
        sql, facet_params = facet.count_sql()
        # Each part wrapped in its own SELECT: a compound query may not group its members.
        parts.append(f"SELECT {index}, CAST(v AS TEXT), n FROM ({sql}) AS f{index}")
        params += facet_params
    parts.append("SELECT -1, NULL, COUNT(*) FROM matched")
    sql = f"WITH matched({columns}) AS ({matched_sql}) " + " UNION ALL ".join(parts)
    grouped = {index: [] for index in range(-1, len(facets))}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for index, value, n in cursor.fetchall():
            grouped[index].append((value, n))
    for index, facet in enumerate(facets):
        facet.counts = facet.counts_from(grouped[index])
    return grouped[-1][0][1]


def count_whole_collection(facets, queryset, language):
    """``count_facets`` over every asset of a ``language`` reader, kept in the cache.

    The unfiltered explorer (the most visited state, also the map's) counts the whole collection:
    at 50,000 assets that is a scan of every row per request for figures that change only when a
    page is published, unpublished, moved or deleted, or a 3D model changes, which is exactly when
    ``page_cache`` renews the collection version this summary is keyed by. Off (counted live)
    where purges cannot reach every process (``TWINIT_COLLECTION_SUMMARY_SECONDS = 0``).
    """
    seconds = settings.TWINIT_COLLECTION_SUMMARY_SECONDS
    if not seconds:
        return count_facets(facets, queryset)
    key = f"twinit:collection-summary:{language}:{collection_version()}"
    summary = cache.get(key)
    if summary is None:
        total = count_facets(facets, queryset)
        summary = {"total": total, "counts": {facet.param: facet.counts for facet in facets}}
        cache.set(key, summary, seconds)
    for facet in facets:
        facet.counts = dict(summary["counts"][facet.param])
    return summary["total"]


def make_facets():
    def simple(cls, param, label, options, field_name):
        facet = cls(param, label, options)
        facet.field_name = field_name
        return facet

    return [
        CountryFacet("country", _("Member State"), choices.MEMBER_STATES),
        simple(ValueFacet, "type", _("Heritage type"), choices.HERITAGE_TYPES, "heritage_type"),
        simple(ListFacet, "priority", _("Priority category"), choices.PRIORITY_CATEGORIES,
               "priority_categories"),
        simple(ListFacet, "usage", _("Intended usage area"), choices.USAGE_AREAS,
               "usage_areas"),
        simple(ValueFacet, "licence", _("Licence"), choices.RIGHTS, "rights_uri"),
        LanguageFacet("language", _("Language available"),
                      tuple((code, local) for code, _english, local in EU_LANGUAGES)),
        ArFacet("ar", _("Augmented reality"), (("yes", _("Viewable in AR")),)),
    ]


@dataclass
class Exploration:
    """The reader's query (from the URL) and what it finds."""

    assets: object
    facets: list
    sort: str
    query: str
    total: int | None = None  # len(assets) when the facet counting already knows it

    @property
    def active_filters(self):
        return [
            {"facet": facet, "value": value, "label": dict(facet.options).get(value, value)}
            for facet in self.facets for value in facet.selected
        ]


def explore(params, language, *, matching=None):
    """Filter, count and sort the reader's assets from query parameters.

    ``matching`` (a queryset of page ids from the search backend) narrows to search hits.
    Each facet's counts apply every *other* facet, so choosing a second value in the same facet
    stays possible and the numbers say what a click would give.
    """
    language = language if language in LANGUAGE_CODES else "en"
    base = reader_assets(language)
    if matching is not None:
        base = base.filter(pk__in=matching)
    facets = make_facets()
    conditions = {}
    for facet in facets:
        facet.selected = facet.parse(params.getlist(facet.param))
        if facet.selected:
            conditions[facet.param] = facet.condition(facet.selected)
    # Facets whose counts apply the same conditions (every facet without a selection) share
    # one counting query: 1 + the number of facets with a selection, whatever the collection.
    groups = {}
    for facet in facets:
        others = tuple(param for param in conditions if param != facet.param)
        groups.setdefault(others, []).append(facet)
    total = None  # the result's size: the count of the group that applies every condition
    for others, members in groups.items():
        queryset = base
        for param in others:
            queryset = queryset.filter(conditions[param])
        if matching is None and not others and not conditions:
            size = count_whole_collection(members, queryset, language)
        else:
            size = count_facets(members, queryset)
        if len(others) == len(conditions):
            total = size
    result = base
    for condition in conditions.values():
        result = result.filter(condition)
    sort = params.get("sort") if params.get("sort") in SORTS else DEFAULT_SORT
    result = with_parent_path(result).select_related("locale").order_by(*SORTS[sort][1])
    return Exploration(assets=result, facets=facets, sort=sort, query=params.get("q", ""),
                       total=total)

