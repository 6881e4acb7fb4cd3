"""The partners' page in the rendered store and on static mirrors."""

from io import StringIO

import pytest
from django.core.management import call_command

from kolokol.publishing.affected import listing_urls
from kolokol.testing import factories


def stored_html(store, url):
    stored = store.get(url)
    return stored.path.read_text() if stored else None


@pytest.fixture
def article(rendered_store):
    factories.wagtail_tree()
    home = factories.service("en", republishing_allowed=True, republishing_licence="cc-by-nd-4.0")
    return factories.article(home, title="Harbour bridge reopens")


@pytest.mark.django_db(transaction=True)
def test_rendered_with_the_article_and_dropped_when_switched_off(client, article, rendered_store):
    url = f"{article.url}republish/"
    assert url in listing_urls(article)
    # The publish rendered it along with the article; readers get the stored copy.
    assert "Harbour bridge reopens" in stored_html(rendered_store, url)
    assert client.get(url)["X-Kolokol-Store"] == "hit"

    article.title = "Harbour bridge reopens early"
    article.save_revision().publish()
    assert "Harbour bridge reopens early" in stored_html(rendered_store, url)

    # The article opts out: the stored copy goes with the publish.
    article.republishing = False
    article.save_revision().publish()
    assert rendered_store.get(url) is None
    assert client.get(url).status_code == 404
    assert rendered_store.get(url) is None  # a 404 is never stored

    article.republishing = None
    article.save_revision().publish()
    assert stored_html(rendered_store, url) is not None

    # The service stops offering its articles: every page of it leaves the store.
    home = article.service
    home.republishing_allowed = False
    home.save_revision().publish()
    assert rendered_store.get(url) is None
    assert client.get(url).status_code == 404
    assert "Republish this article" not in client.get(article.url).text


@pytest.mark.django_db(transaction=True)
def test_unpublishing_the_article_takes_its_copy_away(client, article, rendered_store):
    url = f"{article.url}republish/"
    assert rendered_store.get(url) is not None
    article.unpublish()
    assert rendered_store.get(url) is None
    assert client.get(url).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_a_new_address_takes_its_copy_along(client, article, rendered_store):
    old = f"{article.url}republish/"
    article.slug = "bridge"
    article.save_revision().publish()
    article.refresh_from_db()
    assert rendered_store.get(old) is None
    assert stored_html(rendered_store, f"{article.url}republish/") is not None


def export(folder, *args):
    out = StringIO()
    call_command("export", str(folder), *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_static_mirrors_leave_it_out(tmp_path):
    """A mirror has no partners' page and no link to one, full or incremental."""
    folder = tmp_path / "mirror"
    home = factories.service("en", republishing_allowed=True, republishing_licence="cc-by-nd-4.0")
    first = factories.article(home, title="First story")
    export(folder)
    factories.article(home, title="Second story")
    first.title = "First story, updated"
    first.save_revision().publish()
    export(folder, "--incremental")  # renders each listing_urls(), the partners' page too
    assert not [path for path in folder.rglob("*") if "republish" in path.parts]
    page = (folder / first.url.strip("/") / "index.html").read_text()
    assert "First story, updated" in page and "republish/" not in page
