"""The article page as a reader's browser receives it (server side)."""

import re

import html5lib
import pytest
from django.utils import translation

from kolokol.testing import factories

pytestmark = pytest.mark.django_db


def render(client, page, **kwargs):
    response = client.get(page.url, **kwargs)
    assert response.status_code == 200, response.content[:500]
    return response.content.decode()


def test_anatomy_in_reference_order(client):
    home = factories.service("en")
    factories.breaking(home, headline="Harbour bridge reopens early")
    article = factories.article(
        home,
        title="Ferry returns to the harbour",
        kicker="Transport",
        lead_image=factories.image(description="A white ferry at a pier", credit="Photo: Ida Berg"),
        lead_image_caption="The ferry at the north pier on Monday.",
        body=factories.FULL_BODY_EN,
        topics=["transport", "harbour"],
    )
    html = render(client, article)
    markers = [
        'class="skip-links"',  # 1 accessibility links
        'class="breaking"',  # 2 breaking banner
        "<h1>Ferry returns to the harbour</h1>",  # 3 headline
        'alt="A white ferry at a pier"',  # 4 lead image: alt, then caption
        "The ferry at the north pier on Monday.",
        "The ferry resumed at dawn",  # 5 body
        'class="factbox"',  # 6 background box
        'id="topics-heading"',  # 9 related topics
        'class="text-size',  # 10 text size switcher
        'class="site-footer"',
    ]
    positions = [html.find(marker) for marker in markers]
    assert -1 not in positions, dict(zip(markers, positions, strict=True))
    assert positions == sorted(positions)


def test_headline_block_and_dates(client):
    home = factories.service("en")
    writer = factories.author(home, "Lena Ward")
    second = factories.author(home, "Tom Reyes")
    article = factories.article(
        home, title="Tide tables change", dateline="PORTHAVEN", authors=[writer, second]
    )
    html = render(client, article)
    assert "Lena Ward</a> and <a" in html
    assert "PORTHAVEN" in html
    assert "itemprop" not in html  # structured data is JSON-LD (the distribution issue)
    # HTML allows at most three fractional digits: none, to the second.
    stamps = re.findall(r'<time datetime="([^"]+)"', html)
    assert stamps
    for stamp in stamps:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", stamp), stamp


def test_russian_article_is_in_russian(client):
    home = factories.service("ru")
    article = factories.article(
        home,
        body=[
            {
                "type": "quote",
                "value": {"text": "Мост откроют в срок", "attribution": "Инна Котова", "role": ""},
            }
        ],
        topics=["мосты"],
        published_hours_ago=1,
    )
    html = render(client, article)
    assert '<html lang="ru" dir="ltr"' in html
    assert "«Мост откроют в срок»" in html  # Russian quotation marks
    assert "Вам также могут быть интересны эти темы" in html
    assert "Размер текста" in html
    assert "Перейти к основному содержанию" in html
    # Dates in Russian, genitive month names, in the service's time zone.
    with translation.override("ru"):
        assert re.search(
            r"\d{1,2} (января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря) \d{4}",
            html,
        )


def test_english_quotes_are_curly(client):
    home = factories.service("en")
    article = factories.article(home, body=factories.FULL_BODY_EN)
    html = render(client, article)
    assert "“We missed the river”" in html
    assert '— Mira Holm, <span class="quote__role">commuter</span>' in html


def test_lead_image_is_responsive_with_modern_formats_and_credit(client):
    home = factories.service("en")
    article = factories.article(
        home,
        lead_image=factories.image(description="Cranes over the dock", credit="Photo: Ola Nord"),
        lead_image_caption="Cranes at dawn.",
    )
    html = render(client, article)
    figure = html[html.index('<figure class="lead-image">') :]
    figure = figure[: figure.index("</figure>")]
    assert 'type="image/webp"' in figure
    assert "srcset=" in figure and "sizes=" in figure
    assert 'alt="Cranes over the dock"' in figure
    assert "Cranes at dawn." in figure and "Photo: Ola Nord" in figure


def test_embed_is_a_link_not_a_third_party_frame(client):
    home = factories.service("en")
    html = render(client, factories.article(home, body=factories.FULL_BODY_EN))
    assert "<iframe" not in html
    assert 'href="https://www.openstreetmap.org/#map=13/59.91/10.75"' in html
    assert "Opens on another site" in html


def test_topics_link_to_topic_pages_of_the_same_service(client):
    home = factories.service("en")
    first = factories.article(home, title="Night buses return", topics=["transport"])
    second = factories.article(home, title="Tram line extended", topics=["transport"])
    html = render(client, second)
    assert 'href="/en/topics/transport/"' in html
    assert "Night buses return" in html  # related article
    topic_html = client.get("/en/topics/transport/").content.decode()
    assert first.title in topic_html and second.title in topic_html


def test_reader_supplied_and_editor_text_is_escaped(client):
    home = factories.service("en")
    article = factories.article(
        home, title="<script>alert(1)</script>", standfirst='"><img src=x onerror=alert(1)>'
    )
    html = render(client, article)
    assert "<script>alert(1)" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;" in html


def test_page_is_valid_html5_with_landmarks_and_no_inline_code(client):
    home = factories.service("en")
    factories.breaking(home)
    article = factories.article(home, body=factories.FULL_BODY_EN, lead_image=factories.image())
    response = client.get(article.url)
    html = response.content.decode()
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    document = parser.parse(html)
    assert document.find(".//header") is not None
    assert document.find(".//main[@id='main']") is not None
    assert document.find(".//footer") is not None
    assert document.find(".//nav[@id='nav']") is not None
    assert document.find(".//form[@role='search']") is not None
    for script in document.iter("script"):
        # JSON-LD is a data block: browsers never run it and CSP does not apply.
        assert script.get("src") or script.get("type") == "application/ld+json", "inline script"
    assert not list(document.iter("style")), "inline <style> found"
    assert not [el for el in document.iter() if el.get("style") is not None]
    assert not [el for el in document.iter() if any(k.startswith("on") for k in el.attrib)]
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_reading_sets_no_cookie(client):
    home = factories.service("en")
    article = factories.article(home)
    for url in ["/", home.url, article.url, article.get_parent().url]:
        response = client.get(url)
        assert response.status_code == 200
        assert not response.cookies, f"{url} set {list(response.cookies)}"


def test_draft_changes_are_not_public(client):
    home = factories.service("en")
    article = factories.article(home, title="Original headline")
    article.title = "Unapproved headline"
    article.save_revision()
    html = render(client, article)
    assert "Original headline" in html and "Unapproved headline" not in html
