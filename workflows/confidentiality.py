"""Draft confidentiality: a Member State's unpublished work is seen only by that state and Europeana.

Outside their own country, contributors, coordinators and translators see no draft titles,
content or status anywhere in the admin. Wagtail's own permissions already keep them out of
other countries' editors and histories; what it does not filter are the places that list *every*
page (page chooser and its search, some reports, our translation coverage) and the titles it
prints (``get_admin_display_title`` is the *draft* title, also in error messages). This module
answers the one question all of those ask — may this user see this page's unpublished state? —
and the querysets filter with it.

A live page with unpublished changes stays visible elsewhere, under its *live* title only.
"""

from contextvars import ContextVar

from django.db.models import Q
from wagtail.models import Page

from campaign import geography, roles

# The user of the admin request being served (set by confidentiality_middleware), so a page can
# choose its display title without a request at hand.
current_user = ContextVar("twinit_current_user", default=None)


def sees_every_draft(user):
    return bool(user and user.is_authenticated and roles.is_europeana_editor(user))


def _state_paths(user):
    """Tree paths of the Member State pages (every locale) of the user's own countries."""
    cache = getattr(user, "_twinit_state_paths", None)
    if cache is None:
        countries = roles.coordinated_countries(user) | roles.contributed_countries(user)
        cache = [path for path, iso in geography.countries_by_path().items() if iso in countries]
        user._twinit_state_paths = cache
    return cache


def own_pages_q(user):
    """Pages whose drafts ``user`` may see: under their own Member States, or translations
    into their own languages (a translator's own work). Only fields Wagtail's search index can
    filter on (path, locale, translation_key, live), so the chooser's search can apply it."""
    from wagtail.models import Locale
    from wagtail_localize.models import Translation

    from locales.review import translator_languages

    conditions = [Q(path__startswith=path) for path in _state_paths(user)]
    languages = translator_languages(user)
    if languages:
        keys = Translation.objects.filter(target_locale__language_code__in=languages)
        conditions.append(Q(
            locale__in=list(Locale.objects.filter(language_code__in=languages)),
            translation_key__in=list(keys.values_list("source__object_id", flat=True)),
        ))
    condition = Q(live=True) & Q(live=False)  # nothing, when the user has no country or language
    for each in conditions:
        condition |= each
    return condition


def visible_pages(queryset, user):
    """``queryset`` without the unpublished pages of other countries (nothing for anonymous)."""
    if sees_every_draft(user):
        return queryset
    if not (user and user.is_authenticated):
        return queryset.none()
    return queryset.filter(Q(live=True) | own_pages_q(user))


def may_see_draft(user, page):
    """True if ``user`` may see the unpublished state (title, content, status) of ``page``."""
    if sees_every_draft(user):
        return True
    if not (user and user.is_authenticated):
        return False
    if any(page.path.startswith(path) for path in _state_paths(user)):
        return True
    from locales.review import translation_for_page, translator_languages

    if page.locale.language_code in translator_languages(user):
        return translation_for_page(page) is not None
    return False


def display_title(page, draft_title):
    """The admin title of ``page`` for the current user: the draft title for those allowed,
    the live title for a live page elsewhere, a neutral label for another country's draft."""
    user = current_user.get()
    if user is None or may_see_draft(user, page):
        return draft_title
    if page.live:
        return page.title
    from django.utils.translation import gettext

    return gettext("Unpublished asset of another Member State")


def page_is_hidden(user, page_id):
    """True if the page exists but is another country's draft for ``user``."""
    page = Page.objects.filter(pk=page_id).select_related("locale").first()
    return page is not None and not page.live and not may_see_draft(user, page)
