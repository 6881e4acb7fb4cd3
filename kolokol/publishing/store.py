"""The rendered store: public responses as files, keyed by URL path.

``/ru/gorod/bridge/`` is kept as ``<root>/ru/gorod/bridge/index.html`` with
``index.html.gz`` and ``index.html.br`` beside it, compressed once when the
page is rendered. Every file is written whole under ``<root>/.staging`` and
renamed into place, so a reader gets the old bytes or the new ones, never
half a file, and a publish removing the page's folder meanwhile can only
catch the rename, which is then tried again. The layout is what nginx
(deploy/nginx) and a static mirror expect, so the same folder can be served
by anything.
"""

from __future__ import annotations

import contextlib
import gzip
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

import brotli

INDEX = "index.html"
ENCODINGS = (("br", ".br"), ("gzip", ".gz"))
# Brotli 10 saves readers on slow links a tenth of a page over 9; 11 makes
# pages no smaller (demo home 6,461 bytes at 11, 6,481 at 10; an article
# 5,099 and 5,094) but takes three times as long (85 ms against 27 for the
# home), which every publish waits for. Feeds and sitemaps, re-rendered by
# every publish and read by machines, stay at 9.
BROTLI_QUALITY = {".html": 10}
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",  # sitemaps
    ".txt": "text/plain; charset=utf-8",  # robots.txt
    # Feeds (kolokol.feeds): the types nginx's mime.types gives these suffixes.
    ".rss": "application/rss+xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".json": "application/feed+json; charset=utf-8",
}


# Where files are written before they are renamed into the page tree; a
# dotfile folder, so purges of the whole store (delete_tree("/")) keep it.
STAGING = ".staging"
# Dated in every folder a purge empties (a dotfile, so it outlives the
# purge): a render that began before it must not put its page back.
PURGED = ".purged"
# Renames into a folder that other publishes keep removing; each try is a
# few microseconds, so only a purge loop could exhaust them.
ATTEMPTS = 20


class UnsafePath(ValueError):
    """A URL path that cannot name a file inside the store."""


@dataclass(frozen=True)
class StoredFile:
    path: Path
    encoding: str | None
    content_type: str
    size: int
    mtime: float

    @property
    def etag(self) -> str:
        return etag(self.mtime, self.size)


def etag(mtime: float, size: int) -> str:
    # Like nginx's mtime-size, but to the microsecond: two renders in one
    # second with the same length must not share a validator.
    return f'"{int(mtime * 1_000_000):x}-{size:x}"'


NAME_MAX = 255 - len(".gone")


@lru_cache(maxsize=8192)
def _file_for(root: Path, url_path: str) -> Path:
    # Cached: the store front asks for the same few thousand paths all day.
    url_path = unquote(url_path)
    if not url_path.startswith("/") or "\x00" in url_path or "\\" in url_path:
        raise UnsafePath(url_path)
    parts = [p for p in url_path.split("/") if p]
    if any(p in {".", ".."} or p.startswith(".") for p in parts):
        raise UnsafePath(url_path)
    # No file system holds a name longer than 255 bytes (with room for the
    # ".gone" marker): such an address was never stored, and asking the disk
    # would fail (ENAMETOOLONG) instead of answering "not here".
    if any(len(p.encode()) > NAME_MAX for p in parts):
        raise UnsafePath(url_path)
    if url_path.endswith("/"):
        parts.append(INDEX)
    if not parts:
        parts = [INDEX]
    return root.joinpath(*parts)


class DiskStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def file_for(self, url_path: str) -> Path:
        """The file that holds ``url_path``; raises UnsafePath for anything odd.

        Percent-encoded and plain spellings of a path (``/ru/topics/%D0%BC…/``
        and ``/ru/topics/мосты/``) name the same file.
        """
        return _file_for(self.root, url_path)

    def superseded(self, target: Path, since: float) -> bool:
        """Whether ``target`` was stored, removed or purged after ``since``."""
        markers = [target, target.with_name(target.name + ".gone")]
        folder = target.parent
        while True:
            markers.append(folder / PURGED)
            if folder == self.root or self.root not in folder.parents:
                break
            folder = folder.parent
        for marker in markers:
            try:
                if marker.stat().st_mtime > since:
                    return True
            except (FileNotFoundError, NotADirectoryError):
                pass
        return False

    def put(
        self, url_path: str, body: bytes, *, mtime: float | None = None, if_newer: bool = False
    ) -> Path | None:
        """Store ``body`` (and its compressed variants) for ``url_path`` atomically.

        ``mtime`` dates the files before they are renamed into place, so no
        reader or concurrent publish ever sees them with another date. With
        ``if_newer``, nothing is stored (None) when the page was stored,
        removed or purged after ``mtime``: checked after compressing, which
        takes long enough for a publish to happen meanwhile, and before each
        rename attempt.
        """
        target = self.file_for(url_path)
        quality = BROTLI_QUALITY.get(target.suffix, 9)
        variants = [
            # Compressed variants first: a reader who gets the new page with an
            # old variant still gets a complete, valid page.
            (target.with_name(target.name + ".br"), brotli.compress(body, quality=quality)),
            (target.with_name(target.name + ".gz"), gzip.compress(body, 9, mtime=0)),
            (target, body),
        ]
        staging = self.root / STAGING
        staging.mkdir(parents=True, exist_ok=True)
        staged: list[tuple[Path, Path]] = []
        try:
            for path, data in variants:
                staged.append((_stage(staging, data, mtime), path))
            for attempt in range(ATTEMPTS):
                if if_newer and mtime is not None and self.superseded(target, mtime):
                    return None
                try:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    while staged:
                        os.replace(*staged[0])
                        staged.pop(0)
                    break
                except (FileNotFoundError, FileExistsError):
                    # Another thread or process removed the folder meanwhile
                    # (``delete_tree`` of a listing this page is under; mkdir
                    # says "exists" when it goes between its two steps): again.
                    if attempt == ATTEMPTS - 1:
                        raise
        finally:
            for temporary, _path in staged:
                temporary.unlink(missing_ok=True)
        target.with_name(target.name + ".gone").unlink(missing_ok=True)
        return target

    def files(self, url_path: str) -> tuple[str, tuple[tuple[str | None, str], ...]] | None:
        """The page's content type and its files as (encoding, file name), best first.

        The compressed variants come first and the plain file last (encoding
        None); None for an address that cannot be stored. What the store
        front asks before its one ``stat``.
        """
        try:
            target, content_type, variants = _lookup(self.root, url_path)
        except UnsafePath:
            return None
        if content_type is None:
            return None
        names = tuple((encoding, os.fspath(variant)) for encoding, variant in variants)
        return content_type, (*names, (None, os.fspath(target)))

    def get(self, url_path: str, accept_encoding: str = "") -> StoredFile | None:
        found = self.files(url_path)
        if found is None:
            return None
        content_type, files = found
        accepted = accepted_encodings(accept_encoding)
        for encoding, name in files:
            if encoding is None or encoding in accepted:
                stored = _stat(Path(name), encoding, content_type)
                if stored:
                    return stored
        return None

    def delete(self, url_path: str, *, seen_gone_at: float | None = None) -> bool:
        """Remove a page, leaving a dated ``.gone`` marker (see store_response).

        ``seen_gone_at``: when the render that found the page gone began
        (default now). Renders begun before that may not store it again;
        one begun after it saw the page gone too, or saw it back, and a page
        such a render already stored stays (False: nothing removed).
        """
        target = self.file_for(url_path)
        if seen_gone_at is not None and self.superseded(target, seen_gone_at):
            return False
        if target.parent.is_dir():
            _date(target.with_name(target.name + ".gone"), seen_gone_at)
        for suffix in ("", ".br", ".gz"):
            target.with_name(target.name + suffix).unlink(missing_ok=True)
        return True

    def discard(self, target: Path) -> None:
        """Remove a page file found in the store, and its variants, leaving no marker."""
        for suffix in ("", ".br", ".gz"):
            target.with_name(target.name + suffix).unlink(missing_ok=True)

    def delete_tree(self, url_path: str, *, before: float | None = None) -> None:
        """Remove every page stored at and under ``url_path`` (a directory URL).

        ``before``: only what was stored before that moment (another server's
        publish, applied here later: pages this server rendered since stay).
        Dotfiles directly inside it (the store's own bookkeeping) stay.
        """
        directory = self.file_for(url_path).parent
        if not directory.is_dir():
            return
        if before is None:
            _date(directory / PURGED)  # first: a render finishing meanwhile sees it
            for child in directory.iterdir():
                if not child.name.startswith("."):
                    _remove(child)
            return
        marker = directory / PURGED
        with contextlib.suppress(FileNotFoundError):
            if marker.stat().st_mtime >= before:
                return  # purged here since: what is left is newer
        _date(marker, before)
        self.discard_older(directory, before)

    def discard_older(self, directory: Path, before: float, *, pages_only: bool = False) -> int:
        """Remove what is stored under ``directory`` from before ``before``; how many files.

        ``pages_only``: readers' pages alone, not feeds and sitemaps.
        """
        count = 0
        # os.walk, not rglob: a folder another publish removes meanwhile is skipped.
        for folder, subfolders, names in os.walk(directory):
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            for name in names:
                if pages_only and name != INDEX:
                    continue
                if name.startswith(".") or name.endswith((".br", ".gz", ".gone")):
                    continue
                stored = Path(folder) / name
                try:
                    stale = stored.stat().st_mtime < before
                except FileNotFoundError:
                    continue
                if stale:
                    self.discard(stored)
                    count += 1
        return count

    def urls(self) -> list[str]:
        """Every URL path with a stored page."""
        found = []
        for path in self.root.rglob(INDEX):
            relative = path.parent.relative_to(self.root).as_posix()
            found.append("/" if relative == "." else f"/{relative}/")
        return sorted(found)


@lru_cache(maxsize=8192)
def _lookup(root: Path, url_path: str) -> tuple[Path, str | None, tuple[tuple[str, Path], ...]]:
    """The file, its content type and its compressed variants (the store front asks per hit)."""
    target = _file_for(root, url_path)
    variants = tuple(
        (encoding, target.with_name(target.name + suffix)) for encoding, suffix in ENCODINGS
    )
    return target, CONTENT_TYPES.get(target.suffix), variants


@lru_cache(maxsize=64)
def accepted_encodings(accept_encoding: str) -> frozenset[str]:
    return frozenset(token.split(";")[0].strip() for token in accept_encoding.lower().split(","))


def _stat(path: Path, encoding: str | None, content_type: str) -> StoredFile | None:
    try:
        info = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return None
    return StoredFile(path, encoding, content_type, info.st_size, info.st_mtime)


def _write_atomic(target: Path, data: bytes) -> None:
    os.replace(_stage(target.parent, data), target)


def _stage(folder: Path, data: bytes, mtime: float | None = None) -> Path:
    """``data`` written whole to a new file in ``folder``, readable by the web server."""
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temporary, 0o644)
        if mtime is not None:
            os.utime(temporary, (mtime, mtime))
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


def _date(marker: Path, moment: float | None = None) -> None:
    """Create or touch ``marker``, dated ``moment`` (default now) by the clock renders use.

    The file system's own clock is coarse (a tick behind): a render begun
    just before a removal could otherwise look newer than the removal.
    """
    marker.touch()
    moment = time.time() if moment is None else moment
    os.utime(marker, (moment, moment))


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
