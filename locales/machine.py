"""Machine translation as a first draft only, and never of names, numbers or identifiers.

Replaces wagtail-localize's "Translate with <tool>" action (same URL, registered first) with
two differences:

- strings that are names, measurements or identifiers — credit lines, slugs, accuracy and
  resolution, equipment, software and operators — are never sent: a machine would "translate"
  a museum's credit or "0.5 mm" into something else, and some of it is personal data;
- every string it fills is stored as a machine translation whose note in the editor reads
  "machine draft — review", until a person edits or confirms it (wagtail-localize then records
  it as a manual translation).

No machine translator is configured in development; production uses DeepL when
``DEEPL_API_KEY`` is set.
"""

import json
from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import StringTranslation, Translation
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.views.edit_translation import user_can_edit_instance

# Field names (at any depth of a segment's path) never sent to a machine translator.
NOT_FOR_MACHINE = frozenset({
    "slug", "credit_line", "accuracy", "resolution", "capture_equipment",
    "processing_software", "operators", "identifier", "inventory_number",
})


def sendable(path):
    return not (set(path.split(".")) & NOT_FOR_MACHINE)


def machine_draft_label(translator):
    return _("%(tool)s, machine draft — review") % {"tool": translator.display_name}


def machine_translate(translation, user, translator):
    """Fill the untranslated, sendable strings of ``translation``; return how many."""
    instance = translation.get_target_instance()
    if not user_can_edit_instance(user, instance):
        raise PermissionDenied
    if not translator.can_translate(translation.source.locale, translation.target_locale):
        raise Http404
    already = set(StringTranslation.objects.filter(
        locale=translation.target_locale,
        context__in=translation.source.stringsegment_set.values("context"),
    ).values_list("translation_of_id", "context_id"))
    wanted = defaultdict(list)
    for segment in translation.source.stringsegment_set.select_related("context", "string"):
        if not sendable(segment.context.path):
            continue
        if (segment.string_id, segment.context_id) in already:
            continue
        value = StringSegmentValue(segment.context.path, segment.string.as_value())
        if segment.attrs:
            value.attrs = json.loads(segment.attrs)
        wanted[value.string].append((segment.string_id, segment.context_id))
    if not wanted:
        return 0
    results = translator.translate(
        translation.source.locale, translation.target_locale, wanted.keys())
    label = machine_draft_label(translator)
    filled = 0
    with transaction.atomic():
        for string, places in wanted.items():
            result = results.get(string)
            if result is None or result.data is None:
                continue
            for string_id, context_id in places:
                _object, created = StringTranslation.objects.get_or_create(
                    translation_of_id=string_id, locale=translation.target_locale,
                    context_id=context_id,
                    defaults={
                        "data": result.data,
                        "translation_type": StringTranslation.TRANSLATION_TYPE_MACHINE,
                        "tool_name": label, "last_translated_by": user,
                        "has_error": False, "field_error": "",
                    },
                )
                filled += created
    return filled


def machine_draft_count(translation):
    """Strings of ``translation`` still as the machine left them (not edited or confirmed)."""
    return StringTranslation.objects.filter(
        locale=translation.target_locale,
        context__in=translation.source.stringsegment_set.values("context"),
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
    ).count()


@require_POST
def machine_translate_view(request, translation_id):
    translator = get_machine_translator()
    if translator is None:
        raise Http404
    translation = get_object_or_404(Translation, pk=translation_id)
    if machine_translate(translation, request.user, translator):
        messages.success(request, _(
            "Machine draft made with %(tool)s. Each string it filled is marked “machine draft — "
            "review” until you edit or confirm it. Names, credit lines, measurements and "
            "identifiers were not sent.") % {"tool": translator.display_name})
    else:
        messages.warning(request, _("There isn't anything left to translate."))
    return redirect(get_valid_next_url_from_request(request) or "wagtailadmin_home")
