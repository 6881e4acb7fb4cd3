"""A new upload is queued for transcoding; deleted clips take their files with them."""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver

from kolokol.multimedia import tasks
from kolokol.multimedia.models import Caption, Clip, ClipRendition


@receiver(pre_save, sender=Clip)
def notice_new_file(sender, instance: Clip, raw=False, **kwargs) -> None:
    if raw or not instance.file:
        return
    before = Clip.objects.filter(pk=instance.pk).values_list("file", flat=True).first()
    instance._new_file = instance.pk is None or before != instance.file.name
    if instance._new_file:
        instance.status, instance.progress, instance.problem = Clip.Status.WAITING, 0, ""
        instance._old_file = before


@receiver(post_save, sender=Clip)
def queue_transcoding(sender, instance: Clip, raw=False, **kwargs) -> None:
    if raw or not getattr(instance, "_new_file", False):
        return
    instance._new_file = False
    tasks.queue(instance.pk, instance.file.name)
    old = getattr(instance, "_old_file", None)
    if old:
        storage = instance.file.storage
        transaction.on_commit(lambda: storage.delete(old))


@receiver(post_delete, sender=Clip)
def delete_source(sender, instance: Clip, **kwargs) -> None:
    if instance.file:
        name, storage = instance.file.name, instance.file.storage
        transaction.on_commit(lambda: storage.delete(name))


@receiver(post_delete, sender=ClipRendition)
def delete_rendition_files(sender, instance: ClipRendition, **kwargs) -> None:
    paths = instance.paths()

    def delete() -> None:
        for path in paths:
            default_storage.delete(path)

    transaction.on_commit(delete)


@receiver(post_delete, sender=Caption)
def delete_caption_file(sender, instance: Caption, **kwargs) -> None:
    if instance.file:
        name, storage = instance.file.name, instance.file.storage
        transaction.on_commit(lambda: storage.delete(name))
