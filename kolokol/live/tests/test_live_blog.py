"""A live blog as readers get it: posts newest first, pages that stay put, its files."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from kolokol.live.models import LivePost
from kolokol.live.tests.helpers import live_blog, many_posts, post
from kolokol.testing import factories

pytestmark = pytest.mark.django_db


def test_posts_show_newest_first_with_time_author_and_key_flag(client):
    home = factories.service("en")
    blog = live_blog(home)
    reporter = factories.author(home, "Ada Rook")
    post(blog, "First sandbags at the quay.", posted_at=timezone.now() - timedelta(minutes=9))
    post(blog, "Ferry cancelled.", key_update=True, author=reporter, headline="Ferries stop")
    post(blog, "Not ready yet.", status=LivePost.Status.DRAFT)
    html = client.get(blog.url).content.decode()
    assert html.index("Ferries stop") < html.index("First sandbags at the quay.")
    assert "Not ready yet." not in html
    assert "Key update" in html and "Ada Rook" in html
    assert 'class="live-badge"' in html


def test_hostile_post_text_is_escaped(client):
    home = factories.service("en")
    blog = live_blog(home, highlights=[{"type": "point", "value": "<script>alert(1)</script>"}])
    post(blog, headline='"><img src=x onerror=alert(2)>')
    html = client.get(blog.url).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "<img src=x" not in html


def test_archive_pages_are_numbered_from_the_oldest_and_stay_put(client):
    home = factories.service("en")
    blog = live_blog(home)
    many_posts(blog, 45)
    front = client.get(blog.url).content.decode()
    assert "Update 45" in front and "Update 26" in front and "Update 25<" not in front
    first = client.get(f"{blog.url}page/1/").content.decode()
    assert "Update 20" in first and "Update 1<" in first and "Update 21" not in first
    post(blog, "One more.")
    assert client.get(f"{blog.url}page/1/").content.decode().count("Update ") == first.count(
        "Update "
    )
    assert client.get(f"{blog.url}page/4/").status_code == 404


def test_updates_file_counts_published_posts(client):
    home = factories.service("en")
    blog = live_blog(home)
    newest = post(blog)
    post(blog, status=LivePost.Status.SUBMITTED)
    response = client.get(blog.url + "updates.json")
    state = json.loads(response.content)
    assert state["count"] == 1 and state["latest"] == newest.pk and state["live"] is True


def test_posts_feed_lists_posts_with_absolute_links(client):
    home = factories.service("en")
    blog = live_blog(home)
    post(blog, "Wind at 90 km/h.", headline="Gusts")
    atom = client.get(blog.url + "posts.atom")
    assert atom["Content-Type"].startswith("application/atom+xml")
    text = atom.content.decode()
    assert "<title>Gusts</title>" in text and "Wind at 90 km/h." in text
    assert 'href="http' in text


def test_json_ld_is_a_live_blog_posting_with_its_updates(client):
    home = factories.service("en")
    blog = live_blog(home)
    post(blog, "Schools close at noon.")
    html = client.get(blog.url).content.decode()
    data = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert data["@type"] == "LiveBlogPosting"
    assert data["coverageStartTime"]
    update = data["liveBlogUpdate"][0]
    assert update["@type"] == "BlogPosting" and "Schools close at noon." in update["articleBody"]
    assert update["url"].endswith(f"#post-{LivePost.objects.get().pk}")


def test_after_its_period_the_page_reads_as_an_archived_article(client):
    home = factories.service("en")
    now = timezone.now()
    blog = live_blog(home, live_from=now - timedelta(days=2), live_until=now - timedelta(days=1))
    post(blog, posted_at=now - timedelta(days=1, hours=2))
    html = client.get(blog.url).content.decode()
    assert "This live coverage has ended." in html
    assert 'class="live-badge"' not in html and "live.js" not in html
    section_html = client.get(blog.get_parent().url).content.decode()
    assert 'class="live-badge"' not in section_html


def test_teasers_carry_the_live_badge_while_it_is_live(client):
    home = factories.service("en")
    live_blog(home, title="Count night")
    factories.article(home, title="Quiet story")
    html = client.get(home.url).content.decode()
    teaser = html[html.index("Count night") - 400 : html.index("Count night")]
    assert "live-badge" in teaser
    quiet = html[html.index("Quiet story") - 300 : html.index("Quiet story")]
    assert "live-badge" not in quiet


def test_archive_pages_speak_the_services_language_and_zone(client):
    home = factories.service("ru")
    blog = live_blog(home)
    many_posts(blog, 25)
    for url in (blog.url, f"{blog.url}page/1/"):
        response = client.get(url)
        assert '<html lang="ru"' in response.content.decode()
        assert response.has_header("Vary")
    assert client.get(f"{blog.url}page/0/").status_code == 404


def test_live_blogs_are_not_offered_for_republishing(client):
    from kolokol.services.models import RepublishingLicence

    home = factories.service(
        "en", republishing_allowed=True, republishing_licence=RepublishingLicence.CC_BY
    )
    blog = live_blog(home)
    assert client.get(blog.url + "republish/").status_code == 404
    assert "republish/" not in client.get(blog.url).content.decode()
