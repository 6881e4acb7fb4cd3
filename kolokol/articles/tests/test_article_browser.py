"""The article page in a real browser: anatomy, keyboard, requests."""

import pytest
from playwright.sync_api import expect

from kolokol.testing import factories
from kolokol.testing.browser import RequestLog

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def article(live_server):
    home = factories.service("ru", title="Колокол")
    factories.breaking(home, headline="Паром снова ходит")
    return factories.article(
        home,
        title="Мост откроют весной",
        kicker="Транспорт",
        lead_image=factories.image(description="Пролёт моста над рекой", credit="Фото: Ида Берг"),
        lead_image_caption="Строители на мосту в понедельник.",
        body=[
            {"type": "paragraph", "value": "<p>Работы идут по графику.</p>"},
            {
                "type": "quote",
                "value": {"text": "Успеем к маю", "attribution": "Олег Рябов", "role": "инженер"},
            },
            {
                "type": "factbox",
                "value": {"title": "Справка", "items": ["Длина 400 м", "Шесть пролётов"]},
            },
        ],
        topics=["мосты", "транспорт"],
    )


def visible_texts_in_order(page, selectors):
    """The document position of the first visible element for each selector."""
    return page.evaluate(
        """selectors => selectors.map(sel => {
            const all = [...document.querySelectorAll(sel)];
            const el = all[0];
            if (!el) return -1;
            return [...document.querySelectorAll('*')].indexOf(el);
        })""",
        selectors,
    )


def test_anatomy_is_shown_in_reference_order(page, live_server, article):
    page.goto(live_server.url + article.url)
    selectors = [
        ".skip-links",
        ".breaking",
        "h1",
        ".lead-image img",
        ".lead-image figcaption",
        ".article__body",
        ".factbox",
        ".topics",
        ".text-size",
    ]
    positions = visible_texts_in_order(page, selectors)
    assert -1 not in positions, dict(zip(selectors, positions, strict=True))
    assert positions == sorted(positions)
    assert page.locator("h1").inner_text() == "Мост откроют весной"
    assert page.locator(".breaking").text_content().strip().startswith("Срочные новости")
    assert page.locator(".lead-image img").get_attribute("alt") == "Пролёт моста над рекой"
    assert page.locator(".lead-image img").evaluate("img => img.complete && img.naturalWidth > 0")
    caption = page.locator(".lead-image figcaption").inner_text()
    assert "Строители на мосту" in caption and "Фото: Ида Берг" in caption
    assert "«Успеем к маю»" in page.locator(".quote").inner_text()
    assert page.locator(".topics h2").inner_text() == "Вам также могут быть интересны эти темы"
    # The background box is set apart: its own background differs from the page's.
    box_bg = page.locator(".factbox").evaluate("el => getComputedStyle(el).backgroundColor")
    body_bg = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert box_bg != body_bg


def test_first_tab_reaches_the_skip_link_which_moves_focus_to_content(page, live_server, article):
    page.goto(live_server.url + article.url)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Перейти к основному содержанию"
    # Hidden until focused, then visible on screen.
    box = page.locator(".skip-links a").first.bounding_box()
    assert box is not None and box["y"] >= 0
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()


def test_skip_to_search_lands_in_the_search_form(page, live_server, article):
    page.goto(live_server.url + article.url)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Перейти к поиску"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "search-q"


def test_no_request_leaves_the_site(page, live_server, article):
    log = RequestLog(page, live_server.url)
    page.goto(live_server.url + article.url)
    page.wait_for_load_state("networkidle")
    assert log.urls, "no request recorded"
    assert log.foreign == []
    assert log.failed == []


def test_strict_csp_holds_with_no_violations(page, live_server, article):
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(live_server.url + article.url)
    page.wait_for_load_state("networkidle")
    assert not [m for m in messages if "Content Security Policy" in m]


def test_numbered_lists_count_in_the_languages_digits(page, live_server):
    steps = {"type": "list", "value": {"ordered": True, "items": ["یک", "دو"]}}
    numbering = {}
    for language in ("fa", "ru"):
        home = factories.service(language)
        article = factories.article(home, body=[steps])
        page.goto(live_server.url + article.url)
        numbering[language] = page.locator(".article__body ol").evaluate(
            "el => getComputedStyle(el).listStyleType"
        )
    assert numbering == {"fa": "persian", "ru": "decimal"}
