"""The shipped nginx configuration (deploy/nginx) in front of the app, on loopback."""

import gzip
import re
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import brotli
import pytest

from kolokol.conftest import require
from kolokol.publishing import render, servicemap
from kolokol.testing import factories
from kolokol.testing.nginx import NGINX, loopback_config, main_config
from kolokol.testing.servers import free_port, wait_until_up

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def nginx(tmp_path, live_server, rendered_store, settings):
    require(
        Path(NGINX).exists(),
        "nginx not installed (apt-get install nginx libnginx-mod-http-brotli-static)",
    )
    prefix = tmp_path / "nginx"
    prefix.mkdir()
    static = tmp_path / "static"
    (static / "core").mkdir(parents=True)
    (static / "core" / "probe.txt").write_text("static ok")
    port = free_port()
    site = loopback_config(
        rendered_store.root, static, Path(settings.MEDIA_ROOT), prefix / "access.log",
        live_server.url.removeprefix("http://").replace("localhost", "127.0.0.1"), port,
    )  # fmt: skip
    rendered_store.root.mkdir(parents=True, exist_ok=True)
    servicemap.write()  # as `kolokol setup` does: nginx includes the onion map
    (prefix / "site.conf").write_text(site)
    (prefix / "nginx.conf").write_text(main_config(prefix, prefix / "site.conf"))
    server = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf")])
    base = f"http://127.0.0.1:{port}"
    wait_until_up(base + "/static/core/probe.txt")
    yield base, prefix
    server.terminate()
    server.wait(timeout=10)


def get(url, **headers):
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (loopback)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_nginx_serves_the_store_and_passes_the_rest_to_the_app(nginx, rendered_store):
    base, prefix = nginx
    factories.wagtail_tree()
    home = factories.service("en")
    article = factories.article(home, title="Pier lights return")

    # Rendered on publish: nginx answers from disk, precompressed.
    status, headers, body = get(base + article.url, **{"Accept-Encoding": "br"})
    assert status == 200 and headers["X-Kolokol-Store"] == "nginx"
    assert headers["Content-Encoding"] == "br"
    assert "Pier lights return" in brotli.decompress(body).decode()
    assert headers["Content-Security-Policy"].startswith("default-src 'self'")
    assert "stale-if-error" in headers["Cache-Control"]
    status, _, _ = get(
        base + article.url, **{"If-None-Match": headers["ETag"], "Accept-Encoding": "br"}
    )
    assert status == 304

    # Parameters no page reads (a shared link's) do not matter: from disk too.
    status, headers, _ = get(base + article.url + "?utm_source=x&fbclid=y")
    assert status == 200 and headers["X-Kolokol-Store"] == "nginx"
    # The notice after a comment is the page's own: the app renders it.
    status, headers, body = get(base + article.url + "?fbclid=y&comment=pending")
    assert status == 200 and headers.get("X-Kolokol-Store") != "nginx"
    assert "moderator approves it" in body.decode()

    # A reader who chose a text size, and a search, go to the app.
    status, headers, body = get(base + article.url, Cookie="textsize=lg")
    assert status == 200 and headers.get("X-Kolokol-Store") != "nginx"
    assert 'class="ts-lg"' in body.decode()
    status, headers, body = get(base + home.url + "search/?q=pier")
    assert status == 200 and "<mark>Pier</mark> lights return" in body.decode()
    # What the app renders reaches nginx's readers compressed as well.
    status, headers, body = get(
        base + article.url, Cookie="textsize=lg", **{"Accept-Encoding": "gzip, br"}
    )
    assert headers["Content-Encoding"] == "br"
    assert 'class="ts-lg"' in brotli.decompress(body).decode()
    status, headers, body = get(base + home.url + "search/?q=pier", **{"Accept-Encoding": "gzip"})
    assert headers["Content-Encoding"] == "gzip"
    assert "<mark>Pier</mark>" in gzip.decompress(body).decode()

    # A page not yet in the store is rendered by the app, then served from disk.
    rendered_store.delete(home.url)
    status, headers, _ = get(base + home.url)
    assert status == 200 and headers.get("X-Kolokol-Store") != "nginx"
    assert get(base + home.url)[1]["X-Kolokol-Store"] == "nginx"

    # Publishing reaches nginx's readers.
    factories.article(home, title="Second story of the day")
    assert "Second story of the day" in get(base + home.url)[2].decode()

    # The store's bookkeeping is never served; no log holds an address.
    assert get(base + "/en/.transitions")[0] == 404
    log = (prefix / "access.log").read_text()
    assert log and "127.0.0.1" not in log


def test_nginx_offers_the_onion_address_of_the_service(nginx, rendered_store):
    base, prefix = nginx
    factories.wagtail_tree()
    home = factories.service("en")
    article = factories.article(home, title="Ferry timetable")
    onion = "http://kolokolabcdefghijklmnopqrstuvwxyz234567abcdefghijklmnop.onion"
    home.onion_url = onion
    factories.publish(home)  # an editor sets the address and publishes the home
    # The map is rewritten at publish; nginx picks it up on reload.
    subprocess.run(
        [NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-s", "reload"], check=True
    )
    wait_until_up(base + "/static/core/probe.txt")
    render.refresh([article.url])
    for _ in range(50):
        status, headers, _ = get(base + article.url)
        if headers.get("Onion-Location"):
            break
        time.sleep(0.1)
    assert status == 200 and headers["X-Kolokol-Store"] == "nginx"
    assert headers["Onion-Location"] == onion + article.url
    other = factories.service("ru")
    status, headers, _ = get(base + other.url)
    assert status == 200 and "Onion-Location" not in headers


def test_nginx_serves_feeds_sitemaps_and_robots_from_disk_with_their_types(nginx, rendered_store):
    base, _prefix = nginx
    factories.wagtail_tree()
    home = factories.service("en")
    factories.article(home, title="Harbour cranes repainted")
    render.refresh(["/robots.txt", "/sitemap.xml"])

    expected = {
        home.url + "feed.rss": "application/rss+xml; charset=utf-8",
        home.url + "feed.atom": "application/atom+xml; charset=utf-8",
        home.url + "feed.json": "application/feed+json; charset=utf-8",
        "/sitemap.xml": "application/xml; charset=utf-8",
        "/robots.txt": "text/plain; charset=utf-8",
    }
    for url, content_type in expected.items():
        status, headers, body = get(base + url, **{"Accept-Encoding": "br"})
        assert status == 200, url
        assert headers["X-Kolokol-Store"] == "nginx", url
        assert headers["Content-Type"] == content_type, url
        assert headers["Content-Encoding"] == "br", url
        assert brotli.decompress(body) == rendered_store.get(url).path.read_bytes(), url
    assert b"Harbour cranes repainted" in get(base + home.url + "feed.rss")[2]


def test_nginx_hides_the_stores_own_files_and_redirects_folders(nginx, rendered_store):
    base, _prefix = nginx
    factories.wagtail_tree()
    home = factories.service("en")
    article = factories.article(home, title="Lighthouse keeper retires")
    assert get(base + article.url)[1]["X-Kolokol-Store"] == "nginx"

    # The compressed variants and markers exist on disk but have no address.
    for name in ("index.html.br", "index.html.gz"):
        assert (rendered_store.file_for(article.url).parent / name).exists()
        assert get(base + article.url + name)[0] == 404

    # A service folder without its slash: to the slash, on the same host.
    request = urllib.request.Request(base + home.url.rstrip("/"))  # noqa: S310

    class Stop(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    with pytest.raises(urllib.error.HTTPError) as redirect:
        urllib.request.build_opener(Stop).open(request, timeout=10)
    assert redirect.value.code in (301, 302)
    assert redirect.value.headers["Location"] == home.url

    rendered_store.delete(article.url)  # leaves a .gone marker behind
    assert (rendered_store.file_for(article.url).parent / "index.html.gone").exists()
    assert get(base + article.url + "index.html.gone")[0] == 404


def test_nginx_passes_api_preflights_to_the_app(nginx):
    # A browser asks OPTIONS before a cross-origin conditional GET (If-None-Match);
    # nginx's own file handler would refuse the method (405).
    base, _prefix = nginx
    request = urllib.request.Request(  # noqa: S310 (loopback)
        base + "/api/v1/services/",
        method="OPTIONS",
        headers={
            "Origin": "https://reader-app.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "if-none-match",
        },
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        assert response.status == 200
        assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_every_server_of_the_shipped_config_keeps_addresses_out_of_its_logs():
    # A server without its own access_log inherits the distribution's
    # "combined" log, which records every reader's address.
    from kolokol.testing.nginx import DEPLOY

    config = (DEPLOY / "kolokol.conf").read_text()
    servers = re.findall(r"^server \{.*?^\}", config, flags=re.S | re.M)
    assert len(servers) == 2
    for server in servers:
        assert re.search(r"access_log \S+ kolokol;", server), server[:80]
        assert re.search(r"error_log \S+ crit;", server), server[:80]
    log_format = re.search(r"log_format kolokol ([^;]+);", config).group(1)
    assert "remote_addr" not in log_format and "forwarded_for" not in log_format


def test_nginx_serves_renditions_but_no_original_upload_or_document(nginx, settings):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    base, _prefix = nginx
    factories.wagtail_tree()
    picture = factories.image()
    rendition = picture.get_rendition("width-400")
    document = Document(title="Internal memo")
    document.file.save("memo.txt", ContentFile(b"for the newsroom only"))
    media = Path(settings.MEDIA_ROOT)
    assert (media / picture.file.name).exists() and (media / document.file.name).exists()

    status, headers, body = get(base + rendition.url)
    assert status == 200 and body[:2] == b"\xff\xd8"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in headers["Content-Security-Policy"]
    # Documents and pending uploads have no address under /media: documents
    # go through Wagtail's view with its privacy check. (Originals go on to
    # the app, whose editors-only view media/tests/test_metadata.py proves:
    # Django's test server answers /media/ itself, before any view.)
    for name in (document.file.name, "documents/", "uploaded_files/IMG_1.jpg"):
        assert get(f"{base}/media/{name}")[0] == 404, name


def test_nginx_answers_of_its_own_carry_the_security_headers(nginx, rendered_store):
    from kolokol.core.middleware import PUBLIC_CSP

    base, _prefix = nginx
    factories.wagtail_tree()
    article = factories.article(factories.service("en"), title="Tide tables printed")
    # A stored page, nginx's own 404s (a private folder, the store's
    # bookkeeping) and a static file: the same headers as the app's answers.
    for path, status in [
        (article.url, 200),
        ("/media/documents/memo.txt", 404),
        ("/.onion-locations.map", 404),
        (article.url + "index.html.br", 404),
        ("/static/core/probe.txt", 200),
    ]:
        got, headers, _body = get(base + path)
        assert got == status, path
        assert headers["Content-Security-Policy"] == PUBLIC_CSP, path
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert headers["X-Frame-Options"] == "DENY", path
        assert headers["Strict-Transport-Security"].startswith("max-age="), path


def test_nginx_answers_for_an_app_that_is_down_with_its_security_headers(tmp_path):
    require(Path(NGINX).exists(), "nginx not installed (apt-get install nginx)")
    prefix, store = tmp_path / "nginx", tmp_path / "store"
    prefix.mkdir()
    store.mkdir()
    (store / ".onion-locations.map").write_text("")
    port, nobody = free_port(), free_port()  # nothing listens on the app's port
    site = loopback_config(
        store, tmp_path, tmp_path, prefix / "access.log", f"127.0.0.1:{nobody}", port
    )
    (prefix / "site.conf").write_text(site)
    (prefix / "nginx.conf").write_text(main_config(prefix, prefix / "site.conf"))
    server = subprocess.Popen([NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf")])
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base + "/media/")
        # The admin and API (proxied), and a page the store does not hold (@app).
        for path in ("/admin/", "/api/v1/articles/", "/ru/not-stored-yet/"):
            status, headers, body = get(base + path)
            assert (status, headers["Retry-After"]) == (503, "30"), path
            assert headers["Content-Security-Policy"].startswith("default-src 'self'")
            assert headers["Strict-Transport-Security"].startswith("max-age=")
            assert headers["X-Content-Type-Options"] == "nosniff"
            assert b"try again" in body
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_nginx_serves_audio_and_video_renditions_and_captions_with_their_types(
    nginx, media_sources
):
    from django.core.files.base import ContentFile

    from kolokol.multimedia.models import Caption

    base, _prefix = nginx
    factories.wagtail_tree()
    clip = factories.clip(media_sources["video"])
    caption = Caption.objects.create(
        clip=clip,
        language="ru",
        file=ContentFile(b"WEBVTT\n\n00:00.000 --> 00:01.000\nA\n", name="a.vtt"),
    )
    small, hls = clip.lightest(), clip.hls()
    status, headers, body = get(base + small.url)
    assert status == 200 and headers["Content-Type"] == "video/mp4" and body[4:8] == b"ftyp"
    assert (
        "immutable" in headers["Cache-Control"] and "sandbox" in headers["Content-Security-Policy"]
    )
    status, headers, playlist = get(base + hls.url)
    assert headers["Content-Type"] == "application/vnd.apple.mpegurl"
    segment = (
        hls.url.rsplit("/", 1)[0] + "/" + next(n for n in hls.extra_files if n.endswith(".ts"))
    )
    assert get(base + segment)[1]["Content-Type"] == "video/mp2t"
    status, headers, _body = get(base + caption.file.url)
    assert status == 200 and headers["Content-Type"] == "text/vtt; charset=utf-8"
    # The recording as uploaded has no address at all.
    assert get(f"{base}/media/{clip.file.name}")[0] == 404
