"""Build the pages a test needs, one call each.

Every factory saves real rows through Wagtail's own APIs (add_child,
save_revision().publish()), so what tests see is what editors produce.
"""

from __future__ import annotations

import io
import itertools
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from kolokol.articles.models import ArticleAuthor, ArticlePage
from kolokol.breaking.models import BreakingNews
from kolokol.core import clock
from kolokol.media.models import NewsImage
from kolokol.people.models import AuthorIndexPage, AuthorPage
from kolokol.sections.models import SectionPage, TopicIndexPage
from kolokol.services.models import PortalPage, ServiceHomePage

_counter = itertools.count(1)

UI = {
    "ru": {"topics": "Темы", "authors": "Авторы", "section": "Общество"},
    "en": {"topics": "Topics", "authors": "Authors", "section": "Society"},
    "fa": {"topics": "موضوع‌ها", "authors": "نویسندگان", "section": "جامعه"},
}


def publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def wagtail_tree() -> Page:
    """Wagtail's root page, collection and locale, recreated if missing.

    Migrations create them, but a transactional test (the browser tests)
    flushes every table when it ends.
    """
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        ContentType.objects.clear_cache()  # its cached rows were flushed too
        root = Page.add_root(
            instance=Page(
                title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page)
            )
        )
    return root


def portal() -> PortalPage:
    existing = PortalPage.objects.first()
    if existing:
        return existing
    page = PortalPage(title="Kolokol", slug="kolokol")
    wagtail_tree().add_child(instance=page)
    publish(page)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": page}
    )
    return page


def image(title: str = "", size: tuple[int, int] = (1200, 675), **fields) -> NewsImage:
    buffer = io.BytesIO()
    Image.new("RGB", size, (40, 90, 140)).save(buffer, "JPEG")
    buffer.name = f"test-{next(_counter)}.jpg"
    fields.setdefault("description", "A grey river under a pale sky")
    fields.setdefault("credit", "Photo: Test Photographer")
    img = NewsImage(title=title or buffer.name, **fields)
    img.file = ImageFile(buffer, name=buffer.name)
    img.save()
    return img


def service(language: str = "ru", slug: str | None = None, **fields) -> ServiceHomePage:
    """A live service with one section, a topic index and an author index."""
    slug = slug or language
    home = ServiceHomePage.objects.filter(slug=slug).first()
    if home:
        return home
    ui = UI.get(language, UI["en"])
    fields.setdefault("title", f"Kolokol {language.upper()}")
    fields.setdefault("time_zone", "Europe/Prague")
    home = ServiceHomePage(slug=slug, language=language, **fields)
    portal().add_child(instance=home)
    publish(home)
    section(home, ui["section"], "society")
    index = TopicIndexPage(title=ui["topics"], slug="topics")
    home.add_child(instance=index)
    publish(index)
    authors = AuthorIndexPage(title=ui["authors"], slug="authors")
    home.add_child(instance=authors)
    publish(authors)
    return home


def section(home: ServiceHomePage, title: str, slug: str) -> SectionPage:
    page = SectionPage(title=title, slug=slug, show_in_menus=True, intro=f"About {title}.")
    home.add_child(instance=page)
    return publish(page)


def author(home: ServiceHomePage, name: str = "Alex Writer") -> AuthorPage:
    index = AuthorIndexPage.objects.child_of(home).first()
    page = AuthorPage(title=name, slug=f"author-{next(_counter)}", role="Correspondent")
    index.add_child(instance=page)
    return publish(page)


def article(
    home: ServiceHomePage | None = None,
    *,
    title: str = "",
    section_page: SectionPage | None = None,
    authors: list[AuthorPage] | None = None,
    topics: list[str] = (),
    body: list[dict] | None = None,
    published_hours_ago: float | None = None,
    **fields,
) -> ArticlePage:
    home = home or service("ru")
    section_page = section_page or SectionPage.objects.child_of(home).first()
    n = next(_counter)
    fields.setdefault("standfirst", f"What happened in story {n}, in one sentence.")
    fields.setdefault("slug", f"story-{n}")
    page = ArticlePage(
        title=title or f"Story number {n}",
        body=body if body is not None else [{"type": "paragraph", "value": f"<p>Body {n}.</p>"}],
        **fields,
    )
    page.bylines = [ArticleAuthor(author=a) for a in (authors or [author(home)])]
    section_page.add_child(instance=page)
    if topics:
        page.tags.add(*topics)
    publish(page)
    if published_hours_ago is not None:
        when = timezone.now() - timedelta(hours=published_hours_ago)
        ArticlePage.objects.filter(pk=page.pk).update(first_published_at=when)
        # Behind the publisher's back: what processes remember of listings goes.
        clock.bump()
        page.refresh_from_db()
    return page


def breaking(home: ServiceHomePage, headline: str = "Bridge reopens", **fields) -> BreakingNews:
    now = timezone.now()
    fields.setdefault("starts_at", now - timedelta(minutes=5))
    fields.setdefault("expires_at", now + timedelta(hours=2))
    return BreakingNews.objects.create(service=home, headline=headline, **fields)


# Reader-supplied text that must come out escaped (gallery captions in tests).
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def gallery_photo(picture: NewsImage, caption: str = "", credit: str = "") -> dict:
    return {"image": picture.pk, "caption": caption, "credit": credit}


def gallery_article(
    home: ServiceHomePage | None = None,
    caption: str = HOSTILE,
    title: str = "Opening day on the quay",
) -> ArticlePage:
    """An article whose gallery has three photos: one own credit, two the images' credits."""
    home = home or service("en")
    pictures = [
        image(description="Stalls along the quay", credit="Photo: Ann Lee"),
        image(description="Boats moored at the wall", credit="Photo: Bo Tan"),
        image(description="Shoppers with crates", credit="Photo: Cy Roe"),
    ]
    body = [
        {"type": "paragraph", "value": "<p>The market opened on Saturday.</p>"},
        {
            "type": "gallery",
            "value": {
                "title": title,
                "photos": [
                    gallery_photo(pictures[0], "Forty stalls on the quay", "Photo: Harbour Board"),
                    gallery_photo(pictures[1], "The boats that supply the stalls"),
                    gallery_photo(pictures[2], caption),
                ],
            },
        },
    ]
    return article(home, title="Fish Quay market returns", body=body)


FULL_BODY_EN = [
    {"type": "paragraph", "value": "<p>The ferry resumed at dawn after a week of repairs.</p>"},
    {
        "type": "quote",
        "value": {"text": "We missed the river", "attribution": "Mira Holm", "role": "commuter"},
    },
    {"type": "list", "value": {"ordered": False, "items": ["First crossing 06:10", "Last 23:40"]}},
    {
        "type": "factbox",
        "value": {"title": "Background", "items": ["Built in 1961", "Carries 400 people"]},
    },
    {
        "type": "embed",
        "value": {
            "url": "https://www.openstreetmap.org/#map=13/59.91/10.75",
            "title": "Map of the crossing",
            "provider": "OpenStreetMap",
            "description": "",
        },
    },
]


def clip(
    source, kind: str = "video", title: str = "Evening bulletin", **fields
):  # -> kolokol.multimedia.models.Clip, transcoded (tasks run at once in tests)
    """An audio or video item uploaded from ``source`` (a path), as the admin stores it."""
    from django.core.files import File
    from django.db import connection, transaction

    from kolokol.multimedia import renditions
    from kolokol.multimedia.models import Clip

    fields.setdefault("collection", Collection.get_first_root_node())
    # Articles refuse a clip without one (kolokol.core.alt_text).
    fields.setdefault("transcript", "What is said in the recording, written out.")
    with open(source, "rb") as handle:
        made = Clip(title=title, type=kind, **fields)
        made.file.save(source.name, File(handle), save=False)
        with transaction.atomic():
            made.save()
    if connection.in_atomic_block:
        # A ``db`` test's transaction never commits: do what the queued task
        # does when it does (outside one, it ran at the commit above).
        renditions.make(made.pk, made.file.name)
    made.refresh_from_db()
    return made
