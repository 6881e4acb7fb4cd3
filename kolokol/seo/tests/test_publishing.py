"""The sitemaps and robots.txt in the publisher: stored, re-rendered on publication, mirrored."""

import re
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command

from kolokol.publishing import render
from kolokol.publishing.addresses import public_urls
from kolokol.publishing.tests.test_store_front import call
from kolokol.publishing.wsgi import StoreFront
from kolokol.seo import sitemaps
from kolokol.seo.tests.sitemap_rules import locs, parse
from kolokol.testing import factories

BASE = settings.KOLOKOL_BASE_URL


def stored(store, url) -> str:
    found = store.get(url)
    return found.path.read_text() if found else ""


@pytest.mark.django_db(transaction=True)
def test_publishing_and_withdrawing_rewrite_the_stored_sitemaps(client, rendered_store):
    factories.wagtail_tree()
    en = factories.service("en")
    factories.article(en, title="Old story")
    for url in ["/sitemap.xml", "/en/sitemap.xml", "/en/news-sitemap.xml", "/robots.txt"]:
        assert client.get(url).status_code == 200
        assert rendered_store.get(url) is not None, url
    index_before = stored(rendered_store, "/sitemap.xml")

    story = factories.article(en, title="Night ferry returns")
    assert BASE + story.url in stored(rendered_store, "/en/sitemap.xml")
    assert "Night ferry returns" in stored(rendered_store, "/en/news-sitemap.xml")
    assert stored(rendered_store, "/sitemap.xml") != index_before  # its lastmod moved on

    story.unpublish()
    assert BASE + story.url not in stored(rendered_store, "/en/sitemap.xml")
    assert "Night ferry returns" not in stored(rendered_store, "/en/news-sitemap.xml")


@pytest.mark.django_db(transaction=True)
def test_a_withdrawal_moves_later_entries_up_a_sitemap_page(rendered_store, monkeypatch):
    factories.wagtail_tree()
    en = factories.service("en")
    writer = factories.author(en)
    first = factories.article(en, authors=[writer])
    second = factories.article(en, authors=[writer])
    # Sitemap pages that end with ``first``: ``second`` starts page 2.
    before_first = sitemaps.ServiceSitemap(en).page_holding(first)
    assert before_first == 1
    limit = (
        sitemaps.ServiceSitemap(en)
        .items()
        .filter(first_published_at__lte=first.first_published_at)
        .count()
    )
    monkeypatch.setattr(sitemaps.ServiceSitemap, "limit", limit)
    render.refresh(["/en/sitemap.xml", "/en/sitemap-2.xml"])
    assert BASE + second.url in stored(rendered_store, "/en/sitemap-2.xml")
    first.unpublish()
    assert BASE + second.url in stored(rendered_store, "/en/sitemap.xml")
    assert rendered_store.get("/en/sitemap-2.xml") is None  # emptied, so gone


@pytest.mark.django_db
def test_stored_files_are_served_with_their_content_type(client, rendered_store):
    factories.article(factories.service("en"))
    front = StoreFront(WSGIHandler())
    for url, content_type in [
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
        ("/en/news-sitemap.xml", "application/xml; charset=utf-8"),
    ]:
        first = client.get(url)
        assert first["Content-Type"] == content_type and "X-Kolokol-Store" not in first
        again = client.get(url, HTTP_COOKIE="textsize=lg")  # the middleware's half
        assert again["X-Kolokol-Store"] == "hit" and again["Content-Type"] == content_type
        assert again.content == first.content
        status, headers, body = call(front, url)  # the store front's half
        assert status == "200 OK" and headers["Content-Type"] == content_type
        assert headers["X-Kolokol-Store"] == "hit" and body == first.content


@pytest.mark.django_db
def test_rerender_covers_the_sitemaps(rendered_store):
    en = factories.service("en")
    urls = public_urls()
    for url in ["/robots.txt", "/sitemap.xml", "/en/sitemap.xml", "/en/news-sitemap.xml"]:
        assert url in urls
    assert "/sitemap.xml" not in public_urls(en) and "/en/sitemap.xml" in public_urls(en)
    call_command("rerender", stdout=StringIO(), stderr=StringIO())
    assert rendered_store.get("/en/sitemap.xml") is not None
    assert rendered_store.get("/robots.txt") is not None


@pytest.mark.django_db
def test_a_mirror_names_its_own_address_never_the_origins(tmp_path):
    folder = tmp_path / "mirror"
    en = factories.service("en")
    article = factories.article(en, lead_image=factories.image())
    mirror = "https://mirror.example/news"
    call_command(
        "export", str(folder), "--base-url", mirror + "/", stdout=StringIO(), stderr=StringIO()
    )
    origin = urlsplit(BASE).netloc
    files = [p for p in folder.rglob("*") if p.is_file() and p.suffix in {".html", ".xml", ".txt"}]

    # Only the search placeholder and the comments notice name the main site,
    # on purpose: searching and commenting need it.
    def outside_notices(text: str) -> str:
        return re.sub(r'<div class="comments-mirror-note".*?</div>', "", text, flags=re.S)

    naming_origin = [p for p in files if origin in outside_notices(p.read_text())]
    assert [p.relative_to(folder).as_posix() for p in naming_origin] == ["en/search/index.html"]

    urls = locs(parse((folder / "en/sitemap.xml").read_bytes(), "urlset"), "url")
    assert mirror + article.url in urls
    index = locs(parse((folder / "sitemap.xml").read_bytes(), "sitemapindex"), "sitemap")
    assert index == [mirror + "/en/sitemap.xml"]
    assert (folder / "en/news-sitemap.xml").exists()
    robots = (folder / "robots.txt").read_text()
    assert f"Sitemap: {mirror}/sitemap.xml" in robots and "Disallow: /news/en/search/" in robots
    page = (folder / article.url.strip("/") / "index.html").read_text()
    assert f'<link rel="canonical" href="{mirror}{article.url}">' in page
    # The shared image is one the page itself shows, so the mirror has the file.
    share_image = page.split('<meta property="og:image" content="')[1].split('"')[0]
    assert (folder / share_image[len(mirror) + 1 :]).exists()


@pytest.mark.django_db
def test_a_mirror_without_an_address_has_no_sitemaps_and_no_absolute_tags(tmp_path):
    folder = tmp_path / "mirror"
    article = factories.article(factories.service("en"))
    call_command("export", str(folder), stdout=StringIO(), stderr=StringIO())
    assert not list(folder.rglob("*.xml"))
    robots = (folder / "robots.txt").read_text()
    assert "Disallow: /en/search/" in robots and "Sitemap:" not in robots
    page = (folder / article.url.strip("/") / "index.html").read_text()
    assert 'rel="canonical"' not in page and "og:url" not in page and "ld+json" not in page
    assert '<meta property="og:title"' in page


@pytest.mark.django_db(transaction=True)
def test_publishing_a_new_topic_rewrites_the_stored_topics_sitemap(client, rendered_store):
    factories.wagtail_tree()
    en = factories.service("en")
    factories.article(en, topics=["tides"])
    assert f"{BASE}/en/topics/tides/" in stored(rendered_store, "/en/sitemap-topics.xml")
    assert f"{BASE}/en/sitemap-topics.xml" in stored(rendered_store, "/sitemap.xml")

    story = factories.article(en, topics=["ferries"])
    assert f"{BASE}/en/topics/ferries/" in stored(rendered_store, "/en/sitemap-topics.xml")

    story.unpublish()
    topics = stored(rendered_store, "/en/sitemap-topics.xml")
    assert f"{BASE}/en/topics/tides/" in topics and "/ferries/" not in topics
    assert "/en/sitemap-topics.xml" in public_urls(en)
