"""What follows a change readers can see: the anonymous page cache is purged (page_cache.py) and
the collection entries of the asset groups concerned are rewritten (collection_entries.py)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from twinit_pages import collection_entries
from twinit_pages.page_cache import purge_page


@receiver(page_published)
@receiver(page_unpublished)
@receiver(pre_page_move)
@receiver(post_page_move)
def page_changed(sender, instance, **kwargs):
    purge_page(instance)


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    # A country or a view restriction may differ at the new place, for every asset below.
    collection_entries.refresh_under(instance)


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        purge_page(instance)


def asset_saved_or_deleted(sender, instance, **kwargs):
    """Any save of an asset page (publishing, unpublishing, an alias following its source, a new
    translation) may change which page of its group each reader sees: rewrite the group."""
    collection_entries.refresh_pages([instance])


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def restriction_changed(sender, instance, **kwargs):
    """A private section's assets leave the public collection (and come back)."""
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        collection_entries.refresh_under(page)
        purge_page(page)


def model_changed(sender, instance, **kwargs):
    """A 3D model's poster, files or status show on every live page that uses it (and whether
    it can be placed in a room counts in the explorer)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex

    ids = ReferenceIndex.get_references_to(instance).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    ).values_list("object_id", flat=True)
    pages = list(Page.objects.filter(pk__in=[int(i) for i in ids if str(i).isdigit()]))
    for page in pages:
        purge_page(page)
    collection_entries.refresh_pages(pages)


def connect_model_signals():
    from models3d.models import ThreeDModel
    from twinit_pages.models import HeritageAssetPage

    post_save.connect(model_changed, sender=ThreeDModel, dispatch_uid="twinit_cache_model_save")
    post_delete.connect(model_changed, sender=ThreeDModel,
                        dispatch_uid="twinit_cache_model_delete")
    post_save.connect(asset_saved_or_deleted, sender=HeritageAssetPage,
                      dispatch_uid="twinit_collection_asset_save")
    post_delete.connect(asset_saved_or_deleted, sender=HeritageAssetPage,
                        dispatch_uid="twinit_collection_asset_delete")
