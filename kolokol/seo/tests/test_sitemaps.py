"""sitemap.xml, the services' sitemaps and news sitemaps, robots.txt: as crawlers read them."""

from datetime import datetime

import pytest
from django.conf import settings
from wagtail.models import PageViewRestriction

from kolokol.seo import sitemaps
from kolokol.seo.tests.sitemap_rules import NS, locs, parse
from kolokol.testing import factories

pytestmark = pytest.mark.django_db
BASE = settings.KOLOKOL_BASE_URL


def get(client, url, content_type="application/xml; charset=utf-8"):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    assert response["Content-Type"] == content_type
    return response.content


def test_index_lists_each_services_sitemap_which_lists_its_live_public_pages(client):
    en, ru = factories.service("en"), factories.service("ru")
    story = factories.article(en, title="Ferry returns")
    factories.article(ru, title="Паром вернулся", slug="паром")
    draft = factories.article(en, title="Not yet")
    draft.unpublish()
    private = factories.article(en, title="Members only")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    index = locs(parse(get(client, "/sitemap.xml"), "sitemapindex"), "sitemap")
    assert index == [f"{BASE}/en/sitemap.xml", f"{BASE}/ru/sitemap.xml"]

    english = locs(parse(get(client, "/en/sitemap.xml"), "urlset"), "url")
    assert f"{BASE}/en/" in english and f"{BASE}{story.url}" in english
    assert f"{BASE}{en.get_children().first().url}" in english  # a section
    assert f"{BASE}{draft.url}" not in english and f"{BASE}{private.url}" not in english
    assert not [url for url in english if "/ru/" in url]

    russian_urls = locs(parse(get(client, "/ru/sitemap.xml"), "urlset"), "url")
    assert f"{BASE}/ru/society/%D0%BF%D0%B0%D1%80%D0%BE%D0%BC/" in russian_urls


def test_lastmod_is_the_last_publication(client):
    en = factories.service("en")
    story = factories.article(en)
    root = parse(get(client, "/en/sitemap.xml"), "urlset")
    for url in root.findall("s:url", NS):
        if url.findtext("s:loc", namespaces=NS) == BASE + story.url:
            lastmod = datetime.fromisoformat(url.findtext("s:lastmod", namespaces=NS))
            assert lastmod == story.last_published_at
            break
    else:
        pytest.fail("article not in its sitemap")


def test_a_large_service_sitemap_is_paginated_oldest_first(client, monkeypatch):
    monkeypatch.setattr(sitemaps.ServiceSitemap, "limit", 4)
    en = factories.service("en")  # home, section, topic and author indexes: page 1
    first, second = factories.article(en), factories.article(en)
    index = locs(parse(get(client, "/sitemap.xml"), "sitemapindex"), "sitemap")
    # The first article brings its author page along.
    assert index == [f"{BASE}/en/sitemap.xml", f"{BASE}/en/sitemap-2.xml"]
    page_two = locs(parse(get(client, "/en/sitemap-2.xml"), "urlset"), "url")
    assert page_two[-1] == BASE + second.url and BASE + first.url in page_two
    assert len(locs(parse(get(client, "/en/sitemap.xml"), "urlset"), "url")) == 4
    assert client.get("/en/sitemap-1.xml").status_code == 404
    assert client.get("/en/sitemap-3.xml").status_code == 404
    assert client.get("/nowhere/sitemap.xml").status_code == 404


def test_news_sitemap_has_the_last_48_hours_only(client):
    fa = factories.service("fa", title="Kolokol Farsi")
    fresh = factories.article(fa, title='Bridge "open" & <safe>', published_hours_ago=1)
    stale = factories.article(fa, title="Old bridge", published_hours_ago=49)
    root = parse(get(client, "/fa/news-sitemap.xml"), "urlset")
    assert root.nsmap == {None: NS["s"], "news": NS["news"]}
    urls = root.findall("s:url", NS)
    assert [u.findtext("s:loc", namespaces=NS) for u in urls] == [BASE + fresh.url]
    assert BASE + stale.url not in get(client, "/fa/news-sitemap.xml").decode()
    news = urls[0].find("news:news", NS)
    assert news.findtext("news:publication/news:name", namespaces=NS) == "Kolokol Farsi"
    assert news.findtext("news:publication/news:language", namespaces=NS) == "fa"
    assert news.findtext("news:title", namespaces=NS) == 'Bridge "open" & <safe>'
    published = datetime.fromisoformat(news.findtext("news:publication_date", namespaces=NS))
    assert published.tzinfo is not None and published == fresh.first_published_at


def test_news_sitemap_stops_at_its_limit_newest_first(client, monkeypatch):
    monkeypatch.setattr(sitemaps, "NEWS_LIMIT", 2)
    assert sitemaps.NEWS_LIMIT <= 1000
    en = factories.service("en")
    stories = [factories.article(en, published_hours_ago=hours) for hours in (3, 2, 1)]
    root = parse(get(client, "/en/news-sitemap.xml"), "urlset")
    listed = [u.findtext("s:loc", namespaces=NS) for u in root.findall("s:url", NS)]
    assert listed == [BASE + stories[2].url, BASE + stories[1].url]


def test_robots_txt_points_at_the_sitemaps_and_keeps_crawlers_off_dynamic_paths(client):
    factories.service("en"), factories.service("ru")
    text = get(client, "/robots.txt", "text/plain; charset=utf-8").decode()
    lines = text.splitlines()
    assert lines[0] == "User-agent: *"
    for rule in ["/admin/", "/text-size/", "/en/search/", "/ru/search/", "/*?"]:
        assert f"Disallow: {rule}" in lines
    assert "Disallow: /" not in lines and "Disallow: /media/" not in lines
    assert f"Sitemap: {BASE}/sitemap.xml" in lines
    assert f"Sitemap: {BASE}/en/news-sitemap.xml" in lines
    assert f"Sitemap: {BASE}/ru/news-sitemap.xml" in lines
    # Crawlers read robots.txt at the root only: a service has none of its own.
    assert client.get("/en/robots.txt").status_code == 404


def test_topic_pages_have_a_sitemap_of_their_own_listed_in_the_index(client):
    en, ru, fa = factories.service("en"), factories.service("ru"), factories.service("fa")
    older = factories.article(en, topics=["tides"], published_hours_ago=5)
    newer = factories.article(en, topics=["tides", "ferries"], published_hours_ago=1)
    factories.article(ru, topics=["выборы"])
    factories.article(fa)  # no topics: no topics sitemap
    private = factories.article(en, topics=["secrets"])
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    index = locs(parse(get(client, "/sitemap.xml"), "sitemapindex"), "sitemap")
    assert f"{BASE}/en/sitemap-topics.xml" in index and f"{BASE}/ru/sitemap-topics.xml" in index
    assert f"{BASE}/fa/sitemap-topics.xml" not in index
    assert client.get("/fa/sitemap-topics.xml").status_code == 404

    root = parse(get(client, "/en/sitemap-topics.xml"), "urlset")
    assert locs(root, "url") == [f"{BASE}/en/topics/ferries/", f"{BASE}/en/topics/tides/"]
    for url in root.findall("s:url", NS):
        loc = url.findtext("s:loc", namespaces=NS)
        assert client.get(loc.removeprefix(BASE)).status_code == 200
        if loc.endswith("/tides/"):
            older.refresh_from_db()
            newer.refresh_from_db()
            lastmod = datetime.fromisoformat(url.findtext("s:lastmod", namespaces=NS))
            assert lastmod == max(older.last_published_at, newer.last_published_at)
    russian = locs(parse(get(client, "/ru/sitemap-topics.xml"), "urlset"), "url")
    assert russian == [f"{BASE}/ru/topics/%D0%B2%D1%8B%D0%B1%D0%BE%D1%80%D1%8B/"]


def test_a_video_story_carries_its_video_entry(client, media_sources):
    from kolokol.seo.tests.sitemap_rules import SITEMAP_NS, W3C_DATETIME

    video_ns = "http://www.google.com/schemas/sitemap-video/1.1"
    en = factories.service("en")
    clip = factories.clip(media_sources["video"], title="Harbour at dawn")
    story = factories.article(en, title="The harbour wakes up", lead_clip=clip)
    plain = factories.article(en, title="Council meets")
    root = parse(get(client, "/en/sitemap.xml"), "urlset")
    locs(root, "url")
    entries = {
        url.findtext(f"{{{SITEMAP_NS}}}loc"): url.find(f"{{{video_ns}}}video")
        for url in root.findall(f"{{{SITEMAP_NS}}}url")
    }
    assert entries[f"{BASE}{plain.url}"] is None
    video = entries[f"{BASE}{story.url}"]
    assert video.findtext(f"{{{video_ns}}}title") == "The harbour wakes up"
    assert video.findtext(f"{{{video_ns}}}content_loc").endswith("/360p.mp4")
    assert video.findtext(f"{{{video_ns}}}thumbnail_loc").startswith(BASE)
    assert video.findtext(f"{{{video_ns}}}duration") in ("2", "3")
    assert W3C_DATETIME.match(video.findtext(f"{{{video_ns}}}publication_date"))
