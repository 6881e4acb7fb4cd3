"""What a mirror's pages name: its own address, the services it holds, its own folder."""

import json
import re
import urllib.request
from html.parser import HTMLParser
from urllib.parse import quote, unquote, urljoin

import feedparser
import pytest
from django.conf import settings

from kolokol.core.links import relative_address, relative_links
from kolokol.testing import factories
from kolokol.testing.browser import RequestLog

from . import test_mirror
from .test_mirror import crawl, export

static_server = test_mirror.static_server  # the fixture: a folder served by http.server

pytestmark = pytest.mark.django_db

ORIGIN_RE = re.compile(
    re.escape(settings.KOLOKOL_BASE_URL) + "|" + quote(settings.KOLOKOL_BASE_URL, safe="")
)


class ShareLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inside, self.hrefs = False, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "ul" and "share-list" in (attrs.get("class") or ""):
            self.inside = True
        elif tag == "a" and self.inside:
            self.hrefs.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "ul":
            self.inside = False


def shares(path):
    parser = ShareLinks()
    parser.feed(path.read_text())
    return parser.hrefs


def test_share_links_on_a_mirror_carry_its_address_or_are_left_out(tmp_path):
    home = factories.service("en")
    article = factories.article(home, title="Harbour bridge reopens")
    page_file = lambda folder: folder / article.url.strip("/") / "index.html"  # noqa: E731

    export(tmp_path / "based", "--base-url", "https://mirror.example/news/")
    links = shares(page_file(tmp_path / "based"))
    mirror_address = quote("https://mirror.example/news" + article.url, safe="")
    assert any(link.startswith("https://t.me/") for link in links)
    networks = [link for link in links if link.startswith(("https://", "mailto:"))]
    assert networks and all(mirror_address in link for link in networks)
    assert not [link for link in links if ORIGIN_RE.search(link)]

    # No known address: no network link (it would share the origin's), only
    # "copy link", which copies the address the reader has open.
    export(tmp_path / "plain")
    assert shares(page_file(tmp_path / "plain")) == [article.url]


def test_feeds_of_a_mirror_without_an_address_never_name_the_origin(tmp_path):
    home = factories.service("en")
    news = factories.section(home, "News", "news")
    article = factories.article(
        home, section_page=news, title="Harbour bridge reopens", lead_image=factories.image()
    )
    folder = tmp_path / "mirror"
    export(folder)
    feeds = list(folder.rglob("feed.*"))
    assert len(feeds) >= 6
    leaks = [str(p.relative_to(folder)) for p in feeds if ORIGIN_RE.search(p.read_text())]
    assert leaks == []
    # Readers resolve the links against where they fetched the feed.
    served = "https://mirror.example"
    for name in ("feed.rss", "feed.atom"):
        location = served + news.url + name
        parsed = feedparser.parse(
            (folder / "en/news" / name).read_bytes(),
            response_headers={"content-location": location, "content-type": "application/xml"},
        )
        assert not parsed.bozo, (name, parsed.get("bozo_exception"))
        assert [entry.link for entry in parsed.entries] == [served + article.url]
    feed = json.loads((folder / "en/news/feed.json").read_text())
    location = served + news.url + "feed.json"
    assert [urljoin(location, item["url"]) for item in feed["items"]] == [served + article.url]


def test_a_one_service_mirror_links_only_to_what_it_holds(static_server):
    folder, base = static_server
    ru = factories.service("ru")
    en = factories.service("en")
    factories.article(ru, title="Мост открыли", topics=["мост"])
    factories.article(en, title="Bridge reopens")
    export(folder, "--service", "ru")
    seen, broken, foreign = crawl(base)
    assert broken == [] and foreign == []
    assert "/ru/" in seen and not any(path.startswith("/en/") for path in seen)
    root = urllib.request.urlopen(base + "/").read().decode()  # noqa: S310 (loopback)
    assert 'href="/ru/"' in root and "Directory listing" not in root

    # A second service exported into the same folder: the root lists both.
    export(folder, "--service", "en")
    root = (folder / "index.html").read_text()
    assert 'href="/ru/"' in root and 'href="/en/"' in root
    assert (folder / "ru/index.html").exists()
    assert 'hreflang="ru"' in (folder / "en/index.html").read_text()


def test_the_root_of_a_mirror_has_robots_txt_and_the_sitemap_index(tmp_path):
    ru = factories.service("ru")
    factories.service("en")
    factories.article(ru, title="Мост открыли")

    based = tmp_path / "based"
    export(based, "--service", "ru", "--base-url", "https://mirror.example/news/")
    assert (based / "index.html").exists()
    robots = (based / "robots.txt").read_text()
    assert "Sitemap: https://mirror.example/news/sitemap.xml" in robots
    assert "/news/ru/search/" in robots and "/en/" not in robots
    index = (based / "sitemap.xml").read_text()
    assert "https://mirror.example/news/ru/sitemap.xml" in index and "/en/" not in index
    assert not ORIGIN_RE.search(robots + index)

    plain = tmp_path / "plain"
    export(plain, "--service", "ru")
    assert (plain / "index.html").exists()
    robots = (plain / "robots.txt").read_text()
    # Sitemaps list full addresses: without one known, there are none to name.
    assert "Disallow: /ru/search/" in robots and "Sitemap:" not in robots
    assert not (plain / "sitemap.xml").exists()


def test_relative_addresses_go_up_and_down_from_the_page():
    assert relative_address("/ru/", "/ru/gorod/most/") == "../../index.html"
    assert relative_address("/static/a.css?v=1", "/ru/") == "../static/a.css?v=1"
    assert relative_address("/ru/most/#comments", "/ru/most/") == "index.html#comments"
    assert relative_address("/ru/most/", "/ru/feed.rss", index=False) == "most/"
    assert relative_address("/ru/", "/ru/feed.rss", index=False) == "./"
    assert relative_address("/ru/search/?q=a#r", "/ru/") == "search/index.html?q=a#r"
    html = b'<a href="/ru/"> <img src="/media/a.jpg" srcset="/media/a.jpg 1x, /media/b.jpg 2x">'
    html += b' <a href="//cdn.example/x"> <a href="#ts-lg"> <form action="/ru/search/">'
    assert relative_links(html, "/ru/most/") == (
        b'<a href="../index.html"> <img src="../../media/a.jpg" '
        b'srcset="../../media/a.jpg 1x, ../../media/b.jpg 2x"> <a href="//cdn.example/x">'
        b' <a href="#ts-lg"> <form action="../search/index.html">'
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_mirror_with_relative_links_works_opened_from_files(tmp_path, page):
    factories.wagtail_tree()
    home = factories.service("ru")
    news = factories.section(home, "Город", "gorod")
    article = factories.article(
        home, section_page=news, title="Мост открыли", lead_image=factories.image()
    )
    folder = tmp_path / "usb"
    export(folder, "--relative-links")
    for path in folder.rglob("*.html"):
        assert not re.search(r'(?:href|src|action|srcset)="/(?!/)', path.read_text()), path

    log = RequestLog(page, "file://")
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((folder / "ru/index.html").as_uri())
    page.locator(f'nav a[href$="{news.slug}/index.html"]').first.click()
    page.wait_for_load_state("load")
    assert unquote(page.url) == (folder / "ru/gorod/index.html").as_uri()
    page.locator(f'a[href$="{article.slug}/index.html"]').first.click()
    page.wait_for_load_state("load")
    assert unquote(page.url).endswith(article.url + "index.html")
    # The stylesheet applied (its layout, not the browser's default), the picture loaded.
    assert page.evaluate("getComputedStyle(document.body).marginTop") != "8px"
    assert page.evaluate("document.styleSheets.length") > 0
    assert page.locator(".lead-image img").evaluate("img => img.complete && img.naturalWidth > 0")
    outside = [
        url
        for url in log.urls
        if not unquote(url).startswith(folder.as_uri()) and not url.startswith("data:")
    ]
    assert outside == [] and log.failed == [] and errors == []


def test_an_incremental_export_keeps_the_links_relative(tmp_path):
    folder = tmp_path / "usb"
    home = factories.service("en")
    factories.article(home, title="Quiet story")
    export(folder, "--relative-links")
    fresh = factories.article(home, title="Fresh story")
    export(folder, "--relative-links", "--incremental")
    for path in (folder / "en/index.html", folder / fresh.url.strip("/") / "index.html"):
        html = path.read_text()
        assert "Fresh story" in html and 'href="../' in html
        assert not re.search(r'(?:href|src|action)="/(?!/)', html)
    # Exported again without the option: every page changes back, not only the new ones.
    export(folder, "--incremental")
    assert 'href="/static/' in (folder / "en/index.html").read_text()
    assert all('href="/static/' in p.read_text() for p in folder.rglob("index.html"))
