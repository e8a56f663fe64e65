"""Purge the anonymous page cache when what readers see changes (see page_cache.py)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from twinit_pages.page_cache import purge_page


@receiver(page_published)
@receiver(page_unpublished)
@receiver(pre_page_move)
@receiver(post_page_move)
def page_changed(sender, instance, **kwargs):
    purge_page(instance)


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        purge_page(instance)


def model_changed(sender, instance, **kwargs):
    """A 3D model's poster, files or status show on every live page that uses it."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex

    ids = ReferenceIndex.get_references_to(instance).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    ).values_list("object_id", flat=True)
    for page in Page.objects.filter(pk__in=[int(i) for i in ids if str(i).isdigit()]):
        purge_page(page)


def connect_model_signals():
    from models3d.models import ThreeDModel

    post_save.connect(model_changed, sender=ThreeDModel, dispatch_uid="twinit_cache_model_save")
    post_delete.connect(model_changed, sender=ThreeDModel,
                        dispatch_uid="twinit_cache_model_delete")
