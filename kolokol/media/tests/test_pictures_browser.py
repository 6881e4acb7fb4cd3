"""Chromium picks the modern format and the right width, with nothing failing."""

from __future__ import annotations

import pytest
from PIL import features

from kolokol.testing import factories
from kolokol.testing.browser import RequestLog, axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

# Debian's Chromium decodes AVIF; the page offers it only when Pillow can encode it.
EXTENSION = ".avif" if features.check("avif") else ".webp"
# naturalWidth is in CSS pixels for a srcset candidate: the file name tells its width.
CHOSEN = "img => [img.currentSrc, img.complete && img.naturalWidth > 0]"


@pytest.fixture
def article(live_server):
    factories.wagtail_tree()  # flushed by the previous transactional test
    home = factories.service("en", title="Kolokol")
    words = "<p>" + "The council met late into the night to agree on the budget. " * 12 + "</p>"
    inline = factories.image(description="Council members voting by show of hands")
    return factories.article(
        home,
        title="Council agrees the budget",
        lead_image=factories.image(description="The council chamber before the vote"),
        lead_image_caption="The chamber on Tuesday.",
        body=[
            *({"type": "paragraph", "value": words} for _ in range(4)),
            {"type": "image", "value": {"image": inline.pk, "caption": "The vote", "credit": ""}},
            {"type": "paragraph", "value": "<p>The budget takes effect in January.</p>"},
        ],
    )


def test_browser_takes_the_modern_format_in_the_width_it_needs(page, live_server, article):
    log = RequestLog(page, live_server.url)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(live_server.url + article.url)
    lead = page.locator(".lead-image img")
    lead.evaluate("img => img.decode()")
    source, loaded = lead.evaluate(CHOSEN)
    assert loaded and source.endswith(EXTENSION), source
    assert ".width-480." in source  # 360 px minus the margins: the 480 px rendition
    inline = page.locator(".inline-image img")
    assert inline.get_attribute("loading") == "lazy"
    inline.scroll_into_view_if_needed()
    inline.evaluate("img => img.decode()")
    source, loaded = inline.evaluate(CHOSEN)
    assert loaded and source.endswith(EXTENSION) and ".width-480." in source, source

    # Leave the page before widening the window: widened in place, it would
    # start fetching the wider pictures, and the next navigation would abort
    # those requests (reported as failed) while the new page loads them again.
    page.goto("about:blank")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + article.url)
    lead.evaluate("img => img.decode()")
    source, loaded = lead.evaluate(CHOSEN)
    assert loaded and source.endswith(EXTENSION) and ".width-960." in source  # 46rem column
    page.wait_for_load_state("networkidle")
    assert not [url for url in log.urls if url.endswith(".jpg")]  # the fallback is never fetched
    assert log.failed == []
    assert log.foreign == []


def test_listing_thumbnails_load_in_the_modern_format(page, live_server, article):
    log = RequestLog(page, live_server.url)
    page.goto(live_server.url + article.get_parent().url)
    thumbnail = page.locator(".teaser img").first
    thumbnail.evaluate("img => img.decode()")
    source, loaded = thumbnail.evaluate(CHOSEN)
    assert loaded and source.endswith(EXTENSION), source
    box = thumbnail.bounding_box()
    assert abs(box["width"] / box["height"] - 16 / 9) < 0.02
    assert log.failed == []


def test_article_with_pictures_has_no_axe_violations(page, live_server, article, axe_source):
    page.goto(live_server.url + article.url)
    page.locator(".inline-image img").scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    assert axe_violations(page, axe_source) == []
