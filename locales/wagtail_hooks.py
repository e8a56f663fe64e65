"""Admin wiring: translation views, the coverage report, and the translator guard."""

from django.core.exceptions import PermissionDenied
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from locales import views


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("start/<int:page_id>/<str:language>/", views.start_translation, name="start"),
        path("submit/<int:translation_id>/", views.submit_for_review, name="submit"),
        path("coverage/", views.coverage_report, name="coverage"),
    ]
    return [path("translations/", include((urls, "twinit_locales"), namespace="twinit_locales"))]


@hooks.register("register_admin_menu_item")
def register_coverage_menu_item():
    return MenuItem(
        _("Translation coverage"), reverse("twinit_locales:coverage"),
        icon_name="wagtail-localize-language", order=850,
    )


@hooks.register("before_edit_page")
def only_translations(request, page):
    """Translators edit translations into their language, never a source page.

    Runs before wagtail-localize's own hook (this app comes first in INSTALLED_APPS).
    """
    from locales.permissions import is_translation_only_user
    from locales.review import translation_for_page, translator_languages

    user = request.user
    if user.is_superuser or page.locale.language_code not in translator_languages(user):
        return None
    if translation_for_page(page) is not None:
        return None
    if is_translation_only_user(user, page):
        raise PermissionDenied
    return None
