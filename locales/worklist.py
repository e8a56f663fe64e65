"""The translator's start page: what to translate into their languages next, newest first.

Work is any **live** source page — heritage assets and the campaign's own pages (home, about,
FAQ…) — whose translation into the language is missing, outdated (the source changed since the
approved translation) or was returned by the reviewer. Drafts are never listed: a translation
starts only from what is public (and other countries' drafts are confidential).
"""

from dataclasses import dataclass

from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import Translation

from locales.coverage import Coverage

WORK_STATES = ("changes_requested", "outdated", "missing")
BATCH = 50


@dataclass
class WorkItem:
    page: Page
    language: str
    state: str
    translated: Page | None

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.translated.pk]) if (
            self.translated is not None) else ""

    @property
    def start_url(self):
        return reverse("twinit_locales:start", args=[self.page.pk, self.language])


def live_sources():
    """Live source pages (not translations, not aliases) of assets and campaign pages,
    most recently published first, as a lazy iterator."""
    from twinit_pages.models import CampaignHomePage, CampaignPage, HeritageAssetPage

    target_pairs = set(Translation.objects.values_list("source__object_id", "target_locale_id"))
    pages = (
        Page.objects.live().type(CampaignHomePage, CampaignPage, HeritageAssetPage)
        .filter(alias_of__isnull=True).select_related("locale")
        .order_by("-last_published_at", "-pk")
    )
    seen = set()
    for page in pages.iterator(chunk_size=BATCH):
        if (page.translation_key, page.locale_id) in target_pairs or page.translation_key in seen:
            continue
        seen.add(page.translation_key)
        yield page


def translation_work(languages, limit=15):
    """Up to ``limit`` work items for ``languages``, newest source first, and whether more
    exist. Coverage is computed a batch of sources at a time, so the cost follows ``limit``,
    not the size of the campaign."""
    items, batch = [], []
    sources = live_sources()
    exhausted = False
    while len(items) <= limit and not exhausted:
        batch = []
        for page in sources:
            batch.append(page)
            if len(batch) == BATCH:
                break
        exhausted = len(batch) < BATCH
        if not batch:
            break
        coverage = Coverage(batch)
        for page in batch:
            for language in languages:
                state = coverage.state(page, language)
                if state in WORK_STATES:
                    items.append(WorkItem(
                        page, language, state,
                        coverage.pages.get((page.translation_key, language)),
                    ))
    return items[:limit], len(items) > limit
