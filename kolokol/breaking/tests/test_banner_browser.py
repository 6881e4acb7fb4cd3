"""The breaking banner as readers see it, and its disappearance at expiry."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kolokol.testing import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_banner_shows_on_home_section_and_article_then_expires(page, live_server):
    home = factories.service("en")
    article = factories.article(home, title="Tide gates closed")
    # Long enough for three first renders on a loaded CI machine.
    expires_at = timezone.now() + timedelta(seconds=8)
    factories.breaking(
        home,
        headline="Tide gates closed for the night",
        link_page=article,
        expires_at=expires_at,
    )
    urls = [home.url, article.get_parent().url, article.url]
    for url in urls:
        page.goto(live_server.url + url)
        banner = page.locator(".breaking")
        assert banner.is_visible(), url
        assert "Tide gates closed for the night" in banner.text_content()
    page.locator(".breaking a").click()
    expect(page).to_have_url(live_server.url + article.url)

    # Past the expiry: nobody clears it, it goes by itself.
    time.sleep(max(0, (expires_at - timezone.now()).total_seconds()) + 0.5)
    for url in urls:
        page.goto(live_server.url + url)
        assert page.locator(".breaking").count() == 0, url
