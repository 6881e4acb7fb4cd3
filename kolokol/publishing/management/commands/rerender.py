"""Render every public page into the rendered store (after a template or settings change).

With a bucket configured (kolokol/publishing/objectstore.py) the bucket's
prefix is emptied too and every page uploaded again: the repair after an
object-storage outage.
"""

from django.core.management.base import BaseCommand, CommandError

from kolokol.core.progress import progress
from kolokol.feeds.addresses import public_feed_urls
from kolokol.publishing import servicefacts, services
from kolokol.services.models import ServiceHomePage


def public_urls(service: ServiceHomePage | None = None) -> list[str]:
    """Every live page's address, topic pages, listings' archive pages, corrections, sitemaps."""
    from kolokol.core.pages import PER_PAGE, archive_page_of
    from kolokol.corrections.publishing import corrections_urls
    from kolokol.people.models import AuthorPage
    from kolokol.sections.models import SectionPage, TopicIndexPage
    from kolokol.seo.publishing import public_urls as seo_urls

    def archive(base_url: str, count: int) -> list[str]:
        pages = archive_page_of(max(count - 1, 0), PER_PAGE)
        # With one page the front shows everything and links no archive.
        return [f"{base_url}page/{n}/" for n in range(1, pages + 1)] if pages > 1 else []

    def within(pages):
        return pages.descendant_of(service) if service is not None else pages

    from kolokol.publishing.mirror import live_pages

    # From url_path, not page.url: building 100,000 page objects to ask each
    # for its address took 25 s, most of an incremental export.
    urls = list(live_pages(service))
    for listing in [*within(SectionPage.objects.live()), *within(AuthorPage.objects.live())]:
        urls += archive(listing.url, listing.articles().count())
    for index in within(TopicIndexPage.objects.live()):
        for tag in index.topics():
            topic_url = index.topic_url(tag)
            urls += [topic_url, *archive(topic_url, tag.article_count)]
    for home in within(ServiceHomePage.objects.live().public()) if service is None else [service]:
        urls += corrections_urls(home)
    return urls + seo_urls(service) + public_feed_urls(service)


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
        servicefacts.write()
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
