"""Static mirrors: the public site as a folder any web server can serve.

A mirror is what keeps a service reachable when its domain is blocked: the
folder goes to another domain, an object store or an onion service. Pages
are rendered exactly as readers get them from the origin, then adjusted for
a server that runs no code of ours:

- the no-JavaScript text size links become in-page anchors (the CSS sizes
  the page from ``:target``; with JavaScript the choice also persists);
- each service's search page explains that search needs the main site;
- comments are shown, but the forms to comment and like give way to the
  main site's address (``kolokol.comments.mirror``);
- with ``--base-url`` under a path (``https://host/kolokol/``) site-relative
  links get that path in front.

A manifest of content hashes (``.kolokol-mirror.json``) records what each
export wrote: the next export deletes what was unpublished since, and with
``--incremental`` leaves files whose content did not change untouched.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone, translation

from kolokol.comments import mirror as comments_mirror
from kolokol.publishing import services

MANIFEST = ".kolokol-mirror.json"
# Only what the page loads or links as a file: attribute values, not text.
ASSET_ATTR_RE = re.compile(rb'(?:href|src)="(/(?:static|media)/[^"?#]+)"')
SRCSET_VALUE_RE = re.compile(rb'srcset="([^"]+)"')
TEXT_SIZE_RE = re.compile(rb'href="/text-size/\?size=(xs|sm|md|lg)[^"]*"')
ROOT_RELATIVE_RE = re.compile(rb'((?:href|src|action)=")/(?!/)')
SRCSET_RE = re.compile(rb'(srcset=")([^"]*)"')


@dataclass
class Report:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    deleted: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def rewrite(body: bytes, base_path: str) -> bytes:
    """Adjust a rendered page for a plain static server (see the module docstring)."""
    body = TEXT_SIZE_RE.sub(rb'href="#ts-\1"', body)
    body = comments_mirror.adapt(body)
    if base_path:
        prefix = base_path.rstrip("/").encode()
        body = ROOT_RELATIVE_RE.sub(rb"\1" + prefix + b"/", body)
        body = SRCSET_RE.sub(
            lambda m: m.group(1) + re.sub(rb"(^|, )/", rb"\1" + prefix + b"/", m.group(2)) + b'"',
            body,
        )
    return body


def assets_in(body: bytes) -> set[str]:
    found = {m.decode() for m in ASSET_ATTR_RE.findall(body)}
    for value in SRCSET_VALUE_RE.findall(body):
        for candidate in value.decode().split(","):
            url = candidate.strip().split(" ")[0]
            if url.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
                found.add(url)
    return {unquote(url) for url in found}


def _safe(relative: str) -> bool:
    return bool(relative) and all(part not in {"", ".", ".."} for part in relative.split("/"))


def _inside(root: Path, relative: str) -> Path | None:
    """``root/relative`` if that is a file inside ``root``; never a way out of it."""
    if not _safe(relative):
        return None
    path = (root / relative).resolve()
    return path if path.is_relative_to(root.resolve()) and path.is_file() else None


def asset_source(url_path: str) -> Path | None:
    """The file behind a /static/ or /media/ address, only from those folders."""
    if url_path.startswith(settings.MEDIA_URL):
        return _inside(Path(settings.MEDIA_ROOT), url_path[len(settings.MEDIA_URL) :])
    if not url_path.startswith(settings.STATIC_URL):
        return None
    name = url_path[len(settings.STATIC_URL) :]
    if not _safe(name):
        return None
    found = _inside(Path(settings.STATIC_ROOT), name) or finders.find(name)
    return Path(found) if found else None


def search_placeholder(service) -> bytes:
    """The page a mirror shows at a service's search address."""
    request = services.internal_request(service.url + "search/")
    with translation.override(service.language), timezone.override(service.time_zone):
        context = {
            "service": service,
            "main_site": settings.KOLOKOL_BASE_URL + service.url,
            **service.chrome_context(),
        }
        return render_to_string("publishing/mirror_search.html", context, request).encode()


class Mirror:
    def __init__(self, directory: Path, base_url: str = "", incremental: bool = False) -> None:
        self.incremental = incremental
        self.directory = Path(directory)
        self.base_path = urlsplit(base_url).path.rstrip("/") if base_url else ""
        self.manifest_path = self.directory / MANIFEST
        self.old: dict[str, str] = {}
        self.new: dict[str, str] = {}
        self.report = Report()

    def load_manifest(self) -> None:
        if self.manifest_path.exists():
            self.old = json.loads(self.manifest_path.read_text())

    def write(self, relative: str, data: bytes) -> None:
        digest = hashlib.sha256(data).hexdigest()
        self.new[relative] = digest
        target = self.directory / relative
        if self.incremental and self.old.get(relative) == digest and target.exists():
            self.report.unchanged += 1
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".tmp-{target.name}")
        temporary.write_bytes(data)
        temporary.replace(target)
        self.report.written.append(relative)

    def finish(self, keep: Callable[[str], bool] = lambda _path: False) -> Report:
        """Delete what the last export had and this one did not; save the manifest."""
        for relative in sorted(set(self.old) - set(self.new)):
            if keep(relative):
                self.new[relative] = self.old[relative]
                continue
            (self.directory / relative).unlink(missing_ok=True)
            self.report.deleted.append(relative)
        self.manifest_path.write_text(json.dumps(self.new, indent=0, sort_keys=True))
        return self.report


def page_file(url_path: str) -> str:
    path = unquote(url_path).strip("/")
    return f"{path}/index.html" if path else "index.html"


def export(
    directory: Path,
    urls: list[str],
    service_homes: Iterable,
    *,
    base_url: str = "",
    incremental: bool = False,
    progress: Callable[[list[str]], Iterable[str]] = iter,
    keep: Callable[[str], bool] = lambda _path: False,
) -> Report:
    mirror = Mirror(directory, base_url, incremental)
    directory.mkdir(parents=True, exist_ok=True)
    mirror.load_manifest()
    assets: set[str] = set()
    for url in progress(urls):
        status, body, _storable = services.render(url)
        if status != 200:
            mirror.report.failed.append(f"{url} ({status})")
            continue
        assets |= assets_in(body)
        mirror.write(page_file(url), rewrite(body, mirror.base_path))
    for home in service_homes:
        mirror.write(
            page_file(home.url + "search/"), rewrite(search_placeholder(home), mirror.base_path)
        )
    for asset in sorted(assets):
        source = asset_source(asset)
        if source is None:
            mirror.report.failed.append(f"{asset} (missing)")
            continue
        mirror.write(asset.lstrip("/"), source.read_bytes())
    return mirror.finish(keep)
