"""A corrected alt text reaches readers: in the page rendered next, and in stored pages."""

import pytest

from kolokol.testing import factories

pytestmark = pytest.mark.django_db


def test_the_next_render_shows_the_corrected_alt_text(client):
    picture = factories.image(description="A grey river under a pale sky")
    article = factories.article(factories.service("en"), lead_image=picture)
    assert 'alt="A grey river under a pale sky"' in client.get(article.url).content.decode()
    picture.description = "The Vltava at dawn, seen from Charles Bridge"
    picture.save()
    html = client.get(article.url).content.decode()
    assert 'alt="The Vltava at dawn, seen from Charles Bridge"' in html
    assert "A grey river" not in html


@pytest.mark.django_db(transaction=True)  # publishing works after commit
def test_stored_pages_showing_the_image_are_rendered_again(rendered_store):
    factories.wagtail_tree()
    picture = factories.image(description="A grey river under a pale sky")
    home = factories.service("en")
    writer = factories.author(home, "Ada Quill")  # a new author page would purge the service
    article = factories.article(home, lead_image=picture, authors=[writer])
    other = factories.article(home, title="A story without that picture", authors=[writer])
    section = article.get_parent().url
    for url in (article.url, section):
        stored = rendered_store.get(url)
        assert stored and "A grey river" in stored.path.read_text(), url
    untouched = rendered_store.get(other.url).mtime

    picture.description = "The Vltava at dawn"
    picture.save()
    for url in (article.url, section):
        html = rendered_store.get(url).path.read_text()
        assert 'alt="The Vltava at dawn"' in html and "A grey river" not in html, url
    assert rendered_store.get(other.url).mtime == untouched
