"""A photo gallery in headless Chromium: reached and scrolled by keyboard, with and without JavaScript."""

import pytest
from playwright.sync_api import expect

from kolokol.testing import factories
from kolokol.testing.browser import RequestLog, axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_gallery_is_accessible_and_scrolls_by_keyboard(no_js_page, page, live_server, axe_source):
    factories.wagtail_tree()  # flushed by the previous transactional test
    home = factories.service("en", title="Kolokol")
    pictures = [factories.image(description=f"Stall number {n} on the quay") for n in (1, 2, 3)]
    article = factories.article(
        home,
        title="Fish Quay market returns",
        body=[
            {"type": "paragraph", "value": "<p>The market opened on Saturday.</p>"},
            {
                "type": "gallery",
                "value": {
                    "title": "Opening day on the quay",
                    "photos": [
                        {"image": p.pk, "caption": f"Caption {n}", "credit": ""}
                        for n, p in enumerate(pictures, start=1)
                    ],
                },
            },
        ],
    )
    url = live_server.url + article.url
    checked = page  # with JavaScript, for axe-core and measuring the scroll
    for tab in (no_js_page, checked):
        tab.set_viewport_size({"width": 1280, "height": 900})
    log = RequestLog(no_js_page, live_server.url)
    checked_log = RequestLog(checked, live_server.url)

    # Without JavaScript: every photo is there, and Tab reaches the named region.
    no_js_page.goto(url)
    strip = no_js_page.get_by_role("region", name="Opening day on the quay")
    expect(no_js_page.locator(".gallery__photo")).to_have_count(3)
    expect(no_js_page.get_by_text("Photo 3 of 3")).to_be_attached()
    for _ in range(60):
        no_js_page.keyboard.press("Tab")
        if strip.evaluate("el => el === document.activeElement"):
            break
    expect(strip).to_be_focused()

    # The arrow keys scroll the focused strip sideways, to the photos beyond the first.
    checked.goto(url)
    region = checked.get_by_role("region", name="Opening day on the quay")
    region.focus()
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    checked.keyboard.press("ArrowRight")
    checked.wait_for_function("el => el.scrollLeft > 100", arg=region.element_handle())
    last = checked.locator(".gallery__photo img").last
    last.evaluate("img => img.decode()")
    assert axe_violations(checked, axe_source) == []
    assert log.foreign == [] and checked_log.foreign == []
    assert log.failed == [] and checked_log.failed == []
