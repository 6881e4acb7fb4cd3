"""Publishing a correction brings the stored article and corrections list up to date."""

from datetime import timedelta

import pytest
from django.utils import timezone

from kolokol.articles.models import ArticlePage
from kolokol.corrections.models import ArticleNote
from kolokol.publishing.addresses import public_urls
from kolokol.testing import factories

pytestmark = pytest.mark.django_db


def stored_html(store, url):
    stored = store.get(url)
    return stored.path.read_text() if stored else None


@pytest.mark.django_db(transaction=True)
def test_a_published_correction_reaches_the_stored_article_and_list(client, rendered_store):
    factories.wagtail_tree()
    home = factories.service("en")
    article = factories.article(home, title="Lighthouse to go solar", published_hours_ago=3)
    for url in (article.url, "/en/corrections/"):
        assert client.get(url).status_code == 200
    assert "Lighthouse to go solar" not in stored_html(rendered_store, "/en/corrections/")

    draft = ArticlePage.objects.get(pk=article.pk)
    draft.article_notes.add(
        ArticleNote(kind="correction", text="The panels cost less than we said.")
    )
    draft.save_revision().publish()
    for url in (article.url, "/en/corrections/"):
        html = stored_html(rendered_store, url)
        assert html and "The panels cost less than we said." in html, url
        assert client.get(url)["X-Kolokol-Store"] == "hit"
    assert "Lighthouse to go solar" in stored_html(rendered_store, "/en/corrections/")

    ArticlePage.objects.get(pk=article.pk).unpublish()
    assert "The panels cost less" not in stored_html(rendered_store, "/en/corrections/")


def test_the_static_mirror_holds_every_page_of_the_corrections_list():
    home = factories.service("en")
    article = ArticlePage.objects.get(pk=factories.article(home).pk)
    start = timezone.now() - timedelta(days=1)
    for n in range(21):
        article.article_notes.add(
            ArticleNote(kind="update", text=f"Update {n}.", noted_at=start + timedelta(minutes=n))
        )
    factories.publish(article)
    urls = public_urls(home)
    assert {"/en/corrections/", "/en/corrections/page/1/", "/en/corrections/page/2/"} <= set(urls)
    assert "/en/corrections/" in public_urls()
