"""The explicit hooks: editorial events → the publishing service."""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from kolokol.breaking.models import BreakingNews
from kolokol.core import chrome
from kolokol.publishing import services


def public_url(url_path: str) -> str | None:
    """Wagtail's internal ``url_path`` as the reader's path under the default site."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None or not url_path.startswith(site.root_page.url_path):
        return None
    return "/" + url_path[len(site.root_page.url_path) :]


@receiver(page_published)
def on_publish(sender, instance, **kwargs):
    chrome.bump()
    services.page_published(instance)


@receiver(page_unpublished)
def on_unpublish(sender, instance, **kwargs):
    chrome.bump()
    services.page_removed(instance, public_url(instance.url_path))


@receiver(post_page_move)
def on_move(sender, instance, url_path_before, url_path_after, **kwargs):
    if url_path_before == url_path_after or not instance.live:
        return
    chrome.bump()
    services.page_removed(instance, public_url(url_path_before))
    services.page_published(instance)


@receiver(pre_delete)
def on_delete(sender, instance, **kwargs):
    if isinstance(instance, Page) and type(instance) is not Page and instance.live:
        chrome.bump()
        services.page_removed(instance, public_url(instance.url_path))


@receiver(post_save, sender=BreakingNews)
@receiver(post_delete, sender=BreakingNews)
def on_breaking_change(sender, instance, **kwargs):
    chrome.bump()
    services.breaking_changed(instance.service)
