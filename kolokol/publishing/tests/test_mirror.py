"""`kolokol export`: a static mirror that works from a plain file server."""

import json
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import quote, unquote, urljoin, urlsplit

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from kolokol.articles.models import ArticlePage
from kolokol.publishing.manifest import Manifest, exclusive, records
from kolokol.testing import factories, vnu
from kolokol.testing.browser import RequestLog
from kolokol.testing.servers import free_port, wait_until_up

pytestmark = pytest.mark.django_db


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.anchors, self.resources = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.anchors.append(attrs["href"])
        for name in ("src", "href"):
            if tag in {"img", "script", "link", "source"} and attrs.get(name):
                self.resources.append(attrs[name])
        for name in ("srcset",):
            if attrs.get(name):
                self.resources += [part.strip().split(" ")[0] for part in attrs[name].split(",")]


@pytest.fixture
def static_server(tmp_path):
    """`python -m http.server` over a folder, on a free loopback port."""
    folder = tmp_path / "mirror"
    folder.mkdir()
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "-d", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    wait_until_up(base + "/")
    yield folder, base
    server.terminate()
    server.wait(timeout=10)


def export(folder, *args):
    out, err = StringIO(), StringIO()
    call_command("export", str(folder), *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def crawl(base):
    """Every page and resource reachable from the mirror's front page."""
    origin_host = urlsplit(settings.KOLOKOL_BASE_URL).netloc
    seen, queue, broken, foreign = set(), ["/"], [], []
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        try:
            body = urllib.request.urlopen(base + quote(path, safe="/%"), timeout=5).read()  # noqa: S310
        except urllib.error.HTTPError as error:
            broken.append((path, error.code))
            continue
        if not path.endswith("/"):
            continue
        links = Links()
        links.feed(body.decode())
        for href in links.anchors + links.resources:
            absolute = urljoin(base + path, href)
            parts = urlsplit(absolute)
            if parts.scheme not in {"http", "https"}:
                continue
            loads_from_elsewhere = href in links.resources and parts.netloc != urlsplit(base).netloc
            if parts.netloc == origin_host or loads_from_elsewhere:
                foreign.append((path, href))
            elif parts.netloc == urlsplit(base).netloc:
                queue.append(unquote(parts.path))
    return seen, broken, foreign


def test_exported_mirror_has_no_broken_links_and_no_foreign_requests(static_server):
    folder, base = static_server
    call_command("load_demo", verbosity=0)
    out, err = export(folder)
    assert "Exporting [" in err and "files written" in out
    seen, broken, foreign = crawl(base)
    assert broken == []
    assert foreign == []
    assert len(seen) > 60  # pages, topic pages, images, CSS, JS
    manifest = Manifest(folder).files()
    assert "ru/index.html" in manifest and any(k.startswith("media/images/") for k in manifest)
    # Every page of the mirror is valid HTML (the W3C's Nu Html Checker).
    pages = {str(path.relative_to(folder)): path for path in folder.rglob("*.html")}
    assert len(pages) > 60
    assert vnu.errors(pages) == []


def test_search_on_a_mirror_explains_itself(static_server):
    folder, base = static_server
    factories.service("ru")
    export(folder)
    search = base + "/ru/search/?q=%D0%BC%D0%BE%D1%81%D1%82"
    html = urllib.request.urlopen(search).read().decode()  # noqa: S310 (loopback)  # noqa: S310
    assert "Поиск работает только на основном сайте" in html
    assert settings.KOLOKOL_BASE_URL + "/ru/" in html


def test_incremental_export_writes_only_what_changed_and_deletes_the_unpublished(tmp_path):
    folder = tmp_path / "mirror"
    home = factories.service("en")
    untouched = factories.article(home, title="Quiet story", topics=["tides"])
    gone = factories.article(home, title="To be withdrawn")
    export(folder)
    quiet_file = folder / untouched.url.strip("/") / "index.html"
    before = quiet_file.stat().st_mtime_ns

    fresh = factories.article(home, title="Fresh story")
    gone.unpublish()
    out, _ = export(folder, "--incremental")
    assert (folder / fresh.url.strip("/") / "index.html").exists()
    assert not (folder / gone.url.strip("/") / "index.html").exists()
    assert "Fresh story" in (folder / "en/index.html").read_text()
    assert quiet_file.stat().st_mtime_ns == before  # unchanged page not rewritten
    assert re.search(r"[1-9]\d* deleted", out)


def test_base_url_with_a_path_prefixes_site_links(tmp_path):
    folder = tmp_path / "mirror"
    home = factories.service("en")
    article = factories.article(home, lead_image=factories.image())
    export(folder, "--base-url", "https://mirror.example/news/")
    html = (folder / article.url.strip("/") / "index.html").read_text()
    assert 'href="/news/en/"' in html
    assert 'href="/news/static/' in html and 'srcset="/news/media/' in html
    assert 'href="/en/' not in html


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_mirror_article_in_a_browser_loads_everything_and_sizes_text(static_server, page):
    folder, base = static_server
    factories.wagtail_tree()
    home = factories.service("ru")
    article = factories.article(home, lead_image=factories.image(), body=factories.FULL_BODY_EN)
    export(folder)
    log = RequestLog(page, base)
    page.goto(base + article.url)
    page.wait_for_load_state("networkidle")
    assert log.failed == [] and log.foreign == []
    assert page.locator(".lead-image img").evaluate("img => img.naturalWidth > 0")
    size = lambda: page.locator(".article__body p").first.evaluate(  # noqa: E731
        "el => parseFloat(getComputedStyle(el).fontSize)"
    )
    normal = size()
    page.locator("#ts-lg").click()
    assert size() > normal
    # The choice carries to the next page of the mirror.
    page.goto(base + home.url)
    assert page.evaluate("document.documentElement.className") == "ts-lg"


def test_text_that_looks_like_a_path_cannot_pull_files_into_the_mirror(tmp_path, settings):
    from kolokol.publishing import mirror

    folder = tmp_path / "mirror"
    home = factories.service("en")
    secret = settings.DATA_DIR / "secret_key"
    factories.article(
        home,
        body=[
            {
                "type": "paragraph",
                "value": "<p>See /media/../secret_key and /static/../../etc/passwd and "
                '<a href="/media/../secret_key">this</a>.</p>',
            }
        ],
    )
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="secret_key"):  # reported as a broken link
        export(folder)
    assert not (folder / "secret_key").exists()
    assert not list(folder.rglob("passwd"))
    assert mirror.asset_source("/media/../secret_key") is None
    assert mirror.asset_source("/static/../../etc/passwd") is None
    assert mirror.asset_source("/media//etc/passwd") is None
    assert secret.exists()  # it was there to be stolen


def test_incremental_export_renders_only_the_pages_a_publish_changed(tmp_path):
    folder = tmp_path / "mirror"
    home = factories.service("en")
    news = factories.section(home, "News", "news")
    sport = factories.section(home, "Sport", "sport")
    culture = factories.section(home, "Culture", "culture")
    writer = factories.author(home, "Ada Quill")
    elsewhere = [
        factories.article(home, section_page=culture, title=f"Review {n}", authors=[writer])
        for n in range(8)
    ]
    moving = factories.article(home, section_page=news, title="Will move", authors=[writer])
    export(folder)
    untouched = [folder / article.url.strip("/") / "index.html" for article in elsewhere]
    untouched.append(folder / "en/culture/index.html")
    before = {path: path.stat().st_mtime_ns for path in untouched}
    old_address = moving.url

    fresh = factories.article(home, section_page=news, title="Harbour reopens")
    moving.move(sport, pos="last-child")
    out, _ = export(folder, "--incremental")

    assert "Harbour reopens" in (folder / "en/news/index.html").read_text()
    assert (folder / fresh.url.strip("/") / "index.html").exists()
    # The moved article is at its new address only, and listed there.
    moved = ArticlePage.objects.get(pk=moving.pk)
    assert not (folder / old_address.strip("/") / "index.html").exists()
    assert (folder / moved.url.strip("/") / "index.html").exists()
    # Pages nothing happened to were not even rendered: their files are as they were.
    assert {path: path.stat().st_mtime_ns for path in untouched} == before
    assert Manifest(folder).pages()[moved.url] == moved.pk


def test_breaking_news_since_the_last_export_renders_everything_again(tmp_path):
    folder = tmp_path / "mirror"
    home = factories.service("en")
    story = factories.article(home, title="Quiet story")
    export(folder)
    factories.breaking(home, headline="Storm warning for the coast")
    export(folder, "--incremental")
    assert (
        "Storm warning for the coast" in (folder / story.url.strip("/") / "index.html").read_text()
    )


def test_listings_longer_than_a_page_have_their_archive_pages_in_the_mirror(static_server):
    folder, base = static_server
    home = factories.service("en")
    news = factories.section(home, "News", "news")
    for n in range(45):
        factories.article(home, section_page=news, title=f"Item {n}", topics=["harbour"])
    export(folder)
    for n in (1, 2, 3):
        assert (folder / f"en/news/page/{n}/index.html").exists()
        assert (folder / f"en/topics/harbour/page/{n}/index.html").exists()
    seen, broken, _foreign = crawl(base)
    assert broken == []
    assert "/en/news/page/1/" in seen  # reached by following "older" links


def test_an_article_withdrawn_since_the_last_export_leaves_no_trace_in_the_mirror(tmp_path):
    # A takedown: after the incremental export, no listing, archive page,
    # feed or sitemap of the mirror may still carry the headline, and the
    # mirror must be what a full export of the site now writes.
    home = factories.service("en")
    news = factories.section(home, "News", "news")
    writer = factories.author(home, "Ada Quill")
    items = [
        factories.article(
            home, section_page=news, title=f"Item {n}", topics=["harbour"], authors=[writer]
        )
        for n in range(45)
    ]
    export(tmp_path / "mirror")
    withdrawn = items[12]  # on the second archive page: the pages after it shift
    withdrawn.unpublish()
    export(tmp_path / "mirror", "--incremental")
    export(tmp_path / "full")
    traces = [
        path.relative_to(tmp_path / "mirror").as_posix()
        for path in (tmp_path / "mirror").rglob("*")
        if path.is_file()
        and path.suffix in {".html", ".rss", ".atom", ".json", ".xml"}
        and "Item 12<" in path.read_text()
    ]
    assert traces == []

    def pages(folder):  # feeds of an empty listing are dated at export time
        return {k: v for k, v in Manifest(folder).files().items() if "/feed." not in k}

    assert pages(tmp_path / "mirror") == pages(tmp_path / "full")


def test_a_withdrawn_article_leaves_the_related_lists_of_the_mirror(tmp_path):
    home = factories.service("en")
    older = [factories.article(home, title=f"Harbour {n}", topics=["harbour"]) for n in range(3)]
    newest = factories.article(home, title="Harbour master resigns", topics=["harbour"])
    export(tmp_path / "mirror")
    page = tmp_path / "mirror" / older[0].url.strip("/") / "index.html"
    assert "Harbour master resigns" in page.read_text()
    newest.unpublish()
    export(tmp_path / "mirror", "--incremental")
    assert "Harbour master resigns" not in page.read_text()


@pytest.mark.django_db(transaction=True)
def test_export_in_several_processes_writes_the_same_mirror(tmp_path):
    factories.wagtail_tree()
    call_command("load_demo", verbosity=0)
    export(tmp_path / "one", "--jobs", "1")
    out, _ = export(tmp_path / "two", "--jobs", "2")
    one = Manifest(tmp_path / "one").files()
    two = Manifest(tmp_path / "two").files()
    assert one == two and len(one) > 60


def test_a_mirror_from_an_earlier_version_continues_incrementally(tmp_path):
    # Earlier versions kept the manifest as two JSON files; the first export
    # after an upgrade takes them over instead of rewriting the whole mirror.
    folder = tmp_path / "mirror"
    home = factories.service("en")
    quiet = factories.article(home, title="Quiet story")
    export(folder)
    manifest = Manifest(folder)
    files, pages, facts = manifest.files(), manifest.pages(), manifest.facts()
    manifest.close()
    records(folder).joinpath("manifest.sqlite3").unlink()
    (folder / ".kolokol-mirror.json").write_text(json.dumps(files))
    (folder / ".kolokol-mirror-state.json").write_text(json.dumps({**facts, "pages": pages}))
    quiet_file = folder / quiet.url.strip("/") / "index.html"
    before = quiet_file.stat().st_mtime_ns

    fresh = factories.article(home, title="Fresh story")
    export(folder, "--incremental")
    assert (folder / fresh.url.strip("/") / "index.html").exists()
    assert quiet_file.stat().st_mtime_ns == before
    assert not (folder / ".kolokol-mirror.json").exists()
    assert Manifest(folder).pages()[fresh.url] == fresh.pk


def test_the_mirror_folder_holds_only_what_readers_may_see(tmp_path):
    # A mirror folder is published as it is; its record (every page and when
    # the mirror ran) and the export lock stay in the data folder.
    folder = tmp_path / "mirror"
    home = factories.service("en")
    quiet = factories.article(home, title="Quiet story")
    export(folder)
    hidden = [p.name for p in folder.rglob(".*")]
    assert hidden == []
    assert Manifest(folder).files()

    # A mirror written by an earlier version, record inside: moved out, and
    # the next export still only writes what changed.
    inside = folder / ".kolokol-mirror.sqlite3"
    shutil.move(records(folder) / "manifest.sqlite3", inside)
    (folder / ".kolokol-mirror.lock").touch()
    quiet_file = folder / quiet.url.strip("/") / "index.html"
    before = quiet_file.stat().st_mtime_ns
    fresh = factories.article(home, title="Fresh story")
    export(folder, "--incremental")
    assert (folder / fresh.url.strip("/") / "index.html").exists()
    assert quiet_file.stat().st_mtime_ns == before
    assert [p.name for p in folder.rglob(".*")] == []


def test_manifest_finds_every_file_under_a_folder_whatever_its_characters(tmp_path):
    manifest = Manifest(tmp_path)
    paths = ["en/a/index.html", "en/a/🌊/index.html", "en/a/%_x/index.html", "en/ab/index.html"]
    manifest.save(
        files=dict.fromkeys(paths, "0" * 64), removed=(), pages={}, known_pages={}, facts={}
    )
    assert sorted(manifest.paths_under("en/a/")) == sorted(paths[:3])


def test_an_export_refuses_a_folder_another_export_is_writing(tmp_path):
    # A cron export overlapping a long one, or the worker following the same
    # folder: the second says so and leaves the mirror as the first keeps it.
    folder = tmp_path / "mirror"
    home = factories.service("en")
    story = factories.article(home, title="Quiet story")
    export(folder)
    factories.article(home, title="Fresh story")
    with exclusive(folder):
        with pytest.raises(CommandError, match=f"another export is writing {folder}"):
            export(folder, "--incremental")
        assert "Fresh story" not in (folder / "en/index.html").read_text()
    assert "Quiet story" in (folder / story.url.strip("/") / "index.html").read_text()
    export(folder, "--incremental")  # once the other is done
    assert "Fresh story" in (folder / "en/index.html").read_text()


@pytest.mark.parametrize("budget", ["all", "light"])
def test_a_mirror_carries_a_video_storys_files_within_its_size_budget(
    tmp_path, settings, media_sources, budget
):
    settings.KOLOKOL_MIRROR_MEDIA = budget
    folder = tmp_path / "mirror"
    home = factories.service("en")
    clip = factories.clip(media_sources["video"], title="Harbour at dawn")
    story = factories.article(home, title="The harbour wakes up", lead_clip=clip)
    export(folder)
    html = (folder / story.url.strip("/") / "index.html").read_text()
    assert "<video" in html and "hls.m3u8" not in html
    poster = re.search(r'poster="/(media/[^"]+)"', html).group(1)
    assert (folder / poster).is_file()
    carried = sorted(p.name for p in (folder / "media/clips").rglob("*") if p.is_file())
    assert carried == (["240p.mp4"] if budget == "light" else ["240p.mp4", "360p.mp4"])
