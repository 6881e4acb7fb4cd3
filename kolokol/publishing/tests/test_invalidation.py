"""Editorial events bring exactly the affected stored pages up to date."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from kolokol.publishing import render
from kolokol.testing import factories

pytestmark = pytest.mark.django_db(transaction=True)


def stored_html(store, url):
    stored = store.get(url)
    return stored.path.read_text() if stored else None


@pytest.fixture
def site(rendered_store, client):
    """Two services, a few articles, every page viewed once so the store is warm."""
    factories.wagtail_tree()
    en = factories.service("en")
    ru = factories.service("ru")
    writer = factories.author(en, "Ada Quill")
    older = factories.article(
        en, title="Older ferry story", authors=[writer], topics=["ferries"], published_hours_ago=5
    )
    other = factories.article(ru, title="Паром на реке", topics=["паромы"])
    urls = [
        en.url,
        older.url,
        older.get_parent().url,
        "/en/topics/",
        "/en/topics/ferries/",
        writer.url,
        ru.url,
        other.url,
    ]
    for url in urls:
        assert client.get(url).status_code == 200
    return {"en": en, "ru": ru, "writer": writer, "older": older, "urls": urls}


def test_publishing_an_article_updates_its_listings(client, site, rendered_store):
    before = rendered_store.get(site["ru"].url).mtime
    new = factories.article(
        site["en"], title="Night ferry returns", authors=[site["writer"]], topics=["ferries"]
    )
    assert "2 articles" in stored_html(rendered_store, "/en/topics/")
    for url in [
        new.url,
        site["en"].url,
        new.get_parent().url,
        "/en/topics/ferries/",
        site["writer"].url,
    ]:
        html = stored_html(rendered_store, url)
        assert html and "Night ferry returns" in html, url
        assert client.get(url)["X-Kolokol-Store"] == "hit"
    # The other service was not touched.
    assert rendered_store.get(site["ru"].url).mtime == before


def test_changing_a_headline_replaces_the_stored_page(site, rendered_store):
    article = site["older"]
    article.title = "Ferry story, corrected"
    article.save_revision().publish()
    assert "Ferry story, corrected" in stored_html(rendered_store, article.url)
    assert "Ferry story, corrected" in stored_html(rendered_store, site["en"].url)


def test_unpublishing_removes_the_page_and_its_mentions(client, site, rendered_store):
    article = site["older"]
    article.unpublish()
    assert rendered_store.get(article.url) is None
    assert client.get(article.url).status_code == 404
    for url in [site["en"].url, article.get_parent().url, site["writer"].url]:
        assert "Older ferry story" not in stored_html(rendered_store, url), url


def test_deleting_a_live_article_removes_it(client, site, rendered_store):
    article = site["older"]
    url = article.url
    article.delete()
    assert rendered_store.get(url) is None
    assert client.get(url).status_code == 404
    assert "Older ferry story" not in stored_html(rendered_store, site["en"].url)


def test_moving_an_article_drops_the_old_address(client, site, rendered_store):
    article = site["older"]
    old_url = article.url
    science = factories.section(site["en"], "Science", "science")
    article.move(science, pos="last-child")
    article.refresh_from_db()
    assert rendered_store.get(old_url) is None
    moved = client.get(old_url)  # Wagtail leaves a redirect behind
    assert moved.status_code == 301 and moved["Location"] == article.url
    assert "Older ferry story" in stored_html(rendered_store, article.url)


def test_a_new_section_reaches_the_navigation_of_every_page(client, site, rendered_store):
    factories.section(site["en"], "Weather", "weather")
    html = client.get(site["older"].url).content.decode()
    assert 'href="/en/weather/"' in html
    assert 'href="/en/weather/"' in stored_html(rendered_store, site["en"].url)


def test_breaking_news_reaches_every_page_and_leaves_at_expiry(client, site, rendered_store):
    item = factories.breaking(
        site["en"],
        headline="Harbour closed by fog",
        # Long enough for the hot pages' re-render on a busy machine.
        expires_at=timezone.now() + timedelta(seconds=6),
    )
    # Hot pages were re-rendered right away …
    assert "Harbour closed by fog" in stored_html(rendered_store, site["en"].url)
    # … and every other stored page is stale, so its next reader gets it fresh.
    response = client.get(site["older"].url)
    assert "X-Kolokol-Store" not in response
    assert "Harbour closed by fog" in response.content.decode()
    assert client.get(site["older"].url)["X-Kolokol-Store"] == "hit"
    # The other service never shows it.
    assert "Harbour closed by fog" not in client.get(site["ru"].url).content.decode()

    time.sleep(max(0, (item.expires_at - timezone.now()).total_seconds()) + 1.2)
    for url in [site["en"].url, site["older"].url, "/en/topics/ferries/"]:
        assert "Harbour closed by fog" not in client.get(url).content.decode(), url


def test_clearing_breaking_news_takes_it_off_at_once(client, site):
    item = factories.breaking(site["en"], headline="Storm warning")
    assert "Storm warning" in client.get(site["older"].url).content.decode()
    time.sleep(0.01)
    item.delete()
    time.sleep(1.1)  # the fast path re-reads transitions at most once a second
    assert "Storm warning" not in client.get(site["older"].url).content.decode()
    assert "Storm warning" not in client.get(site["en"].url).content.decode()


def test_a_new_comment_notice_reaches_every_stored_article_of_the_service(client, site):
    from kolokol.comments.models import CommentPolicy

    assert client.get(site["older"].url)["X-Kolokol-Store"] == "hit"
    time.sleep(0.01)
    CommentPolicy.objects.create(service=site["en"], notice="Liking may be risky where you are.")
    time.sleep(1.1)  # the fast path re-reads transitions at most once a second
    response = client.get(site["older"].url)
    assert "Liking may be risky where you are." in response.content.decode()
    assert "X-Kolokol-Store" not in response  # rendered again, not the old copy
    # The other service's pages are not touched.
    assert client.get(site["ru"].url)["X-Kolokol-Store"] == "hit"


def test_making_an_article_private_takes_it_out_of_the_store(client, site, rendered_store):
    from wagtail.models import PageViewRestriction

    article = site["older"]
    PageViewRestriction.objects.create(page=article, restriction_type="login")
    assert rendered_store.get(article.url) is None
    assert client.get(article.url).status_code == 302  # to the sign-in page
    for url in [site["en"].url, article.get_parent().url, site["writer"].url]:
        assert "Older ferry story" not in client.get(url).content.decode(), url


def test_renaming_a_page_drops_its_old_address(client, site, rendered_store):
    article = site["older"]
    old_url = article.url
    article.slug = "ferry-story-renamed"
    article.save_revision().publish()
    article.refresh_from_db()
    assert rendered_store.get(old_url) is None
    assert client.get(old_url).status_code in {301, 404}
    assert "Older ferry story" in stored_html(rendered_store, article.url)


def test_a_slow_render_cannot_bring_back_a_removed_page(site, rendered_store):
    url = site["older"].url
    started = time.time()  # a reader's render begins …
    time.sleep(0.01)
    rendered_store.delete(url)  # … the publisher takes the page down …
    render.store_response(url, b"old copy", started=started)  # … the render ends
    assert rendered_store.get(url) is None


def test_a_page_that_cannot_be_stored_does_not_hold_back_the_others(rendered_store, caplog):
    factories.wagtail_tree()
    en = factories.service("en")
    story = factories.article(en, title="Ferry returns")
    rendered_store.delete_tree("/")
    # A file where the story's folder should be: it cannot be stored.
    blocker = rendered_store.file_for(story.url).parent
    blocker.parent.mkdir(parents=True, exist_ok=True)
    blocker.write_bytes(b"not a folder")

    results = render.refresh([story.url, en.url])
    assert results == {story.url: 500, en.url: 200}
    assert f"storing {story.url} failed" in caplog.text
    assert "Ferry returns" in stored_html(rendered_store, en.url)


@pytest.mark.parametrize("how", ["unpublish", "private", "delete", "move"])
def test_an_article_that_leaves_leaves_every_related_list(client, site, rendered_store, how):
    from wagtail.models import PageViewRestriction

    en = site["en"]
    leaving = factories.article(en, title="Ferry captain speaks", topics=["ferries"])
    older = site["older"]
    # The older story of the same topic lists it among related articles, stored.
    assert client.get(older.url).status_code == 200
    assert "Ferry captain speaks" in stored_html(rendered_store, older.url)

    if how == "unpublish":
        leaving.unpublish()
    elif how == "private":
        PageViewRestriction.objects.create(page=leaving, restriction_type="login")
    elif how == "delete":
        leaving.delete()
    else:
        leaving.move(site["ru"].get_children().live().first(), pos="last-child")
    assert "Ferry captain speaks" not in client.get(older.url).content.decode()
    stored = stored_html(rendered_store, older.url)
    assert stored is None or "Ferry captain speaks" not in stored
