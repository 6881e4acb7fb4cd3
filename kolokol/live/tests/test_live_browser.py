"""A live blog in headless Chromium: new posts offered, revealed by keyboard, accessible."""

import pytest

from kolokol.live.tests.helpers import live_blog, many_posts, post
from kolokol.testing import factories
from kolokol.testing.browser import RequestLog, axe_violations
from kolokol.testing.vnu import errors as html_errors

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_new_posts_wait_for_the_reader_then_take_focus(page, no_js_page, live_server, axe_source):
    factories.wagtail_tree()  # flushed by the previous transactional test
    home = factories.service("en")
    blog = live_blog(
        home, highlights=[{"type": "point", "value": "The ferry is cancelled tonight."}]
    )
    many_posts(blog, 22)
    post(blog, "Please keep off the harbour wall.", headline="Advice", pinned=True)
    requests = RequestLog(page, live_server.url)
    csp_errors = []
    page.on(
        "console",
        lambda message: (
            csp_errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(live_server.url + blog.url)
    assert axe_violations(page, axe_source) == []

    post(blog, "The tide has turned.", headline="High water passes", key_update=True)
    # Readers' pages ask every 30 s, and at once when the connection comes back.
    page.evaluate("window.dispatchEvent(new Event('online'))")
    button = page.locator(".live-notice button")
    button.wait_for(timeout=10_000)
    assert button.inner_text() == "New updates: 1. Show them"
    # Offered, not pushed in under the reader's eyes.
    assert "High water passes" not in page.locator(".live-posts__list").inner_text()
    assert page.locator(".live-notice").get_attribute("role") == "status"
    assert axe_violations(page, axe_source) == []

    button.focus()
    page.keyboard.press("Enter")
    focused = page.locator(".live-posts__list > li:focus")
    focused.wait_for(timeout=10_000)
    newest = focused.inner_text()
    assert "High water passes" in newest and "Key update" in newest
    assert page.locator(".live-notice button").count() == 0
    assert axe_violations(page, axe_source) == []
    assert requests.foreign == [] and csp_errors == []

    # Without JavaScript: the reload link, and archive pages of older posts.
    no_js_page.goto(live_server.url + blog.url)
    link = no_js_page.get_by_role("link", name="Load the page again for the newest updates")
    assert link.count() == 1
    front = no_js_page.content().encode()
    no_js_page.goto(f"{live_server.url}{blog.url}page/1/")
    assert "Update 1" in no_js_page.content()
    archive = no_js_page.content().encode()
    page.goto(f"{live_server.url}{blog.url}page/1/")
    assert axe_violations(page, axe_source) == []
    page.goto(live_server.url + home.url)
    assert page.locator(".teaser .live-badge").count() == 1
    assert axe_violations(page, axe_source) == []
    assert html_errors({"live blog": front, "archive of posts": archive}) == []
