"""The worker: stale pages leave the store on time, scheduled pages go live."""

import threading
import time
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from kolokol.articles.models import ArticlePage
from kolokol.publishing import freshness, render, sweep
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
    client.get(article.url)  # stored with the banner
    assert "Gale warning" in rendered_store.get(article.url).path.read_text()
    sweep.sweep()  # nothing has passed since the article was stored
    assert rendered_store.get(article.url) is not None

    time.sleep(max(0, (item.expires_at - timezone.now()).total_seconds()) + 1.1)
    removed = sweep.sweep()
    assert removed["en"] >= 1
    assert rendered_store.get(article.url) is None  # nginx can no longer serve the old banner
    home_html = rendered_store.get(home.url).path.read_text()  # hot pages rendered again
    assert "Gale warning" not in home_html


def test_a_page_rendered_before_a_banner_change_is_not_stored_after_the_sweep(rendered_store):
    # A render begins, a banner expires and the worker sweeps, the render
    # ends: stored now, it would keep the old banner under nginx for good.
    started = time.time()
    freshness.record("kg", [started + 0.05])
    time.sleep(0.1)
    sweep.sweep()
    render.store_response("/kg/news/", b"with the old banner", started=started)
    assert rendered_store.get("/kg/news/") is None
    # A render begun after the change is kept.
    render.store_response("/kg/news/", b"fresh", started=time.time())
    assert rendered_store.get("/kg/news/").path.read_bytes() == b"fresh"


def test_sweep_goes_on_while_a_publish_removes_a_tree_it_is_walking(rendered_store):
    # The worker sweeps while app processes publish; a listing tree removed
    # under the walk must not stop the sweep (and with it the worker's round).
    freshness.record("en", [100.0])  # a banner change long passed
    stop, failures = threading.Event(), []

    def publish_and_purge():
        while not stop.is_set():
            for n in range(20):
                rendered_store.put(f"/en/topics/tide-{n}/page/{n}/", b"<p>old banner</p>", mtime=1)
            rendered_store.delete_tree("/en/topics/")

    purger = threading.Thread(target=publish_and_purge)
    purger.start()
    try:
        for _ in range(1000):
            sweep._swept.clear()  # walk again, as after each new transition
            try:
                sweep.sweep()
            except OSError as error:
                failures.append(error)
    finally:
        stop.set()
        purger.join()
        sweep._swept.clear()
    assert failures == []


def test_worker_publishes_scheduled_articles_into_the_store(rendered_store):
    factories.wagtail_tree()
    home = factories.service("en")
    article = factories.article(home, title="Embargoed report")
    article.unpublish()
    article.refresh_from_db()
    article.go_live_at = timezone.now() - timedelta(seconds=1)
    article.save_revision(approved_go_live_at=article.go_live_at)
    call_command("worker", once=True, stdout=StringIO())
    assert ArticlePage.objects.get(pk=article.pk).live
    assert "Embargoed report" in rendered_store.get(article.url).path.read_text()
    assert "Embargoed report" in rendered_store.get(home.url).path.read_text()
    # And it says it ran, for /readyz.
    from kolokol.publishing.models import Heartbeat

    assert Heartbeat.objects.filter(name__startswith="worker@").count() == 1


def test_work_done_since_an_event_is_not_done_again(rendered_store):
    # Likes across the archive: each like enqueues its article's render. A
    # task skips pages stored after its event, so a flood costs one render.
    from kolokol.publishing import tasks

    factories.wagtail_tree()
    article = factories.article(factories.service("en"), title="Story")
    since = time.time()
    tasks.refresh_pages.enqueue(urls=[article.url], since=since)
    first = rendered_store.get(article.url).mtime
    assert first >= since
    for _ in range(20):
        tasks.refresh_pages.enqueue(urls=[article.url], since=since)
    assert rendered_store.get(article.url).mtime == first
    # A later event renders it again.
    tasks.refresh_pages.enqueue(urls=[article.url], since=time.time())
    assert rendered_store.get(article.url).mtime > first
