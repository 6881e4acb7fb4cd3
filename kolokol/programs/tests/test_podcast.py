"""A program is a podcast: its feed is what podcast apps read, and it stays current."""

import feedparser
import pytest
from django.core.files.base import ContentFile
from lxml import etree

from kolokol.multimedia.models import Caption
from kolokol.programs.models import ProgramPage
from kolokol.programs.podcast import ITUNES_NS, PODCAST_NS
from kolokol.publishing.addresses import public_urls
from kolokol.testing import factories, vnu

pytestmark = pytest.mark.django_db


def program(home, **fields) -> ProgramPage:
    page = ProgramPage(
        title="Morning round-up",
        slug="morning",
        intro="The day's news in ten minutes, every weekday at seven.",
        about="Presented by the newsroom's duty editors.",
        category="News|Daily News",
        **fields,
    )
    home.add_child(instance=page)
    return factories.publish(page)


def episode(home, show, clip, title, hours_ago, **fields):
    return factories.article(
        home,
        section_page=show,
        title=title,
        lead_clip=clip,
        published_hours_ago=hours_ago,
        **fields,
    )


@pytest.fixture
def show(media_sources):
    factories.wagtail_tree()
    home = factories.service("ru", contact_email="desk@example.org")
    show = program(home, artwork=factories.image("Studio microphone", size=(1600, 1600)))
    first = factories.clip(
        media_sources["audio"], kind="audio", title="Monday", transcript="Good morning."
    )
    Caption.objects.create(
        clip=first,
        language="ru",
        file=ContentFile(b"WEBVTT\n\n00:00.000 --> 00:01.000\nGood morning\n", name="m.vtt"),
    )
    second = factories.clip(media_sources["audio"], kind="audio", title="Tuesday")
    episode(home, show, first, "Monday: the budget vote", 30)
    episode(home, show, second, "Tuesday: floods in the south", 6)
    # An article of the program without a recording is no episode.
    factories.article(home, section_page=show, title="Schedule change", published_hours_ago=1)
    return show


def test_podcast_apps_get_every_episode_with_its_file_and_length(client, show):
    answer = client.get(show.feed_url)
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("application/rss+xml")
    parsed = feedparser.parse(answer.content)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.feed.title == "Morning round-up — Kolokol RU"
    assert parsed.feed.author == "Kolokol RU"
    assert parsed.feed.image.href.startswith("http") and ".fill-1400x1400" in parsed.feed.image.href
    titles = [entry.title for entry in parsed.entries]
    assert titles == ["Tuesday: floods in the south", "Monday: the budget vote"]
    for entry in parsed.entries:
        [enclosure] = entry.enclosures
        assert enclosure.type == "audio/mp4" and enclosure.href.endswith("/standard.m4a")
        assert enclosure.href.startswith("http") and int(enclosure.length) > 10_000
        assert entry.itunes_duration == "3"


def test_the_feed_names_categories_and_transcripts_in_their_namespaces(client, show):
    root = etree.fromstring(client.get(show.feed_url).content)
    channel = root.find("channel")
    category = channel.find(f"{{{ITUNES_NS}}}category")
    assert category.get("text") == "News"
    assert category.find(f"{{{ITUNES_NS}}}category").get("text") == "Daily News"
    assert channel.findtext(f"{{{ITUNES_NS}}}explicit") == "false"
    owner = channel.find(f"{{{ITUNES_NS}}}owner")
    assert owner.findtext(f"{{{ITUNES_NS}}}email") == show.service.contact_email
    assert owner.findtext(f"{{{ITUNES_NS}}}name") == show.service.title
    assert len(channel.findtext(f"{{{PODCAST_NS}}}guid")) == 36
    monday = [i for i in channel.findall("item") if i.findtext("title").startswith("Monday")][0]
    transcripts = monday.findall(f"{{{PODCAST_NS}}}transcript")
    kinds = {t.get("type"): t for t in transcripts}
    assert kinds["text/html"].get("url").endswith("#transcript")
    assert kinds["text/vtt"].get("rel") == "captions" and kinds["text/vtt"].get("language") == "ru"
    assert all(t.get("url").startswith("http") for t in transcripts)


def test_the_program_page_plays_the_latest_episode_and_offers_the_feed(client, show):
    page = client.get(show.url).content.decode()
    assert f'href="{show.feed_url}"' in page
    assert "Subscribe in a podcast app" in page or "podcast" in page.lower()
    assert "<audio" in page and "Tuesday: floods in the south" in page
    assert "Schedule change" in page  # listed as an article of the program
    assert not vnu.errors({"program": page.encode()})


def test_the_feed_is_among_the_addresses_stored_and_mirrored(show):
    assert show.feed_url in public_urls(show.service)
