"""A breaking-news item goes out to the readers who asked for breaking alerts, once."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from kolokol.breaking.models import BreakingNews
from kolokol.newsletters.models import Issue, Subscriber


@receiver(post_save, sender=BreakingNews)
def alert(sender, instance: BreakingNews, created: bool, **kwargs) -> None:
    from kolokol.newsletters.tasks import queue

    # An item that is already over (an editor recording one after the fact)
    # or meant for later is not news to mail now; a later save that makes it
    # current does send it, once (``breaking_id`` is unique).
    if not instance.is_active(timezone.now()):
        return
    if not Subscriber.objects.filter(
        service_id=instance.service_id, confirmed=True, breaking=True
    ).exists():
        return
    try:
        with transaction.atomic():
            issue = Issue.objects.create(
                service_id=instance.service_id,
                kind=Issue.Kind.BREAKING,
                subject=instance.headline,
                articles=[instance.link_page_id] if instance.link_page_id else [],
                link=instance.link_url if not instance.link_page_id else "",
                breaking_id=instance.pk,
            )
    except IntegrityError:
        return  # announced already
    queue(issue)
