"""Deleting a 3D model row deletes its files, so storage never keeps orphans."""

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import ThreeDModel


@receiver(post_delete, sender=ThreeDModel)
def delete_files(sender, instance, **kwargs):
    for field in ("file", "web_file", "mobile_file", "ar_file", "thumbnail"):
        f = getattr(instance, field)
        if f:
            storage, name = f.storage, f.name
            # After commit: a rolled-back delete must not lose the files.
            transaction.on_commit(lambda s=storage, n=name: s.delete(n))
