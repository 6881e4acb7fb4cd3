"""Loading the demo services into the page tree. Safe to run again: what
exists (matched by slug) is left as it is, what is missing is added."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from types import ModuleType

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from kolokol.articles.models import ArticleAuthor, ArticlePage
from kolokol.breaking.models import BreakingNews
from kolokol.corrections.models import ArticleNote
from kolokol.demo import comments as demo_comments
from kolokol.demo import content_en, content_fa, content_ky, content_ru, pictures
from kolokol.demo import factchecks as demo_factchecks
from kolokol.demo import live as demo_live
from kolokol.demo import programs as demo_programs
from kolokol.demo import republishing as demo_republishing
from kolokol.media import renditions
from kolokol.media.models import NewsImage
from kolokol.people.models import AuthorIndexPage, AuthorPage
from kolokol.publishing import publisher, render
from kolokol.sections.models import SectionPage, TopicIndexPage
from kolokol.services import portal as services_portal
from kolokol.services.models import PortalPage, ServiceHomePage

SERVICES: list[ModuleType] = [content_ru, content_en, content_ky, content_fa]
PAGE_TITLES = {
    "ru": {"topics": "Темы", "authors": "Авторы"},
    "en": {"topics": "Topics", "authors": "Authors"},
    "ky": {"topics": "Темалар", "authors": "Авторлор"},
    "fa": {"topics": "موضوع‌ها", "authors": "نویسندگان"},
}


def publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def child(parent: Page, model: type[Page], slug: str, **fields) -> Page:
    """The live child of ``parent`` with ``slug``, created and published if missing."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    return publish(page)


def portal() -> PortalPage:
    page, _created = services_portal.portal(
        title="Kolokol", intro="Independent news in several languages. Choose your service."
    )
    return page


def make_image(title: str, spec: dict, seed: str) -> NewsImage:
    existing = NewsImage.objects.filter(title=title).first()
    if existing:
        return existing
    data = pictures.draw(spec["motif"], seed)
    image = NewsImage(title=title, description=spec["alt"], credit=spec.get("credit", ""))
    image.file = ImageFile(_named_bytes(data, f"{seed}.jpg"), name=f"{seed}.jpg")
    image.save()
    renditions.prepare(image)
    return image


def _named_bytes(data: bytes, name: str):
    import io

    handle = io.BytesIO(data)
    handle.name = name
    return handle


def body_stream(article: dict) -> list[dict]:
    stream = []
    for index, (kind, value) in enumerate(article["body"]):
        if kind == "image":
            image = make_image(
                f"{article['slug']}-{index}", value, f"{article['slug']}-inline-{index}"
            )
            value = {"image": image.pk, "caption": value.get("caption", ""), "credit": ""}
        elif kind == "gallery":
            photos = []
            for number, photo in enumerate(value["photos"]):
                name = f"{article['slug']}-{index}-{number}"
                image = make_image(name, photo, f"{article['slug']}-gallery-{index}-{number}")
                photos.append({"image": image.pk, "caption": photo["caption"], "credit": ""})
            value = {"title": value.get("title", ""), "photos": photos}
        stream.append({"type": kind, "value": value})
    return stream


def load_service(
    portal_page: PortalPage, content: ModuleType, started, progress: Callable[[str], None]
) -> ServiceHomePage:
    spec = content.SERVICE
    home = ServiceHomePage.objects.child_of(portal_page).filter(slug=spec["slug"]).first()
    if home is None:
        home = ServiceHomePage(
            title=spec["title"],
            slug=spec["slug"],
            language=spec["language"],
            time_zone=spec["time_zone"],
            tagline=spec["tagline"],
            contact_email=spec["contact_email"],
            is_demo=True,
            **demo_republishing.service_fields(spec["slug"]),
        )
        portal_page.add_child(instance=home)
        publish(home)
    titles = PAGE_TITLES.get(spec["language"], PAGE_TITLES["en"])
    sections = {
        s["slug"]: child(
            home, SectionPage, s["slug"], title=s["title"], intro=s["intro"], show_in_menus=True
        )
        for s in content.SECTIONS
    }
    child(home, TopicIndexPage, "topics", title=titles["topics"])
    author_index = child(home, AuthorIndexPage, "authors", title=titles["authors"])
    authors = {
        a["slug"]: child(
            author_index,
            AuthorPage,
            a["slug"],
            title=a["name"],
            role=a["role"],
            bio=f"<p>{a['bio']}</p>",
        )
        for a in content.AUTHORS
    }
    for position, article in enumerate(content.ARTICLES):
        # Whole hours alone would give two articles the same time (one's
        # publication, another's update), which feed readers and validators
        # take for one entry changed twice: each article is a minute apart.
        now = started - timedelta(minutes=position)
        section = sections[article["section"]]
        if ArticlePage.objects.child_of(section).filter(slug=article["slug"]).exists():
            continue
        progress(f"{spec['slug']}/{article['slug']}")
        lead = make_image(article["slug"], article["image"], article["slug"])
        page = ArticlePage(
            title=article["title"],
            slug=article["slug"],
            kicker=article.get("kicker", ""),
            standfirst=article["standfirst"],
            dateline=article.get("dateline", ""),
            lead_image=lead,
            lead_image_caption=article["image"].get("caption", ""),
            body=body_stream(article),
            republishing=demo_republishing.article_choice(spec["slug"], article["slug"]),
        )
        page.bylines = [ArticleAuthor(author=authors[slug]) for slug in article["authors"]]
        notes = article.get("notes", [])
        page.article_notes = [
            ArticleNote(
                kind=note["kind"],
                text=note["text"],
                noted_at=now - timedelta(hours=note["hours_ago"]),
            )
            for note in notes
        ]
        section.add_child(instance=page)
        page.tags.add(*article["topics"])
        publish(page)
        published = now - timedelta(hours=article["hours_ago"])
        # The article's "updated" time is its latest change or note.
        updated = [article.get("updated_hours_ago"), *(note["hours_ago"] for note in notes)]
        hours = [h for h in updated if h is not None]
        ArticlePage.objects.filter(pk=page.pk).update(
            first_published_at=published,
            last_published_at=published,
            updated_at=now - timedelta(hours=min(hours)) if hours else None,
        )
    breaking = content.BREAKING
    now = started
    if not BreakingNews.objects.active(now).filter(service=home).exists():
        target = ArticlePage.objects.descendant_of(home).filter(slug=breaking["article"]).first()
        BreakingNews.objects.create(
            service=home,
            headline=breaking["headline"],
            link_page=target,
            starts_at=now - timedelta(minutes=10),
            expires_at=now + timedelta(days=30),
        )
    demo_live.load(home, sections, authors, started, make_image, publish)
    demo_factchecks.load(home, sections, authors, started)
    demo_programs.load(home, sections, authors, started, make_image, publish)
    demo_comments.load(home)
    return home


def load(progress: Callable[[str], None] = lambda _msg: None) -> list[ServiceHomePage]:
    """Load every demo service; the rendered store is refilled once, at the end."""
    with publisher.suspended(), transaction.atomic():
        now = timezone.now()
        portal_page = portal()
        homes = [load_service(portal_page, content, now, progress) for content in SERVICES]
    render.store().delete_tree("/")
    return homes
