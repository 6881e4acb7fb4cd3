"""Fixtures for every test suite.

Browser tests need Debian's Chromium (``/usr/bin/chromium``) and axe-core
from npm (``node_modules/axe-core``). Where one is missing they are skipped
with the reason shown, except under CI (``CI`` set), where a missing tool
fails the run: CI must prove the browser tests, never skip them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django would
# otherwise refuse ORM calls made from that thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("KOLOKOL_CHROMIUM", "/usr/bin/chromium")
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
IN_CI = bool(os.environ.get("CI"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_configure(config):
    # Django's password hasher is slow on purpose (a second or so per hash
    # here); tests that sign in with passwords prove throttling and audit,
    # not the hash. Django's own test suite does the same.
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Each demo load would encode the same 1,400 renditions again.
    from kolokol.testing import rendition_cache

    rendition_cache.install(Path(os.environ["KOLOKOL_DATA_DIR"]) / "rendition-cache")


def pytest_collection_modifyitems(config, items):
    """Every transactional test restores the migrated database's rows when it starts.

    A transactional test empties the database when it ends. Without
    ``serialized_rollback`` that emptying re-runs post_migrate, which makes
    the content types again under new ids, and the next test that restores
    the migrated rows (``serialized_rollback=True``) then fails on them: the
    suite passed or failed by the order of its tests. With every
    transactional test restoring them, none re-runs post_migrate.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is not None and marker.kwargs.get("transaction"):
            kwargs = {**marker.kwargs, "serialized_rollback": True}
            item.add_marker(pytest.mark.django_db(*marker.args, **kwargs), append=False)


def require(condition: bool, reason: str) -> None:
    """Skip (on a developer's machine) or fail (in CI) when a tool is missing."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"required in CI: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def _store_off(settings):
    """Most tests look at rendering itself: the rendered store is off unless asked for."""
    settings.KOLOKOL_STORE_ENABLED = False


@pytest.fixture
def database_tasks(settings):
    """Tasks wait in the database, as on an app server, until a worker runs them."""
    settings.KOLOKOL_TASKS = "database"
    settings.TASKS = {
        "default": {**settings.TASKS["default"], "BACKEND": "django_tasks_db.DatabaseBackend"}
    }


@pytest.fixture
def rendered_store(settings, tmp_path):
    """The rendered store switched on, in a directory of this test's own."""
    from kolokol.publishing import render, sweep

    settings.KOLOKOL_STORE_ENABLED = True
    settings.KOLOKOL_STORE_DIR = tmp_path / "store"
    render.store.cache_clear()
    sweep._swept.clear()
    yield render.store()
    render.store.cache_clear()


@pytest.fixture(autouse=True)
def _one_server(monkeypatch):
    """The tests' process publishes alone: it sees its own publishes at once and does
    not poll the shared clock (which would add a query to views whose queries are
    counted). Servers started by tests poll it (test_two_servers)."""
    from kolokol.core import clock

    monkeypatch.setattr(clock, "RECHECK_SECONDS", float("inf"))


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import caches

    from kolokol.core import clock, sitefacts
    from kolokol.core.memo import Memo
    from kolokol.publishing import shared

    for alias in caches:
        # The database cache in a test without database access raises
        # RuntimeError: nothing of it to clear (database tests roll back).
        with contextlib.suppress(RuntimeError):
            caches[alias].clear()
    # Each test's database starts afresh; so must what processes remember of it.
    sitefacts._current = None
    Memo.clear_all()
    clock.forget()
    shared.forget()


@pytest.fixture(scope="module")
def loaded_demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for a whole module of (non-transactional) database tests.

    Loading it takes most of half a minute, nearly all in image renditions.
    As Django's ``setUpTestData`` does, it is loaded inside a transaction
    that is rolled back after the module; each test's own transaction nests
    inside it, so every test starts from the same demo and leaves it so.
    A module with ``transaction=True`` tests must not use it.
    """
    from django.core.management import call_command
    from django.db import transaction
    from django.test import override_settings

    with django_db_blocker.unblock(), override_settings(KOLOKOL_STORE_ENABLED=False):
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_demo", verbosity=0)
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory) -> Path:
    """A SQLite database with every migration applied, made once per run.

    Tests that start `kolokol serve` on a data folder of their own copy it
    (``kolokol.testing.servers.copy_database``) instead of migrating again, half a minute each.
    """
    folder = tmp_path_factory.mktemp("migrated")
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env["KOLOKOL_DATA_DIR"] = str(folder)
    command = [sys.executable, "-m", "kolokol", "migrate", "-v", "0"]
    subprocess.run(command, env=env, check=True, cwd=REPO, timeout=300)  # noqa: S603 (our own command)
    return folder / "kolokol.sqlite3"


@pytest.fixture(scope="session")
def browser():
    require(
        Path(CHROMIUM).exists() or shutil.which("chromium") is not None,
        f"Chromium not found at {CHROMIUM} (apt-get install chromium)",
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


@pytest.fixture(scope="session")
def media_sources(tmp_path_factory) -> dict[str, Path]:
    """Generated audio and video (phone metadata in them), and damaged files; made once."""
    from kolokol.multimedia import generated

    require(shutil.which("ffmpeg") is not None, "ffmpeg is not installed (apt-get install ffmpeg)")
    folder = tmp_path_factory.mktemp("media-sources")
    tags = generated.PHONE_TAGS
    video = generated.video(folder / "IMG_0042.mov", seconds=2.5, size="640x360", tags=tags)
    broken = folder / "damaged.mp4"
    broken.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x17" * 4000)
    cut = folder / "cut-short.mov"
    cut.write_bytes(video.read_bytes()[: video.stat().st_size // 3])
    return {
        "video": video,
        "audio": generated.audio(folder / "interview.m4a", seconds=3, tags=tags),
        "broken": broken,
        "cut": cut,
    }


@pytest.fixture(scope="session")
def axe_source() -> str:
    require(AXE.exists(), f"axe-core not installed at {AXE} (npm ci)")
    return AXE.read_text()


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """In CI a skipped test is a failure: say so at the end of the run."""
    skipped = terminalreporter.stats.get("skipped", [])
    if IN_CI and skipped:
        terminalreporter.write_line(
            f"CI: {len(skipped)} test(s) skipped; that fails the run.", red=True
        )


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if IN_CI and reporter and reporter.stats.get("skipped") and session.exitstatus == 0:
        session.exitstatus = 1
