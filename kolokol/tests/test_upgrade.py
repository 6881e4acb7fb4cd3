"""The README's upgrade procedure, followed from the previous release's database.

kolokol/tests/data/README.md says which release made the database and how
to make it again.
"""

import html
import lzma
import os
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from io import BytesIO
from pathlib import Path
from urllib.parse import quote

from PIL import Image

from kolokol.publishing.store import DiskStore
from kolokol.testing.servers import serve, stop

REPO = Path(__file__).resolve().parents[2]
PREVIOUS = Path(__file__).with_name("data") / "demo-fb92f10.sqlite3.xz"
# What no render of this release makes: a page stored by the one before.
OLD_COPY = b"<!doctype html><title>stored by the previous release</title>"


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (loopback)
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def held(store: DiskStore, url: str) -> bytes | None:
    try:
        return store.file_for(url).read_bytes()
    except FileNotFoundError:
        return None


def contents(database: Path) -> dict[str, set]:
    """What an upgrade must keep, read straight from the database file."""
    with sqlite3.connect(database) as db:
        return {
            "articles": set(
                db.execute(
                    "SELECT p.id, p.title, p.url_path, p.live FROM articles_articlepage a "
                    "JOIN wagtailcore_page p ON p.id = a.page_ptr_id"
                )
            ),
            "images": set(db.execute("SELECT id, title, file FROM media_newsimage")),
            "renditions": set(db.execute("SELECT id, image_id, file FROM media_newsrendition")),
            "comments": set(
                db.execute("SELECT id, article_id, name, body, state FROM comments_comment")
            ),
            "pages": set(db.execute("SELECT id, url_path, live FROM wagtailcore_page")),
        }


def kolokol(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(  # noqa: S603 (our own command)
        [sys.executable, "-m", "kolokol", *args],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, f"kolokol {' '.join(args)}: {done.stderr[-2000:]}"
    return done.stdout


def test_the_upgrade_procedure_keeps_the_content_and_the_store(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    database = data / "kolokol.sqlite3"
    database.write_bytes(lzma.decompress(PREVIOUS.read_bytes()))
    database.chmod(0o600)
    before = contents(database)
    # Its media folder (not kept here: 16 MB): a small picture in every file
    # the database names, originals and renditions, for feeds to measure.
    picture = BytesIO()
    Image.new("RGB", (8, 8), "teal").save(picture, "JPEG")
    for rows in (before["images"], before["renditions"]):
        for *_, name in rows:
            (data / "media" / name).parent.mkdir(parents=True, exist_ok=True)
            (data / "media" / name).write_bytes(picture.getvalue())
    assert len(before["articles"]) >= 40 and before["images"] and before["comments"]
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    # As in production: background work waits in the database for a worker.
    env |= {"KOLOKOL_DATA_DIR": str(data), "KOLOKOL_TASKS": "database"}

    # The previous release's store: readers' pages, a feed, robots.txt.
    live = sorted(
        (url_path, title) for _, title, url_path, is_live in before["articles"] if is_live
    )
    articles = [(url_path.removeprefix("/kolokol"), title) for url_path, title in live[::8]]
    stored = [url for url, _ in articles] + ["/ru/", "/en/", "/ru/feed.rss", "/robots.txt"]
    store = DiskStore(data / "store")
    for url in stored:
        store.put(url, OLD_COPY, mtime=time.time() - 3600)

    # README, "Upgrading": a backup first, then setup (which migrates).
    kolokol(env, "backup", str(tmp_path / "backups"), "-v", "0")
    assert any((tmp_path / "backups").glob("kolokol-backup-*/manifest.json"))
    kolokol(env, "setup", "--no-demo")

    # Nothing lost; and nothing emptied: readers get the old copies meanwhile.
    after = contents(database)
    for what, rows in before.items():
        assert rows <= after[what], f"{what} lost: {sorted(rows - after[what])[:5]}"
    for url in stored:
        assert store.file_for(url).read_bytes() == OLD_COPY, url

    # Web and worker start again: pages answer, and the worker renders each
    # stored page afresh over its old copy.
    server, base = serve(env, cwd=REPO)
    try:
        for url, _title in articles:
            assert get(base + quote(url))[0] == 200, url
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            # (The worker's sweep may take an old copy away first, as stale.)
            old = [url for url in stored if held(store, url) in (OLD_COPY, None)]
            if not old:
                break
            time.sleep(0.5)
        assert not old, f"not rendered again: {old}"
        for url, title in articles:
            status, body = get(base + quote(url))
            assert status == 200 and title in html.unescape(body), url
        assert "<rss" in store.file_for("/ru/feed.rss").read_text()

        # Setup again (migrations with nothing left to do) keeps the store as
        # well, while the site runs.
        pages = store.urls()
        kolokol(env, "setup", "--no-demo", "-v", "0")
        assert set(pages) <= set(store.urls())
        assert all(store.file_for(url).exists() for url in stored)
    finally:
        stop(server)
    final = contents(database)
    for what, rows in after.items():
        assert rows <= final[what], what
