"""An article with a correction and the corrections list, in headless Chromium."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from kolokol.articles.models import ArticlePage
from kolokol.corrections.models import ArticleNote
from kolokol.testing import factories
from kolokol.testing.browser import RequestLog, axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def corrected(live_server):
    factories.wagtail_tree()  # flushed by the previous transactional test
    home = factories.service("ru", title="Колокол")
    article = factories.article(
        home, title="Паром снова ходит по расписанию", published_hours_ago=6
    )
    article = ArticlePage.objects.get(pk=article.pk)
    now = timezone.now()
    article.article_notes = [
        ArticleNote(
            kind="correction",
            text="В первой версии статьи было неверно указано время первого рейса.",
            noted_at=now - timedelta(hours=2),
        ),
        ArticleNote(
            kind="update",
            text="Перевозчик добавил вечерний рейс.",
            noted_at=now - timedelta(hours=1),
        ),
    ]
    return factories.publish(article)


def test_article_with_notes_and_the_corrections_list_pass_axe(
    page, live_server, axe_source, corrected
):
    log = RequestLog(page, live_server.url)
    problems = {}
    for url in (corrected.url, "/ru/corrections/"):
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        found = axe_violations(page, axe_source)
        if found:
            problems[url] = found
    assert problems == {}
    assert log.foreign == [] and log.failed == []


def test_the_correction_flag_leads_keyboard_users_to_the_note(page, live_server, corrected):
    page.goto(live_server.url + corrected.url)
    flag = page.get_by_role("link", name="В эту статью внесены исправления.")
    flag.focus()
    page.keyboard.press("Enter")
    # The jump is a same-document navigation Chromium reports a moment later,
    # so wait for it rather than read the address at once (flaked in CI).
    expect(page).to_have_url(re.compile("#corrections$"))
    expect(page.get_by_role("heading", name="Исправления", exact=True)).to_be_visible()
    # From the list, the headline leads back to the article.
    page.goto(live_server.url + "/ru/corrections/")
    page.get_by_role("link", name="Паром снова ходит по расписанию").first.click()
    expect(page).to_have_url(live_server.url + corrected.url)
    expect(page.get_by_text("Перевозчик добавил вечерний рейс.")).to_be_visible()
