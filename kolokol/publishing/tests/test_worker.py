"""The worker: stale pages leave the store on time, scheduled pages go live."""

import time
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from kolokol.articles.models import ArticlePage
from kolokol.publishing import services
from kolokol.testing import factories

pytestmark = pytest.mark.django_db(transaction=True)


def test_sweep_removes_pages_older_than_a_passed_transition(rendered_store, client):
    factories.wagtail_tree()
    home = factories.service("en")
    article = factories.article(home, title="Tide tables")
    # Long enough for the publish's re-renders (pages and feeds) on a busy machine.
    item = factories.breaking(
        home, headline="Gale warning", expires_at=timezone.now() + timedelta(seconds=6)
    )
    services.wait()
    client.get(article.url)  # stored with the banner
    assert "Gale warning" in rendered_store.get(article.url).path.read_text()
    services.sweep()  # nothing has passed since the article was stored
    assert rendered_store.get(article.url) is not None

    time.sleep((item.expires_at - timezone.now()).total_seconds() + 1.1)
    removed = services.sweep()
    assert removed["en"] >= 1
    assert rendered_store.get(article.url) is None  # nginx can no longer serve the old banner
    home_html = rendered_store.get(home.url).path.read_text()  # hot pages rendered again
    assert "Gale warning" not in home_html


def test_worker_publishes_scheduled_articles_into_the_store(rendered_store):
    factories.wagtail_tree()
    home = factories.service("en")
    article = factories.article(home, title="Embargoed report")
    article.unpublish()
    services.wait()
    article.refresh_from_db()
    article.go_live_at = timezone.now() - timedelta(seconds=1)
    article.save_revision(approved_go_live_at=article.go_live_at)
    call_command("worker", once=True, stdout=StringIO())
    assert ArticlePage.objects.get(pk=article.pk).live
    assert "Embargoed report" in rendered_store.get(article.url).path.read_text()
    assert "Embargoed report" in rendered_store.get(home.url).path.read_text()
