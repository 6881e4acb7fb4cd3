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
  links get that path in front;
- canonical links, OpenGraph, JSON-LD, robots.txt and the sitemaps name the
  mirror's own address (``--base-url``), never the origin's, which may be the
  blocked one; without ``--base-url`` the mirror has no known address, so
  pages carry no such tags and there are no sitemaps (see kolokol.seo.absolute);
- share links carry the mirror's address, or are left out without one
  (only "copy link" stays); feeds without ``--base-url`` link relative to
  their own address, never to the origin;
- a mirror of one service links only to the services the folder holds
  (``kolokol.core.mirroring``), and its root is a portal listing them, with
  robots.txt and the sitemap index;
- with ``--relative-links`` every address is relative to the page's own
  folder, folder links ending in ``index.html``: the mirror works from
  ``file://`` (a USB stick) as well as from any server.

A manifest of content hashes (``kolokol.publishing.manifest``) records what each
export wrote: the next export deletes what was unpublished since, and with
``--incremental`` leaves files whose content did not change untouched.
"""

from __future__ import annotations

import functools
import hashlib
import multiprocessing
import re
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from asgiref.local import Local
from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import connection, connections
from django.template.loader import render_to_string
from django.utils import timezone, translation

from kolokol.comments import mirror as comments_mirror
from kolokol.core import mirroring
from kolokol.core.links import prefix_links, relative_address, relative_links
from kolokol.publishing import affected, manifest, render
from kolokol.publishing.addresses import live_pages, public_urls
from kolokol.publishing.manifest import Manifest

# Only what the page loads or links as a file: attribute values, not text.
ASSET_ATTR_RE = re.compile(rb'(?:href|src|poster)="(/(?:static|media)/[^"?#]+)"')
SRCSET_VALUE_RE = re.compile(rb'srcset="([^"]+)"')
TEXT_SIZE_RE = re.compile(rb'href="/text-size/\?size=(xs|sm|md|lg)[^"]*"')


@dataclass
class Report:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    deleted: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def rewrite(body: bytes, base_path: str, relative_to: str = "") -> bytes:
    """Adjust a rendered page for a plain static server (see the module docstring).

    ``relative_to``: the page's own address, to make every link relative to it.
    """
    body = TEXT_SIZE_RE.sub(rb'href="#ts-\1"', body)
    body = comments_mirror.adapt(body)
    if relative_to:
        return relative_links(body, relative_to)
    if base_path:
        body = prefix_links(body, base_path)
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
    request = render.internal_request(service.url + "search/")
    with translation.override(service.language), timezone.override(service.time_zone):
        context = {
            "service": service,
            "main_site": settings.KOLOKOL_BASE_URL + service.url,
            **service.chrome_context(),
        }
        return render_to_string("publishing/mirror_search.html", context, request).encode()


class Mirror:
    def __init__(
        self,
        directory: Path,
        base_url: str = "",
        incremental: bool = False,
        relative: bool = False,
    ) -> None:
        self.incremental = incremental
        self.relative = relative
        self.directory = Path(directory)
        self.base_path = urlsplit(base_url).path.rstrip("/") if base_url else ""
        self._manifest: Manifest | None = None
        self.new: dict[str, str] = {}  # file → content hash, written or confirmed now
        self.removed: set[str] = set()  # files an incremental export took away
        self.known_pages: dict[str, int] = {}
        self.state: dict = {}
        self.report = Report()

    @property
    def manifest(self) -> Manifest:
        """What the export before this one wrote (``load_manifest`` opens it)."""
        if self._manifest is None:
            raise RuntimeError("the mirror's manifest is not loaded yet")
        return self._manifest

    def load_manifest(self) -> None:
        self._manifest = Manifest(self.directory)
        self.state = self.manifest.facts()
        self.known_pages = self.manifest.pages()

    def write(self, relative: str, data: bytes) -> None:
        digest = hashlib.sha256(data).hexdigest()
        self.new[relative] = digest
        self.removed.discard(relative)
        target = self.directory / relative
        if self.incremental and self.manifest.digest(relative) == digest and target.exists():
            self.report.unchanged += 1
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".tmp-{target.name}")
        temporary.write_bytes(data)
        temporary.replace(target)
        self.report.written.append(relative)

    def remove(self, relative: str) -> None:
        """Take a file away in an incremental export (deleted by ``finish``)."""
        self.new.pop(relative, None)
        self.removed.add(relative)

    def has(self, relative: str) -> bool:
        return relative in self.new or (
            relative not in self.removed and self.manifest.digest(relative) is not None
        )

    def finish(
        self,
        pages: dict[str, int],
        keep: Callable[[str], bool] = lambda _path: False,
        *,
        complete: bool = True,
    ) -> Report:
        """Delete what is gone and record the export, with the live ``pages`` it saw.

        ``complete``: this export wrote the whole mirror, so whatever the last
        one had and this one did not is gone (unless ``keep`` says it is not
        ours: another service's files in a shared folder).
        """
        kept: dict[str, str] = {}
        if complete:
            for relative, digest in self.manifest.files().items():
                if relative in self.new:
                    continue
                if keep(relative):
                    kept[relative] = digest
                else:
                    self.removed.add(relative)
        for relative in sorted(self.removed):
            (self.directory / relative).unlink(missing_ok=True)
            self.report.deleted.append(relative)
        self.manifest.save(
            files={**kept, **self.new},
            removed=self.removed,
            pages=pages,
            known_pages=self.known_pages,
            facts=self.state,
            replace=complete,
        )
        self.manifest.close()
        return self.report


def page_file(url_path: str) -> str:
    path = unquote(url_path).strip("/")
    if path and not url_path.endswith("/"):
        return path  # a file: /sitemap.xml, /robots.txt, a feed (``ru/feed.rss``)
    return f"{path}/index.html" if path else "index.html"


def rewrite_feed(
    body: bytes, base_url: str, url: str = "", *, relative: bool = False
) -> tuple[bytes, set[str]]:
    """A feed for the mirror at ``url``, and the /media/ and /static/ files it names.

    Feeds are rendered with the main site's absolute addresses. Given the
    mirror's own address (``--base-url``), the feed points readers at the
    mirror. Without it no absolute address is known to be right, and the
    main site's may be the blocked one: links become relative to the feed's
    own address, which feed readers resolve against where they fetched it
    (Atom and RSS readers alike; RFC 4287 allows IRI references).
    ``relative``: folder links end in ``index.html`` (a mirror read from files).
    """
    origin = settings.KOLOKOL_BASE_URL.encode()
    found = re.findall(re.escape(origin) + rb"(/(?:static|media)/[^\s\\\"'<>&?#]+)", body)
    if base_url:
        body = body.replace(origin + b"/", base_url.rstrip("/").encode() + b"/")
    elif url:
        body = re.sub(
            re.escape(origin) + rb"(/[^\s\\\"'<>&]*)",
            lambda m: relative_address(m.group(1).decode(), url, index=relative).encode(),
            body,
        )
    return body, {unquote(url.decode()) for url in found}


# Rendering, in parallel ---------------------------------------------------------


def _render_one(
    url: str, base_url: str = "", services: frozenset[str] | None = None
) -> tuple[str, int, bytes]:
    from kolokol.seo.absolute import served_at

    # Canonical and sharing addresses name the mirror, or nothing (seo.absolute,
    # core.mirroring), and only the services the mirror holds are linked.
    with served_at(base_url), mirroring.exporting(base_url, services):
        status, body, _storable = render.render(url)
        if status >= 500:
            # Two processes making the same image rendition at once: one loses
            # the race and succeeds on the second try.
            status, body, _storable = render.render(url)
    return url, status, body


# Fewer pages than this render in this process: children would each start
# with cold caches (listing orders, pictures) and cost more than they save.
SERIAL_BELOW = 200


def rendered(
    urls: list[str], jobs: int, base_url: str = "", services: frozenset[str] | None = None
) -> Iterator[tuple[str, int, bytes]]:
    """(url, status, body) for each URL, from ``jobs`` processes (in any order).

    ``services``: the reader addresses of the service homes the mirror holds
    (None: all of them).
    """
    render = functools.partial(_render_one, base_url=base_url, services=services)
    if jobs <= 1 or len(urls) < SERIAL_BELOW or connection.in_atomic_block:
        # Other processes cannot see a transaction that is still open.
        yield from map(render, urls)
        return
    # Each child opens its own database connection; none may inherit ours.
    connections.close_all()
    pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_start_child)
    try:
        yield from pool.imap_unordered(render, urls, chunksize=8)
        pool.close()  # every page is done: let the children finish and leave
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()


# Database connections a child inherited; kept so they are never finalized.
_inherited: list[object] = []


def _start_child() -> None:
    """Make a forked rendering child independent of its parent.

    Signals: a parent that ran ``kolokol worker`` in-process (tests) has a
    SIGTERM handler that only asks the loop to stop; a child inheriting it
    would outlive the pool's terminate() and hang the export.

    Connections: close_all() in the parent closes only the connections of
    its current context. Django keeps connections per thread, or per
    context while an event loop runs in the thread (Playwright's, in the
    browser tests), so the parent may still hold an open one that the
    children would find and share: two processes on one PostgreSQL socket
    read each other's answers and hang. Every child starts with no
    connection at all, and the inherited ones are kept, not closed, since
    closing would end the parent's session too.
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    # Django's own attributes (no public way to drop inherited connections).
    _inherited.append(connections._connections)  # type: ignore[attr-defined]
    connections._connections = Local(connections.thread_critical)  # type: ignore[attr-defined]


# What changed since the last export -------------------------------------------------


def banners() -> dict[str, list[str]]:
    """The breaking-news banner each service shows now (headline and link)."""
    from kolokol.breaking.models import BreakingNews

    shown: dict[str, list[str]] = {}
    for item in BreakingNews.objects.active().select_related("service"):
        shown.setdefault(item.service.slug, [item.headline, item.url or ""])
    return shown


@dataclass
class Changes:
    render: list[str]
    removed: list[str]  # addresses of pages gone since (their files and trees go)
    full: bool = False  # something every page shows changed: render everything
    # Listing trees (``/ru/gorod/page/``) whose every exported page is rendered
    # again: an article that left moved each archive page after it up by one.
    trees: list[str] = field(default_factory=list)


def removal_trees(article) -> list[str]:
    """The archive trees an article that left was listed in."""
    service = article.service
    trees = [article.get_parent().url + "page/"]
    topic_index = service.topic_index_page()
    if topic_index is not None:
        trees += [topic_index.topic_url(tag) + "page/" for tag in article.tags.all()]
    trees += [author.url + "page/" for author in article.authors()]
    if service.corrections_url():
        trees.append(service.corrections_url() + "page/")
    # Its text-only copy (answers 404 now, so its files go) and the edition's archive.
    trees += [affected.text_copy_tree(article.url), service.url + "text/page/"]
    return trees


def changes_since(
    state: dict,
    known: dict[str, int],
    pages: dict[str, int],
    shown: dict[str, list[str]],
    service=None,
) -> Changes:
    """What an incremental export must render and remove, from the database alone.

    Pages published since the last export (``last_published_at``, which
    scheduled publishing sets too) are rendered with every listing that
    shows them; pages no longer live, private or moved are removed, and the
    listings they were in are rendered again. A change above the articles (a
    section, a service's home) or a breaking-news transition shows on every
    page of the service: then everything is rendered. So does a different
    breaking-news banner (``shown`` now, against the one recorded): a
    mirror's pages show the one current at export.

    ``known`` and ``pages`` map addresses to page ids, as recorded by the
    last export and live now.
    """
    from wagtail.models import Page

    from kolokol.articles.models import ArticlePage
    from kolokol.core.sitefacts import UPPER_DEPTH

    since = state["exported_at"]
    if state.get("banners") != shown:
        return Changes([], [], full=True)
    changed = Page.objects.filter(
        pk__in=Page.objects.live()
        .filter(last_published_at__gte=datetime.fromtimestamp(since, UTC))
        .values("pk")
    )
    if service is not None:
        changed = changed.descendant_of(service, inclusive=True)
    if changed.filter(depth__lte=UPPER_DEPTH).exists():
        return Changes([], [], full=True)
    removed = [url for url, pk in known.items() if pages.get(url) != pk]
    # Published since, or at an address it did not have (moved, renamed).
    fresh = set(changed.values_list("pk", flat=True)) | {
        pk for url, pk in pages.items() if known.get(url) != pk
    }
    render: list[str] = []
    trees: list[str] = []
    for page in Page.objects.filter(pk__in=fresh).specific():
        if page.url in pages:
            render += [page.url, *affected.listing_urls(page)]
    for url in removed:
        # A page left this address: the listing it was in, and the archive
        # pages after it, which moved up by one.
        parent = url.rstrip("/").rsplit("/", 1)[0] + "/"
        render.append(parent)
        trees.append(parent + "page/")
        if text_copy := affected.text_copy_tree(url):
            trees.append(text_copy)
    # Pages no longer public anywhere (unpublished, private): every listing,
    # feed and sitemap that showed them. An article is listed in known
    # places; any other page (a section, an author) or one deleted outright
    # may be linked from anywhere, so then everything is rendered.
    left = {known[url] for url in removed} - set(pages.values())
    still = list(Page.objects.filter(pk__in=left).specific())
    if len(still) < len(left) or not all(isinstance(p, ArticlePage) for p in still):
        return Changes([], [], full=True)
    for article in still:
        render += affected.listing_urls(article) + affected.related_listers(article)
        trees += removal_trees(article)
    return Changes(list(dict.fromkeys(render)), removed, trees=list(dict.fromkeys(trees)))


def export(
    directory: Path,
    urls: list[str] | Callable[[], list[str]],
    service_homes: Iterable,
    *,
    base_url: str = "",
    incremental: bool = False,
    jobs: int = 1,
    service=None,
    progress: Callable[[Iterable, int], Iterable] = lambda items, _total: items,
    keep: Callable[[str], bool] = lambda _path: False,
    relative_links: bool = False,
) -> Report:
    """Write the mirror; ``incremental`` renders only what changed since the last export.

    ``urls`` (every public address) may be a function: an incremental export
    that finds what changed from the database never needs the full list.
    ``relative_links``: every link relative to its page, for a mirror read from files.
    """
    from kolokol.seo.publishing import needs_address

    mirror = Mirror(directory, base_url, incremental, relative_links)
    directory.mkdir(parents=True, exist_ok=True)
    mirror.load_manifest()
    started = time.time()
    pages, shown = live_pages(service), banners()
    scope = {"service": service.slug if service is not None else None, "base_url": base_url}
    if relative_links:
        scope["relative"] = True
    held = held_services(mirror, service)
    changes = None
    if incremental and mirror.state.get("scope") == scope and "exported_at" in mirror.state:
        changes = changes_since(mirror.state, mirror.known_pages, pages, shown, service)
        if changes.full:
            changes = None
    if changes is not None:
        # Everything stays as it is but what is rendered again or removed.
        for url in changes.removed:
            prefix = page_file(url).removesuffix("index.html")
            for relative in mirror.manifest.paths_under(prefix) if prefix else ():
                mirror.remove(relative)
        urls = changes.render + [
            "/" + path.removesuffix("index.html")
            for tree in changes.trees
            for path in mirror.manifest.paths_under(page_file(tree).removesuffix("index.html"))
            if path.endswith("/index.html")
        ]
        urls = list(dict.fromkeys(urls))
    elif callable(urls):
        urls = urls()
    assets: set[str] = set()
    if not base_url:
        urls = [url for url in urls if not needs_address(url)]
    for url, status, body in progress(rendered(urls, jobs, base_url, held), len(urls)):
        if status != 200:
            if changes is not None and status == 404:
                mirror.remove(page_file(url))  # a listing page that is no more
                continue
            mirror.report.failed.append(f"{url} ({status})")
            continue
        if not url.endswith("/"):
            body, named = rewrite_feed(body, base_url, url, relative=relative_links)
            assets |= named
            mirror.write(page_file(url), body)
            continue
        assets |= assets_in(body)
        own = url if relative_links else ""
        mirror.write(page_file(url), rewrite(body, mirror.base_path, own))
    if changes is None:
        for home in service_homes:
            with mirroring.exporting(base_url, held):
                placeholder = search_placeholder(home)
            own_search = home.url + "search/"
            mirror.write(
                page_file(home.url + "search/"),
                rewrite(placeholder, mirror.base_path, own_search if relative_links else ""),
            )
    for asset in sorted(assets):
        if changes is not None and mirror.has(asset.lstrip("/")):
            continue  # files under /static/ and /media/ never change in place
        source = asset_source(asset)
        if source is None:
            mirror.report.failed.append(f"{asset} (missing)")
            continue
        mirror.write(asset.lstrip("/"), source.read_bytes())
    # The banners as they were when rendering started: one that changed
    # meanwhile differs from the record, so the next export renders it.
    mirror.state = {"scope": scope, "exported_at": started, "banners": shown}
    return mirror.finish(pages, keep, complete=changes is None)


def held_services(mirror: Mirror, service=None) -> frozenset[str] | None:
    """The service homes a mirror of ``service`` holds: it, and others already in the folder.

    None for a mirror of the whole site. One-service exports may share a
    folder; each links to (and lists at the root) every service there.
    """
    from kolokol.services.models import ServiceHomePage

    if service is None:
        return None
    others = ServiceHomePage.objects.live().exclude(pk=service.pk)
    return frozenset(
        [service.url, *(home.url for home in others if mirror.has(page_file(home.url)))]
    )


def export_site(
    directory: Path,
    *,
    service: str = "",
    base_url: str = "",
    incremental: bool = False,
    jobs: int = 1,
    progress: Callable[[Iterable, int], Iterable] = lambda items, _total: items,
    relative: bool = False,
) -> Report:
    """Export every live service, or the one with slug ``service``, into ``directory``.

    Raises LookupError when there is no such live service, manifest.Busy
    when another export is writing ``directory``.
    """
    from kolokol.services.models import ServiceHomePage

    homes = ServiceHomePage.objects.live()
    if service:
        homes = homes.filter(slug=service)
        if not homes:
            raise LookupError(f"no live service with slug {service!r}")
    home = homes.first() if service else None

    def every_url() -> list[str]:
        from kolokol.seo.publishing import SITE_FILES

        urls = public_urls(home)
        # The root of any mirror is a page (the portal, listing the services
        # the folder holds), with robots.txt and the sitemap index beside it.
        urls = [extra for extra in ["/", *SITE_FILES] if extra not in urls] + urls
        return urls

    # A one-service export into a folder shared with others must not
    # delete the other services' files.
    prefix = home.url.strip("/") + "/" if home else ""

    def keep(path: str) -> bool:
        return bool(prefix) and not path.startswith((prefix, "static/", "media/"))

    directory.mkdir(parents=True, exist_ok=True)
    with manifest.exclusive(directory):
        return export(
            directory,
            every_url,
            list(homes),
            base_url=base_url,
            incremental=incremental,
            jobs=jobs,
            service=home,
            progress=progress,
            keep=keep,
            relative_links=relative,
        )
