"""The rendered store on disk."""

import contextlib
import gzip
import threading
import time

import brotli
import pytest

from kolokol.publishing.store import DiskStore, UnsafePath


@pytest.fixture
def store(tmp_path):
    return DiskStore(tmp_path)


def test_pages_are_kept_with_compressed_variants(store, tmp_path):
    body = "<!doctype html><p>Мост открыт</p>".encode()
    store.put("/ru/gorod/most/", body)
    assert (tmp_path / "ru/gorod/most/index.html").read_bytes() == body
    br = store.get("/ru/gorod/most/", "gzip, deflate, br")
    assert br.encoding == "br" and brotli.decompress(br.path.read_bytes()) == body
    gz = store.get("/ru/gorod/most/", "gzip")
    assert gz.encoding == "gzip" and gzip.decompress(gz.path.read_bytes()) == body
    plain = store.get("/ru/gorod/most/", "")
    assert plain.encoding is None and plain.content_type.startswith("text/html")
    assert plain.etag.startswith('"') and plain.etag != br.etag


@pytest.mark.parametrize(
    "path", ["/../etc/passwd", "/ru/../../x/", "/ru/.transitions", "relative/", "/a\\b/"]
)
def test_paths_outside_the_store_are_refused(store, path):
    with pytest.raises(UnsafePath):
        store.file_for(path)
    assert store.get(path) is None


def test_a_purge_from_another_server_keeps_what_this_one_rendered_since(store):
    # Another server's publish at t=100 reaches this store later: the pages
    # stored before it go, a page this server rendered after it stays, and a
    # render begun before it cannot put its page back.
    store.put("/ru/topics/a/", b"old", mtime=90)
    store.put("/ru/topics/b/page/2/", b"old", mtime=95)
    store.put("/ru/topics/c/", b"fresh", mtime=105)
    store.delete_tree("/ru/topics/", before=100)
    assert store.get("/ru/topics/a/") is None and store.get("/ru/topics/b/page/2/") is None
    assert store.get("/ru/topics/c/").path.read_bytes() == b"fresh"
    assert store.put("/ru/topics/a/", b"late", mtime=99, if_newer=True) is None
    assert store.put("/ru/topics/a/", b"new", mtime=101, if_newer=True) is not None


def test_readers_never_see_a_partial_page(store):
    """Replace a page again and again while readers read it: only whole versions."""
    versions = [bytes([65 + i]) * 200_000 for i in range(5)]
    store.put("/en/story/", versions[0])
    seen, stop = set(), threading.Event()

    def read():
        while not stop.is_set():
            for encoding in ("", "gzip", "br"):
                stored = store.get("/en/story/", encoding)
                data = stored.path.read_bytes()
                if stored.encoding == "br":
                    data = brotli.decompress(data)
                elif stored.encoding == "gzip":
                    data = gzip.decompress(data)
                seen.add(data)

    readers = [threading.Thread(target=read) for _ in range(3)]
    for reader in readers:
        reader.start()
    for round_ in range(40):
        store.put("/en/story/", versions[round_ % len(versions)])
    stop.set()
    for reader in readers:
        reader.join()
    assert seen and seen <= set(versions)


def test_the_in_memory_copy_of_stored_pages_stays_within_its_byte_budget(store):
    from kolokol.publishing.fastpath import StoredFileCache

    bodies = StoredFileCache(limit=50_000)
    for n in range(20):
        store.put(f"/en/story-{n}/", bytes([65 + n]) * 10_000)
        assert bodies.read(store.get(f"/en/story-{n}/")) == bytes([65 + n]) * 10_000
    assert bodies.used <= 50_000 and len(bodies.items) == 5
    store.put("/en/story-19/", b"changed")  # a new version replaces the cached one
    assert bodies.read(store.get("/en/story-19/")) == b"changed"


@contextlib.contextmanager
def purging(store, url_path):
    """Another publish removing the tree at ``url_path`` every 2 ms, far more often than real ones."""
    stop = threading.Event()

    def remove_trees():
        while not stop.wait(0.002):
            store.delete_tree(url_path)

    remover = threading.Thread(target=remove_trees)
    remover.start()
    try:
        yield
    finally:
        stop.set()
        remover.join()


def test_a_page_is_stored_even_while_its_listing_tree_is_being_removed(store):
    # Publishing renders a topic's feed while the next publish removes the
    # topic pages' tree (two threads, or two app processes).
    failures = []
    with purging(store, "/en/topics/"):
        for n in range(300):
            try:
                store.put(f"/en/topics/tides-{n % 5}/feed.rss", b"<rss/>")
            except OSError as error:
                failures.append(error)
    assert failures == []


def test_a_dated_page_has_its_date_when_it_appears_even_while_its_tree_is_removed(store):
    # The publisher dates a page from when its rendering started; the date is
    # set before the rename, so a purge between writing and dating (another
    # publish) cannot make the store fail, and no reader sees another date.
    failures = []
    with purging(store, "/en/"):
        for n in range(300):
            try:
                target = store.put("/en/story/", b"<p>story</p>" * 50, mtime=1_000_000 + n)
            except OSError as error:
                failures.append(error)
                continue
            for suffix in ("", ".br", ".gz"):
                with contextlib.suppress(FileNotFoundError):  # purged already
                    assert target.with_name(target.name + suffix).stat().st_mtime == 1_000_000 + n
    assert failures == []


def test_a_render_begun_before_a_purge_does_not_put_its_page_back(store):
    # A reader's render of an article starts; the article is unpublished and
    # its section's tree purged; the render ends. nginx must not get it back.
    store.put("/ru/gorod/most/", b"old")
    started = time.time()
    time.sleep(0.01)
    store.delete_tree("/ru/gorod/")
    assert store.put("/ru/gorod/most/", b"old", mtime=started, if_newer=True) is None
    assert store.get("/ru/gorod/most/") is None
    # A purge of the whole store covers every page under it.
    store.delete_tree("/")
    assert store.put("/en/town/bridge/", b"old", mtime=started, if_newer=True) is None
    # What the publisher renders after the purge is stored.
    assert store.put("/ru/gorod/most/", b"new", mtime=time.time(), if_newer=True)
    assert store.get("/ru/gorod/most/").path.read_bytes() == b"new"


def test_a_publish_during_a_slow_compression_is_not_overwritten_by_the_older_render(store):
    # A large page takes Brotli 11 seconds to compress; the publisher stores
    # the new version meanwhile. The older render must lose, whoever finishes last.
    import random

    words = [bytes(random.choices(range(97, 123), k=random.randint(2, 9))) for _ in range(4000)]
    old = b"<!doctype html>" + b" ".join(random.choices(words, k=400_000))
    started = time.time()
    reader = threading.Thread(
        target=store.put, args=("/ru/gorod/most/", old), kwargs={"mtime": started, "if_newer": True}
    )
    reader.start()
    time.sleep(0.2)
    assert reader.is_alive(), "the old page compressed too fast to overlap the publish"
    store.put("/ru/gorod/most/", b"new", mtime=time.time())
    reader.join()
    assert store.get("/ru/gorod/most/").path.read_bytes() == b"new"


def test_a_late_finding_that_a_page_is_gone_neither_removes_a_newer_copy_nor_blocks_later_renders(
    store,
):
    # The publisher's render finds a page gone (404) while a later render
    # has already stored it again (republished meanwhile): the copy stays.
    found_gone = time.time()
    time.sleep(0.01)
    store.put("/ru/gorod/most/", b"back", mtime=time.time())
    assert store.delete("/ru/gorod/most/", seen_gone_at=found_gone) is False
    assert store.get("/ru/gorod/most/").path.read_bytes() == b"back"
    # Removed, the marker carries when the page was found gone, not when the
    # removal ran: a render begun in between saw it gone too (or back) and may store.
    store.put("/en/town/bridge/", b"old", mtime=time.time() - 60)
    found_gone = time.time()
    time.sleep(0.01)
    begun_between = time.time()
    time.sleep(0.01)
    assert store.delete("/en/town/bridge/", seen_gone_at=found_gone) is True
    assert store.get("/en/town/bridge/") is None
    assert store.put("/en/town/bridge/", b"older", mtime=found_gone - 1, if_newer=True) is None
    assert store.put("/en/town/bridge/", b"back", mtime=begun_between, if_newer=True)
