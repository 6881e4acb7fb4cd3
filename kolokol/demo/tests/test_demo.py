"""The demo content: complete, idempotent, and every page of it answers."""

import shutil

import pytest
from django.core.management import call_command
from taggit.models import Tag
from wagtail.models import Page

from kolokol.articles.models import ArticlePage
from kolokol.breaking.models import BreakingNews
from kolokol.people.models import AuthorPage
from kolokol.sections.models import SectionPage, TopicIndexPage
from kolokol.services.models import ServiceHomePage

pytestmark = pytest.mark.django_db


# "Demo content." in each service's language.
DEMO_NOTICES = ["Demo content.", "Демонстрационные материалы.", "Демо мазмун.", "محتوای نمایشی."]


@pytest.fixture
def demo(loaded_demo):
    """The demo as ``load_demo`` leaves it (loaded once for this module)."""


def test_demo_has_what_the_issue_promises(demo):
    services = {s.language: s for s in ServiceHomePage.objects.live()}
    assert set(services) == {"ru", "en", "ky", "fa"}
    for home in services.values():
        assert SectionPage.objects.child_of(home).live().count() >= 3
        assert BreakingNews.objects.active().filter(service=home).count() == 1
        assert home.is_demo
    assert ArticlePage.objects.live().count() >= 30
    assert AuthorPage.objects.live().count() >= 4
    assert Tag.objects.filter(articles_articletag_items__isnull=False).distinct().count() >= 8
    used = {block.block_type for a in ArticlePage.objects.all() for block in a.body}
    assert used == {"paragraph", "quote", "image", "list", "factbox", "embed", "gallery"}
    assert not ArticlePage.objects.filter(lead_image__isnull=True).exists()
    assert not ArticlePage.objects.filter(lead_image__description="").exists()


def test_loading_twice_changes_nothing(demo):
    before = (Page.objects.count(), BreakingNews.objects.count(), Tag.objects.count())
    call_command("load_demo", verbosity=0)
    assert (Page.objects.count(), BreakingNews.objects.count(), Tag.objects.count()) == before


def test_every_demo_page_answers_and_says_it_is_fiction(demo, client):
    urls = [page.url for page in Page.objects.live().specific() if page.depth >= 2]
    for index in TopicIndexPage.objects.live():
        urls += [index.topic_url(tag) for tag in index.topics()]
    assert len(urls) > 50
    for url in set(urls):
        response = client.get(url)
        assert response.status_code == 200, url
        if url != "/":
            html = response.content.decode()
            assert any(notice in html for notice in DEMO_NOTICES), url


def test_demo_images_are_local_files(demo):
    from kolokol.media.models import NewsImage
    from kolokol.multimedia.models import Clip

    frames = set(Clip.objects.exclude(poster=None).values_list("poster_id", flat=True))
    if shutil.which("ffmpeg"):  # without it the demo has no programs or video
        assert len(frames) == 2  # the Russian and Persian video stories' posters
    for image in NewsImage.objects.all():
        assert image.file.storage.exists(image.file.name)
        # Drawn pictures are large; a video's frame is as large as the video.
        assert image.width >= (640 if image.pk in frames else 1200)


def test_every_demo_page_is_valid_html5_with_landmarks(demo, client):
    import html5lib

    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    for page in Page.objects.live().specific():
        if page.depth < 2:
            continue
        document = parser.parse(client.get(page.url).content.decode())
        for landmark in ("header", "main", "footer", "nav"):
            assert document.find(f".//{landmark}") is not None, (page.url, landmark)
        assert len(document.findall(".//h1")) == 1, page.url


def test_demo_articles_carry_corrections_and_updates(demo, client):
    import html5lib

    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    for slug, labels in {
        "ru": ("Исправление", "Обновление"),
        "en": ("Correction", "Update"),
        "ky": ("Оңдоо", "Жаңыртуу"),
        "fa": ("اصلاحیه", "به‌روزرسانی"),
    }.items():
        home = ServiceHomePage.objects.get(slug=slug)
        kinds = {
            note.kind for a in ArticlePage.objects.live().descendant_of(home) for note in a.notes()
        }
        assert kinds == {"correction", "update"}, slug
        html = client.get(f"/{slug}/corrections/").content.decode()
        parser.parse(html)
        for label in labels:
            assert f"<strong>{label}</strong>" in html, (slug, label)
    corrected = ArticlePage.objects.get(slug="coast-line-late-trains")
    assert corrected.updated_at == corrected.notes()[0].noted_at


def test_every_page_type_in_every_language_passes_the_nu_html_checker(demo, client):
    """0 errors from the W3C's Nu Html Checker, one page of each type per service."""
    from kolokol.people.models import AuthorIndexPage
    from kolokol.testing import vnu

    vnu.require_vnu()
    pages = {"portal": "/"}
    for home in ServiceHomePage.objects.live():
        lang = home.language
        section = home.section_pages()[0]
        article = ArticlePage.objects.live().descendant_of(section).first()
        topics = home.topic_index_page()
        authors = AuthorIndexPage.objects.child_of(home).live().first()
        word = article.title.split()[0]
        pages |= {
            f"{lang} home": home.url,
            f"{lang} section": section.url,
            f"{lang} section archive page": f"{section.url}page/1/",
            f"{lang} article": article.url,
            f"{lang} article after a comment": article.url + "?comment=pending",
            f"{lang} topics": topics.url,
            f"{lang} topic": topics.topic_url(topics.topics()[0]),
            f"{lang} authors": authors.url,
            f"{lang} author": authors.get_children().live().first().url,
            f"{lang} search results": f"{home.url}search/?q={word}",
            f"{lang} search, nothing found": f"{home.url}search/?q=zzzqqq",
            f"{lang} corrections": home.corrections_url(),
            f"{lang} comment form": f"{home.url}comments/{article.pk}/",
            f"{lang} not found": f"{home.url}no-such-page/",
        }
    bodies = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == (404 if "not found" in name else 200), (name, url)
        bodies[name] = response.content
    assert vnu.errors(bodies) == []


def test_no_two_entries_of_a_demo_feed_share_their_updated_time(demo, client):
    """Feed validators warn of two entries updated at the same instant."""
    import feedparser

    feeds = [f"{home.url}feed.atom" for home in ServiceHomePage.objects.live()]
    feeds += [f"{section.url}feed.atom" for section in SectionPage.objects.live()]
    for url in feeds:
        entries = feedparser.parse(client.get(url).content).entries
        updated = [entry.updated for entry in entries]
        assert len(set(updated)) == len(updated), url
