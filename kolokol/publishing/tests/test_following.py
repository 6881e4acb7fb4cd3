"""KOLOKOL_MIRRORS: the worker keeps static mirrors up to date after each publish."""

from io import StringIO

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from kolokol.publishing import manifest
from kolokol.publishing.following import Follower
from kolokol.publishing.runner import Runner
from kolokol.testing import factories

# The worker closes its database connections between rounds: it needs
# committed data.
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


def test_follower_exports_once_something_was_published(tmp_path):
    factories.wagtail_tree()
    folder = tmp_path / "mirror"
    home = factories.service("en")
    factories.article(home, title="Tide tables")
    said = []
    follower = Follower([(folder, "")], say=said.append)

    follower.tick()  # the immediate task backend: exported here and now
    assert (folder / "en/index.html").exists()
    assert follower.due() == []  # nothing published since: no export every second

    fresh = factories.article(home, title="Ferry timetable changes")
    assert follower.due() == [(folder, "")]
    follower.tick()
    assert "Ferry timetable changes" in page_file(folder, fresh).read_text()
    assert len(said) == 2 and all("files written" in line for line in said)


def test_an_export_waits_for_a_worker_on_the_mirrors_machine(tmp_path, settings, database_tasks):
    """The export is a task in this machine's own queue: a worker elsewhere leaves it."""
    factories.wagtail_tree()
    folder = tmp_path / "mirror"
    home = factories.service("en")
    factories.article(home, title="Tide tables")
    said = []
    follower = Follower([(folder, "")], say=said.append)
    follower.tick()
    follower.tick()  # still queued: not enqueued twice
    export = DBTaskResult.objects.get(task_path__endswith="export_mirror")
    assert export.queue_name == settings.HOST_QUEUE

    here = settings.TASKS
    settings.TASKS = {"default": {**here["default"], "QUEUES": ["default", "pages", "files"]}}
    elsewhere = Runner()  # another machine's worker
    while elsewhere.run_one():  # the publishes' own tasks
        pass
    export.refresh_from_db()
    assert export.status == "READY" and not folder.exists()
    settings.TASKS = here
    here_runner = Runner()
    while here_runner.run_one():
        pass
    assert (folder / "en/index.html").exists()
    follower.tick()  # the worker that enqueued it says how it went
    assert len(said) == 1 and "files written" in said[0]


def test_follower_leaves_a_mirror_another_export_is_writing_and_comes_back(tmp_path):
    factories.wagtail_tree()
    folder = tmp_path / "mirror"
    folder.mkdir()
    home = factories.service("en")
    factories.article(home, title="Tide tables")
    said = []
    follower = Follower([(folder, "")], every=0, say=said.append)
    with manifest.exclusive(folder):  # a cron export running
        follower.tick()
    assert said == [f"mirror {folder}: not exported now, another export is writing {folder}"]
    assert not (folder / "en/index.html").exists()
    follower.tick()
    assert "Tide tables" in (folder / "en/index.html").read_text()


def test_the_mirrors_page_shows_each_mirrors_sync_lag_and_errors(tmp_path, client):
    from django.contrib.auth import get_user_model

    from kolokol.core import clock
    from kolokol.publishing.models import MirrorStatus
    from kolokol.testing.accounts import verified_login

    factories.wagtail_tree()
    good, broken = tmp_path / "mirror", tmp_path / "not-a-folder"
    broken.write_text("a file where the mirror's folder should be")
    home = factories.service("en")
    factories.article(home, title="Tide tables")
    follower = Follower([(good, "https://mirror.example/"), (broken, "")], say=lambda line: None)
    follower.tick()
    fine = MirrorStatus.objects.get(directory=str(good))
    assert fine.ok and fine.last_success_at and fine.base_url == "https://mirror.example/"
    failed = MirrorStatus.objects.get(directory=str(broken))
    assert not failed.ok and failed.last_success_at is None and failed.message

    admin = get_user_model().objects.create_superuser("root", "root@example.org", "a-long-pass")
    verified_login(client, admin)
    page = client.get("/admin/mirrors/").content.decode()
    assert "https://mirror.example/" in page and "up to date" in page
    assert failed.message.split(":")[0] in page

    factories.article(home, title="Ferry timetable changes")  # published, not yet exported
    clock.version()
    page = client.get("/admin/mirrors/").content.decode()
    assert "behind by up to" in page
    follower.tick()
    assert "up to date" in client.get("/admin/mirrors/").content.decode()
