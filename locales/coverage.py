"""Translation coverage: for each asset and language, approved, in review, outdated or missing.

States of one (source page, language):

- ``missing``: no translation (an alias copying the source does not count);
- ``draft``: a translation exists but was never submitted, or its review was cancelled;
- ``in_review``: waiting for its reviewer;
- ``changes_requested``: the reviewer sent it back (the public still sees the last approved
  version, or nothing);
- ``outdated``: live, but the source text changed since the approved translation was made;
  the last approved version stays public until the update is approved;
- ``approved``: live and up to date.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import Translation, TranslationSource

from campaign import geography
from campaign.languages import LANGUAGE_CODES

STATES = ("approved", "in_review", "changes_requested", "outdated", "draft", "missing")
# What the coverage report, the editor's review panel and the translator's work panel show.
STATE_LABELS = {
    "approved": gettext_lazy("approved"),
    "in_review": gettext_lazy("in review"),
    "changes_requested": gettext_lazy("changes requested"),
    "outdated": gettext_lazy("outdated"),
    "draft": gettext_lazy("draft"),
    "missing": gettext_lazy("missing"),
    "source": gettext_lazy("source"),
}


@dataclass
class AssetCoverage:
    page: Page
    states: dict = field(default_factory=dict)  # language code -> state ("source" for its own)

    def counts(self):
        return {state: sum(1 for s in self.states.values() if s == state) for state in STATES}


class Coverage:
    """Computes states for many source pages with a fixed number of queries (plus one text
    extraction per source page that has live translations)."""

    def __init__(self, source_pages):
        from locales.models import TranslationApproval
        from locales.review import WORKFLOW_NAME

        self.sources = list(source_pages)
        keys = [page.translation_key for page in self.sources]
        self.pages = {}
        for page in Page.objects.filter(translation_key__in=keys).select_related("locale"):
            self.pages[(page.translation_key, page.locale.language_code)] = page
        ids = [str(page.pk) for page in self.pages.values()]
        page_type = ContentType.objects.get_for_model(Page)
        self.workflow = {}
        for state in WorkflowState.objects.filter(
            base_content_type=page_type, object_id__in=ids,
            status__in=(WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES),
        ).select_related("workflow"):
            self.workflow[int(state.object_id)] = state
        self.translations = {
            (t.source.object_id, t.target_locale.language_code): t
            for t in Translation.objects.filter(source__object_id__in=keys)
            .select_related("source", "target_locale")
        }
        self.approvals = {
            a.translation_id: a
            for a in TranslationApproval.objects.filter(
                translation__in=[t.pk for t in self.translations.values()]
            )
        }
        self.sources_by_key = {
            s.object_id: s for s in TranslationSource.objects.filter(object_id__in=keys)
        }
        self.workflow_name = WORKFLOW_NAME
        self._digests = {}

    def _digest(self, page):
        from locales.review import text_digest

        if page.pk not in self._digests:
            self._digests[page.pk] = text_digest(page.specific)
        return self._digests[page.pk]

    def is_outdated(self, source_page, translated, translation):
        approval = self.approvals.get(translation.pk) if translation else None
        if approval is not None:
            return self._digest(source_page) != approval.source_digest
        # Published without our review (e.g. by an editor): compare publication times.
        return bool(
            source_page.last_published_at and translated.last_published_at
            and source_page.last_published_at > translated.last_published_at
        )

    def state(self, source_page, language):
        if source_page.locale.language_code == language:
            return "source"
        translated = self.pages.get((source_page.translation_key, language))
        if translated is None or translated.alias_of_id:
            return "missing"
        translation = self.translations.get((source_page.translation_key, language))
        workflow_state = self.workflow.get(translated.pk)
        if workflow_state is not None:
            if workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
                return "changes_requested"
            return "in_review"
        if translated.live:
            return "outdated" if self.is_outdated(source_page, translated, translation) else (
                "approved"
            )
        return "draft"

    def rows(self, languages=LANGUAGE_CODES):
        return [
            AssetCoverage(page, {code: self.state(page, code) for code in languages})
            for page in self.sources
        ]


def source_assets(country=None, user=None):
    """Source pages of every heritage asset (one per translation key), optionally of one
    Member State (ISO code); for a ``user``, only those whose state they may see (another
    country's drafts are confidential, so a translator sees live sources only)."""
    from twinit_pages.models import HeritageAssetPage
    from workflows.confidentiality import visible_pages

    pages = geography.sources(HeritageAssetPage.objects.select_related("locale"))
    if user is not None:
        pages = visible_pages(pages, user)
    if country:
        pages = geography.pages_in(country, pages)
    return list(pages.order_by("title", "pk"))


def source_campaign_pages(user=None):
    """Source pages of the campaign's own content (the home page, campaign pages such as the FAQ
    or the hackathon page, the Member State pages): translated like assets, so covered too."""
    from twinit_pages.models import CampaignHomePage, CampaignPage, MemberStatePage
    from workflows.confidentiality import visible_pages

    pages = geography.sources(Page.objects.type(
        CampaignHomePage, CampaignPage, MemberStatePage).select_related("locale"))
    if user is not None:
        pages = visible_pages(pages, user)
    return list(pages.order_by("path"))


def translation_state(page):
    """The state of one translated page (for the editor banner), or None for a source."""
    from locales.review import translation_for_page

    translation = translation_for_page(page)
    if translation is None:
        return None
    source_page = translation.source.get_source_instance()
    return Coverage([source_page]).state(source_page, page.locale.language_code)
