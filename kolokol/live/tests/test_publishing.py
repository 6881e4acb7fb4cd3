"""A post reaches the stored live blog at once, and costs the store a few pages only."""

import json

import pytest

from kolokol.live.addresses import post_urls
from kolokol.live.models import LivePost
from kolokol.live.tests.helpers import live_blog, many_posts, post
from kolokol.publishing.addresses import public_urls
from kolokol.testing import factories

pytestmark = pytest.mark.django_db


def stored(store, url):
    found = store.get(url)
    return found.path.read_text() if found else None


@pytest.mark.django_db(transaction=True)
def test_a_published_post_is_on_the_stored_page_and_in_its_files(client, rendered_store):
    factories.wagtail_tree()
    home = factories.service("en")
    blog = live_blog(home)
    assert client.get(blog.url).status_code == 200
    draft = post(blog, "Draft about the pier.", status=LivePost.Status.DRAFT)
    assert "Draft about the pier." not in stored(rendered_store, blog.url)

    draft.status = LivePost.Status.PUBLISHED
    draft.posted_at = draft.created_at
    draft.save()
    assert "Draft about the pier." in stored(rendered_store, blog.url)
    assert client.get(blog.url)["X-Kolokol-Store"] == "hit"
    assert json.loads(stored(rendered_store, blog.url + "updates.json"))["count"] == 1
    assert "Draft about the pier." in stored(rendered_store, blog.url + "posts.atom")

    # Withdrawn: off the stored page again.
    draft.status = LivePost.Status.DRAFT
    draft.save()
    assert "Draft about the pier." not in stored(rendered_store, blog.url)
    assert json.loads(stored(rendered_store, blog.url + "updates.json"))["count"] == 0

    # Deleted once published: the same.
    gone = post(blog, "Pier reopened.")
    assert "Pier reopened." in stored(rendered_store, blog.url)
    gone.delete()
    assert "Pier reopened." not in stored(rendered_store, blog.url)


def test_a_new_post_on_a_long_blog_costs_a_few_pages_not_all(settings):
    home = factories.service("en")
    blog = live_blog(home)
    many_posts(blog, 2000)
    newest = post(blog, "Post two thousand and one.")
    urls, purge = post_urls(newest, shifted=False)
    pages = [url for url in urls if url.endswith("/")]
    assert pages == [blog.url, f"{blog.url}page/100/", f"{blog.url}page/101/"]
    assert purge == []
    # Withdrawing an old post moves every archive page after it: the tree goes.
    old = LivePost.objects.filter(page=blog).order_by("posted_at").first()
    old.status = LivePost.Status.DRAFT
    urls, purge = post_urls(old, shifted=True)
    assert purge == [f"{blog.url}page/"]


def test_mirrors_and_full_rerenders_know_every_archive_page_and_file():
    home = factories.service("en")
    blog = live_blog(home)
    many_posts(blog, 41)
    urls = set(public_urls(home))
    assert {f"{blog.url}page/{n}/" for n in (1, 2, 3)} <= urls
    assert {blog.url + "updates.json", blog.url + "posts.atom", blog.url + "posts.rss"} <= urls


@pytest.mark.django_db(transaction=True)
def test_the_live_badge_leaves_stored_pages_when_the_coverage_ends(client, rendered_store):
    import time
    from datetime import timedelta

    from django.utils import timezone

    factories.wagtail_tree()
    home = factories.service("en")
    live_blog(home, title="Count night", live_until=timezone.now() + timedelta(seconds=2))
    assert client.get(home.url).status_code == 200
    assert "live-badge" in stored(rendered_store, home.url)
    assert client.get(home.url)["X-Kolokol-Store"] == "hit"
    time.sleep(2.5)
    # Rendered before the end: stale now, rendered again on its next request.
    html = client.get(home.url).content.decode()
    assert "Count night" in html and "live-badge" not in html
