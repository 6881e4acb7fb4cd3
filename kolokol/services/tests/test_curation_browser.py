"""A chief editor puts three stories on the home page, in Chromium through the real admin."""

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from playwright.sync_api import expect

from kolokol.newsroom.models import Role
from kolokol.newsroom.roles import setup_service
from kolokol.services.models import ServiceHomePage
from kolokol.testing import factories
from kolokol.testing.browser import RequestLog

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


class Clicks:
    """Clicks the way an editor does, counting them."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, locator) -> None:
        locator.click()
        self.count += 1


def test_three_top_stories_picked_with_pictures_and_reordered_by_dragging(page, live_server):
    factories.wagtail_tree()
    home = factories.service("ru")
    chief = User.objects.create_user("chief", "chief@example.org")
    chief.groups.add(setup_service(home)[Role.CHIEF_EDITOR])
    stories = [
        factories.article(home, title=title, published_hours_ago=hours)
        for title, hours in (
            ("Мост откроют весной", 5),
            ("Выборы назначены на март", 4),
            ("Театр вернулся на сцену", 3),
            ("Новый парк у реки", 2),
        )
    ]
    stories[1].lead_image = factories.image(title="Участок для голосования")
    factories.publish(stories[1])
    client = Client()
    client.force_login(chief)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    requests = RequestLog(page, live_server.url)
    click = Clicks()

    page.goto(f"{live_server.url}/admin/")
    click(page.get_by_role("link", name="Home page and top stories"))
    for story in (stories[0], stories[1], stories[2]):
        click(page.get_by_role("button", name="Add article to the top stories"))
        click(page.locator("[data-inline-panel-child]:visible").last.get_by_role("button"
              , name="Choose an article"))  # fmt: skip
        modal = page.locator(".modal-content")
        if story is stories[1]:
            # The chooser lists the newest first, each with its picture.
            row = modal.get_by_role("row").filter(has_text=story.title)
            expect(row.locator("img")).to_have_attribute("src", re.compile("/media/images/"))
        click(modal.get_by_role("link", name=story.title))
        expect(page.locator(".modal-content")).to_have_count(0)
    # The third pick goes first, dragged by its handle (Wagtail's own ordering).
    children = page.locator("[data-inline-panel-child]:visible")
    children.nth(2).locator("[data-inline-panel-child-drag]").drag_to(
        children.nth(0).locator("[data-inline-panel-child-drag]")
    )
    click(page.locator(".footer__container [data-w-dropdown-target='toggle']"))
    click(page.get_by_role("button", name="Publish"))
    expect(page.locator(".messages")).to_contain_text("published")

    print("clicks", click.count)
    assert click.count < 21, click.count
    picks = ServiceHomePage.objects.get(pk=home.pk).top_picks.order_by("sort_order")
    assert [pick.article.title for pick in picks] == [
        stories[2].title,
        stories[0].title,
        stories[1].title,
    ]
    page.goto(f"{live_server.url}/ru/")
    top = page.locator("#top-heading").locator("xpath=..").locator(".teaser__title")
    expect(top.nth(0)).to_have_text(stories[2].title)
    assert requests.foreign == []
    page.goto("about:blank")
