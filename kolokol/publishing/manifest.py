"""What a static mirror holds, kept in a small SQLite file beside Kolokol's data.

Each export records the content hash of every file it wrote, which page
each address was, and when it ran (``kolokol.publishing.mirror``). An
incremental export after one publish touches a few dozen files of a
hundred thousand, so it reads and writes only those rows: as JSON, the
whole record (17 MB at 100,000 articles) was read and written again every
time, which took a third of a second, a quarter of the export.

The record and the export lock live in the data folder, not in the mirror:
a mirror folder is published as it is (a static host, rsync, a bucket), and
the record names every page and when the mirror last ran.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no export lock
    fcntl = None  # type: ignore[assignment]

NAME = "manifest.sqlite3"
LOCK = "export.lock"
# Written inside the mirror folder by earlier versions; moved out (the
# SQLite file) or read into the record (the JSON files) on first use.
OLD_NAME = ".kolokol-mirror.sqlite3"
OLD_LOCK = ".kolokol-mirror.lock"
OLD_FILES = ".kolokol-mirror.json"
OLD_STATE = ".kolokol-mirror-state.json"


def records(directory: Path) -> Path:
    """The folder holding the record and lock of the mirror in ``directory``."""
    from django.conf import settings

    resolved = Path(directory).resolve()
    key = hashlib.sha256(str(resolved).encode()).hexdigest()[:16]
    folder = Path(settings.DATA_DIR) / "mirrors" / f"{resolved.name[:40]}-{key}"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


LAST = chr(0x10FFFF)


class Busy(RuntimeError):
    """Another export is writing the same mirror folder."""


@contextmanager
def exclusive(directory: Path) -> Iterator[None]:
    """Hold the mirror folder for one export; raise Busy if another holds it.

    A cron export and the worker following the same folder (or two crons
    that overlap, when the first is a long full export) would otherwise
    write its files and its record at the same time. The lock is the
    kernel's and goes with the process, so a killed export leaves none behind.
    """
    (Path(directory) / OLD_LOCK).unlink(missing_ok=True)
    fd = os.open(records(directory) / LOCK, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise Busy(f"another export is writing {directory}") from None
        yield
    finally:
        os.close(fd)  # closing releases the lock


SCHEMA = """
CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, digest TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pages (url TEXT PRIMARY KEY, page_id INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS facts (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class Manifest:
    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        path = records(self.directory) / NAME
        if (self.directory / OLD_NAME).exists() and not path.exists():
            shutil.move(self.directory / OLD_NAME, path)
        (self.directory / OLD_NAME).unlink(missing_ok=True)
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.executescript(SCHEMA)
        self._adopt_json()

    def close(self) -> None:
        self.db.close()

    # Reading ------------------------------------------------------------------

    def digest(self, path: str) -> str | None:
        row = self.db.execute("SELECT digest FROM files WHERE path = ?", (path,)).fetchone()
        return row[0] if row else None

    def files(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT path, digest FROM files"))

    def paths_under(self, prefix: str) -> list[str]:
        """Recorded files whose path starts with ``prefix`` (a folder, ``ru/news/``)."""
        # A range on the primary key instead of LIKE, whose wildcards a path
        # may hold; the bound sorts after every character (UTF-8, as SQLite compares).
        return [
            path
            for (path,) in self.db.execute(
                "SELECT path FROM files WHERE path >= ? AND path < ?", (prefix, prefix + LAST)
            )
        ]

    def pages(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT url, page_id FROM pages"))

    def facts(self) -> dict:
        return {name: json.loads(value) for name, value in self.db.execute("SELECT * FROM facts")}

    # Writing: one transaction per export -----------------------------------------

    def save(
        self,
        *,
        files: dict[str, str],
        removed: Iterable[str],
        pages: dict[str, int],
        known_pages: dict[str, int],
        facts: dict,
        replace: bool = False,
    ) -> None:
        """Record an export: ``files`` written or kept, ``removed`` deleted.

        ``replace`` (a full export) drops every file row first. Page rows
        change only where ``pages`` differs from ``known_pages``, the record
        read at the start.
        """
        with self.db:
            self.db.execute("BEGIN")
            if replace:
                self.db.execute("DELETE FROM files")
            self.db.executemany("DELETE FROM files WHERE path = ?", ((p,) for p in removed))
            self.db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?)", files.items())
            self.db.executemany(
                "DELETE FROM pages WHERE url = ?",
                ((url,) for url in known_pages if url not in pages),
            )
            self.db.executemany(
                "INSERT OR REPLACE INTO pages VALUES (?, ?)",
                ((url, pk) for url, pk in pages.items() if known_pages.get(url) != pk),
            )
            self.db.executemany(
                "INSERT OR REPLACE INTO facts VALUES (?, ?)",
                ((name, json.dumps(value)) for name, value in facts.items()),
            )

    def _adopt_json(self) -> None:
        old_files, old_state = self.directory / OLD_FILES, self.directory / OLD_STATE
        if not old_files.exists():
            return
        state = json.loads(old_state.read_text()) if old_state.exists() else {}
        pages = state.pop("pages", {})
        self.save(
            files=json.loads(old_files.read_text()),
            removed=(),
            pages=pages,
            known_pages=self.pages(),
            facts=state,
        )
        old_files.unlink()
        old_state.unlink(missing_ok=True)
