"""The page explorer lists a Member State's thousands of assets without a query per row.

wagtail-localize adds "Translate this page" and "Sync translated pages" to every row of the
explorer, and decides each with two queries of its own (which locales lack a translation; is
there a translation source with enabled translations). At 50 rows a page that was 100 extra
queries and seconds at campaign scale. Here the explorer's queryset answers both questions as
annotations in its one query, and the row buttons read them; anywhere else (a page header, an
unannotated page) wagtail-localize's own function still decides.
"""

from django.db.models import Exists, OuterRef, Subquery
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext
from wagtail import hooks
from wagtail.admin.widgets import ListingButton
from wagtail.models import Locale, Page
from wagtail_localize import wagtail_hooks as localize_hooks
from wagtail_localize.models import TranslationSource

# wagtail-localize's own labels, looked up in its catalogue at run time.
TRANSLATE_LABEL = "Translate this page"
SYNC_LABEL = "Sync translated pages"


def annotate(pages):
    """`pages` with ``_twinit_untranslated`` (a locale lacks a translation) and
    ``_twinit_source`` (id of its translation source with enabled translations, or None)."""
    translated_locales = Page.objects.filter(
        translation_key=OuterRef(OuterRef("translation_key")), alias_of__isnull=True
    ).values("locale_id")
    sources = TranslationSource.objects.filter(
        object_id=OuterRef("translation_key"), locale_id=OuterRef("locale_id"),
        translations__enabled=True,
    ).values("pk")[:1]
    return pages.annotate(
        _twinit_untranslated=Exists(Locale.objects.exclude(id__in=translated_locales)),
        _twinit_source=Subquery(sources),
    )


def listing_buttons(page, user, view_name=None, next_url=None):
    if not hasattr(page, "_twinit_untranslated"):
        yield from localize_hooks.page_listing_more_buttons(page, user, view_name, next_url)
        return
    if page.is_root() or not user.has_perm("wagtail_localize.submit_translation"):
        return
    if page._twinit_untranslated:
        yield ListingButton(
            gettext(TRANSLATE_LABEL),
            reverse("wagtail_localize:submit_page_translation",
                    args=[page.alias_of_id or page.id]),
            priority=60, icon_name="wagtail-localize-language",
        )
    if page._twinit_source is not None:
        url = reverse("wagtail_localize:update_translations", args=[page._twinit_source])
        if next_url is not None:
            url += "?" + urlencode({"next": next_url})
        yield ListingButton(gettext(SYNC_LABEL), url, priority=60, icon_name="resubmit")


def _use_batched_buttons():
    """Put `listing_buttons` in place of wagtail-localize's row buttons (once, idempotent)."""
    registered = hooks._hooks.get("register_page_listing_more_buttons", [])
    for position, (fn, order) in enumerate(registered):
        if fn is localize_hooks.page_listing_more_buttons:
            registered[position] = (listing_buttons, order)


def construct_explorer_page_queryset(parent_page, pages, request):
    _use_batched_buttons()
    return annotate(pages)
