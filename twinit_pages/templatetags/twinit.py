"""Template helpers for the public site.

Every page can be read in every language: where a page has no translation, the reader gets the
source page under their own language's interface (see ``twinit_pages.routing``). The helpers
here keep the reader in their language while doing so: links keep the reader's URL prefix, the
switcher lists all 24 languages, and ``lang`` attributes say which language the *content* is in.
"""

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html
from wagtail.models import Locale, Page

from campaign.languages import EU_LANGUAGES

register = template.Library()

LOCAL_NAMES = {code: local for code, _english, local in EU_LANGUAGES}


def reader_language():
    return translation.get_language() or settings.LANGUAGE_CODE


def with_language(url, code):
    """``/en/a/b/`` → ``/<code>/a/b/``; a URL without a language prefix is left alone."""
    for known, _english, _local in EU_LANGUAGES:
        prefix = f"/{known}/"
        if url.startswith(prefix) or url == prefix[:-1]:
            return f"/{code}/" + url[len(prefix):]
    return url


def locale_code(locale_id, request=None):
    """A locale's language code; the small Locale table is read once per request, not per card."""
    codes = getattr(request, "_twinit_locale_codes", None)
    if codes is None or locale_id not in codes:
        codes = dict(Locale.objects.values_list("pk", "language_code"))
        if request is not None:
            request._twinit_locale_codes = codes
    return codes.get(locale_id, settings.LANGUAGE_CODE)


def source_language(page, request=None):
    """The language the page's content is written in (an alias shows its source's content)."""
    source = page.alias_of if page.alias_of_id else page
    return locale_code(source.locale_id, request)


@register.simple_tag(takes_context=True)
def reader_url(context, page):
    """The page's URL, kept under the reader's language prefix when it is in another language."""
    request = context.get("request")
    url = page.get_url(request=request) or ""
    language = reader_language()
    if locale_code(page.locale_id, request) != language:
        url = with_language(url, language)
    return url


@register.simple_tag(takes_context=True)
def content_lang_attr(context, page):
    """`` lang="xx"`` where a page's content is not in the reader's language, else nothing."""
    code = source_language(page, context.get("request"))
    return format_html(' lang="{}"', code) if code != reader_language() else ""


@register.simple_tag(takes_context=True)
def page_languages(context, page=None):
    """All 24 languages for the switcher, each with the URL that serves the page in it.

    A live translation links to itself and is ``translated``; any other language links to the
    source page under that language's prefix, which serves the source content with that
    language's interface and a "not yet translated" notice. Only real translations become
    hreflang alternates (the others would be duplicates of the source).
    """
    page = page or context.get("page")
    request = context.get("request")
    current = reader_language()
    if not isinstance(page, Page):
        path = request.get_full_path() if request else "/"
        return [
            {"code": code, "name": local, "url": with_language(path, code), "translated": True,
             "current": code == current}
            for code, _english, local in EU_LANGUAGES
        ]
    translations = {
        translated.locale.language_code: translated
        for translated in page.get_translations(inclusive=True).live().public()
        .filter(alias_of__isnull=True).select_related("locale")
    }
    source = translations.get(settings.LANGUAGE_CODE) or (
        min(translations.values(), key=lambda p: p.pk) if translations else page
    )
    source_url = source.get_url(request=request) or ""
    entries = []
    for code, _english, local in EU_LANGUAGES:
        translated = translations.get(code)
        entry = {"code": code, "name": local, "current": code == current,
                 "translated": translated is not None}
        if translated is not None:
            entry["url"] = translated.get_url(request=request)
            entry["full_url"] = translated.get_full_url(request=request)
        else:
            entry["url"] = with_language(source_url, code)
        entries.append(entry)
    return entries


@register.simple_tag(takes_context=True)
def content_language(context, page=None):
    """The language the page's content is written in (the reader's for non-page views)."""
    page = page or context.get("page")
    if not isinstance(page, Page):
        return reader_language()
    return source_language(page, context.get("request"))


@register.simple_tag(takes_context=True)
def campaign_menu(context):
    """Live campaign pages shown in menus, in the reader's language where translated."""
    from twinit_pages.models import CampaignHomePage

    homes = CampaignHomePage.objects.live().filter(alias_of__isnull=True)
    home = homes.filter(locale__language_code=reader_language()).first() or homes.filter(
        locale__language_code=settings.LANGUAGE_CODE
    ).first() or homes.first()
    if home is None:
        return []
    return list(home.get_children().live().public().in_menu().specific())


FOOTER_SLUGS = ("imprint", "privacy", "accessibility")


@register.simple_tag
def footer_pages():
    """The imprint, privacy notice and accessibility statement, in the reader's language where
    translated (campaign pages with these slugs under the home page)."""
    from twinit_pages.models import CampaignPage

    pages = {}
    for page in CampaignPage.objects.live().public().filter(
        slug__in=FOOTER_SLUGS, alias_of__isnull=True,
        locale__language_code__in={reader_language(), settings.LANGUAGE_CODE},
    ).select_related("locale"):
        if page.slug not in pages or page.locale.language_code == reader_language():
            pages[page.slug] = page
    return [pages[slug] for slug in FOOTER_SLUGS if slug in pages]
