"""Comments in headless Chromium: with and without JavaScript, keyboard only, axe-core."""

import pytest
from django.test import Client

from kolokol.comments.models import Comment, State
from kolokol.comments.tests.conftest import policy, send
from kolokol.comments.tests.hostile import PAYLOADS
from kolokol.testing import factories
from kolokol.testing.browser import RequestLog, axe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

NOTICE = "Комментарии и отметки могут быть опасны для вас; читать — нет."


@pytest.fixture
def article(live_server):
    factories.wagtail_tree()
    home = factories.service("ru", title="Колокол")
    policy(home, moderation="post", notice=NOTICE)
    story = factories.article(home, title="Мост откроют весной")
    first = Comment.objects.create(
        article=story, name="Иван", body="Когда откроют?", state=State.APPROVED
    )
    Comment.objects.create(
        article=story, parent=first, body="Весной, см. https://example.org", state=State.APPROVED
    )
    return story


def tab_to(page, selector, limit=150):
    """Press Tab until ``selector`` has the focus, as a keyboard-only reader would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} never got the keyboard focus")


def test_comment_without_javascript_keyboard_only(no_js_page, live_server, article):
    page = no_js_page
    page.goto(live_server.url + article.url)
    tab_to(page, "a[data-comment-form]:not([href*=reply])")
    page.keyboard.press("Enter")
    page.wait_for_url("**/ru/comments/**")
    tab_to(page, "#comment-name")
    page.keyboard.type("Олег")
    tab_to(page, "#comment-body")
    page.keyboard.type("Без скрипта тоже работает.")
    tab_to(page, ".comment-form button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url("**?comment=published*")
    assert page.locator(".comment-status").inner_text() == "Спасибо. Ваш комментарий опубликован."
    assert "Без скрипта тоже работает." in page.locator(".comment-list").inner_text()


def test_refused_comment_without_javascript_keeps_the_text(no_js_page, live_server, article):
    page = no_js_page
    send(Client(), article, body="Уже было")
    page.goto(f"{live_server.url}/ru/comments/{article.pk}/")
    page.fill("#comment-body", "Уже было")
    page.click(".comment-form button[type=submit]")
    assert page.locator(".comment-error").inner_text() == "Этот комментарий уже отправлен."
    assert page.input_value("#comment-body") == "Уже было"


def test_comment_and_like_with_javascript_in_place(page, live_server, article):
    log = RequestLog(page, live_server.url)
    page.goto(live_server.url + article.url)
    tab_to(page, "a[data-comment-form]:not([href*=reply])")
    page.keyboard.press("Enter")
    page.wait_for_selector("#comment-form-holder textarea:focus")
    page.keyboard.type("Со скриптом, не уходя со страницы.")
    tab_to(page, "#comment-form-holder button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".comment-list >> text=Со скриптом, не уходя со страницы.")
    assert page.url == live_server.url + article.url
    assert "опубликован" in page.locator(".comment-form__message").inner_text()

    tab_to(page, ".reactions .like-form button")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-like-count=article] >> text=1 отметка «нравится»")
    assert log.foreign == []
    assert Comment.objects.filter(body="Со скриптом, не уходя со страницы.").exists()


def test_reply_with_javascript(page, live_server, article):
    page.goto(live_server.url + article.url)
    page.click("a[href*=reply]")
    page.fill("#comment-form-holder textarea", "Ответ в ветку")
    page.click("#comment-form-holder button[type=submit]")
    page.wait_for_selector(".comment-replies >> text=Ответ в ветку")
    assert Comment.objects.get(body="Ответ в ветку").parent.name == "Иван"


def test_no_axe_violations_on_the_article_and_the_form(page, live_server, axe_source, article):
    log = RequestLog(page, live_server.url)
    problems = {}
    for name, url in {
        "article with comments": article.url + "?comment=published",
        "comment form": f"/ru/comments/{article.pk}/",
        "reply form": f"/ru/comments/{article.pk}/?reply={Comment.objects.first().pk}",
    }.items():
        assert page.goto(live_server.url + url).status == 200
        found = axe_violations(page, axe_source)
        if found:
            problems[name] = found
    page.goto(live_server.url + article.url)
    page.click("a[data-comment-form]:not([href*=reply])")
    page.wait_for_selector("#comment-form-holder textarea")
    if found := axe_violations(page, axe_source):
        problems["form in place"] = found
    assert problems == {}
    assert log.foreign == []


def test_hostile_corpus_never_executes(page, live_server, article, settings):
    settings.KOLOKOL_COMMENT_READER_LIMIT = 10_000
    settings.KOLOKOL_COMMENT_ARTICLE_LIMIT = 10_000
    settings.KOLOKOL_COMMENT_ADDRESS_LIMIT = 10_000
    client = Client()
    for payload in PAYLOADS:
        try:
            send(client, article, body=payload)
        except UnicodeEncodeError:
            continue
    stored = Comment.objects.count()
    assert stored > 90
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log = RequestLog(page, live_server.url)
    page.goto(live_server.url + article.url)
    page.wait_for_load_state("networkidle")
    injected = page.evaluate(
        """() => [...document.querySelectorAll('.comment__body *')]
            .filter(el => !['P', 'BR', 'A'].includes(el.tagName)).length"""
    )
    assert injected == 0
    assert page.locator(".comment").count() == stored
    assert page.locator("h1").count() == 1
    assert dialogs == []
    assert log.foreign == []

    # The moderators' view of the same comments.
    from kolokol.comments.tests.test_moderation import QUEUE, moderator

    admin = Client()
    admin.force_login(moderator(article.service, "olga"))
    page.context.add_cookies(
        [{"name": "sessionid", "value": admin.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}{QUEUE}?state=approved")
    page.wait_for_load_state("networkidle")
    injected = page.evaluate(
        """() => [...document.querySelectorAll('.comment-text *')]
            .filter(el => !['P', 'BR', 'A'].includes(el.tagName)).length"""
    )
    assert injected == 0
    assert dialogs == []


def test_moderator_approves_and_the_comment_is_public(page, live_server, article):
    from kolokol.comments.tests.test_moderation import QUEUE, moderator

    policy(article.service, moderation="pre")
    send(Client(), article, body="Жду одобрения")
    admin = Client()
    admin.force_login(moderator(article.service, "olga"))
    page.context.add_cookies(
        [{"name": "sessionid", "value": admin.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(live_server.url + QUEUE)
    page.click("button[value^=approve]")
    page.wait_for_load_state()
    assert Comment.objects.get(body="Жду одобрения").state == State.APPROVED
    page.context.clear_cookies()
    page.goto(live_server.url + article.url)
    assert "Жду одобрения" in page.locator(".comment-list").inner_text()
