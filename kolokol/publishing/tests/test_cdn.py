"""CDN purging through Wagtail's frontend cache backends, when configured."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from kolokol.testing import factories

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def cache_server():
    """A stand-in for Varnish on loopback, recording the PURGE requests it gets."""
    purged = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
            purged.append((self.headers["Host"], self.path))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", purged
    server.shutdown()


def test_publishing_purges_every_changed_url_at_the_cdn(rendered_store, settings, cache_server):
    location, purged = cache_server
    settings.KOLOKOL_BASE_URL = "http://news.example.org"
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": location,
        }
    }
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "news.example.org"]
    factories.wagtail_tree()
    home = factories.service("en")
    purged.clear()
    article = factories.article(home, title="Tram strike ends", topics=["trams"])
    paths = {path for host, path in purged}
    assert {host for host, _ in purged} == {"news.example.org"}
    assert {article.url, home.url, article.get_parent().url, "/en/topics/trams/"} <= paths
