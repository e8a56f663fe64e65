"""The public collection as a reader sees it: one card per asset, filtered by facets.

The explorer (``/<lang>/collection/``) and the search results share this module, so a facet means
the same on both and a filtered URL can be shared. Every count is an SQL aggregate over the whole
result, never a loop over pages, so the explorer holds at campaign scale (50,000 assets).

A reader in language ``xx`` sees each asset once: its ``xx`` page where one exists (a translation
or wagtail-localize's alias), otherwise its source page in the language it was written in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import CharField, Count, F, IntegerField, Min, Q
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from campaign import choices
from campaign.languages import EU_LANGUAGES, LANGUAGE_CODES
from twinit_pages.models import HeritageAssetPage, MemberStatePage

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
    """One live page per asset for a reader of ``language`` (see the module docstring)."""
    live = live_assets()
    local = live.filter(locale__language_code=language)
    local_keys = local.values("translation_key")
    # Without a page in the reader's language: the source page, i.e. the group's first page.
    sources = (
        live.filter(alias_of__isnull=True).exclude(translation_key__in=local_keys)
        .values("translation_key").annotate(first=Min("pk")).values("first")
    )
    return HeritageAssetPage.objects.filter(Q(pk__in=local.values("pk")) | Q(pk__in=sources))


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
    """One filter of the explorer: a query parameter, its options and how it narrows a queryset."""

    param: str
    label: str
    options: tuple  # ((value, label), …)
    selected: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)

    def condition(self, values):
        raise NotImplementedError

    def count(self, queryset):
        raise NotImplementedError

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

    def count(self, queryset):
        codes = state_paths()
        counts = {}
        rows = with_parent_path(queryset).order_by().values("parent_path").annotate(n=Count("pk"))
        for row in rows:
            code = codes.get(row["parent_path"])
            if code:
                counts[code] = counts.get(code, 0) + row["n"]
        return counts


class ValueFacet(Facet):
    """A single-valued field: one GROUP BY."""

    field_name = ""

    def condition(self, values):
        return Q(**{f"{self.field_name}__in": values})

    def count(self, queryset):
        rows = queryset.order_by().values(self.field_name).annotate(n=Count("pk"))
        return {row[self.field_name]: row["n"] for row in rows}


class ListFacet(Facet):
    """A JSON list of codes: one conditional count per option, all in one query."""

    field_name = ""

    def condition(self, values):
        condition = Q()
        for value in values:
            condition |= _json_list_has(self.field_name, value)
        return condition

    def count(self, queryset):
        aggregates = {
            f"n{i}": Count("pk", filter=_json_list_has(self.field_name, value))
            for i, (value, _label) in enumerate(self.options)
        }
        result = queryset.order_by().aggregate(**aggregates)
        return {value: result[f"n{i}"] for i, (value, _label) in enumerate(self.options)}


class LicenceFacet(ValueFacet):
    field_name = "rights_uri"


class LanguageFacet(Facet):
    """Languages an asset can be read in: its source and its live, reviewed translations."""

    def condition(self, values):
        keys = (
            live_assets().filter(alias_of__isnull=True, locale__language_code__in=values)
            .values("translation_key")
        )
        return Q(translation_key__in=keys)

    def count(self, queryset):
        rows = (
            live_assets().filter(alias_of__isnull=True,
                                 translation_key__in=queryset.values("translation_key"))
            .order_by().values(code=F("locale__language_code"))
            .annotate(n=Count("translation_key", distinct=True))
        )
        return {row["code"]: row["n"] for row in rows}


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

    def count(self, queryset):
        return {"yes": queryset.filter(pk__in=self._ar_pages()).order_by().count()}


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
        simple(LicenceFacet, "licence", _("Licence"), choices.RIGHTS, "rights_uri"),
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
    base = reader_assets(language if language in LANGUAGE_CODES else "en")
    if matching is not None:
        base = base.filter(pk__in=matching)
    facets = make_facets()
    conditions = {}
    for facet in facets:
        facet.selected = facet.parse(params.getlist(facet.param))
        if facet.selected:
            conditions[facet.param] = facet.condition(facet.selected)
    for facet in facets:
        others = Q()
        for param, condition in conditions.items():
            if param != facet.param:
                others &= condition
        facet.counts = facet.count(base.filter(others))
    result = base
    for condition in conditions.values():
        result = result.filter(condition)
    sort = params.get("sort") if params.get("sort") in SORTS else DEFAULT_SORT
    result = with_parent_path(result).select_related("locale").order_by(*SORTS[sort][1])
    return Exploration(assets=result, facets=facets, sort=sort, query=params.get("q", ""))

