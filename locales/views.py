"""Admin views: start a translation, submit it for review, translation coverage."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page
from wagtail_localize.models import Translation

from campaign import roles
from campaign.choices import MEMBER_STATES
from campaign.languages import EU_LANGUAGES, LANGUAGE_CODES, language_name
from locales import coverage, review


def _next_url(request, default):
    from django.utils.http import url_has_allowed_host_and_scheme

    url = request.POST.get("next") or request.GET.get("next")
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}):
        return url
    return default


@require_POST
def start_translation(request, page_id, language):
    page = get_object_or_404(Page, pk=page_id)
    if language not in LANGUAGE_CODES or not review.can_translate_into(request.user, language):
        raise PermissionDenied
    try:
        translated = review.start_translation(page, language, request.user)
    except review.SourceNotLive:
        messages.error(request, _(
            "This page is not published yet: a page is translated once it has passed its "
            "review and is live."
        ))
        return redirect(_next_url(request, reverse("twinit_locales:coverage")))
    messages.success(
        request,
        _("Draft translation of “%(title)s” into %(language)s created. It goes live only "
          "once reviewed.") % {"title": page.title, "language": language_name(language)},
    )
    return redirect("wagtailadmin_pages:edit", translated.pk)


@require_POST
def submit_for_review(request, translation_id):
    translation = get_object_or_404(
        Translation.objects.select_related("target_locale", "source"), pk=translation_id
    )
    target = translation.get_target_instance()
    edit_url = reverse("wagtailadmin_pages:edit", args=[target.pk])
    try:
        review.submit_for_review(translation, request.user)
    except review.ReviewError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("“%(title)s” in %(language)s was submitted for review.") % {
                "title": target.title,
                "language": language_name(translation.target_locale.language_code),
            },
        )
    return redirect(_next_url(request, edit_url))


def _editable(user):
    """Whether the coverage report links a page to its editor: only the pages the user works
    on (their countries, their languages' translations); never another country's draft."""
    from workflows.confidentiality import own_pages_q, sees_every_draft

    if sees_every_draft(user):
        return lambda page: True
    own = set(Page.objects.filter(own_pages_q(user)).values_list("pk", flat=True))
    return lambda page: page.pk in own


def coverage_report(request):
    """Coverage of every asset in every language (translators: their languages first)."""
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    country = request.GET.get("country") or ""
    if country not in dict(MEMBER_STATES):
        country = ""
    own = sorted(review.translator_languages(request.user))
    language = request.GET.get("language") or ""
    if language in LANGUAGE_CODES:
        languages = [language]
    elif own and not roles.is_europeana_editor(request.user):
        languages = own
    else:
        languages = list(LANGUAGE_CODES)
    # Heritage assets (by Member State), or the campaign's own pages.
    kind = "pages" if request.GET.get("kind") == "pages" else "assets"
    if kind == "pages":
        sources = coverage.source_campaign_pages(user=request.user)
    else:
        sources = coverage.source_assets(country or None, user=request.user)
    editable = _editable(request.user)
    page = Paginator(sources, 50).get_page(request.GET.get("p"))
    computed = coverage.Coverage(page.object_list)
    rows = []
    for row in computed.rows(languages):
        cells = []
        for code in languages:
            state = row.states[code]
            translated = computed.pages.get((row.page.translation_key, code))
            cells.append({
                "code": code,
                "state": state,
                "label": coverage.STATE_LABELS[state],
                "edit_url": reverse("wagtailadmin_pages:edit", args=[translated.pk])
                if translated is not None and state != "missing" and editable(translated)
                else "",
                "can_start": state == "missing" and review.can_translate_into(request.user, code),
            })
        rows.append({"page": row.page, "cells": cells, "edit_url": reverse(
            "wagtailadmin_pages:edit", args=[row.page.pk]) if editable(row.page) else ""})
    totals = {code: dict.fromkeys(coverage.STATES, 0) for code in languages}
    for row in computed.rows(languages):
        for code, state in row.states.items():
            if state in totals[code]:
                totals[code][state] += 1
    return TemplateResponse(request, "twinit_locales/coverage.html", {
        "rows": rows,
        "languages": languages,
        "language_names": {code: english for code, english, _local in EU_LANGUAGES},
        "all_languages": EU_LANGUAGES,
        "member_states": MEMBER_STATES,
        "country": country,
        "language": language,
        "kind": kind,
        "page_obj": page,
        "totals": [(code, totals[code]) for code in languages],
        "states": [(state, coverage.STATE_LABELS[state]) for state in coverage.STATES],
        "header_title": _("Translation coverage"),
    })
