"""An article's first publication and a breaking item become posts in the service's channel."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.html import escape
from wagtail.signals import page_published

from kolokol.articles.models import ArticlePage
from kolokol.breaking.models import BreakingNews
from kolokol.core import clock
from kolokol.telegram.models import Channel, Post

LIMIT = 4096  # characters in one Telegram message


def message(headline: str, standfirst: str, link: str) -> str:
    text = f"<b>{escape(headline)}</b>"
    if standfirst:
        text += f"\n\n{escape(standfirst)}"
    if link:
        text += f"\n\n{escape(link)}"
    return text[:LIMIT]


def _queue(**fields) -> None:
    from kolokol.telegram.tasks import post

    try:
        with transaction.atomic():
            item = Post.objects.create(**fields)
    except IntegrityError:
        return  # posted already
    transaction.on_commit(lambda: post.enqueue(item.pk))


@receiver(page_published, sender=ArticlePage)
def on_article(sender, instance: ArticlePage, **kwargs) -> None:
    if not instance.live or instance.get_view_restrictions().exists():
        return
    service = instance.service
    channel = (
        Channel.objects.filter(service=service, post_articles=True).first() if service else None
    )
    if channel is None or Post.objects.filter(page=instance).exists():
        return
    link = instance.full_url or ""
    _queue(
        service=service,
        page=instance,
        text=message(instance.title, instance.standfirst, link),
        link=link,
    )


@receiver(post_save, sender=BreakingNews)
def on_breaking(sender, instance: BreakingNews, **kwargs) -> None:
    if not instance.is_active(timezone.now()):
        return
    if not Channel.objects.filter(service_id=instance.service_id, post_breaking=True).exists():
        return
    page = instance.link_page.specific if instance.link_page_id and instance.link_page else None
    link = (page.full_url if page is not None and page.live else "") or instance.link_url
    _queue(
        service_id=instance.service_id,
        breaking_id=instance.pk,
        text=message(instance.headline, "", link),
        link=link,
    )


@receiver(post_save, sender=Channel)
@receiver(post_delete, sender=Channel)
def on_channel(sender, **kwargs) -> None:
    clock.bump()  # every page's footer links the channel
