"""What the API may show, and the queries that fetch it in a fixed number of trips.

Only live pages outside any view restriction are ever returned: the API
shows what an anonymous reader of the site can see, nothing more.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.models import Page

from kolokol.articles.models import ArticleAuthor, ArticlePage, ArticlePageQuerySet, ArticleTag
from kolokol.core.pages import SERVICE_DEPTH
from kolokol.media.models import NewsImage
from kolokol.people.models import AuthorPage
from kolokol.sections.models import SectionPage
from kolokol.services.models import ServiceHomePage

# The sizes clients get of every picture: the widths the site itself uses, so
# the API mostly reuses renditions that already exist.
RENDITIONS = ("width-480|format-jpeg", "width-960|format-jpeg", "width-1280|format-jpeg")


class FilterError(ValueError):
    """A filter names nothing that exists, or contradicts another (answered with 422)."""


def services() -> QuerySet[ServiceHomePage]:
    return ServiceHomePage.objects.live().public().order_by("path")


def service(slug: str) -> ServiceHomePage:
    found = services().filter(slug=slug).first()
    if found is None:
        raise FilterError(_("There is no service “%(slug)s”.") % {"slug": slug})
    return found


def sections(in_service: ServiceHomePage | None = None) -> QuerySet[SectionPage]:
    found = SectionPage.objects.live().public().order_by("path")
    return found.descendant_of(in_service) if in_service else found


def authors(in_service: ServiceHomePage | None = None) -> QuerySet[AuthorPage]:
    found = AuthorPage.objects.live().public().select_related("photo").order_by("title", "pk")
    if in_service:
        found = found.descendant_of(in_service)
    return found.prefetch_related(
        Prefetch("photo", queryset=NewsImage.objects.prefetch_renditions(*RENDITIONS))
    )


def articles() -> ArticlePageQuerySet:
    """Live public articles, newest first, with what a summary shows prefetched."""
    return (
        ArticlePage.objects.live()
        .public()
        .order_by("-first_published_at", "-pk")
        .prefetch_related(
            Prefetch(
                "bylines",
                queryset=ArticleAuthor.objects.select_related("author").order_by("sort_order"),
            ),
            "tags",
            Prefetch("lead_image", queryset=NewsImage.objects.prefetch_renditions(*RENDITIONS)),
            "lead_clip__renditions",
        )
    )


def topics(in_service: ServiceHomePage | None = None) -> QuerySet[Tag]:
    """Topics carried by at least one article the API shows."""
    shown = articles()
    if in_service:
        shown = shown.descendant_of(in_service)
    used = ArticleTag.objects.filter(content_object__in=shown.values("pk")).values("tag_id")
    return Tag.objects.filter(pk__in=used).order_by("name")


def filter_articles(
    found: ArticlePageQuerySet,
    *,
    service_slug: str | None = None,
    section: int | None = None,
    topic: str | None = None,
    author: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> ArticlePageQuerySet:
    """Narrow ``found``; a filter naming nothing that exists is a :class:`FilterError`."""
    if service_slug:
        found = found.descendant_of(service(service_slug))
    if section is not None:
        section_page = sections().filter(pk=section).first()
        if section_page is None:
            raise FilterError(_("There is no section with id %(id)s.") % {"id": section})
        found = found.child_of(section_page)
    if topic:
        # A topic only unpublished articles carry is as unknown as one that
        # does not exist: the answer must not tell an embargoed story's topics.
        if not topics().filter(slug=topic).exists():
            raise FilterError(_("There is no topic “%(slug)s”.") % {"slug": topic})
        found = found.filter(
            pk__in=ArticleTag.objects.filter(tag__slug=topic).values("content_object_id")
        )
    if author is not None:
        if not AuthorPage.objects.live().public().filter(pk=author).exists():
            raise FilterError(_("There is no author with id %(id)s.") % {"id": author})
        found = found.filter(
            pk__in=ArticleAuthor.objects.filter(author_id=author).values("page_id")
        )
    since, until = aware(since), aware(until)
    if since and until and since > until:
        raise FilterError(_("“published_since” must not be later than “published_until”."))
    if since:
        found = found.filter(first_published_at__gte=since)
    if until:
        found = found.filter(first_published_at__lte=until)
    return found


def aware(moment: datetime | None) -> datetime | None:
    """Times without a zone are read as UTC."""
    if moment is not None and timezone.is_naive(moment):
        return timezone.make_aware(moment, UTC)
    return moment


def attach_places(pages: Iterable[Page]) -> list[Page]:
    """Give each page its service (and an article its section) in two queries, not per page.

    The service is always the ancestor at depth three; an article's section
    is its parent.
    """
    pages = list(pages)
    if not pages:
        return pages
    steplen = Page.steplen
    by_path: dict[str, Page] = {s.path: s for s in services()}
    parents = {page.path[:-steplen] for page in pages}
    by_path.update((s.path, s) for s in SectionPage.objects.filter(path__in=parents))
    for page in pages:
        page.__dict__["service"] = by_path.get(page.path[: SERVICE_DEPTH * steplen])
        page.api_section = by_path.get(page.path[:-steplen])
    return pages


def article(article_id: int) -> ArticlePage:
    """A live public article, with its places; anything else is a 404."""
    found = articles().filter(pk=article_id).first()
    if found is None:
        raise Http404
    return attach_places([found])[0]
