"""Transcoding as durable background work (``kolokol worker``, django-tasks).

An upload never waits for ffmpeg: the editor's request stores the source and
queues this task when its transaction commits; any worker on any machine
takes it, with the source read from the shared storage.
"""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from kolokol.multimedia import renditions


@task(queue_name="media")
def transcode(clip_id: int, source_name: str) -> None:
    renditions.make(clip_id, source_name)


def queue(clip_id: int, source_name: str) -> None:
    transaction.on_commit(lambda: transcode.enqueue(clip_id, source_name))
