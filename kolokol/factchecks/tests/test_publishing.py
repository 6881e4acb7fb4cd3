"""Publishing a fact-check brings the stored fact-check index up to date."""

import pytest

from kolokol.factchecks.tests import factories as fc
from kolokol.publishing.affected import listing_urls
from kolokol.testing import factories

pytestmark = pytest.mark.django_db(transaction=True)


def stored_html(store, url):
    stored = store.get(url)
    return stored.path.read_text() if stored else None


@pytest.fixture
def site(rendered_store, client):
    """A service with its fact-check index and one fact-check, both in the store."""
    factories.wagtail_tree()  # flushed by the previous transactional test
    home = factories.service("en")
    index = fc.index(home)
    first = fc.fact_check(home, title="Lighthouse claim checked", published_hours_ago=3)
    for url in (index.url, first.url):
        assert client.get(url).status_code == 200
    assert "Lighthouse claim checked" in stored_html(rendered_store, index.url)
    return {"home": home, "index": index, "first": first}


def test_publishing_and_withdrawing_a_fact_check_updates_the_stored_index(
    client, site, rendered_store
):
    index = site["index"]
    new = fc.fact_check(site["home"], title="Ferry claim checked", value=4)
    html = stored_html(rendered_store, index.url)
    assert html and "Ferry claim checked" in html and "Mostly true" in html
    assert client.get(index.url)["X-Kolokol-Store"] == "hit"
    assert "Ferry claim checked" in stored_html(rendered_store, new.url)
    # Its section lists it as it lists any article.
    assert "Ferry claim checked" in stored_html(rendered_store, new.get_parent().url)

    new.unpublish()
    assert rendered_store.get(new.url) is None
    assert "Ferry claim checked" not in stored_html(rendered_store, index.url)
    assert "Lighthouse claim checked" in stored_html(rendered_store, index.url)


def test_the_publisher_asks_the_fact_check_for_its_index_pages(site):
    index, first = site["index"], site["first"]
    urls = listing_urls(first)
    assert index.url in urls and f"{index.url}page/1/" in urls
    # A withdrawn one: the pages from where it was to the last that may have held it.
    for n in range(21):
        fc.fact_check(site["home"], published_hours_ago=2 - n / 100)
    first.unpublish()
    assert first.listed_also() == [index.url, f"{index.url}page/1/", f"{index.url}page/2/"]


def test_renaming_a_verdict_reaches_the_stored_fact_check_and_index(client, site, rendered_store):
    first = site["first"]
    rating = first.specific.rating
    rating.label = "Half the story"
    rating.save()
    for url in (first.url, site["index"].url):
        assert "Half the story" in stored_html(rendered_store, url), url
