"""`kolokol export`: a static mirror that works from a plain file server."""

import json
import re
import subprocess
import sys
import urllib.error
import urllib.request
from html.parser import HTMLParser
from io import StringIO
from urllib.parse import quote, unquote, urljoin, urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command

from kolokol.testing import factories
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
    manifest = json.loads((folder / ".kolokol-mirror.json").read_text())
    assert "ru/index.html" in manifest and any(k.startswith("media/images/") for k in manifest)


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
