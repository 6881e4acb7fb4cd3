"""The hooks that keep the search index in step: the events the publisher listens to."""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.signals import page_published, page_unpublished, post_page_move

from kolokol.articles.models import ArticlePage
from kolokol.multimedia.models import Clip
from kolokol.search import index, tasks
from kolokol.services.models import ServiceHomePage


@receiver(page_published)
@receiver(page_unpublished)
def on_publish_or_unpublish(sender, instance, **kwargs):
    if isinstance(instance, ArticlePage):
        tasks.follow(instance)
    elif isinstance(instance, ServiceHomePage) and index.outdated(instance):
        # The service's language changed: its articles are analysed anew.
        tasks.follow(instance)


@receiver(post_page_move)
def on_move(sender, instance, **kwargs):
    # A move may carry articles into another service or under a restriction.
    tasks.follow(instance)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def on_restriction_change(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        tasks.follow(page)


@receiver(post_save, sender=Clip)
def on_clip_saved(sender, instance, created, **kwargs):
    """A transcript written or corrected: the articles showing the clip are found by it."""
    if created:
        return
    ids = {
        int(object_id)
        for object_id in ReferenceIndex.get_references_to(instance).values_list(
            "object_id", flat=True
        )
        if object_id.isdigit()
    }
    for article in ArticlePage.objects.live().filter(pk__in=ids):
        tasks.follow(article)


@receiver(pre_delete, sender=ArticlePage)
def on_delete(sender, instance, **kwargs):
    index.remove([instance.pk])
