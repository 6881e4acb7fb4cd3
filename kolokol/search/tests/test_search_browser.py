"""The search page in Chromium: axe-core, keyboard only, and without JavaScript."""

from datetime import UTC, datetime

import pytest

from kolokol.articles.models import ArticlePage
from kolokol.testing import factories
from kolokol.testing.browser import RequestLog, axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def home(live_server):
    factories.wagtail_tree()  # flushed by the previous transactional test
    home = factories.service("ru", title="Колокол", time_zone="UTC")
    politics = factories.section(home, "Политика", "politics")
    for title, section, day in [
        ("Выборы мэра назначены", politics, datetime(2026, 3, 5, 9, tzinfo=UTC)),
        ("Итоги выборов в парламент", politics, datetime(2026, 1, 10, 9, tzinfo=UTC)),
        ("На выборах работали волонтёры", None, datetime(2026, 3, 6, 9, tzinfo=UTC)),
    ]:
        page = factories.article(
            home,
            title=title,
            section_page=section,
            body=[{"type": "paragraph", "value": "<p>Участки открылись в восемь утра.</p>"}],
        )
        ArticlePage.objects.filter(pk=page.pk).update(first_published_at=day)
    return home


def result_titles(page) -> list[str]:
    return page.locator(".search-result__title").all_inner_texts()


def test_results_with_filters_and_nothing_found_have_no_axe_violations(
    page, live_server, home, axe_source
):
    log = RequestLog(page, live_server.url)
    urls = {
        "results": "search/?q=выборы&section=politics&since=2026-03-01&until=2026-03-31",
        "bad date": "search/?q=выборы&since=2026-03-09&until=2026-03-01",
        "nothing found": "search/?q=zzzqx&section=politics",
    }
    problems = {}
    for name, url in urls.items():
        response = page.goto(live_server.url + home.url + url)
        assert response.status == 200
        page.wait_for_load_state("networkidle")
        found = axe_violations(page, axe_source)
        if found:
            problems[name] = found
    assert problems == {}
    assert log.foreign == [] and log.failed == []


def test_the_filter_form_works_with_the_keyboard_alone(page, live_server, home):
    page.goto(live_server.url + home.url + "search/?q=выборы")
    assert len(result_titles(page)) == 3
    for _ in range(80):  # from the top of the page, as a keyboard user would
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "search-section":
            break
    assert page.evaluate("document.activeElement.id") == "search-section"
    page.keyboard.press("ArrowDown")  # "Все разделы" → "Общество" → "Политика"
    page.keyboard.press("ArrowDown")
    assert page.locator("#search-section").input_value() == "politics"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "search-since"
    page.keyboard.type("03012026")  # month, day, year in the en-US picker
    page.keyboard.press("Enter")
    page.wait_for_url("**section=politics**")
    assert "since=2026-03-01" in page.url
    assert result_titles(page) == ["Выборы мэра назначены"]
    # The chosen filters stay in the form.
    assert page.locator("#search-section").input_value() == "politics"
    assert page.locator("#search-since").input_value() == "2026-03-01"


def test_the_filter_form_works_without_javascript(no_js_page, live_server, home):
    page = no_js_page
    page.goto(live_server.url + home.url + "search/")
    page.fill("#search-page-q", "выборах")
    page.select_option("#search-section", "politics")
    page.fill("#search-until", "2026-02-01")
    page.click(".search-page button[type=submit]")
    page.wait_for_url("**until=2026-02-01**")
    assert result_titles(page) == ["Итоги выборов в парламент"]
    assert page.locator(".search-result__title mark").first.inner_text() == "выборов"
    assert page.title().startswith("Поиск: выборах — ")
