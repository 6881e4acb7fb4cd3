"""Backups an operator can restore on an empty machine: database, media, secret, settings.

A backup is a folder:

    manifest.json        what is inside, counts to check a restore by, checksums
    database.sqlite3     SQLite's online backup (consistent while the site runs)
      or database.pgdump PostgreSQL's pg_dump, custom format
    media/               uploaded originals, renditions and documents
    secret_key           the generated demo key, when there is one
    settings.txt         the KOLOKOL_* settings in force (addresses without passwords)

The database goes first: a file uploaded while the media are copied is at
worst one the database does not know yet, never the other way round. The
rendered store is not backed up: it is made again from the database.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

from kolokol.config import redact_url

FORMAT = 1
MANIFEST = "manifest.json"


class BackupError(RuntimeError):
    """A backup that cannot be written or restored, with the reason in one line."""


def counts() -> dict[str, int]:
    """What a restore must find again."""
    from wagtail.documents.models import Document
    from wagtail.models import Page

    from kolokol.articles.models import ArticlePage
    from kolokol.comments.models import Comment
    from kolokol.media.models import NewsImage

    return {
        "pages": Page.objects.count(),
        "articles": ArticlePage.objects.count(),
        "images": NewsImage.objects.count(),
        "documents": Document.objects.count(),
        "comments": Comment.objects.count(),
    }


def _pg_env() -> dict[str, str]:
    db = settings.DATABASES["default"]
    env = {**os.environ, "PGPASSWORD": str(db.get("PASSWORD") or "")}
    env.update(
        PGHOST=str(db.get("HOST") or ""),
        PGPORT=str(db.get("PORT") or "5432"),
        PGUSER=str(db.get("USER") or ""),
        PGDATABASE=str(db["NAME"]),
    )
    return env


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603 (our own pg_dump/pg_restore arguments)
    except FileNotFoundError:
        raise BackupError(
            f"{command[0]} is not installed (apt-get install postgresql-client)"
        ) from None
    if result.returncode != 0:
        first = (result.stderr.strip().splitlines() or ["failed"])[0]
        raise BackupError(f"{command[0]}: {first}")


def _dump_database(target: Path) -> str:
    if connection.vendor == "sqlite":
        name = target / "database.sqlite3"
        source = sqlite3.connect(str(settings.DATABASES["default"]["NAME"]))
        copy = sqlite3.connect(str(name))
        try:
            source.backup(copy)  # a consistent copy, readers and writers carry on
        finally:
            copy.close()
            source.close()
        return name.name
    if connection.vendor == "postgresql":
        name = target / "database.pgdump"
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(name)],
            _pg_env(),
        )
        return name.name
    raise BackupError(f"no backup for the {connection.vendor} database")


def _files(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file()) if root.is_dir() else []


def _digest(path: Path) -> str:
    hasher = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            hasher.update(block)
    return hasher.hexdigest()


def _settings_text() -> str:
    lines = []
    for name in sorted(os.environ):
        if name.startswith("KOLOKOL_") or name in {"ALLOWED_HOSTS", "TIME_ZONE"}:
            lines.append(f"{name}={redact_url(os.environ[name])}")
    lines.append(f"DATABASE={connection.vendor}")
    return "\n".join(lines) + "\n"


Progress = Callable[[Iterable, int, str], Iterable]


def backup(directory: Path, progress: Progress = lambda items, _total, _label: items) -> Path:
    """Write a backup into a new folder under ``directory``; returns the folder."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = Path(directory) / f"kolokol-backup-{stamp}"
    partial = target.with_name(target.name + ".partial")
    if target.exists() or partial.exists():
        raise BackupError(f"{target} exists already")
    partial.mkdir(parents=True, mode=0o700)
    try:
        found = counts()
        database = _dump_database(partial)
        media_root = Path(settings.MEDIA_ROOT)
        files = _files(media_root)
        listed: dict[str, dict[str, Any]] = {}
        for source in progress(files, len(files), "media"):
            relative = source.relative_to(media_root).as_posix()
            copy = partial / "media" / relative
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy)
            listed[f"media/{relative}"] = {"size": copy.stat().st_size, "sha256": _digest(copy)}
        key = Path(settings.DATA_DIR) / "secret_key"
        if key.exists():
            shutil.copy2(key, partial / "secret_key")
            os.chmod(partial / "secret_key", 0o600)
        (partial / "settings.txt").write_text(_settings_text())
        listed[database] = {
            "size": (partial / database).stat().st_size,
            "sha256": _digest(partial / database),
        }
        manifest = {
            "format": FORMAT,
            "created_at": datetime.now(UTC).isoformat(),
            "database": {"vendor": connection.vendor, "file": database},
            "counts": found,
            "files": listed,
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
        partial.rename(target)  # a backup folder without .partial is whole
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return target


def read_manifest(folder: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((Path(folder) / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{folder} is not a Kolokol backup: {error}") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{folder}: backup format {manifest.get('format')!r} is not {FORMAT}")
    return manifest


def verify(folder: Path, manifest: dict[str, Any], progress: Progress) -> None:
    """Every listed file is there with its checksum, before anything is overwritten."""
    items = list(manifest["files"].items())
    for relative, expected in progress(items, len(items), "checking"):
        path = Path(folder) / relative
        if not path.is_file() or _digest(path) != expected["sha256"]:
            raise BackupError(f"{folder}: {relative} is missing or damaged")


def site_is_empty() -> bool:
    """No service yet: a bare portal (``kolokol setup --no-demo``) holds nothing to lose."""
    from kolokol.services.models import ServiceHomePage

    try:
        return not ServiceHomePage.objects.exists()
    except Exception:  # noqa: BLE001 (no tables yet: a database never migrated is empty)
        return True


def restore(
    folder: Path, progress: Progress = lambda items, _total, _label: items
) -> dict[str, int]:
    """Bring a backup back into this (empty) installation; returns what it now holds."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    verify(folder, manifest, progress)
    vendor, database = manifest["database"]["vendor"], folder / manifest["database"]["file"]
    if vendor != connection.vendor:
        raise BackupError(
            f"the backup is of a {vendor} database, this site uses {connection.vendor}"
        )
    if not site_is_empty():
        raise BackupError("this site has content already: restore into an empty installation")
    if vendor == "sqlite":
        connection.close()
        name = Path(settings.DATABASES["default"]["NAME"])
        source, copy = sqlite3.connect(str(database)), sqlite3.connect(str(name))
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
    else:
        connection.close()
        _run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
             "--dbname", str(settings.DATABASES["default"]["NAME"]), str(database)],
            _pg_env(),
        )  # fmt: skip
    media_root = Path(settings.MEDIA_ROOT)
    files = [name for name in manifest["files"] if name.startswith("media/")]
    for relative in progress(files, len(files), "media"):
        target = media_root / relative.removeprefix("media/")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(folder / relative, target)
    key, own_key = folder / "secret_key", Path(settings.DATA_DIR) / "secret_key"
    if key.exists() and not os.environ.get("SECRET_KEY"):
        shutil.copy2(key, own_key)
        os.chmod(own_key, 0o600)
    return counts()
