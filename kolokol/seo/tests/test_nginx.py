"""The shipped nginx configuration serves robots.txt and the sitemaps from the store."""

import pytest

from kolokol.publishing.tests.test_nginx import get, nginx  # noqa: F401 (the fixture)
from kolokol.testing import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_nginx_answers_stored_sitemaps_and_robots_from_disk(nginx, rendered_store):  # noqa: F811
    base, _prefix = nginx
    factories.wagtail_tree()
    home = factories.service("en")
    article = factories.article(home, title="Pier lights return")
    # The type the app's store front gives them (kolokol/publishing/store.py).
    for url, content_type in [
        ("/en/sitemap.xml", "application/xml; charset=utf-8"),
        ("/en/news-sitemap.xml", "application/xml; charset=utf-8"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
    ]:
        status, headers, body = get(base + url)
        assert status == 200 and headers["X-Kolokol-Store"] == "nginx", url
        assert headers["Content-Type"] == content_type
        assert article.url.encode() in body or url == "/sitemap.xml"
    # robots.txt is not rendered by a publish: the app renders it once, then nginx serves it.
    status, headers, body = get(base + "/robots.txt")
    assert status == 200 and headers.get("X-Kolokol-Store") != "nginx"
    status, headers, body = get(base + "/robots.txt")
    assert headers["X-Kolokol-Store"] == "nginx" and b"Sitemap:" in body
    assert headers["Content-Type"] == "text/plain; charset=utf-8"
    # A parameter no page reads changes nothing, as for pages; a sitemap's
    # page number (Django's ?p=) goes to the app.
    status, headers, _ = get(base + "/robots.txt?x=1")
    assert status == 200 and headers["X-Kolokol-Store"] == "nginx"
    status, headers, _ = get(base + "/sitemap.xml?p=1")
    assert status == 200 and headers.get("X-Kolokol-Store") != "nginx"
