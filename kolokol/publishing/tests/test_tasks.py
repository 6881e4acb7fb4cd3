"""The publisher's work as durable tasks: queued in the database, run by real workers.

The tests' own process publishes with the database backend, as an app
server does; ``kolokol worker`` processes (with this test's store) take the
tasks from the queue. Nothing is run in the tests' process.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kolokol.articles.models import ArticlePage
from kolokol.publishing.tasks import RETRY_DELAYS
from kolokol.testing import factories
from kolokol.testing.accounts import verified_login
from kolokol.testing.servers import database_url

pytestmark = pytest.mark.django_db(transaction=True)

REPO = Path(__file__).resolve().parents[3]
DEAD_AFTER = 2


@pytest.fixture
def queued(database_tasks, rendered_store):
    """Publishing enqueues into the database instead of running the work here."""
    return rendered_store


@pytest.fixture
def workers(tmp_path):
    """Start ``kolokol worker`` processes on this test's database and store."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env |= {
        # The store is <data>/store: the test's own (the rendered_store fixture).
        "KOLOKOL_DATA_DIR": str(tmp_path),
        "DATABASE_URL": database_url(),
        "KOLOKOL_TASKS": "database",
        "KOLOKOL_TASK_DEAD_AFTER": str(DEAD_AFTER),
    }
    started: list[subprocess.Popen] = []

    def start() -> subprocess.Popen:
        process = subprocess.Popen(
            [sys.executable, "-m", "kolokol", "worker", "--tasks", "1"],
            env=env,
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=30)


def until(check, seconds: float = 60.0):
    # Generous: a worker starting on a machine busy with the other test run
    # (CI runs SQLite and PostgreSQL side by side) takes seconds to import.
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.01)
    pytest.fail(f"not within {seconds} s")


def stored_text(store, url: str) -> str:
    stored = store.get(url)
    return stored.path.read_text() if stored else ""


def test_a_publish_waits_in_the_queue_for_a_worker(queued, workers):
    from django_tasks_db.models import DBTaskResult

    factories.wagtail_tree()
    en = factories.service("en")
    article = factories.article(en, title="Night trains return")
    # Nothing was rendered here: the work is in the database.
    assert queued.get(article.url) is None
    assert DBTaskResult.objects.filter(status="READY").exists()

    workers()
    until(lambda: "Night trains return" in stored_text(queued, article.url))
    until(lambda: "Night trains return" in stored_text(queued, en.url))
    # The publish's own work (the worker's daily jobs, started with it, may take longer).
    publishing = DBTaskResult.objects.filter(task_path__startswith="kolokol.publishing.tasks.")
    until(lambda: not publishing.exclude(status="SUCCESSFUL").exists())

    # A headline changed: the queue brings the stored page up to date.
    page = ArticlePage.objects.get(pk=article.pk)
    page.title = "Night trains return for the winter"
    page.save_revision().publish()
    until(lambda: "for the winter" in stored_text(queued, article.url), seconds=30)


def test_a_render_cut_short_by_a_dead_worker_is_done_by_another(queued, workers):
    from django_tasks_db.models import DBTaskResult

    factories.wagtail_tree()
    en = factories.service("en")
    articles = [factories.article(en, title=f"Flood report {n}") for n in range(12)]
    DBTaskResult.objects.all().delete()  # only the render below is queued
    from kolokol.publishing import tasks

    urls = [article.url for article in articles]
    tasks.refresh_pages.enqueue(urls=urls, since=time.time())
    first, second = workers(), workers()
    running = until(lambda: DBTaskResult.objects.running().first(), seconds=60)
    owner = running.worker_ids[-1]
    victim = first if owner.endswith(f":{first.pid}") else second
    victim.send_signal(signal.SIGKILL)  # mid-render: no chance to clean up
    victim.wait(timeout=10)

    # The other worker takes it back after DEAD_AFTER and renders every page.
    done = until(
        lambda: DBTaskResult.objects.filter(pk=running.pk, status="SUCCESSFUL").first(),
        seconds=DEAD_AFTER + 45,
    )
    assert len(done.worker_ids) == 2 and done.worker_ids[0] != done.worker_ids[1]
    # Every page right; one whose render failed on a busy machine (SQLite
    # locked a moment) is in a retry task a couple of seconds later.
    until(
        lambda: all(article.title in stored_text(queued, article.url) for article in articles),
        seconds=RETRY_DELAYS[0] + 45,
    )


def test_administrators_see_failed_work_and_run_it_again(queued, client):
    from django_tasks_db.models import DBTaskResult

    from kolokol.publishing import tasks
    from kolokol.publishing.runner import Runner

    # Work that cannot succeed (no addresses at all), run by a runner here.
    tasks.refresh_files.enqueue(urls=None, since=0.0)
    assert Runner().run_one()
    failed = DBTaskResult.objects.get()
    assert failed.status == "FAILED"

    from django.contrib.auth.models import Group, Permission, User

    factories.wagtail_tree()
    editor = User.objects.create_user("editor")
    editors = Group.objects.create(name="Desk")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    editor.groups.add(editors)
    verified_login(client, editor)
    assert client.get("/admin/background-work/").status_code in {302, 403}

    verified_login(client, User.objects.create_superuser("admin"))
    page = client.get("/admin/background-work/").content.decode()
    assert "refresh_files" in page and "TypeError" in page
    dashboard = client.get("/admin/").content.decode()
    assert "Background work" in dashboard

    # A form sent with a task id that is not one retries nothing, and fails nothing.
    for bogus in ["not-a-task", "", "00000000-0000-0000-0000-000000000000"]:
        assert client.post("/admin/background-work/", {"task": bogus}).status_code == 302
    failed.refresh_from_db()
    assert failed.status == "FAILED"

    response = client.post("/admin/background-work/", {"task": str(failed.pk)})
    assert response.status_code == 302
    failed.refresh_from_db()
    assert failed.status == "READY"  # back in the queue, for any worker


def test_a_periodic_job_is_claimed_by_one_worker_per_period():
    from kolokol.publishing import periodic

    def worker_asks(name, every, now):
        periodic._known.clear()  # another worker: it knows nothing of the others
        return periodic.claim(name, every, now=now)

    # Three workers ask in the same minute: one runs it.
    assert [worker_asks("publish_scheduled", 60, 6000.5) for _ in range(3)] == [
        True,
        False,
        False,
    ]
    assert worker_asks("publish_scheduled", 60, 6059.9) is False
    assert worker_asks("publish_scheduled", 60, 6060.0) is True  # the next minute
    assert worker_asks("purge_comments", 3600, 6060.0) is True  # each job its own
    # A worker that took a slot does not ask the database again within it.
    assert periodic.claim("purge_comments", 3600, now=6061.0) is False


def test_a_page_being_rendered_since_an_event_is_left_to_that_render(rendered_store):
    from kolokol.publishing.tasks import rendering

    with rendering("/ru/", since=time.time()) as due:
        assert due  # nothing stored or under way: render it
        # Another worker, for an event older than this render: left to it.
        with rendering("/ru/", since=time.time() - 5) as other:
            assert not other
        # For an event after this render began: it must render again.
        with rendering("/ru/", since=time.time() + 5) as later:
            assert later


def test_markers_of_dead_renders_are_cleared_and_live_ones_kept(rendered_store):
    from kolokol.publishing import tasks

    folder = rendered_store.root / tasks.RENDERING
    folder.mkdir(parents=True)
    old = time.time() - tasks.LEASE_SECONDS - 5
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True
    )
    dead_pid = dead.stdout.decode().strip()  # a process that has ended
    for name, pid, when in [
        ("killed", dead_pid, old),
        ("slow-but-alive", str(os.getpid()), old),
        ("just-begun", dead_pid, time.time()),
    ]:
        (folder / name).write_text(pid)
        os.utime(folder / name, (when, when))
    assert tasks.clear_dead_markers() == 1
    assert sorted(p.name for p in folder.iterdir()) == ["just-begun", "slow-but-alive"]
