"""What the site search finds and how it forgives typing mistakes.

The search *backend* (database full text, PostgreSQL, OpenSearch) is a setting; this module
only asks it for matches. ``suggest`` is the typo tolerance the results page uses for "Did you
mean …?": a plain function over the words readers can find, so a backend with its own fuzzy
matching can replace it in one place.
"""

from __future__ import annotations

import difflib
import re

from django.utils import translation
from wagtail.models import Locale

from twinit_pages import choices
from twinit_pages.models import CampaignPage, HeritageAssetPage

WORD = re.compile(r"\w+", re.UNICODE)


def matching_asset_ids(query):
    """Ids of live assets (any language) the search backend matches; the explorer narrows."""
    results = HeritageAssetPage.objects.live().public().search(query, operator="and")
    return [page.pk for page in results]


def matching_pages(query, language):
    """Campaign pages (about, FAQ, hackathon …) in the reader's language that match."""
    locale = Locale.objects.filter(language_code=language).first()
    pages = CampaignPage.objects.live().public()
    if locale is not None:
        pages = pages.filter(locale=locale)
    return list(pages.search(query, operator="and")[:10])


def vocabulary(language):
    """Words a reader may mean: country, type and usage labels in their language, titles, places."""
    with translation.override(language):
        labels = [str(label) for vocab in (
            choices.MEMBER_STATES, choices.HERITAGE_TYPES, choices.USAGE_AREAS,
            choices.CAPTURE_TECHNIQUES,
        ) for _code, label in vocab]
    texts = labels + list(
        HeritageAssetPage.objects.live().values_list("title", flat=True).distinct()[:5000]
    ) + list(HeritageAssetPage.objects.live().values_list("place_name", flat=True)
             .distinct()[:5000])
    return {word.lower() for text in texts for word in WORD.findall(text) if len(word) > 2}


def suggest(query, language):
    """The query with each unknown word replaced by the closest known one, or "" if none."""
    words = vocabulary(language)
    changed, corrected = False, []
    for word in WORD.findall(query):
        lower = word.lower()
        if lower in words or len(lower) < 3:
            corrected.append(word)
            continue
        close = difflib.get_close_matches(lower, words, n=1, cutoff=0.75)
        corrected.append(close[0] if close else word)
        changed = changed or bool(close)
    return " ".join(corrected) if changed else ""
