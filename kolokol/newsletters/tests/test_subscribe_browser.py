"""Subscribing in headless Chromium with the keyboard only and without JavaScript."""

import re

import pytest

from kolokol.newsletters.models import Subscriber
from kolokol.testing import factories
from kolokol.testing.browser import axe_violations
from kolokol.testing.vnu import errors as html_errors

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_subscribing_by_keyboard_without_javascript(
    no_js_page, page, live_server, axe_source, smtp
):
    factories.wagtail_tree()  # flushed by the previous transactional test
    home = factories.service("fa")
    checked = page  # with JavaScript, for axe-core only
    page = no_js_page
    page.goto(f"{live_server.url}{home.url}newsletter/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    # A mistake first: the message is tied to the field, and the page stays accessible.
    page.locator("#id_address").focus()
    page.keyboard.type("no-at-sign")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#id_address").get_attribute("aria-invalid") == "true"
    broken = page.content().encode()

    page.locator("#id_address").fill("")
    page.locator("#id_address").focus()
    page.keyboard.type("reader@example.org")
    page.keyboard.press("Tab")  # the daily digest, ticked already
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # breaking news too
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("[role=status]").count() == 1
    subscriber = Subscriber.objects.get()
    assert subscriber.daily and subscriber.breaking and not subscriber.confirmed

    [mail] = smtp.to("reader@example.org")
    link = re.search(r"https?://\S+/newsletter/confirm/\S+/", mail.get_content())[0]
    page.goto(live_server.url + "/" + link.split("/", 3)[3])
    page.locator(".newsletter-page button").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    subscriber.refresh_from_db()
    assert subscriber.confirmed
    assert html_errors({"form with an error": broken, "confirmed": page.content().encode()}) == []

    # The same pages pass axe-core (which needs JavaScript to run).
    form = f"{live_server.url}{home.url}newsletter/"
    for address in ("no-at-sign", "second@example.org"):
        checked.goto(form)
        checked.locator("#id_address").fill(address)
        with checked.expect_navigation():
            checked.locator(".newsletter-page button").click()
        assert axe_violations(checked, axe_source) == [], address
