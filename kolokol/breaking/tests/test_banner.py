"""The breaking-news banner."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from kolokol.breaking.models import BreakingNews
from kolokol.testing import factories

pytestmark = pytest.mark.django_db


def pages_of(home):
    article = factories.article(home)
    return [
        home.url,
        article.get_parent().url,
        article.url,
        "/en/topics/",
        article.authors()[0].url,
    ]


def test_active_item_shows_on_every_page_of_its_service(client):
    home = factories.service("en")
    article = factories.article(home, title="Storm passes")
    factories.breaking(home, headline="Storm warning lifted", link_page=article)
    for url in pages_of(home):
        html = client.get(url).content.decode()
        assert "Storm warning lifted" in html, url
        assert f'href="{article.url}"' in html


def test_not_shown_on_another_service(client):
    en = factories.service("en")
    ru = factories.service("ru")
    factories.breaking(en, headline="Only for English readers")
    assert "Only for English readers" not in client.get(ru.url).content.decode()


def test_expired_and_future_items_are_not_shown(client):
    home = factories.service("en")
    now = timezone.now()
    factories.breaking(
        home,
        headline="Old news",
        starts_at=now - timedelta(hours=3),
        expires_at=now - timedelta(seconds=1),
    )
    factories.breaking(home, headline="Not yet", starts_at=now + timedelta(minutes=5))
    html = client.get(home.url).content.decode()
    assert "Old news" not in html and "Not yet" not in html
    assert 'class="breaking"' not in html


def test_newest_active_item_wins(client):
    home = factories.service("en")
    now = timezone.now()
    factories.breaking(home, headline="Earlier", starts_at=now - timedelta(hours=1))
    factories.breaking(home, headline="Later", starts_at=now - timedelta(minutes=1))
    html = client.get(home.url).content.decode()
    assert "Later" in html and "Earlier" not in html


def test_expiry_must_follow_start():
    home = factories.service("en")
    now = timezone.now()
    item = BreakingNews(
        service=home, headline="x", starts_at=now, expires_at=now - timedelta(minutes=1)
    )
    with pytest.raises(ValidationError):
        item.full_clean()


def test_link_to_unpublished_article_is_dropped(client):
    home = factories.service("en")
    article = factories.article(home)
    factories.breaking(home, headline="Read this", link_page=article)
    article.unpublish()
    html = client.get(home.url).content.decode()
    assert "Read this" in html and f'href="{article.url}"' not in html


@pytest.mark.django_db(transaction=True)  # publishing works after commit
def test_an_item_moved_to_another_service_leaves_the_first_at_once(client, rendered_store):

    factories.wagtail_tree()
    en, ru = factories.service("en"), factories.service("ru")
    item = factories.breaking(en, headline="Wrong desk")
    assert "Wrong desk" in client.get(en.url).content.decode()
    assert client.get(en.url)["X-Kolokol-Store"] == "hit"

    item.service = ru
    item.save()
    assert "Wrong desk" not in client.get(en.url).content.decode()
    assert "Wrong desk" in client.get(ru.url).content.decode()
