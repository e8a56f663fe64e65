"""Translation review: who reviews, how a translation is started, submitted and approved.

Flow (see README): a translator starts a translation (a draft page in their language, never
live), translates it in wagtail-localize's editor (by hand, machine draft, or PO file), and
submits it; ``submit_for_review`` saves it as a draft revision and starts the "Translation
review" workflow; the reviewer approves (Wagtail publishes the submitted revision) or requests
changes (the page stays as it was, the comment goes to the translator).
"""

import hashlib
import json

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from campaign import geography, roles
from campaign.choices import MEMBER_STATE_LANGUAGES
from campaign.languages import LANGUAGE_CODES

WORKFLOW_NAME = "Translation review"
TASK_NAME = "Translation review"
# Dotted path of a function(page) -> iterable of group names that review its translation.
REVIEWERS_SETTING = "TWINIT_TRANSLATION_REVIEWERS"


# --- roles ---------------------------------------------------------------------------------

def translator_languages(user):
    """Language codes the user translates into (from the groups "Translators xx")."""
    if not user.is_authenticated:
        return set()
    names = set(user.groups.values_list("name", flat=True))
    return {code for code in LANGUAGE_CODES if roles.translators(code) in names}


def can_translate_into(user, language_code):
    if not user.is_authenticated or not user.is_active:
        return False
    return (
        user.is_superuser
        or roles.is_europeana_editor(user)
        or language_code in translator_languages(user)
    )


def default_reviewer_group_names(page):
    """National coordinators for their country's own languages, Europeana editors otherwise."""
    iso = geography.country_of(page)
    language = page.locale.language_code
    if iso and language in MEMBER_STATE_LANGUAGES.get(iso, ()):
        return [roles.coordinators(iso)]
    return [roles.EUROPEANA_EDITORS]


def reviewer_group_names(page):
    path = getattr(settings, REVIEWERS_SETTING, None)
    function = import_string(path) if path else default_reviewer_group_names
    return list(function(page))


# --- the workflow ---------------------------------------------------------------------------

@transaction.atomic
def ensure_workflow():
    """The "Translation review" workflow with its one task (idempotent). Not assigned to any
    page: translations start it explicitly, so it never competes with the submission workflow
    that covers the page trees."""
    from locales.models import TranslationReviewTask
    from workflows.setup import ensure_workflow_with_tasks

    workflow, _tasks = ensure_workflow_with_tasks(WORKFLOW_NAME, [(TranslationReviewTask, TASK_NAME)])
    return workflow


def is_translation_workflow(workflow_state):
    return workflow_state is not None and workflow_state.workflow.name == WORKFLOW_NAME


def translation_for_page(page):
    """The enabled wagtail-localize Translation whose target is ``page``, or None."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .exclude(source__locale_id=page.locale_id)
        .select_related("source", "target_locale")
        .first()
    )


# --- starting and submitting ----------------------------------------------------------------

@transaction.atomic
def start_translation(page, language_code, user):
    """Create (or update) the draft translation of ``page`` into a language; return the page.

    Like wagtail-localize's "Translate this page", but only from a live source and from its
    live version (never from a draft nobody approved: see workflows.gate), always saved as a
    draft, and only into a language the user may translate into.
    """
    page = page.specific
    if not can_translate_into(user, language_code):
        raise PermissionDenied
    if translation_for_page(page) is not None or page.alias_of_id:
        raise PermissionDenied  # translate the source, not a translation
    locale = Locale.objects.get(language_code=language_code)
    if locale.pk == page.locale_id:
        raise PermissionDenied
    if not page.live or page.live_revision is None:
        raise SourceNotLive
    source, _created = TranslationSource.update_or_create_from_instance(
        page.live_revision.as_object()
    )
    translation, _created = Translation.objects.update_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    save_draft(translation, user)
    from locales.permissions import grant_translator_permissions

    grant_translator_permissions(languages=[language_code])
    return page.get_translation(locale)


class ReviewError(Exception):
    pass


class SourceNotLive(PermissionDenied):
    """Only a published source is translated: a draft has not passed its review yet."""


def save_draft(translation, user):
    """Save the translation's current strings as a draft revision of its target page.

    ``Translation.save_target(publish=False)`` also writes the draft into the page's own row,
    which for a live page *is* what readers see. Put the live revision's content back, so the
    public keeps the last approved translation until the draft is approved.
    """
    try:
        target = translation.get_target_instance()
    except ObjectDoesNotExist:
        target = None
    live_revision = target.live_revision if target is not None and target.live else None
    translation.save_target(user=user, publish=False)
    if live_revision is not None:
        live = live_revision.as_object()  # live content on top of the current row's metadata
        live.save(clean=False)
    return Page.objects.get(
        translation_key=translation.source.object_id, locale=translation.target_locale
    ).specific


@transaction.atomic
def submit_for_review(translation, user):
    """Save the translation as a draft revision and start (or restart) its review."""
    target = translation.get_target_instance()
    if not isinstance(target, Page):
        raise ReviewError("Only page translations go through review.")
    target = target.specific
    if not (
        can_translate_into(user, translation.target_locale.language_code)
        and target.permissions_for_user(user).can_edit()
    ):
        raise PermissionDenied
    current = target.current_workflow_state
    if current is not None and not is_translation_workflow(current):
        raise ReviewError("This page is already in another workflow.")
    try:
        target = save_draft(translation, user)
    except ValidationError as error:
        raise ReviewError("; ".join(error.messages)) from error
    if current is not None:
        current.cancel(user=user)
    workflow = ensure_workflow()
    return workflow.start(target, user)


def publish_approved_translation(workflow_state, user=None):
    """Finish action of the translation review: publish the submitted (latest) revision."""
    revision = workflow_state.content_object.get_latest_revision()
    revision.publish(user=user, skip_permission_checks=True)


# --- what was approved, and is it still current ---------------------------------------------

def text_digest(instance):
    """A digest of the translatable text of a page (not of synchronised fields)."""
    items = sorted(
        (segment.path, segment.string.data)
        for segment in extract_segments(instance)
        if isinstance(segment, StringSegmentValue)
    )
    return hashlib.sha256(json.dumps(items, ensure_ascii=False).encode()).hexdigest()


def record_approval(workflow_state, user=None):
    from locales.models import TranslationApproval

    page = workflow_state.content_object
    translation = translation_for_page(page)
    if translation is None:
        return None
    approval, _created = TranslationApproval.objects.update_or_create(
        translation=translation,
        defaults={
            "page": page,
            "revision": page.latest_revision,
            "source_digest": text_digest(translation.source.as_instance()),
            "approved_at": timezone.now(),
            "approved_by": user,
        },
    )
    return approval


def on_workflow_approved(sender, instance, user=None, **kwargs):
    if isinstance(instance, WorkflowState) and is_translation_workflow(instance):
        record_approval(instance, user=user)
