"""Admin wiring: translation views, the coverage report, and the translator guard."""

from django.core.exceptions import PermissionDenied
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from campaign.languages import language_name
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


class TranslationWorkPanel(Component):
    """"Translate into <language>": the translator's next work on the admin home page."""

    name = "twinit_translation_work"
    template_name = "twinit_locales/work_panel.html"
    order = 40  # above the campaign dashboard: for a translator, this is the job

    def __init__(self, user, languages):
        self.user = user
        self.languages = languages

    def get_context_data(self, parent_context):
        from locales.coverage import STATE_LABELS
        from locales.worklist import translation_work

        context = super().get_context_data(parent_context)
        items, more = translation_work(self.languages)
        context.update({
            # A component renders without the request: its Translate forms need the token.
            "csrf_token": parent_context.get("csrf_token"),
            "items": [(item, STATE_LABELS[item.state]) for item in items],
            "more": more,
            "heading": _("Translate into %(languages)s") % {
                "languages": ", ".join(language_name(code) for code in self.languages)},
            "coverage_url": reverse("twinit_locales:coverage") + (
                f"?language={self.languages[0]}" if len(self.languages) == 1 else ""),
            "multiple_languages": len(self.languages) > 1,
        })
        return context


@hooks.register("construct_homepage_panels")
def add_translation_work(request, panels):
    from locales.review import translator_languages

    languages = sorted(translator_languages(request.user))
    if languages:
        panels.append(TranslationWorkPanel(request.user, languages))
