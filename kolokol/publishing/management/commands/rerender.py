"""Render every public page into the rendered store (after a template or settings change)."""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Page

from kolokol.core.progress import progress
from kolokol.feeds.addresses import public_feed_urls
from kolokol.publishing import services
from kolokol.services.models import ServiceHomePage


def public_urls(service: ServiceHomePage | None = None) -> list[str]:
    """Every live page's address, plus each topic page, of one service or all."""
    from kolokol.sections.models import TopicIndexPage

    pages = Page.objects.live().public().filter(depth__gte=2)
    if service is not None:
        pages = pages.descendant_of(service, inclusive=True)
    urls = [page.url for page in pages.specific(defer=True).iterator() if page.url]
    indexes = TopicIndexPage.objects.live()
    if service is not None:
        indexes = indexes.descendant_of(service)
    for index in indexes:
        urls += [index.topic_url(tag) for tag in index.topics()]
    return urls + public_feed_urls(service)


class Command(BaseCommand):
    help = "Empty the rendered store (of one service or all) and render every public page again."

    def add_arguments(self, parser):
        parser.add_argument("--service", help="slug of one service, e.g. ru")
        parser.add_argument(
            "--purge-only", action="store_true", help="empty the store; pages render on demand"
        )

    def handle(self, *args, service=None, purge_only=False, **options):
        home = None
        if service:
            home = ServiceHomePage.objects.filter(slug=service).first()
            if home is None:
                raise CommandError(f"no service with slug {service!r}")
        store = services.store()
        store.delete_tree(home.url if home else "/")
        if purge_only:
            self.stdout.write("Rendered store emptied.")
            return
        urls = public_urls(home)
        failed = []
        for url in progress(urls, len(urls), "Rendering", out=self.stderr):
            status = services.refresh([url])[url]
            if status != 200:
                failed.append(f"{url} ({status})")
        self.stdout.write(f"Rendered {len(urls) - len(failed)} pages into {store.root}.")
        if failed:
            raise CommandError("failed: " + ", ".join(failed[:20]))
