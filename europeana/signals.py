"""Page signals that keep the OAI-PMH item table (europeana.models.OAIRecord) up to date."""

import threading

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from twinit_pages.models import HeritageAssetPage

from . import state

# Pages being deleted: Wagtail unpublishes them (without saving) after our pre_delete handler,
# and that page_unpublished must not bring the record back.
_deleting = threading.local()


def _being_deleted():
    if not hasattr(_deleting, "pks"):
        _deleting.pks = set()
    return _deleting.pks


def _is_asset(page):
    return isinstance(page, HeritageAssetPage) or (
        isinstance(page, Page) and page.specific_class is HeritageAssetPage
    )


def _sync_later(translation_key, **kwargs):
    transaction.on_commit(lambda: state.sync_asset(translation_key, **kwargs))


@receiver(page_published)
@receiver(page_unpublished)
def asset_published_or_unpublished(sender, instance, **kwargs):
    if _is_asset(instance):
        deleting = _being_deleted()
        if instance.pk in deleting:
            return
        state.sync_asset(instance.translation_key)


@receiver(post_page_move)
def asset_moved(sender, instance, **kwargs):
    if _is_asset(instance):
        state.sync_asset(instance.translation_key, touch=False)


@receiver(pre_delete)
def asset_deleted(sender, instance, **kwargs):
    if sender is not HeritageAssetPage:
        return
    # The row must be decided while the page still exists: exclude it from the group.
    _being_deleted().add(instance.pk)
    state.sync_asset(instance.translation_key, exclude_pk=instance.pk)


@receiver(post_delete)
def asset_gone(sender, instance, **kwargs):
    if sender is HeritageAssetPage or sender is Page:
        _being_deleted().discard(instance.pk)


def _restriction_changed(instance):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:
        return
    keys = HeritageAssetPage.objects.filter(path__startswith=page.path).values_list(
        "translation_key", flat=True
    )
    for key in set(keys):
        _sync_later(key, touch=False)


@receiver(post_save, sender=PageViewRestriction)
def restriction_saved(sender, instance, **kwargs):
    _restriction_changed(instance)


@receiver(post_delete, sender=PageViewRestriction)
def restriction_deleted(sender, instance, **kwargs):
    _restriction_changed(instance)


@receiver(post_save, sender="europeana.OAIRecord")
def rebuild_datasets(sender, instance, **kwargs):
    """An asset changed publicly: rebuild its country's dataset zip and the all-countries one."""
    from django.conf import settings

    if not settings.DATASET_BUILD_ON_CHANGE:
        return
    from .tasks import build_dataset

    country = instance.country or None

    def enqueue():
        if country:
            build_dataset.enqueue(country)
        build_dataset.enqueue(None)

    transaction.on_commit(enqueue)
