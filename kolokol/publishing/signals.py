"""The explicit hooks: editorial events → the publishing service."""

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from kolokol.breaking.models import BreakingNews
from kolokol.comments.models import CommentPolicy
from kolokol.comments.signals import article_comments_changed
from kolokol.core import clock
from kolokol.factchecks.models import FactCheckIndexPage, Rating
from kolokol.feeds.addresses import feed_urls
from kolokol.live.addresses import post_urls
from kolokol.live.models import LiveBlogPage, LivePost
from kolokol.media.models import NewsImage
from kolokol.multimedia.models import Clip
from kolokol.publishing import affected, publisher


def public_url(url_path: str) -> str | None:
    """Wagtail's internal ``url_path`` as the reader's path under the default site."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None or not url_path.startswith(site.root_page.url_path):
        return None
    return "/" + url_path[len(site.root_page.url_path) :]


@receiver(article_comments_changed)
def on_comments_changed(sender, article, **kwargs):
    publisher.schedule(urls=[article.url])


@receiver(page_published)
def on_publish(sender, instance, **kwargs):
    if not instance.live:
        # Wagtail sends this for a publish scheduled for later too: readers
        # see nothing until the scheduler publishes it (and this fires again).
        return
    clock.bump()
    publisher.page_published(instance)


@receiver(page_unpublished)
def on_unpublish(sender, instance, **kwargs):
    clock.bump()
    publisher.page_removed(instance, public_url(instance.url_path))


@receiver(post_page_move)
def on_move(sender, instance, url_path_before, url_path_after, parent_page_before=None, **kwargs):
    if url_path_before == url_path_after:
        return
    clock.bump()
    old_parent = public_url(parent_page_before.url_path) if parent_page_before else None
    old_service = (
        getattr(parent_page_before.specific, "service", None) if parent_page_before else None
    )
    # The old address and everything under it go, live or not: an unpublished
    # section may hold live articles. So do the other articles whose
    # "related" list links it at its old address.
    publisher.schedule(
        urls=[old_parent, *feed_urls(old_parent)] if old_parent else [],
        purge=[
            *(u for u in (public_url(url_path_before), old_parent and old_parent + "page/") if u),
            affected.text_copy_tree(public_url(url_path_before)),
            *affected.related_listers(instance, service=old_service),
        ],
    )
    if instance.live:
        publisher.page_published(instance)


@receiver(page_slug_changed)
def on_slug_change(sender, instance, instance_before, **kwargs):
    """A renamed page: its old address and everything under it leave the store."""
    clock.bump()
    publisher.page_removed(instance, public_url(instance_before.url_path))
    if instance.live:
        publisher.page_published(instance)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def on_restriction_change(sender, instance, **kwargs):
    """A page made private (or public again): the store must follow at once."""
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:
        return
    clock.bump()
    page = page.specific
    publisher.page_removed(page, public_url(page.url_path))
    if page.live and not page.get_view_restrictions().exists():
        publisher.page_published(page)


@receiver(pre_delete)
def on_delete(sender, instance, **kwargs):
    if isinstance(instance, Page) and type(instance) is not Page and instance.live:
        clock.bump()
        publisher.page_removed(instance, public_url(instance.url_path))


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def on_site_change(sender, instance, **kwargs):
    """Hostnames and root pages are cached per process (``kolokol.core.sitefacts``)."""
    clock.bump()


@receiver(pre_save, sender=BreakingNews)
@receiver(pre_save, sender=CommentPolicy)
def remember_service(sender, instance, **kwargs):
    """The service an item belonged to before this save: moved, it leaves that one too."""
    instance._service_before = (
        sender.objects.filter(pk=instance.pk).values_list("service_id", flat=True).first()
        if instance.pk
        else None
    )


@receiver(post_save, sender=BreakingNews)
@receiver(post_delete, sender=BreakingNews)
@receiver(post_save, sender=CommentPolicy)
@receiver(post_delete, sender=CommentPolicy)
def on_service_wide_change(sender, instance, **kwargs):
    """Breaking news, or the comment policy (the notice, share links and open or
    closed comments under every article): every page of the service shows it."""
    from kolokol.services.models import ServiceHomePage

    clock.bump()
    ids = {instance.service_id, getattr(instance, "_service_before", None)} - {None}
    # A service is gone already when the row is deleted with it.
    for service in ServiceHomePage.objects.filter(pk__in=ids):
        publisher.service_changed(service)


# Wagtail saves an image's size and hash by themselves while rendering.
BOOKKEEPING = frozenset({"file_size", "file_hash"})


@receiver(post_save, sender=NewsImage)
def on_image_saved(sender, instance, created, update_fields=None, **kwargs):
    # A new upload is on no page yet; an edit (alt text, focal point, a new
    # file) changes every page that shows the image.
    if created or (update_fields is not None and set(update_fields) <= BOOKKEEPING):
        return
    publisher.media_changed(instance)


@receiver(post_save, sender=Clip)
def on_clip_saved(sender, instance, created, **kwargs):
    # Transcoded (its player appears on the pages that chose it while it was
    # being made), or its transcript, poster or credit edited.
    if not created:
        publisher.media_changed(instance)


@receiver(pre_save, sender=LivePost)
def remember_post_status(sender, instance, **kwargs):
    instance._was_published = bool(instance.pk) and (
        LivePost.objects.filter(pk=instance.pk, status=LivePost.Status.PUBLISHED).exists()
    )


@receiver(post_save, sender=LivePost)
def on_live_post_saved(sender, instance, raw=False, **kwargs):
    """A post published, edited or withdrawn: its live blog's few pages, not the site.

    No cache clock move either: nothing but the live blog's own pages and
    files shows a post.
    """
    published = instance.status == LivePost.Status.PUBLISHED
    if raw or not (published or getattr(instance, "_was_published", False)):
        return
    urls, purge = post_urls(instance, shifted=not published)
    publisher.schedule(urls=urls, purge=purge)


@receiver(post_delete, sender=LivePost)
def on_live_post_deleted(sender, instance, **kwargs):
    if instance.status != LivePost.Status.PUBLISHED:
        return
    page = LiveBlogPage.objects.filter(pk=instance.page_id).first()
    if page is None:  # deleted with its live blog, which leaves the store itself
        return
    instance.page = page
    urls, purge = post_urls(instance, shifted=True)
    publisher.schedule(urls=urls, purge=purge)


@receiver(post_save, sender=Rating)
def on_rating_changed(sender, instance, created, raw=False, **kwargs):
    """A verdict renamed or moved on its scale: the fact-checks giving it and the index.

    The index's archive pages show it too; they go, to render again when asked for.
    """
    if created or raw:
        return
    urls = [page.url for page in instance.fact_checks.live()]
    index = FactCheckIndexPage.of_service(instance.service)
    if index is not None:
        urls.append(index.url)
    publisher.schedule(urls=urls, purge=[index.url + "page/"] if index is not None else [])
