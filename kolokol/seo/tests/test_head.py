"""What article and listing pages tell search engines and social networks in their <head>."""

import json
from datetime import datetime, timedelta

import html5lib
import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from PIL import Image
from wagtail import hooks

from kolokol.seo.alternates import ARTICLE_TRANSLATIONS_HOOK
from kolokol.testing import factories

pytestmark = pytest.mark.django_db
BASE = settings.KOLOKOL_BASE_URL


def head_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    document = parser.parse(response.content.decode())
    return response, document.find("head")


def meta(head, key):
    """Every content of <meta property=key> (or name=key)."""
    return [
        m.get("content") for m in head.iter("meta") if key in {m.get("property"), m.get("name")}
    ]


def link(head, rel):
    # Typed alternates are the page's feeds (kolokol.feeds), not other pages.
    return [
        (el.get("hreflang"), el.get("href"))
        for el in head.iter("link")
        if el.get("rel") == rel and not el.get("type")
    ]


def json_ld(head):
    blocks = [s for s in head.iter("script") if s.get("type") == "application/ld+json"]
    assert len(blocks) == 1
    return json.loads(blocks[0].text)


@pytest.fixture
def newsroom():
    en, ru = factories.service("en", title="Kolokol English"), factories.service("ru")
    writer = factories.author(en, "Ada Quill")
    article = factories.article(
        en,
        title='Ferry "returns" </script><script>alert(1)</script>',
        standfirst="The harbour & the <b>bridge</b>.",
        authors=[writer],
        topics=["ferries", "harbour"],
        lead_image=factories.image(description="A white ferry at a pier"),
    )
    return {"en": en, "ru": ru, "writer": writer, "article": article}


def test_article_json_ld_is_a_complete_news_article_that_cannot_break_out(client, newsroom):
    article = newsroom["article"]
    article.updated_at = article.first_published_at + timedelta(hours=2)
    factories.publish(article)
    response, head = head_of(client, article.url)
    html = response.content.decode()
    # The headline's </script> stays inside the JSON: one script element, no alert.
    assert "</script><script>alert(1)" not in html
    assert len([s for s in head.iter("script") if not s.get("src")]) == 1
    data = json_ld(head)
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == 'Ferry "returns" </script><script>alert(1)</script>'
    assert data["description"] == "The harbour & the <b>bridge</b>."
    assert data["datePublished"] == article.first_published_at.isoformat()
    assert data["dateModified"] == article.updated_at.isoformat()
    assert data["author"] == [
        {"@type": "Person", "name": "Ada Quill", "url": BASE + newsroom["writer"].url}
    ]
    publisher = data["publisher"]
    assert publisher["@type"] == "Organization" and publisher["name"] == "Kolokol English"
    assert publisher["logo"]["url"].startswith(BASE + "/static/")
    assert data["inLanguage"] == "en" and data["isAccessibleForFree"] is True
    assert data["mainEntityOfPage"]["@id"] == BASE + article.url
    assert data["image"][0].startswith(BASE + "/media/images/")
    assert client.get(data["image"][0][len(BASE) :]).status_code == 200
    assert data["keywords"] == ["ferries", "harbour"]


def test_date_modified_falls_back_on_first_publication(client):
    article = factories.article(factories.service("en"))
    _, head = head_of(client, article.url)
    assert json_ld(head)["dateModified"] == article.first_published_at.isoformat()


def test_article_canonical_opengraph_and_twitter_card(client, newsroom):
    article = newsroom["article"]
    _, head = head_of(client, article.url)
    assert link(head, "canonical") == [(None, BASE + article.url)]
    assert meta(head, "og:type") == ["article"]
    assert meta(head, "og:title") == [article.title]
    assert meta(head, "og:description") == ["The harbour & the <b>bridge</b>."]
    assert meta(head, "og:url") == [BASE + article.url]
    assert meta(head, "og:site_name") == ["Kolokol English"]
    assert meta(head, "og:locale") == ["en_GB"]
    [image] = meta(head, "og:image")
    assert image.startswith(BASE + "/media/images/") and image.endswith(".jpg")
    assert meta(head, "og:image:width") == ["1200"] and meta(head, "og:image:height") == ["675"]
    assert meta(head, "og:image:alt") == ["A white ferry at a pier"]
    # The same instant, written in the service's time zone.
    for key in ("article:published_time", "article:modified_time"):
        [written] = meta(head, key)
        assert datetime.fromisoformat(written) == article.first_published_at
    assert meta(head, "article:section") == ["Society"]
    assert meta(head, "article:tag") == ["ferries", "harbour"]
    assert meta(head, "twitter:card") == ["summary_large_image"]
    assert meta(head, "twitter:image") == [image]


def test_every_listing_page_type_has_canonical_and_opengraph(client, newsroom):
    en = newsroom["en"]
    section = en.get_children().live().first()
    urls = [
        "/",
        en.url,
        section.url,
        "/en/topics/",
        "/en/topics/ferries/",
        "/en/authors/",
        newsroom["writer"].url,
    ]
    for url in urls:
        _, head = head_of(client, url)
        assert link(head, "canonical") == [(None, BASE + url)], url
        assert meta(head, "og:type") == ["website"], url
        assert meta(head, "og:url") == [BASE + url], url
        assert meta(head, "og:title")[0], url
        assert not [s for s in head.iter("script") if not s.get("src")], url
        # Shared anywhere, every page shows a picture: the site's card.
        [image] = meta(head, "og:image")
        assert image.startswith(BASE + "/static/core/share-card") and image.endswith(".png")
        assert meta(head, "og:image:width") == ["1200"], url
        assert meta(head, "og:image:height") == ["630"], url
        assert meta(head, "og:image:alt")[0] == meta(head, "og:site_name")[0], url
        assert meta(head, "twitter:image") == [image], url
    with Image.open(finders.find("core/share-card.png")) as card:
        assert card.size == (1200, 630)
    _, head = head_of(client, "/en/topics/ferries/")
    assert meta(head, "og:title") == ["ferries"]
    _, head = head_of(client, section.url)
    assert meta(head, "og:description") == ["About Society."]


def test_archive_pages_are_their_own_canonical(client):
    en = factories.service("en")
    section = en.get_children().live().first()
    for _ in range(21):
        factories.article(en)
    _, head = head_of(client, section.url + "page/1/")
    assert link(head, "canonical") == [(None, BASE + section.url + "page/1/")]


def test_service_homes_list_each_other_with_the_portal_as_default(client, newsroom):
    expected = [
        ("en", BASE + "/en/"),
        ("ru", BASE + "/ru/"),
        ("x-default", BASE + "/"),
    ]
    for url in ["/", "/en/", "/ru/"]:
        _, head = head_of(client, url)
        assert link(head, "alternate") == expected, url
    _, head = head_of(client, newsroom["article"].url)
    assert link(head, "alternate") == []  # no translation known


def test_article_translations_from_the_hook_become_alternates(client, newsroom):
    article = newsroom["article"]
    russian = factories.article(newsroom["ru"], title="Паром вернулся")

    def translations(page):
        return [("ru", russian.url)] if page.pk == article.pk else []

    with hooks.register_temporarily(ARTICLE_TRANSLATIONS_HOOK, translations):
        _, head = head_of(client, article.url)
    assert link(head, "alternate") == [("en", BASE + article.url), ("ru", BASE + russian.url)]


def test_strict_csp_still_holds_on_an_article(client, newsroom):
    response, head = head_of(client, newsroom["article"].url)
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    document = parser.parse(response.content.decode())
    for script in document.iter("script"):
        # The only element without src is data the browser never runs.
        assert script.get("src") or script.get("type") == "application/ld+json"
    assert not list(document.iter("style"))
    assert not [el for el in document.iter() if any(k.startswith("on") for k in el.attrib)]
