"""The public collection as a reader sees it: one card per asset, filtered by facets.

The explorer (``/<lang>/collection/``) and the search results share this module, so a facet means
the same on both and a filtered URL can be shared. Every count is an SQL aggregate over the whole
result, never a loop over pages, so the explorer holds at campaign scale (50,000 assets).

A reader in language ``xx`` sees each asset once: its ``xx`` page where one exists (a translation
or wagtail-localize's alias), otherwise its source page in the language it was written in.
``collection_entries.py`` applies that rule when pages change and stores the outcome, with each
page's facet values, in ``CollectionEntry``: what this module filters, counts and sorts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import F
from django.db.models.functions import Length, Substr
from django.db.models.lookups import GreaterThan
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from campaign import choices
from campaign.languages import DEFAULT_LANGUAGE, EU_LANGUAGES, LANGUAGE_CODES
from twinit_pages.collection_entries import codes_in, mask
from twinit_pages.models import CollectionEntry, HeritageAssetPage, MemberStatePage

PAGE_SIZE = 24


# Orders of the results (label, entry fields): a country mask sorts in the campaign's order.
SORTS = {
    "newest": (_("Newest first"), ("-first_published_at", "-page_id")),
    "title": (_("Title (A–Z)"), ("title", "page_id")),
    "country": (_("Member State"), ("country", "title", "page_id")),
}
DEFAULT_SORT = "newest"


def _order_sql(sort):
    """A sort's ORDER BY over the matching entries' columns (``read``'s window)."""
    return ", ".join(f"{name[1:]} DESC" if name.startswith("-") else name
                     for name in SORTS[sort][1])


def reader_entries(language):
    """One entry per asset for a reader of ``language`` (see the module docstring)."""
    language = language if language in LANGUAGE_CODES else DEFAULT_LANGUAGE
    return CollectionEntry.objects.filter(
        GreaterThan(F("readers").bitand(mask([language], LANGUAGE_CODES)), 0))


def with_parent_path(queryset):
    """Annotate the Member State page's path (assets are its direct children) for grouping."""
    return queryset.annotate(parent_path=Substr("path", 1, Length("path") - Page.steplen))


def state_paths():
    """{Member State page path: ISO code}, every locale, in one query."""
    return dict(MemberStatePage.objects.values_list("path", "iso_code"))


@dataclass
class Facet:
    """One filter of the explorer: a query parameter, its options and its entry column.

    The column is a bit mask over the options (see ``CollectionEntry``): an entry matches if it
    has any selected option, and the counts are one GROUP BY of the column over the matching
    entries, whose few distinct masks ``counts_from`` expands into counts per option.
    """

    param: str
    label: str
    options: tuple  # ((value, label), …)
    field_name: str
    selected: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)

    def condition(self, values):
        return GreaterThan(F(self.field_name).bitand(mask(values, self.options)), 0)

    def counts_from(self, rows):
        counts = {}
        for bits, n in rows:
            for code in codes_in(int(bits), self.options):
                counts[code] = counts.get(code, 0) + n
        return counts

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


def read(queryset, facets=(), sort=DEFAULT_SORT, window=None):
    """Count ``queryset`` (entries), fill each facet's ``counts`` over it and, if ``window``
    ((offset, limit)) is given, return the page ids of that slice in ``sort`` order: one query.

    The matching entries are read once, as a common table expression, which the facets group
    (and the window sorts: a search is then evaluated once per request, not again for the
    cards). PostgreSQL groups every facet in one pass (GROUPING SETS); other databases group
    them one by one. Returns (total, ids).
    """
    sort_columns = [name.lstrip("-") for name in SORTS[sort][1]] if window else []
    columns = sorted({"page_id", *sort_columns, *(facet.field_name for facet in facets)})
    try:
        matched_sql, params = queryset.order_by().values_list(*columns).query.sql_with_params()
    except EmptyResultSet:  # e.g. a search that matched nothing, as an empty list of ids
        for facet in facets:
            facet.counts = {}
        return 0, []
    params = list(params)
    fields = [facet.field_name for facet in facets]
    if facets and connection.vendor == "postgresql":
        # One row per facet value, its column the only one not NULL (entries hold no NULL in
        # these columns); GROUPING() says which facet a row belongs to, 2^k - 1 is the total.
        values = ", ".join(f"CAST({name} AS TEXT)" for name in fields)
        sets = ", ".join(f"({name})" for name in fields)
        parts = [f"SELECT GROUPING({', '.join(fields)}), COALESCE({values}), COUNT(*) "
                 f"FROM matched GROUP BY GROUPING SETS ({sets}, ())"]
        k = len(fields)
        key_of = {(2**k - 1) - (1 << (k - 1 - i)): i for i in range(k)}
        key_of[2**k - 1] = -1
    else:
        parts = [
            # Each part wrapped in its own SELECT: a compound query may not group its members.
            f"SELECT {index}, CAST(v AS TEXT), n FROM (SELECT {name} AS v, COUNT(*) AS n "
            f"FROM matched GROUP BY {name}) AS f{index}"
            for index, name in enumerate(fields)
        ]
        parts.append("SELECT -1, NULL, COUNT(*) FROM matched")
        key_of = {index: index for index in range(-1, len(fields))}
    if window:
        order = _order_sql(sort)
        parts.append(
            f"SELECT -2, CAST(page_id AS TEXT), ROW_NUMBER() OVER (ORDER BY {order}) FROM "
            f"(SELECT {', '.join(sort_columns)} FROM matched ORDER BY {order} "
            f"LIMIT %s OFFSET %s) AS w")
        params += [window[1], window[0]]
        key_of[-2] = -2
    sql = f"WITH matched({', '.join(columns)}) AS ({matched_sql}) " + " UNION ALL ".join(
        f"SELECT * FROM ({part}) AS p{index}" for index, part in enumerate(parts))
    grouped = {index: [] for index in range(-2, len(facets))}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for key, value, n in cursor.fetchall():
            grouped[key_of[key]].append((value, n))
    for index, facet in enumerate(facets):
        facet.counts = facet.counts_from(grouped[index])
    ids = [int(value) for value, _n in sorted(grouped[-2], key=lambda row: row[1])]
    return (grouped[-1][0][1] if grouped[-1] else None), ids


def make_facets():
    return [
        Facet("country", _("Member State"), choices.MEMBER_STATES, "country"),
        Facet("type", _("Heritage type"), choices.HERITAGE_TYPES, "heritage_type"),
        Facet("priority", _("Priority category"), choices.PRIORITY_CATEGORIES, "priorities"),
        Facet("usage", _("Intended usage area"), choices.USAGE_AREAS, "usages"),
        Facet("licence", _("Licence"), choices.RIGHTS, "rights"),
        Facet("language", _("Language available"),
              tuple((code, local) for code, _english, local in EU_LANGUAGES), "languages"),
        Facet("ar", _("Augmented reality"), (("yes", _("Viewable in AR")),), "ar"),
    ]


@dataclass
class Exploration:
    """The reader's query (from the URL) and what it finds: its size, its facets' counts and the
    page ids of the requested page of results, all read in one query."""

    entries: object  # the matching CollectionEntry rows (a queryset, unordered)
    facets: list
    sort: str
    query: str
    total: int
    ids: list | None  # page ids of the page ``offset`` starts, in ``sort`` order, if read
    offset: int = 0

    def window(self, offset, limit=PAGE_SIZE):
        """Page ids of the slice at ``offset`` (read already for the requested page; another one
        when a page number past the last falls back to the last)."""
        if offset == self.offset and self.ids is not None:
            return self.ids
        ordered = self.entries.order_by(*SORTS[self.sort][1]).values_list("page_id", flat=True)
        return list(ordered[offset:offset + limit])

    def pages(self):
        """The result's pages (unordered), with ``parent_path``, for listings in SQL (the map)."""
        return with_parent_path(HeritageAssetPage.objects.filter(
            pk__in=self.entries.order_by().values("page_id")))

    @property
    def active_filters(self):
        return [
            {"facet": facet, "value": value, "label": dict(facet.options).get(value, value)}
            for facet in self.facets for value in facet.selected
        ]


def pages_in_order(ids):
    """The asset pages of ``ids``, in that order, in one query."""
    ids = list(ids)
    pages = HeritageAssetPage.objects.select_related("locale").in_bulk(ids)
    return [pages[pk] for pk in ids if pk in pages]


def page_offset(params, size=PAGE_SIZE):
    """Where the ``?page=`` of the URL starts (0 for a missing or unreadable number)."""
    try:
        number = int(params.get("page") or 1)
    except (TypeError, ValueError):
        number = 1
    return (max(number, 1) - 1) * size


def explore(params, language, *, matching=None, size=PAGE_SIZE):
    """Filter, count and sort the reader's assets from query parameters.

    ``matching`` (page ids from the search backend: a queryset or a list) narrows to search hits.
    Each facet's counts apply every *other* facet, so choosing a second value in the same facet
    stays possible and the numbers say what a click would give. The requested page of results
    (``?page=``) of a search is read with the counts that apply every condition, so that the
    search is evaluated once; without one, a query of its own reads it through the indexes.
    """
    base = reader_entries(language)
    if matching is not None:
        base = base.filter(page_id__in=matching)
    facets = make_facets()
    conditions = {}
    for facet in facets:
        facet.selected = facet.parse(params.getlist(facet.param))
        if facet.selected:
            conditions[facet.param] = facet.condition(facet.selected)
    sort = params.get("sort") if params.get("sort") in SORTS else DEFAULT_SORT
    offset = page_offset(params, size)
    # Facets whose counts apply the same conditions (every facet without a selection) share
    # one query: 1 + the number of facets with a selection, whatever the collection.
    groups = {tuple(conditions): []}  # the group applying every condition reads the results
    for facet in facets:
        others = tuple(param for param in conditions if param != facet.param)
        groups.setdefault(others, []).append(facet)
    total, ids = 0, None
    for others, members in groups.items():
        queryset = base
        for param in others:
            queryset = queryset.filter(conditions[param])
        if len(others) == len(conditions):
            window = (offset, size) if matching is not None else None
            total, ids = read(queryset, members, sort, window=window)
            ids = ids if window else None
        else:
            read(queryset, members)
    result = base
    for condition in conditions.values():
        result = result.filter(condition)
    return Exploration(entries=result, facets=facets, sort=sort, query=params.get("q", ""),
                       total=total, ids=ids, offset=offset)
