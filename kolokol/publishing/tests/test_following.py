"""KOLOKOL_MIRRORS: the worker keeps static mirrors up to date after each publish."""

from io import StringIO

import pytest
from django.core.management import call_command

from kolokol.publishing import manifest
from kolokol.publishing.following import Follower
from kolokol.testing import factories

# The worker closes its database connections between rounds, and the
# follower's thread has its own: both need committed data.
pytestmark = pytest.mark.django_db(transaction=True)


def page_file(folder, page):
    return folder / page.url.strip("/") / "index.html"


def test_worker_exports_a_configured_mirror_then_only_what_a_publish_changed(settings, tmp_path):
    factories.wagtail_tree()
    folder = tmp_path / "mirror"
    settings.KOLOKOL_MIRRORS = [(folder, "https://mirror.example/news/")]
    home = factories.service("en")
    culture = factories.section(home, "Culture", "culture")
    review = factories.article(home, section_page=culture, title="Concert review")

    out = StringIO()
    call_command("worker", once=True, stdout=out)
    assert "Concert review" in page_file(folder, review).read_text()
    assert f"mirror {folder}:" in out.getvalue()
    # The mirror's own address, given after '=', is the one its pages name.
    assert "https://mirror.example/news/en/" in (folder / "en/index.html").read_text()
    untouched = page_file(folder, review).stat().st_mtime_ns

    fresh = factories.article(home, title="Harbour reopens")
    call_command("worker", once=True, stdout=StringIO())
    assert "Harbour reopens" in page_file(folder, fresh).read_text()
    assert "Harbour reopens" in (folder / "en/index.html").read_text()
    assert page_file(folder, review).stat().st_mtime_ns == untouched


def test_follower_exports_in_the_background_when_something_was_published(tmp_path):
    factories.wagtail_tree()
    folder = tmp_path / "mirror"
    home = factories.service("en")
    factories.article(home, title="Tide tables")
    said = []
    follower = Follower([(folder, "")], say=said.append)

    follower.tick()
    follower.thread.join(timeout=120)
    assert (folder / "en/index.html").exists()
    assert follower.due() == []  # nothing published since: no export every second

    fresh = factories.article(home, title="Ferry timetable changes")
    assert follower.due() == [(folder, "")]
    follower.tick()
    follower.thread.join(timeout=120)
    assert "Ferry timetable changes" in page_file(folder, fresh).read_text()
    assert len(said) == 2 and all("files written" in line for line in said)


def test_follower_leaves_a_mirror_another_export_is_writing_and_comes_back(tmp_path):
    factories.wagtail_tree()
    folder = tmp_path / "mirror"
    folder.mkdir()
    home = factories.service("en")
    factories.article(home, title="Tide tables")
    said = []
    follower = Follower([(folder, "")], every=0, say=said.append)
    with manifest.exclusive(folder):  # a cron export running
        follower.tick(background=False)
    assert said == [f"mirror {folder}: not exported now, another export is writing {folder}"]
    assert not (folder / "en/index.html").exists()
    follower.tick(background=False)
    assert "Tide tables" in (folder / "en/index.html").read_text()
