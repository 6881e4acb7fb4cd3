"""Text size in a real browser, with JavaScript on and off."""

import pytest
from playwright.sync_api import expect

from kolokol.testing import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SIZES = ["XS", "SM", "MD", "LG"]


@pytest.fixture
def article(live_server):
    home = factories.service("en")
    return factories.article(
        home, body=[{"type": "paragraph", "value": "<p>Body text to measure.</p>"}]
    )


def body_font_size(page) -> float:
    return page.locator(".article__body p").first.evaluate(
        "el => parseFloat(getComputedStyle(el).fontSize)"
    )


def pick(page, label):
    page.locator(f".text-size a[data-size={label.lower()}]").click()


def test_sizes_change_the_body_text_with_javascript(page, live_server, article):
    page.goto(live_server.url + article.url)
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))
    measured = {}
    for label in SIZES:
        pick(page, label)
        measured[label] = body_font_size(page)
    assert measured["XS"] < measured["SM"] < measured["MD"] < measured["LG"]
    assert navigations == [], "the switch should not reload the page"
    # The choice persists: another page opens at the chosen size.
    pick(page, "LG")
    page.goto(live_server.url + article.get_parent().url)
    assert page.evaluate("document.documentElement.className") == "ts-lg"


def test_sizes_change_the_body_text_without_javascript(no_js_page, live_server, article):
    page = no_js_page
    page.goto(live_server.url + article.url)
    assert page.context.cookies() == []  # reading sets no cookie
    measured = {}
    for label in SIZES:
        pick(page, label)
        # The link reloads the page; wait for the new one rather than measure
        # the old one.
        expect(page.locator("html")).to_have_class(f"ts-{label.lower()}")
        assert page.url == live_server.url + article.url
        measured[label] = body_font_size(page)
    assert measured["XS"] < measured["SM"] < measured["MD"] < measured["LG"]
    assert [c["name"] for c in page.context.cookies()] == ["textsize"]
    page.goto(live_server.url + "/en/")
    assert page.locator('.text-size a[aria-current="true"]').get_attribute("data-size") == "lg"
