"""Where a page sits in the campaign: its Member State, and which page speaks for an asset.

The page tree is the campaign's map: each Member State page (one per country and locale) holds
that country's assets as its children. Every app asks these functions, so "which country" and
"which page is the source" have one answer everywhere: the dashboard, the workflow, translation
review and coverage, OAI-PMH and the exports.

The Member State page model belongs to the page app; this ground floor names it by its app label
(as Django's ``AUTH_USER_MODEL`` does) instead of importing it, so it imports no app.
"""

from django.apps import apps
from django.db.models import Exists, OuterRef, Q
from wagtail.models import Page
from wagtail_localize.models import Translation

MEMBER_STATE_MODEL = "twinit_pages.MemberStatePage"


def member_state_pages():
    return apps.get_model(MEMBER_STATE_MODEL).objects.all()


def _paths_at_and_above(path):
    return [path[:i] for i in range(Page.steplen, len(path) + 1, Page.steplen)]


def country_of(page):
    """ISO code of the Member State page at or above ``page``, or "" (campaign pages, other
    objects, a page not saved yet)."""
    if not isinstance(page, Page) or not page.path:
        return ""
    return (
        member_state_pages().filter(path__in=_paths_at_and_above(page.path))
        .order_by("-depth").values_list("iso_code", flat=True).first()
        or ""
    )


def countries_by_path(paths=None):
    """{Member State page path: ISO code}, for reading the country of many pages at once from
    their parent's path (assets are children of their Member State page); of ``paths`` only, if
    given."""
    states = member_state_pages()
    if paths is not None:
        states = states.filter(path__in=list(paths))
    return dict(states.values_list("path", "iso_code"))


def pages_in(country, queryset=None):
    """The pages under the Member State page(s) of ``country`` (one per locale), in any locale;
    the pages of ``queryset`` if given (for a list of ISO codes, under any of them)."""
    queryset = Page.objects.all() if queryset is None else queryset
    codes = [country] if isinstance(country, str) else list(country)
    paths = member_state_pages().filter(iso_code__in=codes).values_list("path", flat=True)
    under = Q(pk__in=[])
    for path in paths:
        under |= Q(path__startswith=path)
    return queryset.filter(under)


def is_source():
    """The condition that makes a page the source of its translation group.

    The source is the page translations are made from: never an alias (an alias copies another
    page), never a wagtail-localize translation target, and, of pages that are neither (a copy
    made by Wagtail's own "copy for translation" leaves no record), the first created. So after
    the source is deleted its translations do not take its place, and an alias never counts.
    Two anti-joins on indexed columns: the same few queries at 50 assets and at 50,000.
    """
    earlier = Page.objects.filter(
        translation_key=OuterRef("translation_key"), alias_of__isnull=True, pk__lt=OuterRef("pk"),
    )
    target = Translation.objects.filter(
        source__object_id=OuterRef("translation_key"), target_locale_id=OuterRef("locale_id"),
    )
    return Q(alias_of__isnull=True) & ~Exists(earlier) & ~Exists(target)


def sources(queryset=None):
    """The source pages among ``queryset`` (all pages if not given): one per translation key."""
    queryset = Page.objects.all() if queryset is None else queryset
    return queryset.filter(is_source())


def source_page(translation_key, queryset=None):
    """The source page of one translation group, or None (its source was deleted)."""
    queryset = Page.objects.all() if queryset is None else queryset
    return sources(queryset.filter(translation_key=translation_key)).first()
