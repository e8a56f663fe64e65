"""Template helpers for the public site."""

from django import template
from django.conf import settings
from django.utils import translation
from wagtail.models import Page

from locales.languages import EU_LANGUAGES

register = template.Library()

LOCAL_NAMES = {code: local for code, _english, local in EU_LANGUAGES}


@register.simple_tag(takes_context=True)
def page_languages(context, page=None):
    """The languages this page really exists in, live, with their URLs.

    Feeds the language switcher and hreflang alternates, so neither ever links to a
    translation that is missing or still in review.
    """
    page = page or context.get("page")
    request = context.get("request")
    if not isinstance(page, Page):
        code = translation.get_language() or settings.LANGUAGE_CODE
        return [{"code": code, "name": LOCAL_NAMES.get(code, code), "url": "/", "current": True}]
    current = content_language(context, page)
    entries = []
    # Aliases are untranslated copies wagtail-localize makes of parent pages: not a language
    # the page exists in.
    translations = page.get_translations(inclusive=True).live().public().filter(
        alias_of__isnull=True
    )
    for translated in translations.select_related("locale"):
        code = translated.locale.language_code
        url = translated.get_url(request=request)
        if url:
            entries.append({
                "code": code, "name": LOCAL_NAMES.get(code, code), "url": url,
                "full_url": translated.get_full_url(request=request),
                "current": code == current,
            })
    return sorted(entries, key=lambda entry: entry["code"])


@register.simple_tag(takes_context=True)
def content_language(context, page=None):
    """The language the page's content is written in, for <html lang>.

    An alias shows its source page's content, so it speaks the source's language.
    """
    page = page or context.get("page")
    if not isinstance(page, Page):
        return translation.get_language() or settings.LANGUAGE_CODE
    source = page.alias_of if page.alias_of_id else page
    return source.locale.language_code


@register.simple_tag(takes_context=True)
def campaign_menu(context):
    """Live campaign pages shown in menus, in the reader's language where translated."""
    from twinit_pages.models import CampaignHomePage

    page = context.get("page")
    locale = page.locale if isinstance(page, Page) else None
    homes = CampaignHomePage.objects.live()
    home = (homes.filter(locale=locale).first() if locale else None) or homes.filter(
        locale__language_code=translation.get_language()
    ).first() or homes.first()
    if home is None:
        return []
    return list(home.get_children().live().public().in_menu().specific())
