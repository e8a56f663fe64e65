"""What the site search finds and how it forgives typing mistakes.

The search *backend* (database full text, PostgreSQL, OpenSearch) is a setting; this module
only asks it for matches. ``matching_asset_ids`` stays a subquery on the database backends so
the explorer filters, counts facets and paginates in SQL: materialising the ids of a common word
("heritage" matches every asset) cost seconds per request at 50,000 assets.

``suggest`` is the typo tolerance the results page uses for "Did you mean …?". On PostgreSQL
the candidate words come from the trigram indexes of the search table (a handful of titles and
places per word, whatever the collection size); elsewhere from a bounded vocabulary in Python.
"""

from __future__ import annotations

import difflib
import re

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.lookups import TrigramWordSimilar
from django.db import connection
from django.db.models import Exists, F, FloatField, Func, IntegerField, OuterRef, Value
from django.db.models.functions import Cast
from django.utils import translation
from wagtail.models import Locale
from wagtail.search.models import IndexEntry

from campaign import choices
from twinit_pages.models import CampaignPage, CollectionEntry, HeritageAssetPage

WORD = re.compile(r"\w+", re.UNICODE)
CANDIDATE_TEXTS = 8  # index rows read per unknown word on PostgreSQL


def matching_asset_ids(query):
    """Asset pages the search backend matches, as ids to filter collection entries with.

    Any state and language: the entries are the live public pages, so asking the backend to
    check that too would only add a join to the page table. A queryset of ids on the database
    backends (never evaluated here); a list where the backend is an external engine (OpenSearch)
    that can only return hits.
    """
    results = HeritageAssetPage.objects.search(query, operator="and", order_by_relevance=False)
    get_queryset = getattr(results, "get_queryset", None)
    if get_queryset is not None:
        return get_queryset().order_by().values("pk")
    return [page.pk for page in results]


def matching_pages(query, language):
    """Campaign pages (about, FAQ, hackathon …) in the reader's language that match."""
    locale = Locale.objects.filter(language_code=language).first()
    pages = CampaignPage.objects.live().public()
    if locale is not None:
        pages = pages.filter(locale=locale)
    return list(pages.search(query, operator="and")[:10])


def label_words(language):
    """Country, type, usage and technique labels in the reader's language."""
    with translation.override(language):
        labels = [str(label) for vocab in (
            choices.MEMBER_STATES, choices.HERITAGE_TYPES, choices.USAGE_AREAS,
            choices.CAPTURE_TECHNIQUES,
        ) for _code, label in vocab]
    return words_of(labels)


def words_of(texts):
    return {word.lower() for text in texts for word in WORD.findall(text or "") if len(word) > 2}


def collection_words(word):
    """Words of live asset titles and places a reader typing ``word`` may mean."""
    if connection.vendor == "postgresql":
        return _trigram_candidates(word)
    texts = list(
        HeritageAssetPage.objects.live().values_list("title", flat=True).distinct()[:5000]
    ) + list(HeritageAssetPage.objects.live().values_list("place_name", flat=True)
             .distinct()[:5000])
    return words_of(texts)


def _trigram_candidates(word):
    """The few indexed titles/texts of live assets with a word most like ``word`` (pg_trgm).

    Titles and texts are matched in two arms of a UNION, one per trigram index: with an OR
    between them, the planner scanned every row (a word similarity per row, 0.7 s at 10,000
    assets) wherever the table looked small enough.
    """
    # Live public assets are those with a collection entry: one index probe per candidate.
    live = CollectionEntry.objects.filter(page_id=Cast(OuterRef("object_id"), IntegerField()))
    entries = IndexEntry.objects.filter(
        Exists(live), content_type=ContentType.objects.get_for_model(HeritageAssetPage))
    arms = [
        entries.filter(TrigramWordSimilar(F(column), Value(word)))
        .annotate(similarity=Func(Value(word), F(column), function="word_similarity",
                                  output_field=FloatField()))
        .values_list("title_text", "body_text", "similarity")
        for column in ("title_text", "body_text")
    ]
    rows = arms[0].union(arms[1]).order_by("-similarity")[:CANDIDATE_TEXTS]
    return words_of(text for title, body, _similarity in rows for text in (title, body))


def suggest(query, language):
    """The query with each unknown word replaced by the closest known one, or "" if none."""
    labels = label_words(language)
    changed, corrected = False, []
    for word in WORD.findall(query):
        lower = word.lower()
        if lower in labels or len(lower) < 3:
            corrected.append(word)
            continue
        words = labels | collection_words(lower)
        if lower in words:
            corrected.append(word)
            continue
        close = difflib.get_close_matches(lower, words, n=1, cutoff=0.75)
        corrected.append(close[0] if close else word)
        changed = changed or bool(close)
    return " ".join(corrected) if changed else ""
