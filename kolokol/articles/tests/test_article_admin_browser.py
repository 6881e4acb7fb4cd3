"""A reporter's first minutes in the real admin: a new article saves, and its preview shows."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from playwright.sync_api import expect

from kolokol.articles.models import ArticlePage
from kolokol.newsroom.models import Role
from kolokol.newsroom.roles import setup_service
from kolokol.sections.models import SectionPage
from kolokol.testing import factories
from kolokol.testing.browser import RequestLog

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def sign_in(page, live_server, user: User) -> None:
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.fixture
def reporter_page(page, live_server):
    """A reporter of the Russian and the Persian service, signed in, with a byline of their own."""
    factories.wagtail_tree()
    reporter = User.objects.create_user("reporter", "reporter@example.org")
    homes = {}
    for language in ("ru", "fa"):
        home = factories.service(language)
        reporter.groups.add(setup_service(home)[Role.REPORTER])
        factories.author(home, "Ида Берг" if language == "ru" else "مریم رضایی")
        homes[language] = home
    sign_in(page, live_server, reporter)
    page.homes = homes
    yield page
    # Leave the editor while the database is there: Wagtail's editing-session
    # beacon on unload would otherwise reach a test database already gone.
    page.goto("about:blank")


def new_article(page, live_server, home, headline: str) -> None:
    section = SectionPage.objects.child_of(home).first()
    page.goto(f"{live_server.url}/admin/pages/add/articles/articlepage/{section.pk}/")
    headline_field = page.get_by_placeholder("Headline")
    headline_field.press_sequentially(headline)
    # Then on to the next field, as a writer does. Wagtail syncs the slug on
    # keyup (debounced) and on blur; Playwright types letters that are not on
    # a US keyboard without keyup events, so only leaving the field makes the
    # last sync certain however busy the machine is.
    headline_field.press("Tab")


@pytest.mark.parametrize(
    ("language", "headline", "slug"),
    [
        ("ru", "Мост через Чую откроют весной", "most-cherez-chuyu-otkroyut-vesnoy"),
        ("fa", "پل تازه در بهار باز می‌شود", "پل-تازه-در-بهار-باز-میشود"),
    ],
)
def test_new_article_gets_its_address_from_the_headline_and_saves(
    reporter_page, live_server, language, headline, slug
):
    page = reporter_page
    requests = RequestLog(page, live_server.url)
    refused = []  # what the admin's Content-Security-Policy blocked
    page.on("console", lambda m: "Content Security Policy" in m.text and refused.append(m.text))
    new_article(page, live_server, page.homes[language], headline)
    # The address is on the Promote tab, out of sight: it follows the headline.
    expect(page.locator("#id_slug")).to_have_value(slug)
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url("**/edit/")
    expect(page.locator(".messages")).to_contain_text(headline)
    article = ArticlePage.objects.get(title=headline)
    assert article.slug == slug
    assert not article.live
    # The admin, like the public pages, asks no other host for anything
    # (Gravatar, fonts, update checks): an editor's address stays here.
    page.goto(f"{live_server.url}/admin/")
    assert requests.urls and requests.foreign == []
    # It runs under its own policy, which blocks nothing it needs.
    assert refused == []


def test_preview_shows_the_article_in_the_panel_and_in_a_new_tab(reporter_page, live_server):
    page = reporter_page
    new_article(page, live_server, page.homes["ru"], "Паром снова ходит")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url("**/edit/")
    page.get_by_role("button", name="Toggle preview").click()
    # Wagtail loads a new preview into a second frame and then swaps them.
    frame = page.locator("iframe.w-preview__iframe").last.content_frame
    expect(frame.locator("h1")).to_have_text("Паром снова ходит")
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="Preview in new tab").click()
    tab = opened.value
    expect(tab.locator("h1")).to_have_text("Паром снова ходит")


def test_enter_ends_a_topic_while_suggestions_are_shown(reporter_page, live_server):
    """Wagtail's tag field ignored Enter while it showed suggestions: the next topic joined it."""
    page = reporter_page
    home = page.homes["ru"]
    earlier = factories.article(home, title="Старая статья")
    earlier.tags.add("выборы в парламент", "выборы мэра")
    factories.publish(earlier)
    new_article(page, live_server, home, "Проба тем")
    page.locator("#id_standfirst").fill("Коротко о главном.")
    field = page.locator("ul.tagit input").first
    field.click()
    field.press_sequentially("выборы")
    suggestions = page.locator(".ui-autocomplete:visible")
    expect(suggestions).to_contain_text("выборы мэра")
    field.press("Enter")  # the word as typed, not a suggestion
    field.press_sequentially("Бишкек")
    field.press("Enter")
    field.press_sequentially("выборы м")
    expect(suggestions).to_contain_text("выборы мэра")
    field.press("ArrowDown")  # a suggestion chosen with the keyboard
    field.press("Enter")
    expect(page.locator("input[name=tags]")).to_have_value('выборы,Бишкек,"выборы мэра"')
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url("**/edit/")
    draft = ArticlePage.objects.get(title="Проба тем").get_latest_revision_as_object()
    assert sorted(tag.name for tag in draft.tags.all()) == ["Бишкек", "выборы", "выборы мэра"]
