"""Posting to Telegram as a background task, retried while Telegram or the network is away."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from kolokol.telegram import bot
from kolokol.telegram.models import Channel, Post

logger = logging.getLogger(__name__)

RETRY_DELAYS = (10, 60, 300, 1800, 3600)


@task(queue_name="default")
def post(post_id: int) -> None:
    item = Post.objects.filter(pk=post_id).first()
    if item is None or item.status == Post.Status.SENT:
        return
    channel = Channel.objects.filter(service_id=item.service_id).first()
    if channel is None or not channel.sealed_token:
        Post.objects.filter(pk=post_id).update(
            status=Post.Status.FAILED, error="No channel or bot token is set for this service."
        )
        return
    answer = bot.send_message(channel.token, channel.chat, item.text, item.link)
    item.attempts += 1
    if answer.ok:
        item.status, item.message_id, item.error = Post.Status.SENT, answer.message_id, ""
        item.sent_at = timezone.now()
        item.save(update_fields=["status", "message_id", "error", "sent_at", "attempts"])
        return
    item.error = answer.description[:500]
    can_wait = post.get_backend().supports_defer
    if answer.temporary and can_wait and item.attempts <= len(RETRY_DELAYS):
        delay = max(answer.retry_after or 0, RETRY_DELAYS[item.attempts - 1])
        item.save(update_fields=["attempts", "error"])
        logger.warning("telegram post %s: %s; again in %d s", item.pk, item.error, delay)
        post.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(item.pk)
        return
    item.status = Post.Status.FAILED
    item.save(update_fields=["attempts", "error", "status"])
    logger.warning("telegram post %s failed: %s", item.pk, item.error)
